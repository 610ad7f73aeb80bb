#include <string.h>

#include "login.h"
#include "pages.h"

const char *login_home_path(int role)
{
	switch (role) {
	case ROLE_ADMIN: return "/beheer";
	case ROLE_SCHOOL: return "/opleidingen/dubbele-finaliteit";
	default: return "/aanvragen";
	}
}

void home_show(struct req *r)
{
	resp_redirect(r, r->user ? login_home_path(r->user->role) : "/login");
}
