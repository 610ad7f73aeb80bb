#ifndef STAGEMATCH_ACCEPT_FORM_H
#define STAGEMATCH_ACCEPT_FORM_H
#include <stdbool.h>

#include "campaigns.h"
#include "form.h"
#include "http.h"
#include "placements_store.h"

/* The acceptance/edit form of a placement: site, 1-4 approved periods, mentor, notes. */
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
