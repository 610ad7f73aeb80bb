#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "buf.h"

/* A byte that a bare logfmt value may hold: printable ASCII except space, quote, = and \. */
static int bare(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != '"' && c != '=' && c != '\\';
}

static void put_escaped_byte(struct buf *out, unsigned char c)
{
	switch (c) {
	case '"': buf_puts(out, "\\\""); break;
	case '\\': buf_puts(out, "\\\\"); break;
	case '\n': buf_puts(out, "\\n"); break;
	case '\r': buf_puts(out, "\\r"); break;
	case '\t': buf_puts(out, "\\t"); break;
	default:
		if (c < ' ' || c == 0x7f)
			buf_printf(out, "\\u%04x", c);
		else
			buf_putc(out, (char)c);
	}
}

/* Set once at start (log_hide_tokens), before any thread logs. */
static size_t (*token_prefix_fn)(const char *s, size_t len);

void log_hide_tokens(size_t (*token_prefix)(const char *s, size_t len))
{
	token_prefix_fn = token_prefix;
}

static size_t token_prefix(const char *s, size_t len)
{
	return token_prefix_fn ? token_prefix_fn(s, len) : 0;
}

/*
 * One value by logfmt rules: bare when it is one plain word, else in double quotes with
 * " \ and control characters escaped, so no value can close its quote or start a field.
 * The secret part of a token-bearing path (an e-mail link's token: everything after
 * "/activeren/" up to the next space) is written as "*", wherever the path appears.
 */
static void put_value(struct buf *out, const char *s, size_t max)
{
	if (!s)
		s = "";
	size_t len = 0;
	while (len < max && s[len])
		len++;
	struct buf v = {0};
	for (size_t i = 0; i < len; i++) {
		size_t prefix = s[i] == '/' ? token_prefix(s + i, len - i) : 0;
		if (!prefix) {
			buf_putc(&v, s[i]);
			continue;
		}
		buf_append(&v, s + i, prefix);
		buf_putc(&v, '*');
		i += prefix;
		while (i < len && s[i] != ' ' && s[i] != '"' && s[i] != '\'' && s[i] != '`' && s[i] != '\n')
			i++;
		i--;
	}
	bool plain = v.len > 0;
	for (size_t i = 0; i < v.len && plain; i++)
		plain = bare((unsigned char)v.data[i]);
	if (plain) {
		buf_append(out, v.data, v.len);
	} else {
		buf_putc(out, '"');
		for (size_t i = 0; i < v.len; i++)
			put_escaped_byte(out, (unsigned char)v.data[i]);
		buf_putc(out, '"');
	}
	buf_free(&v);
}

static void log_line(const char *level, const char *event, const char *fmt, va_list ap)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	struct buf line = {0};
	buf_printf(&line, "time=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s event=%s ", tm.tm_year + 1900,
	           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000, level, event);
	buf_vformat_with(&line, put_value, fmt, ap);
	for (size_t i = 0; i < line.len; i++) /* one record, one line (fmt's own text included) */
		if (line.data[i] == '\n' || line.data[i] == '\r')
			line.data[i] = ' ';
	buf_putc(&line, '\n');
	fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

void log_info(const char *event, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("info", event, fmt, ap);
	va_end(ap);
}

void log_error(const char *event, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("error", event, fmt, ap);
	va_end(ap);
}
