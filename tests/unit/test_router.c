/* The router's path matching: {id}, {code}, a final "*", trailing slashes, and which route a
 * method and path find in the application's table (405 versus 404). */
#include "cmocka_all.h"

#include <string.h>

#include "router.h"

static struct req *new_request(void)
{
	struct arena *a = arena_new();
	struct req *r = arena_alloc(a, sizeof *r);
	memset(r, 0, sizeof *r);
	r->arena = a;
	return r;
}

static void free_request(struct req *r)
{
	arena_free(r->arena);
}

static void literal_paths_match_exactly(void **state)
{
	(void)state;
	assert_true(router_match("/beheer", "/beheer", NULL));
	assert_false(router_match("/beheer", "/beheer/", NULL)); /* a trailing slash is another path */
	assert_false(router_match("/beheer/", "/beheer", NULL));
	assert_false(router_match("/beheer", "/beheerder", NULL));
	assert_false(router_match("/beheer", "/behee", NULL));
	assert_false(router_match("/beheer", "/Beheer", NULL));
	assert_true(router_match("/", "/", NULL));
	assert_false(router_match("/", "", NULL));
}

static void id_segments_are_positive_whole_numbers(void **state)
{
	(void)state;
	struct req *r = new_request();
	assert_true(router_match("/beheer/campagnes/{id}/scholen/{id}", "/beheer/campagnes/12/scholen/7", r));
	assert_int_equal(r->id_count, 2);
	assert_int_equal(r->ids[0], 12);
	assert_int_equal(r->ids[1], 7);
	assert_true(router_match("/studenten/{id}", "/studenten/999999999999999", r)); /* 15 digits */
	assert_int_equal(r->ids[0], 999999999999999LL);
	assert_int_equal(r->id_count, 1);
	static const char *const refused[] = {
		"/studenten/0", "/studenten/012", "/studenten/-3", "/studenten/abc", "/studenten/12a",
		"/studenten/", "/studenten", "/studenten/12/", "/studenten/1000000000000000", /* 16 digits */
		"/studenten/1.5", "/studenten/+4",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		assert_false(router_match("/studenten/{id}", refused[i], r));
	free_request(r);
}

static void at_most_four_ids(void **state)
{
	(void)state;
	assert_true(router_match("/{id}/{id}/{id}/{id}", "/1/2/3/4", NULL));
	assert_false(router_match("/{id}/{id}/{id}/{id}/{id}", "/1/2/3/4/5", NULL));
}

static void code_segments_are_slugs(void **state)
{
	(void)state;
	struct req *r = new_request();
	assert_true(router_match("/opleidingen/{code}/export.csv", "/opleidingen/dubbele-finaliteit/export.csv", r));
	assert_string_equal(r->slug, "dubbele-finaliteit");
	char forty[64] = "/opleidingen/", fortyone[64] = "/opleidingen/";
	memset(forty + 13, 'a', 40);
	memset(fortyone + 13, 'a', 41);
	assert_true(router_match("/opleidingen/{code}", forty, NULL));
	assert_false(router_match("/opleidingen/{code}", fortyone, NULL));
	assert_false(router_match("/opleidingen/{code}", "/opleidingen/", NULL));
	assert_false(router_match("/opleidingen/{code}", "/opleidingen/Dubbele", NULL));
	assert_false(router_match("/opleidingen/{code}", "/opleidingen/a_b", NULL));
	assert_false(router_match("/opleidingen/{code}", "/opleidingen/a/b", NULL));
	free_request(r);
}

static void star_is_the_rest_of_one_segment(void **state)
{
	(void)state;
	assert_true(router_match("/assets/*", "/assets/app.3f2a.css", NULL));
	assert_false(router_match("/assets/*", "/assets/", NULL));
	assert_false(router_match("/assets/*", "/assets/a/b.css", NULL));
	assert_false(router_match("/assets/*", "/assets", NULL));
	assert_false(router_match("/activeren/*", "/activeren/token/", NULL));
}

static void method_and_path_find_one_route(void **state)
{
	(void)state;
	struct req *r = new_request();
	bool known = false;
	const struct route *rt = router_find(r, "GET", "/studenten/42", &known);
	assert_non_null(rt);
	assert_true(known);
	assert_string_equal(rt->pattern, "/studenten/{id}");
	assert_string_equal(rt->method, "GET");
	assert_int_equal(r->ids[0], 42);
	rt = router_find(r, "POST", "/studenten/42", &known);
	assert_non_null(rt);
	assert_string_equal(rt->method, "POST");
	/* A literal route listed before {id} wins. */
	rt = router_find(r, "GET", "/stagiairs/export.csv", &known);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/stagiairs/export.csv");

	/* The path exists for another method: no route, but known (the router answers 405). */
	assert_null(router_find(r, "DELETE", "/studenten/42", &known));
	assert_true(known);
	assert_null(router_find(r, "POST", "/healthz", &known));
	assert_true(known);
	/* Unknown path, trailing slash, or id 0: not known at all (404). */
	assert_null(router_find(r, "GET", "/bestaat-niet", &known));
	assert_false(known);
	assert_null(router_find(r, "GET", "/studenten/42/", &known));
	assert_false(known);
	assert_null(router_find(r, "GET", "/studenten/0", &known));
	assert_false(known);
	free_request(r);
}

static void token_paths_are_known_to_the_log(void **state)
{
	(void)state;
	const char *path = "/activeren/abcdef";
	assert_int_equal(router_token_prefix(path, strlen(path)), strlen("/activeren/"));
	path = "/ACTIVEREN/abcdef"; /* whatever the case */
	assert_int_equal(router_token_prefix(path, strlen(path)), strlen("/activeren/"));
	path = "/studenten/12";
	assert_int_equal(router_token_prefix(path, strlen(path)), 0);
	path = "/assets/app.css"; /* a "*" route without ROUTE_TOKEN keeps its path */
	assert_int_equal(router_token_prefix(path, strlen(path)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literal_paths_match_exactly),
		cmocka_unit_test(id_segments_are_positive_whole_numbers),
		cmocka_unit_test(at_most_four_ids),
		cmocka_unit_test(code_segments_are_slugs),
		cmocka_unit_test(star_is_the_rest_of_one_segment),
		cmocka_unit_test(method_and_path_find_one_route),
		cmocka_unit_test(token_paths_are_known_to_the_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
