#include "cmocka_all.h"

#include <string.h>

#include "form.h"

static const struct field fields[] = {
	{"first_name", "Voornaam", FIELD_TEXT, FIELD_REQUIRED, 10, NULL, NULL},
	{"remarks", "Opmerkingen", FIELD_TEXTAREA, 0, 0, "Bv. kleurenblindheid", NULL},
	{"transport", "Vervoersmiddelen", FIELD_CHECKBOXES, FIELD_REQUIRED, 0, NULL, NULL},
	{"format", "Stagevorm", FIELD_SELECT, FIELD_REQUIRED, 0, NULL, NULL},
};
#define N (sizeof fields / sizeof fields[0])

static const struct option transport_options[] = {
	{"auto", "Auto"}, {"fiets", "Fiets"}, {NULL, NULL},
};

static struct req *new_request(const char *body)
{
	struct arena *a = arena_new();
	struct req *r = arena_alloc(a, sizeof *r);
	r->arena = a;
	params_parse_urlencoded(a, &r->form, body, strlen(body));
	return r;
}

static void reads_trims_and_checks_required(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=++Zo%C3%AB++&remarks=lijn1%0D%0Alijn2%07&format=");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_string_equal(form_value(&f, "first_name"), "Zoë");
	assert_string_equal(form_value(&f, "remarks"), "lijn1\r\nlijn2"); /* line breaks kept, BEL dropped at end */
	assert_null(form_error_of(&f, "first_name"));
	assert_string_equal(form_error_of(&f, "transport"), "Maak een keuze.");
	assert_string_equal(form_error_of(&f, "format"), "Maak een keuze.");
	assert_false(form_ok(&f));
	arena_free(r->arena);
}

static void length_counts_characters_not_bytes(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB"
	                            "&transport=auto&format=blok");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_null(form_error_of(&f, "first_name")); /* 10 characters, 20 bytes */
	arena_free(r->arena);
	r = new_request("first_name=abcdefghijk&transport=auto&format=blok");
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_string_equal(form_error_of(&f, "first_name"), "Dit is te lang: maximaal 10 tekens.");
	arena_free(r->arena);
}

static void checkboxes_join_and_check(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=A&transport=auto&transport=fiets&transport=a%2Cb&format=blok");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_string_equal(form_value(&f, "transport"), "auto,fiets");
	assert_true(form_has_choice(&f, "transport", "fiets"));
	assert_false(form_has_choice(&f, "transport", "fie"));
	assert_true(form_ok(&f));
	struct buf out = {0};
	form_field(&out, &f, "transport", transport_options);
	assert_non_null(strstr(out.data, "value=\"auto\" checked"));
	assert_non_null(strstr(out.data, "value=\"fiets\" checked"));
	assert_non_null(strstr(out.data, "<legend>Vervoersmiddelen *</legend>"));
	buf_free(&out);
	arena_free(r->arena);
}

static void renders_label_value_error_and_help(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=%22%3E%3Cscript%3E&remarks=x");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	form_error(&f, "first_name", "Vul een echte naam in.");
	struct buf out = {0};
	form_field(&out, &f, "first_name", NULL);
	assert_non_null(strstr(out.data, "<label for=\"f-first_name\">Voornaam"));
	assert_non_null(strstr(out.data, "id=\"f-first_name\""));
	assert_non_null(strstr(out.data, "value=\"&quot;&gt;&lt;script&gt;\"")); /* re-filled, escaped */
	assert_non_null(strstr(out.data, "aria-invalid=\"true\""));
	assert_non_null(strstr(out.data, "aria-describedby=\"e-first_name\""));
	assert_non_null(strstr(out.data, "Vul een echte naam in."));
	assert_null(strstr(out.data, "<script>"));
	buf_reset(&out);
	form_field(&out, &f, "remarks", NULL);
	assert_non_null(strstr(out.data, "<p class=\"help\" id=\"h-remarks\">Bv. kleurenblindheid</p>"));
	assert_non_null(strstr(out.data, ">x</textarea>"));
	buf_free(&out);
	arena_free(r->arena);
}

static void first_error_wins_and_unknown_goes_to_summary(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=A&transport=auto&format=blok");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_true(form_ok(&f));
	form_error(&f, "first_name", "eerste");
	form_error(&f, "first_name", "tweede");
	assert_string_equal(form_error_of(&f, "first_name"), "eerste");
	form_error(&f, "bestaat-niet", "algemeen");
	assert_string_equal(f.summary, "algemeen");
	arena_free(r->arena);
}

static void select_refills_the_choice_from_an_option_list(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=A&transport=auto&format=2");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	struct option_list l = {.arena = r->arena};
	option_list_add(&l, "", "Kies...");
	option_list_add(&l, "1", "Blok");
	option_list_add(&l, "2", "Lint <dag>");
	assert_int_equal(l.count, 3);
	assert_null(l.items[3].value); /* terminated */
	struct buf out = {0};
	form_field(&out, &f, "format", l.items);
	assert_non_null(strstr(out.data, "<option value=\"2\" selected>Lint &lt;dag&gt;</option>"));
	assert_non_null(strstr(out.data, "<option value=\"1\">Blok</option>"));
	assert_null(strstr(out.data, "value=\"1\" selected"));
	/* A value set by the handler (e.g. from the database) is shown the same way. */
	form_set(&f, "format", "1");
	buf_reset(&out);
	form_field(&out, &f, "format", l.items);
	assert_non_null(strstr(out.data, "<option value=\"1\" selected>Blok</option>"));
	buf_free(&out);
	arena_free(r->arena);
}

static void summary_links_every_error_and_clears(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=&remarks=x");
	struct user u = {.id = 1, .csrf = "tok123"};
	r->user = &u;
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_false(form_ok(&f));
	struct buf out = {0};
	form_begin(&out, r, &f, "/studenten/3");
	assert_non_null(strstr(out.data, "<form method=\"post\" action=\"/studenten/3\""));
	assert_non_null(strstr(out.data, "name=\"csrf\" value=\"tok123\""));
	assert_non_null(strstr(out.data, "<strong>Het formulier is nog niet bewaard.</strong>"));
	assert_non_null(strstr(out.data, "<a href=\"#f-first_name\">Voornaam: Vul dit veld in.</a>"));
	assert_non_null(strstr(out.data, "<a href=\"#f-transport\">Vervoersmiddelen: Maak een keuze.</a>"));
	assert_non_null(strstr(out.data, "<a href=\"#f-format\">Stagevorm: Maak een keuze.</a>"));
	assert_null(strstr(out.data, "#f-remarks")); /* no error, no link */
	/* With the errors cleared the form is fine and begins without a summary. */
	form_clear_error(&f, "first_name");
	form_clear_error(&f, "transport");
	form_clear_error(&f, "format");
	assert_true(form_ok(&f));
	buf_reset(&out);
	form_begin(&out, r, &f, "/studenten/3");
	assert_null(strstr(out.data, "id=\"fouten\""));
	/* A summary set by the handler replaces the default text. */
	f.summary = "Bewaren is mislukt.";
	form_error(&f, "first_name", "Te kort.");
	buf_reset(&out);
	form_begin(&out, r, &f, "/studenten/3");
	assert_non_null(strstr(out.data, "Bewaren is mislukt.</p>"));
	assert_non_null(strstr(out.data, "Voornaam: Te kort."));
	buf_free(&out);
	arena_free(r->arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_trims_and_checks_required),
		cmocka_unit_test(length_counts_characters_not_bytes),
		cmocka_unit_test(checkboxes_join_and_check),
		cmocka_unit_test(renders_label_value_error_and_help),
		cmocka_unit_test(first_error_wins_and_unknown_goes_to_summary),
		cmocka_unit_test(select_refills_the_choice_from_an_option_list),
		cmocka_unit_test(summary_links_every_error_and_clears),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
