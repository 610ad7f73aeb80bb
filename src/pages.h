#ifndef STAGEMATCH_PAGES_H
#define STAGEMATCH_PAGES_H
#include "http.h"

/* GET /: the start page of the user's role (anonymous: the login page). */
void home_show(struct req *r);
/* GET /healthz-style liveness for the shell is in ops; this is the honest placeholder for
 * a menu entry whose screen is not built yet: it says so and where to go instead. */
void pending_show(struct req *r);

#endif
