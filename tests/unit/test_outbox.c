/* The outbox module against a real (temporary) database: the outbox is the coordinator's and
 * the system's only, and a mail goes queued -> leased -> sent (body gone) or failed -> queued. */
#include "cmocka_all.h"

#include <string.h>

#include "arena.h"
#include "clock.h"
#include "outbox.h"
#include "temp_db.h"

static long long queue(const char *to, const char *subject)
{
	struct scope sys = scope_system();
	long long id = 0;
	assert_int_equal(outbox_queue(&sys, NULL, 0, to, subject, "Klik op de link.", &id), DB_DONE);
	return id;
}

static void only_the_coordinator_reaches_the_outbox(void **state)
{
	(void)state;
	long long id = queue("a@example.org", "Uitnodiging");
	struct arena *a = arena_new();
	const struct scope others[] = {{ROLE_SCHOOL, 1, 1}, {ROLE_SERVICE, 2, 2}, {0, -1, 0}};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		const struct scope *s = &others[i];
		size_t n = 99;
		long long other_id = 0;
		assert_int_equal(outbox_count(s, ""), 0);
		assert_null(outbox_state(s, id, a));
		outbox_page(s, "", 50, 0, a, &n);
		assert_int_equal(n, 0);
		assert_false(outbox_any_due(s, clock_now() + 1));
		outbox_due(s, clock_now() + 1, 10, a, &n);
		assert_int_equal(n, 0);
		assert_int_not_equal(outbox_queue(s, NULL, 0, "x@example.org", "x", "x", &other_id), DB_DONE);
		assert_int_not_equal(outbox_drop(s, id), DB_DONE);
	}
	struct scope admin = {ROLE_ADMIN, 0, 7};
	assert_string_equal(outbox_state(&admin, id, a), "queued");
	assert_int_equal(outbox_count(&admin, ""), 1);
	assert_int_equal(outbox_drop(&admin, id), DB_DONE);
	assert_null(outbox_state(&admin, id, a));
	arena_free(a);
}

static void a_mail_is_leased_sent_and_its_body_forgotten(void **state)
{
	(void)state;
	struct scope sys = scope_system();
	struct arena *a = arena_new();
	long long id = queue("b@example.org", "Nieuw wachtwoord");
	long long now = clock_now();
	assert_true(outbox_any_due(&sys, now));
	size_t n;
	struct outbox_mail *due = outbox_due(&sys, now, 10, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(due[0].id, id);
	assert_string_equal(due[0].to, "b@example.org");
	assert_string_equal(due[0].body, "Klik op de link.");
	assert_int_equal(outbox_lease(&sys, id, now + 600), DB_DONE);
	assert_false(outbox_any_due(&sys, now)); /* leased: nobody else takes it */
	assert_int_equal(outbox_mark_sent(&sys, id, now), DB_DONE);
	assert_string_equal(outbox_state(&sys, id, a), "sent");
	struct outbox_row *rows = outbox_page(&sys, "sent", 50, 0, a, &n);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].subject, "Nieuw wachtwoord");
	assert_int_equal(rows[0].attempts, 1);
	long long ids[4];
	assert_int_equal(outbox_sent_with_body(&sys, now, ids, 4), 0); /* not older than now */
	assert_int_equal(outbox_sent_with_body(&sys, now + 1, ids, 4), 1);
	assert_int_equal(outbox_forget_body(&sys, ids[0]), DB_DONE);
	assert_int_equal(outbox_sent_with_body(&sys, now + 1, ids, 4), 0);
	rows = outbox_page(&sys, "sent", 50, 0, a, &n);
	assert_string_equal(rows[0].subject, "");
	arena_free(a);
}

static void a_failed_mail_is_queued_again(void **state)
{
	(void)state;
	struct scope sys = scope_system();
	struct arena *a = arena_new();
	long long id = queue("c@example.org", "Melding");
	assert_int_equal(outbox_mark_retry(&sys, id, "verbinding geweigerd", clock_now() + 60), DB_DONE);
	assert_int_equal(outbox_requeue(&sys, id, clock_now()), DB_DONE);
	size_t n;
	struct outbox_row *rows = outbox_page(&sys, "queued", 50, 0, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].attempts, 1); /* still queued, not failed: requeue left it alone */
	assert_string_equal(rows[0].last_error, "verbinding geweigerd");
	assert_int_equal(outbox_mark_failed(&sys, id, "te veel pogingen"), DB_DONE);
	assert_int_equal(outbox_count(&sys, "failed"), 1);
	assert_int_equal(outbox_requeue(&sys, id, clock_now()), DB_DONE);
	assert_int_equal(outbox_count(&sys, "failed"), 0);
	rows = outbox_page(&sys, "queued", 50, 0, a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].attempts, 0);
	arena_free(a);
}

static void a_mail_about_a_campaign_is_tied_to_it(void **state)
{
	(void)state;
	struct scope sys = scope_system();
	assert_int_equal(db_exec("INSERT INTO programmes (id, code, name, position) VALUES (90, 'x', 'X', 90)", NULL),
	                 DB_DONE);
	assert_int_equal(db_exec("INSERT INTO campaigns (id, programme_id, school_year, registration_opens_at,"
	                         " registration_closes_at, handling_opens_at, handling_closes_at, results_visible_at,"
	                         " created_at) VALUES (91, 90, '2030-2031', 1, 2, 3, 4, 5, 0)",
	                         NULL),
	                 DB_DONE);
	long long campaigns[] = {91, 91};
	long long id = 0;
	assert_int_equal(outbox_queue(&sys, campaigns, 2, "d@example.org", "Resultaten", "Tekst", &id), DB_DONE);
	assert_int_equal(db_query_int(0, "SELECT COUNT(*) FROM outbox_campaigns WHERE outbox_id = ?", "i", id), 1);
}

static long long visited[8];
static size_t visits;
static void visit(long long id)
{
	if (visits < sizeof visited / sizeof visited[0])
		visited[visits++] = id;
}

/* Retention: the campaign's unsent mails go, its sent ones keep who and when; other mails
 * stay; only the coordinator's (or system's) scope does it. */
static void a_campaigns_mails_are_cleared_for_retention(void **state)
{
	(void)state;
	struct scope sys = scope_system();
	struct arena *a = arena_new();
	long long campaign = temp_db_campaign_in_handling();
	assert_true(campaign > 0);
	long long sent = 0, unsent = 0, other = queue("f@example.org", "Los van de campagne");
	assert_int_equal(outbox_queue(&sys, &campaign, 1, "s@example.org", "Resultaat", "Tekst", &sent), DB_DONE);
	assert_int_equal(outbox_mark_sent(&sys, sent, clock_now()), DB_DONE);
	assert_int_equal(outbox_queue(&sys, &campaign, 1, "u@example.org", "Herinnering", "Tekst", &unsent), DB_DONE);

	const struct scope others[] = {{ROLE_SCHOOL, 1, 1}, {ROLE_SERVICE, 2, 2}, {0, -1, 0}};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		assert_int_equal(outbox_campaign_clear(&others[i], campaign), -1);
		visits = 0;
		outbox_campaign_each(&others[i], campaign, visit);
		assert_int_equal(visits, 0);
	}
	assert_string_equal(outbox_state(&sys, unsent, a), "queued");

	assert_int_equal(outbox_campaign_clear(&sys, campaign), 2);
	assert_null(outbox_state(&sys, unsent, a));
	assert_string_equal(outbox_state(&sys, other, a), "queued");
	size_t n;
	struct outbox_row *rows = outbox_page(&sys, "sent", 50, 0, a, &n);
	bool seen = false;
	for (size_t i = 0; i < n; i++)
		if (rows[i].id == sent) {
			seen = true;
			assert_string_equal(rows[i].subject, "");
			assert_string_equal(rows[i].to, "s@example.org");
		}
	assert_true(seen);
	visits = 0;
	outbox_campaign_each(&sys, campaign, visit);
	assert_int_equal(visits, 1);
	assert_int_equal(visited[0], sent);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_coordinator_reaches_the_outbox),
		cmocka_unit_test(a_mail_is_leased_sent_and_its_body_forgotten),
		cmocka_unit_test(a_failed_mail_is_queued_again),
		cmocka_unit_test(a_mail_about_a_campaign_is_tied_to_it),
		cmocka_unit_test(a_campaigns_mails_are_cleared_for_retention),
	};
	return cmocka_run_group_tests_name("outbox", tests, temp_db_setup, temp_db_teardown);
}
