#include "clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

long long clock_now(void)
{
	return (long long)time(NULL);
}

/* Howard Hinnant's algorithms, exact for the proleptic Gregorian calendar. */
long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long yy = (long long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Day of the month of the last Sunday of month m in year y. */
static int last_sunday(int y, int m)
{
	int last = days_in_month(y, m);
	long long days = days_from_civil(y, m, last);
	int weekday = (int)((days % 7 + 11) % 7); /* 0 = Sunday; 1970-01-01 was a Thursday */
	return last - weekday;
}

int brussels_offset(long long t)
{
	int y, m, d;
	civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &m, &d);
	long long start = days_from_civil(y, 3, last_sunday(y, 3)) * 86400 + 3600;
	long long end = days_from_civil(y, 10, last_sunday(y, 10)) * 86400 + 3600;
	return (t >= start && t < end) ? 7200 : 3600;
}

static void split_local(long long t, int *y, int *mo, int *d, int *h, int *mi)
{
	long long local = t + brussels_offset(t);
	long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	long long secs = local - days * 86400;
	civil_from_days(days, y, mo, d);
	*h = (int)(secs / 3600);
	*mi = (int)(secs % 3600 / 60);
}

void brussels_format(long long t, char out[17])
{
	int y, mo, d, h, mi;
	split_local(t, &y, &mo, &d, &h, &mi);
	snprintf(out, 17, "%02u/%02u/%04u %02u:%02u", (unsigned)d % 100, (unsigned)mo % 100, (unsigned)y % 10000,
	         (unsigned)h % 100, (unsigned)mi % 100);
}

void brussels_format_input(long long t, char out[17])
{
	int y, mo, d, h, mi;
	split_local(t, &y, &mo, &d, &h, &mi);
	snprintf(out, 17, "%04u-%02u-%02uT%02u:%02u", (unsigned)y % 10000, (unsigned)mo % 100, (unsigned)d % 100,
	         (unsigned)h % 100, (unsigned)mi % 100);
}

/* Reads 1..max digits; returns the count read. */
static int read_num(const char **p, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

static bool date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Parses the date part; leaves *p after it. */
static bool parse_date_part(const char **p, int *y, int *m, int *d)
{
	const char *s = *p;
	int a, b, c;
	int na = read_num(&s, 4, &a);
	if (na == 4 && *s == '-') { /* yyyy-mm-dd */
		s++;
		if (read_num(&s, 2, &b) < 1 || *s++ != '-' || read_num(&s, 2, &c) < 1)
			return false;
		*y = a, *m = b, *d = c;
	} else if (na >= 1 && na <= 2 && (*s == '/' || *s == '-' || *s == '.')) {
		char sep = *s++;
		if (read_num(&s, 2, &b) < 1 || *s++ != sep || read_num(&s, 4, &c) != 4)
			return false;
		*d = a, *m = b, *y = c;
	} else {
		return false;
	}
	*p = s;
	return date_valid(*y, *m, *d);
}

bool date_parse(const char *s, char iso[11])
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	int y, m, d;
	if (!parse_date_part(&s, &y, &m, &d))
		return false;
	while (isspace((unsigned char)*s))
		s++;
	if (*s)
		return false;
	snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100);
	return true;
}

long long date_days(const char *iso)
{
	char norm[11];
	if (!date_parse(iso, norm))
		return -1;
	int y = (norm[0] - '0') * 1000 + (norm[1] - '0') * 100 + (norm[2] - '0') * 10 + (norm[3] - '0');
	int m = (norm[5] - '0') * 10 + (norm[6] - '0');
	int d = (norm[8] - '0') * 10 + (norm[9] - '0');
	return days_from_civil(y, m, d);
}

void date_display(const char *iso, char out[11])
{
	char norm[11];
	if (!iso || !date_parse(iso, norm)) {
		snprintf(out, 11, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, 11, "%.2s/%.2s/%.4s", norm + 8, norm + 5, norm);
}

/* The UTC moment of a Brussels wall-clock time given as seconds since the epoch. */
static long long brussels_to_utc(long long local)
{
	/* The offset depends on the UTC moment; try the winter offset first, then adjust. */
	long long guess = local - 3600;
	return local - brussels_offset(guess);
}

long long brussels_add_years(long long t, int years)
{
	int y, mo, d, h, mi;
	split_local(t, &y, &mo, &d, &h, &mi);
	long long seconds = ((t % 60) + 60) % 60; /* offsets are whole hours */
	y += years;
	if (mo == 2 && d == 29 && days_in_month(y, 2) == 28)
		d = 28;
	return brussels_to_utc(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + seconds);
}

bool brussels_parse(const char *s, long long *t)
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	int y, mo, d, h = 0, mi = 0;
	if (!parse_date_part(&s, &y, &mo, &d))
		return false;
	if (*s == 'T' || *s == ' ') {
		while (*s == 'T' || *s == ' ')
			s++;
		if (read_num(&s, 2, &h) < 1)
			return false;
		if (*s == ':' || *s == 'u' || *s == 'h' || *s == '.') {
			s++;
			if (*s && read_num(&s, 2, &mi) < 1)
				return false;
		}
		if (*s == ':') { /* seconds, ignored */
			int sec;
			s++;
			read_num(&s, 2, &sec);
		}
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s || h > 23 || mi > 59)
		return false;
	*t = brussels_to_utc(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60);
	return true;
}

void school_year_name(int start_year, char out[10])
{
	snprintf(out, 10, "%04u-%04u", (unsigned)start_year % 10000, (unsigned)(start_year + 1) % 10000);
}

int school_year_start(const char *name)
{
	int a, b;
	if (!name || sscanf(name, "%4d-%4d", &a, &b) != 2 || b != a + 1)
		return -1;
	return a;
}
