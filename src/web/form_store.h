#ifndef STAGEMATCH_FORM_STORE_H
#define STAGEMATCH_FORM_STORE_H
/* Where forms meet the database (src/web/form_store.c), so form.c itself needs none: option
 * lists from a data query, and the answer to a save that failed. */
#include "form.h"

/*
 * Options for a select from a query whose rows are (id, label) and whose one `?` is
 * param. first, when not NULL, is put before them (e.g. {"", "Alle"}). Terminated by
 * {NULL, NULL}; *count (when not NULL) gets the number of rows from the query.
 * Allocated in the request's arena.
 */
const struct option *form_options_query(struct req *r, const char *sql, long long param,
                                        const struct option *first, size_t *count);

/*
 * A save of this form failed after its checks passed (the transaction is rolled back).
 * Sets the answer's status and the message above the form: 503 "De server kan nu niet
 * bewaren..." when the database could not grow (disk full, DB_FULL), else 500. The caller
 * then re-shows the form, so everything typed is kept. The one place a failed write of a
 * form becomes an answer.
 */
void form_save_failed(struct req *r, struct form *f);

#endif
