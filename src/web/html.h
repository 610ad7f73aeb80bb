#ifndef STAGEMATCH_HTML_H
#define STAGEMATCH_HTML_H
#include "buf.h"

/*
 * HTML output that escapes by default.
 *
 * html(out, fmt, ...) appends fmt, whose literal text is the page's own markup. Every
 * string argument (%s) is escaped for HTML text and quoted attribute values (& < > " '
 * become entities), so a forgotten escape cannot happen. Numbers (%d %ld %lld %u %zu,
 * with widths) are printed as usual. Always quote attribute values.
 *
 * For URLs, pass url_encode()d parts: the result contains no character that HTML
 * escaping changes, so "<a href=\"/x?q=%s\">" with url_encode(q) is safe in both.
 *
 * The only way to emit unescaped text is html_trusted(): grep for it when reviewing.
 */
void html(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_trusted(struct buf *out, const char *markup);

/* Appends s escaped for HTML text or a quoted attribute value. */
void html_escape(struct buf *out, const char *s);
/*
 * Appending without printf, for the lists' hot paths (50 rows of names, dates and
 * numbers). The guarantee of html() holds: html_lit takes only a string literal (the
 * page's own markup; "" x "" does not compile for a variable), every text goes through
 * the escaper, numbers and dates are digits.
 */
#define html_lit(out, markup) buf_append((out), "" markup "", sizeof("" markup "") - 1)
/* The same as html_escape: text escaped for HTML text or a quoted attribute value. */
#define html_text(out, s) html_escape((out), (s))
/* Literal markup, then text escaped: a table cell's "</td><td>" and its value. */
#define html_lit_text(out, markup, text) (html_lit(out, markup), html_text(out, text))
/* A mail link whose text is the address: <a href="mailto:e">e</a>, escaped. */
#define html_mailto(out, email)                                                          \
	(html_lit_text(out, "<a href=\"mailto:", email), html_lit_text(out, "\">", email), \
	 html_lit(out, "</a>"))
void html_int(struct buf *out, long long n);
/* An ISO date (yyyy-mm-dd) as dd/mm/yyyy; anything else as date_display shows it, escaped. */
void html_date(struct buf *out, const char *iso);
/* The same without the year: dd/mm (a period's start when its end has the same year). */
void html_day_month(struct buf *out, const char *iso);

/* Appends s percent-encoded for a URL query value or path segment (RFC 3986 unreserved kept). */
void url_encode_into(struct buf *out, const char *s);

#endif
