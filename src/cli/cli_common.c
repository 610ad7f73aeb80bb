/*
 * What the subcommands share: the data folder (open, key, migrations with a backup first),
 * the configuration file, Dutch option parsing and the e-mail argument. cli.c and cli_invite.c both use it.
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

bool cli_help_asked(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

int cli_getopt(int argc, char **argv, const struct option *opts)
{
	opterr = 0;
	int c = getopt_long(argc, argv, ":h", opts, NULL);
	if (c == 'h') {
		for (const struct option *o = opts; o->name; o++)
			if (strcmp(o->name, "help") == 0)
				return o->val;
	}
	if (c == ':')
		fprintf(stderr, "De optie %s verwacht een waarde.\n\n", argv[optind - 1]);
	else if (c == '?' && optopt)
		fprintf(stderr, "Onbekende optie: -%c\n\n", optopt);
	else if (c == '?')
		fprintf(stderr, "Onbekende optie: %s\n\n", argv[optind - 1]);
	return c == ':' ? '?' : c;
}

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

/* Whether dir can be the data folder: a folder this user may write in, or one that can be
 * made (its parent exists and is writable). Says in Dutch what is wrong; creates nothing. */
int cli_data_dir_check(const char *dir)
{
	static const char fix[] = "of kies een andere map met --data (bij make run: DATA=map)";
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			fprintf(stderr, "%s is een bestand, geen map. Geef met --data een map op voor de gegevens (ze "
			                "wordt aangemaakt als ze nog niet bestaat).\n", dir);
			return -1;
		}
		if (access(dir, W_OK | X_OK) != 0) {
			fprintf(stderr, "Geen schrijfrechten op de gegevensmap %s. Start stagematch als de eigenaar van die "
			                "map, geef deze gebruiker er schrijfrechten op, %s.\n", dir, fix);
			return -1;
		}
		return 0;
	}
	if (errno == EACCES) {
		fprintf(stderr, "Geen toegang tot de gegevensmap %s: deze gebruiker mag een van de mappen op dat pad "
		                "niet openen. Start stagematch als een gebruiker die dat mag, %s.\n", dir, fix);
		return -1;
	}
	if (errno == ENOTDIR) {
		fprintf(stderr, "Kan de gegevensmap %s niet aanmaken: een deel van het pad is een bestand, geen map; "
		                "%s.\n", dir, fix);
		return -1;
	}
	char parent[4096];
	snprintf(parent, sizeof parent, "%s", dir);
	char *slash = strrchr(parent, '/');
	while (slash && slash > parent && slash[1] == 0) { /* "data/" */
		*slash = 0;
		slash = strrchr(parent, '/');
	}
	if (!slash)
		snprintf(parent, sizeof parent, ".");
	else
		slash[slash == parent] = 0; /* "/data" -> "/" */
	if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "Kan de gegevensmap %s niet aanmaken: de map %s bestaat niet. Maak die eerst aan, %s.\n",
		        dir, parent, fix);
		return -1;
	}
	if (access(parent, W_OK | X_OK) != 0) {
		fprintf(stderr, "Kan de gegevensmap %s niet aanmaken: geen schrijfrechten in %s. Maak de map aan als "
		                "een gebruiker die dat mag en geef ze aan deze gebruiker, %s.\n", dir, parent, fix);
		return -1;
	}
	return 0;
}

int cli_open_data(const char *data_dir, bool create)
{
	return cli_data_dir_check(data_dir) == 0 ? cli_open_checked_data(data_dir, create) : -1;
}

int cli_open_checked_data(const char *data_dir, bool create)
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
		/* SQLite would open it read-only without a word, and every write would fail later. */
		if (access(path, W_OK) != 0) {
			fprintf(stderr,
			        "De database %s is alleen-lezen voor deze gebruiker; stagematch moet erin kunnen "
			        "schrijven. Start stagematch als de eigenaar van het bestand, of geef deze gebruiker "
			        "schrijfrechten erop (chown of chmod u+w).\n",
			        path);
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
