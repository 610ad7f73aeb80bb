#ifndef STAGEMATCH_MAIL_H
#define STAGEMATCH_MAIL_H

/*
 * Outgoing mail. mail_queue() adds a message to the outbox table; call it inside the
 * transaction of the change that causes the mail, so the two are never separated. A
 * delivery thread sends queued mail (SMTP through libcurl, or .eml files in the data
 * folder when no SMTP server is configured).
 *
 * body_text is plain UTF-8 text; links in it are full URLs (use cfg.base_url).
 * Returns 0, or -1 on a database error (the caller rolls back).
 */
int mail_queue(const char *to, const char *subject, const char *body_text);

#endif
