#ifndef STAGEMATCH_ACCOUNT_MAIL_H
#define STAGEMATCH_ACCOUNT_MAIL_H
#include <stdbool.h>

/*
 * Account e-mails and their single-use links (activation, password reset), for the web
 * screens and the command line alike. A link holds a 256-bit token; the database keeps
 * only its hash (table tokens). Issuing a link voids the user's earlier open links of
 * the same purpose. Every function runs inside the caller's transaction and queues its
 * mail in the outbox, so a change and its mail are committed together. Links start
 * with cfg.base_url; activation links last cfg.activation_days.
 */
enum link_purpose { LINK_ACTIVATION, LINK_RESET };
enum link_state {
	LINK_VALID,
	LINK_EXPIRED,
	LINK_USED,        /* used, or replaced by a newer link */
	LINK_UNKNOWN,     /* no such link, or its account is disabled */
};

#define RESET_LINK_SECONDS 3600

enum invite_result { INVITE_OK, INVITE_EMAIL_INVALID, INVITE_EMAIL_TAKEN, INVITE_ORG_UNKNOWN, INVITE_ERROR };
/* Creates an invited user of organisation org_id (email as typed: it is normalised),
 * queues the invitation and tells the organisation's active users that added_by (a name
 * as it reads in "toegevoegd door ...") added someone. Sets *user_id on INVITE_OK. */
enum invite_result account_invite(long long org_id, const char *email, const char *name, const char *added_by,
                                  long long *user_id);

/* A new activation link and the invitation mail, for an invited user. 0 or -1. */
int account_send_invitation(long long user_id);
/* A new reset link (valid one hour) and its mail. 0 or -1. */
int account_send_reset(long long user_id);
/* The notice that the password changed. 0 or -1. */
int account_send_password_changed(long long user_id);

/* Whether a self-service mail (new activation link, reset link) may go to this address
 * now: at most one per address per 5 minutes and 20 per IP address per hour. Counts
 * the mail when it may. Call inside the transaction that queues it. */
bool account_mail_allowed(const char *email, const char *ip);

/* A self-service mail asked for an address typed by anyone (LINK_RESET: "Wachtwoord
 * vergeten?", LINK_ACTIVATION: the login's "activatiemail opnieuw"): counted against
 * account_mail_allowed and recorded, the same work whether the address has an account or
 * not. Call inside a transaction. 0 or -1. */
int account_mail_request(const char *email, const char *ip, enum link_purpose purpose);
/* The job: sends what helps for each recorded request (a reset link to an active account,
 * a new activation link to an invited one, nothing otherwise) and forgets it. */
void account_mail_requests_run(void);

/* What the link with this token is. Sets *user_id unless unknown, *token_id when valid. */
enum link_state account_link_check(const char *token, enum link_purpose purpose, long long *user_id,
                                   long long *token_id);
/* Marks a valid link used and voids the user's other open links of that purpose.
 * Returns 0, or -1 when it was used meanwhile or on a database error. */
int account_link_use(long long token_id, long long user_id, enum link_purpose purpose);
/* Voids every open link of the user (account disabled, password changed or reset). */
int account_links_void(long long user_id);
/* Voids the link carried by this outbox mail (it failed for good). 0 or -1. */
int account_links_void_for_mail(long long outbox_id);

/* Retrying a failed mail that carried a link: a new link in a new mail replaces it (the old
 * link is void). REISSUE_NO_LINK: an ordinary mail, retry it as it is. */
enum reissue_result { REISSUE_DONE, REISSUE_NO_LINK, REISSUE_NOT_NEEDED, REISSUE_ERROR };
enum reissue_result account_mail_reissue(long long outbox_id);

/* Removes the links that expired before the time before (the cleanup job). */
void account_links_purge(long long before);

#endif
