/*
 * Beheer > Uitgaande e-mail: the outbox, newest first, with each mail's delivery state,
 * attempts and last error; "Opnieuw proberen" puts a failed mail back in the queue.
 * Bodies are not shown: they hold activation and reset links.
 */
#include "admin_users.h"

#include <string.h>

#include "account_mail.h"
#include "audit.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "listing.h"
#include "mail.h"

#define PAGE_SIZE 50

static const char *SQL_COUNT = "SELECT COUNT(*) FROM outbox WHERE state = ?";
static const char *SQL_TOTAL = "SELECT COUNT(*) FROM outbox WHERE ? = '' OR state = ?";
static const char *SQL_PAGE =
	"SELECT id, to_address, subject, state, attempts, COALESCE(last_error, ''), created_at, sent_at,"
	"       next_attempt_at"
	"  FROM outbox WHERE ? = '' OR state = ?"
	" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
static const char *SQL_STATE = "SELECT state FROM outbox WHERE id = ?";
static const char *SQL_RETRY =
	"UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND state = 'failed'";

/* Status, attempts, when it went or goes next, the last error and, for a failed mail,
 * "Opnieuw proberen": one cell, so the table fits beside the menu. */
static void state_cell(struct req *r, struct db_stmt *st)
{
	struct buf *out = &r->body;
	const char *state = db_text(st, 3);
	long long attempts = db_int(st, 4);
	char when[17];
	html(out, "<td class=\"mail-state\">");
	if (strcmp(state, "sent") == 0) {
		brussels_format(db_int(st, 7), when);
		html(out, "<span class=\"badge badge-ok\">verstuurd</span> <span class=\"muted\">op %s</span>", when);
	} else if (strcmp(state, "failed") == 0) {
		html(out, "<span class=\"badge badge-danger\">mislukt</span>");
	} else {
		html(out, "<span class=\"badge badge-pref\">in wachtrij</span>");
		if (attempts > 0) {
			brussels_format(db_int(st, 8), when);
			html(out, " <span class=\"muted\">nieuwe poging om %s</span>", when);
		}
	}
	if (attempts > 1 || strcmp(state, "sent") != 0)
		html(out, "<br><span class=\"muted\">%lld %s</span>", attempts, attempts == 1 ? "poging" : "pogingen");
	if (*db_text(st, 5))
		html(out, "<p class=\"error-text\">Laatste fout: %s</p>", db_text(st, 5));
	if (strcmp(state, "failed") == 0) {
		html(out, "<form method=\"post\" action=\"/beheer/e-mail/%lld/opnieuw\" class=\"inline\">", db_int(st, 0));
		form_csrf(out, r);
		html(out, "<button type=\"submit\" class=\"btn btn-light\" aria-label=\"Opnieuw proberen (%s)\">"
		          "Opnieuw proberen</button></form>",
		     db_text(st, 1));
	}
	html(out, "</td>");
}

static void mail_row(struct req *r, struct db_stmt *st)
{
	struct buf *out = &r->body;
	char created[17];
	brussels_format(db_int(st, 6), created);
	html(out, "<tr id=\"mail-%lld\"><td class=\"nowrap\">%s</td><td>%s</td>", db_int(st, 0), created, db_text(st, 1));
	if (*db_text(st, 2))
		html(out, "<td>%s</td>", db_text(st, 2));
	else /* emptied by the bewaartermijn (mail_body_days) or by retention of its campaign */
		html(out, "<td class=\"muted\">(onderwerp en inhoud verwijderd)</td>");
	state_cell(r, st);
	html(out, "</tr>");
}

static const char *const filter_params[] = {"status", NULL};
static const struct listing_sort sorts[] = {{"aangemaakt", "Aangemaakt"}, {NULL, NULL}};
static const struct {
	const char *state, *label;
} states[] = {{"queued", "in wachtrij"}, {"sent", "verstuurd"}, {"failed", "mislukt"}};
#define STATE_COUNT (sizeof states / sizeof states[0])

/* "Alle · in wachtrij (n) · verstuurd (n) · mislukt (n)": the state filter as links. */
static void state_filter(struct buf *out, const char *state)
{
	html(out, "<nav aria-label=\"Status\" class=\"state-filter\">");
	html(out, *state ? "<a href=\"/beheer/e-mail\">Alle</a>" : "<strong aria-current=\"page\">Alle</strong>");
	for (size_t i = 0; i < STATE_COUNT; i++) {
		long long n = db_query_int(0, SQL_COUNT, "t", states[i].state);
		if (strcmp(state, states[i].state) == 0)
			html(out, " · <strong aria-current=\"page\">%s (%lld)</strong>", states[i].label, n);
		else
			html(out, " · <a href=\"/beheer/e-mail?status=%s\">%s (%lld)</a>", states[i].state, states[i].label, n);
	}
	html(out, "</nav>");
}

void admin_outbox_show(struct req *r)
{
	struct listing l;
	listing_init(&l, r, "/beheer/e-mail", filter_params, sorts, PAGE_SIZE);
	const char *state = req_query(r, "status");
	bool known = false;
	for (size_t i = 0; state && i < STATE_COUNT; i++)
		known = known || strcmp(state, states[i].state) == 0;
	state = known ? state : "";
	listing_set_total(&l, db_query_int(0, SQL_TOTAL, "tt", state, state));

	page_begin(r, "Uitgaande e-mail");
	struct buf *out = &r->body;
	html(out, "<h1>Uitgaande e-mail</h1><p class=\"lead\">De e-mails die stagematch verstuurt: uitnodigingen, "
	          "links voor een nieuw wachtwoord en meldingen. Lukt het versturen niet, dan probeert stagematch "
	          "het later opnieuw, tot %d keer.</p>",
	     MAIL_MAX_ATTEMPTS);
	if (cfg.smtp_url && *cfg.smtp_url)
		html(out, "<div class=\"alert alert-info\" role=\"status\">E-mails gaan via de ingestelde "
		          "SMTP-server.</div>");
	else
		html(out, "<div class=\"alert alert-warn\" role=\"status\">Er is geen SMTP-server ingesteld "
		          "(smtp_url): e-mails worden niet verstuurd, maar als .eml-bestand bewaard in de map "
		          "<code>mail</code> van de gegevensmap.</div>");
	state_filter(out, state);
	if (l.total == 0) {
		html(out, "<p class=\"empty\">Geen e-mails%s.</p>", *state ? " met deze status" : "");
		page_end(r);
		return;
	}
	/* Focusable: a table wider than the screen scrolls, also by keyboard. */
	html(out, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Uitgaande e-mails\">"
	          "<table><caption class=\"visually-hidden\">Uitgaande e-mails, nieuwste eerst</caption>"
	          "<thead><tr><th scope=\"col\">Aangemaakt</th><th scope=\"col\">Aan</th>"
	          "<th scope=\"col\">Onderwerp</th><th scope=\"col\">Verzending</th></tr></thead><tbody>");
	struct db_stmt *st = db_prepare(SQL_PAGE);
	db_bindv(st, "ttii", state, state, l.per_page, listing_offset(&l));
	while (db_step(st) == DB_ROW)
		mail_row(r, st);
	db_reset(st);
	html(out, "</tbody></table></div>");
	listing_pages(out, &l);
	page_end(r);
}

void admin_outbox_retry(struct req *r)
{
	struct db_stmt *st = db_prepare(SQL_STATE);
	db_bind_int(st, 1, req_id(r, 0));
	bool found = db_step(st) == DB_ROW;
	bool failed = found && strcmp(db_text(st, 0), "failed") == 0;
	db_reset(st);
	if (!found) {
		resp_not_found(r);
		return;
	}
	if (!failed) {
		flash_set(r, "Deze e-mail is niet mislukt: er is niets opnieuw te proberen.");
		resp_redirect(r, "/beheer/e-mail");
		return;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	/* A mail with a link gets a new link: the old one died with the failure. */
	enum reissue_result re = account_mail_reissue(req_id(r, 0));
	if (re == REISSUE_NOT_NEEDED) {
		db_rollback();
		flash_set(r, "Deze e-mail bevatte een link die niet meer nodig is: het account is intussen "
		             "geactiveerd of uitgeschakeld. Er is niets opnieuw te versturen.");
		resp_redirect(r, "/beheer/e-mail");
		return;
	}
	if (re == REISSUE_ERROR ||
	    (re == REISSUE_NO_LINK && db_exec(SQL_RETRY, "ii", clock_now(), req_id(r, 0)) != DB_DONE)) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	audit(r, "mail_retry", 0, arena_printf(r->arena, "outbox=%lld", req_id(r, 0)));
	if (db_commit() != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, re == REISSUE_DONE ? "Er is een nieuwe e-mail met een nieuwe link in de wachtrij gezet; hij wordt "
	                                  "binnen enkele seconden verstuurd."
	                                : "De e-mail staat opnieuw in de wachtrij en wordt binnen enkele seconden verstuurd.");
	resp_redirect(r, "/beheer/e-mail");
}
