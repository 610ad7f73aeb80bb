/* Reading the audit log is the coordinator's alone, against a real (temporary) database. */
#include "cmocka_all.h"

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "temp_db.h"

static void only_the_coordinator_reads_the_log(void **state)
{
	(void)state;
	audit_system(0, 0, "login", 0, "first");
	audit_system(0, 0, "contact_create", 0, "second");
	struct arena *a = arena_new();
	struct scope sys = scope_system();
	size_t n;
	const char **actions = audit_actions(&sys, a, &n);
	assert_int_equal(n, 2);
	assert_string_equal(actions[0], "contact_create");
	assert_string_equal(actions[1], "login");
	assert_true(audit_first_id_from(&sys, 0, -1) > 0);
	assert_int_equal(audit_first_id_from(&sys, 1LL << 40, -1), -1);
	static const enum role others[] = {ROLE_SCHOOL, ROLE_SERVICE};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct scope other = {others[i], 1, 1};
		audit_actions(&other, a, &n);
		assert_int_equal(n, 0);
		assert_int_equal(audit_first_id_from(&other, 0, -1), -1);
		assert_int_equal(audit_last_id_before(&other, 1LL << 40), 0);
	}
	arena_free(a);
}

static const struct audit_selection everything = {.high_id = AUDIT_NO_LIMIT};

static void the_listing_is_the_coordinators_and_follows_the_selection(void **state)
{
	(void)state;
	long long school = temp_db_org("school", "School Lijst");
	audit_system(0, school, "contact_update", 0, "contact=1");
	audit_system(0, school, "contact_update", 0, "contact=2");
	audit_system(0, 0, "retention", 0, "campaign=3");
	struct arena *a = arena_new();
	struct scope sys = scope_system();
	size_t n;
	struct audit_selection by_org = everything;
	by_org.organisation = school;
	const struct audit_line *lines = audit_lines(&sys, &by_org, 0, 10, a, &n);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0].detail, "contact=2"); /* newest first */
	assert_string_equal(lines[0].organisation, "School Lijst");
	assert_null(lines[0].user);
	assert_null(lines[0].ip);
	lines = audit_lines(&sys, &by_org, lines[0].id, 10, a, &n); /* the older page */
	assert_int_equal(n, 1);
	assert_string_equal(lines[0].detail, "contact=1");
	struct audit_selection by_action = everything;
	by_action.action = "retention";
	lines = audit_lines(&sys, &by_action, 0, 10, a, &n);
	assert_int_equal(n, 1);
	assert_null(lines[0].organisation);
	struct scope school_scope = {ROLE_SCHOOL, school, 1};
	audit_lines(&school_scope, &by_org, 0, 10, a, &n);
	assert_int_equal(n, 0);
	struct db_stmt *c = audit_cursor_open(&school_scope, &everything);
	struct audit_line line;
	assert_int_equal(audit_cursor_next(c, &line), 0);
	db_cursor_close(c);
	c = audit_cursor_open(&sys, &by_org);
	assert_int_equal(audit_cursor_next(c, &line), 1);
	assert_string_equal(line.detail, "contact=2");
	assert_int_equal(audit_cursor_next(c, &line), 1);
	assert_int_equal(audit_cursor_next(c, &line), 0);
	db_cursor_close(c);
	arena_free(a);
}

static void the_number_limit_alert_is_the_coordinators(void **state)
{
	(void)state;
	long long school = temp_db_org("school", "School Alarm");
	assert_int_equal(db_exec("INSERT INTO users (organisation_id, email, name, state, created_at)"
	                         " VALUES (?, 'probe@example.org', 'P', 'active', 0)", "i", school),
	                 DB_DONE);
	long long user = db_last_id();
	audit_system(user, school, "national_number_limit", 0, NULL);
	audit_system(user, school, "national_number_limit", 0, NULL);
	struct arena *a = arena_new();
	struct scope sys = scope_system();
	size_t n;
	const struct audit_limit_hit *hits = audit_limit_hits(&sys, 0, a, &n);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].user, "probe@example.org");
	assert_string_equal(hits[0].organisation, "School Alarm");
	assert_int_equal(hits[0].times, 2);
	audit_limit_hits(&sys, clock_now() + 10, a, &n);
	assert_int_equal(n, 0);
	struct scope school_scope = {ROLE_SCHOOL, school, user};
	audit_limit_hits(&school_scope, 0, a, &n);
	assert_int_equal(n, 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_coordinator_reads_the_log),
		cmocka_unit_test(the_listing_is_the_coordinators_and_follows_the_selection),
		cmocka_unit_test(the_number_limit_alert_is_the_coordinators),
	};
	return cmocka_run_group_tests_name("audit_reach", tests, temp_db_setup, temp_db_teardown);
}
