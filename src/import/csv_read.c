/*
 * CSV as schools' administration packages and Excel write it: `;` (a Belgian Excel) or
 * `,`, UTF-8 with or without a byte order mark, or Windows-1252 (Excel's "CSV
 * (gescheiden door lijstscheidingsteken)"). Fields are split by Debian's libcsv.
 */
#include <csv.h>
#include <string.h>

#include "../core/buf.h"
#include "../http/params.h"
#include "table.h"

/* Windows-1252's 0x80-0x9F as Unicode code points; 0 where the code page has none. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
	0x0178,
};

static void put_utf8(struct buf *b, unsigned cp)
{
	char out[3];
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, out, 2);
	} else {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, out, 3);
	}
}

/* The text as UTF-8 in the arena, or NULL when a byte is not Windows-1252. */
static char *from_cp1252(struct arena *a, const unsigned char *s, size_t len, size_t *out_len)
{
	struct buf b = {0};
	buf_append(&b, "", 0);
	for (size_t i = 0; i < len; i++) {
		unsigned cp = s[i];
		if (cp >= 0x80 && cp < 0xA0 && !(cp = cp1252_high[cp - 0x80])) {
			buf_free(&b);
			return NULL;
		}
		put_utf8(&b, cp);
	}
	char *text = arena_strndup(a, b.data ? b.data : "", b.len);
	*out_len = b.len;
	buf_free(&b);
	return text;
}

/* The separator: whichever of ; , and tab the first line (outside quotes) has most. */
static unsigned char separator_of(const char *s, size_t len)
{
	size_t semicolons = 0, commas = 0, tabs = 0;
	bool quoted = false;
	for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ';')
			semicolons++;
		else if (!quoted && s[i] == ',')
			commas++;
		else if (!quoted && s[i] == '\t')
			tabs++;
	}
	if (tabs > semicolons && tabs > commas)
		return '\t';
	return commas > semicolons ? ',' : ';';
}

struct csv_state {
	struct table_builder *b;
	size_t row, col;
	bool after_cr;   /* the last end of a line was a CR: a LF right after it ends nothing */
};

static void on_field(void *field, size_t len, void *ctx)
{
	struct csv_state *st = ctx;
	st->after_cr = false;
	table_add(st->b, st->row, st->col++, field ? field : "", field ? len : 0);
}

/* Every line ends a row, empty ones too (CSV_REPALL_NL), so that rows keep the file's numbers. */
static void on_row(int c, void *ctx)
{
	struct csv_state *st = ctx;
	if (c == '\n' && st->after_cr) {
		st->after_cr = false;
		return;
	}
	st->after_cr = c == '\r';
	st->row++;
	st->col = 0;
}

const char *csv_table_read(struct arena *a, const char *data, size_t len, struct import_table *t)
{
	memset(t, 0, sizeof *t);
	if (len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF')))
		return "Dit bestand is opgeslagen als Unicode-tekst (UTF-16). Sla het in Excel op als 'CSV UTF-8' of als "
		       ".xlsx en probeer opnieuw.";
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
			return "Dit bestand kan niet gelezen worden: het is geen CSV-, .xlsx- of .xls-bestand. Exporteer de "
			       "leerlingen uit je administratiepakket als Excel of CSV en probeer opnieuw.";
	}
	const char *text = data;
	size_t text_len = len;
	if (!utf8_valid(data, len) && !(text = from_cp1252(a, (const unsigned char *)data, len, &text_len)))
		return "De tekens in dit bestand kunnen niet gelezen worden. Sla het in Excel op als 'CSV UTF-8' of als "
		       ".xlsx en probeer opnieuw.";

	struct table_builder b;
	table_begin(&b, a);
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
		return "Het bestand kon niet gelezen worden. Probeer opnieuw.";
	csv_set_delim(&p, separator_of(text, text_len));
	struct csv_state st = {.b = &b};
	/* In pieces, so that a limit stops the reading early. */
	for (size_t done = 0; done < text_len && !b.error;) {
		size_t n = text_len - done < 65536 ? text_len - done : 65536;
		if (csv_parse(&p, text + done, n, on_field, on_row, &st) != n) {
			csv_free(&p);
			return "Het bestand kon niet gelezen worden. Sla het opnieuw op als CSV en probeer opnieuw.";
		}
		done += n;
	}
	if (!b.error)
		csv_fini(&p, on_field, on_row, &st);
	csv_free(&p);
	return table_finish(&b, t);
}
