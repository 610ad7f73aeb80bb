#ifndef STAGEMATCH_ORGS_H
#define STAGEMATCH_ORGS_H

/*
 * Organisations and their users: the one place that creates them (CLI, demo data,
 * admin screens). Call inside a transaction. Return the new id, or 0 on failure
 * (for users: also when the e-mail address is taken).
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

/* email must be normalised; password_hash NULL for an invited user. */
long long user_create(long long org_id, const char *email, const char *name, const char *password_hash);

/* The coordinator organisation's id, creating it when missing. */
long long org_coordinator_id(void);

#endif
