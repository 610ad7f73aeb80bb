/* libFuzzer: the allocation solver and its instance format. The input is read twice: as
 * bytes that describe a small instance (solved, certified and compared with brute force),
 * and as an instance file (parsed; when it parses, solved and certified). */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void brute_force(const struct alloc_instance *in, int32_t p, int32_t *load, int64_t placed, int64_t cost,
                        int64_t *best_placed, int64_t *best_cost)
{
	if (p == in->n_pupils) {
		if (placed > *best_placed || (placed == *best_placed && cost < *best_cost)) {
			*best_placed = placed;
			*best_cost = cost;
		}
		return;
	}
	brute_force(in, p + 1, load, placed, cost, best_placed, best_cost);
	for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++) {
		int32_t s = in->edge_service[e];
		if (load[s] == in->places[s])
			continue;
		load[s]++;
		brute_force(in, p + 1, load, placed + 1, cost + in->edge_cost[e], best_placed, best_cost);
		load[s]--;
	}
}

static void check(const struct alloc_instance *in, uint64_t seed, bool brute)
{
	struct alloc_result r;
	assert(alloc_solve(in, seed, &r) == 0);
	const char *why = alloc_certify(in, &r);
	if (why) {
		fprintf(stderr, "certificate: %s\n", why);
		abort();
	}
	if (brute) {
		int64_t best_placed = -1, best_cost = 0;
		int32_t load[8] = {0};
		brute_force(in, 0, load, 0, 0, &best_placed, &best_cost);
		assert(r.placed == best_placed && r.cost == best_cost);
	}
	alloc_result_free(&r);
}

/* Bytes: services (1-4), pupils (1-7), a cost mode, the places, then per pupil a subset
 * bitmask of services and a cost byte per service in it. */
static void from_bytes(const uint8_t *d, size_t n)
{
	if (n < 3)
		return;
	size_t i = 0;
	int32_t S = 1 + d[i++] % 4, P = 1 + d[i++] % 7;
	int mode = d[i++] % 3;   /* 0 preference costs, 1 costs 0..15, 2 large costs */
	struct alloc_instance in = {0};
	in.n_services = S;
	in.n_pupils = P;
	in.places = calloc((size_t)S, sizeof *in.places);
	in.first_edge = calloc((size_t)P + 1, sizeof *in.first_edge);
	in.edge_service = calloc((size_t)(S * P) + 1, sizeof *in.edge_service);
	in.edge_cost = calloc((size_t)(S * P) + 1, sizeof *in.edge_cost);
	in.edge_rank = calloc((size_t)(S * P) + 1, sizeof *in.edge_rank);
	for (int32_t s = 0; s < S; s++)
		in.places[s] = i < n ? d[i++] % 4 : 1;
	static const uint16_t preference[] = {0, 1, 2, 10};
	int64_t e = 0;
	for (int32_t p = 0; p < P; p++) {
		in.first_edge[p] = e;
		unsigned subset = i < n ? d[i++] : 0;
		for (int32_t s = 0; s < S; s++)
			if (subset & (1u << s)) {
				unsigned c = i < n ? d[i++] : 0;
				in.edge_service[e] = s;
				in.edge_cost[e] = mode == 0 ? preference[c % 4] : mode == 1 ? c % 16 : (uint16_t)(c * 3 % 1001);
				e++;
			}
	}
	in.first_edge[P] = e;
	in.n_edges = e;
	check(&in, n, true);
	alloc_instance_free(&in);
}

static void from_text(const uint8_t *d, size_t n)
{
	FILE *f = fmemopen((void *)d, n, "r");
	if (!f)
		return;
	struct alloc_costs costs = {0};
	struct alloc_instance in;
	char err[256];
	int rc = alloc_instance_read(f, &costs, &in, err, sizeof err);
	fclose(f);
	if (rc != 0) {
		assert(strlen(err) > 0);
		return;
	}
	check(&in, 1, in.n_pupils <= 6 && in.n_services <= 8 && in.n_edges <= 14);
	alloc_instance_free(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	from_bytes(data, size);
	from_text(data, size);
	return 0;
}
