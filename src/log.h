#ifndef STAGEMATCH_LOG_H
#define STAGEMATCH_LOG_H

/*
 * One-line key=value log records on stderr (journald picks them up).
 * `event` names what happened; fmt adds key=value pairs. Never log personal data:
 * no national numbers, names or e-mail addresses in clear.
 */
void log_info(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_error(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
