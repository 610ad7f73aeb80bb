#include "cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* The CSV text of one record holding the given fields. */
static char *record(const char *const *fields, size_t n)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		csv_field(&b, fields[i], i == 0);
	csv_end_record(&b);
	return buf_take(&b, NULL);
}

static void assert_record(const char *const *fields, size_t n, const char *want)
{
	char *got = record(fields, n);
	assert_string_equal(got, want);
	free(got);
}

static void test_plain_fields_are_written_as_they_are(void **state)
{
	(void)state;
	const char *f[] = {"Vandenberghe", "Lotte", "8500", "Kortrijk"};
	assert_record(f, 4, "Vandenberghe;Lotte;8500;Kortrijk\r\n");
	const char *accents[] = {"Chloë", "D'Hondt", "Zoë"};
	assert_record(accents, 3, "Chloë;D'Hondt;Zoë\r\n");
}

static void test_empty_and_null_fields(void **state)
{
	(void)state;
	const char *f[] = {"", NULL, "x", ""};
	assert_record(f, 4, ";;x;\r\n");
}

static void test_quoting(void **state)
{
	(void)state;
	const char *sep[] = {"a;b"};
	assert_record(sep, 1, "\"a;b\"\r\n");
	const char *quotes[] = {"zei \"ja\""};
	assert_record(quotes, 1, "\"zei \"\"ja\"\"\"\r\n");
	const char *lines[] = {"regel 1\nregel 2", "a\r\nb"};
	assert_record(lines, 2, "\"regel 1\nregel 2\";\"a\r\nb\"\r\n");
	/* a comma is not this file's separator: no quotes needed */
	const char *comma[] = {"Gent, centrum"};
	assert_record(comma, 1, "Gent, centrum\r\n");
}

static void test_formula_starts_are_neutralised(void **state)
{
	(void)state;
	const char *f[] = {"=1+1", "+32 470 12 34 56", "-2", "@SUM(A1)", "\tx"};
	assert_record(f, 5, "'=1+1;'+32 470 12 34 56;'-2;'@SUM(A1);'\tx\r\n");
	const char *cr[] = {"\rx"};
	assert_record(cr, 1, "\"'\rx\"\r\n");
	/* neutralised and quoted: the quote mark goes inside the quotes */
	const char *both[] = {"=HYPERLINK(\"http://x\";\"klik\")"};
	assert_record(both, 1, "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"\r\n");
	/* only the first character counts */
	const char *inner[] = {"a=b", "1-2", "naam@school.be"};
	assert_record(inner, 3, "a=b;1-2;naam@school.be\r\n");
	assert_true(csv_needs_neutralising("=x"));
	assert_false(csv_needs_neutralising(""));
	assert_false(csv_needs_neutralising(NULL));
	assert_false(csv_needs_neutralising("'=x"));
}

static void test_bom(void **state)
{
	(void)state;
	struct buf b = {0};
	csv_begin(&b);
	csv_field(&b, "Achternaam", true);
	csv_end_record(&b);
	assert_int_equal(b.len, 3 + 10 + 2);
	assert_memory_equal(b.data, "\xEF\xBB\xBF" "Achternaam\r\n", b.len);
	buf_free(&b);
}

/* Reads all of data into rows of fields and compares with want (NULL ends a row, a second NULL the table). */
static void assert_reads(const char *data, const char *const *want)
{
	struct csv_reader rd;
	struct buf field = {0};
	csv_reader_init(&rd, data, strlen(data));
	size_t i = 0;
	for (;;) {
		enum csv_status st = csv_read_field(&rd, &field);
		if (st == CSV_END)
			break;
		assert_true(st == CSV_FIELD || st == CSV_LAST);
		assert_non_null(want[i]);
		assert_string_equal(field.data, want[i]);
		i++;
		if (st == CSV_LAST) {
			assert_null(want[i]);
			i++;
		}
	}
	assert_null(want[i]);
	buf_free(&field);
}

static void test_reader(void **state)
{
	(void)state;
	const char *const simple[] = {"a", "b", NULL, "c", "", NULL, NULL};
	assert_reads("\xEF\xBB\xBF" "a;b\r\nc;\r\n", simple);
	const char *const lf[] = {"a", NULL, "b", NULL, NULL};
	assert_reads("a\nb", lf);
	const char *const quoted[] = {"x;y", "zei \"ja\"", "1\r\n2", NULL, NULL};
	assert_reads("\"x;y\";\"zei \"\"ja\"\"\";\"1\r\n2\"\r\n", quoted);
	const char *const empty_line[] = {"", NULL, "a", NULL, NULL};
	assert_reads("\r\na\r\n", empty_line);
	const char *const nothing[] = {NULL};
	assert_reads("", nothing);
}

static void test_reader_refuses_broken_input(void **state)
{
	(void)state;
	const char *bad[] = {"\"open", "a\"b", "\"a\"b", "a\rb"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct csv_reader rd;
		struct buf field = {0};
		csv_reader_init(&rd, bad[i], strlen(bad[i]));
		enum csv_status st;
		while ((st = csv_read_field(&rd, &field)) > 0)
			;
		assert_int_equal(st, CSV_INVALID);
		buf_free(&field);
	}
}

/* Writes fields, reads them back: each comes back as csv_written_value() of itself. */
static void round_trip(const char *const *fields, size_t n)
{
	struct buf b = {0};
	csv_begin(&b);
	for (int rec = 0; rec < 2; rec++) {
		for (size_t i = 0; i < n; i++)
			csv_field(&b, fields[i], i == 0);
		csv_end_record(&b);
	}
	struct csv_reader rd;
	struct buf field = {0};
	csv_reader_init(&rd, b.data, b.len);
	for (int rec = 0; rec < 2; rec++)
		for (size_t i = 0; i < n; i++) {
			enum csv_status st = csv_read_field(&rd, &field);
			assert_int_equal(st, i + 1 == n ? CSV_LAST : CSV_FIELD);
			char *want = csv_written_value(fields[i]);
			assert_string_equal(field.data, want);
			free(want);
		}
	assert_int_equal(csv_read_field(&rd, &field), CSV_END);
	buf_free(&field);
	buf_free(&b);
}

static void test_round_trip(void **state)
{
	(void)state;
	const char *f[] = {"Chloë", "D'Hondt", "a;b", "\"", "\"\"", "regel 1\nregel 2\r\n", "=1+1",
	                   "-", "", ";", "\r", "\n", "@", "'=x", "   spaties   "};
	round_trip(f, sizeof f / sizeof f[0]);
	const char *single[] = {""};
	round_trip(single, 1);
}

/* Many random fields over an alphabet of the characters that matter. */
static void test_round_trip_random(void **state)
{
	(void)state;
	static const char alphabet[] = "ab;\"\r\n\t=+-@' ë";
	unsigned seed = 12345;
	char fields[8][24];
	const char *ptrs[8];
	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + (size_t)(round % 8);
		for (size_t i = 0; i < n; i++) {
			size_t len = 0, want = (seed = seed * 1103515245 + 12345) >> 16 & 15;
			while (len < want) {
				seed = seed * 1103515245 + 12345;
				char c = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
				fields[i][len++] = c;
			}
			fields[i][len] = 0;
			ptrs[i] = fields[i];
		}
		round_trip(ptrs, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_fields_are_written_as_they_are),
		cmocka_unit_test(test_empty_and_null_fields),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_formula_starts_are_neutralised),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_reader_refuses_broken_input),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_round_trip_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
