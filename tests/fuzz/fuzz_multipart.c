/* libFuzzer: the multipart form parser. The first line of the input is the boundary. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	if (!nl)
		return 0;
	struct arena *a = arena_new();
	char *boundary = arena_strndup(a, text, (size_t)(nl - text));
	struct params p = {0};
	if (params_parse_multipart(a, &p, nl + 1, size - (size_t)(nl - text) - 1, boundary) == PARAMS_OK)
		for (size_t i = 0; i < p.count; i++) {
			assert(strlen(p.items[i].value) == p.items[i].len);
			assert(utf8_valid(p.items[i].value, p.items[i].len));
		}
	/* The same with file parts taken (upload routes): a file may hold any bytes, fields not. */
	struct params fields = {0}, files = {0};
	if (params_parse_multipart_files(a, &fields, &files, nl + 1, size - (size_t)(nl - text) - 1, boundary) == PARAMS_OK) {
		for (size_t i = 0; i < fields.count; i++)
			assert(utf8_valid(fields.items[i].value, fields.items[i].len) && !fields.items[i].filename);
		for (size_t i = 0; i < files.count; i++)
			assert(files.items[i].filename && files.items[i].value[files.items[i].len] == 0);
	}
	struct params cookies = {0};
	params_parse_cookies(a, &cookies, boundary);
	params_multipart_boundary(a, boundary);
	arena_free(a);
	return 0;
}
