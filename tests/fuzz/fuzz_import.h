/* The one check of the import readers' fuzz targets (fuzz_import_*.c): whatever the bytes, a
 * reader answers with a Dutch message or a table within the limits of src/import/table.h. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "../../src/import/table.h"
#include "../../src/http/params.h"

static int fuzz_import(import_reader read, const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct import_table t;
	const char *problem = read(a, (const char *)data, size, &t);
	if (problem) {
		assert(*problem);
	} else {
		assert(t.rows >= 1 && t.rows <= IMPORT_MAX_ROWS + 1 && t.cols >= 1 && t.cols <= IMPORT_MAX_COLS);
		for (size_t r = 0; r < t.rows; r++)
			for (size_t c = 0; c < t.cols; c++) {
				const char *cell = import_cell(&t, r, c);
				size_t n = strlen(cell);
				assert(n <= IMPORT_MAX_CELL && utf8_valid(cell, n));
				for (size_t i = 0; i < n; i++)
					assert((unsigned char)cell[i] >= 0x20 && cell[i] != 0x7f);
			}
	}
	arena_free(a);
	return 0;
}
