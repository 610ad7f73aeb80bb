#ifndef STAGEMATCH_DEMO_H
#define STAGEMATCH_DEMO_H
#include <stdbool.h>
#include <stdio.h>

#define DEMO_PASSWORD "stagematch-demo"

struct demo_options {
	/* false: the manual's timing for 2026-2027. true: registration and handling open
	 * now (moments placed around the current date), results later. */
	bool open_now;
	/* true (and open_now false): registration and handling closed, the results visible now. */
	bool results_now;
	/* 0: the small hand-made data set. N: a generated one with N pupils over `schools`
	 * schools (the first, school1@bench.test, has exactly DEMO_BENCH_PUPILS of them when
	 * there is more than one school) and `services` care services, one login each
	 * (schoolJ@bench.test, dienstJ@bench.test, admin@bench.test). */
	long scale;
	int schools, services;
};

#define DEMO_SCALE_DEFAULT 10000
#define DEMO_SCALE_SCHOOLS 300
#define DEMO_SCALE_SERVICES 60
#define DEMO_BENCH_PUPILS 50
#define DEMO_SCALE_MAX 500000

/* Fills an empty database with realistic demo data, in one transaction. Returns 0 on
 * success, prints a Dutch message and returns -1 otherwise. */
int demo_fill(const struct demo_options *o);

/* The demo data's accounts (role, e-mail, organisation), one a line under a heading with the
 * password; existing_only: just those active in the open database (nothing when none is). */
void demo_print_logins(FILE *out, bool existing_only);

#endif
