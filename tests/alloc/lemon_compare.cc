// The allocation solver against LEMON's network simplex (Debian's liblemon-dev), a general
// min-cost flow code written by others: on the same instance both must find the same number
// placed and the same optimal cost. Built only for tests and the benchmark, never linked
// into stagematch.
//
//   lemon_compare               random instances of several shapes (a meson test)
//   lemon_compare bench N SEED  one generated region of N pupils: both solvers timed, one line
//                               "ours_s=.. lemon_s=.. placed=.. cost=.. equal=yes|no"
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" {
#include "alloc.h"
}

namespace {

struct Optimum {
	long long placed = -1, cost = -1;
};

// Pupils supply one unit each; it goes to a service (cost), then to the sink (the places),
// or straight to the sink at cost B ("unplaced"), B larger than any augmenting path's cost,
// so the optimum places the most pupils first (the argument is in src/alloc/alloc.c).
Optimum lemon_optimum(const alloc_instance &in)
{
	using namespace lemon;
	SmartDigraph g;
	int S = in.n_services, P = in.n_pupils;
	long long max_cost = 0;
	for (long long e = 0; e < in.n_edges; e++)
		max_cost = std::max<long long>(max_cost, in.edge_cost[e]);
	long long big = max_cost * std::min(S, P) + 1;
	g.reserveNode(S + P + 1);
	g.reserveArc(static_cast<int>(in.n_edges) + S + P);
	std::vector<SmartDigraph::Node> service(S), pupil(P);
	SmartDigraph::Node sink = g.addNode();
	for (int s = 0; s < S; s++)
		service[s] = g.addNode();
	for (int p = 0; p < P; p++)
		pupil[p] = g.addNode();
	SmartDigraph::ArcMap<int> cap(g);
	SmartDigraph::ArcMap<long long> cost(g);
	SmartDigraph::NodeMap<int> supply(g, 0);
	std::vector<SmartDigraph::Arc> unplaced(P);
	for (int p = 0; p < P; p++) {
		supply[pupil[p]] = 1;
		for (long long e = in.first_edge[p]; e < in.first_edge[p + 1]; e++) {
			SmartDigraph::Arc a = g.addArc(pupil[p], service[in.edge_service[e]]);
			cap[a] = 1;
			cost[a] = in.edge_cost[e];
		}
		unplaced[p] = g.addArc(pupil[p], sink);
		cap[unplaced[p]] = 1;
		cost[unplaced[p]] = big;
	}
	for (int s = 0; s < S; s++) {
		SmartDigraph::Arc a = g.addArc(service[s], sink);
		cap[a] = std::min(in.places[s], P);
		cost[a] = 0;
	}
	supply[sink] = -P;
	NetworkSimplex<SmartDigraph, int, long long> ns(g);
	ns.upperMap(cap).costMap(cost).supplyMap(supply);
	Optimum o;
	if (ns.run() != NetworkSimplex<SmartDigraph, int, long long>::OPTIMAL)
		return o;
	long long left = 0;
	for (int p = 0; p < P; p++)
		left += ns.flow(unplaced[p]);
	o.placed = P - left;
	o.cost = ns.totalCost() - big * left;
	return o;
}

double seconds_since(std::chrono::steady_clock::time_point t)
{
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Processor time of this process (user and system): on a busy machine fairer than the clock.
double cpu_seconds()
{
	rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// A random bipartite instance: S services, P pupils of degree 1..max_degree, places
// 0..max_places, costs 0..max_cost, or with max_cost < 0 the default preference costs
// 0, 1, 2 and 10 (the solver's fast path for few distinct costs).
void random_instance(alloc_rng *g, int S, int P, int max_degree, int max_places, int max_cost, alloc_instance *in)
{
	std::memset(in, 0, sizeof *in);
	in->n_services = S;
	in->n_pupils = P;
	in->places = static_cast<int32_t *>(std::calloc(S, sizeof *in->places));
	in->first_edge = static_cast<int64_t *>(std::calloc(P + 1, sizeof *in->first_edge));
	size_t cap = static_cast<size_t>(P) * max_degree + 1;
	in->edge_service = static_cast<int32_t *>(std::calloc(cap, sizeof *in->edge_service));
	in->edge_cost = static_cast<uint16_t *>(std::calloc(cap, sizeof *in->edge_cost));
	in->edge_rank = static_cast<uint8_t *>(std::calloc(cap, sizeof *in->edge_rank));
	for (int s = 0; s < S; s++)
		in->places[s] = static_cast<int32_t>(alloc_rng_below(g, max_places + 1));
	std::vector<int> seen(S, -1);
	long long e = 0;
	for (int p = 0; p < P; p++) {
		in->first_edge[p] = e;
		int degree = 1 + static_cast<int>(alloc_rng_below(g, max_degree));
		// Services near the pupil's "home", so services compete as in a region.
		int home = static_cast<int>(alloc_rng_below(g, S));
		for (int k = 0; k < degree; k++) {
			int s = (home + static_cast<int>(alloc_rng_below(g, std::min(S, 3 * max_degree)))) % S;
			if (seen[s] == p)
				continue;
			seen[s] = p;
			in->edge_service[e] = s;
			static const uint16_t preference_cost[] = {0, 1, 2, 10};
			in->edge_cost[e] = max_cost < 0 ? preference_cost[alloc_rng_below(g, 4)]
			                                : static_cast<uint16_t>(alloc_rng_below(g, max_cost + 1));
			e++;
		}
	}
	in->first_edge[P] = e;
	in->n_edges = e;
}

bool compare(const char *shape, const alloc_instance &in, uint64_t seed)
{
	alloc_result r;
	if (alloc_solve(&in, seed, &r) != 0) {
		std::printf("%s: out of memory\n", shape);
		return false;
	}
	Optimum o = lemon_optimum(in);
	const char *proof = alloc_certify(&in, &r);
	bool ok = o.placed == r.placed && o.cost == r.cost && proof == nullptr;
	if (!ok)
		std::printf("%s (seed %llu): ours placed %lld cost %lld (%s), LEMON placed %lld cost %lld\n", shape,
		            static_cast<unsigned long long>(seed), static_cast<long long>(r.placed),
		            static_cast<long long>(r.cost), proof ? proof : "certified", o.placed, o.cost);
	alloc_result_free(&r);
	return ok;
}

int random_shapes()
{
	struct Shape {
		const char *name;
		int S, P, max_degree, max_places, max_cost;
	};
	const Shape shapes[] = {
		{"tiny", 3, 8, 3, 3, 10},
		{"scarce places", 30, 600, 6, 10, 10},
		{"ample places", 30, 300, 6, 40, 10},
		{"one long chain of services", 200, 400, 2, 2, 10},
		{"all costs equal", 40, 800, 8, 20, 0},
		{"large costs", 40, 800, 8, 25, 1000},
		{"dense", 10, 500, 10, 60, 12},
		{"scarce places, preference costs", 30, 600, 6, 10, -1},
		{"chain, preference costs", 200, 400, 2, 2, -1},
		{"dense, preference costs", 10, 500, 10, 60, -1},
	};
	alloc_rng g;
	alloc_rng_seed(&g, 16);
	int failures = 0, runs = 0;
	for (const Shape &s : shapes)
		for (int i = 0; i < 25; i++) {
			alloc_instance in;
			random_instance(&g, s.S, s.P, s.max_degree, s.max_places, s.max_cost, &in);
			failures += !compare(s.name, in, static_cast<uint64_t>(i));
			runs++;
			alloc_instance_free(&in);
		}
	alloc_costs costs;
	alloc_costs_default(&costs);
	for (int i = 0; i < 4; i++) {
		alloc_instance in;
		if (alloc_generate(2000 + 3000 * i, static_cast<uint64_t>(i), &costs, &in) != 0)
			return 1;
		failures += !compare("generated region", in, static_cast<uint64_t>(i));
		runs++;
		alloc_instance_free(&in);
	}
	std::printf("%d instances, %d differ from LEMON's network simplex\n", runs, failures);
	return failures ? 1 : 0;
}

int bench(long n, uint64_t seed)
{
	alloc_costs costs;
	alloc_costs_default(&costs);
	alloc_instance in;
	if (alloc_generate(static_cast<int32_t>(n), seed, &costs, &in) != 0)
		return 1;
	auto t = std::chrono::steady_clock::now();
	double cpu = cpu_seconds();
	alloc_result r;
	if (alloc_solve(&in, seed, &r) != 0)
		return 1;
	double ours = seconds_since(t), ours_cpu = cpu_seconds() - cpu;
	t = std::chrono::steady_clock::now();
	cpu = cpu_seconds();
	Optimum o = lemon_optimum(in);
	double theirs = seconds_since(t), theirs_cpu = cpu_seconds() - cpu;
	bool equal = o.placed == r.placed && o.cost == r.cost;
	std::printf("ours_s=%.3f ours_cpu_s=%.3f lemon_s=%.3f lemon_cpu_s=%.3f placed=%lld cost=%lld lemon_placed=%lld "
	            "lemon_cost=%lld equal=%s\n",
	            ours, ours_cpu, theirs, theirs_cpu, static_cast<long long>(r.placed), static_cast<long long>(r.cost),
	            o.placed, o.cost, equal ? "yes" : "no");
	alloc_result_free(&r);
	alloc_instance_free(&in);
	return equal ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc == 4 && std::strcmp(argv[1], "bench") == 0)
		return bench(std::atol(argv[2]), std::strtoull(argv[3], nullptr, 10));
	if (argc != 1) {
		std::fprintf(stderr, "usage: lemon_compare [bench PUPILS SEED]\n");
		return 2;
	}
	return random_shapes();
}
