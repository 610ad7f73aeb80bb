/* libFuzzer: the CSV writer. Whatever the values hold, the written file reads back, through
 * the RFC 4180 reader, as the same records with the same fields: each field is the value
 * itself, or the value with a single quote in front when it had to be neutralised. The
 * input is split into records at 0x1E and into fields at 0x1F (NUL cannot be in a value). */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	size_t len = strlen(text); /* values are C strings: stop at a NUL */

	/* Write: records split at 0x1E, fields at 0x1F. */
	struct buf out = {0};
	csv_begin(&out);
	size_t records = 0;
	for (char *rec = text; len && rec <= text + len;) {
		records++;
		char *rec_end = strchr(rec, 0x1E);
		if (rec_end)
			*rec_end = 0;
		bool first = true;
		for (char *f = rec;;) {
			char *f_end = strchr(f, 0x1F);
			if (f_end)
				*f_end = 0;
			csv_field(&out, f, first);
			first = false;
			if (!f_end)
				break;
			*f_end = 0x1F;
			f = f_end + 1;
		}
		csv_end_record(&out);
		if (!rec_end)
			break;
		*rec_end = 0x1E;
		rec = rec_end + 1;
	}

	/* Read back and compare, field by field. */
	struct csv_reader rd;
	csv_reader_init(&rd, out.data, out.len);
	struct buf field = {0};
	size_t read_records = 0;
	for (char *rec = text; len && rec <= text + len;) {
		read_records++;
		char *rec_end = strchr(rec, 0x1E);
		size_t rec_len = rec_end ? (size_t)(rec_end - rec) : strlen(rec);
		for (char *f = rec;;) {
			char *f_end = memchr(f, 0x1F, rec_len - (size_t)(f - rec));
			size_t f_len = f_end ? (size_t)(f_end - f) : rec_len - (size_t)(f - rec);
			char *value = strndup(f, f_len);
			char *expected = csv_written_value(value);
			enum csv_status st = csv_read_field(&rd, &field);
			assert(st == (f_end ? CSV_FIELD : CSV_LAST));
			assert(field.len == strlen(expected) && memcmp(field.data, expected, field.len) == 0);
			free(expected);
			free(value);
			if (!f_end)
				break;
			f = f_end + 1;
		}
		if (!rec_end)
			break;
		rec = rec_end + 1;
	}
	assert(read_records == records);
	assert(csv_read_field(&rd, &field) == CSV_END);
	buf_free(&field);
	buf_free(&out);
	free(text);
	return 0;
}
