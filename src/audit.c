#include "audit.h"

#include <ctype.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "validate.h"

static const char *SQL_INSERT =
	"INSERT INTO audit_log (at, actor_user_id, organisation_id, ip, action, student_id, detail)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char *SQL_USER_ORG = "SELECT organisation_id FROM users WHERE id = ?";

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
	struct db_stmt *st = db_prepare(SQL_INSERT);
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
	long long org = user_id ? db_query_int(0, SQL_USER_ORG, "i", user_id) : 0;
	insert(user_id, org, r->ip, action, 0, detail);
}

void audit_system(long long actor_user_id, long long organisation_id, const char *action,
                  long long student_id, const char *detail)
{
	insert(actor_user_id, organisation_id, NULL, action, student_id, detail);
}
