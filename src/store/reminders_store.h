#ifndef STAGEMATCH_REMINDERS_STORE_H
#define STAGEMATCH_REMINDERS_STORE_H
/*
 * The data module of the reminders (tables reminders_off and reminders_sent, migration 008)
 * and the counts the reminder mails quote. Every function takes the caller's scope first;
 * only the coordinator's scope (a coordinator's request, or scope_system() of the background
 * job) reaches anything: any other scope reads nothing and writes nothing.
 */
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

/* The kinds the coordinator switches per campaign ("Herinneringen"). */
enum reminder_kind { REMINDER_SCHOOLS, REMINDER_SERVICES, REMINDER_SUMMARY, REMINDER__MAX };

/* Which kinds are on for the campaign (all on until switched off). False outside the scope. */
bool reminders_switches(struct scope s, long long campaign_id, bool on[REMINDER__MAX]);
/* Stores the switches; inside the caller's transaction. DB_DONE, or an error (also outside
 * the scope). */
int reminders_switches_set(struct scope s, long long campaign_id, const bool on[REMINDER__MAX]);

/* Claims one reminder (reminder code, organisation, due day yyyy-mm-dd) inside the caller's
 * transaction: 1 when this call claimed it, 0 when it was sent before (by this or another
 * server), -1 on a database error. */
int reminders_claim(struct scope s, long long campaign_id, const char *reminder, long long org_id, const char *day,
                    long long now);

/* Whether the reminder was sent (true outside the scope): a look without the write lock, so
 * that a run with nothing due takes none. */
bool reminders_sent(struct scope s, long long campaign_id, const char *reminder, long long org_id, const char *day);

/* The campaigns a reminder may concern at now: personal data kept, registration opened,
 * and registration or a handling window not closed yet. Ids in a. */
long long *reminders_campaigns(struct scope s, struct arena *a, long long now, size_t *count);

/* An organisation a reminder goes to. open and preferred: for a service, the open requests
 * in its area and how many of those have it as preference. */
struct reminder_org {
	long long id;
	const char *name;
	long long open, preferred;
};
/* The active schools without a single pupil in the campaign, but for those that had the
 * reminder of day already. */
struct reminder_org *reminders_schools_without_pupils(struct scope s, struct arena *a, long long campaign_id,
                                                      const char *reminder, const char *day, size_t *count);
/* The active services taking part in the campaign with open requests (not stopped, accepted
 * by nobody) that prefer them or live in their area (the area rule of campaigns.h), but for
 * those that had the reminder of day already. */
struct reminder_org *reminders_services_with_open_requests(struct scope s, struct arena *a, long long campaign_id,
                                                           const char *reminder, const char *day, size_t *count);

/* A campaign's pupils as the progress screen counts them. */
struct reminder_counts {
	long long registered, accepted, open, stopped;
};
bool reminders_campaign_counts(struct scope s, long long campaign_id, struct reminder_counts *out);

#endif
