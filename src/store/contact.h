#ifndef STAGEMATCH_CONTACT_H
#define STAGEMATCH_CONTACT_H
/*
 * The contact module: a school's internship contact persons (table contacts). It owns
 * every statement on that table. Reach: a school's scope sees and changes its own
 * contacts only, the coordinator's scope sees all, a service's scope none. A contact
 * outside the scope is "not found", exactly like one that does not exist.
 */
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

struct contact_row {
	long long id;
	long long school_id;
	const char *name, *phone, *email;
};

enum contact_result {
	CONTACT_OK,
	CONTACT_NOT_FOUND, /* no such contact within the scope (or deleted meanwhile) */
	CONTACT_LINKED,    /* delete refused: a pupil is linked to it */
	CONTACT_FAILED,    /* the database failed (db_full_since_begin() tells a full disk) */
};

/* The contact with this id within the scope, copied into a; false when not found. */
bool contact_get(const struct scope *s, long long id, struct arena *a, struct contact_row *out);
/* The contacts within the scope by name (the school's own; all for the coordinator), in a;
 * *count gets their number. Never NULL. */
struct contact_row *contact_list(const struct scope *s, struct arena *a, size_t *count);
/* Adds a contact to the scope's own school (only a school's scope can); *id gets its id. */
enum contact_result contact_insert(const struct scope *s, const struct contact_row *c, long long *id);
/* Changes name, phone and e-mail of the contact with this id within the scope. */
enum contact_result contact_change(const struct scope *s, long long id, const struct contact_row *c);
/* Deletes the contact with this id within the scope, unless a pupil is linked to it. */
enum contact_result contact_remove(const struct scope *s, long long id);

/* Retention (retention.h), the coordinator's scope only (any other: 0): the contacts that
 * only campaign_id's pupils (or pupils of campaigns already cleaned) use, counted, or
 * emptied and taken out of their school's list at now (how many; -1 on an error). */
long long contact_campaign_count(const struct scope *s, long long campaign_id);
long long contact_campaign_clear(const struct scope *s, long long campaign_id, long long now);

#endif
