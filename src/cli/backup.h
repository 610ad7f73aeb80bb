#ifndef STAGEMATCH_BACKUP_H
#define STAGEMATCH_BACKUP_H
#include <stdbool.h>

/*
 * Backups of the data folder's database while the server runs, and putting one back.
 * Each prints what it did (or what went wrong, in Dutch) and returns the exit code of
 * the command line (0 fine, 1 error).
 */

/* Every `serve` holds a shared lock on DATA/stagematch.lock for its lifetime; a restore
 * takes it exclusively, so it refuses while a server runs on that folder. Returns 0, or
 * -1 with a message printed. */
int backup_lock_data(const char *data_dir, bool exclusive);

/* Copies DATA/stagematch.db into file (a consistent snapshot, with SQLite's online backup)
 * and checks the copy's integrity. */
int backup_make(const char *data_dir, const char *file);

/* Puts file back as DATA/stagematch.db: checks its integrity and version first, refuses
 * while a server runs on the folder, and keeps the database it replaces as
 * DATA/stagematch.db.bak. Refuses a backup whose national numbers the folder's
 * secret.key cannot read, unless force. */
int backup_restore(const char *data_dir, const char *file, bool force);

#endif
