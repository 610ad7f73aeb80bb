#ifndef STAGEMATCH_LOGIN_H
#define STAGEMATCH_LOGIN_H
#include "http.h"

void login_show(struct req *r);      /* GET /login */
void login_submit(struct req *r);    /* POST /login */
void logout_submit(struct req *r);   /* POST /logout */
void account_show(struct req *r);    /* GET /account */
void account_submit(struct req *r);  /* POST /account */
void password_submit(struct req *r); /* POST /account/wachtwoord */

/* Keeps a form posted after the session expired and shows the login page for it. */
void login_page_for_saved_form(struct req *r);

/* Where a user of this role starts. */

#endif
