#include "mail.h"

#include "clock.h"
#include "db.h"

static const char *SQL_QUEUE =
	"INSERT INTO outbox (to_address, subject, body_text, state, attempts, next_attempt_at, created_at)"
	" VALUES (?, ?, ?, 'queued', 0, ?, ?)";

int mail_queue(const char *to, const char *subject, const char *body_text)
{
	long long now = clock_now();
	return db_exec(SQL_QUEUE, "tttii", to, subject, body_text, now, now) == DB_DONE ? 0 : -1;
}
