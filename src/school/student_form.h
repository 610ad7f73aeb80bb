#ifndef STAGEMATCH_STUDENT_FORM_H
#define STAGEMATCH_STUDENT_FORM_H
#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "pupils.h"

/*
 * The pupil form of the manual ("Gegevens student", "Gegevens stage"), declared once:
 * its fields, every rule with its message next to the field, the rendering (editable or
 * read-only) and the values as stored. Used by src/school/students.c for adding and editing.
 */

/* What the selects offer: the school's contacts and the campaign's care services, each a
 * NULL-terminated list with the id as value. */
struct student_choices {
	const struct option *contacts;
	size_t contact_count;
	const struct option *services;
};

/* The form's fields, in the order of the manual (and of the read-only view). */
enum student_field {
	STUDENT_FIRST_NAME, STUDENT_LAST_NAME, STUDENT_NATIONAL_NUMBER, STUDENT_STREET, STUDENT_POSTCODE,
	STUDENT_CITY, STUDENT_PROVINCE, STUDENT_PHONE, STUDENT_EMAIL, STUDENT_TRANSPORT, STUDENT_REMARKS,
	STUDENT_CONTACT_ID, STUDENT_FORMAT, STUDENT_PERIOD_COUNT, STUDENT_HOURS_PER_WEEK,
	STUDENT_TOTAL_HOURS, STUDENT_P1_START, STUDENT_P1_END, STUDENT_P2_START, STUDENT_P2_END,
	STUDENT_P3_START, STUDENT_P3_END, STUDENT_P4_START, STUDENT_P4_END, STUDENT_REQUEST_REMARKS,
	STUDENT_PREFERENCE, STUDENT_VERSION, STUDENT__FIELDS,
};
/* The start and end field of period i (0-3). */
#define STUDENT_PERIOD_START(i) (STUDENT_P1_START + 2 * (i))
#define STUDENT_PERIOD_END(i) (STUDENT_P1_END + 2 * (i))

void student_form_init(struct form *f, struct arena *a);

/*
 * Reads the posted form and applies every rule of the manual: national number (either
 * printed form, checksum of both centuries, BIS), postcode with the province proposed
 * from it when empty and a mismatch flagged, phone, e-mail, at least one means of
 * transport, a contact and a preference from the choices, format, number of periods,
 * hours, and the periods (inside the school year starting in school_year_start).
 * The values stay as typed (an empty province gets the proposal). Returns true and fills
 * rec (strings in the form's arena; campaign, school and creator left to the caller)
 * when everything is valid.
 */
bool student_form_read(struct form *f, struct req *r, const struct student_choices *ch, int school_year_start,
                       struct student_record *rec);

/* The same rules on a form whose values were set otherwise (form_read_params: an imported row). */
bool student_form_check(struct form *f, const struct student_choices *ch, int school_year_start,
                        struct student_record *rec);

/* The declaration of one field (label, type, length): the import shows the same labels. */
const struct field *student_form_field(enum student_field field);
/* The field posted under an HTML name (an import column's key), or -1. */
int student_form_field_named(const char *name);
/* The options of a select or checkbox field as the form offers them, or NULL. */
const struct option *student_form_options(const struct form *f, enum student_field field,
                                          const struct student_choices *ch);

/* Fills the form with a stored pupil: national number printed in full (11 digits, or ""
 * once removed), dates as dd/mm/yyyy, and the row's version for the concurrency check. */
void student_form_fill(struct form *f, const struct student_record *rec, long long version);

/* The editable form, posting to action. adding: the buttons for saving and going on with the
 * next pupil or to overview_href; otherwise a plain save. */
void student_form_render(struct buf *out, struct req *r, const struct form *f, const struct student_choices *ch,
                         const char *action, bool adding, const char *overview_href);

/* The same data, read-only (accepted or stopped pupils, registration closed). */
void student_form_render_readonly(struct buf *out, const struct form *f, const struct student_choices *ch);

/* The fields whose values differ between two filled forms, as "label: value of b" items of
 * a list (for showing what a colleague stored meanwhile). Returns how many. */
int student_form_render_changes(struct buf *out, const struct form *typed, const struct form *stored,
                                const struct student_choices *ch);

/* The form value of a transport bit set ("auto,fiets") and back. */
const char *transport_value(struct arena *a, int bits);
int transport_bits(const char *value);

#endif
