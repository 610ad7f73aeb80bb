#ifndef STAGEMATCH_CLOCK_H
#define STAGEMATCH_CLOCK_H
#include <stdbool.h>
#include <stddef.h>

/*
 * Time and dates. Moments are stored as Unix seconds in UTC and shown in
 * Europe/Brussels time (CET/CEST by the EU rule: summer time from the last Sunday of
 * March 01:00 UTC to the last Sunday of October 01:00 UTC). Calendar dates (periods)
 * are ISO "YYYY-MM-DD" strings and shown as dd/mm/yyyy.
 */
long long clock_now(void);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long long days_from_civil(int y, int m, int d);
void civil_from_days(long long days, int *y, int *m, int *d);

/* Offset of Brussels time from UTC, in seconds, at the UTC moment t. */
int brussels_offset(long long t);

/* "dd/mm/yyyy HH:MM" in Brussels time. out must hold 17 bytes. */
void brussels_format(long long t, char out[17]);
/* "yyyy-mm-ddTHH:MM" in Brussels time, as <input type="datetime-local"> wants it. out: 17 bytes. */
void brussels_format_input(long long t, char out[17]);
/*
 * Parses a Brussels wall-clock moment: "yyyy-mm-ddTHH:MM", "yyyy-mm-dd HH:MM" or
 * "dd/mm/yyyy HH:MM" (also with "u" or "." as in 12u00). Returns false when invalid.
 */
bool brussels_parse(const char *s, long long *t);
/* The same Brussels wall-clock time `years` years later (earlier when negative);
 * 29 February becomes 28 February. */
long long brussels_add_years(long long t, int years);

/*
 * Parses a calendar date typed as yyyy-mm-dd, dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy or
 * dd.mm.yyyy and checks that it exists. On success writes the ISO form into iso (11 bytes).
 */
bool date_parse(const char *s, char iso[11]);
/* "2026-09-01" -> "01/09/2026". out: 11 bytes. Unparseable input is copied as is. */
void date_display(const char *iso, char out[11]);
/* Days since epoch of an ISO date, or -1 when invalid. */
long long date_days(const char *iso);

/* The school year (1 September - 31 August) that starts in start_year: "2026-2027". */
void school_year_name(int start_year, char out[10]);
/* The first year of a school-year name such as "2026-2027", or -1. */
int school_year_start(const char *name);

#endif
