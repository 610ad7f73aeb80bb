/*
 * "Stageplaatsen" (issue 15): the number of places of a care service per campaign, stated
 * by the service and overridden by the coordinator, one form for both; the "7 van 12
 * plaatsen ingevuld" lines and the message when all places are filled. Accepting beyond
 * the places is refused in the accept write itself (placements_store.c).
 */
#include "service_places.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "form.h"
#include "form_store.h"
#include "html.h"
#include "layout.h"
#include "orgs.h"
#include "places.h"
#include "scope.h"
#include "validate.h"

/* One field per campaign: built at run time, since the campaigns are rows. */
struct places_form {
	struct form f;
	struct places_row *rows;
	size_t count;
	long long service_id;
	bool coordinator;
	long long *wanted;     /* the value read per row; PLACES_NOT_STATED when empty */
	struct req *r;
};

static const char *field_help(struct req *r, const struct places_row *p, bool coordinator)
{
	const char *fill = arena_printf(r->arena, "Nu %lld %s aanvaard.", p->filled,
	                                p->filled == 1 ? "leerling" : "leerlingen");
	const char *capacity = p->capacity > 0 ? arena_printf(r->arena, " Capaciteit van de dienst: %lld.", p->capacity) : "";
	return arena_printf(r->arena, "%s%s Leeg: niet opgegeven, dan is er geen grens.%s", fill, capacity,
	                    coordinator ? "" : " De coördinator ziet welke diensten nog niets opgaven.");
}

/* Loads the campaigns of service_id and declares one field per campaign, with the saved
 * numbers as values. A service does not get a field where the coordinator set the places. */
static void places_form_init(struct places_form *pf, struct req *r, long long service_id)
{
	memset(pf, 0, sizeof *pf);
	pf->r = r;
	pf->service_id = service_id;
	pf->coordinator = r->user->role == ROLE_ADMIN;
	pf->rows = places_of_service(scope_of(r), r->arena, service_id, 0, &pf->count);
	size_t n = pf->count ? pf->count : 1;
	struct field *fields = arena_alloc(r->arena, n * sizeof *fields);
	pf->wanted = arena_alloc(r->arena, n * sizeof *pf->wanted);
	for (size_t i = 0; i < n; i++) {
		const struct places_row *p = i < pf->count ? &pf->rows[i] : NULL;
		fields[i] = (struct field){
			.name = p ? arena_printf(r->arena, "plaatsen-%lld", p->campaign_id) : "plaatsen",
			.label = p ? arena_printf(r->arena, "Aantal stageplaatsen %s %s", p->programme, p->school_year)
			           : "Aantal stageplaatsen",
			.type = FIELD_NUMBER,
			.max_len = 5,
			.help = p ? field_help(r, p, pf->coordinator) : NULL,
			.autocomplete = "off",
		};
	}
	form_init(&pf->f, r->arena, fields, n);
	for (size_t i = 0; i < n; i++) {
		const struct places_row *p = i < pf->count ? &pf->rows[i] : NULL;
		if (!p || (!pf->coordinator && p->by_coordinator))
			form_omit(&pf->f, (int)i);
		else if (p->stated != PLACES_NOT_STATED)
			form_set(&pf->f, (int)i, arena_printf(r->arena, "%lld", p->stated));
	}
}

static bool field_on_form(const struct places_form *pf, size_t i)
{
	return !pf->f.omitted[i];
}

static void render_places(struct places_form *pf, const char *title, const char *back_href, const char *back,
                          const char *action)
{
	struct req *r = pf->r;
	struct buf *out = &r->body;
	page_begin(r, title);
	if (back)
		html(out, "<p><a href=\"%s\">← %s</a></p>", back_href, back);
	html(out, "<h1>%s</h1>", title);
	html(out, "<p class=\"lead\">Hoeveel leerlingen %s per campagne als stagiair opnemen. Aanvaarden boven dat "
	          "aantal kan niet.</p>",
	     pf->coordinator ? "deze dienst kan" : "jullie dienst kan");
	if (!pf->count) {
		html(out, "<div class=\"card empty\"><p>%s</p></div>",
		     pf->coordinator ? "Deze dienst neemt aan geen lopende campagne deel."
		                     : "Jullie dienst neemt nog niet deel aan een stagecampagne.");
		page_end(r);
		return;
	}
	html(out, "<div class=\"card\">");
	form_begin(out, r, &pf->f, action);
	bool any_field = false;
	for (size_t i = 0; i < pf->count; i++) {
		const struct places_row *p = &pf->rows[i];
		if (field_on_form(pf, i)) {
			form_field(out, &pf->f, (int)i, NULL);
			any_field = true;
		} else {
			html(out, "<div class=\"field\"><p><strong>Aantal stageplaatsen %s %s:</strong> %lld, vastgelegd door "
			          "de coördinator (nu %lld ingevuld). Vraag de coördinator om dit aan te passen.</p></div>",
			     p->programme, p->school_year, p->stated, p->filled);
		}
	}
	if (any_field)
		html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Opslaan</button></div>");
	form_end(out);
	html(out, "</div>");
	page_end(r);
}

/* Reads and checks the posted numbers into pf->wanted. */
static void read_places(struct places_form *pf)
{
	form_read(&pf->f, pf->r);
	for (size_t i = 0; i < pf->count; i++) {
		pf->wanted[i] = pf->rows[i].stated;
		if (!field_on_form(pf, i) || form_error_of(&pf->f, (int)i))
			continue;
		const char *v = form_value(&pf->f, (int)i);
		long n;
		const char *problem = *v ? validate_int(v, 0, PLACES_MAX, &n) : NULL;
		if (problem)
			form_error(&pf->f, (int)i, "Geef een aantal tussen 0 en 10000, of laat het vak leeg.");
		else
			pf->wanted[i] = *v ? n : PLACES_NOT_STATED;
	}
}

/* The transaction: every changed number, checked against the places filled at this moment. */
static int write_places(void *ctx)
{
	struct places_form *pf = ctx;
	struct req *r = pf->r;
	struct scope s = scope_of(r);
	bool refused = false;
	for (size_t i = 0; i < pf->count; i++) {
		const struct places_row *old = &pf->rows[i];
		if (!field_on_form(pf, i) || pf->wanted[i] == old->stated)
			continue;
		struct places_row now;
		if (!places_get(s, r->arena, pf->service_id, old->campaign_id, &now))
			return DB_ERROR;
		if (pf->wanted[i] != PLACES_NOT_STATED && pf->wanted[i] < now.filled) {
			form_error(&pf->f, (int)i,
			           arena_printf(r->arena, "Er zijn al %lld leerlingen aanvaard in deze campagne: geef minstens "
			                                  "%lld plaatsen op, of trek eerst een aanvaarding in.",
			                        now.filled, now.filled));
			refused = true;
			continue;
		}
		if (places_set(s, pf->service_id, old->campaign_id, pf->wanted[i]) != PLACES_SAVED ||
		    !audit(r, "places_set", 0,
		           arena_printf(r->arena, "service=%lld campaign=%lld places=%lld", pf->service_id,
		                        old->campaign_id, pf->wanted[i])))
			return DB_ERROR;
	}
	return refused ? DB_CONSTRAINT : DB_DONE;
}

/* Saves the form; true when saved (the caller redirects), false when the form is to be shown
 * again with what was typed. */
static bool save_places(struct places_form *pf)
{
	read_places(pf);
	if (!form_ok(&pf->f))
		return false;
	int rc = db_tx(write_places, pf);
	if (rc == DB_DONE)
		return true;
	if (form_ok(&pf->f))
		form_save_failed(pf->r, &pf->f);
	return false;
}

/* --- The service's own page ------------------------------------------------------ */

void service_places_page(struct req *r)
{
	struct places_form pf;
	places_form_init(&pf, r, r->user->org_id);
	render_places(&pf, "Stageplaatsen", NULL, NULL, "/stageplaatsen");
}

void service_places_save(struct req *r)
{
	struct places_form pf;
	places_form_init(&pf, r, r->user->org_id);
	if (!save_places(&pf)) {
		render_places(&pf, "Stageplaatsen", NULL, NULL, "/stageplaatsen");
		return;
	}
	flash_set(r, "Stageplaatsen bewaard.");
	resp_redirect(r, "/stageplaatsen");
}

/* --- The coordinator's override ------------------------------------------------------ */

/* The service of the route, or 0 (404 sent) when it is not a service. */
static long long service_of_route(struct req *r, const char **name)
{
	struct scope s = scope_of(r);
	struct org_row o;
	if (!org_get(&s, req_id(r, 0), r->arena, &o) || strcmp(o.fields.kind, "service") != 0) {
		resp_not_found(r);
		return 0;
	}
	*name = o.fields.name;
	return o.id;
}

static void render_admin_places(struct places_form *pf, const char *name)
{
	struct req *r = pf->r;
	render_places(pf, arena_printf(r->arena, "Stageplaatsen van %s", name),
	              arena_printf(r->arena, "/beheer/organisaties/%lld", pf->service_id), name,
	              arena_printf(r->arena, "/beheer/organisaties/%lld/stageplaatsen", pf->service_id));
}

/* GET shows the form, POST saves it (or shows it again with the messages). */
static void admin_places(struct req *r, bool save)
{
	const char *name;
	long long id = service_of_route(r, &name);
	if (!id)
		return;
	struct places_form pf;
	places_form_init(&pf, r, id);
	if (!save || !save_places(&pf)) {
		render_admin_places(&pf, name);
		return;
	}
	flash_set(r, arena_printf(r->arena, "Stageplaatsen van %s bewaard.", name));
	resp_redirect(r, arena_printf(r->arena, "/beheer/organisaties/%lld", id));
}

void admin_places_page(struct req *r) { admin_places(r, false); }
void admin_places_save(struct req *r) { admin_places(r, true); }

/* "7 van 12 plaatsen ingevuld", or the count without a limit. */
static void filled_text(struct buf *out, const struct places_row *p)
{
	long long limit = places_limit(p);
	if (limit == PLACES_NOT_STATED)
		html(out, "%lld %s aanvaard; aantal stageplaatsen niet opgegeven", p->filled,
		     p->filled == 1 ? "leerling" : "leerlingen");
	else
		html(out, "%lld van %lld plaatsen ingevuld", p->filled, limit);
}

void places_admin_section(struct req *r, long long service_id)
{
	struct buf *out = &r->body;
	size_t n;
	const struct places_row *rows = places_of_service(scope_of(r), r->arena, service_id, 0, &n);
	html(out, "<section class=\"card\"><h2>Stageplaatsen</h2>");
	if (!n)
		html(out, "<p>Neemt aan geen lopende campagne deel.</p>");
	else
		html(out, "<ul>");
	for (size_t i = 0; i < n; i++) {
		html(out, "<li>%s %s: ", rows[i].programme, rows[i].school_year);
		filled_text(out, &rows[i]);
		if (rows[i].stated == PLACES_NOT_STATED)
			html(out, " (niet opgegeven door de dienst)");
		else if (rows[i].by_coordinator)
			html(out, " (vastgelegd door de coördinator)");
		else
			html(out, " (opgegeven door de dienst)");
		html(out, ".</li>");
	}
	if (n)
		html(out, "</ul><p><a class=\"btn btn-light\" href=\"/beheer/organisaties/%lld/stageplaatsen\">"
		          "Stageplaatsen aanpassen</a></p>",
		     service_id);
	html(out, "</section>");
}

void places_filled_lines(struct req *r)
{
	struct buf *out = &r->body;
	size_t n;
	const struct places_row *rows = places_of_service(scope_of(r), r->arena, r->user->org_id, clock_now(), &n);
	for (size_t i = 0; i < n; i++) {
		long long limit = places_limit(&rows[i]);
		if (limit == PLACES_NOT_STATED) /* the count is in the caller's sentence already */
			html(out, " <span class=\"places\">%s %s: aantal stageplaatsen niet opgegeven.</span>",
			     rows[i].programme, rows[i].school_year);
		else
			html(out, " <span class=\"places\">%s %s: %lld van %lld plaatsen ingevuld.</span>", rows[i].programme,
			     rows[i].school_year, rows[i].filled, limit);
	}
}

const char *places_full_message(struct req *r, long long campaign_id)
{
	struct places_row p;
	if (!places_get(scope_of(r), r->arena, r->user->org_id, campaign_id, &p))
		return "Alle plaatsen zijn ingevuld.";
	long long limit = places_limit(&p);
	const char *own = p.by_coordinator ? "" : " Of verhoog het aantal onder 'Stageplaatsen'.";
	if (limit <= 0)
		return arena_printf(r->arena, "Jullie dienst heeft 0 stageplaatsen in deze campagne. Vraag de "
		                              "coördinator om meer plaatsen.%s", own);
	if (limit == 1)
		return arena_printf(r->arena, "De enige plaats is ingevuld. Vraag de coördinator om meer plaatsen of "
		                              "trek eerst een aanvaarding in.%s", own);
	return arena_printf(r->arena, "Alle %lld plaatsen zijn ingevuld. Vraag de coördinator om meer plaatsen of "
	                              "trek eerst een aanvaarding in.%s", limit, own);
}
