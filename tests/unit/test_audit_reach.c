/* Reading the audit log is the coordinator's alone, against a real (temporary) database. */
#include "cmocka_all.h"

#include "arena.h"
#include "audit.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_coordinator_reads_the_log),
	};
	return cmocka_run_group_tests_name("audit_reach", tests, temp_db_setup, temp_db_teardown);
}
