/*
 * intern.c -- string interning with a word-at-a-time hash and linear
 * probing; the table doubles at 50% load.
 */
#include "intern.h"

uint64_t dy_hash64(uint64_t h, const void *data, size_t n) {
    /* eight bytes per multiply; the tail is gathered into one last word */
    const unsigned char *s = data;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++) w |= (uint64_t)s[i] << (8 * i);
    h = (h ^ n ^ w) * 0x94D049BB133111EBull;
    return h ^ (h >> 32);
}

uint32_t dy_hash_bytes(const char *s, size_t n) { return (uint32_t)dy_hash64(0x9E3779B97F4A7C15ull, s, n); }

static int rehash(dy_intern *t, size_t nslots) {
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots) return -1;
    for (size_t id = 1; id < t->count; id++) {
        size_t i = t->hash[id] & (nslots - 1);
        while (slots[i]) i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)id;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return 0;
}

uint32_t dy_intern_find(const dy_intern *t, const char *s, size_t n) {
    if (!t->nslots) return 0;
    uint32_t h = dy_hash_bytes(s, n);
    size_t i = h & (t->nslots - 1);
    for (uint32_t id; (id = t->slots[i]) != 0; i = (i + 1) & (t->nslots - 1))
        if (t->hash[id] == h && t->len[id] == n && memcmp(t->str[id], s, n) == 0) return id;
    return 0;
}

uint32_t dy_intern_add(dy_intern *t, const char *s, size_t n) {
    uint32_t id = dy_intern_find(t, s, n);
    if (id) return id;
    if (t->count == 0) t->count = 1; /* id 0 is "none" */
    if ((t->count + 1) * 2 > t->nslots && rehash(t, t->nslots ? t->nslots * 2 : 1024)) return 0;
    size_t cap = t->cap;
    if (DY_GROW(t->str, cap, t->count + 1)) return 0;
    cap = t->cap;
    if (DY_GROW(t->len, cap, t->count + 1)) return 0;
    cap = t->cap;
    if (DY_GROW(t->hash, cap, t->count + 1)) return 0;
    t->cap = cap;
    char *copy = dy_arena_strndup(&t->arena, s, n);
    if (!copy) return 0;
    id = (uint32_t)t->count++;
    t->str[id] = copy;
    t->len[id] = (uint32_t)n;
    t->hash[id] = dy_hash_bytes(s, n);
    size_t i = t->hash[id] & (t->nslots - 1);
    while (t->slots[i]) i = (i + 1) & (t->nslots - 1);
    t->slots[i] = id;
    return id;
}

void dy_intern_free(dy_intern *t) {
    free(t->slots);
    free(t->str);
    free(t->len);
    free(t->hash);
    dy_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}
