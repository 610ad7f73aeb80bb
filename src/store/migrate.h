#ifndef STAGEMATCH_MIGRATE_H
#define STAGEMATCH_MIGRATE_H

/* The schema version this binary writes. */
int migrate_latest_version(void);
/* The database's version (0 = empty). */
int migrate_current_version(void);
/*
 * Brings the database to migrate_latest_version(), each migration in its own
 * transaction. Refuses (returns -1, touching nothing) a database newer than the binary.
 * Returns the number of migrations applied, or -1 on error (message printed).
 */
int migrate_apply(void);

#endif
