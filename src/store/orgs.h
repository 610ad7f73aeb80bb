#ifndef STAGEMATCH_ORGS_H
#define STAGEMATCH_ORGS_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

/*
 * The organisation module: organisations and the areas a care service covers (tables
 * organisations, service_areas). It owns every statement on them. Reach: the coordinator's
 * scope reads and writes every school and service; a school's or service's scope reads its
 * own organisation only and writes none. An organisation outside the scope is "not found".
 * Writes: call inside a transaction.
 */
/* The one rule of reach by organisation, for every module whose rows belong to an
 * organisation: every one (0: the coordinator), the scope's own (a school's or service's),
 * or none (-1, which is no organisation's id). */
long long org_reach(const struct scope *s);

struct org_fields {
	const char *kind;            /* "coordinator", "school", "service" */
	const char *name;
	const char *institution_number;
	const char *street, *postcode, *city, *province;
	const char *phone, *email;
	long long capacity;          /* services; 0 = not set */
};

/* A school or service as the screens show it. */
struct org_row {
	long long id;
	struct org_fields fields;
	bool active;
	long long users;             /* its users that are not disabled (org_list only) */
};

/* The schools or services (kind "school" or "service") within the scope, active ones
 * first, by name, in a; *count gets their number. Never NULL. */
struct org_row *org_list(const struct scope *s, const char *kind, struct arena *a, size_t *count);
/* Every active organisation within the scope (coordination, schools, services, each by
 * name), in a; *count gets their number. Never NULL. */
struct org_row *org_list_active(const struct scope *s, struct arena *a, size_t *count);
/* Every organisation within the scope, active or not (coordination first, then by kind and
 * name), in a. Never NULL. */
struct org_row *org_list_all(const struct scope *s, struct arena *a, size_t *count);
/* The school or service with this id within the scope, copied into a; false when not found. */
bool org_get(const struct scope *s, long long id, struct arena *a, struct org_row *out);
/* Whether the organisation with this id (of any kind) is within the scope and active. */
bool org_active(const struct scope *s, long long id);
/* The name of another school (not except_id) with this instellingsnummer, in a, or NULL. */
const char *org_school_with_number(const struct scope *s, const char *number, long long except_id,
                                   struct arena *a);

/* Creates an organisation (the coordinator's scope only); its id, or 0 on failure. */
long long org_create(const struct scope *s, const struct org_fields *o);
/* Writes o's fields (kind excepted) to organisation id of kind o->kind. Returns DB_DONE,
 * or DB_ERROR also when no such organisation exists within the scope. */
int org_update(const struct scope *s, long long id, const struct org_fields *o);
/* Deactivates (its users can no longer log in) or reactivates a school or service. */
int org_set_active(const struct scope *s, long long id, bool active);

/* One area a care service covers: a province, or a postcode range (province NULL). */
struct service_area {
	const char *province;
	int postcode_from, postcode_to;
};
/* The areas of a care service within the scope: provinces first, in a. Never NULL. */
struct service_area *org_areas(const struct scope *s, long long service_id, struct arena *a, size_t *count);
/* Replaces the areas of a care service. */
int org_set_areas(const struct scope *s, long long service_id, const struct service_area *areas, size_t count);

/* A campaign a care service takes part in (table campaign_services). */
struct org_campaign {
	long long campaign_id;
	const char *programme, *school_year;
};
/* The campaigns of a care service within the scope, newest first, in a. Never NULL. */
struct org_campaign *org_service_campaigns(const struct scope *s, long long service_id, struct arena *a,
                                           size_t *count);

/* The care services taking part in campaign_id, by name: the choices of a pupil's
 * preference, which every signed-in scope may read (names only). Never NULL. */
struct org_choice {
	long long id;
	const char *name;
};
struct org_choice *org_campaign_services(const struct scope *s, long long campaign_id, struct arena *a,
                                         size_t *count);

/* The coordinator organisation's id, creating it when missing. */
long long org_coordinator_id(void);

/* How many active organisations within the scope have this name (any case); *id gets one. */
size_t org_active_by_name(const struct scope *s, const char *name, long long *id);
/* Up to 10 active organisations within the scope whose name contains text, by name, in a. */
struct org_row *org_named_like(const struct scope *s, const char *text, struct arena *a, size_t *count);
/* How many organisations (of every kind, active or not) the scope reaches. */
long long org_count(const struct scope *s);

#endif
