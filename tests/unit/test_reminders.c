#include "cmocka_all.h"

#include <string.h>

#include "clock.h"
#include "config.h"
#include "reminders.h"

static long long at(const char *brussels)
{
	long long t;
	assert_true(brussels_parse(brussels, &t));
	return t;
}

/* The week and two days before registration closes on the manual's 07/10/2026 12:00. */
static void due_from_the_reminder_time_of_its_day(void **state)
{
	(void)state;
	config_defaults();
	static const int days[2] = {7, 2};
	long long closes = at("07/10/2026 12:00");
	char day[11] = "";
	assert_int_equal(reminders_step_due(closes, at("30/09/2026 07:59"), days, day), -1);
	assert_int_equal(reminders_step_due(closes, at("30/09/2026 08:00"), days, day), 0);
	assert_string_equal(day, "2026-09-30");
	assert_int_equal(reminders_step_due(closes, at("05/10/2026 07:59"), days, day), 0);
	assert_string_equal(day, "2026-09-30");
	assert_int_equal(reminders_step_due(closes, at("05/10/2026 08:00"), days, day), 1);
	assert_string_equal(day, "2026-10-05");
	assert_int_equal(reminders_step_due(closes, at("07/10/2026 11:59"), days, day), 1);
	assert_int_equal(reminders_step_due(closes, closes, days, day), -1);
}

/* Summer time ends on 25/10/2026: both reminders still go at 08:00 Brussels time. */
static void across_the_change_to_winter_time(void **state)
{
	(void)state;
	config_defaults();
	static const int days[2] = {3, 1};
	long long closes = at("27/10/2026 12:00");
	char day[11] = "";
	assert_int_equal(at("24/10/2026 08:00") % 86400, 6 * 3600);    /* CEST */
	assert_int_equal(at("26/10/2026 08:00") % 86400, 7 * 3600);    /* CET */
	assert_int_equal(reminders_step_due(closes, at("24/10/2026 07:59"), days, day), -1);
	assert_int_equal(reminders_step_due(closes, at("24/10/2026 08:00"), days, day), 0);
	assert_string_equal(day, "2026-10-24");
	assert_int_equal(reminders_step_due(closes, at("26/10/2026 07:59"), days, day), 0);
	assert_int_equal(reminders_step_due(closes, at("26/10/2026 08:00"), days, day), 1);
	assert_string_equal(day, "2026-10-26");
}

static void the_reminder_time_setting(void **state)
{
	(void)state;
	config_defaults();
	assert_null(reminders_config_problem());
	static const int days[2] = {7, 2};
	long long closes = at("07/10/2026 12:00");
	char day[11];
	cfg.reminder_time = "17:30";
	assert_null(reminders_config_problem());
	assert_int_equal(reminders_step_due(closes, at("30/09/2026 17:29"), days, day), -1);
	assert_int_equal(reminders_step_due(closes, at("30/09/2026 17:30"), days, day), 0);
	const char *wrong[] = {"8u", "24:00", "08:60", "8:00", "08:00x", ""};
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		cfg.reminder_time = wrong[i];
		if (*wrong[i])
			assert_non_null(reminders_config_problem());
		else
			assert_null(reminders_config_problem()); /* empty: the default 08:00 */
	}
	config_defaults();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(due_from_the_reminder_time_of_its_day),
		cmocka_unit_test(across_the_change_to_winter_time),
		cmocka_unit_test(the_reminder_time_setting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
