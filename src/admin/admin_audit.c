/*
 * "Auditlog": who did what, when and from where, newest first, filtered by user,
 * organisation, action, pupil and date range (Brussels days), a page at a time, and the
 * same selection as CSV.
 * The lines come from the audit module (src/store/audit.c), which walks the index of the
 * filter's leading criterion.
 */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "export.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "listing.h"
#include "orgs.h"
#include "scope.h"
#include "user.h"
#include "validate.h"

#define PAGE_SIZE 50

enum audit_filter_field {
	AUDIT_FILTER_GEBRUIKER, AUDIT_FILTER_ORGANISATIE, AUDIT_FILTER_ACTIE, AUDIT_FILTER_LEERLING,
	AUDIT_FILTER_VAN, AUDIT_FILTER_TOT, AUDIT_FILTER__FIELDS,
};
static const struct field filter_fields[] = {
	[AUDIT_FILTER_GEBRUIKER] = {"gebruiker", "Gebruiker (e-mail)", FIELD_EMAIL, 0, 254, NULL, "off"},
	[AUDIT_FILTER_ORGANISATIE] = {"organisatie", "Organisatie", FIELD_SELECT, 0, 20, NULL, NULL},
	[AUDIT_FILTER_ACTIE] = {"actie", "Actie", FIELD_SELECT, 0, 60, NULL, NULL},
	[AUDIT_FILTER_LEERLING] = {"leerling", "Leerling (nummer)", FIELD_NUMBER, 0, 15, NULL, "off"},
	[AUDIT_FILTER_VAN] = {"van", "Van", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
	[AUDIT_FILTER_TOT] = {"tot", "Tot en met", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
};
FORM_TABLE(filter_fields, AUDIT_FILTER__FIELDS);

struct audit_filter {
	struct form form;
	long long actor, organisation, student;  /* 0 = any */
	const char *action;                      /* NULL = any */
	long long from, until;                   /* UTC seconds; 0 = open */
	long long low_id, high_id;
	bool empty;                              /* a filter that matches nothing (unknown user) */
};

/* The Brussels midnight that starts the ISO date's day plus `days`. */
static long long day_start(const char *iso, int days)
{
	long long d = date_days(iso);
	int y, m, dd;
	civil_from_days(d + days, &y, &m, &dd);
	char s[11];
	snprintf(s, sizeof s, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)dd % 100);
	long long t = 0;
	brussels_parse(s, &t);
	return t;
}

/* Reads the filter from the query string; messages go next to its fields. */
static void read_filter(struct req *r, struct audit_filter *flt)
{
	memset(flt, 0, sizeof *flt);
	struct form *f = &flt->form;
	form_init(f, r->arena, filter_fields, AUDIT_FILTER__FIELDS);
	for (int i = 0; i < AUDIT_FILTER__FIELDS; i++) {
		const char *v = req_query(r, filter_fields[i].name);
		form_set(f, i, v ? v : "");
	}
	char email[255];
	const char *v = form_value(f, AUDIT_FILTER_GEBRUIKER);
	if (*v) {
		if (validate_email(v, email, sizeof email))
			form_error(f, AUDIT_FILTER_GEBRUIKER, "Geef een volledig e-mailadres in, bv. naam@school.be.");
		else if (!(flt->actor = user_id_by_email(email)))
			flt->empty = true;
	}
	long n;
	if (*(v = form_value(f, AUDIT_FILTER_ORGANISATIE)) && !validate_int(v, 1, 999999999999999L, &n))
		flt->organisation = n;
	if (*(v = form_value(f, AUDIT_FILTER_LEERLING))) {
		if (validate_int(v, 1, 999999999999999L, &n))
			form_error(f, AUDIT_FILTER_LEERLING, "Geef het nummer van de leerling in, bv. 123.");
		else
			flt->student = n;
	}
	if (*(v = form_value(f, AUDIT_FILTER_ACTIE)))
		flt->action = v;
	char iso[11];
	if (listing_date_filter(f, AUDIT_FILTER_VAN, iso))
		flt->from = day_start(iso, 0);
	if (listing_date_filter(f, AUDIT_FILTER_TOT, iso))
		flt->until = day_start(iso, 1);
	if (flt->from && flt->until && flt->until <= flt->from)
		form_error(f, AUDIT_FILTER_TOT, "Deze datum ligt voor de datum bij 'Van'.");
	struct scope s = scope_of(r);
	flt->low_id = flt->from ? audit_first_id_from(&s, flt->from, AUDIT_NO_LIMIT) : 0;
	flt->high_id = flt->until ? audit_last_id_before(&s, flt->until) : AUDIT_NO_LIMIT;
}

/* The filter as the audit module's selection. */
static struct audit_selection selection_of(const struct audit_filter *flt)
{
	return (struct audit_selection){flt->actor, flt->organisation, flt->student, flt->action,
	                                flt->from,  flt->until,        flt->low_id,  flt->high_id};
}

static const char *organisation_kind(const char *kind)
{
	return strcmp(kind, "school") == 0 ? "school" : strcmp(kind, "service") == 0 ? "dienst" : "coördinatie";
}

/* Every organisation (coordination first), after an "all" option. */
static const struct option *organisation_options(struct req *r)
{
	struct scope s = scope_of(r);
	size_t n;
	const struct org_row *orgs = org_list_all(&s, r->arena, &n);
	struct option_list l = {.arena = r->arena};
	option_list_add(&l, "", "Alle organisaties");
	for (size_t i = 0; i < n; i++)
		option_list_add(&l, arena_printf(r->arena, "%lld", orgs[i].id),
		                arena_printf(r->arena, "%s (%s)", orgs[i].fields.name, organisation_kind(orgs[i].fields.kind)));
	return l.items;
}

/* Every action in the log, after an "all" option. */
static const struct option *action_options(struct req *r)
{
	struct scope s = scope_of(r);
	size_t n;
	const char **actions = audit_actions(&s, r->arena, &n);
	struct option_list l = {.arena = r->arena};
	option_list_add(&l, "", "Alle acties");
	for (size_t i = 0; i < n; i++)
		option_list_add(&l, actions[i], actions[i]);
	return l.items;
}

/* The query string of the filter (without the page), URL-encoded, for links. */
static const char *filter_query(struct req *r, const struct audit_filter *flt)
{
	struct buf q = {0};
	for (int i = 0; i < AUDIT_FILTER__FIELDS; i++) {
		const char *v = form_value(&flt->form, i);
		if (!*v)
			continue;
		buf_puts(&q, q.len ? "&" : "");
		buf_printf(&q, "%s=", filter_fields[i].name);
		url_encode_into(&q, v);
	}
	char *s = arena_strdup(r->arena, q.data ? q.data : "");
	buf_free(&q);
	return s;
}

static void render_filter(struct req *r, struct audit_filter *flt)
{
	struct buf *out = &r->body;
	struct form *f = &flt->form;
	if (!form_ok(f))
		form_summary(out, f, NULL, "Verbeter de filter:");
	listing_filter_fold_begin(out, *filter_query(r, flt) || !form_ok(f));
	html(out, "<form method=\"get\" action=\"/beheer/audit\" class=\"form filter\" role=\"search\" "
	          "aria-label=\"Filter\">");
	for (int i = 0; i < AUDIT_FILTER__FIELDS; i++) {
		form_field(out, f, i,
		           i == AUDIT_FILTER_ORGANISATIE ? organisation_options(r)
		           : i == AUDIT_FILTER_ACTIE     ? action_options(r)
		                                         : NULL);
	}
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Filter"
	          "</button><a href=\"/beheer/audit\">Wis de filter</a></div></form>");
	listing_filter_fold_end(out);
}

void admin_audit_list(struct req *r)
{
	struct audit_filter flt;
	read_filter(r, &flt);
	page_begin(r, "Auditlog");
	struct buf *out = &r->body;
	const char *query = filter_query(r, &flt);
	html(out, *query ? "<div class=\"toolbar\"><h1>Auditlog</h1><span class=\"spacer\"></span>"
	                   "<a class=\"btn btn-light\" href=\"/beheer/audit.csv?%s\" download>Exporteer CSV</a></div>"
	                 : "<div class=\"toolbar\"><h1>Auditlog</h1><span class=\"spacer\"></span>"
	                   "<a class=\"btn btn-light\" href=\"/beheer/audit.csv%s\" download>Exporteer CSV</a></div>",
	     query);
	html(out, "<p class=\"lead\">Wie deed wat, wanneer en van waar. Tijden in Brusselse tijd. "
	          "Rijksregisternummers staan nooit in dit logboek.</p>");
	render_filter(r, &flt);
	const char *v = req_query(r, "voor");
	long long below = v ? atoll(v) : 0;
	if (!form_ok(&flt.form) || flt.empty) {
		html(out, "<p class=\"empty\">%s</p>",
		     flt.empty ? "Er is geen gebruiker met dit e-mailadres." : "Verbeter de filter hierboven.");
		page_end(r);
		return;
	}
	html(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Auditregels\"><table><thead><tr><th scope=\"col\">Tijdstip</th><th scope=\"col\">"
	          "Gebruiker</th><th scope=\"col\">Organisatie</th><th scope=\"col\">Actie</th><th scope=\"col\">"
	          "Leerling</th><th scope=\"col\">Details</th><th scope=\"col\">IP-adres</th></tr></thead><tbody>");
	struct scope s = scope_of(r);
	struct audit_selection sel = selection_of(&flt);
	size_t count;
	const struct audit_line *lines = audit_lines(&s, &sel, below, PAGE_SIZE + 1, r->arena, &count);
	size_t n = count < PAGE_SIZE ? count : PAGE_SIZE;
	bool more = count > PAGE_SIZE;
	long long last = 0;
	for (size_t i = 0; i < n; i++) {
		const struct audit_line *l = &lines[i];
		char at[17];
		brussels_format(l->at, at);
		last = l->id;
		html(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", at, l->user ? l->user : "—",
		     l->organisation ? l->organisation : "—", l->action);
		if (!l->student_id)
			html(out, "<td>—</td>");
		else
			html(out, "<td><a href=\"/beheer/audit?leerling=%lld\">%lld</a> %s %s</td>", l->student_id,
			     l->student_id, l->last_name ? l->last_name : "", l->first_name ? l->first_name : "");
		html(out, "<td>%s</td><td>%s</td></tr>", l->detail, l->ip ? l->ip : "—");
	}
	html(out, "</tbody></table></div>");
	if (!n)
		html(out, "<p class=\"empty\">Geen regels voor deze filter.</p>");
	if (below || more) {
		html(out, "<nav class=\"pager\" aria-label=\"Paginering\">");
		if (below)
			html(out, "<a href=\"/beheer/audit?%s\">Nieuwste</a> ", query);
		if (more)
			html(out, "<a href=\"/beheer/audit?%s%svoor=%lld\">Oudere regels</a>", query, *query ? "&" : "", last);
		html(out, "</nav>");
	}
	page_end(r);
}

/* ---- The selection as CSV ------------------------------------------------------- */

static const char *audit_moment(const void *row, char scratch[EXPORT_SCRATCH])
{
	brussels_format(((const struct audit_line *)row)->at, scratch);
	return scratch;
}

static const char *student_number(const void *row, char scratch[EXPORT_SCRATCH])
{
	const struct audit_line *a = row;
	if (!a->student_id)
		return "";
	snprintf(scratch, EXPORT_SCRATCH, "%lld", a->student_id);
	return scratch;
}

static const char *student_name(const void *row, char scratch[EXPORT_SCRATCH])
{
	const struct audit_line *a = row;
	const char *first = a->first_name ? a->first_name : "";
	snprintf(scratch, EXPORT_SCRATCH, "%s%s%s", a->last_name ? a->last_name : "", *first ? " " : "", first);
	return scratch;
}

#define AUDIT(member) EXPORT_MEMBER(struct audit_line, member)
static const struct export_column audit_columns[] = {
	{"Tijdstip", EXPORT_TEXT, EXPORT_GETTER(audit_moment)},
	{"Gebruiker", EXPORT_TEXT, AUDIT(user)},
	{"Organisatie", EXPORT_TEXT, AUDIT(organisation)},
	{"Actie", EXPORT_TEXT, AUDIT(action)},
	{"Leerling (nummer)", EXPORT_NUMBER, EXPORT_GETTER(student_number)},
	{"Leerling", EXPORT_TEXT, EXPORT_GETTER(student_name)},
	{"Details", EXPORT_TEXT, AUDIT(detail)},
	{"IP-adres", EXPORT_TEXT, AUDIT(ip)},
};

static int audit_next(void *ctx, void *row)
{
	return audit_cursor_next(ctx, row);
}

static void cursor_finish(void *ctx)
{
	db_cursor_close(ctx);
}

void admin_audit_export(struct req *r)
{
	struct audit_filter flt;
	read_filter(r, &flt);
	if (!form_ok(&flt.form)) {
		resp_error(r, 400, "De filter is niet in orde. Verbeter hem op de pagina Auditlog en exporteer opnieuw.");
		return;
	}
	struct scope s = scope_of(r);
	struct audit_selection sel = selection_of(&flt);
	if (flt.empty) /* an unknown user: nothing */
		sel.high_id = -1;
	struct db_stmt *cursor = audit_cursor_open(&s, &sel);
	if (!cursor) {
		resp_error(r, 500, NULL);
		return;
	}
	audit(r, "audit_export", 0, filter_query(r, &flt));
	char today[17];
	brussels_format_input(clock_now(), today);
	struct export_source src = {audit_columns, sizeof audit_columns / sizeof audit_columns[0],
	                            sizeof(struct audit_line), audit_next, cursor_finish, cursor};
	export_csv(r, &src, arena_printf(r->arena, "Auditlog - %.10s.csv", today));
}
