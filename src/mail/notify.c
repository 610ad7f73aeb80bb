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
#include "placements_store.h"
#include "scope.h"
#include "user.h"

/* Queues the same mail, about pupils of campaigns[0..n), to every active user of an organisation. */
static int mail_org_users(struct arena *a, long long org_id, const long long *campaigns, size_t n,
                          const char *subject, const char *body)
{
	struct scope sys = scope_system();
	size_t count;
	const char **to = user_active_emails(&sys, org_id, a, &count);
	for (size_t i = 0; i < count; i++)
		if (mail_queue_about(campaigns, n, to[i], subject, body) != 0)
			return -1;
	return 0;
}

/* "11/01/2027 – 22/01/2027, 15/03/2027 – 26/03/2027" */
static void append_periods(struct buf *b, long long placement_id)
{
	char start[PERIODS_MAX][11], end[PERIODS_MAX][11];
	int n = placement_periods(scope_system(), placement_id, start, end);
	for (int i = 0; i < n; i++) {
		char from[11], to[11];
		date_display(start[i], from);
		date_display(end[i], to);
		buf_printf(b, "%s%s – %s", i ? ", " : "", from, to);
	}
}

/* Formats the body and queues it, with subject, to the organisation's active users. */
static int mail_org_usersf(struct arena *a, long long org_id, long long campaign_id, const char *subject,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int mail_org_usersf(struct arena *a, long long org_id, long long campaign_id, const char *subject,
                           const char *fmt, ...)
{
	struct buf body = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&body, fmt, ap);
	va_end(ap);
	int rc = mail_org_users(a, org_id, &campaign_id, 1, subject, body.data);
	buf_free(&body);
	return rc;
}

/* The parties of student_id's placement, read for the system's mails into a. */
static int load_parties(struct arena *a, long long student_id, struct placement_parties *p)
{
	return placement_parties_get(scope_system(), a, student_id, p);
}

/* Tells the service that accepted student_id that the pupil stopped, or (resumed) that it
 * did not stop after all. Nothing for a pupil nobody accepted. */
static int mail_accepting_service(struct arena *a, long long student_id, bool resumed)
{
	struct placement_parties p;
	int rc = load_parties(a, student_id, &p);
	if (rc == DB_DONE)
		return 0; /* nobody accepted the pupil: no service to tell */
	if (rc != DB_ROW)
		return -1;
	const char *base = cfg.base_url ? cfg.base_url : "";
	char subject[400];
	if (resumed) {
		snprintf(subject, sizeof subject, "Stagematch: %s is toch niet gestopt", p.pupil);
		return mail_org_usersf(a, p.service_id, p.campaign_id, subject,
		                       "Beste,\n\n"
		                       "%s (%s) werd eerder gemeld als gestopt met de opleiding, maar is toch niet "
		                       "gestopt. Jullie dienst had deze leerling aanvaard; de aanvaarding geldt opnieuw.\n\n"
		                       "Je vindt de leerling in 'Mijn stagiairs':\n%s/stagiairs/%lld\n\n"
		                       "Met vriendelijke groeten,\nstagematch\n",
		                       p.pupil, p.programme, base, student_id);
	}
	snprintf(subject, sizeof subject, "Stagematch: %s is gestopt met de opleiding", p.pupil);
	return mail_org_usersf(a, p.service_id, p.campaign_id, subject,
	                       "Beste,\n\n"
	                       "%s meldt dat %s (%s) gestopt is met de opleiding. Jullie dienst had deze leerling "
	                       "aanvaard; de stage gaat dus niet door.\n\n"
	                       "Je vindt de leerling nog in 'Mijn stagiairs':\n%s/stagiairs/%lld\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p.school, p.pupil, p.programme, base, student_id);
}

int notify_service_student_resumed(struct arena *a, long long student_id)
{
	return mail_accepting_service(a, student_id, true);
}

int notify_org_users(struct arena *a, long long org_id, const long long *campaigns, size_t n, const char *subject,
                     const char *body)
{
	return mail_org_users(a, org_id, campaigns, n, subject, body);
}

static const char PRIVATE_DATA_SEEN[] =
	"adres, telefoon, e-mail en rijksregisternummer";

/* The school's mail about a withdrawal: the service named only when the school may know it. */
static int mail_school_withdrawn(struct arena *ar, const struct placement_parties *p, const struct school_answer *a,
                                 bool private_data_shown)
{
	const char *base = cfg.base_url ? cfg.base_url : "";
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: aanvaarding van %s ingetrokken", p->pupil);
	if (a->service)
		return mail_org_usersf(ar, p->school_id, p->campaign_id, subject,
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
	return mail_org_usersf(ar, p->school_id, p->campaign_id, subject,
	                       "Beste,\n\n"
	                       "Een dienst die de stageaanvraag van %s (%s) in behandeling had genomen, heeft dat "
	                       "ingetrokken nadat de dienst de persoonlijke gegevens van de leerling (%s) had gezien. "
	                       "De aanvraag staat opnieuw open voor de andere diensten. De coördinator is op de hoogte.\n\n"
	                       "Heb je hierover vragen, mail dan de coördinator: %s\n\n"
	                       "Het overzicht van je leerlingen:\n%s/opleidingen/%s\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p->pupil, p->programme, PRIVATE_DATA_SEEN, mail_contact_address(), base, p->programme_code);
}

static int mail_withdrawn(struct arena *ar, long long student_id, bool private_data_shown, long long earlier)
{
	struct placement_parties p;
	struct campaign c;
	if (load_parties(ar, student_id, &p) != DB_ROW || !campaign_load(p.campaign_id, &c))
		return -1;
	long long now = clock_now();
	struct school_answer a = campaign_school_answer(&c, now, p.service_id, p.service);
	if ((a.service || private_data_shown) && mail_school_withdrawn(ar, &p, &a, private_data_shown) != 0)
		return -1;
	if (!private_data_shown)
		return 0;
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: %s trok een aanvaarding in na inzage van persoonsgegevens",
	         p.service);
	return mail_org_usersf(ar, org_coordinator_id(), p.campaign_id, subject,
	                       "Beste,\n\n"
	                       "%s heeft de aanvaarding van %s (%s, %s %s) ingetrokken, nadat de dienst de "
	                       "persoonlijke gegevens van de leerling (%s) had gezien. De school kreeg hierover een "
	                       "e-mail. Het is de %lld-de intrekking van deze dienst in deze campagne.\n\n"
	                       "De intrekkingen per dienst staan in 'Voortgang':\n%s/beheer?campagne=%lld\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p.service, p.pupil, p.school, c.programme_name, c.school_year, PRIVATE_DATA_SEEN,
	                       earlier + 1, cfg.base_url ? cfg.base_url : "", c.id);
}

static int mail_withdrawal_requested(struct arena *a, long long student_id, long long earlier)
{
	struct placement_parties p;
	if (load_parties(a, student_id, &p) != DB_ROW)
		return -1;
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: %s vraagt een aanvaarding in te trekken", p.service);
	return mail_org_usersf(a, org_coordinator_id(), p.campaign_id, subject,
	                       "Beste,\n\n"
	                       "%s wil de aanvaarding van %s (%s, %s) intrekken. De dienst trok in deze campagne al "
	                       "%lld aanvaardingen in; een volgende intrekking moet jij goedkeuren of weigeren.\n\n"
	                       "Beslis in 'Intrekken aanvragen':\n%s/beheer/intrekkingen\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       p.service, p.pupil, p.school, p.programme, earlier, cfg.base_url ? cfg.base_url : "");
}

static int mail_withdrawal_decided(struct arena *a, long long service_id, long long campaign_id, const char *pupil,
                                   bool approved)
{
	char subject[400];
	snprintf(subject, sizeof subject, "Stagematch: intrekking voor %s %s", pupil,
	         approved ? "goedgekeurd" : "geweigerd");
	if (approved)
		return mail_org_usersf(a, service_id, campaign_id, subject,
		                       "Beste,\n\n"
		                       "De coördinator keurde goed dat jullie dienst de aanvaarding van %s intrekt. De "
		                       "aanvaarding is ingetrokken; de aanvraag staat opnieuw open voor de andere "
		                       "diensten.\n\n"
		                       "Met vriendelijke groeten,\nstagematch\n",
		                       pupil);
	return mail_org_usersf(a, service_id, campaign_id, subject,
	                       "Beste,\n\n"
	                       "De coördinator weigerde dat jullie dienst de aanvaarding van %s intrekt. De leerling "
	                       "blijft bij jullie dienst. Vragen hierover kan je mailen naar %s.\n\n"
	                       "Je vindt de leerling in 'Mijn stagiairs':\n%s/stagiairs\n\n"
	                       "Met vriendelijke groeten,\nstagematch\n",
	                       pupil, mail_contact_address(), cfg.base_url ? cfg.base_url : "");
}

/* The public notify_ functions: each mail's strings in an arena of its own. */
int notify_service_student_stopped(long long student_id)
{
	struct arena *a = arena_new();
	int rc = mail_accepting_service(a, student_id, false);
	arena_free(a);
	return rc;
}

int notify_placement_withdrawn(long long student_id, bool private_data_shown, long long earlier)
{
	struct arena *a = arena_new();
	int rc = mail_withdrawn(a, student_id, private_data_shown, earlier);
	arena_free(a);
	return rc;
}

int notify_coordinator_withdrawal_requested(long long student_id, long long earlier)
{
	struct arena *a = arena_new();
	int rc = mail_withdrawal_requested(a, student_id, earlier);
	arena_free(a);
	return rc;
}

int notify_service_withdrawal_decided(long long service_id, long long campaign_id, const char *pupil, bool approved)
{
	struct arena *a = arena_new();
	int rc = mail_withdrawal_decided(a, service_id, campaign_id, pupil, approved);
	arena_free(a);
	return rc;
}

/* --- The schools' digest --------------------------------------------------------- */

/* One school's digest of rows[0..n): claimed and queued in one transaction. */
struct digest {
	struct arena *a;
	const struct placement_due *rows;
	size_t n;
	long long now;
	int listed;
	char error[256];   /* the database's message, read before the rollback clears it */
};

static int digest_write(void *ctx)
{
	struct digest *dg = ctx;
	struct scope sys = scope_system();
	struct buf body = {0};
	int rc = DB_DONE, listed = 0;
	const char *programme = NULL;
	long long campaigns[16];
	size_t n_campaigns = 0;
	buf_printf(&body, "Beste,\n\nDiensten gezinszorg aanvaardden de volgende leerlingen van %s:\n", dg->rows[0].school);
	for (size_t i = 0; rc == DB_DONE && i < dg->n; i++) {
		const struct placement_due *d = &dg->rows[i];
		int claimed = placement_claim_notified(sys, d->placement_id, dg->now);
		if (claimed < 0)
			rc = DB_ERROR;
		if (claimed != 1 || d->stopped)
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
	if (rc == DB_DONE && listed) {
		buf_puts(&body, "\nIn het overzicht zie je per leerling ook de notities van de dienst. De dienst "
		                "neemt contact met jullie op voor de praktische opvolging van de stage.\n\n"
		                "Met vriendelijke groeten,\nstagematch\n");
		char subject[128];
		snprintf(subject, sizeof subject, "Stagematch: %d %s aanvaard door een dienst", listed,
		         listed == 1 ? "leerling" : "leerlingen");
		if (mail_org_users(dg->a, dg->rows[0].school_id, campaigns, n_campaigns, subject, body.data) != 0)
			rc = DB_ERROR;
	}
	buf_free(&body);
	dg->listed = listed;
	if (rc != DB_DONE)
		snprintf(dg->error, sizeof dg->error, "%s", db_error());
	return rc;
}

static void send_school_digest(struct arena *a, const struct placement_due *rows, size_t n, long long now)
{
	struct digest dg = {.a = a, .rows = rows, .n = n, .now = now};
	if (db_tx(digest_write, &dg) != DB_DONE)
		log_error("digest", "school=%lld error=%s", rows[0].school_id, *dg.error ? dg.error : "commit failed");
	else if (dg.listed)
		log_info("digest", "school=%lld pupils=%d", rows[0].school_id, dg.listed);
}

void notify_digest_run(void)
{
	struct arena *a = arena_new();
	long long now = clock_now();
	struct scope sys = scope_system();
	size_t count;
	struct placement_due *rows = placement_digest_due(sys, a, now, &count);
	for (size_t start = 0; start < count;) {
		size_t end = start + 1;
		while (end < count && rows[end].school_id == rows[start].school_id)
			end++;
		send_school_digest(a, rows + start, end - start, now);
		start = end;
	}
	arena_free(a);
}
