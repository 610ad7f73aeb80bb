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
 * The Hungarian method solves the transportation problem: it keeps a price per service
 * (the dual), every placed pupil at a service where cost + price is its smallest, and a
 * price only on full services. A new pupil takes the cheapest augmenting path in the
 * reduced costs (Dijkstra over the services, scanning the pupils of each service settled),
 * and the prices of the services settled rise so the invariant holds again. Most pupils
 * find a free service at their cheapest cost + price and need no search.
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

/*
 * The exits of a full service r, kept once r has been settled by a search: for each service t
 * that some pupil at r may also go to, how many pupils at r pay cost class a at r and would
 * pay class b at t (costs take few distinct values, ALLOC_CLASSES at most). Settling r then
 * costs one step per exit instead of one per pupil-service pair: the cheapest move from r to
 * t is the smallest cost(b) - cost(a) over the (a, b) present, as every pupil at r pays
 * cost + price(r) exactly (the invariant). With more distinct costs, the pupils are scanned.
 */
#define ALLOC_CLASSES 6

/* What a search reads of an exit, together: one memory access per exit. */
struct exit {
	int32_t to;               /* the service t */
	int32_t next;             /* the service's next exit, or -1 */
	int16_t gain;             /* the smallest cost(b) - cost(a) present */
	uint8_t pair;             /* its a * K + b; NO_PAIR when no pupil can move this way */
};
#define NO_PAIR 255

struct exits {
	int32_t *first, *cap;     /* [S]: the service's hash table, table[first .. first + cap) */
	int32_t *used;            /* [S]: exits in it */
	bool dense;               /* tables indexed by the service (few services) */
	int32_t *first_exit;      /* [S]: the service's exits as a list: -1 ends it */
	struct exit *exit;        /* [exit] */
	int32_t *table;           /* exit index, or -1 */
	int32_t table_used, table_size;
	uint64_t *mask;           /* [exit]: bit a * K + b when that count is not zero */
	int32_t *count;           /* [exit * K * K + a * K + b] */
	int32_t *head;            /* [same]: the first of those pupils' edges to t, or -1 */
	int32_t *next, *prev;     /* [edge]: the other edges in the same count (a list) */
	int32_t n, size;
	int32_t *occupants;       /* [S * K]: pupils at the service per cost class */
	int32_t *occupant;        /* [S * K]: one of them, or -1 when unknown */
	uint8_t *kept;            /* [S]: the exits are kept */
};

struct solver {
	const struct alloc_instance *in;
	int64_t big;             /* B, the cost of "unplaced" */
	int64_t *price;          /* [S] */
	int32_t *service_of;     /* [P] */
	uint16_t *cost_of;       /* [P]: the cost of the pupil's current service */
	int32_t *slot_first;     /* [S]: a service's pupils are slot[slot_first[s] .. + load[s]] */
	int32_t *load;           /* [S] */
	int32_t *slot;           /* [sum of places] */
	int32_t *slot_of;        /* [P] */
	/* Cost classes: K distinct costs in increasing order, or K = 0 (too many: scan pupils). */
	int K;
	int16_t class_of[ALLOC_MAX_COST + 1];
	int class_cost[ALLOC_CLASSES];
	int16_t pair_gain[ALLOC_CLASSES * ALLOC_CLASSES];   /* [a * K + b]: cost(b) - cost(a) */
	struct exits x;
	bool out_of_memory;
	/* Dijkstra's state, per service; stamp says which search wrote it. The path into t:
	 * pupil pred_pupil[t] entering at pred_cost[t], or (pred_pupil[t] = -1) some pupil of
	 * pred_from[t] with the cost classes pred_pair[t] = a * K + b. */
	int64_t *dist;
	int32_t *pred_pupil, *pred_from, *pred_exit;
	uint16_t *pred_cost;
	uint8_t *pred_pair;
	int32_t *stamp;
	int32_t *settled;
	struct heap heap;
};

static void *grow_array(void *items, size_t count, size_t size, bool *failed)
{
	void *p = realloc(items, count * size);
	if (!p)
		*failed = true;
	return p ? p : items;
}

/* Room for n more entries in the tables' pool; the first of them, or -1 (memory). */
static int32_t table_block(struct solver *v, int32_t n)
{
	struct exits *x = &v->x;
	if (x->table_used + n > x->table_size) {
		int32_t size = x->table_size ? x->table_size : 4096;
		while (size < x->table_used + n)
			size *= 2;
		x->table = grow_array(x->table, (size_t)size, sizeof *x->table, &v->out_of_memory);
		if (v->out_of_memory)
			return -1;
		x->table_size = size;
	}
	int32_t first = x->table_used;
	x->table_used += n;
	for (int32_t i = 0; i < n; i++)
		x->table[first + i] = -1;
	return first;
}

/* A new exit of service s to t, at the front of s's list; -1 when memory runs out. */
static int32_t new_exit(struct solver *v, int32_t s, int32_t t)
{
	struct exits *x = &v->x;
	if (x->n == x->size) {
		int32_t size = x->size ? 2 * x->size : 1024;
		size_t kk = (size_t)v->K * (size_t)v->K;
		x->exit = grow_array(x->exit, (size_t)size, sizeof *x->exit, &v->out_of_memory);
		x->mask = grow_array(x->mask, (size_t)size, sizeof *x->mask, &v->out_of_memory);
		x->count = grow_array(x->count, (size_t)size * kk, sizeof *x->count, &v->out_of_memory);
		x->head = grow_array(x->head, (size_t)size * kk, sizeof *x->head, &v->out_of_memory);
		if (v->out_of_memory)
			return -1;
		memset(x->count + (size_t)x->size * kk, 0, (size_t)(size - x->size) * kk * sizeof *x->count);
		memset(x->head + (size_t)x->size * kk, 0xff, (size_t)(size - x->size) * kk * sizeof *x->head);
		x->size = size;
	}
	int32_t k = x->n++;
	x->exit[k] = (struct exit){.to = t, .next = x->first_exit[s], .pair = NO_PAIR};
	x->first_exit[s] = k;
	x->mask[k] = 0;
	x->used[s]++;
	return k;
}

/*
 * The exit of service s to t, created when missing; -1 when memory runs out. With few
 * services (x->dense) a service's table is indexed by t directly; else it is a hash table
 * that grows at half load into a new block at the end of the pool.
 */
static int32_t exit_of(struct solver *v, int32_t s, int32_t t)
{
	struct exits *x = &v->x;
	int32_t cap = x->cap[s];
	if (x->dense) {
		if (!cap) {
			int32_t first = table_block(v, v->in->n_services);
			if (first < 0)
				return -1;
			x->first[s] = first;
			x->cap[s] = v->in->n_services;
		}
		int32_t k = x->table[x->first[s] + t];
		if (k < 0) {
			k = new_exit(v, s, t);
			if (k >= 0)
				x->table[x->first[s] + t] = k;
		}
		return k;
	}
	if (cap) {
		for (uint32_t i = (uint32_t)t * 2654435761u & (uint32_t)(cap - 1);; i = (i + 1) & (uint32_t)(cap - 1)) {
			int32_t k = x->table[x->first[s] + (int32_t)i];
			if (k < 0)
				break;
			if (x->exit[k].to == t)
				return k;
		}
	}
	if (2 * (x->used[s] + 1) > cap) {
		int32_t ncap = cap ? 2 * cap : 32, nfirst = table_block(v, ncap);
		if (nfirst < 0)
			return -1;
		for (int32_t i = 0; i < cap; i++) {
			int32_t old = x->table[x->first[s] + i];
			if (old < 0)
				continue;
			uint32_t j = (uint32_t)x->exit[old].to * 2654435761u & (uint32_t)(ncap - 1);
			while (x->table[nfirst + (int32_t)j] >= 0)
				j = (j + 1) & (uint32_t)(ncap - 1);
			x->table[nfirst + (int32_t)j] = old;
		}
		x->first[s] = nfirst;
		x->cap[s] = cap = ncap;
	}
	int32_t k = new_exit(v, s, t);
	if (k < 0)
		return -1;
	uint32_t i = (uint32_t)t * 2654435761u & (uint32_t)(cap - 1);
	while (x->table[x->first[s] + (int32_t)i] >= 0)
		i = (i + 1) & (uint32_t)(cap - 1);
	x->table[x->first[s] + (int32_t)i] = k;
	return k;
}

/* Counts pupil q (at service s, cost class a) in or out of s's exits. */
static void count_exits(struct solver *v, int32_t q, int32_t s, int delta)
{
	const struct alloc_instance *in = v->in;
	struct exits *x = &v->x;
	int K = v->K, a = v->class_of[v->cost_of[q]];
	x->occupants[s * K + a] += delta;
	if (delta > 0)
		x->occupant[s * K + a] = q;
	else if (x->occupant[s * K + a] == q)
		x->occupant[s * K + a] = -1;
	for (int64_t e = in->first_edge[q]; e < in->first_edge[q + 1]; e++) {
		int32_t t = in->edge_service[e];
		if (t == s)
			continue;
		int32_t k = exit_of(v, s, t);
		if (k < 0)
			return;
		int ab = a * K + v->class_of[in->edge_cost[e]];
		size_t i = (size_t)k * (size_t)(K * K) + (size_t)ab;
		int32_t *c = &x->count[i];
		*c += delta;
		int32_t node = (int32_t)e;
		if (delta > 0) {
			x->prev[node] = -1;
			x->next[node] = x->head[i];
			if (x->head[i] >= 0)
				x->prev[x->head[i]] = node;
			x->head[i] = node;
		} else {
			if (x->prev[node] >= 0)
				x->next[x->prev[node]] = x->next[node];
			else
				x->head[i] = x->next[node];
			if (x->next[node] >= 0)
				x->prev[x->next[node]] = x->prev[node];
		}
		uint64_t mask = *c ? x->mask[k] | 1ULL << ab : x->mask[k] & ~(1ULL << ab);
		if (mask != x->mask[k]) {
			x->mask[k] = mask;
			struct exit *xe = &x->exit[k];
			xe->pair = NO_PAIR;
			for (; mask; mask &= mask - 1) {
				int bit = __builtin_ctzll(mask);
				if (xe->pair == NO_PAIR || v->pair_gain[bit] < xe->gain) {
					xe->pair = (uint8_t)bit;
					xe->gain = v->pair_gain[bit];
				}
			}
		}
	}
}

static void seat(struct solver *v, int32_t p, int32_t s, uint16_t cost)
{
	int32_t i = v->slot_first[s] + v->load[s]++;
	v->slot[i] = p;
	v->slot_of[p] = i;
	v->service_of[p] = s;
	v->cost_of[p] = cost;
	if (v->K && v->x.kept[s])
		count_exits(v, p, s, +1);
}

static void unseat(struct solver *v, int32_t p)
{
	int32_t s = v->service_of[p], i = v->slot_of[p];
	if (v->K && v->x.kept[s])
		count_exits(v, p, s, -1);
	int32_t last = v->slot_first[s] + --v->load[s];
	v->slot[i] = v->slot[last];
	v->slot_of[v->slot[i]] = i;
	v->service_of[p] = -1;
}

static bool is_free(const struct solver *v, int32_t s)
{
	return v->load[s] < v->in->places[s];
}

/* The pupil whose edges include edge e. */
static int32_t pupil_of_edge(const struct alloc_instance *in, int64_t e)
{
	int32_t lo = 0, hi = in->n_pupils - 1;
	while (lo < hi) {
		int32_t mid = lo + (hi - lo + 1) / 2;
		if (in->first_edge[mid] <= e)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* A pupil at service r paying cost class a there and, through exit k, class b at its
 * service; its cost there. */
static int32_t exit_witness(const struct solver *v, int32_t k, int a, int b, uint16_t *cost_at_t)
{
	int32_t e = v->x.head[(size_t)k * (size_t)(v->K * v->K) + (size_t)(a * v->K + b)];
	*cost_at_t = v->in->edge_cost[e];
	return pupil_of_edge(v->in, e);
}

/* A pupil at service r paying cost class a there: the one last counted when it is still
 * there, else the first found. */
static int32_t occupant_witness(const struct solver *v, int32_t r, int a)
{
	int32_t known = v->x.occupant[r * v->K + a];
	if (known >= 0)
		return known;
	for (int32_t i = v->slot_first[r], end = i + v->load[r]; i < end; i++)
		if (v->class_of[v->cost_of[v->slot[i]]] == a)
			return v->slot[i];
	return -1;   /* not reached: the counts say there is one */
}

/* Moves pupils back along the shortest path that ends by a pupil entering service t; p is the
 * pupil being added, who starts the path. */
static void augment_path(struct solver *v, int32_t t, int32_t p)
{
	for (;;) {
		int32_t q = v->pred_pupil[t];
		uint16_t cost = v->pred_cost[t];
		if (q < 0) {
			int K = v->K;
			q = exit_witness(v, v->pred_exit[t], v->pred_pair[t] / K, v->pred_pair[t] % K, &cost);
		}
		int32_t from = v->service_of[q];
		if (from >= 0)
			unseat(v, q);
		seat(v, q, t, cost);
		if (q == p)
			return;
		t = from;
	}
}

/* Adds pupil p: its shortest augmenting path to a free place or to "unplaced". */
static void add_pupil(struct solver *v, int32_t gen, int32_t p)
{
	const struct alloc_instance *in = v->in;
	int64_t e0 = in->first_edge[p], e1 = in->first_edge[p + 1];
	int64_t u = v->big;
	for (int64_t e = e0; e < e1; e++) {
		int64_t c = in->edge_cost[e] + v->price[in->edge_service[e]];
		if (c < u)
			u = c;
	}
	for (int64_t e = e0; e < e1; e++) {
		int32_t s = in->edge_service[e];
		if (in->edge_cost[e] + v->price[s] == u && is_free(v, s)) {
			seat(v, p, s, in->edge_cost[e]);
			return;
		}
	}

	/* The best end found so far: a free service, or a pupil sent to "unplaced" (p itself at
	 * first; else a pupil of service bumped_from, of cost class bumped_class, or bumped). */
	int64_t best = v->big - u;
	int32_t best_service = -1, bumped = p, bumped_from = -1, bumped_class = 0;
	struct heap *h = &v->heap;
	int32_t n_settled = 0;
	int K = v->K;

	/* Only what is nearer than the best end so far matters: nothing else is settled or taken. */
#define RELAX(t, d, q, c, from, pair, k)                                                      \
	do {                                                                                     \
		if ((d) < best && (v->stamp[t] != gen || (d) < v->dist[t])) {                        \
			v->stamp[t] = gen;                                                               \
			v->dist[t] = (d);                                                                \
			v->pred_pupil[t] = (q);                                                          \
			v->pred_cost[t] = (c);                                                           \
			v->pred_from[t] = (from);                                                        \
			v->pred_pair[t] = (uint8_t)(pair);                                               \
			v->pred_exit[t] = (k);                                                           \
			if (is_free(v, t)) {                                                             \
				if ((d) < best) {                                                            \
					best = (d);                                                              \
					best_service = (t);                                                      \
				}                                                                            \
			} else {                                                                         \
				heap_push_or_decrease(h, t);                                                 \
			}                                                                                \
		}                                                                                    \
	} while (0)

	for (int64_t e = e0; e < e1; e++) {
		int32_t t = in->edge_service[e];
		int64_t d = in->edge_cost[e] + v->price[t] - u;
		RELAX(t, d, p, in->edge_cost[e], -1, 0, -1);
	}
	while (h->n > 0 && v->dist[h->item[0]] < best) {
		int32_t r = heap_pop(h);
		v->settled[n_settled++] = r;
		int64_t dr = v->dist[r];
		if (K) {
			struct exits *x = &v->x;
			if (!x->kept[r]) {
				x->kept[r] = 1;
				for (int32_t i = v->slot_first[r], end = i + v->load[r]; i < end; i++)
					count_exits(v, v->slot[i], r, +1);
				if (v->out_of_memory)
					break;
			}
			/* The pupil who loses least by becoming unplaced pays the highest class here. */
			for (int a = K - 1; a >= 0; a--)
				if (x->occupants[r * K + a]) {
					int64_t d = dr + v->big - (v->class_cost[a] + v->price[r]);
					if (d < best) {
						best = d;
						best_service = -1;
						bumped = -1;
						bumped_from = r;
						bumped_class = a;
					}
					break;
				}
			int64_t base = dr - v->price[r];
			for (int32_t k = x->first_exit[r]; k >= 0 && best > dr; k = x->exit[k].next) {
				const struct exit *xe = &x->exit[k];
				if (xe->pair == NO_PAIR)
					continue;
				int32_t t = xe->to;
				int64_t d = base + xe->gain + v->price[t];
				RELAX(t, d, -1, 0, r, xe->pair, k);
			}
			continue;
		}
		for (int32_t i = v->slot_first[r], end = i + v->load[r]; i < end; i++) {
			int32_t q = v->slot[i];
			int64_t uq = v->cost_of[q] + v->price[r];
			if (dr + v->big - uq < best) {
				best = dr + v->big - uq;
				best_service = -1;
				bumped = q;
			}
			if (best <= dr)
				break;   /* nothing left can be nearer than this service */
			for (int64_t e = in->first_edge[q], qe = in->first_edge[q + 1]; e < qe; e++) {
				int32_t t = in->edge_service[e];
				if (t == r)
					continue;
				int64_t d = dr + in->edge_cost[e] + v->price[t] - uq;
				RELAX(t, d, q, in->edge_cost[e], -1, 0, -1);
			}
			if (best <= dr)
				break;
		}
	}
#undef RELAX
	for (int32_t i = 0; i < h->n; i++)   /* empty the heap for the next search */
		h->pos[h->item[i]] = -1;
	h->n = 0;
	if (v->out_of_memory)
		return;

	if (best_service >= 0) {
		augment_path(v, best_service, p);
	} else if (bumped != p) {
		if (bumped < 0)
			bumped = occupant_witness(v, bumped_from, bumped_class);
		int32_t from = v->service_of[bumped];
		unseat(v, bumped);
		augment_path(v, from, p);
	}
	for (int32_t i = 0; i < n_settled; i++) {
		int32_t s = v->settled[i];
		v->price[s] += best - v->dist[s];
	}
}

/* The cost classes; with more distinct costs than ALLOC_CLASSES, K = 0 (scan pupils). */
static int cost_classes(struct solver *v)
{
	const struct alloc_instance *in = v->in;
	bool present[ALLOC_MAX_COST + 1] = {0};
	for (int64_t e = 0; e < in->n_edges; e++)
		present[in->edge_cost[e]] = true;
	v->K = 0;
	if (in->n_edges >= INT32_MAX)
		return 0;
	for (int c = 0; c <= ALLOC_MAX_COST; c++)
		if (present[c]) {
			if (v->K == ALLOC_CLASSES) {
				v->K = 0;
				return 0;
			}
			v->class_of[c] = (int16_t)v->K;
			v->class_cost[v->K++] = c;
		}
	if (v->K == 0)
		return 0;
	for (int a = 0; a < v->K; a++)
		for (int b = 0; b < v->K; b++)
			v->pair_gain[a * v->K + b] = (int16_t)(v->class_cost[b] - v->class_cost[a]);
	size_t S = (size_t)in->n_services + 1;
	v->x.dense = in->n_services <= 8192;   /* at most 8192 x 8192 x 4 bytes of tables */
	v->x.first = calloc(S, sizeof *v->x.first);
	v->x.cap = calloc(S, sizeof *v->x.cap);
	v->x.used = calloc(S, sizeof *v->x.used);
	v->x.first_exit = malloc(S * sizeof *v->x.first_exit);
	if (v->x.first_exit)
		memset(v->x.first_exit, 0xff, S * sizeof *v->x.first_exit);
	v->x.kept = calloc(S, 1);
	v->x.occupants = calloc(S * (size_t)v->K, sizeof *v->x.occupants);
	v->x.occupant = malloc(S * (size_t)v->K * sizeof *v->x.occupant);
	if (v->x.occupant)
		memset(v->x.occupant, 0xff, S * (size_t)v->K * sizeof *v->x.occupant);
	v->x.next = malloc(((size_t)in->n_edges + 1) * sizeof *v->x.next);
	v->x.prev = malloc(((size_t)in->n_edges + 1) * sizeof *v->x.prev);
	return v->x.first_exit && v->x.next && v->x.prev && v->x.first && v->x.cap && v->x.used && v->x.kept && v->x.occupants && v->x.occupant ? 0 : -1;
}

int alloc_solve(const struct alloc_instance *in, uint64_t seed, struct alloc_result *r)
{
	memset(r, 0, sizeof *r);
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
	v.dist = malloc(s1 * sizeof *v.dist);
	v.pred_pupil = malloc(s1 * sizeof *v.pred_pupil);
	v.pred_cost = malloc(s1 * sizeof *v.pred_cost);
	v.pred_from = malloc(s1 * sizeof *v.pred_from);
	v.pred_pair = malloc(s1 * sizeof *v.pred_pair);
	v.pred_exit = malloc(s1 * sizeof *v.pred_exit);
	v.stamp = malloc(s1 * sizeof *v.stamp);
	v.settled = malloc(s1 * sizeof *v.settled);
	v.heap.item = malloc(s1 * sizeof *v.heap.item);
	v.heap.pos = malloc(s1 * sizeof *v.heap.pos);
	v.heap.key = v.dist;
	int32_t *order = malloc(p1 * sizeof *order);
	int rc = -1;
	if (!v.price || !v.service_of || !v.cost_of || !v.slot_first || !v.load || !v.slot_of || !v.dist ||
	    !v.pred_pupil || !v.pred_cost || !v.pred_from || !v.pred_pair || !v.pred_exit || !v.stamp || !v.settled ||
	    !v.heap.item || !v.heap.pos || !order)
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
	for (int32_t p = 0; p < P; p++)
		v.service_of[p] = -1;
	if (cost_classes(&v) != 0)
		goto out;

	/* The lottery: the order in which pupils are added, from the seed (Fisher-Yates). */
	struct alloc_rng g;
	alloc_rng_seed(&g, seed);
	for (int32_t i = 0; i < P; i++)
		order[i] = i;
	for (int32_t i = P - 1; i > 0; i--) {
		int32_t j = (int32_t)alloc_rng_below(&g, (uint64_t)i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (int32_t i = 0; i < P && !v.out_of_memory; i++)
		add_pupil(&v, i, order[i]);
	if (v.out_of_memory)
		goto out;

	r->service_of = v.service_of;
	r->price = v.price;
	v.service_of = NULL;
	v.price = NULL;
	r->lambda = v.big;
	r->seed = seed;
	for (int32_t p = 0; p < P; p++)
		if (r->service_of[p] >= 0) {
			r->placed++;
			r->cost += v.cost_of[p];
		}
#ifdef STAGEMATCH_DEBUG
	/* Debug builds prove every answer (release builds leave that to the caller). */
	assert(alloc_certify(in, r) == NULL);
#endif
	rc = 0;
out:
	free(v.price);
	free(v.service_of);
	free(v.cost_of);
	free(v.slot_first);
	free(v.load);
	free(v.slot);
	free(v.slot_of);
	free(v.dist);
	free(v.pred_pupil);
	free(v.pred_cost);
	free(v.pred_from);
	free(v.pred_pair);
	free(v.pred_exit);
	free(v.x.head);
	free(v.x.next);
	free(v.x.prev);
	free(v.x.occupant);
	free(v.x.first);
	free(v.x.cap);
	free(v.x.used);
	free(v.x.first_exit);
	free(v.x.table);
	free(v.x.exit);
	free(v.x.mask);
	free(v.x.count);
	free(v.x.occupants);
	free(v.x.kept);
	free(v.stamp);
	free(v.settled);
	free(v.heap.item);
	free(v.heap.pos);
	free(order);
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
