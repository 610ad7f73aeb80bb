/*
 * Not a program: the meson tests "form_names_*" only compile this file. As written it
 * compiles; each -D below is a mistake the enum-indexed tables turn into a compile error
 * (where a field named by a string used to read "" at run time):
 *   MISSPELT         a misspelt field
 *   BY_STRING        a field named by its HTML name
 *   LAST_SLOT_EMPTY  a table that leaves its enum's last field out
 *   SLOT_BEYOND      a table with a field its enum does not have
 */
#include "form.h"

enum demo_field { DEMO_NAME, DEMO_PHONE, DEMO__FIELDS };
static const struct field demo_fields[] = {
	[DEMO_NAME] = {"name", "Naam", FIELD_TEXT, FIELD_REQUIRED, 100, NULL, NULL},
#ifndef LAST_SLOT_EMPTY
	[DEMO_PHONE] = {"phone", "Telefoon", FIELD_TEL, 0, 40, NULL, NULL},
#endif
#ifdef SLOT_BEYOND
	[DEMO__FIELDS] = {"fax", "Fax", FIELD_TEL, 0, 40, NULL, NULL},
#endif
};
FORM_TABLE(demo_fields, DEMO__FIELDS);

void demo_init(struct form *f, struct arena *a);
void demo_init(struct form *f, struct arena *a)
{
	form_init(f, a, demo_fields, DEMO__FIELDS);
}

const char *demo_phone(const struct form *f);
const char *demo_phone(const struct form *f)
{
#if defined MISSPELT
	return form_value(f, DEMO_PHOEN);
#elif defined BY_STRING
	return form_value(f, "phone");
#else
	return form_value(f, DEMO_PHONE);
#endif
}
