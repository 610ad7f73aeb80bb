#include "student_store.h"

#include <string.h>

#include "clock.h"
#include "crypto.h"
#include "db.h"

/* The request's columns, in the same order in the INSERT and the UPDATE (bind_request). */
#define REQUEST_COLUMNS                                                                                    \
	"contact_id, first_name, last_name, national_number_box, national_number_hash, national_number_hint," \
	" street, postcode, city, province, phone, email, transport, remarks, format, period_count,"          \
	" hours_per_week, total_hours, request_remarks, preference_service_id"
#define REQUEST_COUNT 20

static const char *SQL_STUDENT =
	"INSERT INTO students (campaign_id, school_id, " REQUEST_COLUMNS ", created_by, created_at, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char *SQL_STUDENT_UPDATE =
	"UPDATE students SET (" REQUEST_COLUMNS ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),"
	" version = version + 1, updated_at = ?"
	" WHERE id = ? AND school_id = ? AND version = ? AND stopped_at IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = students.id)";
static const char *SQL_STUDENT_PERIODS_CLEAR = "DELETE FROM student_periods WHERE student_id = ?";
static const char *SQL_FIND_NN =
	"SELECT id, school_id FROM students WHERE campaign_id = ? AND national_number_hash = ? AND id <> ?";
static const char *SQL_STUDENT_PERIOD =
	"INSERT INTO student_periods (student_id, position, starts_on, ends_on) VALUES (?, ?, ?, ?)";
static const char *SQL_PLACEMENT =
	"INSERT INTO placements (student_id, service_id, site, mentor_name, mentor_phone, mentor_email,"
	" notes, round, accepted_by, accepted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char *SQL_PLACEMENT_PERIOD =
	"INSERT INTO placement_periods (placement_id, position, starts_on, ends_on) VALUES (?, ?, ?, ?)";

static const char *SQL_PLACEMENT_UPDATE =
	"UPDATE placements SET site = ?, mentor_name = ?, mentor_phone = ?, mentor_email = ?, notes = ?,"
	" version = version + 1, updated_at = ? WHERE student_id = ? AND service_id = ? AND version = ?";
static const char *SQL_PLACEMENT_ID = "SELECT id FROM placements WHERE student_id = ? AND service_id = ?";
static const char *SQL_PLACEMENT_PERIODS_CLEAR = "DELETE FROM placement_periods WHERE placement_id = ?";

static int insert_periods(const char *sql, long long owner, const char *const start[], const char *const end[])
{
	for (int i = 0; i < PERIODS_MAX; i++) {
		if (!start[i] || !*start[i])
			continue;
		if (db_exec(sql, "iitt", owner, (long long)(i + 1), start[i], end[i]) != DB_DONE)
			return -1;
	}
	return 0;
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

/* Runs a pupil's INSERT or UPDATE: 1, STUDENT_DUPLICATE (the national number's UNIQUE), or 0. */
static int write_row(struct db_stmt *st)
{
	int rc = db_step(st);
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return STUDENT_DUPLICATE;
	return rc == DB_DONE ? 1 : 0;
}

long long student_insert(const struct student_record *s)
{
	struct sealed_nn nn;
	if (seal(s->national_number, &nn) != 0)
		return 0;
	long long now = clock_now();
	struct db_stmt *st = db_prepare(SQL_STUDENT);
	db_bindv(st, "ii", s->campaign_id, s->school_id);
	int i = bind_request(st, 3, s, &nn);
	if (s->created_by)
		db_bind_int(st, i, s->created_by);
	db_bind_int(st, i + 1, now);
	db_bind_int(st, i + 2, now);
	int rc = write_row(st);
	if (rc != 1)
		return rc;
	long long id = db_last_id();
	return insert_periods(SQL_STUDENT_PERIOD, id, s->period_start, s->period_end) == 0 ? id : 0;
}

int student_update(long long id, long long version, const struct student_record *s)
{
	struct sealed_nn nn;
	if (seal(s->national_number, &nn) != 0)
		return 0;
	struct db_stmt *st = db_prepare(SQL_STUDENT_UPDATE);
	int i = bind_request(st, 1, s, &nn);
	db_bind_int(st, i, clock_now());
	db_bind_int(st, i + 1, id);
	db_bind_int(st, i + 2, s->school_id);
	db_bind_int(st, i + 3, version);
	int rc = write_row(st);
	if (rc != 1)
		return rc;
	if (db_changes() == 0)
		return STUDENT_STALE;
	if (db_exec(SQL_STUDENT_PERIODS_CLEAR, "i", id) != DB_DONE)
		return 0;
	return insert_periods(SQL_STUDENT_PERIOD, id, s->period_start, s->period_end) == 0 ? 1 : 0;
}

long long student_find_by_national_number(long long campaign_id, const char *digits, long long except_id,
                                          long long *school_id)
{
	char hash[TOKEN_HASH_LEN];
	nn_lookup_hash(digits, hash);
	struct db_stmt *st = db_prepare(SQL_FIND_NN);
	db_bindv(st, "iti", campaign_id, hash, except_id);
	long long id = 0;
	if (db_step(st) == DB_ROW) {
		id = db_int(st, 0);
		if (school_id)
			*school_id = db_int(st, 1);
	}
	db_reset(st);
	return id;
}

long long placement_insert(const struct placement_record *p)
{
	long long now = clock_now();
	struct db_stmt *st = db_prepare(SQL_PLACEMENT);
	db_bindv(st, "iittttt", p->student_id, p->service_id, p->site, p->mentor_name, p->mentor_phone,
	         p->mentor_email, p->notes ? p->notes : "");
	db_bind_int(st, 8, p->round ? p->round : 1);
	if (p->accepted_by)
		db_bind_int(st, 9, p->accepted_by);
	db_bind_int(st, 10, now);
	db_bind_int(st, 11, now);
	int rc = db_step(st);
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return PLACEMENT_TAKEN;
	if (rc != DB_DONE)
		return 0;
	long long id = db_last_id();
	return insert_periods(SQL_PLACEMENT_PERIOD, id, p->period_start, p->period_end) == 0 ? id : 0;
}

int placement_update(const struct placement_record *p, long long expected_version)
{
	if (db_exec(SQL_PLACEMENT_UPDATE, "tttttiiii", p->site, p->mentor_name, p->mentor_phone, p->mentor_email,
	            p->notes ? p->notes : "", clock_now(), p->student_id, p->service_id, expected_version) != DB_DONE)
		return -1;
	if (db_changes() != 1)
		return 0;
	long long id = db_query_int(0, SQL_PLACEMENT_ID, "ii", p->student_id, p->service_id);
	if (!id || db_exec(SQL_PLACEMENT_PERIODS_CLEAR, "i", id) != DB_DONE ||
	    insert_periods(SQL_PLACEMENT_PERIOD, id, p->period_start, p->period_end) != 0)
		return -1;
	return 1;
}
