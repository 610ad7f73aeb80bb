#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "periods.h"

static const char YEAR_2026[] =
	"Deze datum valt buiten het schooljaar 2026-2027 (01/09/2026 – 31/08/2027).";
static const char BAD_DATE[] = "Geef een geldige datum in (dd/mm/jjjj).";

/* Runs the validator on a result first filled with rubbish, so stale output would show. */
static int run(const struct period_input *in, int expected, int year, struct period_result *out)
{
	memset(out, 0x5a, sizeof *out);
	return periods_validate(in, expected, year, out);
}

/* Asserts that no field has a message; names the first one that has. */
static void assert_no_errors(const struct period_result *r)
{
	for (int i = 0; i < PERIODS_MAX; i++) {
		if (r->start_error[i])
			fail_msg("start %d: %s", i + 1, r->start_error[i]);
		if (r->end_error[i])
			fail_msg("end %d: %s", i + 1, r->end_error[i]);
	}
	if (r->count_error)
		fail_msg("count: %s", r->count_error);
}

static void assert_msg(const char *got, const char *want)
{
	if (!got)
		fail_msg("no message, want '%s'", want);
	assert_string_equal(got, want);
}

static void test_one_period(void **state)
{
	(void)state;
	struct period_input in = {{"01/09/2026"}, {"30/09/2026"}};
	struct period_result r;
	assert_int_equal(run(&in, 1, 2026, &r), 1);
	assert_no_errors(&r);
	assert_string_equal(r.start[0], "2026-09-01");
	assert_string_equal(r.end[0], "2026-09-30");
	for (int i = 1; i < PERIODS_MAX; i++) {
		assert_string_equal(r.start[i], "");
		assert_string_equal(r.end[i], "");
	}
}

static void test_date_forms(void **state)
{
	(void)state;
	struct period_input in = {
		{"2026-10-05", "2/11/2026", " 07-12-2026 ", "01.02.2027"},
		{"9/10/2026", "2026-11-13", "18.12.2026", "28-02-2027"},
	};
	struct period_result r;
	assert_int_equal(run(&in, 4, 2026, &r), 4);
	assert_no_errors(&r);
	assert_string_equal(r.start[0], "2026-10-05");
	assert_string_equal(r.end[0], "2026-10-09");
	assert_string_equal(r.start[1], "2026-11-02");
	assert_string_equal(r.end[1], "2026-11-13");
	assert_string_equal(r.start[2], "2026-12-07");
	assert_string_equal(r.end[2], "2026-12-18");
	assert_string_equal(r.start[3], "2027-02-01");
	assert_string_equal(r.end[3], "2027-02-28");
}

static void test_first_required(void **state)
{
	(void)state;
	struct period_result r;
	struct period_input none = {{NULL}, {NULL}};
	assert_int_equal(run(&none, 0, 0, &r), -1);
	assert_msg(r.start_error[0], "Vul de startdatum van periode 1 in.");
	assert_null(r.count_error);

	struct period_input empty = {{"", "", "", ""}, {"", "", "", ""}};
	assert_int_equal(run(&empty, 1, 2026, &r), -1);
	assert_msg(r.start_error[0], "Vul de startdatum van periode 1 in.");
	/* The empty later periods are fine on their own. */
	for (int i = 1; i < PERIODS_MAX; i++) {
		assert_null(r.start_error[i]);
		assert_null(r.end_error[i]);
	}

	struct period_input spaces = {{"   "}, {"\t"}};
	assert_int_equal(run(&spaces, 0, 2026, &r), -1);
	assert_msg(r.start_error[0], "Vul de startdatum van periode 1 in.");
}

static void test_both_ends_needed(void **state)
{
	(void)state;
	struct period_result r;
	struct period_input start_only = {{"01/10/2026"}, {NULL}};
	assert_int_equal(run(&start_only, 0, 2026, &r), -1);
	assert_null(r.start_error[0]);
	assert_string_equal(r.start[0], "2026-10-01");
	assert_msg(r.end_error[0], "Vul ook de einddatum in.");

	struct period_input end_only = {{"01/10/2026", " "}, {"10/10/2026", "20/10/2026"}};
	assert_int_equal(run(&end_only, 0, 2026, &r), -1);
	assert_null(r.start_error[0]);
	assert_null(r.end_error[0]);
	assert_msg(r.start_error[1], "Vul ook de startdatum in.");
	assert_null(r.end_error[1]);
	assert_string_equal(r.end[1], "2026-10-20");
}

static void test_end_before_start(void **state)
{
	(void)state;
	struct period_result r;
	struct period_input in = {{"10/10/2026"}, {"09/10/2026"}};
	assert_int_equal(run(&in, 1, 2026, &r), -1);
	assert_null(r.start_error[0]);
	assert_msg(r.end_error[0], "De einddatum ligt vóór de startdatum.");
	/* Months matter, not only days: 1 November is after 30 October. */
	struct period_input across = {{"01/11/2026"}, {"30/10/2026"}};
	assert_int_equal(run(&across, 1, 2026, &r), -1);
	assert_msg(r.end_error[0], "De einddatum ligt vóór de startdatum.");
	/* A period of one day is fine. */
	struct period_input same = {{"10/10/2026"}, {"2026-10-10"}};
	assert_int_equal(run(&same, 1, 2026, &r), 1);
	assert_no_errors(&r);
	/* Across the new year. */
	struct period_input newyear = {{"28/12/2026"}, {"05/01/2027"}};
	assert_int_equal(run(&newyear, 1, 2026, &r), 1);
	assert_no_errors(&r);
}

static void test_bad_dates(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"31/09/2026", "32/10/2026", "00/10/2026", "10/13/2026", "10/00/2026", "abc",
		"10/10/26", "2026/10/10", "10-10/2026", "10/10/2026 x", "1O/10/2026",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct period_input in = {{bad[i]}, {"30/10/2026"}};
		struct period_result r;
		assert_int_equal(run(&in, 1, 2026, &r), -1);
		if (!r.start_error[0] || strcmp(r.start_error[0], BAD_DATE) != 0)
			fail_msg("'%s': %s", bad[i], r.start_error[0] ? r.start_error[0] : "accepted");
		assert_string_equal(r.start[0], "");
		/* The good field next to it is still reported as good. */
		assert_null(r.end_error[0]);
		assert_string_equal(r.end[0], "2026-10-30");
	}
	struct period_input both = {{"x"}, {"y"}};
	struct period_result r;
	assert_int_equal(run(&both, 1, 0, &r), -1);
	assert_msg(r.start_error[0], BAD_DATE);
	assert_msg(r.end_error[0], BAD_DATE);
}

static void test_leap_days(void **state)
{
	(void)state;
	struct period_result r;
	/* 2028 is a leap year: school year 2027-2028 has a 29 February. */
	struct period_input leap = {{"26/02/2028"}, {"29/02/2028"}};
	assert_int_equal(run(&leap, 1, 2027, &r), 1);
	assert_no_errors(&r);
	assert_string_equal(r.end[0], "2028-02-29");
	/* 2027 is not. */
	struct period_input not_leap = {{"26/02/2027"}, {"29/02/2027"}};
	assert_int_equal(run(&not_leap, 1, 2026, &r), -1);
	assert_msg(r.end_error[0], BAD_DATE);
	/* 2100 is divisible by 100 and not by 400: no leap day; 2000 had one. */
	struct period_input y2100 = {{"01/02/2100"}, {"29/02/2100"}};
	assert_int_equal(run(&y2100, 1, 2099, &r), -1);
	assert_msg(r.end_error[0], BAD_DATE);
	struct period_input y2000 = {{"01/02/2000"}, {"29/02/2000"}};
	assert_int_equal(run(&y2000, 1, 1999, &r), 1);
	assert_no_errors(&r);
	/* A period over the leap day ends after it starts, and the next one can follow. */
	struct period_input over = {{"28/02/2028", "01/03/2028"}, {"29/02/2028", "02/03/2028"}};
	assert_int_equal(run(&over, 2, 2027, &r), 2);
	assert_no_errors(&r);
	/* 29 February is the end of period 1: a period 2 starting that day overlaps. */
	struct period_input touch = {{"28/02/2028", "29/02/2028"}, {"29/02/2028", "02/03/2028"}};
	assert_int_equal(run(&touch, 2, 2027, &r), -1);
	assert_msg(r.start_error[1], "Periode 2 begint voor periode 1 gedaan is.");
}

static void test_school_year_bounds(void **state)
{
	(void)state;
	struct period_result r;
	/* The very first and last day belong to the school year. */
	struct period_input edges = {{"01/09/2026"}, {"31/08/2027"}};
	assert_int_equal(run(&edges, 1, 2026, &r), 1);
	assert_no_errors(&r);

	struct period_input before = {{"31/08/2026"}, {"05/09/2026"}};
	assert_int_equal(run(&before, 1, 2026, &r), -1);
	assert_msg(r.start_error[0], YEAR_2026);
	assert_string_equal(r.start[0], "");
	assert_null(r.end_error[0]);

	struct period_input after = {{"25/08/2027"}, {"01/09/2027"}};
	assert_int_equal(run(&after, 1, 2026, &r), -1);
	assert_null(r.start_error[0]);
	assert_msg(r.end_error[0], YEAR_2026);
	assert_string_equal(r.end[0], "");

	struct period_input far = {{"01/10/2025"}, {"01/10/2028"}};
	assert_int_equal(run(&far, 1, 2026, &r), -1);
	assert_msg(r.start_error[0], YEAR_2026);
	assert_msg(r.end_error[0], YEAR_2026);

	/* Another school year, another message. */
	assert_int_equal(run(&edges, 1, 2027, &r), -1);
	assert_msg(r.start_error[0],
	           "Deze datum valt buiten het schooljaar 2027-2028 (01/09/2027 – 31/08/2028).");
	assert_msg(r.end_error[0],
	           "Deze datum valt buiten het schooljaar 2027-2028 (01/09/2027 – 31/08/2028).");

	/* Without a school year any real date goes. */
	assert_int_equal(run(&far, 1, 0, &r), 1);
	assert_no_errors(&r);
	assert_int_equal(run(&before, 1, -1, &r), 1);
	assert_no_errors(&r);
	/* An absurd year is no crash, just out of range. */
	assert_int_equal(run(&before, 1, INT_MAX, &r), -1);
	assert_non_null(r.start_error[0]);
	assert_non_null(r.end_error[0]);
}

static void test_year_message_survives_next_call(void **state)
{
	(void)state;
	struct period_input out_of_year = {{"31/08/2026"}, {"05/09/2026"}};
	struct period_result a, b;
	assert_int_equal(run(&out_of_year, 1, 2026, &a), -1);
	assert_int_equal(run(&out_of_year, 1, 2025, &b), -1);
	assert_msg(a.start_error[0], YEAR_2026);
	assert_msg(b.end_error[0], "Deze datum valt buiten het schooljaar 2025-2026 (01/09/2025 – 31/08/2026).");
}

static void test_order_and_overlap(void **state)
{
	(void)state;
	struct period_result r;
	/* Back to back, a day apart: fine. */
	struct period_input ok = {{"01/10/2026", "11/10/2026"}, {"10/10/2026", "20/10/2026"}};
	assert_int_equal(run(&ok, 2, 2026, &r), 2);
	assert_no_errors(&r);

	/* Period 2 starts on the last day of period 1. */
	struct period_input same_day = {{"01/10/2026", "10/10/2026"}, {"10/10/2026", "20/10/2026"}};
	assert_int_equal(run(&same_day, 2, 2026, &r), -1);
	assert_msg(r.start_error[1], "Periode 2 begint voor periode 1 gedaan is.");
	assert_null(r.start_error[0]);
	assert_null(r.end_error[1]);
	assert_null(r.count_error);

	/* Period 2 entirely before period 1: the order is wrong. */
	struct period_input reversed = {{"01/11/2026", "01/10/2026"}, {"10/11/2026", "10/10/2026"}};
	assert_int_equal(run(&reversed, 2, 2026, &r), -1);
	assert_msg(r.start_error[1], "Periode 2 begint voor periode 1 gedaan is.");

	/* Period 2 inside period 1. */
	struct period_input inside = {{"01/10/2026", "05/10/2026"}, {"31/10/2026", "06/10/2026"}};
	assert_int_equal(run(&inside, 2, 2026, &r), -1);
	assert_msg(r.start_error[1], "Periode 2 begint voor periode 1 gedaan is.");

	/* Later pairs too. */
	struct period_input later = {
		{"01/10/2026", "01/11/2026", "01/12/2026", "15/12/2026"},
		{"10/10/2026", "10/11/2026", "20/12/2026", "30/12/2026"},
	};
	assert_int_equal(run(&later, 4, 2026, &r), -1);
	assert_null(r.start_error[1]);
	assert_null(r.start_error[2]);
	assert_msg(r.start_error[3], "Periode 4 begint voor periode 3 gedaan is.");
	later.start[3] = "21/12/2026";
	assert_int_equal(run(&later, 4, 2026, &r), 4);
	assert_no_errors(&r);
	later.start[2] = "10/11/2026";
	assert_int_equal(run(&later, 4, 2026, &r), -1);
	assert_msg(r.start_error[2], "Periode 3 begint voor periode 2 gedaan is.");
}

static void test_no_overlap_check_against_broken_period(void **state)
{
	(void)state;
	struct period_result r;
	/* Period 1's end is wrong; period 2 gets no second-hand message. */
	struct period_input in = {{"01/10/2026", "05/10/2026"}, {"31/02/2027", "10/10/2026"}};
	assert_int_equal(run(&in, 2, 2026, &r), -1);
	assert_msg(r.end_error[0], BAD_DATE);
	assert_null(r.start_error[1]);
	assert_null(r.end_error[1]);
	/* Same when period 1 ends before it starts. */
	struct period_input backwards = {{"20/10/2026", "05/10/2026"}, {"01/10/2026", "10/10/2026"}};
	assert_int_equal(run(&backwards, 2, 2026, &r), -1);
	assert_msg(r.end_error[0], "De einddatum ligt vóór de startdatum.");
	assert_null(r.start_error[1]);
	/* And when period 1 ends after the school year (a real date, but not allowed). */
	struct period_input outside = {{"01/10/2026", "10/10/2026"}, {"05/09/2027", "20/10/2026"}};
	assert_int_equal(run(&outside, 2, 2026, &r), -1);
	assert_msg(r.end_error[0], YEAR_2026);
	assert_null(r.start_error[1]);
}

static void test_gaps(void **state)
{
	(void)state;
	struct period_result r;
	struct period_input skip2 = {
		{"01/10/2026", NULL, "01/12/2026"},
		{"10/10/2026", NULL, "10/12/2026"},
	};
	assert_int_equal(run(&skip2, 2, 2026, &r), -1);
	assert_msg(r.start_error[2], "Vul eerst periode 2 in.");
	assert_null(r.start_error[1]);
	assert_null(r.end_error[1]);
	assert_null(r.count_error);

	struct period_input skip3 = {
		{"01/10/2026", "01/11/2026", "", "01/12/2026"},
		{"10/10/2026", "10/11/2026", "", "10/12/2026"},
	};
	assert_int_equal(run(&skip3, 0, 2026, &r), -1);
	assert_msg(r.start_error[3], "Vul eerst periode 3 in.");

	/* Only period 2: period 1 is required, and period 2 says where to start. */
	struct period_input only2 = {{NULL, "01/11/2026"}, {NULL, "10/11/2026"}};
	assert_int_equal(run(&only2, 1, 2026, &r), -1);
	assert_msg(r.start_error[0], "Vul de startdatum van periode 1 in.");
	assert_msg(r.start_error[1], "Vul eerst periode 1 in.");

	/* Half a period still counts as filled: no gap message behind it. */
	struct period_input half = {
		{"01/10/2026", "01/11/2026", "01/12/2026"},
		{"10/10/2026", NULL, "10/12/2026"},
	};
	assert_int_equal(run(&half, 3, 2026, &r), -1);
	assert_msg(r.end_error[1], "Vul ook de einddatum in.");
	assert_null(r.start_error[2]);
}

static void test_count(void **state)
{
	(void)state;
	struct period_result r;
	struct period_input two = {{"01/10/2026", "01/11/2026"}, {"10/10/2026", "10/11/2026"}};
	assert_int_equal(run(&two, 3, 2026, &r), -1);
	assert_msg(r.count_error, "Je vulde 2 periodes in, maar koos 3 bij 'Hoeveel periodes'.");
	for (int i = 0; i < PERIODS_MAX; i++) {
		assert_null(r.start_error[i]);
		assert_null(r.end_error[i]);
	}
	/* The dates themselves are fine and come back normalised. */
	assert_string_equal(r.start[1], "2026-11-01");

	assert_int_equal(run(&two, 1, 2026, &r), -1);
	assert_msg(r.count_error, "Je vulde 2 periodes in, maar koos 1 bij 'Hoeveel periodes'.");

	struct period_input one = {{"01/10/2026"}, {"10/10/2026"}};
	assert_int_equal(run(&one, 2, 2026, &r), -1);
	assert_msg(r.count_error, "Je vulde 1 periode in, maar koos 2 bij 'Hoeveel periodes'.");

	/* expected_count 0: no count rule. */
	assert_int_equal(run(&two, 0, 2026, &r), 2);
	assert_no_errors(&r);
	assert_int_equal(run(&two, 2, 2026, &r), 2);
	assert_no_errors(&r);
}

static void test_count_only_when_periods_valid(void **state)
{
	(void)state;
	struct period_result r;
	struct period_input broken = {{"01/10/2026", "01/11/2026"}, {"10/10/2026", "31/11/2026"}};
	assert_int_equal(run(&broken, 3, 2026, &r), -1);
	assert_msg(r.end_error[1], BAD_DATE);
	assert_null(r.count_error);

	struct period_input overlap = {{"01/10/2026", "05/10/2026"}, {"10/10/2026", "10/11/2026"}};
	assert_int_equal(run(&overlap, 1, 2026, &r), -1);
	assert_null(r.count_error);

	struct period_input outside = {{"01/10/2025"}, {"10/10/2025"}};
	assert_int_equal(run(&outside, 2, 2026, &r), -1);
	assert_null(r.count_error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_period),
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_first_required),
		cmocka_unit_test(test_both_ends_needed),
		cmocka_unit_test(test_end_before_start),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_leap_days),
		cmocka_unit_test(test_school_year_bounds),
		cmocka_unit_test(test_year_message_survives_next_call),
		cmocka_unit_test(test_order_and_overlap),
		cmocka_unit_test(test_no_overlap_check_against_broken_period),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_count_only_when_periods_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
