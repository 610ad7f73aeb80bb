#ifndef STAGEMATCH_ADMIN_USERS_H
#define STAGEMATCH_ADMIN_USERS_H
#include "http.h"

/* Beheer > Gebruikers (src/admin/admin_users.c). */
void admin_users_show(struct req *r);    /* GET /beheer/gebruikers[?zoek=] */
void admin_users_invite(struct req *r);  /* POST /beheer/gebruikers */
void admin_users_resend(struct req *r);  /* POST /beheer/gebruikers/{id}/uitnodiging */
void admin_users_disable(struct req *r); /* POST /beheer/gebruikers/{id}/uitschakelen */
void admin_users_enable(struct req *r);  /* POST /beheer/gebruikers/{id}/inschakelen */

/* Beheer > Uitgaande e-mail (src/admin/admin_outbox.c). */
void admin_outbox_show(struct req *r);   /* GET /beheer/e-mail[?pagina=N] */
void admin_outbox_retry(struct req *r);  /* POST /beheer/e-mail/{id}/opnieuw */

#endif
