/*
 * .xlsx (Office Open XML): a zip of XML parts, read with Debian's libzip and expat. Only
 * what a pupil list needs: the first worksheet, shared and inline strings, numbers, and
 * numbers formatted as dates (serial days since 1900, or 1904) turned into ISO dates.
 *
 * A zip bomb or an XML bomb must not take the server down: at most XLSX_MAX_ENTRIES
 * entries, every part inflated in pieces and stopped at XLSX_MAX_PART bytes (XLSX_MAX_TOTAL
 * for the whole file, whatever the zip's directory claims), no DTD at all (so no entity
 * expansion), and the table's own limits on rows, columns and cell sizes.
 */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../core/buf.h"
#include "table.h"

#define XLSX_MAX_ENTRIES 1000
#define XLSX_MAX_PART (32u * 1024 * 1024)
#define XLSX_MAX_TOTAL (64u * 1024 * 1024)
#define XLSX_MAX_STRINGS 500000
#define XLSX_MAX_STYLES 65536

static const char MSG_BROKEN[] = "Dit Excel-bestand (.xlsx) is beschadigd en kan niet gelezen worden. Open het in "
                                 "Excel, sla het opnieuw op en probeer opnieuw.";
static const char MSG_TOO_BIG[] = "Dit Excel-bestand is uitgepakt veel te groot. Hou enkel het blad met de "
                                  "leerlingen over, sla het opnieuw op en probeer opnieuw.";

struct xlsx {
	struct arena *a;
	zip_t *zip;
	size_t total;                 /* bytes inflated so far */
	const char *error;
	XML_Parser parser;

	struct buf text;              /* character data of the element being collected */
	bool collecting;
	int phonetic;                 /* inside <rPh>: reading aids, not the text */

	const char **strings;
	size_t string_count, string_cap;
	bool in_string;

	long *date_formats;           /* custom number formats that show a date */
	size_t date_format_count, date_format_cap;
	bool *date_style;             /* per cellXfs entry */
	size_t style_count, style_cap;
	bool in_cell_formats;

	bool date1904;
	const char *sheet_rel, *sheet_path;

	struct table_builder *b;
	size_t row, next_col, col;
	char type[16];
	long style;
	bool in_inline;
};

static const char *local_name(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon ? colon + 1 : name;
}

static const char *attribute(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(local_name(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void fail(struct xlsx *x, const char *message)
{
	if (!x->error)
		x->error = message;
	XML_StopParser(x->parser, XML_FALSE);
}

static void collect_begin(struct xlsx *x)
{
	buf_reset(&x->text);
	buf_append(&x->text, "", 0);
	x->collecting = true;
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	/* One byte more than a cell may hold is enough to refuse it later. */
	if (x->collecting && !x->phonetic && x->text.len <= IMPORT_MAX_CELL)
		buf_append(&x->text, s, (size_t)len);
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	fail(ud, MSG_BROKEN);
}

/* Inflates part `name` in pieces into an expat parser with the given handlers. A missing
 * part is an error only when required. */
static void parse_part(struct xlsx *x, const char *name, bool required, XML_StartElementHandler start,
                       XML_EndElementHandler end)
{
	if (x->error)
		return;
	zip_int64_t index = zip_name_locate(x->zip, name, 0);
	if (index < 0) {
		if (required)
			x->error = MSG_BROKEN;
		return;
	}
	zip_stat_t st;
	if (zip_stat_index(x->zip, (zip_uint64_t)index, 0, &st) != 0) {
		x->error = MSG_BROKEN;
		return;
	}
	if ((st.valid & ZIP_STAT_SIZE) && (st.size > XLSX_MAX_PART || x->total + st.size > XLSX_MAX_TOTAL)) {
		x->error = MSG_TOO_BIG;
		return;
	}
	zip_file_t *f = zip_fopen_index(x->zip, (zip_uint64_t)index, 0);
	if (!f) {
		x->error = MSG_BROKEN;
		return;
	}
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p) {
		zip_fclose(f);
		x->error = MSG_BROKEN;
		return;
	}
	x->parser = p;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	char chunk[65536];
	size_t part = 0;
	for (;;) {
		zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
		if (n < 0) {
			x->error = x->error ? x->error : MSG_BROKEN;
			break;
		}
		part += (size_t)n;
		x->total += (size_t)n;
		if (part > XLSX_MAX_PART || x->total > XLSX_MAX_TOTAL) {
			x->error = x->error ? x->error : MSG_TOO_BIG;
			break;
		}
		if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			x->error = x->error ? x->error : MSG_BROKEN;
			break;
		}
		if (n == 0)
			break;
	}
	XML_ParserFree(p);
	x->parser = NULL;
	zip_fclose(f);
	x->collecting = false;
}

/* ---- xl/workbook.xml and its relationships: where the first sheet is ---------------- */

static void workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local_name(name), *v;
	if (strcmp(n, "workbookPr") == 0 && (v = attribute(atts, "date1904")))
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	else if (strcmp(n, "sheet") == 0 && !x->sheet_rel && (v = attribute(atts, "id")))
		x->sheet_rel = arena_strdup(x->a, v);
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *id = attribute(atts, "Id"), *target = attribute(atts, "Target");
	if (strcmp(local_name(name), "Relationship") || !id || !target || !x->sheet_rel || x->sheet_path ||
	    strcmp(id, x->sheet_rel) != 0)
		return;
	x->sheet_path = target[0] == '/' ? arena_strdup(x->a, target + 1) : arena_printf(x->a, "xl/%s", target);
}

static void no_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

/* ---- xl/sharedStrings.xml ------------------------------------------------------------ */

static void strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	struct xlsx *x = ud;
	const char *n = local_name(name);
	if (strcmp(n, "si") == 0) {
		x->in_string = true;
		collect_begin(x);
	} else if (strcmp(n, "rPh") == 0) {
		x->phonetic++;
	}
}

static void strings_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local_name(name);
	if (strcmp(n, "rPh") == 0 && x->phonetic) {
		x->phonetic--;
	} else if (strcmp(n, "si") == 0 && x->in_string) {
		if (x->string_count >= XLSX_MAX_STRINGS) {
			fail(x, MSG_TOO_BIG);
			return;
		}
		x->strings = arena_grow(x->a, x->strings, x->string_count, &x->string_cap, sizeof *x->strings, 1);
		x->strings[x->string_count++] = arena_strndup(x->a, x->text.data, x->text.len);
		x->in_string = x->collecting = false;
	}
}

/* ---- xl/styles.xml: which cell formats show a date ----------------------------------- */

/* Whether a number format code shows a date: a d or y outside quotes, brackets and escapes. */
static bool format_code_is_date(const char *code)
{
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				return false;
			p = q;
		} else if (*p == '[') {
			const char *q = strchr(p + 1, ']');
			if (!q)
				return false;
			p = q;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y') {
			return true;
		}
	}
	return false;
}

static bool format_is_date(const struct xlsx *x, long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return true; /* the built-in date formats */
	for (size_t i = 0; i < x->date_format_count; i++)
		if (x->date_formats[i] == id)
			return true;
	return false;
}

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local_name(name);
	const char *id = attribute(atts, "numFmtId");
	if (strcmp(n, "numFmt") == 0 && id) {
		const char *code = attribute(atts, "formatCode");
		if (code && format_code_is_date(code) && x->date_format_count < XLSX_MAX_STYLES) {
			x->date_formats = arena_grow(x->a, x->date_formats, x->date_format_count, &x->date_format_cap,
			                             sizeof *x->date_formats, 1);
			x->date_formats[x->date_format_count++] = strtol(id, NULL, 10);
		}
	} else if (strcmp(n, "cellXfs") == 0) {
		x->in_cell_formats = true;
	} else if (strcmp(n, "xf") == 0 && x->in_cell_formats) {
		if (x->style_count >= XLSX_MAX_STYLES) {
			fail(x, MSG_TOO_BIG);
			return;
		}
		x->date_style = arena_grow(x->a, x->date_style, x->style_count, &x->style_cap, sizeof *x->date_style, 1);
		x->date_style[x->style_count++] = id && format_is_date(x, strtol(id, NULL, 10));
	}
}

static void styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	if (strcmp(local_name(name), "cellXfs") == 0)
		x->in_cell_formats = false;
}

/* ---- the worksheet -------------------------------------------------------------------- */

/* The civil date of a day count since 1970-01-01 (H. Hinnant's algorithm). */
static void civil_from_days(long long z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* An Excel serial day as an ISO date, or NULL when it is no plausible date. */
static const char *serial_to_iso(struct xlsx *x, double serial)
{
	if (!(serial >= 1 && serial < 2958466))
		return NULL;
	long long days = (long long)floor(serial);
	/* 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was. */
	long long since_1970 = x->date1904 ? days - 24107 : days - (days > 60 ? 25569 : 25568);
	int y;
	unsigned m, d;
	civil_from_days(since_1970, &y, &m, &d);
	return arena_printf(x->a, "%04d-%02u-%02u", y, m, d);
}

/* "B12" -> column 1, row 11; false when ref is not a cell reference. */
static bool cell_reference(const char *ref, size_t *col, size_t *row)
{
	size_t c = 0, r = 0, letters = 0, digits = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		if (++letters > 3)
			return false;
		else
			c = c * 26 + (size_t)(*ref - 'A' + 1);
	for (; *ref >= '0' && *ref <= '9'; ref++)
		if (++digits > 7)
			return false;
		else
			r = r * 10 + (size_t)(*ref - '0');
	if (*ref || !letters || !digits || !r)
		return false;
	*col = c - 1;
	*row = r - 1;
	return true;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local_name(name), *v;
	if (strcmp(n, "row") == 0) {
		long r = (v = attribute(atts, "r")) ? strtol(v, NULL, 10) : 0;
		x->row = r > 0 && r <= 10000000 ? (size_t)r - 1 : x->row + 1;
		x->next_col = 0;
	} else if (strcmp(n, "c") == 0) {
		size_t col, row;
		if ((v = attribute(atts, "r")) && cell_reference(v, &col, &row)) {
			x->col = col;
			x->row = row;
		} else {
			x->col = x->next_col;
		}
		x->next_col = x->col + 1;
		snprintf(x->type, sizeof x->type, "%s", (v = attribute(atts, "t")) ? v : "n");
		x->style = (v = attribute(atts, "s")) ? strtol(v, NULL, 10) : 0;
		buf_reset(&x->text);
		buf_append(&x->text, "", 0);
	} else if (strcmp(n, "v") == 0) {
		collect_begin(x);
	} else if (strcmp(n, "is") == 0) {
		x->in_inline = true;
		collect_begin(x);
	} else if (strcmp(n, "rPh") == 0) {
		x->phonetic++;
	}
}

/* The text of the finished cell: a shared string, the inline or formula text, a date or a number. */
static const char *cell_value(struct xlsx *x, size_t *len)
{
	const char *text = x->text.data ? x->text.data : "";
	*len = x->text.len;
	if (strcmp(x->type, "s") == 0) {
		char *end;
		long i = strtol(text, &end, 10);
		if (end == text || *end || i < 0 || (size_t)i >= x->string_count) {
			fail(x, MSG_BROKEN);
			return NULL;
		}
		*len = strlen(x->strings[i]);
		return x->strings[i];
	}
	if (strcmp(x->type, "e") == 0) {
		*len = 0;
		return "";
	}
	if (strcmp(x->type, "n") != 0)
		return text; /* inlineStr, str (a formula's text), b, d */
	char *end;
	double number = strtod(text, &end);
	if (end == text || *end || !isfinite(number))
		return text;
	const char *shown = NULL;
	if (x->style >= 0 && (size_t)x->style < x->style_count && x->date_style[x->style])
		shown = serial_to_iso(x, number);
	if (!shown && number == floor(number) && fabs(number) < 1e15)
		shown = arena_printf(x->a, "%.0f", number);
	if (!shown)
		return text;
	*len = strlen(shown);
	return shown;
}

static void sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local_name(name);
	if (strcmp(n, "rPh") == 0 && x->phonetic) {
		x->phonetic--;
	} else if (strcmp(n, "v") == 0 || strcmp(n, "is") == 0) {
		x->collecting = false;
		x->in_inline = false;
	} else if (strcmp(n, "c") == 0) {
		size_t len;
		const char *value = cell_value(x, &len);
		if (value && !table_add(x->b, x->row, x->col, value, len))
			fail(x, x->b->error);
		buf_reset(&x->text);
	}
}

const char *xlsx_table_read(struct arena *a, const char *data, size_t len, struct import_table *t)
{
	memset(t, 0, sizeof *t);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return MSG_BROKEN;
	}
	zip_t *zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	zip_error_fini(&ze);
	if (!zip) {
		zip_source_free(src);
		return MSG_BROKEN;
	}
	struct table_builder b;
	table_begin(&b, a);
	struct xlsx x = {.a = a, .zip = zip, .b = &b};
	if (zip_get_num_entries(zip, 0) > XLSX_MAX_ENTRIES)
		x.error = MSG_TOO_BIG;
	else if (zip_name_locate(zip, "xl/workbook.xml", 0) < 0)
		x.error = "Dit is geen Excel-bestand (.xlsx). Sla de lijst op als .xlsx of als CSV en probeer opnieuw.";
	parse_part(&x, "xl/workbook.xml", true, workbook_start, no_end);
	parse_part(&x, "xl/_rels/workbook.xml.rels", false, rels_start, no_end);
	parse_part(&x, "xl/sharedStrings.xml", false, strings_start, strings_end);
	parse_part(&x, "xl/styles.xml", false, styles_start, styles_end);
	parse_part(&x, x.sheet_path ? x.sheet_path : "xl/worksheets/sheet1.xml", true, sheet_start, sheet_end);
	zip_discard(zip);
	buf_free(&x.text);
	if (x.error)
		return x.error;
	return table_finish(&b, t);
}
