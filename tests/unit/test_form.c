#include "cmocka_all.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "form.h"

enum test_field { FIRST_NAME, REMARKS, TRANSPORT, FORMAT, N };
static const struct field fields[] = {
	[FIRST_NAME] = {"first_name", "Voornaam", FIELD_TEXT, FIELD_REQUIRED, 10, NULL, NULL},
	[REMARKS] = {"remarks", "Opmerkingen", FIELD_TEXTAREA, 0, 0, "Bv. kleurenblindheid", NULL},
	[TRANSPORT] = {"transport", "Vervoersmiddelen", FIELD_CHECKBOXES, FIELD_REQUIRED, 0, NULL, NULL},
	[FORMAT] = {"format", "Stagevorm", FIELD_SELECT, FIELD_REQUIRED, 0, NULL, NULL},
};
FORM_TABLE(fields, N);

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
	assert_string_equal(form_value(&f, FIRST_NAME), "Zoë");
	assert_string_equal(form_value(&f, REMARKS), "lijn1\r\nlijn2"); /* line breaks kept, BEL dropped at end */
	assert_null(form_error_of(&f, FIRST_NAME));
	assert_string_equal(form_error_of(&f, TRANSPORT), "Maak een keuze.");
	assert_string_equal(form_error_of(&f, FORMAT), "Maak een keuze.");
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
	assert_null(form_error_of(&f, FIRST_NAME)); /* 10 characters, 20 bytes */
	arena_free(r->arena);
	r = new_request("first_name=abcdefghijk&transport=auto&format=blok");
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_string_equal(form_error_of(&f, FIRST_NAME), "Dit is te lang: maximaal 10 tekens.");
	arena_free(r->arena);
}

static void checkboxes_join_and_check(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=A&transport=auto&transport=fiets&transport=a%2Cb&format=blok");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_string_equal(form_value(&f, TRANSPORT), "auto,fiets");
	assert_true(form_has_choice(&f, TRANSPORT, "fiets"));
	assert_false(form_has_choice(&f, TRANSPORT, "fie"));
	assert_true(form_ok(&f));
	struct buf out = {0};
	form_field(&out, &f, TRANSPORT, transport_options);
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
	form_error(&f, FIRST_NAME, "Vul een echte naam in.");
	struct buf out = {0};
	form_field(&out, &f, FIRST_NAME, NULL);
	assert_non_null(strstr(out.data, "<label for=\"f-first_name\">Voornaam"));
	assert_non_null(strstr(out.data, "id=\"f-first_name\""));
	assert_non_null(strstr(out.data, "value=\"&quot;&gt;&lt;script&gt;\"")); /* re-filled, escaped */
	assert_non_null(strstr(out.data, "aria-invalid=\"true\""));
	assert_non_null(strstr(out.data, "aria-describedby=\"e-first_name\""));
	assert_non_null(strstr(out.data, "Vul een echte naam in."));
	assert_null(strstr(out.data, "<script>"));
	buf_reset(&out);
	form_field(&out, &f, REMARKS, NULL);
	assert_non_null(strstr(out.data, "<p class=\"help\" id=\"h-remarks\">Bv. kleurenblindheid</p>"));
	assert_non_null(strstr(out.data, ">x</textarea>"));
	buf_free(&out);
	arena_free(r->arena);
}

static void first_error_wins_and_stays_with_its_field(void **state)
{
	(void)state;
	struct req *r = new_request("first_name=A&transport=auto&format=blok");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_true(form_ok(&f));
	form_error(&f, FIRST_NAME, "eerste");
	form_error(&f, FIRST_NAME, "tweede");
	assert_string_equal(form_error_of(&f, FIRST_NAME), "eerste");
	assert_null(form_error_of(&f, REMARKS)); /* its neighbours keep none */
	assert_null(form_error_of(&f, FORMAT));
	assert_null(f.summary);
	assert_false(form_ok(&f));
	arena_free(r->arena);
}

/* Each index reads its own field: the posted names reach the right slot of the enum, and a
 * value set by a handler comes back in that field's control only. */
static void enum_index_reads_its_own_field(void **state)
{
	(void)state;
	struct req *r = new_request("format=blok&remarks=nota&first_name=Zo%C3%AB&transport=fiets");
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_string_equal(form_value(&f, FIRST_NAME), "Zoë");
	assert_string_equal(form_value(&f, REMARKS), "nota");
	assert_string_equal(form_value(&f, TRANSPORT), "fiets");
	assert_string_equal(form_value(&f, FORMAT), "blok");
	form_set(&f, REMARKS, "<nieuw>");
	struct buf out = {0};
	form_field(&out, &f, REMARKS, NULL);
	assert_non_null(strstr(out.data, "name=\"remarks\""));
	assert_non_null(strstr(out.data, ">&lt;nieuw&gt;</textarea>"));
	buf_reset(&out);
	form_field(&out, &f, FIRST_NAME, NULL);
	assert_non_null(strstr(out.data, "name=\"first_name\""));
	assert_non_null(strstr(out.data, "value=\"Zoë\""));
	assert_null(strstr(out.data, "nieuw"));
	buf_free(&out);
	arena_free(r->arena);
}

/* A field left off the form is not read (not even when posted), not shown, and its required
 * mark does not stop the form. */
static void omitted_field_is_neither_read_nor_shown(void **state)
{
	(void)state;
	struct req *r = new_request("remarks=x&transport=auto&format=blok&first_name=Geheim");
	struct user u = {.id = 1, .csrf = "tok"};
	r->user = &u;
	struct form f;
	form_init(&f, r->arena, fields, N);
	form_omit(&f, FIRST_NAME);
	form_read(&f, r);
	assert_string_equal(form_value(&f, FIRST_NAME), "");
	assert_null(form_error_of(&f, FIRST_NAME));
	assert_true(form_ok(&f));
	form_error(&f, FIRST_NAME, "nergens te zien");
	assert_true(form_ok(&f));
	struct buf out = {0};
	form_field(&out, &f, FIRST_NAME, NULL);
	assert_int_equal(out.len, 0);
	/* Not omitted, the same post without a first name is refused. */
	arena_free(r->arena);
	r = new_request("remarks=x&transport=auto&format=blok");
	r->user = &u;
	form_init(&f, r->arena, fields, N);
	form_read(&f, r);
	assert_string_equal(form_error_of(&f, FIRST_NAME), "Vul dit veld in.");
	buf_reset(&out);
	form_begin(&out, r, &f, "/x");
	assert_non_null(strstr(out.data, "#f-first_name"));
	buf_free(&out);
	arena_free(r->arena);
}

/* Runs body in a child process; true when the child was stopped by SIGABRT. */
static bool aborts(void (*body)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* keep the expected message off the test output */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		body();
		_exit(0);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static struct form *ready_form(void)
{
	static struct form f;
	form_init(&f, arena_new(), fields, N);
	return &f;
}

static void value_past_the_table(void) { form_value(ready_form(), N); }
static void error_before_the_table(void) { form_error(ready_form(), -1, "x"); }
static void field_of_a_bigger_form(void)
{
	struct buf out = {0};
	form_field(&out, ready_form(), N + 3, NULL);
}
static void valid_index(void) { form_set(ready_form(), FORMAT, "blok"); }

/* An index outside the form's table is a programming error: never a silent "" as a misspelt
 * name used to read. */
static void index_outside_the_table_aborts(void **state)
{
	(void)state;
	assert_false(aborts(valid_index)); /* the harness itself tells both apart */
	assert_true(aborts(value_past_the_table));
	assert_true(aborts(error_before_the_table));
	assert_true(aborts(field_of_a_bigger_form));
}

enum holed_field { HOLED_A, HOLED_B, HOLED_C, HOLED__FIELDS };
static const struct field holed_fields[] = {
	[HOLED_A] = {"a", "A", FIELD_TEXT, 0, 0, NULL, NULL},
	[HOLED_C] = {"c", "C", FIELD_TEXT, 0, 0, NULL, NULL},
};
FORM_TABLE(holed_fields, HOLED__FIELDS); /* the last slot is filled: only form_init sees the hole */

static void init_holed(void)
{
	struct form f;
	form_init(&f, arena_new(), holed_fields, HOLED__FIELDS);
}

/* A table that leaves a slot of its enum empty is refused the first time the form is used. */
static void table_with_a_hole_aborts(void **state)
{
	(void)state;
	assert_true(aborts(init_holed));
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
	form_field(&out, &f, FORMAT, l.items);
	assert_non_null(strstr(out.data, "<option value=\"2\" selected>Lint &lt;dag&gt;</option>"));
	assert_non_null(strstr(out.data, "<option value=\"1\">Blok</option>"));
	assert_null(strstr(out.data, "value=\"1\" selected"));
	/* A value set by the handler (e.g. from the database) is shown the same way. */
	form_set(&f, FORMAT, "1");
	buf_reset(&out);
	form_field(&out, &f, FORMAT, l.items);
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
	form_clear_error(&f, FIRST_NAME);
	form_clear_error(&f, TRANSPORT);
	form_clear_error(&f, FORMAT);
	assert_true(form_ok(&f));
	buf_reset(&out);
	form_begin(&out, r, &f, "/studenten/3");
	assert_null(strstr(out.data, "id=\"fouten\""));
	/* A summary set by the handler replaces the default text. */
	f.summary = "Bewaren is mislukt.";
	form_error(&f, FIRST_NAME, "Te kort.");
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
		cmocka_unit_test(first_error_wins_and_stays_with_its_field),
		cmocka_unit_test(enum_index_reads_its_own_field),
		cmocka_unit_test(omitted_field_is_neither_read_nor_shown),
		cmocka_unit_test(index_outside_the_table_aborts),
		cmocka_unit_test(table_with_a_hole_aborts),
		cmocka_unit_test(select_refills_the_choice_from_an_option_list),
		cmocka_unit_test(summary_links_every_error_and_clears),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
