#include "csv.h"

#include <stdlib.h>
#include <string.h>

void csv_begin(struct buf *out)
{
	buf_puts(out, CSV_BOM);
}

bool csv_needs_neutralising(const char *value)
{
	return value && *value && strchr("=+-@\t\r", *value);
}

void csv_field(struct buf *out, const char *value, bool first)
{
	if (!first)
		buf_putc(out, CSV_SEPARATOR);
	if (!value)
		value = "";
	bool neutralise = csv_needs_neutralising(value);
	bool quote = value[strcspn(value, ";\"\r\n")] != 0;
	if (!quote && !neutralise) {
		buf_puts(out, value);
		return;
	}
	if (quote)
		buf_putc(out, '"');
	if (neutralise)
		buf_putc(out, '\'');
	for (const char *run = value;;) {
		size_t n = strcspn(run, "\"");
		buf_append(out, run, n);
		if (!run[n])
			break;
		buf_puts(out, "\"\"");
		run += n + 1;
	}
	if (quote)
		buf_putc(out, '"');
}

void csv_end_record(struct buf *out)
{
	buf_puts(out, "\r\n");
}

char *csv_written_value(const char *value)
{
	size_t n = strlen(value);
	bool neutralise = csv_needs_neutralising(value);
	char *s = malloc(n + 2);
	if (!s)
		abort();
	if (neutralise)
		s[0] = '\'';
	memcpy(s + neutralise, value, n + 1);
	return s;
}

void csv_reader_init(struct csv_reader *rd, const char *data, size_t len)
{
	rd->p = data;
	rd->end = data + len;
	rd->at_record_start = true;
	if (len >= 3 && memcmp(data, CSV_BOM, 3) == 0)
		rd->p += 3;
}

/* After a field: a separator (more follow), a line end or the end of the data (last). */
static enum csv_status field_end(struct csv_reader *rd)
{
	if (rd->p == rd->end) {
		rd->at_record_start = true;
		return CSV_LAST;
	}
	if (*rd->p == CSV_SEPARATOR) {
		rd->p++;
		rd->at_record_start = false;
		return CSV_FIELD;
	}
	if (*rd->p == '\n' || (*rd->p == '\r' && rd->p + 1 < rd->end && rd->p[1] == '\n')) {
		rd->p += *rd->p == '\r' ? 2 : 1;
		rd->at_record_start = true;
		return CSV_LAST;
	}
	return CSV_INVALID;
}

enum csv_status csv_read_field(struct csv_reader *rd, struct buf *field)
{
	buf_reset(field);
	buf_append(field, "", 0);
	if (rd->p == rd->end && rd->at_record_start)
		return CSV_END;
	if (rd->p < rd->end && *rd->p == '"') {
		rd->p++;
		for (;;) {
			const char *q = memchr(rd->p, '"', (size_t)(rd->end - rd->p));
			if (!q)
				return CSV_INVALID;
			buf_append(field, rd->p, (size_t)(q - rd->p));
			rd->p = q + 1;
			if (rd->p < rd->end && *rd->p == '"') { /* a doubled quote */
				buf_putc(field, '"');
				rd->p++;
				continue;
			}
			return field_end(rd);
		}
	}
	const char *start = rd->p;
	while (rd->p < rd->end && *rd->p != CSV_SEPARATOR && *rd->p != '\n' && *rd->p != '\r') {
		if (*rd->p == '"')
			return CSV_INVALID;
		rd->p++;
	}
	buf_append(field, start, (size_t)(rd->p - start));
	return field_end(rd);
}
