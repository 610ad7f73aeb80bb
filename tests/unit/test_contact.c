/* The contact module's reach, against a real (temporary) database: a school's scope reads and
 * changes only its own contacts, a service's none, the coordinator's all of them. */
#include "cmocka_all.h"

#include <string.h>

#include "arena.h"
#include "contact.h"
#include "temp_db.h"

static long long school_a, school_b, service;
static long long contact_a, contact_b;

static struct scope school_scope(long long school)
{
	return (struct scope){ROLE_SCHOOL, school, 1};
}

static long long add(long long school, const char *name)
{
	struct scope s = school_scope(school);
	struct contact_row c = {.name = name, .phone = "+32 9 123 45 67", .email = "x@example.org"};
	long long id = 0;
	assert_int_equal(contact_insert(&s, &c, &id), CONTACT_OK);
	return id;
}

static int setup(void **state)
{
	if (temp_db_setup(state))
		return -1;
	school_a = temp_db_org("school", "School A");
	school_b = temp_db_org("school", "School B");
	service = temp_db_org("service", "Dienst C");
	contact_a = add(school_a, "Anna");
	contact_b = add(school_b, "Bert");
	return 0;
}

static void a_school_reads_only_its_own(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = school_scope(school_a);
	struct contact_row c;
	assert_true(contact_get(&s, contact_a, a, &c));
	assert_string_equal(c.name, "Anna");
	assert_int_equal(c.school_id, school_a);
	assert_false(contact_get(&s, contact_b, a, &c));
	size_t n;
	struct contact_row *rows = contact_list(&s, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, contact_a);
	arena_free(a);
}

static void a_school_cannot_change_another_schools_contact(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = school_scope(school_a);
	struct contact_row changed = {.name = "Overgenomen", .phone = "+32 9 000 00 00", .email = "y@example.org"};
	assert_int_equal(contact_change(&s, contact_b, &changed), CONTACT_NOT_FOUND);
	assert_int_equal(contact_remove(&s, contact_b), CONTACT_NOT_FOUND);
	struct scope b = school_scope(school_b);
	struct contact_row c;
	assert_true(contact_get(&b, contact_b, a, &c));
	assert_string_equal(c.name, "Bert");
	arena_free(a);
}

static void a_service_reaches_no_contact(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = {ROLE_SERVICE, service, 2};
	struct contact_row c = {.name = "Nieuw", .phone = "+32 9 123 45 67", .email = "z@example.org"};
	long long id = 0;
	assert_false(contact_get(&s, contact_a, a, &c));
	size_t n;
	contact_list(&s, a, &n);
	assert_int_equal(n, 0);
	assert_int_equal(contact_insert(&s, &c, &id), CONTACT_NOT_FOUND);
	assert_int_equal(contact_change(&s, contact_a, &c), CONTACT_NOT_FOUND);
	assert_int_equal(contact_remove(&s, contact_a), CONTACT_NOT_FOUND);
	/* a school scope without a school is no wildcard */
	struct scope none = school_scope(0);
	contact_list(&none, a, &n);
	assert_int_equal(n, 0);
	arena_free(a);
}

static void the_coordinator_sees_all(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = scope_system();
	size_t n;
	contact_list(&s, a, &n);
	assert_int_equal(n, 2);
	struct contact_row c;
	assert_true(contact_get(&s, contact_b, a, &c));
	assert_string_equal(c.name, "Bert");
	arena_free(a);
}

static void a_school_changes_and_removes_its_own(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct scope s = school_scope(school_a);
	long long id = add(school_a, "Tijdelijk");
	struct contact_row changed = {.name = "Blijvend", .phone = "+32 9 111 11 11", .email = "t@example.org"};
	assert_int_equal(contact_change(&s, id, &changed), CONTACT_OK);
	struct contact_row c;
	assert_true(contact_get(&s, id, a, &c));
	assert_string_equal(c.name, "Blijvend");
	assert_int_equal(contact_remove(&s, id), CONTACT_OK);
	assert_false(contact_get(&s, id, a, &c));
	assert_int_equal(contact_remove(&s, id), CONTACT_NOT_FOUND);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_school_reads_only_its_own),
		cmocka_unit_test(a_school_cannot_change_another_schools_contact),
		cmocka_unit_test(a_service_reaches_no_contact),
		cmocka_unit_test(the_coordinator_sees_all),
		cmocka_unit_test(a_school_changes_and_removes_its_own),
	};
	return cmocka_run_group_tests_name("contact", tests, setup, temp_db_teardown);
}
