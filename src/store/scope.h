#ifndef STAGEMATCH_SCOPE_H
#define STAGEMATCH_SCOPE_H
/* Who is asking: every data module's read and write takes this first, so scoping holds by
 * construction. role is the session's role; org_id is the user's school or service (0 for the
 * coordinator); user_id the user. */
#include "http.h" /* enum role lives there, not in session.h */
struct req;
struct scope {
	enum role role;
	long long org_id;
	long long user_id;
};
struct scope scope_of(const struct req *r);
/* The scope of the command line and the background jobs: the coordinator's reach, no user. */
struct scope scope_system(void);
#endif
