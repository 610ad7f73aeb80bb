/*
 * `stagematch user invite E-MAIL --org ID-OF-NAAM`: the command-line twin of the
 * invitation form in Beheer > Gebruikers. The mail goes into the outbox; the running
 * server delivers it. Settings (base_url for the link, activation_days, data) come from
 * the same configuration file as serve's, and --data / --base-url go above it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_mail.h"
#include "audit.h"
#include "cli.h"
#include "cli_common.h"
#include "config.h"
#include "db.h"
#include "orgs.h"
#include "scope.h"
#include "validate.h"
#include "settings.h"

enum { OPT_DATA = 1, OPT_ORG, OPT_NAME, OPT_BASE_URL, OPT_CONFIG, OPT_HELP };

static const char HELP[] =
	"Gebruik: stagematch user invite E-MAIL --org ID-OF-NAAM [--name NAAM] [--data MAP]\n"
	"                                [--config BESTAND] [--base-url URL]\n"
	"Nodigt een gebruiker uit voor een organisatie (school, dienst of de coördinatie):\n"
	"de uitnodiging met een activatielink gaat naar E-MAIL via de uitgaande e-mail\n"
	"van de server.\n\n"
	"  --org ID-OF-NAAM   het nummer of de volledige naam van de organisatie\n"
	"  --name NAAM        naam van de gebruiker (mag leeg: die vult het zelf in)\n"
	"  --data MAP         gegevensmap (standaard: uit het configuratiebestand, of ./data)\n"
	"  --config BESTAND   configuratiebestand van de server (standaard\n"
	"                     " SETTINGS_DEFAULT_FILE " als het bestaat)\n"
	"  --base-url URL     adres van de website voor de link (standaard: base_url uit het\n"
	"                     configuratiebestand, anders http://LISTEN)\n";

/* Lists organisations whose name contains text, as a hint after a failed lookup. */
static void suggest(const char *text)
{
	struct scope system = scope_system();
	struct arena *a = arena_new();
	size_t n;
	const struct org_row *orgs = org_named_like(&system, text, a, &n);
	if (n)
		fprintf(stderr, "Bedoel je een van deze?\n");
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  --org %lld   %s (%s)\n", orgs[i].id, orgs[i].fields.name, orgs[i].fields.kind);
	arena_free(a);
}

/* The organisation's id from "12" or its name (any case); 0 with a message otherwise. */
static long long resolve_org(const char *given)
{
	struct scope system = scope_system();
	char *end;
	long long id = strtoll(given, &end, 10);
	if (*given && !*end) {
		if (org_active(&system, id))
			return id;
		fprintf(stderr, "Er is geen actieve organisatie met nummer %s.\n", given);
		return 0;
	}
	size_t matches = org_active_by_name(&system, given, &id);
	if (matches == 1)
		return id;
	if (matches > 1)
		fprintf(stderr, "Meer dan één organisatie heet \"%s\". Geef het nummer mee met --org.\n", given);
	else
		fprintf(stderr, "Er is geen actieve organisatie met de naam \"%s\".\n", given);
	suggest(given);
	return 0;
}

struct cli_invitation {
	long long org;
	const char *email, *name;
	enum invite_result res; /* what account_invite answered */
};

/* The body of the invitation's transaction: the invitation and its audit line. */
static int invite_and_audit(void *ctx)
{
	struct cli_invitation *inv = ctx;
	long long user_id = 0;
	inv->res = account_invite(inv->org, inv->email, inv->name, "de beheerder van de server", &user_id);
	if (inv->res != INVITE_OK)
		return DB_ERROR;
	char detail[80];
	snprintf(detail, sizeof detail, "user=%lld org=%lld via=cli", user_id, inv->org);
	audit_system(0, inv->org, "user_invite", 0, detail);
	return DB_DONE;
}

int cli_user_invite(int argc, char **argv)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, OPT_DATA},
		{"org", required_argument, NULL, OPT_ORG},
		{"name", required_argument, NULL, OPT_NAME},
		{"base-url", required_argument, NULL, OPT_BASE_URL},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *org_given = NULL, *name = "";
	if (cli_help_asked(argc, argv)) {
		fputs(HELP, stdout);
		return 0;
	}
	if (cli_load_config(argc, argv) != 0)
		return 2;
	int c;
	optind = 1;
	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case OPT_DATA: cfg.data_dir = optarg; break;
		case OPT_ORG: org_given = optarg; break;
		case OPT_NAME: name = optarg; break;
		case OPT_BASE_URL: cfg.base_url = optarg; break;
		case OPT_CONFIG: break; /* read above */
		case OPT_HELP: fputs(HELP, stdout); return 0;
		default: fputs(HELP, stderr); return 2;
		}
	}
	char email[255];
	const char *name_problem = validate_name(name);
	if (name_problem) {
		fprintf(stderr, "--name: %s\n", name_problem);
		return 2;
	}
	if (!org_given) {
		fputs(HELP, stderr);
		return 2;
	}
	if (cli_email_argument(argc, argv, HELP, email) != 0)
		return 2;
	if (cli_open_data(cfg.data_dir, false) != 0)
		return 1;
	static char base[300];
	if (!cfg.base_url || !*cfg.base_url) {
		/* As serve does without base_url; a free port (":0") cannot be guessed. */
		const char *port = strrchr(cfg.listen, ':');
		if (!port || strcmp(port, ":0") == 0) {
			fprintf(stderr, "Geef het adres van de website voor de link mee met --base-url https://...\n");
			return 2;
		}
		snprintf(base, sizeof base, "http://%s", cfg.listen);
		cfg.base_url = base;
	}
	long long org = resolve_org(org_given);
	if (!org)
		return 2;
	struct cli_invitation inv = {.org = org, .email = email, .name = name, .res = INVITE_OK};
	if (db_tx(invite_and_audit, &inv) != DB_DONE) {
		enum invite_result res = inv.res;
		if (res == INVITE_EMAIL_TAKEN)
			fprintf(stderr, "Er bestaat al een gebruiker met e-mailadres %s.\n", email);
		else
			fprintf(stderr, "De uitnodiging kon niet bewaard worden: %s\n", db_error());
		return 1;
	}
	printf("Uitnodiging voor %s klaargezet. De server verstuurt ze binnen enkele seconden;\n"
	       "volg ze op in Beheer > Uitgaande e-mail.\n",
	       email);
	return 0;
}
