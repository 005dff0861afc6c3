/*
 * compile.c -- turns the loaded dictionary model into the structures the
 * coder reads: a compact trie over all dictionary words (walked once per
 * token), per-word indexes of actors, agents, verb forms and nouns, and each
 * verb's patterns sorted longest first. Runs once per load.
 */
#include "dict.h"

/* ---- trie ---- */

/* A lexicon word for the trie build: sorted by text, no context needed
 * (so two dictionaries may compile at once in two threads). */
typedef struct word_ref {
    const char *s;
    uint32_t len, id;
} word_ref;

static int cmp_word(const void *a, const void *b) {
    const word_ref *x = *(const word_ref *const *)a, *y = *(const word_ref *const *)b;
    int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    if (c) return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

static int64_t trie_node_new(dy_dict *d, size_t *cap) {
    dy_trie_node n = {0, 0, 0};
    if (DY_GROW(d->trie, *cap, d->ntrie + 1)) return -1;
    d->trie[d->ntrie] = n;
    return (int64_t)d->ntrie++;
}

static int trie_build_range(dy_dict *d, const word_ref *const *w, size_t lo, size_t hi, size_t depth,
                            uint32_t node, size_t *ncap, size_t *ecap) {
    if (lo < hi && w[lo]->len == depth) { d->trie[node].word = w[lo]->id; lo++; }
    /* count children */
    size_t nchild = 0;
    for (size_t i = lo; i < hi;) {
        unsigned char b = (unsigned char)w[i]->s[depth];
        size_t j = i;
        while (j < hi && (unsigned char)w[j]->s[depth] == b) j++;
        nchild++;
        i = j;
    }
    if (!nchild) return 0;
    if (DY_GROW(d->trie_edges, *ecap, d->ntrie_edges + nchild)) return -1;
    uint32_t e0 = (uint32_t)d->ntrie_edges;
    d->ntrie_edges += nchild;
    d->trie[node].edge0 = e0;
    d->trie[node].nedge = (uint16_t)nchild;
    size_t k = 0;
    for (size_t i = lo; i < hi; k++) {
        unsigned char b = (unsigned char)w[i]->s[depth];
        size_t j = i;
        while (j < hi && (unsigned char)w[j]->s[depth] == b) j++;
        int64_t child = trie_node_new(d, ncap);
        if (child < 0) return -1;
        d->trie_edges[e0 + k].byte = b;
        d->trie_edges[e0 + k].node = (uint32_t)child;
        if (trie_build_range(d, w, i, j, depth + 1, (uint32_t)child, ncap, ecap)) return -1;
        i = j;
    }
    return 0;
}

static int build_trie(dy_dict *d) {
    size_t nw = d->words.count ? d->words.count - 1 : 0;
    word_ref *w = malloc((nw + 1) * sizeof *w);
    const word_ref **sorted = malloc((nw + 1) * sizeof *sorted); /* qsort moves 8 bytes, not 16 */
    if (!w || !sorted) { free(w); free(sorted); return -1; }
    for (size_t i = 0; i < nw; i++) {
        uint32_t id = (uint32_t)(i + 1);
        w[i] = (word_ref){d->words.str[id], d->words.len[id], id};
        sorted[i] = &w[i];
    }
    if (nw) qsort(sorted, nw, sizeof *sorted, cmp_word);
    size_t ncap = 0, ecap = 0;
    int rc = trie_node_new(d, &ncap) < 0 ? -1 : trie_build_range(d, sorted, 0, nw, 0, 0, &ncap, &ecap);
    free(sorted);
    free(w);
    return rc;
}

/* ---- per-word indexes ---- */

typedef dy_phrase (*phrase_fn)(const dy_dict *d, size_t i);

static dy_phrase actor_phrase(const dy_dict *d, size_t i) { return d->actors[i].ph; }
static dy_phrase agent_phrase(const dy_dict *d, size_t i) { return d->agents[i].ph; }
static dy_phrase vform_phrase(const dy_dict *d, size_t i) { return d->vforms[i].ph; }
static dy_phrase noun_phrase(const dy_dict *d, size_t i) { return d->nouns[i]; }
static dy_phrase adj_phrase(const dy_dict *d, size_t i) { return d->adjectives[i]; }
static dy_phrase discard_phrase(const dy_dict *d, size_t i) { return d->discards[i]; }

static uint32_t first_word_of(const dy_dict *d, dy_phrase ph) {
    if (!ph.n) return 0;
    const dy_elem *e = &d->elems[ph.first];
    return e->kind == DY_EL_WORD ? e->id : 0;
}

static uint32_t second_key(const dy_dict *d, dy_phrase ph) {
    if (ph.n < 2) return 0;
    const dy_elem *e = &d->elems[ph.first + 1];
    return e->kind == DY_EL_WORD && e->adjacent ? e->id : DY_KEY_ANY;
}

typedef struct keyed { uint32_t key, item; } keyed;

static int cmp_keyed(const void *a, const void *b) {
    const keyed *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->item < y->item ? -1 : x->item > y->item;
}

static int build_index(dy_dict *d, dy_index *ix, size_t n, phrase_fn fn) {
    size_t nw = d->words.count + 1;
    ix->start = calloc(nw + 1, sizeof *ix->start);
    ix->e = calloc(n + 1, sizeof *ix->e);
    keyed *tmp = malloc((n + 1) * sizeof *tmp);
    uint32_t *fill = malloc((nw + 1) * sizeof *fill);
    if (!ix->start || !ix->e || !tmp || !fill) { free(tmp); free(fill); return -1; }
    for (size_t i = 0; i < n; i++) ix->start[first_word_of(d, fn(d, i)) + 1]++;
    for (size_t w = 0; w < nw; w++) ix->start[w + 1] += ix->start[w];
    memcpy(fill, ix->start, (nw + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        dy_phrase ph = fn(d, i);
        uint32_t at = fill[first_word_of(d, ph)]++;
        tmp[at].key = second_key(d, ph);
        tmp[at].item = (uint32_t)i;
    }
    for (size_t w = 0; w < nw; w++)
        if (ix->start[w + 1] - ix->start[w] > 1)
            qsort(tmp + ix->start[w], ix->start[w + 1] - ix->start[w], sizeof *tmp, cmp_keyed);
    for (size_t i = 0; i < n; i++) {
        dy_ientry *e = &ix->e[i];
        dy_phrase ph = fn(d, tmp[i].item);
        e->key = tmp[i].key;
        e->item = tmp[i].item;
        e->first = ph.first;
        e->n = ph.n;
        size_t chars = 0;
        for (uint32_t k = 0; k < ph.n; k++) chars += d->words.len[d->elems[ph.first + k].id];
        e->chars = (uint16_t)(chars > 65535 ? 65535 : chars);
        if (e->key == DY_KEY_ANY) {
            const dy_elem *e2 = &d->elems[ph.first + 1];
            e->second = e2->kind == DY_EL_WORD ? e2->id : 0;
        }
    }
    free(tmp);
    free(fill);
    return 0;
}

/* The bits of the words a pattern needs: a sentence lacking one cannot match. */
static void phrase_sig(const dy_dict *d, dy_phrase ph, uint64_t *sig) {
    for (uint32_t i = 0; i < ph.n; i++) {
        const dy_elem *e = &d->elems[ph.first + i];
        if (e->kind == DY_EL_WORD) DY_SIG_SET(sig, e->id);
    }
}

/* ---- patterns ---- */


static int cmp_pattern(const void *a, const void *b) {
    const dy_pattern *x = a, *y = b;
    if (x->verb != y->verb) return x->verb < y->verb ? -1 : 1;
    if (x->length != y->length) return x->length > y->length ? -1 : 1;
    /* same length: more elements (tokens like $ +) first, then file order */
    int nx = x->before.n + x->after.n, ny = y->before.n + y->after.n;
    if (nx != ny) return nx > ny ? -1 : 1;
    if (x->loc.file != y->loc.file) return x->loc.file < y->loc.file ? -1 : 1;
    return x->loc.line < y->loc.line ? -1 : x->loc.line > y->loc.line;
}

/* The function words, put in the lexicon so that the trie walk finds them. */
static int add_function_words(dy_dict *d) {
    static const struct { const char *w; uint8_t cls; } fw[] = {
        {"THE", DY_FW_DET}, {"A", DY_FW_DET}, {"AN", DY_FW_DET},
        {"AND", DY_FW_CONJ}, {"BUT", DY_FW_CONJ}, {"OR", DY_FW_CONJ}, {"NOR", DY_FW_CONJ},
        {"HE", DY_FW_PRON}, {"SHE", DY_FW_PRON}, {"IT", DY_FW_PRON}, {"ITS", DY_FW_PRON},
        {"HIS", DY_FW_PRON}, {"HER", DY_FW_PRON}, {"HIM", DY_FW_PRON}, {"THEY", DY_FW_PRON}, {"THEM", DY_FW_PRON},
        {"THEIR", DY_FW_PRON},
        {"WAS", DY_FW_AUX}, {"WERE", DY_FW_AUX}, {"BEEN", DY_FW_AUX}, {"IS", DY_FW_AUX},
        {"ARE", DY_FW_AUX}, {"BE", DY_FW_AUX},
        {"BY", DY_FW_BY}, {"OF", DY_FW_PREP}, {"IN", DY_FW_PREP}, {"FOR", DY_FW_PREP}, {"FROM", DY_FW_PREP}};
    uint32_t ids[DY_ARRAY_LEN(fw)];
    for (size_t i = 0; i < DY_ARRAY_LEN(fw); i++)
        if (!(ids[i] = dy_intern_add(&d->words, fw[i].w, strlen(fw[i].w)))) return -1;
    d->fclass = calloc(d->words.count + 1, 1);
    if (!d->fclass) return -1;
    for (size_t i = 0; i < DY_ARRAY_LEN(fw); i++) d->fclass[ids[i]] = fw[i].cls;
    return 0;
}

static int cmp_anchor(const void *a, const void *b) {
    const dy_anchor *x = a, *y = b;
    if (x->word != y->word) return x->word < y->word ? -1 : 1;
    return x->pat < y->pat ? -1 : x->pat > y->pat;
}

/* The words of a phrase, each counted once per pattern in use[]. */
static void count_words(const dy_dict *d, dy_phrase ph, uint32_t *use, uint32_t stamp, uint32_t *seen) {
    for (uint32_t i = 0; i < ph.n; i++) {
        const dy_elem *e = &d->elems[ph.first + i];
        if (e->kind != DY_EL_WORD || seen[e->id] == stamp) continue;
        seen[e->id] = stamp;
        use[e->id]++;
    }
}

/* The rarest word of a phrase by use[], or keep *best. */
static void rarest_word(const dy_dict *d, dy_phrase ph, const uint32_t *use, uint32_t *best) {
    for (uint32_t i = 0; i < ph.n; i++) {
        const dy_elem *e = &d->elems[ph.first + i];
        if (e->kind != DY_EL_WORD) continue;
        if (!*best || use[e->id] < use[*best] || (use[e->id] == use[*best] && e->id < *best)) *best = e->id;
    }
}

/* Does anchor k, in verb v's slice, begin the run of a (verb, word) pair? */
static int pair_starts(const dy_dict *d, const dy_verb *v, uint32_t k) {
    uint32_t w = d->anchors[k].word;
    return w && (k == v->anc_first || d->anchors[k - 1].word != w);
}

/* dy_dict.anchor_index over the sorted anchors: one slot per (verb, word), at
 * most half of them used. */
static int build_anchor_index(dy_dict *d) {
    size_t pairs = 0;
    for (size_t i = 0; i < d->nverbs; i++)
        for (uint32_t k = d->verbs[i].anc_first; k < d->verbs[i].anc_first + d->verbs[i].nanc; k++)
            pairs += (size_t)pair_starts(d, &d->verbs[i], k);
    size_t nslots = 1;
    while (nslots < 2 * pairs) nslots *= 2;
    d->anchor_index = malloc(nslots * sizeof *d->anchor_index);
    if (!d->anchor_index) return -1;
    d->nanchor_index = nslots;
    uint32_t mask = (uint32_t)(nslots - 1);
    for (size_t s = 0; s < nslots; s++) d->anchor_index[s] = (dy_anchor_slot){0, DY_ANCHOR_NONE};
    for (size_t i = 0; i < d->nverbs; i++) {
        const dy_verb *v = &d->verbs[i];
        for (uint32_t k = v->anc_first; k < v->anc_first + v->nanc; k++) {
            if (!pair_starts(d, v, k)) continue;
            uint32_t h = dy_anchor_hash((uint32_t)i, d->anchors[k].word), s = h & mask;
            while (d->anchor_index[s].first != DY_ANCHOR_NONE) s = (s + 1) & mask;
            d->anchor_index[s] = (dy_anchor_slot){h, k};
        }
    }
    return 0;
}

/* dy_dict.anchors for every verb with at least DY_ANCHOR_MIN_PATTERNS patterns
 * (patterns sorted and sliced). */
static int build_anchors(dy_dict *d) {
    size_t nw = d->words.count + 1, n = 0;
    uint32_t *use = calloc(nw, sizeof *use), *seen = calloc(nw, sizeof *seen);
    for (size_t i = 0; i < d->nverbs; i++) if (d->verbs[i].npat >= DY_ANCHOR_MIN_PATTERNS) n += d->verbs[i].npat;
    d->anchors = malloc((n + 1) * sizeof *d->anchors);
    if (!use || !seen || !d->anchors) { free(use); free(seen); return -1; }
    for (size_t i = 0; i < d->npatterns; i++) {
        count_words(d, d->patterns[i].before, use, (uint32_t)i + 1, seen);
        count_words(d, d->patterns[i].after, use, (uint32_t)i + 1, seen);
    }
    d->nanchors = 0;
    for (size_t i = 0; i < d->nverbs; i++) {
        dy_verb *v = &d->verbs[i];
        v->anc_first = (uint32_t)d->nanchors;
        v->nanc = 0;
        if (v->npat < DY_ANCHOR_MIN_PATTERNS) continue;
        for (uint32_t p = 0; p < v->npat; p++) {
            const dy_pattern *pat = &d->patterns[v->pat_first + p];
            uint32_t w = 0;
            rarest_word(d, pat->before, use, &w);
            rarest_word(d, pat->after, use, &w);
            d->anchors[d->nanchors++] = (dy_anchor){w, p, DY_SIG_FOLD(d->patsig[v->pat_first + p])};
        }
        v->nanc = v->npat;
        qsort(d->anchors + v->anc_first, v->nanc, sizeof *d->anchors, cmp_anchor);
        for (uint32_t k = v->anc_first; k < v->anc_first + v->nanc; k++) {
            uint32_t h = dy_pair_bit((uint32_t)i, d->anchors[k].word, DY_ANCHOR_KIND);
            d->pairs[h >> 6] |= 1ull << (h & 63);
        }
    }
    free(use);
    free(seen);
    return build_anchor_index(d);
}

static void mark_phrase_words(dy_dict *d, dy_phrase ph) {
    for (uint32_t i = 0; i < ph.n; i++)
        if (d->elems[ph.first + i].kind == DY_EL_WORD) d->occword[d->elems[ph.first + i].id] = 1;
}

/* dy_dict.occword: the words whose positions in a sentence the coder looks up. */
static int mark_occurrence_words(dy_dict *d) {
    d->occword = calloc(d->words.count + 1, 1);
    if (!d->occword) return -1;
    for (size_t i = 0; i < d->npatterns; i++) {
        mark_phrase_words(d, d->patterns[i].before);
        mark_phrase_words(d, d->patterns[i].after);
    }
    for (size_t i = 0; i < d->nsynphrases; i++) mark_phrase_words(d, d->synphrases[i]);
    for (int k = 0; k < DY_NKINDS; k++) {
        const dy_index *ix = &d->idx[k];
        for (uint32_t i = 0; i < ix->start[d->words.count + 1]; i++)
            if (ix->e[i].key == DY_KEY_ANY && ix->e[i].second) d->occword[ix->e[i].second] = 1;
    }
    return 0;
}

int dy_dict_compile(dy_dict *d) {
    if (add_function_words(d) || build_trie(d)) return -1;
    const struct { size_t n; phrase_fn fn; } kinds[DY_NKINDS] = { /* ORDER: DY_KIND_* */
        {d->nactors, actor_phrase}, {d->nagents, agent_phrase}, {d->nvforms, vform_phrase},
        {d->nnouns, noun_phrase}, {d->nadjectives, adj_phrase}, {d->ndiscards, discard_phrase}};
    for (int k = 0; k < DY_NKINDS; k++)
        if (build_index(d, &d->idx[k], kinds[k].n, kinds[k].fn)) return -1;
    d->stemword = calloc(d->words.count + 1, 1);
    if (!d->stemword) return -1;
    for (size_t i = 0; i < d->nelems; i++)
        if (d->elems[i].kind == DY_EL_WORD && !d->elems[i].exact) d->stemword[d->elems[i].id] = 1;
    d->starts = calloc(d->words.count + 1, 1);
    if (!d->starts) return -1;
    d->seconds = calloc(d->words.count + 1, 1);
    d->multi = calloc(d->words.count + 1, 1);
    d->anykey = calloc(d->words.count + 1, 1);
    d->pairs = calloc((1u << DY_PAIR_BITS_LOG2) / 64, sizeof *d->pairs);
    if (!d->seconds || !d->multi || !d->anykey || !d->pairs) return -1;
    for (int k = 0; k < DY_NKINDS; k++) {
        const dy_index *ix = &d->idx[k];
        const uint8_t bit = (uint8_t)(1u << k);
        for (size_t w = 1; w < d->words.count; w++) {
            if (ix->start[w + 1] == ix->start[w]) continue;
            d->starts[w] |= bit;
            /* entries of a word are sorted by key: one-word phrases (key 0) first */
            uint32_t last_key = ix->e[ix->start[w + 1] - 1].key;
            if (last_key != 0) d->multi[w] |= bit;
            if (last_key == DY_KEY_ANY) d->anykey[w] |= bit;
            for (uint32_t i = ix->start[w]; i < ix->start[w + 1]; i++) {
                uint32_t key = ix->e[i].key;
                if (key == 0 || key == DY_KEY_ANY) continue;
                uint32_t h = dy_pair_bit((uint32_t)w, key, bit);
                d->pairs[h >> 6] |= 1ull << (h & 63);
            }
        }
        for (uint32_t i = 0; i < ix->start[d->words.count + 1]; i++)
            if (ix->e[i].key != 0 && ix->e[i].key != DY_KEY_ANY) d->seconds[ix->e[i].key] |= bit;
    }
    d->synedge = calloc(2 * d->nsynphrases + 1, sizeof *d->synedge);
    if (!d->synedge) return -1;
    for (size_t k = 0; k < d->nsynsets; k++) {
        dy_synset *sy = &d->synsets[k];
        memset(sy->first_sig, 0, sizeof sy->first_sig);
        memset(sy->last_sig, 0, sizeof sy->last_sig);
        sy->open_edge = 0;
        for (uint32_t m = 0; m < sy->n; m++) {
            dy_phrase ph = d->synphrases[sy->first + m];
            if (!ph.n) continue;
            const dy_elem *f = &d->elems[ph.first], *l = &d->elems[ph.first + ph.n - 1];
            uint32_t *edge = d->synedge + 2 * (size_t)(sy->first + m);
            edge[0] = f->kind == DY_EL_WORD ? f->id : 0;
            edge[1] = l->kind == DY_EL_WORD ? l->id : 0;
            if (!edge[0] || !edge[1]) { sy->open_edge = 1; continue; }
            DY_SIG_SET(sy->first_sig, edge[0]);
            DY_SIG_SET(sy->last_sig, edge[1]);
        }
    }
    if (d->npatterns) qsort(d->patterns, d->npatterns, sizeof *d->patterns, cmp_pattern);
    d->patsig = calloc(d->npatterns + 1, sizeof *d->patsig);
    if (!d->patsig) return -1;
    for (size_t i = 0; i < d->npatterns; i++) {
        dy_pattern *p = &d->patterns[i];
        phrase_sig(d, p->before, d->patsig[i]);
        phrase_sig(d, p->after, d->patsig[i]);
        const dy_elem *e = d->elems + p->after.first;
        p->by_source = p->after.n >= 2 && e[0].kind == DY_EL_WORD && e[1].kind == DY_EL_SOURCE &&
                       d->words.len[e[0].id] == 2 && memcmp(d->words.str[e[0].id], "BY", 2) == 0;
    }
    for (size_t i = 0; i < d->npatterns;) {
        size_t j = i;
        while (j < d->npatterns && d->patterns[j].verb == d->patterns[i].verb) j++;
        dy_verb *v = &d->verbs[d->patterns[i].verb];
        v->pat_first = (uint32_t)i;
        v->npat = (uint32_t)(j - i);
        i = j;
    }
    if (build_anchors(d) || mark_occurrence_words(d)) return -1;
    d->compiled = 1;
    return 0;
}
