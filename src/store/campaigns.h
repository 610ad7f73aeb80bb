#ifndef STAGEMATCH_CAMPAIGNS_H
#define STAGEMATCH_CAMPAIGNS_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

/*
 * A campaign is one programme in one school year, with five moments (UTC seconds):
 * registration opens/closes (schools add and edit pupils), handling opens/closes
 * (services accept), results visible (schools see the answers). After handling closes
 * the coordinator may open a second, Flanders-wide round (round = 2) with its own
 * handling window. The rules about "is it open now" and "who sees which pupils" live
 * here and nowhere else.
 */
struct campaign {
	long long id;
	long long programme_id;
	char programme_code[32];
	char programme_name[64];
	char school_year[10];
	long long registration_opens_at, registration_closes_at;
	long long handling_opens_at, handling_closes_at;
	long long results_visible_at;
	long long second_round_opens_at, second_round_closes_at;   /* 0 while round == 1 */
	int round;
	long long personal_data_removed_at;                        /* 0 = still there */
};

bool campaign_load(long long id, struct campaign *c);

/*
 * Which campaigns concern a role now. A campaign runs until its last handling window
 * (the second round's included) has closed and its results are visible; a campaign that
 * has stopped running stays in view until a newer campaign of the same programme opens for
 * that role (registration for schools, handling for services). So saving next year's
 * campaign never takes away the one still in handling, and two overlapping campaigns of
 * the same programme are both there. An SQL expression on a campaign row aliased `alias`:
 */
#define SQL_CAMPAIGN_RUNS_UNTIL(alias)                                                           \
	"MAX(" alias ".handling_closes_at, COALESCE(" alias ".second_round_closes_at, 0), "          \
	alias ".results_visible_at)"
/*
 * The ids of the campaigns that concern a care service now: it takes part, their personal
 * data is kept, and they run or are not yet followed by a newer one that opened for
 * handling. Its TWO placeholders: the service id, then now.
 */
#define SQL_SERVICE_CAMPAIGNS                                                                    \
	"SELECT c2.id FROM campaigns c2 JOIN campaign_services cs2 ON cs2.campaign_id = c2.id"    \
	" AND cs2.service_id = ? JOIN (SELECT ? AS at) t"                                          \
	" WHERE c2.personal_data_removed_at IS NULL AND (t.at < " SQL_CAMPAIGN_RUNS_UNTIL("c2")    \
	"  OR NOT EXISTS (SELECT 1 FROM campaigns c3 JOIN campaign_services cs3"                  \
	"   ON cs3.campaign_id = c3.id AND cs3.service_id = cs2.service_id"                       \
	"   WHERE c3.programme_id = c2.programme_id AND c3.school_year > c2.school_year"          \
	"   AND c3.handling_opens_at <= t.at AND c3.personal_data_removed_at IS NULL))"
/*
 * The campaigns of a programme that concern a school now (the rule above, opened by
 * registration), oldest school year first, at most max. Returns the count.
 */
int campaign_school_campaigns(const char *programme_code, long long now, struct campaign *out, int max);
/* Of those, the one a school's page opens on: the newest whose registration has opened,
 * else the first. count must be > 0. */
int campaign_school_default(const struct campaign *list, int count, long long now);
/* Of those, the one a school adds pupils to: the newest whose registration is open now,
 * else the default above. count must be > 0. */
int campaign_school_adding(const struct campaign *list, int count, long long now);
/* The newest campaign (by school year) of a programme, by its code. */
bool campaign_latest_for_programme(const char *programme_code, struct campaign *c);

bool campaign_registration_open(const struct campaign *c, long long now);
/* NULL while registration is open at now; otherwise a Dutch sentence, written into out,
 * that says what is closed and until or since when (Brussels time). */
const char *campaign_registration_notice(const struct campaign *c, long long now, char *out, size_t size);
/* Services can accept pupils: the first handling window, or the second round's. */
bool campaign_handling_open(const struct campaign *c, long long now);
bool campaign_second_round_open(const struct campaign *c, long long now);
/* When the handling that is open at now ends, or the last one ended: the second round's
 * close from the moment the second round opens, else the first window's. For "until when"
 * and "since when". */
long long campaign_handling_closes_at(const struct campaign *c, long long now);
/* The coordinator may open a second round: the first handling window has closed and
 * there is no second round yet. */
bool campaign_second_round_possible(const struct campaign *c, long long now);
bool campaign_results_visible(const struct campaign *c, long long now);

/*
 * The services' answer to a pupil as its school may know it. Every school-facing read
 * (the overview and its exports, a pupil's pages and refusals, the mails to schools) goes
 * through campaign_school_answer(); the overview's SQL joins the placements only when
 * campaign_school_sees_answers() is true. Before the results moment the school learns
 * only that some service took the request in hand (the pupil is then read-only, as the
 * manual says): never which service, nor site, periods, mentor or notes. From the results
 * moment on it sees everything.
 */
struct school_answer {
	bool accepted;          /* a service accepted the pupil: read-only for the school */
	long long service_id;   /* which service; 0 before the results moment */
	const char *service;    /* its name; NULL before the results moment */
};
bool campaign_school_sees_answers(const struct campaign *c, long long now);
/* The stored answer (service_id 0 = nobody accepted; service its name) as the school may
 * see it at now. */
struct school_answer campaign_school_answer(const struct campaign *c, long long now, long long service_id,
                                            const char *service);
/* The sentence a school reads about an accepted pupil before the results moment. */
#define SCHOOL_ANSWER_PENDING                                                                     \
	"Deze aanvraag is al in behandeling genomen door een dienst en kan niet meer gewijzigd worden." \
	" Wijzigingen geef je door aan de coördinator (%s)."

/*
 * Which pupils of a campaign a care service sees (its request list, a request's page,
 * accepting). Use this, and SQL_STUDENT_IN_SERVICE_AREA in list queries, so the rule
 * stays in one place:
 *
 *   CAMPAIGN_SCOPE_NONE      the service does not take part in the campaign
 *                            (campaign_services): it sees none of its pupils.
 *   CAMPAIGN_SCOPE_AREA      first round: the pupils who live in the service's area
 *                            (service_areas: a province, or a postcode range), the pupils
 *                            whose preference is this service, and the pupils it accepted.
 *   CAMPAIGN_SCOPE_FLANDERS  from the moment the second round opens: all of the above,
 *                            plus every open pupil of the campaign (not stopped, accepted
 *                            by nobody), wherever they live.
 *
 * Stopped pupils are never offered for accepting. The scope says what is visible; whether
 * the service may accept now is campaign_handling_open().
 */
enum campaign_scope { CAMPAIGN_SCOPE_NONE, CAMPAIGN_SCOPE_AREA, CAMPAIGN_SCOPE_FLANDERS };
enum campaign_scope campaign_service_scope(const struct campaign *c, long long service_id, long long now);
/* The scope above applied to one pupil of the campaign (false for another campaign's). */
bool campaign_service_sees_student(const struct campaign *c, long long service_id, long long student_id,
                                   long long now);

/* An SQL condition on a pupil row aliased `s`: the pupil lives in the area of the service
 * bound to its THREE placeholders (the same service id three times). Concatenate it into a
 * static SQL string. The provinces are one uncorrelated look-up (evaluated once per
 * statement); the postcode ranges are only looked at for a service that has any, so a
 * list of 10,000 requests does not run a subquery per row. */
#define SQL_STUDENT_IN_SERVICE_AREA                                                              \
	"(s.province IN (SELECT a.province FROM service_areas a WHERE a.service_id = ?"            \
	"  AND a.province IS NOT NULL)"                                                            \
	" OR ((SELECT COUNT(*) FROM service_areas a WHERE a.service_id = ?"                       \
	"      AND a.postcode_from IS NOT NULL) > 0"                                               \
	"     AND EXISTS (SELECT 1 FROM service_areas a WHERE a.service_id = ?"                   \
	"      AND CAST(s.postcode AS INTEGER) BETWEEN a.postcode_from AND a.postcode_to)))"

/* The manual's timing for the school year starting in start_year (Brussels time):
 * registration 01/09 12:00 - 07/10 12:00, handling 18/09 00:00 - 07/10 12:00,
 * results 07/10 12:00. */
void campaign_default_timing(int start_year, struct campaign *c);
/* Moves the school year and every moment by whole years, keeping the Brussels
 * wall-clock times (29 February becomes 28 February). */
void campaign_shift_years(struct campaign *c, int years);

/*
 * Checks the order of the moments (and of the second round's, when round == 2).
 * Returns a Dutch message, or NULL when fine; *moment (may be NULL) names the column
 * of the moment to correct ("registration_closes_at", ...).
 */
const char *campaign_timing_problem(const struct campaign *c, const char **moment);

/* Inserts c (programme_id, school_year and moments set); returns the id or 0. In a transaction. */
long long campaign_insert(const struct campaign *c);
/* Writes c's moments, round and second-round window (the coordinator's scope only). In a
 * transaction. Returns DB_DONE. */
int campaign_update(const struct scope *s, const struct campaign *c);
/* Replaces the services taking part in a campaign. In a transaction. Returns DB_DONE. */
int campaign_set_services(long long campaign_id, const long long *service_ids, size_t count);

/*
 * The coordinator's screens ("Opleidingen en timing", "Voortgang"). Each read takes the
 * caller's scope first; any scope but the coordinator's reads nothing (0, an empty list).
 */
struct programme_row {
	long long id;
	const char *code, *name;
};
/* The programmes in their order; the id of the one with this code (0 when none). */
struct programme_row *campaign_programmes(const struct scope *s, struct arena *a, size_t *count);
long long campaign_programme_id(const struct scope *s, const char *code);
/* A programme's campaigns, newest school year first, with how many services take part. */
struct campaign_entry {
	long long id, services;
};
struct campaign_entry *campaign_list_of_programme(const struct scope *s, long long programme_id, struct arena *a,
                                                  size_t *count);
/* Every campaign as the picker names it, newest school year first. */
struct campaign_label {
	long long id;
	const char *programme, *school_year;
};
struct campaign_label *campaign_labels(const struct scope *s, struct arena *a, size_t *count);
/* The campaign a screen opens on: the newest that has started at now, then the one with most
 * pupils; 0 when there is none. */
long long campaign_to_show(const struct scope *s, long long now);
/* The campaign of a programme in a school year; 0 when there is none. */
long long campaign_find(const struct scope *s, long long programme_id, const char *school_year);
/* Every care service, by name, whether it is active and whether it takes part in the campaign. */
struct campaign_service_choice {
	long long id;
	const char *name;
	bool active, member;
};
struct campaign_service_choice *campaign_service_choices(const struct scope *s, long long campaign_id,
                                                         struct arena *a, size_t *count);
/* How many services take part; the e-mail addresses of their active users. */
long long campaign_service_count(const struct scope *s, long long campaign_id);
const char **campaign_service_addresses(const struct scope *s, long long campaign_id, struct arena *a, size_t *count);

#endif
