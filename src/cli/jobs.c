#include "jobs.h"

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "account_mail.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "reminders.h"
#include "session.h"
#include "throttle.h"

/* Removes what has outlived its use: ended sessions, old saved forms, pupil lists never imported, e-mail links
 * long expired (kept a month so that an old link still gets a clear page). */
static void cleanup_run(void)
{
	long long now = clock_now();
	session_purge(now - 7 * 86400);
	session_forms_purge(now - 86400);
	throttle_purge(now - 86400);
	account_links_purge(now - 30 * 86400);
	db_exec("DELETE FROM pending_imports WHERE expires_at <= ?", "i", now); /* uploaded pupil lists */
}

static const struct job jobs[] = {
	{"cleanup", 3600, cleanup_run},
	{"account-mail", 1, account_mail_requests_run},
	{"mail-bodies", 3600, mail_forget_bodies},
	{"mail", 1, mail_deliver_due},
	{"results-digest", 5, notify_digest_run},
	{"reminders", 5, reminders_run},
};
#define JOB_COUNT (sizeof jobs / sizeof jobs[0])

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static bool stopping, started;

static void *jobs_main(void *arg)
{
	(void)arg;
	long long last_run[JOB_COUNT] = {0};
	pthread_mutex_lock(&lock);
	while (!stopping) {
		pthread_mutex_unlock(&lock);
		long long now = clock_now();
		for (size_t i = 0; i < JOB_COUNT; i++)
			if (now - last_run[i] >= jobs[i].every_seconds) {
				jobs[i].run();
				last_run[i] = now;
			}
		pthread_mutex_lock(&lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		if (!stopping)
			pthread_cond_timedwait(&wake, &lock, &until);
	}
	pthread_mutex_unlock(&lock);
	db_close_thread();
	return NULL;
}

void jobs_start(void)
{
	stopping = false;
	if (pthread_create(&thread, NULL, jobs_main, NULL) == 0)
		started = true;
	else
		log_error("jobs", "message=\"could not start the background thread\"");
}

void jobs_stop(void)
{
	if (!started)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	started = false;
}

bool jobs_stopping(void)
{
	pthread_mutex_lock(&lock);
	bool s = stopping;
	pthread_mutex_unlock(&lock);
	return s;
}

void jobs_run_all_once(void)
{
	for (size_t i = 0; i < JOB_COUNT; i++)
		jobs[i].run();
}
