#ifndef STAGEMATCH_PERIODS_H
#define STAGEMATCH_PERIODS_H
#include <stdbool.h>

/*
 * The internship period rules, shared by the school's request form and the care
 * service's acceptance form (one place for each rule).
 *
 * Input: up to 4 periods as typed (start and end strings, "" or NULL when empty).
 * Rules: period 1 is required; a period with a start or an end needs both; the end is
 * not before the start; filled periods come in order (no gaps: period 3 needs period 2)
 * and do not overlap; when expected_count > 0 the number of filled periods equals it;
 * when school_year_start > 0 every date lies within 1 September school_year_start
 * and 31 August of the next year.
 *
 * Output: the ISO dates of valid fields, and a Dutch message per field where a rule is
 * broken (NULL where fine). count_error is for the "Hoeveel periodes" field.
 * Returns the number of filled periods when everything is valid, -1 otherwise.
 */
#define PERIODS_MAX 4

struct period_input {
	const char *start[PERIODS_MAX];
	const char *end[PERIODS_MAX];
};

struct period_result {
	char start[PERIODS_MAX][11];          /* ISO, "" when empty */
	char end[PERIODS_MAX][11];
	const char *start_error[PERIODS_MAX];
	const char *end_error[PERIODS_MAX];
	const char *count_error;
};

int periods_validate(const struct period_input *in, int expected_count, int school_year_start,
                     struct period_result *out);

#endif
