#ifndef STAGEMATCH_ADMIN_REMINDERS_H
#define STAGEMATCH_ADMIN_REMINDERS_H
#include "http.h"

/* src/admin/admin_reminders.c: "Herinneringen" of a campaign, which reminders (src/mail/reminders.h) go. */
void admin_reminders_show(struct req *r);     /* GET /beheer/campagnes/{id}/herinneringen */
void admin_reminders_save(struct req *r);     /* POST /beheer/campagnes/{id}/herinneringen */

#endif
