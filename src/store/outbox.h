#ifndef STAGEMATCH_OUTBOX_H
#define STAGEMATCH_OUTBOX_H
/*
 * The outbox module: every statement on the outbox table (and outbox_campaigns, which ties a
 * mail to the campaigns it is about). The outbox is the coordinator's: every function takes
 * the caller's scope first, and a scope that is not the coordinator's (or the system's,
 * scope_system()) reads nothing and changes nothing ("not found").
 */
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

/* A mail as the delivery job sends it. */
struct outbox_mail {
	long long id, created_at, attempts;
	const char *to, *subject, *body;
};

/* A mail as Beheer > Uitgaande e-mail lists it (no body: it may hold a link). */
struct outbox_row {
	long long id, attempts, created_at, sent_at, next_attempt_at;
	const char *to, *subject, *state, *last_error; /* "" when none */
};

/* Queues a mail about campaigns[0..n) (n may be 0): DB_DONE with *id set, or the error. Call
 * inside the transaction of the change that causes it. */
int outbox_queue(const struct scope *s, const long long *campaigns, size_t n, const char *to,
                 const char *subject, const char *body_text, long long *id);
/* Removes a mail (one replaced by a new one). DB_DONE, or the error. */
int outbox_drop(const struct scope *s, long long id);

/* Delivery: whether any queued mail is due at now (a plain read); the due mails, oldest due
 * first, at most max, in a; a lease (nobody else takes it before until). */
bool outbox_any_due(const struct scope *s, long long now);
struct outbox_mail *outbox_due(const struct scope *s, long long now, size_t max, struct arena *a, size_t *count);
int outbox_lease(const struct scope *s, long long id, long long until);
/* After an attempt: sent (its body is not kept), to be retried at next, or failed for good. */
int outbox_mark_sent(const struct scope *s, long long id, long long now);
int outbox_mark_retry(const struct scope *s, long long id, const char *error, long long next);
int outbox_mark_failed(const struct scope *s, long long id, const char *error);
/* Ids of sent mails older than before that still have a subject or body, at most max. */
size_t outbox_sent_with_body(const struct scope *s, long long before, long long *ids, size_t max);
int outbox_forget_body(const struct scope *s, long long id);

/* The coordinator's screen: how many mails in state ("" = every state); a page of them,
 * newest first; the state of one mail (NULL when not found); a failed mail queued again
 * (a mail in another state stays as it is). */
long long outbox_count(const struct scope *s, const char *state);
struct outbox_row *outbox_page(const struct scope *s, const char *state, long long limit, long long offset,
                               struct arena *a, size_t *count);
const char *outbox_state(const struct scope *s, long long id, struct arena *a);
int outbox_requeue(const struct scope *s, long long id, long long now);

#endif
