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
#include "backup.h"
#include "cli_common.h"
#include "campaigns.h"
#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "demo.h"
#include "http.h"
#include "jobs.h"
#include "layout.h"
#include "log.h"
#include "mail.h"
#include "metrics.h"
#include "migrate.h"
#include "orgs.h"
#include "retention.h"
#include "router.h"
#include "reminders.h"
#include "settings.h"
#include "user.h"
#include "validate.h"

enum {
	OPT_DATA = 1000, OPT_HELP, OPT_OPEN, OPT_NAME, OPT_ORG, OPT_GENERATE, OPT_SCALE, OPT_SCHOOLS, OPT_SERVICES,
	OPT_RESULTS, OPT_CONFIG, OPT_YES, OPT_FORCE, OPT_CAMPAIGN, OPT_DAYS, OPT_IF_EMPTY, OPT_LOGINS,
};

static void serve_help(FILE *out)
{
	fputs("Gebruik: stagematch serve [--config BESTAND] [opties]\n"
	      "Start de webserver. Instellingen komen uit " SETTINGS_DEFAULT_FILE " (als het\n"
	      "bestaat) of uit --config, en opties hieronder gaan daar boven.\n\n"
	      "  --config BESTAND               configuratiebestand (sleutel = waarde)\n",
	      out);
	settings_print_flags(out);
	fputs("\nHet SMTP-wachtwoord komt uit de omgevingsvariabele STAGEMATCH_SMTP_PASSWORD of het\n"
	      "configuratiebestand, nooit van de opdrachtregel.\n",
	      out);
}

/* Settings for serve: defaults, then the file, then the flags. 1 = help shown, -1 = error. */
static int serve_options(int argc, char **argv)
{
	if (cli_help_asked(argc, argv)) {
		serve_help(stdout);
		return 1;
	}
	if (cli_load_config(argc, argv) != 0)
		return -1;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strncmp(arg, "--", 2) != 0) {
			fprintf(stderr, "Onbekend argument: %s (zie stagematch serve --help)\n", arg);
			return -1;
		}
		char name[64];
		const char *eq = strchr(arg, '=');
		snprintf(name, sizeof name, "%.*s", (int)(eq ? eq - arg - 2 : (long)strlen(arg + 2)), arg + 2);
		const char *value = eq ? eq + 1 : NULL;
		if (strcmp(name, "config") == 0) {
			if (!value)
				i++;
			continue;
		}
		if (strcmp(name, "smtp-password") == 0 || !settings_known(name) || strchr(name, '_')) {
			fprintf(stderr, "Onbekende optie: %s (zie stagematch serve --help)\n", arg);
			return -1;
		}
		if (!value)
			value = settings_is_switch(name) ? "yes" : (i + 1 < argc ? argv[++i] : NULL);
		const char *problem = value ? settings_apply(name, value) : "er ontbreekt een waarde";
		if (problem) {
			fprintf(stderr, "--%s: %s\n", name, problem);
			return -1;
		}
	}
	const char *password = getenv("STAGEMATCH_SMTP_PASSWORD");
	if (password && *password)
		cfg.smtp_password = password;
	return 0;
}

int cli_routes(int argc, char **argv)
{
	if (cli_help_asked(argc, argv)) {
		fputs("Gebruik: stagematch routes\n"
		      "Toont de routetabel: methode, pad, rollen (admin, school, service, public), en\n"
		      "token-in-path voor paden met een geheim (nooit gelogd; ook niet door nginx).\n",
		      stdout);
		return 0;
	}
	for (const struct route *rt = routes; rt->method; rt++) {
		printf("%s %s", rt->method, rt->pattern);
		if (rt->flags & ROUTE_PUBLIC)
			printf(" public");
		else
			printf("%s%s%s", (rt->roles & ROLE_ADMIN) ? " admin" : "", (rt->roles & ROLE_SCHOOL) ? " school" : "",
			       (rt->roles & ROLE_SERVICE) ? " service" : "");
		if (rt->flags & ROUTE_TOKEN)
			printf(" token-in-path");
		putchar('\n');
	}
	return 0;
}

int cli_config(int argc, char **argv)
{
	static const char help[] =
		"Gebruik: stagematch config check [--config BESTAND]\n"
		"Controleert een configuratiebestand (standaard " SETTINGS_DEFAULT_FILE ") en toont de\n"
		"instellingen die gelden, geheimen gemaskeerd. Fouten krijgen hun regelnummer.\n";
	if (cli_help_asked(argc, argv)) {
		fputs(help, stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "check") != 0) {
		if (argc >= 2)
			fprintf(stderr, "Onbekende opdracht: config %s\n\n", argv[1]);
		fputs(help, stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
			i++;
		} else if (strncmp(argv[i], "--config=", 9) != 0) {
			fprintf(stderr, "Onbekend argument: %s\n\n%s", argv[i], help);
			return 2;
		}
	const char *named = cli_config_flag(argc - 1, argv + 1);
	const char *path = named ? named : SETTINGS_DEFAULT_FILE;
	int errors = settings_load_file(path);
	if (errors < 0) {
		fprintf(stderr, "Kan het configuratiebestand %s niet lezen: %s\n", path, strerror(errno));
		return 1;
	}
	const char *password = getenv("STAGEMATCH_SMTP_PASSWORD");
	if (password && *password)
		cfg.smtp_password = password;
	if (errors > 0) {
		fprintf(stderr, "%d fout(en) in %s; niets gestart.\n", errors, path);
		return 1;
	}
	const char *problem = mail_config_problem();
	if (!problem)
		problem = reminders_config_problem();
	if (problem) {
		fprintf(stderr, "%s: %s\n", path, problem);
		return 1;
	}
	printf("# %s is in orde. Instellingen die gelden:\n", path);
	settings_print(stdout);
	return 0;
}

/* What the HTTP adapter serves: the router, the site's error page, the metrics. */
static const struct http_app web_app = {
	.dispatch = router_dispatch,
	.offloaded = router_offloaded,
	.takes_upload = router_takes_upload,
	.error_page = layout_error_page,
	.observe = metrics_observe,
	.thread_end = db_close_thread,
	.busy_message = AUTH_BUSY_MESSAGE,
};

int cli_serve(int argc, char **argv)
{
	int rc = serve_options(argc, argv);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	/* Every option is checked, and the port taken, before anything is written. */
	const char *problem = mail_config_problem();
	if (!problem)
		problem = reminders_config_problem();
	if (!problem)
		problem = http_listen_problem(cfg.listen);
	if (problem) {
		fprintf(stderr, "%s\n", problem);
		return 2;
	}
	if (cli_data_dir_check(cfg.data_dir) != 0)
		return 1;
	int listening = http_listen(cfg.listen);
	if (listening < 0)
		return 1;
	/* Signals are handled by sigwait below, in this thread only. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Held while serving, so `restore` refuses to pull the database away underneath. */
	if ((mkdir(cfg.data_dir, 0700) != 0 && errno != EEXIST) || backup_lock_data(cfg.data_dir, false) != 0 ||
	    cli_open_checked_data(cfg.data_dir, true) != 0) /* checked above, before listening */
		return 1;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int slots = cfg.password_slots ? cfg.password_slots : (int)(cores > 1 ? cores / 2 : 1);
	auth_setup(slots);
	metrics_setup();
	mail_setup();
	unsigned port = 0;
	struct http_server *server = http_start(&web_app, listening, cfg.threads, slots, &port);
	if (!server)
		return 1;
	char host[64];
	snprintf(host, sizeof host, "%.*s", (int)strcspn(cfg.listen, ":"), cfg.listen);
	if (!cfg.base_url) {
		static char base[128];
		snprintf(base, sizeof base, "http://%s:%u", host, port);
		cfg.base_url = base;
	}
	jobs_start();
	printf("stagematch luistert op http://%s:%u/\n", host, port);
	fflush(stdout);
	log_info("started", "listen=%s:%u", host, port);

	int sig = 0;
	sigwait(&stop, &sig);
	log_info("stopping", "signal=%d", sig);
	http_stop(server);
	auth_stop();
	jobs_stop();
	mail_teardown();
	db_close_thread();
	log_info("stopped", "reason=signal");
	return 0;
}

/* Parses just --data and --help (init). */
static int data_options(int argc, char **argv, const char *help)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, OPT_DATA},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		if (c == OPT_DATA)
			cfg.data_dir = optarg;
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
	int rc = data_options(argc, argv, help);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (cli_open_data(cfg.data_dir, true) != 0)
		return 1;
	printf("Database klaar in %s (schemaversie %d).\n", cfg.data_dir, migrate_current_version());
	return 0;
}

/* A whole number in [min, max] for a flag, or a message on stderr. */
static bool number_flag(const char *flag, const char *value, long min, long max, long *out)
{
	const char *problem = validate_int(value, min, max, out);
	if (problem)
		fprintf(stderr, "--%s: %s\n", flag, problem);
	return !problem;
}

int cli_demo(int argc, char **argv)
{
	static const char help[] =
		"Gebruik: stagematch demo [--data MAP] [--open | --results] [--if-empty] [--scale N [--schools S] [--services D]]\n"
		"        stagematch demo --logins [--data MAP]\n"
		"Vult een lege database met demogegevens: de opleiding 'Dubbele finaliteit\n"
		"gezondheidszorg' met campagne 2026-2027, 3 scholen, 4 diensten, contactpersonen,\n"
		"25 leerlingen en de demo-accounts hieronder.\n\n"
		"  --if-empty    enkel als de database nog geen gebruikers heeft; anders niets (geen fout)\n"
		"  --logins      toon de demo-accounts die in de database bestaan, en verander niets\n"
		"  --open        registratie en behandeling nu open (anders de timing van de handleiding)\n"
		"  --results     registratie en behandeling voorbij, de resultaten nu zichtbaar\n"
		"  --scale N     in de plaats een gemaakte dataset voor metingen: N leerlingen (bv. 10000\n"
		"                of 100000) in alle toestanden, met contactpersonen, periodes, aanvaardingen\n"
		"                en gestopte leerlingen; een login per school en dienst:\n"
		"                school1@bench.test ... en dienst1@bench.test ..., coördinator\n"
		"                admin@bench.test. school1 heeft precies 50 leerlingen.\n"
		"  --schools S   aantal scholen bij --scale (standaard 300; met 1 krijgt die alles)\n"
		"  --services D  aantal diensten bij --scale (standaard 60)\n";
	static const struct option opts[] = {
		{"data", required_argument, NULL, OPT_DATA},
		{"open", no_argument, NULL, OPT_OPEN},
		{"results", no_argument, NULL, OPT_RESULTS},
		{"scale", required_argument, NULL, OPT_SCALE},
		{"schools", required_argument, NULL, OPT_SCHOOLS},
		{"services", required_argument, NULL, OPT_SERVICES},
		{"if-empty", no_argument, NULL, OPT_IF_EMPTY},
		{"logins", no_argument, NULL, OPT_LOGINS},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	struct demo_options o = {.schools = DEMO_SCALE_SCHOOLS, .services = DEMO_SCALE_SERVICES};
	long schools = o.schools, services = o.services;
	bool sized = false, if_empty = false, logins = false;
	int c;
	optind = 1;
	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		if (c == OPT_DATA)
			cfg.data_dir = optarg;
		else if (c == OPT_OPEN)
			o.open_now = true;
		else if (c == OPT_RESULTS)
			o.results_now = true;
		else if (c == OPT_IF_EMPTY)
			if_empty = true;
		else if (c == OPT_LOGINS)
			logins = true;
		else if (c == OPT_SCALE) {
			if (!number_flag("scale", optarg, 1, DEMO_SCALE_MAX, &o.scale))
				return 2;
		} else if (c == OPT_SCHOOLS || c == OPT_SERVICES) {
			if (!number_flag(c == OPT_SCHOOLS ? "schools" : "services", optarg, 1, 10000,
			                 c == OPT_SCHOOLS ? &schools : &services))
				return 2;
			sized = true;
		} else if (c == OPT_HELP) {
			fputs(help, stdout);
			fputc('\n', stdout);
			demo_print_logins(stdout, false);
			return 0;
		} else {
			fputs(help, stderr);
			return 2;
		}
	}
	if (logins) {
		if (cli_open_data(cfg.data_dir, false) != 0)
			return 1;
		demo_print_logins(stdout, true);
		return 0;
	}
	const char *problem = optind < argc                  ? "Onbekend argument."
	                      : sized && !o.scale              ? "--schools en --services horen bij --scale."
	                      : o.open_now && o.results_now ? "Kies --open of --results, niet beide."
	                                                       : NULL;
	if (problem) {
		fprintf(stderr, "%s\n\n%s", problem, help);
		return 2;
	}
	o.schools = (int)schools;
	o.services = (int)services;
	if (cli_open_data(cfg.data_dir, true) != 0)
		return 1;
	struct scope system = scope_system();
	if (if_empty && user_count(&system) > 0) {
		printf("De database in %s heeft al gebruikers; geen demogegevens toegevoegd.\n", cfg.data_dir);
		return 0;
	}
	if (demo_fill(&o) != 0)
		return 1;
	if (o.scale)
		printf("Dataset aangemaakt in %s: %ld leerlingen, %d scholen (school1@bench.test tot school%d@bench.test), "
		       "%d diensten (dienst1@bench.test tot dienst%d@bench.test); wachtwoord " DEMO_PASSWORD ".\n",
		       cfg.data_dir, o.scale, o.schools, o.schools, o.services, o.services);
	else
		printf("Demogegevens aangemaakt in %s.\n", cfg.data_dir);
	return 0;
}

static const char USER_HELP[] =
	"Gebruik: stagematch user add E-MAIL [--name NAAM] [--data MAP] [--generate]\n"
	"Maakt een coördinator (beheerder) aan. Het wachtwoord komt van de standaardinvoer\n"
	"(één regel), of wordt met --generate gemaakt en één keer getoond.\n\n"
	"Of:     stagematch user invite E-MAIL --org ID-OF-NAAM [--name NAAM] [--data MAP]\n"
	"Nodigt een gebruiker van een school, dienst of de coördinatie uit per e-mail\n"
	"(meer: stagematch user invite --help).\n";

struct new_coordinator {
	const char *email, *name, *hash;
};

/* The body of `user add`'s transaction: the user in the coordinator's organisation. */
static int coordinator_add(void *ctx)
{
	const struct new_coordinator *c = ctx;
	long long org = org_coordinator_id();
	return org && user_create(org, c->email, c->name, c->hash) ? DB_DONE : DB_CONSTRAINT;
}

int cli_user(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
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
	while ((c = cli_getopt(argc, argv, opts)) != -1) {
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
	if (cli_open_data(cfg.data_dir, true) != 0 || password_hash(password, hash) != 0)
		return 1;
	struct new_coordinator add = {email, name, hash};
	if (db_tx(coordinator_add, &add) != DB_DONE) {
		fprintf(stderr, "Er bestaat al een gebruiker met e-mailadres %s.\n", email);
		return 1;
	}
	printf("Coördinator %s aangemaakt.\n", email);
	if (generate)
		printf("Wachtwoord (wordt niet meer getoond): %s\n", password);
	return 0;
}

/* ---- backup, restore, retention ------------------------------------------------------ */

struct maintenance_args {
	const char *file;          /* the one positional argument, when wanted */
	long long campaign;
	bool yes, force;
};

/*
 * Options of the maintenance commands: --data, --config (the data folder and
 * retention_days may come from the configuration file, as for serve), --help and those
 * of `allowed` ("yes", "force", "campaign", "days"). 1 = help shown, -1 = wrong usage.
 */
static int maintenance_options(int argc, char **argv, const char *help, const char *allowed, bool want_file,
                               struct maintenance_args *a)
{
	static const struct option opts[] = {
		{"data", required_argument, NULL, OPT_DATA},     {"config", required_argument, NULL, OPT_CONFIG},
		{"help", no_argument, NULL, OPT_HELP},           {"yes", no_argument, NULL, OPT_YES},
		{"force", no_argument, NULL, OPT_FORCE},         {"campaign", required_argument, NULL, OPT_CAMPAIGN},
		{"days", required_argument, NULL, OPT_DAYS},     {NULL, 0, NULL, 0},
	};
	if (cli_help_asked(argc, argv)) {
		fputs(help, stdout);
		return 1;
	}
	if (cli_load_config(argc, argv) != 0)
		return -1;
	*a = (struct maintenance_args){0};
	int c;
	optind = 1;
	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		const char *name = NULL;
		for (const struct option *o = opts; o->name; o++)
			if (o->val == c)
				name = o->name;
		if (c == OPT_DATA || c == OPT_CONFIG) {
			if (c == OPT_DATA)
				cfg.data_dir = optarg;
			continue;
		}
		if (!name || !strstr(allowed, name)) {
			fputs(help, stderr);
			return -1;
		}
		const char *problem = NULL;
		char *end;
		switch (c) {
		case OPT_YES: a->yes = true; break;
		case OPT_FORCE: a->force = true; break;
		case OPT_CAMPAIGN:
			a->campaign = strtoll(optarg, &end, 10);
			if (*end || a->campaign <= 0)
				problem = "verwacht het nummer van een campagne";
			break;
		case OPT_DAYS: problem = settings_apply("retention_days", optarg); break;
		}
		if (problem) {
			fprintf(stderr, "--%s: %s\n", name, problem);
			return -1;
		}
	}
	if (want_file && optind == argc - 1) {
		a->file = argv[optind];
	} else if (optind < argc || want_file) {
		fputs(help, stderr);
		return -1;
	}
	return 0;
}

int cli_backup(int argc, char **argv)
{
	static const char help[] =
		"Gebruik: stagematch backup BESTAND [--data MAP] [--config BESTAND]\n"
		"Maakt een back-up van de database in BESTAND, ook terwijl de server draait (SQLite's\n"
		"online back-up: een samenhangende momentopname) en controleert de kopie.\n"
		"Bewaar secret.key apart: zonder die sleutel zijn de rijksregisternummers niet leesbaar.\n";
	struct maintenance_args a;
	int rc = maintenance_options(argc, argv, help, "", true, &a);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	return backup_make(cfg.data_dir, a.file);
}

int cli_restore(int argc, char **argv)
{
	static const char help[] =
		"Gebruik: stagematch restore BESTAND [--data MAP] [--config BESTAND] [--force]\n"
		"Zet een back-up terug als database van de gegevensmap. Stop eerst de server: zolang er\n"
		"een draait op die map, weigert restore. BESTAND wordt eerst gecontroleerd; de huidige\n"
		"database blijft bewaard als stagematch.db.bak.\n\n"
		"  --force   ook als secret.key de rijksregisternummers van de back-up niet kan lezen\n";
	struct maintenance_args a;
	int rc = maintenance_options(argc, argv, help, "force", true, &a);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	return backup_restore(cfg.data_dir, a.file, a.force);
}

int cli_retention(int argc, char **argv)
{
	static const char help[] =
		"Gebruik: stagematch retention --campaign NR [--yes] [--days N] [--data MAP] [--config BESTAND]\n"
		"Verwijdert de persoonsgegevens van een afgesloten campagne (rijksregisternummer, straat,\n"
		"telefoon, e-mail, namen, opmerkingen, stagementors, ongebruikte contactpersonen) en\n"
		"bewaart de anonieme aantallen. Zonder --yes toont het enkel wat verwijderd zou worden.\n\n"
		"  --campaign NR   het nummer van de campagne (zie /beheer/campagnes/NR)\n"
		"  --yes           verwijder echt\n"
		"  --days N        pas zoveel dagen na de resultaten (standaard retention_days, 365)\n";
	struct maintenance_args a;
	int rc = maintenance_options(argc, argv, help, "yes campaign days", false, &a);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (!a.campaign) {
		fputs(help, stderr);
		return 2;
	}
	if (cli_open_data(cfg.data_dir, false) != 0)
		return 1;
	struct campaign c;
	if (!campaign_load(a.campaign, &c)) {
		fprintf(stderr, "Campagne %lld bestaat niet.\n", a.campaign);
		return 1;
	}
	struct arena *arena = arena_new();
	const char *refusal = retention_refusal(arena, &c, clock_now(), cfg.retention_days);
	struct retention_counts n;
	rc = 1;
	if (refusal) {
		fprintf(stderr, "%s %s: %s\n", c.programme_name, c.school_year, refusal);
	} else if (retention_count(c.id, &n) != DB_DONE) {
		fprintf(stderr, "De aantallen konden niet geteld worden: %s\n", db_error());
	} else if (!a.yes) {
		printf("%s %s: te verwijderen: persoonsgegevens van %s.\nNiets verwijderd. Herhaal met --yes om "
		       "te verwijderen.\n",
		       c.programme_name, c.school_year, retention_summary(arena, &n));
		rc = 0;
	} else if (retention_apply(&c, NULL, &n) != DB_DONE) {
		fprintf(stderr, "Verwijderen mislukt; er is niets veranderd: %s\n", db_error());
	} else {
		printf("%s %s: persoonsgegevens verwijderd van %s.\n", c.programme_name, c.school_year,
		       retention_summary(arena, &n));
		printf("Ook %lld e-mail(s) over de campagne leeggemaakt en %lld back-up(s) ouder dan %d dagen "
		       "verwijderd uit %s/backups.\n", n.mails, n.backups, cfg.backup_days, cfg.data_dir);
		rc = 0;
	}
	arena_free(arena);
	return rc;
}
