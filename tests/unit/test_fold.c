/* text_fold (fold.h): the reference for any twin of fold() in another database. */
#include "cmocka_all.h"

#include <string.h>

#include "db.h"
#include "fold.h"
#include "temp_db.h"

static void check(const char *in, const char *expected)
{
	char out[128];
	size_t n = text_fold(in, out, sizeof out);
	assert_string_equal(out, expected);
	assert_int_equal(n, strlen(expected));
}

static void lower_case_without_accents(void **state)
{
	(void)state;
	check("Chloë", "chloe");
	check("ÉLODIE Ångström", "elodieangstrom");
	check("Çelik Müller Ñúñez", "celikmullernunez");
	check("Øystein Straße Æsa", "oysteinstrasseaesa");
	check("Łukasz Dvořák Šťastný", "lukaszdvorakstastny");
	check("Ĳsbrand Œuvre Ğül", "ijsbrandoeuvregul");
	check("ŽIŽEK", "zizek");
}

static void apostrophes_hyphens_and_spaces_are_dropped(void **state)
{
	(void)state;
	check("D'Hondt", "dhondt");
	check("D’Hondt", "dhondt");       /* typographic apostrophe */
	check("Van den Berghe-Dupont", "vandenberghedupont");
	check("Anne–Marie", "annemarie");  /* en dash */
	check("  ", "");
}

static void other_characters_are_kept(void **state)
{
	(void)state;
	check("%dhondt\\_%", "%dhondt\\_%"); /* a LIKE pattern passes through */
	check("5×3", "5×3");
	check("Ωμέγα", "Ωμέγα");
	check("", "");
	check(NULL, "");
}

static void output_is_cut_at_the_size(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(text_fold("Chloë", out, sizeof out), 3);
	assert_string_equal(out, "chl");
	/* never half a character */
	assert_int_equal(text_fold("aaΩ", out, sizeof out), 2);
	assert_string_equal(out, "aa");
	assert_int_equal(text_fold("x", out, 0), 0);
}

static void the_database_has_it(void **state)
{
	(void)state;
	assert_int_equal(db_query_int(0, "SELECT fold('D''Hondt Chloë') = 'dhondtchloe'", NULL), 1);
	assert_int_equal(db_query_int(0, "SELECT fold('Chloë D''Hondt') LIKE fold('%chloe dhondt%')", NULL), 1);
	assert_int_equal(db_query_int(-1, "SELECT fold(NULL) IS NULL", NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lower_case_without_accents),
		cmocka_unit_test(apostrophes_hyphens_and_spaces_are_dropped),
		cmocka_unit_test(other_characters_are_kept),
		cmocka_unit_test(output_is_cut_at_the_size),
		cmocka_unit_test(the_database_has_it),
	};
	return cmocka_run_group_tests(tests, temp_db_setup, temp_db_teardown);
}
