/*
 * "Voortgang": the progress of one campaign. A pupil is exactly one of: accepted (a
 * service took them), open (nobody yet), stopped (left the programme; counted as stopped
 * even when accepted).
 *
 * The counts come from SQL in one pass: the campaign's pupils grouped by school, province
 * and preference, read from one index (students_progress) with one probe of placements
 * each; the totals, the per-school, per-province and per-preference tables are sums of
 * those groups; the services' accepted counts are one more GROUP BY, and the other
 * programmes' campaigns of the same school year one more. Measured on the 2-core machine
 * with `stagematch demo --scale 100000`: the whole page in about 100 ms (each pass over the
 * 100,000 pupils about 45 ms); the open list's first page is read without a sort.
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

#define PAGE_SIZE 50

static const char *SQL_GROUPS =
	"SELECT s.school_id, s.province, s.preference_service_id, COUNT(*),"
	" SUM(CASE WHEN s.stopped_at IS NULL AND p.id IS NOT NULL THEN 1 ELSE 0 END),"
	" SUM(CASE WHEN s.stopped_at IS NULL AND p.id IS NULL THEN 1 ELSE 0 END),"
	" SUM(CASE WHEN s.stopped_at IS NOT NULL THEN 1 ELSE 0 END)"
	" FROM students s LEFT JOIN placements p ON p.student_id = s.id WHERE s.campaign_id = ?"
	" GROUP BY s.school_id, s.province, s.preference_service_id";
/* Every programme's campaign of one school year, with its totals; not counted again for
 * the campaign shown (?2), whose totals are known. */
static const char *SQL_PER_PROGRAMME =
	"SELECT c.id, p.name, COUNT(s.id),"
	" COALESCE(SUM(CASE WHEN s.stopped_at IS NULL AND pl.id IS NOT NULL THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN s.id IS NOT NULL AND s.stopped_at IS NULL AND pl.id IS NULL THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN s.stopped_at IS NOT NULL THEN 1 ELSE 0 END), 0)"
	" FROM campaigns c JOIN programmes p ON p.id = c.programme_id"
	" LEFT JOIN students s ON s.campaign_id = c.id AND c.id <> ?2 LEFT JOIN placements pl ON pl.student_id = s.id"
	" WHERE c.school_year = ?1 GROUP BY c.id, p.name, p.position ORDER BY p.position";
static const char *SQL_SCHOOL_NAME = "SELECT name FROM organisations WHERE id = ?";
/* The services taking part, and any other service that accepted or withdrew a pupil of the
 * campaign; with their withdrawals (src/withdrawals.h): done, of which after private data
 * was shown, and waiting for the coordinator. */
static const char *SQL_SERVICES =
	"SELECT o.id, o.name, o.capacity, COALESCE(a.accepted, 0),"
	" EXISTS (SELECT 1 FROM campaign_services cs WHERE cs.campaign_id = ?1 AND cs.service_id = o.id),"
	" COALESCE(w.done, 0), COALESCE(w.after_private, 0), COALESCE(w.pending, 0)"
	" FROM organisations o"
	" LEFT JOIN (SELECT p.service_id AS id, COUNT(*) AS accepted FROM students s"
	"   JOIN placements p ON p.student_id = s.id WHERE s.campaign_id = ?1 AND s.stopped_at IS NULL"
	"   GROUP BY p.service_id) a ON a.id = o.id"
	" LEFT JOIN (SELECT service_id AS id, SUM(state = 'done') AS done,"
	"   SUM(state = 'done' AND private_data_shown = 1) AS after_private, SUM(state = 'pending') AS pending"
	"   FROM withdrawals WHERE campaign_id = ?1 GROUP BY service_id) w ON w.id = o.id"
	" WHERE o.kind = 'service' AND (a.id IS NOT NULL OR w.id IS NOT NULL"
	"   OR o.id IN (SELECT cs.service_id FROM campaign_services cs WHERE cs.campaign_id = ?1))"
	" ORDER BY o.name";
/* Schools in name order, each one's pupils in name order: page 1 is read without sorting
 * the whole list (CROSS JOIN keeps that join order). */
static const char *SQL_OPEN =
	"SELECT s.id, s.last_name, s.first_name, sc.name, s.city, s.province, pref.name"
	" FROM organisations sc CROSS JOIN students s"
	" LEFT JOIN organisations pref ON pref.id = s.preference_service_id"
	" WHERE sc.kind = 'school' AND s.school_id = sc.id AND s.campaign_id = ? AND s.stopped_at IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id)"
	" ORDER BY sc.name, s.last_name, s.first_name, s.id LIMIT ? OFFSET ?";

static const char *SQL_OPEN_EXPORT =
	"SELECT s.last_name, s.first_name, sc.name, s.postcode, s.city, s.province, COALESCE(pref.name, ''),"
	" ct.name, ct.phone, ct.email, s.created_at"
	" FROM organisations sc CROSS JOIN students s JOIN contacts ct ON ct.id = s.contact_id"
	" LEFT JOIN organisations pref ON pref.id = s.preference_service_id"
	" WHERE sc.kind = 'school' AND s.school_id = sc.id AND s.campaign_id = ? AND s.stopped_at IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id)"
	" ORDER BY sc.name, s.last_name, s.first_name, s.id";

struct tally {
	long long registered, accepted, open, stopped;
};

static void tally_add(struct tally *to, const struct tally *t)
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
	struct tally t;
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
	struct tally total;
	struct lines schools, provinces, services;
	struct tally no_preference;
};

/* Counts the campaign's pupils in one pass (see the top of this file). */
static void count_progress(struct req *r, long long campaign_id, struct progress *pg)
{
	memset(pg, 0, sizeof *pg);
	struct db_stmt *st = db_prepare(SQL_SERVICES);
	db_bind_int(st, 1, campaign_id);
	while (db_step(st) == DB_ROW) {
		struct line *x = lines_add(r, &pg->services, db_int(st, 0), db_text(st, 1));
		x->capacity = db_int(st, 2);
		x->used = db_int(st, 3);
		x->takes_part = db_int(st, 4) == 1;
		x->withdrawn = db_int(st, 5);
		x->withdrawn_after_private = db_int(st, 6);
		x->withdrawals_pending = db_int(st, 7);
	}
	db_reset(st);

	st = db_prepare(SQL_GROUPS);
	db_bind_int(st, 1, campaign_id);
	struct line *school = NULL;
	while (db_step(st) == DB_ROW) {
		struct tally t = {db_int(st, 3), db_int(st, 4), db_int(st, 5), db_int(st, 6)};
		tally_add(&pg->total, &t);
		long long school_id = db_int(st, 0);
		if (!school || school->id != school_id)   /* the groups come by school */
			school = lines_add(r, &pg->schools, school_id, "");
		tally_add(&school->t, &t);
		const char *province = db_text(st, 1);
		struct line *prov = lines_find(&pg->provinces, 0, province);
		tally_add(&(prov ? prov : lines_add(r, &pg->provinces, 0, province))->t, &t);
		if (db_is_null(st, 2)) {
			tally_add(&pg->no_preference, &t);
		} else {
			struct line *service = lines_find(&pg->services, db_int(st, 2), NULL);
			if (service)   /* a preference for a service outside the campaign is not listed */
				tally_add(&service->t, &t);
		}
	}
	db_reset(st);
	for (size_t i = 0; i < pg->schools.count; i++) {
		st = db_prepare(SQL_SCHOOL_NAME);
		db_bind_int(st, 1, pg->schools.items[i].id);
		if (db_step(st) == DB_ROW)
			pg->schools.items[i].name = arena_strdup(r->arena, db_text(st, 0));
		db_reset(st);
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
		const struct tally *t = &l->items[i].t;
		html(out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		          "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
		     l->items[i].name, t->registered, t->accepted, t->open, t->stopped);
	}
	html(out, "</tbody></table></div></section>");
}

/* The campaigns of the same school year side by side, each a link to its own progress. */
static void programme_table(struct req *r, const struct campaign *c, const struct tally *shown)
{
	struct buf *out = &r->body;
	html(out, "<section class=\"card\"><h2 id=\"per-opleiding\">Per opleiding (schooljaar %s)</h2>"
	          "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"per-opleiding\"><table>"
	          "<thead><tr><th scope=\"col\">Opleiding</th><th scope=\"col\" class=\"num\">Geregistreerd</th>"
	          "<th scope=\"col\" class=\"num\">Aanvaard</th><th scope=\"col\" class=\"num\">Open</th>"
	          "<th scope=\"col\" class=\"num\">Gestopt</th></tr></thead><tbody>",
	     c->school_year);
	struct db_stmt *st = db_prepare(SQL_PER_PROGRAMME);
	db_bind_text(st, 1, c->school_year);
	db_bind_int(st, 2, c->id);
	while (db_step(st) == DB_ROW) {
		struct tally t = {db_int(st, 2), db_int(st, 3), db_int(st, 4), db_int(st, 5)};
		if (db_int(st, 0) == c->id)
			t = *shown;
		html(out, db_int(st, 0) == c->id ? "<tr><th scope=\"row\"><a href=\"/beheer?campagne=%lld\" "
		                                   "aria-current=\"page\">%s</a></th>"
		                                 : "<tr><th scope=\"row\"><a href=\"/beheer?campagne=%lld\">%s</a></th>",
		     db_int(st, 0), db_text(st, 1));
		html(out, "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		          "<td class=\"num\">%lld</td></tr>",
		     t.registered, t.accepted, t.open, t.stopped);
	}
	db_reset(st);
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
	struct db_stmt *st = db_prepare(SQL_OPEN);
	db_bindv(st, "iii", c->id, (long long)PAGE_SIZE, (page - 1) * PAGE_SIZE);
	while (db_step(st) == DB_ROW)
		html(out, "<tr><th scope=\"row\">%s %s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		     db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4), db_text(st, 5),
		     db_is_null(st, 6) ? "geen voorkeur" : db_text(st, 6));
	db_reset(st);
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

struct open_row {
	const char *last_name, *first_name, *school, *postcode, *city, *province, *preference;
	const char *contact, *contact_phone, *contact_email;
	long long created_at;
};

static const char *registered_on(const void *row, char scratch[EXPORT_SCRATCH])
{
	char local[17];
	brussels_format_input(((const struct open_row *)row)->created_at, local);
	snprintf(scratch, EXPORT_SCRATCH, "%.10s", local);
	return scratch;
}

#define OPEN(member) EXPORT_MEMBER(struct open_row, member)
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
	int rc = db_step(ctx);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	struct open_row *o = row;
	const char **texts[] = {&o->last_name, &o->first_name, &o->school, &o->postcode, &o->city,
	                        &o->province, &o->preference, &o->contact, &o->contact_phone, &o->contact_email};
	for (int i = 0; i < 10; i++)
		*texts[i] = db_text(ctx, i);
	o->created_at = db_int(ctx, 10);
	return 1;
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
	struct db_stmt *st = db_cursor_open(SQL_OPEN_EXPORT);
	if (!st) {
		resp_error(r, 500, NULL);
		return;
	}
	db_bind_int(st, 1, c.id);
	audit(r, "open_students_export", 0, arena_printf(r->arena, "campaign=%lld", c.id));
	char today[17];
	brussels_format_input(clock_now(), today);
	struct export_source src = {open_columns, sizeof open_columns / sizeof open_columns[0], sizeof(struct open_row),
	                            open_next, cursor_finish, st};
	export_csv(r, &src, arena_printf(r->arena, "Niet aanvaard - %s %s - %.10s.csv", c.programme_name,
	                                 c.school_year, today));
}
