/*
 * `stagematch backup FILE` and `stagematch restore FILE`: see backup.h and README.md.
 */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto.h"
#include "db.h"
#include "migrate.h"
#include "orgs.h"
#include "progress_store.h"
#include "scope.h"
#include "user.h"

static const char *SQL_SOME_SEALED_NUMBER =
	"SELECT national_number_box FROM students WHERE national_number_box IS NOT NULL LIMIT 1";
static const char *SQL_CHECKPOINT = "PRAGMA wal_checkpoint(TRUNCATE)";

int backup_lock_data(const char *data_dir, bool exclusive)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/stagematch.lock", data_dir);
	/* Kept open (and so locked) until the process ends. Read-only is enough for flock, so a
	 * lock file made by another user of the folder does not stop the server. */
	int fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "Kan %s niet openen: %s\n", path, strerror(errno));
		return -1;
	}
	if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
		if (exclusive)
			fprintf(stderr, "Er draait nog een stagematch-server op %s. Stop hem eerst (bv. systemctl stop "
			                "stagematch) en probeer opnieuw.\n", data_dir);
		else
			fprintf(stderr, "Op %s wordt net een back-up teruggezet. Wacht tot dat klaar is.\n", data_dir);
		close(fd);
		return -1;
	}
	return 0;
}

/* Prints the row counts of the database configured now. */
static void print_counts(const char *what)
{
	struct scope system = scope_system();
	struct progress_tally all = progress_everything(&system);
	printf("%s: %lld organisaties, %lld gebruikers, %lld leerlingen, %lld stageplaatsen.\n", what,
	       org_count(&system), user_count(&system), all.registered, all.accepted);
}

static bool fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* The folder part of path, for fsync after a rename. */
static void folder_of(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, size, ".");
	else
		snprintf(out, size, "%.*s", (int)(slash == path ? 1 : slash - path), path);
}

int backup_make(const char *data_dir, const char *file)
{
	char db[4096], tmp[4200], folder[4096], problem[256];
	snprintf(db, sizeof db, "%s/stagematch.db", data_dir);
	if (access(db, R_OK) != 0) {
		fprintf(stderr, "Geen database in %s (%s).\n", data_dir, strerror(errno));
		return 1;
	}
	struct stat sb;
	if (stat(file, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "%s is een map; geef de naam van het back-upbestand, bv. %s/stagematch.db.\n", file, file);
		return 1;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", file, (long)getpid());
	db_configure(db);
	if (db_backup_to(tmp) != DB_DONE) {
		fprintf(stderr, "De back-up naar %s is mislukt: %s\n", file, strerror(errno));
		unlink(tmp);
		return 1;
	}
	if (db_file_check(tmp, problem, sizeof problem) != DB_DONE) {
		fprintf(stderr, "De back-up is niet in orde (%s); er is niets bewaard.\n", problem);
		unlink(tmp);
		return 1;
	}
	folder_of(file, folder, sizeof folder);
	if (!fsync_path(tmp, O_RDONLY) || rename(tmp, file) != 0) {
		fprintf(stderr, "Kan de back-up niet bewaren als %s: %s\n", file, strerror(errno));
		unlink(tmp);
		return 1;
	}
	fsync_path(folder, O_RDONLY | O_DIRECTORY);
	db_close_thread();
	printf("Back-up gemaakt: %s (schemaversie %d, integriteit in orde).\n", file, db_peek_version(file));
	printf("Bewaar ook %s/secret.key, apart van de back-up: zonder die sleutel zijn de "
	       "rijksregisternummers niet leesbaar.\n", data_dir);
	return 0;
}

/* Whether the folder's key opens the national numbers of the database configured now. */
static bool key_fits(const char *data_dir)
{
	char key[4096];
	snprintf(key, sizeof key, "%s/secret.key", data_dir);
	struct db_stmt *st = db_prepare(SQL_SOME_SEALED_NUMBER);
	bool fits = true;
	if (db_step(st) == DB_ROW) {
		size_t len;
		const void *box = db_blob(st, 0, &len);
		char digits[12];
		fits = secret_key_load(key, false) == 0 && nn_open(box, len, digits) == 0;
		sodium_memzero(digits, sizeof digits);
	}
	db_reset(st);
	return fits;
}

/* Moves path to path.bak (and its -wal beside it), replacing an older .bak. */
static int keep_as_bak(const char *path)
{
	char bak[4200], wal[4200], bak_wal[4300], shm[4200];
	snprintf(bak, sizeof bak, "%s.bak", path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(bak_wal, sizeof bak_wal, "%s-wal", bak);
	snprintf(shm, sizeof shm, "%s-shm", path);
	unlink(bak_wal);
	if (rename(path, bak) != 0)
		return -1;
	chmod(bak, 0600); /* a database made before files were private keeps no wider mode here */
	if (access(wal, F_OK) == 0 && rename(wal, bak_wal) != 0)
		return -1;
	unlink(shm);
	return 0;
}

int backup_restore(const char *data_dir, const char *file, bool force)
{
	char db[4096], tmp[4200], problem[256];
	snprintf(db, sizeof db, "%s/stagematch.db", data_dir);
	snprintf(tmp, sizeof tmp, "%s/stagematch.db.restore", data_dir);
	if (access(file, R_OK) != 0) {
		fprintf(stderr, "Kan %s niet lezen: %s\n", file, strerror(errno));
		return 1;
	}
	if (db_file_check(file, problem, sizeof problem) != DB_DONE) {
		fprintf(stderr, "%s is geen bruikbare database (%s). Er is niets veranderd.\n", file, problem);
		return 1;
	}
	int version = db_peek_version(file);
	if (version < 1 || version > migrate_latest_version()) {
		fprintf(stderr,
		        version < 1 ? "%s is geen stagematch-database. Er is niets veranderd.\n"
		                    : "%s komt van een nieuwere stagematch (schemaversie %d, deze kent er %d). "
		                      "Er is niets veranderd.\n",
		        file, version, migrate_latest_version());
		return 1;
	}
	if (mkdir(data_dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "Kan de gegevensmap %s niet aanmaken: %s\n", data_dir, strerror(errno));
		return 1;
	}
	/* The restored file gets the owner of whoever runs this: it must be the server's user. */
	struct stat folder;
	if (stat(data_dir, &folder) == 0 && folder.st_uid != geteuid()) {
		fprintf(stderr, "%s is van een andere gebruiker. Zet terug als die gebruiker, bv. sudo -u stagematch "
		                "stagematch restore %s --data %s. Er is niets veranderd.\n", data_dir, file, data_dir);
		return 1;
	}
	if (backup_lock_data(data_dir, true) != 0)
		return 1;
	unlink(tmp);
	if (db_copy_file(file, tmp) != DB_DONE) {
		fprintf(stderr, "Kan %s niet kopiëren naar %s: %s\n", file, tmp, strerror(errno));
		unlink(tmp);
		return 1;
	}
	db_configure(tmp);
	bool fits = key_fits(data_dir);
	db_close_thread();
	if (!fits && !force) {
		fprintf(stderr,
		        "De rijksregisternummers in %s zijn met een andere sleutel versleuteld dan %s/secret.key.\n"
		        "Zet eerst de secret.key terug die bij deze back-up hoort, of gebruik --force om toch terug "
		        "te zetten (de rijksregisternummers zijn dan niet leesbaar). Er is niets veranderd.\n",
		        file, data_dir);
		unlink(tmp);
		return 1;
	}
	bool had_database = access(db, F_OK) == 0;
	if (had_database) {
		/* Fold the write-ahead log into the old file, so the .bak is whole on its own. */
		db_configure(db);
		db_exec(SQL_CHECKPOINT, NULL);
		db_close_thread();
		if (keep_as_bak(db) != 0) {
			fprintf(stderr, "Kan de huidige database niet opzij zetten als %s.bak: %s. Er is niets veranderd.\n",
			        db, strerror(errno));
			unlink(tmp);
			return 1;
		}
	}
	if (!fsync_path(tmp, O_RDONLY) || rename(tmp, db) != 0) {
		fprintf(stderr, "Kan %s niet in de plaats zetten: %s. De vorige database staat in %s.bak.\n", db,
		        strerror(errno), db);
		return 1;
	}
	fsync_path(data_dir, O_RDONLY | O_DIRECTORY);
	db_configure(db);
	printf("Teruggezet: %s is nu %s (schemaversie %d, integriteit in orde).\n", file, db, version);
	print_counts("Inhoud");
	db_close_thread();
	if (had_database)
		printf("De vorige database staat in %s.bak.\n", db);
	if (version < migrate_latest_version())
		printf("De server brengt de database bij de start naar schemaversie %d.\n", migrate_latest_version());
	return 0;
}
