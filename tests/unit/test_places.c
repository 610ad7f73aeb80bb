/* The places module against a real (temporary) database: a service reads and writes its own
 * places, the coordinator any service's (and then the service cannot change them), a school
 * none; the accept write refuses beyond the places; a copy of a campaign takes them along. */
#include "cmocka_all.h"

#include <string.h>

#include "arena.h"
#include "placements_store.h"
#include "places.h"
#include "temp_db.h"

static long long campaign, other_campaign, school, service, other_service, contact;

static long long add_pupil(long long in_campaign, const char *first_name)
{
	if (db_exec("INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, postcode, city,"
	            " province, transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)"
	            " VALUES (?, ?, ?, ?, 'Peeters', '9000', 'Gent', 'Oost-Vlaanderen', 1, 'blok', 1, 30, 60, 0, 0)",
	            "iiit", in_campaign, school, contact, first_name) != DB_DONE)
		return 0;
	return db_last_id();
}

static int setup(void **state)
{
	if (temp_db_setup(state))
		return -1;
	school = temp_db_org("school", "School P");
	service = temp_db_org("service", "Dienst P");
	other_service = temp_db_org("service", "Dienst Q");
	long long programme = db_query_int(0, "SELECT id FROM programmes ORDER BY id LIMIT 1", NULL);
	const char *const years[] = {"2031-2032", "2032-2033"};
	long long *ids[] = {&campaign, &other_campaign};
	for (int i = 0; i < 2; i++) {
		if (db_exec("INSERT INTO campaigns (programme_id, school_year, registration_opens_at, registration_closes_at,"
		            " handling_opens_at, handling_closes_at, results_visible_at, created_at)"
		            " VALUES (?, ?, 1, 2, 3, 4, 5, 0)", "it", programme, years[i]) != DB_DONE)
			return -1;
		*ids[i] = db_last_id();
	}
	/* Both services take part in the first campaign; only the other one in the second. */
	if (db_exec("INSERT INTO campaign_services (campaign_id, service_id) VALUES (?1, ?2), (?1, ?3), (?4, ?3)",
	            "iiii", campaign, service, other_service, other_campaign) != DB_DONE)
		return -1;
	if (db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	            " VALUES (?, 'C', '1', 'c@x.be', 0, 0)", "i", school) != DB_DONE)
		return -1;
	contact = db_last_id();
	return 0;
}

static void only_the_service_itself_and_the_coordinator_reach_its_places(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope own = {ROLE_SERVICE, service, 0}, admin = {ROLE_ADMIN, 0, 0};
	const struct scope strangers[] = {{ROLE_SCHOOL, school, 0}, {ROLE_SERVICE, other_service, 0}};
	struct places_row p;
	for (size_t i = 0; i < sizeof strangers / sizeof strangers[0]; i++) {
		size_t n = 99;
		places_of_service(strangers[i], a, service, 0, &n);
		assert_int_equal(n, 0);
		assert_false(places_get(strangers[i], a, service, campaign, &p));
		assert_int_equal(places_set(strangers[i], service, campaign, 5), PLACES_REFUSED);
	}
	/* Not stated: no limit. */
	assert_true(places_get(own, a, service, campaign, &p));
	assert_int_equal(p.stated, PLACES_NOT_STATED);
	assert_int_equal(places_limit(&p), PLACES_NOT_STATED);
	/* The service states its own, only in a campaign it takes part in. */
	assert_int_equal(places_set(own, service, campaign, 3), PLACES_SAVED);
	assert_int_equal(places_set(own, service, other_campaign, 3), PLACES_REFUSED);
	assert_true(places_get(own, a, service, campaign, &p));
	assert_int_equal(places_limit(&p), 3);
	assert_false(p.by_coordinator);
	assert_int_equal(places_set(own, service, campaign, PLACES_MAX + 1), PLACES_REFUSED);
	/* The coordinator overrides; then the service cannot change it. */
	assert_int_equal(places_set(admin, service, campaign, 4), PLACES_SAVED);
	assert_int_equal(places_set(own, service, campaign, 9), PLACES_REFUSED);
	size_t n;
	struct places_row *rows = places_of_service(own, a, service, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].stated, 4);
	assert_true(rows[0].by_coordinator);
	/* Removed, there is no limit again: the organisation's capacity is only a suggestion. */
	assert_int_equal(places_set(admin, service, campaign, PLACES_NOT_STATED), PLACES_SAVED);
	assert_int_equal(db_exec("UPDATE organisations SET capacity = 2 WHERE id = ?", "i", service), DB_DONE);
	assert_true(places_get(own, a, service, campaign, &p));
	assert_int_equal(p.stated, PLACES_NOT_STATED);
	assert_int_equal(p.capacity, 2);
	assert_int_equal(places_limit(&p), PLACES_NOT_STATED);
	assert_false(p.by_coordinator);
	arena_free(a);
}

static long long accept(struct scope s, long long student)
{
	struct placement_record r = {.student_id = student, .site = "", .mentor_name = "", .mentor_phone = "",
	                             .mentor_email = ""};
	return placement_insert(s, &r);
}

static void accepting_beyond_the_places_is_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope own = {ROLE_SERVICE, other_service, 0}, admin = {ROLE_ADMIN, 0, 0};
	assert_int_equal(places_set(own, other_service, campaign, 2), PLACES_SAVED);
	long long ann = add_pupil(campaign, "Ann"), bert = add_pupil(campaign, "Bert"), cas = add_pupil(campaign, "Cas");
	long long later = add_pupil(other_campaign, "Dirk");
	assert_true(accept(own, ann) > 0);
	assert_true(accept(own, bert) > 0);
	assert_int_equal(accept(own, cas), PLACEMENT_FULL);
	/* Another campaign has its own places (none stated there: no limit). */
	assert_true(accept(own, later) > 0);
	struct places_row p;
	assert_true(places_get(own, a, other_service, campaign, &p));
	assert_int_equal(p.filled, 2);
	/* A pupil who stopped frees the place; a withdrawal (the placement removed) too. */
	assert_int_equal(db_exec("UPDATE students SET stopped_at = 1 WHERE id = ?", "i", ann), DB_DONE);
	assert_true(accept(own, cas) > 0);
	assert_int_equal(db_exec("UPDATE students SET stopped_at = NULL WHERE id = ?", "i", ann), DB_DONE);
	/* The coordinator closes the other campaign at the one pupil accepted: nobody more. */
	assert_int_equal(places_set(admin, other_service, other_campaign, 1), PLACES_SAVED);
	assert_int_equal(accept(own, add_pupil(other_campaign, "Eva")), PLACEMENT_FULL);
	arena_free(a);
}

static void a_copy_takes_the_places_along(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope admin = {ROLE_ADMIN, 0, 0};
	long long programme = db_query_int(0, "SELECT id FROM programmes ORDER BY id LIMIT 1", NULL);
	assert_int_equal(db_exec("INSERT INTO campaigns (programme_id, school_year, registration_opens_at,"
	                         " registration_closes_at, handling_opens_at, handling_closes_at, results_visible_at,"
	                         " created_at) VALUES (?, '2033-2034', 1, 2, 3, 4, 5, 0)", "i", programme), DB_DONE);
	long long next = db_last_id();
	assert_int_equal(db_exec("INSERT INTO campaign_services (campaign_id, service_id) VALUES (?, ?)", "ii", next,
	                         other_service), DB_DONE);
	assert_int_equal(places_copy((struct scope){ROLE_SERVICE, other_service, 0}, campaign, next), 0);
	assert_int_equal(places_copy(admin, campaign, next), 1); /* only the service that takes part */
	struct places_row p;
	assert_true(places_get(admin, a, other_service, next, &p));
	assert_int_equal(p.stated, 2);
	assert_int_equal(p.filled, 0);
	assert_false(places_get(admin, a, service, next, &p));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_service_itself_and_the_coordinator_reach_its_places),
		cmocka_unit_test(accepting_beyond_the_places_is_refused),
		cmocka_unit_test(a_copy_takes_the_places_along),
	};
	return cmocka_run_group_tests_name("places", tests, setup, temp_db_teardown);
}
