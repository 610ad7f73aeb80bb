#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "mime.h"

static char *qp(const char *text)
{
	struct buf b = {0};
	mime_qp_encode(&b, text);
	return b.data ? b.data : calloc(1, 1);
}

/* Decodes quoted-printable as a mail reader would: soft breaks joined, =XX to bytes. */
static char *qp_decode(const char *s)
{
	char *out = calloc(1, strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') {
			s += 3;
		} else if (s[0] == '=') {
			char h[3] = {s[1], s[2], 0};
			*o++ = (char)strtol(h, NULL, 16);
			s += 3;
		} else if (s[0] == '\r' && s[1] == '\n') {
			*o++ = '\n';
			s += 2;
		} else {
			*o++ = *s++;
		}
	}
	return out;
}

/* Every line (CRLF-separated) at most max characters; no bare LF or CR. */
static void assert_lines_within(const char *s, size_t max)
{
	size_t col = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			assert_int_equal(p[1], '\n');
			p++;
			col = 0;
			continue;
		}
		assert_int_not_equal(*p, '\n');
		if (++col > max)
			fail_msg("line longer than %zu: %.100s", max, p - col + 1);
	}
}

static void test_qp_plain_text_unchanged(void **state)
{
	(void)state;
	char *s = qp("Dag Ann,\nJe account is klaar.\n");
	assert_string_equal(s, "Dag Ann,\r\nJe account is klaar.\r\n");
	free(s);
}

static void test_qp_accents(void **state)
{
	(void)state;
	char *s = qp("Coördinatie — één café\n");
	assert_string_equal(s, "Co=C3=B6rdinatie =E2=80=94 =C3=A9=C3=A9n caf=C3=A9\r\n");
	char *back = qp_decode(s);
	assert_string_equal(back, "Coördinatie — één café\n");
	free(s);
	free(back);
}

static void test_qp_equals_and_trailing_space(void **state)
{
	(void)state;
	char *s = qp("a=b \nend\t");
	assert_string_equal(s, "a=3Db=20\r\nend=09");
	free(s);
}

static void test_qp_long_lines_soft_break(void **state)
{
	(void)state;
	char line[301];
	memset(line, 'x', 300);
	line[300] = 0;
	char *s = qp(line);
	assert_lines_within(s, 76);
	assert_non_null(strstr(s, "=\r\n"));
	char *back = qp_decode(s);
	assert_string_equal(back, line);
	free(s);
	free(back);

	/* A link with a long token keeps working after decoding. */
	const char *link = "https://stagematching.org/activeren/"
	                   "Zm9vYmFyLWJhei1xdXV4LTEyMzQ1Njc4OTAtYWJjZGVmZ2hpams_-abcdefghijklmnop";
	s = qp(link);
	assert_lines_within(s, 76);
	back = qp_decode(s);
	assert_string_equal(back, link);
	free(s);
	free(back);
}

static void test_qp_never_splits_a_character(void **state)
{
	(void)state;
	char text[400] = "";
	for (int i = 0; i < 60; i++)
		strcat(text, "é"); /* each =C3=A9: 6 columns */
	char *s = qp(text);
	assert_lines_within(s, 76);
	/* Every line holds whole characters: its length is a multiple of 6 (plus the "="). */
	for (char *line = s; *line;) {
		size_t len = strcspn(line, "\r");
		size_t chars = line[len - 1] == '=' ? len - 1 : len;
		assert_int_equal(chars % 6, 0);
		line += len;
		if (*line)
			line += 2;
	}
	char *back = qp_decode(s);
	assert_string_equal(back, text);
	free(s);
	free(back);
}

static void test_qp_crlf_input_and_control_chars(void **state)
{
	(void)state;
	char *s = qp("a\r\nb\rc");
	assert_string_equal(s, "a\r\nb=0Dc");
	free(s);
}

static char *header(const char *name, const char *value)
{
	struct buf b = {0};
	mime_header(&b, name, value);
	return b.data;
}

/* Joins the encoded words of a header value and decodes them. */
static char *decode_words(const char *h)
{
	char *out = calloc(1, 1024);
	size_t len = 0;
	const char *p = h;
	while ((p = strstr(p, "=?UTF-8?B?"))) {
		p += 10;
		const char *end = strstr(p, "?=");
		assert_non_null(end);
		size_t n;
		assert_int_equal(sodium_base642bin((unsigned char *)out + len, 1023 - len, p, (size_t)(end - p), NULL, &n,
		                                   NULL, sodium_base64_VARIANT_ORIGINAL),
		                 0);
		len += n;
		p = end + 2;
	}
	out[len] = 0;
	return out;
}

static void test_header_ascii_kept(void **state)
{
	(void)state;
	char *h = header("Subject", "Activeer je account voor stagematch");
	assert_string_equal(h, "Subject: Activeer je account voor stagematch\r\n");
	free(h);
}

static void test_header_non_ascii_encoded(void **state)
{
	(void)state;
	char *h = header("Subject", "Uitnodiging – Coördinatie stages");
	assert_non_null(strstr(h, "Subject: =?UTF-8?B?"));
	assert_lines_within(h, 76);
	char *text = decode_words(h);
	assert_string_equal(text, "Uitnodiging – Coördinatie stages");
	free(h);
	free(text);
}

static void test_header_long_non_ascii_folds(void **state)
{
	(void)state;
	const char *subject = "Je wachtwoord voor stagematch is gewijzigd – Sint-Jozefsinstituut Kortrijk, "
	                      "Gezinszorg Vlaanderen en één dienst met een héél lange naam";
	char *h = header("Subject", subject);
	assert_lines_within(h, 76); /* RFC 2047: a line with encoded words, 76 at most */
	assert_non_null(strstr(h, "?=\r\n =?UTF-8?B?"));
	/* Each encoded word is at most 75 characters. */
	for (const char *p = h; (p = strstr(p, "=?UTF-8?B?")); p++)
		assert_true(strstr(p, "?=") + 2 - p <= 75);
	char *text = decode_words(h);
	assert_string_equal(text, subject);
	free(h);
	free(text);
}

/* Every length of subject and display name, from every column a header name leaves: lines
 * with encoded words stay within 76 characters (RFC 2047 section 2), no word passes 75, and
 * the words decode to the text. */
static void test_encoded_lines_within_76(void **state)
{
	(void)state;
	const char *names[] = {"Subject", "To", "Reply-To", "X-Een-Heel-Lange-Kopregel-Naam"};
	char text[700];
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		for (size_t n = 1; n < 200; n++) {
			size_t len = 0;
			for (size_t i = 0; i < n; i++)
				len += (size_t)snprintf(text + len, sizeof text - len, "%s", i % 3 == 0 ? "é" : i % 3 == 1 ? "a" : "–");
			char *h = header(names[k], text);
			assert_lines_within(h, 76);
			for (const char *p = h; (p = strstr(p, "=?UTF-8?B?")); p++)
				assert_true(strstr(p, "?=") + 2 - p <= 75);
			char *back = decode_words(h);
			assert_string_equal(back, text);
			free(back);
			free(h);

			struct buf b = {0};
			char mailbox[800];
			snprintf(mailbox, sizeof mailbox, "%s <stages@vivosocialprofit.org>", text);
			mime_address_header(&b, names[k], mailbox);
			/* The lines with an encoded word; the address may take a line of its own. */
			for (char *line = b.data, *end; (end = strstr(line, "\r\n")); line = end + 2)
				if (memmem(line, (size_t)(end - line), "=?", 2) && (size_t)(end - line) > 76)
					fail_msg("%s: encoded line of %zu characters", names[k], (size_t)(end - line));
			assert_non_null(strstr(b.data, "<stages@vivosocialprofit.org>\r\n"));
			buf_free(&b);
		}
	}
}

static void test_header_long_ascii_folds(void **state)
{
	(void)state;
	const char *subject = "This subject line is long enough that it must be folded at a space so that "
	                      "no line exceeds seventy-eight characters";
	char *h = header("Subject", subject);
	assert_lines_within(h, 78);
	assert_non_null(strstr(h, "\r\n "));
	free(h);
}

static void test_header_injection_impossible(void **state)
{
	(void)state;
	char *h = header("Subject", "Hallo\r\nBcc: iedereen@example.org");
	assert_string_equal(h, "Subject: Hallo  Bcc: iedereen@example.org\r\n");
	free(h);
}

static void test_addresses(void **state)
{
	(void)state;
	struct buf b = {0};
	mime_address_header(&b, "From", "stagematch <info@stagematching.org>");
	mime_address_header(&b, "To", "ann@school.be");
	mime_address_header(&b, "Reply-To", "Stages, VIVO <stages@vivo.be>");
	assert_string_equal(b.data, "From: \"stagematch\" <info@stagematching.org>\r\n"
	                            "To: ann@school.be\r\n"
	                            "Reply-To: \"Stages, VIVO\" <stages@vivo.be>\r\n");
	buf_reset(&b);
	mime_address_header(&b, "From", "Coördinatie stages <info@stagematching.org>");
	assert_non_null(strstr(b.data, "From: =?UTF-8?B?"));
	assert_non_null(strstr(b.data, "?= <info@stagematching.org>\r\n"));
	char *name = decode_words(b.data);
	assert_string_equal(name, "Coördinatie stages");
	free(name);
	buf_free(&b);

	char addr[64];
	assert_string_equal(mime_bare_address("stagematch <info@stagematching.org>", addr, sizeof addr),
	                    "info@stagematching.org");
	assert_string_equal(mime_bare_address("  ann@school.be ", addr, sizeof addr), "ann@school.be");
	assert_null(mime_bare_address("x@very-long-domain.example.org", addr, 8));
}

static void test_date(void **state)
{
	(void)state;
	char d[32];
	mime_date(1772719380, d); /* 2026-03-05 14:03:00 UTC, winter time */
	assert_string_equal(d, "Thu, 05 Mar 2026 15:03:00 +0100");
	mime_date(1783256400, d); /* 2026-07-05 13:00:00 UTC, summer time */
	assert_string_equal(d, "Sun, 05 Jul 2026 15:00:00 +0200");
	mime_date(0, d);
	assert_string_equal(d, "Thu, 01 Jan 1970 01:00:00 +0100");
}

static void test_message_id(void **state)
{
	(void)state;
	char id[300];
	mime_message_id(42, 1772719380, "stagematch <info@stagematching.org>", id);
	assert_string_equal(id, "<stagematch.42.1772719380@stagematching.org>");
	mime_message_id(1, 2, "geen-adres", id);
	assert_string_equal(id, "<stagematch.1.2@stagematch.invalid>");
}

static void test_whole_message(void **state)
{
	(void)state;
	struct mime_mail m = {
		.from = "stagematch <info@stagematching.org>",
		.reply_to = "stages@vivosocialprofit.org",
		.to = "ann@school.be",
		.subject = "Activeer je account – stagematch",
		.body_text = "Dag Ann,\n\nKlik op Activeer: https://x.test/activeren/abc\n",
		.date = 1772719380,
		.message_id = "<stagematch.1.1772719380@stagematching.org>",
	};
	struct buf b = {0};
	mime_format(&b, &m);
	const char *head_end = strstr(b.data, "\r\n\r\n");
	assert_non_null(head_end);
	const char *expected[] = {
		"Date: Thu, 05 Mar 2026 15:03:00 +0100\r\n",
		"From: \"stagematch\" <info@stagematching.org>\r\n",
		"Reply-To: stages@vivosocialprofit.org\r\n",
		"To: ann@school.be\r\n",
		"Subject: =?UTF-8?B?",
		"Message-ID: <stagematch.1.1772719380@stagematching.org>\r\n",
		"MIME-Version: 1.0\r\n",
		"Content-Type: text/plain; charset=UTF-8\r\n",
		"Content-Transfer-Encoding: quoted-printable\r\n",
	};
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		const char *at = strstr(b.data, expected[i]);
		if (!at || at > head_end)
			fail_msg("header missing: %s", expected[i]);
	}
	assert_string_equal(head_end + 4, "Dag Ann,\r\n\r\nKlik op Activeer: https://x.test/activeren/abc\r\n");
	assert_lines_within(b.data, 78);

	m.reply_to = NULL;
	m.body_text = "zonder einde";
	buf_reset(&b);
	mime_format(&b, &m);
	assert_null(strstr(b.data, "Reply-To"));
	assert_string_equal(strstr(b.data, "\r\n\r\n") + 4, "zonder einde\r\n");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qp_plain_text_unchanged),
		cmocka_unit_test(test_qp_accents),
		cmocka_unit_test(test_qp_equals_and_trailing_space),
		cmocka_unit_test(test_qp_long_lines_soft_break),
		cmocka_unit_test(test_qp_never_splits_a_character),
		cmocka_unit_test(test_qp_crlf_input_and_control_chars),
		cmocka_unit_test(test_header_ascii_kept),
		cmocka_unit_test(test_header_non_ascii_encoded),
		cmocka_unit_test(test_header_long_non_ascii_folds),
		cmocka_unit_test(test_encoded_lines_within_76),
		cmocka_unit_test(test_header_long_ascii_folds),
		cmocka_unit_test(test_header_injection_impossible),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_message_id),
		cmocka_unit_test(test_whole_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
