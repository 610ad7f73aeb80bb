#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

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

void html(struct buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_append(out, run, (size_t)(p - run));
		/* Collect one conversion: flags, width, length modifier, conversion. */
		char spec[16];
		size_t n = 0;
		spec[n++] = *p++;
		while (*p && strchr("-0 +#", *p) && n < 8)
			spec[n++] = *p++;
		while (*p >= '0' && *p <= '9' && n < 12)
			spec[n++] = *p++;
		int longs = 0, size_t_arg = 0;
		while ((*p == 'l' || *p == 'z') && n < 14) {
			if (*p == 'l')
				longs++;
			else
				size_t_arg = 1;
			spec[n++] = *p++;
		}
		char conv = *p;
		spec[n++] = conv;
		spec[n] = 0;
		char num[64];
		switch (conv) {
		case 's':
			html_escape(out, va_arg(ap, const char *));
			break;
		case 'd':
		case 'i':
			if (size_t_arg)
				snprintf(num, sizeof num, spec, va_arg(ap, ssize_t));
			else if (longs >= 2)
				snprintf(num, sizeof num, spec, va_arg(ap, long long));
			else if (longs == 1)
				snprintf(num, sizeof num, spec, va_arg(ap, long));
			else
				snprintf(num, sizeof num, spec, va_arg(ap, int));
			buf_puts(out, num);
			break;
		case 'u':
		case 'x':
			if (size_t_arg)
				snprintf(num, sizeof num, spec, va_arg(ap, size_t));
			else if (longs >= 2)
				snprintf(num, sizeof num, spec, va_arg(ap, unsigned long long));
			else if (longs == 1)
				snprintf(num, sizeof num, spec, va_arg(ap, unsigned long));
			else
				snprintf(num, sizeof num, spec, va_arg(ap, unsigned int));
			buf_puts(out, num);
			break;
		case '%':
			buf_putc(out, '%');
			break;
		default:
			/* Unsupported conversions are a programming error; show them, never crash. */
			buf_puts(out, spec);
			if (!conv)
				p--;
			break;
		}
		run = p + 1;
	}
	buf_puts(out, run);
	va_end(ap);
}
