#ifndef STAGEMATCH_JOBS_H
#define STAGEMATCH_JOBS_H
#include <stdbool.h>

/*
 * Background work of `serve`: one thread that runs each job of the table in src/cli/jobs.c
 * every few seconds (mail delivery, digests, clean-ups). Jobs use their own database
 * connection (the thread's) and must be safe to run on several servers at once: they
 * claim work inside a transaction.
 */
struct job {
	const char *name;
	int every_seconds;
	void (*run)(void);
};

/* Starts the thread. */
void jobs_start(void);
/* Asks the thread to stop and waits for the job in progress to finish. */
void jobs_stop(void);
/* Whether the thread was asked to stop: a job working through a list checks it between
 * items, so shutdown does not wait for the whole list. */
bool jobs_stopping(void);
/* Runs every job once, now, in the calling thread (used by tests and the CLI). */
void jobs_run_all_once(void);

#endif
