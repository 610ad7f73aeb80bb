#ifndef STAGEMATCH_STUDENT_STORE_H
#define STAGEMATCH_STUDENT_STORE_H

#include "periods.h"

/*
 * Writing pupils (students) and their acceptance by a care service (placements):
 * the one place that turns validated values into rows, so the national number is
 * always sealed, hashed and hinted the same way. Call inside a transaction.
 */
struct student_record {
	long long campaign_id, school_id, contact_id;
	const char *first_name, *last_name;
	const char *national_number;       /* 11 digits */
	const char *street, *postcode, *city, *province, *phone, *email;
	int transport;                     /* bit set of enum transport */
	const char *remarks;
	const char *format;
	int period_count, hours_per_week, total_hours;
	const char *request_remarks;
	long long preference_service_id;   /* 0 = geen voorkeur */
	const char *period_start[PERIODS_MAX], *period_end[PERIODS_MAX]; /* ISO or NULL */
	long long created_by;
};

enum { STUDENT_DUPLICATE = -1, STUDENT_STALE = -2 };
/* Returns the new id, STUDENT_DUPLICATE when the national number is already registered in
 * the campaign, or 0 on another error. */
long long student_insert(const struct student_record *s);
/*
 * Replaces the request of pupil id (of s->school_id; campaign_id and created_by are not
 * used) and its periods, if the row is still at `version`, not stopped and not accepted;
 * bumps the version. Returns 1, STUDENT_STALE when no row matched (changed meanwhile,
 * stopped, accepted or gone: the caller looks), STUDENT_DUPLICATE, or 0 on another error.
 */
int student_update(long long id, long long version, const struct student_record *s);
/* The pupil of the campaign with this national number (11 digits), other than except_id:
 * its id (and school in *school_id), or 0 when there is none. */
long long student_find_by_national_number(long long campaign_id, const char *digits, long long except_id,
                                          long long *school_id);

struct placement_record {
	long long student_id, service_id;
	const char *site, *mentor_name, *mentor_phone, *mentor_email, *notes;
	const char *period_start[PERIODS_MAX], *period_end[PERIODS_MAX];
	int round;
	long long accepted_by;
};
enum { PLACEMENT_TAKEN = -1 };
/* Returns the new id, PLACEMENT_TAKEN when another service accepted the pupil first, or 0. */
long long placement_insert(const struct placement_record *p);
/* Replaces site, mentor, notes and periods of the placement of p->student_id by
 * p->service_id when its version is still expected_version (and raises the version).
 * Returns 1 when saved, 0 when the version moved on (or no such placement), -1 on error. */
int placement_update(const struct placement_record *p, long long expected_version);

#endif
