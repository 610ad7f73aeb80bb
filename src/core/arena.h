#ifndef STAGEMATCH_ARENA_H
#define STAGEMATCH_ARENA_H
#include <stdarg.h>
#include <stddef.h>

/*
 * A per-request arena: many small allocations, all freed at once by arena_free()
 * when the request completes. Allocation failure aborts (as malloc failure would
 * leave the request unanswerable anyway).
 */
struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);

void *arena_alloc(struct arena *a, size_t size);          /* zeroed */
char *arena_strdup(struct arena *a, const char *s);       /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* A growing array in the arena: returns `items` (count elements of `size` bytes) with room
 * for `spare` more, moved into a twice larger block when *cap is too small (the old block
 * stays until the arena goes). Start with items NULL and *cap 0. */
void *arena_grow(struct arena *a, void *items, size_t count, size_t *cap, size_t size, size_t spare);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

#endif
