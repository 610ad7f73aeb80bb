/*
 * Account pages reached from e-mail: activation, a new activation mail, password
 * forgotten and reset. None needs a login; the token in the link is the proof. Answers
 * about mail never tell whether an address has an account (except the manual's
 * activation question, which the login already implies), and every mail is throttled.
 */
#include "accounts.h"

#include <string.h>

#include "account_mail.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "form.h"
#include "html.h"
#include "layout.h"
#include "pages.h"
#include "orgs.h"
#include "scope.h"
#include "session.h"
#include "user.h"
#include "validate.h"

#define ACTIVATE_PREFIX "/activeren/"
#define RESET_PREFIX "/wachtwoord-herstellen/"

static const char BUSY[] = "Het is even erg druk. Probeer het over enkele seconden opnieuw.";

/* Activation asks a name and a password; the reset only the password (the name omitted). */
enum password_field { PW_NAME, PW_PASSWORD, PW_REPEAT, PW__FIELDS };
static const struct field password_fields[] = {
	[PW_NAME] = {"name", "Naam", FIELD_TEXT, FIELD_REQUIRED | FIELD_NAME, 100,
	 "Zo zien collega's en de coördinator je.", "name"},
	[PW_PASSWORD] = {"password", "Kies een wachtwoord", FIELD_PASSWORD, FIELD_REQUIRED, 1024,
	 "Minstens 12 tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden.", "new-password"},
	[PW_REPEAT] = {"repeat", "Herhaal het wachtwoord", FIELD_PASSWORD, FIELD_REQUIRED, 1024, NULL, "new-password"},
};
FORM_TABLE(password_fields, PW__FIELDS);

enum forgot_field { FORGOT_EMAIL, FORGOT__FIELDS };
static const struct field forgot_fields[] = {
	[FORGOT_EMAIL] = {"email", "E-mail", FIELD_EMAIL, FIELD_REQUIRED, 254, "Het e-mailadres waarmee je je aanmeldt.",
	 "username"},
};

struct account {
	const char *email, *name, *org, *state;
	bool org_active;
};

/* The account an e-mail link was sent to: within the scope of that user. */
static bool account_load(struct req *r, long long user_id, struct account *a)
{
	struct scope s = {.user_id = user_id};
	struct user_row u;
	if (!user_get(&s, user_id, r->arena, &u))
		return false;
	*a = (struct account){u.email, u.name, u.org_name, u.state, u.org_active};
	return true;
}

/* The token at the end of the path (the route's final "*"). */
static const char *path_token(struct req *r, const char *prefix)
{
	return r->path + strlen(prefix);
}

/* Reads the password pair; on success hashes it into hash. Messages go next to the fields. */
static bool read_new_password(struct form *f, char hash[PASSWORD_HASH_LEN])
{
	const char *password = form_value(f, PW_PASSWORD);
	const char *problem = form_error_of(f, PW_PASSWORD) ? NULL : auth_password_problem(password);
	if (problem)
		form_error(f, PW_PASSWORD, problem);
	else if (!form_error_of(f, PW_PASSWORD) && !form_error_of(f, PW_REPEAT) &&
	         strcmp(password, form_value(f, PW_REPEAT)) != 0)
		form_error(f, PW_REPEAT, "Dit is niet hetzelfde wachtwoord. Typ het wachtwoord twee keer hetzelfde.");
	if (form_ok(f) && !auth_hash_password(password, hash))
		f->summary = BUSY;
	return form_ok(f);
}

static void card_begin(struct req *r, const char *title)
{
	page_begin(r, title);
	html(&r->body, "<div class=\"card narrow\"><h1>%s</h1>", title);
}

static void card_end(struct req *r)
{
	html(&r->body, "</div>");
	page_end(r);
}

/* The account the form is for, shown and offered to password managers as the username. */
static void account_line(struct buf *out, const struct account *a)
{
	html(out, "<div class=\"field\"><label for=\"f-account\">E-mail</label>"
	          "<input id=\"f-account\" type=\"email\" value=\"%s\" readonly autocomplete=\"username\"></div>",
	     a->email);
}

/* A small form with one button that asks for a new activation mail. */
static void new_mail_button(struct req *r, const char *field, const char *value, const char *label,
                            const char *back)
{
	struct buf *out = &r->body;
	form_begin(out, r, NULL, "/activatiemail");
	html(out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", field, value);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">%s</button>"
	          "<a href=\"/login\">%s</a></div>",
	     label, back);
	form_end(out);
}

/* An e-mail link's page: its token, what it is for, whose account, and its form. */
struct link_page {
	enum link_purpose purpose;
	const char *token;
	long long user_id, token_id;
	struct account account;
	struct form form;
};

static void activation_link_problem(struct req *r, enum link_state st, const struct link_page *lp)
{
	struct account a = {0};
	bool invited = st != LINK_UNKNOWN && account_load(r, lp->user_id, &a) && strcmp(a.state, "invited") == 0;
	struct buf *out = &r->body;
	if (st == LINK_EXPIRED) {
		card_begin(r, "Activatielink verlopen");
		html(out, "<p>Deze activatielink is verlopen. Vraag een nieuwe activatiemail aan: de link daarin "
		          "is opnieuw %d dagen geldig.</p>",
		     cfg.activation_days);
		new_mail_button(r, "link", lp->token, "Stuur een nieuwe activatiemail", "Naar aanmelden");
	} else if (st == LINK_USED && invited) {
		card_begin(r, "Activatielink vervangen");
		html(out, "<p>Deze activatielink werkt niet meer: er is intussen een nieuwere activatiemail "
		          "verstuurd. Alleen de link in de nieuwste mail werkt. Vind je die niet? Vraag een "
		          "nieuwe aan.</p>");
		new_mail_button(r, "link", lp->token, "Stuur een nieuwe activatiemail", "Naar aanmelden");
	} else if (st == LINK_USED) {
		card_begin(r, "Account al geactiveerd");
		html(out, "<p>Deze activatielink is al gebruikt: je account is actief. Meld je aan met je "
		          "e-mailadres en je wachtwoord.</p><p class=\"actions\"><a class=\"btn btn-primary\" "
		          "href=\"/login\">Aanmelden</a><a href=\"/wachtwoord-vergeten\">Wachtwoord vergeten?</a></p>");
	} else {
		card_begin(r, "Link niet geldig");
		html(out, "<p>Deze activatielink is niet geldig. Kopieer de volledige link uit de e-mail in de "
		          "adresbalk, of vraag de coördinator om een nieuwe uitnodiging.</p><p><a class=\"btn\" "
		          "href=\"/login\">Naar aanmelden</a></p>");
	}
	card_end(r);
}

static void reset_link_problem(struct req *r, enum link_state st)
{
	struct buf *out = &r->body;
	if (st == LINK_EXPIRED) {
		card_begin(r, "Link verlopen");
		html(out, "<p>Deze link om een nieuw wachtwoord te kiezen is verlopen: hij is 1 uur geldig. Vraag "
		          "een nieuwe link aan.</p>");
	} else if (st == LINK_USED) {
		card_begin(r, "Link al gebruikt");
		html(out, "<p>Deze link is al gebruikt, of er is intussen een nieuwere verstuurd. Alleen de link "
		          "in de nieuwste mail werkt, en maar één keer.</p>");
	} else {
		card_begin(r, "Link niet geldig");
		html(out, "<p>Deze link om een nieuw wachtwoord te kiezen is niet geldig. Kopieer de volledige "
		          "link uit de e-mail in de adresbalk, of vraag een nieuwe aan.</p>");
	}
	html(out, "<p class=\"actions\"><a class=\"btn btn-primary\" href=\"/wachtwoord-vergeten\">Vraag een "
	          "nieuwe link aan</a><a href=\"/login\">Naar aanmelden</a></p>");
	card_end(r);
}

/* The page for a link that cannot be used: 404 when unknown, 410 when expired or used. */
static void link_problem(struct req *r, enum link_state st, const struct link_page *lp)
{
	r->status = st == LINK_UNKNOWN ? 404 : 410;
	if (lp->purpose == LINK_ACTIVATION)
		activation_link_problem(r, st, lp);
	else
		reset_link_problem(r, st);
}

/* The link's form: activation asks a name and a password, a reset only the password. */
static void link_render(struct req *r, struct link_page *lp)
{
	bool activation = lp->purpose == LINK_ACTIVATION;
	card_begin(r, activation ? "Account activeren" : "Nieuw wachtwoord kiezen");
	struct buf *out = &r->body;
	if (activation)
		html(out, "<p>Welkom bij stagematch, voor <strong>%s</strong>. Kies een wachtwoord om je account "
		          "te activeren.</p>",
		     lp->account.org);
	else
		html(out, "<p>Kies een nieuw wachtwoord. Daarna worden alle aanmeldingen met je account beëindigd "
		          "en meld je je opnieuw aan.</p>");
	form_begin(out, r, &lp->form, r->path);
	account_line(out, &lp->account);
	if (activation)
		form_field(out, &lp->form, PW_NAME, NULL);
	form_field(out, &lp->form, PW_PASSWORD, NULL);
	form_field(out, &lp->form, PW_REPEAT, NULL);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">%s</button></div>",
	     activation ? "Account activeren" : "Wachtwoord opslaan");
	form_end(out);
	card_end(r);
}

/* Checks the link in the path and sets up its form; false when a problem page was shown. */
static bool link_open(struct req *r, enum link_purpose purpose, struct link_page *lp)
{
	*lp = (struct link_page){.purpose = purpose};
	lp->token = path_token(r, purpose == LINK_ACTIVATION ? ACTIVATE_PREFIX : RESET_PREFIX);
	enum link_state st = account_link_check(lp->token, purpose, &lp->user_id, &lp->token_id);
	if (st != LINK_VALID || !account_load(r, lp->user_id, &lp->account)) {
		link_problem(r, st == LINK_VALID ? LINK_UNKNOWN : st, lp);
		return false;
	}
	form_init(&lp->form, r->arena, password_fields, PW__FIELDS);
	if (purpose != LINK_ACTIVATION)
		form_omit(&lp->form, PW_NAME);
	return true;
}

/* Reads the posted password; when good, begins the transaction and uses up the link.
 * False when the handler has answered (the form again, an error or a problem page). */
static bool link_submit_begin(struct req *r, struct link_page *lp, char hash[PASSWORD_HASH_LEN])
{
	form_read(&lp->form, r);
	if (!read_new_password(&lp->form, hash)) {
		link_render(r, lp);
		return false;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return false;
	}
	if (account_link_use(lp->token_id, lp->user_id, lp->purpose) != 0) {
		db_rollback();
		link_problem(r, LINK_USED, lp);
		return false;
	}
	return true;
}

void activation_show(struct req *r)
{
	struct link_page lp;
	if (!link_open(r, LINK_ACTIVATION, &lp))
		return;
	form_set(&lp.form, PW_NAME, lp.account.name);
	link_render(r, &lp);
}

void activation_submit(struct req *r)
{
	struct link_page lp;
	char hash[PASSWORD_HASH_LEN];
	if (!link_open(r, LINK_ACTIVATION, &lp) || !link_submit_begin(r, &lp, hash))
		return;
	struct scope self = {.user_id = lp.user_id};
	if (user_activate(&self, hash, form_value(&lp.form, PW_NAME)) != DB_DONE) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	audit_user(r, lp.user_id, "account_activate", NULL);
	if (db_commit() != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	if (!session_start(r, lp.user_id)) {
		flash_set(r, "Je account is geactiveerd. Meld je aan met je e-mailadres en je nieuwe wachtwoord.");
		resp_redirect(r, "/login");
		return;
	}
	audit(r, "login", 0, "na activatie");
	flash_set(r, "Welkom! Je account is geactiveerd. Voortaan meld je je aan met je e-mailadres en dit wachtwoord.");
	resp_redirect(r, login_home_path(r->user->role));
}

void activation_question(struct req *r, const char *email)
{
	card_begin(r, "Account nog niet geactiveerd");
	html(&r->body, "<p>Je account is nog niet geactiveerd. Moet de activatiemail opnieuw verstuurd "
	               "worden?</p><p class=\"muted\">De mail gaat naar %s. Alleen de link in de nieuwste "
	               "mail werkt.</p>",
	     email);
	new_mail_button(r, "email", email, "OK", "Annuleren");
	card_end(r);
}

/* Sends a new activation mail when the account is still invited and the throttle allows. */
static int resend_if_invited(struct req *r, long long user_id)
{
	struct account a;
	if (!user_id || !account_load(r, user_id, &a) || strcmp(a.state, "invited") != 0 || !a.org_active ||
	    !account_mail_allowed(a.email, r->ip))
		return 0;
	if (account_send_invitation(user_id) != 0)
		return -1;
	audit_user(r, user_id, "activation_resend", NULL);
	return 0;
}

void activation_resend(struct req *r)
{
	const char *link = req_form(r, "link");
	const char *email = req_form(r, "email");
	char normal[255] = "";
	long long user_id = 0, token_id = 0;
	if (link && *link && account_link_check(link, LINK_ACTIVATION, &user_id, &token_id) == LINK_UNKNOWN)
		user_id = 0;
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	/* By address: recorded, the same work whether it has an account or not. */
	int rc = link && *link ? resend_if_invited(r, user_id)
	         : email && !validate_email(email, normal, sizeof normal) ? account_mail_request(normal, r->ip, LINK_ACTIVATION)
	                                                                  : 0;
	if (rc != 0) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	if (db_commit() != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	/* The same answer whether a mail went or not (throttled, already active, unknown). */
	flash_set(r, "Als je account nog niet geactiveerd is, is er een nieuwe activatiemail onderweg. Kijk "
	             "binnen enkele minuten in je mailbox, ook bij spam. Alleen de link in de nieuwste mail werkt.");
	resp_redirect(r, "/login");
}

/* --- Wachtwoord vergeten ---------------------------------------------------------- */

static void render_forgot(struct req *r, struct form *f)
{
	card_begin(r, "Wachtwoord vergeten?");
	struct buf *out = &r->body;
	html(out, "<p>Geef het e-mailadres van je account. Je krijgt een e-mail met een link om een nieuw "
	          "wachtwoord te kiezen.</p>");
	form_begin(out, r, f, "/wachtwoord-vergeten");
	form_field(out, f, FORGOT_EMAIL, NULL);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Stuur de link"
	          "</button><a href=\"/login\">Terug naar aanmelden</a></div>");
	form_end(out);
	card_end(r);
}

void forgot_show(struct req *r)
{
	struct form f;
	form_init(&f, r->arena, forgot_fields, FORGOT__FIELDS);
	render_forgot(r, &f);
}

void forgot_submit(struct req *r)
{
	struct form f;
	form_init(&f, r->arena, forgot_fields, FORGOT__FIELDS);
	form_read(&f, r);
	char email[255] = "";
	if (form_ok(&f) && validate_email(form_value(&f, FORGOT_EMAIL), email, sizeof email))
		form_error(&f, FORGOT_EMAIL, "Geef je e-mailadres in, bv. naam@school.be.");
	if (!form_ok(&f)) {
		render_forgot(r, &f);
		return;
	}
	/* Only recorded here: the same work whether the address has an account or not (the
	 * jobs thread sends a reset link, or a new activation link to an invited account). */
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	int rc = account_mail_request(email, r->ip, LINK_RESET);
	if (rc != 0 || db_commit() != DB_DONE) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, arena_printf(r->arena,
	                          "Als er een account bestaat voor %s, krijg je binnen enkele minuten een e-mail "
	                          "met een link om een nieuw wachtwoord te kiezen. De link is 1 uur geldig. Kijk "
	                          "ook bij spam.",
	                          email));
	resp_redirect(r, "/login");
}

/* --- Nieuw wachtwoord kiezen ------------------------------------------------------- */

void reset_show(struct req *r)
{
	struct link_page lp;
	if (link_open(r, LINK_RESET, &lp))
		link_render(r, &lp);
}

void reset_submit(struct req *r)
{
	struct link_page lp;
	char hash[PASSWORD_HASH_LEN];
	if (!link_open(r, LINK_RESET, &lp) || !link_submit_begin(r, &lp, hash))
		return;
	struct scope self = {.user_id = lp.user_id};
	if (user_reset_password(&self, hash) != DB_DONE ||
	    account_links_void(lp.user_id) != 0 || account_send_password_changed(lp.user_id) != 0) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	session_end_all(lp.user_id, 0);
	auth_clear_failures(lp.account.email, r->ip); /* a locked-out user may log in again */
	audit_user(r, lp.user_id, "password_reset", NULL);
	if (db_commit() != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, "Je wachtwoord is gewijzigd en alle aanmeldingen met je account zijn beëindigd. Meld je "
	             "aan met je nieuwe wachtwoord.");
	resp_redirect(r, "/login");
}
