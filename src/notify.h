#ifndef STAGEMATCH_NOTIFY_H
#define STAGEMATCH_NOTIFY_H

/*
 * The mails between schools and care services about placements, all through the
 * outbox (mail_queue). The two notify_ functions run inside the caller's transaction
 * and return 0, or -1 on a database error (the caller rolls back).
 */

/* Tells the users of the service that accepted student_id that the pupil stopped. Call
 * in the transaction that sets students.stopped_at. Nothing happens for a pupil nobody
 * accepted. */
int notify_service_student_stopped(long long student_id);

/* Tells the school's users that the service withdrew its acceptance of student_id.
 * Call before the placement row is deleted, when the results were already visible. */
int notify_school_placement_withdrawn(long long student_id);

/*
 * Background job: once a campaign's results are visible, sends each school ONE digest
 * of its pupils that were accepted since the last digest (placements.notified_at IS
 * NULL), to each active user of the school, and marks them notified. Each placement is
 * claimed with a conditional UPDATE inside the school's transaction, so two servers
 * running the job at once never both send it.
 */
void notify_digest_run(void);

#endif
