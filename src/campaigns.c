#include "campaigns.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"

#define CAMPAIGN_COLUMNS                                                                        \
	"c.id, c.programme_id, p.code, p.name, c.school_year, c.registration_opens_at,"          \
	" c.registration_closes_at, c.handling_opens_at, c.handling_closes_at,"                  \
	" c.results_visible_at, c.round"

static const char *SQL_BY_ID = "SELECT " CAMPAIGN_COLUMNS
	" FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE c.id = ?";
static const char *SQL_LATEST = "SELECT " CAMPAIGN_COLUMNS
	" FROM campaigns c JOIN programmes p ON p.id = c.programme_id"
	" WHERE p.code = ? ORDER BY c.school_year DESC LIMIT 1";
static const char *SQL_INSERT =
	"INSERT INTO campaigns (programme_id, school_year, registration_opens_at, registration_closes_at,"
	" handling_opens_at, handling_closes_at, results_visible_at, round, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)";

static bool read_row(struct db_stmt *st, struct campaign *c)
{
	bool found = db_step(st) == DB_ROW;
	if (found) {
		c->id = db_int(st, 0);
		c->programme_id = db_int(st, 1);
		snprintf(c->programme_code, sizeof c->programme_code, "%s", db_text(st, 2));
		snprintf(c->programme_name, sizeof c->programme_name, "%s", db_text(st, 3));
		snprintf(c->school_year, sizeof c->school_year, "%s", db_text(st, 4));
		c->registration_opens_at = db_int(st, 5);
		c->registration_closes_at = db_int(st, 6);
		c->handling_opens_at = db_int(st, 7);
		c->handling_closes_at = db_int(st, 8);
		c->results_visible_at = db_int(st, 9);
		c->round = (int)db_int(st, 10);
	}
	db_reset(st);
	return found;
}

bool campaign_load(long long id, struct campaign *c)
{
	struct db_stmt *st = db_prepare(SQL_BY_ID);
	db_bind_int(st, 1, id);
	return read_row(st, c);
}

bool campaign_latest_for_programme(const char *programme_code, struct campaign *c)
{
	struct db_stmt *st = db_prepare(SQL_LATEST);
	db_bind_text(st, 1, programme_code);
	return read_row(st, c);
}

bool campaign_registration_open(const struct campaign *c, long long now)
{
	return now >= c->registration_opens_at && now < c->registration_closes_at;
}

const char *campaign_registration_notice(const struct campaign *c, long long now, char *out, size_t size)
{
	if (campaign_registration_open(c, now))
		return NULL;
	char when[17];
	if (now < c->registration_opens_at) {
		brussels_format(c->registration_opens_at, when);
		snprintf(out, size,
		         "De registratie van leerlingen voor %s (schooljaar %s) opent pas op %s. Tot dan kan je "
		         "geen leerlingen toevoegen of wijzigen.",
		         c->programme_name, c->school_year, when);
	} else {
		brussels_format(c->registration_closes_at, when);
		snprintf(out, size,
		         "De registratie van leerlingen voor %s (schooljaar %s) is gesloten sinds %s. Leerlingen "
		         "toevoegen of wijzigen kan niet meer; melden dat een leerling gestopt is, kan wel.",
		         c->programme_name, c->school_year, when);
	}
	return out;
}

bool campaign_handling_open(const struct campaign *c, long long now)
{
	return now >= c->handling_opens_at && now < c->handling_closes_at;
}

bool campaign_results_visible(const struct campaign *c, long long now)
{
	return now >= c->results_visible_at;
}

static long long brussels(int y, int m, int d, int h, int mi)
{
	char s[32];
	long long t = 0;
	snprintf(s, sizeof s, "%04u-%02u-%02u %02u:%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100,
	         (unsigned)h % 100, (unsigned)mi % 100);
	brussels_parse(s, &t);
	return t;
}

void campaign_default_timing(int start_year, struct campaign *c)
{
	school_year_name(start_year, c->school_year);
	c->registration_opens_at = brussels(start_year, 9, 1, 12, 0);
	c->handling_opens_at = brussels(start_year, 9, 18, 0, 0);
	c->registration_closes_at = brussels(start_year, 10, 7, 12, 0);
	c->handling_closes_at = brussels(start_year, 10, 7, 12, 0);
	c->results_visible_at = brussels(start_year, 10, 7, 12, 0);
	c->round = 1;
}

const char *campaign_timing_problem(const struct campaign *c)
{
	if (c->registration_closes_at <= c->registration_opens_at)
		return "De registratie moet sluiten na ze opent.";
	if (c->handling_closes_at <= c->handling_opens_at)
		return "De behandeling moet sluiten na ze opent.";
	if (c->handling_opens_at < c->registration_opens_at)
		return "De behandeling kan niet openen voor de registratie opent.";
	if (c->handling_closes_at < c->registration_closes_at)
		return "De behandeling kan niet sluiten voor de registratie sluit: de diensten moeten alle "
		       "aanvragen kunnen behandelen.";
	if (c->results_visible_at < c->registration_closes_at)
		return "De resultaten kunnen pas zichtbaar worden als de registratie gesloten is.";
	return NULL;
}

long long campaign_insert(const struct campaign *c)
{
	int rc = db_exec(SQL_INSERT, "itiiiiii", c->programme_id, c->school_year, c->registration_opens_at,
	                 c->registration_closes_at, c->handling_opens_at, c->handling_closes_at,
	                 c->results_visible_at, clock_now());
	return rc == DB_DONE ? db_last_id() : 0;
}
