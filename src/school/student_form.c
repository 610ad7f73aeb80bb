/*
 * The pupil form: the manual's fields, help texts and rules in one declaration. School
 * staff enter dozens of pupils before a deadline, so every rule answers next to its own
 * field, in Dutch, with what to do, and the form always comes back with what was typed.
 */
#include "student_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "domain.h"
#include "html.h"
#include "periods.h"
#include "validate.h"

#define NN_HELP                                                                                    \
	"Dit wordt opgevraagd in functie van het opmaken van contracten en is enkel zichtbaar als een " \
	"dienst de leerling heeft aanvaard."
#define SHARE_HELP                                                                                 \
	"Dit zal enkel gedeeld worden met de respectievelijke dienst waar de leerling een stageplaats " \
	"of duale werkplek kreeg toegewezen."
#define TRANSPORT_HELP                                                                                \
	"Geef zoveel mogelijk vervoersmiddelen in waarmee de leerling zich verplaatst. Weet dat zich "    \
	"verplaatsen met het openbaar vervoer in sommige regio's niet haalbaar is. Het beschikken over "  \
	"een fiets/e-step is in die regio's een minimumvereiste. Beschikt de leerling niet zelf over een " \
	"fiets dan is het mogelijk dat de school en dienst samen zoeken naar een oplossing."
/* Every Belgian postcode lies in one province, so the province need not be chosen (not marked
 * required): left empty, it follows from the postcode; chosen, it must agree with it. */
#define PROVINCE_HELP "Mag leeg blijven: dan vullen we de provincie in volgens de postcode."

static const struct field student_fields[] = {
	[STUDENT_FIRST_NAME] = {"first_name", "Voornaam", FIELD_TEXT, FIELD_REQUIRED | FIELD_NAME, 100, NULL, "off"},
	[STUDENT_LAST_NAME] = {"last_name", "Achternaam", FIELD_TEXT, FIELD_REQUIRED | FIELD_NAME, 100, NULL, "off"},
	[STUDENT_NATIONAL_NUMBER] = {"national_number", "Rijksregisternummer", FIELD_TEXT, FIELD_REQUIRED | FIELD_WIDE, 30,
	 NN_HELP, "off"},
	[STUDENT_STREET] = {"street", "Straat", FIELD_TEXT, FIELD_REQUIRED | FIELD_WIDE, 200, NULL, "off"},
	[STUDENT_POSTCODE] = {"postcode", "Postcode", FIELD_NUMBER, FIELD_REQUIRED, 10, NULL, "off"},
	[STUDENT_CITY] = {"city", "Plaats", FIELD_TEXT, FIELD_REQUIRED, 100, NULL, "off"},
	[STUDENT_PROVINCE] = {"province", "Provincie", FIELD_SELECT, 0, 40, PROVINCE_HELP, NULL},
	[STUDENT_PHONE] = {"phone", "Telefoon", FIELD_TEL, FIELD_REQUIRED, 40, NULL, "off"},
	[STUDENT_EMAIL] = {"email", "E-mail", FIELD_EMAIL, FIELD_REQUIRED, 254, SHARE_HELP, "off"},
	[STUDENT_TRANSPORT] = {"transport", "Vervoersmiddelen", FIELD_CHECKBOXES, FIELD_REQUIRED, 0, TRANSPORT_HELP, NULL},
	[STUDENT_REMARKS] = {"remarks", "Opmerkingen", FIELD_TEXTAREA, FIELD_WIDE, 2000,
	 "Opmerkingen die belangrijk zijn i.v.m. de leerling, bijvoorbeeld kleurenblindheid, gehoorproblemen, enz.",
	 NULL},
	[STUDENT_CONTACT_ID] = {"contact_id", "Stage-/werkplekbegeleider", FIELD_SELECT, FIELD_REQUIRED | FIELD_WIDE, 20,
	 NULL, NULL},
	[STUDENT_FORMAT] = {"format", "Stagevorm", FIELD_SELECT, FIELD_REQUIRED, 40, NULL, NULL},
	[STUDENT_PERIOD_COUNT] = {"period_count", "Hoeveel periodes moet de leerling stage lopen?", FIELD_SELECT,
	 FIELD_REQUIRED, 2, NULL, NULL},
	[STUDENT_HOURS_PER_WEEK] = {"hours_per_week", "Aantal uren/week", FIELD_NUMBER, FIELD_REQUIRED, 10, NULL, "off"},
	[STUDENT_TOTAL_HOURS] = {"total_hours", "Totaal aantal uren te realiseren", FIELD_NUMBER, FIELD_REQUIRED, 10, NULL,
	 "off"},
	[STUDENT_P1_START] = {"p1_start", "Startdatum periode 1", FIELD_TEXT, FIELD_REQUIRED, 20, NULL, "off"},
	[STUDENT_P1_END] = {"p1_end", "Einddatum periode 1", FIELD_TEXT, FIELD_REQUIRED, 20, NULL, "off"},
	[STUDENT_P2_START] = {"p2_start", "Startdatum periode 2", FIELD_TEXT, 0, 20, NULL, "off"},
	[STUDENT_P2_END] = {"p2_end", "Einddatum periode 2", FIELD_TEXT, 0, 20, NULL, "off"},
	[STUDENT_P3_START] = {"p3_start", "Startdatum periode 3", FIELD_TEXT, 0, 20, NULL, "off"},
	[STUDENT_P3_END] = {"p3_end", "Einddatum periode 3", FIELD_TEXT, 0, 20, NULL, "off"},
	[STUDENT_P4_START] = {"p4_start", "Startdatum periode 4", FIELD_TEXT, 0, 20, NULL, "off"},
	[STUDENT_P4_END] = {"p4_end", "Einddatum periode 4", FIELD_TEXT, 0, 20, NULL, "off"},
	[STUDENT_REQUEST_REMARKS] = {"request_remarks", "Opmerkingen", FIELD_TEXTAREA, FIELD_WIDE, 2000,
	 "Indien je blok en alternerend aandeelde kan je dit hier verduidelijken.", NULL},
	[STUDENT_PREFERENCE] = {"preference", "Voorkeur", FIELD_SELECT, FIELD_WIDE, 20,
	 "Bij welke dienst wil uw leerling graag werken?", NULL},
	[STUDENT_VERSION] = {"version", "", FIELD_HIDDEN, 0, 20, NULL, NULL},
};
FORM_TABLE(student_fields, STUDENT__FIELDS);
_Static_assert(STUDENT_PERIOD_END(PERIODS_MAX - 1) == STUDENT_P4_END, "the periods' fields follow each other");

/* The index (0-3) of the period a date field belongs to, or -1 for other fields. */
static int period_of(int field)
{
	return field >= STUDENT_P1_START && field <= STUDENT_P4_END ? (field - STUDENT_P1_START) / 2 : -1;
}

static const struct option *options_of(const struct form *f, int field, const struct student_choices *ch);

static const struct option count_options[] = {
	{"", "Kies een aantal"}, {"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {NULL, NULL},
};

void student_form_init(struct form *f, struct arena *a)
{
	form_init(f, a, student_fields, STUDENT__FIELDS);
}

const char *transport_value(struct arena *a, int bits)
{
	struct buf b = {0};
	for (const struct transport_kind *t = transport_kinds; t->bit; t++)
		if (bits & t->bit) {
			if (b.len)
				buf_putc(&b, ',');
			buf_puts(&b, t->value);
		}
	char *s = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* -1 when the value names something that is not a means of transport. */
int transport_bits(const char *value)
{
	int bits = 0;
	while (value && *value) {
		size_t n = strcspn(value, ",");
		const struct transport_kind *t = transport_kinds;
		while (t->bit && !(strlen(t->value) == n && strncmp(t->value, value, n) == 0))
			t++;
		if (!t->bit)
			return -1;
		bits |= t->bit;
		value += n;
		if (*value == ',')
			value++;
	}
	return bits;
}

static bool option_listed(const struct option *options, const char *value)
{
	for (int i = 0; options && options[i].value; i++)
		if (strcmp(options[i].value, value) == 0)
			return true;
	return false;
}

static bool format_known(const char *value)
{
	for (int i = 0; internship_formats[i]; i++)
		if (strcmp(internship_formats[i], value) == 0)
			return true;
	return false;
}

/* Runs validator v on a field that passed the required and length checks. */
static const char *checked(struct form *f, int field)
{
	return form_error_of(f, field) ? NULL : form_value(f, field);
}

static void check_person(struct form *f, struct student_record *rec, char nn[12])
{
	const char *v, *problem;
	if ((v = checked(f, STUDENT_NATIONAL_NUMBER)) && (problem = validate_national_number(v, nn)))
		form_error(f, STUDENT_NATIONAL_NUMBER, problem);
	char *phone = arena_alloc(f->arena, 24);
	if ((v = checked(f, STUDENT_PHONE)) && (problem = validate_phone(v, phone, 24)))
		form_error(f, STUDENT_PHONE, problem);
	char *email = arena_alloc(f->arena, 255);
	if ((v = checked(f, STUDENT_EMAIL)) && (problem = validate_email(v, email, 255)))
		form_error(f, STUDENT_EMAIL, problem);
	rec->phone = phone;
	rec->email = email;

	/* The postcode decides the province: propose it when none was chosen, flag a mismatch. */
	int postcode = 0;
	const char *expected = NULL;
	if ((v = checked(f, STUDENT_POSTCODE)) && (problem = validate_postcode(v, &postcode)))
		form_error(f, STUDENT_POSTCODE, problem);
	else if (v)
		expected = postcode_province(postcode);
	rec->postcode = arena_printf(f->arena, "%d", postcode);
	const char *province = form_value(f, STUDENT_PROVINCE);
	if (!*province && expected) {
		form_set(f, STUDENT_PROVINCE, expected);
	} else if (*province && !province_known(province)) {
		form_error(f, STUDENT_PROVINCE, "Kies een provincie uit de lijst.");
	} else if (*province && expected && strcmp(province, expected) != 0) {
		form_error(f, STUDENT_PROVINCE,
		           arena_printf(f->arena, "Postcode %d ligt in %s. Kies %s of kijk de postcode na.", postcode,
		                        expected, expected));
	}

	int bits = transport_bits(form_value(f, STUDENT_TRANSPORT));
	if (bits <= 0) {
		form_clear_error(f, STUDENT_TRANSPORT);
		form_error(f, STUDENT_TRANSPORT, bits < 0 ? "Kies uit de vervoersmiddelen in de lijst."
		                                             : "Kies minstens één vervoersmiddel.");
	}
	rec->transport = bits;
}

static void check_request(struct form *f, const struct student_choices *ch, int school_year_start,
                          struct student_record *rec)
{
	const char *v, *problem;
	if (ch->contact_count == 0) {
		form_clear_error(f, STUDENT_CONTACT_ID);
		form_error(f, STUDENT_CONTACT_ID,
		           "Je school heeft nog geen contactpersoon stageplaats. Voeg er eerst een toe "
		           "via 'Contactpersoon stageplaats' en kies die dan hier.");
	} else if ((v = checked(f, STUDENT_CONTACT_ID)) && !option_listed(ch->contacts, v)) {
		form_error(f, STUDENT_CONTACT_ID, "Kies een begeleider uit de lijst.");
	}
	if ((v = checked(f, STUDENT_FORMAT)) && !format_known(v))
		form_error(f, STUDENT_FORMAT, "Kies een stagevorm uit de lijst.");
	v = checked(f, STUDENT_PREFERENCE);
	if (v && *v && !option_listed(ch->services, v))
		form_error(f, STUDENT_PREFERENCE, "Kies een dienst uit de lijst, of 'geen voorkeur'.");

	long count = 0, hours = 0, total = 0;
	if ((v = checked(f, STUDENT_PERIOD_COUNT)) && (problem = validate_int(v, 1, PERIODS_MAX, &count))) {
		form_error(f, STUDENT_PERIOD_COUNT, "Kies 1, 2, 3 of 4.");
		count = 0;
	}
	if ((v = checked(f, STUDENT_HOURS_PER_WEEK)) && (problem = validate_int(v, 1, 40, &hours)))
		form_error(f, STUDENT_HOURS_PER_WEEK, problem);
	if ((v = checked(f, STUDENT_TOTAL_HOURS)) && (problem = validate_int(v, 1, 2000, &total)))
		form_error(f, STUDENT_TOTAL_HOURS, problem);
	rec->period_count = (int)count;
	rec->hours_per_week = (int)hours;
	rec->total_hours = (int)total;

	struct period_input in;
	for (int i = 0; i < PERIODS_MAX; i++) {
		in.start[i] = form_value(f, STUDENT_PERIOD_START(i));
		in.end[i] = form_value(f, STUDENT_PERIOD_END(i));
	}
	struct period_result res;
	periods_validate(&in, (int)count, school_year_start, &res);
	for (int i = 0; i < PERIODS_MAX; i++) {
		if (res.start_error[i])
			form_error(f, STUDENT_PERIOD_START(i), res.start_error[i]);
		if (res.end_error[i])
			form_error(f, STUDENT_PERIOD_END(i), res.end_error[i]);
		rec->period_start[i] = res.start[i][0] ? arena_strdup(f->arena, res.start[i]) : NULL;
		rec->period_end[i] = res.end[i][0] ? arena_strdup(f->arena, res.end[i]) : NULL;
	}
	if (res.count_error)
		form_error(f, STUDENT_PERIOD_COUNT, res.count_error);
}

bool student_form_read(struct form *f, struct req *r, const struct student_choices *ch, int school_year_start,
                       struct student_record *rec)
{
	form_read(f, r);
	return student_form_check(f, ch, school_year_start, rec);
}

bool student_form_check(struct form *f, const struct student_choices *ch, int school_year_start,
                        struct student_record *rec)
{
	char *nn = arena_alloc(f->arena, 12);
	check_person(f, rec, nn);
	check_request(f, ch, school_year_start, rec);
	if (!form_ok(f))
		return false;
	rec->first_name = form_value(f, STUDENT_FIRST_NAME);
	rec->last_name = form_value(f, STUDENT_LAST_NAME);
	rec->national_number = nn;
	rec->street = form_value(f, STUDENT_STREET);
	rec->city = form_value(f, STUDENT_CITY);
	rec->province = form_value(f, STUDENT_PROVINCE);
	rec->remarks = form_value(f, STUDENT_REMARKS);
	rec->contact_id = strtoll(form_value(f, STUDENT_CONTACT_ID), NULL, 10);
	rec->format = form_value(f, STUDENT_FORMAT);
	rec->request_remarks = form_value(f, STUDENT_REQUEST_REMARKS);
	rec->preference_service_id = strtoll(form_value(f, STUDENT_PREFERENCE), NULL, 10);
	return true;
}

void student_form_fill(struct form *f, const struct student_record *rec, long long version)
{
	struct arena *a = f->arena;
	char nn[16] = "";
	if (rec->national_number && *rec->national_number)
		national_number_format(rec->national_number, nn);
	form_set(f, STUDENT_FIRST_NAME, rec->first_name);
	form_set(f, STUDENT_LAST_NAME, rec->last_name);
	form_set(f, STUDENT_NATIONAL_NUMBER, nn);
	form_set(f, STUDENT_STREET, rec->street);
	form_set(f, STUDENT_POSTCODE, rec->postcode);
	form_set(f, STUDENT_CITY, rec->city);
	form_set(f, STUDENT_PROVINCE, rec->province);
	form_set(f, STUDENT_PHONE, rec->phone);
	form_set(f, STUDENT_EMAIL, rec->email);
	form_set(f, STUDENT_TRANSPORT, transport_value(a, rec->transport));
	form_set(f, STUDENT_REMARKS, rec->remarks);
	form_set(f, STUDENT_CONTACT_ID, arena_printf(a, "%lld", rec->contact_id));
	form_set(f, STUDENT_FORMAT, rec->format);
	form_set(f, STUDENT_PERIOD_COUNT, arena_printf(a, "%d", rec->period_count));
	form_set(f, STUDENT_HOURS_PER_WEEK, arena_printf(a, "%d", rec->hours_per_week));
	form_set(f, STUDENT_TOTAL_HOURS, arena_printf(a, "%d", rec->total_hours));
	for (int i = 0; i < PERIODS_MAX; i++) {
		char d[11];
		date_display(rec->period_start[i], d);
		form_set(f, STUDENT_PERIOD_START(i), d);
		date_display(rec->period_end[i], d);
		form_set(f, STUDENT_PERIOD_END(i), d);
	}
	form_set(f, STUDENT_REQUEST_REMARKS, rec->request_remarks);
	form_set(f, STUDENT_PREFERENCE,
	         rec->preference_service_id ? arena_printf(a, "%lld", rec->preference_service_id) : "");
	form_set(f, STUDENT_VERSION, arena_printf(a, "%lld", version));
}

/* Options with a first "choose" entry, then each entry of list. */
static const struct option *with_placeholder(struct arena *a, const char *placeholder, const struct option *list)
{
	size_t n = 0;
	while (list && list[n].value)
		n++;
	struct option *o = arena_alloc(a, (n + 2) * sizeof *o);
	o[0] = (struct option){"", placeholder};
	for (size_t i = 0; i < n; i++)
		o[i + 1] = list[i];
	return o;
}

/* Options whose value is their label, from a NULL-terminated list, after a placeholder. */
static const struct option *options_of_strings(struct arena *a, const char *placeholder, const char *const *list)
{
	size_t n = 0;
	while (list[n])
		n++;
	struct option *o = arena_alloc(a, (n + 2) * sizeof *o);
	o[0] = (struct option){"", placeholder};
	for (size_t i = 0; i < n; i++)
		o[i + 1] = (struct option){list[i], list[i]};
	return o;
}

static const struct option *transport_options(struct arena *a)
{
	size_t n = 0;
	while (transport_kinds[n].bit)
		n++;
	struct option *o = arena_alloc(a, (n + 1) * sizeof *o);
	for (size_t i = 0; i < n; i++)
		o[i] = (struct option){transport_kinds[i].value, transport_kinds[i].label};
	return o;
}

const struct field *student_form_field(enum student_field field)
{
	return &student_fields[field];
}

int student_form_field_named(const char *name)
{
	for (int i = 0; i < STUDENT__FIELDS; i++)
		if (strcmp(student_fields[i].name, name) == 0)
			return i;
	return -1;
}

const struct option *student_form_options(const struct form *f, enum student_field field,
                                          const struct student_choices *ch)
{
	return options_of(f, field, ch);
}

/* The options of a field, or NULL for fields without them. */
static const struct option *options_of(const struct form *f, int field, const struct student_choices *ch)
{
	struct arena *a = f->arena;
	switch (field) {
	case STUDENT_PROVINCE: return options_of_strings(a, "Kies een provincie", provinces);
	case STUDENT_TRANSPORT: return transport_options(a);
	case STUDENT_FORMAT: return options_of_strings(a, "Kies een stagevorm", internship_formats);
	case STUDENT_PERIOD_COUNT: return count_options;
	case STUDENT_CONTACT_ID: return with_placeholder(a, "Kies een begeleider", ch->contacts);
	case STUDENT_PREFERENCE: return with_placeholder(a, "geen voorkeur", ch->services);
	default: return NULL;
	}
}

static void field(struct buf *out, const struct form *f, int field, const struct student_choices *ch)
{
	form_field(out, f, field, options_of(f, field, ch));
}

/* No contacts yet: explain where to add them instead of an empty select. */
static void no_contacts(struct buf *out, const struct form *f)
{
	const char *error = form_error_of(f, STUDENT_CONTACT_ID);
	html(out, "<div class=\"field wide%s\" id=\"f-contact_id\" tabindex=\"-1\">", error ? " has-error" : "");
	html(out, "<p class=\"label\">Stage-/werkplekbegeleider <span class=\"req\" aria-hidden=\"true\">*</span></p>");
	html(out, "<div class=\"alert alert-warn\"><p>Je school heeft nog geen contactpersoon stageplaats. Leerlingen "
	          "worden aan een contactpersoon gekoppeld, dus geef die eerst in: "
	          "<a href=\"/contactpersonen/nieuw\" target=\"_blank\" rel=\"noopener\">Contactpersoon stageplaats "
	          "toevoegen (opent in een nieuw tabblad)</a>. Klik daarna hier op Opslaan: wat je invulde, blijft "
	          "staan en je kan de begeleider kiezen.</p></div></div>");
}

void student_form_render(struct buf *out, struct req *r, const struct form *f, const struct student_choices *ch,
                         const char *action, bool adding, const char *overview_href)
{
	form_begin(out, r, f, action);
	form_field(out, f, STUDENT_VERSION, NULL);
	html(out, "<h2>Gegevens student</h2>");
	field(out, f, STUDENT_FIRST_NAME, ch);
	field(out, f, STUDENT_LAST_NAME, ch);
	field(out, f, STUDENT_NATIONAL_NUMBER, ch);
	html(out, "<div class=\"section\"><h3>Verblijfsadres <span class=\"req\" aria-hidden=\"true\">*</span></h3>"
	          "<p class=\"help\">Geef het verblijfsadres van de leerling in.</p></div>");
	field(out, f, STUDENT_STREET, ch);
	html(out, "<div class=\"row-3\">");
	field(out, f, STUDENT_POSTCODE, ch);
	field(out, f, STUDENT_CITY, ch);
	field(out, f, STUDENT_PROVINCE, ch);
	html(out, "</div>");
	field(out, f, STUDENT_PHONE, ch);
	field(out, f, STUDENT_EMAIL, ch);
	field(out, f, STUDENT_TRANSPORT, ch);
	field(out, f, STUDENT_REMARKS, ch);

	html(out, "<h2>Gegevens stage</h2>");
	if (ch->contact_count)
		field(out, f, STUDENT_CONTACT_ID, ch);
	else
		no_contacts(out, f);
	field(out, f, STUDENT_FORMAT, ch);
	field(out, f, STUDENT_PERIOD_COUNT, ch);
	field(out, f, STUDENT_HOURS_PER_WEEK, ch);
	field(out, f, STUDENT_TOTAL_HOURS, ch);
	html(out, "<div class=\"section\"><h3>Periodes</h3><p class=\"help\">Periode 1 is verplicht. Vul per periode "
	          "een startdatum en een einddatum in (dd/mm/jjjj), de einddatum niet vóór de startdatum, en evenveel "
	          "periodes als je hierboven koos.</p></div>");
	for (int i = 0; i < PERIODS_MAX; i++) {
		field(out, f, STUDENT_PERIOD_START(i), ch);
		field(out, f, STUDENT_PERIOD_END(i), ch);
	}
	field(out, f, STUDENT_REQUEST_REMARKS, ch);
	field(out, f, STUDENT_PREFERENCE, ch);
	html(out, "<div class=\"actions\">");
	if (adding)
		html(out, "<button type=\"submit\" name=\"na\" value=\"volgende\" class=\"btn btn-primary\">+ Opslaan</button>"
		          "<button type=\"submit\" name=\"na\" value=\"overzicht\" class=\"btn btn-light\">Opslaan en naar "
		          "het overzicht</button>");
	else
		html(out, "<button type=\"submit\" class=\"btn btn-primary\">Opslaan</button>");
	html(out, "<a href=\"%s\">Annuleren</a></div>", overview_href);
	form_end(out);
}

/* What a field's value means to a reader: the option's label, or the value itself. */
static const char *shown_value(const struct form *f, int field, const struct student_choices *ch)
{
	const struct field *fd = &f->fields[field];
	const char *v = form_value(f, field);
	if (fd->type == FIELD_CHECKBOXES) {
		struct buf b = {0};
		for (const struct transport_kind *t = transport_kinds; t->bit; t++)
			if (form_has_choice(f, field, t->value)) {
				if (b.len)
					buf_puts(&b, ", ");
				buf_puts(&b, t->label);
			}
		const char *s = arena_strdup(f->arena, b.data ? b.data : "");
		buf_free(&b);
		return s;
	}
	const struct option *o = options_of(f, field, ch);
	for (int i = 0; o && o[i].value; i++)
		if (strcmp(o[i].value, v) == 0)
			return field == STUDENT_PREFERENCE || *v ? o[i].label : "";
	return v;
}

static void readonly_item(struct buf *out, const struct form *f, int i, const struct student_choices *ch)
{
	const struct field *fd = &f->fields[i];
	const char *v = shown_value(f, i, ch);
	html(out, "<div class=\"pupil-fact%s\"><dt>%s</dt><dd>%s</dd></div>",
	     fd->type == FIELD_TEXTAREA ? " wide" : "", fd->label, *v ? v : "–");
}

/* A period on one line: "Periode 2" and its start and end, or nothing for an empty optional one. */
static void readonly_period(struct buf *out, const struct form *f, int period)
{
	const char *start = form_value(f, STUDENT_PERIOD_START(period));
	const char *end = form_value(f, STUDENT_PERIOD_END(period));
	if (period > 0 && !*start && !*end)
		return;
	char from[11], to[11];
	date_display(start, from);
	date_display(end, to);
	html(out, "<div class=\"pupil-fact\"><dt>Periode %d</dt><dd><span class=\"nowrap\">%s</span> – "
	          "<span class=\"nowrap\">%s</span></dd></div>",
	     period + 1, *from ? from : "–", *to ? to : "–");
}

void student_form_render_readonly(struct buf *out, const struct form *f, const struct student_choices *ch)
{
	html(out, "<h2>Gegevens student</h2><dl class=\"pupil-facts\">");
	for (int i = 0; i < STUDENT__FIELDS; i++) {
		if (i == STUDENT_CONTACT_ID)
			html(out, "</dl><h2>Gegevens stage</h2><dl class=\"pupil-facts\">");
		if (f->fields[i].type == FIELD_HIDDEN)
			continue;
		int period = period_of(i);
		if (period >= 0) {
			if (i == STUDENT_PERIOD_START(period))
				readonly_period(out, f, period);
			continue;
		}
		readonly_item(out, f, i, ch);
	}
	html(out, "</dl>");
}

/* Whether two values of a field mean the same: 85073003328 and 85.07.30-033.28, 2027-01-11
 * and 11/01/2027, 0470123456 and 0470 12 34 56 are no change worth showing. */
static bool same_value(int field, const char *a, const char *b)
{
	const struct field *fd = &student_fields[field];
	if (strcmp(a, b) == 0)
		return true;
	char na[255], nb[255];
	if (field == STUDENT_NATIONAL_NUMBER)
		return !validate_national_number(a, na) && !validate_national_number(b, nb) && strcmp(na, nb) == 0;
	if (fd->type == FIELD_TEL)
		return !validate_phone(a, na, 24) && !validate_phone(b, nb, 24) && strcmp(na, nb) == 0;
	if (fd->type == FIELD_EMAIL)
		return !validate_email(a, na, sizeof na) && !validate_email(b, nb, sizeof nb) && strcmp(na, nb) == 0;
	if (period_of(field) >= 0)
		return date_parse(a, na) && date_parse(b, nb) && strcmp(na, nb) == 0;
	return false;
}

int student_form_render_changes(struct buf *out, const struct form *typed, const struct form *stored,
                                const struct student_choices *ch)
{
	int n = 0;
	for (int i = 0; i < STUDENT__FIELDS; i++) {
		const struct field *fd = &stored->fields[i];
		if (fd->type == FIELD_HIDDEN)
			continue;
		const char *a = shown_value(typed, i, ch), *b = shown_value(stored, i, ch);
		if (same_value(i, a, b))
			continue;
		html(out, "<li><strong>%s:</strong> %s</li>", fd->label, *b ? b : "(leeg)");
		n++;
	}
	return n;
}
