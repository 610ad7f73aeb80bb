#include "withdrawals.h"

#include "clock.h"
#include "config.h"
#include "db.h"
#include "db_row.h"
#include "notify.h"

/* The withdrawals module: every statement on withdrawals, and the placement's private-data
 * mark and its deletion by a withdrawal. The functions for the service's own withdrawals are
 * called by src/service/placements.c with the service's id; the coordinator's screen reads and
 * decides through the scoped ones below. */
enum withdrawal_stmt {
	STMT_NOTE_ONE,
	STMT_NOTE_ALL,
	STMT_DONE,
	STMT_PENDING_SINCE,
	STMT_SHOWN,
	STMT_RECORD,
	STMT_APPROVE,
	STMT_DELETE_PLACEMENT,
	STMT_PENDING,
	STMT_DECIDED,
	STMT_ONE,
	STMT_DECIDE,
	STMT_WITHDRAWAL__MAX
};

#define WITHDRAWAL_SELECT                                                                        \
	"SELECT w.id, w.student_id, w.service_id, w.campaign_id, w.requested_at, w.private_data_shown,"    \
	" svc.name, COALESCE(s.first_name || ' ' || s.last_name, ''), COALESCE(sch.name, ''),"       \
	" pr.name, c.school_year, w.state, COALESCE(w.decided_at, 0)"                                 \
	" FROM withdrawals w JOIN organisations svc ON svc.id = w.service_id"                        \
	" JOIN campaigns c ON c.id = w.campaign_id JOIN programmes pr ON pr.id = c.programme_id"      \
	" LEFT JOIN students s ON s.id = w.student_id LEFT JOIN organisations sch ON sch.id = s.school_id"

static const char *const stmts[STMT_WITHDRAWAL__MAX] = {
	[STMT_NOTE_ONE] = "UPDATE placements SET private_data_shown_at = ? WHERE service_id = ? AND student_id = ?"
	                  " AND private_data_shown_at IS NULL",
	[STMT_NOTE_ALL] = "UPDATE placements SET private_data_shown_at = ? WHERE service_id = ?"
	                  " AND private_data_shown_at IS NULL",
	[STMT_DONE] = "SELECT COUNT(*) FROM withdrawals WHERE campaign_id = ? AND service_id = ? AND state = 'done'",
	[STMT_PENDING_SINCE] = "SELECT requested_at FROM withdrawals WHERE student_id = ? AND state = 'pending'",
	[STMT_SHOWN] = "SELECT private_data_shown_at IS NOT NULL FROM placements WHERE student_id = ? AND service_id = ?",
	[STMT_RECORD] = "INSERT INTO withdrawals (campaign_id, service_id, student_id, state, private_data_shown,"
	                " requested_by, requested_at, decided_by, decided_at)"
	                " VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), NULLIF(?, 0))",
	[STMT_APPROVE] = "UPDATE withdrawals SET state = 'done', private_data_shown = ?, decided_by = ?, decided_at = ?"
	                 " WHERE id = ? AND state = 'pending'",
	[STMT_DELETE_PLACEMENT] = "DELETE FROM placements WHERE student_id = ? AND service_id = ?",
	/* ?1 = 1: the coordinator's scope; any other reads nothing. */
	[STMT_PENDING] = WITHDRAWAL_SELECT " WHERE ?1 = 1 AND w.state = 'pending' ORDER BY w.requested_at, w.id LIMIT ?2",
	[STMT_DECIDED] = WITHDRAWAL_SELECT " WHERE ?1 = 1 AND w.state <> 'pending' AND w.decided_by IS NOT NULL"
	                                   " ORDER BY w.decided_at DESC, w.id DESC LIMIT ?2",
	[STMT_ONE] = WITHDRAWAL_SELECT " WHERE ?1 = 1 AND w.id = ?2",
	[STMT_DECIDE] = "UPDATE withdrawals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'",
};

/* The columns of WITHDRAWAL_SELECT. */
enum withdrawal_col {
	COL_ID, COL_STUDENT_ID, COL_SERVICE_ID, COL_CAMPAIGN_ID, COL_REQUESTED_AT, COL_PRIVATE_DATA_SHOWN, COL_SERVICE,
	COL_PUPIL, COL_SCHOOL, COL_PROGRAMME, COL_SCHOOL_YEAR, COL_STATE, COL_DECIDED_AT
};

int withdrawal_note_private_data_shown(long long service_id, long long student_id)
{
	if (student_id)
		return db_exec(stmts[STMT_NOTE_ONE], "iii", clock_now(), service_id, student_id);
	return db_exec(stmts[STMT_NOTE_ALL], "ii", clock_now(), service_id);
}

bool withdrawal_private_data_shown(long long student_id, long long service_id)
{
	return db_query_int(0, stmts[STMT_SHOWN], "ii", student_id, service_id) == 1;
}

long long withdrawals_done(long long campaign_id, long long service_id)
{
	return db_query_int(0, stmts[STMT_DONE], "ii", campaign_id, service_id);
}

bool withdrawal_needs_coordinator(long long campaign_id, long long service_id)
{
	return withdrawals_done(campaign_id, service_id) >= cfg.withdrawals_per_campaign;
}

long long withdrawal_pending_since(long long student_id)
{
	return db_query_int(0, stmts[STMT_PENDING_SINCE], "i", student_id);
}

int withdrawal_perform(long long student_id, long long service_id, long long campaign_id, long long requested_by,
                       long long decided_by, long long request_id)
{
	long long shown = db_query_int(-1, stmts[STMT_SHOWN], "ii", student_id, service_id);
	if (shown < 0)
		return 1;
	long long now = clock_now(), earlier = withdrawals_done(campaign_id, service_id);
	/* The mails read the placement, so they go first; everything stands or falls together. */
	if (notify_placement_withdrawn(student_id, shown == 1, earlier) != 0)
		return -1;
	int rc = request_id ? db_exec(stmts[STMT_APPROVE], "iiii", shown, decided_by, now, request_id)
	                    : db_exec(stmts[STMT_RECORD], "iiitiiiii", campaign_id, service_id, student_id, "done", shown,
	                              requested_by, now, 0LL, 0LL);
	if (rc != DB_DONE || db_changes() != 1)
		return -1;
	if (db_exec(stmts[STMT_DELETE_PLACEMENT], "ii", student_id, service_id) != DB_DONE || db_changes() != 1)
		return -1;
	return 0;
}

int withdrawal_request(long long student_id, long long service_id, long long campaign_id, long long requested_by)
{
	if (withdrawal_pending_since(student_id))
		return 1;
	long long shown = db_query_int(0, stmts[STMT_SHOWN], "ii", student_id, service_id);
	if (db_exec(stmts[STMT_RECORD], "iiitiiiii", campaign_id, service_id, student_id, "pending", shown, requested_by,
	            clock_now(), 0LL, 0LL) != DB_DONE)
		return -1;
	return notify_coordinator_withdrawal_requested(student_id, withdrawals_done(campaign_id, service_id));
}

static bool is_coordinator(const struct scope *s)
{
	return s->role == ROLE_ADMIN;
}

static void read_withdrawal(struct db_stmt *st, struct arena *a, void *row)
{
	struct withdrawal_row *w = row;
	w->id = db_int(st, COL_ID);
	w->student_id = db_int(st, COL_STUDENT_ID);
	w->service_id = db_int(st, COL_SERVICE_ID);
	w->campaign_id = db_int(st, COL_CAMPAIGN_ID);
	w->requested_at = db_int(st, COL_REQUESTED_AT);
	w->private_data_shown = db_bool(st, COL_PRIVATE_DATA_SHOWN);
	w->service = db_text_dup(st, COL_SERVICE, a);
	w->pupil = db_text_dup(st, COL_PUPIL, a);
	w->school = db_text_dup(st, COL_SCHOOL, a);
	w->programme = db_text_dup(st, COL_PROGRAMME, a);
	w->school_year = db_text_dup(st, COL_SCHOOL_YEAR, a);
	w->state = db_text_dup(st, COL_STATE, a);
	w->decided_at = db_int(st, COL_DECIDED_AT);
}

static struct withdrawal_row *list(enum withdrawal_stmt which, const struct scope *s, long long max,
                                   struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[which]);
	db_bindv(st, "ii", (long long)is_coordinator(s), max);
	return db_rows(st, a, sizeof(struct withdrawal_row), count, read_withdrawal);
}

struct withdrawal_row *withdrawals_pending(const struct scope *s, long long max, struct arena *a, size_t *count)
{
	return list(STMT_PENDING, s, max, a, count);
}

struct withdrawal_row *withdrawals_decided(const struct scope *s, long long max, struct arena *a, size_t *count)
{
	return list(STMT_DECIDED, s, max, a, count);
}

bool withdrawal_get(const struct scope *s, long long id, struct arena *a, struct withdrawal_row *out)
{
	struct db_stmt *st = db_prepare(stmts[STMT_ONE]);
	db_bindv(st, "ii", (long long)is_coordinator(s), id);
	return db_row(st, a, out, read_withdrawal);
}

int withdrawal_decide(const struct scope *s, long long id, const char *state)
{
	if (!is_coordinator(s))
		return DB_ERROR;
	int rc = db_exec(stmts[STMT_DECIDE], "tiii", state, s->user_id, clock_now(), id);
	return rc == DB_DONE && db_changes() != 1 ? DB_ERROR : rc;
}
