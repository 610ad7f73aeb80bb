#ifndef STAGEMATCH_DEMO_H
#define STAGEMATCH_DEMO_H
#include <stdbool.h>

#define DEMO_PASSWORD "stagematch-demo"

struct demo_options {
	/* false: the manual's timing for 2026-2027. true: registration and handling open
	 * now (moments placed around the current date), results later. */
	bool open_now;
};

/* Fills an empty database with realistic demo data, in one transaction. Returns 0 on
 * success, prints a Dutch message and returns -1 otherwise. */
int demo_fill(const struct demo_options *o);

#endif
