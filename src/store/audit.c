#include "audit.h"

#include <ctype.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_row.h"
#include "user.h"
#include "validate.h"

/* The audit module: every statement on audit_log, the listing of src/admin/admin_audit.c included.
 *
 * One listing statement per leading filter lets SQLite walk the matching index (student,
 * user, organisation, action, or the id itself) in id order; the other filters are checked
 * on the way. A date range is a range of ids first (ids grow with time), so an old day is
 * found without reading the years after. */
enum audit_stmt {
	STMT_AUDIT_INSERT,
	STMT_AUDIT_FIRST_ID_FROM,
	STMT_AUDIT_LAST_ID_BEFORE,
	STMT_AUDIT_ACTIONS,
	STMT_AUDIT_BY_STUDENT,
	STMT_AUDIT_BY_ACTOR,
	STMT_AUDIT_BY_ORGANISATION,
	STMT_AUDIT_BY_ACTION,
	STMT_AUDIT_ALL,
	STMT_AUDIT_LIMIT_HITS,
	STMT_AUDIT__MAX
};

#define AUDIT_SELECT                                                                                   \
	"SELECT a.id, a.at, u.email, o.name, a.ip, a.action, a.student_id, a.detail,"                       \
	" s.last_name, s.first_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id"           \
	" LEFT JOIN organisations o ON o.id = a.organisation_id LEFT JOIN students s ON s.id = a.student_id" \
	" WHERE "
/* ?1 user, ?2 organisation, ?3 action, ?4 pupil, ?5/?6 from/until (UTC seconds),
 * ?7/?8 lowest/highest id, ?9 how many; NULL filters are off. */
#define AUDIT_FILTER                                                                                     \
	" AND (?1 IS NULL OR a.actor_user_id = ?1) AND (?2 IS NULL OR a.organisation_id = ?2)"             \
	" AND (?3 IS NULL OR a.action = ?3) AND (?4 IS NULL OR a.student_id = ?4)"                         \
	" AND (?5 IS NULL OR a.at >= ?5) AND (?6 IS NULL OR a.at < ?6) AND a.id BETWEEN ?7 AND ?8"         \
	" ORDER BY a.id DESC LIMIT ?9"
/* The columns of the listing. */
enum line_col {
	COL_ID, COL_AT, COL_USER, COL_ORGANISATION, COL_IP, COL_ACTION, COL_STUDENT_ID, COL_DETAIL, COL_LAST_NAME,
	COL_FIRST_NAME
};
/* The columns of STMT_AUDIT_LIMIT_HITS. */
enum hit_col { HIT_USER, HIT_ORGANISATION, HIT_TIMES, HIT_LAST_AT };

static const char *const stmts[STMT_AUDIT__MAX] = {
	[STMT_AUDIT_INSERT] = "INSERT INTO audit_log (at, actor_user_id, organisation_id, ip, action, student_id, detail)"
	                      " VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* One seek each in audit_log_at. Ids grow with time as lines are written (the at filter
	 * stays exact; only a wall clock set back could put a line outside its id range). */
	[STMT_AUDIT_FIRST_ID_FROM] = "SELECT id FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT 1",
	[STMT_AUDIT_LAST_ID_BEFORE] = "SELECT id FROM audit_log WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1",
	/* Every distinct action, one index seek each. */
	[STMT_AUDIT_ACTIONS] = "WITH RECURSIVE x(action) AS (SELECT MIN(action) FROM audit_log UNION ALL"
	                       " SELECT (SELECT MIN(a.action) FROM audit_log a WHERE a.action > x.action) FROM x"
	                       " WHERE x.action IS NOT NULL) SELECT action FROM x WHERE action IS NOT NULL",
	[STMT_AUDIT_BY_STUDENT] = AUDIT_SELECT "a.student_id = ?4" AUDIT_FILTER,
	[STMT_AUDIT_BY_ACTOR] = AUDIT_SELECT "a.actor_user_id = ?1" AUDIT_FILTER,
	[STMT_AUDIT_BY_ORGANISATION] = AUDIT_SELECT "a.organisation_id = ?2" AUDIT_FILTER,
	[STMT_AUDIT_BY_ACTION] = AUDIT_SELECT "a.action = ?3" AUDIT_FILTER,
	[STMT_AUDIT_ALL] = AUDIT_SELECT "1 = 1" AUDIT_FILTER,
	[STMT_AUDIT_LIMIT_HITS] = "SELECT u.email, COALESCE(o.name, ''), COUNT(*), MAX(a.at) FROM audit_log a"
	                          "  JOIN users u ON u.id = a.actor_user_id"
	                          "  LEFT JOIN organisations o ON o.id = u.organisation_id"
	                          " WHERE a.action = 'national_number_limit' AND a.at >= ?"
	                          " GROUP BY a.actor_user_id ORDER BY MAX(a.at) DESC",
};

void audit_mask_national_numbers(const char *text, struct buf *out)
{
	buf_puts(out, "");
	for (const char *p = text; *p;) {
		if (isdigit((unsigned char)*p) && (p == text || !isdigit((unsigned char)p[-1]))) {
			/* The run of digits and separators from here that holds exactly 11 digits. */
			const char *q = p, *end = NULL;
			int digits = 0;
			while (*q && digits < 11 && (isdigit((unsigned char)*q) || strchr(".- /", *q))) {
				if (isdigit((unsigned char)*q++) && ++digits == 11)
					end = q;
			}
			char candidate[32], nn[12];
			if (end && !isdigit((unsigned char)*end) && (size_t)(end - p) < sizeof candidate) {
				memcpy(candidate, p, (size_t)(end - p));
				candidate[end - p] = 0;
				if (!validate_national_number(candidate, nn)) {
					buf_puts(out, "[rijksregisternummer]");
					p = end;
					continue;
				}
			}
		}
		buf_putc(out, *p++);
	}
}

static bool insert(long long actor, long long org, const char *ip, const char *action,
                   long long student_id, const char *detail)
{
	struct db_stmt *st = db_prepare(stmts[STMT_AUDIT_INSERT]);
	db_bind_int(st, 1, clock_now());
	if (actor)
		db_bind_int(st, 2, actor);
	if (org)
		db_bind_int(st, 3, org);
	db_bind_text(st, 4, ip);
	db_bind_text(st, 5, action);
	if (student_id)
		db_bind_int(st, 6, student_id);
	struct buf masked = {0};
	audit_mask_national_numbers(detail ? detail : "", &masked);
	db_bind_text(st, 7, masked.data);
	int rc = db_step(st);
	db_reset(st);
	buf_free(&masked);
	return rc == DB_DONE;
}

bool audit(struct req *r, const char *action, long long student_id, const char *detail)
{
	return insert(r->user ? r->user->id : 0, r->user ? r->user->org_id : 0, r->ip, action, student_id, detail);
}

void audit_user(struct req *r, long long user_id, const char *action, const char *detail)
{
	long long org = user_id ? user_org_id(user_id) : 0;
	insert(user_id, org, r->ip, action, 0, detail);
}

void audit_system(long long actor_user_id, long long organisation_id, const char *action,
                  long long student_id, const char *detail)
{
	insert(actor_user_id, organisation_id, NULL, action, student_id, detail);
}

long long audit_first_id_from(const struct scope *s, long long from, long long none)
{
	return s->role == ROLE_ADMIN ? db_query_int(none, stmts[STMT_AUDIT_FIRST_ID_FROM], "i", from) : none;
}

long long audit_last_id_before(const struct scope *s, long long until)
{
	return s->role == ROLE_ADMIN ? db_query_int(0, stmts[STMT_AUDIT_LAST_ID_BEFORE], "i", until) : 0;
}

static void read_action(struct db_stmt *st, struct arena *a, void *row)
{
	*(const char **)row = db_text_dup(st, 0, a);
}

const char **audit_actions(const struct scope *s, struct arena *a, size_t *count)
{
	if (s->role != ROLE_ADMIN) {
		*count = 0;
		return arena_alloc(a, sizeof(const char *));
	}
	return db_rows(db_prepare(stmts[STMT_AUDIT_ACTIONS]), a, sizeof(const char *), count, read_action);
}

/* The statement that walks the index of the selection's leading criterion. */
static const char *listing_sql(const struct audit_selection *sel)
{
	return stmts[sel->student        ? STMT_AUDIT_BY_STUDENT
	             : sel->actor        ? STMT_AUDIT_BY_ACTOR
	             : sel->organisation ? STMT_AUDIT_BY_ORGANISATION
	             : sel->action       ? STMT_AUDIT_BY_ACTION
	                                 : STMT_AUDIT_ALL];
}

/* Binds the selection to st, for lines with an id below `below` (0 = all), at most limit;
 * none for a scope that is not the coordinator's. */
static void bind_selection(struct db_stmt *st, const struct scope *s, const struct audit_selection *sel,
                           long long below, long long limit)
{
	if (sel->actor)
		db_bind_int(st, 1, sel->actor);
	if (sel->organisation)
		db_bind_int(st, 2, sel->organisation);
	if (sel->action)
		db_bind_text(st, 3, sel->action);
	if (sel->student)
		db_bind_int(st, 4, sel->student);
	if (sel->from)
		db_bind_int(st, 5, sel->from);
	if (sel->until)
		db_bind_int(st, 6, sel->until);
	db_bind_int(st, 7, sel->low_id);
	db_bind_int(st, 8, below && below - 1 < sel->high_id ? below - 1 : sel->high_id);
	db_bind_int(st, 9, s->role == ROLE_ADMIN ? limit : 0);
}

static const char *text_or_null(struct db_stmt *st, int col)
{
	return db_is_null(st, col) ? NULL : db_text(st, col);
}

/* The columns of the current row; texts valid until the statement moves on. */
static void line_of(struct db_stmt *st, struct audit_line *l)
{
	*l = (struct audit_line){
		.id = db_int(st, COL_ID),
		.at = db_int(st, COL_AT),
		.student_id = db_int(st, COL_STUDENT_ID),
		.user = text_or_null(st, COL_USER),
		.organisation = text_or_null(st, COL_ORGANISATION),
		.ip = text_or_null(st, COL_IP),
		.action = db_text(st, COL_ACTION),
		.detail = db_text(st, COL_DETAIL),
		.last_name = text_or_null(st, COL_LAST_NAME),
		.first_name = text_or_null(st, COL_FIRST_NAME),
	};
}

static const char *dup_or_null(struct arena *a, const char *text)
{
	return text ? arena_strdup(a, text) : NULL;
}

static void read_line(struct db_stmt *st, struct arena *a, void *row)
{
	struct audit_line *l = row;
	line_of(st, l);
	l->user = dup_or_null(a, l->user);
	l->organisation = dup_or_null(a, l->organisation);
	l->ip = dup_or_null(a, l->ip);
	l->action = arena_strdup(a, l->action);
	l->detail = arena_strdup(a, l->detail);
	l->last_name = dup_or_null(a, l->last_name);
	l->first_name = dup_or_null(a, l->first_name);
}

struct audit_line *audit_lines(const struct scope *s, const struct audit_selection *sel, long long below,
                               long long limit, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(listing_sql(sel));
	bind_selection(st, s, sel, below, limit);
	return db_rows(st, a, sizeof(struct audit_line), count, read_line);
}

struct db_stmt *audit_cursor_open(const struct scope *s, const struct audit_selection *sel)
{
	struct db_stmt *st = db_cursor_open(listing_sql(sel));
	if (st)
		bind_selection(st, s, sel, 0, AUDIT_NO_LIMIT);
	return st;
}

int audit_cursor_next(struct db_stmt *cursor, struct audit_line *line)
{
	int rc = db_step(cursor);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	line_of(cursor, line);
	return 1;
}

static void read_hit(struct db_stmt *st, struct arena *a, void *row)
{
	struct audit_limit_hit *h = row;
	h->user = db_text_dup(st, HIT_USER, a);
	h->organisation = db_text_dup(st, HIT_ORGANISATION, a);
	h->times = db_int(st, HIT_TIMES);
	h->last_at = db_int(st, HIT_LAST_AT);
}

struct audit_limit_hit *audit_limit_hits(const struct scope *s, long long since, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_AUDIT_LIMIT_HITS]);
	/* Not the coordinator: a moment no line is at or after. */
	db_bind_int(st, 1, s->role == ROLE_ADMIN ? since : AUDIT_NO_LIMIT);
	return db_rows(st, a, sizeof(struct audit_limit_hit), count, read_hit);
}
