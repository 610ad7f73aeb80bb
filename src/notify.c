/*
 * Mails about placements: the schools' digest of accepted pupils (a background job),
 * a withdrawn acceptance (to the school), a stopped pupil (to the service). Mail bodies
 * are plain text with full links (cfg.base_url). Nothing here is logged with names.
 */
#include "notify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "campaigns.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "orgs.h"

static const char *SQL_ORG_USERS =
	"SELECT email FROM users WHERE organisation_id = ? AND state = 'active' ORDER BY id";
static const char *SQL_PLACEMENT_PERIODS =
	"SELECT starts_on, ends_on FROM placement_periods WHERE placement_id = ? ORDER BY position";
/* The placement of one pupil with what both sides' mails mention. */
static const char *SQL_PLACEMENT_OF_STUDENT =
	"SELECT p.id, p.service_id, s.school_id, s.first_name, s.last_name, svc.name, sch.name, prog.name,"
	"       prog.code, s.campaign_id"
	"  FROM placements p JOIN students s ON s.id = p.student_id"
	"  JOIN organisations svc ON svc.id = p.service_id"
	"  JOIN organisations sch ON sch.id = s.school_id"
	"  JOIN campaigns c ON c.id = s.campaign_id JOIN programmes prog ON prog.id = c.programme_id"
	" WHERE p.student_id = ?";
/* Only campaigns whose results are visible: the SQL form of campaign_school_sees_answers(),
 * so the digest names services only when the school may know them. */
static const char *SQL_DIGEST_DUE =
	"SELECT p.id, s.school_id, sch.name, s.first_name, s.last_name, svc.name, p.site, p.mentor_name,"
	"       p.mentor_phone, p.mentor_email, prog.name, prog.code, s.stopped_at IS NOT NULL, c.id"
	"  FROM placements p JOIN students s ON s.id = p.student_id"
	"  JOIN campaigns c ON c.id = s.campaign_id JOIN programmes prog ON prog.id = c.programme_id"
	"  JOIN organisations svc ON svc.id = p.service_id"
	"  JOIN organisations sch ON sch.id = s.school_id"
	" WHERE p.notified_at IS NULL AND c.results_visible_at <= ? AND c.personal_data_removed_at IS NULL"
	" ORDER BY s.school_id, prog.position, s.last_name, s.first_name, p.id";
static const char *SQL_CLAIM = "UPDATE placements SET notified_at = ? WHERE id = ? AND notified_at IS NULL";

/* Queues the same mail, about pupils of campaigns[0..n), to every active user of an organisation. */
static int mail_org_users(long long org_id, const long long *campaigns, size_t n, const char *subject,
                          const char *body)
{
	struct db_stmt *st = db_prepare(SQL_ORG_USERS);
	db_bind_int(st, 1, org_id);
	/* Collect first: mail_queue runs its own statement. */
	struct buf to = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		buf_puts(&to, db_text(st, 0));
		buf_putc(&to, '\n');
	}
	db_reset(st);
	int result = rc == DB_DONE ? 0 : -1;
	for (char *line = to.data; result == 0 && line && *line;) {
		char *end = strchr(line, '\n');
		*end = '\0';
		result = mail_queue_about(campaigns, n, line, subject, body);
		line = end + 1;
	}
	buf_free(&to);
	return result;
}

/* "11/01/2027 – 22/01/2027, 15/03/2027 – 26/03/2027" */
static void append_periods(struct buf *b, long long placement_id)
{
	struct db_stmt *st = db_prepare(SQL_PLACEMENT_PERIODS);
	db_bind_int(st, 1, placement_id);
	for (int n = 0; db_step(st) == DB_ROW; n++) {
		char from[11], to[11];
		date_display(db_text(st, 0), from);
		date_display(db_text(st, 1), to);
		buf_printf(b, "%s%s – %s", n ? ", " : "", from, to);
	}
	db_reset(st);
}

struct placement_parties {
	long long placement_id, service_id, school_id, campaign_id;
	char pupil[256], service[256], school[256], programme[128], programme_code[64];
};

static int load_parties(long long student_id, struct placement_parties *p)
{
	struct db_stmt *st = db_prepare(SQL_PLACEMENT_OF_STUDENT);
	db_bind_int(st, 1, student_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		p->placement_id = db_int(st, 0);
		p->service_id = db_int(st, 1);
		p->school_id = db_int(st, 2);
		snprintf(p->pupil, sizeof p->pupil, "%s %s", db_text(st, 3), db_text(st, 4));
		snprintf(p->service, sizeof p->service, "%s", db_text(st, 5));
		snprintf(p->school, sizeof p->school, "%s", db_text(st, 6));
		snprintf(p->programme, sizeof p->programme, "%s", db_text(st, 7));
		snprintf(p->programme_code, sizeof p->programme_code, "%s", db_text(st, 8));
		p->campaign_id = db_int(st, 9);
	}
	db_reset(st);
	return rc;
}

/* Formats the body and queues it, with subject, to the organisation's active users. */
static int mail_org_usersf(long long org_id, long long campaign_id, const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int mail_org_usersf(long long org_id, long long campaign_id, const char *subject, const char *fmt, ...)
{
	struct buf body = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&body, fmt, ap);
	va_end(ap);
	int rc = mail_org_users(org_id, &campaign_id, 1, subject, body.data);
	buf_free(&body);
	return rc;
}

int notify_service_student_stopped(long long student_id)
{
	struct placement_parties p;
	int rc = load_parties(student_id, &p);
	if (rc == DB_DONE)
		return 0; /* nobody accepted the pupil: no service to tell */
	if (rc != DB_ROW)
		return -1;
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: %s is gestopt met de opleiding", p.pupil);
	return mail_org_usersf(p.service_id, p.campaign_id, subject,
	                       "Beste,\n\n"
	                       "%s meldt dat %s (%s) gestopt is met de opleiding. Jullie dienst had deze leerling "
	                       "aanvaard; de stage gaat dus niet door.\n\n"
	                       "Je vindt de leerling nog in 'Mijn stagiairs':\n%s/stagiairs/%lld\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p.school, p.pupil, p.programme, cfg.base_url ? cfg.base_url : "", student_id);
}

int notify_service_student_resumed(long long student_id)
{
	struct placement_parties p;
	int rc = load_parties(student_id, &p);
	if (rc == DB_DONE)
		return 0; /* nobody accepted the pupil: no service to tell */
	if (rc != DB_ROW)
		return -1;
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: %s is toch niet gestopt", p.pupil);
	return mail_org_usersf(p.service_id, p.campaign_id, subject,
	                       "Beste,\n\n"
	                       "%s (%s) werd eerder gemeld als gestopt met de opleiding, maar is toch niet gestopt. "
	                       "Jullie dienst had deze leerling aanvaard; de aanvaarding geldt opnieuw.\n\n"
	                       "Je vindt de leerling in 'Mijn stagiairs':\n%s/stagiairs/%lld\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p.pupil, p.programme, cfg.base_url ? cfg.base_url : "", student_id);
}

int notify_org_users(long long org_id, const long long *campaigns, size_t n, const char *subject, const char *body)
{
	return mail_org_users(org_id, campaigns, n, subject, body);
}

static const char PRIVATE_DATA_SEEN[] =
	"adres, telefoon, e-mail en rijksregisternummer";

/* The school's mail about a withdrawal: the service named only when the school may know it. */
static int mail_school_withdrawn(const struct placement_parties *p, const struct school_answer *a,
                                 bool private_data_shown)
{
	const char *base = cfg.base_url ? cfg.base_url : "";
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: aanvaarding van %s ingetrokken", p->pupil);
	if (a->service)
		return mail_org_usersf(p->school_id, p->campaign_id, subject,
		                       "Beste,\n\n"
		                       "%s heeft de aanvaarding van %s (%s) ingetrokken. De stage bij deze dienst gaat "
		                       "niet door; de aanvraag staat opnieuw open voor de andere diensten.%s%s%s\n\n"
		                       "Het overzicht van je leerlingen:\n%s/opleidingen/%s\n\n"
		                       "Met vriendelijke groeten,\nstagematch\n",
		                       a->service, p->pupil, p->programme,
		                       private_data_shown ? "\n\nDe dienst had de persoonlijke gegevens van de leerling ("
		                                          : "",
		                       private_data_shown ? PRIVATE_DATA_SEEN : "",
		                       private_data_shown ? ") al gezien. De coördinator is op de hoogte." : "", base,
		                       p->programme_code);
	return mail_org_usersf(p->school_id, p->campaign_id, subject,
	                       "Beste,\n\n"
	                       "Een dienst die de stageaanvraag van %s (%s) in behandeling had genomen, heeft dat "
	                       "ingetrokken nadat de dienst de persoonlijke gegevens van de leerling (%s) had gezien. "
	                       "De aanvraag staat opnieuw open voor de andere diensten. De coördinator is op de hoogte.\n\n"
	                       "Heb je hierover vragen, mail dan de coördinator: %s\n\n"
	                       "Het overzicht van je leerlingen:\n%s/opleidingen/%s\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p->pupil, p->programme, PRIVATE_DATA_SEEN, mail_contact_address(), base, p->programme_code);
}

int notify_placement_withdrawn(long long student_id, bool private_data_shown, long long earlier)
{
	struct placement_parties p;
	struct campaign c;
	if (load_parties(student_id, &p) != DB_ROW || !campaign_load(p.campaign_id, &c))
		return -1;
	long long now = clock_now();
	struct school_answer a = campaign_school_answer(&c, now, p.service_id, p.service);
	if ((a.service || private_data_shown) && mail_school_withdrawn(&p, &a, private_data_shown) != 0)
		return -1;
	if (!private_data_shown)
		return 0;
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: %s trok een aanvaarding in na inzage van persoonsgegevens",
	         p.service);
	return mail_org_usersf(org_coordinator_id(), p.campaign_id, subject,
	                       "Beste,\n\n"
	                       "%s heeft de aanvaarding van %s (%s, %s %s) ingetrokken, nadat de dienst de "
	                       "persoonlijke gegevens van de leerling (%s) had gezien. De school kreeg hierover een "
	                       "e-mail. Het is de %lld-de intrekking van deze dienst in deze campagne.\n\n"
	                       "De intrekkingen per dienst staan in 'Voortgang':\n%s/beheer?campagne=%lld\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p.service, p.pupil, p.school, c.programme_name, c.school_year, PRIVATE_DATA_SEEN,
	                       earlier + 1, cfg.base_url ? cfg.base_url : "", c.id);
}

int notify_coordinator_withdrawal_requested(long long student_id, long long earlier)
{
	struct placement_parties p;
	if (load_parties(student_id, &p) != DB_ROW)
		return -1;
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: %s vraagt een aanvaarding in te trekken", p.service);
	return mail_org_usersf(org_coordinator_id(), p.campaign_id, subject,
	                       "Beste,\n\n"
	                       "%s wil de aanvaarding van %s (%s, %s) intrekken. De dienst trok in deze campagne al "
	                       "%lld aanvaardingen in; een volgende intrekking moet jij goedkeuren of weigeren.\n\n"
	                       "Beslis in 'Intrekken aanvragen':\n%s/beheer/intrekkingen\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p.service, p.pupil, p.school, p.programme, earlier, cfg.base_url ? cfg.base_url : "");
}

int notify_service_withdrawal_decided(long long service_id, long long campaign_id, const char *pupil, bool approved)
{
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: intrekking voor %s %s", pupil,
	         approved ? "goedgekeurd" : "geweigerd");
	if (approved)
		return mail_org_usersf(service_id, campaign_id, subject,
		                       "Beste,\n\n"
		                       "De coördinator keurde goed dat jullie dienst de aanvaarding van %s intrekt. De "
		                       "aanvaarding is ingetrokken; de aanvraag staat opnieuw open voor de andere "
		                       "diensten.\n\n"
		                       "Met vriendelijke groeten,\nstagematch\n",
		                       pupil);
	return mail_org_usersf(service_id, campaign_id, subject,
	                       "Beste,\n\n"
	                       "De coördinator weigerde dat jullie dienst de aanvaarding van %s intrekt. De leerling "
	                       "blijft bij jullie dienst. Vragen hierover kan je mailen naar %s.\n\n"
	                       "Je vindt de leerling in 'Mijn stagiairs':\n%s/stagiairs\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       pupil, mail_contact_address(), cfg.base_url ? cfg.base_url : "");
}

/* --- The schools' digest --------------------------------------------------------- */

struct due {
	long long placement_id, school_id, campaign_id;
	const char *school, *pupil, *service, *site, *mentor_name, *mentor_phone, *mentor_email;
	const char *programme, *programme_code;
	bool stopped;
};

/* Reads every placement whose school has not been told yet, in school order. */
static size_t load_due(struct arena *a, long long now, struct due **out)
{
	size_t count = 0, cap = 0;
	struct due *rows = NULL;
	struct db_stmt *st = db_prepare(SQL_DIGEST_DUE);
	db_bind_int(st, 1, now);
	while (db_step(st) == DB_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			struct due *grown = arena_alloc(a, cap * sizeof *grown);
			if (count)
				memcpy(grown, rows, count * sizeof *grown);
			rows = grown;
		}
		struct due *d = &rows[count++];
		d->placement_id = db_int(st, 0);
		d->school_id = db_int(st, 1);
		d->school = arena_strdup(a, db_text(st, 2));
		d->pupil = arena_printf(a, "%s %s", db_text(st, 3), db_text(st, 4));
		d->service = arena_strdup(a, db_text(st, 5));
		d->site = arena_strdup(a, db_text(st, 6));
		d->mentor_name = arena_strdup(a, db_text(st, 7));
		d->mentor_phone = arena_strdup(a, db_text(st, 8));
		d->mentor_email = arena_strdup(a, db_text(st, 9));
		d->programme = arena_strdup(a, db_text(st, 10));
		d->programme_code = arena_strdup(a, db_text(st, 11));
		d->stopped = db_int(st, 12) != 0;
		d->campaign_id = db_int(st, 13);
	}
	db_reset(st);
	*out = rows;
	return count;
}

/* Claims rows[0..n) (one school) and queues its digest; in one transaction. */
static void send_school_digest(const struct due *rows, size_t n, long long now)
{
	if (db_begin() != DB_DONE)
		return;
	struct buf body = {0};
	int listed = 0;
	const char *programme = NULL;
	long long campaigns[16];
	size_t n_campaigns = 0;
	buf_printf(&body, "Beste,\n\nDiensten gezinszorg aanvaardden de volgende leerlingen van %s:\n", rows[0].school);
	for (size_t i = 0; i < n; i++) {
		const struct due *d = &rows[i];
		if (db_exec(SQL_CLAIM, "ii", now, d->placement_id) != DB_DONE)
			goto fail;
		if (db_changes() != 1 || d->stopped)
			continue; /* another server sent it, or the pupil stopped meanwhile */
		if (!programme || strcmp(programme, d->programme) != 0) {
			programme = d->programme;
			buf_printf(&body, "\n%s (%s/opleidingen/%s)\n", d->programme, cfg.base_url ? cfg.base_url : "",
			           d->programme_code);
		}
		buf_printf(&body, "- %s: %s", d->pupil, d->service);
		if (*d->site)
			buf_printf(&body, ", stageplek %s", d->site);
		buf_puts(&body, "\n  Stageperiode: ");
		append_periods(&body, d->placement_id);
		if (*d->mentor_name)
			buf_printf(&body, "\n  Stagementor: %s, %s, %s", d->mentor_name, d->mentor_phone, d->mentor_email);
		buf_putc(&body, '\n');
		listed++;
		bool known = false;
		for (size_t k = 0; k < n_campaigns; k++)
			known = known || campaigns[k] == d->campaign_id;
		if (!known && n_campaigns < sizeof campaigns / sizeof campaigns[0])
			campaigns[n_campaigns++] = d->campaign_id;
	}
	if (listed) {
		buf_puts(&body, "\nIn het overzicht zie je per leerling ook de notities van de dienst. De dienst "
		                "neemt contact met jullie op voor de praktische opvolging van de stage.\n\n"
		                "Met vriendelijke groeten,\nstagematch\n");
		char subject[128];
		snprintf(subject, sizeof subject, "Stagematch: %d %s aanvaard door een dienst", listed,
		         listed == 1 ? "leerling" : "leerlingen");
		if (mail_org_users(rows[0].school_id, campaigns, n_campaigns, subject, body.data) != 0)
			goto fail;
	}
	buf_free(&body);
	if (db_commit() != DB_DONE)
		log_error("digest", "school=%lld message=\"commit failed\"", rows[0].school_id);
	else if (listed)
		log_info("digest", "school=%lld pupils=%d", rows[0].school_id, listed);
	return;
fail: {
	char error[256]; /* read before the rollback, which clears it */
	snprintf(error, sizeof error, "%s", db_error());
	buf_free(&body);
	db_rollback();
	log_error("digest", "school=%lld error=%s", rows[0].school_id, error);
}
}

void notify_digest_run(void)
{
	struct arena *a = arena_new();
	long long now = clock_now();
	struct due *rows;
	size_t count = load_due(a, now, &rows);
	for (size_t start = 0; start < count;) {
		size_t end = start + 1;
		while (end < count && rows[end].school_id == rows[start].school_id)
			end++;
		send_school_digest(rows + start, end - start, now);
		start = end;
	}
	arena_free(a);
}
