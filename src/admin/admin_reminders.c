/*
 * Beheer > Opleidingen en timing > Herinneringen: which of a campaign's reminders
 * (src/mail/reminders.h) go out, each kind switched on or off by the coordinator. Saved in one
 * transaction with its audit line.
 */
#include "admin_reminders.h"

#include <stdio.h>

#include "admin.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "form_store.h"
#include "html.h"
#include "layout.h"
#include "reminders_store.h"
#include "scope.h"

/* The choices, in the order of enum reminder_kind. */
static const struct option kinds[] = {
	[REMINDER_SCHOOLS] = {"scholen", "Scholen zonder leerlingen: een week en twee dagen voor de registratie sluit"},
	[REMINDER_SERVICES] = {"diensten", "Diensten met open aanvragen in hun regio: drie dagen en een dag voor de "
	                                   "behandeling sluit"},
	[REMINDER_SUMMARY] = {"dagoverzicht", "Dagoverzicht voor de coördinatie: elke dag zolang de behandeling loopt"},
	[REMINDER__MAX] = {NULL, NULL},
};

enum reminders_field { REMINDERS_ON, REMINDERS__FIELDS };
static const struct field fields[] = {
	[REMINDERS_ON] = {"aan", "Deze herinneringen worden verstuurd", FIELD_CHECKBOXES, 0, 0, NULL, NULL},
};
FORM_TABLE(fields, REMINDERS__FIELDS);

static const char *action_of(struct req *r, const struct campaign *c)
{
	return arena_printf(r->arena, "/beheer/campagnes/%lld/herinneringen", c->id);
}

static void render(struct req *r, const struct campaign *c, const struct form *f)
{
	const char *title = arena_printf(r->arena, "Herinneringen %s %s", c->programme_name, c->school_year);
	page_begin(r, title);
	struct buf *out = &r->body;
	html(out, "<p><a href=\"/beheer/campagnes\">← Opleidingen en timing</a></p><h1>%s</h1>"
	          "<p class=\"lead\">Stagematch stuurt deze e-mails zelf, elk één keer, om %s (Brusselse tijd; "
	          "instelling reminder_time). Elke e-mail bevat een link naar de juiste pagina.</p>",
	     title, cfg.reminder_time);
	form_begin(out, r, f, action_of(r, c));
	form_field(out, f, REMINDERS_ON, kinds);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Opslaan</button>"
	          "<a href=\"/beheer/campagnes\">Annuleren</a></div>");
	form_end(out);
	page_end(r);
}

void admin_reminders_show(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, false))
		return;
	bool on[REMINDER__MAX];
	if (!reminders_switches(scope_of(r), c.id, on)) {
		resp_not_found(r);
		return;
	}
	struct form f;
	form_init(&f, r->arena, fields, REMINDERS__FIELDS);
	struct buf ticked = {0};
	for (int k = 0; k < REMINDER__MAX; k++)
		if (on[k])
			buf_printf(&ticked, "%s%s", ticked.len ? "," : "", kinds[k].value);
	form_set(&f, REMINDERS_ON, ticked.data ? ticked.data : "");
	buf_free(&ticked);
	render(r, &c, &f);
}

struct save {
	struct req *r;
	long long campaign_id;
	bool on[REMINDER__MAX];
};

static int save_body(void *ctx)
{
	struct save *s = ctx;
	int rc = reminders_switches_set(scope_of(s->r), s->campaign_id, s->on);
	if (rc != DB_DONE)
		return rc;
	const char *detail = arena_printf(s->r->arena, "campaign=%lld schools=%d services=%d summary=%d", s->campaign_id,
	                                  s->on[REMINDER_SCHOOLS], s->on[REMINDER_SERVICES], s->on[REMINDER_SUMMARY]);
	return audit(s->r, "reminders_settings", 0, detail) ? DB_DONE : DB_ERROR;
}

void admin_reminders_save(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, false))
		return;
	struct form f;
	form_init(&f, r->arena, fields, REMINDERS__FIELDS);
	form_read(&f, r);
	struct save s = {.r = r, .campaign_id = c.id};
	for (int k = 0; k < REMINDER__MAX; k++)
		s.on[k] = form_has_choice(&f, REMINDERS_ON, kinds[k].value);
	if (db_tx(save_body, &s) != DB_DONE) {
		form_save_failed(r, &f);
		render(r, &c, &f);
		return;
	}
	flash_set(r, arena_printf(r->arena, "Herinneringen voor %s %s bewaard.", c.programme_name, c.school_year));
	resp_redirect(r, action_of(r, &c));
}
