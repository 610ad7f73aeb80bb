/* A temporary database with every migration applied, for the tests of a data module:
 * temp_db_setup / temp_db_teardown as a cmocka group's setup and teardown. */
#ifndef STAGEMATCH_TEMP_DB_H
#define STAGEMATCH_TEMP_DB_H
#include <stdio.h>
#include <unistd.h>

#include "campaigns.h"
#include "clock.h"
#include "db.h"
#include "migrate.h"

static char temp_db_file[64];

static int temp_db_setup(void **state)
{
	(void)state;
	snprintf(temp_db_file, sizeof temp_db_file, "/tmp/stagematch_unit_%ld.db", (long)getpid());
	unlink(temp_db_file);
	db_configure(temp_db_file);
	return migrate_apply() > 0 ? 0 : -1;
}

static int temp_db_teardown(void **state)
{
	(void)state;
	db_close_thread();
	static const char *const sides[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		char path[80];
		snprintf(path, sizeof path, "%s%s", temp_db_file, sides[i]);
		unlink(path);
	}
	return 0;
}

/* A new organisation of this kind ("school", "service"); its id. */
static inline long long temp_db_org(const char *kind, const char *name)
{
	if (db_exec("INSERT INTO organisations (kind, name, created_at) VALUES (?, ?, 0)", "tt", kind, name) != DB_DONE)
		return 0;
	return db_last_id();
}

/* A campaign of "duaal-leren" in handling now (by the real clock, as the modules ask
 * clock_now()): registration open, handling opened a day ago, both closing in 20 days. Its
 * id, or 0. */
static inline long long temp_db_campaign_in_handling(void)
{
	long long now = clock_now();
	struct scope system = scope_system();
	struct campaign c = {0};
	c.programme_id = db_query_int(0, "SELECT id FROM programmes WHERE code = 'duaal-leren'", NULL);
	snprintf(c.school_year, sizeof c.school_year, "2026-2027");
	c.registration_opens_at = now - 20 * 86400;
	c.handling_opens_at = now - 86400;
	c.registration_closes_at = c.handling_closes_at = c.results_visible_at = now + 20 * 86400;
	long long id = campaign_insert(&system, &c);
	return id > 0 ? id : 0;
}
#endif
