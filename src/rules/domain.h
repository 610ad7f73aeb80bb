#ifndef STAGEMATCH_DOMAIN_H
#define STAGEMATCH_DOMAIN_H
#include <stddef.h>

/*
 * The product's fixed vocabulary, in one place: means of transport, internship
 * formats, programmes. Labels are the manual's words.
 */

enum transport {
	TRANSPORT_CAR = 1,
	TRANSPORT_MOPED = 2,
	TRANSPORT_EBIKE = 4,
	TRANSPORT_BIKE = 8,
	TRANSPORT_PUBLIC = 16,
};

struct transport_kind {
	int bit;
	const char *value;   /* form value */
	const char *label;   /* "Auto", ... */
};
/* In the manual's order; terminated by bit 0. */
extern const struct transport_kind transport_kinds[];
/* The labels of a bit set of enum transport, in the manual's order: "Fiets, Openbaar vervoer". */
void transport_labels(int bits, char *out, size_t size);

/* The internship formats (stagevorm), as stored and shown; NULL-terminated. */
extern const char *const internship_formats[];

struct programme_def {
	const char *code;    /* URL segment: /opleidingen/<code> */
	const char *name;    /* menu label */
	int position;
};
/* The three programmes of the menu; terminated by a NULL code. */
extern const struct programme_def programme_defs[];
/* The programme with this URL code, or NULL. */
const struct programme_def *programme_find(const char *code);

#endif
