/*
 * A care service's placements: accepting a request ("Aanvaarden"), the pupils it
 * accepted ("Mijn stagiairs") with their full data, editing a placement, withdrawing it.
 *
 * This is the only file that reads a pupil's national number, street, phone and e-mail
 * for a service, always joined to the service's own placement; every national number
 * shown writes an audit line first.
 */
#include "services.h"

#include <stdio.h>
#include <string.h>

#include "accept_form.h"
#include "audit.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "domain.h"
#include "export.h"
#include "html.h"
#include "layout.h"
#include "notify.h"
#include "service_places.h"
#include "validate.h"
#include "withdrawals.h"

static const char MSG_TAKEN[] = "Deze leerling werd intussen door een andere dienst aanvaard.";
static const char MSG_CONFLICT[] =
	"Een collega bewaarde intussen andere gegevens voor deze stage. Wat jij invulde staat hieronder, "
	"wat nu bewaard is in het kader 'Nu bewaard'. Klik opnieuw op 'Opslaan' om jouw versie te bewaren.";

/* --- Accepting a request --------------------------------------------------------- */

/*
 * Why this service cannot accept the pupil now, or NULL. *ours is set when this
 * service already accepted it. Reads the campaign again, so that inside the transaction
 * it sees the timing and the pupil as they are at that moment.
 */
static const char *accept_refusal(struct req *r, long long student_id, struct campaign *c, bool *ours)
{
	*ours = false;
	long long now = clock_now();
	if (!campaign_load(c->id, c))
		return "Deze campagne bestaat niet meer.";
	if (!campaign_handling_open(c, now))
		return arena_printf(r->arena, "Aanvaarden kan nu niet. %s", handling_notice(r, c, now));
	switch (placement_standing(scope_of(r), student_id)) {
	case STANDING_OURS:
		*ours = true;
		return "Jouw dienst aanvaardde deze leerling al.";
	case STANDING_TAKEN:
		return MSG_TAKEN;
	case STANDING_STOPPED:
		return "Deze leerling is gestopt met de opleiding en kan niet meer aanvaard worden.";
	case STANDING_OPEN:
		break;
	}
	return NULL;
}

static void to_own_pupil(struct req *r, long long student_id, const char *message)
{
	flash_set(r, message);
	resp_redirect(r, arena_printf(r->arena, "/stagiairs/%lld", student_id));
}

void request_accept(struct req *r)
{
	long long id = req_id(r, 0);
	struct campaign c;
	if (!pupil_service_visible(scope_of(r), id, &c)) {
		resp_not_found(r);
		return;
	}
	struct form f;
	placement_form_init(&f, r);
	bool ours;
	const char *refusal = accept_refusal(r, id, &c, &ours);
	if (ours) {
		to_own_pupil(r, id, refusal);
		return;
	}
	if (refusal) {
		r->status = 409;
		request_page(r, id, NULL, refusal);
		return;
	}
	struct placement_record p = {0};
	if (!placement_form_check(r, &f, &c, &p)) {
		request_page(r, id, &f, NULL);
		return;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	refusal = accept_refusal(r, id, &c, &ours);
	long long placement = 0;
	if (!refusal) {
		p.student_id = id;
		p.round = c.round;
		placement = placement_insert(scope_of(r), &p);
		if (placement == PLACEMENT_TAKEN)
			refusal = MSG_TAKEN;
		else if (placement == PLACEMENT_FULL)
			refusal = places_full_message(r, c.id);
	}
	if (refusal) {
		db_rollback();
		if (ours) {
			to_own_pupil(r, id, refusal);
			return;
		}
		r->status = 409;
		request_page(r, id, &f, refusal);
		return;
	}
	if (placement <= 0) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	audit(r, "placement_accept", id, NULL);
	if (db_commit() != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	to_own_pupil(r, id, "Leerling aanvaard. Hieronder vind je alle gegevens om contact op te nemen.");
}

/* --- One of our pupils ----------------------------------------------------------- */

/* The placement's approved periods into start and end; their count. */
static int approved_periods(struct scope sc, long long placement_id, char start[][11], char end[][11])
{
	struct pupil_periods p;
	pupil_approved_periods(sc, placement_id, &p);
	memcpy(start, p.start, sizeof p.start);
	memcpy(end, p.end, sizeof p.end);
	return p.count;
}

struct accepted_pupil {
	struct pupil_for_service q;
	struct campaign c;
	long long placement_id, version, accepted_at;
	const char *site, *mentor_name, *mentor_phone, *mentor_email, *notes;
	const char *street, *phone, *email;
	char national_number[16];   /* formatted; "" when removed */
	int approved;
	char start[PERIODS_MAX][11], end[PERIODS_MAX][11];
};

/* Copies what pupil_private_for_service (pupils.h) read into in. */
static void take_private(struct accepted_pupil *in, const struct pupil_private *priv)
{
	in->placement_id = priv->placement_id;
	in->version = priv->placement_version;
	in->accepted_at = priv->accepted_at;
	in->site = priv->site;
	in->mentor_name = priv->mentor_name;
	in->mentor_phone = priv->mentor_phone;
	in->mentor_email = priv->mentor_email;
	in->notes = priv->notes;
	in->street = priv->street;
	in->phone = priv->phone;
	in->email = priv->email;
	memcpy(in->national_number, priv->national_number, sizeof in->national_number);
}

/* Loads our placement of student_id with the pupil's private fields (not the national
 * number, see reveal_national_number). Returns false when it is not ours. */
static bool accepted_pupil_load(struct req *r, long long student_id, struct accepted_pupil *in)
{
	memset(in, 0, sizeof *in);
	struct pupil_private priv;
	struct scope scope = scope_of(r);
	if (!pupil_private_for_service(scope, r, student_id, NULL, &priv) || !campaign_load(priv.campaign_id, &in->c) ||
	    !pupil_for_service_accepted(scope, r->arena, student_id, &in->q))
		return false;
	take_private(in, &priv);
	in->approved = approved_periods(scope_of(r), in->placement_id, in->start, in->end);
	return true;
}

/* The national number for display: pupil_private_for_service writes the audit line. */
static void reveal_national_number(struct req *r, struct accepted_pupil *in, const char *where)
{
	struct pupil_private priv;
	if (pupil_private_for_service(scope_of(r), r, in->q.id, where, &priv))
		memcpy(in->national_number, priv.national_number, sizeof in->national_number);
	sodium_memzero(&priv.national_number, sizeof priv.national_number);
}

static void stage_facts(struct buf *out, const struct accepted_pupil *in)
{
	html(out, "<dl class=\"facts\"><dt>Stageplek</dt><dd>%s</dd><dt>Stageperiode</dt><dd>", in->site);
	period_list(out, in->approved, in->start, in->end);
	html(out, "</dd><dt>Stagementor</dt><dd>%s<br>%s<br>%s</dd>", in->mentor_name, in->mentor_phone,
	     in->mentor_email);
	html(out, "<dt>Notities</dt><dd class=\"pre-line\">%s</dd></dl>", in->notes);
}

static void fill_form_from(struct req *r, struct form *f, const struct accepted_pupil *in)
{
	form_set(f, PLACEMENT_SITE, in->site);
	form_set(f, PLACEMENT_MENTOR_NAME, in->mentor_name);
	form_set(f, PLACEMENT_MENTOR_PHONE, in->mentor_phone);
	form_set(f, PLACEMENT_MENTOR_EMAIL, in->mentor_email);
	form_set(f, PLACEMENT_NOTES, in->notes);
	placement_form_set_periods(f, in->approved, in->start, in->end);
	form_set(f, PLACEMENT_VERSION, arena_printf(r->arena, "%lld", in->version));
}

/*
 * The page of one of our pupils: full data (the national number audited), the edit
 * form f (NULL: filled from the placement) and the withdrawal. current: the saved stage
 * shown next to an edit that lost against a colleague's.
 */
static void accepted_pupil_page(struct req *r, struct accepted_pupil *in, struct form *f, const char *problem,
                                const struct accepted_pupil *current)
{
	struct form fresh;
	if (!f) {
		placement_form_init(&fresh, r);
		fill_form_from(r, &fresh, in);
		f = &fresh;
	}
	reveal_national_number(r, in, "stagiair");
	withdrawal_note_private_data_shown(r->user->org_id, in->q.id);
	long long now = clock_now();
	struct buf *out = &r->body;
	const struct pupil_for_service *q = &in->q;
	char accepted[17];
	brussels_format(in->accepted_at, accepted);
	page_begin(r, arena_printf(r->arena, "Stagiair %s %s", q->first_name, q->last_name));
	html(out, "<p><a href=\"/stagiairs\">← Mijn stagiairs</a></p><h1>%s %s", q->first_name, q->last_name);
	if (q->stopped)
		html(out, " <span class=\"badge badge-stop\">gestopt</span>");
	html(out, "</h1><p class=\"lead\">%s %s — aanvaard op %s</p>", in->c.programme_name, in->c.school_year, accepted);
	if (problem)
		html(out, "<div class=\"alert alert-error\" role=\"alert\"><p><strong>%s</strong></p></div>", problem);
	if (q->stopped)
		html(out, "<div class=\"alert alert-warn\"><p>De school meldde dat deze leerling gestopt is met de "
		          "opleiding. De stage gaat niet door.</p></div>");
	if (current) {
		html(out, "<section class=\"card\"><h2>Nu bewaard</h2>");
		stage_facts(out, current);
		html(out, "</section>");
	}
	html(out, "<section class=\"card\"><h2>Gegevens leerling</h2><dl class=\"facts\"><dt>Rijksregisternummer</dt>");
	if (in->national_number[0])
		html(out, "<dd>%s</dd>", in->national_number);
	else
		html(out, "<dd class=\"muted\">niet meer bewaard</dd>");
	html(out, "<dt>Adres</dt><dd>%s<br>%s %s (%s)</dd>", in->street, q->postcode, q->city, q->province);
	html(out, "<dt>Telefoon</dt><dd>%s</dd><dt>E-mail</dt><dd><a href=\"mailto:%s\">%s</a></dd></dl>", in->phone,
	     in->email, in->email);
	html(out, "<h2>Aanvraag</h2>");
	request_facts(out, q, r->user->org_id);
	html(out, "</section><section class=\"card\" aria-labelledby=\"stage\"><h2 id=\"stage\">Stage</h2>");
	form_begin(out, r, f, arena_printf(r->arena, "/stagiairs/%lld", q->id));
	placement_form_controls(out, f);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Opslaan</button></div>");
	form_end(out);
	html(out, "</section><section class=\"card\"><h2>Aanvaarding intrekken</h2>");
	long long pending = withdrawal_pending_since(q->id);
	if (pending) {
		char when[17];
		brussels_format(pending, when);
		html(out, "<p>Jullie dienst vroeg op %s om deze aanvaarding in te trekken. De coördinator beslist; je "
		          "krijgt een e-mail met de beslissing.</p>",
		     when);
	} else if (campaign_handling_open(&in->c, now)) {
		html(out, "<p>Kan jullie dienst deze leerling toch niet ontvangen? Trek de aanvaarding in: de "
		          "aanvraag staat dan opnieuw open voor de andere diensten.</p>");
		html(out, "<form method=\"post\" action=\"/stagiairs/%lld/intrekken\">", q->id);
		form_csrf(out, r);
		html(out, "<button type=\"submit\" class=\"btn btn-danger\">Aanvaarding intrekken</button></form>");
	} else {
		html(out, "<p>%s</p>", handling_notice(r, &in->c, now));
	}
	html(out, "</section>");
	page_end(r);
}

void accepted_pupil_show(struct req *r)
{
	struct accepted_pupil in;
	if (!accepted_pupil_load(r, req_id(r, 0), &in)) {
		resp_not_found(r);
		return;
	}
	accepted_pupil_page(r, &in, NULL, NULL, NULL);
}

void accepted_pupil_update(struct req *r)
{
	long long id = req_id(r, 0);
	struct accepted_pupil in;
	if (!accepted_pupil_load(r, id, &in)) {
		resp_not_found(r);
		return;
	}
	struct form f;
	placement_form_init(&f, r);
	struct placement_record p = {0};
	long version = 0;
	bool valid = placement_form_check(r, &f, &in.c, &p);
	if (validate_int(form_value(&f, PLACEMENT_VERSION), 1, 1000000000L, &version))
		f.summary = "Dit formulier is onvolledig. Herlaad de pagina en probeer opnieuw.";
	if (!valid || !form_ok(&f)) {
		accepted_pupil_page(r, &in, &f, NULL, NULL);
		return;
	}
	p.student_id = id;
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	int saved = placement_update(scope_of(r), &p, version);
	if (saved == 1)
		audit(r, "placement_update", id, NULL);
	if (saved != 1 || db_commit() != DB_DONE) {
		db_rollback();
		if (saved < 0) {
			resp_error(r, 500, NULL);
			return;
		}
		/* A colleague saved first (or withdrew): keep what was typed, show what is saved now. */
		struct accepted_pupil now_saved;
		if (!accepted_pupil_load(r, id, &now_saved)) {
			resp_error(r, 409, "Een collega trok deze aanvaarding intussen in. Je wijzigingen zijn niet bewaard.");
			return;
		}
		form_set(&f, PLACEMENT_VERSION, arena_printf(r->arena, "%lld", now_saved.version));
		r->status = 409;
		accepted_pupil_page(r, &now_saved, &f, MSG_CONFLICT, &now_saved);
		return;
	}
	flash_set(r, "De gegevens van de stage zijn bewaard.");
	resp_redirect(r, arena_printf(r->arena, "/stagiairs/%lld", id));
}

/* What the confirmation says will happen. */
struct withdraw_outcome {
	bool school_told;          /* the school sees the results already */
	bool private_data_shown;   /* school and coordinator are told at once */
	bool needs_coordinator;    /* the service used up its withdrawals of this campaign */
	long long done;            /* its withdrawals of this campaign so far */
};

static void confirm_withdraw_page(struct req *r, const struct accepted_pupil *in, const struct withdraw_outcome *o)
{
	struct buf *out = &r->body;
	page_begin(r, "Aanvaarding intrekken");
	html(out, "<div class=\"card narrow\"><h1>Aanvaarding intrekken?</h1><p>Je trekt de aanvaarding van "
	          "<strong>%s %s</strong> in. Stageplek, periodes, stagementor en notities worden gewist en de "
	          "aanvraag staat opnieuw open voor de andere diensten.</p>",
	     in->q.first_name, in->q.last_name);
	if (o->needs_coordinator)
		html(out, "<p><strong>Jullie dienst trok in deze campagne al %lld %s in.</strong> Een volgende intrekking "
		          "moet de coördinator goedkeuren: je vraagt ze aan, en tot de coördinator beslist blijft de "
		          "leerling bij jullie dienst.</p>",
		     o->done, o->done == 1 ? "aanvaarding" : "aanvaardingen");
	if (o->school_told)
		html(out, "<p>De school ziet de resultaten al en krijgt hierover een e-mail.</p>");
	if (o->private_data_shown)
		html(out, "<p>Jullie dienst heeft de persoonlijke gegevens van deze leerling gezien. Daarom %s meteen een "
		          "e-mail over de intrekking.</p>",
		     o->school_told ? "krijgt ook de coördinator" : "krijgen de school en de coördinator");
	html(out, "<form method=\"post\" action=\"/stagiairs/%lld/intrekken\">", in->q.id);
	form_csrf(out, r);
	html(out, "<input type=\"hidden\" name=\"bevestigd\" value=\"1\"><div class=\"actions\">"
	          "<button type=\"submit\" class=\"btn btn-danger\">%s</button>"
	          "<a href=\"/stagiairs/%lld\">Nee, terug</a></div></form></div>",
	     o->needs_coordinator ? "Ja, intrekken aanvragen" : "Ja, aanvaarding intrekken", in->q.id);
	page_end(r);
}

void accepted_pupil_withdraw(struct req *r)
{
	long long id = req_id(r, 0);
	struct accepted_pupil in;
	if (!accepted_pupil_load(r, id, &in)) {
		resp_not_found(r);
		return;
	}
	long long now = clock_now();
	if (!campaign_handling_open(&in.c, now)) {
		r->status = 409;
		accepted_pupil_page(r, &in, NULL,
		                    arena_printf(r->arena, "Intrekken kan nu niet. %s", handling_notice(r, &in.c, now)), NULL);
		return;
	}
	if (withdrawal_pending_since(id)) {
		to_own_pupil(r, id, "Jullie dienst vroeg al om deze aanvaarding in te trekken. De coördinator beslist.");
		return;
	}
	long long me = r->user->org_id;
	struct withdraw_outcome o = {
		.school_told = campaign_school_sees_answers(&in.c, now),
		.private_data_shown = withdrawal_private_data_shown(id, me),
		.needs_coordinator = withdrawal_needs_coordinator(in.c.id, me),
		.done = withdrawals_done(in.c.id, me),
	};
	const char *confirmed = req_form(r, "bevestigd");
	if (!confirmed || strcmp(confirmed, "1") != 0) {
		confirm_withdraw_page(r, &in, &o);
		return;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	/* Counted again inside the transaction: two colleagues withdrawing at once stay within the bound. */
	bool ask = withdrawal_needs_coordinator(in.c.id, me);
	int rc = ask ? withdrawal_request(id, me, in.c.id, r->user->id)
	             : withdrawal_perform(id, me, in.c.id, r->user->id, 0, 0);
	if (rc == 0)
		audit(r, ask ? "withdrawal_request" : "placement_withdraw", id, NULL);
	if (rc != 0 || db_commit() != DB_DONE) {
		db_rollback();
		if (rc == 1) {
			to_own_pupil(r, id, "Jullie dienst vroeg al om deze aanvaarding in te trekken. De coördinator beslist.");
			return;
		}
		resp_error(r, 500, NULL);
		return;
	}
	if (ask) {
		to_own_pupil(r, id, "Je vraag om de aanvaarding in te trekken is verstuurd naar de coördinator. Tot die "
		                    "beslist, blijft de leerling bij jullie dienst; je krijgt een e-mail met de beslissing.");
		return;
	}
	flash_set(r, arena_printf(r->arena, "De aanvaarding van %s %s is ingetrokken. De aanvraag staat opnieuw open.",
	                          in.q.first_name, in.q.last_name));
	resp_redirect(r, "/stagiairs");
}

/* --- Mijn stagiairs and its exports ------------------------------------------------ */

/* One of our pupils as the list and the exports show it: the module's row and the texts
 * made of it; in the request's arena. */
struct accepted_row {
	struct pupil_accepted_row p;
	const char *transport, *status, *accepted_on;
	const char *approved_start[PERIODS_MAX], *approved_end[PERIODS_MAX];
	char transport_buf[96], accepted_buf[11];
};

/* Reads all our pupils (a service has tens, not thousands). with_nn: with the national
 * numbers, for an export; the caller writes the audit lines. Returns the count. */
static size_t accepted_pupils_load(struct req *r, bool with_nn, struct accepted_row **out)
{
	struct pupil_accepted_row *read;
	size_t count = pupil_accepted_page(scope_of(r), r->arena, with_nn, &read);
	struct accepted_row *rows = arena_alloc(r->arena, (count ? count : 1) * sizeof *rows);
	for (size_t i = 0; i < count; i++) {
		struct accepted_row *row = &rows[i];
		row->p = read[i];
		transport_labels(row->p.transport, row->transport_buf, sizeof row->transport_buf);
		row->transport = row->transport_buf;
		row->status = row->p.stopped ? "Gestopt" : "Aanvaard";
		char local[17];
		brussels_format_input(row->p.accepted_at, local);
		memcpy(row->accepted_buf, local, 10);
		row->accepted_on = row->accepted_buf;
		for (int k = 0; k < PERIODS_MAX; k++) {
			row->approved_start[k] = k < row->p.approved.count ? row->p.approved.start[k] : "";
			row->approved_end[k] = k < row->p.approved.count ? row->p.approved.end[k] : "";
		}
	}
	*out = rows;
	return count;
}

static void accepted_row_html(struct buf *out, const struct pupil_accepted_row *row)
{
	html_lit(out, "<tr><td><a href=\"/stagiairs/");
	html_int(out, row->id);
	html_lit_text(out, "\">", row->last_name);
	html_lit_text(out, " ", row->first_name);
	html_lit(out, "</a>");
	if (row->stopped)
		html_lit(out, " <span class=\"badge badge-stop\">gestopt</span>");
	html_lit_text(out, "</td><td>", row->street);
	html_lit_text(out, "<br>", row->postcode);
	html_lit_text(out, " ", row->city);
	html_lit_text(out, "<br>", row->phone);
	html_lit(out, "<br>");
	html_mailto(out, row->email);
	html_lit_text(out, "</td><td>", row->school);
	html_lit_text(out, "<br><span class=\"muted\">", row->contact_name);
	html_lit_text(out, ", ", row->contact_phone);
	html_lit_text(out, ", ", row->contact_email);
	html_lit_text(out, "</span></td><td>", row->site);
	html_lit(out, "</td><td class=\"nowrap\">");
	for (int i = 0; i < row->approved.count; i++) {
		if (i)
			html_lit(out, "<br>");
		html_date(out, row->approved.start[i]);
		html_lit(out, " – ");
		html_date(out, row->approved.end[i]);
	}
	html_lit_text(out, "</td><td>", row->mentor_name);
	html_lit_text(out, "<br>", row->mentor_phone);
	html_lit_text(out, "<br>", row->mentor_email);
	html_lit_text(out, "</td><td class=\"pre-line\">", row->notes);
	html_lit(out, "</td></tr>");
}

void accepted_pupils_list(struct req *r)
{
	struct buf *out = &r->body;
	struct accepted_row *rows;
	size_t count = accepted_pupils_load(r, false, &rows);
	if (count)   /* the list shows every pupil's address, phone and e-mail */
		withdrawal_note_private_data_shown(r->user->org_id, 0);
	page_begin(r, "Mijn stagiairs");
	html(out, "<h1>Mijn stagiairs</h1><p class=\"lead\">De leerlingen die jullie dienst aanvaardde, met alle "
	          "gegevens om contact op te nemen met de leerling en de school.");
	places_filled_lines(r);
	html(out, "</p>");
	if (!count) {
		html(out, "<div class=\"card empty\"><p>Jullie dienst aanvaardde nog geen leerlingen.</p>"
		          "<p><a class=\"btn\" href=\"/aanvragen\">Naar de stageaanvragen</a></p></div>");
		page_end(r);
		return;
	}
	html(out, "<div class=\"toolbar\"><a class=\"btn btn-light\" href=\"/stagiairs/export.csv\" download>Exporteer CSV</a>"
	          "<a class=\"btn btn-light\" href=\"/stagiairs/export.xlsx\" download>Exporteer Excel</a></div>");
	html(out, "<div class=\"table-wrap\"><table><caption class=\"visually-hidden\">Mijn stagiairs</caption><thead><tr>"
	          "<th scope=\"col\">Leerling</th><th scope=\"col\">Adres en contact</th><th scope=\"col\">School</th>"
	          "<th scope=\"col\">Stageplek</th><th scope=\"col\">Stageperiode</th><th scope=\"col\">Stagementor</th>"
	          "<th scope=\"col\">Notities</th></tr></thead><tbody>");
	const char *group = NULL;
	for (size_t i = 0; i < count; i++) {
		const struct pupil_accepted_row *row = &rows[i].p;
		const char *campaign = arena_printf(r->arena, "%s %s", row->programme, row->school_year);
		if (!group || strcmp(group, campaign) != 0)
			html(out, "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"7\">%s</th></tr>", group = campaign);
		accepted_row_html(out, row);
	}
	html(out, "</tbody></table></div><p class=\"muted\">%zu %s.</p>", count, count == 1 ? "stagiair" : "stagiairs");
	page_end(r);
}

#define ROW(member) EXPORT_MEMBER(struct accepted_row, member)
#define PUPIL(member) ROW(p.member)
static const struct export_column accepted_columns[] = {
	{"Opleiding", EXPORT_TEXT, PUPIL(programme)},
	{"Schooljaar", EXPORT_TEXT, PUPIL(school_year)},
	{"Achternaam", EXPORT_TEXT, PUPIL(last_name)},
	{"Voornaam", EXPORT_TEXT, PUPIL(first_name)},
	{"Rijksregisternummer", EXPORT_TEXT, PUPIL(national_number)},
	{"Straat", EXPORT_TEXT, PUPIL(street)},
	{"Postcode", EXPORT_TEXT, PUPIL(postcode)},
	{"Plaats", EXPORT_TEXT, PUPIL(city)},
	{"Provincie", EXPORT_TEXT, PUPIL(province)},
	{"Telefoon", EXPORT_TEXT, PUPIL(phone)},
	{"E-mail", EXPORT_TEXT, PUPIL(email)},
	{"Vervoersmiddelen", EXPORT_TEXT, ROW(transport)},
	{"Opmerkingen leerling", EXPORT_TEXT, PUPIL(remarks)},
	{"School", EXPORT_TEXT, PUPIL(school)},
	{"Stage-/werkplekbegeleider", EXPORT_TEXT, PUPIL(contact_name)},
	{"Telefoon begeleider", EXPORT_TEXT, PUPIL(contact_phone)},
	{"E-mail begeleider", EXPORT_TEXT, PUPIL(contact_email)},
	{"Stagevorm", EXPORT_TEXT, PUPIL(format)},
	{"Aantal uren/week", EXPORT_NUMBER, PUPIL(hours_per_week)},
	{"Totaal aantal uren", EXPORT_NUMBER, PUPIL(total_hours)},
	{"Opmerkingen stage", EXPORT_TEXT, PUPIL(request_remarks)},
	{"Status", EXPORT_TEXT, ROW(status)},
	{"Aanvaard op", EXPORT_DATE, ROW(accepted_on)},
	{"Locatie stageplek", EXPORT_TEXT, PUPIL(site)},
	EXPORT_APPROVED_PERIOD_COLUMNS(ROW),
	{"Stagementor", EXPORT_TEXT, PUPIL(mentor_name)},
	{"Telefoon stagementor", EXPORT_TEXT, PUPIL(mentor_phone)},
	{"E-mail stagementor", EXPORT_TEXT, PUPIL(mentor_email)},
	{"Notities", EXPORT_TEXT, PUPIL(notes)},
};
#undef PUPIL
#undef ROW

struct accepted_rows {
	struct accepted_row *rows;
	size_t count, next;
};

static int accepted_rows_next(void *ctx, void *row)
{
	struct accepted_rows *it = ctx;
	if (it->next == it->count)
		return 0;
	memcpy(row, &it->rows[it->next++], sizeof(struct accepted_row));
	return 1;
}

/* The decrypted numbers do not outlive the download. */
static void accepted_rows_finish(void *ctx)
{
	struct accepted_rows *it = ctx;
	for (size_t i = 0; i < it->count; i++)
		sodium_memzero((char *)it->rows[i].p.national_number, strlen(it->rows[i].p.national_number));
}

/*
 * Reads our pupils with their national numbers and writes one audit line per national
 * number in the file, in one transaction, before a byte is sent. False: an error page
 * was sent.
 */
static bool accepted_pupils_export_begin(struct req *r, const char *kind, struct export_source *src,
                                        const char **file_name)
{
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return false;
	}
	struct accepted_rows *it = arena_alloc(r->arena, sizeof *it);
	it->count = accepted_pupils_load(r, true, &it->rows);
	const char *detail = arena_printf(r->arena, "export %s", kind);
	bool audited = true;
	for (size_t i = 0; i < it->count; i++)
		if (*it->rows[i].p.national_number)
			audited = pupil_national_number_viewed(scope_of(r), r, it->rows[i].p.id, detail) && audited;
	if (it->count && withdrawal_note_private_data_shown(r->user->org_id, 0) != DB_DONE)
		audited = false;
	if (!audited || db_commit() != DB_DONE) {
		db_rollback();
		accepted_rows_finish(it);
		resp_error(r, 500, NULL);
		return false;
	}
	*src = (struct export_source){accepted_columns, sizeof accepted_columns / sizeof accepted_columns[0],
	                              sizeof(struct accepted_row), accepted_rows_next, accepted_rows_finish, it};
	char local[17];
	brussels_format_input(clock_now(), local);
	*file_name = arena_printf(r->arena, "%s - Mijn stagiairs - %.10s.%s", r->user->org_name, local, kind);
	return true;
}

void accepted_pupils_export_csv(struct req *r)
{
	struct export_source src;
	const char *name;
	if (accepted_pupils_export_begin(r, "csv", &src, &name))
		export_csv(r, &src, name);
}

void accepted_pupils_export_xlsx(struct req *r)
{
	struct export_source src;
	const char *name;
	if (accepted_pupils_export_begin(r, "xlsx", &src, &name) && !export_xlsx(r, &src, name, "Mijn stagiairs"))
		resp_error(r, 500, "Het Excel-bestand kon niet gemaakt worden. Probeer het opnieuw of exporteer als CSV.");
}
