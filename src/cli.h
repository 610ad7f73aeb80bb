#ifndef STAGEMATCH_CLI_H
#define STAGEMATCH_CLI_H
#include <stdbool.h>

/* The subcommands of the stagematch binary. Each returns the process exit code. */
int cli_serve(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_user(int argc, char **argv);
/* Loads the configuration file named by --config among the arguments, or the default
 * one when it exists, as serve does. Returns 0, or -1 after printing the problem. */
int cli_load_config(int argc, char **argv);
/* After getopt: the one remaining argument, an e-mail address, normalised into email.
 * Returns 0, or prints the help or the problem and returns 2. */
int cli_email_argument(int argc, char **argv, const char *help, char email[255]);
/* `user invite`, called by cli_user with argv[0] = "invite". */
int cli_user_invite(int argc, char **argv);
int cli_config(int argc, char **argv);
int cli_routes(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_restore(int argc, char **argv);
int cli_retention(int argc, char **argv);
/* `allocate`, in cli_allocate.c. */
int cli_allocate(int argc, char **argv);

/* Whether the arguments after the subcommand ask for help: --help or -h. */
bool cli_help_asked(int argc, char **argv);
/* getopt_long without its English messages: -h is the "help" option; an unknown option or one
 * without its value is named in Dutch on stderr (the caller then shows its usage) and gives '?'. */
struct option;
int cli_getopt(int argc, char **argv, const struct option *opts);

/* Opens the data folder (creating it and the key file when create is true), configures
 * the database and applies migrations. Returns 0 or prints a message and returns -1. */
int cli_open_data(const char *data_dir, bool create);

#endif
