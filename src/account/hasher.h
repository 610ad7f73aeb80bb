#ifndef STAGEMATCH_HASHER_H
#define STAGEMATCH_HASHER_H
#include <stdbool.h>

#include "crypto.h"

/*
 * Password hashing on threads of its own that run under SCHED_IDLE: they get only the CPU
 * time no other thread of the machine wants, so a flood of logins never slows the pages.
 * Callers wait for their hash; at most `threads` hashes run at once. A hash that no
 * hashing thread has picked up within 3 seconds (the machine had no idle time at all) is
 * computed by the caller, so a login waits but is never starved. Without hasher_start
 * (command line, tests) the caller's thread hashes.
 */
void hasher_start(int threads);
/* Finishes the hashes asked for, then stops the threads. */
void hasher_stop(void);

int hasher_hash(const char *password, char out[PASSWORD_HASH_LEN]);
bool hasher_verify(const char *stored_hash, const char *password);

/* Puts the calling thread under SCHED_IDLE (or the lowest nice value where refused). */
void hasher_run_when_idle(void);

#endif
