#ifndef STAGEMATCH_SETTINGS_H
#define STAGEMATCH_SETTINGS_H
#include <stdbool.h>
#include <stdio.h>

/*
 * The settings of `serve`, declared once (src/store/settings.c): the same table drives the
 * configuration file (key = value), the command-line flags (--key-with-dashes), the
 * output of `stagematch config check` and the documentation in deploy/stagematch.conf.
 * Flags override the file; the file overrides the defaults (config_defaults()).
 */
#define SETTINGS_DEFAULT_FILE "/etc/stagematch/stagematch.conf"

/* Applies one setting by its file key ("session_idle_minutes") or flag name
 * ("session-idle-minutes"). Returns NULL, or a Dutch message for an unknown key or bad value. */
const char *settings_apply(const char *key, const char *value);
/* Whether the setting named by flag is a switch (--behind-https) that takes no value. */
bool settings_is_switch(const char *flag);
/* Whether key names a setting at all. */
bool settings_known(const char *key);

/* Reads a configuration file. Errors are printed as "FILE:LINE: message"; returns their count
 * (0 = fine), or -1 when the file cannot be read. */
int settings_load_file(const char *path);

/* Prints the effective settings, secrets masked, one "key = value" per line. */
void settings_print(FILE *out);
/* Prints the flags with their help, for `serve --help`. */
void settings_print_flags(FILE *out);

#endif
