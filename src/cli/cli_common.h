#ifndef STAGEMATCH_CLI_COMMON_H
#define STAGEMATCH_CLI_COMMON_H
#include <stdbool.h>

/* The helpers the subcommands share (src/cli/cli_common.c). */

/* Whether the arguments after the subcommand ask for help: --help or -h. */
bool cli_help_asked(int argc, char **argv);
/* getopt_long without its English messages: -h is the "help" option; an unknown option or one
 * without its value is named in Dutch on stderr (the caller then shows its usage) and gives '?'. */
struct option;
int cli_getopt(int argc, char **argv, const struct option *opts);

/* Whether dir can be the data folder: a folder this user may write in, or one that can be
 * made. Says in Dutch what is wrong (-1); creates nothing. */
int cli_data_dir_check(const char *dir);
/* Opens the data folder (creating it and the key file when create is true), configures
 * the database and applies migrations. Returns 0 or prints a message and returns -1. */
int cli_open_data(const char *data_dir, bool create);
/* The same for a folder cli_data_dir_check already accepted (`serve` checks it before it
 * listens, and opens it after). */
int cli_open_checked_data(const char *data_dir, bool create);
/* The file named by --config FILE (or --config=FILE) among the arguments, or NULL. */
const char *cli_config_flag(int argc, char **argv);
/* Loads the configuration file named by --config among the arguments, or the default
 * one when it exists, as serve does. Returns 0, or -1 after printing the problem. */
int cli_load_config(int argc, char **argv);
/* After getopt: the one remaining argument, an e-mail address, normalised into email.
 * Returns 0, or prints the help or the problem and returns 2. */
int cli_email_argument(int argc, char **argv, const char *help, char email[255]);

#endif
