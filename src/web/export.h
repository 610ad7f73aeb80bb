#ifndef STAGEMATCH_EXPORT_H
#define STAGEMATCH_EXPORT_H
#include <stdbool.h>
#include <stddef.h>

#include "http.h"

/*
 * Exports of a list, declared once. A feature lists its columns (Dutch header, kind,
 * and where the value comes from in its own row struct) and gives a source of rows;
 * the same declaration writes the CSV (csv.h: streamed, a row at a time) and the .xlsx
 * (libxlsxwriter: bold frozen header, fitted widths, real dates).
 *
 *   struct pupil_line { const char *last_name; const char *starts_on; ... };
 *   static const char *status_text(const void *row, char scratch[EXPORT_SCRATCH]);
 *   static const struct export_column columns[] = {
 *           {"Achternaam", EXPORT_TEXT, EXPORT_MEMBER(struct pupil_line, last_name)},
 *           {"Startdatum", EXPORT_DATE, EXPORT_MEMBER(struct pupil_line, starts_on)},
 *           {"Status", EXPORT_TEXT, EXPORT_GETTER(status_text)},
 *   };
 */

enum export_kind {
	EXPORT_TEXT,     /* text as it is */
	EXPORT_NUMBER,   /* a whole number as text ("" = empty): a number cell in the .xlsx */
	EXPORT_DATE,     /* an ISO date yyyy-mm-dd ("" = empty): dd/mm/yyyy in the CSV, a date cell in the .xlsx */
};

#define EXPORT_SCRATCH 64

struct export_column {
	const char *header;
	enum export_kind kind;
	size_t offset;   /* of a `const char *` member of the row struct, when value is NULL */
	/* The text of the cell: into the row, a constant, or written into scratch. */
	const char *(*value)(const void *row, char scratch[EXPORT_SCRATCH]);
};
#define EXPORT_MEMBER(type, member) offsetof(type, member), NULL
#define EXPORT_GETTER(fn) 0, fn

/* The text of column c for row ("" for NULL). */
const char *export_value(const struct export_column *c, const void *row, char scratch[EXPORT_SCRATCH]);

struct export_source {
	const struct export_column *columns;
	size_t column_count;
	size_t row_size;               /* sizeof the feature's row struct */
	/* Fills row with the next row: 1, or 0 at the end, -1 on an error. Strings in row
	 * may point into the database's row: they are used before next() is called again. */
	int (*next)(void *ctx, void *row);
	/* Frees ctx (closes its cursor). Called exactly once, also when the client goes away. */
	void (*finish)(void *ctx);
	void *ctx;
};

/* Content-Disposition: attachment with file_name (UTF-8) as filename*=UTF-8''..., and
 * an ASCII form of it (accents dropped, unsafe characters replaced) as filename=. */
void export_attachment(struct req *r, const char *file_name);

/*
 * Answers with src as CSV (csv.h): the header row, then one record per row, produced as
 * the client reads them (r->stream), so memory stays small whatever the row count.
 * Takes over src: finish() is called when the response is done.
 */
void export_csv(struct req *r, const struct export_source *src, const char *file_name);

/*
 * Answers with src as an .xlsx: written in libxlsxwriter's constant-memory mode to a
 * temporary file in the data folder, which is then sent and removed. Takes over src.
 * Returns false when the file could not be written; the caller then answers with an
 * error page.
 */
bool export_xlsx(struct req *r, const struct export_source *src, const char *file_name,
                 const char *sheet_name);

/* The columns of the four approved periods ("Stageperiode 1 startdatum" ...), from the members
 * approved_start[i] and approved_end[i] of a row, named through the file's member macro. */
#define EXPORT_APPROVED_PERIOD_COLUMNS(member)                                                    \
	{"Stageperiode 1 startdatum", EXPORT_DATE, member(approved_start[0])},                        \
	{"Stageperiode 1 einddatum", EXPORT_DATE, member(approved_end[0])},                           \
	{"Stageperiode 2 startdatum", EXPORT_DATE, member(approved_start[1])},                        \
	{"Stageperiode 2 einddatum", EXPORT_DATE, member(approved_end[1])},                           \
	{"Stageperiode 3 startdatum", EXPORT_DATE, member(approved_start[2])},                        \
	{"Stageperiode 3 einddatum", EXPORT_DATE, member(approved_end[2])},                           \
	{"Stageperiode 4 startdatum", EXPORT_DATE, member(approved_start[3])},                        \
	{"Stageperiode 4 einddatum", EXPORT_DATE, member(approved_end[3])}

#endif
