/* The coordinator's side of the withdrawals module, against a real (temporary) database: only
 * the coordinator lists and decides the requests to withdraw; a decision is taken once. */
#include "cmocka_all.h"

#include <string.h>

#include "arena.h"
#include "temp_db.h"
#include "withdrawals.h"

static long long campaign, school, service, student, coordinator;

static int setup(void **state)
{
	if (temp_db_setup(state))
		return -1;
	school = temp_db_org("school", "School W");
	service = temp_db_org("service", "Dienst W");
	long long coordination = temp_db_org("coordinator", "Coördinatie");
	if (db_exec("INSERT INTO users (organisation_id, email, name, state, created_at)"
	            " VALUES (?, 'coordinatie@example.org', 'C', 'active', 0)", "i", coordination) != DB_DONE)
		return -1;
	coordinator = db_last_id();
	long long programme = db_query_int(0, "SELECT id FROM programmes ORDER BY id LIMIT 1", NULL);
	if (db_exec("INSERT INTO campaigns (programme_id, school_year, registration_opens_at, registration_closes_at,"
	            " handling_opens_at, handling_closes_at, results_visible_at, created_at)"
	            " VALUES (?, '2031-2032', 1, 2, 3, 4, 5, 0)", "i", programme) != DB_DONE)
		return -1;
	campaign = db_last_id();
	if (db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	            " VALUES (?, 'C', '1', 'c@x.be', 0, 0)", "i", school) != DB_DONE)
		return -1;
	long long contact = db_last_id();
	if (db_exec("INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, postcode, city,"
	            " province, transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)"
	            " VALUES (?, ?, ?, 'Ada', 'Peeters', '9000', 'Gent', 'Oost-Vlaanderen', 1, 'blok', 1, 30, 60, 0, 0)",
	            "iii", campaign, school, contact) != DB_DONE)
		return -1;
	student = db_last_id();
	return db_exec("INSERT INTO placements (student_id, service_id, accepted_at, updated_at) VALUES (?, ?, 0, 0)",
	               "ii", student, service);
}

static void only_the_coordinator_lists_and_decides(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_int_equal(withdrawal_request(student, service, campaign, 0), 0);
	assert_int_equal(withdrawal_request(student, service, campaign, 0), 1); /* one pending at a time */
	struct scope admin = {ROLE_ADMIN, 0, coordinator};
	const struct scope others[] = {{ROLE_SCHOOL, school, 1}, {ROLE_SERVICE, service, 2}};
	size_t n;
	const struct withdrawal_row *pending = withdrawals_pending(&admin, 100, a, &n);
	assert_int_equal(n, 1);
	assert_string_equal(pending[0].pupil, "Ada Peeters");
	assert_string_equal(pending[0].service, "Dienst W");
	assert_string_equal(pending[0].state, "pending");
	long long id = pending[0].id;
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct withdrawal_row w;
		withdrawals_pending(&others[i], 100, a, &n);
		assert_int_equal(n, 0);
		assert_false(withdrawal_get(&others[i], id, a, &w));
		assert_int_not_equal(withdrawal_decide(&others[i], id, "refused"), DB_DONE);
	}
	assert_int_equal(withdrawal_decide(&admin, id, "refused"), DB_DONE);
	assert_int_not_equal(withdrawal_decide(&admin, id, "cancelled"), DB_DONE); /* decided already */
	withdrawals_pending(&admin, 100, a, &n);
	assert_int_equal(n, 0);
	const struct withdrawal_row *decided = withdrawals_decided(&admin, 20, a, &n);
	assert_int_equal(n, 1);
	assert_string_equal(decided[0].state, "refused");
	assert_true(decided[0].decided_at > 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_coordinator_lists_and_decides),
	};
	return cmocka_run_group_tests_name("withdrawals", tests, setup, temp_db_teardown);
}
