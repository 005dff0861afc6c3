/*
 * arena.h -- a bump allocator: many small allocations freed all at once.
 * Used for dictionary strings and compiled tables. Knows nothing of events.
 */
#ifndef DY_ARENA_H
#define DY_ARENA_H

#include "../dyadInt.h"

typedef struct dy_arena_block dy_arena_block;
typedef struct dy_arena {
    dy_arena_block *head;
    size_t used, cap;   /* of the head block */
    size_t total;       /* bytes handed out, for statistics */
} dy_arena;

/* Zeroed memory aligned for any type; NULL on out of memory. */
DY_INTERNAL void *dy_arena_alloc(dy_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n). */
DY_INTERNAL char *dy_arena_strndup(dy_arena *a, const char *s, size_t n);
DY_INTERNAL void dy_arena_free(dy_arena *a);

#endif
