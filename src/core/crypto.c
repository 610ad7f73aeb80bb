#include "crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned char box_key[crypto_secretbox_KEYBYTES];
static unsigned char hash_key[crypto_generichash_KEYBYTES];

bool crypto_setup(void)
{
	return sodium_init() >= 0;
}

void token_new(char out[TOKEN_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_LEN, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_hash(const char *token, char out[TOKEN_HASH_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, TOKEN_HASH_LEN, h, sizeof h);
}

int password_hash(const char *password, char out[PASSWORD_HASH_LEN])
{
	/* argon2id with OWASP's parameters (19 MiB, 2 passes): strong enough for the web, and a
	 * third of libsodium's "interactive" memory, so a login flood churns far less memory
	 * next to the pages being served. Older hashes keep verifying with their own parameters. */
	return crypto_pwhash_str(out, password, strlen(password), PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT);
}

bool password_verify(const char *stored_hash, const char *password)
{
	return crypto_pwhash_str_verify(stored_hash, password, strlen(password)) == 0;
}

bool password_needs_rehash(const char *stored_hash)
{
	return crypto_pwhash_str_needs_rehash(stored_hash, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT) != 0;
}

int secret_key_load(const char *path, bool create)
{
	unsigned char master[32];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		randombytes_buf(master, sizeof master);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, master, sizeof master) != (ssize_t)sizeof master || fsync(fd) != 0) {
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || (st.st_mode & 077)) {
		close(fd);
		return SECRET_KEY_NOT_PRIVATE;
	}
	ssize_t n = read(fd, master, sizeof master);
	close(fd);
	if (n != (ssize_t)sizeof master)
		return -1;
	/* Two independent keys from one master key. */
	crypto_kdf_derive_from_key(box_key, sizeof box_key, 1, "nn_box__", master);
	crypto_kdf_derive_from_key(hash_key, sizeof hash_key, 2, "nn_hash_", master);
	sodium_memzero(master, sizeof master);
	return 0;
}

int nn_seal(const char *digits, unsigned char *out, size_t *out_len)
{
	size_t len = strlen(digits);
	if (len > 16)
		return -1;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, (const unsigned char *)digits, len, out,
	                      box_key);
	*out_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	return 0;
}

int nn_open(const unsigned char *box, size_t len, char out[12])
{
	size_t overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
	if (!box || len < overhead || len - overhead != 11)
		return -1;
	if (crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
	                               len - crypto_secretbox_NONCEBYTES, box, box_key) != 0)
		return -1;
	out[11] = 0;
	return 0;
}

void nn_lookup_hash(const char *digits, char out[TOKEN_HASH_LEN])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)digits, strlen(digits), hash_key,
	                   sizeof hash_key);
	sodium_bin2hex(out, TOKEN_HASH_LEN, h, sizeof h);
}

static void token_key(const char *token, unsigned char key[crypto_secretbox_KEYBYTES])
{
	static const unsigned char context[] = "stagematch saved form";
	crypto_generichash(key, crypto_secretbox_KEYBYTES, (const unsigned char *)token, strlen(token), context,
	                   sizeof context - 1);
}

char *token_seal(const char *token, const char *data, size_t len)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	size_t box_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *box = malloc(box_len);
	size_t text_len = sodium_base64_ENCODED_LEN(box_len, sodium_base64_VARIANT_ORIGINAL);
	char *text = malloc(text_len);
	if (!box || !text) {
		free(box);
		free(text);
		return NULL;
	}
	token_key(token, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)data, len, box, key);
	sodium_bin2base64(text, text_len, box, box_len, sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(key, sizeof key);
	free(box);
	return text;
}

char *token_open(const char *token, const char *sealed, size_t *len)
{
	size_t text_len = strlen(sealed), box_len;
	unsigned char *box = malloc(text_len + 1);
	if (!box || sodium_base642bin(box, text_len + 1, sealed, text_len, NULL, &box_len, NULL,
	                              sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
		free(box);
		return NULL;
	}
	size_t plain_len = box_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	char *plain = malloc(plain_len + 1);
	unsigned char key[crypto_secretbox_KEYBYTES];
	token_key(token, key);
	int rc = plain ? crypto_secretbox_open_easy((unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
	                                            box_len - crypto_secretbox_NONCEBYTES, box, key)
	               : -1;
	sodium_memzero(key, sizeof key);
	free(box);
	if (rc != 0) {
		free(plain);
		return NULL;
	}
	plain[plain_len] = 0;
	if (len)
		*len = plain_len;
	return plain;
}

unsigned char *secret_seal(const void *data, size_t len, size_t *out_len)
{
	size_t box_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *box = malloc(box_len);
	if (!box)
		return NULL;
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, data, len, box, box_key);
	*out_len = box_len;
	return box;
}

char *secret_open(const unsigned char *box, size_t box_len, size_t *len)
{
	size_t overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
	if (box_len < overhead)
		return NULL;
	size_t n = box_len - overhead;
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	if (crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
	                               box_len - crypto_secretbox_NONCEBYTES, box, box_key) != 0) {
		free(out);
		return NULL;
	}
	out[n] = 0;
	*len = n;
	return out;
}
