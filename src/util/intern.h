/*
 * intern.h -- string interning: each distinct string gets a small integer id
 * (1, 2, ...; 0 means "none"). Open addressing, strings kept in an arena.
 * Knows nothing of events.
 */
#ifndef DY_INTERN_H
#define DY_INTERN_H

#include "arena.h"

typedef struct dy_intern {
    uint32_t *slots;     /* id per slot, 0 = empty */
    size_t nslots;       /* power of two */
    const char **str;    /* str[id]; str[0] unused */
    uint32_t *len;       /* len[id] */
    uint32_t *hash;      /* hash[id] */
    size_t count, cap;   /* ids in use (count includes the unused 0) */
    dy_arena arena;
} dy_intern;

/* A 64-bit hash of data[0..n) from seed h, eight bytes at a time (also the
 * dictionary cache's names and checksum); dy_hash_bytes is its low half. */
DY_INTERNAL uint64_t dy_hash64(uint64_t h, const void *data, size_t n);
DY_INTERNAL uint32_t dy_hash_bytes(const char *s, size_t n);
/* Id of s[0..n), adding it if new; 0 on out of memory. */
DY_INTERNAL uint32_t dy_intern_add(dy_intern *t, const char *s, size_t n);
/* Id of s[0..n), or 0 if absent. */
DY_INTERNAL uint32_t dy_intern_find(const dy_intern *t, const char *s, size_t n);
DY_INTERNAL void dy_intern_free(dy_intern *t);

#endif
