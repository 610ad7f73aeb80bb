#include <string.h>

#include "login.h"
#include "pages.h"

void home_show(struct req *r)
{
	resp_redirect(r, r->user ? login_home_path(r->user->role) : "/login");
}
