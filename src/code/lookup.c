/*
 * lookup.c -- what the dictionary says about each token: one walk of the
 * word trie per distinct token text (cached), the phrases (actors, agents,
 * verb forms, nouns, discards) that start at a token, longest first, and a
 * per-sentence index of where each dictionary word occurs. Reads the
 * compiled dictionary only; decides nothing about events.
 */
#include "coder.h"

/* ---- token hits: one trie walk per token ---- */

/* The regular ending s[0..n) after a dictionary word ending in `last`. */
static uint8_t regular_ending(const char *s, size_t n, char last) {
    if ((n == 1 && s[0] == 'S') || (n == 2 && s[0] == 'E' && s[1] == 'S')) return DY_HIT_BOTH_END;
    if ((n == 2 && s[0] == '\'' && s[1] == 'S') || (n == 3 && memcmp(s, "S'S", 3) == 0) ||
        (n == 1 && s[0] == '\''))
        return DY_HIT_NOUN_END;
    if (n == 2 && (memcmp(s, "ED", 2) == 0 || memcmp(s, "EN", 2) == 0)) return DY_HIT_VERB_END;
    if (n == 3 && memcmp(s, "ING", 3) == 0) return DY_HIT_VERB_END;
    if (n == 1 && (s[0] == 'D' || s[0] == 'N') && last == 'E') return DY_HIT_VERB_END;
    return 0;
}

/* The cache keeps, per distinct token text, one record in c->hc_data (in
 * 4-byte units): a header, the one-word results (when the text begins a
 * phrase), the hits, then the text; so a look-up reads one slot and one
 * contiguous record. */
struct dy_hitcache_slot {
    uint32_t hash;
    uint32_t rec;    /* offset of the record in hc_data; UINT32_MAX = empty */
};
typedef struct hc_header {
    uint16_t len;
    uint8_t nhit, starts, multi, seconds, fclass;
} hc_header;
#define HC_UNITS(bytes) (((bytes) + 3) / 4)
#define HC_TEXT_UNITS(n) (2 * (((n) + 7) / 8)) /* texts are zero-padded to 8-byte words */
#define HC_HIT_RUN 4 /* hits copied out of a record at once (most tokens have fewer) */

/* The first n (1-8) bytes at s as a word, the rest zero; reads 8 bytes. */
static inline uint64_t head_word(const char *s, size_t n) {
    uint64_t w;
    memcpy(&w, s, 8);
    return n >= 8 ? w : w & ((1ull << (8 * n)) - 1);
}

/* Hash of a token text, a word at a time (texts have DY_TOK_SLACK). */
static uint32_t text_hash(const char *s, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull * (n + 1);
    for (size_t k = 0; k < n; k += 8) {
        h = (h ^ head_word(s + k, n - k)) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    return (uint32_t)(h >> 32);
}

/* Does the zero-padded cached text equal s[0..n)? */
static inline int same_text(const char *cached, const char *s, size_t n) {
    for (size_t k = 0; k < n; k += 8) {
        uint64_t a;
        memcpy(&a, cached + k, 8);
        if (a != head_word(s + k, n - k)) return 0;
    }
    return 1;
}

#define HC_SLOTS 16384          /* power of two */
#define HC_MAX_ENTRIES (HC_SLOTS / 2)

static void hc_clear(dy_coder *c) {
    for (size_t k = 0; k < HC_SLOTS; k++) c->hc[k].rec = UINT32_MAX;
    c->hc_n = c->hc_ndata = 0;
}

static int walk_trie(dy_coder *c, dy_tokinfo *ti, const char *s, size_t n);

/* The regular endings the last word of a phrase of each kind (DY_KIND_*) takes. */
static const int endings_of[DY_NKINDS] = {DY_END_NOUN, DY_END_NOUN, DY_END_VERB, DY_END_NOUN, DY_END_NOUN, DY_END_NOUN};

/* What the token's hits alone say (see dy_tokinfo): computed once per
 * distinct token text, so the indexes are read only on a cache miss. */
static void summarize(const dy_coder *c, dy_tokinfo *ti) {
    const dy_dict *d = c->d;
    ti->starts = ti->seconds = ti->longer = ti->fclass = 0;
    memset(ti->one, 0, sizeof ti->one);
    for (int h = 0; h < ti->nhit; h++) {
        const dy_hit *hit = &c->hits[ti->hit0 + h];
        ti->starts |= d->starts[hit->word];
        ti->seconds |= hit->seconds;
        ti->longer |= hit->multi;
        if (hit->kind == DY_HIT_EXACT && hit->fclass) ti->fclass = hit->fclass;
    }
    for (int k = 0; k < DY_NKINDS; k++) {
        if (!(ti->starts & (1 << k))) continue;
        const dy_index *ix = &d->idx[k];
        int found = 0;
        uint32_t item = 0;
        uint16_t chars = 0;
        for (int h = 0; h < ti->nhit; h++) {
            const dy_hit *hit = &c->hits[ti->hit0 + h];
            const dy_ientry *lo = ix->e + ix->start[hit->word], *hi = ix->e + ix->start[hit->word + 1];
            for (; lo < hi && lo->key == 0; lo++) {
                if (!dy_hit_fits(hit->kind, &d->elems[lo->first], endings_of[k])) continue;
                /* the longer dictionary text, then the entry first in the files */
                if (found && (lo->chars < chars || (lo->chars == chars && lo->item > item))) continue;
                found = 1;
                item = lo->item;
                chars = lo->chars;
            }
        }
        ti->one[k] = found ? item + 1 : 0;
    }
}

/* The dictionary words a token's text matches, through the cache. */
/* The text token i is looked up by, or NULL for punctuation. */
static const char *lookup_text(const dy_coder *c, int i, size_t *n) {
    const dy_token *t = &c->tok[i];
    if (t->kind == DY_TOK_PUNCT) return NULL;
    const char *s = c->toks.text + t->text;
    *n = t->len;
    /* "US" written in capitals in mixed-case text is the country, not the pronoun */
    if (*n == 2 && s[0] == 'U' && s[1] == 'S' && (t->flags & DY_TF_ALLCAPS) && !c->allcaps && c->set.own_rules) {
        static const char us[DY_TOK_SLACK + 1] = "U.S.";
        *n = 4;
        return us;
    }
    return s;
}

static int find_hits(dy_coder *c, int i, uint32_t h);
static void mark_longer_phrases(dy_coder *c);

/* The dictionary words of every token of the sentence. The cache lines a
 * token will need are requested for the whole sentence first (slots, then
 * records), so their fetches overlap instead of waiting one by one. */
int dy_find_sentence_hits(dy_coder *c) {
    c->nhits = 0;
    if (!c->hc) {
        c->hc = malloc(HC_SLOTS * sizeof *c->hc);
        if (!c->hc) return -1;
        hc_clear(c);
    }
    if (DY_GROW(c->tok_hash, c->cap_tok_hash, (size_t)c->ntok)) return -1;
    for (int i = 0; i < c->ntok; i++) {
        size_t n;
        const char *s = lookup_text(c, i, &n);
        c->tok_hash[i] = s ? text_hash(s, n) : 0;
        if (s) __builtin_prefetch(&c->hc[c->tok_hash[i] & (HC_SLOTS - 1)]);
    }
    for (int i = 0; i < c->ntok; i++) {
        uint32_t rec = c->hc[c->tok_hash[i] & (HC_SLOTS - 1)].rec;
        if (rec != UINT32_MAX) __builtin_prefetch(c->hc_data + rec);
    }
    for (int i = 0; i < c->ntok; i++)
        if (find_hits(c, i, c->tok_hash[i])) return -1;
    mark_longer_phrases(c);
    return 0;
}

/* Which phrases of more than one word may begin at each token, once per
 * sentence for every kind: one keyed by its second word needs a pair of
 * neighbouring words the filter allows (dy_hit.keyed); one keyed "any"
 * needs its first word only. Narrows dy_tokinfo.longer, so dy_longest
 * rarely walks an index. */
static void mark_longer_phrases(dy_coder *c) {
    const dy_dict *d = c->d;
    for (int i = 0; i < c->ntok; i++) {
        dy_tokinfo *ti = &c->ti[i];
        if (!ti->longer) continue;
        /* a punctuation token has no hits, so no seconds */
        uint8_t seconds = i + 1 < c->ntok ? c->ti[i + 1].seconds : 0;
        const dy_tokinfo *next = &c->ti[i + 1];
        uint8_t longer = 0;
        for (int h = 0; h < ti->nhit; h++) {
            dy_hit *hit = &c->hits[ti->hit0 + h];
            uint8_t want = hit->multi & seconds, keyed = 0;
            for (int h2 = 0; want && h2 < next->nhit; h2++) {
                const dy_hit *n2 = &c->hits[next->hit0 + h2];
                for (uint8_t m = want & n2->seconds; m; m &= (uint8_t)(m - 1)) {
                    uint8_t bit = m & (uint8_t)-m;
                    if (dy_pair_maybe(d, hit->word, n2->word, bit)) keyed |= bit;
                }
                want &= (uint8_t)~keyed;
            }
            hit->keyed = keyed;
            longer |= keyed | (hit->anykey & hit->multi);
        }
        ti->longer = longer;
    }
}

/* The dictionary words token i's text matches (its hash h), through the cache. */
static int find_hits(dy_coder *c, int i, uint32_t h) {
    dy_tokinfo *ti = &c->ti[i];
    ti->hit0 = (uint32_t)c->nhits;
    ti->nhit = 0;
    ti->starts = ti->seconds = ti->longer = ti->fclass = 0;
    size_t n;
    const char *s = lookup_text(c, i, &n);
    if (!s) return 0;
    size_t k = h & (HC_SLOTS - 1);
    for (; c->hc[k].rec != UINT32_MAX; k = (k + 1) & (HC_SLOTS - 1)) {
        if (c->hc[k].hash != h) continue;
        const uint32_t *r = c->hc_data + c->hc[k].rec;
        hc_header hd;
        memcpy(&hd, r, sizeof hd);
        r += HC_UNITS(sizeof hd);
        const uint32_t *one = r;
        if (hd.starts) r += DY_NKINDS;
        const char *text = (const char *)(r + HC_UNITS(hd.nhit * sizeof(dy_hit)));
        if (hd.len != n || !same_text(text, s, n)) continue;
        if (!hd.nhit) return 0;
        if (DY_GROW(c->hits, c->caphits, c->nhits + hd.nhit + HC_HIT_RUN)) return -1;
        const dy_hit *from = (const dy_hit *)(const void *)r;
        /* the usual few in one fixed-size copy, not a loop on the count (whose exit
         * mispredicts): the cache and c->hits keep slack for it, and what is copied
         * past the token's hits is overwritten or never read */
        memcpy(c->hits + c->nhits, from, HC_HIT_RUN * sizeof *from);
        for (int q = HC_HIT_RUN; q < hd.nhit; q++) c->hits[c->nhits + q] = from[q];
        c->nhits += hd.nhit;
        ti->nhit = hd.nhit;
        ti->starts = hd.starts;
        ti->longer = hd.multi;
        ti->seconds = hd.seconds;
        ti->fclass = hd.fclass;
        if (hd.starts) memcpy(ti->one, one, sizeof ti->one);
        return 0;
    }
    if (walk_trie(c, ti, s, n)) return -1;
    summarize(c, ti);
    if (n > 64) return 0; /* long tokens are rare: not cached */
    if (c->hc_n >= HC_MAX_ENTRIES) {
        hc_clear(c);
        for (k = h & (HC_SLOTS - 1); c->hc[k].rec != UINT32_MAX; k = (k + 1) & (HC_SLOTS - 1)) {}
    }
    size_t units = HC_UNITS(sizeof(hc_header)) + (ti->starts ? DY_NKINDS : 0) +
                   HC_UNITS(ti->nhit * sizeof(dy_hit)) + HC_TEXT_UNITS(n);
    if (DY_GROW(c->hc_data, c->hc_capdata, c->hc_ndata + units + HC_UNITS(HC_HIT_RUN * sizeof(dy_hit)))) return -1;
    uint32_t *r = c->hc_data + c->hc_ndata;
    memset(r, 0, units * sizeof *r);
    hc_header hd = {(uint16_t)n, ti->nhit, ti->starts, ti->longer, ti->seconds, ti->fclass};
    memcpy(r, &hd, sizeof hd);
    r += HC_UNITS(sizeof hd);
    if (ti->starts) {
        memcpy(r, ti->one, sizeof ti->one);
        r += DY_NKINDS;
    }
    if (ti->nhit) memcpy(r, c->hits + ti->hit0, ti->nhit * sizeof *c->hits);
    memcpy(r + HC_UNITS(ti->nhit * sizeof(dy_hit)), s, n);
    c->hc[k].hash = h;
    c->hc[k].rec = (uint32_t)c->hc_ndata;
    c->hc_ndata += units;
    c->hc_n++;
    return 0;
}

/* One walk down the trie of dictionary words along the token's text. */
static int walk_trie(dy_coder *c, dy_tokinfo *ti, const char *s, size_t n) {
    const dy_dict *d = c->d;
    uint32_t node = 0;
    for (size_t k = 0; k <= n; k++) {
        const dy_trie_node *nd = &d->trie[node];
        if (nd->word && k > 0) {
            uint8_t end = k == n ? 0 : regular_ending(s + k, n - k, s[k - 1]);
            uint8_t kind = k == n ? DY_HIT_EXACT : end ? end : DY_HIT_PREFIX;
            if (ti->nhit < 255 && (kind != DY_HIT_PREFIX || d->stemword[nd->word])) {
                dy_hit h = {nd->word, kind, d->multi[nd->word], d->seconds[nd->word], d->fclass[nd->word],
                            d->anykey[nd->word], d->occword[nd->word], 0};
                if (DY_PUSH(c->hits, c->nhits, c->caphits, h)) return -1;
                ti->nhit++;
            }
        }
        if (k == n) break;
        /* find the edge for s[k] */
        unsigned char b = (unsigned char)s[k];
        const dy_trie_edge *e = d->trie_edges + nd->edge0;
        uint32_t lo = 0, hi = nd->nedge, next = 0;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (e[mid].byte < b) lo = mid + 1;
            else if (e[mid].byte > b) hi = mid;
            else { next = e[mid].node; break; }
        }
        if (!next) break;
        node = next;
    }
    return 0;
}

/* ---- phrase matching against tokens (adjacent words) ---- */

/* Words a phrase may skip where its dictionary entry has a blank (TABARI:
 * "AL GORE" matches Al "The Weasel" Gore); `_` joins words with no gap. */
#define PHRASE_MAX_GAP 4

/* Length in tokens of phrase ph matched at token i, or 0; `endings`
 * applies to the phrase's last word only. */
static int match_phrase(const dy_coder *c, dy_phrase ph, int i, int endings) {
    const dy_elem *e = c->d->elems + ph.first;
    int j = i;
    for (uint32_t k = 0; k < ph.n; k++, j++) {
        if (e[k].kind != DY_EL_WORD) return 0;
        int limit = k == 0 || e[k].adjacent ? j : j + PHRASE_MAX_GAP;
        for (;; j++) {
            if (j >= c->ntok || j > limit) return 0;
            if (c->tok[j].kind == DY_TOK_PUNCT) {
                char p = dy_tok_text(c, j)[0];
                if (j == limit || p == ',' || p == ';' || p == '.') return 0;
                continue;
            }
            if (dy_elem_matches_token(c, &e[k], j, k + 1 == ph.n ? endings : DY_END_NONE)) break;
            if (j == limit) return 0;
        }
    }
    return j - i;
}

/* Does word w hit a token in [from, to)? (Without the index: assume so.) */
static int occurs_between(const dy_coder *c, uint32_t w, int from, int to) {
    if (!c->occ_ok) return 1;
    for (int32_t h = dy_occ_first(c, w); h >= 0; h = c->occ_next[h]) {
        int t = c->hit_tok[h];
        if (t >= to) return 0;
        if (t >= from) return 1;
    }
    return 0;
}

/* The running best of a look-up. */
typedef struct best_match {
    int len;          /* tokens covered */
    uint32_t item;
    uint16_t chars;
} best_match;

/* Longest match in tokens wins; between equals, the longer dictionary text
 * (SIGNALLED before SIGNED before SIGN, as TABARI orders them), then the
 * entry that comes first in the files. */
static void try_entry(const dy_coder *c, const dy_ientry *e, int i, int endings, best_match *b) {
    if ((int)e->n < b->len) return;
    dy_phrase ph = {e->first, e->n};
    int len = match_phrase(c, ph, i, endings);
    if (len < b->len || len == 0) return;
    if (len == b->len && (e->chars < b->chars || (e->chars == b->chars && e->item > b->item))) return;
    b->len = len;
    b->item = e->item;
    b->chars = e->chars;
}

/* Longest phrase of index ix matching at token i. The best one-word phrase
 * was found with the token's hits (summarize); longer candidates come from
 * the words that begin one, and those whose second word must follow at once
 * are found by binary search on the next token's words. */
int dy_longest_multi(const dy_coder *c, uint8_t kind, int i, uint32_t *best) {
    const int k = __builtin_ctz(kind), endings = endings_of[k];
    const dy_index *ix = &c->d->idx[k];
    const dy_tokinfo *ti = &c->ti[i];
    uint32_t one = ti->one[k];
    best_match b = {one ? 1 : 0, one ? one - 1 : 0, 0};
    const dy_tokinfo *next = &c->ti[i + 1]; /* a word: a keyed hit says so */
    for (int h = 0; h < ti->nhit; h++) {
        const dy_hit *hit = &c->hits[ti->hit0 + h];
        int keyed = hit->keyed & kind;
        if (!keyed && !(hit->anykey & hit->multi & kind)) continue;
        const dy_ientry *lo = ix->e + ix->start[hit->word], *hi = ix->e + ix->start[hit->word + 1];
        while (lo < hi && lo->key == 0) lo++; /* one-word phrases: done */
        while (hi > lo && hi[-1].key == DY_KEY_ANY) {
            hi--;
            /* the second word, which may stand a few words on, must occur there */
            if (hi->second && !occurs_between(c, hi->second, i + 1, i + 2 + PHRASE_MAX_GAP)) continue;
            try_entry(c, hi, i, endings, &b);
        }
        if (lo == hi || !keyed) continue;
        for (int h2 = 0; h2 < next->nhit; h2++) {
            uint32_t w2 = c->hits[next->hit0 + h2].word;
            if (!(c->hits[next->hit0 + h2].seconds & kind) || !dy_pair_maybe(c->d, hit->word, w2, kind)) continue;
            const dy_ientry *a = lo, *z = hi;
            while (a < z) {
                const dy_ientry *mid = a + (z - a) / 2;
                if (mid->key < w2) a = mid + 1;
                else z = mid;
            }
            for (; a < hi && a->key == w2; a++) try_entry(c, a, i, endings, &b);
        }
    }
    *best = b.item;
    return b.len;
}

static uint32_t occ_slot(uint32_t w) { return (w * 2654435761u) >> 21; } /* 11 bits: DY_OCC_SLOTS */

int32_t dy_occ_first(const dy_coder *c, uint32_t w) {
    for (uint32_t k = occ_slot(w);; k = (k + 1) & (DY_OCC_SLOTS - 1)) {
        const struct dy_occ_slot *o = &c->occ[k];
        if (o->gen != c->occ_gen) return -1;
        if (o->word == w) return o->head;
    }
}

/* Chain every hit of the sentence under its word, in token order; list the
 * distinct words and set the sentence's signature. Only the words something
 * looks up are indexed (dy_dict.occword): most hits are actor and agent words. */
int dy_build_occurrences(dy_coder *c) {
    if (!c->occ) {
        c->occ = calloc(DY_OCC_SLOTS, sizeof *c->occ);
        if (!c->occ) return -1;
    }
    if (++c->occ_gen == 0) { memset(c->occ, 0, DY_OCC_SLOTS * sizeof *c->occ); c->occ_gen = 1; }
    if (c->nhits > c->capocc) {
        size_t cap = c->nhits * 2;
        int32_t *a = realloc(c->occ_next, cap * sizeof *a), *b = a ? realloc(c->hit_tok, cap * sizeof *b) : NULL;
        if (a) c->occ_next = a;
        if (b) c->hit_tok = b;
        uint32_t *w = a && b ? realloc(c->sent_words, cap * sizeof *w) : NULL;
        if (!w) return -1;
        c->sent_words = w;
        c->capocc = cap;
    }
    c->nsent_words = 0;
    memset(c->sent_sig, 0, sizeof c->sent_sig);
    size_t used = 0;
    c->occ_ok = 0;
    for (int i = 0; i < c->ntok; i++) {
        const dy_tokinfo *t = &c->ti[i];
        for (int h = 0; h < t->nhit; h++) {
            int32_t hi = (int32_t)(t->hit0 + (uint32_t)h);
            if (!c->hits[hi].occ) continue;
            uint32_t w = c->hits[hi].word;
            c->hit_tok[hi] = i;
            c->occ_next[hi] = -1;
            uint32_t k = occ_slot(w);
            while (c->occ[k].gen == c->occ_gen && c->occ[k].word != w) k = (k + 1) & (DY_OCC_SLOTS - 1);
            struct dy_occ_slot *o = &c->occ[k];
            if (o->gen != c->occ_gen) {
                if (++used > DY_OCC_SLOTS / 2) {
                    /* a huge sentence: patterns scan instead, filtered by the signature alone */
                    for (size_t k2 = 0; k2 < c->nhits; k2++) DY_SIG_SET(c->sent_sig, c->hits[k2].word);
                    return 0;
                }
                o->gen = c->occ_gen; o->word = w; o->head = o->tail = hi;
                c->sent_words[c->nsent_words++] = w;
                DY_SIG_SET(c->sent_sig, w);
            } else {
                c->occ_next[o->tail] = hi;
                o->tail = hi;
            }
        }
    }
    c->occ_ok = 1;
    return 0;
}

