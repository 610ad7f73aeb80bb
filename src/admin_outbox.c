/*
 * Beheer > Uitgaande e-mail: the outbox, newest first, with each mail's delivery state,
 * attempts and last error; "Opnieuw proberen" puts a failed mail back in the queue.
 * Bodies are not shown: they hold activation and reset links.
 */
#include "admin_users.h"

#include <string.h>

#include "audit.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "mail.h"
#include "validate.h"

#define PAGE_SIZE 50

static const char *SQL_COUNT = "SELECT COUNT(*) FROM outbox WHERE state = ?";
static const char *SQL_TOTAL = "SELECT COUNT(*) FROM outbox";
static const char *SQL_PAGE =
	"SELECT id, to_address, subject, state, attempts, COALESCE(last_error, ''), created_at, sent_at,"
	"       next_attempt_at"
	"  FROM outbox ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
static const char *SQL_STATE = "SELECT state FROM outbox WHERE id = ?";
static const char *SQL_RETRY =
	"UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND state = 'failed'";

static void time_cell(struct buf *out, struct db_stmt *st, int col)
{
	if (db_is_null(st, col)) {
		html(out, "<td></td>");
		return;
	}
	char when[17];
	brussels_format(db_int(st, col), when);
	html(out, "<td>%s</td>", when);
}

static void state_cell(struct buf *out, struct db_stmt *st)
{
	const char *state = db_text(st, 3);
	if (strcmp(state, "sent") == 0) {
		html(out, "<td><span class=\"badge badge-ok\">verstuurd</span></td>");
	} else if (strcmp(state, "failed") == 0) {
		html(out, "<td><span class=\"badge badge-danger\">mislukt</span></td>");
	} else if (db_int(st, 4) > 0) {
		char when[17];
		brussels_format(db_int(st, 8), when);
		html(out, "<td><span class=\"badge badge-pref\">in wachtrij</span><br><span class=\"muted\">nieuwe "
		          "poging om %s</span></td>",
		     when);
	} else {
		html(out, "<td><span class=\"badge badge-pref\">in wachtrij</span></td>");
	}
}

static void mail_row(struct req *r, struct db_stmt *st)
{
	struct buf *out = &r->body;
	long long id = db_int(st, 0);
	html(out, "<tr id=\"mail-%lld\">", id);
	time_cell(out, st, 6);
	html(out, "<td>%s</td><td>%s</td>", db_text(st, 1), db_text(st, 2));
	state_cell(out, st);
	html(out, "<td class=\"num\">%lld</td><td class=\"error-text\">%s</td>", db_int(st, 4), db_text(st, 5));
	time_cell(out, st, 7);
	html(out, "<td>");
	if (strcmp(db_text(st, 3), "failed") == 0) {
		html(out, "<form method=\"post\" action=\"/beheer/e-mail/%lld/opnieuw\" class=\"inline\">", id);
		form_csrf(out, r);
		html(out, "<button type=\"submit\" class=\"btn btn-light\" aria-label=\"Opnieuw proberen (%s)\">"
		          "Opnieuw proberen</button></form>",
		     db_text(st, 1));
	}
	html(out, "</td></tr>");
}

static void pager(struct buf *out, long page, long pages)
{
	if (pages <= 1)
		return;
	html(out, "<nav class=\"pager\" aria-label=\"Paginering\">");
	if (page > 1)
		html(out, "<a class=\"btn btn-light\" href=\"/beheer/e-mail?pagina=%ld\" rel=\"prev\">Vorige</a>", page - 1);
	html(out, "<span>Pagina %ld van %ld</span>", page, pages);
	if (page < pages)
		html(out, "<a class=\"btn btn-light\" href=\"/beheer/e-mail?pagina=%ld\" rel=\"next\">Volgende</a>", page + 1);
	html(out, "</nav>");
}

void admin_outbox_show(struct req *r)
{
	long page = 1;
	const char *asked = req_query(r, "pagina");
	if (asked && validate_int(asked, 1, 1000000, &page))
		page = 1;
	long long total = db_query_int(0, SQL_TOTAL, NULL);
	long pages = (long)((total + PAGE_SIZE - 1) / PAGE_SIZE);
	if (page > pages && pages > 0)
		page = pages;

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
		          "(--smtp-url): e-mails worden niet verstuurd, maar als .eml-bestand bewaard in de map "
		          "<code>mail</code> van de gegevensmap.</div>");
	html(out, "<p>%lld in wachtrij · %lld verstuurd · %lld mislukt</p>",
	     db_query_int(0, SQL_COUNT, "t", "queued"), db_query_int(0, SQL_COUNT, "t", "sent"),
	     db_query_int(0, SQL_COUNT, "t", "failed"));
	if (total == 0) {
		html(out, "<p class=\"empty\">Er is nog geen e-mail verstuurd.</p>");
		page_end(r);
		return;
	}
	html(out, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Aangemaakt</th>"
	          "<th scope=\"col\">Aan</th><th scope=\"col\">Onderwerp</th><th scope=\"col\">Status</th>"
	          "<th scope=\"col\" class=\"num\">Pogingen</th><th scope=\"col\">Laatste fout</th>"
	          "<th scope=\"col\">Verstuurd</th><th scope=\"col\">Acties</th></tr></thead><tbody>");
	struct db_stmt *st = db_prepare(SQL_PAGE);
	db_bindv(st, "ii", (long long)PAGE_SIZE, (long long)(page - 1) * PAGE_SIZE);
	while (db_step(st) == DB_ROW)
		mail_row(r, st);
	db_reset(st);
	html(out, "</tbody></table></div>");
	pager(out, page, pages);
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
	if (db_exec(SQL_RETRY, "ii", clock_now(), req_id(r, 0)) != DB_DONE) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	audit(r, "mail_retry", 0, arena_printf(r->arena, "outbox=%lld", req_id(r, 0)));
	if (db_commit() != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, "De e-mail staat opnieuw in de wachtrij en wordt binnen enkele seconden verstuurd.");
	resp_redirect(r, "/beheer/e-mail");
}
