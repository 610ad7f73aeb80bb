#ifndef STAGEMATCH_PARAMS_H
#define STAGEMATCH_PARAMS_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/*
 * Request parameters: query strings, urlencoded and multipart form bodies, cookies.
 * Parsers are pure functions over bytes (fuzzed in tests/fuzz) and allocate in the
 * request's arena. Names and values are NUL-terminated; a value containing a NUL byte
 * or invalid UTF-8 makes the whole input invalid, so handlers only ever see clean text.
 */
struct param {
	const char *name;
	const char *value;
	size_t len; /* value length in bytes */
	const char *filename; /* an uploaded file's name (without its folder); NULL for other fields */
};

struct params {
	struct param *items;
	size_t count, cap;
};

enum params_status { PARAMS_OK = 0, PARAMS_INVALID = -1, PARAMS_TOO_MANY = -2 };

#define PARAMS_MAX 512 /* fields per request */

int params_parse_urlencoded(struct arena *a, struct params *out, const char *data, size_t len);
/* boundary is the value of the Content-Type's boundary= parameter. File parts are refused. */
int params_parse_multipart(struct arena *a, struct params *out, const char *data, size_t len,
                           const char *boundary);
/* The same, but file parts go into files (value: the file's bytes, any bytes, NUL-terminated
 * copy of len bytes; filename set) instead of being refused. */
int params_parse_multipart_files(struct arena *a, struct params *out, struct params *files, const char *data,
                                 size_t len, const char *boundary);
/* Parses a Cookie header ("a=b; c=d"). Malformed pairs are skipped. */
void params_parse_cookies(struct arena *a, struct params *out, const char *header);
/* Extracts the boundary parameter from a multipart/form-data Content-Type, or NULL. */
const char *params_multipart_boundary(struct arena *a, const char *content_type);

void params_add(struct arena *a, struct params *p, const char *name, const char *value, size_t len);
/* First value of name, or NULL. */
const char *params_get(const struct params *p, const char *name);
/* The index-th value of name (for repeated fields such as checkboxes), or NULL. */
const char *params_get_nth(const struct params *p, const char *name, size_t index);

bool utf8_valid(const char *s, size_t len);

#endif
