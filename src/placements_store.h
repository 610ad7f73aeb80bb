#ifndef STAGEMATCH_PLACEMENTS_STORE_H
#define STAGEMATCH_PLACEMENTS_STORE_H
#include <stdbool.h>

#include "arena.h"
#include "scope.h"

/*
 * The placements module's reads for a care service (writes: student_store.c, being folded
 * in). Every function takes the caller's scope first; any scope but a service's gets
 * nothing.
 */

/* The site and mentor of the service's latest acceptance, to prefill the next one. */
struct placement_mentor {
	const char *site, *mentor_name, *mentor_phone, *mentor_email;
};
bool placement_last_mentor(struct scope s, struct arena *a, struct placement_mentor *out);
/* Whether the service accepted the pupil student_id. */
bool placement_is_ours(struct scope s, long long student_id);
/* How many pupils (not stopped) of its current campaigns the service accepted. */
long long placement_count_current(struct scope s, long long now);

#endif
