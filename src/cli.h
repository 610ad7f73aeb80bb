#ifndef STAGEMATCH_CLI_H
#define STAGEMATCH_CLI_H
#include <stdbool.h>

/* The subcommands of the stagematch binary. Each returns the process exit code. */
int cli_serve(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_config(int argc, char **argv);

/* Opens the data folder (creating it and the key file when create is true), configures
 * the database and applies migrations. Returns 0 or prints a message and returns -1. */
int cli_open_data(const char *data_dir, bool create);

#endif
