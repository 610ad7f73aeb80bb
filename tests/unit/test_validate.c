#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "validate.h"

/* ---- helpers ---- */

/* The mod-97 check digits of the first nine digits, by either century's rule. */
static int check_1900(long long first9)
{
	return 97 - (int)(first9 % 97);
}

static int check_2000(long long first9)
{
	return 97 - (int)((2000000000LL + first9) % 97);
}

static void nn_ok(const char *in, const char *want)
{
	char digits[12];
	memset(digits, 'x', sizeof digits); /* no terminator: the validator must write one */
	const char *err = validate_national_number(in, digits);
	if (err)
		fail_msg("'%s' rejected: %s", in, err);
	assert_string_equal(digits, want);
}

static const char *nn_err(const char *in)
{
	char digits[12] = "garbage";
	const char *err = validate_national_number(in, digits);
	if (!err)
		fail_msg("'%s' accepted as %s", in, digits);
	/* No half-parsed number is left for a careless caller. */
	assert_string_equal(digits, "");
	return err;
}

static void phone_ok(const char *in, const char *want)
{
	char out[24];
	const char *err = validate_phone(in, out, sizeof out);
	if (err)
		fail_msg("'%s' rejected: %s", in, err);
	assert_string_equal(out, want);
}

static void phone_bad(const char *in)
{
	char out[24];
	const char *err = validate_phone(in, out, sizeof out);
	if (!err)
		fail_msg("'%s' accepted as '%s'", in, out);
	assert_string_equal(err, "Geef een geldig telefoonnummer in, bv. 0470 12 34 56 of 050 12 34 56.");
}

static void email_ok(const char *in, const char *want)
{
	char out[255];
	const char *err = validate_email(in, out, sizeof out);
	if (err)
		fail_msg("'%s' rejected: %s", in, err);
	assert_string_equal(out, want);
}

static void email_bad(const char *in)
{
	char out[255];
	const char *err = validate_email(in, out, sizeof out);
	if (!err)
		fail_msg("'%s' accepted as '%s'", in, out);
	assert_string_equal(err, "Geef een geldig e-mailadres in, bv. naam@school.be.");
}

static void int_ok(const char *in, long min, long max, long want)
{
	long v = -12345;
	const char *err = validate_int(in, min, max, &v);
	if (err)
		fail_msg("'%s' rejected: %s", in, err);
	assert_int_equal(v, want);
}

static const char *int_err(const char *in, long min, long max)
{
	long v = -12345;
	const char *err = validate_int(in, min, max, &v);
	if (!err)
		fail_msg("'%s' accepted as %ld", in, v);
	assert_int_equal(v, -12345);
	return err;
}

/* ---- national number ---- */

static void test_nn_checksum_helpers_agree_with_known_numbers(void **state)
{
	(void)state;
	/* The fixtures below rely on these; check them so a typo in a fixture shows here. */
	assert_int_equal(check_1900(850730033), 28);
	assert_int_equal(check_2000(10101012), 15);
	assert_int_equal(check_1900(10101012), 83);
	assert_int_equal(check_2000(229123), 20);
}

static void test_nn_1900_printed_and_bare(void **state)
{
	(void)state;
	nn_ok("85.07.30-033.28", "85073003328");
	nn_ok("85073003328", "85073003328");
	nn_ok("850730 033 28", "85073003328");
	nn_ok("  85 07 30 033 28  ", "85073003328");
	nn_ok("85-07-30-033-28", "85073003328");
	nn_ok("8.5.0.7.3.0.0.3.3.2.8", "85073003328");
	nn_ok("\t85.07.30-033.28\n", "85073003328");
}

static void test_nn_2000_rule(void **state)
{
	(void)state;
	/* Born 1 January 2001: valid only with the 2 in front. */
	nn_ok("01.01.01-012.15", "01010101215");
	/* The same digits with the 1900 check digits would be someone born in 1901. */
	nn_ok("01010101283", "01010101283");
	/* 29 February 2000, a leap day only in the 2000s reading. */
	nn_ok("00.02.29-123.20", "00022912320");
}

static void test_nn_2000_number_fails_1900_rule(void **state)
{
	(void)state;
	/* Neither 15 (2000 rule) nor 83 (1900 rule): one off each. */
	assert_string_equal(nn_err("01010101216"),
	                    "Dit rijksregisternummer klopt niet (controlegetal). Kijk het na op de identiteitskaart.");
	assert_string_equal(nn_err("01010101284"),
	                    "Dit rijksregisternummer klopt niet (controlegetal). Kijk het na op de identiteitskaart.");
	/* 01010101215 passes only because of the 2 in front: the 1900 rule wants 83. */
	assert_int_not_equal(check_1900(10101012), 15);
	assert_int_equal(check_2000(10101012), 15);
	/*
	 * The number alone does not tell the century, so both rules are accepted: the
	 * 2000 reading of 850730033 (check 57) passes too, as someone born in 2085 would.
	 */
	assert_int_equal(check_2000(850730033), 57);
	nn_ok("85073003357", "85073003357");
	assert_string_equal(nn_err("85073003356"),
	                    "Dit rijksregisternummer klopt niet (controlegetal). Kijk het na op de identiteitskaart.");
}

static void test_nn_check_97(void **state)
{
	(void)state;
	/* A first part divisible by 97 gives check digits 97, not 00. */
	assert_int_equal(check_1900(97), 97);
	nn_ok("00000009797", "00000009797");
	nn_err("00000009700");
}

static void test_nn_bis(void **state)
{
	(void)state;
	/* BIS: birth month + 20 (sex unknown) or + 40 (sex known). */
	assert_int_equal(check_1900(852730033), 71);
	assert_int_equal(check_1900(854730033), 17);
	nn_ok("85.27.30-033.71", "85273003371");
	nn_ok("85.47.30-033.17", "85473003317");
	/* Month 00 and day 00: birth date unknown. */
	char buf[16];
	snprintf(buf, sizeof buf, "400001001%02d", check_1900(400001001));
	nn_ok(buf, buf);
	snprintf(buf, sizeof buf, "402001001%02d", check_1900(402001001));
	nn_ok(buf, buf);
	snprintf(buf, sizeof buf, "405231001%02d", check_1900(405231001));
	nn_ok(buf, buf);
}

static void test_nn_bad_date(void **state)
{
	(void)state;
	const char *want =
		"Dit rijksregisternummer bevat geen geldige geboortedatum. Kijk het na op de identiteitskaart.";
	static const long long bad[] = {
		851330033, /* month 13 */
		851930033, /* month 19 */
		853330033, /* month 33: BIS +20 of 13 */
		853930033, /* month 39 */
		855330033, /* month 53 */
		856030033, /* month 60 */
		859930033, /* month 99 */
		850732033, /* day 32 */
		852732033, /* BIS, day 32 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* Give them correct check digits, so only the date can be the reason. */
		char buf[16];
		snprintf(buf, sizeof buf, "%09lld%02d", bad[i], check_1900(bad[i]));
		assert_string_equal(nn_err(buf), want);
	}
	/* And the edges that are fine. */
	char buf[16];
	snprintf(buf, sizeof buf, "851231033%02d", check_1900(851231033));
	nn_ok(buf, buf);
	snprintf(buf, sizeof buf, "853231033%02d", check_1900(853231033));
	nn_ok(buf, buf);
	snprintf(buf, sizeof buf, "855231033%02d", check_1900(855231033));
	nn_ok(buf, buf);
}

static void test_nn_wrong_checksum(void **state)
{
	(void)state;
	const char *want = "Dit rijksregisternummer klopt niet (controlegetal). Kijk het na op de identiteitskaart.";
	assert_string_equal(nn_err("85.07.30-033.29"), want);
	assert_string_equal(nn_err("85.07.30-033.27"), want);
	/* Two digits swapped. */
	assert_string_equal(nn_err("85.07.30-303.28"), want);
	assert_string_equal(nn_err("00000000000"), want);
}

static void test_nn_wrong_form(void **state)
{
	(void)state;
	const char *count = "Een rijksregisternummer heeft 11 cijfers, bv. 85.07.30-033.28.";
	const char *chars = "Een rijksregisternummer bevat alleen cijfers, bv. 85.07.30-033.28.";
	assert_string_equal(nn_err("8507300332"), count);
	assert_string_equal(nn_err("850730033281"), count);
	assert_string_equal(nn_err("85.07.30-033"), count);
	assert_string_equal(nn_err("..--"), count);
	assert_string_equal(nn_err("85.07.30-033.2B"), chars);
	assert_string_equal(nn_err("AB073003328"), chars);
	assert_string_equal(nn_err("85/07/30-033.28"), chars);
	assert_string_equal(nn_err("85.07.30-033.28x"), chars);
	assert_string_equal(nn_err("85073003328\xc3\xa9"), chars);
}

static void test_nn_empty(void **state)
{
	(void)state;
	assert_non_null(nn_err(NULL));
	assert_non_null(nn_err(""));
	assert_non_null(nn_err("   "));
	assert_string_equal(nn_err(""), "Vul het rijksregisternummer in.");
}

static void test_nn_format(void **state)
{
	(void)state;
	char out[16];
	national_number_format("85073003328", out);
	assert_string_equal(out, "85.07.30-033.28");
	national_number_format("01010101215", out);
	assert_string_equal(out, "01.01.01-012.15");
	/* Not eleven digits: shown as stored, never overrunning out. */
	national_number_format("123", out);
	assert_string_equal(out, "123");
	national_number_format("8507300332A", out);
	assert_string_equal(out, "8507300332A");
	national_number_format("123456789012345678901", out);
	assert_int_equal(strlen(out), 15);
	national_number_format(NULL, out);
	assert_string_equal(out, "");
}

/* ---- postcode and province ---- */

static void test_nn_masked(void **state)
{
	(void)state;
	char out[NN_MASKED_LEN];
	national_number_masked("28", out);
	assert_string_equal(out, "\u2022\u2022.\u2022\u2022.\u2022\u2022-\u2022\u2022\u2022.28");
	/* Nothing but the hint can show: a longer value or a missing one is masked whole. */
	national_number_masked("85073003328", out);
	assert_string_equal(out, "\u2022\u2022.\u2022\u2022.\u2022\u2022-\u2022\u2022\u2022.\u2022\u2022");
	national_number_masked("2x", out);
	assert_string_equal(out, "\u2022\u2022.\u2022\u2022.\u2022\u2022-\u2022\u2022\u2022.\u2022\u2022");
	national_number_masked("", out);
	assert_string_equal(out, "\u2022\u2022.\u2022\u2022.\u2022\u2022-\u2022\u2022\u2022.\u2022\u2022");
	national_number_masked(NULL, out);
	assert_null(strstr(out, "0"));
}

static void test_postcode(void **state)
{
	(void)state;
	int pc = -1;
	assert_null(validate_postcode("8000", &pc));
	assert_int_equal(pc, 8000);
	assert_null(validate_postcode(" 1000 ", &pc));
	assert_int_equal(pc, 1000);
	assert_null(validate_postcode("9999", &pc));
	assert_int_equal(pc, 9999);

	pc = -1;
	const char *bad = "Geef een Belgische postcode van 4 cijfers in, bv. 8000.";
	assert_string_equal(validate_postcode("0999", &pc), bad);
	assert_string_equal(validate_postcode("999", &pc), bad);
	assert_string_equal(validate_postcode("10000", &pc), bad);
	assert_string_equal(validate_postcode("80a0", &pc), bad);
	assert_string_equal(validate_postcode("-800", &pc), bad);
	assert_string_equal(validate_postcode("80 00", &pc), bad);
	assert_string_equal(validate_postcode("B-8000", &pc), bad);
	assert_string_equal(validate_postcode("", &pc), "Vul de postcode in.");
	assert_non_null(validate_postcode(NULL, &pc));
	assert_non_null(validate_postcode("  ", &pc));
	assert_int_equal(pc, -1);
}

static void expect_province(int pc, const char *want)
{
	const char *got = postcode_province(pc);
	if (!got || strcmp(got, want) != 0)
		fail_msg("%d: got %s, want %s", pc, got ? got : "NULL", want);
}

static void test_province_boundaries(void **state)
{
	(void)state;
	assert_null(postcode_province(999));
	assert_null(postcode_province(0));
	assert_null(postcode_province(-1000));
	assert_null(postcode_province(10000));
	static const struct {
		int first, last;
		const char *name;
	} ranges[] = {
		{1000, 1299, "Brussels Hoofdstedelijk Gewest"},
		{1300, 1499, "Waals-Brabant"},
		{1500, 1999, "Vlaams-Brabant"},
		{2000, 2999, "Antwerpen"},
		{3000, 3499, "Vlaams-Brabant"},
		{3500, 3999, "Limburg"},
		{4000, 4999, "Luik"},
		{5000, 5999, "Namen"},
		{6000, 6599, "Henegouwen"},
		{6600, 6999, "Luxemburg"},
		{7000, 7999, "Henegouwen"},
		{8000, 8999, "West-Vlaanderen"},
		{9000, 9999, "Oost-Vlaanderen"},
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		expect_province(ranges[i].first, ranges[i].name);
		expect_province(ranges[i].last, ranges[i].name);
		expect_province((ranges[i].first + ranges[i].last) / 2, ranges[i].name);
		/* Every province a postcode maps to is one of the select's options. */
		assert_true(province_known(ranges[i].name));
	}
	/* A few real towns. */
	expect_province(8500, "West-Vlaanderen"); /* Kortrijk */
	expect_province(3000, "Vlaams-Brabant");  /* Leuven */
	expect_province(3500, "Limburg");         /* Hasselt */
	expect_province(1348, "Waals-Brabant");   /* Louvain-la-Neuve */
}

static void test_provinces_list(void **state)
{
	(void)state;
	static const char *const want[] = {
		"Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen",
		"Brussels Hoofdstedelijk Gewest", "Henegouwen", "Luik", "Luxemburg", "Namen",
		"Waals-Brabant",
	};
	size_t n = sizeof want / sizeof want[0];
	for (size_t i = 0; i < n; i++) {
		assert_non_null(provinces[i]);
		assert_string_equal(provinces[i], want[i]);
		assert_true(province_known(want[i]));
	}
	assert_null(provinces[n]);
	assert_false(province_known(NULL));
	assert_false(province_known(""));
	assert_false(province_known("antwerpen"));
	assert_false(province_known("Antwerpen "));
	assert_false(province_known("Brabant"));
}

/* ---- phone ---- */

static void test_phone_mobile(void **state)
{
	(void)state;
	phone_ok("0470123456", "0470 12 34 56");
	phone_ok("0470 12 34 56", "0470 12 34 56");
	phone_ok("0470/12.34.56", "0470 12 34 56");
	phone_ok("0470-12-34-56", "0470 12 34 56");
	phone_ok("  0499 99 99 99 ", "0499 99 99 99");
	phone_ok("+32470123456", "0470 12 34 56");
	phone_ok("+32 470 12 34 56", "0470 12 34 56");
	phone_ok("+32 (0)470 12 34 56", "0470 12 34 56");
	phone_ok("0032 470 12 34 56", "0470 12 34 56");
	phone_ok("0032 (0) 470 12 34 56", "0470 12 34 56");
	/* A common slip: the national 0 kept after +32. */
	phone_ok("+32 0470 12 34 56", "0470 12 34 56");
}

static void test_phone_fixed(void **state)
{
	(void)state;
	phone_ok("022503777", "02 250 37 77");
	phone_ok("02/250.37.77", "02 250 37 77");
	phone_ok("(02) 250 37 77", "02 250 37 77");
	/* In front of a national number "(0)" is just the 0 in brackets. */
	phone_ok("(0)50 12 34 56", "050 12 34 56");
	phone_ok("+32 2 250 37 77", "02 250 37 77");
	phone_ok("+32 (0)2 250 37 77", "02 250 37 77");
	phone_ok("0032 2 250 37 77", "02 250 37 77");
	phone_ok("03 123 45 67", "03 123 45 67");
	phone_ok("04 123 45 67", "04 123 45 67"); /* Luik: 9 digits, not a mobile */
	phone_ok("09 123 45 67", "09 123 45 67");
	phone_ok("050123456", "050 12 34 56");
	phone_ok("050/12 34 56", "050 12 34 56");
	phone_ok("+32 50 12 34 56", "050 12 34 56");
	phone_ok("011 22 33 44", "011 22 33 44");
	phone_ok("089 12 34 56", "089 12 34 56");
}

static void test_phone_foreign(void **state)
{
	(void)state;
	phone_ok("+31 20 123 4567", "+31 20 123 4567");
	phone_ok("+31201234567", "+31 20 123 4567");
	phone_ok("0031 20 123 4567", "+31 20 123 4567");
	phone_ok("+31 (0)20 123 4567", "+31 20 123 4567");
	/* We do not know each country's plan: from the right, a 4 and then 3s. */
	phone_ok("+33 1 23 45 67 89", "+33 12 345 6789");
	phone_ok("+44 20 7946 0958", "+44 207 946 0958");
	phone_ok("+1 212 555 0123", "+1 212 555 0123");
	phone_ok("+352 123 456", "+352 12 3456"); /* 9 digits in all */
	phone_ok("+98 21 1234 5678", "+98 211 234 5678"); /* 98 is a two-digit code */
	phone_ok("+7 495 123 45 67", "+7 495 123 4567");
	phone_ok("+49 30 12345678", "+49 301 234 5678");
	/* 15 digits, the most E.164 allows. */
	phone_ok("+1 23456789012345", "+1 2 345 678 901 2345");
	phone_bad("+1 234567890123456"); /* 16 */
	phone_bad("+31 12345");          /* 7 */
	phone_bad("+0 123 456 789");     /* no country code starts with 0 */
	phone_bad("+");
	phone_bad("00");
}

static void test_phone_bad(void **state)
{
	(void)state;
	phone_bad("0470 12 34 567");     /* 11 digits */
	phone_bad("050 12 34 5");        /* 8 digits */
	phone_bad("050 12 34 567");      /* 10 digits, not a mobile */
	phone_bad("02 250 37 7");
	phone_bad("470 12 34 56");       /* no leading 0 */
	phone_bad("32 470 12 34 56");    /* country code without + or 00 */
	phone_bad("0470 12 34 5x");
	phone_bad("tel 0470123456");
	phone_bad("0470 12+34 56");      /* + not in front */
	phone_bad("32 +470 12 34 56");
	phone_bad("+32 470 12 34");
	phone_bad("+32 470 12 34 56 78");
	phone_bad("0032 0032 470 12 34 56");
	phone_bad("0470_12_34_56");
	phone_bad("0470123456789012345678901234567890");
	char out[24] = "x";
	assert_string_equal(validate_phone("", out, sizeof out), "Vul een telefoonnummer in.");
	assert_string_equal(out, "");
	assert_non_null(validate_phone(NULL, out, sizeof out));
	assert_non_null(validate_phone("   ", out, sizeof out));
}

static void test_phone_small_buffer(void **state)
{
	(void)state;
	char out[8];
	/* Too small for the result: an error, and still a terminated string. */
	assert_non_null(validate_phone("+31 20 123 4567", out, sizeof out));
	assert_true(memchr(out, '\0', sizeof out) != NULL);
}

/* ---- e-mail ---- */

static void test_email_good(void **state)
{
	(void)state;
	email_ok("naam@school.be", "naam@school.be");
	email_ok("  Naam.Achternaam@School.BE ", "naam.achternaam@school.be");
	email_ok("jan+stage@mail.school-a.be", "jan+stage@mail.school-a.be");
	email_ok("o'brien@example.co.uk", "o'brien@example.co.uk");
	email_ok("a!#$%&'*+/=?^_`{|}~-b@x.io", "a!#$%&'*+/=?^_`{|}~-b@x.io");
	email_ok("x@a1.b2.com", "x@a1.b2.com");
	email_ok("1@2.be", "1@2.be");
}

static void test_email_bad(void **state)
{
	(void)state;
	email_bad("naam");
	email_bad("naam@");
	email_bad("@school.be");
	email_bad("naam@@school.be");
	email_bad("na@am@school.be");
	email_bad("naam@school");      /* no dot */
	email_bad("naam@school.b");    /* TLD too short */
	email_bad("naam@school.b3");   /* TLD with a digit */
	email_bad("naam@school.be.");
	email_bad("naam@.school.be");
	email_bad("naam@school..be");
	email_bad("naam@-school.be");
	email_bad("naam@school-.be");
	email_bad("naam@sch_ool.be");
	email_bad(".naam@school.be");
	email_bad("naam.@school.be");
	email_bad("na..am@school.be");
	email_bad("na am@school.be");
	email_bad("naam@school .be");
	email_bad("na(am)@school.be");
	email_bad("na\"am@school.be");
	email_bad("jos\xc3\xa9@school.be");
	email_bad("naam@sch\xc3\xb6ol.be");
	email_bad("naam,@school.be");
}

static void test_email_lengths(void **state)
{
	(void)state;
	char addr[400];
	/* 64-character local part is the maximum. */
	memset(addr, 'a', 64);
	strcpy(addr + 64, "@school.be");
	email_ok(addr, addr);
	memset(addr, 'a', 65);
	strcpy(addr + 65, "@school.be");
	email_bad(addr);

	/* 254 in total is fine, 255 not: labels of 63 with dots. */
	size_t n = 0;
	n += (size_t)sprintf(addr + n, "%s@", "abcdefghij"); /* 11 */
	for (int i = 0; i < 3; i++) {
		memset(addr + n, 'b', 63);
		n += 63;
		addr[n++] = '.';
	}
	/* 11 + 192 = 203 so far; a last label makes it 254. */
	memset(addr + n, 'c', 51);
	n += 51;
	addr[n] = '\0';
	assert_int_equal(strlen(addr), 254);
	email_ok(addr, addr);
	addr[n++] = 'c';
	addr[n] = '\0';
	email_bad(addr);
	/* Even when the caller's buffer could hold it. */
	char big[400];
	assert_string_equal(validate_email(addr, big, sizeof big),
	                    "Geef een geldig e-mailadres in, bv. naam@school.be.");

	/* A 64-character label is too long. */
	strcpy(addr, "x@");
	memset(addr + 2, 'd', 64);
	strcpy(addr + 66, ".be");
	email_bad(addr);
	strcpy(addr + 2 + 63, ".be");
	email_ok(addr, addr);
}

static void test_email_empty_and_buffer(void **state)
{
	(void)state;
	char out[255] = "x";
	assert_string_equal(validate_email("", out, sizeof out), "Vul een e-mailadres in.");
	assert_string_equal(out, "");
	assert_non_null(validate_email(NULL, out, sizeof out));
	assert_non_null(validate_email(" \t ", out, sizeof out));
	char small[8];
	assert_non_null(validate_email("naam@school.be", small, sizeof small));
	assert_string_equal(small, "");
}

/* ---- whole numbers ---- */

static void test_int_good(void **state)
{
	(void)state;
	int_ok("1", 1, 40, 1);
	int_ok("40", 1, 40, 40);
	int_ok(" 17 ", 1, 40, 17);
	int_ok("007", 1, 40, 7);
	int_ok("-5", -10, 10, -5);
	int_ok("-0", -10, 10, 0);
	int_ok("0", 0, 0, 0);
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", LONG_MAX);
	int_ok(buf, LONG_MIN, LONG_MAX, LONG_MAX);
	snprintf(buf, sizeof buf, "%ld", LONG_MIN);
	int_ok(buf, LONG_MIN, LONG_MAX, LONG_MIN);
}

static void test_int_bad(void **state)
{
	(void)state;
	const char *whole = "Geef een geheel getal in.";
	assert_string_equal(int_err("abc", 1, 40), whole);
	assert_string_equal(int_err("1.5", 1, 40), whole);
	assert_string_equal(int_err("1,5", 1, 40), whole);
	assert_string_equal(int_err("12a", 1, 40), whole);
	assert_string_equal(int_err("1 2", 1, 40), whole);
	assert_string_equal(int_err("+3", 1, 40), whole);
	assert_string_equal(int_err("-", 1, 40), whole);
	assert_string_equal(int_err("--3", -10, 40), whole);
	assert_string_equal(int_err("0x10", 1, 40), whole);
	assert_string_equal(int_err("", 1, 40), "Vul een getal in.");
	assert_non_null(int_err(NULL, 1, 40));
	assert_non_null(int_err("  ", 1, 40));
}

static void test_int_range(void **state)
{
	(void)state;
	assert_string_equal(int_err("0", 1, 40), "Geef een getal tussen 1 en 40 in.");
	assert_string_equal(int_err("41", 1, 40), "Geef een getal tussen 1 en 40 in.");
	assert_string_equal(int_err("-1", 0, 4), "Geef een getal tussen 0 en 4 in.");
	/* Too big for a long: a range message, not a wrapped value. */
	assert_string_equal(int_err("99999999999999999999999", 1, 40), "Geef een getal tussen 1 en 40 in.");
	assert_non_null(int_err("-99999999999999999999999", LONG_MIN, LONG_MAX));
	char buf[32];
	snprintf(buf, sizeof buf, "%lu", (unsigned long)LONG_MAX + 1);
	assert_non_null(int_err(buf, LONG_MIN, LONG_MAX));
}

static void test_int_messages_survive_next_call(void **state)
{
	(void)state;
	/* A form validates several fields before showing any message. */
	const char *a = int_err("50", 1, 40);
	const char *b = int_err("9", 10, 20);
	assert_string_equal(a, "Geef een getal tussen 1 en 40 in.");
	assert_string_equal(b, "Geef een getal tussen 10 en 20 in.");
}

/* Names that read differently from what is stored, or read as nothing, are refused. */
static void test_name_invisible_or_bidi_refused(void **state)
{
	(void)state;
	assert_null(validate_name("Chloë Van den Broeck"));
	assert_null(validate_name("D'Hondt-El Amrani"));
	assert_null(validate_name("محمد"));
	assert_null(validate_name(""));
	const char *bidi[] = {"Jan\u202Etxet", "\u202Aabc", "ab\u202Dc", "a\u2066b\u2069", "x\u2067y", "x\u2068y",
	                      "An\u200Bna", "An\u200Dna", "\uFEFFEmma", "Lo\u2060tte", "a\u200Fb", "Emma\tX"};
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		const char *m = validate_name(bidi[i]);
		assert_non_null(m);
		assert_non_null(strstr(m, "onzichtbare tekens"));
	}
	const char *blank[] = {" ", "\u00A0\u3000", "\u3164", "\u2800\u2800", "\u00AD", "\uFE0F"};
	for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
		assert_string_equal(validate_name(blank[i]), "Een naam moet minstens één zichtbare letter bevatten.");
	assert_non_null(validate_name("ab\xC3")); /* cut UTF-8 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nn_checksum_helpers_agree_with_known_numbers),
		cmocka_unit_test(test_nn_1900_printed_and_bare),
		cmocka_unit_test(test_nn_2000_rule),
		cmocka_unit_test(test_nn_2000_number_fails_1900_rule),
		cmocka_unit_test(test_nn_check_97),
		cmocka_unit_test(test_nn_bis),
		cmocka_unit_test(test_nn_bad_date),
		cmocka_unit_test(test_nn_wrong_checksum),
		cmocka_unit_test(test_nn_wrong_form),
		cmocka_unit_test(test_nn_empty),
		cmocka_unit_test(test_nn_format),
		cmocka_unit_test(test_nn_masked),
		cmocka_unit_test(test_postcode),
		cmocka_unit_test(test_province_boundaries),
		cmocka_unit_test(test_provinces_list),
		cmocka_unit_test(test_phone_mobile),
		cmocka_unit_test(test_phone_fixed),
		cmocka_unit_test(test_phone_foreign),
		cmocka_unit_test(test_phone_bad),
		cmocka_unit_test(test_phone_small_buffer),
		cmocka_unit_test(test_email_good),
		cmocka_unit_test(test_email_bad),
		cmocka_unit_test(test_email_lengths),
		cmocka_unit_test(test_email_empty_and_buffer),
		cmocka_unit_test(test_int_good),
		cmocka_unit_test(test_int_bad),
		cmocka_unit_test(test_int_range),
		cmocka_unit_test(test_int_messages_survive_next_call),
		cmocka_unit_test(test_name_invisible_or_bidi_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
