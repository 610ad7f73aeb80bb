#include "layout.h"

#include <string.h>

#include "assets.h"
#include "form.h"
#include "html.h"
#include "mail.h"
#include "params.h"
#include "version.h"

#define FLASH_COOKIE "stagematch_flash"

const struct nav_item nav_items[] = {
	{"/opleidingen/7de-leerjaar", "7de leerjaar verzorgende-zorgkundige", ROLE_SCHOOL},
	{"/opleidingen/duaal-leren", "Duaal leren", ROLE_SCHOOL},
	{"/opleidingen/dubbele-finaliteit", "Dubbele finaliteit gezondheidszorg", ROLE_SCHOOL},
	{"/contactpersonen", "Contactpersoon stageplaats", ROLE_SCHOOL},
	{"/aanvragen", "Stageaanvragen", ROLE_SERVICE},
	{"/stagiairs", "Mijn stagiairs", ROLE_SERVICE},
	{"/stageplaatsen", "Stageplaatsen", ROLE_SERVICE},
	{"/beheer", "Voortgang", ROLE_ADMIN},
	{"/beheer/campagnes", "Opleidingen en timing", ROLE_ADMIN},
	{"/beheer/organisaties", "Scholen en diensten", ROLE_ADMIN},
	{"/beheer/intrekkingen", "Intrekken aanvragen", ROLE_ADMIN},
	{"/beheer/gebruikers", "Gebruikers", ROLE_ADMIN},
	{"/beheer/e-mail", "Uitgaande e-mail", ROLE_ADMIN},
	{"/beheer/audit", "Auditlog", ROLE_ADMIN},
	{NULL, NULL, 0},
};

void flash_set(struct req *r, const char *message)
{
	struct buf enc = {0};
	url_encode_into(&enc, message);
	resp_cookie(r, FLASH_COOKIE, arena_strdup(r->arena, enc.data ? enc.data : ""), 60);
	buf_free(&enc);
}

/* The flash message of the previous request, consumed. */
static const char *flash_take(struct req *r)
{
	const char *v = params_get(&r->cookies, cookie_name(r, FLASH_COOKIE));
	if (!v || !*v)
		return NULL;
	resp_cookie(r, FLASH_COOKIE, "", 0);
	struct params p = {0};
	char *body = arena_printf(r->arena, "m=%s", v);
	if (params_parse_urlencoded(r->arena, &p, body, strlen(body)) != PARAMS_OK)
		return NULL;
	return params_get(&p, "m");
}

/* The nav entry that the current path belongs to: the longest matching prefix. */
static const struct nav_item *active_item(struct req *r)
{
	const struct nav_item *best = NULL;
	size_t best_len = 0;
	for (const struct nav_item *n = nav_items; n->href; n++) {
		size_t len = strlen(n->href);
		if (r->user && (n->roles & r->user->role) && strncmp(r->path, n->href, len) == 0 &&
		    (r->path[len] == 0 || r->path[len] == '/') && len > best_len) {
			best = n;
			best_len = len;
		}
	}
	return best;
}

static const char *role_label(int role)
{
	switch (role) {
	case ROLE_ADMIN: return "coördinator";
	case ROLE_SCHOOL: return "school";
	default: return "dienst";
	}
}

void page_begin(struct req *r, const char *title)
{
	struct buf *out = &r->body;
	html(out, "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
	          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	          "<title>%s – stagematch</title>"
	          "<link rel=\"stylesheet\" href=\"%s\"><link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">"
	          "<script src=\"%s\" defer></script></head><body>",
	     title, asset_url("app.css"), asset_url("favicon.svg"), asset_url("tables.js"));
	html(out, "<a class=\"skip\" href=\"#inhoud\">Naar de inhoud</a>");
	html(out, "<header class=\"topbar\"><a class=\"brand\" href=\"/\">"
	          "<img src=\"%s\" alt=\"\" width=\"28\" height=\"28\"> stagematch</a>",
	     asset_url("favicon.svg"));
	if (r->user) {
		html(out, "<div class=\"who\"><span class=\"org\">%s</span>"
		          "<a class=\"user\" href=\"/account\" title=\"Mijn account\">%s <span class=\"role\">(%s)</span></a>",
		     r->user->org_name, r->user->name && *r->user->name ? r->user->name : r->user->email,
		     role_label(r->user->role));
		html(out, "<form method=\"post\" action=\"/logout\" class=\"logout\">");
		form_csrf(out, r);
		html(out, "<button type=\"submit\" class=\"btn btn-light\">Afmelden</button></form></div>");
	}
	html(out, r->user ? "</header><div class=\"shell\">" : "</header><div class=\"shell shell-anon\">");
	if (r->user) {
		/* On a phone the menu folds behind "Menu", which names where you are; on a wider
		 * screen the list is always shown (app.css). No script needed. */
		const struct nav_item *active = active_item(r);
		html(out, "<nav class=\"sidenav\" aria-label=\"Hoofdmenu\"><details class=\"menu\"><summary>"
		          "<span class=\"menu-word\">Menu</span> <span class=\"menu-here\">%s</span></summary><ul>",
		     active ? active->label : title);
		for (const struct nav_item *n = nav_items; n->href; n++)
			if (n->roles & r->user->role)
				html(out, n == active ? "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>"
				                      : "<li><a href=\"%s\">%s</a></li>",
				     n->href, n->label);
		html(out, "</ul></details></nav>");
	}
	html(out, "<main id=\"inhoud\" tabindex=\"-1\">");
	const char *flash = flash_take(r);
	if (flash)
		html(out, "<div class=\"alert alert-ok\" role=\"status\">%s</div>", flash);
}

void page_end(struct req *r)
{
	struct buf *out = &r->body;
	html(out, "</main></div><footer class=\"footer\"><p>Vragen? Mail <a href=\"mailto:%s\">%s</a> of bel "
	          "02/250 37 77 (werkdagen behalve woensdag, 9u30–12u en 13u–15u).</p>",
	     mail_contact_address(), mail_contact_address());
	if (r->user && r->user->role == ROLE_ADMIN)
		html(out, "<p class=\"version\">stagematch %s (%s)</p>", STAGEMATCH_VERSION, STAGEMATCH_REVISION);
	html(out, "</footer></body></html>");
}

void layout_error_page(struct req *r, int status, const char *message)
{
	const char *title;
	const char *fallback;
	switch (status) {
	case 400: title = "Ongeldige vraag"; fallback = "Deze vraag kon niet gelezen worden."; break;
	case 403: title = "Geen toegang"; fallback = "Je hebt geen toegang tot deze pagina."; break;
	case 404:
		title = "Niet gevonden";
		fallback = "Deze pagina bestaat niet (meer), of je hebt er geen toegang toe.";
		break;
	case 405: title = "Niet toegelaten"; fallback = "Deze actie kan hier niet."; break;
	case 413: title = "Te groot"; fallback = "Wat je verstuurde is te groot."; break;
	case 429: title = "Even geduld"; fallback = "Te veel pogingen. Probeer het over enkele minuten opnieuw."; break;
	case 503: title = "Even geduld"; fallback = "De server is even bezet. Probeer het over enkele seconden opnieuw."; break;
	default: title = "Er ging iets mis"; fallback = "Er ging iets mis aan onze kant. Probeer het opnieuw; "
	                                                 "blijft het misgaan, contacteer de hulplijn."; break;
	}
	page_begin(r, title);
	html(&r->body, "<h1>%s</h1><p class=\"lead\">%s</p><p>", title, message ? message : fallback);
	html(&r->body, "<a class=\"btn\" href=\"/\">Naar de startpagina</a>");
	if (!r->user)
		html(&r->body, " <a class=\"btn btn-light\" href=\"/login\">Aanmelden</a>");
	html(&r->body, "</p>");
	page_end(r);
}
