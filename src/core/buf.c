#include "buf.h"

#include <stdio.h>
#include <sys/types.h>
#include <stdlib.h>
#include <string.h>

static void buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p)
		abort();
	b->data = p;
	b->cap = cap;
}

void buf_append(struct buf *b, const void *data, size_t len)
{
	buf_reserve(b, len);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = 0;
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n <= 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *buf_take(struct buf *b, size_t *len)
{
	char *p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_vformat_with(struct buf *out, buf_string_fn put, const char *fmt, va_list ap)
{
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_append(out, run, (size_t)(p - run));
		/* Collect one conversion: flags, width, precision, length modifier, conversion. */
		char spec[24];
		size_t n = 0;
		spec[n++] = *p++;
		while (*p && strchr("-0 +#", *p) && n < 8)
			spec[n++] = *p++;
		while (*p >= '0' && *p <= '9' && n < 12)
			spec[n++] = *p++;
		size_t precision = (size_t)-1;
		if (*p == '.') {
			spec[n++] = *p++;
			precision = 0;
			while (*p >= '0' && *p <= '9' && n < 18) {
				precision = precision * 10 + (size_t)(*p - '0');
				spec[n++] = *p++;
			}
		}
		int longs = 0, size_t_arg = 0;
		while ((*p == 'l' || *p == 'z') && n < 21) {
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
			put(out, va_arg(ap, const char *), precision);
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
}
