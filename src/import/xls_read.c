/*
 * The old Excel format (.xls, BIFF in an OLE2 container), as some administration packages
 * still export it, read with Debian's libfreexl: the first worksheet's texts, numbers and
 * dates (FreeXL gives dates as ISO text). FreeXL only opens a path, so the bytes go to an
 * anonymous memory file (memfd): the pupils' data never touches the disk.
 *
 * FreeXL allocates every sheet's cells when it opens a file, so a cheap first pass
 * (freexl_open_info) refuses a file whose sheets claim more than the table's limits.
 */
#include <freexl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "table.h"

static const char MSG_BROKEN[] = XLS_UNREADABLE;
static const char MSG_TOO_BIG[] = "Dit Excel-bestand heeft een blad met meer dan 5000 rijen of 100 kolommen. Hou "
                                  "enkel het blad met de leerlingen over, sla het opnieuw op en probeer opnieuw.";

/* An anonymous file holding data; -1 on failure. */
static int memory_file(const char *data, size_t len)
{
	int fd = memfd_create("stagematch-xls", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, data + done, len - done);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	return fd;
}

/* Whether every worksheet stays within the table's limits. */
static const char *check_dimensions(const char *path)
{
	const void *h = NULL;
	const char *problem = NULL;
	unsigned int sheets = 0;
	if (freexl_open_info(path, &h) != FREEXL_OK ||
	    freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK || sheets == 0) {
		problem = MSG_BROKEN;
	} else {
		unsigned int password = 0;
		if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED)
			problem = "Dit Excel-bestand is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en probeer "
			          "opnieuw.";
	}
	for (unsigned int i = 0; !problem && i < sheets && i < 256; i++) {
		unsigned int rows = 0;
		unsigned short cols = 0;
		if (freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
		    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
			problem = MSG_BROKEN;
		else if (rows > IMPORT_MAX_ROWS + 1 || cols > IMPORT_MAX_COLS)
			problem = MSG_TOO_BIG;
	}
	if (h)
		freexl_close(h);
	return problem;
}

static const char *cell_text(struct arena *a, const FreeXL_CellValue *v)
{
	switch (v->type) {
	case FREEXL_CELL_INT:
		return arena_printf(a, "%d", v->value.int_value);
	case FREEXL_CELL_DOUBLE:
		if (!isfinite(v->value.double_value))
			return "";
		if (v->value.double_value == floor(v->value.double_value) && fabs(v->value.double_value) < 1e15)
			return arena_printf(a, "%.0f", v->value.double_value);
		return arena_printf(a, "%.15g", v->value.double_value);
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_TIME:
		return v->value.text_value ? v->value.text_value : "";
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME: /* the date part: "2027-01-11 00:00:00" */
		return v->value.text_value ? arena_strndup(a, v->value.text_value, 10) : "";
	default:
		return "";
	}
}

const char *xls_table_read(struct arena *a, const char *data, size_t len, struct import_table *t)
{
	memset(t, 0, sizeof *t);
	int fd = memory_file(data, len);
	if (fd < 0)
		return "Het bestand kon niet gelezen worden. Probeer opnieuw.";
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	const char *problem = check_dimensions(path);
	const void *h = NULL;
	if (!problem && (freexl_open(path, &h) != FREEXL_OK || freexl_select_active_worksheet(h, 0) != FREEXL_OK))
		problem = MSG_BROKEN;
	unsigned int rows = 0;
	unsigned short cols = 0;
	if (!problem && freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
		problem = MSG_BROKEN;
	struct table_builder b;
	table_begin(&b, a);
	for (unsigned int r = 0; !problem && r < rows && !b.error; r++)
		for (unsigned short c = 0; c < cols && !b.error; c++) {
			FreeXL_CellValue v;
			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
				continue;
			/* FreeXL's text lives as long as the handle: table_add copies it. */
			const char *text = cell_text(a, &v);
			table_add(&b, r, c, text, strlen(text));
		}
	if (h)
		freexl_close(h);
	close(fd);
	if (problem)
		return problem;
	return table_finish(&b, t);
}
