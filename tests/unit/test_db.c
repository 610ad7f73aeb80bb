/* The database layer against a temporary database file: statements, bindings, the error
 * mapping (DB_CONSTRAINT, DB_FULL), transactions with one exit (db_tx), and the cursor's
 * snapshot. */
#include "cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"

static char dir[] = "/tmp/stagematch-test-db-XXXXXX";
static char path[128];

static const char SQL_INSERT[] = "INSERT INTO pupils (name, nickname) VALUES (?, ?)";
static const char SQL_BY_NAME[] = "SELECT id, name, nickname FROM pupils WHERE name = ?";
static const char SQL_COUNT[] = "SELECT count(*) FROM pupils";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/test.db", dir);
	db_configure(path);
	return db_exec_script("CREATE TABLE pupils (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, nickname TEXT);"
	                      "CREATE TABLE blobs (data BLOB NOT NULL);") == DB_DONE ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close_thread();
	char file[160];
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
		unlink(file);
	}
	rmdir(dir);
	return 0;
}

static int empty_tables(void **state)
{
	(void)state;
	db_set_max_pages(0);
	db_close_thread(); /* the next use opens a connection with the settings of the test */
	return db_exec("DELETE FROM pupils", NULL) == DB_DONE && db_exec("DELETE FROM blobs", NULL) == DB_DONE ? 0 : -1;
}

static void prepare_bind_step_read(void **state)
{
	(void)state;
	assert_int_equal(db_exec(SQL_INSERT, "tt", "Zoë", NULL), DB_DONE);
	long long id = db_last_id();
	assert_true(id > 0);
	assert_int_equal(db_changes(), 1);

	struct db_stmt *st = db_prepare(SQL_BY_NAME);
	assert_ptr_equal(db_prepare(SQL_BY_NAME), st); /* the same SQL string: the cached statement */
	db_bind_text(st, 1, "Zoë");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_int(st, 0), id);
	assert_string_equal(db_text(st, 1), "Zoë");
	assert_true(db_is_null(st, 2));
	assert_string_equal(db_text(st, 2), ""); /* NULL reads as "" */
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	/* Prepared again, the bindings are cleared: NULL matches no name. */
	st = db_prepare(SQL_BY_NAME);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(db_query_int(-1, "SELECT id FROM pupils WHERE name = ?", "t", "niemand"), -1);
	assert_int_equal(db_query_int(-1, SQL_COUNT, NULL), 1);
}

static void constraint_errors_are_db_constraint(void **state)
{
	(void)state;
	assert_int_equal(db_exec(SQL_INSERT, "tt", "Amir", NULL), DB_DONE);
	assert_int_equal(db_exec(SQL_INSERT, "tt", "Amir", "tweede"), DB_CONSTRAINT); /* UNIQUE */
	assert_int_equal(db_exec(SQL_INSERT, "tt", NULL, "zonder naam"), DB_CONSTRAINT); /* NOT NULL */
	assert_int_equal(db_query_int(-1, SQL_COUNT, NULL), 1);
}

static int insert_two(void *ctx)
{
	const char **names = ctx;
	int rc = db_exec(SQL_INSERT, "tt", names[0], NULL);
	return rc != DB_DONE ? rc : db_exec(SQL_INSERT, "tt", names[1], NULL);
}

static int insert_then_refuse(void *ctx)
{
	(void)ctx;
	db_exec(SQL_INSERT, "tt", "Bram", NULL);
	return DB_ERROR; /* e.g. a rule of the caller said no */
}

static void transactions_commit_or_roll_back_whole(void **state)
{
	(void)state;
	const char *fine[] = {"An", "Bo"};
	assert_int_equal(db_tx(insert_two, fine), DB_DONE);
	assert_int_equal(db_query_int(-1, SQL_COUNT, NULL), 2);

	/* The second insert breaks UNIQUE: the first one is undone too, the error comes back. */
	const char *clash[] = {"Cas", "An"};
	assert_int_equal(db_tx(insert_two, clash), DB_CONSTRAINT);
	assert_int_equal(db_query_int(-1, SQL_COUNT, NULL), 2);
	assert_int_equal(db_query_int(0, "SELECT count(*) FROM pupils WHERE name = 'Cas'", NULL), 0);

	assert_int_equal(db_tx(insert_then_refuse, NULL), DB_ERROR);
	assert_int_equal(db_query_int(0, "SELECT count(*) FROM pupils WHERE name = 'Bram'", NULL), 0);

	/* After a rollback the connection is usable and out of any transaction. */
	assert_int_equal(db_begin(), DB_DONE);
	assert_int_equal(db_exec(SQL_INSERT, "tt", "Dirk", NULL), DB_DONE);
	db_rollback();
	assert_int_equal(db_query_int(0, "SELECT count(*) FROM pupils WHERE name = 'Dirk'", NULL), 0);
	assert_int_equal(db_tx(insert_two, (const char *[]){"Ella", "Fien"}), DB_DONE);
	assert_int_equal(db_query_int(-1, SQL_COUNT, NULL), 4);
}

static int fill_blobs(void *ctx)
{
	(void)ctx;
	static char data[4096];
	for (int i = 0; i < 64; i++) {
		struct db_stmt *st = db_prepare("INSERT INTO blobs (data) VALUES (?)");
		db_bind_blob(st, 1, data, sizeof data);
		int rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc == DB_FULL ? DB_FULL : DB_ERROR;
	}
	return DB_DONE;
}

static int fill_blobs_and_say_error(void *ctx)
{
	return fill_blobs(ctx) == DB_DONE ? DB_DONE : DB_ERROR; /* a body that loses the reason */
}

static void a_full_database_is_db_full(void **state)
{
	(void)state;
	long long pages = db_query_int(0, "PRAGMA page_count", NULL);
	assert_true(pages > 0);
	db_close_thread();
	db_set_max_pages(pages + 4); /* room for a few pages, not for 256 KiB */
	assert_int_equal(db_tx(fill_blobs, NULL), DB_FULL);
	assert_true(db_full_since_begin());
	/* db_tx maps any failure after a full write to DB_FULL, whatever the body said. */
	assert_int_equal(db_tx(fill_blobs_and_say_error, NULL), DB_FULL);
	assert_int_equal(db_query_int(-1, "SELECT count(*) FROM blobs", NULL), 0);
	/* Small writes still fit, and the flag starts over with the next transaction. */
	assert_int_equal(db_tx(insert_two, (const char *[]){"Gust", "Hanne"}), DB_DONE);
	assert_false(db_full_since_begin());
	assert_false(db_writable()); /* fewer than 16 pages left under the limit */
}

static void a_cursor_reads_one_snapshot(void **state)
{
	(void)state;
	assert_int_equal(db_tx(insert_two, (const char *[]){"Ida", "Jan"}), DB_DONE);
	struct db_stmt *cur = db_cursor_open("SELECT name FROM pupils ORDER BY name");
	assert_non_null(cur);
	assert_int_equal(db_step(cur), DB_ROW);
	assert_string_equal(db_text(cur, 0), "Ida");
	/* Written meanwhile by the same thread's own connection: not seen by the cursor. */
	assert_int_equal(db_exec(SQL_INSERT, "tt", "Joke", NULL), DB_DONE);
	assert_int_equal(db_step(cur), DB_ROW);
	assert_string_equal(db_text(cur, 0), "Jan");
	assert_int_equal(db_step(cur), DB_DONE);
	db_cursor_close(cur);
	assert_int_equal(db_query_int(-1, SQL_COUNT, NULL), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(prepare_bind_step_read, empty_tables),
		cmocka_unit_test_setup(constraint_errors_are_db_constraint, empty_tables),
		cmocka_unit_test_setup(transactions_commit_or_roll_back_whole, empty_tables),
		cmocka_unit_test_setup(a_full_database_is_db_full, empty_tables),
		cmocka_unit_test_setup(a_cursor_reads_one_snapshot, empty_tables),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
