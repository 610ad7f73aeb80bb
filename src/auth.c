#include "auth.h"

#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crypto.h"
#include "db.h"
#include "assets.h"
#include "throttle.h"

static sem_t hash_slots;
static char dummy_hash[PASSWORD_HASH_LEN];

void auth_setup(int slots)
{
	sem_init(&hash_slots, 0, (unsigned)(slots > 0 ? slots : 1));
	/* A real hash to verify against for unknown accounts: same cost, same answer. */
	char token[TOKEN_LEN];
	token_new(token);
	password_hash(token, dummy_hash);
}

/* Waits up to half a second for a hashing slot. */
static bool slot_acquire(void)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 500 * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (sem_timedwait(&hash_slots, &until) != 0)
		if (errno != EINTR)
			return false;
	return true;
}

static void slot_release(void)
{
	sem_post(&hash_slots);
}

static const char *SQL_USER =
	"SELECT u.id, u.password_hash, u.state, o.active FROM users u"
	"  JOIN organisations o ON o.id = u.organisation_id WHERE u.email = ?";

static void account_key_of(const char *email, char key[320])
{
	snprintf(key, 320, "login:%s", email);
}

void auth_clear_failures(const char *email)
{
	char key[320];
	account_key_of(email, key);
	throttle_clear(key);
}

enum login_result auth_login(const char *email, const char *password, const char *ip, long long *user_id)
{
	char account_key[320], ip_key[80];
	account_key_of(email, account_key);
	snprintf(ip_key, sizeof ip_key, "login-ip:%s", ip ? ip : "?");
	if (throttle_exceeded(account_key, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_SECONDS) ||
	    throttle_exceeded(ip_key, LOGIN_FAILURES_PER_IP, LOGIN_WINDOW_SECONDS))
		return LOGIN_THROTTLED;

	long long id = 0;
	char stored[PASSWORD_HASH_LEN] = "";
	char state[16] = "";
	bool org_active = false;
	struct db_stmt *st = db_prepare(SQL_USER);
	db_bind_text(st, 1, email);
	if (db_step(st) == DB_ROW) {
		id = db_int(st, 0);
		snprintf(stored, sizeof stored, "%s", db_text(st, 1));
		snprintf(state, sizeof state, "%s", db_text(st, 2));
		org_active = db_int(st, 3) == 1;
	}
	db_reset(st);

	if (id && strcmp(state, "invited") == 0) {
		*user_id = id;
		return LOGIN_NOT_ACTIVATED;
	}
	if (!slot_acquire())
		return LOGIN_BUSY;
	bool ok = password_verify(*stored ? stored : dummy_hash, password);
	slot_release();
	if (ok && id && *stored && strcmp(state, "active") == 0 && org_active) {
		throttle_clear(account_key);
		*user_id = id;
		return LOGIN_OK;
	}
	throttle_hit(account_key, LOGIN_WINDOW_SECONDS);
	throttle_hit(ip_key, LOGIN_WINDOW_SECONDS);
	*user_id = id; /* for the audit line only: the answer is the same */
	return LOGIN_WRONG;
}

bool auth_hash_password(const char *password, char *out)
{
	if (!slot_acquire())
		return false;
	int rc = password_hash(password, out);
	slot_release();
	return rc == 0;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* The shipped list of common passwords, one per line, lower-case. */
static bool is_common(const char *password)
{
	const struct embedded_file *f = embedded_find("common-passwords.txt");
	if (!f)
		return false;
	char lower[130];
	size_t n = strlen(password);
	if (n >= sizeof lower)
		return false;
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)((password[i] >= 'A' && password[i] <= 'Z') ? password[i] + 32 : password[i]);
	const char *p = (const char *)f->data;
	while (*p) {
		size_t len = strcspn(p, "\n");
		if (len == n && memcmp(p, lower, n) == 0)
			return true;
		p += len;
		if (*p)
			p++;
	}
	return false;
}

const char *auth_password_problem(const char *password)
{
	size_t n = utf8_chars(password);
	if (n < 12)
		return "Kies een wachtwoord van minstens 12 tekens. Een zin van enkele woorden werkt goed.";
	if (n > 128)
		return "Kies een wachtwoord van hoogstens 128 tekens.";
	if (is_common(password))
		return "Dit wachtwoord wordt te vaak gebruikt en is makkelijk te raden. Kies een ander.";
	return NULL;
}
