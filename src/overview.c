/*
 * The school's overview of a programme: "Overzicht studenten" with its counts, filter,
 * sortable columns and pages, and the same (filtered) list as CSV and .xlsx.
 *
 * What a care service answered reaches the school only once the campaign's results are
 * visible (campaign_school_sees_answers). The placement is joined only when the
 * first parameter of the query is 1, so before the results moment no status, site,
 * period, mentor or note can reach the page, the counts, the sort order or an export.
 */
#include "overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "audit.h"
#include "campaigns.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "domain.h"
#include "export.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "listing.h"
#include "mail.h"
#include "schools.h"
#include "validate.h"

enum status { STATUS_OPEN = 1, STATUS_ACCEPTED = 2, STATUS_STOPPED = 3 };

#define STATUS_SQL "CASE WHEN s.stopped_at IS NOT NULL THEN 3 WHEN p.id IS NOT NULL THEN 2 ELSE 1 END"

/* Parameter 1: whether the results are visible. */
#define FROM_SQL " FROM students s LEFT JOIN placements p ON p.student_id = s.id AND ? = 1"

/* Parameters 2-17, bound by bind_filter(). A period filter looks at the approved periods
 * of an accepted pupil and at the requested ones of the others. */
#define WHERE_SQL                                                                                  \
	" WHERE s.school_id = ? AND s.campaign_id = ?"                                             \
	" AND (? = 0 OR " STATUS_SQL " = ?)"                                                       \
	" AND (? = 0 OR s.contact_id = ?)"                                                         \
	" AND (? = '' OR s.last_name || ' ' || s.first_name LIKE ? ESCAPE '\\'"                    \
	"      OR s.first_name || ' ' || s.last_name LIKE ? ESCAPE '\\')"                         \
	" AND (? = 0 OR CASE WHEN p.id IS NULL"                                                    \
	"      THEN EXISTS (SELECT 1 FROM student_periods x"                                      \
	"                   WHERE x.student_id = s.id AND x.ends_on >= ? AND x.starts_on <= ?)"   \
	"      ELSE EXISTS (SELECT 1 FROM placement_periods y"                                    \
	"                   WHERE y.placement_id = p.id AND y.ends_on >= ? AND y.starts_on <= ?)" \
	"      END)"                                                                               \
	" AND (? = 0 OR (s.transport & ?) <> 0)"

#define PERIOD_JOIN(table, alias, key, n) \
	" LEFT JOIN " table " " alias " ON " alias "." key " = " n " AND " alias ".position = "

#define ROW_SQL                                                                                    \
	"SELECT s.id, " STATUS_SQL ", s.last_name, s.first_name, s.street, s.postcode, s.city,"      \
	" s.province, s.phone, s.email, s.transport, s.remarks, c.name, s.format, s.period_count,"  \
	" s.hours_per_week, s.total_hours, s.request_remarks, pref.name, s.stopped_at,"             \
	" sp1.starts_on, sp1.ends_on, sp2.starts_on, sp2.ends_on, sp3.starts_on, sp3.ends_on,"      \
	" sp4.starts_on, sp4.ends_on, sv.name, p.site, p.mentor_name, p.mentor_phone,"              \
	" p.mentor_email, p.notes, pp1.starts_on, pp1.ends_on, pp2.starts_on, pp2.ends_on,"         \
	" pp3.starts_on, pp3.ends_on, pp4.starts_on, pp4.ends_on, s.national_number_box"            \
	FROM_SQL                                                                                     \
	" JOIN contacts c ON c.id = s.contact_id"                                                    \
	" LEFT JOIN organisations pref ON pref.id = s.preference_service_id"                        \
	" LEFT JOIN organisations sv ON sv.id = p.service_id"                                        \
	PERIOD_JOIN("student_periods", "sp1", "student_id", "s.id") "1"                              \
	PERIOD_JOIN("student_periods", "sp2", "student_id", "s.id") "2"                              \
	PERIOD_JOIN("student_periods", "sp3", "student_id", "s.id") "3"                              \
	PERIOD_JOIN("student_periods", "sp4", "student_id", "s.id") "4"                              \
	PERIOD_JOIN("placement_periods", "pp1", "placement_id", "p.id") "1"                          \
	PERIOD_JOIN("placement_periods", "pp2", "placement_id", "p.id") "2"                          \
	PERIOD_JOIN("placement_periods", "pp3", "placement_id", "p.id") "3"                          \
	PERIOD_JOIN("placement_periods", "pp4", "placement_id", "p.id") "4"                          \
	WHERE_SQL

/* The rows in one order; parameters 18 and 19 are LIMIT and OFFSET. */
#define ROWS_BY(order) ROW_SQL " ORDER BY " order " LIMIT ? OFFSET ?"
#define BY_NAME "s.last_name, s.first_name, s.id"

/* The sortable columns, and for each the statement ascending and descending (same order). */
static const struct listing_sort sorts[] = {
	{"student", "Student"},
	{"status", "Status"},
	{"stageplek", "Stageplek"},
	{"stageperiode", "Stageperiode"},
	{"stagementor", "Stagementor"},
	{NULL, NULL},
};
static const char *const SQL_ROWS[][2] = {
	{ROWS_BY(BY_NAME), ROWS_BY("s.last_name DESC, s.first_name DESC, s.id DESC")},
	{ROWS_BY(STATUS_SQL ", " BY_NAME), ROWS_BY(STATUS_SQL " DESC, " BY_NAME)},
	{ROWS_BY("sv.name IS NULL, sv.name, p.site, " BY_NAME),
	 ROWS_BY("sv.name IS NULL, sv.name DESC, p.site DESC, " BY_NAME)},
	{ROWS_BY("pp1.starts_on IS NULL, pp1.starts_on, " BY_NAME),
	 ROWS_BY("pp1.starts_on IS NULL, pp1.starts_on DESC, " BY_NAME)},
	{ROWS_BY("COALESCE(p.mentor_name, '') = '', p.mentor_name, " BY_NAME),
	 ROWS_BY("COALESCE(p.mentor_name, '') = '', p.mentor_name DESC, " BY_NAME)},
};

static const char *SQL_COUNT = "SELECT COUNT(*)" FROM_SQL WHERE_SQL;
static const char *SQL_TOTALS =
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN " STATUS_SQL " = 2 THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN s.stopped_at IS NOT NULL THEN 1 ELSE 0 END), 0)"
	FROM_SQL " WHERE s.school_id = ? AND s.campaign_id = ?";

#define PER_PAGE 50

/* One pupil of the list, as the page and the exports read it. Strings point into the
 * database row (valid until the next step) or into the buffers at the end. */
struct pupil_row {
	long long id;
	int status;
	const char *status_text;
	const char *last_name, *first_name, *street, *postcode, *city, *province, *phone, *email;
	const char *transport, *remarks, *contact, *format, *period_count, *hours_per_week, *total_hours;
	const char *request_remarks, *preference, *stopped_on;
	const char *period_start[4], *period_end[4];
	const char *service, *site, *mentor_name, *mentor_phone, *mentor_email, *notes;
	const char *approved_start[4], *approved_end[4];
	const char *national_number;
	char transport_buf[96], stopped_buf[11], nn_buf[16];
};

/* Reads the current row; the national number only when with_nn (the school's export). */
static void read_row(struct db_stmt *st, struct pupil_row *row, bool with_nn)
{
	int col = 0;
	row->id = db_int(st, col++);
	row->status = (int)db_int(st, col++);
	row->status_text = row->status == STATUS_ACCEPTED ? "Aanvaard" : row->status == STATUS_STOPPED ? "Gestopt" : "";
	const char **text[] = {&row->last_name, &row->first_name, &row->street, &row->postcode, &row->city,
	                       &row->province, &row->phone, &row->email};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		*text[i] = db_text(st, col++);
	transport_labels((int)db_int(st, col++), row->transport_buf, sizeof row->transport_buf);
	row->transport = row->transport_buf;
	const char **request[] = {&row->remarks, &row->contact, &row->format, &row->period_count,
	                          &row->hours_per_week, &row->total_hours, &row->request_remarks, &row->preference};
	for (size_t i = 0; i < sizeof request / sizeof request[0]; i++)
		*request[i] = db_text(st, col++);
	row->stopped_buf[0] = 0;
	if (!db_is_null(st, col)) {
		char local[17];
		brussels_format_input(db_int(st, col), local);
		snprintf(row->stopped_buf, sizeof row->stopped_buf, "%.10s", local);
	}
	col++;
	row->stopped_on = row->stopped_buf;
	for (int i = 0; i < 4; i++) {
		row->period_start[i] = db_text(st, col++);
		row->period_end[i] = db_text(st, col++);
	}
	const char **placement[] = {&row->service, &row->site, &row->mentor_name, &row->mentor_phone,
	                            &row->mentor_email, &row->notes};
	for (size_t i = 0; i < sizeof placement / sizeof placement[0]; i++)
		*placement[i] = db_text(st, col++);
	for (int i = 0; i < 4; i++) {
		row->approved_start[i] = db_text(st, col++);
		row->approved_end[i] = db_text(st, col++);
	}
	row->nn_buf[0] = 0;
	size_t len;
	const void *box = db_blob(st, col, &len);
	char digits[12];
	if (with_nn && box && nn_open(box, len, digits) == 0) {
		national_number_format(digits, row->nn_buf);
		sodium_memzero(digits, sizeof digits);
	}
	row->national_number = row->nn_buf;
}

/* ---- the filter ---- */

/* "schooljaar" picks one of the campaigns that concern the school now; it is kept in every
 * link but is not a filter (filtered()). */
static const char *const filter_params[] = {"status", "contactpersoon", "naam", "van", "tot", "vervoer",
                                            "schooljaar", NULL};
static const char *const filter_only[] = {"status", "contactpersoon", "naam", "van", "tot", "vervoer", NULL};

static const struct field filter_fields[] = {
	{"naam", "Naam", FIELD_TEXT, 0, 100, NULL, "off"},
	{"status", "Status", FIELD_SELECT, 0, 0, NULL, NULL},
	{"contactpersoon", "Contactpersoon", FIELD_SELECT, 0, 0, NULL, NULL},
	{"vervoer", "Vervoersmiddel", FIELD_SELECT, 0, 0, NULL, NULL},
	{"van", "Stageperiode van", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
	{"tot", "Stageperiode tot", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
};

struct filter {
	struct form form;            /* as typed, dates shown as dd/mm/jjjj, messages next to them */
	int status;
	long long contact;
	const char *like;            /* "%name%" with LIKE's wildcards escaped; "" = no name filter */
	bool period;
	char from[11], to[11];
	int transport;
};

static const char *like_pattern(struct arena *a, const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	if (!n)
		return "";
	char *out = arena_alloc(a, 2 * n + 3), *o = out;
	*o++ = '%';
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			*o++ = '\\';
		*o++ = s[i];
	}
	*o++ = '%';
	*o = 0;
	return out;
}

static void filter_read(struct req *r, struct filter *f)
{
	*f = (struct filter){.like = ""};
	form_init(&f->form, r->arena, filter_fields, sizeof filter_fields / sizeof filter_fields[0]);
	for (size_t i = 0; i < f->form.count; i++)
		form_set(&f->form, filter_fields[i].name, req_query(r, filter_fields[i].name));
	const char *v = req_query(r, "status");
	if (v && strcmp(v, "open") == 0)
		f->status = STATUS_OPEN;
	else if (v && strcmp(v, "aanvaard") == 0)
		f->status = STATUS_ACCEPTED;
	else if (v && strcmp(v, "gestopt") == 0)
		f->status = STATUS_STOPPED;
	v = req_query(r, "contactpersoon");
	if (v && *v)
		f->contact = strtoll(v, NULL, 10);
	v = req_query(r, "naam");
	if (v)
		f->like = like_pattern(r->arena, v);
	strcpy(f->from, "0000-01-01");
	strcpy(f->to, "9999-12-31");
	if (listing_date_filter(&f->form, "van", f->from))
		f->period = true;
	if (listing_date_filter(&f->form, "tot", f->to))
		f->period = true;
	v = req_query(r, "vervoer");
	for (const struct transport_kind *k = transport_kinds; v && k->bit; k++)
		if (strcmp(k->value, v) == 0)
			f->transport = k->bit;
}

/* Binds parameters 1-17: FROM_SQL and WHERE_SQL. */
static void bind_filter(struct db_stmt *st, bool visible, long long school, long long campaign,
                        const struct filter *f)
{
	db_bindv(st, "iiiiiiitttittttii", (long long)visible, school, campaign, (long long)f->status,
	         (long long)f->status, (long long)(f->contact > 0), f->contact, f->like, f->like, f->like,
	         (long long)f->period, f->from, f->to, f->from, f->to, (long long)f->transport,
	         (long long)f->transport);
}

/* ---- the page ---- */

struct overview {
	struct req *r;
	const struct programme_def *programme;
	struct campaign campaign;    /* the one shown */
	bool has_campaign;
	struct campaign *campaigns;  /* every campaign of the programme that concerns the school now */
	int campaign_count;
	const char *base;            /* the page of the campaign shown, without filter */
	bool visible;                /* results visible now */
	long long now;
	const char *path;
	struct filter filter;
	struct listing list;
};

/* Finds the programme of the URL and its campaign; false (404 sent) for an unknown code. */
static bool overview_load(struct req *r, struct overview *o)
{
	*o = (struct overview){.r = r, .programme = programme_find(r->slug), .now = clock_now()};
	if (!o->programme) {
		resp_not_found(r);
		return false;
	}
	enum { MAX_CAMPAIGNS = 8 };
	o->campaigns = arena_alloc(r->arena, MAX_CAMPAIGNS * sizeof *o->campaigns);
	o->campaign_count = campaign_school_campaigns(o->programme->code, o->now, o->campaigns, MAX_CAMPAIGNS);
	o->path = arena_printf(r->arena, "/opleidingen/%s", o->programme->code);
	o->base = o->path;
	o->has_campaign = o->campaign_count > 0;
	if (o->has_campaign) {
		int shown = campaign_school_default(o->campaigns, o->campaign_count, o->now);
		const char *year = req_query(r, "schooljaar");
		for (int i = 0; year && i < o->campaign_count; i++)
			if (strcmp(o->campaigns[i].school_year, year) == 0 && i != shown) {
				shown = i;
				o->base = arena_printf(r->arena, "%s?schooljaar=%s", o->path, year);
			}
		o->campaign = o->campaigns[shown];
	}
	o->visible = o->has_campaign && campaign_school_sees_answers(&o->campaign, o->now);
	filter_read(r, &o->filter);
	listing_init(&o->list, r, o->path, filter_params, sorts, PER_PAGE);
	return true;
}

/* Whether the list is filtered (the school year is not a filter). */
static bool filtered(const struct overview *o)
{
	struct listing l = o->list;
	l.filter_params = filter_only;
	return listing_filtered(&l);
}

/* More than one campaign concerns the school now: a link to each. */
static void campaign_switch(struct overview *o)
{
	if (o->campaign_count < 2)
		return;
	struct buf *out = &o->r->body;
	html(out, "<nav class=\"campaign-switch\" aria-label=\"Schooljaren\"><ul>");
	for (int i = 0; i < o->campaign_count; i++) {
		const struct campaign *c = &o->campaigns[i];
		if (c->id == o->campaign.id)
			html(out, "<li><a href=\"%s?schooljaar=%s\" aria-current=\"page\"><strong>Schooljaar %s</strong></a></li>",
			     o->path, c->school_year, c->school_year);
		else
			html(out, "<li><a href=\"%s?schooljaar=%s\">Schooljaar %s</a></li>", o->path, c->school_year,
			     c->school_year);
	}
	html(out, "</ul></nav>");
}

static long long count_matching(struct overview *o)
{
	struct db_stmt *st = db_prepare(SQL_COUNT);
	bind_filter(st, o->visible, o->r->user->org_id, o->campaign.id, &o->filter);
	long long n = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_reset(st);
	return n;
}

static void timing_note(struct overview *o)
{
	struct buf *out = &o->r->body;
	const struct campaign *c = &o->campaign;
	char at[17];
	html(out, "<p class=\"muted\">Schooljaar %s. ", c->school_year);
	if (o->now < c->registration_opens_at) {
		brussels_format(c->registration_opens_at, at);
		html(out, "Leerlingen toevoegen kan vanaf %s.", at);
	} else if (campaign_registration_open(c, o->now)) {
		brussels_format(c->registration_closes_at, at);
		html(out, "Leerlingen toevoegen en aanpassen kan tot %s.", at);
	} else {
		brussels_format(c->registration_closes_at, at);
		html(out, "De registratie is gesloten sinds %s.", at);
	}
	if (!o->visible) {
		brussels_format(c->results_visible_at, at);
		html(out, " De antwoorden van de diensten zie je vanaf %s.", at);
	}
	html(out, "</p>");
}

static void counts(struct overview *o)
{
	struct db_stmt *st = db_prepare(SQL_TOTALS);
	db_bindv(st, "iii", (long long)o->visible, o->r->user->org_id, o->campaign.id);
	long long total = 0, accepted = 0, stopped = 0;
	if (db_step(st) == DB_ROW) {
		total = db_int(st, 0);
		accepted = db_int(st, 1);
		stopped = db_int(st, 2);
	}
	db_reset(st);
	struct buf *out = &o->r->body;
	html(out, "<ul class=\"counts\" aria-label=\"Aantallen\"><li><strong>%lld</strong> %s</li>", total,
	     total == 1 ? "leerling" : "leerlingen");
	if (o->visible)
		html(out, "<li><strong>%lld</strong> aanvaard</li><li><strong>%lld</strong> open</li>", accepted,
		     total - accepted - stopped);
	else
		/* Before the results moment an accepted pupil is not yet known to the school:
		 * "open" would claim more than we may say. */
		html(out, "<li><strong>%lld</strong> in behandeling</li>", total - stopped);
	html(out, "<li><strong>%lld</strong> gestopt</li></ul>", stopped);
}

static void filter_form(struct overview *o)
{
	struct req *r = o->r;
	const struct form *f = &o->filter.form;
	static const struct option status_visible[] = {
		{"", "Alle"}, {"open", "Open"}, {"aanvaard", "Aanvaard"}, {"gestopt", "Gestopt"}, {NULL, NULL}};
	static const struct option status_hidden[] = {
		{"", "Alle"}, {"open", "In behandeling"}, {"gestopt", "Gestopt"}, {NULL, NULL}};

	static const struct option all = {"", "Alle"};
	const struct option *contacts = contact_options(r, &all, NULL);

	struct option transport[8] = {{"", "Alle"}};
	size_t t = 1;
	for (const struct transport_kind *k = transport_kinds; k->bit && t < 7; k++)
		transport[t++] = (struct option){k->value, k->label};

	struct buf *out = &r->body;
	listing_filter_fold_begin(out, filtered(o) || !form_ok(f));
	html(out, "<form method=\"get\" action=\"%s\" class=\"filters\" role=\"search\" aria-label=\"Filter\" "
	          "data-live>",
	     o->path);
	form_field(out, f, "naam", NULL);
	form_field(out, f, "status", o->visible ? status_visible : status_hidden);
	form_field(out, f, "contactpersoon", contacts);
	form_field(out, f, "vervoer", transport);
	form_field(out, f, "van", NULL);
	form_field(out, f, "tot", NULL);
	listing_hidden_sort(out, &o->list);
	html(out, "<div class=\"filter-actions\"><button type=\"submit\" class=\"btn\">Filter</button>");
	if (o->base != o->path)
		html(out, "<input type=\"hidden\" name=\"schooljaar\" value=\"%s\">", o->campaign.school_year);
	if (filtered(o))
		html(out, "<a href=\"%s\">Wis filter</a>", o->base);
	html(out, "</div></form>");
	listing_filter_fold_end(out);
}

static void period_lines(struct buf *out, const char *const *start, const char *const *end)
{
	for (int i = 0; i < 4; i++) {
		if (!*start[i])
			continue;
		char a[11], b[11];
		date_display(start[i], a);
		date_display(end[i], b);
		html(out, "<span class=\"period\">%s - %s</span>", a, b);
	}
}

static void table_row(struct buf *out, const struct pupil_row *p)
{
	html(out, "<tr><th scope=\"row\"><a href=\"/studenten/%lld\">%s %s</a></th><td>", p->id, p->last_name,
	     p->first_name);
	if (p->status == STATUS_ACCEPTED)
		html(out, "<span class=\"badge badge-ok\">Aanvaard</span>");
	else if (p->status == STATUS_STOPPED)
		html(out, "<span class=\"badge badge-stop\">Gestopt</span>");
	html(out, "</td><td>%s", p->service);
	if (*p->site)
		html(out, "<br><span class=\"muted\">%s</span>", p->site);
	html(out, "</td><td>");
	period_lines(out, p->approved_start, p->approved_end);
	html(out, "</td><td>%s", p->mentor_name);
	if (*p->mentor_phone)
		html(out, "<br>%s", p->mentor_phone);
	if (*p->mentor_email)
		html(out, "<br><a href=\"mailto:%s\">%s</a>", p->mentor_email, p->mentor_email);
	html(out, "</td><td class=\"pre-line\">%s</td></tr>", p->notes);
}

static void results(struct overview *o)
{
	struct req *r = o->r;
	struct buf *out = &r->body;
	struct listing *l = &o->list;
	listing_set_total(l, count_matching(o));

	html(out, "<p class=\"muted\" id=\"aantal\" role=\"status\">");
	if (filtered(o))
		html(out, l->total == 1 ? "%lld leerling voldoet aan de filter." : "%lld leerlingen voldoen aan de filter.",
		     l->total);
	html(out, "</p><div id=\"resultaten\"><div class=\"toolbar\">"
	          "<a class=\"btn btn-light\" href=\"%s\" download>Exporteer CSV</a>"
	          "<a class=\"btn btn-light\" href=\"%s\" download>Exporteer Excel</a>"
	          "<a class=\"btn btn-add\" href=\"%s/studenten/nieuw\">+Toevoegen</a>"
	          "<a class=\"btn btn-light\" href=\"%s/importeren\">Importeer leerlingen</a></div>",
	     listing_href(l, arena_printf(r->arena, "%s/export.csv", o->path), l->sort, l->desc, 0),
	     listing_href(l, arena_printf(r->arena, "%s/export.xlsx", o->path), l->sort, l->desc, 0), o->path, o->path);

	html(out, "<div class=\"table-wrap\"><table class=\"overview\"><caption class=\"visually-hidden\">"
	          "Leerlingen %s</caption><thead><tr>",
	     o->programme->name);
	for (int i = 0; sorts[i].key; i++)
		listing_th(out, l, i, NULL);
	html(out, "<th scope=\"col\">Notities</th></tr></thead><tbody>");
	struct db_stmt *st = db_prepare(SQL_ROWS[l->sort][l->desc]);
	bind_filter(st, o->visible, r->user->org_id, o->campaign.id, &o->filter);
	db_bind_int(st, 18, l->per_page);
	db_bind_int(st, 19, listing_offset(l));
	struct pupil_row row;
	while (db_step(st) == DB_ROW) {
		read_row(st, &row, false);
		table_row(out, &row);
	}
	db_reset(st);
	html(out, "</tbody></table>");
	if (l->total == 0)
		html(out, filtered(o) ? "<p class=\"empty\">Geen leerlingen die aan deze filter voldoen.</p>"
		                              : "<p class=\"empty\">Nog geen leerlingen ingegeven. Voeg een leerling "
		                                "toe met +Toevoegen.</p>");
	html(out, "</div>");
	listing_pages(out, l);
	html(out, "</div>");
}

void overview_show(struct req *r)
{
	struct overview o;
	if (!overview_load(r, &o))
		return;
	page_begin(r, arena_printf(r->arena, "Overzicht studenten – %s", o.programme->name));
	struct buf *out = &r->body;
	html(out, "<h1>Overzicht studenten</h1><p class=\"lead\">%s</p>", o.programme->name);
	if (strcmp(o.programme->code, "dubbele-finaliteit") == 0) /* the manual's rule for this programme */
		html(out, "<p class=\"intake\">Enkel 6<sup>de</sup> jaars dubbele finaliteit gezondheidszorg worden ingeschreven.</p>");
	if (!o.has_campaign) {
		html(out, "<div class=\"alert alert-info\" role=\"status\"><p>Voor %s is er nog geen schooljaar "
		          "geopend. Leerlingen toevoegen en opvolgen kan zodra de coördinator het schooljaar "
		          "voor deze opleiding opent.</p><p>Vragen? Mail <a href=\"mailto:%s\">%s</a>.</p></div>",
		     o.programme->name, mail_contact_address(), mail_contact_address());
		page_end(r);
		return;
	}
	campaign_switch(&o);
	timing_note(&o);
	counts(&o);
	filter_form(&o);
	results(&o);
	html(out, "<script src=\"%s\" defer></script>", asset_url("filter.js"));
	page_end(r);
}

/* ---- the exports ---- */

static const char *status_text(const void *row, char scratch[EXPORT_SCRATCH])
{
	(void)scratch;
	return ((const struct pupil_row *)row)->status_text;
}

#define ROW(member) EXPORT_MEMBER(struct pupil_row, member)
static const struct export_column columns[] = {
	{"Achternaam", EXPORT_TEXT, ROW(last_name)},
	{"Voornaam", EXPORT_TEXT, ROW(first_name)},
	{"Rijksregisternummer", EXPORT_TEXT, ROW(national_number)},
	{"Straat", EXPORT_TEXT, ROW(street)},
	{"Postcode", EXPORT_TEXT, ROW(postcode)},
	{"Plaats", EXPORT_TEXT, ROW(city)},
	{"Provincie", EXPORT_TEXT, ROW(province)},
	{"Telefoon", EXPORT_TEXT, ROW(phone)},
	{"E-mail", EXPORT_TEXT, ROW(email)},
	{"Vervoersmiddelen", EXPORT_TEXT, ROW(transport)},
	{"Opmerkingen leerling", EXPORT_TEXT, ROW(remarks)},
	{"Stage-/werkplekbegeleider", EXPORT_TEXT, ROW(contact)},
	{"Stagevorm", EXPORT_TEXT, ROW(format)},
	{"Aantal periodes", EXPORT_NUMBER, ROW(period_count)},
	{"Aantal uren/week", EXPORT_NUMBER, ROW(hours_per_week)},
	{"Totaal aantal uren", EXPORT_NUMBER, ROW(total_hours)},
	{"Periode 1 startdatum", EXPORT_DATE, ROW(period_start[0])},
	{"Periode 1 einddatum", EXPORT_DATE, ROW(period_end[0])},
	{"Periode 2 startdatum", EXPORT_DATE, ROW(period_start[1])},
	{"Periode 2 einddatum", EXPORT_DATE, ROW(period_end[1])},
	{"Periode 3 startdatum", EXPORT_DATE, ROW(period_start[2])},
	{"Periode 3 einddatum", EXPORT_DATE, ROW(period_end[2])},
	{"Periode 4 startdatum", EXPORT_DATE, ROW(period_start[3])},
	{"Periode 4 einddatum", EXPORT_DATE, ROW(period_end[3])},
	{"Opmerkingen stage", EXPORT_TEXT, ROW(request_remarks)},
	{"Voorkeur", EXPORT_TEXT, ROW(preference)},
	{"Status", EXPORT_TEXT, EXPORT_GETTER(status_text)},
	{"Gestopt op", EXPORT_DATE, ROW(stopped_on)},
	{"Stageplek", EXPORT_TEXT, ROW(service)},
	{"Locatie stageplek", EXPORT_TEXT, ROW(site)},
	{"Stageperiode 1 startdatum", EXPORT_DATE, ROW(approved_start[0])},
	{"Stageperiode 1 einddatum", EXPORT_DATE, ROW(approved_end[0])},
	{"Stageperiode 2 startdatum", EXPORT_DATE, ROW(approved_start[1])},
	{"Stageperiode 2 einddatum", EXPORT_DATE, ROW(approved_end[1])},
	{"Stageperiode 3 startdatum", EXPORT_DATE, ROW(approved_start[2])},
	{"Stageperiode 3 einddatum", EXPORT_DATE, ROW(approved_end[2])},
	{"Stageperiode 4 startdatum", EXPORT_DATE, ROW(approved_start[3])},
	{"Stageperiode 4 einddatum", EXPORT_DATE, ROW(approved_end[3])},
	{"Stagementor", EXPORT_TEXT, ROW(mentor_name)},
	{"Telefoon stagementor", EXPORT_TEXT, ROW(mentor_phone)},
	{"E-mail stagementor", EXPORT_TEXT, ROW(mentor_email)},
	{"Notities", EXPORT_TEXT, ROW(notes)},
};

static int cursor_next(void *ctx, void *row)
{
	int rc = db_step(ctx);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	read_row(ctx, row, true);
	return 1;
}

static void cursor_finish(void *ctx)
{
	db_cursor_close(ctx);
}

/*
 * The export's rows on a cursor of their own (db.h): the CSV is read from it while the
 * client downloads, and other requests on this thread must not reset it meanwhile.
 * NULL (404 or 500 sent) when there is nothing to export. Writes the audit line: the
 * school's export holds the national numbers in full.
 */
static bool export_begin(struct req *r, struct overview *o, const char *kind, struct export_source *src,
                         const char **file_name)
{
	if (!overview_load(r, o))
		return false;
	if (!o->has_campaign) {
		resp_error(r, 404, arena_printf(r->arena, "Voor %s is er nog geen schooljaar geopend: er is niets "
		                                          "om te exporteren.", o->programme->name));
		return false;
	}
	long long rows = count_matching(o);
	/* The audit line first: no national number leaves without its line. */
	if (!audit(r, "students_export", 0,
	           arena_printf(r->arena, "%s %s: %lld leerlingen, met rijksregisternummers", kind,
	                        o->programme->code, rows))) {
		resp_error(r, 503, NULL);
		return false;
	}
	struct db_stmt *st = db_cursor_open(SQL_ROWS[o->list.sort][o->list.desc]);
	if (!st) {
		resp_error(r, 500, NULL);
		return false;
	}
	bind_filter(st, o->visible, r->user->org_id, o->campaign.id, &o->filter);
	db_bind_int(st, 18, 9000000000000000000LL); /* every row */
	db_bind_int(st, 19, 0);
	*src = (struct export_source){columns, sizeof columns / sizeof columns[0], sizeof(struct pupil_row),
	                              cursor_next, cursor_finish, st};
	char local[17];
	brussels_format_input(o->now, local);
	*file_name = arena_printf(r->arena, "%s - %s - %.10s.%s", r->user->org_name, o->programme->name, local, kind);
	return true;
}

void overview_export_csv(struct req *r)
{
	struct overview o;
	struct export_source src;
	const char *name;
	if (export_begin(r, &o, "csv", &src, &name))
		export_csv(r, &src, name);
}

void overview_export_xlsx(struct req *r)
{
	struct overview o;
	struct export_source src;
	const char *name;
	if (export_begin(r, &o, "xlsx", &src, &name) && !export_xlsx(r, &src, name, "Studenten"))
		resp_error(r, 500, "Het Excel-bestand kon niet gemaakt worden. Probeer het opnieuw of exporteer als CSV.");
}
