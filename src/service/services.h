#ifndef STAGEMATCH_SERVICES_H
#define STAGEMATCH_SERVICES_H
#include <stdbool.h>

#include "campaigns.h"
#include "form.h"
#include "http.h"
#include "pupils.h"
#include "placements_store.h"

/*
 * The care services' side: the requests of their campaigns (src/service/requests.c) and the
 * pupils they accepted (src/service/placements.c). Every query is scoped by the service
 * (r->user->org_id). A pupil's national number, street, phone and e-mail are selected
 * only in queries joined to a placement of this service.
 */

/* src/service/requests.c */
void requests_list(struct req *r);       /* GET /aanvragen */
void request_show(struct req *r);        /* GET /aanvragen/{id} */

/* src/service/placements.c */
void request_accept(struct req *r);      /* POST /aanvragen/{id}/aanvaarden */
void interns_list(struct req *r);        /* GET /stagiairs */
void intern_show(struct req *r);         /* GET /stagiairs/{id} */
void intern_update(struct req *r);       /* POST /stagiairs/{id} */
void intern_withdraw(struct req *r);     /* POST /stagiairs/{id}/intrekken */
void interns_export_csv(struct req *r);  /* GET /stagiairs/export.csv */
void interns_export_xlsx(struct req *r); /* GET /stagiairs/export.xlsx */

/* The request's facts as a definition list: residence, transport, format, periods, hours,
 * remarks, preference (marked when it is service_id), school and its contact person. */
void request_facts(struct buf *out, const struct pupil_for_service *q, long long service_id);
/* "Fiets, Openbaar vervoer" for a bit set of enum transport (escaped). */
void transport_list(struct buf *out, int bits);
/* The periods as "dd/mm/yyyy – dd/mm/yyyy" lines (escaped). */
void period_list(struct buf *out, int count, const char start[][11], const char end[][11]);

/*
 * The request detail page for student_id as this service sees it (never with private
 * fields), with the acceptance form f (NULL: a fresh one with the requested periods) and
 * an optional problem shown above it. Answers 404 when the request is not visible to
 * the service. Used by request_show and by request_accept to show its errors.
 */
void request_page(struct req *r, long long student_id, struct form *f, const char *problem);

/* One sentence on the handling window of c at now: open until, opens on, closed since. */
const char *handling_notice(struct req *r, const struct campaign *c, long long now);

#endif
