#ifndef STAGEMATCH_CLI_H
#define STAGEMATCH_CLI_H

/* The subcommands of the stagematch binary. Each returns the process exit code. */
int cli_serve(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_user(int argc, char **argv);
/* `user invite`, called by cli_user with argv[0] = "invite". */
int cli_user_invite(int argc, char **argv);
int cli_config(int argc, char **argv);
int cli_routes(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_restore(int argc, char **argv);
int cli_retention(int argc, char **argv);
/* `allocate`, in cli_allocate.c. */
int cli_allocate(int argc, char **argv);

#endif
