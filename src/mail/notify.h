#ifndef STAGEMATCH_NOTIFY_H
#define STAGEMATCH_NOTIFY_H

struct arena;

/*
 * The mails between schools and care services about placements, all through the
 * outbox (mail_queue). The two notify_ functions run inside the caller's transaction
 * and return 0, or -1 on a database error (the caller rolls back).
 */

/* Tells the users of the service that accepted student_id that the pupil stopped. Call
 * in the transaction that sets students.stopped_at. Nothing happens for a pupil nobody
 * accepted. */
int notify_service_student_stopped(long long student_id);

/* Tells the service that had accepted student_id that the pupil did not stop after all
 * ("Toch niet gestopt"), in the transaction that clears students.stopped_at. Nothing happens
 * for a pupil nobody accepted. */
int notify_service_student_resumed(struct arena *a, long long student_id);

#include <stddef.h>

/* Queues the same mail, about pupils of campaigns[0..n), to every active user of the
 * organisation org_id (the reminders, src/mail/reminders.c). 0, or -1 on a database error. */
int notify_org_users(struct arena *a, long long org_id, const long long *campaigns, size_t n, const char *subject,
                     const char *body);

#include <stdbool.h>

/*
 * Tells who must know that the service withdraws its acceptance of student_id. Call in
 * the withdrawal's transaction, before the placement row is deleted. The school's users
 * are told when the results are visible, and at once when the service had been shown the
 * pupil's private data (private_data_shown); which service it was only as
 * campaign_school_answer() allows. The coordinator is told when private data had been
 * shown; earlier: the service's withdrawals in this campaign before this one. No mail
 * holds a national number.
 */
int notify_placement_withdrawn(long long student_id, bool private_data_shown, long long earlier);

/* Tells the coordinator that the service asks to withdraw its acceptance of student_id
 * ("Intrekken aanvragen"); earlier: its withdrawals in this campaign so far. */
int notify_coordinator_withdrawal_requested(long long student_id, long long earlier);

/* Tells the service's users the coordinator's decision on its request to withdraw the
 * acceptance of pupil (a name). */
int notify_service_withdrawal_decided(long long service_id, long long campaign_id, const char *pupil, bool approved);

/*
 * Background job: once a campaign's results are visible, sends each school ONE digest
 * of its pupils that were accepted since the last digest (placements.notified_at IS
 * NULL), to each active user of the school, and marks them notified. Each placement is
 * claimed with a conditional UPDATE inside the school's transaction, so two servers
 * running the job at once never both send it.
 */
void notify_digest_run(void);

#endif
