/* The allocation solver against brute force, its certificate, explanations and the instance format. */
#include "cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "../alloc/small_instance.h"

static void equals_brute_force_on_random_small_instances(void **state)
{
	(void)state;
	struct alloc_rng g;
	alloc_rng_seed(&g, 2026);
	for (int round = 0; round < 3000; round++) {
		struct alloc_instance in;
		struct small_bytes b = {.rng = &g};
		small_instance(&b, round % 2 ? 3 : 5, round % 3 ? 7 : 9, &in);
		int64_t best_placed, best_cost;
		small_brute_force(&in, &best_placed, &best_cost);
		struct alloc_result r;
		assert_int_equal(alloc_solve(&in, (uint64_t)round, &r), 0);
		assert_int_equal(r.placed, best_placed);
		assert_int_equal(r.cost, best_cost);
		assert_null(alloc_certify(&in, &r));
		alloc_result_free(&r);
		alloc_instance_free(&in);
	}
}

/* Two pupils, one place each at A and B. Pupil 1 wants only A; pupil 2 prefers A but may go to B.
 * Lottery order must not matter: the maximum places both. */
static struct alloc_instance two_pupils(void)
{
	struct alloc_instance in = {0};
	static const int32_t places[] = {1, 1};
	static const int64_t first[] = {0, 1, 3};
	static const int32_t svc[] = {0, 0, 1};
	static const uint16_t cost[] = {0, 0, 1};
	static const uint8_t rank[] = {1, 1, 2};
	in.n_services = 2;
	in.n_pupils = 2;
	in.n_edges = 3;
	in.places = malloc(sizeof places);
	memcpy(in.places, places, sizeof places);
	in.first_edge = malloc(sizeof first);
	memcpy(in.first_edge, first, sizeof first);
	in.edge_service = malloc(sizeof svc);
	memcpy(in.edge_service, svc, sizeof svc);
	in.edge_cost = malloc(sizeof cost);
	memcpy(in.edge_cost, cost, sizeof cost);
	in.edge_rank = malloc(sizeof rank);
	memcpy(in.edge_rank, rank, sizeof rank);
	return in;
}

static void places_the_most_whatever_the_lottery(void **state)
{
	(void)state;
	struct alloc_instance in = two_pupils();
	for (uint64_t seed = 0; seed < 20; seed++) {
		struct alloc_result r;
		assert_int_equal(alloc_solve(&in, seed, &r), 0);
		assert_int_equal(r.placed, 2);
		assert_int_equal(r.cost, 1);
		assert_int_equal(r.service_of[0], 0);
		assert_int_equal(r.service_of[1], 1);
		alloc_result_free(&r);
	}
	alloc_instance_free(&in);
}

static void certificate_rejects_what_is_not_optimal(void **state)
{
	(void)state;
	struct alloc_instance in = two_pupils();
	struct alloc_result r;
	assert_int_equal(alloc_solve(&in, 1, &r), 0);
	assert_null(alloc_certify(&in, &r));

	/* Pupil 1 unplaced: an augmenting path is left (or the slackness fails first). */
	r.service_of[0] = -1;
	r.placed = 1;
	r.cost = 1;
	assert_non_null(alloc_certify(&in, &r));
	/* Pupil 2 at A, pupil 1 nowhere: as many placed as that, but not the most. */
	r.service_of[1] = 0;
	r.cost = 0;
	for (int s = 0; s < 2; s++)
		r.price[s] = 0;
	assert_non_null(alloc_certify(&in, &r));
	/* Both at A: over its places. */
	r.service_of[0] = 0;
	r.placed = 2;
	assert_non_null(alloc_certify(&in, &r));
	/* The optimum with wrong totals. */
	alloc_result_free(&r);
	assert_int_equal(alloc_solve(&in, 1, &r), 0);
	r.cost = 5;
	assert_string_equal(alloc_certify(&in, &r), "the totals do not match the assignment");
	alloc_result_free(&r);
	alloc_instance_free(&in);
}

/* A cheaper assignment with as many placed must fail the slackness check. */
static void certificate_rejects_a_costlier_assignment(void **state)
{
	(void)state;
	struct alloc_rng g;
	alloc_rng_seed(&g, 7);
	int rejected = 0;
	for (int round = 0; round < 500; round++) {
		struct alloc_instance in;
		struct small_bytes b = {.rng = &g};
		small_instance(&b, 4, 8, &in);
		struct alloc_result r;
		assert_int_equal(alloc_solve(&in, 3, &r), 0);
		/* Move one placed pupil to another eligible service with a free place at a higher cost. */
		for (int32_t p = 0; p < in.n_pupils; p++) {
			int32_t s = r.service_of[p];
			if (s < 0)
				continue;
			for (int64_t e = in.first_edge[p]; e < in.first_edge[p + 1]; e++) {
				int32_t t = in.edge_service[e], load = 0;
				for (int32_t q = 0; q < in.n_pupils; q++)
					load += r.service_of[q] == t;
				int64_t old_cost = 0;
				for (int64_t f = in.first_edge[p]; f < in.first_edge[p + 1]; f++)
					if (in.edge_service[f] == s)
						old_cost = in.edge_cost[f];
				if (t != s && load < in.places[t] && in.edge_cost[e] > old_cost) {
					r.service_of[p] = t;
					r.cost += in.edge_cost[e] - old_cost;
					assert_non_null(alloc_certify(&in, &r));
					rejected++;
					goto next;
				}
			}
		}
	next:
		alloc_result_free(&r);
		alloc_instance_free(&in);
	}
	assert_true(rejected > 50);
}

/* More than 8192 services: the solver's per-service tables are hashed, not indexed. */
static void many_services_certified(void **state)
{
	(void)state;
	struct alloc_rng g;
	alloc_rng_seed(&g, 11);
	struct alloc_instance in = {0};
	int32_t S = 9000, P = 12000;
	in.n_services = S;
	in.n_pupils = P;
	in.places = calloc((size_t)S, sizeof *in.places);
	in.first_edge = calloc((size_t)P + 1, sizeof *in.first_edge);
	in.edge_service = calloc((size_t)P * 4, sizeof *in.edge_service);
	in.edge_cost = calloc((size_t)P * 4, sizeof *in.edge_cost);
	in.edge_rank = calloc((size_t)P * 4, sizeof *in.edge_rank);
	for (int32_t s = 0; s < S; s++)
		in.places[s] = (int32_t)alloc_rng_below(&g, 3);
	static const uint16_t cost[] = {0, 1, 2, 10};
	int64_t e = 0;
	for (int32_t p = 0; p < P; p++) {
		in.first_edge[p] = e;
		int32_t home = (int32_t)alloc_rng_below(&g, (uint64_t)S);
		for (int k = 0; k < 4; k++, e++) {
			in.edge_service[e] = (home + k * 7) % S;
			in.edge_rank[e] = (uint8_t)(k < 3 ? k + 1 : 0);
			in.edge_cost[e] = cost[k];
		}
	}
	in.first_edge[P] = e;
	in.n_edges = e;
	struct alloc_result r;
	assert_int_equal(alloc_solve(&in, 1, &r), 0);
	assert_null(alloc_certify(&in, &r));
	assert_true(r.placed > 0 && r.placed < P);
	alloc_result_free(&r);
	alloc_instance_free(&in);
}

static void same_seed_same_answer(void **state)
{
	(void)state;
	struct alloc_costs c;
	alloc_costs_default(&c);
	struct alloc_instance in;
	assert_int_equal(alloc_generate(3000, 5, &c, &in), 0);
	struct alloc_result a, b, other;
	assert_int_equal(alloc_solve(&in, 42, &a), 0);
	assert_int_equal(alloc_solve(&in, 42, &b), 0);
	assert_int_equal(alloc_solve(&in, 43, &other), 0);
	assert_memory_equal(a.service_of, b.service_of, sizeof *a.service_of * (size_t)in.n_pupils);
	assert_null(alloc_certify(&in, &a));
	assert_null(alloc_certify(&in, &other));
	/* Another lottery may seat pupils differently, never better or worse. */
	assert_int_equal(a.placed, other.placed);
	assert_int_equal(a.cost, other.cost);
	alloc_result_free(&a);
	alloc_result_free(&b);
	alloc_result_free(&other);
	alloc_instance_free(&in);
}

static void generator_is_deterministic_and_region_like(void **state)
{
	(void)state;
	struct alloc_costs c;
	alloc_costs_default(&c);
	struct alloc_instance a, b;
	assert_int_equal(alloc_generate(20000, 9, &c, &a), 0);
	assert_int_equal(alloc_generate(20000, 9, &c, &b), 0);
	assert_int_equal(a.n_edges, b.n_edges);
	assert_memory_equal(a.edge_service, b.edge_service, sizeof *a.edge_service * (size_t)a.n_edges);
	assert_memory_equal(a.places, b.places, sizeof *a.places * (size_t)a.n_services);
	int64_t places = 0;
	for (int32_t s = 0; s < a.n_services; s++)
		places += a.places[s];
	assert_true(places >= 21000 && places <= 21020);           /* 1.05 x per province, rounded up */
	assert_true(a.n_edges >= 10 * 20000 && a.n_edges <= 42 * 20000);
	for (int32_t p = 0; p < a.n_pupils; p++) {
		int64_t n = a.first_edge[p + 1] - a.first_edge[p];
		assert_true(n >= 10 && n <= 41);
		assert_int_equal(a.edge_rank[a.first_edge[p]], 1);
	}
	alloc_instance_free(&a);
	alloc_instance_free(&b);
}

/*
 * A chain: services 0..n with one place each, pupil i (i < n) wants service i and may go to
 * i + 1 at cost 1, pupil n can only go to service 0. Everyone can be placed in one way only:
 * pupil n at 0 and every other pupil one further, so whoever claims late moves the whole
 * chain on, whatever the lottery.
 */
static void a_long_chain_of_moves_places_everyone(void **state)
{
	(void)state;
	enum { N = 300 };
	struct alloc_instance in = {.n_services = N + 1, .n_pupils = N + 1, .n_edges = 2 * N + 1};
	in.places = malloc((N + 1) * sizeof *in.places);
	in.first_edge = malloc((N + 2) * sizeof *in.first_edge);
	in.edge_service = malloc((2 * N + 1) * sizeof *in.edge_service);
	in.edge_cost = malloc((2 * N + 1) * sizeof *in.edge_cost);
	in.edge_rank = malloc((2 * N + 1) * sizeof *in.edge_rank);
	for (int32_t i = 0; i <= N; i++) {
		in.places[i] = 1;
		in.first_edge[i] = 2 * i;
		in.edge_service[2 * i] = i < N ? i : 0;
		in.edge_cost[2 * i] = 0;
		in.edge_rank[2 * i] = 1;
		if (i < N) {
			in.edge_service[2 * i + 1] = i + 1;
			in.edge_cost[2 * i + 1] = 1;
			in.edge_rank[2 * i + 1] = 2;
		}
	}
	in.first_edge[N + 1] = 2 * N + 1;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		struct alloc_result r;
		assert_int_equal(alloc_solve(&in, seed, &r), 0);
		assert_int_equal(r.placed, N + 1);
		assert_int_equal(r.cost, N);
		assert_int_equal(r.service_of[N], 0);
		for (int32_t i = 0; i < N; i++)
			assert_int_equal(r.service_of[i], i + 1);
		assert_null(alloc_certify(&in, &r));
		alloc_result_free(&r);
	}
	alloc_instance_free(&in);
}

static int read_text(const char *text, struct alloc_costs *c, struct alloc_instance *in, char *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	memset(c, 0, sizeof *c);
	int rc = alloc_instance_read(f, c, in, err, 256);
	fclose(f);
	return rc;
}

static void instance_format_reads_and_explains(void **state)
{
	(void)state;
	/* Anna and Bert both want Zonnehuis first; it has one place. Bert's 2nd is De Linde. Cas
	 * is eligible for De Linde only (another service), which has one place. */
	static const char text[] =
		"# example\n"
		"costs 0 1 2 10\n"
		"service Zonnehuis 1\n"
		"service De_Linde 1\n"
		"service Ver 0\n"
		"pupil anna Zonnehuis\n"
		"pupil bert Zonnehuis De_Linde\n"
		"pupil cas / De_Linde\n"
		"pupil dirk Ver:3\n";
	struct alloc_costs c;
	struct alloc_instance in;
	char err[256];
	assert_int_equal(read_text(text, &c, &in, err), 0);
	assert_int_equal(in.n_services, 3);
	assert_int_equal(in.n_pupils, 4);
	assert_int_equal(in.edge_cost[in.first_edge[3]], 3);
	struct alloc_result r;
	assert_int_equal(alloc_solve(&in, 1, &r), 0);
	/* Most placed is 2 (Zonnehuis and De Linde); least cost: anna at Zonnehuis (0) and bert
	 * at De Linde (1), or bert at Zonnehuis (0) and cas at De Linde (10): the first. */
	assert_int_equal(r.placed, 2);
	assert_int_equal(r.cost, 1);
	assert_int_equal(r.service_of[0], 0);
	assert_int_equal(r.service_of[1], 1);
	int64_t *ranks = alloc_service_ranks(&in, &r);
	struct alloc_explanation x;
	alloc_explain(&in, &r, ranks, 1, &x);
	assert_int_equal(x.rank, 2);
	assert_int_equal(x.n_why_not, 1);
	assert_int_equal(x.why_not[0].service, 0);
	assert_int_equal(x.why_not[0].higher_or_equal, 1);
	assert_int_equal(x.why_not[0].lower, 0);
	alloc_explain(&in, &r, ranks, 2, &x);
	assert_int_equal(x.rank, -1);
	assert_int_equal(x.n_eligible, 1);
	struct alloc_stats st;
	alloc_stats(&in, &r, &st);
	assert_int_equal(st.by_rank[1], 1);
	assert_int_equal(st.by_rank[2], 1);
	assert_int_equal(st.unplaced, 2);
	assert_int_equal(ranks[0 * (ALLOC_MAX_RANKS + 1) + 1], 1);
	assert_int_equal(ranks[1 * (ALLOC_MAX_RANKS + 1) + 2], 1);
	free(ranks);
	alloc_result_free(&r);

	/* Written and read back: the same instance. */
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_int_equal(alloc_instance_write(f, &c, &in), 0);
	fclose(f);
	struct alloc_instance again;
	assert_int_equal(read_text(out, &c, &again, err), 0);
	assert_int_equal(again.n_edges, in.n_edges);
	assert_memory_equal(again.edge_cost, in.edge_cost, sizeof *in.edge_cost * (size_t)in.n_edges);
	assert_memory_equal(again.edge_rank, in.edge_rank, in.n_edges);
	assert_string_equal(again.pupil_name[2], "cas");
	free(out);
	alloc_instance_free(&again);
	alloc_instance_free(&in);
}

static void instance_format_errors_name_the_line(void **state)
{
	(void)state;
	struct alloc_costs c;
	struct alloc_instance in;
	char err[256];
	assert_int_equal(read_text("service A 1\npupil x B\n", &c, &in, err), -1);
	assert_string_equal(err, "regel 2: onbekende dienst 'B': zet eerst een regel 'service B PLAATSEN' boven de "
	                         "leerlingen");
	assert_int_equal(read_text("service A 1\nservice A 2\n", &c, &in, err), -1);
	assert_string_equal(err, "regel 2: de dienst 'A' staat er al eerder in");
	assert_int_equal(read_text("service A x\n", &c, &in, err), -1);
	assert_non_null(strstr(err, "regel 1: het aantal plaatsen"));
	assert_int_equal(read_text("service A 1\npupil x A A\n", &c, &in, err), -1);
	assert_non_null(strstr(err, "staat twee keer bij deze leerling"));
	assert_int_equal(read_text("service A 1\npupil x A\npupil x A\n", &c, &in, err), -1);
	assert_non_null(strstr(err, "de leerling 'x' staat er twee keer in"));
	assert_int_equal(read_text("costs 0 5\nservice A 1\nservice B 1\npupil x A B\n", &c, &in, err), -1);
	assert_non_null(strstr(err, "meer dan 1 voorkeuren"));
	assert_int_equal(read_text("leerling x\n", &c, &in, err), -1);
	assert_non_null(strstr(err, "regel 1: onbekend woord 'leerling'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equals_brute_force_on_random_small_instances),
		cmocka_unit_test(places_the_most_whatever_the_lottery),
		cmocka_unit_test(certificate_rejects_what_is_not_optimal),
		cmocka_unit_test(certificate_rejects_a_costlier_assignment),
		cmocka_unit_test(many_services_certified),
		cmocka_unit_test(same_seed_same_answer),
		cmocka_unit_test(a_long_chain_of_moves_places_everyone),
		cmocka_unit_test(generator_is_deterministic_and_region_like),
		cmocka_unit_test(instance_format_reads_and_explains),
		cmocka_unit_test(instance_format_errors_name_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
