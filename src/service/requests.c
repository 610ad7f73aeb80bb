/*
 * "Stageaanvragen": what a care service sees of the schools' requests. The list of
 * the requests of its current campaigns, with filters, sorting and pages in the URL,
 * and one request in detail with the acceptance form.
 *
 * Privacy: nothing in this file selects a pupil's national number, street, phone or
 * e-mail. Those are only read in src/service/placements.c, joined to this service's placement.
 */
#include "services.h"

#include <stdio.h>
#include <string.h>

#include "accept_form.h"
#include "clock.h"
#include "domain.h"
#include "html.h"
#include "layout.h"
#include "listing.h"
#include "mail.h"
#include "placements_store.h"
#include "service_places.h"
#include "validate.h"

#define PAGE_SIZE 50

/* In the order of enum pupil_request_sort. */
static const struct listing_sort sorts[] = {
	{"naam", "Leerling"},
	{"status", "Status"},
	{"postcode", "Woonplaats en vervoer"},
	{"uren", "Stagevorm en uren"},
	{"periode", "Periodes"},
	{"school", "School"},
	{NULL, NULL},
};
_Static_assert(sizeof sorts / sizeof sorts[0] == PUPIL_SORT__MAX + 1, "one column per enum pupil_request_sort");

/* --- Showing a request ----------------------------------------------------------- */

const char *handling_notice(struct req *r, const struct campaign *c, long long now)
{
	char when[17];
	if (now < c->handling_opens_at) {
		brussels_format(c->handling_opens_at, when);
		return arena_printf(r->arena, "De behandeling van de aanvragen opent op %s.", when);
	}
	if (campaign_handling_open(c, now)) {
		brussels_format(campaign_handling_closes_at(c, now), when);
		return arena_printf(r->arena, "De behandeling loopt: je kan aanvragen aanvaarden tot %s.", when);
	}
	brussels_format(campaign_handling_closes_at(c, now), when);
	return arena_printf(r->arena,
	                    "De behandeling is gesloten sinds %s: aanvragen aanvaarden of een aanvaarding "
	                    "intrekken kan niet meer. Je kan alles nog lezen.",
	                    when);
}

void transport_list(struct buf *out, int bits)
{
	bool first = true;
	for (const struct transport_kind *k = transport_kinds; k->bit; k++)
		if (bits & k->bit) {
			if (!first)
				html_lit(out, ", ");
			html_text(out, k->label);
			first = false;
		}
}

/* compact: without the start's year when the end has the same one (the list's column). */
static void periods_html(struct buf *out, int count, const char start[][11], const char end[][11], bool compact)
{
	for (int i = 0; i < count; i++) {
		if (i)
			html_lit(out, "<br>");
		if (compact && strncmp(start[i], end[i], 4) == 0)
			html_day_month(out, start[i]);
		else
			html_date(out, start[i]);
		html_lit(out, " – ");
		html_date(out, end[i]);
	}
}

void period_list(struct buf *out, int count, const char start[][11], const char end[][11])
{
	periods_html(out, count, start, end, false);
}

static void state_badge(struct buf *out, const struct pupil_for_service *q, long long service_id)
{
	if (q->stopped)
		html(out, "<span class=\"badge badge-stop\">gestopt</span>");
	else if (!q->placed_service_id)
		html(out, "<span class=\"badge badge-open\">open</span>");
	else if (q->placed_service_id == service_id)
		html(out, "<span class=\"badge badge-ok\">aanvaard door ons</span>");
	else
		html(out, "<span class=\"badge badge-stop\">aanvaard elders</span>");
}

static void preference(struct buf *out, const struct pupil_for_service *q, long long service_id)
{
	if (q->preference_service_id == service_id)
		html(out, "<span class=\"badge badge-pref\">voorkeur: deze dienst</span>");
	else if (q->preference_service_id)
		html(out, "%s", q->preference_name);
	else
		html(out, "<span class=\"muted\">geen voorkeur</span>");
}

void request_facts(struct buf *out, const struct pupil_for_service *q, long long service_id)
{
	html(out, "<dl class=\"facts\"><dt>Woonplaats</dt><dd>%s %s (%s)</dd>", q->postcode, q->city, q->province);
	html(out, "<dt>Vervoer</dt><dd>");
	transport_list(out, q->transport);
	html(out, "</dd>");
	if (*q->remarks)
		html(out, "<dt>Opmerkingen over de leerling</dt><dd class=\"pre-line\">%s</dd>", q->remarks);
	html(out, "<dt>Stagevorm</dt><dd>%s</dd><dt>Gevraagde periodes</dt><dd>", q->format);
	period_list(out, q->periods, q->start, q->end);
	html(out, "</dd><dt>Uren</dt><dd>%d uur per week, %d uur in totaal</dd>", q->hours_per_week, q->total_hours);
	if (*q->request_remarks)
		html(out, "<dt>Opmerkingen bij de aanvraag</dt><dd class=\"pre-line\">%s</dd>", q->request_remarks);
	html(out, "<dt>Voorkeur</dt><dd>");
	preference(out, q, service_id);
	html(out, "</dd><dt>School</dt><dd>%s</dd>", q->school);
	html(out, "<dt>Contactpersoon school</dt><dd>%s<br>%s<br><a href=\"mailto:%s\">%s</a></dd></dl>",
	     q->contact_name, q->contact_phone, q->contact_email, q->contact_email);
}

/* Fills a fresh acceptance form: the requested periods, and the site and mentor of this
 * service's previous acceptance (a planner goes through many requests in a row). */
static bool prefill_accept_form(struct req *r, struct form *f, const struct pupil_for_service *q)
{
	for (int i = 0; i < q->periods; i++) {
		form_set(f, PLACEMENT_PERIOD_START(i), q->start[i]);
		form_set(f, PLACEMENT_PERIOD_END(i), q->end[i]);
	}
	struct placement_mentor last;
	bool found = placement_last_mentor(scope_of(r), r->arena, &last);
	if (found) {
		form_set(f, PLACEMENT_SITE, last.site);
		form_set(f, PLACEMENT_MENTOR_NAME, last.mentor_name);
		form_set(f, PLACEMENT_MENTOR_PHONE, last.mentor_phone);
		form_set(f, PLACEMENT_MENTOR_EMAIL, last.mentor_email);
	}
	return found;
}

void request_page(struct req *r, long long student_id, struct form *f, const char *problem)
{
	struct campaign c;
	struct pupil_for_service q;
	long long me = r->user->org_id;
	if (!pupil_for_service_get(scope_of(r), r->arena, student_id, &q, &c)) {
		resp_not_found(r);
		return;
	}
	long long now = clock_now();
	bool can_accept = !q.placed_service_id && !q.stopped && campaign_handling_open(&c, now);
	struct buf *out = &r->body;
	page_begin(r, arena_printf(r->arena, "Stageaanvraag %s %s", q.first_name, q.last_name));
	html(out, "<p><a href=\"/aanvragen\">← Alle stageaanvragen</a></p>");
	html(out, "<h1>%s %s ", q.first_name, q.last_name);
	state_badge(out, &q, me);
	html(out, "</h1><p class=\"lead\">%s %s</p>", c.programme_name, c.school_year);
	if (can_accept) /* the page's main action on the first screen, even on a phone */
		html(out, "<p><a class=\"btn btn-add\" href=\"#aanvaarden\">Aanvaarden</a></p>");
	if (problem)
		html(out, "<div class=\"alert alert-error\" role=\"alert\"><p><strong>%s</strong></p></div>", problem);
	html(out, "<div class=\"alert alert-info\"><p>%s</p></div>", handling_notice(r, &c, now));
	html(out, "<section class=\"card\"><h2>Aanvraag</h2>");
	request_facts(out, &q, me);
	html(out, "<p class=\"muted\">Rijksregisternummer, adres, telefoon en e-mail van de leerling zie je "
	          "zodra jouw dienst de leerling aanvaardt.</p></section>");
	if (q.stopped)
		html(out, "<div class=\"alert alert-warn\"><p>De school meldde dat deze leerling gestopt is met de "
		          "opleiding. Aanvaarden kan niet.</p></div>");
	else if (q.placed_service_id && q.placed_service_id != me)
		html(out, "<div class=\"alert alert-warn\"><p>Een andere dienst aanvaardde deze leerling.</p></div>");
	if (can_accept) {
		struct form fresh;
		bool prefilled = false;
		if (!f) {
			placement_form_init(&fresh, r);
			prefilled = prefill_accept_form(r, &fresh, &q);
			f = &fresh;
		}
		html(out, "<section class=\"card\" aria-labelledby=\"aanvaarden\"><h2 id=\"aanvaarden\">Aanvaarden</h2>"
		          "<p class=\"muted\">De periodes zijn die van de aanvraag; pas ze aan als jullie andere "
		          "data goedkeuren.%s De school ziet deze gegevens in haar overzicht.</p>",
		     prefilled ? " Stageplek en stagementor komen van je vorige aanvaarding." : "");
		form_begin(out, r, f, arena_printf(r->arena, "/aanvragen/%lld/aanvaarden", student_id));
		placement_form_controls(out, f);
		html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-add\">Aanvaarden</button>"
		          "<a href=\"/aanvragen\">Annuleren</a></div>");
		form_end(out);
		html(out, "</section>");
	}
	page_end(r);
}

void request_show(struct req *r)
{
	long long id = req_id(r, 0);
	/* Our own pupil: the page with the full data (and the audit of viewing it). */
	if (placement_is_ours(scope_of(r), id)) {
		resp_redirect(r, arena_printf(r->arena, "/stagiairs/%lld", id));
		return;
	}
	request_page(r, id, NULL, NULL);
}

/* --- The list ---------------------------------------------------------------------- */

enum filter_field {
	FILTER_PROVINCIE, FILTER_STATUS, FILTER_POSTCODE_VAN, FILTER_POSTCODE_TOT, FILTER_PERIODE_VAN,
	FILTER_PERIODE_TOT, FILTER_VOORKEUR, FILTER_VERVOER, FILTER__FIELDS,
};
static const struct field filter_fields[] = {
	[FILTER_PROVINCIE] = {"provincie", "Provincie", FIELD_SELECT, 0, 60, NULL, NULL},
	[FILTER_STATUS] = {"status", "Status", FIELD_SELECT, 0, 10, NULL, NULL},
	[FILTER_POSTCODE_VAN] = {"postcode_van", "Postcode van", FIELD_NUMBER, 0, 4, NULL, "off"},
	[FILTER_POSTCODE_TOT] = {"postcode_tot", "Postcode tot en met", FIELD_NUMBER, 0, 4, NULL, "off"},
	[FILTER_PERIODE_VAN] = {"periode_van", "Stage loopt op of na", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
	[FILTER_PERIODE_TOT] = {"periode_tot", "Stage loopt op of voor", FIELD_TEXT, 0, 10, LISTING_DATE_HELP, "off"},
	[FILTER_VOORKEUR] = {"voorkeur", "Voorkeur", FIELD_CHECKBOXES, 0, 10, NULL, NULL},
	[FILTER_VERVOER] = {"vervoer", "Vervoer (een van)", FIELD_CHECKBOXES, 0, 200, NULL, NULL},
};
FORM_TABLE(filter_fields, FILTER__FIELDS);
static const char *const filter_params[] = {"provincie", "status", "postcode_van", "postcode_tot", "periode_van",
                                            "periode_tot", "voorkeur", "vervoer", NULL};

static const struct option state_options[] = {
	{"", "Alle"}, {"open", "Open"}, {"ons", "Aanvaard door ons"}, {"elders", "Aanvaard elders"}, {NULL, NULL},
};
static const struct option preference_options[] = {{"ja", "Enkel voorkeur: deze dienst"}, {NULL, NULL}};

/* The filter form filled from the query string; what is valid goes into fl, the rest
 * gets a message next to its field and is not applied. */
static void read_filters(struct req *r, struct form *f, struct pupil_request_filter *fl)
{
	form_init(f, r->arena, filter_fields, FILTER__FIELDS);
	for (int i = 0; i < FILTER__FIELDS; i++) {
		const char *name = filter_fields[i].name;
		struct buf joined = {0};
		const char *one;
		/* Checkboxes come as repeated parameters: one comma-separated value, as form_read does. */
		for (size_t k = 0; (one = params_get_nth(&r->query, name, k)); k++)
			if (*one && !strchr(one, ',')) {
				buf_puts(&joined, joined.len ? "," : "");
				buf_puts(&joined, one);
			}
		form_set(f, i, joined.data ? joined.data : "");
		buf_free(&joined);
	}
	memset(fl, 0, sizeof *fl);
	fl->province = form_value(f, FILTER_PROVINCIE);
	if (*fl->province && !province_known(fl->province)) {
		form_error(f, FILTER_PROVINCIE, "Kies een provincie uit de lijst.");
		fl->province = "";
	}
	static const enum filter_field pc_fields[2] = {FILTER_POSTCODE_VAN, FILTER_POSTCODE_TOT};
	int *pc[2] = {&fl->postcode_from, &fl->postcode_to};
	for (int i = 0; i < 2; i++)
		if (*form_value(f, pc_fields[i]) && validate_postcode(form_value(f, pc_fields[i]), pc[i]))
			form_error(f, pc_fields[i], "Geef een postcode van 4 cijfers, bv. 8500.");
	listing_date_filter(f, FILTER_PERIODE_VAN, fl->from);
	listing_date_filter(f, FILTER_PERIODE_TOT, fl->to);
	for (const struct transport_kind *k = transport_kinds; k->bit; k++)
		if (form_has_choice(f, FILTER_VERVOER, k->value))
			fl->transport |= k->bit;
	fl->preference = form_has_choice(f, FILTER_VOORKEUR, "ja");
	fl->state = form_value(f, FILTER_STATUS);
	if (strcmp(fl->state, "open") && strcmp(fl->state, "ons") && strcmp(fl->state, "elders"))
		fl->state = "";
}

static void filter_form(struct req *r, const struct form *f, const struct listing *l)
{
	struct buf *out = &r->body;
	struct option provinces_opt[16] = {{"", "Alle provincies"}};
	for (int i = 0; provinces[i] && i < 14; i++)
		provinces_opt[i + 1] = (struct option){provinces[i], provinces[i]};
	struct option transport_opt[8] = {{NULL, NULL}};
	for (int i = 0; transport_kinds[i].bit && i < 7; i++)
		transport_opt[i] = (struct option){transport_kinds[i].value, transport_kinds[i].label};
	listing_filter_fold_begin(out, listing_filtered(l) || !form_ok(f));
	html(out, "<form method=\"get\" action=\"/aanvragen\" class=\"form filters card\" role=\"search\" "
	          "aria-label=\"Filter\">");
	form_field(out, f, FILTER_PROVINCIE, provinces_opt);
	form_field(out, f, FILTER_STATUS, state_options);
	form_field(out, f, FILTER_POSTCODE_VAN, NULL);
	form_field(out, f, FILTER_POSTCODE_TOT, NULL);
	form_field(out, f, FILTER_PERIODE_VAN, NULL);
	form_field(out, f, FILTER_PERIODE_TOT, NULL);
	form_field(out, f, FILTER_VOORKEUR, preference_options);
	form_field(out, f, FILTER_VERVOER, transport_opt);
	listing_hidden_sort(out, l);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Filter toepassen</button>");
	if (listing_filtered(l))
		html(out, "<a href=\"/aanvragen\">Filter wissen</a>");
	html(out, "</div></form>");
	listing_filter_fold_end(out);
}

static void requested_pupil_row_html(struct req *r, const struct pupil_for_service *q, long long me)
{
	struct buf *out = &r->body;
	bool ours = q->preference_service_id == me;
	if (ours)
		html_lit(out, "<tr class=\"pref-us\">");
	else
		html_lit(out, "<tr>");
	html_lit(out, "<td><a href=\"/aanvragen/");
	html_int(out, q->id);
	html_lit_text(out, "\">", q->last_name);
	html_lit_text(out, " ", q->first_name);
	html_lit(out, "</a>");
	if (ours)
		html_lit(out, "<br><span class=\"badge badge-pref\">voorkeur: deze dienst</span>");
	else if (q->preference_service_id) {
		html_lit_text(out, "<br><span class=\"muted\">voorkeur: ", q->preference_name);
		html_lit(out, "</span>");
	}
	html_lit(out, "</td><td>");
	state_badge(out, q, me);
	html_lit_text(out, "</td><td>", q->postcode);
	html_lit_text(out, " ", q->city);
	html_lit_text(out, "<br><span class=\"muted\">", q->province);
	html_lit(out, "</span><br>");
	transport_list(out, q->transport);
	html_lit_text(out, "</td><td>", q->format);
	html_lit(out, "<br><span class=\"nowrap\">");
	html_int(out, q->hours_per_week);
	html_lit(out, " u/week</span><br><span class=\"nowrap\">");
	html_int(out, q->total_hours);
	html_lit(out, " u totaal</span></td><td class=\"nowrap\">");
	periods_html(out, q->periods, q->start, q->end, true);
	html_lit_text(out, "</td><td>", q->school);
	html_lit_text(out, "<br><span class=\"muted\">", q->contact_name);
	html_lit_text(out, "<br><span class=\"nowrap\">", q->contact_phone);
	html_lit(out, "</span><br>");
	html_mailto(out, q->contact_email);
	html_lit_text(out, "</span></td><td class=\"pre-line\">", q->remarks);
	if (*q->remarks && *q->request_remarks)
		html_lit(out, "<br>");
	html_text(out, q->request_remarks);
	html_lit(out, "</td></tr>");
}

/* The campaigns' handling windows, above the list. */
static void campaign_notices(struct req *r, long long now)
{
	long long ids[16];
	int n = pupil_request_campaigns(scope_of(r), now, ids, 16);
	for (int i = 0; i < n; i++) {
		struct campaign c;
		if (!campaign_load(ids[i], &c))
			continue;
		bool open = campaign_handling_open(&c, now);
		html(&r->body, "<div class=\"alert %s\"><p><strong>%s %s:</strong> %s</p></div>",
		     open ? "alert-info" : "alert-warn", c.programme_name, c.school_year, handling_notice(r, &c, now));
	}
	if (!n)
		html(&r->body, "<div class=\"alert alert-info\"><p>Jullie dienst neemt nog niet deel aan een "
		               "stagecampagne. De coördinator voegt de diensten toe; vragen hierover kan je mailen naar "
		               "<a href=\"mailto:%s\">%s</a>.</p></div>",
		     mail_contact_address(), mail_contact_address());
}

void requests_list(struct req *r)
{
	long long me = r->user->org_id, now = clock_now();
	struct form f;
	struct pupil_request_filter fl;
	struct listing l;
	read_filters(r, &f, &fl);
	listing_init(&l, r, "/aanvragen", filter_params, sorts, PAGE_SIZE);
	struct buf *out = &r->body;
	page_begin(r, "Stageaanvragen");
	html(out, "<h1>Stageaanvragen</h1>");
	campaign_notices(r, now);
	long long ours = placement_count_current(scope_of(r), now);
	struct scope scope = scope_of(r);
	html(out, "<p class=\"lead\">Jullie dienst aanvaardde %lld %s.", ours, ours == 1 ? "leerling" : "leerlingen");
	places_filled_lines(r);
	html(out, "</p>");
	filter_form(r, &f, &l);

	listing_set_total(&l, pupil_requests_count(scope, now, &fl));
	html(out, "<p role=\"status\">%lld %s gevonden.</p>", l.total, l.total == 1 ? "aanvraag" : "aanvragen");
	if (!l.total) {
		html(out, "<div class=\"card empty\"><p>Geen aanvragen gevonden.</p>");
		if (listing_filtered(&l))
			html(out, "<p><a href=\"/aanvragen\">Alle aanvragen tonen</a></p>");
		html(out, "</div>");
		page_end(r);
		return;
	}
	struct pupil_for_service rows[PAGE_SIZE];
	int count = pupil_requests_page(scope, r->arena, now, &fl, (enum pupil_request_sort)l.sort, l.desc,
	                                listing_offset(&l), rows, l.per_page < PAGE_SIZE ? l.per_page : PAGE_SIZE);

	html(out, "<div class=\"table-wrap\"><table class=\"requests\"><caption class=\"visually-hidden\">"
	          "Stageaanvragen</caption><thead><tr>");
	for (int i = 0; sorts[i].key; i++)
		listing_th(out, &l, i, NULL);
	html(out, "<th scope=\"col\">Opmerkingen</th></tr></thead><tbody>");
	for (int i = 0; i < count; i++)
		requested_pupil_row_html(r, &rows[i], me);
	html(out, "</tbody></table></div>");
	listing_pages(out, &l);
	page_end(r);
}
