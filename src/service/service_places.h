#ifndef STAGEMATCH_SERVICE_PLACES_H
#define STAGEMATCH_SERVICE_PLACES_H
#include "http.h"

/*
 * "Stageplaatsen": a service states its number of places per campaign; the coordinator
 * sees them on the service's page in "Scholen en diensten" and overrides them. The data
 * are in src/store/places.c.
 */
void service_places_page(struct req *r);   /* GET /stageplaatsen */
void service_places_save(struct req *r);   /* POST /stageplaatsen */
void admin_places_page(struct req *r);     /* GET /beheer/organisaties/{id}/stageplaatsen */
void admin_places_save(struct req *r);     /* POST /beheer/organisaties/{id}/stageplaatsen */

/* The coordinator's overview of service_id's places, on its page in "Scholen en diensten". */
void places_admin_section(struct req *r, long long service_id);
/* " Dubbele finaliteit 2026-2027: 7 van 12 plaatsen ingevuld." per campaign that concerns
 * the signed-in service now, as sentences inside the caller's paragraph (its request list,
 * "Mijn stagiairs"). */
void places_filled_lines(struct req *r);
/* Why the signed-in service cannot accept another pupil of campaign_id: all places filled. */
const char *places_full_message(struct req *r, long long campaign_id);

#endif
