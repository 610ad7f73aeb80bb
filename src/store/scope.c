#include "scope.h"

struct scope scope_of(const struct req *r)
{
	/* No user: a scope that reaches nothing (role 0 matches no module's rule). */
	if (!r || !r->user)
		return (struct scope){ .role = 0, .org_id = -1, .user_id = 0 };
	struct scope s = { .role = (enum role)r->user->role, .org_id = r->user->org_id,
	                   .user_id = r->user->id };
	if (s.role == ROLE_ADMIN)
		s.org_id = 0;
	return s;
}

struct scope scope_system(void)
{
	return (struct scope){ .role = ROLE_ADMIN, .org_id = 0, .user_id = 0 };
}
