/*
 * Delivery of the outbox: the jobs thread calls mail_deliver_due() every second. Due
 * mail is claimed in a transaction (a lease on next_attempt_at, so several servers never
 * send the same row at once), then sent outside it: over SMTP with libcurl when
 * cfg.smtp_url is set, otherwise written to DATA/mail/outbox-ID.eml. Failures are
 * retried with exponential backoff and the last error is kept for the admin screen.
 * Log lines name the outbox id only: no addresses, no links.
 */
#include "mail.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "account_mail.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "jobs.h"
#include "log.h"
#include "mime.h"

#define BATCH 20
#define LEASE_SECONDS 600 /* a claimed row waits this long before another server may retry it */

static const char *SQL_DUE =
	"SELECT id, to_address, subject, body_text, created_at, attempts FROM outbox"
	" WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id";
static const char *SQL_ANY_DUE =
	"SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? LIMIT 1)";
static const char *SQL_LEASE = "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'queued'";
/* The body may hold an activation or reset link: once sent, it is not kept. */
static const char *SQL_SENT =
	"UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL,"
	" body_text = '' WHERE id = ?";
static const char *SQL_RETRY =
	"UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?";
static const char *SQL_FAILED =
	"UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?";
static const char *SQL_RELEASE = "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'queued'";

struct outgoing {
	long long id, created_at, attempts;
	const char *to, *subject, *body;
};

const char *mail_config_problem(void)
{
	char from[256];
	if (cfg.smtp_url && *cfg.smtp_url && strncmp(cfg.smtp_url, "smtp://", 7) != 0 &&
	    strncmp(cfg.smtp_url, "smtps://", 8) != 0)
		return "smtp_url moet beginnen met smtp:// (STARTTLS als de server het aanbiedt) of smtps://.";
	if (!cfg.mail_from || !mime_bare_address(cfg.mail_from, from, sizeof from) || !strchr(from, '@'))
		return "mail_from moet een e-mailadres bevatten, bv. \"stagematch <info@stagematching.org>\".";
	return NULL;
}

void mail_setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void mail_teardown(void)
{
	curl_global_cleanup();
}

/* Claims up to BATCH due rows; returns how many, copied into out. */
static int claim(struct arena *a, struct outgoing *out)
{
	/* Every second: a plain read first, so an idle outbox never takes the write lock. */
	long long now = clock_now();
	if (db_query_int(0, SQL_ANY_DUE, "i", now) == 0 || db_begin() != DB_DONE)
		return 0;
	struct db_stmt *st = db_prepare(SQL_DUE);
	db_bind_int(st, 1, now);
	int n = 0;
	while (n < BATCH && db_step(st) == DB_ROW) {
		out[n] = (struct outgoing){
			.id = db_int(st, 0),
			.to = arena_strdup(a, db_text(st, 1)),
			.subject = arena_strdup(a, db_text(st, 2)),
			.body = arena_strdup(a, db_text(st, 3)),
			.created_at = db_int(st, 4),
			.attempts = db_int(st, 5),
		};
		n++;
	}
	db_reset(st);
	for (int i = 0; i < n; i++)
		if (db_exec(SQL_LEASE, "ii", now + LEASE_SECONDS, out[i].id) != DB_DONE) {
			db_rollback();
			return 0;
		}
	if (db_commit() != DB_DONE)
		return 0;
	return n;
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t upload_read(char *ptr, size_t size, size_t nmemb, void *userp)
{
	struct upload *u = userp;
	size_t n = size * nmemb;
	if (n > u->len - u->pos)
		n = u->len - u->pos;
	memcpy(ptr, u->data + u->pos, n);
	u->pos += n;
	return n;
}

/* Sends one message; on failure writes the reason into error and returns false. */
static bool smtp_send(const struct outgoing *m, const struct buf *message, char *error, size_t error_size,
                      int *curl_code)
{
	char from[256];
	if (!mime_bare_address(cfg.mail_from, from, sizeof from)) {
		snprintf(error, error_size, "afzender (--mail-from) is te lang");
		return false;
	}
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(error, error_size, "libcurl kon niet starten");
		return false;
	}
	char curl_error[CURL_ERROR_SIZE] = "";
	struct upload up = {message->data, message->len, 0};
	struct curl_slist *rcpt = curl_slist_append(NULL, m->to);
	bool implicit_tls = strncmp(cfg.smtp_url, "smtps://", 8) == 0;
	curl_easy_setopt(c, CURLOPT_URL, cfg.smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* smtps://: TLS from the start. smtp://: STARTTLS, required (no password or personal data
	 * in clear on the way), unless smtp_require_tls was switched off on purpose. */
	curl_easy_setopt(c, CURLOPT_USE_SSL,
	                 implicit_tls || cfg.smtp_require_tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	if (cfg.smtp_user && *cfg.smtp_user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg.smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg.smtp_password ? cfg.smtp_password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)message->len);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
	CURLcode res = curl_easy_perform(c);
	*curl_code = (int)res;
	if (res != CURLE_OK) {
		long response = 0;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response);
		snprintf(error, error_size, "%s%s%s (SMTP %ld)", curl_easy_strerror(res), *curl_error ? ": " : "",
		         curl_error, response);
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return res == CURLE_OK;
}

/* Writes the message to DATA/mail/outbox-ID.eml (through a temporary name, 0600). */
static bool eml_write(const struct outgoing *m, const struct buf *message, char *error, size_t error_size)
{
	char dir[4096], path[4200], tmp[4220];
	snprintf(dir, sizeof dir, "%s/mail", cfg.data_dir);
	snprintf(path, sizeof path, "%s/outbox-%06lld.eml", dir, m->id);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(error, error_size, "kan de map mail in de gegevensmap niet aanmaken: %s", strerror(errno));
		return false;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = fd >= 0 && write(fd, message->data, message->len) == (ssize_t)message->len;
	int saved = errno;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0)
		ok = false, saved = errno;
	if (!ok) {
		unlink(tmp);
		snprintf(error, error_size, "kan mail/outbox-%06lld.eml niet schrijven: %s", m->id, strerror(saved));
		return false;
	}
	log_info("mail_written", "outbox_id=%lld file=%s link=\"logged to the .eml\"", m->id, path);
	return true;
}

static void deliver(const struct outgoing *m)
{
	char message_id[300];
	mime_message_id(m->id, m->created_at, cfg.mail_from, message_id);
	struct mime_mail mail = {
		.from = cfg.mail_from,
		.reply_to = mail_reply_to(),
		.to = m->to,
		.subject = m->subject,
		.body_text = m->body,
		.date = clock_now(),
		.message_id = message_id,
	};
	struct buf message = {0};
	mime_format(&message, &mail);
	char error[600] = "";
	int curl_code = 0;
	bool smtp = cfg.smtp_url && *cfg.smtp_url; /* empty in the file: .eml files */
	bool ok = smtp ? smtp_send(m, &message, error, sizeof error, &curl_code)
	               : eml_write(m, &message, error, sizeof error);
	sodium_memzero(message.data, message.len);
	buf_free(&message);
	long long now = clock_now();
	long long attempt = m->attempts + 1;
	if (ok) {
		db_exec(SQL_SENT, "ii", now, m->id);
		if (smtp)
			log_info("mail_sent", "outbox_id=%lld attempt=%lld", m->id, attempt);
		return;
	}
	/* The error text may quote the server's answer, addresses included: database only. */
	log_error("mail_failed", "outbox_id=%lld attempt=%lld curl_code=%d reason=%s", m->id, attempt, curl_code,
	          curl_code ? curl_easy_strerror((CURLcode)curl_code) : "file");
	if (attempt >= MAIL_MAX_ATTEMPTS) {
		/* A link that never arrived stays dead, even if the mail is retried later. */
		if (db_begin() != DB_DONE || db_exec(SQL_FAILED, "ti", error, m->id) != DB_DONE ||
		    account_links_void_for_mail(m->id) != 0 || db_commit() != DB_DONE)
			db_rollback();
		return;
	}
	long long wait = (long long)MAIL_RETRY_FIRST_SECONDS << (attempt - 1);
	db_exec(SQL_RETRY, "tii", error, now + wait, m->id);
}

void mail_deliver_due(void)
{
	struct arena *a = arena_new();
	struct outgoing due[BATCH];
	int n = claim(a, due);
	for (int i = 0; i < n; i++) {
		/* At shutdown, leave the rest: their lease runs out and they go next time. */
		if (jobs_stopping()) {
			db_exec(SQL_RELEASE, "ii", clock_now(), due[i].id);
			continue;
		}
		deliver(&due[i]);
	}
	arena_free(a);
}

void mail_eml_remove(long long outbox_id)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/mail/outbox-%06lld.eml", cfg.data_dir, outbox_id);
	unlink(path);
}

static const char *SQL_OLD_BODIES =
	"SELECT id FROM outbox WHERE state = 'sent' AND sent_at < ? AND (subject <> '' OR body_text <> '')"
	" ORDER BY id LIMIT 500";
static const char *SQL_FORGET_BODY = "UPDATE outbox SET subject = '', body_text = '' WHERE id = ?";

void mail_forget_bodies(void)
{
	long long before = clock_now() - (long long)cfg.mail_body_days * 86400;
	for (;;) { /* in batches, so the write lock is never held long */
		long long ids[500];
		size_t n = 0;
		struct db_stmt *st = db_prepare(SQL_OLD_BODIES);
		db_bind_int(st, 1, before);
		while (n < 500 && db_step(st) == DB_ROW)
			ids[n++] = db_int(st, 0);
		db_reset(st);
		if (!n || db_begin() != DB_DONE)
			return;
		bool ok = true;
		for (size_t i = 0; i < n && ok; i++)
			ok = db_exec(SQL_FORGET_BODY, "i", ids[i]) == DB_DONE;
		if (!ok || db_commit() != DB_DONE) {
			db_rollback();
			log_error("mail_forget", "error=%s", db_error());
			return;
		}
		for (size_t i = 0; i < n; i++)
			mail_eml_remove(ids[i]);
		log_info("mail_forget", "mails=%zu", n);
		if (n < 500)
			return;
	}
}
