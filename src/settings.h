#ifndef STAGEMATCH_SETTINGS_H
#define STAGEMATCH_SETTINGS_H
#include <stddef.h>

/*
 * Installation settings kept in the database (table settings), for what another
 * process of the same installation must know: `serve` records its link base and
 * activation-link lifetime; `user invite` on the command line reads them.
 */
int setting_set(const char *key, const char *value);   /* 0, or -1 on a database error */
/* Copies the value into out and returns out, or NULL when unset or too long. */
char *setting_get(const char *key, char *out, size_t size);

#endif
