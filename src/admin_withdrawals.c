/*
 * Beheer > Intrekken aanvragen: a care service that withdrew withdrawals_per_campaign
 * acceptances of a campaign asks the coordinator for each further one (src/withdrawals.h).
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
#include "form.h"
#include "html.h"
#include "layout.h"
#include "notify.h"
#include "withdrawals.h"

#define WITHDRAWAL_SELECT                                                                        \
	"SELECT w.id, w.student_id, w.service_id, w.campaign_id, w.requested_at, w.private_data_shown,"    \
	" svc.name, COALESCE(s.first_name || ' ' || s.last_name, ''), COALESCE(sch.name, ''),"       \
	" pr.name, c.school_year, w.state, COALESCE(w.decided_at, 0)"                                 \
	" FROM withdrawals w JOIN organisations svc ON svc.id = w.service_id"                        \
	" JOIN campaigns c ON c.id = w.campaign_id JOIN programmes pr ON pr.id = c.programme_id"      \
	" LEFT JOIN students s ON s.id = w.student_id LEFT JOIN organisations sch ON sch.id = s.school_id"

static const char *SQL_PENDING = WITHDRAWAL_SELECT " WHERE w.state = 'pending' ORDER BY w.requested_at, w.id";
static const char *SQL_DECIDED = WITHDRAWAL_SELECT
	" WHERE w.state <> 'pending' AND w.decided_by IS NOT NULL ORDER BY w.decided_at DESC, w.id DESC LIMIT 20";
static const char *SQL_ONE = WITHDRAWAL_SELECT " WHERE w.id = ?";
static const char *SQL_DECIDE =
	"UPDATE withdrawals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'";

struct withdrawal {
	long long id, student_id, service_id, campaign_id, requested_at, decided_at;
	bool private_data_shown;
	const char *service, *pupil, *school, *programme, *school_year, *state;
};

static void read_withdrawal(struct req *r, struct db_stmt *st, struct withdrawal *w)
{
	w->id = db_int(st, 0);
	w->student_id = db_int(st, 1);
	w->service_id = db_int(st, 2);
	w->campaign_id = db_int(st, 3);
	w->requested_at = db_int(st, 4);
	w->private_data_shown = db_int(st, 5) != 0;
	w->service = arena_strdup(r->arena, db_text(st, 6));
	w->pupil = arena_strdup(r->arena, db_text(st, 7));
	w->school = arena_strdup(r->arena, db_text(st, 8));
	w->programme = arena_strdup(r->arena, db_text(st, 9));
	w->school_year = arena_strdup(r->arena, db_text(st, 10));
	w->state = arena_strdup(r->arena, db_text(st, 11));
	w->decided_at = db_int(st, 12);
}

static void pending_row(struct req *r, const struct withdrawal *w)
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
	struct db_stmt *st = db_prepare(SQL_PENDING);
	struct withdrawal rows[100];
	int n = 0;
	while (n < 100 && db_step(st) == DB_ROW)
		read_withdrawal(r, st, &rows[n++]);
	db_reset(st);
	if (!n) {
		html(out, "<p class=\"empty\">Er wachten geen aanvragen.</p>");
	} else {
		html(out, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Wachtende aanvragen\">"
		          "<table><caption class=\"visually-hidden\">Wachtende aanvragen om een aanvaarding in te "
		          "trekken</caption><thead><tr><th scope=\"col\">Dienst</th><th scope=\"col\">Leerling</th>"
		          "<th scope=\"col\">Campagne</th><th scope=\"col\">Aangevraagd</th>"
		          "<th scope=\"col\" class=\"num\">Al ingetrokken</th><th scope=\"col\">Persoonsgegevens gezien</th>"
		          "<th scope=\"col\">Beslissing</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++)
			pending_row(r, &rows[i]);
		html(out, "</tbody></table></div>");
	}
	st = db_prepare(SQL_DECIDED);
	n = 0;
	while (n < 20 && db_step(st) == DB_ROW)
		read_withdrawal(r, st, &rows[n++]);
	db_reset(st);
	if (n) {
		html(out, "<h2 id=\"beslist\">Laatst beslist</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
		          "aria-labelledby=\"beslist\"><table><thead><tr><th scope=\"col\">Dienst</th>"
		          "<th scope=\"col\">Leerling</th><th scope=\"col\">Beslist</th><th scope=\"col\">Beslissing</th>"
		          "</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
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
static bool pending_of_route(struct req *r, struct withdrawal *w)
{
	struct db_stmt *st = db_prepare(SQL_ONE);
	db_bind_int(st, 1, req_id(r, 0));
	bool found = db_step(st) == DB_ROW;
	if (found)
		read_withdrawal(r, st, w);
	db_reset(st);
	if (!found) {
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

static void decide(struct req *r, bool approve)
{
	struct withdrawal w;
	if (!pending_of_route(r, &w))
		return;
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	long long now = clock_now();
	/* Approving withdraws now; a placement that is gone meanwhile leaves nothing to withdraw. */
	int rc = approve ? withdrawal_perform(w.student_id, w.service_id, w.campaign_id, 0, r->user->id, w.id) : 0;
	bool ok = rc >= 0;
	if (ok && (rc == 1 || !approve)) /* approved: withdrawal_perform marked it done */
		ok = db_exec(SQL_DECIDE, "tiii", rc == 1 ? "cancelled" : "refused", r->user->id, now, w.id) == DB_DONE &&
		     db_changes() == 1;
	if (ok && rc == 0)
		ok = notify_service_withdrawal_decided(w.service_id, w.campaign_id, w.pupil, approve) == 0;
	if (ok)
		ok = audit(r, approve ? "withdrawal_approve" : "withdrawal_refuse", w.student_id,
		           arena_printf(r->arena, "service=%lld", w.service_id));
	if (!ok || db_commit() != DB_DONE) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
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
