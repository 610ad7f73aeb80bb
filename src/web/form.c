#include "form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "router.h"
#include "validate.h"

void option_list_add(struct option_list *l, const char *value, const char *label)
{
	l->items = arena_grow(l->arena, l->items, l->count, &l->cap, sizeof *l->items, 2);
	l->items[l->count++] = (struct option){value, label};
	l->items[l->count] = (struct option){NULL, NULL};
}

void form_init(struct form *f, struct arena *a, const struct field *fields, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!fields[i].name) {
			fprintf(stderr, "form: field %zu of a table of %zu is not declared\n", i, count);
			abort(); /* the tables are static text in the binary: a hole is a programming error */
		}
	f->fields = fields;
	f->count = count;
	f->arena = a;
	f->values = arena_alloc(a, count * sizeof *f->values);
	f->errors = arena_alloc(a, count * sizeof *f->errors);
	f->omitted = arena_alloc(a, count * sizeof *f->omitted);
	f->summary = NULL;
	f->headline = NULL;
}

/* The field of an enum entry; one outside the form's table is a programming error. */
static size_t field_index(const struct form *f, int field)
{
	if (field < 0 || (size_t)field >= f->count) {
		fprintf(stderr, "form: field %d is not one of the %zu of this form\n", field, f->count);
		abort();
	}
	return (size_t)field;
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static const char *trimmed(struct arena *a, const char *s, bool keep_lines)
{
	if (!s)
		return "";
	char *copy = arena_strdup(a, s);
	/* Control characters never belong in a field; keep line breaks in textareas only. */
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p < 0x20 && !(keep_lines && (*p == '\n' || *p == '\r' || *p == '\t')))
			*p = ' ';
	while (isspace((unsigned char)*copy))
		copy++;
	size_t n = strlen(copy);
	while (n && isspace((unsigned char)copy[n - 1]))
		n--;
	copy[n] = 0;
	return copy;
}

void form_omit(struct form *f, int field)
{
	size_t i = field_index(f, field);
	f->omitted[i] = true;
	f->values[i] = "";
	f->errors[i] = NULL;
}

bool form_read_params(struct form *f, const struct params *in)
{
	bool repeated = false;
	for (size_t i = 0; i < f->count; i++) {
		const struct field *fd = &f->fields[i];
		const char *v;
		if (f->omitted[i])
			continue;
		if (fd->type == FIELD_CHECKBOXES) {
			struct buf joined = {0};
			const char *one;
			for (size_t k = 0; (one = params_get_nth(in, fd->name, k)); k++) {
				if (!*one || strchr(one, ','))
					continue;
				if (joined.len)
					buf_putc(&joined, ',');
				buf_puts(&joined, one);
			}
			v = arena_strdup(f->arena, joined.data ? joined.data : "");
			buf_free(&joined);
		} else {
			if (params_get_nth(in, fd->name, 1)) {
				/* A browser never sends one field twice: refuse, show the form again. */
				f->errors[i] = "Dit veld werd meer dan eens verstuurd. Verstuur het formulier opnieuw.";
				repeated = true;
			}
			v = trimmed(f->arena, params_get(in, fd->name), fd->type == FIELD_TEXTAREA);
			if (fd->type == FIELD_PASSWORD)
				v = params_get(in, fd->name) ? arena_strdup(f->arena, params_get(in, fd->name)) : "";
		}
		f->values[i] = v;
		size_t max = fd->max_len ? fd->max_len : fd->type == FIELD_TEXTAREA ? 2000 : 200;
		if (f->errors[i])
			continue;
		if ((fd->flags & FIELD_REQUIRED) && !*v)
			f->errors[i] = fd->type == FIELD_CHECKBOXES || fd->type == FIELD_RADIO ||
			                       fd->type == FIELD_SELECT
			                   ? "Maak een keuze."
			                   : "Vul dit veld in.";
		else if (utf8_length(v) > max)
			f->errors[i] = arena_printf(f->arena, "Dit is te lang: maximaal %zu tekens.", max);
		else if (fd->flags & FIELD_NAME)
			f->errors[i] = validate_name(v);
	}
	return !repeated;
}

void form_read(struct form *f, struct req *r)
{
	if (!form_read_params(f, &r->form))
		r->status = 400;
}

const char *form_value(const struct form *f, int field)
{
	const char *v = f->values[field_index(f, field)];
	return v ? v : "";
}

void form_set(struct form *f, int field, const char *value)
{
	f->values[field_index(f, field)] = arena_strdup(f->arena, value ? value : "");
}

void form_error(struct form *f, int field, const char *message)
{
	size_t i = field_index(f, field);
	if (!f->errors[i] && !f->omitted[i])
		f->errors[i] = message;
}

void form_clear_error(struct form *f, int field)
{
	f->errors[field_index(f, field)] = NULL;
}

const char *form_error_of(const struct form *f, int field)
{
	return f->errors[field_index(f, field)];
}

bool form_ok(const struct form *f)
{
	if (f->summary)
		return false;
	for (size_t i = 0; i < f->count; i++)
		if (f->errors[i])
			return false;
	return true;
}

bool form_has_choice(const struct form *f, int field, const char *value)
{
	const char *v = form_value(f, field);
	size_t n = strlen(value);
	while (*v) {
		size_t len = strcspn(v, ",");
		if (len == n && strncmp(v, value, n) == 0)
			return true;
		v += len;
		if (*v == ',')
			v++;
	}
	return false;
}

void form_csrf(struct buf *out, struct req *r)
{
	html(out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", router_csrf_token(r));
}

void form_begin(struct buf *out, struct req *r, const struct form *f, const char *action)
{
	html(out, "<form method=\"post\" action=\"%s\" class=\"form\" novalidate>", action);
	form_csrf(out, r);
	if (!f || form_ok(f))
		return;
	form_summary(out, f, f->headline ? f->headline : "Het formulier is nog niet bewaard.",
	             f->summary ? f->summary : "Verbeter wat hieronder gemarkeerd staat:");
}

void form_summary(struct buf *out, const struct form *f, const char *headline, const char *text)
{
	/* autofocus: the page opens with the keyboard focus on the summary (no script needed),
	 * so one Tab reaches the first error's link. Only this element on a page has it. */
	html(out, "<div class=\"alert alert-error\" role=\"alert\" tabindex=\"-1\" id=\"fouten\" autofocus><p>");
	if (headline)
		html(out, "<strong>%s</strong> ", headline);
	html(out, "%s</p><ul>", text);
	for (size_t i = 0; i < f->count; i++)
		if (f->errors[i])
			html(out, "<li><a href=\"#f-%s\">%s: %s</a></li>", f->fields[i].name, f->fields[i].label,
			     f->errors[i]);
	html(out, "</ul></div>");
}

void form_end(struct buf *out)
{
	html(out, "</form>");
}

static const char *input_type(enum field_type t)
{
	switch (t) {
	case FIELD_EMAIL: return "email";
	case FIELD_TEL: return "tel";
	case FIELD_NUMBER: return "text"; /* inputmode=numeric: no spinner, no locale surprises */
	case FIELD_DATE: return "date";
	case FIELD_DATETIME: return "datetime-local";
	case FIELD_PASSWORD: return "password";
	case FIELD_HIDDEN: return "hidden";
	default: return "text";
	}
}

static void describedby(struct buf *out, const struct field *fd, const char *error)
{
	if (!fd->help && !error)
		return;
	html(out, " aria-describedby=\"");
	if (fd->help)
		html(out, "h-%s", fd->name);
	if (error)
		html(out, "%se-%s", fd->help ? " " : "", fd->name);
	html(out, "\"");
}

/* required, aria-invalid and aria-describedby of a control. */
static void control_attributes(struct buf *out, const struct field *fd, const char *error)
{
	if (fd->flags & FIELD_REQUIRED)
		html(out, " required aria-required=\"true\"");
	if (error)
		html(out, " aria-invalid=\"true\"");
	describedby(out, fd, error);
}

static void choice_list(struct buf *out, const struct form *f, int field, const char *error,
                        const struct option *options)
{
	const struct field *fd = &f->fields[field];
	bool multi = fd->type == FIELD_CHECKBOXES;
	html(out, "<fieldset class=\"field choices%s\" id=\"f-%s\" tabindex=\"-1\"",
	     error ? " has-error" : "", fd->name);
	describedby(out, fd, error);
	html(out, "><legend>%s%s</legend>", fd->label, (fd->flags & FIELD_REQUIRED) ? " *" : "");
	if (fd->help)
		html(out, "<p class=\"help\" id=\"h-%s\">%s</p>", fd->name, fd->help);
	if (error)
		html(out, "<p class=\"error\" id=\"e-%s\">%s</p>", fd->name, error);
	for (int k = 0; options && options[k].value; k++) {
		bool on = multi ? form_has_choice(f, field, options[k].value)
		                : strcmp(form_value(f, field), options[k].value) == 0;
		html(out, "<label class=\"choice\"><input type=\"%s\" name=\"%s\" value=\"%s\"",
		     multi ? "checkbox" : "radio", fd->name, options[k].value);
		if (on)
			html(out, " checked");
		html(out, "> %s</label>", options[k].label);
	}
	html(out, "</fieldset>");
}

void form_field(struct buf *out, const struct form *f, int field, const struct option *options)
{
	size_t i = field_index(f, field);
	if (f->omitted[i])
		return;
	const struct field *fd = &f->fields[i];
	const char *value = f->values[i] ? f->values[i] : "";
	const char *error = f->errors[i];
	if (fd->type == FIELD_HIDDEN) {
		html(out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", fd->name, value);
		return;
	}
	if (fd->type == FIELD_CHECKBOXES || fd->type == FIELD_RADIO) {
		choice_list(out, f, field, error, options);
		return;
	}
	html(out, "<div class=\"field%s%s\">", error ? " has-error" : "", (fd->flags & FIELD_WIDE) ? " wide" : "");
	html(out, "<label for=\"f-%s\">%s", fd->name, fd->label);
	if (fd->flags & FIELD_REQUIRED)
		html(out, " <span class=\"req\" aria-hidden=\"true\">*</span>");
	html(out, "</label>");
	if (fd->help)
		html(out, "<p class=\"help\" id=\"h-%s\">%s</p>", fd->name, fd->help);
	if (error)
		html(out, "<p class=\"error\" id=\"e-%s\">%s</p>", fd->name, error);
	if (fd->type == FIELD_SELECT) {
		html(out, "<select id=\"f-%s\" name=\"%s\"", fd->name, fd->name);
		control_attributes(out, fd, error);
		html(out, ">");
		for (int k = 0; options && options[k].value; k++)
			html(out, strcmp(value, options[k].value) == 0 ? "<option value=\"%s\" selected>%s</option>"
			                                                : "<option value=\"%s\">%s</option>",
			     options[k].value, options[k].label);
		html(out, "</select>");
	} else if (fd->type == FIELD_TEXTAREA) {
		html(out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"3\"", fd->name, fd->name);
		control_attributes(out, fd, error);
		html(out, ">%s</textarea>", value);
	} else {
		html(out, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", fd->name, fd->name, input_type(fd->type));
		if (fd->type != FIELD_PASSWORD)
			html(out, " value=\"%s\"", value);
		if (fd->type == FIELD_NUMBER)
			html(out, " inputmode=\"numeric\"");
		if (fd->autocomplete)
			html(out, " autocomplete=\"%s\"", fd->autocomplete);
		control_attributes(out, fd, error);
		html(out, ">");
	}
	html(out, "</div>");
}

