/*
 * arena.c -- bump allocator in 64 KiB blocks (larger requests get their own
 * block). Freed as a whole with dy_arena_free().
 */
#include "arena.h"

struct dy_arena_block {
    dy_arena_block *next;
    max_align_t data[];
};

#define ARENA_BLOCK (64 * 1024)

void *dy_arena_alloc(dy_arena *a, size_t n) {
    size_t align = sizeof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    if (!a->head || a->used + n > a->cap) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        dy_arena_block *b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->cap = cap;
    }
    char *p = (char *)a->head->data + a->used;
    a->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *dy_arena_strndup(dy_arena *a, const char *s, size_t n) {
    char *p = dy_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void dy_arena_free(dy_arena *a) {
    dy_arena_block *b = a->head;
    while (b) {
        dy_arena_block *next = b->next;
        free(b);
        b = next;
    }
    memset(a, 0, sizeof *a);
}
