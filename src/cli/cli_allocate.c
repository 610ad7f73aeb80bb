/*
 * `stagematch allocate`: solves an allocation instance from a file (docs/allocation-instance.md)
 * or a generated region, prints the statistics and, on request, why each pupil is where it is.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "alloc.h"
#include "buf.h"
#include "cli.h"
#include "csv.h"

static const char HELP[] =
	"Gebruik: stagematch allocate --instance BESTAND [--seed N] [--explain] [--csv BESTAND]\n"
	"                             [--services-csv BESTAND] [--costs \"0 1 2 10\"]\n"
	"         stagematch allocate --generate AANTAL [--seed N] [--write BESTAND]\n\n"
	"Verdeelt leerlingen over de plaatsen van diensten: eerst zo veel mogelijk leerlingen\n"
	"geplaatst, dan zo dicht mogelijk bij hun voorkeur (de kleinste totale kost), bewezen\n"
	"optimaal. Het bestandsformaat staat in docs/allocation-instance.md.\n\n"
	"  --instance BESTAND       de instantie ('-' = standaardinvoer)\n"
	"  --seed N                 de loting bij gelijke keuzes (standaard 1); dezelfde seed\n"
	"                           geeft op elke machine dezelfde verdeling\n"
	"  --costs \"K1 K2 K3 A\"     kost van voorkeur 1, 2, 3 en van een andere dienst\n"
	"                           (standaard 0 1 2 10; een regel 'costs' in het bestand gaat voor)\n"
	"  --explain                toon per leerling waar die terechtkomt en waarom niet hoger,\n"
	"                           en per dienst hoeveel plaatsen naar voorkeur 1, 2, 3 gingen\n"
	"  --csv BESTAND            schrijf per leerling de plaats en de uitleg als CSV\n"
	"  --services-csv BESTAND   schrijf per dienst de plaatsen per voorkeur als CSV\n"
	"  --generate AANTAL        maak een instantie die op een regio lijkt (11 provincies,\n"
	"                           ~1 dienst per 170 leerlingen) en verdeel ze\n"
	"  --write BESTAND          met --generate: schrijf de instantie weg in plaats van ze te verdelen\n\n"
	"Een campagne uit de database verdelen (--campaign) kan nog niet: dat wacht op de\n"
	"plaatsen en voorkeuren per campagne.\n";

enum { OPT_INSTANCE = 1000, OPT_SEED, OPT_EXPLAIN, OPT_CSV, OPT_SERVICES_CSV, OPT_COSTS, OPT_GENERATE,
	   OPT_WRITE, OPT_HELP };

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Processor time of this process (user and system, getrusage): on a busy machine a fairer
 * measure than the clock. */
static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* The process's peak resident memory in MB (VmHWM), or -1. */
static double peak_rss_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	double mb = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			mb = strtod(line + 6, NULL) / 1024.0;
	if (f)
		fclose(f);
	return mb;
}

static int parse_costs(const char *s, struct alloc_costs *c)
{
	long v[ALLOC_MAX_RANKS + 1];
	int n = 0;
	const char *p = s;
	while (*p) {
		char *end;
		errno = 0;
		long x = strtol(p, &end, 10);
		if (end == p || errno || x < 0 || x > ALLOC_MAX_COST || n == ALLOC_MAX_RANKS + 1)
			return -1;
		v[n++] = x;
		p = end;
		while (*p == ' ' || *p == ',')
			p++;
	}
	if (n < 2)
		return -1;
	memset(c, 0, sizeof *c);
	c->n_ranks = n - 1;
	for (int i = 0; i < n - 1; i++)
		c->rank_cost[i] = (int)v[i];
	c->other_cost = (int)v[n - 1];
	return 0;
}

static const char *rank_label(int rank, char buf[24])
{
	if (rank < 0)
		return "niet geplaatst";
	if (rank == 0)
		return "andere dienst";
	snprintf(buf, 24, "voorkeur %d", rank);
	return buf;
}

/* The explanation of one pupil in plain Dutch. */
static void explanation_text(const struct alloc_instance *in, const struct alloc_explanation *x, struct buf *out)
{
	char name[24];
	if (x->rank < 0) {
		if (x->n_eligible == 0)
			buf_puts(out, "Geen plaats: er is geen enkele dienst waarvoor deze leerling in aanmerking komt.");
		else
			buf_printf(out, "Geen plaats: alle %d %s waarvoor deze leerling in aanmerking komt, %s volzet.",
			           x->n_eligible, x->n_eligible == 1 ? "dienst" : "diensten",
			           x->n_eligible == 1 ? "is" : "zijn");
	} else if (x->rank == 1) {
		buf_printf(out, "Geplaatst bij voorkeur 1 (%s).", alloc_service_name(in, x->service, name));
	} else if (x->rank > 1) {
		buf_printf(out, "Geplaatst bij voorkeur %d (%s).", x->rank, alloc_service_name(in, x->service, name));
	} else {
		buf_printf(out, "Geplaatst bij %s, een andere dienst in de regio.", alloc_service_name(in, x->service, name));
	}
	for (int i = 0; i < x->n_why_not; i++) {
		const struct alloc_why_not *w = &x->why_not[i];
		const char *s = alloc_service_name(in, w->service, name);
		if (w->lower == 0)
			buf_printf(out, " Voorkeur %d (%s) is volzet met leerlingen die deze dienst hoger of even hoog "
			                "rangschikten.", w->rank, s);
		else
			buf_printf(out, " Voorkeur %d (%s) is volzet; %lld %s daar %s ze lager, maar %s verplaatsen maakt "
			                "de verdeling als geheel niet beter (anderen zouden verder van hun voorkeur belanden "
			                "of geen plaats krijgen).",
			           w->rank, s, (long long)w->lower, w->lower == 1 ? "leerling" : "leerlingen",
			           w->lower == 1 ? "rangschikte" : "rangschikten", w->lower == 1 ? "die" : "hen");
	}
}

static int write_pupils_csv(const char *path, const struct alloc_instance *in, const struct alloc_result *r,
                            const int64_t *ranks)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	if (!f) {
		fprintf(stderr, "Kan %s niet schrijven: %s\n", path, strerror(errno));
		return -1;
	}
	struct buf b = {0}, why = {0};
	char n1[24], n2[24], label[24];
	csv_begin(&b);
	static const char *header[] = {"leerling", "dienst", "plaats", "kost", "uitleg"};
	for (int i = 0; i < 5; i++)
		csv_field(&b, header[i], i == 0);
	csv_end_record(&b);
	for (int32_t p = 0; p < in->n_pupils; p++) {
		struct alloc_explanation x;
		alloc_explain(in, r, ranks, p, &x);
		buf_reset(&why);
		explanation_text(in, &x, &why);
		char cost[24] = "";
		if (x.service >= 0)
			for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++)
				if (in->edge_service[e] == x.service)
					snprintf(cost, sizeof cost, "%d", in->edge_cost[e]);
		csv_field(&b, alloc_pupil_name(in, p, n1), true);
		csv_field(&b, x.service >= 0 ? alloc_service_name(in, x.service, n2) : "", false);
		csv_field(&b, rank_label(x.rank, label), false);
		csv_field(&b, cost, false);
		csv_field(&b, why.data ? why.data : "", false);
		csv_end_record(&b);
		if (b.len > 1 << 16) {
			fwrite(b.data, 1, b.len, f);
			buf_reset(&b);
		}
	}
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
	buf_free(&why);
	int bad = ferror(f) || (f == stdout ? fflush(f) : fclose(f)) != 0;
	if (bad)
		fprintf(stderr, "Kan %s niet volledig schrijven.\n", path);
	return bad ? -1 : 0;
}

static int write_services_csv(const char *path, const struct alloc_instance *in, const int64_t *ranks, int n_ranks)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	if (!f) {
		fprintf(stderr, "Kan %s niet schrijven: %s\n", path, strerror(errno));
		return -1;
	}
	struct buf b = {0};
	char v[32];
	csv_begin(&b);
	csv_field(&b, "dienst", true);
	csv_field(&b, "plaatsen", false);
	csv_field(&b, "bezet", false);
	for (int k = 1; k <= n_ranks; k++) {
		snprintf(v, sizeof v, "voorkeur %d", k);
		csv_field(&b, v, false);
	}
	csv_field(&b, "andere dienst", false);
	csv_end_record(&b);
	for (int32_t s = 0; s < in->n_services; s++) {
		const int64_t *h = ranks + (size_t)s * (ALLOC_MAX_RANKS + 1);
		int64_t taken = 0;
		for (int k = 0; k <= ALLOC_MAX_RANKS; k++)
			taken += h[k];
		csv_field(&b, alloc_service_name(in, s, v), true);
		snprintf(v, sizeof v, "%ld", (long)in->places[s]);
		csv_field(&b, v, false);
		snprintf(v, sizeof v, "%lld", (long long)taken);
		csv_field(&b, v, false);
		for (int k = 1; k <= n_ranks; k++) {
			snprintf(v, sizeof v, "%lld", (long long)h[k]);
			csv_field(&b, v, false);
		}
		snprintf(v, sizeof v, "%lld", (long long)h[0]);
		csv_field(&b, v, false);
		csv_end_record(&b);
	}
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
	int bad = ferror(f) || (f == stdout ? fflush(f) : fclose(f)) != 0;
	if (bad)
		fprintf(stderr, "Kan %s niet volledig schrijven.\n", path);
	return bad ? -1 : 0;
}

static void print_explanations(const struct alloc_instance *in, const struct alloc_result *r, const int64_t *ranks,
                               int n_ranks)
{
	struct buf why = {0};
	char n1[24];
	printf("\nPer leerling:\n");
	for (int32_t p = 0; p < in->n_pupils; p++) {
		struct alloc_explanation x;
		alloc_explain(in, r, ranks, p, &x);
		buf_reset(&why);
		explanation_text(in, &x, &why);
		printf("  %s: %s\n", alloc_pupil_name(in, p, n1), why.data);
	}
	buf_free(&why);
	printf("\nPer dienst (plaatsen: bezet; naar voorkeur 1, 2, ... en andere):\n");
	for (int32_t s = 0; s < in->n_services; s++) {
		const int64_t *h = ranks + (size_t)s * (ALLOC_MAX_RANKS + 1);
		int64_t taken = 0;
		for (int k = 0; k <= ALLOC_MAX_RANKS; k++)
			taken += h[k];
		printf("  %s: %ld %s, %lld bezet;", alloc_service_name(in, s, n1), (long)in->places[s],
		       in->places[s] == 1 ? "plaats" : "plaatsen", (long long)taken);
		for (int k = 1; k <= n_ranks; k++)
			printf(" voorkeur %d: %lld,", k, (long long)h[k]);
		printf(" andere: %lld\n", (long long)h[0]);
	}
}

static double percent(int64_t part, int64_t whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

int cli_allocate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"instance", required_argument, NULL, OPT_INSTANCE},
		{"seed", required_argument, NULL, OPT_SEED},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"csv", required_argument, NULL, OPT_CSV},
		{"services-csv", required_argument, NULL, OPT_SERVICES_CSV},
		{"costs", required_argument, NULL, OPT_COSTS},
		{"generate", required_argument, NULL, OPT_GENERATE},
		{"write", required_argument, NULL, OPT_WRITE},
		{"help", no_argument, NULL, OPT_HELP},
		{0},
	};
	const char *instance = NULL, *csv = NULL, *services_csv = NULL, *write = NULL;
	unsigned long long seed = 1;
	long generate = -1;
	bool explain = false;
	struct alloc_costs costs = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case OPT_INSTANCE: instance = optarg; break;
		case OPT_SEED:
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-') {
				fprintf(stderr, "--seed verwacht een geheel getal van 0 tot 18446744073709551615.\n");
				return 2;
			}
			break;
		case OPT_EXPLAIN: explain = true; break;
		case OPT_CSV: csv = optarg; break;
		case OPT_SERVICES_CSV: services_csv = optarg; break;
		case OPT_COSTS:
			if (parse_costs(optarg, &costs) != 0) {
				fprintf(stderr, "--costs verwacht 2 tot %d gehele getallen van 0 tot %d: de kost van voorkeur "
				                "1, 2, ... en als laatste die van een andere dienst, bv. \"0 1 2 10\".\n",
				        ALLOC_MAX_RANKS + 1, ALLOC_MAX_COST);
				return 2;
			}
			break;
		case OPT_GENERATE:
			generate = strtol(optarg, &end, 10);
			if (end == optarg || *end || generate < 1 || generate > 20000000) {
				fprintf(stderr, "--generate verwacht een aantal leerlingen van 1 tot 20000000.\n");
				return 2;
			}
			break;
		case OPT_WRITE: write = optarg; break;
		case OPT_HELP: fputs(HELP, stdout); return 0;
		default: fputs(HELP, stderr); return 2;
		}
	}
	if (optind < argc || (instance == NULL) == (generate < 0) || (write && generate < 0)) {
		fprintf(stderr, "Geef ofwel --instance BESTAND ofwel --generate AANTAL.\n\n%s", HELP);
		return 2;
	}

	struct alloc_instance in;
	double t0 = seconds_now();
	if (generate > 0) {
		if (costs.n_ranks == 0)
			alloc_costs_default(&costs);
		if (alloc_generate((int32_t)generate, seed, &costs, &in) != 0) {
			fprintf(stderr, "Niet genoeg geheugen voor %ld leerlingen.\n", generate);
			return 1;
		}
		if (write) {
			FILE *f = strcmp(write, "-") == 0 ? stdout : fopen(write, "w");
			int bad = !f || alloc_instance_write(f, &costs, &in) != 0 || (f != stdout && fclose(f) != 0);
			if (bad)
				fprintf(stderr, "Kan %s niet schrijven: %s\n", write, strerror(errno));
			alloc_instance_free(&in);
			return bad ? 1 : 0;
		}
	} else {
		FILE *f = strcmp(instance, "-") == 0 ? stdin : fopen(instance, "r");
		if (!f) {
			fprintf(stderr, "Kan %s niet openen: %s\n", instance, strerror(errno));
			return 1;
		}
		char err[512];
		int rc = alloc_instance_read(f, &costs, &in, err, sizeof err);
		if (f != stdin)
			fclose(f);
		if (rc != 0) {
			fprintf(stderr, "%s: %s\n", instance, err);
			return 1;
		}
	}
	double t1 = seconds_now(), cpu1 = cpu_seconds();
	struct alloc_result r;
	if (alloc_solve(&in, seed, &r) != 0) {
		fprintf(stderr, "Niet genoeg geheugen om te verdelen.\n");
		alloc_instance_free(&in);
		return 1;
	}
	double t2 = seconds_now(), cpu2 = cpu_seconds();
	double rss = peak_rss_mb();
	const char *proof = alloc_certify(&in, &r);
	double t3 = seconds_now();

	struct alloc_stats st;
	alloc_stats(&in, &r, &st);
	int64_t n = in.n_pupils;
	printf("Instantie: %ld leerlingen, %ld diensten, %lld plaatsen, %lld paren leerling-dienst\n",
	       (long)in.n_pupils, (long)in.n_services, (long long)st.places, (long long)st.pairs);
	printf("Kosten: voorkeur");
	for (int k = 0; k < costs.n_ranks; k++)
		printf(" %d", costs.rank_cost[k]);
	printf(", andere dienst %d; loting (seed) %llu\n", costs.other_cost, seed);
	printf("Geplaatst: %lld (%.1f %%)\n", (long long)st.placed, percent(st.placed, n));
	for (int k = 1; k <= costs.n_ranks; k++)
		printf("  voorkeur %d: %lld (%.1f %%)\n", k, (long long)st.by_rank[k], percent(st.by_rank[k], n));
	printf("  andere dienst: %lld (%.1f %%)\n", (long long)st.by_rank[0], percent(st.by_rank[0], n));
	printf("Niet geplaatst: %lld (%.1f %%)\n", (long long)st.unplaced, percent(st.unplaced, n));
	printf("Totale kost: %lld\n", (long long)st.cost);
	printf("Optimaal: %s\n", proof ? "NEE, het certificaat faalt" : "ja (bewezen door het certificaat)");
	printf("Rekentijd: %.3f s, processortijd %.3f s (inlezen %.3f s, bewijs nagaan %.3f s); piekgeheugen %.0f MB\n",
	       t2 - t1, cpu2 - cpu1, t1 - t0, t3 - t2, rss);
	if (proof)
		fprintf(stderr, "Certificaat: %s\n", proof);

	int rc = proof ? 1 : 0;
	if (explain || csv || services_csv) {
		int64_t *ranks = alloc_service_ranks(&in, &r);
		if (!ranks) {
			fprintf(stderr, "Niet genoeg geheugen voor de uitleg.\n");
			rc = 1;
		} else {
			if (explain)
				print_explanations(&in, &r, ranks, costs.n_ranks);
			if (csv && write_pupils_csv(csv, &in, &r, ranks) != 0)
				rc = 1;
			if (services_csv && write_services_csv(services_csv, &in, ranks, costs.n_ranks) != 0)
				rc = 1;
			free(ranks);
		}
	}
	alloc_result_free(&r);
	alloc_instance_free(&in);
	return rc;
}
