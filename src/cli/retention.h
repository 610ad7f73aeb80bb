#ifndef STAGEMATCH_RETENTION_H
#define STAGEMATCH_RETENTION_H
#include "arena.h"
#include "campaigns.h"

/*
 * Removing the personal data of a closed campaign, a configurable number of days
 * (retention_days, default 365) after its results became visible. What goes:
 *   pupils       national number (sealed box, hash and hint), street, phone, e-mail and
 *                both remark fields; the names become "Leerling <id>";
 *   placements   the mentor's name, phone and e-mail and the service's notes;
 *   contacts     the school's contact persons that no pupil of another campaign (whose
 *                data is still there) uses: name, phone and e-mail, and they leave the
 *                school's list (contacts.removed_at);
 *   mails        the campaign's mails (outbox_campaigns): unsent ones go, sent ones keep
 *                only who and when (subject and body emptied), their .eml copies go;
 *   backups      files in DATA/backups older than backup_days (default 30), which still
 *                hold the data.
 * What stays: the rows themselves with school, service, municipality, province,
 * periods, hours, states and dates, so every count still adds up; and one row of
 * anonymous counts in campaign_archive.
 */
struct retention_counts {
	long long students, placements, contacts;
	long long accepted, stopped;
	long long mails;     /* mails emptied or removed (retention_apply only) */
	long long backups;   /* files removed from DATA/backups (retention_apply only) */
};

/* Why the campaign's data cannot be removed at now, in Dutch, or NULL when it can. */
const char *retention_refusal(struct arena *a, const struct campaign *c, long long now, int days);
/* What removing would touch now. Returns DB_DONE. */
int retention_count(long long campaign_id, struct retention_counts *n);
/* "125 leerlingen, 98 stageplaatsen en 12 contactpersonen". */
const char *retention_summary(struct arena *a, const struct retention_counts *n);
/*
 * Removes the data in one transaction, with the counts in campaign_archive and an audit
 * line (of r's user, or of the command line when r is NULL). Counts what it removed
 * into *done. Returns DB_DONE, or DB_ERROR when nothing was changed.
 */
struct req;
int retention_apply(const struct campaign *c, struct req *r, struct retention_counts *done);

#endif
