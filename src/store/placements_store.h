#ifndef STAGEMATCH_PLACEMENTS_STORE_H
#define STAGEMATCH_PLACEMENTS_STORE_H
#include <stdbool.h>
#include <stddef.h>

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
/* Where the pupil stands for the scope's service as it would accept it: accepted by this
 * service, by another one, stopped, or open (also for a pupil that does not exist). */
enum placement_standing { STANDING_OPEN, STANDING_OURS, STANDING_TAKEN, STANDING_STOPPED };
enum placement_standing placement_standing(struct scope s, long long student_id);
/* How many pupils (not stopped) of its current campaigns the service accepted. */
long long placement_count_current(struct scope s, long long now);

/* An acceptance as the service types it (accept_form.c). */
struct placement_record {
	long long student_id;
	const char *site, *mentor_name, *mentor_phone, *mentor_email, *notes;
	const char *period_start[PERIODS_MAX], *period_end[PERIODS_MAX];
	int round;
};
enum { PLACEMENT_TAKEN = -1, PLACEMENT_FULL = -2 };
/* The scope's service accepts p->student_id, by the scope's user, inside the caller's
 * transaction. Returns the new id, PLACEMENT_TAKEN when another service accepted the pupil
 * first, PLACEMENT_FULL when the service has no place left in the pupil's campaign
 * (places.h), or 0 (an error, or not a service's scope). */
long long placement_insert(struct scope s, const struct placement_record *p);
/* Replaces site, mentor, notes and periods of the scope service's placement of
 * p->student_id when its version is still expected_version (and raises the version).
 * Returns 1 when saved, 0 when the version moved on (or no such placement of this
 * service), -1 on error. */
int placement_update(struct scope s, const struct placement_record *p, long long expected_version);

/*
 * What the system's mails about placements read and mark (notify.c): only the
 * coordinator's (system's) scope, since they tell both sides; any other scope reads
 * nothing and marks nothing.
 */
/* The periods of placement_id in order, ISO dates: their number. */
int placement_periods(struct scope s, long long placement_id, char start[][11], char end[][11]);
/* The placement of student_id with what both sides' mails mention, in a. DB_ROW when
 * found, DB_DONE when nobody accepted the pupil, else the error. */
struct placement_parties {
	long long placement_id, service_id, school_id, campaign_id;
	const char *pupil, *service, *school, *programme, *programme_code;
};
int placement_parties_get(struct scope s, struct arena *a, long long student_id, struct placement_parties *out);
/* The placements whose school has not been told yet, of campaigns whose results are
 * visible at now and whose personal data remain, in school order, in a. Never NULL. */
struct placement_due {
	long long placement_id, school_id, campaign_id;
	const char *school, *pupil, *service, *site, *mentor_name, *mentor_phone, *mentor_email;
	const char *programme, *programme_code;
	bool stopped;
};
struct placement_due *placement_digest_due(struct scope s, struct arena *a, long long now, size_t *count);
/* Marks placement_id notified at now unless it already is (another server's digest): 1
 * when this call claimed it, 0 when not, -1 on error. Inside the digest's transaction. */
int placement_claim_notified(struct scope s, long long placement_id, long long now);
/* Retention: empties the mentor and notes of every placement of campaign_id's pupils at
 * now; how many (-1 on an error). */
long long placement_campaign_clear(struct scope s, long long campaign_id, long long now);

#endif
