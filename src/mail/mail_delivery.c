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
#include "outbox.h"

#define BATCH 20
#define LEASE_SECONDS 600 /* a claimed row waits this long before another server may retry it */

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

struct claim {
	struct arena *arena;
	long long now;
	struct outbox_mail *due;
	size_t count;
};

static int claim_body(void *ctx)
{
	struct claim *c = ctx;
	struct scope system = scope_system();
	c->due = outbox_due(&system, c->now, BATCH, c->arena, &c->count);
	for (size_t i = 0; i < c->count; i++) {
		int rc = outbox_lease(&system, c->due[i].id, c->now + LEASE_SECONDS);
		if (rc != DB_DONE)
			return rc;
	}
	return DB_DONE;
}

/* Claims up to BATCH due mails (a lease on each): how many, in *due. */
static size_t claim(struct arena *a, struct outbox_mail **due)
{
	/* Every second: a plain read first, so an idle outbox never takes the write lock. */
	struct scope system = scope_system();
	struct claim c = {.arena = a, .now = clock_now()};
	if (!outbox_any_due(&system, c.now) || db_tx(claim_body, &c) != DB_DONE)
		return 0;
	*due = c.due;
	return c.count;
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
static bool smtp_send(const struct outbox_mail *m, const struct buf *message, char *error, size_t error_size,
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
static bool eml_write(const struct outbox_mail *m, const struct buf *message, char *error, size_t error_size)
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

struct failure {
	long long id;
	const char *error;
};

/* A mail failed for good; a link that never arrived stays dead, even if it is retried later. */
static int fail_body(void *ctx)
{
	struct failure *f = ctx;
	struct scope system = scope_system();
	int rc = outbox_mark_failed(&system, f->id, f->error);
	if (rc != DB_DONE)
		return rc;
	return account_links_void_for_mail(f->id) == 0 ? DB_DONE : DB_ERROR;
}

static void deliver(const struct outbox_mail *m)
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
	struct scope system = scope_system();
	long long now = clock_now();
	long long attempt = m->attempts + 1;
	if (ok) {
		outbox_mark_sent(&system, m->id, now);
		if (smtp)
			log_info("mail_sent", "outbox_id=%lld attempt=%lld", m->id, attempt);
		return;
	}
	/* The error text may quote the server's answer, addresses included: database only. */
	log_error("mail_failed", "outbox_id=%lld attempt=%lld curl_code=%d reason=%s", m->id, attempt, curl_code,
	          curl_code ? curl_easy_strerror((CURLcode)curl_code) : "file");
	if (attempt >= MAIL_MAX_ATTEMPTS) {
		struct failure f = {m->id, error};
		db_tx(fail_body, &f);
		return;
	}
	long long wait = (long long)MAIL_RETRY_FIRST_SECONDS << (attempt - 1);
	outbox_mark_retry(&system, m->id, error, now + wait);
}

void mail_deliver_due(void)
{
	struct arena *a = arena_new();
	struct scope system = scope_system();
	struct outbox_mail *due = NULL;
	size_t n = claim(a, &due);
	for (size_t i = 0; i < n; i++) {
		/* At shutdown, leave the rest: their lease runs out and they go next time. */
		if (jobs_stopping()) {
			outbox_lease(&system, due[i].id, clock_now());
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

#define FORGET_BATCH 500

struct forget {
	const long long *ids;
	size_t count;
};

static int forget_body(void *ctx)
{
	struct forget *f = ctx;
	struct scope system = scope_system();
	for (size_t i = 0; i < f->count; i++) {
		int rc = outbox_forget_body(&system, f->ids[i]);
		if (rc != DB_DONE)
			return rc;
	}
	return DB_DONE;
}

void mail_forget_bodies(void)
{
	struct scope system = scope_system();
	long long before = clock_now() - (long long)cfg.mail_body_days * 86400;
	for (;;) { /* in batches, so the write lock is never held long */
		long long ids[FORGET_BATCH];
		struct forget f = {ids, outbox_sent_with_body(&system, before, ids, FORGET_BATCH)};
		if (!f.count)
			return;
		if (db_tx(forget_body, &f) != DB_DONE) {
			log_error("mail_forget", "error=%s", db_error());
			return;
		}
		for (size_t i = 0; i < f.count; i++)
			mail_eml_remove(ids[i]);
		log_info("mail_forget", "mails=%zu", f.count);
		if (f.count < FORGET_BATCH)
			return;
	}
}
