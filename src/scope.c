#include "scope.h"

struct scope scope_of(const struct req *r)
{
	if (!r->user) /* nobody logged in: a scope that reaches nothing */
		return (struct scope){0};
	return (struct scope){(enum role)r->user->role, r->user->org_id, r->user->id};
}

struct scope scope_system(void)
{
	return (struct scope){ROLE_ADMIN, 0, 0};
}
