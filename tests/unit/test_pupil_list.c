/* The pupil lists (pupil_list.c) against a real (temporary) database: a school lists only
 * its own pupils, and what a service answered reaches its list, counts and export only
 * from the results moment on (campaign_school_answer); a service lists only its own
 * interns; the periods of a whole page are read at once and land on the right pupils. */
#include "cmocka_all.h"
#include "temp_db.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "pupils.h"

static struct arena *arena;
static struct campaign campaign;      /* results visible in 20 days */
static long long school_a, school_b, west, gent, placed, open_one, stopped, other_school;

static long long org(const char *kind, const char *name)
{
	assert_int_equal(db_exec("INSERT INTO organisations (kind, name, created_at) VALUES (?, ?, 0)", "tt", kind, name),
	                 DB_DONE);
	return db_last_id();
}

static long long add_pupil(long long school, const char *last_name, const char *start, const char *end)
{
	assert_int_equal(db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	                         " VALUES (?, 'C', '1', 'c@x.be', 0, 0)", "i", school), DB_DONE);
	long long contact = db_last_id();
	assert_int_equal(db_exec("INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name,"
	                         " street, phone, email, postcode, city, province, transport, format, period_count,"
	                         " hours_per_week, total_hours, created_at, updated_at) VALUES (?, ?, ?, 'Ann', ?,"
	                         " 'Kerkstraat 1', '0470', 'ann@x.be', '8500', 'Kortrijk', 'West-Vlaanderen', 1, 'blok',"
	                         " 1, 30, 60, 0, 0)", "iiit", campaign.id, school, contact, last_name),
	                 DB_DONE);
	long long id = db_last_id();
	assert_int_equal(db_exec("INSERT INTO student_periods (student_id, position, starts_on, ends_on) VALUES (?, 1, ?, ?)",
	                         "itt", id, start, end), DB_DONE);
	return id;
}

static int setup(void **state)
{
	if (temp_db_setup(state) != 0)
		return -1;
	arena = arena_new();
	long long now = clock_now();
	long long id = temp_db_campaign_in_handling();
	if (!id || !campaign_load(id, &campaign))
		return -1;
	school_a = org("school", "School A");
	school_b = org("school", "School B");
	west = org("service", "West");
	gent = org("service", "Gent");
	placed = add_pupil(school_a, "Aerts", "2027-02-01", "2027-02-28");
	open_one = add_pupil(school_a, "Bosmans", "2027-03-01", "2027-03-31");
	stopped = add_pupil(school_a, "Claes", "2027-04-01", "2027-04-30");
	other_school = add_pupil(school_b, "Aerts", "2027-02-01", "2027-02-28");
	db_exec("UPDATE students SET stopped_at = ? WHERE id = ?", "ii", now - 3600, stopped);
	db_exec("INSERT INTO placements (student_id, service_id, site, mentor_name, accepted_at, updated_at)"
	        " VALUES (?, ?, 'Campus Noord', 'Mentor Mieke', 0, 0)", "ii", placed, west);
	long long placement = db_last_id();
	db_exec("INSERT INTO placement_periods (placement_id, position, starts_on, ends_on) VALUES"
	        " (?, 1, '2027-02-03', '2027-02-14'), (?, 2, '2027-02-17', '2027-02-28')", "ii", placement, placement);
	return 0;
}

static int teardown(void **state)
{
	arena_free(arena);
	return temp_db_teardown(state);
}

static struct scope as(enum role role, long long org_id)
{
	return (struct scope){.role = role, .org_id = org_id, .user_id = 1};
}

static const struct pupil_list_filter no_filter = {.like = ""};

/* The campaign with its results visible since an hour. */
static struct campaign results_visible(void)
{
	struct campaign c = campaign;
	c.results_visible_at = clock_now() - 3600;
	return c;
}

static int page(struct scope s, const struct campaign *c, const struct pupil_list_filter *f, struct pupil_list_row *rows)
{
	return pupil_list_page(s, arena, c, clock_now(), f, PUPIL_LIST_BY_NAME, false, 0, rows, 10);
}

static void school_lists_only_its_own_pupils(void **state)
{
	(void)state;
	struct pupil_list_row rows[10];
	struct pupil_list_tally t;
	assert_true(pupil_list_tally(as(ROLE_SCHOOL, school_a), &campaign, clock_now(), &no_filter, &t));
	assert_int_equal(t.total, 3);
	assert_int_equal(t.matching, 3);
	assert_int_equal(t.stopped, 1);
	assert_int_equal(page(as(ROLE_SCHOOL, school_a), &campaign, &no_filter, rows), 3);
	for (int i = 0; i < 3; i++)
		assert_true(rows[i].id != other_school);
	assert_int_equal(page(as(ROLE_SCHOOL, school_b), &campaign, &no_filter, rows), 1);
	assert_int_equal(rows[0].id, other_school);
	/* a service, the coordinator, a school without an organisation: nothing */
	const struct scope others[] = {as(ROLE_SERVICE, west), as(ROLE_ADMIN, 0), as(ROLE_SCHOOL, 0)};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		assert_false(pupil_list_tally(others[i], &campaign, clock_now(), &no_filter, &t));
		assert_int_equal(t.total, 0);
		assert_int_equal(page(others[i], &campaign, &no_filter, rows), 0);
		assert_null(pupil_export_open(others[i], &campaign, clock_now(), &no_filter, PUPIL_LIST_BY_NAME, false));
	}
}

static const struct pupil_list_row *find(const struct pupil_list_row *rows, int n, long long id)
{
	for (int i = 0; i < n; i++)
		if (rows[i].id == id)
			return &rows[i];
	fail_msg("pupil %lld not in the list", id);
	return NULL;
}

static void answers_reach_the_school_only_from_the_results_moment(void **state)
{
	(void)state;
	struct pupil_list_row rows[10];
	struct pupil_list_tally t;
	struct scope school = as(ROLE_SCHOOL, school_a);
	/* before: the accepted pupil is one like the others */
	int n = page(school, &campaign, &no_filter, rows);
	const struct pupil_list_row *p = find(rows, n, placed);
	assert_int_equal(p->status, PUPIL_LIST_OPEN);
	assert_null(p->answer.service);
	assert_string_equal(p->site, "");
	assert_string_equal(p->mentor_name, "");
	assert_int_equal(p->approved.count, 0);
	struct pupil_list_filter accepted = {.status = PUPIL_LIST_ACCEPTED, .like = ""};
	pupil_list_tally(school, &campaign, clock_now(), &accepted, &t);
	assert_int_equal(t.accepted, 0);
	assert_int_equal(t.matching, 0);
	struct pupil_export_row row;
	struct pupil_export_cursor *cur = pupil_export_open(school, &campaign, clock_now(), &no_filter,
	                                                    PUPIL_LIST_BY_NAME, false);
	assert_non_null(cur);
	while (pupil_export_next(cur, &row) == 1) {
		assert_null(row.answer.service);
		assert_string_equal(row.site, "");
		assert_int_equal(row.approved.count, 0);
		assert_int_equal(row.requested.count, 1);
	}
	pupil_export_close(cur);

	/* after: service, site, mentor and the approved periods, on the right pupil only */
	struct campaign visible = results_visible();
	n = page(school, &visible, &no_filter, rows);
	assert_int_equal(n, 3);
	p = find(rows, n, placed);
	assert_int_equal(p->status, PUPIL_LIST_ACCEPTED);
	assert_string_equal(p->answer.service, "West");
	assert_string_equal(p->site, "Campus Noord");
	assert_string_equal(p->mentor_name, "Mentor Mieke");
	assert_int_equal(p->approved.count, 2);
	assert_string_equal(p->approved.start[0], "2027-02-03");
	assert_string_equal(p->approved.end[1], "2027-02-28");
	assert_int_equal(find(rows, n, open_one)->approved.count, 0);
	assert_int_equal(find(rows, n, stopped)->status, PUPIL_LIST_STOPPED);
	pupil_list_tally(school, &visible, clock_now(), &accepted, &t);
	assert_int_equal(t.accepted, 1);
	assert_int_equal(t.matching, 1);
	cur = pupil_export_open(school, &visible, clock_now(), &no_filter, PUPIL_LIST_BY_NAME, false);
	assert_int_equal(pupil_export_next(cur, &row), 1);
	assert_int_equal(row.id, placed); /* Aerts first */
	assert_string_equal(row.answer.service, "West");
	assert_int_equal(row.approved.count, 2);
	assert_string_equal(row.approved.start[1], "2027-02-17");
	assert_string_equal(row.requested.start[0], "2027-02-01");
	pupil_export_close(cur);
}

static void a_period_filter_and_a_name_filter_narrow_the_list(void **state)
{
	(void)state;
	struct pupil_list_row rows[10];
	struct pupil_list_filter march = {.like = "", .period = true};
	strcpy(march.from, "2027-03-10");
	strcpy(march.to, "2027-03-12");
	assert_int_equal(page(as(ROLE_SCHOOL, school_a), &campaign, &march, rows), 1);
	assert_int_equal(rows[0].id, open_one);
	struct pupil_list_filter name = {.like = "%bosm%"};
	assert_int_equal(page(as(ROLE_SCHOOL, school_a), &campaign, &name, rows), 1);
	assert_int_equal(rows[0].id, open_one);
}

static void a_service_lists_only_its_own_interns(void **state)
{
	(void)state;
	struct pupil_intern_row *rows;
	assert_int_equal(pupil_interns(as(ROLE_SERVICE, west), arena, false, &rows), 1);
	assert_int_equal(rows[0].id, placed);
	assert_string_equal(rows[0].national_number, "");
	assert_int_equal(rows[0].approved.count, 2);
	assert_string_equal(rows[0].approved.start[1], "2027-02-17");
	assert_int_equal(pupil_interns(as(ROLE_SERVICE, gent), arena, false, &rows), 0);
	assert_int_equal(pupil_interns(as(ROLE_SCHOOL, school_a), arena, false, &rows), 0);
	struct pupil_periods periods;
	long long placement = db_query_int(0, "SELECT id FROM placements WHERE student_id = ?", "i", placed);
	assert_int_equal(pupil_approved_periods(as(ROLE_SERVICE, west), placement, &periods), 2);
	assert_int_equal(pupil_approved_periods(as(ROLE_SERVICE, gent), placement, &periods), 0);
	assert_int_equal(pupil_approved_periods(as(ROLE_SCHOOL, school_a), placement, &periods), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(school_lists_only_its_own_pupils),
		cmocka_unit_test(answers_reach_the_school_only_from_the_results_moment),
		cmocka_unit_test(a_period_filter_and_a_name_filter_narrow_the_list),
		cmocka_unit_test(a_service_lists_only_its_own_interns),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
