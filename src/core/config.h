#ifndef STAGEMATCH_CONFIG_H
#define STAGEMATCH_CONFIG_H
#include <stdbool.h>

/* The effective settings of this process: defaults, overridden by command-line flags. */
struct config {
	const char *listen;            /* "127.0.0.1:8080"; port 0 picks a free port */
	const char *data_dir;          /* database, key file, mail folder */
	bool behind_https;             /* cookies get Secure and the __Host- prefix */
	bool trust_proxy;              /* believe X-Forwarded-For / X-Forwarded-Proto */
	const char *base_url;          /* for links in e-mails; default http://LISTEN */
	int idle_minutes;              /* session idle expiry */
	int absolute_hours;            /* session absolute expiry */
	int threads;                   /* HTTP worker threads; 0 = number of cores */
	int password_slots;            /* password hashes computed at once; 0 = automatic */
	int login_queue;               /* logins waiting for a hashing thread; more get 503 */
	long max_body_bytes;           /* larger request bodies get 413 */
	const char *smtp_url;          /* smtp:// or smtps://; NULL writes .eml files */
	const char *smtp_user;
	const char *smtp_password;
	const char *mail_from;
	const char *mail_reply_to;
	int activation_days;           /* activation links expire after this many days */
	const char *metrics_allow;     /* comma-separated addresses allowed to read /metrics */
	int retention_days;            /* personal data of a campaign may go this long after its results */
	int withdrawals_per_campaign;  /* a service's withdrawals per campaign before the coordinator decides */
	int mail_body_days;            /* a sent mail keeps its subject and body this many days, then metadata only */
	int backup_days;               /* retention removes files in DATA/backups older than this many days */
	bool smtp_require_tls;         /* smtp:// must upgrade with STARTTLS (CURLUSESSL_ALL); off only on purpose */
	const char *reminder_time;     /* "HH:MM", Brussels time: when the day's reminders go out (src/mail/reminders.c) */
	long long database_max_pages;  /* PRAGMA max_page_count for every connection; 0 = none (tests, operators) */
};

extern struct config cfg;

void config_defaults(void);

#endif
