/*
 * "Toch niet gestopt" (student_resume.h): a pupil marked "Student is gestopt" by mistake,
 * or who came back, is an ordinary request again: services see it, and a service that had
 * accepted it keeps its acceptance and is told by mail. The school may undo while the
 * campaign's registration is open; after that only the coordinator, who may at any time.
 */
#include "student_resume.h"

#include "admin.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "mail.h"
#include "notify.h"
#include "scope.h"

#define TITLE "Toch niet gestopt"

/* Why the school may not undo now, or NULL: the one place of that rule. */
static const char *school_refusal(struct req *r, const struct pupil *p)
{
	if (!p->stopped_at)
		return "Deze leerling is niet gemarkeerd als gestopt.";
	if (campaign_registration_open(&p->campaign, clock_now()))
		return NULL;
	return arena_printf(r->arena,
	                    "De registratie is gesloten: 'Student is gestopt' ongedaan maken kan nu enkel de "
	                    "coördinator. Mail daarvoor naar %s.",
	                    mail_contact_address());
}

void student_resume_button(struct buf *out, const struct pupil *p)
{
	if (p->stopped_at && campaign_registration_open(&p->campaign, clock_now()))
		html(out, "<p><a class=\"btn btn-light\" href=\"/studenten/%lld/hervatten\">" TITLE "</a></p>", p->id);
}

static const char *pupil_name(struct req *r, const struct pupil *p)
{
	return arena_printf(r->arena, "%s %s", p->rec.first_name, p->rec.last_name);
}

/* Clears stopped_at of the pupil p in scope s, tells the service, writes the audit line; in
 * one transaction. 1 done, 0 not stopped (any more), -1 failed. */
static int resume(struct req *r, struct scope s, const struct pupil *p)
{
	if (db_begin() != DB_DONE)
		return -1;
	int done = pupil_resume(s, p->id, clock_now());
	if (done == 1 && notify_service_student_resumed(r->arena, p->id) != 0)
		done = -1;
	if (done == 1 &&
	    !audit(r, "student_resume", p->id, p->placed_by ? arena_printf(r->arena, "service=%lld", p->placed_by) : NULL))
		done = -1;
	if (done != 1 || db_commit() != DB_DONE) {
		db_rollback();
		return done == 0 ? 0 : -1;
	}
	return 1;
}

static void render_school_page(struct req *r, const struct pupil *p, const char *refusal)
{
	page_begin(r, TITLE);
	struct buf *out = &r->body;
	html(out, "<p class=\"back\"><a href=\"/studenten/%lld\">Terug naar %s</a></p><div class=\"card\"><h1>" TITLE
	          "</h1>",
	     p->id, pupil_name(r, p));
	if (refusal) {
		html(out, "<div class=\"alert alert-error\" role=\"alert\"><p>%s</p></div>"
		          "<p><a class=\"btn btn-light\" href=\"/studenten/%lld\">Terug</a></p></div>",
		     refusal, p->id);
		page_end(r);
		return;
	}
	html(out, "<p>Is <strong>%s</strong> toch niet gestopt met de opleiding? De stageaanvraag staat dan opnieuw "
	          "open en de diensten zien ze weer.</p>",
	     pupil_name(r, p));
	if (p->answer.service)
		html(out, "<p><strong>%s</strong> had de leerling aanvaard en krijgt hiervan een e-mail.</p>", p->answer.service);
	else if (p->answer.accepted)
		html(out, "<p>De dienst die de aanvraag in behandeling nam, krijgt hiervan een e-mail.</p>");
	html(out, "<form method=\"post\" action=\"/studenten/%lld/hervatten\" class=\"actions\">", p->id);
	form_csrf(out, r);
	html(out, "<button type=\"submit\" class=\"btn btn-primary\">" TITLE "</button><a href=\"/studenten/%lld\">"
	          "Annuleren</a></form></div>",
	     p->id);
	page_end(r);
}

void student_resume_confirm(struct req *r)
{
	struct pupil p;
	if (!pupil_get(scope_of(r), r->arena, req_id(r, 0), false, &p)) {
		resp_not_found(r);
		return;
	}
	render_school_page(r, &p, school_refusal(r, &p));
}

void student_resume(struct req *r)
{
	struct pupil p;
	if (!pupil_get(scope_of(r), r->arena, req_id(r, 0), false, &p)) {
		resp_not_found(r);
		return;
	}
	const char *refusal = school_refusal(r, &p);
	int done = refusal ? 0 : resume(r, scope_of(r), &p);
	if (done < 0) {
		resp_error(r, 500, NULL);
		return;
	}
	if (!done) {
		r->status = 409;
		render_school_page(r, &p, refusal ? refusal : "Deze leerling is niet gemarkeerd als gestopt.");
		return;
	}
	flash_set(r, arena_printf(r->arena, "%s is niet meer gemarkeerd als gestopt.", pupil_name(r, &p)));
	resp_redirect(r, arena_printf(r->arena, "/studenten/%lld", p.id));
}

/* ---- The coordinator: the stopped pupils of a campaign -------------------------------- */

void admin_stopped_list(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, false))
		return;
	const char *title = arena_printf(r->arena, "Gestopte leerlingen %s %s", c.programme_name, c.school_year);
	page_begin(r, title);
	struct buf *out = &r->body;
	html(out, "<p><a href=\"/beheer/campagnes\">← Opleidingen en timing</a></p><h1>%s</h1>"
	          "<p class=\"lead\">Leerlingen die hun school als gestopt meldde. Met '" TITLE "' staat de "
	          "stageaanvraag opnieuw open; een dienst die de leerling had aanvaard, krijgt een e-mail. De school kan "
	          "dit zelf zolang de registratie open is, jij op elk moment.</p>",
	     title);
	size_t n;
	struct pupil_stopped *rows = pupil_stopped_list(scope_of(r), r->arena, c.id, &n);
	if (!n) {
		html(out, "<p class=\"empty\">Geen enkele leerling van deze campagne is gestopt.</p>");
		page_end(r);
		return;
	}
	html(out, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Gestopte leerlingen\"><table>"
	          "<thead><tr><th scope=\"col\">Leerling</th><th scope=\"col\">School</th><th scope=\"col\">Gestopt sinds"
	          "</th><th scope=\"col\">Aanvaard door</th><th scope=\"col\">Actie</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		char when[17];
		brussels_format(rows[i].stopped_at, when);
		html(out, "<tr><th scope=\"row\">%s %s</th><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td><td>"
		          "<form method=\"post\" action=\"/beheer/studenten/%lld/hervatten\">",
		     rows[i].first_name, rows[i].last_name, rows[i].school, when, *rows[i].service ? rows[i].service : "–",
		     rows[i].id);
		form_csrf(out, r);
		html(out, "<button type=\"submit\" class=\"btn btn-light\" aria-label=\"" TITLE ": %s %s\">" TITLE
		          "</button></form></td></tr>",
		     rows[i].first_name, rows[i].last_name);
	}
	html(out, "</tbody></table></div>");
	page_end(r);
}

void admin_student_resume(struct req *r)
{
	struct pupil p;
	if (!pupil_get(scope_of(r), r->arena, req_id(r, 0), false, &p)) {
		resp_not_found(r);
		return;
	}
	int done = resume(r, scope_of(r), &p);
	if (done < 0) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, done ? arena_printf(r->arena, "%s is niet meer gemarkeerd als gestopt.", pupil_name(r, &p))
	                  : arena_printf(r->arena, "%s was niet gemarkeerd als gestopt.", pupil_name(r, &p)));
	resp_redirect(r, arena_printf(r->arena, "/beheer/campagnes/%lld/gestopt", p.rec.campaign_id));
}
