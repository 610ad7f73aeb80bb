/*
 * "Contactpersoon stageplaats": the school's internship contact persons
 * (stage-/werkplekbegeleiders). Pupils are linked to one of them, so a contact can
 * only be deleted while no pupil is linked; the refusal names the pupils concerned.
 */
#include <string.h>

#include "audit.h"
#include "contact.h"
#include "db.h"
#include "form.h"
#include "form_store.h"
#include "html.h"
#include "layout.h"
#include "pupils.h"
#include "schools.h"
#include "scope.h"
#include "validate.h"

enum contact_field {
	CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, CONTACT__FIELDS,
};
static const struct field contact_fields[] = {
	[CONTACT_NAME] = {"name", "Naam", FIELD_TEXT, FIELD_REQUIRED | FIELD_NAME, 100, NULL, "off"},
	[CONTACT_PHONE] = {"phone", "Telefoon", FIELD_TEL, FIELD_REQUIRED, 40, NULL, "off"},
	[CONTACT_EMAIL] = {"email", "Email", FIELD_EMAIL, FIELD_REQUIRED, 254, NULL, "off"},
};
FORM_TABLE(contact_fields, CONTACT__FIELDS);

/* The school's own contact, answering 404 when it is not found within the user's scope. */
static bool contact_found(struct req *r, long long id, struct contact_row *c)
{
	struct scope s = scope_of(r);
	if (contact_get(&s, id, r->arena, c))
		return true;
	resp_not_found(r);
	return false;
}

const struct option *contact_options(struct req *r, const struct option *first, size_t *count)
{
	struct scope s = scope_of(r);
	size_t n;
	struct contact_row *rows = contact_list(&s, r->arena, &n);
	struct option_list l = {.arena = r->arena};
	if (first)
		option_list_add(&l, first->value, first->label);
	for (size_t i = 0; i < n; i++)
		option_list_add(&l, arena_printf(r->arena, "%lld", rows[i].id), rows[i].name);
	if (count)
		*count = n;
	if (!l.items) /* no first option and no contacts: still a terminated list */
		l.items = arena_alloc(r->arena, sizeof *l.items);
	return l.items;
}

void contacts_list(struct req *r)
{
	page_begin(r, "Contactpersoon stageplaats");
	struct buf *out = &r->body;
	html(out, "<div class=\"toolbar\"><h1 class=\"spacer\">Contactpersoon stageplaats</h1>"
	          "<a class=\"btn btn-add\" href=\"/contactpersonen/nieuw\">+Toevoegen</a></div>");
	html(out, "<p class=\"lead\">Geef eerst alle contactpersonen van de school voor de stageplaatsen in, "
	          "dan pas de leerlingen. Geef hun gegevens goed in: zo kunnen de diensten je vlot bereiken. "
	          "Een contactpersoon kan enkel verwijderd worden als er geen leerlingen aan gekoppeld zijn.</p>");
	struct scope s = scope_of(r);
	size_t rows;
	const struct contact_row *c = contact_list(&s, r->arena, &rows);
	for (size_t i = 0; i < rows; i++) {
		if (i == 0)
			html(out, "<div class=\"table-wrap\"><table><caption class=\"sr-only\">Contactpersonen "
			          "stageplaats</caption><thead><tr><th scope=\"col\">Naam</th><th scope=\"col\">Telefoon</th>"
			          "<th scope=\"col\">Email</th><th scope=\"col\"><span class=\"sr-only\">Acties</span></th>"
			          "</tr></thead><tbody>");
		html(out, "<tr><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td>", c[i].name, c[i].phone, c[i].email);
		html(out, "<td class=\"row-actions\"><a href=\"/contactpersonen/%lld\">Bewerken<span class=\"sr-only\"> "
		          "%s</span></a> <a href=\"/contactpersonen/%lld/verwijderen\">Verwijderen<span class=\"sr-only\"> "
		          "%s</span></a></td></tr>",
		     c[i].id, c[i].name, c[i].id, c[i].name);
	}
	if (rows)
		html(out, "</tbody></table></div>");
	else
		html(out, "<div class=\"table-wrap\"><p class=\"empty\">Je school heeft nog geen contactpersonen. "
		          "Klik op '+Toevoegen' om de eerste in te geven.</p></div>");
	page_end(r);
}

static void render_contact_form(struct req *r, struct form *f, long long id)
{
	page_begin(r, id ? "Contactpersoon bewerken" : "Contactpersoon toevoegen");
	struct buf *out = &r->body;
	html(out, "<p class=\"back\"><a href=\"/contactpersonen\">Terug naar Contactpersoon stageplaats</a></p>");
	html(out, "<div class=\"card narrow\"><h1>Stage-/werkplekbegeleider / %s</h1>", id ? "Bewerken" : "Toevoegen");
	form_begin(out, r, f, id ? arena_printf(r->arena, "/contactpersonen/%lld", id) : "/contactpersonen");
	for (int i = 0; i < CONTACT__FIELDS; i++)
		form_field(out, f, i, NULL);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">%s</button>"
	          "<a href=\"/contactpersonen\">Annuleren</a></div>",
	     id ? "Opslaan" : "+Toevoegen");
	form_end(out);
	html(out, "</div>");
	page_end(r);
}

/* Reads and checks the posted contact; writes the normalised phone and e-mail back into f. */
static void read_contact(struct req *r, struct form *f)
{
	form_init(f, r->arena, contact_fields, CONTACT__FIELDS);
	form_read(f, r);
	char phone[24], email[255];
	const char *problem;
	if (!form_error_of(f, CONTACT_PHONE)) {
		if ((problem = validate_phone(form_value(f, CONTACT_PHONE), phone, sizeof phone)))
			form_error(f, CONTACT_PHONE, problem);
		else
			form_set(f, CONTACT_PHONE, phone);
	}
	if (!form_error_of(f, CONTACT_EMAIL)) {
		if ((problem = validate_email(form_value(f, CONTACT_EMAIL), email, sizeof email)))
			form_error(f, CONTACT_EMAIL, problem);
		else
			form_set(f, CONTACT_EMAIL, email);
	}
}

void contact_new(struct req *r)
{
	struct form f;
	form_init(&f, r->arena, contact_fields, CONTACT__FIELDS);
	render_contact_form(r, &f, 0);
}

/* The contact as typed in the (checked) form. */
static struct contact_row contact_of_form(struct form *f)
{
	return (struct contact_row){
		.name = form_value(f, CONTACT_NAME), .phone = form_value(f, CONTACT_PHONE),
		.email = form_value(f, CONTACT_EMAIL)};
}

/*
 * A change to a contact with its audit line, in one transaction: adding (id 0), changing
 * (id) or deleting it (remove; the name for the message is read inside).
 */
struct contact_write {
	struct req *r;
	long long id;
	bool remove;
	struct contact_row c;
	bool began;
	enum contact_result res;
};

static int contact_write_tx(void *ctx)
{
	struct contact_write *w = ctx;
	struct scope s = scope_of(w->r);
	const char *action;
	w->began = true;
	if (!w->id) {
		action = "contact_create";
		w->res = contact_insert(&s, &w->c, &w->id);
	} else if (w->remove) {
		action = "contact_delete";
		w->res = contact_get(&s, w->id, w->r->arena, &w->c) ? contact_remove(&s, w->id) : CONTACT_NOT_FOUND;
	} else {
		action = "contact_update";
		w->res = contact_change(&s, w->id, &w->c);
	}
	if (w->res != CONTACT_OK)
		return DB_ERROR;
	return audit(w->r, action, 0, arena_printf(w->r->arena, "contact=%lld", w->id)) ? DB_DONE : DB_ERROR;
}

/* A save of the form that did not go through: 503 when no transaction began, 404 when the
 * contact is gone, else the form again with why (everything typed kept). */
static void contact_save_failed(struct req *r, struct form *f, const struct contact_write *w, long long id)
{
	if (!w->began)
		resp_error(r, 503, NULL);
	else if (w->res == CONTACT_NOT_FOUND) /* deleted meanwhile */
		resp_not_found(r);
	else {
		form_save_failed(r, f);
		render_contact_form(r, f, id);
	}
}

void contact_create(struct req *r)
{
	struct form f;
	read_contact(r, &f);
	if (!form_ok(&f)) {
		r->status = 422;
		render_contact_form(r, &f, 0);
		return;
	}
	struct contact_write w = {.r = r, .c = contact_of_form(&f)};
	if (db_tx(contact_write_tx, &w) != DB_DONE) {
		contact_save_failed(r, &f, &w, 0);
		return;
	}
	flash_set(r, arena_printf(r->arena, "Contactpersoon %s is toegevoegd.", w.c.name));
	resp_redirect(r, "/contactpersonen");
}

void contact_edit(struct req *r)
{
	long long id = req_id(r, 0);
	struct contact_row c;
	if (!contact_found(r, id, &c))
		return;
	struct form f;
	form_init(&f, r->arena, contact_fields, CONTACT__FIELDS);
	form_set(&f, CONTACT_NAME, c.name);
	form_set(&f, CONTACT_PHONE, c.phone);
	form_set(&f, CONTACT_EMAIL, c.email);
	render_contact_form(r, &f, id);
}

void contact_update(struct req *r)
{
	long long id = req_id(r, 0);
	struct contact_row c;
	if (!contact_found(r, id, &c))
		return;
	struct form f;
	read_contact(r, &f);
	if (!form_ok(&f)) {
		r->status = 422;
		render_contact_form(r, &f, id);
		return;
	}
	struct contact_write w = {.r = r, .id = id, .c = contact_of_form(&f)};
	if (db_tx(contact_write_tx, &w) != DB_DONE) {
		contact_save_failed(r, &f, &w, id);
		return;
	}
	flash_set(r, arena_printf(r->arena, "Contactpersoon %s is bewaard.", w.c.name));
	resp_redirect(r, "/contactpersonen");
}

/*
 * The delete page: a confirmation while no pupil is linked, otherwise the reason and
 * the pupils concerned (with a link to each, to choose another contact there).
 */
static void render_delete_page(struct req *r, long long id, const struct contact_row *c)
{
	page_begin(r, "Contactpersoon verwijderen");
	struct buf *out = &r->body;
	html(out, "<p class=\"back\"><a href=\"/contactpersonen\">Terug naar Contactpersoon stageplaats</a></p>");
	html(out, "<div class=\"card\"><h1>%s verwijderen</h1>", c->name);
	size_t linked;
	struct pupil_of_contact *pupils = pupils_of_contact(scope_of(r), r->arena, id, &linked);
	if (linked)
		html(out, "<div class=\"alert alert-error\" role=\"alert\"><p><strong>%s kan niet verwijderd "
		          "worden: er zijn nog leerlingen aan gekoppeld.</strong> Kies bij elk van deze "
		          "leerlingen eerst een andere stage-/werkplekbegeleider; daarna kan je deze "
		          "contactpersoon verwijderen.</p></div><ul class=\"linked\">",
		     c->name);
	for (size_t i = 0; i < linked; i++) {
		const struct pupil_of_contact *p = &pupils[i];
		char masked[NN_MASKED_LEN];
		national_number_masked(p->national_number_hint, masked);
		html(out, "<li><a href=\"/studenten/%lld\">%s %s</a> <span class=\"muted\">(%s, %s)</span>", p->id,
		     p->first_name, p->last_name, masked, p->programme);
		if (p->stopped)
			html(out, " <span class=\"badge badge-stop\">Gestopt</span>");
		html(out, "</li>");
	}
	if (linked) {
		r->status = strcmp(r->method, "POST") == 0 ? 409 : 200;
		html(out, "</ul><p><a class=\"btn btn-light\" href=\"/contactpersonen\">Terug</a></p></div>");
		page_end(r);
		return;
	}
	html(out, "<p>Wil je <strong>%s</strong> (%s, %s) verwijderen? Dit kan niet ongedaan gemaakt worden.</p>",
	     c->name, c->phone, c->email);
	html(out, "<form method=\"post\" action=\"/contactpersonen/%lld/verwijderen\" class=\"actions\">", id);
	form_csrf(out, r);
	html(out, "<button type=\"submit\" class=\"btn btn-danger\">Verwijderen</button>"
	          "<a href=\"/contactpersonen\">Annuleren</a></form></div>");
	page_end(r);
}

void contact_delete_confirm(struct req *r)
{
	long long id = req_id(r, 0);
	struct contact_row c;
	if (!contact_found(r, id, &c))
		return;
	render_delete_page(r, id, &c);
}

void contact_delete(struct req *r)
{
	struct contact_write w = {.r = r, .id = req_id(r, 0), .remove = true};
	if (db_tx(contact_write_tx, &w) == DB_DONE) {
		flash_set(r, arena_printf(r->arena, "Contactpersoon %s is verwijderd.", w.c.name));
		resp_redirect(r, "/contactpersonen");
	} else if (!w.began) {
		resp_error(r, 503, NULL);
	} else if (w.res == CONTACT_NOT_FOUND) {
		resp_not_found(r);
	} else if (w.res == CONTACT_LINKED) { /* a pupil is linked: say which */
		render_delete_page(r, w.id, &w.c);
	} else {
		resp_error(r, 500, NULL);
	}
}
