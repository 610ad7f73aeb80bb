#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_escape(struct buf *out, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, run, (size_t)(s - run));
		buf_puts(out, rep);
		run = s + 1;
	}
	buf_append(out, run, (size_t)(s - run));
}

void url_encode_into(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(out, (char)*p);
		} else {
			char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(out, enc, 3);
		}
	}
}

void html_trusted(struct buf *out, const char *markup)
{
	if (markup)
		buf_puts(out, markup);
}

static void put_escaped(struct buf *out, const char *s, size_t max)
{
	if (!s || max == (size_t)-1) {
		html_escape(out, s);
		return;
	}
	char *cut = strndup(s, max);
	html_escape(out, cut);
	free(cut);
}

void html(struct buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vformat_with(out, put_escaped, fmt, ap);
	va_end(ap);
}
