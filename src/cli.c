/*
 * Subcommands: serve, init, demo, user add (user invite is in cli_invite.c). Each has --help. Errors are printed in
 * Dutch with what to do next, and give a non-zero exit code.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "demo.h"
#include "http.h"
#include "jobs.h"
#include "log.h"
#include "mail.h"
#include "migrate.h"
#include "orgs.h"
#include "settings.h"
#include "validate.h"

enum {
	OPT_LISTEN = 1000, OPT_DATA, OPT_BEHIND_HTTPS, OPT_TRUST_PROXY, OPT_BASE_URL, OPT_THREADS,
	OPT_IDLE, OPT_ABSOLUTE, OPT_SMTP_URL, OPT_SMTP_USER, OPT_MAIL_FROM, OPT_REPLY_TO, OPT_HELP,
	OPT_OPEN, OPT_NAME, OPT_ORG, OPT_GENERATE, OPT_PASSWORD_SLOTS, OPT_ACTIVATION_DAYS,
};

static bool parse_positive(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 100000)
		return false;
	*out = (int)v;
	return true;
}

int cli_open_data(const char *data_dir, bool create)
{
	if (create && mkdir(data_dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "Kan de gegevensmap %s niet aanmaken: %s\n", data_dir, strerror(errno));
		return -1;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/stagematch.db", data_dir);
	if (!create && access(path, F_OK) != 0) {
		fprintf(stderr, "Geen database in %s. Maak ze eerst aan met: stagematch init --data %s\n",
		        data_dir, data_dir);
		return -1;
	}
	db_configure(path);
	snprintf(path, sizeof path, "%s/secret.key", data_dir);
	if (secret_key_load(path, create) != 0) {
		fprintf(stderr, "Kan de sleutel %s niet lezen of aanmaken. Ze hoort bij deze database; "
		                "zonder haar zijn de rijksregisternummers niet leesbaar.\n", path);
		return -1;
	}
	return migrate_apply() < 0 ? -1 : 0;
}

static const char SERVE_HELP[] =
	"Gebruik: stagematch serve [opties]\n"
	"Start de webserver.\n\n"
	"  --listen ADRES:POORT        luisteradres (standaard 127.0.0.1:8080; poort 0 = vrije poort)\n"
	"  --data MAP                  gegevensmap (standaard ./data)\n"
	"  --behind-https              achter een HTTPS-proxy: cookies met Secure en __Host-\n"
	"  --trust-proxy               geloof X-Forwarded-For en X-Forwarded-Proto van de proxy\n"
	"  --base-url URL              adres in links van e-mails (standaard http://ADRES:POORT)\n"
	"  --threads N                 werkthreads (standaard: aantal kernen)\n"
	"  --password-slots N          wachtwoordcontroles tegelijk (standaard: helft van de kernen)\n"
	"  --session-idle-minutes N    sessie verloopt na N minuten niets doen (standaard 60)\n"
	"  --session-hours N           sessie verloopt hoe dan ook na N uur (standaard 12)\n"
	"  --smtp-url URL              smtp://host:587 of smtps://host:465; zonder: .eml-bestanden\n"
	"  --smtp-user NAAM            SMTP-gebruiker (wachtwoord in STAGEMATCH_SMTP_PASSWORD)\n"
	"  --mail-from ADRES           afzender van e-mails\n"
	"  --mail-reply-to ADRES       antwoordadres van e-mails\n"
	"  --activation-days N         zo lang werkt de activatielink van een uitnodiging (standaard 7)\n";

static int serve_options(int argc, char **argv)
{
	static const struct option opts[] = {
		{"listen", required_argument, NULL, OPT_LISTEN},
		{"data", required_argument, NULL, OPT_DATA},
		{"behind-https", no_argument, NULL, OPT_BEHIND_HTTPS},
		{"trust-proxy", no_argument, NULL, OPT_TRUST_PROXY},
		{"base-url", required_argument, NULL, OPT_BASE_URL},
		{"threads", required_argument, NULL, OPT_THREADS},
		{"password-slots", required_argument, NULL, OPT_PASSWORD_SLOTS},
		{"session-idle-minutes", required_argument, NULL, OPT_IDLE},
		{"session-hours", required_argument, NULL, OPT_ABSOLUTE},
		{"smtp-url", required_argument, NULL, OPT_SMTP_URL},
		{"smtp-user", required_argument, NULL, OPT_SMTP_USER},
		{"mail-from", required_argument, NULL, OPT_MAIL_FROM},
		{"mail-reply-to", required_argument, NULL, OPT_REPLY_TO},
		{"activation-days", required_argument, NULL, OPT_ACTIVATION_DAYS},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		bool ok = true;
		switch (c) {
		case OPT_LISTEN: cfg.listen = optarg; break;
		case OPT_DATA: cfg.data_dir = optarg; break;
		case OPT_BEHIND_HTTPS: cfg.behind_https = true; break;
		case OPT_TRUST_PROXY: cfg.trust_proxy = true; break;
		case OPT_BASE_URL: cfg.base_url = optarg; break;
		case OPT_THREADS: ok = parse_positive(optarg, &cfg.threads); break;
		case OPT_PASSWORD_SLOTS: ok = parse_positive(optarg, &cfg.password_slots); break;
		case OPT_IDLE: ok = parse_positive(optarg, &cfg.idle_minutes) && cfg.idle_minutes > 0; break;
		case OPT_ABSOLUTE: ok = parse_positive(optarg, &cfg.absolute_hours) && cfg.absolute_hours > 0; break;
		case OPT_SMTP_URL:
			cfg.smtp_url = optarg;
			ok = strncmp(optarg, "smtp://", 7) == 0 || strncmp(optarg, "smtps://", 8) == 0;
			break;
		case OPT_SMTP_USER: cfg.smtp_user = optarg; break;
		case OPT_MAIL_FROM: cfg.mail_from = optarg; break;
		case OPT_REPLY_TO: cfg.mail_reply_to = optarg; break;
		case OPT_ACTIVATION_DAYS:
			ok = parse_positive(optarg, &cfg.activation_days) && cfg.activation_days > 0 &&
			     cfg.activation_days <= 90;
			break;
		case OPT_HELP: fputs(SERVE_HELP, stdout); return 1;
		default: fputs(SERVE_HELP, stderr); return -1;
		}
		if (!ok) {
			for (const struct option *o = opts; o->name; o++)
				if (o->val == c)
					fprintf(stderr, "Ongeldige waarde voor --%s: %s\n", o->name, optarg);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "Onbekend argument: %s\n\n%s", argv[optind], SERVE_HELP);
		return -1;
	}
	cfg.smtp_password = getenv("STAGEMATCH_SMTP_PASSWORD");
	return 0;
}

int cli_serve(int argc, char **argv)
{
	int rc = serve_options(argc, argv);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	/* Signals are handled by sigwait below, in this thread only. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (cli_open_data(cfg.data_dir, true) != 0)
		return 1;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	auth_setup(cfg.password_slots ? cfg.password_slots : (int)(cores > 1 ? cores / 2 : 1));
	mail_setup();
	unsigned port = 0;
	struct http_server *server = http_start(cfg.listen, cfg.threads, &port);
	if (!server)
		return 1;
	char host[64];
	snprintf(host, sizeof host, "%.*s", (int)strcspn(cfg.listen, ":"), cfg.listen);
	if (!cfg.base_url) {
		static char base[128];
		snprintf(base, sizeof base, "http://%s:%u", host, port);
		cfg.base_url = base;
	}
	/* So that `user invite` on the command line writes the same links. */
	char days[16];
	snprintf(days, sizeof days, "%d", cfg.activation_days);
	if (setting_set("base_url", cfg.base_url) != 0 || setting_set("activation_days", days) != 0)
		log_error("settings", "message=\"could not record base_url and activation_days\"");
	jobs_start();
	printf("stagematch luistert op http://%s:%u/\n", host, port);
	fflush(stdout);
	log_info("started", "listen=%s:%u", host, port);

	int sig = 0;
	sigwait(&stop, &sig);
	log_info("stopping", "signal=%d", sig);
	http_stop(server);
	jobs_stop();
	mail_teardown();
	db_close_thread();
	log_info("stopped", "reason=signal");
	return 0;
}

/* Parses just --data and --help for the simpler subcommands. */
static int data_options(int argc, char **argv, const char *help, bool *open_now)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, OPT_DATA},
		{"open", no_argument, NULL, OPT_OPEN},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == OPT_DATA)
			cfg.data_dir = optarg;
		else if (c == OPT_OPEN && open_now)
			*open_now = true;
		else if (c == OPT_HELP) {
			fputs(help, stdout);
			return 1;
		} else {
			fputs(help, stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "Onbekend argument: %s\n\n%s", argv[optind], help);
		return -1;
	}
	return 0;
}

int cli_init(int argc, char **argv)
{
	static const char help[] =
		"Gebruik: stagematch init [--data MAP]\n"
		"Maakt de gegevensmap, de database en de sleutel voor rijksregisternummers aan,\n"
		"of brengt een bestaande database naar de nieuwste schemaversie.\n";
	int rc = data_options(argc, argv, help, NULL);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (cli_open_data(cfg.data_dir, true) != 0)
		return 1;
	printf("Database klaar in %s (schemaversie %d).\n", cfg.data_dir, migrate_current_version());
	return 0;
}

int cli_demo(int argc, char **argv)
{
	static const char help[] =
		"Gebruik: stagematch demo [--data MAP] [--open]\n"
		"Vult een lege database met demogegevens: de opleiding 'Dubbele finaliteit\n"
		"gezondheidszorg' met campagne 2026-2027, 3 scholen, 4 diensten, contactpersonen,\n"
		"25 leerlingen en een login per rol (wachtwoord: " DEMO_PASSWORD ").\n\n"
		"  --open   registratie en behandeling nu open (anders de timing van de handleiding)\n";
	struct demo_options o = {0};
	int rc = data_options(argc, argv, help, &o.open_now);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (cli_open_data(cfg.data_dir, true) != 0 || demo_fill(&o) != 0)
		return 1;
	printf("Demogegevens aangemaakt in %s.\n", cfg.data_dir);
	return 0;
}

int cli_email_argument(int argc, char **argv, const char *help, char email[255])
{
	if (optind != argc - 1) {
		fputs(help, stderr);
		return 2;
	}
	const char *problem = validate_email(argv[optind], email, 255);
	if (problem) {
		fprintf(stderr, "%s\n", problem);
		return 2;
	}
	return 0;
}

static const char USER_HELP[] =
	"Gebruik: stagematch user add E-MAIL [--name NAAM] [--data MAP] [--generate]\n"
	"Maakt een coördinator (beheerder) aan. Het wachtwoord komt van de standaardinvoer\n"
	"(één regel), of wordt met --generate gemaakt en één keer getoond.\n\n"
	"Of:     stagematch user invite E-MAIL --org ID-OF-NAAM [--name NAAM] [--data MAP]\n"
	"Nodigt een gebruiker van een school, dienst of de coördinatie uit per e-mail\n"
	"(meer: stagematch user invite --help).\n";

int cli_user(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(USER_HELP, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "invite") == 0)
		return cli_user_invite(argc - 1, argv + 1);
	if (strcmp(argv[1], "add") != 0) {
		fprintf(stderr, "Onbekende opdracht: user %s\n\n%s", argv[1], USER_HELP);
		return 2;
	}
	static const struct option opts[] = {
		{"data", required_argument, NULL, OPT_DATA},
		{"name", required_argument, NULL, OPT_NAME},
		{"generate", no_argument, NULL, OPT_GENERATE},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *name = "";
	bool generate = false;
	int c;
	optind = 1;
	argc--, argv++;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == OPT_DATA) cfg.data_dir = optarg;
		else if (c == OPT_NAME) name = optarg;
		else if (c == OPT_GENERATE) generate = true;
		else if (c == OPT_HELP) { fputs(USER_HELP, stdout); return 0; }
		else { fputs(USER_HELP, stderr); return 2; }
	}
	char email[255];
	if (cli_email_argument(argc, argv, USER_HELP, email) != 0)
		return 2;
	char password[200] = "";
	if (generate) {
		char token[TOKEN_LEN];
		token_new(token);
		snprintf(password, sizeof password, "%.20s", token);
	} else if (!fgets(password, sizeof password, stdin)) {
		fprintf(stderr, "Geef het wachtwoord op de standaardinvoer, of gebruik --generate.\n");
		return 2;
	}
	password[strcspn(password, "\r\n")] = 0;
	const char *problem = auth_password_problem(password);
	if (problem) {
		fprintf(stderr, "%s\n", problem);
		return 2;
	}
	char hash[PASSWORD_HASH_LEN];
	if (cli_open_data(cfg.data_dir, true) != 0 || password_hash(password, hash) != 0 || db_begin() != DB_DONE)
		return 1;
	long long org = org_coordinator_id();
	long long id = org ? user_create(org, email, name, hash) : 0;
	if (!id || db_commit() != DB_DONE) {
		db_rollback();
		fprintf(stderr, "Er bestaat al een gebruiker met e-mailadres %s.\n", email);
		return 1;
	}
	printf("Coördinator %s aangemaakt.\n", email);
	if (generate)
		printf("Wachtwoord (wordt niet meer getoond): %s\n", password);
	return 0;
}
