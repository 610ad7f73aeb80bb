#ifndef STAGEMATCH_LOG_H
#define STAGEMATCH_LOG_H
#include <stddef.h>

/*
 * One-line key=value log records on stderr (journald picks them up).
 * `event` names what happened; fmt adds key=value pairs, "key=%s" for text: every %s value
 * is written by logfmt rules (quoted and escaped when it is not one plain word), so a value
 * cannot add a field or a line, and a token-bearing path (see log_hide_tokens) never shows
 * its token. Never put quotes around %s in fmt. Never log personal data: no national
 * numbers, names or e-mail addresses in clear.
 */
void log_info(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_error(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Tells the log which paths carry a secret token: token_prefix(s, len) returns the length
 * of the fixed part before the token when s starts with one (router_token_prefix), else 0.
 * Called once at start, before any thread logs. */
void log_hide_tokens(size_t (*token_prefix)(const char *s, size_t len));

#endif
