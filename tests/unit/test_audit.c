/* The audit log never stores a national number in clear, whatever a caller passes. */
#include "cmocka_all.h"

#include <string.h>

#include "audit.h"

static void assert_masked(const char *in, const char *want)
{
	struct buf out = {0};
	audit_mask_national_numbers(in, &out);
	assert_string_equal(out.data, want);
	buf_free(&out);
}

static void national_numbers_are_masked(void **state)
{
	(void)state;
	/* 85.07.30-033.28 is valid (born 1985); 08010100176 is a valid one born in 2008. */
	assert_masked("rrn 85.07.30-033.28 bekeken", "rrn [rijksregisternummer] bekeken");
	assert_masked("85073003328", "[rijksregisternummer]");
	assert_masked("a=85 07 30 033 28;b=1", "a=[rijksregisternummer];b=1");
	assert_masked("x 08010100176 en 85073003328.", "x [rijksregisternummer] en [rijksregisternummer].");
}

static void everything_else_is_kept(void **state)
{
	(void)state;
	assert_masked("", "");
	assert_masked("campaign=12 students=25 placements=10", "campaign=12 students=25 placements=10");
	/* 11 digits with a wrong checksum, 12 digits, and a phone number stay as they are. */
	assert_masked("85073003329", "85073003329");
	assert_masked("850730033281", "850730033281");
	assert_masked("tel 0470 12 34 56", "tel 0470 12 34 56");
	assert_masked("ip=10.0.0.130", "ip=10.0.0.130");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(national_numbers_are_masked),
		cmocka_unit_test(everything_else_is_kept),
	};
	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
