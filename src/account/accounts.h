#ifndef STAGEMATCH_ACCOUNTS_H
#define STAGEMATCH_ACCOUNTS_H
#include "http.h"

/*
 * The public account pages behind the e-mail links: activating an invited account,
 * asking for a new activation mail, "Wachtwoord vergeten?" and choosing a new password.
 */
void activation_show(struct req *r);    /* GET /activeren/<token> */
void activation_submit(struct req *r);  /* POST /activeren/<token> */
void activation_resend(struct req *r);  /* POST /activatiemail (email or link) */
void forgot_show(struct req *r);        /* GET /wachtwoord-vergeten */
void forgot_submit(struct req *r);      /* POST /wachtwoord-vergeten */
void reset_show(struct req *r);         /* GET /wachtwoord-herstellen/<token> */
void reset_submit(struct req *r);       /* POST /wachtwoord-herstellen/<token> */

/* The login's answer for an account that is not activated yet (any password): the
 * manual's question whether the activation mail must be sent again, with "OK". */
void activation_question(struct req *r, const char *email);

#endif
