#ifndef STAGEMATCH_FORM_H
#define STAGEMATCH_FORM_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "http.h"

/*
 * Forms, declared once. A feature lists its fields (name, label, type, required, help);
 * the same declaration drives reading the posted values (trimmed, length-checked,
 * required marks), the messages next to the fields, and re-showing the form with
 * everything the user typed. Feature rules add their own messages with form_error().
 *
 * Each form names its fields by its own enum, and its table is indexed by it:
 *
 *     enum contact_field { CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, CONTACT__FIELDS };
 *     static const struct field contact_fields[] = {
 *             [CONTACT_NAME] = {"name", "Naam", FIELD_TEXT, FIELD_REQUIRED, 0, NULL, NULL},
 *             ...
 *     };
 *     FORM_TABLE(contact_fields, CONTACT__FIELDS);
 *
 * so form_value(f, CONTACT_PHONE) with a misspelt name does not compile. The HTML name
 * ("name", the posted key) is used only by form_read and form_field.
 */

enum field_type {
	FIELD_TEXT,
	FIELD_EMAIL,
	FIELD_TEL,
	FIELD_NUMBER,
	FIELD_DATE,
	FIELD_DATETIME,
	FIELD_PASSWORD,
	FIELD_TEXTAREA,
	FIELD_SELECT,
	FIELD_CHECKBOXES,   /* several values; read as one comma-separated value */
	FIELD_RADIO,
	FIELD_HIDDEN,
};

enum field_flags {
	FIELD_REQUIRED = 1,
	FIELD_WIDE = 2,        /* takes the full row in a two-column form */
	FIELD_NAME = 4,        /* a person's or organisation's name: validate_name() */
};

struct field {
	const char *name;
	const char *label;
	enum field_type type;
	unsigned flags;
	size_t max_len;        /* 0 = 200 characters (2000 for textareas) */
	const char *help;      /* shown under the label, linked with aria-describedby */
	const char *autocomplete;
};

struct option {
	const char *value;
	const char *label;
};

/* Options gathered at run time (from the database), in the arena, always terminated by
 * {NULL, NULL} so `items` can be handed to form_field(). Start with {0} and the arena. */
struct option_list {
	struct arena *arena;
	struct option *items;
	size_t count, cap;
};
/* Appends an option; value and label must live as long as the list (arena strings). */
void option_list_add(struct option_list *l, const char *value, const char *label);

struct form {
	const struct field *fields;
	size_t count;
	const char **values;
	const char **errors;
	bool *omitted;         /* fields of the table that are not on this form (form_omit) */
	const char *summary;   /* a message for the whole form, shown above it */
	const char *headline;  /* the summary's first words; NULL: "Het formulier is nog niet bewaard." */
	struct arena *arena;
};

/* The table of a form fills every slot of its enum: no slot beyond the last (count), and
 * the last one declared (compile time); form_init() refuses a hole in between (abort). */
#define FORM_TABLE(table, count)                                              \
	_Static_assert(sizeof(table) / sizeof((table)[0]) == (size_t)(count), \
	               #table ": one entry per field of its enum, the last one included")

/* Starts a form on its table (count entries, indexed by the form's enum). A table with a
 * slot left empty is a programming error: it aborts, as does an index outside the table
 * in any of the functions below. */
void form_init(struct form *f, struct arena *a, const struct field *fields, size_t count);
/* Leaves a field of the table off this form (a kind of organisation without it, the password
 * reset without the name): it is not read, shown, linked from the summary nor counted by
 * form_ok(); its value is "". Call before form_read(). */
void form_omit(struct form *f, int field);
/* Reads every declared field from the posted body, applying required and length checks. */
void form_read(struct form *f, struct req *r);
/* The same from any set of values (an imported row); false when a field came twice. */
bool form_read_params(struct form *f, const struct params *in);

/* field: an entry of the form's enum. */
const char *form_value(const struct form *f, int field);   /* "" when empty */
void form_set(struct form *f, int field, const char *value);
/* The message next to the field; the first one given wins. A message for the whole form
 * goes into f->summary. */
void form_error(struct form *f, int field, const char *message);
/* Withdraws the message of a field, e.g. a required field that a rule filled in itself. */
void form_clear_error(struct form *f, int field);
const char *form_error_of(const struct form *f, int field);
bool form_ok(const struct form *f);
/* Whether value appears in a FIELD_CHECKBOXES value. */
bool form_has_choice(const struct form *f, int field, const char *value);


/* <form method="post" action="..."> with the CSRF token and, if there are errors,
 * a summary that links to each field. */
void form_begin(struct buf *out, struct req *r, const struct form *f, const char *action);
void form_end(struct buf *out);
/* The error summary of a form with errors: headline (bold, may be NULL) and text, then a
 * link to each field with a message. It takes the keyboard focus when the page opens
 * (autofocus, id "fouten"): one per page. form_begin() renders it for POST forms. */
void form_summary(struct buf *out, const struct form *f, const char *headline, const char *text);
/* A labelled control with its help text, value and error message. options: for select,
 * radio and checkboxes, terminated by a {NULL, NULL} entry. */
void form_field(struct buf *out, const struct form *f, int field, const struct option *options);

/* A hidden CSRF input for small forms (buttons) built by hand. */
void form_csrf(struct buf *out, struct req *r);

#endif
