#ifndef STAGEMATCH_AUTH_H
#define STAGEMATCH_AUTH_H
#include <stdbool.h>

/*
 * Password checks with limits: at most `slots` argon2id hashes run at once (so a login
 * flood cannot starve page serving), and every attempt is counted in the database BEFORE
 * its hash is computed (so parallel attempts cannot get past the limit): per account and
 * client address for the short lockout, per account with a much higher ceiling (so that
 * an attacker elsewhere cannot cheaply lock a user out), and per client address. An
 * unknown e-mail and an account not activated yet cost the same hash and the same count
 * as a wrong password.
 */
void auth_setup(int slots);
/* Stops the hashing threads (after the HTTP server has stopped). */
void auth_stop(void);

enum login_result {
	LOGIN_OK,
	LOGIN_WRONG,          /* unknown e-mail, wrong password or disabled account: one answer */
	LOGIN_NOT_ACTIVATED,  /* invited, no password yet: offer to resend the activation mail */
	LOGIN_THROTTLED,      /* too many failures: wait */
	LOGIN_BUSY,           /* the attempt could not be counted now (database busy) */
};

#define LOGIN_FAILURES_PER_ACCOUNT_ADDRESS 5 /* one account from one client address */
#define LOGIN_FAILURES_PER_ACCOUNT 50        /* one account from anywhere */
#define LOGIN_FAILURES_PER_IP 30             /* any account from one client address */
#define LOGIN_WINDOW_SECONDS (15 * 60)

/* The answer when no password can be checked now (hashing queue or slots full). */
#define AUTH_BUSY_MESSAGE "Te veel aanmeldingen tegelijk, probeer over een minuut opnieuw."

/* email must be normalised (trimmed, lower-case). Sets *user_id on LOGIN_OK and
 * LOGIN_NOT_ACTIVATED, and on LOGIN_WRONG to the account's id (0 for an unknown address)
 * so that the failure can be audited against it. A hash made with older parameters is
 * replaced after a successful check. */
enum login_result auth_login(const char *email, const char *password, const char *ip, long long *user_id);

/* Forgets the account's failed logins, overall and from this client address (after a
 * password reset). */
void auth_clear_failures(const char *email, const char *ip);

/* Hashes a new password on the hashing threads. Returns false when it fails. */
bool auth_hash_password(const char *password, char *out);

/* Dutch message when the password is unacceptable (length, common), or NULL. */
const char *auth_password_problem(const char *password);

#endif
