/*
 * The acceptance form of a placement ("aanvaarden", and editing it on "Mijn stagiairs"):
 * its fields, their rules and their rendering, declared once. Used by src/requests.c (the
 * request page shows it) and src/placements.c (accepting and saving read it), so neither
 * needs the other for it.
 */
#include "accept_form.h"

#include "clock.h"
#include "domain.h"
#include "html.h"
#include "periods.h"
#include "validate.h"

static const struct field placement_fields[] = {
	{"site", "Stageplek", FIELD_TEXT, FIELD_REQUIRED | FIELD_WIDE, 200,
	 "Waar bij jullie dienst de leerling stage loopt, bv. 'Regio Kortrijk – team Zuid'.", NULL},
	{"p1_start", "Periode 1: startdatum", FIELD_DATE, FIELD_REQUIRED, 20, NULL, NULL},
	{"p1_end", "Periode 1: einddatum", FIELD_DATE, FIELD_REQUIRED, 20, NULL, NULL},
	{"p2_start", "Periode 2: startdatum", FIELD_DATE, 0, 20, NULL, NULL},
	{"p2_end", "Periode 2: einddatum", FIELD_DATE, 0, 20, NULL, NULL},
	{"p3_start", "Periode 3: startdatum", FIELD_DATE, 0, 20, NULL, NULL},
	{"p3_end", "Periode 3: einddatum", FIELD_DATE, 0, 20, NULL, NULL},
	{"p4_start", "Periode 4: startdatum", FIELD_DATE, 0, 20, NULL, NULL},
	{"p4_end", "Periode 4: einddatum", FIELD_DATE, 0, 20, NULL, NULL},
	{"mentor_name", "Stagementor: naam", FIELD_TEXT, FIELD_REQUIRED | FIELD_NAME, 100, NULL, "off"},
	{"mentor_phone", "Stagementor: telefoon", FIELD_TEL, FIELD_REQUIRED, 40, NULL, "off"},
	{"mentor_email", "Stagementor: e-mail", FIELD_EMAIL, FIELD_REQUIRED, 254, NULL, "off"},
	{"notes", "Notities", FIELD_TEXTAREA, FIELD_WIDE, 2000,
	 "De school ziet deze notities in haar overzicht, bv. waar en wanneer de eerste stagedag begint.", NULL},
	{"version", "", FIELD_HIDDEN, 0, 20, NULL, NULL},
};
#define PLACEMENT_FIELDS (sizeof placement_fields / sizeof placement_fields[0])

static const char *const period_field[PERIODS_MAX][2] = {
	{"p1_start", "p1_end"}, {"p2_start", "p2_end"}, {"p3_start", "p3_end"}, {"p4_start", "p4_end"},
};

void placement_form_init(struct form *f, struct req *r)
{
	form_init(f, r->arena, placement_fields, PLACEMENT_FIELDS);
}

void placement_form_controls(struct buf *out, const struct form *f)
{
	form_field(out, f, "site", NULL);
	html(out, "<h2 class=\"section\">Goedgekeurde periodes</h2>"
	          "<p class=\"help wide\">Periode 1 is verplicht; vul de volgende periodes in volgorde in.</p>");
	for (int i = 0; i < PERIODS_MAX; i++) {
		form_field(out, f, period_field[i][0], NULL);
		form_field(out, f, period_field[i][1], NULL);
	}
	html(out, "<h2 class=\"section\">Stagementor</h2>");
	form_field(out, f, "mentor_name", NULL);
	form_field(out, f, "mentor_phone", NULL);
	form_field(out, f, "mentor_email", NULL);
	form_field(out, f, "notes", NULL);
	form_field(out, f, "version", NULL);
}

bool placement_form_check(struct req *r, struct form *f, const struct campaign *c,
                                 struct placement_record *p)
{
	form_read(f, r);
	struct period_input in;
	for (int i = 0; i < PERIODS_MAX; i++) {
		in.start[i] = form_value(f, period_field[i][0]);
		in.end[i] = form_value(f, period_field[i][1]);
	}
	struct period_result res;
	bool periods_ok = periods_validate(&in, 0, school_year_start(c->school_year), &res) >= 0;
	for (int i = 0; i < PERIODS_MAX; i++) {
		if (res.start_error[i])
			form_error(f, period_field[i][0], res.start_error[i]);
		if (res.end_error[i])
			form_error(f, period_field[i][1], res.end_error[i]);
	}
	char phone[32], email[255];
	const char *problem;
	if (*form_value(f, "mentor_phone") && (problem = validate_phone(form_value(f, "mentor_phone"), phone, sizeof phone)))
		form_error(f, "mentor_phone", problem);
	if (*form_value(f, "mentor_email") && (problem = validate_email(form_value(f, "mentor_email"), email, sizeof email)))
		form_error(f, "mentor_email", problem);
	if (!form_ok(f) || !periods_ok)
		return false;
	form_set(f, "mentor_phone", phone);
	form_set(f, "mentor_email", email);
	p->site = form_value(f, "site");
	p->mentor_name = form_value(f, "mentor_name");
	p->mentor_phone = form_value(f, "mentor_phone");
	p->mentor_email = form_value(f, "mentor_email");
	p->notes = form_value(f, "notes");
	for (int i = 0; i < PERIODS_MAX; i++) {
		p->period_start[i] = res.start[i][0] ? arena_strdup(r->arena, res.start[i]) : NULL;
		p->period_end[i] = res.end[i][0] ? arena_strdup(r->arena, res.end[i]) : NULL;
	}
	return true;
}

void placement_form_set_periods(struct form *f, int count, const char start[][11], const char end[][11])
{
	for (int i = 0; i < count && i < PERIODS_MAX; i++) {
		form_set(f, period_field[i][0], start[i]);
		form_set(f, period_field[i][1], end[i]);
	}
}
