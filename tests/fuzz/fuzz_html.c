/* libFuzzer: the escaping output layer. Whatever a value holds, it cannot become markup,
 * and unescaping gives the value back. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t unescape(const char *s, char *out)
{
	static const struct { const char *ent; char c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
	};
	size_t n = 0;
	while (*s) {
		size_t k;
		for (k = 0; k < 5; k++)
			if (strncmp(s, ents[k].ent, strlen(ents[k].ent)) == 0)
				break;
		if (k < 5) {
			out[n++] = ents[k].c;
			s += strlen(ents[k].ent);
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = 0;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = malloc(size + 1);
	memcpy(value, data, size);
	value[size] = 0;
	struct buf b = {0};
	html(&b, "<p title=\"%s\">%s</p>", value, value);
	const char *inner = b.data + strlen("<p title=\"");
	const char *end = strstr(inner, "\">");
	assert(end);
	size_t len = (size_t)(end - inner);
	assert(memchr(inner, '<', len) == NULL && memchr(inner, '"', len) == NULL &&
	       memchr(inner, '\'', len) == NULL && memchr(inner, '>', len) == NULL);
	char *escaped = strndup(inner, len), *back = malloc(len + 1);
	unescape(escaped, back);
	assert(strcmp(back, value) == 0);
	struct buf u = {0};
	url_encode_into(&u, value);
	for (size_t i = 0; u.data && u.data[i]; i++)
		assert(strchr("&<>\"' ", u.data[i]) == NULL);
	free(escaped);
	free(back);
	free(value);
	buf_free(&b);
	buf_free(&u);
	return 0;
}
