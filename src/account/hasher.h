#ifndef STAGEMATCH_HASHER_H
#define STAGEMATCH_HASHER_H
#include <stdbool.h>

#include "crypto.h"

/*
 * Password hashing in worker processes of its own that run under SCHED_IDLE: they get only
 * the CPU time no other thread of the machine wants, so a flood of logins never slows the
 * pages. Processes, not threads: argon2id maps and fills 19 MiB per hash, which takes the
 * address space's lock; a starved idle thread holding that lock would stall every page
 * thread that grows its heap (measured: mprotect waits of 50 ms and more). A worker has an
 * address space of its own, so it shares no lock with the pages.
 *
 * Callers wait for their hash; at most `workers` hashes run at once. A hash is never computed
 * at normal priority beside the pages: the kernel still gives an idle task a small share of a
 * busy CPU, so a login waits but is never starved (and http.c's bounded queue refuses more
 * logins than that with a fast 503). Only when a worker is gone (killed) does the caller
 * compute the hash itself. Without hasher_start (command line, tests) the caller hashes.
 */

/* Forks the workers: call it while the process has one thread (before any thread starts). */
void hasher_start(int workers);
/* Waits for the hashes asked for, then ends the workers. */
void hasher_stop(void);

int hasher_hash(const char *password, char out[PASSWORD_HASH_LEN]);
bool hasher_verify(const char *stored_hash, const char *password);

#endif
