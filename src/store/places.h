#ifndef STAGEMATCH_PLACES_H
#define STAGEMATCH_PLACES_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

/*
 * Places per service and campaign ("Aantal stageplaatsen", issue 15): the module of the
 * campaign_places table. A service reads and writes its own places, in the campaigns it
 * takes part in; the coordinator any service's (and what it sets, the service can no longer
 * change); a school nothing.
 *
 * The limit of a service in a campaign: the places stated (by it or the coordinator); none
 * while nobody stated them (the coordinator sees who did not). The organisation's
 * "Capaciteit per campagne" is only shown as a suggestion: it was never enforced, and
 * campaigns running when places came may already be beyond it. Filled: its placements of the
 * campaign's pupils that did not stop (a withdrawn acceptance is gone, so it frees its place).
 */

/* The limit as an SQL expression (NULL = none), for the service ?2 and the campaign of
 * the pupil ?1 (the accept write in placements_store.c, in the same statement). */
#define SQL_PLACES_LIMIT_OF_PUPIL                                                              \
	"(SELECT cp.places FROM students s0 JOIN campaign_places cp"                              \
	" ON cp.campaign_id = s0.campaign_id AND cp.service_id = ?2 WHERE s0.id = ?1)"
/* The places filled, same placeholders. */
#define SQL_PLACES_FILLED_OF_PUPIL                                                             \
	"(SELECT COUNT(*) FROM placements p0 JOIN students s1 ON s1.id = p0.student_id"            \
	" WHERE p0.service_id = ?2 AND s1.stopped_at IS NULL"                                     \
	" AND s1.campaign_id = (SELECT campaign_id FROM students WHERE id = ?1))"

enum { PLACES_NOT_STATED = -1, PLACES_MAX = 10000 };

struct places_row {
	long long campaign_id;
	const char *programme, *school_year;
	long long stated;        /* PLACES_NOT_STATED when nobody stated them */
	bool by_coordinator;     /* the coordinator set them: the service cannot change them */
	long long capacity;      /* the organisation's capacity (a suggestion), 0 when not set */
	long long filled;        /* accepted pupils that did not stop */
};
/* The limit of a row: the places stated, else PLACES_NOT_STATED (no limit). */
long long places_limit(const struct places_row *p);

/* The places of service_id in the campaigns it takes part in whose personal data are kept,
 * newest school year first; with now > 0 only the campaigns that concern it now (as its
 * request list). In a, never NULL; nothing outside the scope. */
struct places_row *places_of_service(struct scope s, struct arena *a, long long service_id, long long now,
                                     size_t *count);
/* The places of service_id in campaign_id: false when outside the scope or it does not take
 * part. */
bool places_get(struct scope s, struct arena *a, long long service_id, long long campaign_id,
                struct places_row *out);

enum places_result { PLACES_SAVED = 1, PLACES_REFUSED = 0, PLACES_ERROR = -1 };
/* Sets the places of service_id in campaign_id (PLACES_NOT_STATED removes them), by the
 * scope's user, inside the caller's transaction. Refused outside the scope, for a campaign
 * the service does not take part in, and for a service when the coordinator set them. */
enum places_result places_set(struct scope s, long long service_id, long long campaign_id, long long places);

/* The coordinator's copy of a campaign: the places of from_campaign for every service that
 * takes part in to_campaign. How many rows (-1 on an error); 0 for any other scope. */
long long places_copy(struct scope s, long long from_campaign, long long to_campaign);

#endif
