#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "clock.h"
#include "config.h"
#include "csv.h"
#include "html.h"
#include "log.h"

const char *export_value(const struct export_column *c, const void *row, char scratch[EXPORT_SCRATCH])
{
	const char *v = c->value ? c->value(row, scratch) : *(const char *const *)((const char *)row + c->offset);
	return v ? v : "";
}

/* U+00C0 to U+00FF without their accents; '_' where there is no plain letter. */
static const char latin1_plain[] = "AAAAAAACEEEEIIIIDNOOOOO_OUUUUY_saaaaaaaceeeeiiiidnooooo_ouuuuy_y";
_Static_assert(sizeof latin1_plain == 65, "one letter for each of U+00C0..U+00FF");

/* file_name with letters, digits, '-' and '.' kept, accents dropped, the rest '_' (one at a time). */
static const char *ascii_file_name(struct arena *a, const char *file_name)
{
	struct buf b = {0};
	for (const unsigned char *p = (const unsigned char *)file_name; *p;) {
		char c = '_';
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '.')
			c = (char)*p;
		else if (*p == 0xC3 && (p[1] & 0xC0) == 0x80)
			c = latin1_plain[p[1] & 0x3F];
		/* skip the whole character */
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		char last = b.len ? b.data[b.len - 1] : 0;
		if (c == '_' && (last == '_' || last == '-'))
			continue;
		if (c == '-' && last == '_')
			b.data[--b.len] = 0; /* "a - b" becomes "a-b" */
		buf_putc(&b, c);
	}
	char *s = arena_strdup(a, b.data ? b.data : "export");
	buf_free(&b);
	return s;
}

void export_attachment(struct req *r, const char *file_name)
{
	struct buf b = {0};
	buf_printf(&b, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii_file_name(r->arena, file_name));
	url_encode_into(&b, file_name);
	resp_header(r, "Content-Disposition", arena_strdup(r->arena, b.data));
	buf_free(&b);
}

/* ---- CSV, streamed ---- */

struct csv_stream {
	struct export_source src;
	void *row;
	struct buf out;
	size_t sent;        /* bytes of out already handed to the client */
	bool header_done, done;
};

static void csv_record(struct csv_stream *s)
{
	char scratch[EXPORT_SCRATCH];
	for (size_t i = 0; i < s->src.column_count; i++) {
		const struct export_column *c = &s->src.columns[i];
		const char *v = export_value(c, s->row, scratch);
		char date[11];
		if (c->kind == EXPORT_DATE && *v) {
			date_display(v, date);
			v = date;
		}
		csv_field(&s->out, v, i == 0);
	}
	csv_end_record(&s->out);
}

static ssize_t csv_stream_read(void *ctx, char *dst, size_t max)
{
	struct csv_stream *s = ctx;
	/* Keep only what the client has not taken yet: memory stays at about one chunk. */
	if (s->sent) {
		memmove(s->out.data, s->out.data + s->sent, s->out.len - s->sent);
		s->out.len -= s->sent;
		s->sent = 0;
	}
	while (!s->done && s->out.len < max) {
		if (!s->header_done) {
			csv_begin(&s->out);
			for (size_t i = 0; i < s->src.column_count; i++)
				csv_field(&s->out, s->src.columns[i].header, i == 0);
			csv_end_record(&s->out);
			s->header_done = true;
			continue;
		}
		int rc = s->src.next(s->src.ctx, s->row);
		if (rc < 0)
			return -1;
		if (rc == 0)
			s->done = true;
		else
			csv_record(s);
	}
	size_t n = s->out.len < max ? s->out.len : max;
	memcpy(dst, s->out.data, n);
	s->sent = n;
	return (ssize_t)n;
}

static void csv_stream_free(void *ctx)
{
	struct csv_stream *s = ctx;
	s->src.finish(s->src.ctx);
	buf_free(&s->out);
	free(s->row);
	free(s);
}

void export_csv(struct req *r, const struct export_source *src, const char *file_name)
{
	struct csv_stream *s = calloc(1, sizeof *s);
	if (!s || !(s->row = calloc(1, src->row_size)))
		abort();
	s->src = *src;
	r->content_type = "text/csv; charset=utf-8";
	export_attachment(r, file_name);
	r->stream = csv_stream_read;
	r->stream_ctx = s;
	r->stream_free = csv_stream_free;
}

/* ---- XLSX, through a temporary file ---- */

struct file_stream {
	int fd;
};

static ssize_t file_stream_read(void *ctx, char *dst, size_t max)
{
	struct file_stream *f = ctx;
	ssize_t n;
	do
		n = read(f->fd, dst, max);
	while (n < 0 && errno == EINTR);
	return n;
}

static void file_stream_free(void *ctx)
{
	struct file_stream *f = ctx;
	close(f->fd);
	free(f);
}

/* Characters on the longest line of v: what the column must be wide enough for. */
static size_t widest_line(const char *v)
{
	size_t best = 0, n = 0;
	for (; *v; v++) {
		if (*v == '\n') {
			n = 0;
			continue;
		}
		if (((unsigned char)*v & 0xC0) != 0x80 && ++n > best)
			best = n;
	}
	return best;
}

struct sheet {
	lxw_worksheet *ws;
	lxw_format *date, *wrap;
	double *widths;
};

static lxw_error write_cell(struct sheet *sh, lxw_row_t row, lxw_col_t col, enum export_kind kind, const char *v)
{
	if (!*v)
		return LXW_NO_ERROR;
	size_t width = kind == EXPORT_DATE ? 10 : widest_line(v);
	if (width > sh->widths[col])
		sh->widths[col] = (double)width;
	if (kind == EXPORT_DATE) {
		long long days = date_days(v);
		if (days >= 0) {
			int y, m, d;
			civil_from_days(days, &y, &m, &d);
			lxw_datetime dt = {.year = y, .month = m, .day = d};
			return worksheet_write_datetime(sh->ws, row, col, &dt, sh->date);
		}
	} else if (kind == EXPORT_NUMBER) {
		char *end;
		long long n = strtoll(v, &end, 10);
		if (!*end)
			return worksheet_write_number(sh->ws, row, col, (double)n, NULL);
	}
	if (!strchr(v, '\r'))
		return worksheet_write_string(sh->ws, row, col, v, strchr(v, '\n') ? sh->wrap : NULL);
	/* A textarea posts its line breaks as CRLF: a cell's line break is LF alone (a CR would
	 * be written as the literal "_x000D_"). */
	char *lines = strdup(v);
	if (!lines)
		abort();
	size_t n = 0;
	for (const char *p = v; *p; p++)
		if (*p != '\r')
			lines[n++] = *p;
		else if (p[1] != '\n')
			lines[n++] = '\n';
	lines[n] = 0;
	lxw_error e = worksheet_write_string(sh->ws, row, col, lines, sh->wrap);
	free(lines);
	return e;
}

/* Writes the workbook at path; returns false on any error. */
static bool write_workbook(const char *path, const struct export_source *src, const char *sheet_name)
{
	lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = (char *)cfg.data_dir};
	lxw_workbook *wb = workbook_new_opt(path, &options);
	if (!wb)
		return false;
	struct sheet sh = {.ws = workbook_add_worksheet(wb, sheet_name)};
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	sh.date = workbook_add_format(wb);
	format_set_num_format(sh.date, "dd/mm/yyyy");
	sh.wrap = workbook_add_format(wb);
	format_set_text_wrap(sh.wrap);
	sh.widths = calloc(src->column_count, sizeof *sh.widths);
	void *row = calloc(1, src->row_size);
	if (!sh.widths || !row)
		abort();
	bool ok = sh.ws != NULL;
	for (size_t i = 0; ok && i < src->column_count; i++) {
		sh.widths[i] = (double)widest_line(src->columns[i].header);
		ok = worksheet_write_string(sh.ws, 0, (lxw_col_t)i, src->columns[i].header, bold) == LXW_NO_ERROR;
	}
	lxw_row_t n = 0;
	int rc = 0;
	while (ok && (rc = src->next(src->ctx, row)) > 0) {
		n++;
		char scratch[EXPORT_SCRATCH];
		for (size_t i = 0; ok && i < src->column_count; i++)
			ok = write_cell(&sh, n, (lxw_col_t)i, src->columns[i].kind,
			                export_value(&src->columns[i], row, scratch)) == LXW_NO_ERROR;
	}
	ok = ok && rc == 0;
	if (ok) {
		worksheet_freeze_panes(sh.ws, 1, 0);
		worksheet_autofilter(sh.ws, 0, 0, n, (lxw_col_t)(src->column_count - 1));
		for (size_t i = 0; i < src->column_count; i++) {
			double w = sh.widths[i] > 60 ? 60 : sh.widths[i];
			worksheet_set_column(sh.ws, (lxw_col_t)i, (lxw_col_t)i, w + 2, NULL);
		}
	}
	lxw_error closed = workbook_close(wb);
	if (closed != LXW_NO_ERROR)
		log_error("xlsx", "error=%s", lxw_strerror(closed));
	free(sh.widths);
	free(row);
	return ok && closed == LXW_NO_ERROR;
}

bool export_xlsx(struct req *r, const struct export_source *src, const char *file_name, const char *sheet_name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/export-XXXXXX.xlsx", cfg.data_dir);
	int fd = mkstemps(path, 5);
	bool created = fd >= 0, ok = false;
	if (created) {
		close(fd);
		ok = write_workbook(path, src, sheet_name);
	}
	src->finish(src->ctx);
	fd = ok ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (created)
		unlink(path); /* the open descriptor keeps the content until it is sent */
	if (fd < 0) {
		log_error("xlsx", "path=%s error=%s", path, created ? "not written" : strerror(errno));
		return false;
	}
	struct file_stream *f = calloc(1, sizeof *f);
	if (!f)
		abort();
	f->fd = fd;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	export_attachment(r, file_name);
	r->stream = file_stream_read;
	r->stream_ctx = f;
	r->stream_free = file_stream_free;
	return true;
}
