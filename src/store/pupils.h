#ifndef STAGEMATCH_PUPILS_H
#define STAGEMATCH_PUPILS_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "campaigns.h"
#include "periods.h"
#include "scope.h"

/* A pupil's request as the school types it: what pupil_insert and pupil_update write. */
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
};

/*
 * The pupil module: the one owner of the statements on students and student_periods
 * (reads: pupils.c; writes: pupil_write.c). Every function takes the caller's scope first, and
 * an id outside that scope is "not found" from here:
 *
 *   school       its own pupils only;
 *   service      only struct pupil_for_service, and only the pupils the area rule
 *                (campaign_service_sees_student, campaigns.h) shows it in a campaign whose
 *                handling has opened and that concerns it now;
 *   coordinator  every pupil.
 *
 * The results-moment rule (campaign_school_answer) is applied here for the school.
 */

/* One pupil as its school (or the coordinator) sees it. */
struct pupil {
	long long id, version, stopped_at;
	struct school_answer answer;                      /* campaign_school_answer() */
	long long placed_by;                              /* the service, for the audit line only */
	struct student_record rec;                        /* national_number: digits, or "" */
	struct campaign campaign;
};

/*
 * A pupil as a care service may see it. It has NO national number, street, phone or
 * e-mail member, so a service-facing page cannot print them even by mistake
 * (tests/unit/test_pupils.c checks this at compile time). The private fields of a pupil
 * the service accepted come only from pupil_private_for_service() in placements.c.
 */
struct pupil_for_service {
	long long id, campaign_id;
	const char *first_name, *last_name, *postcode, *city, *province, *format;
	const char *remarks, *request_remarks;
	long long preference_service_id;  /* 0: none */
	const char *preference_name;
	const char *school, *contact_name, *contact_phone, *contact_email;
	long long placed_service_id;      /* 0: open */
	bool stopped;
	int transport, period_count, hours_per_week, total_hours;
	int periods;                      /* the requested periods, ISO dates */
	char start[PERIODS_MAX][11], end[PERIODS_MAX][11];
};

/*
 * The pupil id with its periods and campaign, strings in arena a. The national number is
 * opened only when open_nn (the caller shows it and writes the audit line). False when
 * the id is unknown or outside the scope (another school's pupil; any service scope).
 */
bool pupil_get(struct scope s, struct arena *a, long long id, bool open_nn, struct pupil *out);

/*
 * The pupil id as a service sees it, and its campaign in c. For a service scope: false
 * unless the service may see the request now (the campaign concerns it now, handling has
 * opened, and campaign_service_sees_student). The coordinator sees any; a school none.
 */
bool pupil_for_service_get(struct scope s, struct arena *a, long long id, struct pupil_for_service *out,
                           struct campaign *c);
/* The visibility check of pupil_for_service_get alone (for accepting): fills c. */
bool pupil_service_visible(struct scope s, long long id, struct campaign *c);
/* The same row without the visibility check, for a pupil this service accepted (the
 * caller holds its placement): false for any other service's pupil. */
bool pupil_for_service_accepted(struct scope s, struct arena *a, long long id, struct pupil_for_service *out);

/* "First Last" of the pupil id in the school's scope, or "" when outside it. */
const char *pupil_full_name(struct scope s, struct arena *a, long long id);
/* Undoes "Student is gestopt" ("Toch niet gestopt", raising its version): the school's own
 * pupil, or any pupil for the coordinator; whether the school may still do it now is
 * src/school/student_resume.c's rule. Inside the caller's transaction. 1 when done, 0 when no row
 * matched (outside the scope, not stopped), -1 on a database error. */
int pupil_resume(struct scope s, long long id, long long now);
/* The stopped pupils of a campaign, by name, for the coordinator (none for another scope). */
struct pupil_stopped {
	long long id, stopped_at;
	const char *first_name, *last_name, *school;
	const char *service;   /* the service that had accepted, or "" */
};
struct pupil_stopped *pupil_stopped_list(struct scope s, struct arena *a, long long campaign_id, size_t *count);

/*
 * What a service reads of a pupil it accepted: its placement and the pupil's private
 * fields. This is the ONE way a service reaches a street, phone, e-mail or national
 * number: it checks that the scope's service holds the pupil's placement (false
 * otherwise), and the national number is opened only when nn_where is given, after the
 * audit line "national_number_view" (detail nn_where) is written; national_number stays ""
 * when the audit fails or the number was removed. r gives the arena and the audit's actor.
 */
struct pupil_private {
	long long placement_id, placement_version, accepted_at, campaign_id;
	const char *site, *mentor_name, *mentor_phone, *mentor_email, *notes;
	const char *street, *phone, *email;
	char national_number[16];   /* formatted */
};
bool pupil_private_for_service(struct scope s, struct req *r, long long student_id, const char *nn_where,
                               struct pupil_private *out);
/* The audit line "national_number_view" (detail where) for showing the scope's service the
 * national number of student_id: the ONE writer of that line for a service, used by
 * pupil_private_for_service and by the export of "Mijn stagiairs". False (show no number)
 * when the service does not hold the pupil's placement or the line could not be written.
 * Inside the caller's transaction. */
bool pupil_national_number_viewed(struct scope s, struct req *r, long long student_id, const char *where);

/*
 * The request list of a care service ("Stageaanvragen"): the pupils of the campaigns that
 * concern it now whose handling has opened, not stopped, within the area rule (its area,
 * its preference and its own pupils; every open pupil once the second round has opened),
 * filtered. Any scope but a service's gets an empty list.
 */
struct pupil_request_filter {
	const char *province;        /* "" = every province */
	int postcode_from, postcode_to;
	int transport;               /* bit set; 0 = any */
	bool preference;             /* only the requests that prefer this service */
	const char *state;           /* "", "open", "ons", "elders" */
	char from[11], to[11];       /* the period-overlap window; "" = open-ended */
};
/* The list's orders, as the columns of the page. */
enum pupil_request_sort {
	PUPIL_SORT_NAME, PUPIL_SORT_STATUS, PUPIL_SORT_POSTCODE, PUPIL_SORT_HOURS, PUPIL_SORT_PERIOD,
	PUPIL_SORT_SCHOOL, PUPIL_SORT__MAX
};
long long pupil_requests_count(struct scope s, long long now, const struct pupil_request_filter *f);
/* Up to max rows (with their periods) from offset on, in the order sort (descending when
 * desc); returns the count read. */
int pupil_requests_page(struct scope s, struct arena *a, long long now, const struct pupil_request_filter *f,
                        enum pupil_request_sort sort, bool desc, long long offset, struct pupil_for_service *rows,
                        int max);

/*
 * --- Writes (pupil_write.c), and the reads that go with them ----------------------------
 * Only a school's scope writes pupils, and only its own: for any other scope (a service,
 * the coordinator) and for another school's pupil nothing matches. The national number
 * is sealed, hashed and hinted here. Inside the caller's transaction (db_tx).
 */
enum { PUPIL_DUPLICATE = -1, PUPIL_STALE = -2 };
/* Adds rec to the scope's school (rec->school_id is not used: the scope's school is, and
 * its user is recorded as the one who added it). Returns the new id, PUPIL_DUPLICATE when the national number is
 * already registered in the campaign, or 0 on another error or outside a school's scope. */
long long pupil_insert(struct scope s, const struct student_record *rec);
/* Replaces the request of pupil id and its periods, if the row is the scope school's, still
 * at `version`, not stopped and not accepted; raises the version. Returns 1, PUPIL_STALE
 * when no row matched (changed meanwhile, stopped, accepted, gone or another school's: the
 * caller looks), PUPIL_DUPLICATE, or 0 on another error. */
int pupil_update(struct scope s, long long id, long long version, const struct student_record *rec);
/* The pupil of the campaign with this national number (11 digits), other than except_id,
 * of any school (the caller bounds what it tells: nn_probe.h): its id (and school in
 * *school_id), or 0 when there is none or the scope is not a school's. */
long long pupil_find_by_national_number(struct scope s, long long campaign_id, const char *digits,
                                        long long except_id, long long *school_id);
/* Deletes the school's pupil id unless a service accepted it ("Verwijder student"), or
 * marks it stopped unless it already is ("Student is gestopt", raising its version).
 * Return 1 when done, 0 when no row matched (outside the scope, accepted, already
 * stopped), -1 on a database error. */
int pupil_delete(struct scope s, long long id);
int pupil_stop(struct scope s, long long id, long long now);

/* The school's pupils linked to its contact contact_id (a contact cannot be deleted while
 * there are any), by name; none outside a school's scope. Never NULL. */
struct pupil_of_contact {
	long long id;
	const char *first_name, *last_name, *national_number_hint, *programme;
	bool stopped;
};
struct pupil_of_contact *pupils_of_contact(struct scope s, struct arena *a, long long contact_id, size_t *count);

/* Retention (retention.h), the coordinator's scope only: how many pupils campaign_id has,
 * with a placement, accepted and not stopped, and stopped (DB_DONE; DB_ERROR for any other
 * scope); and removing their personal data at now (names become "Leerling <id>"): how
 * many (0 for any other scope, -1 on an error). */
struct pupil_campaign_counts {
	long long pupils, placements, accepted, stopped;
};
int pupil_campaign_counts(struct scope s, long long campaign_id, struct pupil_campaign_counts *out);
long long pupil_campaign_clear(struct scope s, long long campaign_id, long long now);

/* A school user's uploaded pupil list waiting for its import ("Importeer leerlingen"),
 * sealed: only the school scope's own user reaches it, and only until it expires. */
struct pupil_import_pending {
	long long id, campaign_id;
	const char *file_name;
	const unsigned char *box;   /* the sealed file (secret_seal), copied into the arena */
	size_t box_len;
};
/* Keeps the sealed file for the scope's user until expires_at, replacing the user's earlier
 * one (and dropping every expired one). The new id, or 0 on an error or outside a school's
 * scope. Inside the caller's transaction. */
long long pupil_import_park(struct scope s, long long campaign_id, const char *file_name, const void *box,
                            size_t box_len, long long now, long long expires_at);
/* The scope user's pending file id, not expired at now; false otherwise. */
bool pupil_import_pending_get(struct scope s, struct arena *a, long long id, long long now,
                              struct pupil_import_pending *out);
/* Drops the scope user's pending file id (imported or cancelled): DB_DONE or the error. */
int pupil_import_drop(struct scope s, long long id);
/* ==== The lists (pupil_list.c): the school's overview and its exports, the service's
 * request list and "Mijn stagiairs". Each reads its page in one statement with only the
 * columns it prints, and the periods of the whole page in one more (no look-up per row). */

/* A date pair of a period, ISO; count of them in periods. */
struct pupil_periods {
	int count;
	char start[PERIODS_MAX][11], end[PERIODS_MAX][11];
};

/* The school's overview ("Overzicht studenten"). The school's own pupils of campaign c
 * only; any other scope gets nothing. What a service answered reaches the school only
 * through campaign_school_answer (campaigns.h): before the results moment no status
 * "Aanvaard", service, site, period, mentor or note reaches the rows, the tally, the
 * sort order or the export. */
enum pupil_list_status { PUPIL_LIST_ANY, PUPIL_LIST_OPEN, PUPIL_LIST_ACCEPTED, PUPIL_LIST_STOPPED };
struct pupil_list_filter {
	enum pupil_list_status status;
	long long contact;           /* 0 = every contact person */
	const char *like;            /* "%name%" with LIKE's wildcards escaped; "" = no name filter */
	bool period;                 /* from/to set: the approved periods of an accepted pupil and
	                              * the requested ones of the others overlap it */
	char from[11], to[11];
	int transport;               /* bit set; 0 = any */
};
/* In the order of the overview's columns. */
enum pupil_list_sort {
	PUPIL_LIST_BY_NAME, PUPIL_LIST_BY_STATUS, PUPIL_LIST_BY_SITE, PUPIL_LIST_BY_PERIOD, PUPIL_LIST_BY_MENTOR,
	PUPIL_LIST_SORT__MAX
};
/* The counts above the list (the whole campaign) and the pupils the filter matches. */
struct pupil_list_tally {
	long long total, accepted, stopped, matching;
};
/* One row of the overview page: what it prints. */
struct pupil_list_row {
	long long id;
	enum pupil_list_status status;
	const char *last_name, *first_name;
	struct school_answer answer;   /* answer.service: NULL before the results moment */
	const char *site, *mentor_name, *mentor_phone, *mentor_email, *notes;  /* "" unless answer.service */
	struct pupil_periods approved;
};
bool pupil_list_tally(struct scope s, const struct campaign *c, long long now, const struct pupil_list_filter *f,
                      struct pupil_list_tally *out);
/* Up to max rows from offset on in the order sort; returns the count read. */
int pupil_list_page(struct scope s, struct arena *a, const struct campaign *c, long long now,
                    const struct pupil_list_filter *f, enum pupil_list_sort sort, bool desc, long long offset,
                    struct pupil_list_row *rows, int max);

/* Every column of the school's export, one pupil; strings valid until the next row. */
struct pupil_export_row {
	long long id;
	enum pupil_list_status status;
	const char *last_name, *first_name, *street, *postcode, *city, *province, *phone, *email;
	int transport;
	const char *remarks, *contact, *format, *period_count, *hours_per_week, *total_hours;
	const char *request_remarks, *preference;
	long long stopped_at;          /* 0: not stopped */
	struct pupil_periods requested, approved;
	struct school_answer answer;
	const char *site, *mentor_name, *mentor_phone, *mentor_email, *notes;
	char national_number[16];      /* formatted; "" when removed */
};
/* The export's rows on a cursor of their own (db_cursor_open): NULL outside the scope
 * or on an error. Opening the national numbers is the caller's audit to write first. */
struct pupil_export_cursor;
struct pupil_export_cursor *pupil_export_open(struct scope s, const struct campaign *c, long long now,
                                              const struct pupil_list_filter *f, enum pupil_list_sort sort,
                                              bool desc);
/* 1 with the next row in out, 0 at the end, -1 on an error. */
int pupil_export_next(struct pupil_export_cursor *cur, struct pupil_export_row *out);
void pupil_export_close(struct pupil_export_cursor *cur);

/* The ids of the campaigns the service's request list spans now (those that concern it),
 * in the order of their programmes; at most max. None for any other scope. */
int pupil_request_campaigns(struct scope s, long long now, long long *ids, int max);

/* "Mijn stagiairs": the pupils the service of the scope accepted, in campaigns whose
 * personal data is still kept, newest school year first. with_nn: with the national
 * numbers opened (an export; the caller writes the audit lines). Strings in a. */
struct pupil_intern_row {
	long long id, placement_id;
	const char *programme, *school_year, *last_name, *first_name, *street, *postcode, *city, *province;
	const char *phone, *email, *remarks, *school, *contact_name, *contact_phone, *contact_email;
	const char *format, *hours_per_week, *total_hours, *request_remarks, *site;
	const char *mentor_name, *mentor_phone, *mentor_email, *notes;
	int transport;
	long long accepted_at;
	bool stopped;
	const char *national_number;   /* "" unless with_nn (and still kept) */
	struct pupil_periods approved;
};
size_t pupil_interns(struct scope s, struct arena *a, bool with_nn, struct pupil_intern_row **rows);
/* The approved periods of placement_id: a service's own placement (the coordinator: any);
 * none outside the scope. Returns their count. */
int pupil_approved_periods(struct scope s, long long placement_id, struct pupil_periods *out);

#endif
