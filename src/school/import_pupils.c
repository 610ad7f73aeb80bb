/*
 * "Importeer leerlingen": a school uploads the pupil list its administration package
 * exports (CSV, .xlsx or .xls), sees every row checked by the pupil form's own rules, sets
 * once what the file lacks (contact, stagevorm, periods, hours) and imports the valid rows
 * in one transaction.
 *
 *   GET/POST /opleidingen/{code}/importeren  upload page; the file is read (src/import/) and
 *                                            kept sealed in pending_imports, for this user
 *   GET      /importen/{id}?kolom_3=...      preview: mapping and common values in the URL
 *   POST     /importen/{id}                  import: everything checked again, inside the
 *                                            transaction; the pending file is removed
 *   POST     /importen/{id}/annuleren        removes the pending file
 *
 * The rows go through student_form_check() and the form's national-number rule
 * (student_national_number_check), so a row is valid exactly when the form would save it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "campaigns.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "domain.h"
#include "export.h"
#include "html.h"
#include "import/columns.h"
#include "import/table.h"
#include "layout.h"
#include "pupils.h"
#include "schools.h"
#include "student_form.h"
#include "validate.h"

#define PENDING_SECONDS 3600

/* The internship fields a school can set once for every row (the file's own value wins). */
static const enum student_field common_fields[] = {
	STUDENT_CONTACT_ID, STUDENT_FORMAT, STUDENT_PERIOD_COUNT, STUDENT_HOURS_PER_WEEK, STUDENT_TOTAL_HOURS,
	STUDENT_P1_START, STUDENT_P1_END, STUDENT_P2_START, STUDENT_P2_END, STUDENT_P3_START, STUDENT_P3_END,
	STUDENT_P4_START, STUDENT_P4_END, STUDENT_TRANSPORT, STUDENT_PREFERENCE,
};
#define N_COMMON (sizeof common_fields / sizeof common_fields[0])

/* The pupil form's fields in its order: the preview's columns follow it. */
static const enum student_field shown_order[] = {
	STUDENT_FIRST_NAME, STUDENT_LAST_NAME, STUDENT_NATIONAL_NUMBER, STUDENT_STREET, STUDENT_POSTCODE,
	STUDENT_CITY, STUDENT_PROVINCE, STUDENT_PHONE, STUDENT_EMAIL, STUDENT_TRANSPORT, STUDENT_REMARKS,
	STUDENT_CONTACT_ID, STUDENT_FORMAT, STUDENT_PERIOD_COUNT, STUDENT_HOURS_PER_WEEK, STUDENT_TOTAL_HOURS,
	STUDENT_P1_START, STUDENT_P1_END, STUDENT_P2_START, STUDENT_P2_END, STUDENT_P3_START, STUDENT_P3_END,
	STUDENT_P4_START, STUDENT_P4_END, STUDENT_REQUEST_REMARKS, STUDENT_PREFERENCE,
};
#define N_SHOWN (sizeof shown_order / sizeof shown_order[0])

struct pending {
	long long id;
	struct campaign campaign;
	const char *file_name;
	const char *data;
	size_t len;
};

struct row {
	struct form f;
	bool ok;
	struct student_record rec;
};

/* One file checked against the rules with the school's choices. */
struct check {
	struct req *r;
	const struct campaign *c;
	struct student_choices ch;
	struct import_table t;
	enum import_column *map;          /* per column of the file */
	bool recognised[IMPORT_MAX_COLS]; /* by its header (no select needed) */
	bool from_file[N_SHOWN];          /* a form field the file fills */
	struct form common;               /* the values set once */
	struct row *rows;                 /* t.rows - 1: the header row is not a pupil */
	size_t row_count, valid;
};

/* ---- Reading the choices ------------------------------------------------------------ */

/* The common fields: the pupil form's own declarations, none required here. The form's
 * fields are indexed by their place in common_fields. */
static void common_init(struct form *f, struct arena *a)
{
	struct field *fields = arena_alloc(a, N_COMMON * sizeof *fields);
	for (size_t i = 0; i < N_COMMON; i++) {
		fields[i] = *student_form_field(common_fields[i]);
		fields[i].flags &= ~(unsigned)FIELD_REQUIRED;
		fields[i].help = NULL;
	}
	form_init(f, a, fields, N_COMMON);
}

static int shown_index(int field)
{
	for (size_t i = 0; i < N_SHOWN; i++)
		if ((int)shown_order[i] == field)
			return (int)i;
	return -1;
}

/* The form field a column fills (house number and box fill the street). */
static int field_of(enum import_column c)
{
	if (c == COLUMN_HOUSE_NUMBER || c == COLUMN_BOX)
		return STUDENT_STREET;
	return student_form_field_named(import_columns[c].key);
}

/* Each column's meaning: recognised from its header, or chosen in the select "kolom_N". */
static void map_columns(struct check *k, const struct params *in)
{
	k->map = arena_alloc(k->r->arena, (k->t.cols ? k->t.cols : 1) * sizeof *k->map);
	bool taken[COLUMN_COUNT] = {false};
	for (size_t col = 0; col < k->t.cols; col++) {
		enum import_column c = import_column_recognise(import_cell(&k->t, 0, col));
		if (c != COLUMN_NONE && !taken[c]) {
			k->map[col] = c;
			k->recognised[col] = taken[c] = true;
		}
	}
	for (size_t col = 0; col < k->t.cols; col++) {
		if (k->recognised[col])
			continue;
		enum import_column c = import_column_by_key(params_get(in, arena_printf(k->r->arena, "kolom_%zu", col)));
		if (c != COLUMN_NONE && !taken[c]) {
			k->map[col] = c;
			taken[c] = true;
		}
	}
	for (size_t col = 0; col < k->t.cols; col++)
		if (k->map[col] != COLUMN_NONE)
			k->from_file[shown_index(field_of(k->map[col]))] = true;
}

/* ---- Turning a row into the form's values -------------------------------------------- */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* "Fiets, openbaar vervoer" -> "fiets,openbaar-vervoer"; what is no means of transport stays,
 * so that the form's rule names it. */
static const char *transport_from_text(struct arena *a, const char *text)
{
	struct buf b = {0};
	char *copy = arena_strdup(a, text), *save = NULL;
	for (char *tok = strtok_r(copy, ",;/+", &save); tok; tok = strtok_r(NULL, ",;/+", &save)) {
		while (*tok == ' ')
			tok++;
		size_t n = strlen(tok);
		while (n && tok[n - 1] == ' ')
			tok[--n] = 0;
		if (!n)
			continue;
		const char *value = tok;
		for (const struct transport_kind *t = transport_kinds; t->bit; t++)
			if (strcasecmp(tok, t->label) == 0 || strcasecmp(tok, t->value) == 0)
				value = t->value;
		if (b.len)
			buf_putc(&b, ',');
		buf_puts(&b, value);
	}
	const char *s = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* The value as the form's selects spell it (case aside): "Blok" -> "blok". */
static const char *listed_spelling(const char *value, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcasecmp(list[i], value) == 0)
			return list[i];
	return value;
}

/*
 * A cell as the form would have received it. Spreadsheets drop a leading zero of what
 * they take for a number: a national number of a pupil born in 2008 ("08...") arrives with
 * 10 digits, a mobile number as 470123456; both get their zero back.
 */
static const char *cell_as_typed(struct arena *a, enum import_column c, const char *v)
{
	switch (c) {
	case COLUMN_NATIONAL_NUMBER:
		return all_digits(v) && strlen(v) == 10 ? arena_printf(a, "0%s", v) : v;
	case COLUMN_PHONE:
		return all_digits(v) && (strlen(v) == 8 || strlen(v) == 9) && v[0] != '0' ? arena_printf(a, "0%s", v) : v;
	case COLUMN_TRANSPORT:
		return transport_from_text(a, v);
	case COLUMN_FORMAT:
		return listed_spelling(v, internship_formats);
	case COLUMN_PROVINCE:
		return listed_spelling(v, provinces);
	default:
		return v;
	}
}

/* The posted-form equivalent of data row i: the file's cells, then the common values. */
static void row_values(struct check *k, size_t i, struct params *out)
{
	struct arena *a = k->r->arena;
	const char *street = "", *number = "", *box = "";
	for (size_t col = 0; col < k->t.cols; col++) {
		enum import_column c = k->map[col];
		const char *v = import_cell(&k->t, i + 1, col);
		if (c == COLUMN_NONE || !*v)
			continue;
		v = cell_as_typed(a, c, v);
		if (c == COLUMN_STREET)
			street = v;
		else if (c == COLUMN_HOUSE_NUMBER)
			number = v;
		else if (c == COLUMN_BOX)
			box = v;
		else
			params_add(a, out, import_columns[c].key, v, strlen(v));
	}
	if (*street || *number || *box) {
		const char *joined = arena_printf(a, "%s%s%s%s%s", street, *number ? " " : "", number, *box ? " bus " : "", box);
		params_add(a, out, "street", joined, strlen(joined));
	}
	for (size_t n = 0; n < N_COMMON; n++) {
		const char *v = form_value(&k->common, (int)n), *name = student_form_field(common_fields[n])->name;
		if (*v && !params_get(out, name)) {
			if (common_fields[n] == STUDENT_TRANSPORT) { /* a checkbox value per means */
				char *copy = arena_strdup(a, v), *save = NULL;
				for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
					params_add(a, out, "transport", tok, strlen(tok));
			} else {
				params_add(a, out, name, v, strlen(v));
			}
		}
	}
}

/* ---- The rules ------------------------------------------------------------------------ */

struct numbered { char digits[12]; size_t row; };

static int by_digits(const void *a, const void *b)
{
	const struct numbered *x = a, *y = b;
	int c = strcmp(x->digits, y->digits);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* The same national number twice in the file: both rows say where the other one is. */
static void check_within_file(struct check *k, char (*digits)[12])
{
	struct numbered *list = arena_alloc(k->r->arena, (k->row_count + 1) * sizeof *list);
	size_t n = 0;
	for (size_t i = 0; i < k->row_count; i++)
		if (digits[i][0]) {
			memcpy(list[n].digits, digits[i], 12);
			list[n++].row = i;
		}
	qsort(list, n, sizeof *list, by_digits);
	for (size_t i = 0; i + 1 < n; i++) {
		if (strcmp(list[i].digits, list[i + 1].digits) != 0)
			continue;
		size_t a = list[i].row, b = list[i + 1].row;
		form_error(&k->rows[a].f, STUDENT_NATIONAL_NUMBER,
		           arena_printf(k->r->arena, "Dit rijksregisternummer staat ook in rij %zu van het bestand.",
		                        k->t.line[b + 1]));
		form_error(&k->rows[b].f, STUDENT_NATIONAL_NUMBER,
		           arena_printf(k->r->arena, "Dit rijksregisternummer staat ook in rij %zu van het bestand.",
		                        k->t.line[a + 1]));
		digits[a][0] = digits[b][0] = 0;
	}
}

/* Checks every data row with the form's rules; k->valid counts the rows the form would save. */
static void check_rows(struct check *k)
{
	struct arena *a = k->r->arena;
	int year = school_year_start(k->c->school_year);
	k->row_count = k->t.rows ? k->t.rows - 1 : 0;
	k->rows = arena_alloc(a, (k->row_count + 1) * sizeof *k->rows);
	char (*digits)[12] = arena_alloc(a, (k->row_count + 1) * sizeof *digits);
	for (size_t i = 0; i < k->row_count; i++) {
		struct row *row = &k->rows[i];
		struct params in = {0};
		row_values(k, i, &in);
		student_form_init(&row->f, a);
		form_read_params(&row->f, &in);
		student_form_check(&row->f, &k->ch, year, &row->rec);
		if (!form_error_of(&row->f, STUDENT_NATIONAL_NUMBER) &&
		    validate_national_number(form_value(&row->f, STUDENT_NATIONAL_NUMBER), digits[i]) != NULL)
			digits[i][0] = 0;
	}
	check_within_file(k, digits);
	for (size_t i = 0; i < k->row_count; i++) {
		struct row *row = &k->rows[i];
		if (digits[i][0] && !form_error_of(&row->f, STUDENT_NATIONAL_NUMBER)) {
			struct student_record probe = {.campaign_id = k->c->id, .national_number = digits[i]};
			student_national_number_check(k->r, &row->f, &probe);
		}
		row->ok = form_ok(&row->f);
		if (row->ok) {
			row->rec.campaign_id = k->c->id;
			row->rec.school_id = k->r->user->org_id;
			k->valid++;
		}
	}
}

/* Reads the pending file and checks it with the choices in `in` (the URL or the posted form).
 * NULL, or the reader's message (a file that read at upload always reads again). */
static const char *check_file(struct check *k, struct req *r, const struct pending *p, const struct params *in)
{
	memset(k, 0, sizeof *k);
	k->r = r;
	k->c = &p->campaign;
	student_choices_load(r, &p->campaign, &k->ch);
	const char *problem = import_table_read(r->arena, p->data, p->len, &k->t);
	if (problem)
		return problem;
	common_init(&k->common, r->arena);
	form_read_params(&k->common, in);
	map_columns(k, in);
	check_rows(k);
	return NULL;
}

/* ---- Pending files -------------------------------------------------------------------- */

/* The user's own pending import of the URL, opened; false (and a 404) otherwise. */
static bool pending_load(struct req *r, struct pending *p)
{
	memset(p, 0, sizeof *p);
	struct pupil_import_pending sealed;
	char *data = NULL;
	if (pupil_import_pending_get(scope_of(r), r->arena, req_id(r, 0), clock_now(), &sealed)) {
		p->id = sealed.id;
		p->file_name = sealed.file_name;
		data = secret_open(sealed.box, sealed.box_len, &p->len);
	}
	if (data) {
		p->data = arena_strndup(r->arena, data, p->len);
		sodium_memzero(data, p->len);
		free(data);
	}
	if (!data || !campaign_load(sealed.campaign_id, &p->campaign)) {
		resp_not_found(r);
		return false;
	}
	return true;
}

/* ---- Pages ---------------------------------------------------------------------------- */

static const char *overview_href(struct req *r, const struct campaign *c)
{
	return arena_printf(r->arena, "/opleidingen/%s", c->programme_code);
}

static const char *closed_notice(struct req *r, const struct campaign *c)
{
	char *buf = arena_alloc(r->arena, 400);
	return campaign_registration_notice(c, clock_now(), buf, 400);
}

static void page_top(struct req *r, const struct campaign *c, const char *title)
{
	page_begin(r, title);
	html(&r->body, "<p class=\"back\"><a href=\"%s\">Terug naar het overzicht studenten</a></p><h1>%s</h1>"
	               "<p class=\"lead\">%s – schooljaar %s</p>",
	     overview_href(r, c), title, c->programme_name, c->school_year);
}

static void render_upload(struct req *r, const struct campaign *c, const char *error)
{
	page_top(r, c, "Importeer leerlingen");
	struct buf *out = &r->body;
	const char *notice = closed_notice(r, c);
	if (notice) {
		html(out, "<div class=\"alert alert-warn\" role=\"status\"><p>%s</p></div>", notice);
		page_end(r);
		return;
	}
	html(out, "<div class=\"card\"><p>Exporteer de leerlingen uit je administratiepakket (Smartschool, Informat, "
	          "Wisa, …) als Excel (.xlsx of .xls) of CSV, met bovenaan een rij met kolomnamen zoals Voornaam, "
	          "Naam, Rijksregisternummer, Straat, Huisnummer, Postcode, Gemeente, GSM en E-mail. Je krijgt eerst "
	          "een voorbeeld met elke rij en wat er nog ontbreekt; er wordt niets bewaard voor je op "
	          "'Importeer' klikt.</p><p>Wil je zelf een lijst maken? Vertrek dan van het sjabloon: "
	          "<a href=\"/importeren/sjabloon.xlsx\" download>sjabloon (Excel)</a> of "
	          "<a href=\"/importeren/sjabloon.csv\" download>sjabloon (CSV)</a>.</p>");
	html(out, "<form method=\"post\" action=\"/opleidingen/%s/importeren\" enctype=\"multipart/form-data\" "
	          "class=\"form\" novalidate>",
	     c->programme_code);
	form_csrf(out, r);
	if (error)
		html(out, "<div class=\"alert alert-error\" role=\"alert\" tabindex=\"-1\" id=\"fouten\"><p><strong>Het "
		          "bestand is niet gelezen.</strong> <a href=\"#f-bestand\">%s</a></p></div>",
		     error);
	html(out, "<div class=\"field wide%s\"><label for=\"f-bestand\">Bestand met leerlingen <span class=\"req\" "
	          "aria-hidden=\"true\">*</span></label><p class=\"help\" id=\"h-bestand\">CSV, .xlsx of .xls, "
	          "hoogstens 10 MB.</p>",
	     error ? " has-error" : "");
	if (error)
		html(out, "<p class=\"error\" id=\"e-bestand\">%s</p>", error);
	html(out, "<input id=\"f-bestand\" name=\"bestand\" type=\"file\" accept=\".csv,.xlsx,.xls,text/csv\" "
	          "required aria-required=\"true\"");
	if (error)
		html(out, " aria-invalid=\"true\" aria-describedby=\"h-bestand e-bestand\"></div>");
	else
		html(out, " aria-describedby=\"h-bestand\"></div>");
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Bestand lezen</button>"
	          "<a href=\"%s\">Annuleren</a></div></form></div>",
	     overview_href(r, c));
	page_end(r);
}

/* The campaign of the {code} in the URL (latest school year); false after a 404. */
static bool campaign_of_url(struct req *r, struct campaign *c)
{
	const struct programme_def *d = programme_find(r->slug);
	if (d && campaign_latest_for_programme(d->code, c))
		return true;
	resp_not_found(r);
	return false;
}

void import_upload_show(struct req *r)
{
	struct campaign c;
	if (campaign_of_url(r, &c))
		render_upload(r, &c, NULL);
}

/* The uploaded file, sealed, kept for the preview and the import (one transaction). */
struct parking {
	struct req *r;
	long long campaign_id, id;
	const char *file_name;
	unsigned char *box;
	size_t box_len;
	bool began;
};

static int park_file(void *ctx)
{
	struct parking *k = ctx;
	long long now = clock_now();
	k->began = true;
	k->id = pupil_import_park(scope_of(k->r), k->campaign_id, k->file_name, k->box, k->box_len, now,
	                          now + PENDING_SECONDS);
	return k->id ? DB_DONE : DB_ERROR;
}

void import_upload(struct req *r)
{
	struct campaign c;
	if (!campaign_of_url(r, &c))
		return;
	if (closed_notice(r, &c)) {
		r->status = 403;
		render_upload(r, &c, NULL);
		return;
	}
	const struct param *part = NULL;
	for (size_t i = 0; !part && i < r->files.count; i++)
		if (strcmp(r->files.items[i].name, "bestand") == 0)
			part = &r->files.items[i];
	struct import_table t;
	const char *problem = !part || part->len == 0 ? "Kies het bestand met de leerlingen."
	                                              : import_table_read(r->arena, part->value, part->len, &t);
	if (!problem && t.rows < 2)
		problem = "Het bestand bevat enkel een rij met kolomnamen en nog geen leerlingen. Vul de leerlingen aan en "
		          "probeer opnieuw.";
	if (problem) {
		r->status = 422;
		render_upload(r, &c, problem);
		return;
	}
	struct parking park = {.r = r, .campaign_id = c.id,
	                       .file_name = part->filename && *part->filename ? part->filename : "bestand"};
	park.box = secret_seal(part->value, part->len, &park.box_len);
	int rc = park.box ? db_tx(park_file, &park) : DB_ERROR;
	free(park.box);
	if (rc != DB_DONE) {
		resp_error(r, park.began ? 500 : 503, NULL);
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/importen/%lld", park.id));
}

/* What the preview's import form must send again: the choices shown. */
static void hidden_choices(struct buf *out, const struct params *in)
{
	for (size_t i = 0; i < in->count; i++) {
		const char *n = in->items[i].name;
		bool keep = strncmp(n, "kolom_", 6) == 0;
		for (size_t k = 0; !keep && k < N_COMMON; k++)
			keep = strcmp(n, student_form_field(common_fields[k])->name) == 0;
		if (keep)
			html(out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", n, in->items[i].value);
	}
}

/* The mapping step: what each column becomes, a select where the header was not recognised. */
static void render_columns(struct buf *out, const struct check *k)
{
	html(out, "<h2 id=\"kolommen\">Kolommen</h2><p class=\"wide\">Kolommen met een gekende naam worden vanzelf "
	          "herkend. Kies voor de andere wat ze bevatten, of 'niet importeren'.</p><div class=\"table-wrap wide\" tabindex=\"0\" role=\"region\" "
	          "aria-labelledby=\"kolommen\"><table>"
	          "<caption class=\"visually-hidden\">Kolommen van het bestand</caption><thead><tr><th scope=\"col\">"
	          "Kolom</th><th scope=\"col\">Wordt</th></tr></thead><tbody>");
	for (size_t col = 0; col < k->t.cols; col++) {
		char letters[4];
		import_column_name(col, letters);
		const char *header = import_cell(&k->t, 0, col);
		html(out, "<tr><th scope=\"row\">%s: %s</th><td>", letters, *header ? header : "(geen naam)");
		if (k->recognised[col]) {
			int field = student_form_field_named(import_columns[k->map[col]].key);
			html(out, "%s", field >= 0 ? student_form_field(field)->label : import_columns[k->map[col]].header);
		} else {
			html(out, "<label class=\"visually-hidden\" for=\"kolom_%zu\">Kolom %s wordt</label>"
			          "<select id=\"kolom_%zu\" name=\"kolom_%zu\"><option value=\"\">niet importeren</option>",
			     col, letters, col, col);
			for (int c = 1; c < COLUMN_COUNT; c++) {
				int field = student_form_field_named(import_columns[c].key);
				html(out, k->map[col] == (enum import_column)c ? "<option value=\"%s\" selected>%s</option>"
				                                                : "<option value=\"%s\">%s</option>",
				     import_columns[c].key, field >= 0 ? student_form_field(field)->label : import_columns[c].header);
			}
			html(out, "</select>");
		}
		html(out, "</td></tr>");
	}
	html(out, "</tbody></table></div>");
}

static void render_common(struct buf *out, struct check *k)
{
	html(out, "<h2 id=\"voor-allen\">Voor alle leerlingen</h2><p class=\"wide\">Wat het bestand niet bevat, vul je hier één keer "
	          "in voor alle rijen. Een waarde in het bestand gaat voor.</p>");
	for (size_t i = 0; i < N_COMMON; i++) {
		int shown = shown_index(common_fields[i]);
		if (common_fields[i] == STUDENT_TRANSPORT && k->from_file[shown])
			continue;
		form_field(out, &k->common, (int)i, student_form_options(&k->common, common_fields[i], &k->ch));
	}
}

/* A data row: each of the file's fields with its error beside it, then the other fields' errors. */
static void render_row(struct buf *out, const struct check *k, size_t i)
{
	const struct row *row = &k->rows[i];
	if (row->ok)
		html(out, "<tr id=\"rij-%zu\"><th scope=\"row\">%zu</th><td><span class=\"badge badge-ok\">klaar</span></td>",
		     k->t.line[i + 1], k->t.line[i + 1]);
	else
		html(out, "<tr id=\"rij-%zu\" class=\"row-error\"><th scope=\"row\">%zu</th><td><span class=\"badge "
		          "badge-danger\">fout</span></td>",
		     k->t.line[i + 1], k->t.line[i + 1]);
	for (size_t s = 0; s < N_SHOWN; s++) {
		if (!k->from_file[s])
			continue;
		const char *error = form_error_of(&row->f, shown_order[s]);
		html(out, "<td>%s", form_value(&row->f, shown_order[s]));
		if (error)
			html(out, "<p class=\"error-text\">%s</p>", error);
		html(out, "</td>");
	}
	html(out, "<td>");
	for (size_t s = 0; s < N_SHOWN; s++) {
		const char *error = form_error_of(&row->f, shown_order[s]);
		if (!k->from_file[s] && error)
			html(out, "<p class=\"error-text\">%s: %s</p>", student_form_field(shown_order[s])->label, error);
	}
	html(out, "</td></tr>");
}

static void render_rows(struct buf *out, const struct check *k)
{
	/* Wide: the region scrolls, and can be scrolled from the keyboard. */
	html(out, "<h2 id=\"rijen\">Rijen</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"rijen\">"
	          "<table class=\"import-preview\"><caption "
	          "class=\"visually-hidden\">Leerlingen in het bestand</caption><thead><tr><th scope=\"col\">Rij</th>"
	          "<th scope=\"col\">Status</th>");
	for (size_t s = 0; s < N_SHOWN; s++)
		if (k->from_file[s])
			html(out, "<th scope=\"col\">%s</th>", student_form_field(shown_order[s])->label);
	html(out, "<th scope=\"col\">Andere velden</th></tr></thead><tbody>");
	for (size_t i = 0; i < k->row_count; i++)
		render_row(out, k, i);
	html(out, "</tbody></table></div>");
}

static void render_preview(struct req *r, const struct pending *p, struct check *k, const struct params *in,
                           const char *refused)
{
	page_top(r, &p->campaign, "Importeer leerlingen: voorbeeld");
	struct buf *out = &r->body;
	const char *notice = closed_notice(r, &p->campaign);
	size_t wrong = k->row_count - k->valid;
	if (refused)
		html(out, "<div class=\"alert alert-error\" role=\"alert\"><p>%s</p></div>", refused);
	if (notice)
		html(out, "<div class=\"alert alert-warn\" role=\"status\"><p>%s</p></div>", notice);
	html(out, "<div class=\"alert %s\" role=\"status\"><p><strong>%s</strong>: %zu %s, waarvan %zu klaar om te "
	          "importeren en %zu met fouten.</p>",
	     wrong ? "alert-warn" : "alert-info", p->file_name, k->row_count, k->row_count == 1 ? "leerling" : "leerlingen",
	     k->valid, wrong);
	if (wrong)
		html(out, "<p>Rijen met fouten worden niet geïmporteerd. Verbeter ze in je bestand en laad het opnieuw op, "
		          "of vul hieronder in wat voor alle leerlingen geldt. Wie al geïmporteerd is, wordt bij een "
		          "volgende import herkend als al geregistreerd.</p>");
	html(out, "</div>");

	html(out, "<div class=\"card\"><form method=\"get\" action=\"/importen/%lld\" class=\"form\">", p->id);
	render_columns(out, k);
	render_common(out, k);
	html(out, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-light\">Voorbeeld bijwerken</button>"
	          "</div></form></div>");

	render_rows(out, k);

	html(out, "<div class=\"actions\">");
	if (k->valid && !notice) {
		html(out, "<form method=\"post\" action=\"/importen/%lld\">", p->id);
		form_csrf(out, r);
		hidden_choices(out, in);
		html(out, "<input type=\"hidden\" name=\"verwacht\" value=\"%zu\"><button type=\"submit\" "
		          "class=\"btn btn-primary\">Importeer %zu %s</button></form>",
		     k->valid, k->valid, k->valid == 1 ? "leerling" : "leerlingen");
	}
	html(out, "<form method=\"post\" action=\"/importen/%lld/annuleren\">", p->id);
	form_csrf(out, r);
	html(out, "<button type=\"submit\" class=\"btn btn-light\">Annuleren</button></form>"
	          "<a href=\"/opleidingen/%s/importeren\">Een ander bestand kiezen</a></div>",
	     p->campaign.programme_code);
	page_end(r);
}

void import_preview(struct req *r)
{
	struct pending p;
	if (!pending_load(r, &p))
		return;
	struct check k;
	const char *problem = check_file(&k, r, &p, &r->query);
	if (problem) { /* read at the upload, so rare: the reading child failed */
		r->status = 422;
		render_upload(r, &p.campaign, problem);
		return;
	}
	render_preview(r, &p, &k, &r->query, NULL);
}

/* The import in one transaction: every valid row of the file, or nothing. */
struct import_run {
	struct req *r;
	const struct pending *p;
	struct check k;
	bool began, changed;      /* changed: the rows are no longer what was previewed */
	const char *problem;      /* the file no longer reads */
};

static int import_rows(void *ctx)
{
	struct import_run *run = ctx;
	struct req *r = run->r;
	run->began = true;
	/* Checked again inside the transaction: what was previewed is what is written, or nothing. */
	run->problem = check_file(&run->k, r, run->p, &r->form);
	const char *expected = req_form(r, "verwacht");
	run->changed = !run->problem &&
	               (run->k.valid == 0 || !expected || strtoull(expected, NULL, 10) != run->k.valid);
	if (run->problem || run->changed)
		return DB_ERROR;
	struct scope s = scope_of(r);
	for (size_t i = 0; i < run->k.row_count; i++) {
		if (!run->k.rows[i].ok)
			continue;
		long long id = pupil_insert(s, &run->k.rows[i].rec);
		if (id <= 0 || !audit(r, "student_import", id, NULL))
			return DB_ERROR;
	}
	return pupil_import_drop(s, run->p->id);
}

void import_commit(struct req *r)
{
	struct pending p;
	if (!pending_load(r, &p))
		return;
	if (closed_notice(r, &p.campaign)) {
		r->status = 403;
		render_upload(r, &p.campaign, NULL);
		return;
	}
	struct import_run run = {.r = r, .p = &p};
	if (db_tx(import_rows, &run) != DB_DONE) {
		if (!run.began) {
			resp_error(r, 503, NULL);
		} else if (run.problem) {
			r->status = 422;
			render_upload(r, &p.campaign, run.problem);
		} else if (run.changed) {
			r->status = 409;
			render_preview(r, &p, &run.k, &r->form,
			               "Er is niets geïmporteerd: intussen veranderde er iets aan deze leerlingen (bijvoorbeeld een "
			               "collega die er een toevoegde). Kijk het voorbeeld hieronder opnieuw na en importeer dan.");
		} else {
			resp_error(r, 500, "De leerlingen zijn niet geïmporteerd. Probeer opnieuw.");
		}
		return;
	}
	size_t done = run.k.valid;
	flash_set(r, arena_printf(r->arena, done == 1 ? "%zu leerling is geïmporteerd." : "%zu leerlingen zijn geïmporteerd.",
	                          done));
	resp_redirect(r, overview_href(r, &p.campaign));
}

void import_cancel(struct req *r)
{
	struct pending p;
	if (!pending_load(r, &p))
		return;
	if (pupil_import_drop(scope_of(r), p.id) != DB_DONE) {
		resp_error(r, 503, NULL);
		return;
	}
	flash_set(r, "De import is geannuleerd: er is niets bewaard.");
	resp_redirect(r, overview_href(r, &p.campaign));
}

/* ---- The template --------------------------------------------------------------------- */

static int no_rows(void *ctx, void *row)
{
	(void)ctx, (void)row;
	return 0;
}

static void nothing(void *ctx)
{
	(void)ctx;
}

static const char *empty_value(const void *row, char scratch[EXPORT_SCRATCH])
{
	(void)row, (void)scratch;
	return "";
}

/* The template's columns: every column the import knows, under its usual header. */
static struct export_source template_source(struct req *r)
{
	struct export_column *cols = arena_alloc(r->arena, COLUMN_COUNT * sizeof *cols);
	size_t n = 0;
	for (int c = 1; c < COLUMN_COUNT; c++)
		cols[n++] = (struct export_column){import_columns[c].header, EXPORT_TEXT, 0, empty_value};
	return (struct export_source){.columns = cols, .column_count = n, .row_size = 1, .next = no_rows,
	                              .finish = nothing};
}

void import_template_csv(struct req *r)
{
	struct export_source src = template_source(r);
	export_csv(r, &src, "sjabloon-leerlingen.csv");
}

void import_template_xlsx(struct req *r)
{
	struct export_source src = template_source(r);
	if (!export_xlsx(r, &src, "sjabloon-leerlingen.xlsx", "Leerlingen"))
		resp_error(r, 503, NULL);
}
