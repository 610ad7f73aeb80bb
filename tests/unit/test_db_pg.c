/* The database layer on PostgreSQL (src/store/db_pg.c), against the database named by
 * STAGEMATCH_TEST_PG (a postgresql:// URL; the meson test "db_pg" starts a throwaway cluster
 * with scripts/pg-cluster.sh): migrations once under the advisory lock, RETURNING, the error
 * mapping, transactions with one exit, placeholders. Without the variable only the
 * placeholder rewriting is tested; the rest is skipped. */
#include "cmocka_all.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "db_pg.h"
#include "fold.h"
#include "migrate.h"

static const char SQL_ORG_INSERT[] =
	"INSERT INTO organisations (kind, name, city, created_at) VALUES (?, ?, ?, 0) RETURNING id";
static const char SQL_ORG_COUNT[] = "SELECT count(*) FROM organisations";
static const char SQL_USER_INSERT[] =
	"INSERT INTO users (organisation_id, email, state, created_at) VALUES (?, ?, ?, 0)";

static const char *url(void)
{
	const char *u = getenv("STAGEMATCH_TEST_PG");
	return u && *u ? u : NULL;
}

static int setup(void **state)
{
	(void)state;
	if (!url())
		return 0;
	db_configure(url());
	/* A fresh database every run: the cluster may be an old one. */
	return db_exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;") == DB_DONE ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (url())
		db_close_thread();
	return 0;
}

#define NEEDS_PG() \
	do { \
		if (!url()) \
			skip(); \
	} while (0)

static void placeholders_are_rewritten_outside_strings(void **state)
{
	(void)state;
	int params = 0;
	char *sql = pg_rewrite_placeholders("SELECT '?', \"a?\", ? , ?3, ? -- why?\nFROM t WHERE x = ?1", &params);
	assert_string_equal(sql, "SELECT '?', \"a?\", $1 , $3, $4 -- why?\nFROM t WHERE x = $1");
	assert_int_equal(params, 4);
	free(sql);
	assert_true(pg_is_url("postgresql:///stagematch?host=/tmp/x"));
	assert_true(pg_is_url("postgres://db/stagematch"));
	assert_false(pg_is_url("data/stagematch.db"));
}

static void *migrate_in_thread(void *applied)
{
	*(int *)applied = migrate_apply();
	db_close_thread();
	return NULL;
}

static void two_servers_starting_at_once_migrate_once(void **state)
{
	(void)state;
	NEEDS_PG();
	assert_true(db_is_postgresql());
	assert_int_equal(migrate_current_version(), 0);
	pthread_t threads[2];
	int applied[2] = {-2, -2};
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, migrate_in_thread, &applied[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	/* One applied every migration; the other waited for the lock and found nothing to do. */
	assert_int_equal(applied[0] + applied[1], migrate_latest_version());
	assert_true(applied[0] == 0 || applied[1] == 0);
	assert_int_equal(migrate_current_version(), migrate_latest_version());
	assert_int_equal(migrate_apply(), 0);
	/* The seed rows of the first migration are there once. */
	assert_int_equal(db_query_int(-1, "SELECT count(*) FROM programmes", NULL), 3);
}

static long long org_insert(const char *kind, const char *name, const char *city)
{
	struct db_stmt *st = db_prepare(SQL_ORG_INSERT);
	db_bindv(st, "ttt", kind, name, city);
	long long id = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
	db_reset(st);
	return id;
}

static void insert_returning_gives_the_new_id(void **state)
{
	(void)state;
	NEEDS_PG();
	long long first = org_insert("school", "Sint-Jozef", "Gent");
	long long second = org_insert("service", "Zorg Oost", NULL);
	assert_true(first > 0);
	assert_true(second > first);
	assert_int_equal(db_changes(), 1);
	struct db_stmt *st = db_prepare("SELECT name, city, capacity FROM organisations WHERE id = ?");
	db_bind_int(st, 1, second);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), "Zorg Oost");
	assert_true(db_is_null(st, 1));
	assert_string_equal(db_text(st, 1), "");
	assert_true(db_is_null(st, 2));
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(db_exec("UPDATE organisations SET active = 0 WHERE id IN (?, ?)", "ii", first, second), DB_DONE);
	assert_int_equal(db_changes(), 2);
}

static void constraint_errors_are_db_constraint(void **state)
{
	(void)state;
	NEEDS_PG();
	long long org = org_insert("school", "Atheneum", "Brugge");
	assert_int_equal(db_exec(SQL_USER_INSERT, "itt", org, "an@school.be", "active"), DB_DONE);
	/* unique, check, foreign key, not null */
	assert_int_equal(db_exec(SQL_USER_INSERT, "itt", org, "an@school.be", "active"), DB_CONSTRAINT);
	assert_int_equal(db_exec(SQL_USER_INSERT, "itt", org, "bo@school.be", "boss"), DB_CONSTRAINT);
	assert_int_equal(db_exec(SQL_USER_INSERT, "itt", org + 1000, "cis@school.be", "active"), DB_CONSTRAINT);
	assert_int_equal(db_exec(SQL_USER_INSERT, "itt", org, NULL, "active"), DB_CONSTRAINT);
	assert_non_null(strstr(db_error(), "users"));
	/* The connection goes on after a failed statement outside a transaction. */
	assert_int_equal(db_query_int(-1, "SELECT count(*) FROM users WHERE organisation_id = ?", "i", org), 1);
}

struct two_users {
	long long org;
	const char *second_email;
};

static int insert_two_users(void *ctx)
{
	struct two_users *u = ctx;
	int rc = db_exec(SQL_USER_INSERT, "itt", u->org, "eerste@school.be", "invited");
	if (rc == DB_DONE)
		rc = db_exec(SQL_USER_INSERT, "itt", u->org, u->second_email, "invited");
	return rc;
}

static void a_transaction_commits_or_rolls_back_whole(void **state)
{
	(void)state;
	NEEDS_PG();
	long long org = org_insert("school", "Lyceum", "Aalst");
	struct two_users clash = {org, "eerste@school.be"};
	assert_int_equal(db_tx(insert_two_users, &clash), DB_CONSTRAINT);
	assert_int_equal(db_query_int(-1, "SELECT count(*) FROM users WHERE organisation_id = ?", "i", org), 0);
	struct two_users fine = {org, "tweede@school.be"};
	assert_int_equal(db_tx(insert_two_users, &fine), DB_DONE);
	assert_int_equal(db_query_int(-1, "SELECT count(*) FROM users WHERE organisation_id = ?", "i", org), 2);
}

/* The body goes on after a failed statement (as it may on SQLite) and says it is done. */
static int insert_after_a_failure(void *ctx)
{
	long long org = *(long long *)ctx;
	db_exec(SQL_USER_INSERT, "itt", org, "dubbel@school.be", "invited");
	db_exec(SQL_USER_INSERT, "itt", org, "derde@school.be", "invited");
	return DB_DONE;
}

static void a_failed_statement_never_commits_as_done(void **state)
{
	(void)state;
	NEEDS_PG();
	long long org = org_insert("school", "College", "Hasselt");
	assert_int_equal(db_exec(SQL_USER_INSERT, "itt", org, "dubbel@school.be", "active"), DB_DONE);
	/* PostgreSQL refuses every statement after the failed one and would turn COMMIT into a
	 * rollback: db_tx must not answer DB_DONE for a transaction that did not commit. */
	assert_int_equal(db_tx(insert_after_a_failure, &org), DB_ERROR);
	assert_int_equal(db_query_int(-1, "SELECT count(*) FROM users WHERE organisation_id = ?", "i", org), 1);
}

static void *terminate_backend(void *pid)
{
	*(int *)pid = db_exec("SELECT pg_terminate_backend(?)", "i", (long long)*(int *)pid);
	db_close_thread();
	return NULL;
}

static void a_dropped_connection_is_opened_again(void **state)
{
	(void)state;
	NEEDS_PG();
	long long count = db_query_int(-1, SQL_ORG_COUNT, NULL); /* prepared on this connection */
	int pid = (int)db_query_int(0, "SELECT pg_backend_pid()", NULL);
	assert_true(pid > 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, terminate_backend, &pid), 0);
	pthread_join(t, NULL);
	assert_int_equal(pid, DB_DONE);
	/* The statement that meets the loss fails; the next ones run on a new connection, where
	 * the cached statement is prepared again. */
	assert_int_equal(db_exec("SELECT 1", NULL), DB_ERROR);
	assert_int_equal(db_query_int(-1, SQL_ORG_COUNT, NULL), count);
	assert_true(db_query_int(0, "SELECT pg_backend_pid()", NULL) != 0);
}

static void a_numbered_placeholder_is_one_value(void **state)
{
	(void)state;
	NEEDS_PG();
	long long before = db_query_int(-1, SQL_ORG_COUNT, NULL);
	org_insert("school", "Kortrijk", "Kortrijk");
	org_insert("school", "Kortrijk-Noord", "Kortrijk");
	org_insert("school", "Leuven", "Leuven");
	static const char sql[] = "SELECT count(*) FROM organisations WHERE name = ?1 OR city = ?1";
	assert_int_equal(db_query_int(-1, sql, "t", "Kortrijk"), 2);
	/* The cached statement again, with a new value. */
	assert_int_equal(db_query_int(-1, sql, "t", "Leuven"), 1);
	assert_int_equal(db_query_int(-1, SQL_ORG_COUNT, NULL), before + 3);
}

/* One character as UTF-8 (code < 0x800). */
static void utf8(unsigned code, char out[3])
{
	out[0] = (char)(0xC0 | (code >> 6));
	out[1] = (char)(0x80 | (code & 0x3F));
	out[2] = 0;
}

static void fold_is_the_same_on_both(void **state)
{
	(void)state;
	NEEDS_PG();
	static const char *const names[] = {
		"D'Hondt Chloë", "Ærø–Þór Strauß", "Ĳsselmeer", "Œuvre van ’s-Gravenwezel", "ΩΣ ω × ÷",
		"Van\tden Berg", "%chloe_%", "Łukasz Żółć", "A\u00a0B\u00b4C", "",
	};
	char expected[256], one[3];
	struct db_stmt *st = db_prepare("SELECT fold(?)");
	for (unsigned code = 0x80; code < 0x180 + sizeof names / sizeof names[0]; code++) {
		const char *text = code <= 0x17F ? (utf8(code, one), one) : names[code - 0x180];
		text_fold(text, expected, sizeof expected);
		db_bind_text(st, 1, text);
		assert_int_equal(db_step(st), DB_ROW);
		if (strcmp(db_text(st, 0), expected) != 0)
			fail_msg("fold(%s): PostgreSQL %s, SQLite %s", text, db_text(st, 0), expected);
		db_reset(st);
	}
	assert_int_equal(db_query_int(-1, "SELECT count(*) FROM (SELECT fold(NULL) AS f) AS n WHERE f IS NULL", NULL), 1);
}

static void a_blob_comes_back_byte_for_byte(void **state)
{
	(void)state;
	NEEDS_PG();
	assert_int_equal(db_exec_script("CREATE TABLE boxes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	                                " data BYTEA NOT NULL)"), DB_DONE);
	static const unsigned char bytes[] = {0, 1, '\\', 'x', 0xff, 0, 39};
	struct db_stmt *st = db_prepare("INSERT INTO boxes (data) VALUES (?) RETURNING id");
	db_bind_blob(st, 1, bytes, sizeof bytes);
	assert_int_equal(db_step(st), DB_ROW);
	long long id = db_int(st, 0);
	db_reset(st);
	st = db_prepare("SELECT data FROM boxes WHERE id = ?");
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	size_t len = 0;
	const void *data = db_blob(st, 0, &len);
	assert_int_equal(len, sizeof bytes);
	assert_memory_equal(data, bytes, sizeof bytes);
	db_reset(st);
}

struct locker {
	long long id;
	int rc;
};

static void *lock_row_elsewhere(void *arg)
{
	struct locker *l = arg;
	l->rc = db_exec("SELECT id FROM organisations WHERE id = ? FOR UPDATE NOWAIT", "i", l->id);
	db_close_thread();
	return NULL;
}

static void a_row_locked_by_another_transaction_is_db_busy(void **state)
{
	(void)state;
	NEEDS_PG();
	long long org = org_insert("service", "Zorg West", "Ieper");
	assert_int_equal(db_begin(), DB_DONE);
	assert_int_equal(db_exec("UPDATE organisations SET name = 'Zorg West-Vlaanderen' WHERE id = ?", "i", org), DB_DONE);
	struct locker l = {org, 0};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, lock_row_elsewhere, &l), 0);
	pthread_join(t, NULL);
	db_rollback();
	assert_int_equal(l.rc, DB_BUSY);
	/* After the rollback the row is free and unchanged. */
	pthread_create(&t, NULL, lock_row_elsewhere, &l);
	pthread_join(t, NULL);
	assert_int_equal(l.rc, DB_DONE);
	struct db_stmt *st = db_prepare("SELECT name FROM organisations WHERE id = ?");
	db_bind_int(st, 1, org);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), "Zorg West");
	db_reset(st);
}

static atomic_bool second_began;

static void *begin_elsewhere(void *count)
{
	if (db_begin() == DB_DONE) {
		atomic_store(&second_began, true);
		*(long long *)count = db_query_int(-1, "SELECT count(*) FROM organisations WHERE name = 'Eerste'", NULL);
		db_commit();
	}
	db_close_thread();
	return NULL;
}

static void one_transaction_writes_at_a_time(void **state)
{
	(void)state;
	NEEDS_PG();
	assert_int_equal(db_begin(), DB_DONE);
	org_insert("school", "Eerste", "Genk");
	long long seen = -1;
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, begin_elsewhere, &seen), 0);
	/* Wait until the other transaction waits for the write lock (as BEGIN IMMEDIATE would). */
	while (db_query_int(0, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", NULL) == 0)
		usleep(1000);
	assert_false(atomic_load(&second_began));
	assert_int_equal(db_commit(), DB_DONE);
	pthread_join(t, NULL);
	assert_true(atomic_load(&second_began));
	assert_int_equal(seen, 1);
}

static void a_cursor_reads_on_its_own_connection(void **state)
{
	(void)state;
	NEEDS_PG();
	long long count = db_query_int(-1, SQL_ORG_COUNT, NULL);
	struct db_stmt *cur = db_cursor_open("SELECT name FROM organisations WHERE id > ? ORDER BY id");
	assert_non_null(cur);
	db_bind_int(cur, 1, 0);
	long long rows = 0;
	while (db_step(cur) == DB_ROW) {
		if (rows == 0) /* written meanwhile on this thread's connection: not in the cursor's snapshot */
			org_insert("school", "Nieuw", "Mechelen");
		rows++;
	}
	db_cursor_close(cur);
	assert_int_equal(rows, count);
	assert_int_equal(db_query_int(-1, SQL_ORG_COUNT, NULL), count + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(placeholders_are_rewritten_outside_strings),
		cmocka_unit_test(two_servers_starting_at_once_migrate_once),
		cmocka_unit_test(insert_returning_gives_the_new_id),
		cmocka_unit_test(constraint_errors_are_db_constraint),
		cmocka_unit_test(a_transaction_commits_or_rolls_back_whole),
		cmocka_unit_test(a_failed_statement_never_commits_as_done),
		cmocka_unit_test(a_dropped_connection_is_opened_again),
		cmocka_unit_test(a_numbered_placeholder_is_one_value),
		cmocka_unit_test(fold_is_the_same_on_both),
		cmocka_unit_test(a_blob_comes_back_byte_for_byte),
		cmocka_unit_test(a_row_locked_by_another_transaction_is_db_busy),
		cmocka_unit_test(one_transaction_writes_at_a_time),
		cmocka_unit_test(a_cursor_reads_on_its_own_connection),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
