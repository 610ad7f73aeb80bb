/* Where forms meet the database: form.c takes options and values, never SQL. */
#include "form_store.h"

#include "db.h"

const struct option *form_options_query(struct req *r, const char *sql, long long param,
                                        const struct option *first, size_t *count)
{
	struct option_list l = {.arena = r->arena};
	if (first)
		option_list_add(&l, first->value, first->label);
	size_t rows = l.count;
	struct db_stmt *st = db_prepare(sql);
	db_bind_int(st, 1, param);
	while (db_step(st) == DB_ROW)
		option_list_add(&l, arena_printf(r->arena, "%lld", db_int(st, 0)), arena_strdup(r->arena, db_text(st, 1)));
	db_reset(st);
	if (count)
		*count = l.count - rows;
	if (!l.items) /* no first option and no rows: still a terminated list */
		l.items = arena_alloc(r->arena, sizeof *l.items);
	return l.items;
}

void form_save_failed(struct req *r, struct form *f)
{
	if (db_full_since_begin()) {
		r->status = 503;
		resp_header(r, "Retry-After", "300");
		f->summary = "De server kan nu niet bewaren. Probeer over enkele minuten opnieuw; je gegevens staan "
		             "nog in het formulier.";
	} else {
		r->status = 500;
		f->summary = "Bewaren is mislukt door een fout op de server. Probeer opnieuw; je gegevens staan nog "
		             "in het formulier. Blijft het mislukken, meld het dan aan de coördinator.";
	}
}
