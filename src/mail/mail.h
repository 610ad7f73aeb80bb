#ifndef STAGEMATCH_MAIL_H
#define STAGEMATCH_MAIL_H
#include <stddef.h>

/*
 * Outgoing mail. mail_queue() adds a message to the outbox table; call it inside the
 * transaction of the change that causes the mail, so the two are never separated. A
 * delivery job (src/mail/mail_delivery.c, run by the jobs thread) sends queued mail: over
 * SMTP through libcurl when cfg.smtp_url is set, else as .eml files in DATA/mail.
 *
 * body_text is plain UTF-8 text; links in it are full URLs (use cfg.base_url).
 * Returns 0, or -1 on a database error (the caller rolls back).
 */
int mail_queue(const char *to, const char *subject, const char *body_text);
/* The same for a mail about pupils of campaigns[0..n): retention of any of them empties it. */
int mail_queue_about(const long long *campaigns, size_t n, const char *to, const char *subject,
                     const char *body_text);

/* Removes a mail from the outbox (one replaced by a new one). DB_DONE or an error. */
int mail_queue_drop(long long outbox_id);
/* Removes DATA/mail/outbox-ID.eml, the copy of a mail written without SMTP, if there is one. */
void mail_eml_remove(long long outbox_id);
/* The background job: a sent mail older than mail_body_days keeps who, when and its state
 * only; its subject and body (and its .eml) go. */
void mail_forget_bodies(void);

/* The address people write to with questions (the coordinators): the mail_reply_to setting,
 * "stages@vivosocialprofit.org" when it is not set. Every mail carries it as Reply-To, and
 * the texts of mails and pages name its bare address (mail_contact_address(), per thread). */
#define MAIL_CONTACT_DEFAULT "stages@vivosocialprofit.org"
const char *mail_reply_to(void);
const char *mail_contact_address(void);

/* How often delivery is tried: after attempt n fails, the next one waits
 * MAIL_RETRY_FIRST_SECONDS * 2^(n-1); after MAIL_MAX_ATTEMPTS the mail is 'failed'. */
#define MAIL_MAX_ATTEMPTS 8
#define MAIL_RETRY_FIRST_SECONDS 60

/* A Dutch message when the mail settings cannot work (an smtp_url that is not smtp://
 * or smtps://, a sender without an address), or NULL. */
const char *mail_config_problem(void);
/* Once per process, before any thread starts (libcurl's global set-up), and at the end. */
void mail_setup(void);
void mail_teardown(void);
/* The delivery job: claims the queued mail that is due and sends it. */
void mail_deliver_due(void);

#endif
