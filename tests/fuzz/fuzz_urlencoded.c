/* libFuzzer: the urlencoded form parser. Valid results are clean UTF-8 without NUL. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct params p = {0};
	if (params_parse_urlencoded(a, &p, (const char *)data, size) == PARAMS_OK) {
		assert(p.count <= PARAMS_MAX);
		for (size_t i = 0; i < p.count; i++) {
			assert(strlen(p.items[i].value) == p.items[i].len);
			assert(utf8_valid(p.items[i].name, strlen(p.items[i].name)));
			assert(utf8_valid(p.items[i].value, p.items[i].len));
			assert(params_get(&p, p.items[i].name) != NULL);
		}
	}
	arena_free(a);
	return 0;
}
