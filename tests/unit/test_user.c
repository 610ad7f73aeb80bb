/* The user module's reach, against a real (temporary) database: a service's (or school's)
 * scope lists only its own organisation's users and manages none; the coordinator's scope
 * lists and manages all. */
#include "cmocka_all.h"

#include <string.h>

#include "arena.h"
#include "orgs.h"
#include "temp_db.h"
#include "user.h"

static long long school, service, school_user, service_user;

static int setup(void **state)
{
	if (temp_db_setup(state))
		return -1;
	struct scope sys = scope_system();
	school = org_create(&sys, &(struct org_fields){.kind = "school", .name = "School A"});
	service = org_create(&sys, &(struct org_fields){.kind = "service", .name = "Dienst B"});
	school_user = user_create(school, "secretariaat@school.test", "Secretariaat", "hash");
	service_user = user_create(service, "planner@dienst.test", "Planner", "hash");
	return school_user && service_user ? 0 : -1;
}

static void a_service_lists_only_its_own_users(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = {ROLE_SERVICE, service, service_user};
	size_t n;
	struct user_row *u = user_list(&s, "", a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(u[0].id, service_user);
	user_list(&s, "school", a, &n); /* a search does not widen the reach */
	assert_int_equal(n, 0);
	struct user_row one;
	assert_false(user_get(&s, school_user, a, &one));
	assert_true(user_get(&s, service_user, a, &one));
	assert_string_equal(one.email, "planner@dienst.test");
	arena_free(a);
}

static void only_the_coordinator_disables(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = {ROLE_SCHOOL, school, school_user};
	assert_int_equal(user_disable(&s, service_user), DB_ERROR);
	assert_int_equal(user_disable(&s, school_user), DB_ERROR);
	struct scope sys = scope_system();
	struct user_row u;
	assert_true(user_get(&sys, service_user, a, &u));
	assert_string_equal(u.state, "active");
	assert_int_equal(user_disable(&sys, service_user), DB_DONE);
	assert_true(user_get(&sys, service_user, a, &u));
	assert_string_equal(u.state, "disabled");
	assert_int_equal(user_enable(&sys, service_user), DB_DONE);
	assert_true(user_get(&sys, service_user, a, &u));
	assert_string_equal(u.state, "active");
	arena_free(a);
}

static void the_coordinator_sees_all_and_searches(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope sys = scope_system();
	size_t n;
	user_list(&sys, "", a, &n);
	assert_int_equal(n, 2);
	struct user_row *u = user_list(&sys, "dienst", a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(u[0].id, service_user);
	user_list(&sys, "%", a, &n); /* a wildcard is searched as itself */
	assert_int_equal(n, 0);
	arena_free(a);
}

static void a_link_reaches_only_its_own_account(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope link = {.user_id = school_user}; /* the user an e-mail link was sent to */
	struct user_row u;
	assert_true(user_get(&link, school_user, a, &u));
	assert_true(u.org_active);
	assert_false(user_get(&link, service_user, a, &u));
	size_t n;
	user_list(&link, "", a, &n);
	assert_int_equal(n, 0);
	assert_int_equal(user_set_name(&link, "Nieuwe naam"), DB_DONE);
	assert_int_equal(user_activate(&link, "hash2", "X"), DB_ERROR); /* already active */
	struct scope sys = scope_system();
	assert_true(user_get(&sys, school_user, a, &u));
	assert_string_equal(u.name, "Nieuwe naam");
	assert_true(user_get(&sys, service_user, a, &u));
	assert_string_equal(u.name, "Planner");
	struct scope nobody = {0};
	assert_int_equal(user_set_name(&nobody, "Niemand"), DB_ERROR);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_service_lists_only_its_own_users),
		cmocka_unit_test(only_the_coordinator_disables),
		cmocka_unit_test(the_coordinator_sees_all_and_searches),
		cmocka_unit_test(a_link_reaches_only_its_own_account),
	};
	return cmocka_run_group_tests_name("user", tests, setup, temp_db_teardown);
}
