#ifndef STAGEMATCH_PLACEMENTS_STORE_H
#define STAGEMATCH_PLACEMENTS_STORE_H
#include <stdbool.h>

#include "arena.h"
#include "periods.h"
#include "scope.h"

/*
 * The placements module: the statements on placements and placement_periods. Every
 * function takes the caller's scope first; any scope but a service's gets nothing and
 * writes nothing, and a service reaches only its own placements.
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

/* An acceptance as the service types it (accept_form.c). */
struct placement_record {
	long long student_id;
	const char *site, *mentor_name, *mentor_phone, *mentor_email, *notes;
	const char *period_start[PERIODS_MAX], *period_end[PERIODS_MAX];
	int round;
};
enum { PLACEMENT_TAKEN = -1 };
/* The scope's service accepts p->student_id, by the scope's user, inside the caller's
 * transaction. Returns the new id, PLACEMENT_TAKEN when another service accepted the pupil
 * first, or 0 (an error, or not a service's scope). */
long long placement_insert(struct scope s, const struct placement_record *p);
/* Replaces site, mentor, notes and periods of the scope service's placement of
 * p->student_id when its version is still expected_version (and raises the version).
 * Returns 1 when saved, 0 when the version moved on (or no such placement of this
 * service), -1 on error. */
int placement_update(struct scope s, const struct placement_record *p, long long expected_version);

#endif
