#ifndef STAGEMATCH_IMPORT_TABLE_H
#define STAGEMATCH_IMPORT_TABLE_H
#include <stdbool.h>
#include <stddef.h>

#include "../core/arena.h"

/*
 * A spreadsheet as a table of strings: what the readers of an uploaded pupil list (CSV,
 * .xlsx, .xls) produce, whatever the file's format. Pure: no I/O, no database; every
 * string lives in the caller's arena, is valid UTF-8 without control characters and is
 * trimmed. Rows that are entirely empty are left out; `line` keeps each row's number in
 * the file (1 = the first row), so messages can point at the row the school sees.
 *
 * Hostile files are bounded here: at most IMPORT_MAX_ROWS rows and IMPORT_MAX_COLS
 * columns, IMPORT_MAX_CELL bytes per cell and IMPORT_MAX_TEXT bytes in all.
 */
#define IMPORT_MAX_ROWS 5000
#define IMPORT_MAX_COLS 100
#define IMPORT_MAX_CELL 2000
#define IMPORT_MAX_TEXT (16u * 1024 * 1024)

struct import_table {
	size_t rows, cols;
	const char **cells;    /* rows * cols, row-major; "" for an empty cell */
	size_t *line;          /* rows: the row's number in the file */
};

/* The cell at row, col ("" outside the table). */
const char *import_cell(const struct import_table *t, size_t row, size_t col);

/* Builds a table from cells given in any order (a reader's output). */
struct table_builder {
	struct arena *arena;
	struct table_cell { size_t row, col; const char *text; } *cells;
	size_t count, cap, max_row, max_col, text_bytes;
	const char *error;     /* the first limit exceeded: a Dutch message */
};
void table_begin(struct table_builder *b, struct arena *a);
/*
 * Adds the text of the cell at 0-based row and col (len bytes of UTF-8; control
 * characters become spaces, surrounding spaces go). Returns false, with b->error set,
 * when a limit is exceeded; the reader then stops.
 */
bool table_add(struct table_builder *b, size_t row, size_t col, const char *text, size_t len);
/* NULL and t filled, or the Dutch message of the first problem (also: no rows at all). */
const char *table_finish(struct table_builder *b, struct import_table *t);

/* The column's letters as a spreadsheet shows them (0 -> "A", 27 -> "AB"); out: 4 bytes. */
void import_column_name(size_t col, char out[4]);

/*
 * The readers. Each returns NULL and fills t, or a Dutch message that says what is wrong
 * with the file and what to do. They never crash on any input (fuzzed in tests/fuzz).
 */
const char *csv_table_read(struct arena *a, const char *data, size_t len, struct import_table *t);
const char *xlsx_table_read(struct arena *a, const char *data, size_t len, struct import_table *t);
const char *xls_table_read(struct arena *a, const char *data, size_t len, struct import_table *t);
#define XLS_UNREADABLE                                                                             \
	"Dit oude Excel-bestand (.xls) kan niet gelezen worden. Open het in Excel, sla het op als .xlsx " \
	"en probeer opnieuw."
typedef const char *(*import_reader)(struct arena *a, const char *data, size_t len, struct import_table *t);
/*
 * Runs read in a child process (src/import/isolate.c), so that a library's bug on a hostile
 * file ends the child, not the caller; broken is the answer when the child fails.
 */
const char *import_read_isolated(import_reader read, struct arena *a, const char *data, size_t len,
                                 struct import_table *t, const char *broken);
/* Picks the reader by the file's first bytes (zip: .xlsx, OLE2: .xls, run isolated; otherwise text). */
const char *import_table_read(struct arena *a, const char *data, size_t len, struct import_table *t);

#endif
