/*
 * The allocation solver (see alloc.h), its certificate, statistics and explanations.
 *
 * Why the answer is a minimum-cost maximum flow. Give "unplaced" the cost B = C * min(S, P)
 * + 1, C the largest edge cost: then every pupil has somewhere to go (a service or the
 * unplaced column, unlimited), and the problem is a transportation problem. If its optimum
 * left an augmenting path (an unplaced pupil, then alternately a service and a pupil who
 * moves on, ending at a service with a free place), taking it would place one more pupil,
 * save B and cost at most C per pupil moved, at most min(S, P) pupils (each service appears
 * once): a strict saving, a contradiction. So the optimum places the most pupils, and among
 * those it has the least cost, as the B terms are then equal.
 *
 * The transportation problem is solved primal-dual, with the dual on the services: a price
 * per service (> 0 only on full ones) and every placed pupil at a service where cost + price
 * is its smallest (its dual; a waiting pupil's dual is its smallest cost + price, at most B).
 * A move of a pupil to another service is admissible when it keeps its cost + price; an
 * augmenting path of admissible moves from a waiting pupil to a free place (or to a pupil
 * whose dual reached B, who becomes unplaced) keeps the invariant. The solver goes in phases:
 *
 *  1. Claims, in rounds as in Dinic's method: one breadth-first pass from all waiting pupils
 *     gives every service its level, the fewest admissible moves to reach it, up to the
 *     nearest end; then every waiting pupil, in lottery order, looks for a path depth first
 *     along those levels, one level further at each step (a service's pupils that can move
 *     at all are kept first in its slots, and each pupil's admissible moves are cached, so a
 *     dead end costs little). A service whose pupils all failed stays dead for the round: a
 *     claim turns its steps around, and a step back goes a level down. So every round is a
 *     blocking flow, the nearest end is further in the next, and the rounds stop when no
 *     waiting pupil reaches an end (a path of admissible moves is far shorter than one found
 *     depth first without levels, which wanders through a whole province). The first round,
 *     at price 0, is the greedy start: every pupil at its cheapest service with room.
 *  2. Search: one Dijkstra over the services from all waiting pupils at once (reduced costs
 *     cost + price - dual >= 0) finds the distance D to the nearest end; the services nearer
 *     than D get D - distance on their price, every waiting pupil's dual rises by D, and every
 *     shortest path becomes admissible for the next claims. (Should claims ever find
 *     nothing, the search's own path is taken, so each phase places at least one pupil.)
 *
 * The solver reads the instance renumbered in lottery order (alloc_solve()): the waiting
 * pupils' edges then lie one after another in memory, which at a million pupils counts more
 * than any instruction.
 *
 * The costs are small integers, so prices rise by whole units and the number of phases is
 * about the largest dual (11 for 1,000,000 region-like pupils with costs 0/1/2/10), not the
 * number of pupils. Where optimal allocations tie, the lottery order decides who claims first.
 */
#include "alloc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void alloc_costs_default(struct alloc_costs *c)
{
	memset(c, 0, sizeof *c);
	c->n_ranks = 3;
	c->rank_cost[0] = 0;
	c->rank_cost[1] = 1;
	c->rank_cost[2] = 2;
	c->other_cost = 10;
}

void alloc_instance_free(struct alloc_instance *in)
{
	free(in->places);
	free(in->first_edge);
	free(in->edge_service);
	free(in->edge_cost);
	free(in->edge_rank);
	free(in->service_name);
	free(in->pupil_name);
	free(in->name_pool);
	memset(in, 0, sizeof *in);
}

void alloc_result_free(struct alloc_result *r)
{
	free(r->service_of);
	free(r->price);
	memset(r, 0, sizeof *r);
}

/* ---- PRNG: splitmix64 seeds xoshiro256** ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void alloc_rng_seed(struct alloc_rng *g, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		g->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t alloc_rng_next(struct alloc_rng *g)
{
	uint64_t *s = g->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t alloc_rng_below(struct alloc_rng *g, uint64_t n)
{
	/* Rejection of the top partial range: exactly uniform, the same on every machine. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;
	do
		x = alloc_rng_next(g);
	while (x >= limit);
	return x % n;
}

double alloc_rng_unit(struct alloc_rng *g)
{
	return (double)(alloc_rng_next(g) >> 11) * 0x1.0p-53;
}

/* ---- the solver ---- */

/* A 4-ary min-heap of services keyed by (distance, service): the order is total. */
struct heap {
	int32_t *item, *pos;   /* pos[s] = index in item, -1 when not in the heap */
	int32_t n;
	const int64_t *key;
};

static bool heap_less(const struct heap *h, int32_t a, int32_t b)
{
	return h->key[a] < h->key[b] || (h->key[a] == h->key[b] && a < b);
}

static void heap_up(struct heap *h, int32_t i)
{
	int32_t s = h->item[i];
	while (i > 0) {
		int32_t parent = (i - 1) / 4;
		if (!heap_less(h, s, h->item[parent]))
			break;
		h->item[i] = h->item[parent];
		h->pos[h->item[i]] = i;
		i = parent;
	}
	h->item[i] = s;
	h->pos[s] = i;
}

static void heap_push_or_decrease(struct heap *h, int32_t s)
{
	if (h->pos[s] < 0) {
		h->item[h->n] = s;
		h->pos[s] = h->n++;
	}
	heap_up(h, h->pos[s]);
}

static int32_t heap_pop(struct heap *h)
{
	int32_t top = h->item[0], last = h->item[--h->n];
	h->pos[top] = -1;
	if (h->n == 0)
		return top;
	int32_t i = 0;
	for (;;) {
		int32_t best = -1, first = 4 * i + 1;
		for (int32_t c = first; c < first + 4 && c < h->n; c++)
			if (best < 0 || heap_less(h, h->item[c], h->item[best]))
				best = c;
		if (best < 0 || !heap_less(h, h->item[best], last))
			break;
		h->item[i] = h->item[best];
		h->pos[h->item[i]] = i;
		i = best;
	}
	h->item[i] = last;
	h->pos[last] = i;
	return top;
}

#define WAITING (-1)    /* service_of: not placed yet */
#define UNPLACED (-2)   /* service_of: in the "unplaced" column for good */

/* An edge of a pupil, with its service and cost. */
struct move {
	int64_t edge;
	int32_t service;
	uint16_t cost;
};

static struct move move_of(const struct alloc_instance *in, int64_t e)
{
	return (struct move){.edge = e, .service = in->edge_service[e], .cost = in->edge_cost[e]};
}

struct solver {
	const struct alloc_instance *in;
	int64_t big;             /* B, the cost of "unplaced" */
	int64_t *price;          /* [S] */
	int32_t *service_of;     /* [P]: a service, WAITING or UNPLACED */
	uint16_t *cost_of;       /* [P]: the cost of the pupil's current service */
	int64_t *edge_of;        /* [P]: its edge to it */
	int32_t *slot_first;     /* [S]: a service's pupils are slot[slot_first[s] .. + load[s]] */
	int32_t *load;           /* [S] */
	int32_t *slot;           /* [sum of slots] */
	int32_t *slot_of;        /* [P] */
	/* slack[q] <= how much more than now placed pupil q pays at its cheapest other option
	 * (another service or "unplaced"), at most 255. A service's pupils with slack 0 (those
	 * that may move on at no cost) come first: slot[slot_first[s] .. + movable[s]]. */
	uint8_t *slack;          /* [P] */
	/* The admissible moves of each pupil (cost + price = its dual, its own service aside):
	 * up to ADMISSIBLE edges in adm[q * ADMISSIBLE ..], adm_n[q] of them, or ADM_SCAN when
	 * there were more (then its edges are scanned). Filled when the pupil is seated or its
	 * dual or slack is computed again; the prices of other services only rise, so an entry
	 * can go stale (checked on use) but none is ever missing. An entry holds the edge's
	 * service and cost too: one read instead of three far apart. A placed pupil that cannot
	 * move (slack > 0) keeps its witnesses there instead, the services where its cheapest
	 * other option costs exactly slack more when they were found: every other service costs
	 * at least slack + 1 more (as does "unplaced"), which price rises keep true as they lower
	 * the slack; adm_n 0 when that is not known. */
	struct move *adm;        /* [P * ADMISSIBLE] */
	uint8_t *adm_n;          /* [P] */
	int32_t *movable;        /* [S] */
	int32_t *waiting;        /* [P]: the pupils still waiting, in lottery order */
	int64_t *waiting_dual;   /* [P]: their duals, the cheapest each could pay (prices change only in a search) */
	int32_t n_waiting;
	/* The search (Dijkstra over the services); stamp says which search wrote dist/pred. The
	 * shortest path into t: pupil pred_pupil[t] entering t by its edge pred_edge[t]. */
	int64_t *dist;
	int32_t *pred_pupil;
	int64_t *pred_edge;
	int32_t *stamp;
	int32_t *settled;
	struct heap heap;
	int32_t end_service, end_pupil;   /* the search's nearest end: a free service, or a pupil sent to "unplaced" */
	/* The claims (depth-first over the admissible graph): per service its state in this
	 * round (0 open, 1 on the path, 2 exhausted) and its cursor over its pupils; the path as
	 * a stack of pupils fp[k] (with its dual fu[k] and next edge fe[k]) heading to ft[k] by its edge fx[k]. */
	uint8_t *state;
	int32_t *cursor;
	int32_t *level, *queue;  /* levels(): [S] each */
	int32_t *fp, *ft;
	int64_t *fe, *fu;
	int64_t *fx;
	uint8_t *fa;             /* pupil fp[k] has an admissible move at all */
};

static bool is_free(const struct solver *v, int32_t s)
{
	return v->load[s] < v->in->places[s];
}

/* Swaps the pupils in slots i and j. */
static void swap_slots(struct solver *v, int32_t i, int32_t j)
{
	int32_t a = v->slot[i], b = v->slot[j];
	v->slot[i] = b;
	v->slot_of[b] = i;
	v->slot[j] = a;
	v->slot_of[a] = j;
}

#define ADMISSIBLE 3
#define ADM_SCAN 255
#define ADM_STALE 254   /* a placed pupil's cache, to fill again before use (first_try()) */

/* Pupil q's admissible moves at dual u (its own service s aside) into its cache; returns its
 * slack: how much more than u its cheapest other option costs, at most 255. */
static uint8_t fill_admissible(struct solver *v, int32_t q, int32_t s, int64_t u)
{
	const struct alloc_instance *in = v->in;
	int64_t least = v->big - u, positive = least;
	int n = 0, w = 0;   /* w: the witnesses, edges at the least d so far (-1 when they do not fit) */
	struct move witness[ADMISSIBLE];
	for (int64_t e = in->first_edge[q]; e < in->first_edge[q + 1]; e++) {
		int32_t t = in->edge_service[e];
		int64_t d = in->edge_cost[e] + v->price[t] - u;
		if (t == s)
			continue;
		if (d < least) {
			least = d;
			w = 0;
		}
		if (d == least && d > 0 && w >= 0) {
			if (w < ADMISSIBLE)
				witness[w++] = move_of(in, e);
			else
				w = -1;
		}
		if (d > 0 && d < positive)
			positive = d;
		if (d == 0) {
			if (n < ADMISSIBLE)
				v->adm[(size_t)q * ADMISSIBLE + (size_t)n] = move_of(in, e);
			n++;
		}
	}
	v->adm_n[q] = (uint8_t)(n > ADMISSIBLE ? ADM_SCAN : n);
	if (n == 0 && s >= 0 && w > 0 && least < v->big - u) {   /* a placed pupil that cannot move: its witnesses */
		memcpy(v->adm + (size_t)q * ADMISSIBLE, witness, (size_t)w * sizeof *witness);
		v->adm_n[q] = (uint8_t)w;
	}
	if (s < 0)   /* a waiting pupil: its slack once seated at one of its n, if n = 1 */
		v->slack[q] = positive > 255 ? 255 : (uint8_t)positive;
	return least > 255 ? 255 : (uint8_t)least;
}

/* Waiting pupil q at the start (all prices 0): its dual, its cheapest cost (B when it has no
 * service), and its admissible moves, in one scan. */
static int64_t fill_initial(struct solver *v, int32_t q)
{
	const struct alloc_instance *in = v->in;
	int64_t u = v->big, second = v->big;
	int n = 0;
	for (int64_t e = in->first_edge[q]; e < in->first_edge[q + 1]; e++) {
		int64_t c = in->edge_cost[e];
		if (c < u) {
			second = u;
			u = c;
			n = 0;
		} else if (c > u) {
			if (c < second)
				second = c;
			continue;
		}
		if (n < ADMISSIBLE)
			v->adm[(size_t)q * ADMISSIBLE + (size_t)n] = move_of(in, e);
		n++;
	}
	v->adm_n[q] = (uint8_t)(n > ADMISSIBLE ? ADM_SCAN : n);
	v->slack[q] = second - u > 255 ? 255 : (uint8_t)(second - u);
	return u;
}

/* Placed pupil q's slack, exactly, its admissible moves cached. */
static uint8_t exact_slack(struct solver *v, int32_t q)
{
	int32_t s = v->service_of[q];
	return fill_admissible(v, q, s, v->cost_of[q] + v->price[s]);
}

/* Sets placed pupil q's slack, moving it into or out of its service's movable pupils. */
static void set_slack(struct solver *v, int32_t q, uint8_t slack)
{
	int32_t s = v->service_of[q], i = v->slot_of[q], edge = v->slot_first[s] + v->movable[s];
	if (slack == 0 && i >= edge) {
		swap_slots(v, i, edge);
		v->movable[s]++;
	} else if (slack > 0 && i < edge) {
		swap_slots(v, i, edge - 1);
		v->movable[s]--;
	}
	v->slack[q] = slack;
}

static void unseat(struct solver *v, int32_t p)
{
	int32_t s = v->service_of[p];
	set_slack(v, p, 1);
	int32_t last = v->slot_first[s] + --v->load[s];
	swap_slots(v, v->slot_of[p], last);
	v->service_of[p] = WAITING;
}

/*
 * Moves pupil q along an admissible edge e (its dual stays the same). Its admissible moves
 * change without a scan: e's service leaves them, the service it leaves joins them (the way
 * back costs the same), so a pupil that moved has slack 0; a waiting pupil keeps slack 0 when
 * it had another admissible service, else its cheapest other option (kept by fill_admissible).
 */
static void move(struct solver *v, int32_t q, int64_t e)
{
	int32_t from = v->service_of[q], to = v->in->edge_service[e];
	uint8_t slack = 0;
	if (v->adm_n[q] != ADM_SCAN && v->adm_n[q] != ADM_STALE) {
		struct move *a = v->adm + (size_t)q * ADMISSIBLE;
		int n = v->adm_n[q];
		for (int i = 0; i < n; i++)
			if (a[i].edge == e) {
				a[i] = a[--n];
				break;
			}
		if (from >= 0) {
			if (n < ADMISSIBLE)
				a[n++] = (struct move){.edge = v->edge_of[q], .service = from, .cost = v->cost_of[q]};
			else
				n = ADM_SCAN;
		} else if (n == 0) {
			slack = v->slack[q];
		}
		v->adm_n[q] = (uint8_t)n;
	}
	if (from >= 0)
		unseat(v, q);
	int32_t i = v->slot_first[to] + v->load[to]++;
	v->slot[i] = q;
	v->slot_of[q] = i;
	v->service_of[q] = to;
	v->cost_of[q] = v->in->edge_cost[e];
	v->edge_of[q] = e;
	set_slack(v, q, slack);
}

/*
 * Placed pupil q whose slack the last price rise used up exactly: every service but its
 * witnesses still costs it at least 1 more, so its moves at no cost are those witnesses that
 * now cost exactly its dual; without any, its slack is at least 1 (witnesses unknown).
 */
static void witnesses_told(struct solver *v, int32_t q)
{
	struct move *a = v->adm + (size_t)q * ADMISSIBLE;
	int64_t u = v->cost_of[q] + v->price[v->service_of[q]];
	int n = 0;
	for (int i = 0; i < v->adm_n[q]; i++)
		if (a[i].cost + v->price[a[i].service] == u)
			a[n++] = a[i];
	v->adm_n[q] = (uint8_t)n;
	set_slack(v, q, n > 0 ? 0 : 1);
}

/*
 * One search from all waiting pupils at once: the distance (in reduced costs) to the nearest
 * end, a free place or a pupil sent to "unplaced"; the prices of the services nearer than that
 * rise so every shortest path has reduced cost 0 (admissible). Returns that distance D.
 */
static int64_t search(struct solver *v, int32_t gen)
{
	const struct alloc_instance *in = v->in;
	struct heap *h = &v->heap;
	int64_t best = INT64_MAX;
	int32_t n_settled = 0;
	v->end_service = -1;
	v->end_pupil = -1;

	/* Only what is nearer than the best end so far matters: nothing else is settled. */
#define RELAX(t, d, q, c)                                                                     \
	do {                                                                                     \
		if ((d) < best && (v->stamp[t] != gen || (d) < v->dist[t])) {                        \
			v->stamp[t] = gen;                                                               \
			v->dist[t] = (d);                                                                \
			v->pred_pupil[t] = (q);                                                          \
			v->pred_edge[t] = (c);                                                           \
			if (is_free(v, t)) {                                                             \
				best = (d);                                                                  \
				v->end_service = (t);                                                        \
				v->end_pupil = -1;                                                           \
			} else {                                                                         \
				heap_push_or_decrease(h, t);                                                 \
			}                                                                                \
		}                                                                                    \
	} while (0)

	for (int32_t i = 0; i < v->n_waiting; i++) {
		int32_t p = v->waiting[i];
		int64_t u = v->waiting_dual[i];
		if (v->big - u < best) {
			best = v->big - u;
			v->end_service = -1;
			v->end_pupil = p;
		}
		for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++) {
			int32_t t = in->edge_service[e];
			int64_t d = in->edge_cost[e] + v->price[t] - u;
			RELAX(t, d, p, e);
		}
	}
	while (h->n > 0 && v->dist[h->item[0]] < best) {
		int32_t r = heap_pop(h);
		v->settled[n_settled++] = r;
		int64_t dr = v->dist[r];
		for (int32_t i = v->slot_first[r], end = i + v->load[r]; i < end && best > dr; i++) {
			if (i >= v->slot_first[r] + v->movable[r] && best <= dr + 1)
				break;   /* the rest have slack 1 or more */
			int32_t q = v->slot[i];
			if (dr + v->slack[q] >= best)
				continue;   /* every way on is as far as the best end so far */
			int64_t uq = v->cost_of[q] + v->price[r];
			if (dr + v->big - uq < best) {
				best = dr + v->big - uq;
				v->end_service = -1;
				v->end_pupil = q;
			}
			for (int64_t e = in->first_edge[q], qe = in->first_edge[q + 1]; e < qe; e++) {
				int32_t t = in->edge_service[e];
				int64_t d = dr + in->edge_cost[e] + v->price[t] - uq;
				if (t != r)
					RELAX(t, d, q, e);
			}
		}
	}
#undef RELAX
	for (int32_t i = 0; i < h->n; i++)   /* empty the heap for the next search */
		h->pos[h->item[i]] = -1;
	h->n = 0;
	for (int32_t i = 0; i < n_settled; i++) {
		int32_t s = v->settled[i];
		v->price[s] += best - v->dist[s];
	}
	/* A waiting pupil's cheapest service was settled at distance 0 (or it is unplaced at B
	 * at distance best): its dual rises by exactly best. */
	for (int32_t i = 0; i < v->n_waiting; i++) {
		v->waiting_dual[i] += best;
		fill_admissible(v, v->waiting[i], -1, v->waiting_dual[i]);
	}
	/* A pupil at a service whose price rose by delta may now move on for delta less (the
	 * prices elsewhere only rose): its slack falls by delta; at 0 it is computed exactly. */
	for (int32_t i = 0; i < n_settled; i++) {
		int32_t s = v->settled[i];
		int64_t delta = best - v->dist[s];
		if (delta == 0)
			continue;
		/* The movable ones stay movable (slack cannot fall below 0), with new moves maybe:
		 * their caches are filled again when first used. */
		for (int32_t j = v->slot_first[s], end = j + v->movable[s]; j < end; j++)
			v->adm_n[v->slot[j]] = ADM_STALE;
		for (int32_t j = v->slot_first[s] + v->movable[s]; j < v->slot_first[s] + v->load[s]; j++) {
			int32_t q = v->slot[j];
			if (v->slack[q] > delta) {
				v->slack[q] = (uint8_t)(v->slack[q] - delta);
				continue;
			}
			if (v->slack[q] == delta && v->adm_n[q] > 0 && v->adm_n[q] <= ADMISSIBLE) {
				witnesses_told(v, q);   /* may swap q before j: j's new pupil is one already done */
				continue;
			}
			v->slack[q] = 1;
			set_slack(v, q, exact_slack(v, q));   /* may swap q before j: j's new pupil is one already done */
		}
	}
	return best;
}

/* Moves the pupils of the claim path fp[0..k] one step on: fp[j] to ft[j], the last one
 * into the free place at ft[k] or, when bumped >= 0 (a pupil at ft[k]), bumped to "unplaced". */
static void shift(struct solver *v, int32_t k, int32_t bumped)
{
	if (bumped >= 0) {
		unseat(v, bumped);
		v->service_of[bumped] = UNPLACED;
	}
	for (int32_t j = k; j >= 0; j--)
		move(v, v->fp[j], v->fx[j]);
	for (int32_t j = 0; j < k; j++)
		v->state[v->ft[j]] = 0;   /* open again: its next pupil may move on too */
}

/* Where next_admissible() starts for pupil q: its cached moves (filled again when stale), or all its edges. */
static int64_t first_try(struct solver *v, int32_t q)
{
	if (v->adm_n[q] == ADM_STALE)
		exact_slack(v, q);   /* if nothing is admissible, claim() tells its slack */
	return v->adm_n[q] == ADM_SCAN ? v->in->first_edge[q] : 0;
}

/* Pupil q's next admissible move at dual u (cost + price = u, its own service aside) from
 * *at on (first_try() at first), or one with edge -1. */
static struct move next_admissible(const struct solver *v, int32_t q, int64_t u, int64_t *at)
{
	const struct alloc_instance *in = v->in;
	for (;;) {
		struct move m;
		if (v->adm_n[q] == ADM_SCAN) {
			if (*at >= in->first_edge[q + 1])
				return (struct move){.edge = -1};
			m = move_of(in, (*at)++);
		} else {
			if (*at >= v->adm_n[q])
				return (struct move){.edge = -1};
			m = v->adm[(size_t)q * ADMISSIBLE + (size_t)(*at)++];
		}
		if (m.cost + v->price[m.service] == u && m.service != v->service_of[q])
			return m;
	}
}

/* Service s reached at level l by levels(): the nearest end so far is at l when it has a free place. */
static void label(struct solver *v, int32_t s, int32_t l, int32_t *tail, int32_t *end)
{
	if (v->level[s] >= 0)
		return;
	v->level[s] = l;
	v->queue[(*tail)++] = s;
	if (*end < 0 && is_free(v, s))
		*end = l;
}

/*
 * The levels of the admissible graph for one round of claims, breadth first from all waiting
 * pupils at once: level[s] = the fewest moves that bring a waiting pupil's claim to service s
 * (0: straight in), -1 when further than the nearest end. Returns the level of the nearest
 * end (a free place, or a pupil that may become unplaced), or -1 when none is left.
 */
static int32_t levels(struct solver *v)
{
	int32_t head = 0, tail = 0, end = -1;
	memset(v->level, 0xff, (size_t)v->in->n_services * sizeof *v->level);
	for (int32_t i = 0; i < v->n_waiting; i++) {
		int32_t p = v->waiting[i];
		int64_t at = first_try(v, p);
		struct move m;
		while ((m = next_admissible(v, p, v->waiting_dual[i], &at)).edge >= 0) {
			label(v, m.service, 0, &tail, &end);
			if (end == 0)   /* the claims go straight in: no other level is needed */
				return 0;
		}
	}
	while (head < tail) {
		int32_t t = v->queue[head++], l = v->level[t];
		if (end >= 0 && l >= end)
			break;
		for (int32_t i = v->slot_first[t], stop = i + v->movable[t]; i < stop; i++) {
			int32_t q = v->slot[i];
			int64_t u = v->cost_of[q] + v->price[t], at = first_try(v, q);
			struct move m;
			if (u >= v->big) {
				end = l;
				break;
			}
			while ((m = next_admissible(v, q, u, &at)).edge >= 0)
				label(v, m.service, l + 1, &tail, &end);
		}
	}
	return end;
}

/*
 * Waiting pupil p (dual: its dual) claims a place along a shortest admissible path (reduced
 * cost 0 all the way, every step one level further, levels()): depth first from p, a
 * service's movable pupils tried in turn from its cursor. True when p is placed. A service
 * whose pupils all failed cannot lead to an end in this round: a claim only turns steps
 * around, and a step back goes a level down.
 */
static bool claim(struct solver *v, int32_t p, int64_t dual)
{
	int32_t k = 0;
	v->fp[0] = p;
	v->fa[0] = 0;
	v->fe[0] = first_try(v, p);
	v->fu[0] = dual;
	for (;;) {
		int32_t q = v->fp[k], t = -1;
		struct move m;
		while ((m = next_admissible(v, q, v->fu[k], &v->fe[k])).edge >= 0) {
			int32_t s = m.service;
			v->fa[k] = 1;
			if (v->state[s] || (k > 0 && v->level[s] != k))   /* every move of a waiting pupil is to level 0 */
				continue;
			v->ft[k] = s;
			v->fx[k] = m.edge;
			if (is_free(v, s)) {
				shift(v, k, -1);
				return true;
			}
			v->state[s] = 1;
			t = s;
			break;
		}
		if (t < 0) {   /* q cannot move on: back to the service it is at, its next pupil */
			if (k == 0)
				return false;
			k--;
			t = v->ft[k];
			/* A pupil that cannot move at all leaves the movable ones (its slack was
			 * stale): the next one takes its slot. */
			uint8_t slack = v->fa[k + 1] ? 0 : exact_slack(v, q);
			if (slack > 0)
				set_slack(v, q, slack);
			else
				v->cursor[t]++;
		}
		if (v->cursor[t] >= v->movable[t]) {   /* none of t's pupils can move on */
			v->state[t] = 2;
			continue;
		}
		int32_t q2 = v->slot[v->slot_first[t] + v->cursor[t]];
		int64_t u2 = v->cost_of[q2] + v->price[t];
		if (u2 >= v->big) {
			shift(v, k, q2);
			return true;
		}
		k++;
		v->fp[k] = q2;
		v->fa[k] = 0;
		v->fe[k] = first_try(v, q2);
		v->fu[k] = u2;
	}
}

/* The search's shortest path, taken should the claims of a phase place nobody (the rounds
 * find every admissible path, so this is only a guard against looping for ever). */
static void take_search_path(struct solver *v)
{
	int32_t q, t;
	if (v->end_service >= 0) {
		t = v->end_service;
		q = v->pred_pupil[t];
	} else {
		q = v->end_pupil;
		t = -1;
	}
	for (;;) {
		int32_t from = v->service_of[q];
		if (t >= 0) {
			move(v, q, v->pred_edge[t]);
		} else {
			if (from >= 0)
				unseat(v, q);
			v->service_of[q] = UNPLACED;
		}
		if (from < 0)
			return;
		t = from;
		q = v->pred_pupil[t];
	}
}

/* Drops the pupils no longer waiting from the queue; returns how many are left. */
static int32_t keep_waiting(struct solver *v)
{
	int32_t kept = 0;
	for (int32_t i = 0; i < v->n_waiting; i++)
		if (v->service_of[v->waiting[i]] == WAITING) {
			v->waiting_dual[kept] = v->waiting_dual[i];
			v->waiting[kept++] = v->waiting[i];
		}
	return v->n_waiting = kept;
}

/*
 * One phase of claims at the current prices: in rounds, the levels, then a claim by every
 * waiting pupil in lottery order along them, until no waiting pupil can reach an end (as in
 * Dinic's method, the nearest end is further away after every round). Returns how many left
 * the queue.
 */
static int32_t claim_all(struct solver *v)
{
	int32_t S = v->in->n_services, before = v->n_waiting;
	for (int32_t i = 0; i < v->n_waiting; i++)   /* everything costs B or more: unplaced for good */
		if (v->waiting_dual[i] >= v->big)
			v->service_of[v->waiting[i]] = UNPLACED;
	keep_waiting(v);
	while (v->n_waiting > 0 && levels(v) >= 0) {
		memset(v->state, 0, (size_t)S);
		memset(v->cursor, 0, (size_t)S * sizeof *v->cursor);
		for (int32_t i = 0; i < v->n_waiting; i++)
			claim(v, v->waiting[i], v->waiting_dual[i]);
		keep_waiting(v);
	}
	return before - v->n_waiting;
}

/* Solves in, whose pupils are numbered in lottery order, into r (service_of and price, in's numbering). */
static int solve_in_order(const struct alloc_instance *in, struct alloc_result *r)
{
	int32_t S = in->n_services, P = in->n_pupils;
	struct solver v = {.in = in};
	int max_cost = 0;
	for (int64_t e = 0; e < in->n_edges; e++)
		if (in->edge_cost[e] > max_cost)
			max_cost = in->edge_cost[e];
	v.big = (int64_t)max_cost * (S < P ? S : P) + 1;

	size_t s1 = (size_t)S + 1, p1 = (size_t)P + 1;
	v.price = calloc(s1, sizeof *v.price);
	v.service_of = malloc(p1 * sizeof *v.service_of);
	v.cost_of = calloc(p1, sizeof *v.cost_of);
	v.slot_first = malloc(s1 * sizeof *v.slot_first);
	v.load = calloc(s1, sizeof *v.load);
	v.slot_of = malloc(p1 * sizeof *v.slot_of);
	v.waiting = malloc(p1 * sizeof *v.waiting);
	v.waiting_dual = malloc(p1 * sizeof *v.waiting_dual);
	v.dist = malloc(s1 * sizeof *v.dist);
	v.pred_pupil = malloc(s1 * sizeof *v.pred_pupil);
	v.pred_edge = malloc(s1 * sizeof *v.pred_edge);
	v.stamp = malloc(s1 * sizeof *v.stamp);
	v.settled = malloc(s1 * sizeof *v.settled);
	v.heap.item = malloc(s1 * sizeof *v.heap.item);
	v.heap.pos = malloc(s1 * sizeof *v.heap.pos);
	v.heap.key = v.dist;
	v.state = malloc(s1);
	v.cursor = malloc(s1 * sizeof *v.cursor);
	v.level = malloc(s1 * sizeof *v.level);
	v.queue = malloc(s1 * sizeof *v.queue);
	v.fp = malloc(s1 * sizeof *v.fp);
	v.ft = malloc(s1 * sizeof *v.ft);
	v.fe = malloc(s1 * sizeof *v.fe);
	v.fu = malloc(s1 * sizeof *v.fu);
	v.fx = malloc(s1 * sizeof *v.fx);
	v.edge_of = malloc(p1 * sizeof *v.edge_of);
	v.fa = malloc(s1);
	v.slack = malloc(p1);
	v.adm = malloc(p1 * ADMISSIBLE * sizeof *v.adm);
	v.adm_n = malloc(p1);
	v.movable = calloc(s1, sizeof *v.movable);
	int rc = -1;
	if (!v.price || !v.service_of || !v.cost_of || !v.slot_first || !v.load || !v.slot_of || !v.waiting || !v.waiting_dual ||
	    !v.dist || !v.pred_pupil || !v.pred_edge || !v.stamp || !v.settled || !v.heap.item || !v.heap.pos ||
	    !v.state || !v.cursor || !v.level || !v.queue || !v.fp || !v.ft || !v.fe || !v.fu || !v.fx || !v.edge_of ||
	    !v.fa ||  !v.slack || !v.adm || !v.adm_n || !v.movable)
		goto out;
	/* The slots of a service: no more than its places, nor than the pupils eligible for it
	 * (counted in load for a moment), so all slots together are at most the pairs. */
	for (int64_t e = 0; e < in->n_edges; e++)
		v.load[in->edge_service[e]]++;
	int64_t first = 0;
	for (int32_t s = 0; s < S; s++) {
		v.slot_first[s] = (int32_t)first;
		first += in->places[s] < v.load[s] ? in->places[s] : v.load[s];
		v.load[s] = 0;
		v.stamp[s] = -1;
		v.heap.pos[s] = -1;
		if (first > INT32_MAX)
			goto out;
	}
	v.slot = malloc(((size_t)first + 1) * sizeof *v.slot);
	if (!v.slot)
		goto out;

	for (int32_t i = 0; i < P; i++) {
		v.service_of[i] = WAITING;
		v.waiting[i] = i;
		v.waiting_dual[i] = fill_initial(&v, i);
	}
	v.n_waiting = P;

	/* Phases: the claims (the first phase, at price 0, is the greedy start), then a search
	 * that raises the prices until the next claims can go through. */
	for (int32_t gen = 0;; gen++) {
		int32_t done = claim_all(&v);
		if (done == 0 && gen > 0) {
			take_search_path(&v);
			keep_waiting(&v);
		}
		if (v.n_waiting == 0)
			break;
		search(&v, gen);
	}

	for (int32_t p = 0; p < P; p++)
		if (v.service_of[p] == UNPLACED)
			v.service_of[p] = -1;
	r->service_of = v.service_of;
	r->price = v.price;
	v.service_of = NULL;
	v.price = NULL;
	r->lambda = v.big;
	for (int32_t p = 0; p < P; p++)
		if (r->service_of[p] >= 0) {
			r->placed++;
			r->cost += v.cost_of[p];
		}
	rc = 0;
out:
	free(v.price);
	free(v.service_of);
	free(v.cost_of);
	free(v.slot_first);
	free(v.load);
	free(v.slot);
	free(v.slot_of);
	free(v.waiting);
	free(v.waiting_dual);
	free(v.dist);
	free(v.pred_pupil);
	free(v.pred_edge);
	free(v.stamp);
	free(v.settled);
	free(v.heap.item);
	free(v.heap.pos);
	free(v.state);
	free(v.cursor);
	free(v.level);
	free(v.queue);
	free(v.fp);
	free(v.ft);
	free(v.fe);
	free(v.fu);
	free(v.fx);
	free(v.edge_of);
	free(v.fa);
	free(v.slack);
	free(v.adm);
	free(v.adm_n);
	free(v.movable);
	return rc;
}

/*
 * The lottery: the order in which pupils claim, from the seed (Fisher-Yates). The solver
 * works on a copy of the instance with the pupils renumbered in that order, so that going
 * through the waiting pupils reads their edges one after another instead of all over memory.
 */
int alloc_solve(const struct alloc_instance *in, uint64_t seed, struct alloc_result *r)
{
	memset(r, 0, sizeof *r);
	int32_t P = in->n_pupils;
	struct alloc_instance lot = {.n_services = in->n_services, .n_pupils = P, .n_edges = in->n_edges, .places = in->places};
	struct alloc_result ordered = {0};
	int32_t *order = malloc(((size_t)P + 1) * sizeof *order);
	lot.first_edge = malloc(((size_t)P + 1) * sizeof *lot.first_edge);
	lot.edge_service = malloc(((size_t)in->n_edges + 1) * sizeof *lot.edge_service);
	lot.edge_cost = malloc(((size_t)in->n_edges + 1) * sizeof *lot.edge_cost);
	r->service_of = malloc(((size_t)P + 1) * sizeof *r->service_of);
	int rc = -1;
	if (!order || !lot.first_edge || !lot.edge_service || !lot.edge_cost || !r->service_of)
		goto out;
	struct alloc_rng g;
	alloc_rng_seed(&g, seed);
	for (int32_t i = 0; i < P; i++)
		order[i] = i;
	for (int32_t i = P - 1; i > 0; i--) {
		int32_t j = (int32_t)alloc_rng_below(&g, (uint64_t)i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	int64_t e = 0;
	for (int32_t i = 0; i < P; i++) {
		if (i + 16 < P)   /* the pupils are all over memory: ask for the next ones' edges early */
			__builtin_prefetch(&in->first_edge[order[i + 16]]);
		if (i + 8 < P) {
			int64_t next = in->first_edge[order[i + 8]];
			__builtin_prefetch(&in->edge_service[next]);
			__builtin_prefetch(&in->edge_service[next] + 16);
			__builtin_prefetch(&in->edge_cost[next]);
		}
		int64_t from = in->first_edge[order[i]], n = in->first_edge[order[i] + 1] - from;
		lot.first_edge[i] = e;
		memcpy(lot.edge_service + e, in->edge_service + from, (size_t)n * sizeof *lot.edge_service);
		memcpy(lot.edge_cost + e, in->edge_cost + from, (size_t)n * sizeof *lot.edge_cost);
		e += n;
	}
	lot.first_edge[P] = e;
	if (solve_in_order(&lot, &ordered) != 0)
		goto out;
	for (int32_t i = 0; i < P; i++)
		r->service_of[order[i]] = ordered.service_of[i];
	r->price = ordered.price;
	ordered.price = NULL;
	r->lambda = ordered.lambda;
	r->placed = ordered.placed;
	r->cost = ordered.cost;
	r->seed = seed;
#ifdef STAGEMATCH_DEBUG
	/* Debug builds prove every answer (release builds leave that to the caller). */
	assert(alloc_certify(in, r) == NULL);
#endif
	rc = 0;
out:
	if (rc != 0)
		alloc_result_free(r);
	alloc_result_free(&ordered);
	free(order);
	free(lot.first_edge);
	free(lot.edge_service);
	free(lot.edge_cost);
	return rc;
}

/* ---- the certificate ---- */

/* The edge of pupil p to service s, or -1. */
static int64_t edge_to(const struct alloc_instance *in, int32_t p, int32_t s)
{
	for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++)
		if (in->edge_service[e] == s)
			return e;
	return -1;
}

/* Pupils per service, grouped: members[first[s] .. first[s+1]-1]. malloc'd. */
static int32_t *group_by_service(const struct alloc_instance *in, const struct alloc_result *r, int64_t **first_out)
{
	int32_t S = in->n_services, P = in->n_pupils;
	int64_t *first = calloc((size_t)S + 2, sizeof *first);
	int32_t *members = malloc(((size_t)P + 1) * sizeof *members);
	if (!first || !members) {
		free(first);
		free(members);
		return NULL;
	}
	for (int32_t p = 0; p < P; p++)
		if (r->service_of[p] >= 0)
			first[r->service_of[p] + 2]++;
	for (int32_t s = 0; s < S; s++)
		first[s + 2] += first[s + 1];
	for (int32_t p = 0; p < P; p++)
		if (r->service_of[p] >= 0)
			members[first[r->service_of[p] + 1]++] = p;
	*first_out = first;
	return members;
}

const char *alloc_certify(const struct alloc_instance *in, const struct alloc_result *r)
{
	int32_t S = in->n_services, P = in->n_pupils;
	const char *why = NULL;
	int64_t placed = 0, cost = 0;
	int64_t *first = NULL;
	int32_t *members = NULL, *queue = NULL;
	uint8_t *seen = NULL;

	for (int32_t s = 0; s < S; s++)
		if (r->price[s] < 0)
			return "a price is negative";
	for (int32_t p = 0; p < P; p++) {
		int32_t s = r->service_of[p];
		int64_t cheapest = INT64_MAX;
		for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++) {
			int64_t c = in->edge_cost[e] + r->price[in->edge_service[e]];
			if (c < cheapest)
				cheapest = c;
		}
		if (s < -1 || s >= S)
			return "a pupil's service is out of range";
		if (s == -1) {
			if (in->first_edge[p + 1] > in->first_edge[p] && cheapest < r->lambda)
				return "an unplaced pupil has a service cheaper than lambda (complementary slackness)";
			continue;
		}
		int64_t e = edge_to(in, p, s);
		if (e < 0)
			return "a pupil is placed at a service it is not eligible for";
		if (in->edge_cost[e] + r->price[s] != cheapest)
			return "a placed pupil is not at its cheapest cost + price (complementary slackness)";
		if (cheapest > r->lambda)
			return "a placed pupil's cost + price exceeds lambda (complementary slackness)";
		placed++;
		cost += in->edge_cost[e];
	}
	if (placed != r->placed || cost != r->cost)
		return "the totals do not match the assignment";

	members = group_by_service(in, r, &first);
	queue = malloc(((size_t)S + 1) * sizeof *queue);
	seen = calloc((size_t)S + 1, 1);
	if (!members || !queue || !seen) {
		why = "out of memory";
		goto out;
	}
	for (int32_t s = 0; s < S; s++) {
		int64_t load = first[s + 1] - first[s];
		if (load > in->places[s]) {
			why = "a service has more pupils than places";
			goto out;
		}
		if (r->price[s] > 0 && load < in->places[s]) {
			why = "a service with free places has a price (complementary slackness)";
			goto out;
		}
	}
	/* No augmenting path: from every unplaced pupil, the services reachable by moving
	 * pupils on are all full. */
	int32_t head = 0, tail = 0;
	for (int32_t p = 0; p < P; p++)
		if (r->service_of[p] < 0)
			for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++)
				if (!seen[in->edge_service[e]]) {
					seen[in->edge_service[e]] = 1;
					queue[tail++] = in->edge_service[e];
				}
	while (head < tail) {
		int32_t s = queue[head++];
		if (first[s + 1] - first[s] < in->places[s]) {
			why = "an augmenting path is left: one more pupil can be placed";
			goto out;
		}
		for (int64_t i = first[s]; i < first[s + 1]; i++) {
			int32_t q = members[i];
			for (int64_t e = in->first_edge[q]; e < in->first_edge[q + 1]; e++)
				if (!seen[in->edge_service[e]]) {
					seen[in->edge_service[e]] = 1;
					queue[tail++] = in->edge_service[e];
				}
		}
	}
out:
	free(first);
	free(members);
	free(queue);
	free(seen);
	return why;
}

/* ---- statistics and explanations ---- */

static int rank_of(const struct alloc_instance *in, int32_t p, int32_t s)
{
	int64_t e = edge_to(in, p, s);
	return e < 0 ? 0 : in->edge_rank[e];
}

void alloc_stats(const struct alloc_instance *in, const struct alloc_result *r, struct alloc_stats *st)
{
	memset(st, 0, sizeof *st);
	for (int32_t s = 0; s < in->n_services; s++)
		st->places += in->places[s];
	st->pairs = in->n_edges;
	for (int32_t p = 0; p < in->n_pupils; p++) {
		int32_t s = r->service_of[p];
		if (s < 0) {
			st->unplaced++;
			continue;
		}
		st->placed++;
		int64_t e = edge_to(in, p, s);
		st->cost += in->edge_cost[e];
		st->by_rank[in->edge_rank[e]]++;
	}
}

int64_t *alloc_service_ranks(const struct alloc_instance *in, const struct alloc_result *r)
{
	int64_t *hist = calloc((size_t)in->n_services * (ALLOC_MAX_RANKS + 1) + 1, sizeof *hist);
	if (!hist)
		return NULL;
	for (int32_t p = 0; p < in->n_pupils; p++) {
		int32_t s = r->service_of[p];
		if (s >= 0)
			hist[(size_t)s * (ALLOC_MAX_RANKS + 1) + rank_of(in, p, s)]++;
	}
	return hist;
}

void alloc_explain(const struct alloc_instance *in, const struct alloc_result *r, const int64_t *ranks,
                   int32_t p, struct alloc_explanation *x)
{
	memset(x, 0, sizeof *x);
	x->service = r->service_of[p];
	x->rank = x->service < 0 ? -1 : rank_of(in, p, x->service);
	x->n_eligible = (int)(in->first_edge[p + 1] - in->first_edge[p]);
	if (x->rank == 1)
		return;
	/* Every preference ranked above the place it got (all of them when it got none or
	 * another eligible service): its occupants by how they ranked it. */
	for (int64_t e = in->first_edge[p]; e < in->first_edge[p + 1]; e++) {
		int k = in->edge_rank[e];
		if (k == 0 || (x->rank > 0 && k >= x->rank))
			continue;
		struct alloc_why_not *w = &x->why_not[x->n_why_not++];
		const int64_t *h = ranks + (size_t)in->edge_service[e] * (ALLOC_MAX_RANKS + 1);
		w->rank = k;
		w->service = in->edge_service[e];
		for (int j = 0; j <= ALLOC_MAX_RANKS; j++) {
			if (j >= 1 && j <= k)
				w->higher_or_equal += h[j];
			else
				w->lower += h[j];
		}
	}
}
