#ifndef STAGEMATCH_ORGS_H
#define STAGEMATCH_ORGS_H
#include <stdbool.h>
#include <stddef.h>

/*
 * Organisations and their users: the one place that creates them (CLI, demo data,
 * admin screens). Call inside a transaction. Return the new id, or 0 on failure
 * (for users: also when the e-mail address is invalid or taken).
 */
struct org_fields {
	const char *kind;            /* "coordinator", "school", "service" */
	const char *name;
	const char *institution_number;
	const char *street, *postcode, *city, *province;
	const char *phone, *email;
	long long capacity;          /* services; 0 = not set */
};
long long org_create(const struct org_fields *o);
/* Writes o's fields (kind excepted) to organisation id of kind o->kind. Returns DB_DONE,
 * or DB_ERROR also when no such organisation exists. */
int org_update(long long id, const struct org_fields *o);
/* Deactivates (its users can no longer log in) or reactivates an organisation. */
int org_set_active(long long id, bool active);

/* One area a care service covers: a province, or a postcode range (province NULL). */
struct service_area {
	const char *province;
	int postcode_from, postcode_to;
};
/* Replaces the areas of a care service. */
int org_set_areas(long long service_id, const struct service_area *areas, size_t count);

/* email is normalised here (trimmed, lower-cased, checked by validate_email), so an
 * address is unique whatever its case. password_hash NULL for an invited user. */
long long user_create(long long org_id, const char *email, const char *name, const char *password_hash);

/* The id of the user with this e-mail address (any case, surrounding spaces), or 0. */
long long user_id_by_email(const char *email);

/* The coordinator organisation's id, creating it when missing. */
long long org_coordinator_id(void);

#endif
