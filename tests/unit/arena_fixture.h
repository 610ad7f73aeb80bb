#ifndef STAGEMATCH_TEST_ARENA_FIXTURE_H
#define STAGEMATCH_TEST_ARENA_FIXTURE_H
/* A fresh arena `a` for each test registered with WITH_ARENA(test), freed after it. */
#include "arena.h"

static struct arena *a;

static int arena_setup(void **state)
{
	(void)state;
	a = arena_new();
	return a ? 0 : -1;
}

static int arena_teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

#define WITH_ARENA(test) cmocka_unit_test_setup_teardown(test, arena_setup, arena_teardown)
#endif
