/*
 * The table every reader fills, with the limits that keep a hostile file harmless.
 */
#include "table.h"

#include <stdio.h>
#include <string.h>

#include "../http/params.h"

const char *import_cell(const struct import_table *t, size_t row, size_t col)
{
	if (row >= t->rows || col >= t->cols)
		return "";
	return t->cells[row * t->cols + col];
}

void import_column_name(size_t col, char out[4])
{
	if (col < 26)
		snprintf(out, 4, "%c", (char)('A' + col));
	else if (col < 26 * 27)
		snprintf(out, 4, "%c%c", (char)('A' + col / 26 - 1), (char)('A' + col % 26));
	else
		snprintf(out, 4, "?");
}

void table_begin(struct table_builder *b, struct arena *a)
{
	memset(b, 0, sizeof *b);
	b->arena = a;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool table_add(struct table_builder *b, size_t row, size_t col, const char *text, size_t len)
{
	if (b->error)
		return false;
	while (len && is_space(*text)) {
		text++;
		len--;
	}
	while (len && is_space(text[len - 1]))
		len--;
	if (len == 0)
		return true;
	char where[4];
	import_column_name(col, where);
	if (row >= IMPORT_MAX_ROWS + 1) {
		b->error = "Het bestand heeft meer dan 5000 rijen. Verdeel de leerlingen over meer bestanden en "
		           "importeer ze een voor een.";
		return false;
	}
	if (col >= IMPORT_MAX_COLS) {
		b->error = "Het bestand heeft meer dan 100 kolommen. Hou enkel de kolommen met gegevens van de "
		           "leerlingen over en probeer opnieuw.";
		return false;
	}
	if (len > IMPORT_MAX_CELL) {
		b->error = arena_printf(b->arena, "Cel %s%zu is langer dan %d tekens. Maak ze korter en probeer opnieuw.",
		                        where, row + 1, IMPORT_MAX_CELL);
		return false;
	}
	b->text_bytes += len;
	if (b->text_bytes > IMPORT_MAX_TEXT) {
		b->error = "Het bestand bevat te veel gegevens. Hou enkel de kolommen met gegevens van de leerlingen over "
		           "en probeer opnieuw.";
		return false;
	}
	if (memchr(text, 0, len) || !utf8_valid(text, len)) {
		b->error = arena_printf(b->arena, "Cel %s%zu bevat tekens die niet gelezen kunnen worden. Sla het bestand "
		                                  "opnieuw op (als .xlsx of als CSV UTF-8) en probeer opnieuw.",
		                        where, row + 1);
		return false;
	}
	char *copy = arena_strndup(b->arena, text, len);
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	b->cells = arena_grow(b->arena, b->cells, b->count, &b->cap, sizeof *b->cells, 1);
	b->cells[b->count++] = (struct table_cell){row, col, copy};
	if (row > b->max_row)
		b->max_row = row;
	if (col > b->max_col)
		b->max_col = col;
	return true;
}

const char *table_finish(struct table_builder *b, struct import_table *t)
{
	memset(t, 0, sizeof *t);
	if (b->error)
		return b->error;
	if (b->count == 0)
		return "Het bestand is leeg. Kies het bestand met de leerlingen, met een rij met kolomnamen bovenaan.";
	/* Rows that hold something, numbered in order. */
	size_t *compact = arena_alloc(b->arena, (b->max_row + 1) * sizeof *compact);
	for (size_t i = 0; i < b->count; i++)
		compact[b->cells[i].row] = 1;
	size_t rows = 0;
	for (size_t r = 0; r <= b->max_row; r++)
		compact[r] = compact[r] ? ++rows : 0;
	t->rows = rows;
	t->cols = b->max_col + 1;
	t->cells = arena_alloc(b->arena, rows * t->cols * sizeof *t->cells);
	t->line = arena_alloc(b->arena, rows * sizeof *t->line);
	for (size_t i = 0; i < rows * t->cols; i++)
		t->cells[i] = "";
	for (size_t r = 0; r <= b->max_row; r++)
		if (compact[r])
			t->line[compact[r] - 1] = r + 1;
	for (size_t i = 0; i < b->count; i++) /* a later value for the same cell wins */
		t->cells[(compact[b->cells[i].row] - 1) * t->cols + b->cells[i].col] = b->cells[i].text;
	return NULL;
}

const char *import_table_read(struct arena *a, const char *data, size_t len, struct import_table *t)
{
	memset(t, 0, sizeof *t);
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return xlsx_table_read(a, data, len, t);
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return import_read_isolated(xls_table_read, a, data, len, t, XLS_UNREADABLE);
	return csv_table_read(a, data, len, t);
}
