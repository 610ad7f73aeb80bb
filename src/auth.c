#include "auth.h"

#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "hasher.h"
#include "assets.h"
#include "throttle.h"

static char dummy_hash[PASSWORD_HASH_LEN];

void auth_setup(int slots)
{
	/* A real hash to verify against for unknown accounts: same cost, same answer. */
	char token[TOKEN_LEN];
	token_new(token);
	password_hash(token, dummy_hash);
	hasher_start(slots > 0 ? slots : 1);
}

void auth_stop(void)
{
	hasher_stop();
}

static const char *SQL_USER =
	"SELECT u.id, u.password_hash, u.state, o.active FROM users u"
	"  JOIN organisations o ON o.id = u.organisation_id WHERE u.email = ?";
static const char *SQL_REHASH = "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?";

/* The three login counters of an attempt. */
struct login_keys {
	char pair[400], account[320], ip[80];
};

static void login_keys_of(const char *email, const char *ip, struct login_keys *k)
{
	snprintf(k->pair, sizeof k->pair, "login:%s|%s", email, ip ? ip : "?");
	snprintf(k->account, sizeof k->account, "login:%s", email);
	snprintf(k->ip, sizeof k->ip, "login-ip:%s", ip ? ip : "?");
}

void auth_clear_failures(const char *email, const char *ip)
{
	struct login_keys k;
	login_keys_of(email, ip, &k);
	throttle_clear(k.pair);
	throttle_clear(k.account);
}

/* An attempt reserved but not a failure (no hash computed, or the right password). */
static void give_back(const struct login_keys *k, bool succeeded)
{
	if (succeeded)
		throttle_clear(k->pair);
	else
		throttle_give_back(k->pair);
	throttle_give_back(k->account);
	throttle_give_back(k->ip);
}

struct account_row {
	long long id;
	char stored[PASSWORD_HASH_LEN];
	char state[16];
	bool org_active;
};

static void account_row_load(const char *email, struct account_row *a)
{
	*a = (struct account_row){0};
	struct db_stmt *st = db_prepare(SQL_USER);
	db_bind_text(st, 1, email);
	if (db_step(st) == DB_ROW) {
		a->id = db_int(st, 0);
		snprintf(a->stored, sizeof a->stored, "%s", db_text(st, 1));
		snprintf(a->state, sizeof a->state, "%s", db_text(st, 2));
		a->org_active = db_int(st, 3) == 1;
	}
	db_reset(st);
}

enum login_result auth_login(const char *email, const char *password, const char *ip, long long *user_id)
{
	struct login_keys k;
	login_keys_of(email, ip, &k);
	const struct throttle_rule rules[] = {
		{k.pair, LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, LOGIN_WINDOW_SECONDS},
		{k.account, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_SECONDS},
		{k.ip, LOGIN_FAILURES_PER_IP, LOGIN_WINDOW_SECONDS},
	};
	/* Counted as a failure before the hash: parallel attempts cannot outrun the count. */
	switch (throttle_reserve(rules, sizeof rules / sizeof rules[0])) {
	case THROTTLE_TAKEN: break;
	case THROTTLE_FULL: return LOGIN_THROTTLED;
	case THROTTLE_ERROR: return LOGIN_BUSY;
	}

	struct account_row a;
	account_row_load(email, &a);
	/* Unknown, invited (no password yet) or not: always one real hash. */
	bool ok = hasher_verify(*a.stored ? a.stored : dummy_hash, password);
	bool accepted = ok && a.id && *a.stored && strcmp(a.state, "active") == 0 && a.org_active;
	char renewed[PASSWORD_HASH_LEN] = "";
	if (accepted && password_needs_rehash(a.stored) && hasher_hash(password, renewed) != 0)
		*renewed = 0;
	*user_id = a.id; /* on a failure for the audit line only: the answer is the same */
	if (a.id && strcmp(a.state, "invited") == 0)
		return LOGIN_NOT_ACTIVATED; /* the failure stays counted, as for a wrong password */
	if (!accepted)
		return LOGIN_WRONG;
	give_back(&k, true);
	if (*renewed) /* unless the password changed meanwhile */
		db_exec(SQL_REHASH, "tit", renewed, a.id, a.stored);
	return LOGIN_OK;
}

bool auth_hash_password(const char *password, char *out)
{
	return hasher_hash(password, out) == 0;
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
