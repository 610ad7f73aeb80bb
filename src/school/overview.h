#ifndef STAGEMATCH_OVERVIEW_H
#define STAGEMATCH_OVERVIEW_H
#include "http.h"

/*
 * The school's overview of a programme ("Overzicht studenten", manual section 5) and
 * its exports (section 6). {code} is a programme code of programme_defs; the school's
 * pupils in that programme's newest campaign, filtered by the GET parameters.
 */
void overview_show(struct req *r);          /* GET /opleidingen/{code} */
void overview_export_csv(struct req *r);    /* GET /opleidingen/{code}/export.csv */
void overview_export_xlsx(struct req *r);   /* GET /opleidingen/{code}/export.xlsx */

#endif
