/* stagematch: one binary; the subcommands are in cli.c. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "router.h"
#include "version.h"

static const char HELP[] =
	"stagematch — centrale registratie en matching van stages\n\n"
	"Gebruik: stagematch OPDRACHT [opties]\n\n"
	"Opdrachten:\n"
	"  serve         start de webserver\n"
	"  init          maak of migreer de database\n"
	"  user add      maak een coördinator (beheerder) aan\n"
	"  user invite   nodig een gebruiker uit per e-mail\n"
	"  demo          vul een lege database met demogegevens\n"
	"  backup        maak een back-up van de database, ook terwijl de server draait\n"
	"  restore       zet een back-up terug (met de server gestopt)\n"
	"  retention     verwijder de persoonsgegevens van een afgesloten campagne\n"
	"  allocate      verdeel leerlingen optimaal over plaatsen (instantie uit een bestand)\n"
	"  config check  controleer een configuratiebestand\n"
	"  routes        toon de routetabel (voor ontwikkelaars en de toegangstest)\n\n"
	"  --version     toon de versie\n"
	"Meer over een opdracht: stagematch OPDRACHT --help\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(HELP, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(HELP, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("stagematch %s (%s)\n", STAGEMATCH_VERSION, STAGEMATCH_REVISION);
		return 0;
	}
	/* Everything this process creates (database and its -wal/-shm, backups, .bak, mails, the
	 * key) is the service account's alone, whatever umask it was started with: files 0600,
	 * folders 0700. */
	umask(077);
	if (!crypto_setup()) {
		fprintf(stderr, "libsodium kon niet starten.\n");
		return 1;
	}
	config_defaults();
	log_hide_tokens(router_token_prefix);
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{"serve", cli_serve},
		{"init", cli_init},
		{"demo", cli_demo},
		{"user", cli_user},
		{"config", cli_config},
		{"routes", cli_routes},
		{"backup", cli_backup},
		{"restore", cli_restore},
		{"retention", cli_retention},
		{"allocate", cli_allocate},
	};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			int rc = commands[i].run(argc - 1, argv + 1);
			db_close_thread();
			return rc;
		}
	fprintf(stderr, "Onbekende opdracht: %s\n\n%s", argv[1], HELP);
	return 2;
}
