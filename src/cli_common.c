/*
 * What the subcommands share: the data folder (open, key, migrations with a backup first),
 * the configuration file, and the e-mail argument. cli.c and cli_invite.c both use it.
 */
#include "cli_common.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "migrate.h"
#include "settings.h"
#include "validate.h"

/* Applies pending migrations; an existing database is backed up first, into
 * DATA/backups/stagematch-v<old>-<UTC time>.db, so an upgrade can always be undone. */
static int upgrade_database(const char *data_dir)
{
	int current = migrate_current_version();
	if (current > 0 && current < migrate_latest_version()) {
		char dir[4096], path[4200], stamp[32];
		long long now = clock_now();
		int y, m, d;
		civil_from_days(now / 86400, &y, &m, &d);
		snprintf(stamp, sizeof stamp, "%04u%02u%02u-%02u%02u%02u", (unsigned)y % 10000, (unsigned)m % 100,
		         (unsigned)d % 100, (unsigned)(now % 86400 / 3600), (unsigned)(now % 3600 / 60),
		         (unsigned)(now % 60));
		snprintf(dir, sizeof dir, "%s/backups", data_dir);
		snprintf(path, sizeof path, "%s/stagematch-v%d-%s.db", dir, current, stamp);
		if ((mkdir(dir, 0700) != 0 && errno != EEXIST) || db_backup_to(path) != DB_DONE) {
			fprintf(stderr, "Kan geen reservekopie maken in %s; de database is niet bijgewerkt.\n", dir);
			return -1;
		}
		printf("Reservekopie voor de upgrade van schemaversie %d: %s\n", current, path);
	}
	return migrate_apply() < 0 ? -1 : 0;
}

int cli_open_data(const char *data_dir, bool create)
{
	if (create && mkdir(data_dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "Kan de gegevensmap %s niet aanmaken: %s\n", data_dir, strerror(errno));
		return -1;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/stagematch.db", data_dir);
	if (!create && access(path, F_OK) != 0) {
		fprintf(stderr, "Geen database in %s. Maak ze eerst aan met: stagematch init --data %s\n",
		        data_dir, data_dir);
		return -1;
	}
	if (access(path, F_OK) == 0) {
		/* A newer database is refused before anything (even a pragma) touches it. */
		int version = db_peek_version(path);
		if (version > migrate_latest_version()) {
			fprintf(stderr,
			        "De database heeft schemaversie %d, deze stagematch kent er maar %d.\n"
			        "Installeer een nieuwere stagematch; de database is niet aangeraakt.\n",
			        version, migrate_latest_version());
			return -1;
		}
	}
	db_configure(path);
	db_set_max_pages(cfg.database_max_pages);
	snprintf(path, sizeof path, "%s/secret.key", data_dir);
	int key = secret_key_load(path, create);
	if (key == SECRET_KEY_NOT_PRIVATE) {
		fprintf(stderr, "De sleutel %s is leesbaar voor andere gebruikers dan de dienstgebruiker; stagematch "
		                "start zo niet. Maak ze privé met: chmod 600 %s\n", path, path);
		return -1;
	}
	if (key != 0) {
		fprintf(stderr, "Kan de sleutel %s niet lezen of aanmaken. Ze hoort bij deze database; "
		                "zonder haar zijn de rijksregisternummers niet leesbaar.\n", path);
		return -1;
	}
	return upgrade_database(data_dir);
}

/* Finds --config FILE (or --config=FILE) among the arguments. */
const char *cli_config_flag(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--config=", 9) == 0)
			return argv[i] + 9;
	}
	return NULL;
}

/* Loads the configuration file: the one named, or the default one when it exists. */
static int load_config_file(const char *named)
{
	const char *path = named ? named : SETTINGS_DEFAULT_FILE;
	if (!named && access(path, F_OK) != 0)
		return 0;
	int errors = settings_load_file(path);
	if (errors < 0)
		fprintf(stderr, "Kan het configuratiebestand %s niet lezen: %s\n", path, strerror(errno));
	return errors == 0 ? 0 : -1;
}

int cli_load_config(int argc, char **argv)
{
	return load_config_file(cli_config_flag(argc, argv));
}

int cli_email_argument(int argc, char **argv, const char *help, char email[255])
{
	if (optind != argc - 1) {
		fputs(help, stderr);
		return 2;
	}
	const char *problem = validate_email(argv[optind], email, 255);
	if (problem) {
		fprintf(stderr, "%s\n", problem);
		return 2;
	}
	return 0;
}
