/*
 * "Opleidingen en timing": the programmes, their campaigns per school year with the five
 * moments in Brussels time, the services taking part, copying last year's campaign and
 * opening a second, Flanders-wide round. The order of the moments is checked by
 * campaign_timing_problem() (src/store/campaigns.c), the one place for that rule.
 */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "form_store.h"
#include "html.h"
#include "layout.h"
#include "mail.h"
#include "orgs.h"
#include "places.h"
#include "progress_store.h"
#include "scope.h"

/* ---- Where a campaign stands ----------------------------------------------------- */

const char *admin_campaign_status(struct req *r, const struct campaign *c, long long now)
{
	char a[17], b[17];
	if (c->personal_data_removed_at) {
		brussels_format(c->personal_data_removed_at, a);
		return arena_printf(r->arena, "Afgesloten; persoonsgegevens verwijderd op %.10s", a);
	}
	if (now < c->registration_opens_at) {
		brussels_format(c->registration_opens_at, a);
		return arena_printf(r->arena, "Nog niet gestart: registratie opent op %s", a);
	}
	bool reg = campaign_registration_open(c, now), handling = campaign_handling_open(c, now);
	if (campaign_second_round_open(c, now)) {
		brussels_format(c->second_round_closes_at, a);
		return arena_printf(r->arena, "Tweede ronde open tot %s", a);
	}
	if (reg && handling) {
		brussels_format(c->registration_closes_at, a);
		brussels_format(c->handling_closes_at, b);
		return arena_printf(r->arena, "Registratie open tot %s, behandeling open tot %s", a, b);
	}
	if (reg) {
		brussels_format(c->registration_closes_at, a);
		brussels_format(c->handling_opens_at, b);
		return arena_printf(r->arena, "Registratie open tot %s; behandeling opent op %s", a, b);
	}
	if (handling) {
		brussels_format(c->handling_closes_at, a);
		return arena_printf(r->arena, "Registratie gesloten; behandeling open tot %s", a);
	}
	if (c->round == 2 && now < c->second_round_opens_at) {
		brussels_format(c->second_round_opens_at, a);
		return arena_printf(r->arena, "Tweede ronde opent op %s", a);
	}
	if (now < c->handling_opens_at) {
		brussels_format(c->handling_opens_at, a);
		return arena_printf(r->arena, "Registratie gesloten; behandeling opent op %s", a);
	}
	brussels_format(c->results_visible_at, a);
	if (!campaign_results_visible(c, now))
		return arena_printf(r->arena, "Behandeling gesloten; resultaten zichtbaar vanaf %s", a);
	return arena_printf(r->arena, "Afgesloten; resultaten zichtbaar sinds %s", a);
}

bool admin_campaign_from_query(struct req *r, struct campaign *c)
{
	const char *v = req_query(r, "campagne");
	char *end;
	long long id = v ? strtoll(v, &end, 10) : 0;
	if (id > 0 && !*end && campaign_load(id, c))
		return true;
	struct scope s = scope_of(r);
	id = campaign_to_show(&s, clock_now());
	return id && campaign_load(id, c);
}

void admin_campaign_picker(struct req *r, const struct campaign *c, const char *action)
{
	struct buf *out = &r->body;
	html(out, "<form method=\"get\" action=\"%s\" class=\"picker\"><label for=\"campagne\">Campagne</label>"
	          "<select id=\"campagne\" name=\"campagne\">",
	     action);
	struct scope s = scope_of(r);
	size_t n;
	const struct campaign_label *labels = campaign_labels(&s, r->arena, &n);
	for (size_t i = 0; i < n; i++)
		html(out, labels[i].id == c->id ? "<option value=\"%lld\" selected>%s %s</option>"
		                                : "<option value=\"%lld\">%s %s</option>",
		     labels[i].id, labels[i].programme, labels[i].school_year);
	html(out, "</select><button type=\"submit\" class=\"btn btn-light\">Toon</button></form>");
}

/* ---- The list -------------------------------------------------------------------- */

/* One line of the moments cell: "Registratie 01/09/2026 12:00 – 07/10/2026 12:00". */
static void moment_line(struct buf *out, const char *what, long long from, long long to)
{
	char a[17], b[17];
	brussels_format(from, a);
	if (!to) {
		html(out, "<li>%s <span class=\"nowrap\">%s</span></li>", what, a);
		return;
	}
	brussels_format(to, b);
	html(out, "<li>%s <span class=\"nowrap\">%s</span> – <span class=\"nowrap\">%s</span></li>", what, a, b);
}

static void campaign_row(struct req *r, long long id, long long services, long long now)
{
	struct buf *out = &r->body;
	struct campaign c;
	if (!campaign_load(id, &c))
		return;
	html(out, "<tr><th scope=\"row\">%s</th><td><ul class=\"moments\">", c.school_year);
	moment_line(out, "Registratie", c.registration_opens_at, c.registration_closes_at);
	moment_line(out, "Behandeling", c.handling_opens_at, c.handling_closes_at);
	moment_line(out, "Resultaten zichtbaar", c.results_visible_at, 0);
	if (c.round == 2)
		moment_line(out, "Tweede ronde", c.second_round_opens_at, c.second_round_closes_at);
	html(out, "</ul></td><td class=\"num\">%lld</td><td>%s</td><td class=\"campaign-actions\">", services,
	     admin_campaign_status(r, &c, now));
	if (!c.personal_data_removed_at)
		html(out, "<a href=\"/beheer/campagnes/%lld\">Bewerken<span class=\"visually-hidden\"> %s %s</span></a>",
		     c.id, c.programme_name, c.school_year);
	if (campaign_second_round_possible(&c, now))
		html(out, " <a href=\"/beheer/campagnes/%lld/tweede-ronde\">Tweede ronde openen</a>", c.id);
	if (!c.personal_data_removed_at && campaign_results_visible(&c, now))
		html(out, " <a href=\"/beheer/campagnes/%lld/persoonsgegevens\">Persoonsgegevens verwijderen</a>", c.id);
	html(out, " <a href=\"/beheer/campagnes/%lld/herinneringen\">Herinneringen<span class=\"visually-hidden\"> %s %s"
	          "</span></a> <a href=\"/beheer/campagnes/%lld/gestopt\">Gestopte leerlingen<span class=\"visually-hidden\">"
	          " %s %s</span></a>",
	     c.id, c.programme_name, c.school_year, c.id, c.programme_name, c.school_year);
	html(out, "</td></tr>");
}

void admin_campaigns_list(struct req *r)
{
	long long now = clock_now();
	page_begin(r, "Opleidingen en timing");
	struct buf *out = &r->body;
	html(out, "<h1>Opleidingen en timing</h1><p class=\"lead\">Per opleiding een campagne per schooljaar. "
	          "Alle tijden zijn Brusselse tijd.</p>");
	struct scope s = scope_of(r);
	size_t count;
	const struct programme_row *programmes = campaign_programmes(&s, r->arena, &count);
	for (size_t i = 0; i < count; i++) {
		size_t n;
		const struct campaign_entry *campaigns = campaign_list_of_programme(&s, programmes[i].id, r->arena, &n);
		html(out, "<section class=\"card\"><div class=\"toolbar\"><h2 id=\"p-%s\">%s</h2><span class=\"spacer\"></span>",
		     programmes[i].code, programmes[i].name);
		if (n)
			html(out, "<a class=\"btn btn-light\" href=\"/beheer/campagnes/%lld/kopie\">Kopieer campagne van "
			          "vorig jaar</a>",
			     campaigns[0].id);
		html(out, "<a class=\"btn btn-add\" href=\"/beheer/campagnes/nieuw?opleiding=%s\">+ Nieuwe campagne"
		          "<span class=\"visually-hidden\"> %s</span></a></div>",
		     programmes[i].code, programmes[i].name);
		if (!n) {
			html(out, "<p class=\"empty\">Nog geen campagne voor deze opleiding. Scholen zien deze opleiding "
			          "pas als er een campagne is.</p></section>");
			continue;
		}
		html(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"p-%s\"><table><thead><tr>"
		          "<th scope=\"col\">Schooljaar</th><th scope=\"col\">Momenten</th>"
		          "<th scope=\"col\" class=\"num\">Diensten</th><th scope=\"col\">Status</th>"
		          "<th scope=\"col\"><span class=\"visually-hidden\">Acties</span></th></tr></thead><tbody>",
		     programmes[i].code);
		for (size_t k = 0; k < n; k++)
			campaign_row(r, campaigns[k].id, campaigns[k].services, now);
		html(out, "</tbody></table></div></section>");
	}
	page_end(r);
}

/* ---- The campaign form ----------------------------------------------------------- */

static const char MOMENT_HELP_REG_OPENS[] = "Vanaf dan voegen de scholen leerlingen toe en passen ze aan.";
static const char MOMENT_HELP_REG_CLOSES[] = "Daarna kunnen de scholen geen leerlingen meer toevoegen.";
static const char MOMENT_HELP_HANDLING[] = "Tussen deze momenten aanvaarden de diensten leerlingen.";
static const char MOMENT_HELP_RESULTS[] = "Vanaf dan zien de scholen wie hun leerlingen aanvaardde.";
static const char MOMENT_HELP_SECOND[] = "In de tweede ronde zien alle deelnemende diensten de leerlingen die "
                                         "nog niemand aanvaardde, uit heel Vlaanderen.";

enum campaign_field {
	CAMPAIGN_PROGRAMME, CAMPAIGN_SCHOOL_YEAR, CAMPAIGN_REGISTRATION_OPENS_AT,
	CAMPAIGN_REGISTRATION_CLOSES_AT, CAMPAIGN_HANDLING_OPENS_AT, CAMPAIGN_HANDLING_CLOSES_AT,
	CAMPAIGN_RESULTS_VISIBLE_AT, CAMPAIGN_SECOND_ROUND_OPENS_AT, CAMPAIGN_SECOND_ROUND_CLOSES_AT,
	CAMPAIGN_SERVICES, CAMPAIGN_COPY_OF, CAMPAIGN__FIELDS,
};
static const struct field campaign_fields[] = {
	[CAMPAIGN_PROGRAMME] = {"programme", "Opleiding", FIELD_SELECT, FIELD_REQUIRED, 40, NULL, NULL},
	[CAMPAIGN_SCHOOL_YEAR] = {"school_year", "Schooljaar", FIELD_TEXT, FIELD_REQUIRED, 9, "Bijvoorbeeld 2027-2028.",
	 "off"},
	[CAMPAIGN_REGISTRATION_OPENS_AT] = {"registration_opens_at", "Registratie opent", FIELD_DATETIME, FIELD_REQUIRED,
	 32, MOMENT_HELP_REG_OPENS, NULL},
	[CAMPAIGN_REGISTRATION_CLOSES_AT] = {"registration_closes_at", "Registratie sluit", FIELD_DATETIME, FIELD_REQUIRED,
	 32, MOMENT_HELP_REG_CLOSES, NULL},
	[CAMPAIGN_HANDLING_OPENS_AT] = {"handling_opens_at", "Behandeling opent", FIELD_DATETIME, FIELD_REQUIRED, 32,
	 MOMENT_HELP_HANDLING, NULL},
	[CAMPAIGN_HANDLING_CLOSES_AT] = {"handling_closes_at", "Behandeling sluit", FIELD_DATETIME, FIELD_REQUIRED, 32,
	 NULL, NULL},
	[CAMPAIGN_RESULTS_VISIBLE_AT] = {"results_visible_at", "Resultaten zichtbaar", FIELD_DATETIME, FIELD_REQUIRED, 32,
	 MOMENT_HELP_RESULTS, NULL},
	[CAMPAIGN_SECOND_ROUND_OPENS_AT] = {"second_round_opens_at", "Tweede ronde opent", FIELD_DATETIME, FIELD_REQUIRED,
	 32, MOMENT_HELP_SECOND, NULL},
	[CAMPAIGN_SECOND_ROUND_CLOSES_AT] = {"second_round_closes_at", "Tweede ronde sluit", FIELD_DATETIME, FIELD_REQUIRED,
	 32, NULL, NULL},
	[CAMPAIGN_SERVICES] = {"services", "Deelnemende diensten", FIELD_CHECKBOXES, 0, 60000,
	 "Enkel deze diensten zien de aanvragen van deze campagne.", NULL},
	/* The campaign a new one copies ("Kopieer campagne van vorig jaar"): its places too. */
	[CAMPAIGN_COPY_OF] = {"copy_of", "Kopie van", FIELD_HIDDEN, 0, 20, NULL, NULL},
};
FORM_TABLE(campaign_fields, CAMPAIGN__FIELDS);

/* The moments of c in the order of the form fields, from registration_opens_at on. */
static void moment_slots(struct campaign *c, long long *slots[7])
{
	slots[0] = &c->registration_opens_at;
	slots[1] = &c->registration_closes_at;
	slots[2] = &c->handling_opens_at;
	slots[3] = &c->handling_closes_at;
	slots[4] = &c->results_visible_at;
	slots[5] = &c->second_round_opens_at;
	slots[6] = &c->second_round_closes_at;
}
#define FIRST_MOMENT_FIELD CAMPAIGN_REGISTRATION_OPENS_AT
_Static_assert(CAMPAIGN_SECOND_ROUND_CLOSES_AT == FIRST_MOMENT_FIELD + 6, "the moments' fields follow each other");

/* The message of campaign_timing_problem() next to the moment it names (its column, which is
 * the field's name), else above the form. */
static void timing_error(struct form *f, const char *moment, const char *problem)
{
	for (size_t i = 0; moment && i < f->count; i++)
		if (strcmp(f->fields[i].name, moment) == 0) {
			form_error(f, (int)i, problem);
			return;
		}
	if (!f->summary)
		f->summary = problem;
}

static void moments_to_form(struct form *f, struct campaign *c)
{
	long long *slots[7];
	moment_slots(c, slots);
	for (int i = 0; i < 7; i++) {
		char v[17] = "";
		if (*slots[i])
			brussels_format_input(*slots[i], v);
		form_set(f, FIRST_MOMENT_FIELD + i, v);
	}
}

/* Reads the moments typed into c (the second round's only when c->round == 2), then the
 * order rule. Messages go next to the fields. */
static void moments_from_form(struct form *f, struct campaign *c)
{
	long long *slots[7];
	moment_slots(c, slots);
	int count = c->round == 2 ? 7 : 5;
	if (count == 5) /* the second round's fields are not on the form */
		f->errors[CAMPAIGN_SECOND_ROUND_OPENS_AT] = f->errors[CAMPAIGN_SECOND_ROUND_CLOSES_AT] = NULL;
	bool parsed = true;
	for (int i = 0; i < count; i++) {
		int field = FIRST_MOMENT_FIELD + i;
		if (form_error_of(f, field)) {
			parsed = false;
		} else if (!brussels_parse(form_value(f, field), slots[i])) {
			form_error(f, field, "Geef een datum en een uur in, bijvoorbeeld 01/09/2026 12:00.");
			parsed = false;
		}
	}
	const char *moment = NULL, *problem = parsed ? campaign_timing_problem(c, &moment) : NULL;
	if (problem)
		timing_error(f, moment, problem);
}

/* Whether id is a care service's (active or not). */
static bool is_service(struct req *r, long long id)
{
	struct scope s = scope_of(r);
	struct org_row org;
	return org_get(&s, id, r->arena, &org) && strcmp(org.fields.kind, "service") == 0;
}

/* Reads the ticked services into an arena array; every id must be a care service. */
static long long *services_from_form(struct req *r, struct form *f, size_t *count)
{
	const char *v = form_value(f, CAMPAIGN_SERVICES);
	size_t n = *v ? 1 : 0;
	for (const char *p = v; *p; p++)
		n += *p == ',';
	long long *ids = arena_alloc(r->arena, (n ? n : 1) * sizeof *ids);
	*count = 0;
	for (const char *p = v; *p;) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p || (*end && *end != ',') || !is_service(r, id)) {
			form_error(f, CAMPAIGN_SERVICES, "Deze dienst bestaat niet (meer). Herlaad de pagina en kies opnieuw.");
			return ids;
		}
		ids[(*count)++] = id;
		p = *end ? end + 1 : end;
	}
	return ids;
}

/* The services as checkbox options; the ticked ones go into the form unless it has values. */
static struct option *service_options(struct req *r, struct form *f, long long campaign_id, bool tick_all)
{
	struct option_list l = {.arena = r->arena};
	struct buf ticked = {0};
	struct scope s = scope_of(r);
	size_t n;
	const struct campaign_service_choice *choices = campaign_service_choices(&s, campaign_id, r->arena, &n);
	for (size_t i = 0; i < n; i++) {
		const struct campaign_service_choice *c = &choices[i];
		if (!c->active && !c->member)
			continue;
		const char *id = arena_printf(r->arena, "%lld", c->id);
		option_list_add(&l, id, c->active ? c->name : arena_printf(r->arena, "%s (gedeactiveerd)", c->name));
		if (c->member || (tick_all && c->active))
			buf_printf(&ticked, "%s%s", ticked.len ? "," : "", id);
	}
	if (f)
		form_set(f, CAMPAIGN_SERVICES, ticked.data);
	buf_free(&ticked);
	return l.items;
}

static struct option *programme_options(struct req *r)
{
	struct option_list l = {.arena = r->arena};
	option_list_add(&l, "", "Kies een opleiding");
	struct scope s = scope_of(r);
	size_t n;
	const struct programme_row *programmes = campaign_programmes(&s, r->arena, &n);
	for (size_t i = 0; i < n; i++)
		option_list_add(&l, programmes[i].code, programmes[i].name);
	return l.items;
}

/* The form for a new campaign (c NULL) or for campaign c. */
static void render_campaign_form(struct req *r, struct form *f, const struct campaign *c,
                                 const struct option *services, const char *title, const char *intro)
{
	page_begin(r, title);
	struct buf *out = &r->body;
	html(out, "<p><a href=\"/beheer/campagnes\">← Opleidingen en timing</a></p><h1>%s</h1>", title);
	if (intro)
		html(out, "<p class=\"lead\">%s</p>", intro);
	if (c)
		html(out, "<p class=\"muted\">Status nu: %s.</p>", admin_campaign_status(r, c, clock_now()));
	html(out, "<div class=\"card\">");
	if (c) {
		form_begin(out, r, f, arena_printf(r->arena, "/beheer/campagnes/%lld", c->id));
	} else {
		form_begin(out, r, f, "/beheer/campagnes");
		form_field(out, f, CAMPAIGN_PROGRAMME, programme_options(r));
		form_field(out, f, CAMPAIGN_SCHOOL_YEAR, NULL);
		form_field(out, f, CAMPAIGN_COPY_OF, NULL);
	}
	html(out, "<h2>Momenten (Brusselse tijd)</h2>");
	for (int i = 0; i < 5; i++)
		form_field(out, f, FIRST_MOMENT_FIELD + i, NULL);
	if (c && c->round == 2) {
		html(out, "<h2>Tweede ronde</h2>");
		form_field(out, f, CAMPAIGN_SECOND_ROUND_OPENS_AT, NULL);
		form_field(out, f, CAMPAIGN_SECOND_ROUND_CLOSES_AT, NULL);
	}
	if (services)
		form_field(out, f, CAMPAIGN_SERVICES, services);
	else
		html(out, "<p class=\"wide\">Er zijn nog geen diensten. <a href=\"/beheer/organisaties\">Voeg ze toe</a> "
		          "en duid ze daarna hier aan.</p>");
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Opslaan</button>"
	          "<a href=\"/beheer/campagnes\">Annuleren</a></div>");
	form_end(out);
	html(out, "</div>");
	page_end(r);
}

static void new_campaign_form(struct req *r, struct campaign *c, const char *programme_code, long long services_of,
                              const char *title, const char *intro)
{
	struct form f;
	form_init(&f, r->arena, campaign_fields, CAMPAIGN__FIELDS);
	form_set(&f, CAMPAIGN_PROGRAMME, programme_code);
	form_set(&f, CAMPAIGN_SCHOOL_YEAR, c->school_year);
	moments_to_form(&f, c);
	if (services_of)
		form_set(&f, CAMPAIGN_COPY_OF, arena_printf(r->arena, "%lld", services_of));
	struct option *services = service_options(r, &f, services_of, services_of == 0);
	render_campaign_form(r, &f, NULL, services, title, intro);
}

void admin_campaign_new(struct req *r)
{
	const char *code = req_query(r, "opleiding");
	struct campaign latest, c = {0};
	int year;
	if (code && campaign_latest_for_programme(code, &latest)) {
		year = school_year_start(latest.school_year) + 1;
	} else {
		char now[17];
		brussels_format_input(clock_now(), now);
		year = atoi(now);
	}
	campaign_default_timing(year, &c);
	new_campaign_form(r, &c, code, 0, "Nieuwe campagne",
	                  "De momenten staan op de standaardtiming van de handleiding; pas ze aan waar nodig.");
}

void admin_campaign_copy(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, false))
		return;
	char from[10];
	memcpy(from, c.school_year, sizeof from);
	long long source = c.id;
	campaign_shift_years(&c, 1);
	c.round = 1;
	c.second_round_opens_at = c.second_round_closes_at = 0;
	new_campaign_form(r, &c, c.programme_code, source,
	                  arena_printf(r->arena, "Kopie van campagne %s", from),
	                  arena_printf(r->arena,
	                               "Alle momenten van %s een jaar later, op dezelfde uren, met dezelfde "
	                               "deelnemende diensten. Controleer ze en bewaar.",
	                               from));
}

static bool mail_second_round(struct req *r, const struct campaign *c);

struct campaign_write {
	struct req *r;
	struct campaign *c;
	const long long *services; /* NULL: the services stay as they are */
	size_t n_services;
	const char *action; /* "campaign_create", "campaign_update", "second_round_open" */
	long long copy_of;  /* a new campaign copied from this one: its places too */
};

static int write_campaign(void *ctx)
{
	struct campaign_write *w = ctx;
	struct campaign *c = w->c;
	bool create = strcmp(w->action, "campaign_create") == 0;
	struct scope s = scope_of(w->r);
	if (create ? !(c->id = campaign_insert(&s, c)) : campaign_update(&s, c) != DB_DONE)
		return DB_ERROR;
	if (w->services && campaign_set_services(&s, c->id, w->services, w->n_services) != DB_DONE)
		return DB_ERROR;
	if (create && w->copy_of && places_copy(s, w->copy_of, c->id) < 0)
		return DB_ERROR;
	if (strcmp(w->action, "second_round_open") == 0 && !mail_second_round(w->r, c))
		return DB_ERROR;
	const char *detail = create ? arena_printf(w->r->arena, "campaign=%lld %s %s", c->id, c->programme_code,
	                                           c->school_year)
	                            : arena_printf(w->r->arena, "campaign=%lld round=%d", c->id, c->round);
	return audit(w->r, w->action, 0, detail) ? DB_DONE : DB_ERROR;
}

/* Creates or writes c (its moments, and its services when given) with an audit line; the
 * second round also tells the services. One transaction; false after a database error. */
static bool save_campaign(struct req *r, struct campaign *c, const long long *services, size_t n_services,
                          const char *action)
{
	struct campaign_write w = {r, c, services, n_services, action, 0};
	return db_tx(write_campaign, &w) == DB_DONE;
}

void admin_campaign_create(struct req *r)
{
	struct form f;
	form_init(&f, r->arena, campaign_fields, CAMPAIGN__FIELDS);
	form_read(&f, r);
	struct campaign c = {.round = 1};
	struct scope s = scope_of(r);
	c.programme_id = campaign_programme_id(&s, form_value(&f, CAMPAIGN_PROGRAMME));
	snprintf(c.programme_code, sizeof c.programme_code, "%s", form_value(&f, CAMPAIGN_PROGRAMME));
	if (!form_error_of(&f, CAMPAIGN_PROGRAMME) && !c.programme_id)
		form_error(&f, CAMPAIGN_PROGRAMME, "Kies een opleiding.");
	int year = school_year_start(form_value(&f, CAMPAIGN_SCHOOL_YEAR));
	if (!form_error_of(&f, CAMPAIGN_SCHOOL_YEAR) && (year < 2000 || year > 2100))
		form_error(&f, CAMPAIGN_SCHOOL_YEAR, "Geef het schooljaar in als twee opeenvolgende jaren, bv. 2027-2028.");
	else if (year > 0)
		school_year_name(year, c.school_year);
	moments_from_form(&f, &c);
	size_t n_services;
	long long *services = services_from_form(r, &f, &n_services);
	if (form_ok(&f) && campaign_find(&s, c.programme_id, c.school_year))
		form_error(&f, CAMPAIGN_SCHOOL_YEAR,
		           "Voor deze opleiding bestaat al een campagne in dit schooljaar. Pas die aan, of kies een "
		           "ander schooljaar.");
	if (!form_ok(&f)) {
		render_campaign_form(r, &f, NULL, service_options(r, NULL, 0, false), "Nieuwe campagne", NULL);
		return;
	}
	struct campaign_write w = {r, &c, services, n_services, "campaign_create",
	                           strtoll(form_value(&f, CAMPAIGN_COPY_OF), NULL, 10)};
	if (db_tx(write_campaign, &w) != DB_DONE) {
		form_save_failed(r, &f);
		render_campaign_form(r, &f, NULL, service_options(r, NULL, 0, false), "Nieuwe campagne", NULL);
		return;
	}
	flash_set(r, arena_printf(r->arena, "Campagne %s aangemaakt.", c.school_year));
	resp_redirect(r, "/beheer/campagnes");
}

static const char *campaign_title(struct req *r, const struct campaign *c)
{
	return arena_printf(r->arena, "%s %s", c->programme_name, c->school_year);
}

bool admin_campaign_of_route(struct req *r, struct campaign *c, bool editable)
{
	if (!campaign_load(req_id(r, 0), c)) {
		resp_not_found(r);
		return false;
	}
	if (editable && c->personal_data_removed_at) {
		resp_error(r, 409, "De persoonsgegevens van deze campagne zijn verwijderd; ze kan niet meer "
		                   "aangepast worden.");
		return false;
	}
	return true;
}

void admin_campaign_edit(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, true))
		return;
	struct form f;
	form_init(&f, r->arena, campaign_fields, CAMPAIGN__FIELDS);
	moments_to_form(&f, &c);
	struct option *services = service_options(r, &f, c.id, false);
	render_campaign_form(r, &f, &c, services, campaign_title(r, &c), NULL);
}


void admin_campaign_save(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, true))
		return;
	struct form f;
	form_init(&f, r->arena, campaign_fields, CAMPAIGN__FIELDS);
	form_read(&f, r);
	/* Programme and school year are fixed once the campaign exists. */
	form_set(&f, CAMPAIGN_PROGRAMME, c.programme_code);
	form_set(&f, CAMPAIGN_SCHOOL_YEAR, c.school_year);
	f.errors[0] = f.errors[1] = NULL;
	moments_from_form(&f, &c);
	size_t n_services;
	long long *services = services_from_form(r, &f, &n_services);
	if (!form_ok(&f)) {
		struct campaign shown;
		campaign_load(c.id, &shown);
		render_campaign_form(r, &f, &shown, service_options(r, NULL, c.id, false), campaign_title(r, &c), NULL);
		return;
	}
	if (!save_campaign(r, &c, services, n_services, "campaign_update")) {
		struct campaign shown;
		campaign_load(c.id, &shown);
		form_save_failed(r, &f);
		render_campaign_form(r, &f, &shown, service_options(r, NULL, c.id, false), campaign_title(r, &c), NULL);
		return;
	}
	flash_set(r, arena_printf(r->arena, "Campagne %s bewaard.", campaign_title(r, &c)));
	resp_redirect(r, "/beheer/campagnes");
}

/* ---- The second round ------------------------------------------------------------ */

enum second_round_field {
	ROUND2_OPENS_AT, ROUND2_CLOSES_AT, ROUND2__FIELDS,
};
static const struct field second_round_fields[] = {
	[ROUND2_OPENS_AT] = {"second_round_opens_at", "Tweede ronde opent", FIELD_DATETIME, FIELD_REQUIRED, 32, NULL, NULL},
	[ROUND2_CLOSES_AT] = {"second_round_closes_at", "Tweede ronde sluit", FIELD_DATETIME, FIELD_REQUIRED, 32,
	 "Tot dan kunnen de diensten deze leerlingen aanvaarden.", NULL},
};
FORM_TABLE(second_round_fields, ROUND2__FIELDS);

static void render_second_round(struct req *r, struct form *f, const struct campaign *c)
{
	const char *title = arena_printf(r->arena, "Tweede ronde: %s", campaign_title(r, c));
	page_begin(r, title);
	struct buf *out = &r->body;
	struct scope s = scope_of(r);
	long long open = progress_open_count(&s, c->id);
	long long services = campaign_service_count(&s, c->id);
	html(out, "<p><a href=\"/beheer/campagnes\">← Opleidingen en timing</a></p><h1>%s</h1>", title);
	html(out, "<p class=\"lead\">%lld leerlingen hebben nog geen stageplaats. In de tweede ronde zien alle %lld "
	          "deelnemende diensten hen, uit heel Vlaanderen, en kunnen ze hen aanvaarden. De diensten krijgen "
	          "een e-mail.</p>",
	     open, services);
	html(out, "<div class=\"card\">");
	form_begin(out, r, f, arena_printf(r->arena, "/beheer/campagnes/%lld/tweede-ronde", c->id));
	form_field(out, f, ROUND2_OPENS_AT, NULL);
	form_field(out, f, ROUND2_CLOSES_AT, NULL);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Tweede ronde openen</button>"
	          "<a href=\"/beheer/campagnes\">Annuleren</a></div>");
	form_end(out);
	html(out, "</div>");
	page_end(r);
}

/* The campaign of a second-round request, if a second round can be opened for it now. */
static bool second_round_campaign(struct req *r, struct campaign *c)
{
	if (!admin_campaign_of_route(r, c, true))
		return false;
	if (!campaign_second_round_possible(c, clock_now())) {
		char closes[17];
		brussels_format(c->handling_closes_at, closes);
		resp_error(r, 409,
		           c->round == 2 ? "Deze campagne heeft al een tweede ronde. Pas haar momenten aan bij de "
		                           "campagne."
		                         : arena_printf(r->arena, "Een tweede ronde kan pas als de behandeling gesloten "
		                                                  "is (%s).",
		                                        closes));
		return false;
	}
	return true;
}

void admin_second_round_show(struct req *r)
{
	struct campaign c;
	if (!second_round_campaign(r, &c))
		return;
	struct form f;
	form_init(&f, r->arena, second_round_fields, ROUND2__FIELDS);
	long long opens = (clock_now() / 3600 + 1) * 3600;
	char v[17];
	brussels_format_input(opens, v);
	form_set(&f, ROUND2_OPENS_AT, v);
	brussels_format_input(opens + 14 * 86400, v);
	form_set(&f, ROUND2_CLOSES_AT, v);
	render_second_round(r, &f, &c);
}

/* Tells the users of the participating services, in the transaction of the change. */
static bool mail_second_round(struct req *r, const struct campaign *c)
{
	char opens[17], closes[17];
	brussels_format(c->second_round_opens_at, opens);
	brussels_format(c->second_round_closes_at, closes);
	struct scope s = scope_of(r);
	long long open = progress_open_count(&s, c->id);
	const char *subject = arena_printf(r->arena, "Tweede ronde stageaanvragen %s", campaign_title(r, c));
	const char *body = arena_printf(
		r->arena,
		"Goeddag,\n\nVoor %s opent een tweede ronde. Van %s tot %s zie je in stagematch alle leerlingen "
		"die nog geen stageplaats hebben, uit heel Vlaanderen, en kan je hen aanvaarden. Nu zijn dat er "
		"%lld.\n\n%s/aanvragen\n\nMet vriendelijke groeten,\nDe coördinatie stages\n",
		campaign_title(r, c), opens, closes, open, cfg.base_url ? cfg.base_url : "");
	size_t n;
	const char **to = campaign_service_addresses(&s, c->id, r->arena, &n);
	for (size_t i = 0; i < n; i++)
		if (mail_queue_about(&c->id, 1, to[i], subject, body) != 0)
			return false;
	return true;
}

void admin_second_round_open(struct req *r)
{
	struct campaign c;
	if (!second_round_campaign(r, &c))
		return;
	struct form f;
	form_init(&f, r->arena, second_round_fields, ROUND2__FIELDS);
	form_read(&f, r);
	c.round = 2;
	long long *slots[2] = {&c.second_round_opens_at, &c.second_round_closes_at};
	for (int i = 0; i < 2; i++)
		if (!form_error_of(&f, ROUND2_OPENS_AT + i) &&
		    !brussels_parse(form_value(&f, ROUND2_OPENS_AT + i), slots[i]))
			form_error(&f, ROUND2_OPENS_AT + i, "Geef een datum en een uur in, bijvoorbeeld 21/10/2026 12:00.");
	const char *moment = NULL, *problem = form_ok(&f) ? campaign_timing_problem(&c, &moment) : NULL;
	if (problem)
		timing_error(&f, moment, problem);
	if (!form_ok(&f)) {
		c.round = 1;
		render_second_round(r, &f, &c);
		return;
	}
	if (!save_campaign(r, &c, NULL, 0, "second_round_open")) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, arena_printf(r->arena, "De tweede ronde voor %s is ingesteld.", campaign_title(r, &c)));
	resp_redirect(r, "/beheer/campagnes");
}
