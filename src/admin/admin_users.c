/*
 * Beheer > Gebruikers: every user per organisation with their state and last login;
 * inviting a user, a new invitation, disabling and enabling. The coordinator sees all
 * organisations (no scoping); an unknown user id answers 404.
 */
#include "admin_users.h"

#include <stdio.h>
#include <string.h>

#include "account_mail.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "orgs.h"
#include "scope.h"
#include "form.h"
#include "form_store.h"
#include "html.h"
#include "layout.h"
#include "session.h"
#include "user.h"
#include "validate.h"

enum invite_field {
	INVITE_EMAIL, INVITE_NAME, INVITE_ORG, INVITE__FIELDS,
};
static const struct field invite_fields[] = {
	[INVITE_EMAIL] = {"email", "E-mail", FIELD_EMAIL, FIELD_REQUIRED, 254,
	 "De uitnodiging met de activatielink gaat naar dit adres.",
	 "off"},
	[INVITE_NAME] = {"name", "Naam", FIELD_TEXT, FIELD_NAME, 100,
	 "Mag leeg blijven: de gebruiker vult het zelf in bij het activeren.",
	 "off"},
	[INVITE_ORG] = {"org", "Organisatie", FIELD_SELECT, FIELD_REQUIRED, 20, NULL, NULL},
};
FORM_TABLE(invite_fields, INVITE__FIELDS);

static const char *kind_label(const char *kind)
{
	if (strcmp(kind, "coordinator") == 0)
		return "coördinatie";
	return strcmp(kind, "school") == 0 ? "school" : "dienst";
}

/* The organisations as select options, with an empty first choice. */
static const struct option *org_options(struct req *r)
{
	struct scope s = scope_of(r);
	size_t n;
	const struct org_row *orgs = org_list_active(&s, r->arena, &n);
	struct option_list l = {.arena = r->arena};
	option_list_add(&l, "", "Kies een organisatie");
	for (size_t i = 0; i < n; i++)
		option_list_add(&l, arena_printf(r->arena, "%lld", orgs[i].id),
		                arena_printf(r->arena, "%s (%s)", orgs[i].fields.name, kind_label(orgs[i].fields.kind)));
	return l.items;
}

static void state_cell(struct buf *out, const struct user_row *u)
{
	if (strcmp(u->state, "active") == 0) {
		html(out, "<td><span class=\"badge badge-ok\">actief</span></td>");
	} else if (strcmp(u->state, "disabled") == 0) {
		html(out, "<td><span class=\"badge badge-stop\">uitgeschakeld</span></td>");
	} else {
		html(out, "<td><span class=\"badge badge-pref\">uitgenodigd</span>");
		char until[17];
		if (!u->invitation_expires_at) {
			html(out, "<br><span class=\"muted\">geen geldige link</span>");
		} else if (u->invitation_expires_at <= clock_now()) {
			brussels_format(u->invitation_expires_at, until);
			html(out, "<br><span class=\"muted\">link verlopen op %s</span>", until);
		} else {
			brussels_format(u->invitation_expires_at, until);
			html(out, "<br><span class=\"muted\">link geldig tot %s</span>", until);
		}
		html(out, "</td>");
	}
}

static void action_button(struct req *r, long long user_id, const char *action, const char *label,
                          const char *email, const char *style)
{
	struct buf *out = &r->body;
	html(out, "<form method=\"post\" action=\"/beheer/gebruikers/%lld/%s\" class=\"inline\">", user_id, action);
	form_csrf(out, r);
	html(out, "<button type=\"submit\" class=\"btn %s\" aria-label=\"%s (%s)\">%s</button></form>", style, label,
	     email, label);
}

static void user_row(struct req *r, const struct user_row *u)
{
	struct buf *out = &r->body;
	if (*u->name)
		html(out, "<tr id=\"gebruiker-%lld\"><td>%s</td><td>%s</td>", u->id, u->name, u->email);
	else
		html(out, "<tr id=\"gebruiker-%lld\"><td class=\"muted\">nog geen naam</td><td>%s</td>", u->id, u->email);
	state_cell(out, u);
	if (!u->last_login_at) {
		html(out, "<td class=\"muted\">nog nooit</td>");
	} else {
		char when[17];
		brussels_format(u->last_login_at, when);
		html(out, "<td>%s</td>", when);
	}
	html(out, "<td><div class=\"row-actions\">");
	if (strcmp(u->state, "invited") == 0)
		action_button(r, u->id, "uitnodiging", "Opnieuw uitnodigen", u->email, "btn-light");
	if (strcmp(u->state, "disabled") == 0)
		action_button(r, u->id, "inschakelen", "Inschakelen", u->email, "btn-light");
	else if (u->id != r->user->id)
		action_button(r, u->id, "uitschakelen", "Uitschakelen", u->email, "btn-danger");
	html(out, "</div></td></tr>");
}

static void user_list_show(struct req *r, const char *q)
{
	struct buf *out = &r->body;
	struct scope s = scope_of(r);
	size_t users;
	const struct user_row *u = user_list(&s, q, r->arena, &users);
	for (size_t i = 0; i < users; i++) {
		if (i == 0 || u[i].org_id != u[i - 1].org_id) {
			if (i)
				html(out, "</tbody></table></div></section>");
			html(out, "<section class=\"org-users\"><h2>%s <span class=\"muted\">(%s)</span></h2>"
			          "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Gebruikers van %s\">"
			          "<table class=\"users\"><caption class=\"visually-hidden\">Gebruikers van %s</caption>"
			          "<thead><tr><th scope=\"col\">Naam</th>"
			          "<th scope=\"col\">E-mail</th><th scope=\"col\">Status</th>"
			          "<th scope=\"col\">Laatst aangemeld</th><th scope=\"col\">Acties</th></tr></thead><tbody>",
			     u[i].org_name, kind_label(u[i].org_kind), u[i].org_name, u[i].org_name);
		}
		user_row(r, &u[i]);
	}
	if (users)
		html(out, "</tbody></table></div></section>");
	else
		html(out, "<p class=\"empty\">%s</p>", *q ? "Geen gebruikers gevonden voor deze zoekopdracht."
		                                          : "Er zijn nog geen gebruikers.");
	if (users)
		html(out, "<p class=\"muted\">%zu gebruiker%s.</p>", users, users == 1 ? "" : "s");
}

static void render_users(struct req *r, struct form *f)
{
	page_begin(r, "Gebruikers");
	struct buf *out = &r->body;
	const char *q = req_query(r, "zoek");
	q = q ? q : "";
	html(out, "<h1>Gebruikers</h1><p class=\"lead\">Wie zich aanmeldt, per school, dienst en de "
	          "coördinatie. Een nieuwe gebruiker krijgt een uitnodiging met een activatielink.</p>");
	html(out, "<section class=\"card\"><h2>Gebruiker uitnodigen</h2>");
	form_begin(out, r, f, "/beheer/gebruikers");
	form_field(out, f, INVITE_EMAIL, NULL);
	form_field(out, f, INVITE_NAME, NULL);
	form_field(out, f, INVITE_ORG, org_options(r));
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-add\">Uitnodiging versturen"
	          "</button></div>");
	form_end(out);
	html(out, "</section>");
	html(out, "<form method=\"get\" action=\"/beheer/gebruikers\" class=\"toolbar\" role=\"search\">"
	          "<label for=\"zoek\">Zoeken</label><input id=\"zoek\" name=\"zoek\" type=\"search\" value=\"%s\" "
	          "class=\"search\" placeholder=\"naam, e-mail of organisatie\">"
	          "<button type=\"submit\" class=\"btn btn-light\">Zoek</button></form>",
	     q);
	user_list_show(r, q);
	page_end(r);
}

void admin_users_show(struct req *r)
{
	struct form f;
	form_init(&f, r->arena, invite_fields, INVITE__FIELDS);
	render_users(r, &f);
}

void admin_users_invite(struct req *r)
{
	struct form f;
	form_init(&f, r->arena, invite_fields, INVITE__FIELDS);
	form_read(&f, r);
	char email[255] = "";
	const char *problem =
		form_error_of(&f, INVITE_EMAIL) ? NULL : validate_email(form_value(&f, INVITE_EMAIL), email, sizeof email);
	if (problem)
		form_error(&f, INVITE_EMAIL, problem);
	long long org = 0;
	if (!form_error_of(&f, INVITE_ORG) && sscanf(form_value(&f, INVITE_ORG), "%lld", &org) != 1)
		form_error(&f, INVITE_ORG, "Kies een organisatie uit de lijst.");
	if (!form_ok(&f)) {
		render_users(r, &f);
		return;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	long long user_id = 0;
	const char *by = arena_printf(r->arena, "%s (coördinator)", r->user->name && *r->user->name ? r->user->name
	                                                                                          : r->user->email);
	enum invite_result res = account_invite(org, email, form_value(&f, INVITE_NAME), by, &user_id);
	if (res == INVITE_OK) {
		audit(r, "user_invite", 0, arena_printf(r->arena, "user=%lld org=%lld", user_id, org));
		if (db_commit() == DB_DONE) {
			flash_set(r, arena_printf(r->arena, "Uitnodiging verstuurd naar %s.", email));
			resp_redirect(r, "/beheer/gebruikers");
			return;
		}
		res = INVITE_ERROR;
	}
	db_rollback();
	switch (res) {
	case INVITE_EMAIL_TAKEN:
		form_error(&f, INVITE_EMAIL, "Er bestaat al een gebruiker met dit e-mailadres. Zoek die hieronder op.");
		break;
	case INVITE_ORG_UNKNOWN: form_error(&f, INVITE_ORG, "Kies een organisatie uit de lijst."); break;
	default: form_save_failed(r, &f); break;
	}
	render_users(r, &f);
}

/* Loads the user of the path's {id}; false (and a 404) when there is none. */
static bool load_target(struct req *r, struct user_row *u)
{
	struct scope s = scope_of(r);
	if (user_get(&s, req_id(r, 0), r->arena, u))
		return true;
	resp_not_found(r);
	return false;
}

/* Commits and goes back to the list with a message; a failed commit is an error page. */
static void finish(struct req *r, const char *audit_action, const char *message)
{
	audit(r, audit_action, 0, arena_printf(r->arena, "user=%lld", req_id(r, 0)));
	if (db_commit() != DB_DONE) {
		resp_error(r, 500, NULL);
		return;
	}
	flash_set(r, message);
	resp_redirect(r, arena_printf(r->arena, "/beheer/gebruikers#gebruiker-%lld", req_id(r, 0)));
}

void admin_users_resend(struct req *r)
{
	struct user_row u;
	if (!load_target(r, &u))
		return;
	if (strcmp(u.state, "invited") != 0) {
		flash_set(r, strcmp(u.state, "active") == 0
		                 ? "Dit account is al geactiveerd: een nieuwe uitnodiging is niet nodig."
		                 : "Dit account is uitgeschakeld. Schakel het eerst in.");
		resp_redirect(r, "/beheer/gebruikers");
		return;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	if (account_send_invitation(req_id(r, 0)) != 0) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	finish(r, "invitation_resend",
	       arena_printf(r->arena, "Nieuwe uitnodiging verstuurd naar %s. De vorige link werkt niet meer.", u.email));
}

void admin_users_disable(struct req *r)
{
	struct user_row u;
	if (!load_target(r, &u))
		return;
	if (req_id(r, 0) == r->user->id) {
		resp_error(r, 403, "Je kan je eigen account niet uitschakelen. Vraag het aan een andere coördinator.");
		return;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	struct scope s = scope_of(r);
	if (user_disable(&s, req_id(r, 0)) != DB_DONE || account_links_void(req_id(r, 0)) != 0) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	session_end_all(req_id(r, 0), 0);
	finish(r, "user_disable",
	       arena_printf(r->arena, "%s is uitgeschakeld: aanmelden kan niet meer en lopende aanmeldingen zijn "
	                              "beëindigd.",
	                    u.email));
}

void admin_users_enable(struct req *r)
{
	struct user_row u;
	if (!load_target(r, &u))
		return;
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	struct scope s = scope_of(r);
	if (user_enable(&s, req_id(r, 0)) != DB_DONE || !user_get(&s, req_id(r, 0), r->arena, &u)) {
		db_rollback();
		resp_error(r, 500, NULL);
		return;
	}
	bool invited = strcmp(u.state, "invited") == 0;
	finish(r, "user_enable",
	       invited ? arena_printf(r->arena, "%s is opnieuw ingeschakeld. Het account is nog niet geactiveerd: "
	                                        "verstuur de uitnodiging opnieuw.",
	                              u.email)
	               : arena_printf(r->arena, "%s is opnieuw ingeschakeld.", u.email));
}
