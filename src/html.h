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
/* Appends s percent-encoded for a URL query value or path segment (RFC 3986 unreserved kept). */
void url_encode_into(struct buf *out, const char *s);

#endif
