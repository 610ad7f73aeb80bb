/* libFuzzer: the validators of typed input. Accepted values are normalised, and the
 * normal form is accepted again unchanged (idempotence). */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "periods.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void national_number(const char *s)
{
	char digits[12], again[12], printed[16];
	if (validate_national_number(s, digits))
		return;
	assert(strlen(digits) == 11 && strspn(digits, "0123456789") == 11);
	national_number_format(digits, printed);
	assert(validate_national_number(printed, again) == NULL && strcmp(again, digits) == 0);
}

static void postcode(const char *s)
{
	int pc;
	if (validate_postcode(s, &pc) == NULL)
		assert(pc >= 1000 && pc <= 9999 && postcode_province(pc) != NULL);
}

static void phone(const char *s)
{
	char out[64], again[64];
	if (validate_phone(s, out, sizeof out) == NULL) {
		assert(validate_phone(out, again, sizeof again) == NULL);
		assert(strcmp(out, again) == 0);
	}
}

static void email(const char *s)
{
	char out[255], again[255];
	if (validate_email(s, out, sizeof out) == NULL) {
		assert(validate_email(out, again, sizeof again) == NULL && strcmp(out, again) == 0);
		assert(strchr(out, '@') != NULL);
	}
}

static void dates(const char *s)
{
	char iso[11], again[11];
	if (date_parse(s, iso)) {
		assert(date_parse(iso, again) && strcmp(iso, again) == 0);
		assert(date_days(iso) >= 0 || iso[0] == '1');
	}
	long long t;
	if (brussels_parse(s, &t)) {
		char shown[17];
		long long back;
		brussels_format(t, shown);
		assert(brussels_parse(shown, &back));
	}
}

static void periods(const char *s, size_t n)
{
	/* Split the input into 8 fields on '|'. */
	char *copy = strndup(s, n), *parts[8] = {0}, *p = copy;
	for (int i = 0; i < 8 && p; i++) {
		parts[i] = p;
		p = strchr(p, '|');
		if (p)
			*p++ = 0;
	}
	struct period_input in = {0};
	for (int i = 0; i < PERIODS_MAX; i++) {
		in.start[i] = parts[2 * i];
		in.end[i] = parts[2 * i + 1];
	}
	struct period_result out;
	int count = periods_validate(&in, (int)(n % 5), 2026, &out);
	assert(count >= -1 && count <= PERIODS_MAX);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	national_number(s);
	postcode(s);
	phone(s);
	email(s);
	dates(s);
	periods(s, strlen(s));
	long v;
	validate_int(s, 1, 40, &v);
	free(s);
	return 0;
}
