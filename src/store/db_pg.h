#ifndef STAGEMATCH_DB_PG_H
#define STAGEMATCH_DB_PG_H
/*
 * The PostgreSQL backend of db.h (libpq), chosen by db_configure() for a postgresql:// URL.
 * Only src/store/db.c calls these: every db_* function switches to its pg_* twin here. The SQL is
 * the same text as for SQLite: `?` and `?N` placeholders are rewritten to `$N` once per
 * connection, when the statement is first prepared (a named prepared statement).
 */
#include <stdbool.h>
#include <stddef.h>

struct pg_stmt;

/* Whether path names a PostgreSQL database (postgresql:// or postgres://). */
bool pg_is_url(const char *path);
/* The SQL with `?`/`?N` rewritten to `$N` (malloc'ed), and the number of parameters;
 * strings, quoted names and comments are left alone. */
char *pg_rewrite_placeholders(const char *sql, int *params);

void pg_configure(const char *url);
void pg_close_thread(void);
/* Opens this thread's connection now: DB_DONE, or DB_ERROR with pg_error() saying why. */
int pg_open_check(void);

struct pg_stmt *pg_prepare(const char *sql);
void pg_bind(struct pg_stmt *st, int idx, const void *data, size_t len, bool binary); /* data NULL: NULL */
int pg_step(struct pg_stmt *st);
void pg_reset(struct pg_stmt *st);
struct pg_stmt *pg_cursor_open(const char *sql);
void pg_cursor_close(struct pg_stmt *st);

const char *pg_text(struct pg_stmt *st, int col);
bool pg_is_null(struct pg_stmt *st, int col);
const void *pg_blob(struct pg_stmt *st, int col, size_t *len);

long long pg_last_id(void);
int pg_changes(void);
const char *pg_error(void);
bool pg_writable(void);
/* Whether a statement of this thread's open transaction failed: PostgreSQL then refuses the
 * rest, and would answer COMMIT with a rollback. */
bool pg_transaction_failed(void);
/* Rolls back this thread's open transaction, if any. */
void pg_rollback(void);
int pg_exec_script(const char *sql);

/* Defined in db.c: a statement failed for want of space (disk_full). */
void db_note_full(void);

#endif
