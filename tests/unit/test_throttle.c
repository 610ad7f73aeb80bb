/* Throttle counters against a real (temporary) database: a hit is reserved atomically, so
 * parallel callers never get more than the limit; and the hashing workers' answers. */
#include "cmocka_all.h"
#include "temp_db.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "db.h"
#include "hasher.h"
#include "migrate.h"
#include "throttle.h"

static int db_setup(void **state)
{
	(void)state;
	if (!crypto_setup())
		return -1;
	return temp_db_setup(state);
}

static int db_teardown(void **state)
{
	(void)state;
	return temp_db_teardown(state);
}

static const struct throttle_rule parallel_rule = {"login:parallel@test|192.0.2.1", 5, 900};
static atomic_int taken;

static void *reserve_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < 5; i++)
		if (throttle_reserve(&parallel_rule, 1) == THROTTLE_TAKEN)
			atomic_fetch_add(&taken, 1);
	db_close_thread();
	return NULL;
}

static void parallel_reservations_never_pass_the_limit(void **state)
{
	(void)state;
	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&t[i], NULL, reserve_many, NULL), 0);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(atomic_load(&taken), 5);
	assert_int_equal(throttle_hits(parallel_rule.key, 900), 5);
}

static void a_full_rule_counts_nothing_on_the_others(void **state)
{
	(void)state;
	const struct throttle_rule rules[] = {
		{"pair", 1, 900},
		{"account", 10, 900},
	};
	assert_int_equal(throttle_reserve(rules, 2), THROTTLE_TAKEN);
	assert_int_equal(throttle_reserve(rules, 2), THROTTLE_FULL);
	assert_int_equal(throttle_hits("account", 900), 1);
	throttle_give_back("pair");
	assert_int_equal(throttle_hits("pair", 900), 0);
	assert_int_equal(throttle_reserve(rules, 2), THROTTLE_TAKEN);
	assert_int_equal(throttle_hits("account", 900), 2);
	throttle_clear("account");
	assert_int_equal(throttle_hits("account", 900), 0);
}

/* The pids of this thread's child processes (the hashing workers); returns how many. */
static int worker_pids(pid_t pids[], int room)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)gettid());
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	int n = 0, pid;
	while (n < room && fscanf(f, "%d", &pid) == 1)
		pids[n++] = pid;
	fclose(f);
	return n;
}

static void the_hashing_workers_hash_and_verify(void **state)
{
	(void)state;
	hasher_start(2);
	pid_t pids[4];
	assert_int_equal(worker_pids(pids, 4), 2);
	for (int i = 0; i < 2; i++) /* processes of their own, that only get idle CPU time */
		assert_int_equal(sched_getscheduler(pids[i]), SCHED_IDLE);
	char hash[PASSWORD_HASH_LEN];
	assert_int_equal(hasher_hash("een lange zin als wachtwoord", hash), 0);
	assert_true(hasher_verify(hash, "een lange zin als wachtwoord"));
	assert_false(hasher_verify(hash, "een andere zin"));
	assert_false(password_needs_rehash(hash));
	hasher_stop();
	assert_int_equal(worker_pids(pids, 4), 0);
	/* Without workers the caller hashes. */
	assert_true(hasher_verify(hash, "een lange zin als wachtwoord"));
	/* 8 MiB, 3 passes: other parameters than today's. */
	assert_true(password_needs_rehash(
		"$argon2id$v=19$m=8192,t=3,p=1$0C12Br7jaMYksL+WrmFigw$5dphR3JhP28TsMKe/ZkivjSSLR9LjDjfGuvvIwDSqiw"));
}

static void a_login_is_answered_when_a_worker_was_killed(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_LEN];
	assert_int_equal(password_hash("een lange zin als wachtwoord", hash), 0);
	hasher_start(1);
	pid_t pid;
	assert_int_equal(worker_pids(&pid, 1), 1);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_true(hasher_verify(hash, "een lange zin als wachtwoord"));
	assert_false(hasher_verify(hash, "een andere zin"));
	assert_int_equal(worker_pids(&pid, 1), 0); /* reaped, not left as a zombie */
	hasher_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parallel_reservations_never_pass_the_limit),
		cmocka_unit_test(a_full_rule_counts_nothing_on_the_others),
		cmocka_unit_test(the_hashing_workers_hash_and_verify),
		cmocka_unit_test(a_login_is_answered_when_a_worker_was_killed),
	};
	return cmocka_run_group_tests_name("throttle", tests, db_setup, db_teardown);
}
