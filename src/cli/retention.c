/*
 * Retention: the personal data of a closed campaign is removed, its anonymous counts
 * kept (see retention.h for exactly what). Used by `stagematch retention` (src/cli/cli.c)
 * and by the coordinator's screen /beheer/campagnes/{id}/persoonsgegevens.
 */
#include "retention.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "admin.h"
#include "audit.h"
#include "clock.h"
#include "config.h"
#include "contact.h"
#include "db.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "mail.h"
#include "placements_store.h"
#include "pupils.h"
#include "scope.h"

/* The campaign's own rows (campaign_archive, campaigns) and its mails (outbox) are read and
 * written here until the campaigns and outbox modules own these statements. */
static const char *SQL_ARCHIVE =
	"INSERT INTO campaign_archive (campaign_id, students, accepted, stopped, placements, contacts, archived_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
/* The campaign's mails: those not sent go, those sent keep who and when only. */
#define CAMPAIGN_MAILS " id IN (SELECT outbox_id FROM outbox_campaigns WHERE campaign_id = ?1)"
static const char *SQL_COUNT_MAILS = "SELECT COUNT(*) FROM outbox WHERE" CAMPAIGN_MAILS;
static const char *SQL_MAIL_IDS = "SELECT id FROM outbox WHERE" CAMPAIGN_MAILS " ORDER BY id";
static const char *SQL_DROP_UNSENT_MAILS = "DELETE FROM outbox WHERE state <> 'sent' AND" CAMPAIGN_MAILS;
static const char *SQL_EMPTY_SENT_MAILS = "UPDATE outbox SET subject = '', body_text = '' WHERE" CAMPAIGN_MAILS;
static const char *SQL_MARK = "UPDATE campaigns SET personal_data_removed_at = ? WHERE id = ?"
                              " AND personal_data_removed_at IS NULL";

const char *retention_refusal(struct arena *a, const struct campaign *c, long long now, int days)
{
	char when[17];
	if (c->personal_data_removed_at) {
		brussels_format(c->personal_data_removed_at, when);
		return arena_printf(a, "De persoonsgegevens van deze campagne zijn al verwijderd op %.10s.", when);
	}
	long long from = c->results_visible_at + (long long)days * 86400;
	if (c->round == 2 && c->second_round_closes_at + (long long)days * 86400 > from)
		from = c->second_round_closes_at + (long long)days * 86400;
	if (now < from) {
		brussels_format(from, when);
		return arena_printf(a,
		                    "De persoonsgegevens van deze campagne mogen pas verwijderd worden vanaf %s: %d dagen "
		                    "nadat de resultaten zichtbaar werden%s.",
		                    when, days, c->round == 2 ? " en de tweede ronde sloot" : "");
	}
	return NULL;
}

int retention_count(long long campaign_id, struct retention_counts *n)
{
	*n = (struct retention_counts){0};
	struct scope sys = scope_system();
	struct pupil_campaign_counts pupils;
	if (pupil_campaign_counts(sys, campaign_id, &pupils) != DB_DONE)
		return DB_ERROR;
	n->students = pupils.pupils;
	n->placements = pupils.placements;
	n->accepted = pupils.accepted;
	n->stopped = pupils.stopped;
	n->contacts = contact_campaign_count(&sys, campaign_id);
	return n->contacts < 0 ? DB_ERROR : DB_DONE;
}

static const char *counted(struct arena *a, long long n, const char *one, const char *many)
{
	return arena_printf(a, "%lld %s", n, n == 1 ? one : many);
}

const char *retention_summary(struct arena *a, const struct retention_counts *n)
{
	return arena_printf(a, "%s, %s en %s", counted(a, n->students, "leerling", "leerlingen"),
	                    counted(a, n->placements, "stageplaats", "stageplaatsen"),
	                    counted(a, n->contacts, "contactpersoon", "contactpersonen"));
}

/* The .eml copies of the campaign's mails (written when no SMTP server is set). */
static void remove_mail_files(long long campaign_id)
{
	struct db_stmt *st = db_prepare(SQL_MAIL_IDS);
	db_bind_int(st, 1, campaign_id);
	while (db_step(st) == DB_ROW)
		mail_eml_remove(db_int(st, 0));
	db_reset(st);
}

/* Backups in DATA/backups older than days hold the removed data too: they go. */
static long long remove_old_backups(long long now, int days)
{
	char dir_path[4096];
	snprintf(dir_path, sizeof dir_path, "%s/backups", cfg.data_dir);
	DIR *dir = opendir(dir_path);
	if (!dir)
		return 0;
	long long removed = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		char path[4400];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir_path, e->d_name);
		if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (st.st_mtime < now - (long long)days * 86400 && unlink(path) == 0)
			removed++;
	}
	closedir(dir);
	return removed;
}

/* The removal in one transaction: every count must match what was counted, or nothing. */
struct removal {
	const struct campaign *c;
	struct req *r;
	long long now;
	struct retention_counts n;
};

static int remove_personal_data(void *ctx)
{
	struct removal *rm = ctx;
	struct retention_counts *n = &rm->n;
	long long id = rm->c->id, now = rm->now;
	struct scope sys = scope_system();
	bool ok = retention_count(id, n) == DB_DONE && db_exec(SQL_MARK, "ii", now, id) == DB_DONE && db_changes() == 1;
	ok = ok && contact_campaign_clear(&sys, id, now) == n->contacts;
	ok = ok && placement_campaign_clear(sys, id, now) == n->placements;
	ok = ok && pupil_campaign_clear(sys, id, now) == n->students;
	ok = ok && db_exec(SQL_ARCHIVE, "iiiiiii", id, n->students, n->accepted, n->stopped, n->placements, n->contacts,
	                   now) == DB_DONE;
	n->mails = db_query_int(0, SQL_COUNT_MAILS, "i", id);
	ok = ok && db_exec(SQL_DROP_UNSENT_MAILS, "i", id) == DB_DONE && db_exec(SQL_EMPTY_SENT_MAILS, "i", id) == DB_DONE;
	if (!ok)
		return DB_ERROR;
	char detail[160];
	snprintf(detail, sizeof detail, "campaign=%lld students=%lld placements=%lld contacts=%lld mails=%lld", id,
	         n->students, n->placements, n->contacts, n->mails);
	if (rm->r)
		return audit(rm->r, "retention", 0, detail) ? DB_DONE : DB_ERROR;
	audit_system(0, 0, "retention", 0, detail);
	return DB_DONE;
}

int retention_apply(const struct campaign *c, struct req *r, struct retention_counts *done)
{
	struct removal rm = {.c = c, .r = r, .now = clock_now()};
	if (db_tx(remove_personal_data, &rm) != DB_DONE)
		return DB_ERROR;
	remove_mail_files(c->id);
	rm.n.backups = remove_old_backups(rm.now, cfg.backup_days);
	*done = rm.n;
	return DB_DONE;
}

/* ---- The coordinator's screen ---------------------------------------------------- */

enum confirm_field {
	CONFIRM_CONFIRM, CONFIRM_EXPECTED, CONFIRM__FIELDS,
};
static const struct field confirm_fields[] = {
	[CONFIRM_CONFIRM] = {"confirm", "Bevestiging", FIELD_CHECKBOXES, 0, 10, NULL, NULL},
	[CONFIRM_EXPECTED] = {"expected", "", FIELD_HIDDEN, 0, 200, NULL, NULL},
};
FORM_TABLE(confirm_fields, CONFIRM__FIELDS);
static const struct option confirm_options[] = {
	{"ja", "Ik begrijp dat dit definitief is en niet ongedaan gemaakt kan worden."},
	{NULL, NULL},
};

static void render_confirm(struct req *r, const struct campaign *c, struct form *f)
{
	const char *title = arena_printf(r->arena, "Persoonsgegevens verwijderen: %s %s", c->programme_name,
	                                 c->school_year);
	page_begin(r, title);
	struct buf *out = &r->body;
	html(out, "<p><a href=\"/beheer/campagnes\">← Opleidingen en timing</a></p><h1>%s</h1>", title);
	html(out, "<p class=\"muted\">Status nu: %s.</p>", admin_campaign_status(r, c, clock_now()));
	const char *refusal = retention_refusal(r->arena, c, clock_now(), cfg.retention_days);
	struct retention_counts n;
	if (refusal || retention_count(c->id, &n) != DB_DONE) {
		html(out, "<div class=\"alert alert-info\" role=\"status\"><p>%s</p></div>",
		     refusal ? refusal : "De aantallen konden niet geteld worden. Probeer het opnieuw.");
		page_end(r);
		return;
	}
	const char *summary = retention_summary(r->arena, &n);
	form_set(f, CONFIRM_EXPECTED, summary);
	html(out, "<div class=\"card\"><p class=\"lead\">Dit verwijdert definitief de persoonsgegevens van "
	          "<strong>%s</strong>.</p>",
	     summary);
	html(out, "<ul><li>Leerlingen: rijksregisternummer, straat, telefoon, e-mail en opmerkingen; hun naam wordt "
	          "'Leerling' met een nummer.</li><li>Stageplaatsen: naam, telefoon en e-mail van de stagementor en de "
	          "notities van de dienst.</li><li>Contactpersonen van de scholen die geen leerling van een andere "
	          "campagne hebben: naam, telefoon en e-mail.</li><li>E-mails over deze campagne: onderwerp en inhoud "
	          "(wie en wanneer blijft), en hun kopieën in de map mail.</li></ul>");
	html(out, "<p>Ook de back-ups in de map backups die ouder zijn dan %d dagen worden verwijderd.</p>"
	          "<p>Wat blijft: school, dienst, gemeente, "
	          "provincie, periodes, uren en status, zodat de aantallen in Voortgang blijven kloppen.</p>",
	     cfg.backup_days);
	form_begin(out, r, f, arena_printf(r->arena, "/beheer/campagnes/%lld/persoonsgegevens", c->id));
	form_field(out, f, CONFIRM_CONFIRM, confirm_options);
	form_field(out, f, CONFIRM_EXPECTED, NULL);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-danger\">Verwijder definitief</button>"
	          "<a href=\"/beheer/campagnes\">Annuleren</a></div>");
	form_end(out);
	html(out, "</div>");
	page_end(r);
}

void admin_retention_show(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, false))
		return;
	struct form f;
	form_init(&f, r->arena, confirm_fields, CONFIRM__FIELDS);
	render_confirm(r, &c, &f);
}

void admin_retention_apply(struct req *r)
{
	struct campaign c;
	if (!admin_campaign_of_route(r, &c, false))
		return;
	struct form f;
	form_init(&f, r->arena, confirm_fields, CONFIRM__FIELDS);
	form_read(&f, r);
	struct retention_counts n, done;
	const char *refusal = retention_refusal(r->arena, &c, clock_now(), cfg.retention_days);
	if (form_ok(&f) && !form_has_choice(&f, CONFIRM_CONFIRM, "ja"))
		form_error(&f, CONFIRM_CONFIRM, "Vink aan dat je begrijpt dat dit definitief is.");
	if (!refusal && form_ok(&f) &&
	    (retention_count(c.id, &n) != DB_DONE ||
	     strcmp(retention_summary(r->arena, &n), form_value(&f, CONFIRM_EXPECTED)) != 0))
		f.summary = "De aantallen zijn intussen veranderd. Lees ze opnieuw en bevestig nog eens.";
	if (refusal || !form_ok(&f)) {
		if (!form_error_of(&f, CONFIRM_CONFIRM) && !f.summary)
			form_error(&f, CONFIRM_CONFIRM, "Vink aan dat je begrijpt dat dit definitief is.");
		render_confirm(r, &c, &f);
		return;
	}
	if (retention_apply(&c, r, &done) != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, arena_printf(r->arena, "De persoonsgegevens van %s zijn verwijderd.",
	                          retention_summary(r->arena, &done)));
	resp_redirect(r, "/beheer/campagnes");
}
