#include "params.h"

#include <string.h>
#include <strings.h>

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		size_t n;
		unsigned min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1; min = 0x80; c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2; min = 0x800; c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3; min = 0x10000; c &= 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) <= n)
			return false;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
		p += n + 1;
	}
	return true;
}

void params_add(struct arena *a, struct params *p, const char *name, const char *value, size_t len)
{
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct param *items = arena_alloc(a, cap * sizeof *items);
		if (p->count)
			memcpy(items, p->items, p->count * sizeof *items);
		p->items = items;
		p->cap = cap;
	}
	p->items[p->count++] = (struct param){name, value, len, NULL};
}

const char *params_get_nth(const struct params *p, const char *name, size_t index)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0 && index-- == 0)
			return p->items[i].value;
	return NULL;
}

const char *params_get(const struct params *p, const char *name)
{
	return params_get_nth(p, name, 0);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes one urlencoded component into arena memory; NULL when invalid. */
static char *url_decode(struct arena *a, const char *s, size_t len, size_t *out_len)
{
	char *out = arena_alloc(a, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= len)
				return NULL;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == 0)
			return NULL;
		out[n++] = c;
	}
	out[n] = 0;
	if (!utf8_valid(out, n))
		return NULL;
	*out_len = n;
	return out;
}

int params_parse_urlencoded(struct arena *a, struct params *out, const char *data, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && data[i] != '&')
			i++;
		size_t end = i++;
		if (end == start)
			continue;
		const char *eq = memchr(data + start, '=', end - start);
		size_t name_end = eq ? (size_t)(eq - data) : end;
		size_t value_start = eq ? name_end + 1 : end;
		size_t name_len, value_len;
		char *name = url_decode(a, data + start, name_end - start, &name_len);
		char *value = url_decode(a, data + value_start, end - value_start, &value_len);
		if (!name || !value)
			return PARAMS_INVALID;
		if (out->count >= PARAMS_MAX)
			return PARAMS_TOO_MANY;
		params_add(a, out, name, value, value_len);
	}
	return PARAMS_OK;
}

static const char *mem_find(const char *hay, size_t hay_len, const char *needle, size_t needle_len)
{
	if (needle_len == 0 || hay_len < needle_len)
		return NULL;
	return memmem(hay, hay_len, needle, needle_len);
}

const char *params_multipart_boundary(struct arena *a, const char *content_type)
{
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0)
		return NULL;
	const char *b = strcasestr(content_type, "boundary=");
	if (!b)
		return NULL;
	b += 9;
	size_t n;
	if (*b == '"') {
		b++;
		const char *q = strchr(b, '"');
		if (!q)
			return NULL;
		n = (size_t)(q - b);
	} else {
		n = strcspn(b, "; \t");
	}
	if (n == 0 || n > 70)
		return NULL;
	return arena_strndup(a, b, n);
}

/* The value of filename="..." in a Content-Disposition line (without a path), or "". */
static char *disposition_filename(struct arena *a, const char *line, size_t len)
{
	const char *f = mem_find(line, len, "filename=\"", 10);
	if (!f)
		return "";
	f += 10;
	const char *q = memchr(f, '"', (size_t)(line + len - f));
	if (!q)
		return "";
	char *name = arena_strndup(a, f, (size_t)(q - f));
	char *slash = strrchr(name, '/'), *backslash = strrchr(name, '\\');
	if (backslash > slash)
		slash = backslash;
	if (slash)
		name = slash + 1;
	return utf8_valid(name, strlen(name)) ? name : "";
}

/* Finds name="..." in a Content-Disposition header line; *filename: a file part's name. */
static char *disposition_name(struct arena *a, const char *headers, size_t len, bool *is_file, char **filename)
{
	const char *end = headers + len;
	const char *line = headers;
	char *name = NULL;
	*is_file = false;
	while (line < end) {
		const char *eol = mem_find(line, (size_t)(end - line), "\r\n", 2);
		if (!eol)
			eol = end;
		size_t line_len = (size_t)(eol - line);
		if (line_len > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
			const char *n = mem_find(line, line_len, "name=\"", 6);
			/* make sure it is name=, not filename= */
			while (n && n > line && (n[-1] != ' ' && n[-1] != ';'))
				n = mem_find(n + 6, (size_t)(eol - (n + 6)), "name=\"", 6);
			if (n) {
				n += 6;
				const char *q = memchr(n, '"', (size_t)(eol - n));
				if (!q)
					return NULL;
				name = arena_strndup(a, n, (size_t)(q - n));
			}
			if (mem_find(line, line_len, "filename=", 9)) {
				*is_file = true;
				*filename = disposition_filename(a, line, line_len);
			}
		}
		line = eol + 2;
	}
	return name;
}

int params_parse_multipart(struct arena *a, struct params *out, const char *data, size_t len,
                           const char *boundary)
{
	return params_parse_multipart_files(a, out, NULL, data, len, boundary);
}

int params_parse_multipart_files(struct arena *a, struct params *out, struct params *files, const char *data,
                                 size_t len, const char *boundary)
{
	if (!boundary || !*boundary)
		return PARAMS_INVALID;
	char *delim = arena_printf(a, "--%s", boundary);
	size_t dlen = strlen(delim);
	const char *p = mem_find(data, len, delim, dlen);
	const char *end = data + len;
	if (!p)
		return PARAMS_INVALID;
	for (;;) {
		p += dlen;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return PARAMS_OK; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return PARAMS_INVALID;
		p += 2;
		const char *hdr_end = mem_find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hdr_end)
			return PARAMS_INVALID;
		bool is_file;
		char *filename = NULL;
		char *name = disposition_name(a, p, (size_t)(hdr_end - p), &is_file, &filename);
		const char *body = hdr_end + 4;
		char *close = arena_printf(a, "\r\n%s", delim);
		const char *next = mem_find(body, (size_t)(end - body), close, dlen + 2);
		if (!next || !name || (is_file && !files) || !utf8_valid(name, strlen(name)))
			return PARAMS_INVALID;
		size_t vlen = (size_t)(next - body);
		if (is_file) { /* any bytes: the handler's reader judges them */
			if (files->count >= PARAMS_MAX)
				return PARAMS_TOO_MANY;
			params_add(a, files, name, arena_strndup(a, body, vlen), vlen);
			files->items[files->count - 1].filename = filename;
			p = next + 2;
			continue;
		}
		if (memchr(body, 0, vlen) || !utf8_valid(body, vlen) || !utf8_valid(name, strlen(name)))
			return PARAMS_INVALID;
		if (out->count >= PARAMS_MAX)
			return PARAMS_TOO_MANY;
		params_add(a, out, name, arena_strndup(a, body, vlen), vlen);
		p = next + 2;
	}
}

void params_parse_cookies(struct arena *a, struct params *out, const char *header)
{
	if (!header)
		return;
	const char *p = header;
	while (*p && out->count < PARAMS_MAX) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *start = p;
		while (*p && *p != ';')
			p++;
		const char *eq = memchr(start, '=', (size_t)(p - start));
		if (!eq || eq == start)
			continue;
		const char *v = eq + 1, *vend = p;
		if (vend - v >= 2 && *v == '"' && vend[-1] == '"') {
			v++;
			vend--;
		}
		params_add(a, out, arena_strndup(a, start, (size_t)(eq - start)),
		           arena_strndup(a, v, (size_t)(vend - v)), (size_t)(vend - v));
	}
}
