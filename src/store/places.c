#include "places.h"

#include <string.h>

#include "campaigns.h"
#include "clock.h"
#include "db.h"
#include "db_row.h"

/* One row of struct places_row per campaign the service (?1) takes part in. */
#define PLACES_SELECT                                                                            \
	"SELECT c.id, pr.name, c.school_year, COALESCE(cp.places, -1), COALESCE(cp.by_coordinator, 0),"  \
	" COALESCE(o.capacity, 0), (SELECT COUNT(*) FROM placements p JOIN students s ON s.id = p.student_id" \
	"  WHERE p.service_id = cs.service_id AND s.campaign_id = c.id AND s.stopped_at IS NULL)"        \
	" FROM campaign_services cs JOIN campaigns c ON c.id = cs.campaign_id"                          \
	" JOIN programmes pr ON pr.id = c.programme_id JOIN organisations o ON o.id = cs.service_id"     \
	" LEFT JOIN campaign_places cp ON cp.campaign_id = c.id AND cp.service_id = cs.service_id"       \
	" WHERE cs.service_id = ?1 AND c.personal_data_removed_at IS NULL"
#define PLACES_ORDER " ORDER BY c.school_year DESC, pr.position, c.id"

enum places_stmt {
	STMT_OF_SERVICE,
	STMT_CURRENT,
	STMT_ONE,
	STMT_SET,
	STMT_CLEAR,
	STMT_COPY,
	STMT__MAX
};
static const char *const stmts[STMT__MAX] = {
	[STMT_OF_SERVICE] = PLACES_SELECT PLACES_ORDER,
	/* ?1 the service; then SQL_SERVICE_CAMPAIGNS' two (?2, ?3): the service, now. */
	[STMT_CURRENT] = PLACES_SELECT " AND c.id IN (" SQL_SERVICE_CAMPAIGNS ")" PLACES_ORDER,
	[STMT_ONE] = PLACES_SELECT " AND c.id = ?2",
	[STMT_SET] = "INSERT INTO campaign_places (campaign_id, service_id, places, by_coordinator, updated_by, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (campaign_id, service_id) DO UPDATE SET"
		" places = ?3, by_coordinator = ?4, updated_by = ?5, updated_at = ?6",
	[STMT_CLEAR] = "DELETE FROM campaign_places WHERE campaign_id = ? AND service_id = ?",
	[STMT_COPY] = "INSERT INTO campaign_places (campaign_id, service_id, places, by_coordinator, updated_by, updated_at)"
		" SELECT ?2, cp.service_id, cp.places, cp.by_coordinator, ?3, ?4 FROM campaign_places cp"
		" JOIN campaign_services cs ON cs.campaign_id = ?2 AND cs.service_id = cp.service_id"
		" WHERE cp.campaign_id = ?1 ON CONFLICT (campaign_id, service_id) DO NOTHING",
};
enum places_col {
	COL_CAMPAIGN, COL_PROGRAMME, COL_SCHOOL_YEAR, COL_PLACES, COL_BY_COORDINATOR, COL_CAPACITY, COL_FILLED
};

/* The service whose places the scope reaches: its own for a service, any for the
 * coordinator, none (0) for anyone else. */
static long long reachable(struct scope s, long long service_id)
{
	if (service_id <= 0)
		return 0;
	if (s.role == ROLE_ADMIN)
		return service_id;
	return s.role == ROLE_SERVICE && s.org_id == service_id ? service_id : 0;
}

long long places_limit(const struct places_row *p)
{
	return p->stated >= 0 ? p->stated : PLACES_NOT_STATED;
}

static void read_places(struct db_stmt *st, struct arena *a, void *row)
{
	struct places_row *p = row;
	p->campaign_id = db_int(st, COL_CAMPAIGN);
	p->programme = db_text_dup(st, COL_PROGRAMME, a);
	p->school_year = db_text_dup(st, COL_SCHOOL_YEAR, a);
	p->stated = db_int(st, COL_PLACES);
	p->by_coordinator = db_bool(st, COL_BY_COORDINATOR);
	p->capacity = db_int(st, COL_CAPACITY);
	p->filled = db_int(st, COL_FILLED);
}

struct places_row *places_of_service(struct scope s, struct arena *a, long long service_id, long long now,
                                     size_t *count)
{
	long long service = reachable(s, service_id);
	if (!service) {
		*count = 0;
		return arena_alloc(a, sizeof(struct places_row));
	}
	struct db_stmt *st = db_prepare(stmts[now > 0 ? STMT_CURRENT : STMT_OF_SERVICE]);
	db_bind_int(st, 1, service);
	if (now > 0) {
		db_bind_int(st, 2, service);
		db_bind_int(st, 3, now);
	}
	return db_rows(st, a, sizeof(struct places_row), count, read_places);
}

bool places_get(struct scope s, struct arena *a, long long service_id, long long campaign_id,
                struct places_row *out)
{
	memset(out, 0, sizeof *out);
	long long service = reachable(s, service_id);
	if (!service)
		return false;
	struct db_stmt *st = db_prepare(stmts[STMT_ONE]);
	db_bindv(st, "ii", service, campaign_id);
	return db_row(st, a, out, read_places);
}

enum places_result places_set(struct scope s, long long service_id, long long campaign_id, long long places)
{
	struct arena *a = arena_new();
	struct places_row now;
	bool found = places_get(s, a, service_id, campaign_id, &now);
	arena_free(a);
	if (!found || (s.role != ROLE_ADMIN && now.by_coordinator) || places > PLACES_MAX ||
	    (places < 0 && places != PLACES_NOT_STATED))
		return PLACES_REFUSED;
	int rc;
	if (places == PLACES_NOT_STATED) {
		rc = db_exec(stmts[STMT_CLEAR], "ii", campaign_id, service_id);
	} else {
		struct db_stmt *st = db_prepare(stmts[STMT_SET]);
		db_bindv(st, "iiii", campaign_id, service_id, places, (long long)(s.role == ROLE_ADMIN));
		if (s.user_id)
			db_bind_int(st, 5, s.user_id);
		else
			db_bind_null(st, 5);
		db_bind_int(st, 6, clock_now());
		rc = db_step(st);
		db_reset(st);
	}
	return rc == DB_DONE ? PLACES_SAVED : PLACES_ERROR;
}

long long places_copy(struct scope s, long long from_campaign, long long to_campaign)
{
	if (s.role != ROLE_ADMIN)
		return 0;
	struct db_stmt *st = db_prepare(stmts[STMT_COPY]);
	db_bindv(st, "ii", from_campaign, to_campaign);
	if (s.user_id)
		db_bind_int(st, 3, s.user_id);
	else
		db_bind_null(st, 3);
	db_bind_int(st, 4, clock_now());
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? db_changes() : -1;
}
