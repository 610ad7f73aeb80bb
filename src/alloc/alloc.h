#ifndef STAGEMATCH_ALLOC_H
#define STAGEMATCH_ALLOC_H
/*
 * The allocation solver: pupils, services with places, and for each pupil the services it
 * may go to, each with a small integer cost (by default 1st preference 0, 2nd 1, 3rd 2,
 * another eligible service 10). The answer is a minimum-cost maximum flow: first as many
 * pupils placed as the places allow, then the smallest total cost. Pure: no database, no
 * HTTP, no global state; the same instance and seed give the same answer on every machine
 * (integer arithmetic only, a portable PRNG, no pointer or hash order).
 *
 * The method (alloc.c) is a primal-dual one with the dual on the services (prices): in
 * phases, every waiting pupil claims a place along a shortest path of moves that cost nothing
 * at the current prices (in lottery order, in rounds until no such path is left), then one
 * search from all waiting pupils at once raises the prices just enough for the next claims. "Unplaced" is a column of unlimited size with a
 * cost B larger than any augmenting path can gain, so that the number placed comes first.
 * The prices it ends with prove the answer optimal: alloc_certify() checks that proof on its
 * own, without trusting the solver. The seed fixes the lottery: the order in which waiting
 * pupils claim in every phase (and a pupil's own order of its services breaks its ties).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ALLOC_MAX_RANKS 9      /* preferences per pupil */
#define ALLOC_MAX_COST 1000    /* a cost is 0..ALLOC_MAX_COST */

/* The cost of each preference rank and of another eligible service. */
struct alloc_costs {
	int n_ranks;                      /* 1..ALLOC_MAX_RANKS */
	int rank_cost[ALLOC_MAX_RANKS];   /* [0] = 1st preference */
	int other_cost;
};
/* 1st 0, 2nd 1, 3rd 2, another eligible service 10. */
void alloc_costs_default(struct alloc_costs *c);

/*
 * An instance. Pupil p's eligible services are edges first_edge[p] .. first_edge[p+1]-1,
 * in the order given (its preferences first), each service at most once (alloc_instance_read
 * refuses a repeat). Names may be NULL (generated instances).
 * Everything is owned by the instance: alloc_instance_free().
 */
struct alloc_instance {
	int32_t n_services, n_pupils;
	int64_t n_edges;
	int32_t *places;        /* [n_services] */
	int64_t *first_edge;    /* [n_pupils + 1] */
	int32_t *edge_service;  /* [n_edges] */
	uint16_t *edge_cost;    /* [n_edges], 0..ALLOC_MAX_COST */
	uint8_t *edge_rank;     /* [n_edges]: 1.. = that preference, 0 = another eligible service */
	char **service_name;    /* [n_services] or NULL */
	char **pupil_name;      /* [n_pupils] or NULL */
	char *name_pool;        /* the names' storage */
};
void alloc_instance_free(struct alloc_instance *in);

/* The answer and its proof. alloc_result_free() releases it. */
struct alloc_result {
	int32_t *service_of;    /* [n_pupils]: the service, or -1 when unplaced */
	int64_t *price;         /* [n_services]: the dual, >= 0, > 0 only on full services */
	int64_t lambda;         /* the dual of "this many placed": >= every placed pupil's
	                           cost + price, <= every unplaced pupil's cheapest cost + price */
	int64_t placed, cost;   /* pupils placed, total cost */
	uint64_t seed;
};
void alloc_result_free(struct alloc_result *r);

/* Solves in; returns 0, or -1 when memory runs out (r is then empty). */
int alloc_solve(const struct alloc_instance *in, uint64_t seed, struct alloc_result *r);

/*
 * Checks that r is a minimum-cost maximum flow of in, from the instance alone: every pupil
 * at an eligible service, no service over its places, the totals right, no augmenting path
 * left (so no more pupils can be placed), and the prices satisfy complementary slackness
 * (so no assignment with as many placed costs less). Returns NULL when all holds, or what
 * fails (a static English text, for tests and asserts).
 */
const char *alloc_certify(const struct alloc_instance *in, const struct alloc_result *r);

/* Statistics of a solution. by_rank[0] = placed at another eligible service. */
struct alloc_stats {
	int64_t placed, unplaced, cost, places, pairs;
	int64_t by_rank[ALLOC_MAX_RANKS + 1];
};
void alloc_stats(const struct alloc_instance *in, const struct alloc_result *r, struct alloc_stats *s);

/*
 * Per service, how many of its places went to which preference rank: hist[s * (ALLOC_MAX_RANKS
 * + 1) + k], k = 1.. the rank, 0 another eligible service. malloc'd; the caller frees it.
 */
int64_t *alloc_service_ranks(const struct alloc_instance *in, const struct alloc_result *r);

/* Why a pupil is where it is: one entry per preference better than the one it got. */
struct alloc_why_not {
	int rank;               /* that preference's rank */
	int32_t service;
	int64_t higher_or_equal;/* occupants who ranked the service at least as high */
	int64_t lower;          /* occupants who ranked it lower (or not at all) */
};
struct alloc_explanation {
	int rank;               /* placed at this preference; 0 another eligible service; -1 unplaced */
	int32_t service;        /* -1 when unplaced */
	int n_eligible;         /* eligible services (all full when unplaced) */
	int n_why_not;
	struct alloc_why_not why_not[ALLOC_MAX_RANKS];
};
/* ranks from alloc_service_ranks(). */
void alloc_explain(const struct alloc_instance *in, const struct alloc_result *r, const int64_t *ranks,
                   int32_t pupil, struct alloc_explanation *e);

/* A portable PRNG (xoshiro256**, seeded by splitmix64): the lottery and the generator. */
struct alloc_rng {
	uint64_t s[4];
};
void alloc_rng_seed(struct alloc_rng *g, uint64_t seed);
uint64_t alloc_rng_next(struct alloc_rng *g);
uint64_t alloc_rng_below(struct alloc_rng *g, uint64_t n);   /* uniform in 0..n-1, n > 0 */
double alloc_rng_unit(struct alloc_rng *g);                  /* uniform in [0, 1) */


/*
 * The text format (docs/allocation-instance.md). alloc_instance_read() returns 0, or -1 with
 * a Dutch message naming the line in err. costs gives the cost of each rank unless the file
 * has its own "costs" line; the costs used are written back into it.
 */
int alloc_instance_read(FILE *f, struct alloc_costs *costs, struct alloc_instance *in, char *err, size_t err_size);
/* Writes in with its costs; returns 0, or -1 on a write error. */
int alloc_instance_write(FILE *f, const struct alloc_costs *costs, const struct alloc_instance *in);
/* The name of a service or pupil: its own, or "d<number>" / "l<number>" for generated ones. */
const char *alloc_service_name(const struct alloc_instance *in, int32_t s, char buf[24]);
const char *alloc_pupil_name(const struct alloc_instance *in, int32_t p, char buf[24]);

/*
 * A generated instance that looks like a region (alloc_generate.c): n_pupils over the 11
 * Belgian provinces by population, about one service per 170 pupils, each pupil eligible for
 * its 10-40 nearest services in its province, 1-3 preferences with a skewed popularity,
 * places about 1.05 x demand per province, split unevenly. Returns 0 or -1 (memory).
 */
int alloc_generate(int32_t n_pupils, uint64_t seed, const struct alloc_costs *costs, struct alloc_instance *in);

#endif
