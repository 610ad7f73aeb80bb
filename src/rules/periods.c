#include "periods.h"

#include "clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char MSG_DATE[] = "Geef een geldige datum in (dd/mm/jjjj).";
static const char MSG_NEED_START[] = "Vul ook de startdatum in.";
static const char MSG_NEED_END[] = "Vul ook de einddatum in.";
static const char MSG_END_BEFORE[] = "De einddatum ligt vóór de startdatum.";
static const char MSG_FIRST_REQUIRED[] = "Vul de startdatum van periode 1 in.";
static const char *const MSG_GAP[PERIODS_MAX] = {
	NULL,
	"Vul eerst periode 1 in.",
	"Vul eerst periode 2 in.",
	"Vul eerst periode 3 in.",
};
static const char *const MSG_OVERLAP[PERIODS_MAX] = {
	NULL,
	"Periode 2 begint voor periode 1 gedaan is.",
	"Periode 3 begint voor periode 2 gedaan is.",
	"Periode 4 begint voor periode 3 gedaan is.",
};

/*
 * The school-year and count messages carry numbers, so they are formatted into a
 * per-thread ring of buffers. Each call takes at most two slots, so the messages of
 * one call stay valid through the next few calls (the request and acceptance forms
 * each validate once).
 */
#define MSG_RING 8
#define MSG_SIZE 128

static char *msg_slot(void)
{
	static _Thread_local char ring[MSG_RING][MSG_SIZE];
	static _Thread_local unsigned next;
	return ring[next++ % MSG_RING];
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

struct bounds {
	long long first, last; /* days since epoch, both included */
	const char *message;   /* NULL: no school year to check against */
};

static void school_year_bounds(int start_year, struct bounds *b)
{
	if (start_year <= 0) {
		*b = (struct bounds){0, 0, NULL};
		return;
	}
	/* Dates only go up to 2200 anyway; this keeps start_year + 1 from overflowing. */
	if (start_year > 9998)
		start_year = 9998;
	b->first = days_from_civil(start_year, 9, 1);
	b->last = days_from_civil(start_year + 1, 8, 31);
	char *buf = msg_slot();
	snprintf(buf, MSG_SIZE,
	         "Deze datum valt buiten het schooljaar %d-%d (01/09/%d – 31/08/%d).",
	         start_year, start_year + 1, start_year, start_year + 1);
	b->message = buf;
}

/*
 * Checks one typed date. Writes the ISO form and its day number when it is fine;
 * returns the message otherwise.
 */
static const char *check_date(const char *typed, const struct bounds *b, char iso[11], long long *days)
{
	if (!date_parse(typed, iso))
		return MSG_DATE; /* iso untouched: still "" */
	*days = date_days(iso);
	if (b->message && (*days < b->first || *days > b->last)) {
		iso[0] = '\0';
		return b->message;
	}
	return NULL;
}

/* The rules that look at one period on its own. Returns true when it is filled. */
static bool check_period(const struct period_input *in, int i, const struct bounds *b,
                         struct period_result *out, long long *start, long long *end)
{
	const char *s = in->start[i], *e = in->end[i];
	bool has_start = !blank(s), has_end = !blank(e);
	if (has_start)
		out->start_error[i] = check_date(s, b, out->start[i], start);
	else if (has_end)
		out->start_error[i] = MSG_NEED_START;
	else if (i == 0)
		out->start_error[i] = MSG_FIRST_REQUIRED;
	if (has_end)
		out->end_error[i] = check_date(e, b, out->end[i], end);
	else if (has_start)
		out->end_error[i] = MSG_NEED_END;
	bool dates_ok = has_start && has_end && !out->start_error[i] && !out->end_error[i];
	if (dates_ok && *end < *start)
		out->end_error[i] = MSG_END_BEFORE;
	return has_start || has_end;
}

static bool period_ok(const struct period_result *out, int i)
{
	return out->start[i][0] && out->end[i][0] && !out->start_error[i] && !out->end_error[i];
}

static const char *count_message(int filled, int expected)
{
	char *buf = msg_slot();
	snprintf(buf, MSG_SIZE, "Je vulde %d %s in, maar koos %d bij 'Hoeveel periodes'.", filled,
	         filled == 1 ? "periode" : "periodes", expected);
	return buf;
}

int periods_validate(const struct period_input *in, int expected_count, int school_year_start,
                     struct period_result *out)
{
	memset(out, 0, sizeof *out);
	struct bounds b;
	school_year_bounds(school_year_start, &b);
	long long start[PERIODS_MAX] = {0}, end[PERIODS_MAX] = {0};
	bool filled[PERIODS_MAX];
	int count = 0;
	for (int i = 0; i < PERIODS_MAX; i++) {
		filled[i] = check_period(in, i, &b, out, &start[i], &end[i]);
		count += filled[i];
	}
	for (int i = 1; i < PERIODS_MAX; i++) {
		if (!filled[i] || out->start_error[i])
			continue;
		/* No gaps, so the numbering the school sees matches the one we store. */
		if (!filled[i - 1])
			out->start_error[i] = MSG_GAP[i];
		else if (period_ok(out, i - 1) && period_ok(out, i) && start[i] <= end[i - 1])
			out->start_error[i] = MSG_OVERLAP[i];
	}
	for (int i = 0; i < PERIODS_MAX; i++)
		if (out->start_error[i] || out->end_error[i])
			return -1;
	/* Only now: a count mismatch is noise while the periods themselves are wrong. */
	if (expected_count > 0 && count != expected_count) {
		out->count_error = count_message(count, expected_count);
		return -1;
	}
	return count;
}
