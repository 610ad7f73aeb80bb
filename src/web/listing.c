#include "listing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "form.h"
#include "html.h"

void listing_init(struct listing *l, struct req *r, const char *path, const char *const *filter_params,
                  const struct listing_sort *sorts, long long per_page)
{
	*l = (struct listing){.r = r, .path = path, .filter_params = filter_params, .sorts = sorts,
	                      .page = 1, .per_page = per_page > 0 ? per_page : 50};
	const char *key = req_query(r, "sorteer");
	for (int i = 0; key && sorts[i].key; i++)
		if (strcmp(sorts[i].key, key) == 0)
			l->sort = i;
	const char *dir = req_query(r, "richting");
	l->desc = dir && strcmp(dir, "af") == 0;
	const char *page = req_query(r, "pagina");
	if (page) {
		char *end;
		long long p = strtoll(page, &end, 10);
		if (*page && !*end && p > 0)
			l->page = p;
	}
}

long long listing_page_count(const struct listing *l)
{
	long long pages = (l->total + l->per_page - 1) / l->per_page;
	return pages > 0 ? pages : 1;
}

void listing_set_total(struct listing *l, long long total)
{
	l->total = total;
	if (l->page > listing_page_count(l))
		l->page = listing_page_count(l);
}

long long listing_offset(const struct listing *l)
{
	return (l->page - 1) * l->per_page;
}

bool listing_filtered(const struct listing *l)
{
	for (const char *const *name = l->filter_params; *name; name++) {
		const char *v;
		for (size_t k = 0; (v = params_get_nth(&l->r->query, *name, k)); k++)
			if (*v)
				return true;
	}
	return false;
}

static void param(struct buf *b, const char *name, const char *value)
{
	buf_putc(b, b->data && strchr(b->data, '?') ? '&' : '?');
	url_encode_into(b, name);
	buf_putc(b, '=');
	url_encode_into(b, value);
}

const char *listing_href(const struct listing *l, const char *path, int sort, bool desc, long long page)
{
	struct buf b = {0};
	buf_puts(&b, path);
	for (const char *const *name = l->filter_params; *name; name++) {
		const char *v;
		for (size_t k = 0; (v = params_get_nth(&l->r->query, *name, k)); k++)
			if (*v)
				param(&b, *name, v);
	}
	if (sort > 0 || (sort == 0 && desc))
		param(&b, "sorteer", l->sorts[sort].key);
	if (sort >= 0 && desc)
		param(&b, "richting", "af");
	if (page > 1) {
		char n[24];
		snprintf(n, sizeof n, "%lld", page);
		param(&b, "pagina", n);
	}
	char *s = arena_strdup(l->r->arena, b.data);
	buf_free(&b);
	return s;
}

void listing_th(struct buf *out, const struct listing *l, int sort, const char *th_class)
{
	bool current = sort == l->sort;
	bool next_desc = current && !l->desc;
	html(out, "<th scope=\"col\"");
	if (th_class)
		html(out, " class=\"%s\"", th_class);
	if (current)
		html(out, " aria-sort=\"%s\"", l->desc ? "descending" : "ascending");
	html(out, "><a class=\"sort\" href=\"%s\">%s", listing_href(l, l->path, sort, next_desc, 0),
	     l->sorts[sort].label);
	if (current)
		html(out, l->desc ? " <span aria-hidden=\"true\">▼</span>" : " <span aria-hidden=\"true\">▲</span>");
	html(out, "</a></th>");
}

void listing_hidden_sort(struct buf *out, const struct listing *l)
{
	if (l->sort > 0 || l->desc)
		html(out, "<input type=\"hidden\" name=\"sorteer\" value=\"%s\">", l->sorts[l->sort].key);
	if (l->desc)
		html(out, "<input type=\"hidden\" name=\"richting\" value=\"af\">");
}

static void page_link(struct buf *out, const struct listing *l, long long page)
{
	if (page == l->page)
		html(out, "<li><a href=\"%s\" aria-current=\"page\"><span class=\"visually-hidden\">Pagina </span>%lld</a></li>",
		     listing_href(l, l->path, l->sort, l->desc, page), page);
	else
		html(out, "<li><a href=\"%s\"><span class=\"visually-hidden\">Pagina </span>%lld</a></li>",
		     listing_href(l, l->path, l->sort, l->desc, page), page);
}

void listing_pages(struct buf *out, const struct listing *l)
{
	long long pages = listing_page_count(l);
	if (pages <= 1)
		return;
	long long first = listing_offset(l) + 1;
	long long last = first + l->per_page - 1 < l->total ? first + l->per_page - 1 : l->total;
	html(out, "<nav class=\"pages\" aria-label=\"Paginering\"><p class=\"muted\">%lld–%lld van %lld</p><ul>",
	     first, last, l->total);
	if (l->page > 1)
		html(out, "<li><a href=\"%s\" rel=\"prev\">Vorige</a></li>",
		     listing_href(l, l->path, l->sort, l->desc, l->page - 1));
	long long shown = 0;
	for (long long p = 1; p <= pages; p++) {
		bool near = p == 1 || p == pages || (p >= l->page - 2 && p <= l->page + 2);
		if (!near) {
			if (shown != -1)
				html(out, "<li aria-hidden=\"true\">…</li>");
			shown = -1;
			continue;
		}
		page_link(out, l, p);
		shown = p;
	}
	if (l->page < pages)
		html(out, "<li><a href=\"%s\" rel=\"next\">Volgende</a></li>",
		     listing_href(l, l->path, l->sort, l->desc, l->page + 1));
	html(out, "</ul></nav>");
}

bool listing_date_filter(struct form *f, int field, char iso[11])
{
	const char *typed = form_value(f, field);
	if (!*typed)
		return false;
	if (!date_parse(typed, iso)) {
		form_error(f, field, "Geef een geldige datum in (dd/mm/jjjj).");
		return false;
	}
	char shown[11];
	date_display(iso, shown);
	form_set(f, field, shown);
	return true;
}

void listing_filter_fold_begin(struct buf *out, bool open)
{
	html(out, open ? "<details class=\"fold\" open>" : "<details class=\"fold\">");
	html(out, "<summary>Filter</summary>");
}

void listing_filter_fold_end(struct buf *out)
{
	html(out, "</details>");
}
