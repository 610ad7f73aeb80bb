#include "cmocka_all.h"

#include <stdio.h>
#include <string.h>

#include "params.h"

#include "arena_fixture.h"

static void urlencoded_basic(void **state)
{
	(void)state;
	struct params p = {0};
	const char *body = "voornaam=Chlo%C3%AB&achternaam=D%27Hondt+Vermeulen&leeg=&vlag";
	assert_int_equal(params_parse_urlencoded(a, &p, body, strlen(body)), PARAMS_OK);
	assert_string_equal(params_get(&p, "voornaam"), "Chloë");
	assert_string_equal(params_get(&p, "achternaam"), "D'Hondt Vermeulen");
	assert_string_equal(params_get(&p, "leeg"), "");
	assert_string_equal(params_get(&p, "vlag"), "");
	assert_null(params_get(&p, "bestaat-niet"));
}

static void urlencoded_repeated_fields(void **state)
{
	(void)state;
	struct params p = {0};
	const char *body = "vervoer=fiets&vervoer=auto&vervoer=openbaar-vervoer";
	assert_int_equal(params_parse_urlencoded(a, &p, body, strlen(body)), PARAMS_OK);
	assert_string_equal(params_get_nth(&p, "vervoer", 0), "fiets");
	assert_string_equal(params_get_nth(&p, "vervoer", 2), "openbaar-vervoer");
	assert_null(params_get_nth(&p, "vervoer", 3));
}

static void urlencoded_rejects_bad_input(void **state)
{
	(void)state;
	const char *bad[] = {"a=%", "a=%4", "a=%zz", "a=%00", "a=%FF%FE", "a=%C0%AF", "a=%ED%A0%80"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct params p = {0};
		assert_int_equal(params_parse_urlencoded(a, &p, bad[i], strlen(bad[i])), PARAMS_INVALID);
	}
}

static void urlencoded_limits_field_count(void **state)
{
	(void)state;
	char body[PARAMS_MAX * 4 + 16];
	size_t n = 0;
	for (int i = 0; i <= PARAMS_MAX; i++)
		n += (size_t)sprintf(body + n, "a=%d&", i % 10);
	struct params p = {0};
	assert_int_equal(params_parse_urlencoded(a, &p, body, n), PARAMS_TOO_MANY);
}

static void multipart_fields(void **state)
{
	(void)state;
	const char *body = "--XyZ\r\n"
	                   "Content-Disposition: form-data; name=\"voornaam\"\r\n\r\n"
	                   "Zoë\r\n"
	                   "--XyZ\r\n"
	                   "Content-Disposition: form-data; name=\"opmerkingen\"\r\n\r\n"
	                   "lijn 1\r\nlijn 2\r\n"
	                   "--XyZ--\r\n";
	struct params p = {0};
	const char *boundary = params_multipart_boundary(a, "multipart/form-data; boundary=XyZ");
	assert_string_equal(boundary, "XyZ");
	assert_int_equal(params_parse_multipart(a, &p, body, strlen(body), boundary), PARAMS_OK);
	assert_string_equal(params_get(&p, "voornaam"), "Zoë");
	assert_string_equal(params_get(&p, "opmerkingen"), "lijn 1\r\nlijn 2");
}

static void multipart_refuses_files_and_garbage(void **state)
{
	(void)state;
	const char *file = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\n\r\nhi\r\n--b--";
	const char *unterminated = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nhi";
	struct params p = {0};
	assert_int_equal(params_parse_multipart(a, &p, file, strlen(file), "b"), PARAMS_INVALID);
	assert_int_equal(params_parse_multipart(a, &p, unterminated, strlen(unterminated), "b"), PARAMS_INVALID);
	assert_null(params_multipart_boundary(a, "application/x-www-form-urlencoded"));
}

static void cookies(void **state)
{
	(void)state;
	struct params p = {0};
	params_parse_cookies(a, &p, "stagematch=abc; __Host-x=\"quoted\"; broken; =novalue; z=1");
	assert_string_equal(params_get(&p, "stagematch"), "abc");
	assert_string_equal(params_get(&p, "__Host-x"), "quoted");
	assert_string_equal(params_get(&p, "z"), "1");
	assert_null(params_get(&p, "broken"));
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(utf8_valid("gewoon", 6));
	assert_true(utf8_valid("\xC3\xAB", 2));
	assert_true(utf8_valid("\xF0\x9F\x98\x80", 4));
	assert_false(utf8_valid("\xC3", 1));
	assert_false(utf8_valid("\xC0\x80", 2));      /* overlong */
	assert_false(utf8_valid("\xED\xA0\x80", 3));  /* surrogate */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* beyond U+10FFFF */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		WITH_ARENA(urlencoded_basic),
		WITH_ARENA(urlencoded_repeated_fields),
		WITH_ARENA(urlencoded_rejects_bad_input),
		WITH_ARENA(urlencoded_limits_field_count),
		WITH_ARENA(multipart_fields),
		WITH_ARENA(multipart_refuses_files_and_garbage),
		WITH_ARENA(cookies),
		cmocka_unit_test(utf8_validation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
