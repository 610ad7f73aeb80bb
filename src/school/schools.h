#ifndef STAGEMATCH_SCHOOLS_H
#define STAGEMATCH_SCHOOLS_H
#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "http.h"

/*
 * The school's own screens: its contact persons (src/school/contacts.c) and its pupils with
 * their internship request (src/school/students.c, form in src/school/student_form.c). Every query is
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

/* For the import (src/school/import_pupils.c), so that it applies the very rules of the form. */
struct campaign;
struct student_choices;
struct student_record;
/* The pupil form's selects: the school's contacts, the campaign's care services. */
void student_choices_load(struct req *r, const struct campaign *c, struct student_choices *ch);
/* The national number's "al geregistreerd" rule of the form (campaign_id and national_number
 * of rec): an error on f's national_number and true when it is taken. */
bool student_national_number_check(struct req *r, struct form *f, const struct student_record *rec);

/* Importeer leerlingen (src/school/import_pupils.c) */
void import_upload_show(struct req *r);       /* GET  /opleidingen/{code}/importeren */
void import_upload(struct req *r);            /* POST /opleidingen/{code}/importeren */
void import_preview(struct req *r);           /* GET  /importen/{id} */
void import_commit(struct req *r);            /* POST /importen/{id} */
void import_cancel(struct req *r);            /* POST /importen/{id}/annuleren */
void import_template_csv(struct req *r);      /* GET  /importeren/sjabloon.csv */
void import_template_xlsx(struct req *r);     /* GET  /importeren/sjabloon.xlsx */

#endif
