#include "cmocka_all.h"

#include <string.h>

#include "buf.h"
#include "html.h"

static const char *DANGER = "<script>\"'&";

static void text_context_is_escaped(void **state)
{
	(void)state;
	struct buf b = {0};
	html(&b, "<p>%s</p>", DANGER);
	assert_string_equal(b.data, "<p>&lt;script&gt;&quot;&#39;&amp;</p>");
	buf_free(&b);
}

static void attribute_context_is_escaped(void **state)
{
	(void)state;
	struct buf b = {0};
	html(&b, "<input value=\"%s\" title='%s'>", DANGER, DANGER);
	/* Neither quote style can be broken out of. */
	assert_null(strstr(b.data + strlen("<input value=\""), "\"'"));
	assert_string_equal(b.data, "<input value=\"&lt;script&gt;&quot;&#39;&amp;\" "
	                            "title='&lt;script&gt;&quot;&#39;&amp;'>");
	buf_free(&b);
}

static void url_context_is_encoded(void **state)
{
	(void)state;
	struct buf enc = {0}, b = {0};
	url_encode_into(&enc, DANGER);
	assert_string_equal(enc.data, "%3Cscript%3E%22%27%26");
	html(&b, "<a href=\"/zoek?q=%s\">", enc.data);
	assert_string_equal(b.data, "<a href=\"/zoek?q=%3Cscript%3E%22%27%26\">");
	buf_free(&enc);
	buf_free(&b);
}

static void numbers_and_percent(void **state)
{
	(void)state;
	struct buf b = {0};
	html(&b, "%d|%05d|%ld|%lld|%u|%zu|%%|%x", -7, 42, 123456789L, -9876543210LL, 7u, (size_t)99, 255u);
	assert_string_equal(b.data, "-7|00042|123456789|-9876543210|7|99|%|ff");
	buf_free(&b);
}

static void null_string_prints_nothing(void **state)
{
	(void)state;
	struct buf b = {0};
	const char *volatile missing = NULL; /* as a database NULL would arrive */
	html(&b, "[%s]", missing);
	assert_string_equal(b.data, "[]");
	buf_free(&b);
}

static void utf8_passes_unchanged(void **state)
{
	(void)state;
	struct buf b = {0};
	html(&b, "%s", "Chloë D’Hondt – €");
	assert_string_equal(b.data, "Chloë D’Hondt – €");
	buf_free(&b);
}

static void trusted_is_the_only_raw_path(void **state)
{
	(void)state;
	struct buf b = {0};
	html_trusted(&b, "<b>ok</b>");
	html(&b, "%s", "<b>no</b>");
	assert_string_equal(b.data, "<b>ok</b>&lt;b&gt;no&lt;/b&gt;");
	buf_free(&b);
}

/* ---- the appenders without printf ---- */

static void appended_text_is_escaped_like_html(void **state)
{
	(void)state;
	struct buf fast = {0}, slow = {0};
	const char *texts[] = {DANGER, "", "Chloë D'Hondt & <zoon>", "a\"b", "plain", "&&&", "'"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		html_lit(&fast, "<td title=\"");
		html_text(&fast, texts[i]);
		html_lit(&fast, "\">");
		html(&slow, "<td title=\"%s\">", texts[i]);
	}
	assert_string_equal(fast.data, slow.data);
	assert_null(strstr(fast.data, "<script"));
	html_text(&fast, NULL); /* nothing, like html's %s of NULL */
	assert_int_equal(fast.len, slow.len);
	buf_free(&fast);
	buf_free(&slow);
}

static void literal_markup_is_copied(void **state)
{
	(void)state;
	struct buf b = {0};
	html_lit(&b, "<tr>");
	html_lit(&b, "");
	html_lit(&b, "<td class=\"x\">–</td>");
	assert_string_equal(b.data, "<tr><td class=\"x\">–</td>");
	buf_free(&b);
}

static void numbers_are_digits(void **state)
{
	(void)state;
	const long long values[] = {0, 7, -7, 10, 50, 1234567890123LL, -9223372036854775807LL - 1, 9223372036854775807LL};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct buf fast = {0}, slow = {0};
		html_int(&fast, values[i]);
		html(&slow, "%lld", values[i]);
		assert_string_equal(fast.data, slow.data);
		buf_free(&fast);
		buf_free(&slow);
	}
}

static void dates_are_shown_as_day_month_year(void **state)
{
	(void)state;
	struct buf b = {0};
	html_date(&b, "2026-02-09");
	html_lit(&b, " ");
	html_day_month(&b, "2026-12-31");
	assert_string_equal(b.data, "09/02/2026 31/12");
	buf_free(&b);
	/* nothing for an empty or missing date */
	html_date(&b, "");
	html_date(&b, NULL);
	assert_int_equal(b.len, 0);
	/* what is not an ISO date is shown as date_display shows it, and escaped */
	html_date(&b, "9/2/2026");
	assert_string_equal(b.data, "09/02/2026");
	buf_reset(&b);
	html_date(&b, "<b>2026");
	assert_null(strchr(b.data, '<'));
	buf_reset(&b);
	html_date(&b, "2026-02-09x");
	assert_null(strstr(b.data, "09/02/2026x"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_context_is_escaped),
		cmocka_unit_test(attribute_context_is_escaped),
		cmocka_unit_test(url_context_is_encoded),
		cmocka_unit_test(numbers_and_percent),
		cmocka_unit_test(null_string_prints_nothing),
		cmocka_unit_test(utf8_passes_unchanged),
		cmocka_unit_test(trusted_is_the_only_raw_path),
		cmocka_unit_test(appended_text_is_escaped_like_html),
		cmocka_unit_test(literal_markup_is_copied),
		cmocka_unit_test(numbers_are_digits),
		cmocka_unit_test(dates_are_shown_as_day_month_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
