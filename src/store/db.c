#include "db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "fold.h"
#include "log.h"

#define STMT_CACHE 512 /* power of two */

struct db_stmt {
	sqlite3_stmt *st;
};

struct cached {
	const char *sql; /* key: the caller's static string */
	struct db_stmt stmt;
};

struct conn {
	sqlite3 *db;
	struct cached cache[STMT_CACHE];
};

static char *database_path;
static atomic_llong max_pages;          /* 0 = no limit */
static __thread bool full_since_begin;
static __thread struct conn *thread_conn;
static pthread_key_t conn_key;
static pthread_once_t conn_key_once = PTHREAD_ONCE_INIT;

static void conn_close(struct conn *c)
{
	for (size_t i = 0; i < STMT_CACHE; i++)
		if (c->cache[i].sql)
			sqlite3_finalize(c->cache[i].stmt.st);
	sqlite3_close(c->db);
	free(c);
}

/* Worker threads of the HTTP server close their connection when they exit. */
static void conn_destructor(void *p)
{
	if (p && p == thread_conn)
		thread_conn = NULL;
	if (p)
		conn_close(p);
}

static void conn_key_create(void)
{
	pthread_key_create(&conn_key, conn_destructor);
}

void db_configure(const char *path)
{
	free(database_path);
	database_path = strdup(path);
}

void db_set_max_pages(long long pages)
{
	atomic_store(&max_pages, pages > 0 ? pages : 0);
}

const char *db_path(void)
{
	return database_path;
}

/* fold(text): text_fold (fold.h) in SQL; NULL stays NULL. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	size_t size = (size_t)sqlite3_value_bytes(argv[0]) + 1;
	char *folded = sqlite3_malloc64(size);
	if (!folded) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	size_t len = text_fold(text, folded, size);
	sqlite3_result_text(ctx, folded, (int)len, sqlite3_free);
}

/* The application's SQL functions, on every connection. */
static void register_functions(sqlite3 *db)
{
	sqlite3_create_function(db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_fold,
	                        NULL, NULL);
}

static struct conn *conn_get(void)
{
	if (thread_conn)
		return thread_conn;
	struct conn *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	int rc = sqlite3_open_v2(database_path, &c->db,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_error("db_open", "path=%s error=%s", database_path, sqlite3_errmsg(c->db));
		abort();
	}
	sqlite3_busy_timeout(c->db, 10000);
	register_functions(c->db);
	/* A save that was answered survives a power cut: WAL with synchronous=FULL. */
	sqlite3_exec(c->db,
	             "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
	             "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
	             NULL, NULL, NULL);
	long long limit = atomic_load(&max_pages);
	if (limit) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA max_page_count=%lld", limit);
		sqlite3_exec(c->db, pragma, NULL, NULL, NULL);
	}
	thread_conn = c;
	pthread_once(&conn_key_once, conn_key_create);
	pthread_setspecific(conn_key, c);
	return c;
}

void db_close_thread(void)
{
	struct conn *c = thread_conn;
	if (!c)
		return;
	pthread_setspecific(conn_key, NULL);
	thread_conn = NULL;
	conn_close(c);
}

struct db_stmt *db_prepare(const char *sql)
{
	struct conn *c = conn_get();
	size_t h = ((uintptr_t)sql >> 3) & (STMT_CACHE - 1);
	for (size_t probe = 0; probe < STMT_CACHE; probe++, h = (h + 1) & (STMT_CACHE - 1)) {
		struct cached *e = &c->cache[h];
		if (e->sql == sql) {
			sqlite3_reset(e->stmt.st);
			sqlite3_clear_bindings(e->stmt.st);
			return &e->stmt;
		}
		if (!e->sql) {
			if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &e->stmt.st, NULL) !=
			    SQLITE_OK) {
				log_error("db_prepare", "error=%s sql=%.80s", sqlite3_errmsg(c->db), sql);
				abort(); /* SQL is static text in the binary: a failure is a programming error */
			}
			e->sql = sql;
			return &e->stmt;
		}
	}
	abort();
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st->st, idx);
}

void db_bind_int(struct db_stmt *st, int idx, long long v)
{
	sqlite3_bind_int64(st->st, idx, v);
}

void db_bind_null(struct db_stmt *st, int idx)
{
	sqlite3_bind_null(st->st, idx);
}

void db_bind_blob(struct db_stmt *st, int idx, const void *data, size_t len)
{
	sqlite3_bind_blob(st->st, idx, data, (int)len, SQLITE_TRANSIENT);
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);
	switch (rc) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_FULL:
		full_since_begin = true;
		log_error("db_full", "sql=%.80s", sqlite3_sql(st->st));
		return DB_FULL;
	default:
		if ((rc & 0xff) == SQLITE_CONSTRAINT)
			return DB_CONSTRAINT;
		log_error("db_step", "error=%s sql=%.80s", sqlite3_errmsg(sqlite3_db_handle(st->st)),
		          sqlite3_sql(st->st));
		return DB_ERROR;
	}
}

struct cursor {
	struct db_stmt stmt; /* first: a cursor is handed out as its statement */
	sqlite3 *db;
};

struct db_stmt *db_cursor_open(const char *sql)
{
	struct cursor *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	if (sqlite3_open_v2(database_path, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_error("db_cursor", "error=%s", sqlite3_errmsg(c->db));
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	sqlite3_busy_timeout(c->db, 10000);
	register_functions(c->db);
	if (sqlite3_prepare_v2(c->db, sql, -1, &c->stmt.st, NULL) != SQLITE_OK) {
		log_error("db_prepare", "error=%s sql=%.80s", sqlite3_errmsg(c->db), sql);
		abort(); /* as db_prepare: static SQL that does not compile is a programming error */
	}
	return &c->stmt;
}

void db_cursor_close(struct db_stmt *st)
{
	if (!st)
		return;
	struct cursor *c = (struct cursor *)st;
	sqlite3_finalize(c->stmt.st);
	sqlite3_close(c->db);
	free(c);
}

void db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->st);
}

const char *db_text(struct db_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st->st, col);
	return t ? (const char *)t : "";
}

long long db_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->st, col);
}

bool db_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

const void *db_blob(struct db_stmt *st, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(st->st, col);
	*len = (size_t)sqlite3_column_bytes(st->st, col);
	return p;
}

static void bind_args(struct db_stmt *st, const char *types, va_list ap)
{
	for (int i = 0; types && types[i]; i++) {
		if (types[i] == 'i')
			db_bind_int(st, i + 1, va_arg(ap, long long));
		else
			db_bind_text(st, i + 1, va_arg(ap, const char *));
	}
}

void db_bindv(struct db_stmt *st, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
}

int db_exec(const char *sql, const char *types, ...)
{
	struct db_stmt *st = db_prepare(sql);
	va_list ap;
	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? DB_DONE : rc;
}

long long db_query_int(long long fallback, const char *sql, const char *types, ...)
{
	struct db_stmt *st = db_prepare(sql);
	va_list ap;
	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	long long v = fallback;
	if (db_step(st) == DB_ROW && !db_is_null(st, 0))
		v = db_int(st, 0);
	db_reset(st);
	return v;
}

long long db_last_id(void)
{
	return sqlite3_last_insert_rowid(conn_get()->db);
}

int db_changes(void)
{
	return sqlite3_changes(conn_get()->db);
}

const char *db_error(void)
{
	return sqlite3_errmsg(conn_get()->db);
}

bool db_full_since_begin(void)
{
	return full_since_begin;
}

static const char *SQL_PAGES = "SELECT (SELECT page_count FROM pragma_page_count()),"
                               " (SELECT freelist_count FROM pragma_freelist_count()),"
                               " (SELECT max_page_count FROM pragma_max_page_count())";

#define SPARE_PAGES_NEEDED 16 /* fewer pages to grow into than this, and a save may not fit */

/* Whether the size limit leaves too few pages to grow into (free ones included). */
static bool at_page_limit(void)
{
	struct db_stmt *st = db_prepare(SQL_PAGES);
	bool full = db_step(st) == DB_ROW && db_int(st, 2) - db_int(st, 0) + db_int(st, 1) < SPARE_PAGES_NEEDED;
	db_reset(st);
	return full;
}

#define DISK_RESERVE_BYTES (1024 * 1024) /* below this much free space a save may not fit */

bool db_writable(void)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", database_path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		snprintf(dir, sizeof dir, ".");
	struct statvfs vfs;
	if (statvfs(dir, &vfs) != 0 || (unsigned long long)vfs.f_bavail * vfs.f_frsize < DISK_RESERVE_BYTES)
		return false;
	if (access(database_path, W_OK) != 0 || access(dir, W_OK) != 0)
		return false;
	return !at_page_limit();
}

int db_begin(void)
{
	full_since_begin = false;
	return db_exec("BEGIN IMMEDIATE", NULL);
}

int db_commit(void)
{
	int rc = db_exec("COMMIT", NULL);
	if (rc != DB_DONE)
		db_rollback();
	return rc;
}

int db_tx(int (*body)(void *ctx), void *ctx)
{
	int rc = db_begin();
	if (rc == DB_DONE)
		rc = body(ctx);
	if (rc == DB_DONE)
		rc = db_commit();
	if (rc == DB_DONE)
		return DB_DONE;
	db_rollback();
	return db_full_since_begin() ? DB_FULL : rc;
}

void db_rollback(void)
{
	if (!sqlite3_get_autocommit(conn_get()->db))
		sqlite3_exec(conn_get()->db, "ROLLBACK", NULL, NULL, NULL);
}

int db_exec_script(const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(conn_get()->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_error("db_script", "error=%s", err ? err : "?");
		sqlite3_free(err);
		return DB_ERROR;
	}
	return DB_DONE;
}

int db_peek_version(const char *path)
{
	sqlite3 *db;
	int version = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				version = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
	return version;
}

/*
 * Copies the whole database src into the file dest_path in one backup step: one read
 * transaction on src, so the copy is a consistent snapshot even while other connections
 * write (in WAL mode they are not held up). Copying a few pages at a time would start
 * over whenever another connection writes, and might never finish on a busy server.
 * The copy is left in rollback-journal mode: one self-contained file.
 */
static int copy_database(sqlite3 *src, const char *dest_path)
{
	sqlite3 *dest;
	if (sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		sqlite3_close(dest);
		return DB_ERROR;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
	int rc = sqlite3_errcode(dest);
	if (b) {
		for (int tries = 0; tries < 500; tries++) {
			rc = sqlite3_backup_step(b, -1);
			if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
				break;
			sqlite3_sleep(20);
		}
		int finished = sqlite3_backup_finish(b);
		if (rc == SQLITE_DONE)
			rc = finished;
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		log_error("db_backup", "error=%s", sqlite3_errmsg(dest));
	sqlite3_close(dest);
	return rc == SQLITE_OK ? DB_DONE : DB_ERROR;
}

int db_backup_to(const char *dest_path)
{
	return copy_database(conn_get()->db, dest_path);
}

int db_copy_file(const char *src_path, const char *dest_path)
{
	sqlite3 *src;
	int rc = DB_ERROR;
	if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(src, 10000);
		rc = copy_database(src, dest_path);
	}
	sqlite3_close(src);
	return rc;
}

int db_file_check(const char *path, char *problem, size_t size)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	snprintf(problem, size, "het bestand kan niet als SQLite-database gelezen worden");
	int rc = DB_ERROR;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);
		if (first && strcmp(first, "ok") == 0)
			rc = DB_DONE;
		else
			snprintf(problem, size, "%s", first ? first : "?");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}
