/*
 * Logging in and out, and the user's own account page. A form posted after the
 * session expired is kept (server side, for its own user only) and finished after the
 * user logs in again, so nothing typed is lost.
 */
#include "login.h"
#include "pages.h"

#include <stdlib.h>
#include <string.h>

#include "account_mail.h"
#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "router.h"
#include "scope.h"
#include "session.h"
#include "user.h"
#include "validate.h"

#define SAVED_FORM_LIFETIME (24 * 3600)

enum signin_field {
	SIGNIN_EMAIL, SIGNIN_PASSWORD, SIGNIN_NEXT, SIGNIN_BEWAARD, SIGNIN__FIELDS,
};
static const struct field login_fields[] = {
	[SIGNIN_EMAIL] = {"email", "E-mail", FIELD_EMAIL, FIELD_REQUIRED, 254, NULL, "username"},
	[SIGNIN_PASSWORD] = {"password", "Wachtwoord", FIELD_PASSWORD, FIELD_REQUIRED, 1024, NULL, "current-password"},
	[SIGNIN_NEXT] = {"next", "", FIELD_HIDDEN, 0, 500, NULL, NULL},
	[SIGNIN_BEWAARD] = {"bewaard", "", FIELD_HIDDEN, 0, 64, NULL, NULL},
};
FORM_TABLE(login_fields, SIGNIN__FIELDS);

/* Only local paths: never redirect to another site after login. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strstr(next, "://"))
		return NULL;
	return next;
}

static void render_login(struct req *r, struct form *f, const char *notice)
{
	page_begin(r, "Inloggen");
	struct buf *out = &r->body;
	html(out, "<div class=\"card narrow\"><h1>Inloggen</h1>");
	if (notice)
		html(out, "<div class=\"alert alert-info\" role=\"status\">%s</div>", notice);
	f->headline = "Aanmelden is niet gelukt.";
	form_begin(out, r, f, "/login");
	form_field(out, f, SIGNIN_EMAIL, NULL);
	form_field(out, f, SIGNIN_PASSWORD, NULL);
	form_field(out, f, SIGNIN_NEXT, NULL);
	form_field(out, f, SIGNIN_BEWAARD, NULL);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Inloggen</button>"
	          "<a href=\"/wachtwoord-vergeten\">Wachtwoord vergeten?</a></div>");
	form_end(out);
	html(out, "<p class=\"muted\">Nog geen account? Je krijgt een uitnodiging per e-mail van de "
	          "coördinator. Open de tool in Chrome, Firefox, Edge of Safari.</p></div>");
	page_end(r);
}

void login_show(struct req *r)
{
	if (r->user) {
		resp_redirect(r, login_home_path(r->user->role));
		return;
	}
	struct form f;
	form_init(&f, r->arena, login_fields, SIGNIN__FIELDS);
	form_set(&f, SIGNIN_NEXT, safe_next(req_query(r, "next")));
	const char *notice = req_query(r, "verlopen")
	                         ? "Je sessie is verlopen omdat je een tijd niets deed. Meld je opnieuw aan."
	                         : req_query(r, "afgemeld") ? "Je bent afgemeld." : NULL;
	render_login(r, &f, notice);
}

void login_page_for_saved_form(struct req *r)
{
	struct buf body = {0};
	for (size_t i = 0; i < r->form.count; i++) {
		if (strcmp(r->form.items[i].name, "csrf") == 0)
			continue;
		if (body.len)
			buf_putc(&body, '&');
		url_encode_into(&body, r->form.items[i].name);
		buf_putc(&body, '=');
		url_encode_into(&body, r->form.items[i].value);
	}
	char token[TOKEN_LEN], hash[TOKEN_HASH_LEN];
	token_new(token);
	token_hash(token, hash);
	long long now = clock_now();
	/* Sealed with the token, which only the login form in the browser holds: the kept form
	 * (a pupil's national number, say) cannot be read from the database. */
	char *sealed = token_seal(token, body.data ? body.data : "", body.len);
	buf_free(&body);
	session_forms_purge(now - SAVED_FORM_LIFETIME);
	int rc = sealed ? session_form_keep(r->expired->user_id, hash, r->path, sealed, now) : DB_ERROR;
	free(sealed);
	struct form f;
	form_init(&f, r->arena, login_fields, SIGNIN__FIELDS);
	if (rc == DB_DONE)
		form_set(&f, SIGNIN_BEWAARD, token);
	r->status = 401;
	render_login(r, &f,
	             "Je sessie is verlopen terwijl je aan het werk was. Meld je opnieuw aan: wat je "
	             "invulde, is bewaard en wordt daarna verder verwerkt.");
}

/* After a successful login: finish the form that was kept, if it is this user's. */
static bool resume_saved_form(struct req *r, const char *token)
{
	if (!token || strlen(token) != TOKEN_LEN - 1)
		return false;
	char hash[TOKEN_HASH_LEN];
	token_hash(token, hash);
	struct saved_form saved;
	if (!session_form_take(r->user->id, hash, clock_now() - SAVED_FORM_LIFETIME, r->arena, &saved))
		return false;
	const char *path = saved.path;
	size_t len = 0;
	char *opened = token_open(token, saved.sealed, &len);
	if (!opened)
		return false;
	const char *body = arena_strndup(r->arena, opened, len);
	sodium_memzero(opened, len);
	free(opened);
	struct params form = {0};
	if (params_parse_urlencoded(r->arena, &form, body, len) != PARAMS_OK)
		return false;
	r->form = form;
	params_add(r->arena, &r->form, "csrf", r->user->csrf, strlen(r->user->csrf));
	return router_replay_post(r, path);
}

void login_submit(struct req *r)
{
	struct form f;
	form_init(&f, r->arena, login_fields, SIGNIN__FIELDS);
	form_read(&f, r);
	char email[255] = "";
	if (form_ok(&f) && validate_email(form_value(&f, SIGNIN_EMAIL), email, sizeof email))
		form_error(&f, SIGNIN_EMAIL, "Geef je e-mailadres in, bv. naam@school.be.");
	if (!form_ok(&f)) {
		render_login(r, &f, NULL);
		return;
	}
	form_set(&f, SIGNIN_EMAIL, email);
	long long user_id = 0;
	enum login_result res = auth_login(email, form_value(&f, SIGNIN_PASSWORD), r->ip, &user_id);
	switch (res) {
	case LOGIN_OK:
		break;
	case LOGIN_NOT_ACTIVATED:
		/* Counted and audited as a failed login, as costly as a wrong password. */
		audit_user(r, user_id, "login_failed", "nog niet geactiveerd");
		activation_question(r, email);
		return;
	case LOGIN_THROTTLED:
		audit_user(r, 0, "login_failed", "throttled");
		r->status = 429;
		f.summary = "Te veel mislukte pogingen. Wacht 15 minuten en probeer opnieuw, of gebruik "
		            "'Wachtwoord vergeten?'.";
		render_login(r, &f, NULL);
		return;
	case LOGIN_BUSY:
		r->status = 503;
		resp_header(r, "Retry-After", "60");
		f.summary = AUTH_BUSY_MESSAGE;
		render_login(r, &f, NULL);
		return;
	case LOGIN_WRONG:
		audit_user(r, user_id, "login_failed", NULL);
		r->status = 401;
		f.summary = "Het e-mailadres of het wachtwoord klopt niet. Probeer opnieuw, of klik op "
		            "'Wachtwoord vergeten?'.";
		render_login(r, &f, NULL);
		return;
	}
	if (!session_start(r, user_id)) {
		resp_error(r, 500, NULL);
		return;
	}
	audit(r, "login", 0, NULL);
	if (resume_saved_form(r, form_value(&f, SIGNIN_BEWAARD)))
		return;
	const char *next = safe_next(form_value(&f, SIGNIN_NEXT));
	resp_redirect(r, next && strcmp(next, "/") != 0 ? next : login_home_path(r->user->role));
}

void logout_submit(struct req *r)
{
	audit(r, "logout", 0, NULL);
	session_end(r);
	resp_redirect(r, "/login?afgemeld=1");
}

/* --- Mijn account ----------------------------------------------------------------- */

enum account_field {
	ACCOUNT_NAME, ACCOUNT__FIELDS,
};
static const struct field account_fields[] = {
	[ACCOUNT_NAME] = {"name", "Naam", FIELD_TEXT, FIELD_REQUIRED | FIELD_NAME, 100,
	 "Zo zien collega's en de coördinator je.", "name"},
};
FORM_TABLE(account_fields, ACCOUNT__FIELDS);
enum password_field {
	NEWPW_CURRENT, NEWPW_NEW, NEWPW__FIELDS,
};
static const struct field password_fields[] = {
	[NEWPW_CURRENT] = {"current", "Huidig wachtwoord", FIELD_PASSWORD, FIELD_REQUIRED, 1024, NULL, "current-password"},
	[NEWPW_NEW] = {"new", "Nieuw wachtwoord", FIELD_PASSWORD, FIELD_REQUIRED, 1024,
	 "Minstens 12 tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden.", "new-password"},
};
FORM_TABLE(password_fields, NEWPW__FIELDS);

static void render_account(struct req *r, struct form *name_form, struct form *pw_form)
{
	page_begin(r, "Mijn account");
	struct buf *out = &r->body;
	html(out, "<h1>Mijn account</h1><p class=\"lead\">%s — %s</p>", r->user->email, r->user->org_name);
	html(out, "<section class=\"card\"><h2>Gegevens</h2>");
	form_begin(out, r, name_form, "/account");
	form_field(out, name_form, ACCOUNT_NAME, NULL);
	html(out, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">Opslaan</button></div>");
	form_end(out);
	html(out, "</section><section class=\"card\"><h2>Wachtwoord wijzigen</h2>");
	form_begin(out, r, pw_form, "/account/wachtwoord");
	form_field(out, pw_form, NEWPW_CURRENT, NULL);
	form_field(out, pw_form, NEWPW_NEW, NULL);
	html(out, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">Wachtwoord "
	          "wijzigen</button></div>");
	form_end(out);
	html(out, "</section>");
	page_end(r);
}

void account_show(struct req *r)
{
	struct form nf, pf;
	form_init(&nf, r->arena, account_fields, ACCOUNT__FIELDS);
	form_init(&pf, r->arena, password_fields, NEWPW__FIELDS);
	form_set(&nf, ACCOUNT_NAME, r->user->name);
	render_account(r, &nf, &pf);
}

struct name_change {
	struct req *r;
	const char *name;
};

static int change_name(void *ctx)
{
	struct name_change *c = ctx;
	struct scope self = scope_of(c->r);
	int rc = user_set_name(&self, c->name);
	if (rc != DB_DONE)
		return rc;
	return audit(c->r, "account_update", 0, "name") ? DB_DONE : DB_ERROR;
}

void account_submit(struct req *r)
{
	struct form nf, pf;
	form_init(&nf, r->arena, account_fields, ACCOUNT__FIELDS);
	form_init(&pf, r->arena, password_fields, NEWPW__FIELDS);
	form_read(&nf, r);
	if (!form_ok(&nf)) {
		render_account(r, &nf, &pf);
		return;
	}
	struct name_change change = {r, form_value(&nf, ACCOUNT_NAME)};
	if (db_tx(change_name, &change) != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, "Je gegevens zijn bewaard.");
	resp_redirect(r, "/account");
}

struct password_change {
	struct req *r;
	const char *hash;
};

/* Every open reset or activation link dies with the old password, and every other session. */
static int change_password(void *ctx)
{
	struct password_change *c = ctx;
	struct req *r = c->r;
	struct scope self = scope_of(r);
	int rc = user_set_password(&self, c->hash);
	if (rc != DB_DONE)
		return rc;
	if (account_links_void(r->user->id) != 0)
		return DB_ERROR;
	session_end_all(r->user->id, r->user->session_id);
	audit(r, "password_change", 0, NULL);
	return account_send_password_changed(r->user->id) == 0 ? DB_DONE : DB_ERROR;
}

void password_submit(struct req *r)
{
	struct form nf, pf;
	form_init(&nf, r->arena, account_fields, ACCOUNT__FIELDS);
	form_init(&pf, r->arena, password_fields, NEWPW__FIELDS);
	form_set(&nf, ACCOUNT_NAME, r->user->name);
	form_read(&pf, r);
	const char *problem = form_ok(&pf) ? auth_password_problem(form_value(&pf, NEWPW_NEW)) : NULL;
	if (problem)
		form_error(&pf, NEWPW_NEW, problem);
	long long id = 0;
	if (form_ok(&pf) && auth_login(r->user->email, form_value(&pf, NEWPW_CURRENT), r->ip, &id) != LOGIN_OK)
		form_error(&pf, NEWPW_CURRENT, "Dit is niet je huidige wachtwoord.");
	char hash[PASSWORD_HASH_LEN];
	if (form_ok(&pf) && !auth_hash_password(form_value(&pf, NEWPW_NEW), hash))
		pf.summary = "Het is even erg druk. Probeer het over enkele seconden opnieuw.";
	if (!form_ok(&pf)) {
		render_account(r, &nf, &pf);
		return;
	}
	struct password_change change = {r, hash};
	if (db_tx(change_password, &change) != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, "Je wachtwoord is gewijzigd. Andere aanmeldingen met je account zijn beëindigd.");
	resp_redirect(r, "/account");
}
