#ifndef STAGEMATCH_AUDIT_H
#define STAGEMATCH_AUDIT_H
#include <stdbool.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "http.h"
#include "scope.h"

/*
 * The audit log: who did what, when, from where. `action` is a short code
 * ("login", "login_failed", "student_create", "national_number_view", ...);
 * detail is free text without national numbers. student_id 0 = none.
 * Call inside the transaction of the change it records.
 */
/* Returns whether the line was written: a caller about to show a national number
 * shows it only when its audit line exists. */
bool audit(struct req *r, const char *action, long long student_id, const char *detail);
/* For a request made on behalf of a user who is not logged in (a failed login, an
 * e-mail link): that user as actor (0 = unknown), with the request's IP. */
void audit_user(struct req *r, long long user_id, const char *action, const char *detail);
/* For the command line and background work: no request, explicit actor. */
void audit_system(long long actor_user_id, long long organisation_id, const char *action,
                  long long student_id, const char *detail);

/* Reading the log is the coordinator's alone (other scopes get nothing). The id of the
 * first line written at or after from (none when there is none), of the last line written
 * before until (0 when none): a date range as a range of ids. */
long long audit_first_id_from(const struct scope *s, long long from, long long none);
long long audit_last_id_before(const struct scope *s, long long until);
/* Every distinct action in the log, in order, in a. Never NULL. */
const char **audit_actions(const struct scope *s, struct arena *a, size_t *count);

/* A selection of the log: every criterion 0 (or NULL) is off. from/until in UTC seconds;
 * low_id..high_id the range of ids a date range becomes (audit_first_id_from and
 * audit_last_id_before; 0..AUDIT_NO_LIMIT for all). */
#define AUDIT_NO_LIMIT (1LL << 62)
struct audit_selection {
	long long actor, organisation, student;
	const char *action;
	long long from, until;
	long long low_id, high_id;
};
/* One line as the log shows it: the actor's e-mail, the organisation's name, the IP and the
 * pupil's name are NULL when the line has none. */
struct audit_line {
	long long id, at, student_id;
	const char *user, *organisation, *ip, *action, *detail, *last_name, *first_name;
};
/* Lines of the selection with an id below `below` (0 = from the newest), newest first, at
 * most limit, in a. Never NULL. */
struct audit_line *audit_lines(const struct scope *s, const struct audit_selection *sel, long long below,
                               long long limit, struct arena *a, size_t *count);
/* The whole selection as a stream (an export), read on a connection of its own: open (NULL
 * when the database cannot be opened; close it with db_cursor_close), next (1 with line
 * filled, its texts valid until the next call; 0 at the end; -1 on an error). */
struct db_stmt *audit_cursor_open(const struct scope *s, const struct audit_selection *sel);
int audit_cursor_next(struct db_stmt *cursor, struct audit_line *line);
/* A user who hit the national-number limit (action national_number_limit): e-mail,
 * organisation ("" when none), how often and when last. */
struct audit_limit_hit {
	const char *user, *organisation;
	long long times, last_at;
};
/* The users who hit it since `since`, the latest first. */
struct audit_limit_hit *audit_limit_hits(const struct scope *s, long long since, struct arena *a, size_t *count);

/* Appends text to out with every valid national number in it (11 digits, bare or with
 * its dots, dash or spaces) replaced by "[rijksregisternummer]". Every detail goes through
 * this before it is stored: a slip in a caller cannot put one in the log in clear. */
void audit_mask_national_numbers(const char *text, struct buf *out);

#endif
