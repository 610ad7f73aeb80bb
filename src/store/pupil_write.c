/*
 * The pupil module's writes (pupils.h): the one place that turns validated values into
 * rows of students and student_periods, so the national number is always sealed, hashed
 * and hinted the same way. Every function takes the caller's scope first: a school writes
 * its own pupils only; a care service and the coordinator none. Call inside the caller's
 * transaction.
 */
#include "pupils.h"

#include <string.h>

#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "db_row.h"

/* The request's columns, in the same order in the INSERT and the UPDATE (bind_request). */
#define REQUEST_COLUMNS                                                                                    \
	"contact_id, first_name, last_name, national_number_box, national_number_hash, national_number_hint," \
	" street, postcode, city, province, phone, email, transport, remarks, format, period_count,"          \
	" hours_per_week, total_hours, request_remarks, preference_service_id"

enum pupil_write_stmt {
	STMT_INSERT,
	STMT_UPDATE,
	STMT_PERIODS_CLEAR,
	STMT_PERIOD_INSERT,
	STMT_FIND_NN,
	STMT_DELETE,
	STMT_STOP,
	STMT_RESUME,
	STMT_PENDING_GET,
	STMT_PENDING_INSERT,
	STMT_PENDING_DROP,
	STMT_PENDING_EXPIRED,
	STMT_PENDING_OF_USER,
	STMT_CAMPAIGN_COUNTS,
	STMT_CAMPAIGN_CLEAR,
	STMT__MAX
};
/* db_prepare caches per thread by the string's address: these strings never move. */
static const char *const stmts[STMT__MAX] = {
	[STMT_INSERT] = "INSERT INTO students (campaign_id, school_id, " REQUEST_COLUMNS ", created_by, created_at,"
		" updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_UPDATE] = "UPDATE students SET (" REQUEST_COLUMNS ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?), version = version + 1, updated_at = ?"
		" WHERE id = ? AND school_id = ? AND version = ? AND stopped_at IS NULL"
		" AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = students.id)",
	[STMT_PERIODS_CLEAR] = "DELETE FROM student_periods WHERE student_id = ?",
	[STMT_PERIOD_INSERT] = "INSERT INTO student_periods (student_id, position, starts_on, ends_on) VALUES (?, ?, ?, ?)",
	[STMT_FIND_NN] = "SELECT id, school_id FROM students WHERE campaign_id = ? AND national_number_hash = ? AND id <> ?",
	[STMT_DELETE] = "DELETE FROM students WHERE id = ? AND school_id = ?"
		" AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = students.id)",
	[STMT_STOP] = "UPDATE students SET stopped_at = ?, version = version + 1, updated_at = ?"
		" WHERE id = ? AND school_id = ? AND stopped_at IS NULL",
	/* ?3: the school a school scope may write, 0 for the coordinator (any school). */
	[STMT_RESUME] = "UPDATE students SET stopped_at = NULL, version = version + 1, updated_at = ?1"
		" WHERE id = ?2 AND (?3 = 0 OR school_id = ?3) AND stopped_at IS NOT NULL",
	[STMT_PENDING_GET] = "SELECT campaign_id, file_name, file_box FROM pending_imports"
		" WHERE id = ? AND school_id = ? AND user_id = ? AND expires_at > ?",
	[STMT_PENDING_INSERT] = "INSERT INTO pending_imports (school_id, user_id, campaign_id, file_name, file_box,"
		" created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[STMT_PENDING_DROP] = "DELETE FROM pending_imports WHERE id = ? AND school_id = ? AND user_id = ?",
	[STMT_PENDING_EXPIRED] = "DELETE FROM pending_imports WHERE expires_at <= ?",
	[STMT_PENDING_OF_USER] = "DELETE FROM pending_imports WHERE school_id = ? AND user_id = ?",
	[STMT_CAMPAIGN_COUNTS] = "SELECT COUNT(*), COUNT(p.id),"
		" SUM(CASE WHEN s.stopped_at IS NULL AND p.id IS NOT NULL THEN 1 ELSE 0 END),"
		" SUM(CASE WHEN s.stopped_at IS NOT NULL THEN 1 ELSE 0 END)"
		" FROM students s LEFT JOIN placements p ON p.student_id = s.id WHERE s.campaign_id = ?",
	[STMT_CAMPAIGN_CLEAR] = "UPDATE students SET first_name = '', last_name = 'Leerling ' || CAST(id AS TEXT),"
		" national_number_box = NULL, national_number_hash = NULL, national_number_hint = NULL,"
		" street = NULL, phone = NULL, email = NULL, remarks = '', request_remarks = '',"
		" version = version + 1, updated_at = ?2 WHERE campaign_id = ?1",
};
enum find_nn_col { FIND_NN_COL_ID, FIND_NN_COL_SCHOOL };
enum pending_col { PENDING_COL_CAMPAIGN, PENDING_COL_FILE_NAME, PENDING_COL_BOX };
enum counts_col { COUNTS_COL_PUPILS, COUNTS_COL_PLACEMENTS, COUNTS_COL_ACCEPTED, COUNTS_COL_STOPPED };

/* The school a school scope writes: its own; 0 for any other scope. */
static long long own_school(struct scope sc)
{
	return sc.role == ROLE_SCHOOL && sc.org_id > 0 ? sc.org_id : 0;
}

/* The national number as stored: sealed, keyed hash for lookups, last two digits for masks. */
struct sealed_nn {
	unsigned char box[SEALED_NN_MAX];
	size_t box_len;
	char hash[TOKEN_HASH_LEN];
	char hint[3];
};

static int seal(const char *digits, struct sealed_nn *out)
{
	size_t n = strlen(digits);
	if (n < 2 || nn_seal(digits, out->box, &out->box_len) != 0)
		return -1;
	nn_lookup_hash(digits, out->hash);
	memcpy(out->hint, digits + n - 2, 3);
	return 0;
}

/* Binds the REQUEST_COLUMNS of s from parameter `first` on; returns the next free index. */
static int bind_request(struct db_stmt *st, int first, const struct student_record *s, const struct sealed_nn *nn)
{
	int i = first;
	db_bind_int(st, i++, s->contact_id);
	db_bind_text(st, i++, s->first_name);
	db_bind_text(st, i++, s->last_name);
	db_bind_blob(st, i++, nn->box, nn->box_len);
	db_bind_text(st, i++, nn->hash);
	db_bind_text(st, i++, nn->hint);
	db_bind_text(st, i++, s->street);
	db_bind_text(st, i++, s->postcode);
	db_bind_text(st, i++, s->city);
	db_bind_text(st, i++, s->province);
	db_bind_text(st, i++, s->phone);
	db_bind_text(st, i++, s->email);
	db_bind_int(st, i++, s->transport);
	db_bind_text(st, i++, s->remarks ? s->remarks : "");
	db_bind_text(st, i++, s->format);
	db_bind_int(st, i++, s->period_count);
	db_bind_int(st, i++, s->hours_per_week);
	db_bind_int(st, i++, s->total_hours);
	db_bind_text(st, i++, s->request_remarks ? s->request_remarks : "");
	if (s->preference_service_id)
		db_bind_int(st, i, s->preference_service_id);
	i++;
	return i;
}

/* Runs a pupil's INSERT or UPDATE: 1, PUPIL_DUPLICATE (the national number's UNIQUE), or 0. */
static int write_row(struct db_stmt *st)
{
	int rc = db_step(st);
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return PUPIL_DUPLICATE;
	return rc == DB_DONE ? 1 : 0;
}

long long pupil_insert(struct scope sc, const struct student_record *s)
{
	long long school = own_school(sc);
	struct sealed_nn nn;
	if (!school || seal(s->national_number, &nn) != 0)
		return 0;
	long long now = clock_now();
	struct db_stmt *st = db_prepare(stmts[STMT_INSERT]);
	db_bindv(st, "ii", s->campaign_id, school);
	int i = bind_request(st, 3, s, &nn);
	if (sc.user_id)
		db_bind_int(st, i, sc.user_id);
	db_bind_int(st, i + 1, now);
	db_bind_int(st, i + 2, now);
	int rc = write_row(st);
	if (rc != 1)
		return rc;
	long long id = db_last_id();
	return db_insert_periods(stmts[STMT_PERIOD_INSERT], id, s->period_start, s->period_end) == 0 ? id : 0;
}

int pupil_update(struct scope sc, long long id, long long version, const struct student_record *s)
{
	struct sealed_nn nn;
	if (!own_school(sc))
		return PUPIL_STALE; /* no row of this scope matched */
	if (seal(s->national_number, &nn) != 0)
		return 0;
	struct db_stmt *st = db_prepare(stmts[STMT_UPDATE]);
	int i = bind_request(st, 1, s, &nn);
	db_bind_int(st, i, clock_now());
	db_bind_int(st, i + 1, id);
	db_bind_int(st, i + 2, own_school(sc));
	db_bind_int(st, i + 3, version);
	int rc = write_row(st);
	if (rc != 1)
		return rc;
	if (db_changes() == 0)
		return PUPIL_STALE;
	if (db_exec(stmts[STMT_PERIODS_CLEAR], "i", id) != DB_DONE)
		return 0;
	return db_insert_periods(stmts[STMT_PERIOD_INSERT], id, s->period_start, s->period_end) == 0 ? 1 : 0;
}

long long pupil_find_by_national_number(struct scope sc, long long campaign_id, const char *digits,
                                        long long except_id, long long *school_id)
{
	if (!own_school(sc))
		return 0;
	char hash[TOKEN_HASH_LEN];
	nn_lookup_hash(digits, hash);
	struct db_stmt *st = db_prepare(stmts[STMT_FIND_NN]);
	db_bindv(st, "iti", campaign_id, hash, except_id);
	long long id = 0;
	if (db_step(st) == DB_ROW) {
		id = db_int(st, FIND_NN_COL_ID);
		if (school_id)
			*school_id = db_int(st, FIND_NN_COL_SCHOOL);
	}
	db_reset(st);
	return id;
}

/* 1 when the write changed a row, 0 when none matched, -1 on error. */
static int changed(int rc)
{
	if (rc != DB_DONE)
		return -1;
	return db_changes() > 0 ? 1 : 0;
}

int pupil_delete(struct scope sc, long long id)
{
	if (!own_school(sc))
		return 0;
	return changed(db_exec(stmts[STMT_DELETE], "ii", id, own_school(sc)));
}

int pupil_stop(struct scope sc, long long id, long long now)
{
	if (!own_school(sc))
		return 0;
	return changed(db_exec(stmts[STMT_STOP], "iiii", now, now, id, own_school(sc)));
}

/* "Toch niet gestopt": whether the school may still do it now is src/school/student_resume.c's rule. */
int pupil_resume(struct scope sc, long long id, long long now)
{
	if (sc.role != ROLE_ADMIN && !own_school(sc))
		return 0;
	return changed(db_exec(stmts[STMT_RESUME], "iii", now, id, sc.role == ROLE_ADMIN ? 0 : own_school(sc)));
}

/* --- Pending imports: a school user's uploaded list, sealed, until imported ------------- */

/* Only a school's scope with a user has pending imports. */
static bool pending_scope(struct scope sc)
{
	return own_school(sc) && sc.user_id > 0;
}

long long pupil_import_park(struct scope sc, long long campaign_id, const char *file_name, const void *box,
                            size_t box_len, long long now, long long expires_at)
{
	if (!pending_scope(sc) || db_exec(stmts[STMT_PENDING_EXPIRED], "i", now) != DB_DONE ||
	    db_exec(stmts[STMT_PENDING_OF_USER], "ii", own_school(sc), sc.user_id) != DB_DONE)
		return 0;
	struct db_stmt *st = db_prepare(stmts[STMT_PENDING_INSERT]);
	db_bindv(st, "iiit", own_school(sc), sc.user_id, campaign_id, file_name);
	db_bind_blob(st, 5, box, box_len);
	db_bind_int(st, 6, now);
	db_bind_int(st, 7, expires_at);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? db_last_id() : 0;
}

bool pupil_import_pending_get(struct scope sc, struct arena *a, long long id, long long now,
                              struct pupil_import_pending *out)
{
	memset(out, 0, sizeof *out);
	if (!pending_scope(sc))
		return false;
	struct db_stmt *st = db_prepare(stmts[STMT_PENDING_GET]);
	db_bindv(st, "iiii", id, own_school(sc), sc.user_id, now);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		out->id = id;
		out->campaign_id = db_int(st, PENDING_COL_CAMPAIGN);
		out->file_name = db_text_dup(st, PENDING_COL_FILE_NAME, a);
		const void *box = db_blob(st, PENDING_COL_BOX, &out->box_len);
		unsigned char *copy = arena_alloc(a, out->box_len + 1);
		if (box)
			memcpy(copy, box, out->box_len);
		out->box = copy;
		found = box != NULL;
	}
	db_reset(st);
	return found;
}

int pupil_import_drop(struct scope sc, long long id)
{
	if (!pending_scope(sc))
		return DB_ERROR;
	return db_exec(stmts[STMT_PENDING_DROP], "iii", id, own_school(sc), sc.user_id);
}

/* --- Retention: a closed campaign's personal data ------------------------------------ */

int pupil_campaign_counts(struct scope sc, long long campaign_id, struct pupil_campaign_counts *out)
{
	memset(out, 0, sizeof *out);
	if (sc.role != ROLE_ADMIN)
		return DB_ERROR;
	struct db_stmt *st = db_prepare(stmts[STMT_CAMPAIGN_COUNTS]);
	db_bind_int(st, 1, campaign_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->pupils = db_int(st, COUNTS_COL_PUPILS);
		out->placements = db_int(st, COUNTS_COL_PLACEMENTS);
		out->accepted = db_int(st, COUNTS_COL_ACCEPTED);
		out->stopped = db_int(st, COUNTS_COL_STOPPED);
	}
	db_reset(st);
	return rc == DB_ROW ? DB_DONE : DB_ERROR;
}

long long pupil_campaign_clear(struct scope sc, long long campaign_id, long long now)
{
	if (sc.role != ROLE_ADMIN)
		return 0;
	if (db_exec(stmts[STMT_CAMPAIGN_CLEAR], "ii", campaign_id, now) != DB_DONE)
		return -1;
	return db_changes();
}
