#ifndef STAGEMATCH_PROGRESS_STORE_H
#define STAGEMATCH_PROGRESS_STORE_H
/*
 * The counts of a campaign's progress ("Voortgang", the second round): reads over students,
 * placements and withdrawals. A pupil is exactly one of accepted (a service took them), open
 * (nobody yet) or stopped (left the programme; counted as stopped even when accepted).
 * Progress is the coordinator's: every function takes the caller's scope first, and any
 * other scope counts nothing and lists nothing.
 */
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "scope.h"

struct progress_tally {
	long long registered, accepted, open, stopped;
};

/* Every pupil of every campaign (registered) and every placement (accepted), stopped or
 * not; open and stopped are not counted (0). For `backup` and `restore`. */
struct progress_tally progress_everything(const struct scope *s);

/* The campaign's pupils grouped by school, province and preference (0: none), in one pass
 * (one index, one probe of placements each), by school. */
struct progress_group {
	long long school_id, preference_service_id;
	const char *province;
	struct progress_tally t;
};
struct progress_group *progress_groups(const struct scope *s, long long campaign_id, struct arena *a, size_t *count);

/* Every programme's campaign of a school year, by programme, with its totals; the campaign
 * `known` is not counted again (its tally is zero): its caller has them. */
struct progress_programme {
	long long campaign_id;
	const char *programme;
	struct progress_tally t;
};
struct progress_programme *progress_per_programme(const struct scope *s, const char *school_year, long long known,
                                                  struct arena *a, size_t *count);

/* The services taking part, and any other service that accepted or withdrew a pupil of the
 * campaign, by name: accepted (pupils not stopped), capacity, and the withdrawals (done, of
 * which after the private data was shown, waiting for the coordinator). */
struct progress_service {
	long long id, capacity, accepted;
	long long withdrawn, withdrawn_after_private, withdrawals_pending;
	bool takes_part;
	const char *name;
};
struct progress_service *progress_services(const struct scope *s, long long campaign_id, struct arena *a,
                                           size_t *count);

/* The pupils nobody accepted (and not stopped): how many; a page of them by school and name
 * (preference NULL when none). */
long long progress_open_count(const struct scope *s, long long campaign_id);
struct progress_open_pupil {
	long long id;
	const char *last_name, *first_name, *school, *city, *province, *preference;
};
struct progress_open_pupil *progress_open_page(const struct scope *s, long long campaign_id, long long limit,
                                               long long offset, struct arena *a, size_t *count);

/* The same pupils with their postcode and contact person, as a stream (the CSV) on a
 * connection of its own: open (NULL when the database cannot be opened; close it with
 * db_cursor_close), next (1 with row filled, its texts valid until the next call; 0 at the
 * end; -1 on an error). */
struct progress_open_export {
	const char *last_name, *first_name, *school, *postcode, *city, *province, *preference;
	const char *contact, *contact_phone, *contact_email;
	long long created_at;
};
struct db_stmt *progress_open_cursor(const struct scope *s, long long campaign_id);
int progress_open_next(struct db_stmt *cursor, struct progress_open_export *row);

#endif
