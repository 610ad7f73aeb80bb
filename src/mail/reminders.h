#ifndef STAGEMATCH_REMINDERS_H
#define STAGEMATCH_REMINDERS_H
/*
 * Reminders (issue 17), sent through the outbox by the background job at the reminder time
 * of day (setting reminder_time, Brussels time, default 08:00), each at most once
 * (reminders_sent), each kind switchable per campaign by the coordinator ("Herinneringen"):
 *
 *   schools   the active schools without a single pupil in the campaign, a week and two
 *             days before registration closes;
 *   services  the services taking part with open requests in their area, three days and
 *             one day before the (first) handling window closes;
 *   summary   the coordinator, once a day while handling is open: per campaign the pupils
 *             registered, accepted, open and stopped.
 *
 * A reminder is due from its day's reminder time until the next one of its kind is due (or
 * the window closes): a campaign whose moments are moved gets the reminder that fits the
 * new moments, never a late one of an earlier step.
 */

/* The background job. */
void reminders_run(void);

/*
 * Of the two reminders days[0] and days[1] calendar days before the moment closes
 * (days[0] > days[1]), each at the reminder time of its Brussels day: the one due at now
 * (0 or 1, its day yyyy-mm-dd in day), or -1. Each is due from its moment until the next
 * one's, the last until closes.
 */
int reminders_step_due(long long closes, long long now, const int days[2], char day[11]);

/* A Dutch message when the reminder_time setting is not a time of day (HH:MM), or NULL. */
const char *reminders_config_problem(void);

#endif
