#include "migrate.h"

#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "db.h"
#include "log.h"

/* In order; the n-th entry brings the schema to version n. Never edit a shipped one.
 * PostgreSQL runs each one's twin, src/schema/pg/NNN_name.pg.sql: the same version in its
 * dialect (identity columns, BIGINT, BYTEA). */
static const char *const migrations[] = {
	"001_initial.sql",
	"002_coordinator.sql",
	"003_request_list_order.sql",
	"004_account_mail.sql",
	"005_withdrawals.sql",
	"006_outbox_campaigns.sql",
	"007_pending_imports.sql",
	"008_reminders.sql",
	"009_request_count_index.sql",
	"010_places.sql",
};
#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

int migrate_latest_version(void)
{
	return MIGRATION_COUNT;
}

/* PostgreSQL keeps the version in a table of one row; SQLite in the file's header. */
static const char SQL_PG_VERSION_TABLE[] =
	"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
	"INSERT INTO schema_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)";
/* Several servers starting at once: the first migrates, the others wait and find it done. */
static const long long PG_MIGRATION_LOCK = 0x73746167656d61LL; /* "stagema" */

int migrate_current_version(void)
{
	if (!db_is_postgresql())
		return (int)db_query_int(0, "PRAGMA user_version", NULL);
	if (db_query_int(0, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_version'"
	                    " AND schemaname = current_schema()", NULL) == 0)
		return 0;
	return (int)db_query_int(0, "SELECT max(version) FROM schema_version", NULL);
}

/* One migration script and the version it brings, run in one transaction by db_tx. */
struct migration_step {
	const char *script;
	const char *pragma;
};

static int run_migration(void *ctx)
{
	const struct migration_step *m = ctx;
	if (db_exec_script(m->script) != DB_DONE)
		return DB_ERROR;
	return db_exec_script(m->pragma);
}

static int apply_pending(void);

int migrate_apply(void)
{
	if (!db_is_postgresql())
		return apply_pending();
	if (db_query_int(0, "SELECT 1 FROM (SELECT pg_advisory_lock(?)) AS locked", "i", PG_MIGRATION_LOCK) != 1) {
		fprintf(stderr, "Kan de migraties niet vergrendelen: %s\n", db_error());
		return -1;
	}
	int applied = db_exec_script(SQL_PG_VERSION_TABLE) == DB_DONE ? apply_pending() : -1;
	db_query_int(0, "SELECT 1 FROM (SELECT pg_advisory_unlock(?)) AS unlocked", "i", PG_MIGRATION_LOCK);
	return applied;
}

/* The twin of an SQLite migration for PostgreSQL: NNN_name.sql -> NNN_name.pg.sql. */
static const struct embedded_file *migration_file(int version)
{
	const char *name = migrations[version - 1];
	if (!db_is_postgresql())
		return embedded_find(name);
	char pg_name[128];
	snprintf(pg_name, sizeof pg_name, "%.*s.pg.sql", (int)(strlen(name) - 4), name);
	return embedded_find(pg_name);
}

static int apply_pending(void)
{
	int current = migrate_current_version();
	if (current > MIGRATION_COUNT) {
		fprintf(stderr,
		        "De database heeft schemaversie %d, deze stagematch kent er maar %d.\n"
		        "Installeer een nieuwere stagematch; de database is niet aangeraakt.\n",
		        current, MIGRATION_COUNT);
		return -1;
	}
	int applied = 0;
	for (int v = current + 1; v <= MIGRATION_COUNT; v++) {
		const struct embedded_file *f = migration_file(v);
		char pragma[64];
		snprintf(pragma, sizeof pragma,
		         db_is_postgresql() ? "UPDATE schema_version SET version = %d" : "PRAGMA user_version=%d", v);
		if (!f)
			return -1;
		struct migration_step step = {(const char *)f->data, pragma};
		if (db_tx(run_migration, &step) != DB_DONE) {
			fprintf(stderr, "Migratie %s mislukt: %s\n", migrations[v - 1], db_error());
			return -1;
		}
		log_info("migrated", "version=%d", v);
		applied++;
	}
	return applied;
}
