#ifndef STAGEMATCH_VALIDATE_H
#define STAGEMATCH_VALIDATE_H
#include <stdbool.h>
#include <stddef.h>

/*
 * Validators for what people type. Each returns NULL when the input is fine (and
 * writes the normalised form), or a Dutch message that tells the user what to do, to be
 * shown next to the field. Pure functions: unit-tested and fuzzed.
 */

/*
 * Rijksregisternummer or BIS number, typed as 85.07.30-033.28, 85073003328 or with
 * spaces. Checks the mod-97 checksum for births before and after 2000. Writes the 11
 * digits into digits (12 bytes).
 */
const char *validate_national_number(const char *in, char digits[12]);
/* "85073003328" -> "85.07.30-033.28" (16 bytes). */
void national_number_format(const char *digits, char out[16]);
/* The masked form for lists, from the stored last two digits: "28" -> "••.••.••-•••.28".
 * Anything but two digits shows every position masked. out: NN_MASKED_LEN bytes. */
#define NN_MASKED_LEN 40
void national_number_masked(const char *hint, char out[NN_MASKED_LEN]);

/* Belgian postcode 1000-9999. */
const char *validate_postcode(const char *in, int *postcode);
/* The province of a Belgian postcode ("West-Vlaanderen", "Brussels Hoofdstedelijk Gewest", ...), or NULL. */
const char *postcode_province(int postcode);
/* The provinces (and Brussels) in the order of the select, NULL-terminated. */
extern const char *const provinces[];
bool province_known(const char *name);

/*
 * Belgian phone number (mobile or fixed, with 0, +32 or 0032), or a foreign number in
 * international form (+31 ...). Normalised for display: "0470 12 34 56", "02 250 37 77",
 * "050 12 34 56", "+31 20 123 4567" stays as digits grouped after the country code.
 * out must hold at least 24 bytes.
 */
const char *validate_phone(const char *in, char *out, size_t out_size);

/* E-mail address: trimmed, lower-cased, syntax checked. out must hold 255 bytes. */
const char *validate_email(const char *in, char *out, size_t out_size);

/* A whole number in [min, max], surrounding spaces allowed. */
/*
 * A person's or organisation's name: NULL when it may be stored, else the Dutch message.
 * Refused: a name holding a character that reorders or hides text (bidi embeddings,
 * overrides and isolates U+202A-202E and U+2066-2069, zero-width characters, controls),
 * and a name made only of invisible characters (spaces, fillers, marks). "" passes.
 */
const char *validate_name(const char *in);

const char *validate_int(const char *in, long min, long max, long *out);

#endif
