#ifndef STAGEMATCH_CRYPTO_H
#define STAGEMATCH_CRYPTO_H
#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>

/* Call once at start-up (sodium_init). Returns false when libsodium is unusable. */
bool crypto_setup(void);

/* A 256-bit random token, base64url without padding: 43 characters + NUL. */
#define TOKEN_LEN 44
void token_new(char out[TOKEN_LEN]);
/* SHA-256 of a token as 64 hex digits + NUL: what the database stores instead of it. */
#define TOKEN_HASH_LEN 65
void token_hash(const char *token, char out[TOKEN_HASH_LEN]);

/* argon2id (libsodium crypto_pwhash_str). Return 0 on success. */
#define PASSWORD_OPSLIMIT 2ULL
#define PASSWORD_MEMLIMIT ((size_t)19 * 1024 * 1024)
#define PASSWORD_HASH_LEN crypto_pwhash_STRBYTES
int password_hash(const char *password, char out[PASSWORD_HASH_LEN]);
bool password_verify(const char *stored_hash, const char *password);
/* Whether a stored hash was made with other parameters than today's (it is then rehashed
 * at the next successful login). */
bool password_needs_rehash(const char *stored_hash);

/*
 * National numbers at rest: encrypted with secretbox under a key kept in a file
 * outside the database (created 0600 by `init`), and found again through a keyed
 * hash. secret_key_load creates the file when create is true and it is missing.
 */
#define SECRET_KEY_NOT_PRIVATE (-2) /* readable by the group or others: refused */
int secret_key_load(const char *path, bool create);
#define SEALED_NN_MAX (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + 16)
/* Seals the 11 digits; writes up to SEALED_NN_MAX bytes and their count. */
int nn_seal(const char *digits, unsigned char *out, size_t *out_len);
/* Opens a sealed number into out (12 bytes: 11 digits + NUL). Returns 0 on success. */
int nn_open(const unsigned char *box, size_t len, char out[12]);
/* Keyed hash of the 11 digits, 64 hex digits + NUL. */
void nn_lookup_hash(const char *digits, char out[TOKEN_HASH_LEN]);

/* Any data at rest under the national numbers' key (an uploaded pupil list between preview
 * and import): nonce and box, malloc'ed, the caller frees; NULL on failure. */
unsigned char *secret_seal(const void *data, size_t len, size_t *out_len);
/* Opens what secret_seal made: the plaintext (NUL-terminated, length in *len), malloc'ed;
 * NULL when it was altered or sealed under another key. */
char *secret_open(const unsigned char *box, size_t box_len, size_t *len);

/*
 * Sealing with a key derived from a secret token that only the user's browser holds (the
 * database stores the token's hash): a form kept across a session expiry is unreadable
 * from the database alone. token_seal returns base64 text, token_open the plaintext
 * (NUL-terminated, length in *len); both malloc'ed, the caller frees; NULL on failure.
 */
char *token_seal(const char *token, const char *data, size_t len);
char *token_open(const char *token, const char *sealed, size_t *len);

#endif
