#ifndef STAGEMATCH_SESSION_H
#define STAGEMATCH_SESSION_H
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

#endif
