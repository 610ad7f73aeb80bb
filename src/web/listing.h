#ifndef STAGEMATCH_LISTING_H
#define STAGEMATCH_LISTING_H
#include <stdbool.h>

#include "http.h"

/*
 * List pages whose whole state lives in the URL (GET parameters), so a filtered, sorted
 * page can be bookmarked, shared and reloaded: the filter's own parameters, plus
 * "sorteer" (a column key), "richting" ("af" for descending) and "pagina" (1-based).
 *
 * A feature declares its filter parameters and its sortable columns once:
 *
 *   static const char *const filter_params[] = {"status", "naam", NULL};
 *   static const struct listing_sort sorts[] = {
 *           {"naam", "Student"}, {"status", "Status"}, {NULL, NULL}};
 *   static const char *const SQL_BY[][2] = {{SQL_NAME_ASC, SQL_NAME_DESC}, ...}; (same order)
 *
 *   struct listing l;
 *   listing_init(&l, r, "/pad", filter_params, sorts, 50);
 *   listing_set_total(&l, count);                      -- clamps the page
 *   st = db_prepare(SQL_BY[l.sort][l.desc]);  ... LIMIT l.per_page OFFSET listing_offset(&l)
 *   listing_th(out, &l, 0, NULL);  ...                 -- sortable headers
 *   listing_pages(out, &l);                            -- "Vorige 1 2 3 Volgende"
 *
 * Links keep the filter (non-empty parameters only, repeated ones kept), so the same
 * query string serves an export link: listing_href(&l, "/pad/export.csv", l.sort, l.desc, 0).
 * Everything returned is allocated in the request's arena.
 */
struct listing_sort {
	const char *key;     /* the value of ?sorteer= */
	const char *label;   /* the column header */
};

struct listing {
	struct req *r;
	const char *path;
	const char *const *filter_params;  /* NULL-terminated */
	const struct listing_sort *sorts;  /* terminated by a NULL key; the first is the default */
	int sort;                          /* index into sorts */
	bool desc;
	long long page;                    /* 1-based, clamped by listing_set_total */
	long long per_page;
	long long total;                   /* matching rows, once set */
};

/* Reads sorteer, richting and pagina from the query; unknown values fall back to the defaults. */
void listing_init(struct listing *l, struct req *r, const char *path, const char *const *filter_params,
                  const struct listing_sort *sorts, long long per_page);
/* Sets the number of matching rows and brings the page within range. */
void listing_set_total(struct listing *l, long long total);
long long listing_offset(const struct listing *l);
long long listing_page_count(const struct listing *l);
/* Whether any filter parameter has a non-empty value. */
bool listing_filtered(const struct listing *l);

/*
 * path + "?" + the current filter, then the sort when it is not the default (sort < 0:
 * leave the sort out) and the page when above 1. Safe to pass to html() as an href.
 */
const char *listing_href(const struct listing *l, const char *path, int sort, bool desc, long long page);

/*
 * A <th scope="col"> for sorts[sort]: a link that sorts by it (ascending, or the other
 * way round when it is the current sort), aria-sort on the current column. th_class:
 * an extra class for the cell, or NULL.
 */
void listing_th(struct buf *out, const struct listing *l, int sort, const char *th_class);
/* Hidden inputs that carry the current sort into a GET filter form (the page starts at 1). */
void listing_hidden_sort(struct buf *out, const struct listing *l);
/* "51–100 van 312" and a <nav> with Vorige, page numbers around the current one, Volgende.
 * Nothing when everything fits on one page. */
void listing_pages(struct buf *out, const struct listing *l);

/*
 * A date filter of a list, typed as dd/mm/jjjj (or as an ISO date, as older bookmarks have
 * it) in the text field `name` of f: true with the date in iso when it is one, and then the
 * field shows it as dd/mm/jjjj; false when the field is empty or, with a message next to
 * it, not a date. Declare the field as FIELD_TEXT with LISTING_DATE_HELP: every browser
 * then shows dd/mm/jjjj, whatever its language.
 */
#define LISTING_DATE_HELP "dd/mm/jjjj"
struct form;
bool listing_date_filter(struct form *f, int field, char iso[11]);
/* The filter form of a list folds behind "Filter" on a phone (open when a filter is active
 * or has a message), so the results come first; on a wider screen it is always shown. */
void listing_filter_fold_begin(struct buf *out, bool open);
void listing_filter_fold_end(struct buf *out);

#endif
