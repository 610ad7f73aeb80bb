/* libFuzzer: the allocation solver and its instance format. The input is read twice: as
 * bytes that describe a small instance (solved, certified and compared with brute force),
 * and as an instance file (parsed; when it parses, solved and certified). */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "../alloc/small_instance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
		int64_t best_placed, best_cost;
		small_brute_force(in, &best_placed, &best_cost);
		assert(r.placed == best_placed && r.cost == best_cost);
	}
	alloc_result_free(&r);
}

/* The bytes as a small instance (tests/alloc/small_instance.h): up to 4 services, 7 pupils. */
static void from_bytes(const uint8_t *d, size_t n)
{
	if (n < 3)
		return;
	struct small_bytes b = {.data = d, .size = n};
	struct alloc_instance in;
	small_instance(&b, 4, 7, &in);
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
