#ifndef STAGEMATCH_THROTTLE_H
#define STAGEMATCH_THROTTLE_H
#include <stdbool.h>
#include <stddef.h>

/*
 * Fixed-window counters in the database (shared by every server process on it), for login
 * attempts, mails per address and the like. Keys are hashed before they are stored.
 * A rule is one counter: at most `limit` hits per window of window_seconds.
 */
struct throttle_rule {
	const char *key;
	int limit;
	int window_seconds;
};

/* Inside the caller's write transaction: when no rule has reached its limit, counts one hit
 * on every rule and returns true; otherwise counts nothing and returns false. */
bool throttle_take(const struct throttle_rule *rules, size_t count);

enum throttle_result { THROTTLE_TAKEN, THROTTLE_FULL, THROTTLE_ERROR };
/* throttle_take in a transaction of its own (BEGIN IMMEDIATE), so that parallel callers, on
 * any node, cannot both pass the last free hit. Call it outside any transaction. */
enum throttle_result throttle_reserve(const struct throttle_rule *rules, size_t count);

/* Hits counted on key in its current window (0 when the window has passed). */
int throttle_hits(const char *key, int window_seconds);
/* Gives back one hit taken on key (an attempt reserved that turned out not to count). */
void throttle_give_back(const char *key);
void throttle_clear(const char *key);

/* Removes the counters whose window started before the time before (the cleanup job). */
void throttle_purge(long long before);

#endif
