/*
 * The school's overview of a programme: "Overzicht studenten" with its counts, filter,
 * sortable columns and pages, and the same (filtered) list as CSV and .xlsx.
 *
 * The reading is the pupil module's (pupil_list.c): what a care service answered reaches
 * the school only through campaign_school_answer, so before the results moment no status,
 * site, period, mentor or note can reach the page, the counts, the sort order or an export.
 * The rows are written with the appenders of html.h (no printf per row).
 */
#include "overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "audit.h"
#include "campaigns.h"
#include "clock.h"
#include "domain.h"
#include "export.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "listing.h"
#include "mail.h"
#include "pupils.h"
#include "scope.h"
#include "schools.h"
#include "validate.h"

enum status { STATUS_OPEN = PUPIL_LIST_OPEN, STATUS_ACCEPTED = PUPIL_LIST_ACCEPTED, STATUS_STOPPED = PUPIL_LIST_STOPPED };

/* The sortable columns, in the order of enum pupil_list_sort. */
static const struct listing_sort sorts[] = {
	{"student", "Student"},
	{"status", "Status"},
	{"stageplek", "Stageplek"},
	{"stageperiode", "Stageperiode"},
	{"stagementor", "Stagementor"},
	{NULL, NULL},
};
_Static_assert(sizeof sorts / sizeof sorts[0] == PUPIL_LIST_SORT__MAX + 1, "one column per enum pupil_list_sort");

#define PER_PAGE 50

/* ---- the filter ---- */

/* "schooljaar" picks one of the campaigns that concern the school now; it is kept in every
 * link but is not a filter (filtered()). */
static const char *const filter_params[] = {"status", "contactpersoon", "naam", "van", "tot", "vervoer",
                                            "schooljaar", NULL};
static const char *const filter_only[] = {"status", "contactpersoon", "naam", "van", "tot", "vervoer", NULL};

enum filter_field { FILTER_NAAM, FILTER_STATUS, FILTER_CONTACTPERSOON, FILTER_VERVOER, FILTER_VAN, FILTER_TOT,
                    FILTER__FIELDS };
static const struct field filter_fields[] = {
	[FILTER_NAAM] = {"naam", "Naam", FIELD_TEXT, 0, 100, NULL, "off"},
	[FILTER_STATUS] = {"status", "Status", FIELD_SELECT, 0, 0, NULL, NULL},
	[FILTER_CONTACTPERSOON] = {"contactpersoon", "Contactpersoon", FIELD_SELECT, 0, 0, NULL, NULL},
	[FILTER_VERVOER] = {"vervoer", "Vervoersmiddel", FIELD_SELECT, 0, 0, NULL, NULL},
	[FILTER_VAN] = {"van", "Stageperiode van", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
	[FILTER_TOT] = {"tot", "Stageperiode tot", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
};
FORM_TABLE(filter_fields, FILTER__FIELDS);

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
	form_init(&f->form, r->arena, filter_fields, FILTER__FIELDS);
	for (int i = 0; i < FILTER__FIELDS; i++)
		form_set(&f->form, i, req_query(r, filter_fields[i].name));
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
	if (listing_date_filter(&f->form, FILTER_VAN, f->from))
		f->period = true;
	if (listing_date_filter(&f->form, FILTER_TOT, f->to))
		f->period = true;
	v = req_query(r, "vervoer");
	for (const struct transport_kind *k = transport_kinds; v && k->bit; k++)
		if (strcmp(k->value, v) == 0)
			f->transport = k->bit;
}

/* The filter as the pupil module takes it. */
static struct pupil_list_filter list_filter(const struct filter *f)
{
	struct pupil_list_filter lf = {.status = (enum pupil_list_status)f->status, .contact = f->contact,
	                               .like = f->like, .period = f->period, .transport = f->transport};
	memcpy(lf.from, f->from, sizeof lf.from);
	memcpy(lf.to, f->to, sizeof lf.to);
	return lf;
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
	struct pupil_list_tally tally;  /* the counts and the pupils the filter matches */
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
	if (o->has_campaign) {
		struct pupil_list_filter lf = list_filter(&o->filter);
		pupil_list_tally(scope_of(r), &o->campaign, o->now, &lf, &o->tally);
		listing_set_total(&o->list, o->tally.matching);
	}
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

static void count_item(struct buf *out, long long n, const char *label)
{
	html_lit(out, "<li><strong>");
	html_int(out, n);
	html_lit(out, "</strong> ");
	html_text(out, label);
	html_lit(out, "</li>");
}

static void counts(struct overview *o)
{
	const struct pupil_list_tally *t = &o->tally;
	struct buf *out = &o->r->body;
	html_lit(out, "<ul class=\"counts\" aria-label=\"Aantallen\">");
	count_item(out, t->total, t->total == 1 ? "leerling" : "leerlingen");
	if (o->visible) {
		count_item(out, t->accepted, "aanvaard");
		count_item(out, t->total - t->accepted - t->stopped, "open");
	} else {
		/* Before the results moment an accepted pupil is not yet known to the school:
		 * "open" would claim more than we may say. */
		count_item(out, t->total - t->stopped, "in behandeling");
	}
	count_item(out, t->stopped, "gestopt");
	html_lit(out, "</ul>");
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
	form_field(out, f, FILTER_NAAM, NULL);
	form_field(out, f, FILTER_STATUS, o->visible ? status_visible : status_hidden);
	form_field(out, f, FILTER_CONTACTPERSOON, contacts);
	form_field(out, f, FILTER_VERVOER, transport);
	form_field(out, f, FILTER_VAN, NULL);
	form_field(out, f, FILTER_TOT, NULL);
	listing_hidden_sort(out, &o->list);
	html(out, "<div class=\"filter-actions\"><button type=\"submit\" class=\"btn\">Filter</button>");
	if (o->base != o->path)
		html(out, "<input type=\"hidden\" name=\"schooljaar\" value=\"%s\">", o->campaign.school_year);
	if (filtered(o))
		html(out, "<a href=\"%s\">Wis filter</a>", o->base);
	html(out, "</div></form>");
	listing_filter_fold_end(out);
}

static void period_lines(struct buf *out, const struct pupil_periods *p)
{
	for (int i = 0; i < p->count; i++) {
		html_lit(out, "<span class=\"period\">");
		html_date(out, p->start[i]);
		html_lit(out, " - ");
		html_date(out, p->end[i]);
		html_lit(out, "</span>");
	}
}

static void table_row(struct buf *out, const struct pupil_list_row *p)
{
	html_lit(out, "<tr><th scope=\"row\"><a href=\"/studenten/");
	html_int(out, p->id);
	html_lit_text(out, "\">", p->last_name);
	html_lit_text(out, " ", p->first_name);
	html_lit(out, "</a></th><td>");
	if (p->status == PUPIL_LIST_ACCEPTED && p->answer.service)
		html_lit(out, "<span class=\"badge badge-ok\">Aanvaard</span>");
	else if (p->status == PUPIL_LIST_STOPPED)
		html_lit(out, "<span class=\"badge badge-stop\">Gestopt</span>");
	html_lit_text(out, "</td><td>", p->answer.service);
	if (*p->site) {
		html_lit_text(out, "<br><span class=\"muted\">", p->site);
		html_lit(out, "</span>");
	}
	html_lit(out, "</td><td>");
	period_lines(out, &p->approved);
	html_lit_text(out, "</td><td>", p->mentor_name);
	if (*p->mentor_phone)
		html_lit_text(out, "<br>", p->mentor_phone);
	if (*p->mentor_email) {
		html_lit(out, "<br>");
		html_mailto(out, p->mentor_email);
	}
	html_lit_text(out, "</td><td class=\"pre-line\">", p->notes);
	html_lit(out, "</td></tr>");
}

static void results(struct overview *o)
{
	struct req *r = o->r;
	struct buf *out = &r->body;
	struct listing *l = &o->list;

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
	html_lit(out, "<th scope=\"col\">Notities</th></tr></thead><tbody>");
	struct pupil_list_row *rows = arena_alloc(r->arena, PER_PAGE * sizeof *rows);
	struct pupil_list_filter lf = list_filter(&o->filter);
	int count = pupil_list_page(scope_of(r), r->arena, &o->campaign, o->now, &lf, (enum pupil_list_sort)l->sort,
	                            l->desc, listing_offset(l), rows, PER_PAGE);
	for (int i = 0; i < count; i++)
		table_row(out, &rows[i]);
	html_lit(out, "</tbody></table>");
	if (l->total == 0)
		html(out, filtered(o) ? "<p class=\"empty\">Geen leerlingen die aan deze filter voldoen.</p>"
		                              : "<p class=\"empty\">Nog geen leerlingen ingegeven. Voeg een leerling "
		                                "toe met +Toevoegen.</p>");
	html_lit(out, "</div>");
	listing_pages(out, l);
	html_lit(out, "</div>");
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

/* One row of the export: the module's row and the texts made of it. */
struct export_row {
	struct pupil_export_row p;
	const char *status, *stopped_on, *transport, *service, *national_number;
	const char *period_start[PERIODS_MAX], *period_end[PERIODS_MAX];
	const char *approved_start[PERIODS_MAX], *approved_end[PERIODS_MAX];
	char transport_buf[96], stopped_buf[11];
};

#define ROW(member) EXPORT_MEMBER(struct export_row, member)
static const struct export_column columns[] = {
	{"Achternaam", EXPORT_TEXT, ROW(p.last_name)},
	{"Voornaam", EXPORT_TEXT, ROW(p.first_name)},
	{"Rijksregisternummer", EXPORT_TEXT, ROW(national_number)},
	{"Straat", EXPORT_TEXT, ROW(p.street)},
	{"Postcode", EXPORT_TEXT, ROW(p.postcode)},
	{"Plaats", EXPORT_TEXT, ROW(p.city)},
	{"Provincie", EXPORT_TEXT, ROW(p.province)},
	{"Telefoon", EXPORT_TEXT, ROW(p.phone)},
	{"E-mail", EXPORT_TEXT, ROW(p.email)},
	{"Vervoersmiddelen", EXPORT_TEXT, ROW(transport)},
	{"Opmerkingen leerling", EXPORT_TEXT, ROW(p.remarks)},
	{"Stage-/werkplekbegeleider", EXPORT_TEXT, ROW(p.contact)},
	{"Stagevorm", EXPORT_TEXT, ROW(p.format)},
	{"Aantal periodes", EXPORT_NUMBER, ROW(p.period_count)},
	{"Aantal uren/week", EXPORT_NUMBER, ROW(p.hours_per_week)},
	{"Totaal aantal uren", EXPORT_NUMBER, ROW(p.total_hours)},
	{"Periode 1 startdatum", EXPORT_DATE, ROW(period_start[0])},
	{"Periode 1 einddatum", EXPORT_DATE, ROW(period_end[0])},
	{"Periode 2 startdatum", EXPORT_DATE, ROW(period_start[1])},
	{"Periode 2 einddatum", EXPORT_DATE, ROW(period_end[1])},
	{"Periode 3 startdatum", EXPORT_DATE, ROW(period_start[2])},
	{"Periode 3 einddatum", EXPORT_DATE, ROW(period_end[2])},
	{"Periode 4 startdatum", EXPORT_DATE, ROW(period_start[3])},
	{"Periode 4 einddatum", EXPORT_DATE, ROW(period_end[3])},
	{"Opmerkingen stage", EXPORT_TEXT, ROW(p.request_remarks)},
	{"Voorkeur", EXPORT_TEXT, ROW(p.preference)},
	{"Status", EXPORT_TEXT, ROW(status)},
	{"Gestopt op", EXPORT_DATE, ROW(stopped_on)},
	{"Stageplek", EXPORT_TEXT, ROW(service)},
	{"Locatie stageplek", EXPORT_TEXT, ROW(p.site)},
	EXPORT_APPROVED_PERIOD_COLUMNS(ROW),
	{"Stagementor", EXPORT_TEXT, ROW(p.mentor_name)},
	{"Telefoon stagementor", EXPORT_TEXT, ROW(p.mentor_phone)},
	{"E-mail stagementor", EXPORT_TEXT, ROW(p.mentor_email)},
	{"Notities", EXPORT_TEXT, ROW(p.notes)},
};
#undef ROW

/* The periods as the export's columns: "" past the last one. */
static void period_columns(const struct pupil_periods *p, const char **start, const char **end)
{
	for (int i = 0; i < PERIODS_MAX; i++) {
		start[i] = i < p->count ? p->start[i] : "";
		end[i] = i < p->count ? p->end[i] : "";
	}
}

static int cursor_next(void *ctx, void *out)
{
	struct export_row *row = out;
	int rc = pupil_export_next(ctx, &row->p);
	if (rc <= 0)
		return rc;
	const struct pupil_export_row *p = &row->p;
	row->status = p->status == PUPIL_LIST_STOPPED ? "Gestopt" : p->answer.service ? "Aanvaard" : "";
	row->service = p->answer.service ? p->answer.service : "";
	row->national_number = p->national_number;
	transport_labels(p->transport, row->transport_buf, sizeof row->transport_buf);
	row->transport = row->transport_buf;
	row->stopped_buf[0] = 0;
	if (p->stopped_at) {
		char local[17];
		brussels_format_input(p->stopped_at, local);
		memcpy(row->stopped_buf, local, 10);
		row->stopped_buf[10] = 0;
	}
	row->stopped_on = row->stopped_buf;
	period_columns(&p->requested, row->period_start, row->period_end);
	period_columns(&p->approved, row->approved_start, row->approved_end);
	return 1;
}

static void cursor_finish(void *ctx)
{
	pupil_export_close(ctx);
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
	/* The audit line first: no national number leaves without its line. */
	if (!audit(r, "students_export", 0,
	           arena_printf(r->arena, "%s %s: %lld leerlingen, met rijksregisternummers", kind,
	                        o->programme->code, o->tally.matching))) {
		resp_error(r, 503, NULL);
		return false;
	}
	struct pupil_list_filter lf = list_filter(&o->filter);
	struct pupil_export_cursor *cur = pupil_export_open(scope_of(r), &o->campaign, o->now, &lf,
	                                                    (enum pupil_list_sort)o->list.sort, o->list.desc);
	if (!cur) {
		resp_error(r, 500, NULL);
		return false;
	}
	*src = (struct export_source){columns, sizeof columns / sizeof columns[0], sizeof(struct export_row),
	                              cursor_next, cursor_finish, cur};
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
