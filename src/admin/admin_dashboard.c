/*
 * "Voortgang": the progress of one campaign. A pupil is exactly one of: accepted (a
 * service took them), open (nobody yet), stopped (left the programme; counted as stopped
 * even when accepted).
 *
 * The counts come from src/store/progress_store.c in one pass: the campaign's pupils grouped by
 * school, province and preference; the totals, the per-school, per-province and
 * per-preference tables are sums of those groups; the services' accepted counts are one more
 * GROUP BY, and the other programmes' campaigns of the same school year one more.
 */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "export.h"
#include "html.h"
#include "layout.h"
#include "nn_probe.h"
#include "orgs.h"
#include "progress_store.h"
#include "scope.h"

#define PAGE_SIZE 50

static void tally_add(struct progress_tally *to, const struct progress_tally *t)
{
	to->registered += t->registered;
	to->accepted += t->accepted;
	to->open += t->open;
	to->stopped += t->stopped;
}

/* A row of a table: a school, a province or a service, with its counts. */
struct line {
	long long id;
	const char *name;
	struct progress_tally t;
	long long capacity, used;       /* services */
	long long withdrawn, withdrawn_after_private, withdrawals_pending;   /* services */
	bool takes_part;                /* services */
};

struct lines {
	struct line *items;
	size_t count, cap;
};

static struct line *lines_add(struct req *r, struct lines *l, long long id, const char *name)
{
	l->items = arena_grow(r->arena, l->items, l->count, &l->cap, sizeof *l->items, 1);
	struct line *x = &l->items[l->count++];
	memset(x, 0, sizeof *x);
	x->id = id;
	x->name = arena_strdup(r->arena, name);
	return x;
}

static struct line *lines_find(struct lines *l, long long id, const char *name)
{
	for (size_t i = 0; i < l->count; i++)
		if (name ? strcmp(l->items[i].name, name) == 0 : l->items[i].id == id)
			return &l->items[i];
	return NULL;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct line *)a)->name, ((const struct line *)b)->name);
}

struct progress {
	struct progress_tally total;
	struct lines schools, provinces, services;
	struct progress_tally no_preference;
};

/* Counts the campaign's pupils in one pass (see the top of this file). */
static void count_progress(struct req *r, long long campaign_id, struct progress *pg)
{
	memset(pg, 0, sizeof *pg);
	struct scope s = scope_of(r);
	size_t n;
	const struct progress_service *services = progress_services(&s, campaign_id, r->arena, &n);
	for (size_t i = 0; i < n; i++) {
		struct line *x = lines_add(r, &pg->services, services[i].id, services[i].name);
		x->capacity = services[i].capacity;
		x->used = services[i].accepted;
		x->takes_part = services[i].takes_part;
		x->withdrawn = services[i].withdrawn;
		x->withdrawn_after_private = services[i].withdrawn_after_private;
		x->withdrawals_pending = services[i].withdrawals_pending;
	}

	const struct progress_group *groups = progress_groups(&s, campaign_id, r->arena, &n);
	struct line *school = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct progress_group *g = &groups[i];
		tally_add(&pg->total, &g->t);
		if (!school || school->id != g->school_id)   /* the groups come by school */
			school = lines_add(r, &pg->schools, g->school_id, "");
		tally_add(&school->t, &g->t);
		struct line *prov = lines_find(&pg->provinces, 0, g->province);
		tally_add(&(prov ? prov : lines_add(r, &pg->provinces, 0, g->province))->t, &g->t);
		if (!g->preference_service_id) {
			tally_add(&pg->no_preference, &g->t);
		} else {
			struct line *service = lines_find(&pg->services, g->preference_service_id, NULL);
			if (service)   /* a preference for a service outside the campaign is not listed */
				tally_add(&service->t, &g->t);
		}
	}
	for (size_t i = 0; i < pg->schools.count; i++) {
		struct org_row org;
		if (org_get(&s, pg->schools.items[i].id, r->arena, &org))
			pg->schools.items[i].name = org.fields.name;
	}
	qsort(pg->schools.items, pg->schools.count, sizeof *pg->schools.items, by_name);
	qsort(pg->provinces.items, pg->provinces.count, sizeof *pg->provinces.items, by_name);
}

static void tally_table(struct req *r, const char *title, const char *id, const char *first, const struct lines *l)
{
	struct buf *out = &r->body;
	html(out, "<section class=\"card\"><h2 id=\"%s\">%s</h2>", id, title);
	html(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s\"><table><thead><tr>"
	          "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">Geregistreerd</th>"
	          "<th scope=\"col\" class=\"num\">Aanvaard</th><th scope=\"col\" class=\"num\">Open</th>"
	          "<th scope=\"col\" class=\"num\">Gestopt</th></tr></thead><tbody>",
	     id, first);
	for (size_t i = 0; i < l->count; i++) {
		const struct progress_tally *t = &l->items[i].t;
		html(out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		          "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
		     l->items[i].name, t->registered, t->accepted, t->open, t->stopped);
	}
	html(out, "</tbody></table></div></section>");
}

/* The campaigns of the same school year side by side, each a link to its own progress. */
static void programme_table(struct req *r, const struct campaign *c, const struct progress_tally *shown)
{
	struct buf *out = &r->body;
	html(out, "<section class=\"card\"><h2 id=\"per-opleiding\">Per opleiding (schooljaar %s)</h2>"
	          "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"per-opleiding\"><table>"
	          "<thead><tr><th scope=\"col\">Opleiding</th><th scope=\"col\" class=\"num\">Geregistreerd</th>"
	          "<th scope=\"col\" class=\"num\">Aanvaard</th><th scope=\"col\" class=\"num\">Open</th>"
	          "<th scope=\"col\" class=\"num\">Gestopt</th></tr></thead><tbody>",
	     c->school_year);
	struct scope s = scope_of(r);
	size_t n;
	const struct progress_programme *rows = progress_per_programme(&s, c->school_year, c->id, r->arena, &n);
	for (size_t i = 0; i < n; i++) {
		bool this = rows[i].campaign_id == c->id;
		const struct progress_tally *t = this ? shown : &rows[i].t;
		html(out, this ? "<tr><th scope=\"row\"><a href=\"/beheer?campagne=%lld\" aria-current=\"page\">%s</a></th>"
		               : "<tr><th scope=\"row\"><a href=\"/beheer?campagne=%lld\">%s</a></th>",
		     rows[i].campaign_id, rows[i].programme);
		html(out, "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		          "<td class=\"num\">%lld</td></tr>",
		     t->registered, t->accepted, t->open, t->stopped);
	}
	html(out, "</tbody></table></div></section>");
}

static void service_table(struct req *r, const struct progress *pg)
{
	struct buf *out = &r->body;
	html(out, "<section class=\"card\"><h2 id=\"per-dienst\">Per dienst</h2>"
	          "<p class=\"muted\">Aanvaard: leerlingen die de dienst aanvaardde (zonder wie stopte). Voorkeur: "
	          "leerlingen die de dienst als voorkeur kozen; waarvan open: die nog niemand aanvaardde. "
	          "Ingetrokken: aanvaardingen die de dienst weer introk, waarvan na inzage van de persoonsgegevens "
	          "van de leerling; wachtende aanvragen beslis je bij <a href=\"/beheer/intrekkingen\">Intrekken "
	          "aanvragen</a>.</p>"
	          "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"per-dienst\"><table><thead>"
	          "<tr><th scope=\"col\">Dienst</th>"
	          "<th scope=\"col\" class=\"num\">Aanvaard</th><th scope=\"col\" class=\"num\">Capaciteit</th>"
	          "<th scope=\"col\">Capaciteit gebruikt</th><th scope=\"col\" class=\"num\">Voorkeur</th>"
	          "<th scope=\"col\" class=\"num\">Waarvan open</th><th scope=\"col\" class=\"num\">Ingetrokken</th>"
	          "<th scope=\"col\" class=\"num\">Na inzage persoonsgegevens</th>"
	          "<th scope=\"col\" class=\"num\">Intrekking aangevraagd</th></tr></thead><tbody>");
	for (size_t i = 0; i < pg->services.count; i++) {
		const struct line *x = &pg->services.items[i];
		html(out, "<tr><th scope=\"row\">%s%s</th><td class=\"num\">%lld</td>", x->name,
		     x->takes_part ? "" : " (neemt niet deel)", x->used);
		if (x->capacity > 0)
			html(out, "<td class=\"num\">%lld</td><td><meter min=\"0\" max=\"%lld\" value=\"%lld\" "
			          "aria-label=\"Capaciteit gebruikt door %s\"></meter> %lld%%%s</td>",
			     x->capacity, x->capacity, x->used < x->capacity ? x->used : x->capacity, x->name,
			     x->used * 100 / x->capacity, x->used > x->capacity ? " (boven capaciteit)" : "");
		else
			html(out, "<td class=\"num\">—</td><td>niet opgegeven</td>");
		html(out, "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		          "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
		     x->t.registered, x->t.open, x->withdrawn, x->withdrawn_after_private, x->withdrawals_pending);
	}
	html(out, "<tr><th scope=\"row\">Geen voorkeur</th><td class=\"num\">—</td><td class=\"num\">—</td><td></td>"
	          "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">—</td>"
	          "<td class=\"num\">—</td><td class=\"num\">—</td></tr>",
	     pg->no_preference.registered, pg->no_preference.open);
	html(out, "</tbody></table></div></section>");
}

static void open_list(struct req *r, const struct campaign *c, long long open)
{
	struct buf *out = &r->body;
	const char *v = req_query(r, "pagina");
	long long pages = (open + PAGE_SIZE - 1) / PAGE_SIZE, page = v ? atoll(v) : 1;
	if (page < 1 || page > pages)
		page = 1;
	html(out, "<section class=\"card\"><div class=\"toolbar\">"
	          "<h2 id=\"open\">Nog door niemand aanvaard (%lld)</h2><span class=\"spacer\"></span>",
	     open);
	if (open)
		html(out, "<a class=\"btn btn-light\" href=\"/beheer/open.csv?campagne=%lld\" download>Exporteer CSV</a>",
		     c->id);
	html(out, "</div>");
	if (!open) {
		html(out, "<p class=\"empty\">Elke leerling is aanvaard of gestopt.</p></section>");
		return;
	}
	html(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"open\"><table><thead><tr>"
	          "<th scope=\"col\">Leerling</th><th scope=\"col\">School"
	          "</th><th scope=\"col\">Woonplaats</th><th scope=\"col\">Provincie</th><th scope=\"col\">Voorkeur</th>"
	          "</tr></thead><tbody>");
	struct scope s = scope_of(r);
	size_t n;
	const struct progress_open_pupil *pupils =
		progress_open_page(&s, c->id, PAGE_SIZE, (page - 1) * PAGE_SIZE, r->arena, &n);
	for (size_t i = 0; i < n; i++) {
		const struct progress_open_pupil *o = &pupils[i];
		html(out, "<tr><th scope=\"row\">%s %s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		     o->last_name, o->first_name, o->school, o->city, o->province,
		     o->preference ? o->preference : "geen voorkeur");
	}
	html(out, "</tbody></table></div>");
	if (pages > 1) {
		html(out, "<nav class=\"pager\" aria-label=\"Paginering\"><p>Pagina %lld van %lld</p>", page, pages);
		if (page > 1)
			html(out, "<a href=\"/beheer?campagne=%lld&amp;pagina=%lld#open\">Vorige</a>", c->id, page - 1);
		if (page < pages)
			html(out, " <a href=\"/beheer?campagne=%lld&amp;pagina=%lld#open\">Volgende</a>", c->id, page + 1);
		html(out, "</nav>");
	}
	html(out, "</section>");
}

void admin_dashboard(struct req *r)
{
	page_begin(r, "Voortgang");
	struct buf *out = &r->body;
	struct campaign c;
	if (!admin_campaign_from_query(r, &c)) {
		html(out, "<h1>Voortgang</h1><p class=\"empty\">Er is nog geen campagne. Maak er een aan bij "
		          "<a href=\"/beheer/campagnes\">Opleidingen en timing</a>.</p>");
		page_end(r);
		return;
	}
	html(out, "<div class=\"toolbar\"><h1>Voortgang</h1><span class=\"spacer\"></span>");
	admin_campaign_picker(r, &c, "/beheer");
	html(out, "</div><p class=\"lead\">%s %s — %s.</p>", c.programme_name, c.school_year,
	     admin_campaign_status(r, &c, clock_now()));
	nn_probe_alert(r);
	struct progress pg;
	count_progress(r, c.id, &pg);
	html(out, "<dl class=\"stats\"><div><dt>Geregistreerd</dt><dd>%lld</dd></div><div><dt>Aanvaard</dt>"
	          "<dd>%lld</dd></div><div><dt>Open</dt><dd>%lld</dd></div><div><dt>Gestopt</dt><dd>%lld</dd></div></dl>",
	     pg.total.registered, pg.total.accepted, pg.total.open, pg.total.stopped);
	if (c.personal_data_removed_at)
		html(out, "<p class=\"muted\">De persoonsgegevens van deze campagne zijn verwijderd; de aantallen "
		          "blijven.</p>");
	programme_table(r, &c, &pg.total);
	tally_table(r, "Per school", "per-school", "School", &pg.schools);
	service_table(r, &pg);
	tally_table(r, "Per provincie", "per-provincie", "Provincie (woonplaats)", &pg.provinces);
	open_list(r, &c, pg.total.open);
	page_end(r);
}

/* ---- The open pupils as CSV ------------------------------------------------------ */

static const char *registered_on(const void *row, char scratch[EXPORT_SCRATCH])
{
	char local[17];
	brussels_format_input(((const struct progress_open_export *)row)->created_at, local);
	snprintf(scratch, EXPORT_SCRATCH, "%.10s", local);
	return scratch;
}

#define OPEN(member) EXPORT_MEMBER(struct progress_open_export, member)
static const struct export_column open_columns[] = {
	{"Achternaam", EXPORT_TEXT, OPEN(last_name)},
	{"Voornaam", EXPORT_TEXT, OPEN(first_name)},
	{"School", EXPORT_TEXT, OPEN(school)},
	{"Postcode", EXPORT_TEXT, OPEN(postcode)},
	{"Plaats", EXPORT_TEXT, OPEN(city)},
	{"Provincie", EXPORT_TEXT, OPEN(province)},
	{"Voorkeur", EXPORT_TEXT, OPEN(preference)},
	{"Stage-/werkplekbegeleider", EXPORT_TEXT, OPEN(contact)},
	{"Telefoon begeleider", EXPORT_TEXT, OPEN(contact_phone)},
	{"E-mail begeleider", EXPORT_TEXT, OPEN(contact_email)},
	{"Geregistreerd op", EXPORT_DATE, EXPORT_GETTER(registered_on)},
};

static int open_next(void *ctx, void *row)
{
	return progress_open_next(ctx, row);
}

static void cursor_finish(void *ctx)
{
	db_cursor_close(ctx);
}

void admin_open_export(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_from_query(r, &c)) {
		resp_not_found(r);
		return;
	}
	struct scope s = scope_of(r);
	struct db_stmt *cursor = progress_open_cursor(&s, c.id);
	if (!cursor) {
		resp_error(r, 500, NULL);
		return;
	}
	audit(r, "open_students_export", 0, arena_printf(r->arena, "campaign=%lld", c.id));
	char today[17];
	brussels_format_input(clock_now(), today);
	struct export_source src = {open_columns, sizeof open_columns / sizeof open_columns[0], sizeof(struct progress_open_export),
	                            open_next, cursor_finish, cursor};
	export_csv(r, &src, arena_printf(r->arena, "Niet aanvaard - %s %s - %.10s.csv", c.programme_name,
	                                 c.school_year, today));
}
