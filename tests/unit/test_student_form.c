#include "cmocka_all.h"

#include <stdio.h>
#include <string.h>

#include "campaigns.h"
#include "clock.h"
#include "domain.h"
#include "html.h"
#include "student_form.h"

/* The pupil form's rules, without a database: a posted body in, messages and record out. */

static const struct option contacts[] = {{"7", "An Vermeulen"}, {"9", "Bart Desmet"}, {NULL, NULL}};
static const struct option services[] = {{"3", "Familiezorg West-Vlaanderen"}, {NULL, NULL}};
static const struct student_choices choices = {contacts, 2, services};
static const struct student_choices no_contacts = {contacts + 2, 0, services};

/* A complete, valid request; tests replace fields with changes. "a|b" posts two values. */
static const char *const valid[][2] = {
	{"first_name", "Jolien"}, {"last_name", "Peeters"}, {"national_number", "85.07.30-033.28"},
	{"street", "Kerkstraat 1"}, {"postcode", "8500"}, {"city", "Kortrijk"}, {"province", "West-Vlaanderen"},
	{"phone", "0470123456"}, {"email", "Jolien@Voorbeeld.be"}, {"transport", "fiets|openbaar-vervoer"},
	{"remarks", "Kleurenblind"}, {"contact_id", "9"}, {"format", "blok"}, {"period_count", "2"},
	{"hours_per_week", "32"}, {"total_hours", "128"}, {"p1_start", "11/01/2027"}, {"p1_end", "22/01/2027"},
	{"p2_start", "2027-03-15"}, {"p2_end", "26/03/2027"}, {"request_remarks", ""}, {"preference", "3"},
};
#define N_VALID (sizeof valid / sizeof valid[0])

struct run {
	struct req *r;
	struct form f;
	struct pupil_record rec;
	bool ok;
};

static void encode(struct buf *b, const char *name, const char *values)
{
	while (values) {
		const char *bar = strchr(values, '|');
		char one[128];
		snprintf(one, sizeof one, "%.*s", bar ? (int)(bar - values) : (int)strlen(values), values);
		if (b->len)
			buf_putc(b, '&');
		url_encode_into(b, name);
		buf_putc(b, '=');
		url_encode_into(b, one);
		values = bar ? bar + 1 : NULL;
	}
}

/* The value of name after changes: changed (NULL = not posted), or the valid one. */
static const char *value_of(const char *name, const char *const changes[][2], size_t n, bool *found)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(changes[k][0], name) == 0) {
			*found = true;
			return changes[k][1];
		}
	*found = false;
	return NULL;
}

/* Posts the valid request with changes (name, value pairs) to the form's rules. */
static struct run *post(const struct student_choices *ch, const char *const changes[][2], size_t n_changes)
{
	struct buf body = {0};
	bool found;
	for (size_t i = 0; i < N_VALID; i++) {
		const char *v = value_of(valid[i][0], changes, n_changes, &found);
		encode(&body, valid[i][0], found ? v : valid[i][1]);
	}
	for (size_t k = 0; k < n_changes; k++) {
		bool in_valid = false;
		for (size_t i = 0; i < N_VALID; i++)
			in_valid |= strcmp(valid[i][0], changes[k][0]) == 0;
		if (!in_valid)
			encode(&body, changes[k][0], changes[k][1]);
	}
	struct arena *a = arena_new();
	struct run *run = arena_alloc(a, sizeof *run);
	run->r = arena_alloc(a, sizeof *run->r);
	run->r->arena = a;
	params_parse_urlencoded(a, &run->r->form, body.data, body.len);
	buf_free(&body);
	student_form_init(&run->f, a);
	run->ok = student_form_read(&run->f, run->r, ch, 2026, &run->rec);
	return run;
}

static void done(struct run *run)
{
	arena_free(run->r->arena);
}

static void assert_only_error(struct run *run, const char *name, const char *message)
{
	assert_false(run->ok);
	for (size_t i = 0; i < run->f.count; i++) {
		const char *field = run->f.fields[i].name;
		const char *e = run->f.errors[i];
		if (strcmp(field, name) == 0) {
			if (!e)
				fail_msg("no message on %s, want '%s'", name, message);
			assert_string_equal(e, message);
		} else if (e) {
			fail_msg("unexpected message on %s: %s", field, e);
		}
	}
}

static void a_valid_request_becomes_a_record(void **state)
{
	(void)state;
	struct run *run = post(&choices, NULL, 0);
	assert_true(run->ok);
	const struct pupil_record *s = &run->rec;
	assert_string_equal(s->national_number, "85073003328");
	assert_string_equal(s->phone, "0470 12 34 56");
	assert_string_equal(s->email, "jolien@voorbeeld.be");
	assert_string_equal(s->postcode, "8500");
	assert_string_equal(s->province, "West-Vlaanderen");
	assert_int_equal(s->transport, TRANSPORT_BIKE | TRANSPORT_PUBLIC);
	assert_int_equal(s->contact_id, 9);
	assert_int_equal(s->preference_service_id, 3);
	assert_int_equal(s->period_count, 2);
	assert_int_equal(s->hours_per_week, 32);
	assert_int_equal(s->total_hours, 128);
	assert_string_equal(s->period_start[0], "2027-01-11");
	assert_string_equal(s->period_end[1], "2027-03-26");
	assert_null(s->period_start[2]);
	/* What was typed stays as typed, for showing the form again. */
	assert_string_equal(form_value(&run->f, STUDENT_NATIONAL_NUMBER), "85.07.30-033.28");
	assert_string_equal(form_value(&run->f, STUDENT_PHONE), "0470123456");
	done(run);
}

static void national_number_rules(void **state)
{
	(void)state;
	const char *const bare[][2] = {{"national_number", "85073003328"}};
	struct run *run = post(&choices, bare, 1);
	assert_true(run->ok);
	done(run);
	const char *const born_2000s[][2] = {{"national_number", "01.01.01-012.15"}};
	run = post(&choices, born_2000s, 1);
	assert_true(run->ok);
	assert_string_equal(run->rec.national_number, "01010101215");
	done(run);
	const char *const wrong[][2] = {{"national_number", "85.07.30-033.29"}};
	run = post(&choices, wrong, 1);
	assert_only_error(run, "national_number",
	                  "Dit rijksregisternummer klopt niet (controlegetal). Kijk het na op de identiteitskaart.");
	assert_string_equal(form_value(&run->f, STUDENT_NATIONAL_NUMBER), "85.07.30-033.29");
	done(run);
	const char *const missing[][2] = {{"national_number", NULL}};
	run = post(&choices, missing, 1);
	assert_only_error(run, "national_number", "Vul dit veld in.");
	done(run);
}

static void province_is_proposed_from_the_postcode(void **state)
{
	(void)state;
	const char *const empty[][2] = {{"province", ""}, {"postcode", "2000"}};
	struct run *run = post(&choices, empty, 2);
	assert_true(run->ok);
	assert_string_equal(run->rec.province, "Antwerpen");
	assert_string_equal(form_value(&run->f, STUDENT_PROVINCE), "Antwerpen");
	done(run);
	const char *const mismatch[][2] = {{"province", "Antwerpen"}};
	run = post(&choices, mismatch, 1);
	assert_only_error(run, "province", "Postcode 8500 ligt in West-Vlaanderen. Kies West-Vlaanderen of kijk de postcode na.");
	assert_string_equal(form_value(&run->f, STUDENT_PROVINCE), "Antwerpen");
	done(run);
	const char *const unknown[][2] = {{"province", "Zeeland"}};
	run = post(&choices, unknown, 1);
	assert_only_error(run, "province", "Kies een provincie uit de lijst.");
	done(run);
	/* The province is not required (it may be left to the postcode): a bad postcode is the one
	 * message, and once it is right the province follows from it. */
	const char *const bad[][2] = {{"postcode", "850"}, {"province", ""}};
	run = post(&choices, bad, 2);
	assert_only_error(run, "postcode", "Geef een Belgische postcode van 4 cijfers in, bv. 8000.");
	done(run);
	const char *const low[][2] = {{"postcode", "0999"}};
	run = post(&choices, low, 1);
	assert_only_error(run, "postcode", "Geef een Belgische postcode van 4 cijfers in, bv. 8000.");
	done(run);
}

static void phone_email_and_transport(void **state)
{
	(void)state;
	const char *const phone[][2] = {{"phone", "12345"}};
	struct run *run = post(&choices, phone, 1);
	assert_only_error(run, "phone", "Geef een geldig telefoonnummer in, bv. 0470 12 34 56 of 050 12 34 56.");
	done(run);
	const char *const email[][2] = {{"email", "jolien@"}};
	run = post(&choices, email, 1);
	assert_only_error(run, "email", "Geef een geldig e-mailadres in, bv. naam@school.be.");
	done(run);
	const char *const none[][2] = {{"transport", NULL}};
	run = post(&choices, none, 1);
	assert_only_error(run, "transport", "Kies minstens één vervoersmiddel.");
	done(run);
	const char *const forged[][2] = {{"transport", "raket"}};
	run = post(&choices, forged, 1);
	assert_only_error(run, "transport", "Kies uit de vervoersmiddelen in de lijst.");
	done(run);
	const char *const two[][2] = {{"transport", "auto|bromfiets"}};
	run = post(&choices, two, 1);
	assert_true(run->ok);
	assert_int_equal(run->rec.transport, TRANSPORT_CAR | TRANSPORT_MOPED);
	done(run);
}

static void choices_come_from_the_lists(void **state)
{
	(void)state;
	const char *const contact[][2] = {{"contact_id", "8"}};
	struct run *run = post(&choices, contact, 1);
	assert_only_error(run, "contact_id", "Kies een begeleider uit de lijst.");
	done(run);
	run = post(&no_contacts, NULL, 0);
	assert_false(run->ok);
	assert_non_null(strstr(form_error_of(&run->f, STUDENT_CONTACT_ID), "nog geen contactpersoon stageplaats"));
	done(run);
	const char *const preference[][2] = {{"preference", "4"}};
	run = post(&choices, preference, 1);
	assert_only_error(run, "preference", "Kies een dienst uit de lijst, of 'geen voorkeur'.");
	done(run);
	const char *const no_preference[][2] = {{"preference", ""}};
	run = post(&choices, no_preference, 1);
	assert_true(run->ok);
	assert_int_equal(run->rec.preference_service_id, 0);
	done(run);
	const char *const format[][2] = {{"format", "stage"}};
	run = post(&choices, format, 1);
	assert_only_error(run, "format", "Kies een stagevorm uit de lijst.");
	done(run);
}

static void hours_and_count(void **state)
{
	(void)state;
	const char *const week[][2] = {{"hours_per_week", "41"}};
	struct run *run = post(&choices, week, 1);
	assert_only_error(run, "hours_per_week", "Geef een getal tussen 1 en 40 in.");
	done(run);
	const char *const total[][2] = {{"total_hours", "12,5"}};
	run = post(&choices, total, 1);
	assert_only_error(run, "total_hours", "Geef een geheel getal in.");
	done(run);
	const char *const zero[][2] = {{"total_hours", "0"}};
	run = post(&choices, zero, 1);
	assert_only_error(run, "total_hours", "Geef een getal tussen 1 en 2000 in.");
	done(run);
	const char *const count[][2] = {{"period_count", "3"}};
	run = post(&choices, count, 1);
	assert_only_error(run, "period_count", "Je vulde 2 periodes in, maar koos 3 bij 'Hoeveel periodes'.");
	done(run);
	const char *const five[][2] = {{"period_count", "5"}};
	run = post(&choices, five, 1);
	assert_only_error(run, "period_count", "Kies 1, 2, 3 of 4.");
	done(run);
}

static void periods_answer_next_to_each_date(void **state)
{
	(void)state;
	const char *const before[][2] = {{"p1_end", "10/01/2027"}};
	struct run *run = post(&choices, before, 1);
	assert_only_error(run, "p1_end", "De einddatum ligt vóór de startdatum.");
	done(run);
	const char *const half[][2] = {{"p2_end", ""}};
	run = post(&choices, half, 1);
	assert_only_error(run, "p2_end", "Vul ook de einddatum in.");
	done(run);
	const char *const overlap[][2] = {{"p2_start", "20/01/2027"}};
	run = post(&choices, overlap, 1);
	assert_only_error(run, "p2_start", "Periode 2 begint voor periode 1 gedaan is.");
	done(run);
	const char *const outside[][2] = {{"p2_start", "01/09/2027"}, {"p2_end", "10/09/2027"}};
	run = post(&choices, outside, 2);
	assert_false(run->ok);
	assert_string_equal(form_error_of(&run->f, STUDENT_P2_START),
	                    "Deze datum valt buiten het schooljaar 2026-2027 (01/09/2026 – 31/08/2027).");
	done(run);
	const char *const gap[][2] = {{"p3_start", "01/05/2027"}, {"p3_end", "10/05/2027"}, {"p2_start", ""}, {"p2_end", ""}};
	run = post(&choices, gap, 4);
	assert_only_error(run, "p3_start", "Vul eerst periode 2 in.");
	done(run);
	const char *const typo[][2] = {{"p1_start", "31/02/2027"}};
	run = post(&choices, typo, 1);
	assert_only_error(run, "p1_start", "Geef een geldige datum in (dd/mm/jjjj).");
	assert_string_equal(form_value(&run->f, STUDENT_P1_START), "31/02/2027");
	done(run);
}

static void fill_shows_the_stored_pupil(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form f;
	student_form_init(&f, a);
	struct pupil_record s = {
		.contact_id = 7, .first_name = "Jolien", .last_name = "Peeters", .national_number = "85073003328",
		.street = "Kerkstraat 1", .postcode = "8500", .city = "Kortrijk", .province = "West-Vlaanderen",
		.phone = "0470 12 34 56", .email = "j@v.be", .transport = TRANSPORT_CAR | TRANSPORT_PUBLIC,
		.remarks = "", .format = "blok", .period_count = 1, .hours_per_week = 32, .total_hours = 64,
		.request_remarks = "", .period_start = {"2027-01-11"}, .period_end = {"2027-01-22"},
	};
	student_form_fill(&f, &s, 4);
	assert_string_equal(form_value(&f, STUDENT_NATIONAL_NUMBER), "85.07.30-033.28");
	assert_string_equal(form_value(&f, STUDENT_TRANSPORT), "auto,openbaar-vervoer");
	assert_string_equal(form_value(&f, STUDENT_P1_START), "11/01/2027");
	assert_string_equal(form_value(&f, STUDENT_P2_START), "");
	assert_string_equal(form_value(&f, STUDENT_PREFERENCE), "");
	assert_string_equal(form_value(&f, STUDENT_VERSION), "4");
	assert_string_equal(form_value(&f, STUDENT_CONTACT_ID), "7");
	arena_free(a);
}

static void changes_list_only_real_differences(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct form typed, stored;
	student_form_init(&typed, a);
	student_form_init(&stored, a);
	struct pupil_record s = {
		.contact_id = 7, .first_name = "Jolien", .last_name = "Peeters", .national_number = "85073003328",
		.street = "Kerkstraat 1", .postcode = "8500", .city = "Kortrijk", .province = "West-Vlaanderen",
		.phone = "0470 12 34 56", .email = "j@v.be", .transport = TRANSPORT_BIKE, .remarks = "",
		.format = "blok", .period_count = 1, .hours_per_week = 32, .total_hours = 64, .request_remarks = "",
		.period_start = {"2027-01-11"}, .period_end = {"2027-01-22"},
	};
	student_form_fill(&stored, &s, 2);
	student_form_fill(&typed, &s, 1);
	/* Written differently, meaning the same: no change. */
	form_set(&typed, STUDENT_NATIONAL_NUMBER, "85073003328");
	form_set(&typed, STUDENT_PHONE, "0470/123456");
	form_set(&typed, STUDENT_EMAIL, "J@V.be");
	form_set(&typed, STUDENT_P1_START, "2027-01-11");
	struct buf out = {0};
	assert_int_equal(student_form_render_changes(&out, &typed, &stored, &choices), 0);
	form_set(&typed, STUDENT_CITY, "Harelbeke");
	form_set(&typed, STUDENT_CONTACT_ID, "9");
	assert_int_equal(student_form_render_changes(&out, &typed, &stored, &choices), 2);
	assert_non_null(strstr(out.data, "<li><strong>Plaats:</strong> Kortrijk</li>"));
	assert_non_null(strstr(out.data, "<li><strong>Stage-/werkplekbegeleider:</strong> An Vermeulen</li>"));
	buf_free(&out);
	arena_free(a);
}

static void transport_value_round_trip(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	for (int bits = 1; bits < 32; bits++)
		assert_int_equal(transport_bits(transport_value(a, bits)), bits);
	assert_int_equal(transport_bits(""), 0);
	assert_int_equal(transport_bits("fiets,fietsen"), -1);
	assert_int_equal(transport_bits("fiet"), -1);
	arena_free(a);
}

static void registration_notice_says_since_or_until_when(void **state)
{
	(void)state;
	struct campaign c = {0};
	campaign_default_timing(2026, &c);
	snprintf(c.programme_name, sizeof c.programme_name, "Dubbele finaliteit gezondheidszorg");
	char out[400];
	assert_null(campaign_registration_notice(&c, c.registration_opens_at, out, sizeof out));
	assert_null(campaign_registration_notice(&c, c.registration_closes_at - 1, out, sizeof out));
	const char *before = campaign_registration_notice(&c, c.registration_opens_at - 1, out, sizeof out);
	assert_non_null(before);
	assert_non_null(strstr(before, "opent pas op 01/09/2026 12:00"));
	assert_non_null(strstr(before, "Dubbele finaliteit gezondheidszorg (schooljaar 2026-2027)"));
	const char *after = campaign_registration_notice(&c, c.registration_closes_at, out, sizeof out);
	assert_non_null(strstr(after, "is gesloten sinds 07/10/2026 12:00"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_valid_request_becomes_a_record),
		cmocka_unit_test(national_number_rules),
		cmocka_unit_test(province_is_proposed_from_the_postcode),
		cmocka_unit_test(phone_email_and_transport),
		cmocka_unit_test(choices_come_from_the_lists),
		cmocka_unit_test(hours_and_count),
		cmocka_unit_test(periods_answer_next_to_each_date),
		cmocka_unit_test(fill_shows_the_stored_pupil),
		cmocka_unit_test(changes_list_only_real_differences),
		cmocka_unit_test(transport_value_round_trip),
		cmocka_unit_test(registration_notice_says_since_or_until_when),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
