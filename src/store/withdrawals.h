#ifndef STAGEMATCH_WITHDRAWALS_H
#define STAGEMATCH_WITHDRAWALS_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

/*
 * Withdrawing a care service's acceptance, made visible and bounded, so that accepting a
 * pupil only to read the private data and withdrawing again does not go unnoticed:
 *
 * - Private data shown: the moment a service is first shown a pupil's national number,
 *   street, phone or e-mail through its placement ("Mijn stagiairs", a stagiair's page, an
 *   export) is kept on the placement. A withdrawal after that tells the school's users and
 *   the coordinator at once (src/mail/notify.c), whatever the results moment.
 * - Bounded: a service withdraws at most cfg.withdrawals_per_campaign acceptances of one
 *   campaign itself; each further withdrawal becomes a request that the coordinator
 *   approves or refuses ("Intrekken aanvragen", src/admin/admin_withdrawals.c).
 *
 * Every withdrawal is a row of `withdrawals` (migration 004): the counts in "Voortgang".
 * The functions that write run inside the caller's transaction.
 */

/* Notes that the service is being shown the private data of its pupil student_id (0: of
 * all its pupils, as "Mijn stagiairs" shows them). Returns DB_DONE. */
int withdrawal_note_private_data_shown(long long service_id, long long student_id);

/* Whether the service was shown the private data of its pupil student_id. */
bool withdrawal_private_data_shown(long long student_id, long long service_id);
/* The service's withdrawals of the campaign that went through. */
long long withdrawals_done(long long campaign_id, long long service_id);
/* Whether the service's next withdrawal in the campaign needs the coordinator. */
bool withdrawal_needs_coordinator(long long campaign_id, long long service_id);
/* When a request to withdraw the acceptance of student_id waits for the coordinator:
 * its time; else 0. */
long long withdrawal_pending_since(long long student_id);

/*
 * Withdraws the service's acceptance of student_id: tells who must know, records the
 * withdrawal and deletes the placement. requested_by: the service's user (0 when
 * approving); decided_by: the coordinator who approves the pending request request_id, or
 * 0 for both. Returns 0; 1 when the service's placement is gone; -1 on a database error
 * (roll back).
 */
int withdrawal_perform(long long student_id, long long service_id, long long campaign_id, long long requested_by,
                       long long decided_by, long long request_id);
/* Records a request to withdraw and tells the coordinator. Returns 0; 1 when one is
 * already pending; -1 on a database error. */
int withdrawal_request(long long student_id, long long service_id, long long campaign_id, long long requested_by);

/* The coordinator's screen ("Intrekken aanvragen"): a request with what is needed to decide.
 * Only the coordinator's scope reads them; any other reads none. */
struct withdrawal_row {
	long long id, student_id, service_id, campaign_id, requested_at, decided_at;
	bool private_data_shown;
	const char *service, *pupil, *school, *programme, *school_year, *state;
};
/* The pending requests, oldest first; the latest decisions, newest first; at most max. */
struct withdrawal_row *withdrawals_pending(const struct scope *s, long long max, struct arena *a, size_t *count);
struct withdrawal_row *withdrawals_decided(const struct scope *s, long long max, struct arena *a, size_t *count);
/* One request, whatever its state; false when not found. */
bool withdrawal_get(const struct scope *s, long long id, struct arena *a, struct withdrawal_row *out);
/* Decides the pending request id ("refused", or "cancelled" when the placement was gone) as
 * the scope's user, now. DB_DONE; DB_ERROR when it was not pending. */
int withdrawal_decide(const struct scope *s, long long id, const char *state);

#endif
