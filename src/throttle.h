#ifndef STAGEMATCH_THROTTLE_H
#define STAGEMATCH_THROTTLE_H
#include <stdbool.h>

/*
 * Fixed-window counters in the database (shared by every server process), for login
 * failures, mails per address and the like. Keys are hashed before they are stored.
 */
/* Whether key has reached limit hits in its current window of window_seconds. */
bool throttle_exceeded(const char *key, int limit, int window_seconds);
/* Counts one hit for key. */
void throttle_hit(const char *key, int window_seconds);
void throttle_clear(const char *key);

#endif
