#include "domain.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

const struct transport_kind transport_kinds[] = {
	{TRANSPORT_CAR, "auto", "Auto"},
	{TRANSPORT_MOPED, "bromfiets", "Bromfiets"},
	{TRANSPORT_EBIKE, "elektrische-fiets", "Elektrische fiets"},
	{TRANSPORT_BIKE, "fiets", "Fiets"},
	{TRANSPORT_PUBLIC, "openbaar-vervoer", "Openbaar vervoer"},
	{0, NULL, NULL},
};

void transport_labels(int bits, char *out, size_t size)
{
	size_t n = 0;
	out[0] = 0;
	for (const struct transport_kind *k = transport_kinds; k->bit && n < size; k++)
		if (bits & k->bit)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", k->label);
}

const char *const internship_formats[] = {"blok", "alternerend", "blok en alternerend", NULL};

const struct programme_def programme_defs[] = {
	{"7de-leerjaar", "7de leerjaar verzorgende-zorgkundige", 1},
	{"duaal-leren", "Duaal leren", 2},
	{"dubbele-finaliteit", "Dubbele finaliteit gezondheidszorg", 3},
	{NULL, NULL, 0},
};

const struct programme_def *programme_find(const char *code)
{
	for (const struct programme_def *p = programme_defs; code && p->code; p++)
		if (strcmp(p->code, code) == 0)
			return p;
	return NULL;
}
