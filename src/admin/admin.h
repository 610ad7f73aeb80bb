#ifndef STAGEMATCH_ADMIN_H
#define STAGEMATCH_ADMIN_H
#include "campaigns.h"
#include "http.h"

/* The coordinator's screens under /beheer (role admin only, checked by the router). */

/* src/admin/admin_campaigns.c: "Opleidingen en timing" */
void admin_campaigns_list(struct req *r);     /* GET /beheer/campagnes */
void admin_campaign_new(struct req *r);       /* GET /beheer/campagnes/nieuw?opleiding=CODE */
void admin_campaign_copy(struct req *r);      /* GET /beheer/campagnes/{id}/kopie */
void admin_campaign_create(struct req *r);    /* POST /beheer/campagnes */
void admin_campaign_edit(struct req *r);      /* GET /beheer/campagnes/{id} */
void admin_campaign_save(struct req *r);      /* POST /beheer/campagnes/{id} */
void admin_second_round_show(struct req *r);  /* GET /beheer/campagnes/{id}/tweede-ronde */
void admin_second_round_open(struct req *r);  /* POST /beheer/campagnes/{id}/tweede-ronde */

/* src/admin/admin_orgs.c: "Scholen en diensten" */
void admin_orgs_list(struct req *r);          /* GET /beheer/organisaties */
void admin_school_new(struct req *r);         /* GET /beheer/organisaties/nieuw/school */
void admin_school_create(struct req *r);      /* POST /beheer/organisaties/nieuw/school */
void admin_service_new(struct req *r);        /* GET /beheer/organisaties/nieuw/dienst */
void admin_service_create(struct req *r);     /* POST /beheer/organisaties/nieuw/dienst */
void admin_org_edit(struct req *r);           /* GET /beheer/organisaties/{id} */
void admin_org_save(struct req *r);           /* POST /beheer/organisaties/{id} */
void admin_org_deactivate(struct req *r);     /* POST /beheer/organisaties/{id}/deactiveren */
void admin_org_activate(struct req *r);       /* POST /beheer/organisaties/{id}/activeren */

/* src/admin/admin_dashboard.c: "Voortgang" */
void admin_dashboard(struct req *r);          /* GET /beheer?campagne=ID */
void admin_open_export(struct req *r);        /* GET /beheer/open.csv?campagne=ID */

/* src/admin/admin_audit.c: "Auditlog" */
void admin_audit_list(struct req *r);         /* GET /beheer/audit?... */
void admin_audit_export(struct req *r);       /* GET /beheer/audit.csv?... */

/* src/admin/admin_withdrawals.c: "Intrekken aanvragen" */
void admin_withdrawals_list(struct req *r);   /* GET /beheer/intrekkingen */
void admin_withdrawal_approve(struct req *r); /* POST /beheer/intrekkingen/{id}/goedkeuren */
void admin_withdrawal_refuse(struct req *r);  /* POST /beheer/intrekkingen/{id}/weigeren */

/* src/cli/retention.c: removing the personal data of a closed campaign */
void admin_retention_show(struct req *r);     /* GET /beheer/campagnes/{id}/persoonsgegevens */
void admin_retention_apply(struct req *r);    /* POST /beheer/campagnes/{id}/persoonsgegevens */

/* Shared by the admin screens (src/admin/admin_campaigns.c). */

/* "Registratie open tot 07/10/2026 12:00", ...: where the campaign stands at now. */
const char *admin_campaign_status(struct req *r, const struct campaign *c, long long now);
/* The campaign of the route's {id}. False when there is none (404 sent), or when
 * `editable` and its personal data were removed (409 sent). */
bool admin_campaign_of_route(struct req *r, struct campaign *c, bool editable);
/* The campaign named by ?campagne=, or else the newest one that has started; false when
 * there is none. */
bool admin_campaign_from_query(struct req *r, struct campaign *c);
/* A <select name="campagne"> with every campaign, c selected, inside a GET form to action. */
void admin_campaign_picker(struct req *r, const struct campaign *c, const char *action);

#endif
