/*
 * The outbox module (src/store/outbox.h): every statement on outbox and outbox_campaigns. The
 * retention of a campaign's mails is src/cli/retention.c's still.
 */
#include "outbox.h"

#include "clock.h"
#include "db.h"
#include "db_row.h"

enum outbox_stmt {
	STMT_OUTBOX_QUEUE,
	STMT_OUTBOX_ABOUT,
	STMT_OUTBOX_DROP,
	STMT_OUTBOX_ANY_DUE,
	STMT_OUTBOX_DUE,
	STMT_OUTBOX_LEASE,
	STMT_OUTBOX_SENT,
	STMT_OUTBOX_RETRY,
	STMT_OUTBOX_FAILED,
	STMT_OUTBOX_SENT_WITH_BODY,
	STMT_OUTBOX_FORGET_BODY,
	STMT_OUTBOX_COUNT,
	STMT_OUTBOX_PAGE,
	STMT_OUTBOX_STATE,
	STMT_OUTBOX_REQUEUE,
	STMT_OUTBOX__MAX
};

static const char *const stmts[STMT_OUTBOX__MAX] = {
	[STMT_OUTBOX_QUEUE] = "INSERT INTO outbox (to_address, subject, body_text, state, attempts, next_attempt_at,"
	                      " created_at) VALUES (?1, ?2, ?3, 'queued', 0, ?4, ?4)",
	[STMT_OUTBOX_ABOUT] = "INSERT OR IGNORE INTO outbox_campaigns (campaign_id, outbox_id) VALUES (?, ?)",
	[STMT_OUTBOX_DROP] = "DELETE FROM outbox WHERE id = ?",
	[STMT_OUTBOX_ANY_DUE] = "SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE state = 'queued'"
	                        " AND next_attempt_at <= ? LIMIT 1)",
	[STMT_OUTBOX_DUE] = "SELECT id, to_address, subject, body_text, created_at, attempts FROM outbox"
	                    " WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
	/* Also the release of a lease at shutdown: only while the mail is still queued. */
	[STMT_OUTBOX_LEASE] = "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'queued'",
	/* The body may hold an activation or reset link: once sent, it is not kept. */
	[STMT_OUTBOX_SENT] = "UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL,"
	                     " body_text = '' WHERE id = ?",
	[STMT_OUTBOX_RETRY] = "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
	[STMT_OUTBOX_FAILED] = "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
	[STMT_OUTBOX_SENT_WITH_BODY] = "SELECT id FROM outbox WHERE state = 'sent' AND sent_at < ?"
	                               " AND (subject <> '' OR body_text <> '') ORDER BY id LIMIT ?",
	[STMT_OUTBOX_FORGET_BODY] = "UPDATE outbox SET subject = '', body_text = '' WHERE id = ?",
	[STMT_OUTBOX_COUNT] = "SELECT COUNT(*) FROM outbox WHERE ?1 = '' OR state = ?1",
	[STMT_OUTBOX_PAGE] = "SELECT id, to_address, subject, state, attempts, COALESCE(last_error, ''), created_at,"
	                     " sent_at, next_attempt_at FROM outbox WHERE ?1 = '' OR state = ?1"
	                     " ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3",
	[STMT_OUTBOX_STATE] = "SELECT state FROM outbox WHERE id = ?",
	[STMT_OUTBOX_REQUEUE] = "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?"
	                        " WHERE id = ? AND state = 'failed'",
};

/* The columns of STMT_OUTBOX_DUE and of STMT_OUTBOX_PAGE. */
enum due_col { DUE_ID, DUE_TO, DUE_SUBJECT, DUE_BODY, DUE_CREATED_AT, DUE_ATTEMPTS };
enum page_col {
	PAGE_ID, PAGE_TO, PAGE_SUBJECT, PAGE_STATE, PAGE_ATTEMPTS, PAGE_LAST_ERROR, PAGE_CREATED_AT, PAGE_SENT_AT,
	PAGE_NEXT_ATTEMPT_AT
};

/* The outbox is the coordinator's (and the system's): no other scope reaches a mail. */
static bool reaches(const struct scope *s)
{
	return s->role == ROLE_ADMIN;
}

/* A write on one mail by id: DB_DONE, the error, or DB_ERROR for a scope without reach. */
static int write_one(const struct scope *s, enum outbox_stmt which, const char *types, long long a, long long b)
{
	if (!reaches(s))
		return DB_ERROR;
	return types[1] ? db_exec(stmts[which], types, a, b) : db_exec(stmts[which], types, a);
}

int outbox_queue(const struct scope *s, const long long *campaigns, size_t n, const char *to,
                 const char *subject, const char *body_text, long long *id)
{
	if (!reaches(s))
		return DB_ERROR;
	int rc = db_exec(stmts[STMT_OUTBOX_QUEUE], "ttti", to, subject, body_text, clock_now());
	if (rc != DB_DONE)
		return rc;
	*id = db_last_id();
	for (size_t i = 0; i < n && rc == DB_DONE; i++)
		rc = db_exec(stmts[STMT_OUTBOX_ABOUT], "ii", campaigns[i], *id);
	return rc;
}

int outbox_drop(const struct scope *s, long long id)
{
	return write_one(s, STMT_OUTBOX_DROP, "i", id, 0);
}

bool outbox_any_due(const struct scope *s, long long now)
{
	return reaches(s) && db_query_int(0, stmts[STMT_OUTBOX_ANY_DUE], "i", now) > 0;
}

static void read_due(struct db_stmt *st, struct arena *a, void *row)
{
	struct outbox_mail *m = row;
	m->id = db_int(st, DUE_ID);
	m->to = db_text_dup(st, DUE_TO, a);
	m->subject = db_text_dup(st, DUE_SUBJECT, a);
	m->body = db_text_dup(st, DUE_BODY, a);
	m->created_at = db_int(st, DUE_CREATED_AT);
	m->attempts = db_int(st, DUE_ATTEMPTS);
}

struct outbox_mail *outbox_due(const struct scope *s, long long now, size_t max, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_OUTBOX_DUE]);
	db_bindv(st, "ii", now, reaches(s) ? (long long)max : 0LL);
	return db_rows(st, a, sizeof(struct outbox_mail), count, read_due);
}

int outbox_lease(const struct scope *s, long long id, long long until)
{
	return write_one(s, STMT_OUTBOX_LEASE, "ii", until, id);
}

int outbox_mark_sent(const struct scope *s, long long id, long long now)
{
	return write_one(s, STMT_OUTBOX_SENT, "ii", now, id);
}

int outbox_mark_retry(const struct scope *s, long long id, const char *error, long long next)
{
	if (!reaches(s))
		return DB_ERROR;
	return db_exec(stmts[STMT_OUTBOX_RETRY], "tii", error, next, id);
}

int outbox_mark_failed(const struct scope *s, long long id, const char *error)
{
	if (!reaches(s))
		return DB_ERROR;
	return db_exec(stmts[STMT_OUTBOX_FAILED], "ti", error, id);
}

size_t outbox_sent_with_body(const struct scope *s, long long before, long long *ids, size_t max)
{
	if (!reaches(s))
		return 0;
	struct db_stmt *st = db_prepare(stmts[STMT_OUTBOX_SENT_WITH_BODY]);
	db_bindv(st, "ii", before, (long long)max);
	size_t n = 0;
	while (n < max && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	db_reset(st);
	return n;
}

int outbox_forget_body(const struct scope *s, long long id)
{
	return write_one(s, STMT_OUTBOX_FORGET_BODY, "i", id, 0);
}

long long outbox_count(const struct scope *s, const char *state)
{
	return reaches(s) ? db_query_int(0, stmts[STMT_OUTBOX_COUNT], "t", state) : 0;
}

static void read_page_row(struct db_stmt *st, struct arena *a, void *row)
{
	struct outbox_row *m = row;
	m->id = db_int(st, PAGE_ID);
	m->to = db_text_dup(st, PAGE_TO, a);
	m->subject = db_text_dup(st, PAGE_SUBJECT, a);
	m->state = db_text_dup(st, PAGE_STATE, a);
	m->attempts = db_int(st, PAGE_ATTEMPTS);
	m->last_error = db_text_dup(st, PAGE_LAST_ERROR, a);
	m->created_at = db_int(st, PAGE_CREATED_AT);
	m->sent_at = db_int(st, PAGE_SENT_AT);
	m->next_attempt_at = db_int(st, PAGE_NEXT_ATTEMPT_AT);
}

struct outbox_row *outbox_page(const struct scope *s, const char *state, long long limit, long long offset,
                               struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_OUTBOX_PAGE]);
	db_bindv(st, "tii", state, reaches(s) ? limit : 0LL, offset);
	return db_rows(st, a, sizeof(struct outbox_row), count, read_page_row);
}

static void read_text(struct db_stmt *st, struct arena *a, void *row)
{
	*(const char **)row = db_text_dup(st, 0, a);
}

const char *outbox_state(const struct scope *s, long long id, struct arena *a)
{
	const char *state = NULL;
	if (!reaches(s))
		return NULL;
	struct db_stmt *st = db_prepare(stmts[STMT_OUTBOX_STATE]);
	db_bind_int(st, 1, id);
	return db_row(st, a, &state, read_text) ? state : NULL;
}

int outbox_requeue(const struct scope *s, long long id, long long now)
{
	return write_one(s, STMT_OUTBOX_REQUEUE, "ii", now, id);
}
