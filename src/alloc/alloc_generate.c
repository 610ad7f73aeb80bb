/*
 * Generated allocation instances that look like a region, for the benchmark and for tests
 * at scale (alloc.h). Only integer and IEEE double arithmetic on values from the portable
 * PRNG, so a seed gives the same instance on every machine.
 */
#include "alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The 11 provinces (Brussels counted as one) and their population in thousands. */
static const int PROVINCE_POPULATION[11] = {1890, 1540, 1210, 1170, 890, 1230, 420, 1350, 1110, 300, 500};

struct candidate {
	double d2;
	int32_t s;
};

static int by_distance(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->d2 != y->d2)
		return x->d2 < y->d2 ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Puts the k nearest first (sorted), by a partial selection. */
static void nearest(struct candidate *c, int n, int k)
{
	/* Quickselect around k, then sort the first k: O(n) on average. */
	int lo = 0, hi = n - 1;
	while (lo < hi) {
		struct candidate pivot = c[(lo + hi) / 2];
		int i = lo, j = hi;
		while (i <= j) {
			while (by_distance(&c[i], &pivot) < 0)
				i++;
			while (by_distance(&c[j], &pivot) > 0)
				j--;
			if (i <= j) {
				struct candidate t = c[i];
				c[i++] = c[j];
				c[j--] = t;
			}
		}
		if (k - 1 <= j)
			hi = j;
		else if (k - 1 >= i)
			lo = i;
		else
			break;
	}
	qsort(c, (size_t)k, sizeof *c, by_distance);
}

/* A draw from weights w[0..n-1] (total > 0). */
static int draw(struct alloc_rng *g, const double *w, int n, double total)
{
	double x = alloc_rng_unit(g) * total;
	for (int i = 0; i < n; i++) {
		x -= w[i];
		if (x < 0)
			return i;
	}
	return n - 1;
}

int alloc_generate(int32_t n_pupils, uint64_t seed, const struct alloc_costs *costs, struct alloc_instance *in)
{
	memset(in, 0, sizeof *in);
	struct alloc_rng g;
	alloc_rng_seed(&g, seed ^ 0x5354414745ULL);
	int total_population = 0;
	for (int i = 0; i < 11; i++)
		total_population += PROVINCE_POPULATION[i];

	/* Pupils and services per province. */
	int32_t pupils_in[11], services_in[11], first_service[12];
	int32_t assigned = 0, n_services = 0;
	for (int i = 0; i < 11; i++) {
		pupils_in[i] = (int32_t)((int64_t)n_pupils * PROVINCE_POPULATION[i] / total_population);
		assigned += pupils_in[i];
	}
	pupils_in[0] += n_pupils - assigned;
	for (int i = 0; i < 11; i++) {
		services_in[i] = pupils_in[i] / 170 > 10 ? pupils_in[i] / 170 : (pupils_in[i] > 0 ? 10 : 0);
		first_service[i] = n_services;
		n_services += services_in[i];
	}
	first_service[11] = n_services;

	int64_t cap_edges = (int64_t)n_pupils * 41 + 1;
	in->n_services = n_services;
	in->n_pupils = n_pupils;
	in->places = calloc((size_t)n_services + 1, sizeof *in->places);
	in->first_edge = malloc(((size_t)n_pupils + 1) * sizeof *in->first_edge);
	in->edge_service = malloc((size_t)cap_edges * sizeof *in->edge_service);
	in->edge_cost = malloc((size_t)cap_edges * sizeof *in->edge_cost);
	in->edge_rank = malloc((size_t)cap_edges * sizeof *in->edge_rank);
	double *sx = malloc(((size_t)n_services + 1) * sizeof *sx), *sy = malloc(((size_t)n_services + 1) * sizeof *sy);
	double *popularity = malloc(((size_t)n_services + 1) * sizeof *popularity);
	double *share = malloc(((size_t)n_services + 1) * sizeof *share);
	struct candidate *cand = malloc(((size_t)n_services + 1) * sizeof *cand);
	double w[41];
	int rc = -1;
	if (!in->places || !in->first_edge || !in->edge_service || !in->edge_cost || !in->edge_rank || !sx || !sy ||
	    !popularity || !share || !cand)
		goto out;

	for (int32_t s = 0; s < n_services; s++) {
		sx[s] = alloc_rng_unit(&g);
		sy[s] = alloc_rng_unit(&g);
		/* Skewed popularity (1 to 20, most near 1): a few services are wanted by many. */
		popularity[s] = 1.0 / (0.05 + 0.95 * alloc_rng_unit(&g));
		/* Places split unevenly, independently of popularity. */
		share[s] = 0.3 + 1.4 * alloc_rng_unit(&g);
	}

	int64_t e = 0;
	int32_t p = 0;
	for (int i = 0; i < 11; i++) {
		int32_t s0 = first_service[i], ns = services_in[i];
		for (int32_t k = 0; k < pupils_in[i]; k++, p++) {
			in->first_edge[p] = e;
			double x = alloc_rng_unit(&g), y = alloc_rng_unit(&g);
			for (int32_t j = 0; j < ns; j++) {
				double dx = sx[s0 + j] - x, dy = sy[s0 + j] - y;
				cand[j] = (struct candidate){dx * dx + dy * dy, s0 + j};
			}
			int n_near = 10 + (int)alloc_rng_below(&g, 31);
			if (n_near > ns)
				n_near = ns;
			nearest(cand, ns, n_near);
			/* 1-3 preferences among the nearest, by popularity and closeness; sometimes
			 * one further away in the province. */
			int n_pref = 1 + (int)alloc_rng_below(&g, 3);
			if (n_pref > costs->n_ranks)
				n_pref = costs->n_ranks;
			int32_t pref[ALLOC_MAX_RANKS];
			int got = 0;
			double total = 0;
			for (int j = 0; j < n_near; j++)
				total += w[j] = popularity[cand[j].s] / (1.0 + j * 0.1);
			while (got < n_pref && got < n_near) {
				int32_t s;
				if (ns > n_near && alloc_rng_unit(&g) < 0.08)
					s = cand[n_near + (int)alloc_rng_below(&g, (uint64_t)(ns - n_near))].s;
				else {
					int j = draw(&g, w, n_near, total);
					s = cand[j].s;
					total -= w[j];
					w[j] = 0;
					if (total <= 1e-12)
						total = 0;
				}
				bool dup = false;
				for (int j = 0; j < got; j++)
					dup |= pref[j] == s;
				if (!dup)
					pref[got++] = s;
				if (total == 0)
					break;
			}
			for (int j = 0; j < got; j++) {
				in->edge_service[e] = pref[j];
				in->edge_rank[e] = (uint8_t)(j + 1);
				in->edge_cost[e] = (uint16_t)costs->rank_cost[j];
				e++;
				in->places[pref[j]]++;   /* demand, turned into places below */
			}
			for (int j = 0; j < n_near; j++) {
				bool dup = false;
				for (int m = 0; m < got; m++)
					dup |= pref[m] == cand[j].s;
				if (dup)
					continue;
				in->edge_service[e] = cand[j].s;
				in->edge_rank[e] = 0;
				in->edge_cost[e] = (uint16_t)costs->other_cost;
				e++;
			}
		}
		/* Places: 1.05 x the province's pupils, split by an uneven share that leans a little
		 * towards demand. */
		double weight = 0;
		int64_t demand_total = 0;
		for (int32_t j = 0; j < ns; j++)
			demand_total += in->places[s0 + j];
		for (int32_t j = 0; j < ns; j++) {
			share[s0 + j] *= 0.5 + (double)in->places[s0 + j] * ns / (double)(demand_total + 1);
			weight += share[s0 + j];
		}
		int64_t places = (int64_t)ceil(1.05 * pupils_in[i]), given = 0;
		for (int32_t j = 0; j < ns; j++) {
			in->places[s0 + j] = (int32_t)floor(places * share[s0 + j] / weight);
			given += in->places[s0 + j];
		}
		for (int32_t j = 0; given < places && ns > 0; j = (j + 1) % ns, given++)
			in->places[s0 + j]++;
	}
	in->first_edge[n_pupils] = e;
	in->n_edges = e;
	rc = 0;
out:
	free(sx);
	free(sy);
	free(popularity);
	free(share);
	free(cand);
	if (rc != 0)
		alloc_instance_free(in);
	return rc;
}
