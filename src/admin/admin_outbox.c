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
#include "outbox.h"

#define PAGE_SIZE 50

/* Status, attempts, when it went or goes next, the last error and, for a failed mail,
 * "Opnieuw proberen": one cell, so the table fits beside the menu. */
static void state_cell(struct req *r, const struct outbox_row *m)
{
	struct buf *out = &r->body;
	const char *state = m->state;
	long long attempts = m->attempts;
	char when[17];
	html(out, "<td class=\"mail-state\">");
	if (strcmp(state, "sent") == 0) {
		brussels_format(m->sent_at, when);
		html(out, "<span class=\"badge badge-ok\">verstuurd</span> <span class=\"muted\">op %s</span>", when);
	} else if (strcmp(state, "failed") == 0) {
		html(out, "<span class=\"badge badge-danger\">mislukt</span>");
	} else {
		html(out, "<span class=\"badge badge-pref\">in wachtrij</span>");
		if (attempts > 0) {
			brussels_format(m->next_attempt_at, when);
			html(out, " <span class=\"muted\">nieuwe poging om %s</span>", when);
		}
	}
	if (attempts > 1 || strcmp(state, "sent") != 0)
		html(out, "<br><span class=\"muted\">%lld %s</span>", attempts, attempts == 1 ? "poging" : "pogingen");
	if (*m->last_error)
		html(out, "<p class=\"error-text\">Laatste fout: %s</p>", m->last_error);
	if (strcmp(state, "failed") == 0) {
		html(out, "<form method=\"post\" action=\"/beheer/e-mail/%lld/opnieuw\" class=\"inline\">", m->id);
		form_csrf(out, r);
		html(out, "<button type=\"submit\" class=\"btn btn-light\" aria-label=\"Opnieuw proberen (%s)\">"
		          "Opnieuw proberen</button></form>",
		     m->to);
	}
	html(out, "</td>");
}

static void mail_row(struct req *r, const struct outbox_row *m)
{
	struct buf *out = &r->body;
	char created[17];
	brussels_format(m->created_at, created);
	html(out, "<tr id=\"mail-%lld\"><td class=\"nowrap\">%s</td><td>%s</td>", m->id, created, m->to);
	if (*m->subject)
		html(out, "<td>%s</td>", m->subject);
	else /* emptied by the bewaartermijn (mail_body_days) or by retention of its campaign */
		html(out, "<td class=\"muted\">(onderwerp en inhoud verwijderd)</td>");
	state_cell(r, m);
	html(out, "</tr>");
}

static const char *const filter_params[] = {"status", NULL};
static const struct listing_sort sorts[] = {{"aangemaakt", "Aangemaakt"}, {NULL, NULL}};
static const struct {
	const char *state, *label;
} states[] = {{"queued", "in wachtrij"}, {"sent", "verstuurd"}, {"failed", "mislukt"}};
#define STATE_COUNT (sizeof states / sizeof states[0])

/* "Alle · in wachtrij (n) · verstuurd (n) · mislukt (n)": the state filter as links. */
static void state_filter(struct req *r, const char *state)
{
	struct buf *out = &r->body;
	struct scope s = scope_of(r);
	html(out, "<nav aria-label=\"Status\" class=\"state-filter\">");
	html(out, *state ? "<a href=\"/beheer/e-mail\">Alle</a>" : "<strong aria-current=\"page\">Alle</strong>");
	for (size_t i = 0; i < STATE_COUNT; i++) {
		long long n = outbox_count(&s, states[i].state);
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
	struct scope s = scope_of(r);
	listing_set_total(&l, outbox_count(&s, state));

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
	state_filter(r, state);
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
	size_t n;
	struct outbox_row *mails = outbox_page(&s, state, l.per_page, listing_offset(&l), r->arena, &n);
	for (size_t i = 0; i < n; i++)
		mail_row(r, &mails[i]);
	html(out, "</tbody></table></div>");
	listing_pages(out, &l);
	page_end(r);
}

struct retry {
	struct req *r;
	long long id;
	enum reissue_result reissue;
};

/* A mail with a link gets a new link (the old one died with the failure); any other is queued
 * again. REISSUE_NOT_NEEDED rolls back: the link is no longer wanted. */
static int retry_body(void *ctx)
{
	struct retry *t = ctx;
	struct scope s = scope_of(t->r);
	t->reissue = account_mail_reissue(t->id);
	if (t->reissue == REISSUE_NOT_NEEDED || t->reissue == REISSUE_ERROR)
		return DB_ERROR;
	if (t->reissue == REISSUE_NO_LINK) {
		int rc = outbox_requeue(&s, t->id, clock_now());
		if (rc != DB_DONE)
			return rc;
	}
	return audit(t->r, "mail_retry", 0, arena_printf(t->r->arena, "outbox=%lld", t->id)) ? DB_DONE : DB_ERROR;
}

void admin_outbox_retry(struct req *r)
{
	struct scope s = scope_of(r);
	const char *state = outbox_state(&s, req_id(r, 0), r->arena);
	if (!state) {
		resp_not_found(r);
		return;
	}
	if (strcmp(state, "failed") != 0) {
		flash_set(r, "Deze e-mail is niet mislukt: er is niets opnieuw te proberen.");
		resp_redirect(r, "/beheer/e-mail");
		return;
	}
	struct retry retry = {r, req_id(r, 0), REISSUE_ERROR};
	int rc = db_tx(retry_body, &retry);
	if (retry.reissue == REISSUE_NOT_NEEDED) { /* rolled back: nothing changed */
		flash_set(r, "Deze e-mail bevatte een link die niet meer nodig is: het account is intussen "
		             "geactiveerd of uitgeschakeld. Er is niets opnieuw te versturen.");
		resp_redirect(r, "/beheer/e-mail");
		return;
	}
	if (rc != DB_DONE) {
		resp_error(r, rc == DB_BUSY || rc == DB_FULL ? 503 : 500, NULL);
		return;
	}
	enum reissue_result re = retry.reissue;
	flash_set(r, re == REISSUE_DONE ? "Er is een nieuwe e-mail met een nieuwe link in de wachtrij gezet; hij wordt "
	                                  "binnen enkele seconden verstuurd."
	                                : "De e-mail staat opnieuw in de wachtrij en wordt binnen enkele seconden verstuurd.");
	resp_redirect(r, "/beheer/e-mail");
}
