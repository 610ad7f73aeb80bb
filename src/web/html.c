#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

/* The entity of each character HTML escaping changes; NULL for the rest. */
static const char *const entity[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

void html_escape(struct buf *out, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = entity[(unsigned char)*s];
		if (!rep)
			continue;
		buf_append(out, run, (size_t)(s - run));
		buf_puts(out, rep);
		run = s + 1;
	}
	buf_append(out, run, (size_t)(s - run));
}

void html_int(struct buf *out, long long n)
{
	char digits[24], *p = digits + sizeof digits;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--p = '-';
	buf_append(out, p, (size_t)(digits + sizeof digits - p));
}

static bool is_iso_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return false;
	return s[10] == 0;
}

/* dd/mm, then /yyyy when with_year; what is not an ISO date goes the slow way. */
static void put_date(struct buf *out, const char *iso, bool with_year)
{
	if (!iso || !*iso)
		return;
	if (!is_iso_date(iso)) {
		char shown[11];
		date_display(iso, shown);
		if (!with_year && shown[0] && shown[2] == '/')
			shown[5] = 0;
		html_escape(out, shown);
		return;
	}
	char d[10] = {iso[8], iso[9], '/', iso[5], iso[6], '/', iso[0], iso[1], iso[2], iso[3]};
	buf_append(out, d, with_year ? 10 : 5);
}

void html_date(struct buf *out, const char *iso)
{
	put_date(out, iso, true);
}

void html_day_month(struct buf *out, const char *iso)
{
	put_date(out, iso, false);
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
