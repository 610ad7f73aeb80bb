/* The readers of uploaded pupil lists (src/import/) and the recognition of their headers. */
#include "cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "arena.h"
#include "buf.h"
#include "import/columns.h"
#include "import/table.h"

static struct arena *a;

static int setup(void **state)
{
	(void)state;
	a = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

static const char *read_text(const char *text, struct import_table *t)
{
	return import_table_read(a, text, strlen(text), t);
}

/* A file's bytes, malloc'ed. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

static const char *read_file(const char *name, struct import_table *t)
{
	size_t len;
	char *data = slurp(name, &len);
	const char *problem = import_table_read(a, data, len, t);
	free(data);
	return problem;
}

/* ---- CSV ------------------------------------------------------------------------------- */

static void test_csv_semicolons_quotes_and_bom(void **state)
{
	(void)state;
	struct import_table t;
	assert_null(read_text("\xEF\xBB\xBFVoornaam;Naam;Opmerkingen\r\nLotte;\"Vanden; Berghe\";\"zegt \"\"hallo\"\"\"\r\n", &t));
	assert_int_equal(t.rows, 2);
	assert_int_equal(t.cols, 3);
	assert_string_equal(import_cell(&t, 0, 0), "Voornaam"); /* the byte order mark is gone */
	assert_string_equal(import_cell(&t, 1, 1), "Vanden; Berghe");
	assert_string_equal(import_cell(&t, 1, 2), "zegt \"hallo\"");
	assert_string_equal(import_cell(&t, 5, 5), "");
}

static void test_csv_commas_when_the_header_has_more_of_them(void **state)
{
	(void)state;
	struct import_table t;
	assert_null(read_text("Voornaam,Naam,Straat\nAn,Peeters,\"Meir 1; bus 2\"\n", &t));
	assert_int_equal(t.cols, 3);
	assert_string_equal(import_cell(&t, 1, 2), "Meir 1; bus 2");
}

static void test_csv_windows_1252_becomes_utf8(void **state)
{
	(void)state;
	struct import_table t;
	/* "Chloë;Lefèvre;€" in Windows-1252 */
	assert_null(read_text("Voornaam;Naam;X\nChlo\xEB;Lef\xE8vre;\x80\n", &t));
	assert_string_equal(import_cell(&t, 1, 0), "Chloë");
	assert_string_equal(import_cell(&t, 1, 1), "Lefèvre");
	assert_string_equal(import_cell(&t, 1, 2), "€");
}

static void test_csv_empty_rows_are_skipped_but_line_numbers_kept(void **state)
{
	(void)state;
	struct import_table t;
	assert_null(read_text("Voornaam;Naam\n;\n\nAn;  Peeters  \n", &t));
	assert_int_equal(t.rows, 2);
	assert_int_equal(t.line[1], 4);
	assert_string_equal(import_cell(&t, 1, 1), "Peeters");
}

static void test_csv_hostile_input_gets_a_dutch_message(void **state)
{
	(void)state;
	struct import_table t;
	assert_non_null(strstr(import_table_read(a, "\x01\x02\x03junk", 7, &t), "geen CSV-"));
	assert_non_null(strstr(import_table_read(a, "\xFF\xFEV\0o\0", 6, &t), "UTF-16"));
	assert_non_null(strstr(read_text("", &t), "leeg"));
	assert_non_null(strstr(read_text("\x81\x8D;x\n", &t), "tekens"));
	char *huge = malloc(IMPORT_MAX_CELL + 20);
	memset(huge, 'x', IMPORT_MAX_CELL + 10);
	huge[IMPORT_MAX_CELL + 10] = 0;
	assert_non_null(strstr(read_text(huge, &t), "langer dan 2000 tekens"));
	free(huge);
	struct buf many = {0};
	for (int i = 0; i < IMPORT_MAX_ROWS + 5; i++)
		buf_puts(&many, "a;b\n");
	assert_non_null(strstr(read_text(many.data, &t), "meer dan 5000 rijen"));
	buf_free(&many);
}

/* ---- .xlsx ----------------------------------------------------------------------------- */

/* A workbook written by libxlsxwriter (what src/web/export.c writes, and what Excel reads). */
static char *make_xlsx(size_t *len)
{
	char path[] = "/tmp/test_import_XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Leerlingen");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	worksheet_write_string(ws, 0, 0, "Voornaam", NULL);
	worksheet_write_string(ws, 0, 1, "INSZ", NULL);
	worksheet_write_string(ws, 0, 2, "Startdatum periode 1", NULL);
	worksheet_write_string(ws, 0, 3, "Uren", NULL);
	worksheet_write_string(ws, 2, 0, "Zoë", NULL);          /* row 2 empty on purpose */
	worksheet_write_number(ws, 2, 1, 8070741162.0, NULL);  /* a national number as a number */
	lxw_datetime d = {2027, 1, 11, 0, 0, 0};
	worksheet_write_datetime(ws, 2, 2, &d, date);
	worksheet_write_number(ws, 2, 3, 32.5, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	char *data = slurp(path, len);
	unlink(path);
	return data;
}

static void test_xlsx_strings_numbers_and_dates(void **state)
{
	(void)state;
	size_t len;
	char *data = make_xlsx(&len);
	struct import_table t;
	assert_null(import_table_read(a, data, len, &t));
	free(data);
	assert_int_equal(t.rows, 2);
	assert_int_equal(t.line[1], 3);
	assert_string_equal(import_cell(&t, 0, 2), "Startdatum periode 1");
	assert_string_equal(import_cell(&t, 1, 0), "Zoë");
	assert_string_equal(import_cell(&t, 1, 1), "8070741162");
	assert_string_equal(import_cell(&t, 1, 2), "2027-01-11");
	assert_string_equal(import_cell(&t, 1, 3), "32.5");
}

/* A zip holding the given parts (name, text), malloc'ed. */
static char *make_zip(const char *const *parts, size_t count, size_t *len)
{
	char path[] = "/tmp/test_import_XXXXXX.zip";
	int fd = mkstemps(path, 4);
	close(fd);
	int err;
	zip_t *z = zip_open(path, ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (size_t i = 0; i < count; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[2 * i + 1], strlen(parts[2 * i + 1]), 0);
		assert_true(zip_file_add(z, parts[2 * i], s, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	char *data = slurp(path, len);
	unlink(path);
	return data;
}

static const char WORKBOOK[] = "<workbook><sheets><sheet name=\"a\" sheetId=\"1\"/></sheets></workbook>";

static const char *read_zip(const char *const *parts, size_t count, struct import_table *t)
{
	size_t len;
	char *data = make_zip(parts, count, &len);
	const char *problem = import_table_read(a, data, len, t);
	free(data);
	return problem;
}

static void test_xlsx_inline_strings_shared_rich_text_and_1904_dates(void **state)
{
	(void)state;
	const char *parts[] = {
		"xl/workbook.xml",
		"<x:workbook xmlns:x=\"urn:x\"><x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"a\" sheetId=\"1\" "
		"r:id=\"rId7\" xmlns:r=\"urn:r\"/></x:sheets></x:workbook>",
		"xl/_rels/workbook.xml.rels",
		"<Relationships><Relationship Id=\"rId7\" Target=\"worksheets/blad.xml\"/></Relationships>",
		"xl/sharedStrings.xml",
		"<sst><si><t>Voornaam</t></si><si><r><t>Lo</t></r><r><t>tte</t></r><rPh><t>ロッテ</t></rPh></si></sst>",
		"xl/styles.xml",
		"<styleSheet><numFmts><numFmt numFmtId=\"170\" formatCode=\"[$-813]d\\ mmmm\\ yyyy\"/></numFmts>"
		"<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"170\"/>"
		"</cellXfs></styleSheet>",
		"xl/worksheets/blad.xml",
		"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>"
		"Datum</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"C2\" s=\"1\"><v>0</v></c>"
		"<c r=\"D2\" s=\"1\"><v>45666</v></c></row></sheetData></worksheet>",
	};
	struct import_table t;
	assert_null(read_zip(parts, 5, &t));
	assert_string_equal(import_cell(&t, 0, 0), "Voornaam");
	assert_string_equal(import_cell(&t, 0, 2), "Datum");
	assert_string_equal(import_cell(&t, 1, 0), "Lotte");
	assert_string_equal(import_cell(&t, 1, 2), "0"); /* day 0 is no date: kept as the number */
	assert_string_equal(import_cell(&t, 1, 3), "2029-01-10"); /* 45666 days after 1 January 1904 */
}

static void test_xlsx_hostile_files_get_a_dutch_message(void **state)
{
	(void)state;
	struct import_table t;
	const char *broken[] = {"xl/workbook.xml", WORKBOOK, "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"};
	assert_non_null(strstr(read_zip(broken, 2, &t), "beschadigd"));
	const char *entities[] = {"xl/workbook.xml", WORKBOOK, "xl/worksheets/sheet1.xml",
	                          "<!DOCTYPE a [<!ENTITY b \"bbbbbbbbbb\">]><worksheet><sheetData><row><c t=\"inlineStr\">"
	                          "<is><t>&b;&b;</t></is></c></row></sheetData></worksheet>"};
	assert_non_null(strstr(read_zip(entities, 2, &t), "beschadigd"));
	const char *bad_index[] = {"xl/workbook.xml", WORKBOOK, "xl/worksheets/sheet1.xml",
	                           "<worksheet><sheetData><row><c t=\"s\"><v>99</v></c></row></sheetData></worksheet>"};
	assert_non_null(strstr(read_zip(bad_index, 2, &t), "beschadigd"));
	const char *not_excel[] = {"content.xml", "<office/>"};
	assert_non_null(strstr(read_zip(not_excel, 1, &t), "geen Excel-bestand"));

	/* A zip bomb: 40 MB of spaces that pack into a few kB. */
	size_t n = 40u * 1024 * 1024;
	char *sheet = malloc(n + 64);
	strcpy(sheet, "<worksheet><sheetData>");
	memset(sheet + strlen(sheet), ' ', n);
	strcpy(sheet + 22 + n, "</sheetData></worksheet>");
	const char *bomb[] = {"xl/workbook.xml", WORKBOOK, "xl/worksheets/sheet1.xml", sheet};
	assert_non_null(strstr(read_zip(bomb, 2, &t), "uitgepakt veel te groot"));
	free(sheet);

	assert_non_null(strstr(import_table_read(a, "PK\x03\x04 not a zip at all", 22, &t), "beschadigd"));
}

/* ---- .xls ------------------------------------------------------------------------------ */

static void test_xls_reads_the_committed_wisa_sample(void **state)
{
	(void)state;
	struct import_table t;
	assert_null(read_file(FIXTURES "/wisa.xls", &t));
	assert_int_equal(t.rows, 4);
	assert_string_equal(import_cell(&t, 0, 0), "Familienaam");
	assert_string_equal(import_cell(&t, 1, 0), "Van Damme");
	assert_string_equal(import_cell(&t, 1, 6), "9000");
	assert_string_equal(import_cell(&t, 2, 5), "4");
}

static void test_xls_hostile_files_get_a_dutch_message(void **state)
{
	(void)state;
	struct import_table t;
	assert_non_null(strstr(read_file(FIXTURES "/hostile-truncated.xls", &t), ".xls"));
	char ole[600];
	memcpy(ole, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	memset(ole + 8, 0xFF, sizeof ole - 8);
	assert_non_null(strstr(import_table_read(a, ole, sizeof ole, &t), ".xls"));
}

static const char *crashing_reader(struct arena *arena, const char *data, size_t len, struct import_table *t)
{
	(void)arena, (void)data, (void)len, (void)t;
	abort();
}

static const char *sleeping_reader(struct arena *arena, const char *data, size_t len, struct import_table *t)
{
	(void)arena, (void)data, (void)len, (void)t;
	for (;;)
		pause();
	return NULL;
}

static void test_a_reader_that_crashes_or_hangs_costs_its_child_only(void **state)
{
	(void)state;
	struct import_table t;
	assert_string_equal(import_read_isolated(crashing_reader, a, "x", 1, &t, "kapot"), "kapot");
	assert_int_equal(t.rows, 0);
	assert_string_equal(import_read_isolated(sleeping_reader, a, "x", 1, &t, "te traag"), "te traag"); /* 10 s */
	/* What a reader answers in the child arrives whole in the parent. */
	size_t len;
	char *data = slurp(FIXTURES "/wisa.xls", &len);
	assert_null(import_read_isolated(xls_table_read, a, data, len, &t, "kapot"));
	free(data);
	assert_int_equal(t.rows, 4);
	assert_int_equal(t.line[3], 4);
	assert_string_equal(import_cell(&t, 2, 10), "ella@leerling.test");
	assert_string_equal(import_read_isolated(csv_table_read, a, "", 0, &t, "kapot"),
	                    "Het bestand is leeg. Kies het bestand met de leerlingen, met een rij met kolomnamen bovenaan.");
	/* The file on which libfreexl reads out of bounds (found by tests/fuzz/fuzz_import_xls). */
	assert_non_null(strstr(read_file(FIXTURES "/hostile-freexl.xls", &t), ".xls"));
}

/* ---- Headers ----------------------------------------------------------------------------- */

static void test_headers_of_the_administration_packages_are_recognised(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		enum import_column column;
	} cases[] = {
		{"Voornaam", COLUMN_FIRST_NAME},       {"VOORNAAM LEERLING", COLUMN_FIRST_NAME},
		{"Naam", COLUMN_LAST_NAME},            {"Naam leerling", COLUMN_LAST_NAME},
		{"Achternaam", COLUMN_LAST_NAME},      {"Familienaam", COLUMN_LAST_NAME},
		{"Rijksregisternummer", COLUMN_NATIONAL_NUMBER}, {"INSZ", COLUMN_NATIONAL_NUMBER},
		{"Rijksregisternr.", COLUMN_NATIONAL_NUMBER},    {"INSZ-nummer", COLUMN_NATIONAL_NUMBER},
		{"Straat", COLUMN_STREET},             {"Huisnummer", COLUMN_HOUSE_NUMBER},
		{"Huisnr", COLUMN_HOUSE_NUMBER},       {"Bus", COLUMN_BOX},
		{"Busnr.", COLUMN_BOX},                {"Postcode", COLUMN_POSTCODE},
		{"Postnummer", COLUMN_POSTCODE},       {"Gemeente", COLUMN_CITY},
		{"Woonplaats", COLUMN_CITY},           {"Plaats", COLUMN_CITY},
		{"Provincie", COLUMN_PROVINCE},        {"GSM", COLUMN_PHONE},
		{"Gsm-nummer", COLUMN_PHONE},          {"Telefoon", COLUMN_PHONE},
		{"E-mail", COLUMN_EMAIL},              {"Email", COLUMN_EMAIL},
		{"e-mailadres", COLUMN_EMAIL},         {"E-mail leerling", COLUMN_EMAIL},
		{" Stagevorm ", COLUMN_FORMAT},        {"Aantal uren/week", COLUMN_HOURS_PER_WEEK},
		{"Startdatum periode 1", COLUMN_P1_START}, {"Einddatum periode 4", COLUMN_P4_END},
		{"Vervoersmiddelen", COLUMN_TRANSPORT}, {"Opmerkingen stage", COLUMN_REQUEST_REMARKS},
		{"Klas", COLUMN_NONE},                 {"Geboortedatum", COLUMN_NONE},
		{"", COLUMN_NONE},                     {"leerling", COLUMN_NONE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (import_column_recognise(cases[i].header) != cases[i].column)
			fail_msg("header \"%s\": got %d, want %d", cases[i].header, import_column_recognise(cases[i].header),
			         cases[i].column);
	}
}

static void test_accents_case_and_spaces_do_not_matter(void **state)
{
	(void)state;
	char out[64];
	import_header_fold(" Rijksregister-Nr. (INSZ) ", out, sizeof out);
	assert_string_equal(out, "rijksregisternrinsz");
	import_header_fold("Prénom Élève", out, sizeof out);
	assert_string_equal(out, "prenomeleve");
	assert_int_equal(import_column_recognise("Straatnaam"), COLUMN_STREET);
	assert_int_equal(import_column_recognise("E-MAIL"), COLUMN_EMAIL);
}

static void test_every_template_header_is_recognised_as_its_own_column(void **state)
{
	(void)state;
	for (int c = 1; c < COLUMN_COUNT; c++) {
		assert_int_equal(import_column_recognise(import_columns[c].header), c);
		assert_int_equal(import_column_by_key(import_columns[c].key), c);
	}
	assert_int_equal(import_column_by_key(""), COLUMN_NONE);
	assert_int_equal(import_column_by_key("password"), COLUMN_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_semicolons_quotes_and_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_commas_when_the_header_has_more_of_them, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_windows_1252_becomes_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_empty_rows_are_skipped_but_line_numbers_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_hostile_input_gets_a_dutch_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_strings_numbers_and_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_inline_strings_shared_rich_text_and_1904_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_hostile_files_get_a_dutch_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xls_reads_the_committed_wisa_sample, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xls_hostile_files_get_a_dutch_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_reader_that_crashes_or_hangs_costs_its_child_only, setup, teardown),
		cmocka_unit_test(test_headers_of_the_administration_packages_are_recognised),
		cmocka_unit_test(test_accents_case_and_spaces_do_not_matter),
		cmocka_unit_test(test_every_template_header_is_recognised_as_its_own_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
