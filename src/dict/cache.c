/*
 * cache.c -- a compiled dictionary set kept on disk. dyad_dict_load() reads
 * it instead of the source files while they keep their size and modification
 * time and the program is the same build, and writes it after compiling.
 * The file holds the compiled arrays one after another, 8-byte aligned and
 * with struct padding zeroed, then a checksum; a load maps it and points the
 * dictionary's arrays into the mapping (nothing is copied). Anything
 * unexpected in it is a miss, never an error.
 */
#define _GNU_SOURCE /* dl_iterate_phdr's struct dl_phdr_info (link.h) */
#include "dict.h"

#include <errno.h>
#include <link.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "dyad compiled set"  /* 17 bytes + NUL */
#define CACHE_FORMAT 10u                  /* bump when the layout below changes */

/* ---- the identity of a file: size and modification time ---- */

typedef struct file_id {
    uint64_t size;
    int64_t sec, nsec;
} file_id;

static int identify(const char *path, file_id *id) {
    struct stat sb;
    if (stat(path, &sb) != 0) return -1;
    id->size = (uint64_t)sb.st_size;
    id->sec = (int64_t)sb.st_mtim.tv_sec;
    id->nsec = (int64_t)sb.st_mtim.tv_nsec;
    return 0;
}

/* The build of the code that compiles sets: the GNU build ID of the loaded
 * object holding this file (the linker's hash of its contents), so a rebuilt
 * dyad never reads a set another build wrote. */
typedef struct build_id {
    uint32_t n;
    unsigned char bytes[64];
} build_id;

static const char here; /* an address inside this object */

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    build_id *b = data;
    uintptr_t me = (uintptr_t)&here;
    int mine = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = (uintptr_t)(info->dlpi_addr + ph->p_vaddr);
        if (ph->p_type == PT_LOAD && me >= lo && me - lo < ph->p_memsz) mine = 1;
    }
    if (!mine) return 0; /* on to the next object */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE) continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
        while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
            ElfW(Nhdr) nh;
            memcpy(&nh, p, sizeof nh);
            const unsigned char *name = p + sizeof nh;
            size_t namesz = (nh.n_namesz + 3u) & ~3u, descsz = (nh.n_descsz + 3u) & ~3u;
            if ((size_t)(end - name) < namesz + descsz) break;
            const unsigned char *desc = name + namesz;
            if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
                nh.n_descsz <= sizeof b->bytes) {
                b->n = nh.n_descsz;
                memcpy(b->bytes, desc, nh.n_descsz);
                return 1;
            }
            p = desc + descsz;
        }
    }
    return 1; /* ours, but built without an ID */
}

static int identify_program(build_id *id) {
    memset(id, 0, sizeof *id);
    dl_iterate_phdr(find_build_id, id);
    return id->n ? 0 : -1;
}

static int mkdir_p(const char *dir) {
    char p[PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof p) return -1;
    memcpy(p, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != 0) continue;
        char c = p[i];
        p[i] = 0;
        if (mkdir(p, 0755) != 0 && errno != EEXIST) return -1;
        p[i] = c;
    }
    return 0;
}

int dy_cache_path(const char *spec, const dyad_dict_options *opt, char *out, size_t cap) {
    if (!opt || !opt->cache_dir || !*opt->cache_dir) return -1;
    build_id prog;
    if (identify_program(&prog)) return -1;
    char real[PATH_MAX];
    const char *key = !spec || !*spec ? "builtin" : realpath(spec, real) ? real : spec;
    uint64_t h = dy_hash64(0x6479616463616368ull, key, strlen(key));
    int32_t choices[4] = {(int32_t)CACHE_FORMAT, opt->paired, opt->before_inclusive, opt->undated_earliest};
    h = dy_hash64(h, choices, sizeof choices);
    if (mkdir_p(opt->cache_dir)) return -1;
    int n = snprintf(out, cap, "%s/%016llx.dyc", opt->cache_dir, (unsigned long long)h);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* ---- struct layouts: the fields of each padded type, so padding is written as zeros ---- */

typedef struct field {
    size_t off, size;
} field;
#define F(T, m) {offsetof(T, m), sizeof(((T *)0)->m)}

static const field phrase_f[] = {F(dy_phrase, first), F(dy_phrase, n)};
static const field actor_f[] = {F(dy_actor, ph.first), F(dy_actor, ph.n), F(dy_actor, codes_first),
                                F(dy_actor, ncodes), F(dy_actor, loc), F(dy_actor, undated)};
static const field agent_f[] = {F(dy_agent, ph.first), F(dy_agent, ph.n), F(dy_agent, code),
                                F(dy_agent, prefix), F(dy_agent, loc)};
static const field verb_f[] = {F(dy_verb, name), F(dy_verb, vc.code), F(dy_verb, vc.code2), F(dy_verb, vc.flags),
                               F(dy_verb, has_default), F(dy_verb, loc), F(dy_verb, pat_first),
                               F(dy_verb, npat), F(dy_verb, anc_first), F(dy_verb, nanc)};
static const field vform_f[] = {F(dy_vform, ph.first), F(dy_vform, ph.n), F(dy_vform, verb)};
static const field pattern_f[] = {F(dy_pattern, verb), F(dy_pattern, before.first), F(dy_pattern, before.n),
                                  F(dy_pattern, after.first), F(dy_pattern, after.n), F(dy_pattern, vc.code),
                                  F(dy_pattern, vc.code2), F(dy_pattern, vc.flags), F(dy_pattern, length),
                                  F(dy_pattern, by_source), F(dy_pattern, loc)};
static const field synset_f[] = {F(dy_synset, name), F(dy_synset, first), F(dy_synset, n),
                                 F(dy_synset, first_sig), F(dy_synset, last_sig), F(dy_synset, open_edge)};
static const field issue_f[] = {F(dy_issue, ph.first), F(dy_issue, ph.n), F(dy_issue, code), F(dy_issue, loc)};
static const field pico_f[] = {F(dy_pico, code), F(dy_pico, value)};
static const field node_f[] = {F(dy_trie_node, edge0), F(dy_trie_node, nedge), F(dy_trie_node, word)};
static const field edge_f[] = {F(dy_trie_edge, byte), F(dy_trie_edge, node)};
#define FIELDS(a) a, DY_ARRAY_LEN(a)
#define RAW NULL, 0  /* a type without padding */

/* ---- writing ---- */

typedef struct wbuf {
    char *p;
    size_t len, cap;
    int bad;
} wbuf;

static void put(wbuf *b, const void *s, size_t n) {
    if (b->bad || !n) return;
    if (DY_GROW(b->p, b->cap, b->len + n)) { b->bad = 1; return; }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void put_pad(wbuf *b) {
    static const char zeros[8];
    put(b, zeros, (8 - b->len % 8) % 8);
}

static void put_u64(wbuf *b, uint64_t v) { put(b, &v, sizeof v); }

/* Length, bytes and a NUL, padded: a reader points at it in place. */
static void put_str(wbuf *b, const char *s) {
    uint64_t n = s ? strlen(s) : 0;
    put_u64(b, n);
    put(b, s ? s : "", n + 1);
    put_pad(b);
}

/* n elements of `size` bytes, then `slack` zeroed ones (counted in the
 * length); with fields, each element is copied field by field into zeros. */
static void put_array(wbuf *b, const void *a, size_t n, size_t size, size_t slack, const field *f, size_t nf) {
    put_u64(b, n + slack);
    put_u64(b, size);
    unsigned char tmp[256];
    if (size > sizeof tmp) { b->bad = 1; return; }
    if (!f) put(b, a, n * size);
    for (size_t i = 0; f && i < n; i++) {
        const unsigned char *e = (const unsigned char *)a + i * size;
        memset(tmp, 0, size);
        for (size_t k = 0; k < nf; k++) memcpy(tmp + f[k].off, e + f[k].off, f[k].size);
        put(b, tmp, size);
    }
    memset(tmp, 0, size);
    for (size_t i = 0; i < slack; i++) put(b, tmp, size);
    put_pad(b);
}

/* An id-indexed array whose entry 0 is unused (never set): written as 0. */
static void put_by_id(wbuf *b, const uint32_t *a, size_t count) {
    put_u64(b, count);
    put_u64(b, sizeof *a);
    uint32_t zero = 0;
    put(b, &zero, sizeof zero);
    put(b, a + 1, (count - 1) * sizeof *a);
    put_pad(b);
}

static void put_intern(wbuf *b, const dy_intern *t) {
    put_u64(b, t->count);
    if (!t->count) return;
    put_array(b, t->slots, t->nslots, sizeof *t->slots, 0, RAW);
    put_by_id(b, t->len, t->count);
    put_by_id(b, t->hash, t->count);
    for (size_t id = 1; id < t->count; id++) put(b, t->str[id], t->len[id] + 1);
    put_pad(b);
}

void dy_cache_save(const dy_dict *d, const char *path) {
    build_id prog;
    if (identify_program(&prog) || d->ndiags != d->diagnostics) return; /* a diagnostic was lost */
    wbuf b = {0};
    put(&b, CACHE_MAGIC, sizeof CACHE_MAGIC);
    put_pad(&b);
    put_u64(&b, CACHE_FORMAT);
    put(&b, &prog, sizeof prog);
    put_u64(&b, d->nsources);
    for (size_t i = 0; i < d->nsources; i++) {
        file_id id;
        if (identify(d->sources[i], &id)) { free(b.p); return; } /* gone already: cannot vouch for it */
        put_str(&b, d->sources[i]);
        put(&b, &id, sizeof id);
    }
    put(&b, &d->set, sizeof d->set); /* ints only: no padding */
    put_pad(&b);
    put_u64(&b, d->nfiles);
    for (size_t i = 0; i < d->nfiles; i++) put_str(&b, d->files[i]);
    put_u64(&b, d->ndiags);
    for (size_t i = 0; i < d->ndiags; i++) {
        put_u64(&b, (uint64_t)d->diags[i].file << 32 | d->diags[i].line);
        put_str(&b, d->diags[i].msg);
    }
    put_intern(&b, &d->words);
    put_intern(&b, &d->codes);
    put_array(&b, d->elems, d->nelems, sizeof *d->elems, 0, RAW);
    put_array(&b, d->dated, d->ndated, sizeof *d->dated, 0, RAW);
    put_array(&b, d->actors, d->nactors, sizeof *d->actors, 0, FIELDS(actor_f));
    put_array(&b, d->agents, d->nagents, sizeof *d->agents, 0, FIELDS(agent_f));
    put_array(&b, d->verbs, d->nverbs, sizeof *d->verbs, 0, FIELDS(verb_f));
    put_array(&b, d->vforms, d->nvforms, sizeof *d->vforms, 0, FIELDS(vform_f));
    put_array(&b, d->patterns, d->npatterns, sizeof *d->patterns, 0, FIELDS(pattern_f));
    put_array(&b, d->synsets, d->nsynsets, sizeof *d->synsets, 0, FIELDS(synset_f));
    put_array(&b, d->synphrases, d->nsynphrases, sizeof *d->synphrases, 0, FIELDS(phrase_f));
    put_array(&b, d->verb_by_name, d->nverb_by_name, sizeof *d->verb_by_name, 0, RAW);
    put_array(&b, d->nouns, d->nnouns, sizeof *d->nouns, 0, FIELDS(phrase_f));
    put_array(&b, d->adjectives, d->nadjectives, sizeof *d->adjectives, 0, FIELDS(phrase_f));
    put_array(&b, d->discards, d->ndiscards, sizeof *d->discards, 0, FIELDS(phrase_f));
    put_array(&b, d->discard_story, d->ndiscard_story, sizeof *d->discard_story, 0, RAW);
    put_array(&b, d->issues, d->nissues, sizeof *d->issues, 0, FIELDS(issue_f));
    put_array(&b, d->pico, d->npico, sizeof *d->pico, 0, FIELDS(pico_f));
    put_array(&b, d->trie, d->ntrie, sizeof *d->trie, 0, FIELDS(node_f));
    put_array(&b, d->trie_edges, d->ntrie_edges, sizeof *d->trie_edges, 0, FIELDS(edge_f));
    size_t nw = d->words.count + 1; /* per-word arrays have one more than the ids */
    for (int k = 0; k < DY_NKINDS; k++) {
        put_array(&b, d->idx[k].start, nw + 1, sizeof *d->idx[k].start, 0, RAW);
        put_array(&b, d->idx[k].e, d->idx[k].start[nw] + 1, sizeof *d->idx[k].e, 0, RAW);
    }
    const uint8_t *bytes[] = {d->fclass, d->stemword, d->starts, d->multi, d->occword, d->anykey, d->seconds};
    for (size_t k = 0; k < DY_ARRAY_LEN(bytes); k++) put_array(&b, bytes[k], nw, 1, 0, RAW);
    put_array(&b, d->anchors, d->nanchors, sizeof *d->anchors, 1, RAW); /* allocated with one spare */
    put_array(&b, d->anchor_index, d->nanchor_index, sizeof *d->anchor_index, 0, RAW);
    put_array(&b, d->synedge, 2 * d->nsynphrases, sizeof *d->synedge, 1, RAW); /* allocated with one spare */
    put_array(&b, d->patsig, d->npatterns, sizeof *d->patsig, 1, RAW);
    put_array(&b, d->pairs, (1u << DY_PAIR_BITS_LOG2) / 64, sizeof *d->pairs, 0, RAW);
    uint64_t sum = dy_hash64(0, b.p, b.len);
    put_u64(&b, sum);
    if (b.bad) { free(b.p); return; }
    /* write a temporary file and rename it: readers see the old cache or the new one */
    char tmp[PATH_MAX];
    int n = snprintf(tmp, sizeof tmp, "%s.%ld.%lx.tmp", path, (long)getpid(), (unsigned long)(uintptr_t)d); /* process, thread */
    FILE *f = n > 0 && (size_t)n < sizeof tmp ? fopen(tmp, "wb") : NULL;
    if (f) {
        int ok = fwrite(b.p, 1, b.len, f) == b.len;
        ok = fclose(f) == 0 && ok;
        if (!ok || rename(tmp, path) != 0) remove(tmp);
    }
    free(b.p);
}

/* ---- reading: pointers into the mapped file ---- */

typedef struct rbuf {
    const char *p;
    size_t len, at;
    int bad;
} rbuf;

static const void *take(rbuf *r, size_t n) {
    if (r->bad || n > r->len - r->at) { r->bad = 1; return NULL; }
    const void *q = r->p + r->at;
    r->at += n;
    return q;
}

static void skip_pad(rbuf *r) { take(r, (8 - r->at % 8) % 8); }

static uint64_t get_u64(rbuf *r) {
    uint64_t v = 0;
    const void *q = take(r, sizeof v);
    if (q) memcpy(&v, q, sizeof v);
    return v;
}

static const char *get_str(rbuf *r) {
    uint64_t n = get_u64(r);
    const char *s = n < r->len ? take(r, (size_t)n + 1) : NULL;
    if (!s || s[n] != 0) { r->bad = 1; return NULL; }
    skip_pad(r);
    return s;
}

/* An array written by put_array with elements of `size` bytes, in place (the
 * mapping is read-only: the compiled set is never written); *n its length. */
static void *get_array(rbuf *r, size_t *n, size_t size) {
    uint64_t count = get_u64(r), esize = get_u64(r);
    if (r->bad || esize != size || count > (r->len - r->at) / size) { r->bad = 1; return NULL; }
    void *a = (void *)(uintptr_t)take(r, (size_t)count * size);
    skip_pad(r);
    if (n) *n = (size_t)count;
    return a;
}

/* The same, of exactly `want` elements. */
static void *get_sized(rbuf *r, size_t want, size_t size) {
    size_t n;
    void *a = get_array(r, &n, size);
    if (!r->bad && n != want) r->bad = 1;
    return r->bad ? NULL : a;
}

static void get_intern(rbuf *r, dy_intern *t) {
    size_t count = (size_t)get_u64(r), nslots;
    if (r->bad || !count) return;
    t->slots = get_array(r, &nslots, sizeof *t->slots);
    t->len = get_sized(r, count, sizeof *t->len);
    t->hash = get_sized(r, count, sizeof *t->hash);
    t->str = r->bad || !nslots || (nslots & (nslots - 1)) ? NULL : calloc(count, sizeof *t->str);
    if (!t->str) { r->bad = 1; return; }
    t->nslots = nslots;
    t->count = t->cap = count;
    for (size_t id = 1; id < count && !r->bad; id++) {
        const char *s = take(r, (size_t)t->len[id] + 1);
        if (!s || s[t->len[id]] != 0) r->bad = 1;
        t->str[id] = s;
    }
    skip_pad(r);
    for (size_t k = 0; k < nslots && !r->bad; k++)
        if (t->slots[k] >= count) r->bad = 1;
}

void dy_cache_unmap(dy_dict *d) {
    free((void *)d->words.str);
    free((void *)d->codes.str);
    free(d->files);
    free(d->sources);
    free(d->diags);
    dy_arena_free(&d->arena);
    munmap(d->map, d->maplen);
}

int dy_cache_load(dy_dict *d, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    struct stat sb;
    void *map = fstat(fileno(f), &sb) == 0 && sb.st_size > 64
                    ? mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0) : MAP_FAILED;
    fclose(f); /* the mapping stays */
    if (map == MAP_FAILED) return -1;
    size_t len = (size_t)sb.st_size;
    rbuf r = {map, len - 8, 0, 0};
    /* the checksum first: a torn or damaged file is a miss */
    uint64_t sum;
    memcpy(&sum, (const char *)map + len - 8, sizeof sum);
    const char *magic = take(&r, sizeof CACHE_MAGIC);
    skip_pad(&r);
    uint64_t format = get_u64(&r);
    build_id prog;
    const void *progp = take(&r, sizeof prog);
    if (!magic || memcmp(magic, CACHE_MAGIC, sizeof CACHE_MAGIC) != 0 || format != CACHE_FORMAT || !progp ||
        identify_program(&prog) || memcmp(progp, &prog, sizeof prog) != 0 || dy_hash64(0, map, r.len) != sum) {
        munmap(map, len);
        return -1;
    }
    dy_dict t; /* filled apart, so that a miss leaves d as it was */
    memset(&t, 0, sizeof t);
    t.opt = d->opt;
    t.map = map;
    t.maplen = len;
    size_t nsrc = (size_t)get_u64(&r);
    for (size_t i = 0; i < nsrc && !r.bad; i++) {
        const char *src = get_str(&r);
        const void *was = take(&r, sizeof(file_id));
        file_id now;
        if (r.bad || identify(src, &now) || memcmp(was, &now, sizeof now) != 0) r.bad = 1; /* changed */
        else if (DY_PUSH(t.sources, t.nsources, t.capsources, src)) r.bad = 1;
    }
    const void *set = take(&r, sizeof t.set);
    if (set) memcpy(&t.set, set, sizeof t.set);
    skip_pad(&r);
    size_t nfiles = (size_t)get_u64(&r);
    for (size_t i = 0; i < nfiles && !r.bad; i++) {
        const char *name = get_str(&r);
        if (name && DY_PUSH(t.files, t.nfiles, t.capfiles, name)) r.bad = 1;
    }
    size_t ndiags = (size_t)get_u64(&r);
    for (size_t i = 0; i < ndiags && !r.bad; i++) {
        uint64_t at = get_u64(&r);
        dy_diag_record rec = {(uint32_t)(at >> 32), (uint32_t)at, get_str(&r)};
        if (!r.bad && DY_PUSH(t.diags, t.ndiags, t.capdiags, rec)) r.bad = 1;
    }
    get_intern(&r, &t.words);
    get_intern(&r, &t.codes);
    t.elems = get_array(&r, &t.nelems, sizeof *t.elems);
    t.dated = get_array(&r, &t.ndated, sizeof *t.dated);
    t.actors = get_array(&r, &t.nactors, sizeof *t.actors);
    t.agents = get_array(&r, &t.nagents, sizeof *t.agents);
    t.verbs = get_array(&r, &t.nverbs, sizeof *t.verbs);
    t.vforms = get_array(&r, &t.nvforms, sizeof *t.vforms);
    t.patterns = get_array(&r, &t.npatterns, sizeof *t.patterns);
    t.synsets = get_array(&r, &t.nsynsets, sizeof *t.synsets);
    t.synphrases = get_array(&r, &t.nsynphrases, sizeof *t.synphrases);
    t.verb_by_name = get_array(&r, &t.nverb_by_name, sizeof *t.verb_by_name);
    t.nouns = get_array(&r, &t.nnouns, sizeof *t.nouns);
    t.adjectives = get_array(&r, &t.nadjectives, sizeof *t.adjectives);
    t.discards = get_array(&r, &t.ndiscards, sizeof *t.discards);
    t.discard_story = get_array(&r, &t.ndiscard_story, sizeof *t.discard_story);
    t.issues = get_array(&r, &t.nissues, sizeof *t.issues);
    t.pico = get_array(&r, &t.npico, sizeof *t.pico);
    t.trie = get_array(&r, &t.ntrie, sizeof *t.trie);
    t.trie_edges = get_array(&r, &t.ntrie_edges, sizeof *t.trie_edges);
    size_t nw = t.words.count + 1;
    for (int k = 0; k < DY_NKINDS && !r.bad; k++) {
        t.idx[k].start = get_sized(&r, nw + 1, sizeof *t.idx[k].start);
        t.idx[k].e = r.bad ? NULL : get_sized(&r, (size_t)t.idx[k].start[nw] + 1, sizeof *t.idx[k].e);
    }
    uint8_t **bytes[] = {&t.fclass, &t.stemword, &t.starts, &t.multi, &t.occword, &t.anykey, &t.seconds};
    for (size_t k = 0; k < DY_ARRAY_LEN(bytes); k++) *bytes[k] = get_sized(&r, nw, 1);
    t.anchors = get_array(&r, &t.nanchors, sizeof *t.anchors);
    if (!r.bad && t.nanchors == 0) r.bad = 1;
    else t.nanchors--; /* the spare */
    t.anchor_index = get_array(&r, &t.nanchor_index, sizeof *t.anchor_index);
    if (!r.bad && (t.nanchor_index == 0 || (t.nanchor_index & (t.nanchor_index - 1)))) r.bad = 1; /* a power of two */
    t.synedge = get_sized(&r, 2 * t.nsynphrases + 1, sizeof *t.synedge);
    t.patsig = get_sized(&r, t.npatterns + 1, sizeof *t.patsig);
    t.pairs = get_sized(&r, (1u << DY_PAIR_BITS_LOG2) / 64, sizeof *t.pairs);
    if (r.bad || r.at != r.len) {
        dy_cache_unmap(&t);
        return -1;
    }
    t.compiled = 1;
    t.from_cache = 1;
    t.diagnostics = t.ndiags;
    *d = t; /* d held no allocations yet: only the options and the default settings */
    for (size_t i = 0; i < d->ndiags && d->opt.diag; i++) {
        const dy_diag_record *rec = &d->diags[i];
        d->opt.diag(d->opt.diag_ctx, rec->file < d->nfiles ? d->files[rec->file] : "?", (int)rec->line, rec->msg);
    }
    return 0;
}
