#ifndef STAGEMATCH_NN_PROBE_H
#define STAGEMATCH_NN_PROBE_H
#include <stdbool.h>

#include "http.h"

/*
 * The manual's answer "Dit rijksregisternummer is al geregistreerd" for another school's
 * pupil tells whether a national number is registered elsewhere. It stays, bounded: every
 * such answer is audited (national_number_elsewhere), and after NN_ELSEWHERE_PER_HOUR of
 * them in an hour a user cannot save a pupil with a new national number for the rest of
 * that hour (the refusal says nothing about the number typed). The coordinator sees an
 * alert on /beheer.
 */
#define NN_ELSEWHERE_PER_HOUR 5

extern const char NN_PROBE_REFUSAL[];

/* Whether the user has had the hour's answers: new national numbers are refused. */
bool nn_probe_limited(struct req *r);
/* One answer "al geregistreerd" (elsewhere) given, for pupil student_id: audited and
 * counted; reaching the limit is audited too (national_number_limit). Own transaction. */
void nn_probe_answered(struct req *r, long long student_id);
/* A save refused because of the limit: audited (national_number_refused). Own transaction. */
void nn_probe_refused(struct req *r);
/* The coordinator's alert: users who reached the limit in the last 7 days. */
void nn_probe_alert(struct req *r);

#endif
