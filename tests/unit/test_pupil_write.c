/* The pupil module's writes (pupils.h, pupil_write.c) and the placement writes
 * (placements_store.h), against a real (temporary) database: only a school's scope writes
 * pupils, and only its own; a stopped or accepted pupil and a stale version are not
 * changed; each write inside db_tx commits or leaves nothing. */
#include "cmocka_all.h"
#include "temp_db.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "contact.h"
#include "crypto.h"
#include "db.h"
#include "placements_store.h"
#include "pupils.h"
#include "user.h"

static struct arena *arena;
static long long campaign, school_a, school_b, service, contact_a;
static char key_file[64];

static struct scope as(enum role role, long long org_id)
{
	return (struct scope){.role = role, .org_id = org_id, .user_id = 0};
}

static int setup(void **state)
{
	snprintf(key_file, sizeof key_file, "/tmp/stagematch_unit_key_%ld", (long)getpid());
	unlink(key_file);
	if (secret_key_load(key_file, true) != 0 || temp_db_setup(state) != 0)
		return -1;
	arena = arena_new();
	campaign = temp_db_campaign_in_handling();
	school_a = temp_db_org("school", "School A");
	school_b = temp_db_org("school", "School B");
	service = temp_db_org("service", "Dienst");
	if (!campaign || !school_a || !school_b || !service ||
	    db_exec("INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	            " VALUES (?, 'C', '1', 'c@x.be', 0, 0)", "i", school_a) != DB_DONE)
		return -1;
	contact_a = db_last_id();
	return 0;
}

static int teardown(void **state)
{
	arena_free(arena);
	unlink(key_file);
	return temp_db_teardown(state);
}

/* A complete request with this national number and one period. */
static struct pupil_record request(const char *national_number, const char *first_name)
{
	struct pupil_record rec = {
		.campaign_id = campaign, .contact_id = contact_a, .first_name = first_name, .last_name = "Peeters",
		.national_number = national_number, .street = "Kerkstraat 1", .postcode = "8500", .city = "Kortrijk",
		.province = "West-Vlaanderen", .phone = "0470 11 22 33", .email = "ann@x.be", .transport = 1,
		.format = "blok", .period_count = 1, .hours_per_week = 30, .total_hours = 60,
	};
	rec.period_start[0] = "2027-02-01";
	rec.period_end[0] = "2027-02-12";
	return rec;
}

/* The pupil_insert of one transaction: its result. */
struct insert_tx {
	struct scope s;
	struct pupil_record rec;
	long long id;
};

static int insert_body(void *ctx)
{
	struct insert_tx *t = ctx;
	t->id = pupil_insert(t->s, &t->rec);
	return t->id > 0 ? DB_DONE : DB_ERROR;
}

static long long insert(struct scope s, const char *national_number, const char *first_name)
{
	struct insert_tx t = {.s = s, .rec = request(national_number, first_name)};
	db_tx(insert_body, &t);
	return t.id;
}

static long long pupil_count(void)
{
	return db_query_int(-1, "SELECT COUNT(*) FROM students", NULL);
}

static void school_adds_to_its_own_school_only(void **state)
{
	(void)state;
	long long user = user_create(school_a, "secretariaat@a.be", "Secretariaat", NULL);
	assert_true(user > 0);
	struct scope a = {.role = ROLE_SCHOOL, .org_id = school_a, .user_id = user};
	struct insert_tx t = {.s = a, .rec = request("85073003328", "Ann")};
	t.rec.school_id = school_b; /* ignored: the scope's school is */
	assert_int_equal(db_tx(insert_body, &t), DB_DONE);
	struct pupil p;
	assert_true(pupil_get(a, arena, t.id, true, &p));
	assert_int_equal(p.rec.school_id, school_a);
	assert_string_equal(p.rec.national_number, "85073003328");
	assert_string_equal(p.rec.period_start[0], "2027-02-01");
	assert_false(pupil_get(as(ROLE_SCHOOL, school_b), arena, t.id, false, &p));
	assert_int_equal(db_query_int(0, "SELECT created_by FROM students WHERE id = ?", "i", t.id), user);
	/* The same number again in the campaign: refused, nothing written. */
	long long before = pupil_count();
	assert_int_equal(insert(a, "85073003328", "Bis"), PUPIL_DUPLICATE);
	assert_int_equal(pupil_count(), before);
}

static void service_and_coordinator_write_no_pupil(void **state)
{
	(void)state;
	long long before = pupil_count();
	assert_int_equal(insert(as(ROLE_SERVICE, service), "90010100131", "Dienst"), 0);
	assert_int_equal(insert(scope_system(), "90010100131", "Coord"), 0);
	assert_int_equal(pupil_count(), before);
	long long id = insert(as(ROLE_SCHOOL, school_a), "90010100131", "Eigen");
	assert_true(id > 0);
	struct pupil_record rec = request("90010100131", "Veranderd");
	assert_int_equal(pupil_update(as(ROLE_SERVICE, service), id, 1, &rec), PUPIL_STALE);
	assert_int_equal(pupil_update(scope_system(), id, 1, &rec), PUPIL_STALE);
	assert_int_equal(pupil_stop(as(ROLE_SERVICE, service), id, 5), 0);
	assert_int_equal(pupil_delete(scope_system(), id), 0);
	assert_int_equal(pupil_find_by_national_number(as(ROLE_SERVICE, service), campaign, "90010100131", 0, NULL), 0);
	struct pupil p;
	assert_true(pupil_get(as(ROLE_SCHOOL, school_a), arena, id, false, &p));
	assert_string_equal(p.rec.first_name, "Eigen");
	assert_int_equal(p.stopped_at, 0);
}

static void another_school_cannot_update_stop_or_delete(void **state)
{
	(void)state;
	long long id = insert(as(ROLE_SCHOOL, school_a), "00010100192", "Anna");
	assert_true(id > 0);
	struct pupil_record rec = request("00010100192", "Gekaapt");
	assert_int_equal(pupil_update(as(ROLE_SCHOOL, school_b), id, 1, &rec), PUPIL_STALE);
	assert_int_equal(pupil_stop(as(ROLE_SCHOOL, school_b), id, 5), 0);
	assert_int_equal(pupil_delete(as(ROLE_SCHOOL, school_b), id), 0);
	struct pupil p;
	assert_true(pupil_get(as(ROLE_SCHOOL, school_a), arena, id, false, &p));
	assert_string_equal(p.rec.first_name, "Anna");
	assert_int_equal(p.stopped_at, 0);
	assert_int_equal(p.version, 1);
	/* Another school may learn that the number exists (bounded by the caller), and whose. */
	long long school = 0;
	assert_int_equal(pupil_find_by_national_number(as(ROLE_SCHOOL, school_b), campaign, "00010100192", 0, &school),
	                 id);
	assert_int_equal(school, school_a);
	assert_int_equal(pupil_find_by_national_number(as(ROLE_SCHOOL, school_a), campaign, "00010100192", id, NULL), 0);
	/* Its own school deletes it. */
	assert_int_equal(pupil_delete(as(ROLE_SCHOOL, school_a), id), 1);
	assert_false(pupil_get(as(ROLE_SCHOOL, school_a), arena, id, false, &p));
}

static void update_needs_the_version_it_read(void **state)
{
	(void)state;
	struct scope a = as(ROLE_SCHOOL, school_a);
	long long id = insert(a, "02020200158", "Bram");
	struct pupil_record rec = request("02020200158", "Bram");
	rec.period_start[0] = "2027-03-01";
	rec.period_end[0] = "2027-03-12";
	assert_int_equal(pupil_update(a, id, 1, &rec), 1);
	struct pupil p;
	assert_true(pupil_get(a, arena, id, false, &p));
	assert_int_equal(p.version, 2);
	assert_string_equal(p.rec.period_start[0], "2027-03-01");
	/* A colleague's form still at version 1: refused, what is stored stays. */
	rec.first_name = "Oud";
	assert_int_equal(pupil_update(a, id, 1, &rec), PUPIL_STALE);
	assert_true(pupil_get(a, arena, id, false, &p));
	assert_string_equal(p.rec.first_name, "Bram");
	assert_int_equal(p.version, 2);
}

static void stopped_or_accepted_pupil_is_not_changed(void **state)
{
	(void)state;
	struct scope a = as(ROLE_SCHOOL, school_a);
	long long id = insert(a, "03030300127", "Cas");
	assert_int_equal(pupil_stop(a, id, 1000), 1);
	assert_int_equal(pupil_stop(a, id, 2000), 0); /* once */
	struct pupil p;
	assert_true(pupil_get(a, arena, id, false, &p));
	assert_int_equal(p.stopped_at, 1000);
	struct pupil_record rec = request("03030300127", "Na de stop");
	assert_int_equal(pupil_update(a, id, p.version, &rec), PUPIL_STALE);
	/* Accepted by a service: neither changed nor deleted. */
	long long other = insert(a, "04040400185", "Dina");
	struct placement_record pl = {.student_id = other, .site = "Zetel", .mentor_name = "M", .mentor_phone = "1",
	                              .mentor_email = "m@x.be"};
	assert_int_equal(placement_insert(as(ROLE_SCHOOL, school_a), &pl), 0); /* only a service accepts */
	assert_true(placement_insert(as(ROLE_SERVICE, service), &pl) > 0);
	assert_int_equal(placement_insert(as(ROLE_SERVICE, service), &pl), PLACEMENT_TAKEN);
	struct pupil_record changed = request("04040400185", "Veranderd");
	assert_int_equal(pupil_update(a, other, 1, &changed), PUPIL_STALE);
	assert_int_equal(pupil_delete(a, other), 0);
	assert_true(pupil_get(a, arena, other, false, &p));
	assert_string_equal(p.rec.first_name, "Dina");
}

static void placement_update_is_the_services_own(void **state)
{
	(void)state;
	long long id = insert(as(ROLE_SCHOOL, school_a), "05050500143", "Eva");
	struct placement_record pl = {.student_id = id, .site = "Zetel", .mentor_name = "M", .mentor_phone = "1",
	                              .mentor_email = "m@x.be"};
	assert_int_equal(placement_standing(as(ROLE_SERVICE, service), id), STANDING_OPEN);
	assert_true(placement_insert(as(ROLE_SERVICE, service), &pl) > 0);
	long long other = temp_db_org("service", "Andere dienst");
	assert_int_equal(placement_standing(as(ROLE_SERVICE, service), id), STANDING_OURS);
	assert_int_equal(placement_standing(as(ROLE_SERVICE, other), id), STANDING_TAKEN);
	pl.site = "Elders";
	assert_int_equal(placement_update(as(ROLE_SERVICE, other), &pl, 1), 0);
	assert_int_equal(placement_update(as(ROLE_SCHOOL, school_a), &pl, 1), 0);
	assert_int_equal(placement_update(as(ROLE_SERVICE, service), &pl, 1), 1);
	assert_int_equal(placement_update(as(ROLE_SERVICE, service), &pl, 1), 0); /* the version moved on */
	assert_int_equal(db_query_int(0, "SELECT version FROM placements WHERE student_id = ?", "i", id), 2);
}

/* db_tx: a body that fails leaves nothing behind, one that succeeds is committed. */
struct two_inserts {
	struct scope s;
	bool fail_second;
};

static int two_inserts_body(void *ctx)
{
	struct two_inserts *t = ctx;
	struct pupil_record first = request("06060600160", "Fien"), second = request("06060600160", "Gust");
	if (pupil_insert(t->s, &first) <= 0)
		return DB_ERROR;
	if (t->fail_second) /* the same number: the module says duplicate, the body gives up */
		return pupil_insert(t->s, &second) > 0 ? DB_DONE : DB_CONSTRAINT;
	return DB_DONE;
}

static void a_failed_transaction_writes_nothing(void **state)
{
	(void)state;
	long long before = pupil_count();
	struct two_inserts t = {.s = as(ROLE_SCHOOL, school_a), .fail_second = true};
	assert_int_equal(db_tx(two_inserts_body, &t), DB_CONSTRAINT);
	assert_int_equal(pupil_count(), before);
	t.fail_second = false;
	assert_int_equal(db_tx(two_inserts_body, &t), DB_DONE);
	assert_int_equal(pupil_count(), before + 1);
}

/* What the system's mails and retention read and write: the coordinator's scope only. Runs
 * last: it removes the campaign's personal data. */
static void mails_and_retention_are_the_systems_only(void **state)
{
	(void)state;
	long long id = insert(as(ROLE_SCHOOL, school_a), "07070700136", "Hugo");
	struct placement_record pl = {.student_id = id, .site = "Zetel", .mentor_name = "Mentor", .mentor_phone = "1",
	                              .mentor_email = "m@x.be"};
	assert_true(placement_insert(as(ROLE_SERVICE, service), &pl) > 0);
	struct placement_parties parties;
	assert_int_equal(placement_parties_get(as(ROLE_SCHOOL, school_a), arena, id, &parties), DB_DONE);
	assert_null(parties.pupil);
	assert_int_equal(placement_parties_get(scope_system(), arena, id, &parties), DB_ROW);
	assert_string_equal(parties.pupil, "Hugo Peeters");
	assert_int_equal(parties.service_id, service);
	assert_int_equal(placement_claim_notified(as(ROLE_SERVICE, service), parties.placement_id, 5), 0);
	assert_int_equal(placement_claim_notified(scope_system(), parties.placement_id, 5), 1);
	assert_int_equal(placement_claim_notified(scope_system(), parties.placement_id, 6), 0); /* once */

	struct scope school = as(ROLE_SCHOOL, school_a);
	unsigned char box[SEALED_NN_MAX];
	assert_int_equal(pupil_sealed_number_sample(school, box, sizeof box), 0);
	size_t len = pupil_sealed_number_sample(scope_system(), box, sizeof box);
	char digits[12];
	assert_true(len > 0);
	assert_int_equal(nn_open(box, len, digits), 0);
	assert_int_equal(strlen(digits), 11);
	assert_int_equal(pupil_imports_purge(school, 5), DB_ERROR);
	assert_int_equal(pupil_imports_purge(scope_system(), 5), DB_DONE);
	struct pupil_campaign_counts n;
	assert_int_equal(pupil_campaign_counts(school, campaign, &n), DB_ERROR);
	assert_int_equal(pupil_campaign_clear(school, campaign, 5), 0);
	assert_int_equal(placement_campaign_clear(as(ROLE_SERVICE, service), campaign, 5), 0);
	assert_int_equal(contact_campaign_clear(&school, campaign, 5), 0);
	assert_int_equal(db_query_int(-1, "SELECT COUNT(*) FROM students WHERE first_name = ''", NULL), 0);
	assert_int_equal(pupil_campaign_counts(scope_system(), campaign, &n), DB_DONE);
	assert_int_equal(n.pupils, pupil_count());
	assert_int_equal(n.placements, db_query_int(-1, "SELECT COUNT(*) FROM placements", NULL));
	assert_int_equal(pupil_campaign_clear(scope_system(), campaign, 5), n.pupils);
	assert_int_equal(placement_campaign_clear(scope_system(), campaign, 5), n.placements);
	assert_int_equal(db_query_int(-1, "SELECT COUNT(*) FROM students WHERE first_name <> ''"
	                                  " OR national_number_box IS NOT NULL", NULL), 0);
	assert_int_equal(db_query_int(-1, "SELECT COUNT(*) FROM placements WHERE mentor_name <> ''", NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(school_adds_to_its_own_school_only),
		cmocka_unit_test(service_and_coordinator_write_no_pupil),
		cmocka_unit_test(another_school_cannot_update_stop_or_delete),
		cmocka_unit_test(update_needs_the_version_it_read),
		cmocka_unit_test(stopped_or_accepted_pupil_is_not_changed),
		cmocka_unit_test(placement_update_is_the_services_own),
		cmocka_unit_test(a_failed_transaction_writes_nothing),
		cmocka_unit_test(mails_and_retention_are_the_systems_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
