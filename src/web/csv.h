#ifndef STAGEMATCH_CSV_H
#define STAGEMATCH_CSV_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * CSV as Excel with a Belgian/Dutch locale opens it on a double-click: UTF-8 with a
 * byte order mark, ';' between fields, CRLF after each record, RFC 4180 quoting (a field
 * holding the separator, a quote, CR or LF is put in double quotes, quotes doubled).
 *
 * Against formula injection, a field that starts with '=', '+', '-', '@', a tab or a CR
 * is neutralised: it is written with a single quote in front, so a spreadsheet shows it
 * as text and never evaluates it. Pure functions over buffers: unit-tested and fuzzed
 * (a round trip through csv_read_field() gives back csv_written_value() of the input).
 */

#define CSV_SEPARATOR ';'
#define CSV_BOM "\xEF\xBB\xBF"

/* Appends the byte order mark; call once, before the first record. */
void csv_begin(struct buf *out);
/* Appends one field: the separator first unless it is the record's first field. */
void csv_field(struct buf *out, const char *value, bool first);
/* Ends the record (CRLF). */
void csv_end_record(struct buf *out);

/* Whether csv_field() puts a single quote in front of value. */
bool csv_needs_neutralising(const char *value);
/* What a reader gets back for value: value itself, or "'" + value when neutralised. */
char *csv_written_value(const char *value);   /* malloc'd; the caller frees it */

/*
 * A reader for what csv_field() writes (and RFC 4180 CSV with ';' in general): used by
 * the tests and the fuzz round trip. It reads over data without copying it; fields are
 * decoded into a buffer the caller gives.
 */
struct csv_reader {
	const char *p, *end;
	bool at_record_start;
};
enum csv_status {
	CSV_FIELD = 1,       /* a field, and more follow in this record */
	CSV_LAST = 2,        /* the record's last field */
	CSV_END = 0,         /* no more records */
	CSV_INVALID = -1,    /* a quote where none may be, or an unterminated quoted field */
};
/* Starts reading data; skips a leading byte order mark. */
void csv_reader_init(struct csv_reader *rd, const char *data, size_t len);
/* Reads the next field into field (reset first, NUL-terminated). */
enum csv_status csv_read_field(struct csv_reader *rd, struct buf *field);

#endif
