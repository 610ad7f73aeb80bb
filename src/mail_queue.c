#include "mail.h"

#include "clock.h"
#include "config.h"
#include "db.h"
#include "mime.h"

static const char *SQL_QUEUE =
	"INSERT INTO outbox (to_address, subject, body_text, state, attempts, next_attempt_at, created_at)"
	" VALUES (?, ?, ?, 'queued', 0, ?, ?)";

static const char *SQL_ABOUT = "INSERT OR IGNORE INTO outbox_campaigns (campaign_id, outbox_id) VALUES (?, ?)";

int mail_queue_about(const long long *campaigns, size_t n, const char *to, const char *subject,
                     const char *body_text)
{
	long long now = clock_now();
	if (db_exec(SQL_QUEUE, "tttii", to, subject, body_text, now, now) != DB_DONE)
		return -1;
	long long id = db_last_id();
	for (size_t i = 0; i < n; i++)
		if (db_exec(SQL_ABOUT, "ii", campaigns[i], id) != DB_DONE)
			return -1;
	return 0;
}

int mail_queue_drop(long long outbox_id)
{
	return db_exec("DELETE FROM outbox WHERE id = ?", "i", outbox_id);
}

int mail_queue(const char *to, const char *subject, const char *body_text)
{
	return mail_queue_about(NULL, 0, to, subject, body_text);
}

const char *mail_reply_to(void)
{
	return cfg.mail_reply_to && *cfg.mail_reply_to ? cfg.mail_reply_to : MAIL_CONTACT_DEFAULT;
}

const char *mail_contact_address(void)
{
	static __thread char address[255];
	if (!mime_bare_address(mail_reply_to(), address, sizeof address))
		return MAIL_CONTACT_DEFAULT;
	return address;
}
