/* Campaign timing: the order rule, copying a year on, and which pupils a service sees. */
#include "cmocka_all.h"
#include "temp_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "campaigns.h"
#include "clock.h"
#include "db.h"
#include "migrate.h"
#include "progress_store.h"

static long long at(const char *brussels)
{
	long long t = 0;
	if (!brussels_parse(brussels, &t))
		fail_msg("cannot parse %s", brussels);
	return t;
}

static void assert_moment(long long t, const char *want)
{
	char got[17];
	brussels_format(t, got);
	assert_string_equal(got, want);
}

static void default_timing_is_the_manuals(void **state)
{
	(void)state;
	struct campaign c = {0};
	campaign_default_timing(2026, &c);
	assert_string_equal(c.school_year, "2026-2027");
	assert_moment(c.registration_opens_at, "01/09/2026 12:00");
	assert_moment(c.handling_opens_at, "18/09/2026 00:00");
	assert_moment(c.registration_closes_at, "07/10/2026 12:00");
	assert_moment(c.handling_closes_at, "07/10/2026 12:00");
	assert_moment(c.results_visible_at, "07/10/2026 12:00");
	assert_null(campaign_timing_problem(&c, NULL));
}

/* Each broken order gets its own message, on the moment to correct. */
static void timing_problems_name_the_moment(void **state)
{
	(void)state;
	struct campaign ok = {0};
	campaign_default_timing(2026, &ok);
	struct {
		size_t field;       /* offset of the moment changed */
		const char *value;
		const char *moment;
		const char *start_of_message;
	} cases[] = {
		{offsetof(struct campaign, registration_closes_at), "01/09/2026 12:00", "registration_closes_at",
		 "De registratie moet sluiten"},
		{offsetof(struct campaign, handling_closes_at), "18/09/2026 00:00", "handling_closes_at",
		 "De behandeling moet sluiten"},
		{offsetof(struct campaign, handling_opens_at), "31/08/2026 23:00", "handling_opens_at",
		 "De behandeling kan niet openen"},
		{offsetof(struct campaign, handling_closes_at), "07/10/2026 11:59", "handling_closes_at",
		 "De behandeling kan niet sluiten"},
		{offsetof(struct campaign, results_visible_at), "06/10/2026 12:00", "results_visible_at",
		 "De resultaten kunnen pas"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct campaign c = ok;
		long long t = at(cases[i].value);
		memcpy((char *)&c + cases[i].field, &t, sizeof t);
		const char *moment = NULL;
		const char *problem = campaign_timing_problem(&c, &moment);
		if (!problem)
			fail_msg("case %zu: no problem found", i);
		assert_string_equal(moment, cases[i].moment);
		assert_memory_equal(problem, cases[i].start_of_message, strlen(cases[i].start_of_message));
	}
	/* Equal moments where the manual has them are fine: registration, handling and results all at 12:00. */
	assert_null(campaign_timing_problem(&ok, NULL));
}

static void second_round_order(void **state)
{
	(void)state;
	struct campaign c = {0};
	campaign_default_timing(2026, &c);
	c.round = 2;
	c.second_round_opens_at = at("07/10/2026 11:00");
	c.second_round_closes_at = at("21/10/2026 12:00");
	const char *moment = NULL;
	assert_non_null(campaign_timing_problem(&c, &moment));
	assert_string_equal(moment, "second_round_opens_at");
	c.second_round_opens_at = at("08/10/2026 09:00");
	assert_null(campaign_timing_problem(&c, NULL));
	c.second_round_closes_at = c.second_round_opens_at;
	assert_non_null(campaign_timing_problem(&c, &moment));
	assert_string_equal(moment, "second_round_closes_at");
	/* Round 1 ignores the (unset) second-round moments. */
	c.round = 1;
	c.second_round_opens_at = c.second_round_closes_at = 0;
	assert_null(campaign_timing_problem(&c, NULL));
}

static void windows_and_second_round(void **state)
{
	(void)state;
	struct campaign c = {0};
	campaign_default_timing(2026, &c);
	assert_false(campaign_registration_open(&c, at("01/09/2026 11:59")));
	assert_true(campaign_registration_open(&c, at("01/09/2026 12:00")));
	assert_false(campaign_handling_open(&c, at("17/09/2026 23:59")));
	assert_true(campaign_handling_open(&c, at("18/09/2026 00:00")));
	assert_false(campaign_handling_open(&c, at("07/10/2026 12:00")));
	assert_false(campaign_results_visible(&c, at("07/10/2026 11:59")));
	assert_true(campaign_results_visible(&c, at("07/10/2026 12:00")));
	assert_false(campaign_second_round_possible(&c, at("07/10/2026 11:59")));
	assert_true(campaign_second_round_possible(&c, at("07/10/2026 12:00")));
	c.round = 2;
	c.second_round_opens_at = at("14/10/2026 09:00");
	c.second_round_closes_at = at("28/10/2026 12:00");
	assert_false(campaign_second_round_possible(&c, at("15/10/2026 12:00")));
	assert_false(campaign_handling_open(&c, at("10/10/2026 12:00")));
	assert_true(campaign_handling_open(&c, at("14/10/2026 09:00")));
	assert_true(campaign_second_round_open(&c, at("28/10/2026 11:59")));
	assert_int_equal(campaign_handling_closes_at(&c, at("01/10/2026 12:00")), c.handling_closes_at);
	assert_int_equal(campaign_handling_closes_at(&c, at("10/10/2026 12:00")), c.handling_closes_at);
	assert_int_equal(campaign_handling_closes_at(&c, at("15/10/2026 12:00")), c.second_round_closes_at);
	assert_int_equal(campaign_handling_closes_at(&c, at("29/10/2026 12:00")), c.second_round_closes_at);
	assert_false(campaign_handling_open(&c, at("28/10/2026 12:00")));
	assert_false(campaign_registration_open(&c, at("15/10/2026 12:00")));
}

/* A year later, the same wall-clock time, across summer-time changes and 29 February. */
static void copy_a_year_later(void **state)
{
	(void)state;
	assert_moment(brussels_add_years(at("01/09/2026 12:00"), 1), "01/09/2027 12:00");
	/* 28/03/2027: summer time starts at 02:00 that day; in 2026 it was still winter time. */
	long long before = at("28/03/2026 12:00"), after = brussels_add_years(before, 1);
	assert_moment(after, "28/03/2027 12:00");
	assert_int_equal(after - before, 365 * 86400 - 3600);
	assert_moment(brussels_add_years(at("29/02/2028 08:30"), 1), "28/02/2029 08:30");
	assert_moment(brussels_add_years(at("15/01/2027 00:00"), -1), "15/01/2026 00:00");

	struct campaign c = {0};
	campaign_default_timing(2026, &c);
	struct campaign next = c;
	campaign_shift_years(&next, 1);
	struct campaign expected = {0};
	campaign_default_timing(2027, &expected);
	assert_string_equal(next.school_year, "2027-2028");
	assert_int_equal(next.registration_opens_at, expected.registration_opens_at);
	assert_int_equal(next.handling_opens_at, expected.handling_opens_at);
	assert_int_equal(next.registration_closes_at, expected.registration_closes_at);
	assert_int_equal(next.handling_closes_at, expected.handling_closes_at);
	assert_int_equal(next.results_visible_at, expected.results_visible_at);
	assert_int_equal(next.second_round_opens_at, 0);
}

/* ---- Which pupils a service sees: against a real (temporary) database ------------- */

static int db_setup(void **state)
{
	(void)state;
	return temp_db_setup(state);
}

static int db_teardown(void **state)
{
	(void)state;
	return temp_db_teardown(state);
}

static long long org(const char *kind, const char *name)
{
	assert_int_equal(db_exec("INSERT INTO organisations (kind, name, created_at) VALUES (?, ?, 0)", "tt", kind, name),
	                 DB_DONE);
	return db_last_id();
}

static long long pupil(long long campaign, long long school, long long contact, const char *postcode,
                       const char *province, long long preference)
{
	assert_int_equal(db_exec("INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name,"
	                         " postcode, city, province, transport, format, period_count, hours_per_week,"
	                         " total_hours, created_at, updated_at) VALUES (?, ?, ?, 'A', 'B', ?, 'X', ?, 1,"
	                         " 'blok', 1, 30, 60, 0, 0)",
	                         "iiitt", campaign, school, contact, postcode, province),
	                 DB_DONE);
	long long id = db_last_id();
	if (preference)
		db_exec("UPDATE students SET preference_service_id = ? WHERE id = ?", "ii", preference, id);
	return id;
}

/* Whether a service sees a pupil. */
struct sight {
	long long service, pupil;
	bool sees;
};

static void assert_sights(const struct campaign *c, long long now, const struct sight *expected, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (campaign_service_sees_student(c, expected[i].service, expected[i].pupil, now) != expected[i].sees)
			fail_msg("service %lld %s pupil %lld", expected[i].service, expected[i].sees ? "does not see" : "sees",
			         expected[i].pupil);
}

static void service_scope(void **state)
{
	(void)state;
	struct scope system = scope_system();
	struct campaign c = {0};
	c.programme_id = db_query_int(0, "SELECT id FROM programmes WHERE code = 'duaal-leren'", NULL);
	campaign_default_timing(2026, &c);
	c.id = campaign_insert(&system, &c);
	assert_true(c.id > 0);
	long long school = org("school", "School"), west = org("service", "West"), gent = org("service", "Gent"),
	          outside = org("service", "Doet niet mee");
	assert_int_equal(db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	                         " VALUES (?, 'C', '1', 'c@x.be', 0, 0)", "i", school), DB_DONE);
	long long contact = db_last_id();
	long long services[] = {west, gent};
	assert_int_equal(campaign_set_services(&system, c.id, services, 2), DB_DONE);
	db_exec("INSERT INTO service_areas (service_id, province) VALUES (?, 'West-Vlaanderen')", "i", west);
	db_exec("INSERT INTO service_areas (service_id, postcode_from, postcode_to) VALUES (?, 9000, 9099)", "i", gent);

	long long kortrijk = pupil(c.id, school, contact, "8500", "West-Vlaanderen", 0);
	long long gentbrugge = pupil(c.id, school, contact, "9050", "Oost-Vlaanderen", 0);
	long long aalst = pupil(c.id, school, contact, "9300", "Oost-Vlaanderen", 0);
	long long aalst_wants_west = pupil(c.id, school, contact, "9300", "Oost-Vlaanderen", west);
	long long stopped = pupil(c.id, school, contact, "9300", "Oost-Vlaanderen", 0);
	db_exec("UPDATE students SET stopped_at = 1 WHERE id = ?", "i", stopped);
	long long taken = pupil(c.id, school, contact, "9300", "Oost-Vlaanderen", 0);
	db_exec("INSERT INTO placements (student_id, service_id, accepted_at, updated_at) VALUES (?, ?, 0, 0)", "ii",
	        taken, gent);

	long long now = at("01/10/2026 12:00");
	assert_int_equal(campaign_service_scope(&c, outside, now), CAMPAIGN_SCOPE_NONE);
	assert_int_equal(campaign_service_scope(&c, west, now), CAMPAIGN_SCOPE_AREA);
	/* First round: own area (province or postcode range), preference, own placements. */
	const struct sight first_round[] = {
		{outside, kortrijk, false}, {west, kortrijk, true},  {west, gentbrugge, false},
		{west, aalst, false},       {west, aalst_wants_west, true}, {gent, gentbrugge, true},
		{gent, aalst, false},       {gent, taken, true},     {west, taken, false},
	};
	assert_sights(&c, now, first_round, sizeof first_round / sizeof first_round[0]);

	/* Second round: every open pupil, Flanders-wide; not the stopped or the taken ones. */
	c.round = 2;
	c.second_round_opens_at = at("14/10/2026 09:00");
	c.second_round_closes_at = at("28/10/2026 12:00");
	struct scope school_scope = {ROLE_SCHOOL, school, 1}, admin = scope_system();
	assert_int_not_equal(campaign_update(&school_scope, &c), DB_DONE);
	struct campaign unchanged;
	assert_true(campaign_load(c.id, &unchanged));
	assert_int_equal(unchanged.round, 1);
	assert_int_equal(campaign_update(&admin, &c), DB_DONE);
	struct campaign loaded;
	assert_true(campaign_load(c.id, &loaded));
	assert_int_equal(loaded.round, 2);
	assert_int_equal(loaded.second_round_opens_at, c.second_round_opens_at);
	now = at("15/10/2026 10:00");
	assert_int_equal(campaign_service_scope(&loaded, west, now), CAMPAIGN_SCOPE_FLANDERS);
	const struct sight second_round[] = {
		{west, aalst, true}, {west, gentbrugge, true}, {west, stopped, false}, {west, taken, false},
		{outside, aalst, false},
	};
	assert_sights(&loaded, now, second_round, sizeof second_round / sizeof second_round[0]);
	/* Before the second round opens, still the first round's view. */
	assert_int_equal(campaign_service_scope(&loaded, west, at("10/10/2026 10:00")), CAMPAIGN_SCOPE_AREA);
}

/* The school learns that a service accepted (read-only), and which one only from the
 * results moment on. */
static void school_answer_withheld_until_results(void **state)
{
	(void)state;
	struct campaign c = {0};
	campaign_default_timing(2026, &c);
	long long before = c.results_visible_at - 1, from = c.results_visible_at;
	struct school_answer a = campaign_school_answer(&c, before, 7, "Familiezorg");
	assert_true(a.accepted);
	assert_int_equal(a.service_id, 0);
	assert_null(a.service);
	a = campaign_school_answer(&c, from, 7, "Familiezorg");
	assert_true(a.accepted);
	assert_int_equal(a.service_id, 7);
	assert_string_equal(a.service, "Familiezorg");
	a = campaign_school_answer(&c, from, 0, NULL);
	assert_false(a.accepted);
	assert_null(a.service);
}

/* Next year's copy does not push the running campaign aside; it takes over once its
 * registration opens and the old one has stopped running. */
static void school_campaigns_keep_the_running_one(void **state)
{
	(void)state;
	struct scope system = scope_system();
	struct campaign now_running = {0}, next = {0};
	now_running.programme_id = db_query_int(0, "SELECT id FROM programmes WHERE code = 'dubbele-finaliteit'", NULL);
	campaign_default_timing(2026, &now_running);
	now_running.id = campaign_insert(&system, &now_running);
	next = now_running;
	campaign_shift_years(&next, 1);
	next.id = campaign_insert(&system, &next);
	assert_true(now_running.id > 0 && next.id > 0);
	struct campaign list[4];
	int n = campaign_school_campaigns("dubbele-finaliteit", at("01/10/2026 12:00"), list, 4);
	assert_int_equal(n, 2);
	assert_string_equal(list[campaign_school_default(list, n, at("01/10/2026 12:00"))].school_year, "2026-2027");
	assert_string_equal(list[campaign_school_adding(list, n, at("01/10/2026 12:00"))].school_year, "2026-2027");
	/* A year on: the old one closed long ago and the new one opened. */
	n = campaign_school_campaigns("dubbele-finaliteit", at("02/09/2027 12:00"), list, 4);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].school_year, "2027-2028");
	/* Between: the old one closed, the new one not yet open: both, the old one first. */
	n = campaign_school_campaigns("dubbele-finaliteit", at("01/06/2027 12:00"), list, 4);
	assert_int_equal(n, 2);
	assert_int_equal(campaign_school_default(list, n, at("01/06/2027 12:00")), 0);
}

/* The coordinator's screens: programmes, campaigns, services taking part and the progress
 * counts reach the coordinator's scope only; a school's or a service's reads nothing. */
static void coordinator_reads_are_the_coordinators(void **state)
{
	(void)state;
	struct scope admin = scope_system();
	const struct scope others[] = {{ROLE_SCHOOL, 1, 1}, {ROLE_SERVICE, 2, 2}};
	struct arena *a = arena_new();
	struct campaign c = {0};
	c.programme_id = campaign_programme_id(&admin, "7de-leerjaar");
	assert_true(c.programme_id > 0);
	campaign_default_timing(2030, &c);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		assert_int_equal(campaign_insert(&others[i], &c), 0);
	c.id = campaign_insert(&admin, &c);
	long long school = org("school", "School Voortgang"), taking = org("service", "Neemt deel"),
	          other = org("service", "Neemt niet deel");
	long long services[] = {taking};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		assert_int_equal(campaign_set_services(&others[i], c.id, services, 1), DB_ERROR);
	assert_int_equal(campaign_set_services(&admin, c.id, services, 1), DB_DONE);
	assert_int_equal(db_exec("INSERT INTO users (organisation_id, email, name, state, created_at)"
	                         " VALUES (?, 'dienst@example.org', 'D', 'active', 0)", "i", taking),
	                 DB_DONE);
	assert_int_equal(db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	                         " VALUES (?, 'C', '1', 'c@x.be', 0, 0)", "i", school), DB_DONE);
	long long contact = db_last_id();
	long long open = pupil(c.id, school, contact, "8500", "West-Vlaanderen", taking);
	pupil(c.id, school, contact, "9000", "Oost-Vlaanderen", 0);
	long long taken = pupil(c.id, school, contact, "9000", "Oost-Vlaanderen", 0);
	db_exec("INSERT INTO placements (student_id, service_id, accepted_at, updated_at) VALUES (?, ?, 0, 0)", "ii",
	        taken, taking);
	long long stopped = pupil(c.id, school, contact, "9000", "Oost-Vlaanderen", 0);
	db_exec("UPDATE students SET stopped_at = 1 WHERE id = ?", "i", stopped);

	size_t n;
	campaign_programmes(&admin, a, &n);
	assert_int_equal(n, 3);
	assert_int_equal(campaign_find(&admin, c.programme_id, "2030-2031"), c.id);
	const struct campaign_entry *entries = campaign_list_of_programme(&admin, c.programme_id, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(entries[0].services, 1);
	const struct campaign_service_choice *choices = campaign_service_choices(&admin, c.id, a, &n);
	bool saw_taking = false, saw_other = false;
	for (size_t i = 0; i < n; i++) {
		if (choices[i].id == taking)
			saw_taking = choices[i].member;
		if (choices[i].id == other)
			saw_other = !choices[i].member;
	}
	assert_true(saw_taking && saw_other);
	assert_int_equal(campaign_service_count(&admin, c.id), 1);
	const char **to = campaign_service_addresses(&admin, c.id, a, &n);
	assert_int_equal(n, 1);
	assert_string_equal(to[0], "dienst@example.org");

	assert_int_equal(progress_open_count(&admin, c.id), 2);
	const struct progress_open_pupil *page = progress_open_page(&admin, c.id, 1, 0, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(page[0].id, open); /* every pupil is named alike: the lowest id first */
	assert_string_equal(page[0].preference, "Neemt deel");
	struct progress_tally total = {0};
	const struct progress_group *groups = progress_groups(&admin, c.id, a, &n);
	for (size_t i = 0; i < n; i++) {
		total.registered += groups[i].t.registered;
		total.accepted += groups[i].t.accepted;
		total.open += groups[i].t.open;
		total.stopped += groups[i].t.stopped;
	}
	assert_int_equal(total.registered, 4);
	assert_int_equal(total.accepted, 1);
	assert_int_equal(total.open, 2);
	assert_int_equal(total.stopped, 1);
	const struct progress_service *per_service = progress_services(&admin, c.id, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(per_service[0].id, taking);
	assert_int_equal(per_service[0].accepted, 1);
	assert_true(per_service[0].takes_part);
	const struct progress_programme *per_programme = progress_per_programme(&admin, "2030-2031", 0, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(per_programme[0].t.registered, 4);
	per_programme = progress_per_programme(&admin, "2030-2031", c.id, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(per_programme[0].t.registered, 0); /* the shown campaign is not counted again */
	struct db_stmt *cursor = progress_open_cursor(&admin, c.id);
	struct progress_open_export row;
	assert_int_equal(progress_open_next(cursor, &row), 1);
	assert_string_equal(row.contact_email, "c@x.be");
	assert_int_equal(progress_open_next(cursor, &row), 1);
	assert_int_equal(progress_open_next(cursor, &row), 0);
	db_cursor_close(cursor);

	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
		const struct scope *s = &others[k];
		campaign_programmes(s, a, &n);
		assert_int_equal(n, 0);
		assert_int_equal(campaign_programme_id(s, "7de-leerjaar"), 0);
		assert_int_equal(campaign_find(s, c.programme_id, "2030-2031"), 0);
		campaign_list_of_programme(s, c.programme_id, a, &n);
		assert_int_equal(n, 0);
		campaign_labels(s, a, &n);
		assert_int_equal(n, 0);
		assert_int_equal(campaign_to_show(s, at("01/10/2030 12:00")), 0);
		campaign_service_choices(s, c.id, a, &n);
		assert_int_equal(n, 0);
		assert_int_equal(campaign_service_count(s, c.id), 0);
		campaign_service_addresses(s, c.id, a, &n);
		assert_int_equal(n, 0);
		assert_int_equal(progress_open_count(s, c.id), 0);
		progress_open_page(s, c.id, 10, 0, a, &n);
		assert_int_equal(n, 0);
		progress_groups(s, c.id, a, &n);
		assert_int_equal(n, 0);
		progress_services(s, c.id, a, &n);
		assert_int_equal(n, 0);
		progress_per_programme(s, "2030-2031", 0, a, &n);
		assert_int_equal(n, 0);
		cursor = progress_open_cursor(s, c.id);
		assert_int_equal(progress_open_next(cursor, &row), 0);
		db_cursor_close(cursor);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(default_timing_is_the_manuals),
		cmocka_unit_test(timing_problems_name_the_moment),
		cmocka_unit_test(second_round_order),
		cmocka_unit_test(windows_and_second_round),
		cmocka_unit_test(copy_a_year_later),
		cmocka_unit_test(school_answer_withheld_until_results),
	};
	const struct CMUnitTest with_db[] = {
		cmocka_unit_test(service_scope),
		cmocka_unit_test(school_campaigns_keep_the_running_one),
		cmocka_unit_test(coordinator_reads_are_the_coordinators),
	};
	int failed = cmocka_run_group_tests_name("campaigns", pure, NULL, NULL);
	return failed + cmocka_run_group_tests_name("campaigns_db", with_db, db_setup, db_teardown);
}
