#ifndef STAGEMATCH_PAGES_H
#define STAGEMATCH_PAGES_H
#include "http.h"

/* GET /: the start page of the user's role (anonymous: the login page). */
void home_show(struct req *r);
/* The start page of a role: where "/" and a fresh login lead. */
const char *login_home_path(int role);

#endif
