#include "migrate.h"

#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "db.h"
#include "log.h"

/* In order; the n-th entry brings the schema to version n. Never edit a shipped one. */
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

int migrate_current_version(void)
{
	return (int)db_query_int(0, "PRAGMA user_version", NULL);
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

int migrate_apply(void)
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
		const struct embedded_file *f = embedded_find(migrations[v - 1]);
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v);
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
