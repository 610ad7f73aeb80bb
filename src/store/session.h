#ifndef STAGEMATCH_SESSION_H
#define STAGEMATCH_SESSION_H
#include "arena.h"
#include "http.h"

#define SESSION_COOKIE "stagematch"

/*
 * Sessions live in the database, keyed by the SHA-256 of a 256-bit random token that
 * only the browser's cookie holds. They end after cfg.idle_minutes without a request,
 * after cfg.absolute_hours in all, at logout, or when the password changes.
 */

/* Sets r->user for a valid session cookie, or r->expired for one that has run out. */
void session_load(struct req *r);
/* Starts a new session for user_id (ending the one the cookie named, if any), sets the
 * cookie and r->user. Returns false on a database error. */
bool session_start(struct req *r, long long user_id);
/* Ends the current session and clears the cookie. */
void session_end(struct req *r);
/* Ends every session of user_id except keep_session_id (0 = all). */
void session_end_all(long long user_id, long long keep_session_id);
/* Ends every session of every user of the organisation (when it is deactivated). */
void session_end_organisation(long long org_id);
/* Loads the user row into a struct user (without session fields); NULL when not active. */
struct user *session_user_by_id(struct req *r, long long user_id);

/* How many sessions were used within the idle time and the absolute lifetime at now. */
long long session_active_count(long long now);
/* Removes the sessions last used before the time before (the cleanup job). */
void session_purge(long long before);

/* A form whose post met an expired session, kept (sealed with a token only the login form
 * holds) until the user logs in again. */
struct saved_form {
	long long id;
	const char *path, *sealed;
};
/* Keeps the user's form under the token's hash. DB_DONE or the error. */
int session_form_keep(long long user_id, const char *token_hash, const char *path, const char *sealed,
                      long long now);
/* The user's form under the token's hash kept after since, copied into a and removed; false
 * when there is none. */
bool session_form_take(long long user_id, const char *token_hash, long long since, struct arena *a,
                       struct saved_form *out);
/* Removes the forms kept before the time before. */
void session_forms_purge(long long before);

#endif
