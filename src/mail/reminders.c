/*
 * The reminders job (reminders.h): which reminder is due for which campaign now, and the
 * mails' texts. What was sent and the switches live in reminders_store.c. Mail bodies are
 * plain text with full links (cfg.base_url); nothing here logs a name.
 */
#include "reminders.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "campaigns.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "orgs.h"
#include "reminders_store.h"

#define DEFAULT_TIME "08:00"

/* The reminder time's hours and minutes; false when the setting is not HH:MM. */
static bool reminder_time(int *hours, int *minutes)
{
	const char *t = cfg.reminder_time && *cfg.reminder_time ? cfg.reminder_time : DEFAULT_TIME;
	char rest;
	return sscanf(t, "%2d:%2d%c", hours, minutes, &rest) == 2 && strlen(t) == 5 && *hours >= 0 && *hours <= 23 &&
	       *minutes >= 0 && *minutes <= 59;
}

const char *reminders_config_problem(void)
{
	int h, m;
	return reminder_time(&h, &m) ? NULL
	                             : "reminder_time moet een tijdstip zijn als 08:00 (uren:minuten, Brusselse tijd).";
}

/* The Brussels date of t, `days` days earlier, as yyyy-mm-dd in day, and the reminder
 * time on that date as a moment. */
static long long reminder_moment(long long t, int days, char day[11])
{
	char local[17];
	brussels_format_input(t, local);
	int y, mo, d, h, mi;
	if (sscanf(local, "%4d-%2d-%2d", &y, &mo, &d) != 3 || !reminder_time(&h, &mi)) {
		h = 8;
		mi = 0;
	}
	civil_from_days(days_from_civil(y, mo, d) - days, &y, &mo, &d);
	snprintf(day, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)mo % 100, (unsigned)d % 100);
	char at[20];
	snprintf(at, sizeof at, "%sT%02u:%02u", day, (unsigned)h % 100, (unsigned)mi % 100);
	long long moment;
	return brussels_parse(at, &moment) ? moment : t - (long long)days * 86400;
}

int reminders_step_due(long long closes, long long now, const int days[2], char day[11])
{
	char later_day[11];
	long long first = reminder_moment(closes, days[0], day);
	long long second = reminder_moment(closes, days[1], later_day);
	if (now >= closes || now < first)
		return -1;
	if (now < second)
		return 0;
	memcpy(day, later_day, 11);
	return 1;
}

/* One reminder to one organisation: claimed and queued in one transaction. */
struct reminder_mail {
	struct arena *a;
	const struct campaign *c;
	const char *reminder, *day;
	long long org_id, now;
	struct buf subject, body;
	bool sent;   /* claimed now: not sent before */
};

static int send_claimed(void *ctx)
{
	struct reminder_mail *m = ctx;
	int claimed = reminders_claim(scope_system(), m->c->id, m->reminder, m->org_id, m->day, m->now);
	if (claimed <= 0)
		return claimed < 0 ? DB_ERROR : DB_DONE;
	m->sent = true;
	return notify_org_users(m->a, m->org_id, &m->c->id, 1, m->subject.data, m->body.data) == 0 ? DB_DONE : DB_ERROR;
}

static void send(struct reminder_mail *m)
{
	if (db_tx(send_claimed, m) != DB_DONE)
		log_error("reminders", "reminder=%s campaign=%lld org=%lld error=%s", m->reminder, m->c->id, m->org_id,
		          db_error());
	else if (m->sent)
		log_info("reminders", "reminder=%s campaign=%lld org=%lld day=%s", m->reminder, m->c->id, m->org_id, m->day);
	buf_free(&m->subject);
	buf_free(&m->body);
}

static const char *base_url(void)
{
	return cfg.base_url ? cfg.base_url : "";
}

static void remind_schools(struct arena *a, const struct campaign *c, long long now)
{
	static const int days[2] = {7, 2};
	static const char *const codes[2] = {"school-7", "school-2"};
	char day[11];
	int step = campaign_registration_open(c, now) ? reminders_step_due(c->registration_closes_at, now, days, day) : -1;
	if (step < 0)
		return;
	char closes[17];
	brussels_format(c->registration_closes_at, closes);
	size_t n;
	struct reminder_org *schools = reminders_schools_without_pupils(scope_system(), a, c->id, codes[step], day, &n);
	for (size_t i = 0; i < n; i++) {
		struct reminder_mail m = {.a = a, .c = c, .reminder = codes[step], .day = day, .org_id = schools[i].id, .now = now};
		buf_printf(&m.subject, "Stagematch: nog geen leerlingen geregistreerd voor %s", c->programme_name);
		buf_printf(&m.body,
		           "Beste,\n\n"
		           "De registratie van leerlingen voor %s (schooljaar %s) sluit op %s. %s heeft nog geen "
		           "leerlingen geregistreerd.\n\n"
		           "Heeft jullie school leerlingen die een stageplaats zoeken, voeg ze dan toe vóór de registratie "
		           "sluit:\n%s/opleidingen/%s\n\n"
		           "Heeft jullie school geen leerlingen in deze opleiding, dan mag je deze e-mail negeren.\n\n"
		           "Met vriendelijke groeten,\nstagematch\n",
		           c->programme_name, c->school_year, closes, schools[i].name, base_url(), c->programme_code);
		send(&m);
	}
}

static void remind_services(struct arena *a, const struct campaign *c, long long now)
{
	static const int days[2] = {3, 1};
	static const char *const codes[2] = {"service-3", "service-1"};
	char day[11];
	bool first_window = c->handling_opens_at <= now && now < c->handling_closes_at;
	int step = first_window ? reminders_step_due(c->handling_closes_at, now, days, day) : -1;
	if (step < 0)
		return;
	char closes[17];
	brussels_format(c->handling_closes_at, closes);
	size_t n;
	struct reminder_org *services = reminders_services_with_open_requests(scope_system(), a, c->id, codes[step], day, &n);
	for (size_t i = 0; i < n; i++) {
		const struct reminder_org *s = &services[i];
		const char *requests = s->open == 1 ? "aanvraag" : "aanvragen";
		struct reminder_mail m = {.a = a, .c = c, .reminder = codes[step], .day = day, .org_id = s->id, .now = now};
		buf_printf(&m.subject, "Stagematch: nog %lld %s in jouw regio voor %s", s->open, requests,
		           c->programme_name);
		buf_printf(&m.body,
		           "Beste,\n\n"
		           "De behandeling van de stageaanvragen voor %s (schooljaar %s) sluit op %s. Er zijn nog %lld "
		           "%s in jouw regio, waarvan %lld met jouw dienst als 1ste voorkeur.\n\n"
		           "Bekijk de aanvragen en aanvaard de leerlingen die jullie dienst kan ontvangen:\n%s/aanvragen\n\n"
		           "Met vriendelijke groeten,\nstagematch\n",
		           c->programme_name, c->school_year, closes, s->open, requests, s->preferred, base_url());
		send(&m);
	}
}

/* The coordinator's daily summary: every campaign in handling whose summary is on and not
 * yet sent today, in one mail. */
struct summary {
	struct arena *a;
	const struct campaign *campaigns;
	size_t count;
	long long coordinator, now;
	const char *day;
};

static int send_summary(void *ctx)
{
	const struct summary *s = ctx;
	struct buf body = {0};
	long long ids[64];
	size_t listed = 0;
	char at[17];
	brussels_format(s->now, at);
	buf_printf(&body, "Beste,\n\nZo staat de behandeling van de stageaanvragen ervoor op %s:\n", at);
	int rc = DB_DONE;
	for (size_t i = 0; rc == DB_DONE && i < s->count && listed < sizeof ids / sizeof ids[0]; i++) {
		const struct campaign *c = &s->campaigns[i];
		int claimed = reminders_claim(scope_system(), c->id, "summary", s->coordinator, s->day, s->now);
		struct reminder_counts n = {0};
		if (claimed < 0 || (claimed == 1 && !reminders_campaign_counts(scope_system(), c->id, &n)))
			rc = DB_ERROR;
		if (claimed != 1 || rc != DB_DONE)
			continue;
		char closes[17];
		brussels_format(campaign_handling_closes_at(c, s->now), closes);
		buf_printf(&body,
		           "\n%s (schooljaar %s), behandeling open tot %s:\n"
		           "  Geregistreerd: %lld\n  Aanvaard: %lld\n  Open: %lld\n  Gestopt: %lld\n"
		           "  Voortgang: %s/beheer?campagne=%lld\n",
		           c->programme_name, c->school_year, closes, n.registered, n.accepted, n.open, n.stopped, base_url(),
		           c->id);
		ids[listed++] = c->id;
	}
	if (rc == DB_DONE && listed) {
		buf_puts(&body, "\nDe herinneringen per campagne zet je aan of uit bij 'Opleidingen en timing' > "
		                "'Herinneringen'.\n\nMet vriendelijke groeten,\nstagematch\n");
		char subject[64], today[11];
		date_display(s->day, today);
		snprintf(subject, sizeof subject, "Stagematch: dagoverzicht van %s", today);
		if (notify_org_users(s->a, s->coordinator, ids, listed, subject, body.data) != 0)
			rc = DB_ERROR;
	}
	buf_free(&body);
	return rc;
}

void reminders_run(void)
{
	struct arena *a = arena_new();
	long long now = clock_now();
	size_t n;
	long long *ids = reminders_campaigns(scope_system(), a, now, &n);
	struct campaign *in_handling = arena_alloc(a, (n ? n : 1) * sizeof *in_handling);
	size_t handling = 0;
	for (size_t i = 0; i < n; i++) {
		struct campaign c;
		bool on[REMINDER__MAX];
		if (!campaign_load(ids[i], &c) || !reminders_switches(scope_system(), c.id, on))
			continue;
		if (on[REMINDER_SCHOOLS])
			remind_schools(a, &c, now);
		if (on[REMINDER_SERVICES])
			remind_services(a, &c, now);
		if (on[REMINDER_SUMMARY] && campaign_handling_open(&c, now))
			in_handling[handling++] = c;
	}
	char today[11];
	long long coordinator = handling ? org_coordinator_id() : 0;
	bool due = handling && now >= reminder_moment(now, 0, today);
	size_t unsent = 0;
	for (size_t i = 0; due && i < handling; i++)
		if (!reminders_sent(scope_system(), in_handling[i].id, "summary", coordinator, today))
			in_handling[unsent++] = in_handling[i];
	if (unsent) {
		struct summary s = {.a = a, .campaigns = in_handling, .count = unsent, .coordinator = coordinator, .now = now,
		                    .day = today};
		if (db_tx(send_summary, &s) != DB_DONE)
			log_error("reminders", "reminder=summary error=%s", db_error());
	}
	arena_free(a);
}
