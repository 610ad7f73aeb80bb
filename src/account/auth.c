#include "auth.h"

#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "hasher.h"
#include "assets.h"
#include "throttle.h"
#include "user.h"

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

	struct arena *mem = arena_new();
	struct user_login a;
	user_login_get(email, mem, &a);
	/* Unknown, invited (no password yet) or not: always one real hash. */
	bool ok = hasher_verify(*a.password_hash ? a.password_hash : dummy_hash, password);
	bool accepted = ok && a.id && *a.password_hash && strcmp(a.state, "active") == 0 && a.org_active;
	char renewed[PASSWORD_HASH_LEN] = "";
	if (accepted && password_needs_rehash(a.password_hash) && hasher_hash(password, renewed) != 0)
		*renewed = 0;
	*user_id = a.id; /* on a failure for the audit line only: the answer is the same */
	enum login_result res = a.id && strcmp(a.state, "invited") == 0 ? LOGIN_NOT_ACTIVATED /* stays counted */
	                        : !accepted                              ? LOGIN_WRONG
	                                                                 : LOGIN_OK;
	if (res == LOGIN_OK) {
		give_back(&k, true);
		if (*renewed) /* unless the password changed meanwhile */
			user_rehash(a.id, a.password_hash, renewed);
	}
	arena_free(mem);
	return res;
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
