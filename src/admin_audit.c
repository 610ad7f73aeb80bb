/*
 * "Auditlog": who did what, when and from where, newest first, filtered by user,
 * organisation, action, pupil and date range (Brussels days), a page at a time, and the
 * same selection as CSV.
 *
 * The filters are bound, never formatted into SQL. One statement per leading filter lets
 * SQLite walk the matching index (student, user, organisation, action, or the id itself)
 * in id order; the other filters are checked on the way. A date range becomes a range of
 * ids first (ids grow with time), so an old day is found without reading the years after.
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
#define NO_LIMIT (1LL << 62)

/* The listing names the pupil (a join on students): left here for the pupil module (issue 13,
 * part A) to take over with its own row type. */
#define AUDIT_SELECT                                                                                   \
	"SELECT a.id, a.at, u.email, o.name, a.ip, a.action, a.student_id, a.detail,"                       \
	" s.last_name, s.first_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id"           \
	" LEFT JOIN organisations o ON o.id = a.organisation_id LEFT JOIN students s ON s.id = a.student_id" \
	" WHERE "
/* ?1 user, ?2 organisation, ?3 action, ?4 pupil, ?5/?6 from/until (UTC seconds),
 * ?7/?8 lowest/highest id, ?9 how many; NULL filters are off. */
#define AUDIT_FILTER                                                                                     \
	" AND (?1 IS NULL OR a.actor_user_id = ?1) AND (?2 IS NULL OR a.organisation_id = ?2)"             \
	" AND (?3 IS NULL OR a.action = ?3) AND (?4 IS NULL OR a.student_id = ?4)"                         \
	" AND (?5 IS NULL OR a.at >= ?5) AND (?6 IS NULL OR a.at < ?6) AND a.id BETWEEN ?7 AND ?8"         \
	" ORDER BY a.id DESC LIMIT ?9"

static const char *SQL_BY_STUDENT = AUDIT_SELECT "a.student_id = ?4" AUDIT_FILTER;
static const char *SQL_BY_ACTOR = AUDIT_SELECT "a.actor_user_id = ?1" AUDIT_FILTER;
static const char *SQL_BY_ORGANISATION = AUDIT_SELECT "a.organisation_id = ?2" AUDIT_FILTER;
static const char *SQL_BY_ACTION = AUDIT_SELECT "a.action = ?3" AUDIT_FILTER;
static const char *SQL_ALL = AUDIT_SELECT "1 = 1" AUDIT_FILTER;

static const struct field filter_fields[] = {
	{"gebruiker", "Gebruiker (e-mail)", FIELD_EMAIL, 0, 254, NULL, "off"},
	{"organisatie", "Organisatie", FIELD_SELECT, 0, 20, NULL, NULL},
	{"actie", "Actie", FIELD_SELECT, 0, 60, NULL, NULL},
	{"leerling", "Leerling (nummer)", FIELD_NUMBER, 0, 15, NULL, "off"},
	{"van", "Van", FIELD_DATE, 0, 10, NULL, NULL},
	{"tot", "Tot en met", FIELD_DATE, 0, 10, NULL, NULL},
};
#define N_FILTER_FIELDS (sizeof filter_fields / sizeof filter_fields[0])

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
	form_init(f, r->arena, filter_fields, N_FILTER_FIELDS);
	for (size_t i = 0; i < N_FILTER_FIELDS; i++) {
		const char *v = req_query(r, filter_fields[i].name);
		form_set(f, filter_fields[i].name, v ? v : "");
	}
	char email[255];
	const char *v = form_value(f, "gebruiker");
	if (*v) {
		if (validate_email(v, email, sizeof email))
			form_error(f, "gebruiker", "Geef een volledig e-mailadres in, bv. naam@school.be.");
		else if (!(flt->actor = user_id_by_email(email)))
			flt->empty = true;
	}
	long n;
	if (*(v = form_value(f, "organisatie")) && !validate_int(v, 1, 999999999999999L, &n))
		flt->organisation = n;
	if (*(v = form_value(f, "leerling"))) {
		if (validate_int(v, 1, 999999999999999L, &n))
			form_error(f, "leerling", "Geef het nummer van de leerling in, bv. 123.");
		else
			flt->student = n;
	}
	if (*(v = form_value(f, "actie")))
		flt->action = v;
	char iso[11];
	if (*(v = form_value(f, "van"))) {
		if (!date_parse(v, iso))
			form_error(f, "van", "Geef een datum in als dd/mm/jjjj.");
		else
			flt->from = day_start(iso, 0);
	}
	if (*(v = form_value(f, "tot"))) {
		if (!date_parse(v, iso))
			form_error(f, "tot", "Geef een datum in als dd/mm/jjjj.");
		else
			flt->until = day_start(iso, 1);
	}
	if (flt->from && flt->until && flt->until <= flt->from)
		form_error(f, "tot", "Deze datum ligt voor de datum bij 'Van'.");
	struct scope s = scope_of(r);
	flt->low_id = flt->from ? audit_first_id_from(&s, flt->from, NO_LIMIT) : 0;
	flt->high_id = flt->until ? audit_last_id_before(&s, flt->until) : NO_LIMIT;
}

/* The statement that walks the index of the filter's leading criterion. */
static const char *audit_sql(const struct audit_filter *flt)
{
	return flt->student ? SQL_BY_STUDENT
	       : flt->actor ? SQL_BY_ACTOR
	       : flt->organisation ? SQL_BY_ORGANISATION
	       : flt->action ? SQL_BY_ACTION
	       : SQL_ALL;
}

/* Binds the filter to st, for rows with an id below `below` (0 = all), at most limit. */
static void bind_filter(struct db_stmt *st, const struct audit_filter *flt, long long below, long long limit)
{
	if (flt->actor)
		db_bind_int(st, 1, flt->actor);
	if (flt->organisation)
		db_bind_int(st, 2, flt->organisation);
	if (flt->action)
		db_bind_text(st, 3, flt->action);
	if (flt->student)
		db_bind_int(st, 4, flt->student);
	if (flt->from)
		db_bind_int(st, 5, flt->from);
	if (flt->until)
		db_bind_int(st, 6, flt->until);
	db_bind_int(st, 7, flt->low_id);
	db_bind_int(st, 8, below && below - 1 < flt->high_id ? below - 1 : flt->high_id);
	db_bind_int(st, 9, limit);
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
	for (size_t i = 0; i < N_FILTER_FIELDS; i++) {
		const char *v = form_value(&flt->form, filter_fields[i].name);
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
	for (size_t i = 0; i < N_FILTER_FIELDS; i++) {
		const char *name = filter_fields[i].name;
		form_field(out, f, name,
		           strcmp(name, "organisatie") == 0 ? organisation_options(r)
		           : strcmp(name, "actie") == 0     ? action_options(r)
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
	struct db_stmt *st = db_prepare(audit_sql(&flt));
	bind_filter(st, &flt, below, PAGE_SIZE + 1);
	int n = 0;
	long long last = 0;
	while (n < PAGE_SIZE && db_step(st) == DB_ROW) {
		char at[17];
		brussels_format(db_int(st, 1), at);
		last = db_int(st, 0);
		html(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", at,
		     db_is_null(st, 2) ? "—" : db_text(st, 2), db_is_null(st, 3) ? "—" : db_text(st, 3), db_text(st, 5));
		if (db_is_null(st, 6))
			html(out, "<td>—</td>");
		else
			html(out, "<td><a href=\"/beheer/audit?leerling=%lld\">%lld</a> %s %s</td>", db_int(st, 6),
			     db_int(st, 6), db_text(st, 8), db_text(st, 9));
		html(out, "<td>%s</td><td>%s</td></tr>", db_text(st, 7), db_is_null(st, 4) ? "—" : db_text(st, 4));
		n++;
	}
	bool more = n == PAGE_SIZE && db_step(st) == DB_ROW;
	db_reset(st);
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

struct audit_row {
	long long at;
	const char *user, *organisation, *ip, *action, *student, *last_name, *first_name, *detail;
};

static const char *audit_moment(const void *row, char scratch[EXPORT_SCRATCH])
{
	brussels_format(((const struct audit_row *)row)->at, scratch);
	return scratch;
}

static const char *student_name(const void *row, char scratch[EXPORT_SCRATCH])
{
	const struct audit_row *a = row;
	snprintf(scratch, EXPORT_SCRATCH, "%s%s%s", a->last_name, *a->first_name ? " " : "", a->first_name);
	return scratch;
}

#define AUDIT(member) EXPORT_MEMBER(struct audit_row, member)
static const struct export_column audit_columns[] = {
	{"Tijdstip", EXPORT_TEXT, EXPORT_GETTER(audit_moment)},
	{"Gebruiker", EXPORT_TEXT, AUDIT(user)},
	{"Organisatie", EXPORT_TEXT, AUDIT(organisation)},
	{"Actie", EXPORT_TEXT, AUDIT(action)},
	{"Leerling (nummer)", EXPORT_NUMBER, AUDIT(student)},
	{"Leerling", EXPORT_TEXT, EXPORT_GETTER(student_name)},
	{"Details", EXPORT_TEXT, AUDIT(detail)},
	{"IP-adres", EXPORT_TEXT, AUDIT(ip)},
};

static int audit_next(void *ctx, void *row)
{
	int rc = db_step(ctx);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	struct audit_row *a = row;
	*a = (struct audit_row){db_int(ctx, 1), db_text(ctx, 2), db_text(ctx, 3), db_text(ctx, 4), db_text(ctx, 5),
	                        db_text(ctx, 6), db_text(ctx, 8), db_text(ctx, 9), db_text(ctx, 7)};
	return 1;
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
	struct db_stmt *st = db_cursor_open(audit_sql(&flt));
	if (!st) {
		resp_error(r, 500, NULL);
		return;
	}
	bind_filter(st, &flt, 0, flt.empty ? 0 : NO_LIMIT);
	audit(r, "audit_export", 0, filter_query(r, &flt));
	char today[17];
	brussels_format_input(clock_now(), today);
	struct export_source src = {audit_columns, sizeof audit_columns / sizeof audit_columns[0],
	                            sizeof(struct audit_row), audit_next, cursor_finish, st};
	export_csv(r, &src, arena_printf(r->arena, "Auditlog - %.10s.csv", today));
}
