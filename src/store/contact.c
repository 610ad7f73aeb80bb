/*
 * The contact module (src/store/contact.h): every statement on the contacts table. Contacts
 * whose data went with an old campaign (removed_at, src/cli/retention.c) are gone here.
 */
#include "contact.h"

#include "clock.h"
#include "db.h"
#include "db_row.h"

enum contact_stmt {
	STMT_CONTACT_LIST,
	STMT_CONTACT_GET,
	STMT_CONTACT_INSERT,
	STMT_CONTACT_UPDATE,
	STMT_CONTACT_DELETE,
	STMT_CONTACT_CAMPAIGN_COUNT,
	STMT_CONTACT_CAMPAIGN_CLEAR,
	STMT_CONTACT__MAX
};

/* The school a scope reaches: its own (school), every one (0: the coordinator), none (-1). */
static long long school_reach(const struct scope *s)
{
	switch (s->role) {
	case ROLE_ADMIN:
		return 0;
	case ROLE_SCHOOL:
		return s->org_id > 0 ? s->org_id : -1;
	default:
		return -1;
	}
}

/* The contacts only campaign ?1's pupils (or pupils of already cleaned campaigns) use. */
#define CONTACTS_ONLY_OF_CAMPAIGN                                                                    \
	" c.removed_at IS NULL AND EXISTS (SELECT 1 FROM students s WHERE s.contact_id = c.id"            \
	" AND s.campaign_id = ?1) AND NOT EXISTS (SELECT 1 FROM students s JOIN campaigns k"              \
	" ON k.id = s.campaign_id WHERE s.contact_id = c.id AND s.campaign_id <> ?1"                      \
	" AND k.personal_data_removed_at IS NULL)"
/* Every statement binds the reach as ?1; `?1 = 0` is the coordinator's "every school". */
static const char *const stmts[STMT_CONTACT__MAX] = {
	/* Retention (not scoped by school: the coordinator's only; ?1 the campaign). */
	[STMT_CONTACT_CAMPAIGN_COUNT] = "SELECT COUNT(*) FROM contacts c WHERE" CONTACTS_ONLY_OF_CAMPAIGN,
	[STMT_CONTACT_CAMPAIGN_CLEAR] = "UPDATE contacts SET name = 'Verwijderde contactpersoon', phone = '', email = '',"
	                                " removed_at = ?2, updated_at = ?2 WHERE id IN (SELECT c.id FROM contacts c"
	                                " WHERE" CONTACTS_ONLY_OF_CAMPAIGN ")",
	[STMT_CONTACT_LIST] = "SELECT id, school_id, name, phone, email FROM contacts"
	                      " WHERE (?1 = 0 OR school_id = ?1) AND removed_at IS NULL ORDER BY lower(name), id",
	[STMT_CONTACT_GET] = "SELECT id, school_id, name, phone, email FROM contacts"
	                     " WHERE (?1 = 0 OR school_id = ?1) AND id = ?2 AND removed_at IS NULL",
	[STMT_CONTACT_INSERT] = "INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)"
	                        " VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
	[STMT_CONTACT_UPDATE] = "UPDATE contacts SET name = ?3, phone = ?4, email = ?5, updated_at = ?6"
	                        " WHERE (?1 = 0 OR school_id = ?1) AND id = ?2 AND removed_at IS NULL",
	[STMT_CONTACT_DELETE] = "DELETE FROM contacts WHERE (?1 = 0 OR school_id = ?1) AND id = ?2"
	                        " AND removed_at IS NULL",
};

/* The columns of STMT_CONTACT_LIST and STMT_CONTACT_GET. */
enum contact_col { COL_ID, COL_SCHOOL_ID, COL_NAME, COL_PHONE, COL_EMAIL };

static void read_row(struct db_stmt *st, struct arena *a, void *row)
{
	struct contact_row *c = row;
	c->id = db_int(st, COL_ID);
	c->school_id = db_int(st, COL_SCHOOL_ID);
	c->name = db_text_dup(st, COL_NAME, a);
	c->phone = db_text_dup(st, COL_PHONE, a);
	c->email = db_text_dup(st, COL_EMAIL, a);
}

bool contact_get(const struct scope *s, long long id, struct arena *a, struct contact_row *out)
{
	long long reach = school_reach(s);
	if (reach < 0)
		return false;
	struct db_stmt *st = db_prepare(stmts[STMT_CONTACT_GET]);
	db_bindv(st, "ii", reach, id);
	return db_row(st, a, out, read_row);
}

struct contact_row *contact_list(const struct scope *s, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_CONTACT_LIST]);
	db_bind_int(st, 1, school_reach(s)); /* -1, no reach, is no school's id */
	return db_rows(st, a, sizeof(struct contact_row), count, read_row);
}

enum contact_result contact_insert(const struct scope *s, const struct contact_row *c, long long *id)
{
	if (s->role != ROLE_SCHOOL || s->org_id <= 0) /* a contact always belongs to one school */
		return CONTACT_NOT_FOUND;
	if (db_exec(stmts[STMT_CONTACT_INSERT], "itttii", s->org_id, c->name, c->phone, c->email, clock_now()) !=
	    DB_DONE)
		return CONTACT_FAILED;
	*id = db_last_id();
	return CONTACT_OK;
}

enum contact_result contact_change(const struct scope *s, long long id, const struct contact_row *c)
{
	long long reach = school_reach(s);
	if (reach < 0)
		return CONTACT_NOT_FOUND;
	if (db_exec(stmts[STMT_CONTACT_UPDATE], "iitttii", reach, id, c->name, c->phone, c->email, clock_now()) != DB_DONE)
		return CONTACT_FAILED;
	return db_changes() ? CONTACT_OK : CONTACT_NOT_FOUND;
}

enum contact_result contact_remove(const struct scope *s, long long id)
{
	long long reach = school_reach(s);
	if (reach < 0)
		return CONTACT_NOT_FOUND;
	int rc = db_exec(stmts[STMT_CONTACT_DELETE], "ii", reach, id);
	if (rc == DB_CONSTRAINT) /* students.contact_id references it */
		return CONTACT_LINKED;
	if (rc != DB_DONE)
		return CONTACT_FAILED;
	return db_changes() ? CONTACT_OK : CONTACT_NOT_FOUND;
}

long long contact_campaign_count(const struct scope *s, long long campaign_id)
{
	if (s->role != ROLE_ADMIN)
		return 0;
	return db_query_int(-1, stmts[STMT_CONTACT_CAMPAIGN_COUNT], "i", campaign_id);
}

long long contact_campaign_clear(const struct scope *s, long long campaign_id, long long now)
{
	if (s->role != ROLE_ADMIN)
		return 0;
	if (db_exec(stmts[STMT_CONTACT_CAMPAIGN_CLEAR], "ii", campaign_id, now) != DB_DONE)
		return -1;
	return db_changes();
}
