#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

enum setting_type { SET_STRING, SET_SECRET, SET_SWITCH, SET_INT, SET_LONG };

struct setting {
	const char *key;
	enum setting_type type;
	void *target;
	long min, max;
	const char *help;
};

static const struct setting settings[] = {
	{"listen", SET_STRING, &cfg.listen, 0, 0, "luisteradres ADRES:POORT (poort 0 = een vrije poort)"},
	{"data", SET_STRING, &cfg.data_dir, 0, 0, "gegevensmap: database, sleutel, uitgaande mail"},
	{"behind_https", SET_SWITCH, &cfg.behind_https, 0, 0, "achter een HTTPS-proxy: cookies met Secure en __Host-"},
	{"trust_proxy", SET_SWITCH, &cfg.trust_proxy, 0, 0, "geloof X-Forwarded-For en X-Forwarded-Proto van de proxy"},
	{"base_url", SET_STRING, &cfg.base_url, 0, 0, "adres in links van e-mails, bv. https://stages.example.org"},
	{"threads", SET_INT, &cfg.threads, 0, 256, "werkthreads (0 = aantal kernen)"},
	{"password_slots", SET_INT, &cfg.password_slots, 0, 64, "wachtwoordcontroles tegelijk (0 = helft van de kernen)"},
	{"login_queue", SET_INT, &cfg.login_queue, 1, 4096,
	 "aanmeldingen die op een wachtwoordcontrole wachten; meer krijgen meteen 'te veel tegelijk'"},
	{"session_idle_minutes", SET_INT, &cfg.idle_minutes, 1, 24 * 60, "sessie verloopt na zoveel minuten niets doen"},
	{"session_hours", SET_INT, &cfg.absolute_hours, 1, 24 * 7, "sessie verloopt hoe dan ook na zoveel uur"},
	{"activation_days", SET_INT, &cfg.activation_days, 1, 60, "geldigheid van een activatielink in dagen"},
	{"smtp_url", SET_STRING, &cfg.smtp_url, 0, 0, "smtp://host:587 of smtps://host:465; leeg = .eml-bestanden"},
	{"smtp_require_tls", SET_SWITCH, &cfg.smtp_require_tls, 0, 0,
	 "smtp:// alleen met STARTTLS (standaard yes; no enkel voor een server op deze machine)"},
	{"smtp_user", SET_STRING, &cfg.smtp_user, 0, 0, "SMTP-gebruiker"},
	{"smtp_password", SET_SECRET, &cfg.smtp_password, 0, 0,
	 "SMTP-wachtwoord (liever via STAGEMATCH_SMTP_PASSWORD; nooit als vlag)"},
	{"mail_from", SET_STRING, &cfg.mail_from, 0, 0, "afzender van e-mails"},
	{"mail_reply_to", SET_STRING, &cfg.mail_reply_to, 0, 0, "antwoordadres van e-mails"},
	{"retention_days", SET_INT, &cfg.retention_days, 1, 3650,
	 "persoonsgegevens van een campagne mogen zoveel dagen na de resultaten weg"},
	{"withdrawals_per_campaign", SET_INT, &cfg.withdrawals_per_campaign, 0, 1000,
	 "zoveel aanvaardingen mag een dienst per campagne zelf intrekken; daarna beslist de coördinator"},
	{"mail_body_days", SET_INT, &cfg.mail_body_days, 1, 3650,
	 "een verstuurde e-mail houdt zoveel dagen onderwerp en inhoud, daarna enkel wie, wanneer en status"},
	{"backup_days", SET_INT, &cfg.backup_days, 1, 3650,
	 "retention verwijdert back-ups in DATA/backups die ouder zijn dan zoveel dagen"},
	{"reminder_time", SET_STRING, &cfg.reminder_time, 0, 0,
	 "tijdstip (UU:MM, Brusselse tijd) waarop herinneringen en het dagoverzicht vertrekken (standaard 08:00)"},
	{"database_max_pages", SET_LONG, &cfg.database_max_pages, 0, 2000000000,
	 "grootte van de database begrenzen op zoveel pagina's (0 = geen grens; om een volle schijf te testen)"},
	{"metrics_allow", SET_STRING, &cfg.metrics_allow, 0, 0,
	 "adressen die /metrics mogen lezen, gescheiden door komma's"},
};
#define SETTING_COUNT (sizeof settings / sizeof settings[0])

/* "session-idle-minutes" and "session_idle_minutes" name the same setting. */
static const struct setting *find(const char *name)
{
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		const char *a = settings[i].key, *b = name;
		while (*a && (*a == *b || (*a == '_' && *b == '-'))) {
			a++;
			b++;
		}
		if (!*a && !*b)
			return &settings[i];
	}
	return NULL;
}

bool settings_known(const char *key)
{
	return find(key) != NULL;
}

bool settings_is_switch(const char *flag)
{
	const struct setting *s = find(flag);
	return s && s->type == SET_SWITCH;
}

const char *settings_apply(const char *key, const char *value)
{
	static __thread char message[160];
	const struct setting *s = find(key);
	if (!s) {
		snprintf(message, sizeof message, "onbekende instelling '%s'", key);
		return message;
	}
	switch (s->type) {
	case SET_STRING:
	case SET_SECRET:
		/* Values live as long as the process: settings are read once at start-up. */
		*(const char **)s->target = *value ? strdup(value) : NULL;
		return NULL;
	case SET_SWITCH:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 || strcmp(value, "1") == 0 ||
		    strcmp(value, "ja") == 0) {
			*(bool *)s->target = true;
			return NULL;
		}
		if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 || strcmp(value, "0") == 0 ||
		    strcmp(value, "nee") == 0) {
			*(bool *)s->target = false;
			return NULL;
		}
		snprintf(message, sizeof message, "'%s' verwacht yes of no, niet '%.40s'", s->key, value);
		return message;
	case SET_INT:
	case SET_LONG: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < s->min || v > s->max) {
			snprintf(message, sizeof message, "'%s' verwacht een geheel getal van %ld tot %ld, niet '%.40s'",
			         s->key, s->min, s->max, value);
			return message;
		}
		if (s->type == SET_LONG)
			*(long long *)s->target = v;
		else
			*(int *)s->target = (int)v;
		return NULL;
	}
	}
	return "?";
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

int settings_load_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[1024];
	int number = 0, errors = 0;
	while (fgets(line, sizeof line, f)) {
		number++;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		const char *problem;
		if (!eq) {
			problem = "verwacht 'sleutel = waarde'";
		} else {
			*eq = 0;
			char *key = trim(s), *value = trim(eq + 1);
			size_t n = strlen(value);
			if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
				value[n - 1] = 0;
				value++;
			}
			problem = strchr(key, '-') ? "gebruik _ in sleutels, bv. session_idle_minutes"
			                           : settings_apply(key, value);
		}
		if (problem) {
			fprintf(stderr, "%s:%d: %s\n", path, number, problem);
			errors++;
		}
	}
	fclose(f);
	return errors;
}

void settings_print(FILE *out)
{
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		const struct setting *s = &settings[i];
		switch (s->type) {
		case SET_STRING: {
			const char *v = *(const char **)s->target;
			fprintf(out, "%s = %s\n", s->key, v ? v : "");
			break;
		}
		case SET_SECRET:
			fprintf(out, "%s = %s\n", s->key, *(const char **)s->target ? "********" : "");
			break;
		case SET_SWITCH:
			fprintf(out, "%s = %s\n", s->key, *(bool *)s->target ? "yes" : "no");
			break;
		case SET_INT:
			fprintf(out, "%s = %d\n", s->key, *(int *)s->target);
			break;
		case SET_LONG:
			fprintf(out, "%s = %lld\n", s->key, *(long long *)s->target);
			break;
		}
	}
}

void settings_print_flags(FILE *out)
{
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		const struct setting *s = &settings[i];
		if (s->type == SET_SECRET)
			continue;
		char flag[48];
		snprintf(flag, sizeof flag, "--%s%s", s->key, s->type == SET_SWITCH ? "" : " WAARDE");
		for (char *p = flag; *p; p++)
			if (*p == '_')
				*p = '-';
		fprintf(out, "  %-30s %s", flag, s->help);
		/* Called before any file or flag is read: the values are the defaults. */
		if (s->type == SET_INT)
			fprintf(out, " (standaard %d)", *(int *)s->target);
		else if (s->type == SET_STRING && *(const char **)s->target)
			fprintf(out, " (standaard %s)", *(const char **)s->target);
		fputc('\n', out);
	}
}
