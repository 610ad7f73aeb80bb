#include "student_store.h"

#include <string.h>

#include "clock.h"
#include "crypto.h"
#include "db.h"

static const char *SQL_STUDENT =
	"INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name,"
	" national_number_box, national_number_hash, national_number_hint, street, postcode, city,"
	" province, phone, email, transport, remarks, format, period_count, hours_per_week, total_hours,"
	" request_remarks, preference_service_id, created_by, created_at, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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

long long student_insert(const struct student_record *s)
{
	unsigned char box[SEALED_NN_MAX];
	size_t box_len;
	char hash[TOKEN_HASH_LEN];
	if (nn_seal(s->national_number, box, &box_len) != 0)
		return 0;
	nn_lookup_hash(s->national_number, hash);
	const char *hint = s->national_number + strlen(s->national_number) - 2;
	long long now = clock_now();
	struct db_stmt *st = db_prepare(SQL_STUDENT);
	db_bindv(st, "iiitt", s->campaign_id, s->school_id, s->contact_id, s->first_name, s->last_name);
	db_bind_blob(st, 6, box, box_len);
	db_bind_text(st, 7, hash);
	db_bind_text(st, 8, hint);
	db_bind_text(st, 9, s->street);
	db_bind_text(st, 10, s->postcode);
	db_bind_text(st, 11, s->city);
	db_bind_text(st, 12, s->province);
	db_bind_text(st, 13, s->phone);
	db_bind_text(st, 14, s->email);
	db_bind_int(st, 15, s->transport);
	db_bind_text(st, 16, s->remarks ? s->remarks : "");
	db_bind_text(st, 17, s->format);
	db_bind_int(st, 18, s->period_count);
	db_bind_int(st, 19, s->hours_per_week);
	db_bind_int(st, 20, s->total_hours);
	db_bind_text(st, 21, s->request_remarks ? s->request_remarks : "");
	if (s->preference_service_id)
		db_bind_int(st, 22, s->preference_service_id);
	if (s->created_by)
		db_bind_int(st, 23, s->created_by);
	db_bind_int(st, 24, now);
	db_bind_int(st, 25, now);
	int rc = db_step(st);
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return STUDENT_DUPLICATE;
	if (rc != DB_DONE)
		return 0;
	long long id = db_last_id();
	return insert_periods(SQL_STUDENT_PERIOD, id, s->period_start, s->period_end) == 0 ? id : 0;
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
