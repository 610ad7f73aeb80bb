#include "mail.h"

#include "config.h"
#include "db.h"
#include "mime.h"
#include "outbox.h"

int mail_queue_about(const long long *campaigns, size_t n, const char *to, const char *subject,
                     const char *body_text)
{
	struct scope system = scope_system();
	long long id;
	return outbox_queue(&system, campaigns, n, to, subject, body_text, &id) == DB_DONE ? 0 : -1;
}

int mail_queue_drop(long long outbox_id)
{
	struct scope system = scope_system();
	return outbox_drop(&system, outbox_id);
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
