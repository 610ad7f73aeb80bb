#ifndef STAGEMATCH_IMPORT_COLUMNS_H
#define STAGEMATCH_IMPORT_COLUMNS_H
#include <stddef.h>

/*
 * What a column of an uploaded pupil list holds, recognised from its header as the
 * administration packages (Smartschool, Informat, Wisa) and schools write them: case,
 * accents, spaces and punctuation do not matter, nor a "leerling" around the name
 * ("Naam leerling", "E-mailadres"). Pure; no I/O.
 */
enum import_column {
	COLUMN_NONE = 0,      /* not recognised, or "niet importeren" */
	COLUMN_FIRST_NAME,
	COLUMN_LAST_NAME,
	COLUMN_NATIONAL_NUMBER,
	COLUMN_STREET,
	COLUMN_HOUSE_NUMBER,  /* joined to the street */
	COLUMN_BOX,           /* joined to the street: "bus 3" */
	COLUMN_POSTCODE,
	COLUMN_CITY,
	COLUMN_PROVINCE,
	COLUMN_PHONE,
	COLUMN_EMAIL,
	COLUMN_TRANSPORT,
	COLUMN_REMARKS,
	COLUMN_FORMAT,
	COLUMN_PERIOD_COUNT,
	COLUMN_HOURS_PER_WEEK,
	COLUMN_TOTAL_HOURS,
	COLUMN_P1_START, COLUMN_P1_END, COLUMN_P2_START, COLUMN_P2_END,
	COLUMN_P3_START, COLUMN_P3_END, COLUMN_P4_START, COLUMN_P4_END,
	COLUMN_REQUEST_REMARKS,
	COLUMN_COUNT
};

struct import_column_def {
	const char *key;        /* the pupil form's field name, or "house_number" / "box" */
	const char *header;     /* the header the template uses */
};
/* Indexed by enum import_column (COLUMN_NONE has NULLs). */
extern const struct import_column_def import_columns[COLUMN_COUNT];

/* The column a header names, or COLUMN_NONE. */
enum import_column import_column_recognise(const char *header);
/* The column whose key is key ("" and unknown keys: COLUMN_NONE). */
enum import_column import_column_by_key(const char *key);
/* header folded for comparison: lower case, accents off, only letters and digits. out: size bytes. */
void import_header_fold(const char *header, char *out, size_t size);

#endif
