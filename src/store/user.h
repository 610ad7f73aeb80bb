#ifndef STAGEMATCH_USER_H
#define STAGEMATCH_USER_H
/*
 * The user module: the accounts of the people who log in (table users), as the screens
 * list and manage them. Reach: the coordinator's scope sees and manages every user; a
 * school's or service's scope sees the users of its own organisation only and manages
 * none. A user outside the scope is "not found".
 */
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "scope.h"

struct user_row {
	long long id;
	long long org_id;
	const char *org_name, *org_kind;  /* organisations.kind: "coordinator", "school", "service" */
	const char *name;                 /* "" until the user gives one */
	const char *email;
	const char *state;                /* "invited", "active", "disabled" */
	long long last_login_at;          /* 0: never */
	long long invitation_expires_at;  /* the newest unused activation link; 0: none */
	bool org_active;
};

/* The users within the scope whose e-mail, name or organisation contains search ("" for
 * all), per organisation (coordination, schools, services), in a. Never NULL. */
struct user_row *user_list(const struct scope *s, const char *search, struct arena *a, size_t *count);
/* The user with this id within the scope (a user's own account is always within it),
 * copied into a; false when not found. */
bool user_get(const struct scope *s, long long id, struct arena *a, struct user_row *out);
/* Disables an account (not yet disabled) or enables a disabled one (back to "active", or
 * "invited" when never activated): the coordinator's scope only. DB_DONE or DB_ERROR. */
int user_disable(const struct scope *s, long long id);
int user_enable(const struct scope *s, long long id);

/* A user's own account: the scope's user_id (a logged-in user's scope, or the scope
 * {.user_id = id} of the user a valid e-mail link was sent to). DB_DONE, or DB_ERROR also
 * when the account is not in the state the change needs. */
int user_set_name(const struct scope *s, const char *name);
/* Any state but disabled; ends no session (the caller does). */
int user_set_password(const struct scope *s, const char *password_hash);
/* An invited account becomes active with its name and password. */
int user_activate(const struct scope *s, const char *password_hash, const char *name);
/* An active account's new password (a reset link). */
int user_reset_password(const struct scope *s, const char *password_hash);

/* Creation, by the coordinator's screens, the command line and the demo data (the callers
 * check who may): email is normalised here (trimmed, lower-cased, checked by validate_email),
 * so an address is unique whatever its case. password_hash NULL for an invited user. Call
 * inside a transaction. The new id, or 0 (also when the address is invalid or taken). */
long long user_create(long long org_id, const char *email, const char *name, const char *password_hash);
/* The id of the user with this e-mail address (any case, surrounding spaces), or 0. */
long long user_id_by_email(const char *email);

/* What a login checks, by e-mail address (before any scope exists). */
struct user_login {
	long long id;                     /* 0: no such user */
	long long org_id;
	const char *password_hash;        /* "" until activated */
	const char *state;
	bool org_active;
};
bool user_login_get(const char *email, struct arena *a, struct user_login *out);
/* The organisation of the user with this id, for the audit line of a request made on that
 * user's behalf before any scope exists (an e-mail link, a failed login); 0 when unknown. */
long long user_org_id(long long id);
/* Whether the database has any user at all (the demo fills only an empty one; an error
 * counts as yes). */
bool user_any(void);
/* Whether the account with exactly this address is active. */
bool user_active(const char *email);
/* The e-mail addresses of the active users of organisation org_id within the scope (the
 * coordinator's and the system's: any), oldest account first, in a. Never NULL. */
const char **user_active_emails(const struct scope *s, long long org_id, struct arena *a, size_t *count);
/* The active users of new_user_id's organisation but that user, for the system's notice
 * of a new colleague: up to max ids into ids, *count their number. DB_DONE or DB_ERROR. */
int user_colleagues(long long new_user_id, long long *ids, size_t max, size_t *count);
/* Replaces the password hash by a stronger one, unless the password changed meanwhile. */
int user_rehash(long long id, const char *old_hash, const char *new_hash);

/* How many users (in every state) the scope reaches. */
long long user_count(const struct scope *s);

#endif
