#ifndef STAGEMATCH_LOG_H
#define STAGEMATCH_LOG_H

/*
 * One-line key=value log records on stderr (journald picks them up).
 * `event` names what happened; fmt adds key=value pairs, "key=%s" for text: every %s value
 * is written by logfmt rules (quoted and escaped when it is not one plain word), so a value
 * cannot add a field or a line, and a token-bearing path (router_token_prefix) never shows
 * its token. Never put quotes around %s in fmt. Never log personal data: no national
 * numbers, names or e-mail addresses in clear.
 */
void log_info(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_error(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
