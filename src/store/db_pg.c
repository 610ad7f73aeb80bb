/*
 * The PostgreSQL backend of the db_* interface (see db_pg.h). Like the SQLite side: one
 * connection per thread, opened on first use and closed when the thread exits, with its
 * statements cached by the address of their (static) SQL text; each is a named prepared
 * statement of that connection, prepared on its first step. Values travel as text (blobs
 * as binary parameters); results are read whole on the first step, but a cursor's one row
 * at a time (libpq's single-row mode), so a streamed export holds one row in memory.
 */
#include "db_pg.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"

#define PG_STMT_CACHE 512 /* power of two */
#define PG_MAX_PARAMS 64

struct pg_stmt {
	PGconn *pg;
	const char *sql;        /* the caller's text */
	char *pg_sql;           /* rewritten to $N */
	char name[16];          /* prepared statement's name; "" for a cursor (unnamed) */
	bool prepared;
	bool sent, finished;    /* a cursor: its query sent; its last row read */
	int params;
	const char *values[PG_MAX_PARAMS];
	int lengths[PG_MAX_PARAMS];
	int formats[PG_MAX_PARAMS];
	char *buf[PG_MAX_PARAMS];   /* each parameter's copy, grown as needed, kept for reuse */
	size_t cap[PG_MAX_PARAMS];
	PGresult *res;
	int row, rows;
	unsigned char *blob;        /* the last db_blob, decoded; freed at the next step or reset */
};

struct pg_cached {
	const char *sql;
	struct pg_stmt *stmt;
};

struct pg_conn {
	PGconn *pg;
	struct pg_cached cache[PG_STMT_CACHE];
};

static char *database_url;
static __thread struct pg_conn *thread_conn;
static __thread int last_changes;
static __thread char last_error[512];
static pthread_key_t conn_key;
static pthread_once_t conn_key_once = PTHREAD_ONCE_INIT;

bool pg_is_url(const char *path)
{
	return path && (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0);
}

char *pg_rewrite_placeholders(const char *sql, int *params)
{
	size_t n = strlen(sql);
	char *out = malloc(n * 6 + 1); /* "?" becomes at most "$NNNNN" */
	if (!out)
		abort();
	char *o = out;
	int highest = 0;
	char quote = 0;
	for (const char *s = sql; *s;) {
		if (quote) {
			if (*s == quote)
				quote = 0;
			*o++ = *s++;
		} else if (*s == '\'' || *s == '"') {
			quote = *s;
			*o++ = *s++;
		} else if (s[0] == '-' && s[1] == '-') {
			while (*s && *s != '\n')
				*o++ = *s++;
		} else if (*s == '?') {
			s++;
			int number = 0;
			if (isdigit((unsigned char)*s))
				number = (int)strtol(s, (char **)&s, 10);
			else
				number = highest + 1;
			if (number > highest)
				highest = number;
			o += sprintf(o, "$%d", number);
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	*params = highest;
	return out;
}

static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* "relation already exists, skipping" and the like */
}

static PGconn *connect_pg(void)
{
	PGconn *pg = PQconnectdb(database_url);
	if (PQstatus(pg) != CONNECTION_OK) {
		snprintf(last_error, sizeof last_error, "%s", PQerrorMessage(pg));
		last_error[strcspn(last_error, "\n")] = 0;
		log_error("db_open", "error=%s", last_error);
		PQfinish(pg);
		return NULL;
	}
	PQsetClientEncoding(pg, "UTF8");
	PQsetNoticeProcessor(pg, ignore_notice, NULL);
	return pg;
}

static void stmt_free(struct pg_stmt *st)
{
	PQclear(st->res);
	PQfreemem(st->blob);
	for (int i = 0; i < PG_MAX_PARAMS; i++)
		free(st->buf[i]);
	free(st->pg_sql);
	free(st);
}

static void conn_close(struct pg_conn *c)
{
	for (size_t i = 0; i < PG_STMT_CACHE; i++)
		if (c->cache[i].sql)
			stmt_free(c->cache[i].stmt);
	PQfinish(c->pg);
	free(c);
}

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

void pg_configure(const char *url)
{
	free(database_url);
	database_url = strdup(url);
}

/* This thread's connection, opened now when it has none; NULL when that fails. */
static struct pg_conn *conn_open(void)
{
	if (thread_conn)
		return thread_conn;
	PGconn *pg = connect_pg();
	if (!pg)
		return NULL;
	struct pg_conn *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->pg = pg;
	thread_conn = c;
	pthread_once(&conn_key_once, conn_key_create);
	pthread_setspecific(conn_key, c);
	return c;
}

int pg_open_check(void)
{
	return conn_open() ? DB_DONE : DB_ERROR;
}

static struct pg_conn *conn_get(void)
{
	struct pg_conn *c = conn_open();
	if (!c)
		abort(); /* as the SQLite side: no database, no service (pg_open_check says why first) */
	return c;
}

void pg_close_thread(void)
{
	struct pg_conn *c = thread_conn;
	if (!c)
		return;
	pthread_setspecific(conn_key, NULL);
	thread_conn = NULL;
	conn_close(c);
}

static struct pg_stmt *stmt_new(PGconn *pg, const char *sql)
{
	struct pg_stmt *st = calloc(1, sizeof *st);
	if (!st)
		abort();
	st->pg = pg;
	st->sql = sql;
	st->pg_sql = pg_rewrite_placeholders(sql, &st->params);
	if (st->params > PG_MAX_PARAMS) {
		log_error("db_prepare", "error=too many parameters sql=%.80s", sql);
		abort();
	}
	st->row = -1;
	return st;
}

static void stmt_clear_result(struct pg_stmt *st)
{
	PQclear(st->res);
	st->res = NULL;
	PQfreemem(st->blob);
	st->blob = NULL;
	st->row = -1;
	st->rows = 0;
}

/* A connection the server dropped (restart, failover) is opened again before the next
 * statement; its prepared statements went with it. The statement that met the loss failed. */
static void reconnect_if_lost(struct pg_conn *c)
{
	if (PQstatus(c->pg) != CONNECTION_BAD)
		return;
	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK)
		return;
	PQsetClientEncoding(c->pg, "UTF8");
	for (size_t i = 0; i < PG_STMT_CACHE; i++)
		if (c->cache[i].sql)
			c->cache[i].stmt->prepared = false;
	log_info("db_reconnected", "statements=unprepared");
}

struct pg_stmt *pg_prepare(const char *sql)
{
	struct pg_conn *c = conn_get();
	reconnect_if_lost(c);
	size_t h = ((uintptr_t)sql >> 3) & (PG_STMT_CACHE - 1);
	for (size_t probe = 0; probe < PG_STMT_CACHE; probe++, h = (h + 1) & (PG_STMT_CACHE - 1)) {
		struct pg_cached *e = &c->cache[h];
		if (e->sql == sql) {
			struct pg_stmt *st = e->stmt;
			stmt_clear_result(st);
			for (int i = 0; i < st->params; i++)
				st->values[i] = NULL, st->formats[i] = 0;
			return st;
		}
		if (!e->sql) {
			e->stmt = stmt_new(c->pg, sql);
			snprintf(e->stmt->name, sizeof e->stmt->name, "s%zu", h);
			e->sql = sql;
			return e->stmt;
		}
	}
	abort();
}

void pg_bind(struct pg_stmt *st, int idx, const void *data, size_t len, bool binary)
{
	int i = idx - 1;
	if (i < 0 || i >= st->params)
		return; /* as SQLite: a parameter the statement does not have is ignored */
	if (!data) {
		st->values[i] = NULL;
		return;
	}
	if (st->cap[i] < len + 1) {
		free(st->buf[i]);
		st->cap[i] = len + 64;
		st->buf[i] = malloc(st->cap[i]);
		if (!st->buf[i])
			abort();
	}
	memcpy(st->buf[i], data, len);
	st->buf[i][len] = 0;
	st->values[i] = st->buf[i];
	st->lengths[i] = (int)len;
	st->formats[i] = binary;
}

/* The db_result for a failed result, its message kept for db_error. */
static int failure(PGresult *res, const char *what, const char *sql)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *message = res ? PQresultErrorMessage(res) : "no result";
	snprintf(last_error, sizeof last_error, "%s", message);
	char *nl = strchr(last_error, '\n');
	if (nl)
		*nl = 0;
	if (state && strncmp(state, "23", 2) == 0) /* integrity_constraint_violation: unique, foreign key, check, not null */
		return DB_CONSTRAINT;
	if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
		return DB_BUSY; /* serialization failure, deadlock, lock not available */
	if (state && (strcmp(state, "53100") == 0 || strcmp(state, "54000") == 0)) {
		db_note_full(); /* disk full, program limit exceeded */
		log_error("db_full", "sql=%.80s", sql);
		return DB_FULL;
	}
	log_error(what, "state=%s error=%s sql=%.80s", state ? state : "?", last_error, sql);
	return DB_ERROR;
}

static PGresult *execute(struct pg_stmt *st)
{
	if (!st->prepared) {
		PGresult *p = PQprepare(st->pg, st->name, st->pg_sql, st->params, NULL);
		if (PQresultStatus(p) != PGRES_COMMAND_OK)
			return p;
		PQclear(p);
		st->prepared = true;
	}
	return PQexecPrepared(st->pg, st->name, st->params, st->values, st->lengths, st->formats, 0);
}

/* A cursor's step: the query sent on the first, then one row per step. */
static int cursor_step(struct pg_stmt *st)
{
	if (!st->sent) {
		st->sent = true;
		if (!PQsendQueryParams(st->pg, st->pg_sql, st->params, NULL, st->values, st->lengths, st->formats, 0) ||
		    !PQsetSingleRowMode(st->pg)) {
			st->finished = true;
			snprintf(last_error, sizeof last_error, "%s", PQerrorMessage(st->pg));
			log_error("db_step", "error=%s sql=%.80s", last_error, st->sql);
			return DB_ERROR;
		}
	}
	stmt_clear_result(st);
	if (st->finished)
		return DB_DONE;
	PGresult *res = PQgetResult(st->pg);
	ExecStatusType status = PQresultStatus(res);
	if (status == PGRES_SINGLE_TUPLE) {
		st->res = res;
		st->rows = 1;
		st->row = 0;
		return DB_ROW;
	}
	st->finished = true;
	int rc = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK ? DB_DONE : failure(res, "db_step", st->sql);
	PQclear(res);
	while ((res = PQgetResult(st->pg)))
		PQclear(res);
	return rc;
}

int pg_step(struct pg_stmt *st)
{
	if (!st->name[0]) /* a cursor: the unnamed statement of its own connection */
		return cursor_step(st);
	if (!st->res) {
		PGresult *res = execute(st);
		ExecStatusType status = PQresultStatus(res);
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
			int rc = failure(res, st->prepared ? "db_step" : "db_prepare", st->sql);
			PQclear(res);
			return rc;
		}
		st->res = res;
		st->rows = PQntuples(res);
		st->row = -1;
		last_changes = atoi(PQcmdTuples(res));
	}
	PQfreemem(st->blob);
	st->blob = NULL;
	return ++st->row < st->rows ? DB_ROW : DB_DONE;
}

void pg_reset(struct pg_stmt *st)
{
	stmt_clear_result(st);
}

struct pg_stmt *pg_cursor_open(const char *sql)
{
	PGconn *pg = connect_pg();
	if (!pg)
		return NULL;
	PGresult *res = PQexec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok) {
		PQfinish(pg);
		return NULL;
	}
	return stmt_new(pg, sql); /* no name: run as the unnamed statement */
}

void pg_cursor_close(struct pg_stmt *st)
{
	if (!st)
		return;
	PGconn *pg = st->pg;
	stmt_free(st);
	PQfinish(pg); /* ends its read-only transaction */
}

const char *pg_text(struct pg_stmt *st, int col)
{
	if (!st->res || st->row < 0 || st->row >= st->rows || col >= PQnfields(st->res))
		return "";
	return PQgetvalue(st->res, st->row, col);
}

bool pg_is_null(struct pg_stmt *st, int col)
{
	if (!st->res || st->row < 0 || st->row >= st->rows || col >= PQnfields(st->res))
		return true;
	return PQgetisnull(st->res, st->row, col);
}

const void *pg_blob(struct pg_stmt *st, int col, size_t *len)
{
	*len = 0;
	if (pg_is_null(st, col))
		return NULL;
	PQfreemem(st->blob);
	st->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, col), len);
	return st->blob;
}

long long pg_last_id(void)
{
	/* The id of the last identity value this connection drew; prefer INSERT ... RETURNING id. */
	PGresult *res = PQexec(conn_get()->pg, "SELECT lastval()");
	long long id = PQresultStatus(res) == PGRES_TUPLES_OK ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
	PQclear(res);
	return id;
}

int pg_changes(void)
{
	return last_changes;
}

const char *pg_error(void)
{
	return last_error;
}

bool pg_writable(void)
{
	PGresult *res = PQexec(conn_get()->pg, "SELECT pg_is_in_recovery()");
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && strcmp(PQgetvalue(res, 0, 0), "f") == 0;
	PQclear(res);
	return ok;
}

bool pg_transaction_failed(void)
{
	return PQtransactionStatus(conn_get()->pg) == PQTRANS_INERROR;
}

void pg_rollback(void)
{
	PGconn *pg = conn_get()->pg;
	if (PQtransactionStatus(pg) != PQTRANS_IDLE)
		PQclear(PQexec(pg, "ROLLBACK"));
}

int pg_exec_script(const char *sql)
{
	PGresult *res = PQexec(conn_get()->pg, sql);
	ExecStatusType status = PQresultStatus(res);
	int rc = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? DB_DONE : failure(res, "db_script", sql);
	PQclear(res);
	return rc;
}
