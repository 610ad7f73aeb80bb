/*
 * "Scholen en diensten": schools (name, instellingsnummer, address, province) and care
 * services (name, address, the provinces or postcode ranges they cover, capacity per
 * campaign); add, edit, deactivate and reactivate. Rows are written by src/store/orgs.c only.
 */
#include "admin.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "form.h"
#include "form_store.h"
#include "html.h"
#include "layout.h"
#include "orgs.h"
#include "service_places.h"
#include "scope.h"
#include "session.h"
#include "validate.h"

/* The fields of both kinds of organisation, in the order of the form; each kind leaves off
 * the other's own fields (org_kind.omitted). */
enum org_field {
	ORG_NAME, ORG_INSTITUTION_NUMBER, ORG_STREET, ORG_POSTCODE, ORG_CITY, ORG_PROVINCE, ORG_PHONE, ORG_EMAIL,
	ORG_CAPACITY, ORG_AREA_PROVINCES, ORG_AREA_POSTCODES, ORG__FIELDS,
};
static const struct field org_fields[] = {
	[ORG_NAME] = {"name", "Naam", FIELD_TEXT, FIELD_REQUIRED | FIELD_WIDE | FIELD_NAME, 150, NULL, "organization"},
	[ORG_INSTITUTION_NUMBER] = {"institution_number", "Instellingsnummer", FIELD_TEXT, FIELD_REQUIRED, 20,
	                            "Het nummer van 6 cijfers van het Departement Onderwijs, bv. 030478.", "off"},
	[ORG_STREET] = {"street", "Straat en nummer", FIELD_TEXT, FIELD_REQUIRED, 150, NULL, "address-line1"},
	[ORG_POSTCODE] = {"postcode", "Postcode", FIELD_NUMBER, FIELD_REQUIRED, 10, NULL, "postal-code"},
	[ORG_CITY] = {"city", "Plaats", FIELD_TEXT, FIELD_REQUIRED, 100, NULL, "address-level2"},
	[ORG_PROVINCE] = {"province", "Provincie", FIELD_SELECT, 0, 60, "Leeg gelaten: volgt uit de postcode.", NULL},
	[ORG_PHONE] = {"phone", "Telefoon", FIELD_TEL, 0, 40, NULL, "tel"},
	[ORG_EMAIL] = {"email", "E-mail", FIELD_EMAIL, 0, 254, "Het algemene adres van de organisatie.", "email"},
	[ORG_CAPACITY] = {"capacity", "Capaciteit per campagne", FIELD_NUMBER, 0, 6,
	                  "Hoeveel leerlingen de dienst per campagne kan opnemen. Leeg: niet opgegeven.", "off"},
	[ORG_AREA_PROVINCES] = {"area_provinces", "Werkgebied: provincies", FIELD_CHECKBOXES, 0, 1000,
	                        "In de eerste ronde ziet de dienst de leerlingen die hier wonen, en wie haar als "
	                        "voorkeur koos.", NULL},
	[ORG_AREA_POSTCODES] = {"area_postcodes", "Werkgebied: postcodes", FIELD_TEXT, FIELD_WIDE, 1000,
	                        "Postcodes of reeksen buiten de aangeduide provincies, gescheiden door komma's, bv. "
	                        "8500-8599, 9000.", "off"},
};
FORM_TABLE(org_fields, ORG__FIELDS);
static const enum org_field school_omits[] = {ORG_CAPACITY, ORG_AREA_PROVINCES, ORG_AREA_POSTCODES, ORG__FIELDS};
static const enum org_field service_omits[] = {ORG_INSTITUTION_NUMBER, ORG__FIELDS};

/* What the screens say about each kind. */
struct org_kind {
	const char *kind;            /* organisations.kind */
	const char *noun;            /* "school", "dienst" */
	const char *new_path;
	const enum org_field *omitted; /* the fields not on its form, up to ORG__FIELDS */
};
static const struct org_kind SCHOOL = {"school", "school", "/beheer/organisaties/nieuw/school", school_omits};
static const struct org_kind SERVICE = {"service", "dienst", "/beheer/organisaties/nieuw/dienst", service_omits};

static void org_form_init(struct form *f, struct arena *a, const struct org_kind *k)
{
	form_init(f, a, org_fields, ORG__FIELDS);
	for (const enum org_field *o = k->omitted; *o != ORG__FIELDS; o++)
		form_omit(f, *o);
}

static const struct option *province_options(struct req *r, bool with_empty)
{
	size_t n = 0;
	while (provinces[n])
		n++;
	struct option *opts = arena_alloc(r->arena, (n + 2) * sizeof *opts);
	size_t k = 0;
	if (with_empty)
		opts[k++] = (struct option){"", "Volgens de postcode"};
	for (size_t i = 0; i < n; i++)
		opts[k++] = (struct option){provinces[i], provinces[i]};
	return opts;
}

/* ---- Areas: "West-Vlaanderen" ticked, "8500-8599, 9000" typed -------------------- */

/* Parses the typed postcodes into areas (appended at areas[*count]); a message or NULL. */
static const char *parse_postcode_ranges(const char *text, struct service_area *areas, size_t *count, size_t max)
{
	const char *p = text;
	while (*p) {
		while (*p == ',' || *p == ';' || isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		char *end;
		long from = strtol(p, &end, 10), to = from;
		const char *q = end;
		while (isspace((unsigned char)*q))
			q++;
		static const char EN_DASH[] = "\xE2\x80\x93";
		bool dash = *q == '-' || strncmp(q, EN_DASH, 3) == 0;
		if (end != p && dash) {
			q += *q == '-' ? 1 : 3;
			to = strtol(q, &end, 10);
			if (end == q)
				return "Schrijf een reeks als 8500-8599: twee postcodes met een streepje ertussen.";
		} else if (end == p) {
			return "Geef postcodes van 4 cijfers in, of reeksen zoals 8500-8599, gescheiden door komma's.";
		}
		if (from < 1000 || from > 9999 || to < 1000 || to > 9999)
			return "Een Belgische postcode heeft 4 cijfers, van 1000 tot 9999.";
		if (to < from)
			return "In een reeks komt de kleinste postcode eerst, bv. 8500-8599.";
		if (*count == max)
			return "Dat zijn te veel reeksen; voeg aansluitende postcodes samen tot één reeks.";
		areas[(*count)++] = (struct service_area){NULL, (int)from, (int)to};
		p = end;
		while (isspace((unsigned char)*p))
			p++;
		if (*p && *p != ',' && *p != ';')
			return "Geef postcodes van 4 cijfers in, of reeksen zoals 8500-8599, gescheiden door komma's.";
	}
	return NULL;
}

/* Fills the area fields of f from the database: the provinces as the checkboxes' value
 * (comma-separated), the postcode ranges as typed ("8500-8599, 9000"). */
static void areas_to_form(struct req *r, struct form *f, long long service_id)
{
	struct buf provs = {0}, codes = {0};
	struct scope s = scope_of(r);
	size_t n;
	const struct service_area *areas = org_areas(&s, service_id, r->arena, &n);
	for (size_t i = 0; i < n; i++) {
		if (areas[i].province) {
			buf_printf(&provs, "%s%s", provs.len ? "," : "", areas[i].province);
			continue;
		}
		buf_puts(&codes, codes.len ? ", " : "");
		if (areas[i].postcode_from == areas[i].postcode_to)
			buf_printf(&codes, "%d", areas[i].postcode_from);
		else
			buf_printf(&codes, "%d-%d", areas[i].postcode_from, areas[i].postcode_to);
	}
	form_set(f, ORG_AREA_PROVINCES, provs.data);
	form_set(f, ORG_AREA_POSTCODES, codes.data);
	buf_free(&provs);
	buf_free(&codes);
}

/* The areas a service covers, in words, for the list. */
static const char *areas_text(struct req *r, long long service_id)
{
	struct form f;
	org_form_init(&f, r->arena, &SERVICE);
	areas_to_form(r, &f, service_id);
	const char *provs = form_value(&f, ORG_AREA_PROVINCES), *codes = form_value(&f, ORG_AREA_POSTCODES);
	struct buf b = {0};
	for (const char *s = provs; *s; s++) {
		buf_putc(&b, *s);
		if (*s == ',')
			buf_putc(&b, ' ');
	}
	if (*codes)
		buf_printf(&b, "%spostcodes %s", b.len ? "; " : "", codes);
	char *text = arena_strdup(r->arena, b.data ? b.data : "—");
	buf_free(&b);
	return text;
}

/* ---- The list -------------------------------------------------------------------- */

static void org_table(struct req *r, const struct org_kind *k)
{
	struct buf *out = &r->body;
	bool school = k == &SCHOOL;
	html(out, "<section class=\"card\"><div class=\"toolbar\"><h2 id=\"h-%s\">%s</h2>"
	          "<span class=\"spacer\"></span><a class=\"btn btn-add\" href=\"%s\">+ %s toevoegen</a></div>",
	     k->kind, school ? "Scholen" : "Diensten", k->new_path, school ? "School" : "Dienst");
	struct scope s = scope_of(r);
	size_t n;
	const struct org_row *rows = org_list(&s, k->kind, r->arena, &n);
	if (!n) {
		html(out, "<p class=\"empty\">Nog geen %s.</p></section>", school ? "scholen" : "diensten");
		return;
	}
	html(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"h-%s\"><table><thead><tr>"
	          "<th scope=\"col\">Naam</th>", k->kind);
	if (school)
		html(out, "<th scope=\"col\">Instellingsnummer</th>");
	html(out, "<th scope=\"col\">Plaats</th><th scope=\"col\">Provincie</th>");
	if (!school)
		html(out, "<th scope=\"col\">Werkgebied</th><th scope=\"col\" class=\"num\">Capaciteit</th>");
	html(out, "<th scope=\"col\" class=\"num\">Gebruikers</th><th scope=\"col\">Status</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html(out, "<tr><th scope=\"row\"><a href=\"/beheer/organisaties/%lld\">%s</a></th>", rows[i].id, rows[i].fields.name);
		if (school)
			html(out, "<td>%s</td>", rows[i].fields.institution_number);
		html(out, "<td>%s</td><td>%s</td>", rows[i].fields.city, rows[i].fields.province);
		if (!school) {
			html(out, "<td>%s</td>", areas_text(r, rows[i].id));
			if (rows[i].fields.capacity)
				html(out, "<td class=\"num\">%lld</td>", rows[i].fields.capacity);
			else
				html(out, "<td class=\"num\">—</td>");
		}
		html(out, "<td class=\"num\">%lld</td><td>%s</td></tr>", rows[i].users,
		     rows[i].active ? "Actief" : "Gedeactiveerd");
	}
	html(out, "</tbody></table></div></section>");
}

void admin_orgs_list(struct req *r)
{
	page_begin(r, "Scholen en diensten");
	html(&r->body, "<h1>Scholen en diensten</h1><p class=\"lead\">De gebruikers van een gedeactiveerde school "
	               "of dienst kunnen niet inloggen; haar gegevens blijven bewaard.</p>");
	org_table(r, &SCHOOL);
	org_table(r, &SERVICE);
	page_end(r);
}

/* ---- The form -------------------------------------------------------------------- */

static const struct org_kind *kind_of(const char *kind)
{
	return strcmp(kind, "school") == 0 ? &SCHOOL : &SERVICE;
}

static void render_org_form(struct req *r, const struct org_kind *k, struct form *f, long long id, bool active)
{
	const char *title = id ? form_value(f, ORG_NAME) : k == &SCHOOL ? "Nieuwe school" : "Nieuwe dienst";
	page_begin(r, *title ? title : "Organisatie");
	struct buf *out = &r->body;
	html(out, "<p><a href=\"/beheer/organisaties\">← Scholen en diensten</a></p><h1>%s</h1>", *title ? title : "—");
	if (id && !active)
		html(out, "<div class=\"alert alert-warn\" role=\"status\"><p>Deze %s is gedeactiveerd: haar gebruikers "
		          "kunnen niet inloggen.</p></div>",
		     k->noun);
	html(out, "<div class=\"card\">");
	form_begin(out, r, f, id ? arena_printf(r->arena, "/beheer/organisaties/%lld", id) : k->new_path);
	for (int i = 0; i < ORG__FIELDS; i++) {
		const struct option *opts = NULL;
		if (i == ORG_PROVINCE)
			opts = province_options(r, true);
		else if (i == ORG_AREA_PROVINCES)
			opts = province_options(r, false);
		form_field(out, f, i, opts);
	}
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Opslaan</button>"
	          "<a href=\"/beheer/organisaties\">Annuleren</a></div>");
	form_end(out);
	html(out, "</div>");
	if (id && k == &SERVICE) {
		html(out, "<section class=\"card\"><h2>Campagnes</h2>");
		struct scope s = scope_of(r);
		size_t n;
		const struct org_campaign *c = org_service_campaigns(&s, id, r->arena, &n);
		for (size_t i = 0; i < n; i++)
			html(out, i ? ", <a href=\"/beheer/campagnes/%lld\">%s %s</a>"
			            : "<p>Neemt deel aan <a href=\"/beheer/campagnes/%lld\">%s %s</a>",
			     c[i].campaign_id, c[i].programme, c[i].school_year);
		html(out, n ? ".</p>" : "<p>Neemt aan geen enkele campagne deel.</p>");
		html(out, "<p class=\"muted\">Welke diensten deelnemen, duid je aan bij de campagne.</p></section>");
		places_admin_section(r, id);
	}
	if (id) {
		html(out, "<section class=\"card\"><h2>%s</h2>", active ? "Deactiveren" : "Opnieuw activeren");
		html(out, "<form method=\"post\" action=\"/beheer/organisaties/%lld/%s\">", id,
		     active ? "deactiveren" : "activeren");
		form_csrf(out, r);
		if (active)
			html(out, "<p>Na het deactiveren kunnen de gebruikers van deze %s niet meer inloggen. Je kan haar "
			          "later opnieuw activeren.</p><button type=\"submit\" class=\"btn btn-danger\">Deactiveer "
			          "deze %s</button>",
			     k->noun, k->noun);
		else
			html(out, "<p>Na het activeren kunnen de gebruikers van deze %s weer inloggen.</p><button "
			          "type=\"submit\" class=\"btn\">Activeer deze %s</button>",
			     k->noun, k->noun);
		html(out, "</form></section>");
	}
	page_end(r);
}

/* Validates f into o (strings in the arena) and, for services, areas. */
static void org_from_form(struct req *r, const struct org_kind *k, struct form *f, long long id,
                          struct org_fields *o, struct service_area *areas, size_t *n_areas, size_t max_areas)
{
	*o = (struct org_fields){.kind = k->kind, .name = form_value(f, ORG_NAME), .street = form_value(f, ORG_STREET),
	                         .city = form_value(f, ORG_CITY)};
	int postcode = 0;
	const char *problem;
	if (!form_error_of(f, ORG_POSTCODE) && (problem = validate_postcode(form_value(f, ORG_POSTCODE), &postcode)))
		form_error(f, ORG_POSTCODE, problem);
	if (postcode)
		form_set(f, ORG_POSTCODE, arena_printf(r->arena, "%d", postcode));
	o->postcode = form_value(f, ORG_POSTCODE);
	o->province = form_value(f, ORG_PROVINCE);
	if (*o->province && !province_known(o->province))
		form_error(f, ORG_PROVINCE, "Kies een provincie uit de lijst.");
	else if (!*o->province && postcode && !(o->province = postcode_province(postcode)))
		form_error(f, ORG_PROVINCE, "Kies de provincie: ze volgt niet uit deze postcode.");
	if (postcode && o->province)
		form_set(f, ORG_PROVINCE, o->province);

	char phone[24], email[255];
	if (*form_value(f, ORG_PHONE) && !form_error_of(f, ORG_PHONE)) {
		if ((problem = validate_phone(form_value(f, ORG_PHONE), phone, sizeof phone)))
			form_error(f, ORG_PHONE, problem);
		else
			form_set(f, ORG_PHONE, phone);
	}
	o->phone = form_value(f, ORG_PHONE);
	if (*form_value(f, ORG_EMAIL) && !form_error_of(f, ORG_EMAIL)) {
		if ((problem = validate_email(form_value(f, ORG_EMAIL), email, sizeof email)))
			form_error(f, ORG_EMAIL, problem);
		else
			form_set(f, ORG_EMAIL, email);
	}
	o->email = form_value(f, ORG_EMAIL);

	if (k == &SCHOOL && !form_error_of(f, ORG_INSTITUTION_NUMBER)) {
		char digits[8];
		size_t n = 0;
		bool ok = true;
		for (const char *s = form_value(f, ORG_INSTITUTION_NUMBER); *s && ok; s++)
			if (isdigit((unsigned char)*s))
				ok = n < 6 ? (digits[n++] = *s, true) : false;
			else if (*s != ' ' && *s != '.')
				ok = false;
		if (!ok || n < 5) {
			form_error(f, ORG_INSTITUTION_NUMBER, "Geef het instellingsnummer in: 6 cijfers, bv. 030478.");
		} else {
			digits[n] = 0;
			const char *number = arena_printf(r->arena, "%06d", atoi(digits));
			form_set(f, ORG_INSTITUTION_NUMBER, number);
			struct scope s = scope_of(r);
			const char *other = org_school_with_number(&s, number, id, r->arena);
			if (other)
				form_error(f, ORG_INSTITUTION_NUMBER,
				           arena_printf(r->arena, "Dit instellingsnummer heeft al een andere school: %s.", other));
		}
		o->institution_number = form_value(f, ORG_INSTITUTION_NUMBER);
	}
	if (k != &SERVICE)
		return;
	long capacity = 0;
	if (*form_value(f, ORG_CAPACITY) && !form_error_of(f, ORG_CAPACITY) &&
	    (problem = validate_int(form_value(f, ORG_CAPACITY), 1, 10000, &capacity)))
		form_error(f, ORG_CAPACITY, problem);
	o->capacity = capacity;
	*n_areas = 0;
	if (!form_error_of(f, ORG_AREA_PROVINCES))
		for (size_t i = 0; provinces[i]; i++)
			if (form_has_choice(f, ORG_AREA_PROVINCES, provinces[i]) && *n_areas < max_areas)
				areas[(*n_areas)++] = (struct service_area){provinces[i], 0, 0};
	if (!form_error_of(f, ORG_AREA_POSTCODES) &&
	    (problem = parse_postcode_ranges(form_value(f, ORG_AREA_POSTCODES), areas, n_areas, max_areas)))
		form_error(f, ORG_AREA_POSTCODES, problem);
	if (form_ok(f) && *n_areas == 0)
		form_error(f, ORG_AREA_PROVINCES,
		           "Duid minstens één provincie aan of geef postcodes in: zonder werkgebied ziet de dienst in de "
		           "eerste ronde enkel de leerlingen die haar als voorkeur kozen.");
}

#define MAX_AREAS 64

/* Saves a new (id 0) or existing organisation from the posted form, or shows the form
 * again with its messages. */
static void save_org(struct req *r, const struct org_kind *k, long long id, bool active)
{
	bool creating = id == 0;
	struct form f;
	org_form_init(&f, r->arena, k);
	form_read(&f, r);
	struct org_fields o;
	struct service_area areas[MAX_AREAS];
	size_t n_areas = 0;
	org_from_form(r, k, &f, id, &o, areas, &n_areas, MAX_AREAS);
	if (!form_ok(&f)) {
		render_org_form(r, k, &f, id, active);
		return;
	}
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	struct scope s = scope_of(r);
	bool ok = id ? org_update(&s, id, &o) == DB_DONE : (id = org_create(&s, &o)) != 0;
	if (ok && k == &SERVICE)
		ok = org_set_areas(&s, id, areas, n_areas) == DB_DONE;
	ok = ok && audit(r, creating ? "org_create" : "org_update", 0,
	                 arena_printf(r->arena, "organisation=%lld kind=%s", id, k->kind));
	if (!ok || db_commit() != DB_DONE)
		goto fail;
	flash_set(r, arena_printf(r->arena, "%s is bewaard.", o.name));
	resp_redirect(r, "/beheer/organisaties");
	return;
fail:
	db_rollback();
	form_save_failed(r, &f);
	render_org_form(r, k, &f, creating ? 0 : id, active);
}

static void new_form(struct req *r, const struct org_kind *k)
{
	struct form f;
	org_form_init(&f, r->arena, k);
	render_org_form(r, k, &f, 0, true);
}

void admin_school_new(struct req *r) { new_form(r, &SCHOOL); }
void admin_service_new(struct req *r) { new_form(r, &SERVICE); }
void admin_school_create(struct req *r) { save_org(r, &SCHOOL, 0, true); }
void admin_service_create(struct req *r) { save_org(r, &SERVICE, 0, true); }

/* Loads organisation id into f (when given); its kind, or NULL (404 sent) when unknown. */
static const struct org_kind *load_org(struct req *r, long long id, struct form *f, bool *active, const char **name)
{
	struct scope s = scope_of(r);
	struct org_row o;
	if (!org_get(&s, id, r->arena, &o)) {
		resp_not_found(r);
		return NULL;
	}
	const struct org_kind *k = kind_of(o.fields.kind);
	*active = o.active;
	*name = o.fields.name;
	if (f) {
		org_form_init(f, r->arena, k);
		form_set(f, ORG_NAME, o.fields.name);
		form_set(f, ORG_INSTITUTION_NUMBER, o.fields.institution_number);
		form_set(f, ORG_STREET, o.fields.street);
		form_set(f, ORG_POSTCODE, o.fields.postcode);
		form_set(f, ORG_CITY, o.fields.city);
		form_set(f, ORG_PROVINCE, o.fields.province);
		form_set(f, ORG_PHONE, o.fields.phone);
		form_set(f, ORG_EMAIL, o.fields.email);
		if (o.fields.capacity)
			form_set(f, ORG_CAPACITY, arena_printf(r->arena, "%lld", o.fields.capacity));
	}
	if (f && k == &SERVICE)
		areas_to_form(r, f, id);
	return k;
}

void admin_org_edit(struct req *r)
{
	struct form f;
	bool active;
	const char *name;
	const struct org_kind *k = load_org(r, req_id(r, 0), &f, &active, &name);
	if (k)
		render_org_form(r, k, &f, req_id(r, 0), active);
}

void admin_org_save(struct req *r)
{
	bool active;
	const char *name;
	const struct org_kind *k = load_org(r, req_id(r, 0), NULL, &active, &name);
	if (k)
		save_org(r, k, req_id(r, 0), active);
}

static void set_active(struct req *r, bool active)
{
	long long id = req_id(r, 0);
	bool was;
	const char *name;
	if (!load_org(r, id, NULL, &was, &name))
		return;
	if (db_begin() != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	struct scope s = scope_of(r);
	if (org_set_active(&s, id, active) != DB_DONE)
		goto fail;
	if (!active) /* at once, and for good: reactivating brings no old cookie back */
		session_end_organisation(id);
	audit(r, active ? "org_activate" : "org_deactivate", 0, arena_printf(r->arena, "organisation=%lld", id));
	if (db_commit() != DB_DONE)
		goto fail;
	flash_set(r, arena_printf(r->arena,
	                          active ? "%s is opnieuw actief: de gebruikers kunnen weer inloggen."
	                                 : "%s is gedeactiveerd: de gebruikers kunnen niet meer inloggen.",
	                          name));
	resp_redirect(r, arena_printf(r->arena, "/beheer/organisaties/%lld", id));
	return;
fail:
	db_rollback();
	resp_error(r, 500, NULL);
}

void admin_org_deactivate(struct req *r) { set_active(r, false); }
void admin_org_activate(struct req *r) { set_active(r, true); }
