#include "withdrawals.h"

#include "clock.h"
#include "config.h"
#include "db.h"
#include "notify.h"

static const char *SQL_NOTE_ONE =
	"UPDATE placements SET private_data_shown_at = ? WHERE service_id = ? AND student_id = ?"
	" AND private_data_shown_at IS NULL";
static const char *SQL_NOTE_ALL =
	"UPDATE placements SET private_data_shown_at = ? WHERE service_id = ? AND private_data_shown_at IS NULL";
static const char *SQL_DONE =
	"SELECT COUNT(*) FROM withdrawals WHERE campaign_id = ? AND service_id = ? AND state = 'done'";
static const char *SQL_PENDING_SINCE =
	"SELECT requested_at FROM withdrawals WHERE student_id = ? AND state = 'pending'";
static const char *SQL_SHOWN =
	"SELECT private_data_shown_at IS NOT NULL FROM placements WHERE student_id = ? AND service_id = ?";
static const char *SQL_RECORD =
	"INSERT INTO withdrawals (campaign_id, service_id, student_id, state, private_data_shown, requested_by,"
	" requested_at, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), NULLIF(?, 0))";
static const char *SQL_APPROVE =
	"UPDATE withdrawals SET state = 'done', private_data_shown = ?, decided_by = ?, decided_at = ?"
	" WHERE id = ? AND state = 'pending'";
static const char *SQL_DELETE = "DELETE FROM placements WHERE student_id = ? AND service_id = ?";

int withdrawal_note_private_data_shown(long long service_id, long long student_id)
{
	if (student_id)
		return db_exec(SQL_NOTE_ONE, "iii", clock_now(), service_id, student_id);
	return db_exec(SQL_NOTE_ALL, "ii", clock_now(), service_id);
}

bool withdrawal_private_data_shown(long long student_id, long long service_id)
{
	return db_query_int(0, SQL_SHOWN, "ii", student_id, service_id) == 1;
}

long long withdrawals_done(long long campaign_id, long long service_id)
{
	return db_query_int(0, SQL_DONE, "ii", campaign_id, service_id);
}

bool withdrawal_needs_coordinator(long long campaign_id, long long service_id)
{
	return withdrawals_done(campaign_id, service_id) >= cfg.withdrawals_per_campaign;
}

long long withdrawal_pending_since(long long student_id)
{
	return db_query_int(0, SQL_PENDING_SINCE, "i", student_id);
}

int withdrawal_perform(long long student_id, long long service_id, long long campaign_id, long long requested_by,
                       long long decided_by, long long request_id)
{
	long long shown = db_query_int(-1, SQL_SHOWN, "ii", student_id, service_id);
	if (shown < 0)
		return 1;
	long long now = clock_now(), earlier = withdrawals_done(campaign_id, service_id);
	/* The mails read the placement, so they go first; everything stands or falls together. */
	if (notify_placement_withdrawn(student_id, shown == 1, earlier) != 0)
		return -1;
	int rc = request_id ? db_exec(SQL_APPROVE, "iiii", shown, decided_by, now, request_id)
	                    : db_exec(SQL_RECORD, "iiitiiiii", campaign_id, service_id, student_id, "done", shown,
	                              requested_by, now, 0LL, 0LL);
	if (rc != DB_DONE || db_changes() != 1)
		return -1;
	if (db_exec(SQL_DELETE, "ii", student_id, service_id) != DB_DONE || db_changes() != 1)
		return -1;
	return 0;
}

int withdrawal_request(long long student_id, long long service_id, long long campaign_id, long long requested_by)
{
	if (withdrawal_pending_since(student_id))
		return 1;
	long long shown = db_query_int(0, SQL_SHOWN, "ii", student_id, service_id);
	if (db_exec(SQL_RECORD, "iiitiiiii", campaign_id, service_id, student_id, "pending", shown, requested_by,
	            clock_now(), 0LL, 0LL) != DB_DONE)
		return -1;
	return notify_coordinator_withdrawal_requested(student_id, withdrawals_done(campaign_id, service_id));
}
