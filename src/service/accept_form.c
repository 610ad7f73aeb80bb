/*
 * The acceptance form of a placement ("aanvaarden", and editing it on "Mijn stagiairs"):
 * its fields, their rules and their rendering, declared once. Used by src/service/requests.c (the
 * request page shows it) and src/service/placements.c (accepting and saving read it), so neither
 * needs the other for it.
 */
#include "accept_form.h"

#include "clock.h"
#include "domain.h"
#include "html.h"
#include "periods.h"
#include "validate.h"

static const struct field placement_fields[] = {
	[PLACEMENT_SITE] = {"site", "Stageplek", FIELD_TEXT, FIELD_REQUIRED | FIELD_WIDE, 200,
	 "Waar bij jullie dienst de leerling stage loopt, bv. 'Regio Kortrijk – team Zuid'.", NULL},
	[PLACEMENT_P1_START] = {"p1_start", "Periode 1: startdatum", FIELD_DATE, FIELD_REQUIRED, 20, NULL, NULL},
	[PLACEMENT_P1_END] = {"p1_end", "Periode 1: einddatum", FIELD_DATE, FIELD_REQUIRED, 20, NULL, NULL},
	[PLACEMENT_P2_START] = {"p2_start", "Periode 2: startdatum", FIELD_DATE, 0, 20, NULL, NULL},
	[PLACEMENT_P2_END] = {"p2_end", "Periode 2: einddatum", FIELD_DATE, 0, 20, NULL, NULL},
	[PLACEMENT_P3_START] = {"p3_start", "Periode 3: startdatum", FIELD_DATE, 0, 20, NULL, NULL},
	[PLACEMENT_P3_END] = {"p3_end", "Periode 3: einddatum", FIELD_DATE, 0, 20, NULL, NULL},
	[PLACEMENT_P4_START] = {"p4_start", "Periode 4: startdatum", FIELD_DATE, 0, 20, NULL, NULL},
	[PLACEMENT_P4_END] = {"p4_end", "Periode 4: einddatum", FIELD_DATE, 0, 20, NULL, NULL},
	[PLACEMENT_MENTOR_NAME] = {"mentor_name", "Stagementor: naam", FIELD_TEXT, FIELD_REQUIRED | FIELD_NAME, 100, NULL,
	 "off"},
	[PLACEMENT_MENTOR_PHONE] = {"mentor_phone", "Stagementor: telefoon", FIELD_TEL, FIELD_REQUIRED, 40, NULL, "off"},
	[PLACEMENT_MENTOR_EMAIL] = {"mentor_email", "Stagementor: e-mail", FIELD_EMAIL, FIELD_REQUIRED, 254, NULL, "off"},
	[PLACEMENT_NOTES] = {"notes", "Notities", FIELD_TEXTAREA, FIELD_WIDE, 2000,
	 "De school ziet deze notities in haar overzicht, bv. waar en wanneer de eerste stagedag begint.", NULL},
	[PLACEMENT_VERSION] = {"version", "", FIELD_HIDDEN, 0, 20, NULL, NULL},
};
FORM_TABLE(placement_fields, PLACEMENT__FIELDS);
_Static_assert(PLACEMENT_PERIOD_END(PERIODS_MAX - 1) == PLACEMENT_P4_END, "the periods' fields follow each other");

void placement_form_init(struct form *f, struct req *r)
{
	form_init(f, r->arena, placement_fields, PLACEMENT__FIELDS);
}

void placement_form_controls(struct buf *out, const struct form *f)
{
	form_field(out, f, PLACEMENT_SITE, NULL);
	html(out, "<h2 class=\"section\">Goedgekeurde periodes</h2>"
	          "<p class=\"help wide\">Periode 1 is verplicht; vul de volgende periodes in volgorde in.</p>");
	for (int i = 0; i < PERIODS_MAX; i++) {
		form_field(out, f, PLACEMENT_PERIOD_START(i), NULL);
		form_field(out, f, PLACEMENT_PERIOD_END(i), NULL);
	}
	html(out, "<h2 class=\"section\">Stagementor</h2>");
	form_field(out, f, PLACEMENT_MENTOR_NAME, NULL);
	form_field(out, f, PLACEMENT_MENTOR_PHONE, NULL);
	form_field(out, f, PLACEMENT_MENTOR_EMAIL, NULL);
	form_field(out, f, PLACEMENT_NOTES, NULL);
	form_field(out, f, PLACEMENT_VERSION, NULL);
}

bool placement_form_check(struct req *r, struct form *f, const struct campaign *c,
                                 struct placement_record *p)
{
	form_read(f, r);
	struct period_input in;
	for (int i = 0; i < PERIODS_MAX; i++) {
		in.start[i] = form_value(f, PLACEMENT_PERIOD_START(i));
		in.end[i] = form_value(f, PLACEMENT_PERIOD_END(i));
	}
	struct period_result res;
	bool periods_ok = periods_validate(&in, 0, school_year_start(c->school_year), &res) >= 0;
	for (int i = 0; i < PERIODS_MAX; i++) {
		if (res.start_error[i])
			form_error(f, PLACEMENT_PERIOD_START(i), res.start_error[i]);
		if (res.end_error[i])
			form_error(f, PLACEMENT_PERIOD_END(i), res.end_error[i]);
	}
	char phone[32], email[255];
	const char *problem;
	if (*form_value(f, PLACEMENT_MENTOR_PHONE) &&
	    (problem = validate_phone(form_value(f, PLACEMENT_MENTOR_PHONE), phone, sizeof phone)))
		form_error(f, PLACEMENT_MENTOR_PHONE, problem);
	if (*form_value(f, PLACEMENT_MENTOR_EMAIL) &&
	    (problem = validate_email(form_value(f, PLACEMENT_MENTOR_EMAIL), email, sizeof email)))
		form_error(f, PLACEMENT_MENTOR_EMAIL, problem);
	if (!form_ok(f) || !periods_ok)
		return false;
	form_set(f, PLACEMENT_MENTOR_PHONE, phone);
	form_set(f, PLACEMENT_MENTOR_EMAIL, email);
	p->site = form_value(f, PLACEMENT_SITE);
	p->mentor_name = form_value(f, PLACEMENT_MENTOR_NAME);
	p->mentor_phone = form_value(f, PLACEMENT_MENTOR_PHONE);
	p->mentor_email = form_value(f, PLACEMENT_MENTOR_EMAIL);
	p->notes = form_value(f, PLACEMENT_NOTES);
	for (int i = 0; i < PERIODS_MAX; i++) {
		p->period_start[i] = res.start[i][0] ? arena_strdup(r->arena, res.start[i]) : NULL;
		p->period_end[i] = res.end[i][0] ? arena_strdup(r->arena, res.end[i]) : NULL;
	}
	return true;
}

void placement_form_set_periods(struct form *f, int count, const char start[][11], const char end[][11])
{
	for (int i = 0; i < count && i < PERIODS_MAX; i++) {
		form_set(f, PLACEMENT_PERIOD_START(i), start[i]);
		form_set(f, PLACEMENT_PERIOD_END(i), end[i]);
	}
}
