#ifndef STAGEMATCH_FOLD_H
#define STAGEMATCH_FOLD_H
#include <stddef.h>

/*
 * A name as a search compares it, so that 'chloe' finds Chloë and 'dhondt' finds D'Hondt:
 * lower case, Latin letters without their diacritics (Latin-1 and Latin Extended-A:
 * é -> e, Ł -> l, ß -> ss, æ -> ae, œ -> oe, ĳ -> ij), and spaces, apostrophes (' ’ ‘ `),
 * hyphens and dashes dropped. Every other character is kept as it is, so LIKE's
 * wildcards and escape character pass through a pattern unchanged.
 *
 * The database has it as the SQL function fold() (db.c registers it on every connection):
 * a name filter is `fold(column) LIKE fold(?)`. A PostgreSQL twin must give the same
 * result for the same text (tests/unit/test_fold.c is the reference).
 *
 * Writes at most size - 1 bytes and a NUL to out (the result is never longer than s);
 * returns the length written.
 */
size_t text_fold(const char *s, char *out, size_t size);

#endif
