#ifndef STAGEMATCH_SCHOOLS_H
#define STAGEMATCH_SCHOOLS_H
#include <stddef.h>

#include "form.h"
#include "http.h"

/*
 * The school's own screens: its contact persons (src/contacts.c) and its pupils with
 * their internship request (src/students.c, form in src/student_form.c). Every query is
 * scoped to r->user->org_id; another school's id answers 404.
 */

/* Contactpersoon stageplaats */
void contacts_list(struct req *r);            /* GET  /contactpersonen */
void contact_new(struct req *r);              /* GET  /contactpersonen/nieuw */
void contact_create(struct req *r);           /* POST /contactpersonen */
void contact_edit(struct req *r);             /* GET  /contactpersonen/{id} */
void contact_update(struct req *r);           /* POST /contactpersonen/{id} */
void contact_delete_confirm(struct req *r);   /* GET  /contactpersonen/{id}/verwijderen */
void contact_delete(struct req *r);           /* POST /contactpersonen/{id}/verwijderen */

/* The school's contacts as select options ({id, name}) after first (when not NULL),
 * NULL-terminated, in the request's arena. *count (when not NULL) is the number of contacts. */
const struct option *contact_options(struct req *r, const struct option *first, size_t *count);

/* Pupils and their internship request */
void student_new(struct req *r);              /* GET  /opleidingen/{code}/studenten/nieuw */
void student_create(struct req *r);           /* POST /opleidingen/{code}/studenten */
void student_edit(struct req *r);             /* GET  /studenten/{id} */
void student_edit_submit(struct req *r);      /* POST /studenten/{id} */
void student_delete_confirm(struct req *r);   /* GET  /studenten/{id}/verwijderen */
void student_delete(struct req *r);           /* POST /studenten/{id}/verwijderen */
void student_stop_confirm(struct req *r);     /* GET  /studenten/{id}/gestopt */
void student_stop(struct req *r);             /* POST /studenten/{id}/gestopt */

#endif
