/*
 * The allocation instance's text format (docs/allocation-instance.md): read and write.
 *
 *   costs 0 1 2 10                      cost of preference 1, 2, 3 and of another eligible service
 *   service NAME PLACES                 one line per service, before the pupils that name it
 *   pupil NAME PREF1 PREF2 / OTHER ...  preferences in order, after "/" the other eligible services;
 *                                       NAME:COST gives one pair its own cost
 */
#include "alloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Names to indexes: open addressing over a power-of-two table. A name is an offset into
 * the pool (which may move while it grows). */
struct names {
	char **pool;
	int64_t *off;       /* by index */
	int32_t *table;     /* -1 empty, else an index */
	size_t size, count;
};

static uint64_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static const char *name_at(const struct names *n, int32_t k)
{
	return *n->pool + n->off[k];
}

static int32_t names_find(const struct names *n, const char *s)
{
	if (!n->size)
		return -1;
	for (size_t i = hash_name(s) & (n->size - 1);; i = (i + 1) & (n->size - 1)) {
		int32_t k = n->table[i];
		if (k < 0 || strcmp(name_at(n, k), s) == 0)
			return k;
	}
}

/* Adds index (its offset already in n->off). -1 = out of memory. */
static int names_add(struct names *n, int32_t index)
{
	if (2 * (n->count + 1) > n->size) {
		size_t size = n->size ? 2 * n->size : 1024;
		int32_t *table = malloc(size * sizeof *table);
		if (!table)
			return -1;
		memset(table, 0xff, size * sizeof *table);
		for (size_t i = 0; i < n->size; i++)
			if (n->table[i] >= 0) {
				size_t j = hash_name(name_at(n, n->table[i])) & (size - 1);
				while (table[j] >= 0)
					j = (j + 1) & (size - 1);
				table[j] = n->table[i];
			}
		free(n->table);
		n->table = table;
		n->size = size;
	}
	size_t i = hash_name(name_at(n, index)) & (n->size - 1);
	while (n->table[i] >= 0)
		i = (i + 1) & (n->size - 1);
	n->table[i] = index;
	n->count++;
	return 0;
}

/* Grows *items to hold at least need elements. */
static int grow(void **items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *p = realloc(*items, n * size);
	if (!p)
		return -1;
	*items = p;
	*cap = n;
	return 0;
}

static void fail(char *err, size_t size, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void fail(char *err, size_t size, long line, const char *fmt, ...)
{
	int n = line > 0 ? snprintf(err, size, "regel %ld: ", line) : 0;
	if (n < 0 || (size_t)n >= size)
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err + n, size - (size_t)n, fmt, ap);
	va_end(ap);
}

static bool parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool valid_name(const char *s)
{
	return *s && strlen(s) < 200 && strchr(s, ':') == NULL && strcmp(s, "/") != 0;
}

/* A copy of the tokens' names in one pool: names are pointers into the pool. */
struct pool {
	char *data;
	size_t used, cap;
};

static int64_t pool_add(struct pool *p, const char *s)
{
	size_t n = strlen(s) + 1;
	if (grow((void **)&p->data, &p->cap, p->used + n, 1) != 0)
		return -1;
	memcpy(p->data + p->used, s, n);
	p->used += n;
	return (int64_t)(p->used - n);
}

int alloc_instance_read(FILE *f, struct alloc_costs *costs, struct alloc_instance *in, char *err, size_t err_size)
{
	memset(in, 0, sizeof *in);
	struct pool pool = {0};
	struct names services = {.pool = &pool.data}, pupils = {.pool = &pool.data};
	size_t cap_s = 0, cap_e = 0, cap_so = 0, cap_po = 0, cap_first = 0;
	char *line = NULL;
	size_t line_cap = 0;
	long lineno = 0;
	int rc = -1;
	bool costs_fixed = false;

	if (grow((void **)&in->first_edge, &cap_first, 1, sizeof *in->first_edge) != 0)
		goto oom;
	in->first_edge[0] = 0;
	for (;;) {
		errno = 0;
		if (getline(&line, &line_cap, f) < 0) {
			if (errno) {
				fail(err, err_size, lineno, "kan het bestand niet lezen: %s", strerror(errno));
				goto out;
			}
			break;
		}
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *save = NULL, *word = strtok_r(line, " \t\r\n", &save);
		if (!word)
			continue;
		if (strcmp(word, "costs") == 0) {
			if (costs_fixed || in->n_pupils > 0) {
				fail(err, err_size, lineno, "'costs' mag maar één keer, vóór de eerste leerling");
				goto out;
			}
			long v[ALLOC_MAX_RANKS + 1];
			int n = 0;
			for (char *t; (t = strtok_r(NULL, " \t\r\n", &save));) {
				if (n == ALLOC_MAX_RANKS + 1 || !parse_int(t, 0, ALLOC_MAX_COST, &v[n])) {
					fail(err, err_size, lineno, "'costs' verwacht 2 tot %d gehele getallen van 0 tot %d",
					     ALLOC_MAX_RANKS + 1, ALLOC_MAX_COST);
					goto out;
				}
				n++;
			}
			if (n < 2) {
				fail(err, err_size, lineno, "'costs' verwacht minstens de kost van voorkeur 1 en van een "
				                            "andere dienst, bv. 'costs 0 1 2 10'");
				goto out;
			}
			costs->n_ranks = n - 1;
			for (int i = 0; i < n - 1; i++)
				costs->rank_cost[i] = (int)v[i];
			costs->other_cost = (int)v[n - 1];
			costs_fixed = true;
		} else if (strcmp(word, "service") == 0) {
			char *name = strtok_r(NULL, " \t\r\n", &save), *places = strtok_r(NULL, " \t\r\n", &save);
			long n;
			if (!name || !places || strtok_r(NULL, " \t\r\n", &save)) {
				fail(err, err_size, lineno, "verwacht 'service NAAM PLAATSEN'");
				goto out;
			}
			if (!valid_name(name)) {
				fail(err, err_size, lineno, "ongeldige naam '%.60s' (geen ':' en hoogstens 199 tekens)", name);
				goto out;
			}
			if (!parse_int(places, 0, 1000000000, &n)) {
				fail(err, err_size, lineno, "het aantal plaatsen '%.20s' is geen geheel getal van 0 tot 1000000000",
				     places);
				goto out;
			}
			if (names_find(&services, name) >= 0) {
				fail(err, err_size, lineno, "de dienst '%.60s' staat er al eerder in", name);
				goto out;
			}
			int32_t s = in->n_services;
			int64_t off = pool_add(&pool, name);
			if (off < 0 || grow((void **)&in->places, &cap_s, (size_t)s + 1, sizeof *in->places) ||
			    grow((void **)&services.off, &cap_so, (size_t)s + 1, sizeof *services.off))
				goto oom;
			in->places[s] = (int32_t)n;
			services.off[s] = off;
			in->n_services++;
			if (names_add(&services, s) != 0)
				goto oom;
		} else if (strcmp(word, "pupil") == 0) {
			if (!costs_fixed && costs->n_ranks == 0)
				alloc_costs_default(costs);
			costs_fixed = true;
			char *name = strtok_r(NULL, " \t\r\n", &save);
			if (!name || !valid_name(name)) {
				fail(err, err_size, lineno, "verwacht 'pupil NAAM VOORKEUR1 [VOORKEUR2 ...] [/ ANDERE ...]'");
				goto out;
			}
			int32_t p = in->n_pupils;
			int64_t off = pool_add(&pool, name);
			if (off < 0 || grow((void **)&pupils.off, &cap_po, (size_t)p + 1, sizeof *pupils.off) ||
			    grow((void **)&in->first_edge, &cap_first, (size_t)p + 2, sizeof *in->first_edge))
				goto oom;
			pupils.off[p] = off;
			int rank = 1;
			int64_t e = in->first_edge[p];
			for (char *t; (t = strtok_r(NULL, " \t\r\n", &save));) {
				if (strcmp(t, "/") == 0) {
					if (rank == 0) {
						fail(err, err_size, lineno, "'/' staat er twee keer");
						goto out;
					}
					rank = 0;
					continue;
				}
				char *colon = strchr(t, ':');
				long cost = -1;
				if (colon) {
					*colon = 0;
					if (!parse_int(colon + 1, 0, ALLOC_MAX_COST, &cost)) {
						fail(err, err_size, lineno, "de kost na '%.60s:' is geen geheel getal van 0 tot %d", t,
						     ALLOC_MAX_COST);
						goto out;
					}
				}
				int32_t s = names_find(&services, t);
				if (s < 0) {
					fail(err, err_size, lineno, "onbekende dienst '%.60s': zet eerst een regel 'service %.60s "
					                            "PLAATSEN' boven de leerlingen", t, t);
					goto out;
				}
				if (rank > costs->n_ranks) {
					fail(err, err_size, lineno, "meer dan %d voorkeuren; zet de andere diensten na '/' of geef "
					                            "meer kosten op de regel 'costs'", costs->n_ranks);
					goto out;
				}
				for (int64_t k = in->first_edge[p]; k < e; k++)
					if (in->edge_service[k] == s) {
						fail(err, err_size, lineno, "de dienst '%.60s' staat twee keer bij deze leerling", t);
						goto out;
					}
				if ((size_t)e + 1 > cap_e) {
					size_t cap = cap_e;
					if (grow((void **)&in->edge_service, &cap, (size_t)e + 1, sizeof *in->edge_service))
						goto oom;
					void *c = realloc(in->edge_cost, cap * sizeof *in->edge_cost);
					if (c)
						in->edge_cost = c;
					void *rk = c ? realloc(in->edge_rank, cap * sizeof *in->edge_rank) : NULL;
					if (rk)
						in->edge_rank = rk;
					if (!c || !rk)
						goto oom;
					cap_e = cap;
				}
				in->edge_service[e] = s;
				in->edge_rank[e] = (uint8_t)rank;
				in->edge_cost[e] = (uint16_t)(cost >= 0 ? cost
				                              : rank ? costs->rank_cost[rank - 1] : costs->other_cost);
				e++;
				if (rank)
					rank++;
			}
			in->first_edge[p + 1] = e;
			in->n_edges = e;
			in->n_pupils++;
		} else {
			fail(err, err_size, lineno, "onbekend woord '%.40s': een regel begint met costs, service of pupil",
			     word);
			goto out;
		}
	}
	if (!costs_fixed && costs->n_ranks == 0)
		alloc_costs_default(costs);
	/* Pupil names are unique too. */
	in->service_name = malloc(((size_t)in->n_services + 1) * sizeof *in->service_name);
	in->pupil_name = malloc(((size_t)in->n_pupils + 1) * sizeof *in->pupil_name);
	if (!in->service_name || !in->pupil_name)
		goto oom;
	for (int32_t s = 0; s < in->n_services; s++)
		in->service_name[s] = pool.data + services.off[s];
	for (int32_t p = 0; p < in->n_pupils; p++) {
		in->pupil_name[p] = pool.data + pupils.off[p];
		if (names_find(&pupils, in->pupil_name[p]) >= 0) {
			fail(err, err_size, 0, "de leerling '%.60s' staat er twee keer in", in->pupil_name[p]);
			goto out;
		}
		if (names_add(&pupils, p) != 0)
			goto oom;
	}
	in->name_pool = pool.data;
	pool.data = NULL;
	if (!in->places)
		in->places = calloc(1, sizeof *in->places);
	if (!in->edge_service) {
		in->edge_service = calloc(1, sizeof *in->edge_service);
		in->edge_cost = calloc(1, sizeof *in->edge_cost);
		in->edge_rank = calloc(1, sizeof *in->edge_rank);
	}
	if (!in->places || !in->edge_service || !in->edge_cost || !in->edge_rank)
		goto oom;
	rc = 0;
	goto out;
oom:
	fail(err, err_size, lineno, "niet genoeg geheugen");
out:
	free(line);
	free(services.off);
	free(services.table);
	free(pupils.off);
	free(pupils.table);
	free(pool.data);
	if (rc != 0)
		alloc_instance_free(in);
	return rc;
}

const char *alloc_service_name(const struct alloc_instance *in, int32_t s, char buf[24])
{
	if (in->service_name)
		return in->service_name[s];
	snprintf(buf, 24, "d%ld", (long)s + 1);
	return buf;
}

const char *alloc_pupil_name(const struct alloc_instance *in, int32_t p, char buf[24])
{
	if (in->pupil_name)
		return in->pupil_name[p];
	snprintf(buf, 24, "l%ld", (long)p + 1);
	return buf;
}

int alloc_instance_write(FILE *f, const struct alloc_costs *costs, const struct alloc_instance *in)
{
	char buf[24];
	fputs("# stagematch allocation instance (docs/allocation-instance.md)\ncosts", f);
	for (int i = 0; i < costs->n_ranks; i++)
		fprintf(f, " %d", costs->rank_cost[i]);
	fprintf(f, " %d\n", costs->other_cost);
	for (int32_t s = 0; s < in->n_services; s++)
		fprintf(f, "service %s %ld\n", alloc_service_name(in, s, buf), (long)in->places[s]);
	for (int32_t p = 0; p < in->n_pupils; p++) {
		fprintf(f, "pupil %s", alloc_pupil_name(in, p, buf));
		bool slash = false;
		for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++) {
			int rank = in->edge_rank[e];
			if (rank == 0 && !slash) {
				fputs(" /", f);
				slash = true;
			}
			int usual = rank ? costs->rank_cost[rank - 1] : costs->other_cost;
			fprintf(f, " %s", alloc_service_name(in, in->edge_service[e], buf));
			if (in->edge_cost[e] != usual)
				fprintf(f, ":%d", in->edge_cost[e]);
		}
		fputc('\n', f);
	}
	return ferror(f) || fflush(f) != 0 ? -1 : 0;
}
