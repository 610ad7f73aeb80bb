/* The organisation module's reach, against a real (temporary) database: a school's or a
 * service's scope reads its own organisation only and changes none; the coordinator's scope
 * reads and changes them all. */
#include "cmocka_all.h"

#include "arena.h"
#include "orgs.h"
#include "temp_db.h"

static long long school_a, school_b, service;

static int setup(void **state)
{
	if (temp_db_setup(state))
		return -1;
	struct scope sys = scope_system();
	school_a = org_create(&sys, &(struct org_fields){.kind = "school", .name = "School A"});
	school_b = org_create(&sys, &(struct org_fields){.kind = "school", .name = "School B"});
	service = org_create(&sys, &(struct org_fields){.kind = "service", .name = "Dienst C"});
	struct service_area area = {"Antwerpen", 0, 0};
	return school_a && school_b && service && org_set_areas(&sys, service, &area, 1) == DB_DONE ? 0 : -1;
}

static void a_school_reads_only_its_own(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = {ROLE_SCHOOL, school_a, 1};
	struct org_row o;
	assert_true(org_get(&s, school_a, a, &o));
	assert_string_equal(o.fields.name, "School A");
	assert_false(org_get(&s, school_b, a, &o));
	assert_false(org_get(&s, service, a, &o));
	size_t n;
	org_list(&s, "school", a, &n);
	assert_int_equal(n, 1);
	arena_free(a);
}

static void a_service_cannot_read_another_organisation(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = {ROLE_SERVICE, service, 2};
	struct org_row o;
	assert_false(org_get(&s, school_a, a, &o));
	size_t n;
	org_list(&s, "school", a, &n);
	assert_int_equal(n, 0);
	assert_int_equal(org_areas(&s, service, a, &n)[0].province != NULL, 1);
	assert_int_equal(n, 1);
	struct scope other = {ROLE_SERVICE, school_a, 3}; /* another organisation's user */
	org_areas(&other, service, a, &n);
	assert_int_equal(n, 0);
	arena_free(a);
}

static void only_the_coordinator_writes(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope school = {ROLE_SCHOOL, school_a, 1};
	struct org_fields renamed = {.kind = "school", .name = "Overgenomen"};
	assert_int_equal(org_create(&school, &renamed), 0);
	assert_int_equal(org_update(&school, school_a, &renamed), DB_ERROR);
	assert_int_equal(org_set_active(&school, school_b, false), DB_ERROR);
	assert_int_equal(org_set_areas(&school, service, NULL, 0), DB_ERROR);
	struct scope sys = scope_system();
	struct org_row o;
	assert_true(org_get(&sys, school_a, a, &o));
	assert_string_equal(o.fields.name, "School A");
	assert_true(o.active);
	size_t n;
	org_areas(&sys, service, a, &n);
	assert_int_equal(n, 1);
	arena_free(a);
}

static void the_coordinator_sees_and_changes_all(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope sys = scope_system();
	size_t n;
	org_list(&sys, "school", a, &n);
	assert_int_equal(n, 2);
	org_list(&sys, "service", a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(org_update(&sys, school_b, &(struct org_fields){.kind = "school", .name = "School B2"}), DB_DONE);
	assert_int_equal(org_set_active(&sys, school_b, false), DB_DONE);
	struct org_row o;
	assert_true(org_get(&sys, school_b, a, &o));
	assert_string_equal(o.fields.name, "School B2");
	assert_false(o.active);
	/* a school's kind cannot be changed through the update */
	assert_int_equal(org_update(&sys, school_b, &(struct org_fields){.kind = "service", .name = "X"}), DB_ERROR);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_school_reads_only_its_own),
		cmocka_unit_test(a_service_cannot_read_another_organisation),
		cmocka_unit_test(only_the_coordinator_writes),
		cmocka_unit_test(the_coordinator_sees_and_changes_all),
	};
	return cmocka_run_group_tests_name("orgs", tests, setup, temp_db_teardown);
}
