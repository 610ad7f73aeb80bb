#include "hasher.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"

#define HASHER_WORKERS_MAX 16

/* One hash to compute: a new one (stored == NULL) or a check against stored. */
struct job {
	const char *password, *stored;
	char *out;
	int rc;
	bool verified;
};

/* What goes to a worker, followed by password_len bytes of password; and what comes back. */
struct request {
	bool verify;
	size_t password_len;
	char stored[PASSWORD_HASH_LEN];
};
struct reply {
	int rc;
	bool verified;
	char out[PASSWORD_HASH_LEN];
};

struct worker {
	pid_t pid;
	int fd; /* -1 once the worker is gone */
	bool busy;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	struct worker worker[HASHER_WORKERS_MAX];
	int count, alive;
	bool stopping;
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER, .freed = PTHREAD_COND_INITIALIZER};

static void compute(struct job *j)
{
	if (j->stored)
		j->verified = password_verify(j->stored, j->password);
	else
		j->rc = password_hash(j->password, j->out);
}

/* Sends (or receives) all len bytes on the socket fd; false when the other end is gone. */
static bool transfer(int fd, void *data, size_t len, bool sending)
{
	for (char *p = data; len;) {
		ssize_t n = sending ? send(fd, p, len, MSG_NOSIGNAL) : recv(fd, p, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static bool send_all(int fd, const void *data, size_t len)
{
	return transfer(fd, (void *)data, len, true);
}

static bool recv_all(int fd, void *data, size_t len)
{
	return transfer(fd, data, len, false);
}

/* The worker: says it is ready (under SCHED_IDLE), then answers requests on fd until the
 * server closes its end. */
static _Noreturn void worker_main(int fd)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL); /* the server is gone: so is the worker */
	/* Only its socket: no listening socket or database file is kept open by a worker. */
	if (fd > 3)
		close_range(3, (unsigned)fd - 1, 0);
	close_range((unsigned)fd + 1, ~0U, 0);
	/* Lowering one's own policy needs no privilege. */
	struct sched_param none = {.sched_priority = 0};
	if (sched_setscheduler(0, SCHED_IDLE, &none) != 0)
		setpriority(PRIO_PROCESS, 0, 19);
	if (!send_all(fd, "", 1)) /* ready */
		_exit(1);
	struct request rq;
	char *password = NULL;
	size_t room = 0;
	while (recv_all(fd, &rq, sizeof rq)) {
		if (rq.password_len >= room) {
			free(password);
			room = rq.password_len + 1;
			if (!(password = malloc(room)))
				_exit(1);
		}
		if (!recv_all(fd, password, rq.password_len))
			break;
		password[rq.password_len] = 0;
		rq.stored[PASSWORD_HASH_LEN - 1] = 0;
		struct reply rp;
		memset(&rp, 0, sizeof rp);
		struct job j = {.password = password, .stored = rq.verify ? rq.stored : NULL, .out = rp.out};
		compute(&j);
		rp.rc = j.rc;
		rp.verified = j.verified;
		explicit_bzero(password, rq.password_len);
		if (!send_all(fd, &rp, sizeof rp))
			break;
	}
	_exit(0);
}

/* A free worker, marked busy; waits while all are busy. NULL when there is none left. */
static struct worker *take_worker(void)
{
	pthread_mutex_lock(&pool.lock);
	struct worker *w = NULL;
	while (!w && pool.alive > 0 && !pool.stopping) {
		for (int i = 0; i < pool.count && !w; i++)
			if (pool.worker[i].fd >= 0 && !pool.worker[i].busy)
				w = &pool.worker[i];
		if (!w)
			pthread_cond_wait(&pool.freed, &pool.lock);
	}
	if (w)
		w->busy = true;
	pthread_mutex_unlock(&pool.lock);
	return w;
}

static void end_worker(struct worker *w)
{
	close(w->fd);
	w->fd = -1;
	pool.alive--;
	waitpid(w->pid, NULL, 0);
}

static void give_back(struct worker *w, bool broken)
{
	pthread_mutex_lock(&pool.lock);
	if (broken) {
		kill(w->pid, SIGKILL);
		end_worker(w);
		log_error("hasher", "worker=%d gone, workers_left=%d", (int)w->pid, pool.alive);
	}
	w->busy = false;
	pthread_cond_broadcast(&pool.freed);
	pthread_mutex_unlock(&pool.lock);
}

/* Has a worker compute j; false when the worker did not answer. */
static bool ask(const struct worker *w, struct job *j)
{
	struct request rq;
	memset(&rq, 0, sizeof rq); /* padding too: every byte sent is defined */
	rq.verify = j->stored != NULL;
	rq.password_len = strlen(j->password);
	if (j->stored)
		snprintf(rq.stored, sizeof rq.stored, "%s", j->stored);
	struct reply rp;
	if (!send_all(w->fd, &rq, sizeof rq) || !send_all(w->fd, j->password, rq.password_len) ||
	    !recv_all(w->fd, &rp, sizeof rp))
		return false;
	j->rc = rp.rc;
	j->verified = rp.verified;
	if (!j->stored)
		memcpy(j->out, rp.out, PASSWORD_HASH_LEN);
	return true;
}

/* Hands j to a worker and waits for it; the caller computes it only when no worker is left. */
static void run(struct job *j)
{
	struct worker *w = take_worker();
	bool answered = w && ask(w, j);
	if (w)
		give_back(w, !answered);
	if (!answered)
		compute(j);
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

void hasher_start(int workers)
{
	pthread_mutex_lock(&pool.lock);
	pool.stopping = false;
	for (pool.count = 0; pool.count < workers && pool.count < HASHER_WORKERS_MAX; pool.count++) {
		int ends[2];
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
			break;
		pid_t pid = fork();
		if (pid == 0) {
			close(ends[0]);
			worker_main(ends[1]);
		}
		close(ends[1]);
		char ready;
		if (pid < 0 || !recv_all(ends[0], &ready, 1)) {
			close(ends[0]);
			if (pid > 0)
				waitpid(pid, NULL, 0);
			break;
		}
		pool.worker[pool.count] = (struct worker){.pid = pid, .fd = ends[0]};
	}
	pool.alive = pool.count;
	pthread_mutex_unlock(&pool.lock);
}

void hasher_stop(void)
{
	pthread_mutex_lock(&pool.lock);
	pool.stopping = true;
	for (int i = 0; i < pool.count; i++) {
		while (pool.worker[i].busy)
			pthread_cond_wait(&pool.freed, &pool.lock);
		if (pool.worker[i].fd >= 0)
			end_worker(&pool.worker[i]); /* it reads the end of its socket and exits */
	}
	pool.count = 0;
	pthread_mutex_unlock(&pool.lock);
}
