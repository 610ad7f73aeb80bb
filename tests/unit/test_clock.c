#include "cmocka_all.h"

#include <string.h>

#include "clock.h"

static void civil_round_trip(void **state)
{
	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);
	for (long long d = -1000; d < 40000; d += 37) {
		int y, m, dd;
		civil_from_days(d, &y, &m, &dd);
		assert_int_equal(days_from_civil(y, m, dd), d);
	}
}

static void brussels_winter_and_summer_time(void **state)
{
	(void)state;
	char out[17];
	long long t;
	/* 07/10/2026 12:00 Brussels is summer time: 10:00 UTC. */
	assert_true(brussels_parse("07/10/2026 12:00", &t));
	assert_int_equal(t, days_from_civil(2026, 10, 7) * 86400 + 10 * 3600);
	brussels_format(t, out);
	assert_string_equal(out, "07/10/2026 12:00");
	/* 15/01/2027 09:30 is winter time: 08:30 UTC. */
	assert_true(brussels_parse("2027-01-15T09:30", &t));
	assert_int_equal(t, days_from_civil(2027, 1, 15) * 86400 + 8 * 3600 + 1800);
	brussels_format_input(t, out);
	assert_string_equal(out, "2027-01-15T09:30");
	assert_true(brussels_parse("01/09/2026 12u00", &t));
	brussels_format(t, out);
	assert_string_equal(out, "01/09/2026 12:00");
}

static void brussels_transition_days(void **state)
{
	(void)state;
	/* 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC. */
	long long start = days_from_civil(2026, 3, 29) * 86400 + 3600;
	long long end = days_from_civil(2026, 10, 25) * 86400 + 3600;
	assert_int_equal(brussels_offset(start - 1), 3600);
	assert_int_equal(brussels_offset(start), 7200);
	assert_int_equal(brussels_offset(end - 1), 7200);
	assert_int_equal(brussels_offset(end), 3600);
}

static void brussels_parse_rejects(void **state)
{
	(void)state;
	long long t;
	assert_false(brussels_parse("31/02/2026 12:00", &t));
	assert_false(brussels_parse("2026-10-07 25:00", &t));
	assert_false(brussels_parse("morgen", &t));
	assert_false(brussels_parse("", &t));
	assert_false(brussels_parse(NULL, &t));
}

static void dates_in_every_typed_form(void **state)
{
	(void)state;
	char iso[11];
	const char *forms[] = {"2027-03-05", "05/03/2027", "5/3/2027", "05-03-2027", "05.03.2027", " 05/03/2027 "};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		assert_true(date_parse(forms[i], iso));
		assert_string_equal(iso, "2027-03-05");
	}
	assert_true(date_parse("29/02/2028", iso));
	assert_false(date_parse("29/02/2027", iso));
	assert_false(date_parse("32/01/2027", iso));
	assert_false(date_parse("01/13/2027", iso));
	assert_false(date_parse("05/03/27", iso));
	assert_false(date_parse("05/03-2027", iso));
	assert_false(date_parse("2027-03-05x", iso));
	char shown[11];
	date_display("2027-03-05", shown);
	assert_string_equal(shown, "05/03/2027");
	assert_int_equal(date_days("2027-03-06") - date_days("2027-03-05"), 1);
	assert_int_equal(date_days("nope"), -1);
}

static void school_years(void **state)
{
	(void)state;
	char name[10];
	school_year_name(2026, name);
	assert_string_equal(name, "2026-2027");
	assert_int_equal(school_year_start("2026-2027"), 2026);
	assert_int_equal(school_year_start("2026-2028"), -1);
	assert_int_equal(school_year_start("abc"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(civil_round_trip),
		cmocka_unit_test(brussels_winter_and_summer_time),
		cmocka_unit_test(brussels_transition_days),
		cmocka_unit_test(brussels_parse_rejects),
		cmocka_unit_test(dates_in_every_typed_form),
		cmocka_unit_test(school_years),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
