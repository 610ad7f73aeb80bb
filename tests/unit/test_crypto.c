#include "cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto.h"

static char key_path[64];

static int setup(void **state)
{
	(void)state;
	if (!crypto_setup())
		return -1;
	snprintf(key_path, sizeof key_path, "/tmp/stagematch-test-key-%d", (int)getpid());
	unlink(key_path);
	return secret_key_load(key_path, true);
}

static int teardown(void **state)
{
	(void)state;
	unlink(key_path);
	return 0;
}

static void tokens_are_random_and_hashed(void **state)
{
	(void)state;
	char a[TOKEN_LEN], b[TOKEN_LEN], ha[TOKEN_HASH_LEN], ha2[TOKEN_HASH_LEN];
	token_new(a);
	token_new(b);
	assert_int_equal(strlen(a), 43);
	assert_string_not_equal(a, b);
	token_hash(a, ha);
	token_hash(a, ha2);
	assert_int_equal(strlen(ha), 64);
	assert_string_equal(ha, ha2);
	assert_null(strstr(ha, a));
}

static void key_file_is_private(void **state)
{
	(void)state;
	struct stat st;
	assert_int_equal(stat(key_path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 32);
	assert_int_equal(secret_key_load("/nonexistent/dir/key", false), -1);
}

static void national_number_round_trip(void **state)
{
	(void)state;
	unsigned char box[SEALED_NN_MAX], box2[SEALED_NN_MAX];
	size_t len, len2;
	char out[12];
	assert_int_equal(nn_seal("85073003328", box, &len), 0);
	assert_int_equal(nn_seal("85073003328", box2, &len2), 0);
	assert_memory_not_equal(box, box2, len); /* fresh nonce each time */
	assert_null(memmem(box, len, "85073003328", 11));
	assert_int_equal(nn_open(box, len, out), 0);
	assert_string_equal(out, "85073003328");
	box[len - 1] ^= 1; /* tampering is detected */
	assert_int_equal(nn_open(box, len, out), -1);
}

static void lookup_hash_is_keyed_and_stable(void **state)
{
	(void)state;
	char h1[TOKEN_HASH_LEN], h2[TOKEN_HASH_LEN], plain[TOKEN_HASH_LEN];
	nn_lookup_hash("85073003328", h1);
	nn_lookup_hash("85073003328", h2);
	assert_string_equal(h1, h2);
	token_hash("85073003328", plain);
	assert_string_not_equal(h1, plain); /* not a plain hash anyone could compute */
}

static void token_sealing(void **state)
{
	(void)state;
	char token[TOKEN_LEN], other[TOKEN_LEN];
	token_new(token);
	token_new(other);
	const char *form = "voornaam=Zo%C3%AB&rijksregisternummer=85073003328";
	char *sealed = token_seal(token, form, strlen(form));
	assert_non_null(sealed);
	assert_null(strstr(sealed, "85073003328"));
	size_t len = 0;
	char *opened = token_open(token, sealed, &len);
	assert_non_null(opened);
	assert_int_equal(len, strlen(form));
	assert_string_equal(opened, form);
	free(opened);
	assert_null(token_open(other, sealed, &len)); /* the database alone cannot open it */
	sealed[10] = sealed[10] == 'A' ? 'B' : 'A';
	assert_null(token_open(token, sealed, &len));
	assert_null(token_open(token, "niet-base64!", &len));
	free(sealed);
}

static void passwords(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_LEN];
	assert_int_equal(password_hash("een lange zin als wachtwoord", hash), 0);
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_true(password_verify(hash, "een lange zin als wachtwoord"));
	assert_false(password_verify(hash, "een lange zin als wachtwoorD"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens_are_random_and_hashed),
		cmocka_unit_test(key_file_is_private),
		cmocka_unit_test(national_number_round_trip),
		cmocka_unit_test(lookup_hash_is_keyed_and_stable),
		cmocka_unit_test(token_sealing),
		cmocka_unit_test(passwords),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
