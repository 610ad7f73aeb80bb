#ifndef STAGEMATCH_STUDENT_RESUME_H
#define STAGEMATCH_STUDENT_RESUME_H
/*
 * "Toch niet gestopt": undoing "Student is gestopt" (src/school/student_resume.c). The school may
 * while the campaign's registration is open; the coordinator at any time, from the stopped
 * pupils of a campaign. Audited ("student_resume"); the service that had accepted the
 * pupil is told by mail.
 */
#include "buf.h"
#include "http.h"
#include "pupils.h"

void student_resume_confirm(struct req *r);     /* GET  /studenten/{id}/hervatten (school) */
void student_resume(struct req *r);             /* POST /studenten/{id}/hervatten (school) */
void admin_stopped_list(struct req *r);         /* GET  /beheer/campagnes/{id}/gestopt */
void admin_student_resume(struct req *r);       /* POST /beheer/studenten/{id}/hervatten */

/* The school's "Toch niet gestopt" button on the page of a stopped pupil, while it may. */
void student_resume_button(struct buf *out, const struct pupil *p);

#endif
