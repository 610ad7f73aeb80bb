/*
 * Small allocation instances from a stream of bytes, and their optimum by brute force: the
 * unit tests draw the bytes from the portable PRNG, the fuzzer takes them from its input.
 * Header only (static functions), so both include it without a library of their own.
 */
#ifndef STAGEMATCH_TESTS_SMALL_INSTANCE_H
#define STAGEMATCH_TESTS_SMALL_INSTANCE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#define SMALL_MAX_SERVICES 8

/* Where the bytes come from: data[0 .. size-1] (then zeros), or rng when it is set. */
struct small_bytes {
	const uint8_t *data;
	size_t size, at;
	struct alloc_rng *rng;
};

static unsigned small_byte(struct small_bytes *b)
{
	if (b->rng)
		return (unsigned)(alloc_rng_next(b->rng) >> 56);
	return b->at < b->size ? b->data[b->at++] : 0;
}

/*
 * An instance of 1..max_services (at most SMALL_MAX_SERVICES) services with 0-3 places and
 * 1..max_pupils pupils, each eligible for a subset of the services. The costs: the default
 * preference costs (a byte picks 1st, 2nd, 3rd or another eligible service), or 0..15, or
 * 0..1000 (ALLOC_MAX_COST), one of the three per instance.
 */
static void small_instance(struct small_bytes *b, int max_services, int max_pupils, struct alloc_instance *in)
{
	memset(in, 0, sizeof *in);
	int32_t S = 1 + (int32_t)(small_byte(b) % (unsigned)max_services);
	int32_t P = 1 + (int32_t)(small_byte(b) % (unsigned)max_pupils);
	unsigned mode = small_byte(b) % 3;
	struct alloc_costs costs;
	alloc_costs_default(&costs);
	in->n_services = S;
	in->n_pupils = P;
	in->places = calloc((size_t)S, sizeof *in->places);
	in->first_edge = calloc((size_t)P + 1, sizeof *in->first_edge);
	in->edge_service = calloc((size_t)(S * P) + 1, sizeof *in->edge_service);
	in->edge_cost = calloc((size_t)(S * P) + 1, sizeof *in->edge_cost);
	in->edge_rank = calloc((size_t)(S * P) + 1, sizeof *in->edge_rank);
	for (int32_t s = 0; s < S; s++)
		in->places[s] = (int32_t)(small_byte(b) % 4);
	int64_t e = 0;
	for (int32_t p = 0; p < P; p++) {
		in->first_edge[p] = e;
		unsigned subset = small_byte(b);
		for (int32_t s = 0; s < S; s++) {
			if (!(subset & (1u << s)))
				continue;
			unsigned c = small_byte(b), rank = c % 4 < 3 ? c % 4 + 1 : 0;
			in->edge_service[e] = s;
			in->edge_rank[e] = (uint8_t)rank;
			unsigned preference = (unsigned)(rank ? costs.rank_cost[rank - 1] : costs.other_cost);
			in->edge_cost[e] = (uint16_t)(mode == 0 ? preference : mode == 1 ? c % 16 : c * 3 % (ALLOC_MAX_COST + 1));
			e++;
		}
	}
	in->first_edge[P] = e;
	in->n_edges = e;
}

static void small_search(const struct alloc_instance *in, int32_t p, int32_t *load, int64_t placed, int64_t cost,
                         int64_t *best_placed, int64_t *best_cost)
{
	if (p == in->n_pupils) {
		if (placed > *best_placed || (placed == *best_placed && cost < *best_cost)) {
			*best_placed = placed;
			*best_cost = cost;
		}
		return;
	}
	small_search(in, p + 1, load, placed, cost, best_placed, best_cost);
	for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++) {
		int32_t s = in->edge_service[e];
		if (load[s] == in->places[s])
			continue;
		load[s]++;
		small_search(in, p + 1, load, placed + 1, cost + in->edge_cost[e], best_placed, best_cost);
		load[s]--;
	}
}

/* The best over every assignment (most placed, then least cost), for up to SMALL_MAX_SERVICES services. */
static void small_brute_force(const struct alloc_instance *in, int64_t *best_placed, int64_t *best_cost)
{
	int32_t load[SMALL_MAX_SERVICES] = {0};
	*best_placed = -1;
	*best_cost = 0;
	small_search(in, 0, load, 0, 0, best_placed, best_cost);
}

#endif
