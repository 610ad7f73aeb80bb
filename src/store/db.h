#ifndef STAGEMATCH_DB_H
#define STAGEMATCH_DB_H
#include <stdbool.h>
#include <stddef.h>

/*
 * The database layer. Features speak only this interface, never sqlite3 directly, so
 * a PostgreSQL backend (libpq) can implement it later. SQL uses `?` placeholders.
 *
 * Each thread has its own connection, opened on first use, with its prepared
 * statements kept: db_prepare() with the same (static) SQL string returns the same
 * statement, reset and with its bindings cleared. Call db_reset() when done reading.
 */
struct db_stmt;

enum db_result { DB_DONE = 0, DB_ROW = 1, DB_ERROR = -1, DB_CONSTRAINT = -2, DB_BUSY = -3, DB_FULL = -4 };

/* Sets the database file for every thread's connection. Call once, before any use. */
void db_configure(const char *path);
/* The most pages (of the page size) the database may grow to on every connection opened
 * from now on; 0 = no limit. PRAGMA max_page_count: lets tests and operators see what a
 * full disk does (DB_FULL) without filling one. */
void db_set_max_pages(long long pages);
const char *db_path(void);
/* Closes this thread's connection (statements included). */
void db_close_thread(void);

struct db_stmt *db_prepare(const char *sql);
void db_bind_text(struct db_stmt *st, int idx, const char *s);   /* NULL binds NULL */
void db_bind_int(struct db_stmt *st, int idx, long long v);
void db_bind_null(struct db_stmt *st, int idx);
void db_bind_blob(struct db_stmt *st, int idx, const void *data, size_t len);
int db_step(struct db_stmt *st);
void db_reset(struct db_stmt *st);

/*
 * A read-only statement on a connection of its own, for a read spread over several
 * calls (a streamed export). It sees one snapshot from its first step until it is
 * closed, and it cannot disturb, or be disturbed by, the statements and transactions
 * of other requests served meanwhile by the same thread. Returns NULL when the
 * database cannot be opened. Step it with db_step; close it on the thread that opened it.
 */
struct db_stmt *db_cursor_open(const char *sql);
void db_cursor_close(struct db_stmt *st);

const char *db_text(struct db_stmt *st, int col);   /* "" for NULL; valid until next step */
long long db_int(struct db_stmt *st, int col);
bool db_is_null(struct db_stmt *st, int col);
const void *db_blob(struct db_stmt *st, int col, size_t *len);

/*
 * One-shot helpers. `types` names each argument: 'i' long long, 't' const char * (NULL
 * binds NULL). db_exec runs a statement that returns no rows; db_query_int returns the
 * first column of the first row, or `fallback` when there is none.
 */
int db_exec(const char *sql, const char *types, ...);
long long db_query_int(long long fallback, const char *sql, const char *types, ...);
void db_bindv(struct db_stmt *st, const char *types, ...);

long long db_last_id(void);
int db_changes(void);
const char *db_error(void);

/* Whether a statement of this thread failed with DB_FULL (disk or size limit full) since
 * its last db_begin: the write was lost for want of space, not for a fault of the input. */
bool db_full_since_begin(void);

/*
 * Whether the database can take a write now, without taking the write lock (so a health
 * probe never queues behind, or holds up, a save): at least 1 MiB free on its file system,
 * the file and folder writable, and 16 pages left under the size limit (db_set_max_pages).
 */
bool db_writable(void);

/* Transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE). */
int db_begin(void);
int db_commit(void);
void db_rollback(void);
/*
 * One transaction with one exit: begins (taking the write lock), runs body(ctx), commits when
 * the body returned DB_DONE and rolls back otherwise, in this one place. Returns DB_DONE; or
 * the failure of BEGIN, of the body (its own value, e.g. DB_CONSTRAINT) or of COMMIT, where
 * any failure after a statement ran out of space (db_full_since_begin) is DB_FULL, so the
 * caller can say the disk is full instead of blaming the input. Not nestable.
 */
int db_tx(int (*body)(void *ctx), void *ctx);

/* Runs a whole script (migrations). */
int db_exec_script(const char *sql);

/* The schema version of the database file at path, read without changing anything
 * (read-only, no pragmas); -1 when it cannot be read. */
int db_peek_version(const char *path);

/* Online backup of the open database into dest_path: a consistent snapshot, taken while
 * other connections go on writing. */
int db_backup_to(const char *dest_path);
/* The same from the database file src_path (opened read-only) into dest_path. */
int db_copy_file(const char *src_path, const char *dest_path);
/* PRAGMA integrity_check of the database file at path, opened read-only: DB_DONE when "ok",
 * else DB_ERROR with the first problem found (in English, from SQLite) in problem. */
int db_file_check(const char *path, char *problem, size_t size);

#endif
