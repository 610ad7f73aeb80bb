/*
 * Beheer > Intrekken aanvragen: a care service that withdrew withdrawals_per_campaign
 * acceptances of a campaign asks the coordinator for each further one (src/store/withdrawals.h).
 * The pending requests with what the coordinator needs to decide, "Goedkeuren" (the
 * acceptance is withdrawn, with the usual mails) and "Weigeren" (the pupil stays with the
 * service); the service gets a mail either way, and each decision is audited. Below, the
 * latest decisions.
 */
#include "admin.h"

#include <string.h>

#include "audit.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "scope.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "notify.h"
#include "withdrawals.h"

static void pending_row(struct req *r, const struct withdrawal_row *w)
{
	struct buf *out = &r->body;
	char when[17];
	brussels_format(w->requested_at, when);
	html(out, "<tr><th scope=\"row\">%s</th><td>%s<br><span class=\"muted\">%s</span></td><td>%s %s</td>"
	          "<td class=\"nowrap\">%s</td><td class=\"num\">%lld</td><td>%s</td><td><div class=\"actions\">",
	     w->service, w->pupil, w->school, w->programme, w->school_year, when,
	     withdrawals_done(w->campaign_id, w->service_id), w->private_data_shown ? "ja" : "nee");
	static const char *const actions[2][2] = {{"goedkeuren", "Goedkeuren"}, {"weigeren", "Weigeren"}};
	for (int i = 0; i < 2; i++) {
		html(out, "<form method=\"post\" action=\"/beheer/intrekkingen/%lld/%s\">", w->id, actions[i][0]);
		form_csrf(out, r);
		html(out, "<button type=\"submit\" class=\"btn %s\" aria-label=\"%s: %s, %s\">%s</button></form>",
		     i ? "btn-light" : "btn-danger", actions[i][1], w->service, w->pupil, actions[i][1]);
	}
	html(out, "</div></td></tr>");
}

void admin_withdrawals_list(struct req *r)
{
	page_begin(r, "Intrekken aanvragen");
	struct buf *out = &r->body;
	html(out, "<h1>Intrekken aanvragen</h1><p class=\"lead\">Een dienst mag per campagne %d aanvaardingen zelf "
	          "intrekken (instelling withdrawals_per_campaign). Wil ze er daarna nog een intrekken, dan beslis jij. "
	          "Goedkeuren trekt de aanvaarding in: de aanvraag staat dan opnieuw open, en de school krijgt een "
	          "e-mail als de dienst de persoonsgegevens van de leerling al zag. Weigeren laat de leerling bij de "
	          "dienst. De dienst krijgt je beslissing per e-mail.</p>",
	     cfg.withdrawals_per_campaign);
	struct scope s = scope_of(r);
	size_t n;
	const struct withdrawal_row *rows = withdrawals_pending(&s, 100, r->arena, &n);
	if (!n) {
		html(out, "<p class=\"empty\">Er wachten geen aanvragen.</p>");
	} else {
		html(out, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Wachtende aanvragen\">"
		          "<table><caption class=\"visually-hidden\">Wachtende aanvragen om een aanvaarding in te "
		          "trekken</caption><thead><tr><th scope=\"col\">Dienst</th><th scope=\"col\">Leerling</th>"
		          "<th scope=\"col\">Campagne</th><th scope=\"col\">Aangevraagd</th>"
		          "<th scope=\"col\" class=\"num\">Al ingetrokken</th><th scope=\"col\">Persoonsgegevens gezien</th>"
		          "<th scope=\"col\">Beslissing</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++)
			pending_row(r, &rows[i]);
		html(out, "</tbody></table></div>");
	}
	rows = withdrawals_decided(&s, 20, r->arena, &n);
	if (n) {
		html(out, "<h2 id=\"beslist\">Laatst beslist</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
		          "aria-labelledby=\"beslist\"><table><thead><tr><th scope=\"col\">Dienst</th>"
		          "<th scope=\"col\">Leerling</th><th scope=\"col\">Beslist</th><th scope=\"col\">Beslissing</th>"
		          "</tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			char when[17];
			brussels_format(rows[i].decided_at, when);
			html(out, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td></tr>",
			     rows[i].service, rows[i].pupil, when,
			     strcmp(rows[i].state, "done") == 0      ? "goedgekeurd"
			     : strcmp(rows[i].state, "refused") == 0 ? "geweigerd"
			                                             : "vervallen: de aanvaarding bestond niet meer");
		}
		html(out, "</tbody></table></div>");
	}
	page_end(r);
}

/* Loads the request of the route; false when there is none (404 sent) or it was decided
 * already (back to the list with a message). */
static bool pending_of_route(struct req *r, struct withdrawal_row *w)
{
	struct scope s = scope_of(r);
	if (!withdrawal_get(&s, req_id(r, 0), r->arena, w)) {
		resp_not_found(r);
		return false;
	}
	if (strcmp(w->state, "pending") != 0) {
		flash_set(r, "Over deze aanvraag werd al beslist.");
		resp_redirect(r, "/beheer/intrekkingen");
		return false;
	}
	return true;
}

struct decision {
	struct req *r;
	const struct withdrawal_row *w;
	bool approve;
	int performed; /* withdrawal_perform's answer: 1 when the placement was gone */
};

/* Approving withdraws now (withdrawal_perform marks the request done); a placement that is
 * gone meanwhile leaves nothing to withdraw and the request is cancelled. */
static int decision_body(void *ctx)
{
	struct decision *d = ctx;
	struct scope s = scope_of(d->r);
	const struct withdrawal_row *w = d->w;
	d->performed = d->approve ? withdrawal_perform(w->student_id, w->service_id, w->campaign_id, 0, s.user_id, w->id)
	                          : 0;
	if (d->performed < 0)
		return DB_ERROR;
	if (d->performed == 1 || !d->approve) {
		int rc = withdrawal_decide(&s, w->id, d->performed == 1 ? "cancelled" : "refused");
		if (rc != DB_DONE)
			return rc;
	}
	if (d->performed == 0 && notify_service_withdrawal_decided(w->service_id, w->campaign_id, w->pupil, d->approve) != 0)
		return DB_ERROR;
	return audit(d->r, d->approve ? "withdrawal_approve" : "withdrawal_refuse", w->student_id,
	             arena_printf(d->r->arena, "service=%lld", w->service_id))
	               ? DB_DONE
	               : DB_ERROR;
}

static void decide(struct req *r, bool approve)
{
	struct withdrawal_row w;
	if (!pending_of_route(r, &w))
		return;
	struct decision d = {r, &w, approve, 0};
	int rc = db_tx(decision_body, &d);
	if (rc != DB_DONE) {
		resp_error(r, rc == DB_BUSY || rc == DB_FULL ? 503 : 500, NULL);
		return;
	}
	rc = d.performed;
	flash_set(r, rc == 1 ? "Deze aanvaarding bestond niet meer: er was niets in te trekken."
	          : approve ? arena_printf(r->arena, "Goedgekeurd: de aanvaarding van %s door %s is ingetrokken.", w.pupil,
	                                   w.service)
	                    : arena_printf(r->arena, "Geweigerd: %s blijft bij %s.", w.pupil, w.service));
	resp_redirect(r, "/beheer/intrekkingen");
}

void admin_withdrawal_approve(struct req *r)
{
	decide(r, true);
}

void admin_withdrawal_refuse(struct req *r)
{
	decide(r, false);
}
