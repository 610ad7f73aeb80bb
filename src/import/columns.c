/*
 * Recognising an uploaded list's columns by their headers. Each column has the variants
 * schools meet in their administration packages' exports, already folded (see
 * import_header_fold): "E-mail adres" and "e-mailadres" are both "emailadres".
 */
#include "columns.h"

#include <string.h>

const struct import_column_def import_columns[COLUMN_COUNT] = {
	[COLUMN_FIRST_NAME] = {"first_name", "Voornaam"},
	[COLUMN_LAST_NAME] = {"last_name", "Achternaam"},
	[COLUMN_NATIONAL_NUMBER] = {"national_number", "Rijksregisternummer"},
	[COLUMN_STREET] = {"street", "Straat"},
	[COLUMN_HOUSE_NUMBER] = {"house_number", "Huisnummer"},
	[COLUMN_BOX] = {"box", "Bus"},
	[COLUMN_POSTCODE] = {"postcode", "Postcode"},
	[COLUMN_CITY] = {"city", "Gemeente"},
	[COLUMN_PROVINCE] = {"province", "Provincie"},
	[COLUMN_PHONE] = {"phone", "GSM"},
	[COLUMN_EMAIL] = {"email", "E-mail"},
	[COLUMN_TRANSPORT] = {"transport", "Vervoersmiddelen"},
	[COLUMN_REMARKS] = {"remarks", "Opmerkingen"},
	[COLUMN_FORMAT] = {"format", "Stagevorm"},
	[COLUMN_PERIOD_COUNT] = {"period_count", "Aantal periodes"},
	[COLUMN_HOURS_PER_WEEK] = {"hours_per_week", "Aantal uren/week"},
	[COLUMN_TOTAL_HOURS] = {"total_hours", "Totaal aantal uren"},
	[COLUMN_P1_START] = {"p1_start", "Startdatum periode 1"},
	[COLUMN_P1_END] = {"p1_end", "Einddatum periode 1"},
	[COLUMN_P2_START] = {"p2_start", "Startdatum periode 2"},
	[COLUMN_P2_END] = {"p2_end", "Einddatum periode 2"},
	[COLUMN_P3_START] = {"p3_start", "Startdatum periode 3"},
	[COLUMN_P3_END] = {"p3_end", "Einddatum periode 3"},
	[COLUMN_P4_START] = {"p4_start", "Startdatum periode 4"},
	[COLUMN_P4_END] = {"p4_end", "Einddatum periode 4"},
	[COLUMN_REQUEST_REMARKS] = {"request_remarks", "Opmerkingen stage"},
};

/* Folded header variants per column, NULL-terminated. */
static const struct {
	enum import_column column;
	const char *variants[12];
} synonyms[] = {
	{COLUMN_FIRST_NAME, {"voornaam", "roepnaam", "firstname", "voornamen", NULL}},
	{COLUMN_LAST_NAME, {"naam", "achternaam", "familienaam", "lastname", "famnaam", NULL}},
	{COLUMN_NATIONAL_NUMBER,
	 {"rijksregisternummer", "rijksregisternr", "insz", "insznummer", "insznr", "rrn", "rijksregister",
	  "nationaalnummer", "inszrijksregisternummer", "rijksregisternummerinsz", NULL}},
	{COLUMN_STREET, {"straat", "straatnaam", "adres", "verblijfsadres", "domicilieadres", NULL}},
	{COLUMN_HOUSE_NUMBER, {"huisnummer", "huisnr", "nr", "nummer", NULL}},
	{COLUMN_BOX, {"bus", "busnummer", "busnr", NULL}},
	{COLUMN_POSTCODE, {"postcode", "postnummer", "pc", NULL}},
	{COLUMN_CITY, {"gemeente", "woonplaats", "plaats", "stad", "deelgemeente", NULL}},
	{COLUMN_PROVINCE, {"provincie", NULL}},
	{COLUMN_PHONE,
	 {"gsm", "telefoon", "telefoonnummer", "gsmnummer", "tel", "mobiel", "gsmnr", "telnr", "telefoonnr", NULL}},
	{COLUMN_EMAIL, {"email", "emailadres", "mail", "mailadres", "eadres", NULL}},
	{COLUMN_TRANSPORT, {"vervoersmiddelen", "vervoersmiddel", "vervoer", NULL}},
	{COLUMN_REMARKS, {"opmerkingen", "opmerking", NULL}},
	{COLUMN_FORMAT, {"stagevorm", "vorm", NULL}},
	{COLUMN_PERIOD_COUNT, {"aantalperiodes", "hoeveelperiodes", "periodes", NULL}},
	{COLUMN_HOURS_PER_WEEK, {"aantalurenweek", "urenweek", "urenperweek", "aantalurenperweek", NULL}},
	{COLUMN_TOTAL_HOURS, {"totaalaantaluren", "totaaluren", "totaalaantalurenterealiseren", NULL}},
	{COLUMN_P1_START, {"startdatumperiode1", "startperiode1", "begindatumperiode1", NULL}},
	{COLUMN_P1_END, {"einddatumperiode1", "eindeperiode1", NULL}},
	{COLUMN_P2_START, {"startdatumperiode2", "startperiode2", "begindatumperiode2", NULL}},
	{COLUMN_P2_END, {"einddatumperiode2", "eindeperiode2", NULL}},
	{COLUMN_P3_START, {"startdatumperiode3", "startperiode3", "begindatumperiode3", NULL}},
	{COLUMN_P3_END, {"einddatumperiode3", "eindeperiode3", NULL}},
	{COLUMN_P4_START, {"startdatumperiode4", "startperiode4", "begindatumperiode4", NULL}},
	{COLUMN_P4_END, {"einddatumperiode4", "eindeperiode4", NULL}},
	{COLUMN_REQUEST_REMARKS, {"opmerkingenstage", "opmerkingstage", "stageopmerkingen", NULL}},
};

/* The base letter of a two-byte UTF-8 Latin-1 letter (C3 xx), or 0. */
static char latin1_base(unsigned char second)
{
	static const char map[65] = "AAAAAAACEEEEIIIIDNOOOOO OUUUUY  aaaaaaaceeeeiiiidnooooo ouuuuy y";
	char c = second >= 0x80 && second < 0xC0 ? map[second - 0x80] : 0;
	return c == ' ' ? 0 : c;
}

void import_header_fold(const char *header, char *out, size_t size)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)header; *p && n + 1 < size; p++) {
		char c = 0;
		if (*p == 0xC3 && p[1]) {
			c = latin1_base(*++p);
		} else if (*p < 0x80) {
			c = (char)*p;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = c;
	}
	out[n] = 0;
}

/* Drops "leerling"/"student" (and "vande") around the name: "naamleerling" -> "naam". */
static void strip_pupil_word(char *s)
{
	static const char *const words[] = {"vandeleerling", "leerling", "vandestudent", "student", NULL};
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(s), w = strlen(words[i]);
		if (n > w && strcmp(s + n - w, words[i]) == 0) {
			s[n - w] = 0;
			return;
		}
		if (n > w && strncmp(s, words[i], w) == 0) {
			memmove(s, s + w, n - w + 1);
			return;
		}
	}
}

static enum import_column lookup(const char *folded)
{
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		for (int k = 0; synonyms[i].variants[k]; k++)
			if (strcmp(synonyms[i].variants[k], folded) == 0)
				return synonyms[i].column;
	return COLUMN_NONE;
}

enum import_column import_column_recognise(const char *header)
{
	char folded[128];
	import_header_fold(header, folded, sizeof folded);
	enum import_column c = lookup(folded);
	if (c != COLUMN_NONE)
		return c;
	strip_pupil_word(folded);
	return lookup(folded);
}

enum import_column import_column_by_key(const char *key)
{
	for (int c = 1; key && *key && c < COLUMN_COUNT; c++)
		if (strcmp(import_columns[c].key, key) == 0)
			return (enum import_column)c;
	return COLUMN_NONE;
}
