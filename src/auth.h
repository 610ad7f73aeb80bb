#ifndef STAGEMATCH_AUTH_H
#define STAGEMATCH_AUTH_H
#include <stdbool.h>

/*
 * Password checks with limits: at most `slots` argon2id hashes run at once (so a login
 * flood cannot starve page serving), failures are throttled per account and per IP,
 * and an unknown e-mail costs as much time as a wrong password.
 */
void auth_setup(int slots);

enum login_result {
	LOGIN_OK,
	LOGIN_WRONG,          /* unknown e-mail, wrong password or disabled account: one answer */
	LOGIN_NOT_ACTIVATED,  /* invited, no password yet: offer to resend the activation mail */
	LOGIN_THROTTLED,      /* too many failures: wait */
	LOGIN_BUSY,           /* no hashing slot free right now */
};

#define LOGIN_FAILURES_PER_ACCOUNT 5
#define LOGIN_FAILURES_PER_IP 30
#define LOGIN_WINDOW_SECONDS (15 * 60)

/* email must be normalised (trimmed, lower-case). Sets *user_id on LOGIN_OK and
 * LOGIN_NOT_ACTIVATED, and on LOGIN_WRONG to the account's id (0 for an unknown address)
 * so that the failure can be audited against it. */
enum login_result auth_login(const char *email, const char *password, const char *ip, long long *user_id);

/* Forgets the account's failed logins (after a password reset). */
void auth_clear_failures(const char *email);

/* Hashes a new password under the same slot limit. Returns false when busy or failing. */
bool auth_hash_password(const char *password, char *out);

/* Dutch message when the password is unacceptable (length, common), or NULL. */
const char *auth_password_problem(const char *password);

#endif
