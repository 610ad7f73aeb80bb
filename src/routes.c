/*
 * The route table: every URL of the application, who may use it, and its handler.
 * The router checks login, role, method and CSRF before a handler runs. The
 * access-control matrix test (tests/e2e/access.test.mjs) has a row for each entry.
 */
#include "router.h"

#include "accounts.h"
#include "admin_users.h"
#include "assets.h"
#include "login.h"
#include "pages.h"

#define ANY ROLE_ANY
#define SCHOOL ROLE_SCHOOL
#define SERVICE ROLE_SERVICE
#define ADMIN ROLE_ADMIN

const struct route routes[] = {
	{"GET", "/", home_show, 0, ROUTE_PUBLIC},
	{"GET", "/assets/*", assets_serve, 0, ROUTE_PUBLIC},
	{"GET", "/login", login_show, 0, ROUTE_PUBLIC},
	{"POST", "/login", login_submit, 0, ROUTE_PUBLIC},
	{"POST", "/logout", logout_submit, ANY, 0},
	{"GET", "/account", account_show, ANY, 0},
	{"POST", "/account", account_submit, ANY, 0},
	{"POST", "/account/wachtwoord", password_submit, ANY, 0},

	/* Account e-mail links: the token is the final segment, kept out of the request log. */
	{"GET", "/activeren/*", activation_show, 0, ROUTE_PUBLIC | ROUTE_SECRET_PATH},
	{"POST", "/activeren/*", activation_submit, 0, ROUTE_PUBLIC | ROUTE_SECRET_PATH},
	{"POST", "/activatiemail", activation_resend, 0, ROUTE_PUBLIC},
	{"GET", "/wachtwoord-vergeten", forgot_show, 0, ROUTE_PUBLIC},
	{"POST", "/wachtwoord-vergeten", forgot_submit, 0, ROUTE_PUBLIC},
	{"GET", "/wachtwoord-herstellen/*", reset_show, 0, ROUTE_PUBLIC | ROUTE_SECRET_PATH},
	{"POST", "/wachtwoord-herstellen/*", reset_submit, 0, ROUTE_PUBLIC | ROUTE_SECRET_PATH},

	{"GET", "/beheer/gebruikers", admin_users_show, ADMIN, 0},
	{"POST", "/beheer/gebruikers", admin_users_invite, ADMIN, 0},
	{"POST", "/beheer/gebruikers/{id}/uitnodiging", admin_users_resend, ADMIN, 0},
	{"POST", "/beheer/gebruikers/{id}/uitschakelen", admin_users_disable, ADMIN, 0},
	{"POST", "/beheer/gebruikers/{id}/inschakelen", admin_users_enable, ADMIN, 0},
	{"GET", "/beheer/e-mail", admin_outbox_show, ADMIN, 0},
	{"POST", "/beheer/e-mail/{id}/opnieuw", admin_outbox_retry, ADMIN, 0},

	/* Screens of later issues: honest "not yet available" pages until they land. */
	{"GET", "/opleidingen/7de-leerjaar", pending_show, SCHOOL, 0},
	{"GET", "/opleidingen/duaal-leren", pending_show, SCHOOL, 0},
	{"GET", "/opleidingen/dubbele-finaliteit", pending_show, SCHOOL, 0},
	{"GET", "/contactpersonen", pending_show, SCHOOL, 0},
	{"GET", "/aanvragen", pending_show, SERVICE, 0},
	{"GET", "/stagiairs", pending_show, SERVICE, 0},
	{"GET", "/beheer", pending_show, ADMIN, 0},
	{"GET", "/beheer/campagnes", pending_show, ADMIN, 0},
	{"GET", "/beheer/organisaties", pending_show, ADMIN, 0},
	{"GET", "/beheer/audit", pending_show, ADMIN, 0},
	{NULL, NULL, NULL, 0, 0},
};
