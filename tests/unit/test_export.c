/* The export machinery (src/web/export.c) over a fake source of rows, and the database cursor
 * it reads from (src/store/db.c): what a streamed export needs to stay correct while other
 * requests use the same thread. */
#include "cmocka_all.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "csv.h"
#include "db.h"
#include "export.h"

struct row {
	const char *name, *day, *count;
};

static const struct row table[] = {
	{"Vandenberghe", "2027-01-11", "2"},
	{"D'Hondt; Chloë", "2027-03-15", "4"},
	{"=1+1", "", ""},
	{"regel 1\nregel 2 \"x\"", "2027-05-28", "1"},
};
#define ROWS (sizeof table / sizeof table[0])

static const char *shout(const void *row, char scratch[EXPORT_SCRATCH])
{
	snprintf(scratch, EXPORT_SCRATCH, "%.10s!", ((const struct row *)row)->name);
	return scratch;
}

static const struct export_column columns[] = {
	{"Naam", EXPORT_TEXT, EXPORT_MEMBER(struct row, name)},
	{"Datum", EXPORT_DATE, EXPORT_MEMBER(struct row, day)},
	{"Aantal", EXPORT_NUMBER, EXPORT_MEMBER(struct row, count)},
	{"Luid", EXPORT_TEXT, EXPORT_GETTER(shout)},
};

struct source {
	size_t next;
	int finished;
	size_t fail_at;   /* 0 = never */
};

static int next_row(void *ctx, void *row)
{
	struct source *s = ctx;
	if (s->fail_at && s->next + 1 == s->fail_at)
		return -1;
	if (s->next == ROWS)
		return 0;
	*(struct row *)row = table[s->next++];
	return 1;
}

static void finish(void *ctx)
{
	((struct source *)ctx)->finished++;
}

static struct export_source source_of(struct source *s)
{
	return (struct export_source){columns, sizeof columns / sizeof columns[0], sizeof(struct row), next_row,
	                              finish, s};
}

/* The CSV the export must produce, written field by field with csv.h. */
static char *expected_csv(void)
{
	struct buf b = {0};
	csv_begin(&b);
	const char *header[] = {"Naam", "Datum", "Aantal", "Luid"};
	for (int i = 0; i < 4; i++)
		csv_field(&b, header[i], i == 0);
	csv_end_record(&b);
	for (size_t r = 0; r < ROWS; r++) {
		char date[11] = "", loud[EXPORT_SCRATCH];
		if (*table[r].day)
			snprintf(date, sizeof date, "%.2s/%.2s/%.4s", table[r].day + 8, table[r].day + 5, table[r].day);
		shout(&table[r], loud);
		const char *fields[] = {table[r].name, date, table[r].count, loud};
		for (int i = 0; i < 4; i++)
			csv_field(&b, fields[i], i == 0);
		csv_end_record(&b);
	}
	return buf_take(&b, NULL);
}

static const char *header_of(struct req *r, const char *name)
{
	for (int i = 0; i < r->header_count; i++)
		if (strcmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

/* Reads the whole stream max bytes at a time; returns the bytes (malloc'd) or NULL on -1. */
static char *drain(struct req *r, size_t max, size_t *len)
{
	struct buf all = {0};
	char *chunk = malloc(max);
	ssize_t n;
	while ((n = r->stream(r->stream_ctx, chunk, max)) > 0) {
		assert_true((size_t)n <= max);
		buf_append(&all, chunk, (size_t)n);
	}
	free(chunk);
	if (n < 0) {
		buf_free(&all);
		return NULL;
	}
	return buf_take(&all, len);
}

static void csv_is_streamed_in_any_chunk_size(void **state)
{
	(void)state;
	char *want = expected_csv();
	size_t sizes[] = {1, 2, 7, 64, 65536};
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		struct req r = {.arena = arena_new()};
		struct source s = {0};
		struct export_source src = source_of(&s);
		export_csv(&r, &src, "Sint-Jozefsinstituut Kortrijk – Dubbele finaliteit.csv");
		assert_string_equal(r.content_type, "text/csv; charset=utf-8");
		assert_non_null(r.stream);
		size_t len;
		char *got = drain(&r, sizes[k], &len);
		assert_non_null(got);
		assert_int_equal(len, strlen(want));
		assert_memory_equal(got, want, len);
		assert_int_equal(s.finished, 0);
		r.stream_free(r.stream_ctx);
		assert_int_equal(s.finished, 1);
		free(got);
		arena_free(r.arena);
	}
	free(want);
}

static void a_failing_source_ends_the_stream_with_an_error(void **state)
{
	(void)state;
	struct req r = {.arena = arena_new()};
	struct source s = {.fail_at = 3};
	struct export_source src = source_of(&s);
	export_csv(&r, &src, "x.csv");
	size_t len;
	assert_null(drain(&r, 16, &len));
	r.stream_free(r.stream_ctx);
	assert_int_equal(s.finished, 1);
	arena_free(r.arena);
}

static void a_download_abandoned_at_once_still_finishes_the_source(void **state)
{
	(void)state;
	struct req r = {.arena = arena_new()};
	struct source s = {0};
	struct export_source src = source_of(&s);
	export_csv(&r, &src, "x.csv");
	r.stream_free(r.stream_ctx);
	assert_int_equal(s.finished, 1);
	assert_int_equal(s.next, 0);
	arena_free(r.arena);
}

static void the_file_name_is_given_in_utf8_and_ascii(void **state)
{
	(void)state;
	struct req r = {.arena = arena_new()};
	export_attachment(&r, "Sint-Jozefsinstituut Kortrijk – Zoë \"ÀÉÏÕÜ\"; 2026.csv");
	assert_string_equal(header_of(&r, "Content-Disposition"),
	                    "attachment; filename=\"Sint-Jozefsinstituut_Kortrijk_Zoe_AEIOU_2026.csv\"; "
	                    "filename*=UTF-8''Sint-Jozefsinstituut%20Kortrijk%20%E2%80%93%20Zo%C3%AB%20%22%C3%80%C3%89"
	                    "%C3%8F%C3%95%C3%9C%22%3B%202026.csv");
	arena_free(r.arena);
}

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/stagematch-export-test-%d", (int)getpid());
	return mkdir(dir, 0700);
}

static int remove_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

static void xlsx_is_written_sent_and_removed(void **state)
{
	(void)state;
	config_defaults();
	cfg.data_dir = dir;
	struct req r = {.arena = arena_new()};
	struct source s = {0};
	struct export_source src = source_of(&s);
	assert_true(export_xlsx(&r, &src, "Export.xlsx", "Studenten"));
	assert_int_equal(s.finished, 1);
	assert_string_equal(r.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	/* the temporary file is gone already; the open descriptor still has it */
	char cmd[160];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s)\"", dir);
	assert_int_equal(system(cmd), 0);
	size_t len;
	char *zip = drain(&r, 1000, &len);
	assert_non_null(zip);
	assert_true(len > 1000);
	assert_memory_equal(zip, "PK\x03\x04", 4);
	r.stream_free(r.stream_ctx);
	free(zip);
	arena_free(r.arena);
}

static void xlsx_that_cannot_be_written_says_so(void **state)
{
	(void)state;
	config_defaults();
	cfg.data_dir = "/nonexistent/stagematch";
	struct req r = {.arena = arena_new()};
	struct source s = {0};
	struct export_source src = source_of(&s);
	assert_false(export_xlsx(&r, &src, "Export.xlsx", "Studenten"));
	assert_int_equal(s.finished, 1);
	assert_null(r.stream);
	arena_free(r.arena);
}

/*
 * A cursor keeps its own snapshot and connection: the thread's connection can run the
 * same statement and write meanwhile. On the thread's own connection, a pending read
 * would make that write fail (SQLITE_BUSY_SNAPSHOT) once another connection had written.
 */
static void a_cursor_does_not_stand_in_the_way_of_the_thread(void **state)
{
	(void)state;
	char path[96];
	snprintf(path, sizeof path, "%s/cursor.db", dir);
	db_configure(path);
	assert_int_equal(db_exec_script("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);"
	                                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
	                                " INSERT INTO t SELECT i FROM n;"),
	                 DB_DONE);
	static const char *SQL = "SELECT x FROM t ORDER BY x";
	struct db_stmt *cursor = db_cursor_open(SQL);
	assert_non_null(cursor);
	long long seen = 0;
	for (int i = 0; i < 10; i++) {
		assert_int_equal(db_step(cursor), DB_ROW);
		assert_int_equal(db_int(cursor, 0), ++seen);
	}
	/* another request on this thread: the same statement, read to the end */
	struct db_stmt *st = db_prepare(SQL);
	int rows = 0;
	while (db_step(st) == DB_ROW)
		rows++;
	db_reset(st);
	assert_int_equal(rows, 1000);
	/* another thread writes, then this thread writes */
	sqlite3 *other;
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "INSERT INTO t VALUES (5000)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(db_begin(), DB_DONE);
	assert_int_equal(db_exec("INSERT INTO t VALUES (6000)", NULL), DB_DONE);
	assert_int_equal(db_commit(), DB_DONE);
	/* the cursor goes on where it was, in its own snapshot */
	while (db_step(cursor) == DB_ROW)
		assert_int_equal(db_int(cursor, 0), ++seen);
	assert_int_equal(seen, 1000);
	db_cursor_close(cursor);
	assert_int_equal(db_query_int(0, "SELECT COUNT(*) FROM t", NULL), 1002);
	db_close_thread();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_is_streamed_in_any_chunk_size),
		cmocka_unit_test(a_failing_source_ends_the_stream_with_an_error),
		cmocka_unit_test(a_download_abandoned_at_once_still_finishes_the_source),
		cmocka_unit_test(the_file_name_is_given_in_utf8_and_ascii),
		cmocka_unit_test_setup_teardown(xlsx_is_written_sent_and_removed, make_dir, remove_dir),
		cmocka_unit_test(xlsx_that_cannot_be_written_says_so),
		cmocka_unit_test_setup_teardown(a_cursor_does_not_stand_in_the_way_of_the_thread, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
