#include "validate.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

/*
 * Most messages are string literals. The few that carry numbers (validate_int) are
 * formatted into a small per-thread ring of buffers, so that a form validating several
 * fields in a row can still show every message: a message stays valid until
 * MSG_RING more formatted messages have been made by the same thread.
 */
#define MSG_RING 16
#define MSG_SIZE 96

static const char *msg_format_range(long min, long max)
{
	static _Thread_local char ring[MSG_RING][MSG_SIZE];
	static _Thread_local unsigned next;
	char *buf = ring[next++ % MSG_RING];
	snprintf(buf, MSG_SIZE, "Geef een getal tussen %ld en %ld in.", min, max);
	return buf;
}

/* Skips leading whitespace and finds the end of the text without trailing whitespace. */
static const char *trim(const char *in, size_t *len)
{
	if (!in) {
		*len = 0;
		return "";
	}
	while (isspace((unsigned char)*in))
		in++;
	size_t n = strlen(in);
	while (n > 0 && isspace((unsigned char)in[n - 1]))
		n--;
	*len = n;
	return in;
}

/* ---- Rijksregisternummer ---- */

static const char NN_EMPTY[] = "Vul het rijksregisternummer in.";
static const char NN_CHARS[] = "Een rijksregisternummer bevat alleen cijfers, bv. 85.07.30-033.28.";
static const char NN_COUNT[] = "Een rijksregisternummer heeft 11 cijfers, bv. 85.07.30-033.28.";
static const char NN_DATE[] =
	"Dit rijksregisternummer bevat geen geldige geboortedatum. Kijk het na op de identiteitskaart.";
static const char NN_CHECK[] =
	"Dit rijksregisternummer klopt niet (controlegetal). Kijk het na op de identiteitskaart.";

static bool nn_separator(char c)
{
	return c == '.' || c == '-' || isspace((unsigned char)c);
}

/*
 * The month field is the birth month, plus 20 or 40 for BIS numbers; 00 (in either
 * range) and day 00 are used when the exact birth date is unknown.
 */
static bool nn_date_ok(const char *d)
{
	int month = (d[2] - '0') * 10 + (d[3] - '0');
	int day = (d[4] - '0') * 10 + (d[5] - '0');
	return month < 60 && month % 20 <= 12 && day <= 31;
}

static bool nn_checksum_ok(const char *d)
{
	long long first9 = 0;
	for (int i = 0; i < 9; i++)
		first9 = first9 * 10 + (d[i] - '0');
	int check = (d[9] - '0') * 10 + (d[10] - '0');
	/* People born from 2000 on have a checksum over the number with a 2 in front. */
	return check == 97 - (int)(first9 % 97) || check == 97 - (int)((2000000000LL + first9) % 97);
}

const char *validate_national_number(const char *in, char digits[12])
{
	size_t len;
	const char *s = trim(in, &len);
	char d[12];
	size_t n = 0;
	/* Callers get no half-written number when it is wrong. */
	digits[0] = '\0';
	if (len == 0)
		return NN_EMPTY;
	for (size_t i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (n < 11)
				d[n] = s[i];
			n++;
		} else if (!nn_separator(s[i])) {
			return NN_CHARS;
		}
	}
	if (n != 11)
		return NN_COUNT;
	d[11] = '\0';
	if (!nn_date_ok(d))
		return NN_DATE;
	if (!nn_checksum_ok(d))
		return NN_CHECK;
	memcpy(digits, d, sizeof d);
	return NULL;
}

void national_number_format(const char *digits, char out[16])
{
	bool ok = digits && strlen(digits) == 11;
	for (int i = 0; ok && i < 11; i++)
		ok = isdigit((unsigned char)digits[i]);
	if (!ok) {
		/* Not ours to fix: show what was stored rather than nothing. */
		snprintf(out, 16, "%s", digits ? digits : "");
		return;
	}
	snprintf(out, 16, "%.2s.%.2s.%.2s-%.3s.%.2s", digits, digits + 2, digits + 4, digits + 6, digits + 9);
}

void national_number_masked(const char *hint, char out[NN_MASKED_LEN])
{
	bool ok = hint && strlen(hint) == 2 && isdigit((unsigned char)hint[0]) && isdigit((unsigned char)hint[1]);
	snprintf(out, NN_MASKED_LEN, "\u2022\u2022.\u2022\u2022.\u2022\u2022-\u2022\u2022\u2022.%s",
	         ok ? hint : "\u2022\u2022");
}

/* ---- Postcode and province ---- */

static const char PC_EMPTY[] = "Vul de postcode in.";
static const char PC_BAD[] = "Geef een Belgische postcode van 4 cijfers in, bv. 8000.";

const char *validate_postcode(const char *in, int *postcode)
{
	size_t len;
	const char *s = trim(in, &len);
	if (len == 0)
		return PC_EMPTY;
	if (len != 4)
		return PC_BAD;
	int v = 0;
	for (size_t i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)s[i]))
			return PC_BAD;
		v = v * 10 + (s[i] - '0');
	}
	if (v < 1000)
		return PC_BAD;
	*postcode = v;
	return NULL;
}

const char *const provinces[] = {
	"Antwerpen",
	"Limburg",
	"Oost-Vlaanderen",
	"Vlaams-Brabant",
	"West-Vlaanderen",
	"Brussels Hoofdstedelijk Gewest",
	"Henegouwen",
	"Luik",
	"Luxemburg",
	"Namen",
	"Waals-Brabant",
	NULL,
};

/* bpost's ranges; each entry runs up to and including last. */
static const struct {
	int last;
	const char *province;
} postcode_ranges[] = {
	{1299, "Brussels Hoofdstedelijk Gewest"},
	{1499, "Waals-Brabant"},
	{1999, "Vlaams-Brabant"},
	{2999, "Antwerpen"},
	{3499, "Vlaams-Brabant"},
	{3999, "Limburg"},
	{4999, "Luik"},
	{5999, "Namen"},
	{6599, "Henegouwen"},
	{6999, "Luxemburg"},
	{7999, "Henegouwen"},
	{8999, "West-Vlaanderen"},
	{9999, "Oost-Vlaanderen"},
};

const char *postcode_province(int postcode)
{
	if (postcode < 1000 || postcode > 9999)
		return NULL;
	for (size_t i = 0; i < sizeof postcode_ranges / sizeof postcode_ranges[0]; i++)
		if (postcode <= postcode_ranges[i].last)
			return postcode_ranges[i].province;
	return NULL;
}

bool province_known(const char *name)
{
	if (!name)
		return false;
	for (size_t i = 0; provinces[i]; i++)
		if (strcmp(provinces[i], name) == 0)
			return true;
	return false;
}

/* ---- Phone ---- */

static const char PH_EMPTY[] = "Vul een telefoonnummer in.";
static const char PH_BAD[] = "Geef een geldig telefoonnummer in, bv. 0470 12 34 56 of 050 12 34 56.";

/* E.164 allows at most 15 digits; a little room for a stray extra 0 after +32. */
#define PHONE_DIGITS 20

static bool phone_separator(char c)
{
	return c == ' ' || c == '\t' || c == '.' || c == '/' || c == '-';
}

/*
 * Collects the digits of a typed number. "(0)" after a country code is dropped: in
 * "+32 (0)50 ..." it is the national trunk prefix, not dialled from abroad. Other
 * parentheses, as in "(050) 12 34 56", are only decoration. Returns false on anything
 * else (letters, a + that is not in front, too many digits).
 */
static bool phone_digits(const char *s, size_t len, char *digits, bool *plus)
{
	size_t n = 0;
	*plus = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+' && i == 0) {
			*plus = true;
		} else if (c == '(' && i + 2 < len && s[i + 1] == '0' && s[i + 2] == ')' && (*plus || n > 0)) {
			i += 2;
		} else if (isdigit((unsigned char)c)) {
			if (n == PHONE_DIGITS)
				return false;
			digits[n++] = c;
		} else if (!phone_separator(c) && c != '(' && c != ')') {
			return false;
		}
	}
	digits[n] = '\0';
	return true;
}

/* Writes digits in groups of the given sizes, separated by spaces. */
static void phone_group(const char *digits, const int *sizes, char *out, size_t out_size)
{
	size_t o = 0;
	for (int g = 0; sizes[g] && *digits; g++) {
		if (g > 0 && o + 1 < out_size)
			out[o++] = ' ';
		for (int k = 0; k < sizes[g] && *digits; k++)
			if (o + 1 < out_size)
				out[o++] = *digits++;
	}
	out[o] = '\0';
}

/* A Belgian number in national form, starting with its 0. */
static const char *phone_belgian(const char *national, char *out, size_t out_size)
{
	size_t n = strlen(national);
	static const int mobile[] = {4, 2, 2, 2, 0};
	static const int short_zone[] = {2, 3, 2, 2, 0};
	static const int long_zone[] = {3, 2, 2, 2, 0};
	if (national[0] != '0' || national[1] == '0')
		return PH_BAD;
	if (n == 10 && national[1] == '4') {
		phone_group(national, mobile, out, out_size);
		return NULL;
	}
	if (n != 9)
		return PH_BAD;
	/* Brussels, Antwerp, Liège and Ghent have one-digit zones; the rest have two. */
	bool one_digit_zone = strchr("2349", national[1]) != NULL;
	phone_group(national, one_digit_zone ? short_zone : long_zone, out, out_size);
	return NULL;
}

/*
 * The length of the country code at the start of an international number. ITU codes
 * are prefix-free: 1 and 7 stand alone, these two-digit codes are assigned, and every
 * other code has three digits.
 */
static size_t country_code_length(const char *d)
{
	static const char *const two[] = {
		"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
		"46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
		"62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
		"95", "98", NULL,
	};
	if (d[0] == '1' || d[0] == '7')
		return 1;
	for (size_t i = 0; two[i]; i++)
		if (strncmp(d, two[i], 2) == 0)
			return 2;
	return 3;
}

/*
 * A foreign number: "+CC" and the rest grouped from the right, a last group of four and
 * groups of three before it ("+31 20 123 4567"): we cannot know every country's plan,
 * and this reads well for most of them.
 */
static const char *phone_foreign(const char *d, char *out, size_t out_size)
{
	size_t n = strlen(d);
	if (d[0] == '0' || n < 8 || n > 15)
		return PH_BAD;
	size_t cc = country_code_length(d);
	size_t rn = n - cc; /* at least 5, at most 14 */
	int sizes[8], g = 0;
	if ((rn - 4) % 3)
		sizes[g++] = (int)((rn - 4) % 3);
	for (size_t k = 0; k < (rn - 4) / 3; k++)
		sizes[g++] = 3;
	sizes[g++] = 4;
	sizes[g] = 0;
	char rest[32];
	phone_group(d + cc, sizes, rest, sizeof rest);
	int w = snprintf(out, out_size, "+%.*s %s", (int)cc, d, rest);
	if (w < 0 || (size_t)w >= out_size) {
		out[0] = '\0';
		return PH_BAD;
	}
	return NULL;
}

const char *validate_phone(const char *in, char *out, size_t out_size)
{
	size_t len;
	const char *s = trim(in, &len);
	char digits[PHONE_DIGITS + 1];
	bool plus;
	if (out_size > 0)
		out[0] = '\0';
	if (len == 0)
		return PH_EMPTY;
	if (out_size == 0 || !phone_digits(s, len, digits, &plus) || digits[0] == '\0')
		return PH_BAD;
	const char *intl = NULL;
	if (plus)
		intl = digits;
	else if (digits[0] == '0' && digits[1] == '0')
		intl = digits + 2;
	if (!intl)
		return phone_belgian(digits, out, out_size);
	if (intl[0] != '3' || intl[1] != '2')
		return phone_foreign(intl, out, out_size);
	/* +32: back to the national form. "+32 0470 ..." has the 0 already; keep one. */
	char national[PHONE_DIGITS + 2];
	const char *rest = intl + 2;
	if (*rest == '0')
		rest++;
	snprintf(national, sizeof national, "0%s", rest);
	return phone_belgian(national, out, out_size);
}

/* ---- E-mail ---- */

static const char EM_EMPTY[] = "Vul een e-mailadres in.";
static const char EM_BAD[] = "Geef een geldig e-mailadres in, bv. naam@school.be.";

static bool email_local_ok(const char *s, size_t n)
{
	if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.' && i + 1 < n && s[i + 1] == '.')
			return false;
		if (!isalnum(c) && !strchr("!#$%&'*+/=?^_`{|}~.-", c))
			return false;
	}
	return true;
}

static bool email_label_ok(const char *s, size_t n)
{
	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool email_domain_ok(const char *s, size_t n)
{
	size_t start = 0, labels = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		if (!email_label_ok(s + start, i - start))
			return false;
		labels++;
		if (i < n)
			start = i + 1;
	}
	/* A host name alone (no dot) cannot receive mail from us; the TLD is letters only. */
	if (labels < 2 || n - start < 2)
		return false;
	for (size_t i = start; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return false;
	return true;
}

const char *validate_email(const char *in, char *out, size_t out_size)
{
	size_t len;
	const char *s = trim(in, &len);
	if (out_size > 0)
		out[0] = '\0';
	if (len == 0)
		return EM_EMPTY;
	if (len > 254 || len + 1 > out_size)
		return EM_BAD;
	char buf[255];
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		/* Only ASCII: tolower would otherwise depend on the locale. */
		if (c >= 0x80)
			return EM_BAD;
		buf[i] = (char)tolower(c);
	}
	buf[len] = '\0';
	char *at = strchr(buf, '@');
	if (!at || strchr(at + 1, '@'))
		return EM_BAD;
	size_t local = (size_t)(at - buf);
	if (!email_local_ok(buf, local) || !email_domain_ok(at + 1, len - local - 1))
		return EM_BAD;
	memcpy(out, buf, len + 1);
	return NULL;
}

/* ---- Whole numbers ---- */

static const char INT_EMPTY[] = "Vul een getal in.";
static const char INT_BAD[] = "Geef een geheel getal in.";

const char *validate_int(const char *in, long min, long max, long *out)
{
	size_t len;
	const char *s = trim(in, &len);
	if (len == 0)
		return INT_EMPTY;
	bool negative = s[0] == '-';
	size_t i = negative ? 1 : 0;
	if (i == len)
		return INT_BAD;
	/* Accumulate as a negative number: its range includes LONG_MIN. */
	long v = 0;
	bool overflow = false;
	for (; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return INT_BAD;
		int d = s[i] - '0';
		if (v < (LONG_MIN + d) / 10)
			overflow = true;
		else
			v = v * 10 - d;
	}
	if (!negative) {
		if (v == LONG_MIN)
			overflow = true;
		else
			v = -v;
	}
	if (overflow || v < min || v > max)
		return msg_format_range(min, max);
	*out = v;
	return NULL;
}

/* ---- Names ------------------------------------------------------------------------- */

static const char NAME_INVISIBLE[] = "Een naam moet minstens één zichtbare letter bevatten.";
static const char NAME_HIDDEN[] =
	"Deze naam bevat onzichtbare tekens (die tekst kunnen omkeren of verbergen). Typ de naam opnieuw in "
	"plaats van hem te kopiëren en te plakken.";

/* Decodes one UTF-8 character at *p (advancing it); -1 for an invalid sequence. */
static long utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	long c;
	int extra;
	if (s[0] < 0x80) {
		c = s[0];
		extra = 0;
	} else if ((s[0] & 0xE0) == 0xC0) {
		c = s[0] & 0x1F;
		extra = 1;
	} else if ((s[0] & 0xF0) == 0xE0) {
		c = s[0] & 0x0F;
		extra = 2;
	} else if ((s[0] & 0xF8) == 0xF0) {
		c = s[0] & 0x07;
		extra = 3;
	} else {
		(*p)++;
		return -1;
	}
	for (int i = 1; i <= extra; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p += i;
			return -1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*p += extra + 1;
	return c;
}

/* Characters that change the direction of the text around them, or join or break it
 * without showing: a name holding one reads differently from what is stored. */
static bool hides_or_reorders(long c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || /* bidi embeddings, isolates */
	       (c >= 0x200B && c <= 0x200F) ||                                  /* zero-width, LRM, RLM */
	       (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || c == 0x061C ||    /* word joiner, BOM, ALM */
	       c == 0x180E || (c >= 0xE0000 && c <= 0xE007F) ||                 /* Mongolian separator, tags */
	       (c >= 0xFFF9 && c <= 0xFFFB) || c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Characters that show nothing on their own: spaces, fillers, combining marks' carriers. */
static bool blank(long c)
{
	return c == ' ' || c == 0xA0 || c == 0xAD || c == 0x034F || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
	       c == 0x205F || c == 0x3000 || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 ||
	       c == 0x2800 || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	       (c >= 0x0300 && c <= 0x036F);
}

const char *validate_name(const char *in)
{
	if (!in || !*in)
		return NULL; /* required or not: the form's own check */
	bool visible = false;
	for (const unsigned char *p = (const unsigned char *)in; *p;) {
		long c = utf8_next(&p);
		if (c < 0 || hides_or_reorders(c))
			return NAME_HIDDEN;
		if (!blank(c))
			visible = true;
	}
	return visible ? NULL : NAME_INVISIBLE;
}
