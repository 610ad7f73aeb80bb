/* The pupil module's scope rules (pupils.h), against a real (temporary) database: a
 * school reads only its own pupils, a service only what the area rule shows it and never
 * the school-facing row, the coordinator everything. */
#include "cmocka_all.h"
#include "temp_db.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "migrate.h"
#include "placements_store.h"
#include "pupils.h"

/*
 * Compile-time check: struct pupil_for_service has exactly these members, so it has no
 * national number, street, phone or e-mail. Adding any member (a private field among
 * them) changes its size and this file no longer compiles; whoever adds a harmless one
 * adds it here too, in plain sight of review.
 */
struct pupil_for_service_allowed {
	long long id, campaign_id;
	const char *first_name, *last_name, *postcode, *city, *province, *format;
	const char *remarks, *request_remarks;
	long long preference_service_id;
	const char *preference_name;
	const char *school, *contact_name, *contact_phone, *contact_email;
	long long placed_service_id;
	bool stopped;
	int transport, period_count, hours_per_week, total_hours;
	int periods;
	char start[PERIODS_MAX][11], end[PERIODS_MAX][11];
};
_Static_assert(sizeof(struct pupil_for_service) == sizeof(struct pupil_for_service_allowed),
               "struct pupil_for_service gained a member: a service must never get a private field");
#define SAME_OFFSET(m) \
	_Static_assert(offsetof(struct pupil_for_service, m) == offsetof(struct pupil_for_service_allowed, m), #m)
SAME_OFFSET(first_name);
SAME_OFFSET(postcode);
SAME_OFFSET(contact_email);
SAME_OFFSET(end);

static struct arena *arena;
static long long school_a, school_b, west, gent, outside, kortrijk, aalst, taken;

static long long org(const char *kind, const char *name)
{
	assert_int_equal(db_exec("INSERT INTO organisations (kind, name, created_at) VALUES (?, ?, 0)", "tt", kind, name),
	                 DB_DONE);
	return db_last_id();
}

static long long contact_of(long long school)
{
	assert_int_equal(db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	                         " VALUES (?, 'C', '1', 'c@x.be', 0, 0)", "i", school), DB_DONE);
	return db_last_id();
}

static long long add_pupil(long long campaign, long long school, const char *postcode, const char *province)
{
	assert_int_equal(db_exec("INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name,"
	                         " street, phone, email, postcode, city, province, transport, format, period_count,"
	                         " hours_per_week, total_hours, created_at, updated_at) VALUES (?, ?, ?, 'Ann', 'Peeters',"
	                         " 'Kerkstraat 1', '0470', 'ann@x.be', ?, 'X', ?, 1, 'blok', 1, 30, 60, 0, 0)",
	                         "iiitt", campaign, school, contact_of(school), postcode, province),
	                 DB_DONE);
	return db_last_id();
}

static int setup(void **state)
{
	(void)state;
	if (temp_db_setup(state) != 0)
		return -1;
	arena = arena_new();
	long long campaign = temp_db_campaign_in_handling();
	if (!campaign)
		return -1;
	school_a = org("school", "School A");
	school_b = org("school", "School B");
	west = org("service", "West");
	gent = org("service", "Gent");
	outside = org("service", "Doet niet mee");
	long long services[] = {west, gent};
	struct scope system = scope_system();
	if (campaign_set_services(&system, campaign, services, 2) != DB_DONE)
		return -1;
	db_exec("INSERT INTO service_areas (service_id, province) VALUES (?, 'West-Vlaanderen')", "i", west);
	db_exec("INSERT INTO service_areas (service_id, postcode_from, postcode_to) VALUES (?, 9000, 9099)", "i", gent);
	kortrijk = add_pupil(campaign, school_a, "8500", "West-Vlaanderen");
	aalst = add_pupil(campaign, school_a, "9300", "Oost-Vlaanderen");
	taken = add_pupil(campaign, school_b, "9300", "Oost-Vlaanderen");
	db_exec("INSERT INTO placements (student_id, service_id, accepted_at, updated_at) VALUES (?, ?, 0, 0)", "ii",
	        taken, gent);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(arena);
	return temp_db_teardown(state);
}

static struct scope as(enum role role, long long org_id)
{
	return (struct scope){ .role = role, .org_id = org_id, .user_id = 1 };
}

static void school_reads_only_its_own_pupils(void **state)
{
	(void)state;
	struct pupil p;
	assert_true(pupil_get(as(ROLE_SCHOOL, school_a), arena, kortrijk, false, &p));
	assert_int_equal(p.id, kortrijk);
	assert_string_equal(p.rec.first_name, "Ann");
	assert_string_equal(p.rec.street, "Kerkstraat 1");
	assert_int_equal(p.rec.school_id, school_a);
	/* Another school's pupil is not found, and the row says nothing. */
	assert_false(pupil_get(as(ROLE_SCHOOL, school_b), arena, kortrijk, false, &p));
	assert_int_equal(p.id, 0);
	assert_null(p.rec.first_name);
	assert_true(pupil_get(as(ROLE_SCHOOL, school_b), arena, taken, false, &p));
	assert_false(pupil_get(as(ROLE_SCHOOL, school_a), arena, taken, false, &p));
	assert_false(pupil_get(as(ROLE_SCHOOL, school_a), arena, 999999, false, &p));
}

/* Writes too: another school's (or any service's) scope changes nothing. */
static void only_the_own_school_stops_or_deletes(void **state)
{
	(void)state;
	assert_string_equal(pupil_full_name(as(ROLE_SCHOOL, school_a), arena, aalst), "Ann Peeters");
	assert_string_equal(pupil_full_name(as(ROLE_SCHOOL, school_b), arena, aalst), "");
	assert_int_equal(pupil_stop(as(ROLE_SCHOOL, school_b), aalst, 5), 0);
	assert_int_equal(pupil_stop(as(ROLE_SERVICE, west), aalst, 5), 0);
	assert_int_equal(pupil_delete(as(ROLE_SCHOOL, school_b), aalst), 0);
	assert_int_equal(pupil_delete(as(ROLE_SERVICE, gent), aalst), 0);
	struct pupil p;
	assert_true(pupil_get(as(ROLE_SCHOOL, school_a), arena, aalst, false, &p));
	assert_int_equal(p.stopped_at, 0);
	/* An accepted pupil cannot be deleted, even by its own school. */
	assert_int_equal(pupil_delete(as(ROLE_SCHOOL, school_b), taken), 0);
	assert_true(pupil_get(as(ROLE_SCHOOL, school_b), arena, taken, false, &p));
}

/* Before the results moment the school knows that a service accepted, not which one. */
static void school_answer_follows_the_results_moment(void **state)
{
	(void)state;
	struct pupil p;
	assert_true(pupil_get(as(ROLE_SCHOOL, school_b), arena, taken, false, &p));
	assert_true(p.answer.accepted);
	assert_int_equal(p.answer.service_id, 0);
	assert_null(p.answer.service);
	assert_true(pupil_get(scope_system(), arena, taken, false, &p));
	assert_int_equal(p.answer.service_id, gent);
	assert_string_equal(p.answer.service, "Gent");
}

static void service_never_gets_the_school_row(void **state)
{
	(void)state;
	struct pupil p;
	assert_false(pupil_get(as(ROLE_SERVICE, west), arena, kortrijk, false, &p));
	assert_false(pupil_get(as(ROLE_SERVICE, gent), arena, taken, false, &p));
	struct pupil_for_service q;
	struct campaign c;
	assert_false(pupil_for_service_get(as(ROLE_SCHOOL, school_a), arena, kortrijk, &q, &c));
}

static void service_sees_its_area_only(void **state)
{
	(void)state;
	struct pupil_for_service q;
	struct campaign c;
	assert_true(pupil_for_service_get(as(ROLE_SERVICE, west), arena, kortrijk, &q, &c));
	assert_string_equal(q.first_name, "Ann");
	assert_string_equal(q.school, "School A");
	assert_int_equal(q.periods, 0);
	assert_int_equal(c.id, q.campaign_id);
	/* Outside its area (Aalst), or a campaign it does not take part in: not found. */
	memset(&q, 0, sizeof q);
	assert_false(pupil_for_service_get(as(ROLE_SERVICE, west), arena, aalst, &q, &c));
	assert_null(q.first_name);
	assert_false(pupil_service_visible(as(ROLE_SERVICE, west), aalst, &c));
	assert_false(pupil_for_service_get(as(ROLE_SERVICE, outside), arena, kortrijk, &q, &c));
	assert_false(pupil_for_service_get(as(ROLE_SERVICE, gent), arena, kortrijk, &q, &c));
	/* Its own accepted pupil, and only its own. */
	assert_true(pupil_for_service_get(as(ROLE_SERVICE, gent), arena, taken, &q, &c));
	assert_int_equal(q.placed_service_id, gent);
	assert_true(pupil_for_service_accepted(as(ROLE_SERVICE, gent), arena, taken, &q));
	assert_false(pupil_for_service_accepted(as(ROLE_SERVICE, west), arena, taken, &q));
	assert_false(pupil_for_service_accepted(as(ROLE_SERVICE, west), arena, kortrijk, &q));
}

/* The private fields only through the service's own placement. */
static void private_fields_only_for_the_accepting_service(void **state)
{
	(void)state;
	struct req r = {.arena = arena};
	struct pupil_private priv;
	assert_true(pupil_private_for_service(as(ROLE_SERVICE, gent), &r, taken, NULL, &priv));
	assert_string_equal(priv.street, "Kerkstraat 1");
	assert_string_equal(priv.phone, "0470");
	assert_string_equal(priv.national_number, "");
	assert_false(pupil_private_for_service(as(ROLE_SERVICE, west), &r, taken, NULL, &priv));
	assert_null(priv.street);
	assert_false(pupil_private_for_service(as(ROLE_SERVICE, west), &r, kortrijk, NULL, &priv));
	assert_false(pupil_private_for_service(as(ROLE_SCHOOL, school_b), &r, taken, NULL, &priv));
	assert_false(pupil_private_for_service(scope_system(), &r, taken, NULL, &priv));
}

/* The placements module's reads: only the service's own placements. */
static void placements_only_the_services_own(void **state)
{
	(void)state;
	assert_true(placement_is_ours(as(ROLE_SERVICE, gent), taken));
	assert_false(placement_is_ours(as(ROLE_SERVICE, west), taken));
	assert_false(placement_is_ours(as(ROLE_SCHOOL, school_b), taken));
	assert_int_equal(placement_count_current(as(ROLE_SERVICE, gent), clock_now()), 1);
	assert_int_equal(placement_count_current(as(ROLE_SERVICE, west), clock_now()), 0);
	assert_int_equal(placement_count_current(scope_system(), clock_now()), 0);
}

static void coordinator_sees_every_pupil(void **state)
{
	(void)state;
	struct pupil p;
	struct pupil_for_service q;
	struct campaign c;
	assert_true(pupil_get(scope_system(), arena, aalst, false, &p));
	assert_int_equal(p.rec.school_id, school_a);
	assert_true(pupil_for_service_get(scope_system(), arena, aalst, &q, &c));
	/* No user at all reaches nothing. */
	assert_false(pupil_get(scope_of(NULL), arena, aalst, false, &p));
	assert_false(pupil_for_service_get(scope_of(NULL), arena, aalst, &q, &c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(school_reads_only_its_own_pupils),
		cmocka_unit_test(school_answer_follows_the_results_moment),
		cmocka_unit_test(only_the_own_school_stops_or_deletes),
		cmocka_unit_test(service_never_gets_the_school_row),
		cmocka_unit_test(service_sees_its_area_only),
		cmocka_unit_test(private_fields_only_for_the_accepting_service),
		cmocka_unit_test(placements_only_the_services_own),
		cmocka_unit_test(coordinator_sees_every_pupil),
	};
	return cmocka_run_group_tests_name("pupils", tests, setup, teardown);
}
