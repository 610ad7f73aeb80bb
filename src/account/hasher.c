#include "hasher.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define HASHER_THREADS_MAX 16
#define HASHER_WAIT_SECONDS 3

/* One hash to compute: a new one (stored == NULL) or a check against stored. */
struct job {
	const char *password, *stored;
	char *out;
	int rc;
	bool verified, taken, done;
	struct job *next;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake, finished;
	struct job *head, *tail;
	int threads;
	bool stopping;
	pthread_t thread[HASHER_THREADS_MAX];
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER, .finished = PTHREAD_COND_INITIALIZER};

void hasher_run_when_idle(void)
{
	/* Lowering one's own policy needs no privilege (but there is no way back without one:
	 * these threads do nothing else, and hold no lock while they hash). */
	struct sched_param none = {.sched_priority = 0};
	if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &none) != 0)
		setpriority(PRIO_PROCESS, (id_t)gettid(), 19);
}

static void compute(struct job *j)
{
	if (j->stored)
		j->verified = password_verify(j->stored, j->password);
	else
		j->rc = password_hash(j->password, j->out);
}

static void *hasher_main(void *arg)
{
	(void)arg;
	hasher_run_when_idle();
	pthread_mutex_lock(&pool.lock);
	for (;;) {
		while (!pool.head && !pool.stopping)
			pthread_cond_wait(&pool.wake, &pool.lock);
		struct job *j = pool.head;
		if (!j)
			break;
		pool.head = j->next;
		if (!pool.head)
			pool.tail = NULL;
		j->taken = true;
		pthread_mutex_unlock(&pool.lock);
		compute(j);
		pthread_mutex_lock(&pool.lock);
		j->done = true;
		pthread_cond_broadcast(&pool.finished);
	}
	pthread_mutex_unlock(&pool.lock);
	return NULL;
}

/* Takes j out of the queue (it was not picked up). */
static void unqueue(struct job *j)
{
	struct job **at = &pool.head, *prev = NULL;
	while (*at && *at != j) {
		prev = *at;
		at = &(*at)->next;
	}
	if (!*at)
		return;
	*at = j->next;
	if (pool.tail == j)
		pool.tail = prev;
}

/* Hands j to the pool and waits until it is computed. When no hashing thread has picked it
 * up within HASHER_WAIT_SECONDS (the machine has had no idle time at all), the caller
 * computes it itself: a login waits, but is never starved. */
static void run(struct job *j)
{
	pthread_mutex_lock(&pool.lock);
	if (!pool.threads || pool.stopping) {
		pthread_mutex_unlock(&pool.lock);
		compute(j);
		return;
	}
	if (pool.tail)
		pool.tail->next = j;
	else
		pool.head = j;
	pool.tail = j;
	pthread_cond_signal(&pool.wake);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += HASHER_WAIT_SECONDS;
	bool timed_out = false;
	while (!j->done && !(timed_out && !j->taken)) {
		if (j->taken)
			pthread_cond_wait(&pool.finished, &pool.lock);
		else if (pthread_cond_timedwait(&pool.finished, &pool.lock, &until) == ETIMEDOUT)
			timed_out = true;
	}
	if (!j->done) { /* not picked up in time */
		unqueue(j);
		pthread_mutex_unlock(&pool.lock);
		compute(j);
		return;
	}
	pthread_mutex_unlock(&pool.lock);
}

int hasher_hash(const char *password, char out[PASSWORD_HASH_LEN])
{
	struct job j = {.password = password, .out = out};
	run(&j);
	return j.rc;
}

bool hasher_verify(const char *stored_hash, const char *password)
{
	struct job j = {.password = password, .stored = stored_hash};
	run(&j);
	return j.verified;
}

void hasher_start(int threads)
{
	pthread_mutex_lock(&pool.lock);
	pool.stopping = false;
	for (pool.threads = 0; pool.threads < threads && pool.threads < HASHER_THREADS_MAX; pool.threads++)
		if (pthread_create(&pool.thread[pool.threads], NULL, hasher_main, NULL) != 0)
			break;
	pthread_mutex_unlock(&pool.lock);
}

void hasher_stop(void)
{
	pthread_mutex_lock(&pool.lock);
	pool.stopping = true;
	pthread_cond_broadcast(&pool.wake);
	int threads = pool.threads;
	pthread_mutex_unlock(&pool.lock);
	for (int i = 0; i < threads; i++)
		pthread_join(pool.thread[i], NULL);
	pthread_mutex_lock(&pool.lock);
	pool.threads = 0;
	pthread_mutex_unlock(&pool.lock);
}
