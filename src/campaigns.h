#ifndef STAGEMATCH_CAMPAIGNS_H
#define STAGEMATCH_CAMPAIGNS_H
#include <stdbool.h>
#include <stddef.h>

/*
 * A campaign is one programme in one school year, with five moments (UTC seconds):
 * registration opens/closes (schools add and edit pupils), handling opens/closes
 * (services accept), results visible (schools see the answers). The rules about
 * "is it open now" live here and nowhere else.
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
	int round;
};

bool campaign_load(long long id, struct campaign *c);
/* The newest campaign (by school year) of a programme, by its code. */
bool campaign_latest_for_programme(const char *programme_code, struct campaign *c);

bool campaign_registration_open(const struct campaign *c, long long now);
/* NULL while registration is open at now; otherwise a Dutch sentence, written into out,
 * that says what is closed and until or since when (Brussels time). */
const char *campaign_registration_notice(const struct campaign *c, long long now, char *out, size_t size);
bool campaign_handling_open(const struct campaign *c, long long now);
bool campaign_results_visible(const struct campaign *c, long long now);

/* The manual's timing for the school year starting in start_year (Brussels time):
 * registration 01/09 12:00 - 07/10 12:00, handling 18/09 00:00 - 07/10 12:00,
 * results 07/10 12:00. */
void campaign_default_timing(int start_year, struct campaign *c);

/* Checks the order of the moments; a Dutch message, or NULL when fine. */
const char *campaign_timing_problem(const struct campaign *c);

/* Inserts c (programme_id, school_year and moments set); returns the id or 0. In a transaction. */
long long campaign_insert(const struct campaign *c);

#endif
