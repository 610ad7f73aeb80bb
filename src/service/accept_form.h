#ifndef STAGEMATCH_ACCEPT_FORM_H
#define STAGEMATCH_ACCEPT_FORM_H
#include <stdbool.h>

#include "campaigns.h"
#include "form.h"
#include "http.h"
#include "placements_store.h"

/* The acceptance/edit form of a placement: site, 1-4 approved periods, mentor, notes. */
enum placement_field {
	PLACEMENT_SITE, PLACEMENT_P1_START, PLACEMENT_P1_END, PLACEMENT_P2_START, PLACEMENT_P2_END,
	PLACEMENT_P3_START, PLACEMENT_P3_END, PLACEMENT_P4_START, PLACEMENT_P4_END, PLACEMENT_MENTOR_NAME,
	PLACEMENT_MENTOR_PHONE, PLACEMENT_MENTOR_EMAIL, PLACEMENT_NOTES, PLACEMENT_VERSION,
	PLACEMENT__FIELDS,
};
/* The start and end field of period i (0-3). */
#define PLACEMENT_PERIOD_START(i) (PLACEMENT_P1_START + 2 * (i))
#define PLACEMENT_PERIOD_END(i) (PLACEMENT_P1_END + 2 * (i))

void placement_form_init(struct form *f, struct req *r);
/* The form's controls (without <form> and buttons). */
void placement_form_controls(struct buf *out, const struct form *f);
/*
 * Reads and checks the posted form against the campaign's school year; on success fills
 * p's site, mentor, notes and periods (normalised, in the request's arena).
 */
bool placement_form_check(struct req *r, struct form *f, const struct campaign *c, struct placement_record *p);
/* Fills the period fields with count (starts_on, ends_on) ISO dates. */
void placement_form_set_periods(struct form *f, int count, const char start[][11], const char end[][11]);

#endif
