/*
 * match.c -- verb pattern matching. A pattern's elements after the verb are
 * matched forwards from the verb, those before it backwards (nearest
 * first), each element at the first place it fits (TABARI's greedy rule);
 * `_` connectors demand the next live token. Patterns are tried longest
 * first; the first that matches wins.
 */
#include "coder.h"

/* TABARI 5.2.3: a stem matches any word it begins; an exact word (`_`)
 * matches itself, plus the regular endings only where `endings` allows:
 * noun endings on the last word of an actor, agent or noun phrase, verb
 * endings on the last word of a verb form; inside patterns, none. */
int dy_elem_matches_token(const dy_coder *c, const dy_elem *e, int i, int endings) {
    const dy_tokinfo *t = &c->ti[i];
    const dy_hit *h = c->hits + t->hit0;
    for (int k = 0; k < t->nhit; k++)
        if (h[k].word == e->id && dy_hit_fits(h[k].kind, e, endings)) return 1;
    return 0;
}

/* The endings a pattern's words take: none in TABARI's and PETRARCH-1's
 * dictionaries (a word is a stem or, with '_', exact; PETRARCH-1's suite
 * expects "- * EFFORT" not to match "efforts"); a noun's plural and
 * possessive in PETRARCH-2's, whose matcher compares the parse's nouns to the
 * pattern's singular (UniversalPetrarch's suite: "abandoned efforts" is 080). */
static int pattern_endings(const dy_coder *c) { return c->set.petrarch2 ? DY_END_NOUN : DY_END_NONE; }

/* Token usable by a pattern word: any live token, including the words of
 * an actor phrase (TABARI: "AMROTH TANKS" can be both an actor and a word
 * that a pattern names). */
static int word_slot(const dy_coder *c, int i) {
    return !c->ti[i].dead;
}

/* With dyad's own rules, the pattern of a verb of saying does not look for its
 * words past a reported clause: a subject (actor or pronoun) and then a finite
 * verb between [from, to) ("announced IT would PROHIBIT all aid": AID is the
 * object of PROHIBIT, which is coded as the event). A demand or an appeal
 * does reach into its clause ("demanding that Mugabe abandon his POLICY").
 * TABARI's and PETRARCH's patterns skip freely. */
static int own_clause_between(const dy_coder *c, int from, int to) {
    int subject = 0;
    for (int k = from; k < to; k++) {
        const dy_tokinfo *t = &c->ti[k];
        if (t->dead) continue;
        if ((t->type == W_ACTOR || t->type == W_PRON) && t->ref >= 0) {
            const dy_mention *m = &c->men[t->ref];
            if (k != m->start) continue; /* judged once, at its first word */
            /* inside a noun phrase, not a subject: "an Indian PROPOSAL", "the Croatian
             * government's REQUEST", "its troops" */
            const char *w = dy_tok_text(c, m->end - 1);
            size_t n = c->tok[m->end - 1].len;
            int possessive = (n >= 2 && w[n - 2] == '\'' && w[n - 1] == 'S') || (n >= 1 && w[n - 1] == '\'') ||
                             (m->end < c->ntok && dy_tok_text(c, m->end)[0] == '\'') || dy_possessive_pronoun(c, k);
            int in_phrase = dy_is_word(c, k - 1, "A") || dy_is_word(c, k - 1, "AN");
            subject = !possessive && !in_phrase;
        } else if (subject && t->type == W_VERB && !dy_is_word(c, k - 1, "TO") && !dy_is_word(c, k - 1, "OF")) {
            return 1; /* "urged X TO agree", "accused X OF violating": still the pattern's */
        }
    }
    return 0;
}

/* With dyad's own rules, a pattern word is not looked for past a verb that
 * undoes its object ("ordered Israel to HALT its offensive": OFFENSIVE is not
 * what was ordered) unless the pattern names that verb itself. */
static int undoing_verb_between(const dy_coder *c, int from, int to) {
    /* stems whose every form undoes (HALTED, SUSPENDING, WITHDREW ...), and words
     * that would stem too widely (END: ENDORSE; STOP: STOPOVER; LIFT: LIFTOFF) */
    static const dy_word stems[] = {DY_WORD("HALT"), DY_WORD("SUSPEND"), DY_WORD("WITHDR"), DY_WORD("CANCEL"),
                                    DY_WORD("SCRAP")};
    static const dy_word words[] = {
        DY_WORD("END"), DY_WORD("ENDS"), DY_WORD("ENDED"), DY_WORD("ENDING"), DY_WORD("STOP"),
        DY_WORD("STOPS"), DY_WORD("STOPPED"), DY_WORD("STOPPING"), DY_WORD("CEASE"), DY_WORD("CEASES"),
        DY_WORD("CEASED"), DY_WORD("LIFT"), DY_WORD("LIFTS"), DY_WORD("LIFTED"), DY_WORD("LIFTING")};
    if (!c->set.own_rules) return 0;
    for (int k = from; k < to; k++) {
        if (c->ti[k].type != W_VERB || c->ti[k].dead) continue;
        const char *w = dy_tok_text(c, k);
        size_t n = c->tok[k].len;
        if (w[0] != 'H' && w[0] != 'S' && w[0] != 'W' && w[0] != 'C' && w[0] != 'E' && w[0] != 'L') continue;
        for (size_t q = 0; q < DY_ARRAY_LEN(stems); q++)
            if (n >= stems[q].len && memcmp(w, stems[q].text, stems[q].len) == 0) return 1;
        if (dy_word_among(c, k, words, DY_ARRAY_LEN(words))) return 1;
    }
    return 0;
}

/* Next live token after i going in direction dir, or -1 past the bounds. */
static int step(const dy_coder *c, int i, int dir, int lo, int hi) {
    for (i += dir; i >= lo && i < hi; i += dir)
        if (!c->ti[i].dead) return i;
    return -1;
}

typedef struct mctx {
    dy_coder *c;
    int lo, hi;      /* clause bounds */
    int src, tgt, compound;
    int depth;
    int nobject, object_tok[DY_MATCH_MAX_OBJECT]; /* see dy_match */
    int verb;        /* the verb's first token */
    int *reported;   /* own rules and a verb of saying (see own_clause_between); -1 until asked */
} mctx;

static int match_elems(mctx *x, const dy_elem *e, int n, int pos, int dir, int first_adjacent, int *endpos);

/* The signature (DY_SIG_POS bits) of synset sy's members' edge words going
 * in direction dir (their first words forwards, their last backwards), or
 * NULL when an edge is something other than a word: then no word rules the
 * synset out. */
static const uint64_t *edge_sig(const dy_synset *sy, int dir) {
    return sy->open_edge ? NULL : dir > 0 ? sy->first_sig : sy->last_sig;
}

/* Can synset sy match anywhere in the sentence, going in direction dir: is
 * the edge word of one of its members there? (Its words are indexed:
 * dy_dict.occword.) Spares the scan of every position for a synset none of
 * whose members is there. */
static int synset_in_sentence(const dy_coder *c, const dy_synset *sy, int dir) {
    const uint64_t *sig = edge_sig(sy, dir), *have = c->sent_sig;
    return !sig || ((sig[0] & have[0]) | (sig[1] & have[1]) | (sig[2] & have[2]) | (sig[3] & have[3])) != 0;
}

/* With dyad's own rules, is a pattern word found at token to, after the verb,
 * out of the pattern's reach from pos: past the reported clause of a verb of
 * saying, or past a verb that undoes its object? */
static int out_of_reach(const mctx *x, int pos, int to) {
    if (*x->reported < 0) *x->reported = x->c->set.own_rules && dy_is_saying(x->c, x->verb);
    return (*x->reported && own_clause_between(x->c, pos, to)) || undoing_verb_between(x->c, pos, to);
}

/* Is one of token i's words in the signature sig (DY_SIG_POS bits)? */
static int token_in_sig(const dy_coder *c, int i, const uint64_t *sig) {
    const dy_tokinfo *t = &c->ti[i];
    const dy_hit *h = c->hits + t->hit0;
    for (int k = 0; k < t->nhit; k++) {
        uint32_t pos = DY_SIG_POS(h[k].word);
        if ((sig[pos >> 6] >> (pos & 63)) & 1) return 1;
    }
    return 0;
}

/* A pattern word matched token i, in direction dir from the verb. */
static void note_word(mctx *x, int i, int dir) {
    if (dir > 0 && x->nobject < DY_MATCH_MAX_OBJECT) x->object_tok[x->nobject++] = i;
}

/* Match one element whose first token is at i (dir 1) or last token at i
 * (dir -1); returns the position after it (in direction dir) or -2. */
static int match_one(mctx *x, const dy_elem *e, int i, int dir) {
    dy_coder *c = x->c;
    const dy_dict *d = c->d;
    switch (e->kind) {
    case DY_EL_WORD:
        if (!word_slot(c, i) || !dy_elem_matches_token(c, e, i, pattern_endings(c))) return -2;
        note_word(x, i, dir);
        return i + dir;
    case DY_EL_SYNSET: {
        if (x->depth > 4) return -2;
        const dy_synset *sy = &d->synsets[e->id];
        /* quick rejection: no word of this token begins (ends) a member */
        const uint64_t *sig = edge_sig(sy, dir);
        if (sig && !token_in_sig(c, i, sig)) return -2;
        /* the members' edge words in a row: a member whose edge word is none of the
         * token's is passed over without reading the member itself */
        const uint32_t *edge_word = d->synedge + 2 * (size_t)sy->first + (dir > 0 ? 0 : 1);
        const dy_tokinfo *t = &c->ti[i];
        const dy_hit *hits = c->hits + t->hit0;
        for (uint32_t k = 0; k < sy->n; k++) {
            uint32_t w = edge_word[2 * k];
            if (w) {
                int h = 0;
                while (h < t->nhit && hits[h].word != w) h++;
                if (h == t->nhit) continue;
            }
            dy_phrase ph = d->synphrases[sy->first + k];
            if (!ph.n) continue;
            const dy_elem *edge = &d->elems[dir > 0 ? ph.first : ph.first + ph.n - 1];
            if (edge->kind == DY_EL_WORD && !dy_elem_matches_token(c, edge, i, pattern_endings(c))) continue;
            int end, nobject = x->nobject;
            x->depth++;
            int ok;
            if (dir > 0) ok = match_elems(x, d->elems + ph.first, ph.n, i, 1, 1, &end);
            else {
                /* backwards: the member's last element ends at i; match its reversed sequence */
                dy_elem rev[32];
                int m = ph.n < 32 ? ph.n : 32;
                for (int q = 0; q < m; q++) {
                    rev[q] = d->elems[ph.first + ph.n - 1 - q];
                    rev[q].adjacent = 1;
                }
                ok = match_elems(x, rev, m, i, -1, 1, &end);
            }
            x->depth--;
            if (ok) return end;
            x->nobject = nobject; /* a member that failed part-way matched nothing */
        }
        return -2;
    }
    case DY_EL_SOURCE:
    case DY_EL_TARGET:
    case DY_EL_COMPOUND:
    case DY_EL_SKIP: {
        const dy_tokinfo *t = &c->ti[i];
        if (t->dead || (t->type != W_ACTOR && t->type != W_PRON) || t->ref < 0) return -2;
        const dy_mention *m = &c->men[t->ref];
        int edge = dir > 0 ? m->start : m->end - 1;
        if (edge != i || m->null_code) return -2;
        int gi = t->ref;
        /* a compound group is consumed whole */
        const dy_mention *g0 = &c->men[m->gfirst], *g1 = &c->men[m->glast];
        int after = dir > 0 ? g1->end : g0->start - 1;
        if (dir > 0 && m->gfirst != gi) return -2;
        if (dir < 0 && m->glast != gi) return -2;
        if (e->kind == DY_EL_COMPOUND && m->gfirst == m->glast) return -2;
        if (e->kind == DY_EL_SOURCE) x->src = m->gfirst;
        else if (e->kind == DY_EL_TARGET) x->tgt = m->gfirst;
        else if (e->kind == DY_EL_COMPOUND) { x->src = x->tgt = m->gfirst; x->compound = 1; }
        return after;
    }
    default:
        return -2;
    }
}

/* Greedy in-order match of e[0..n) starting at pos in direction dir. The
 * first element must sit exactly at pos when first_adjacent (or its own
 * adjacent flag) is set; otherwise it is searched for up to the bound. */
static int match_elems(mctx *x, const dy_elem *e, int n, int pos, int dir, int first_adjacent,
                       int *endpos) {
    dy_coder *c = x->c;
    for (int k = 0; k < n; k++) {
        int adjacent = k == 0 ? (first_adjacent || e[0].adjacent) : e[k].adjacent;
        if (pos < x->lo || pos >= x->hi) return 0;
        if (e[k].kind == DY_EL_SYNSET && !synset_in_sentence(c, &c->d->synsets[e[k].id], dir)) return 0;
        if (c->ti[pos].dead) {
            pos = step(c, pos, dir, x->lo, x->hi);
            if (pos < 0) return 0;
        }
        int found = -2;
        if (!adjacent && e[k].kind == DY_EL_WORD && c->occ_ok) {
            /* jump to the nearest occurrence of the word instead of scanning */
            int best = -1;
            for (int32_t h = dy_occ_first(c, e[k].id); h >= 0; h = c->occ_next[h]) {
                int t = c->hit_tok[h];
                if (dir > 0 && t < pos) continue;
                if (dir > 0 && t >= x->hi) break;
                if (dir < 0 && t > pos) break;
                if (dir < 0 && t < x->lo) continue;
                if (c->ti[t].dead || !dy_hit_fits(c->hits[h].kind, &e[k], pattern_endings(c))) continue;
                best = t;
                if (dir > 0) break; /* the first at or after pos; backwards: the last at or before it */
            }
            if (best < 0 || (dir > 0 && out_of_reach(x, pos, best))) return 0;
            note_word(x, best, dir);
            pos = best + dir;
            continue;
        }
        /* a synset searched for: positions with no member's edge word are passed over here */
        const uint64_t *sig = !adjacent && e[k].kind == DY_EL_SYNSET ? edge_sig(&c->d->synsets[e[k].id], dir) : NULL;
        int at = pos;
        for (int i = pos; i >= x->lo && i < x->hi; i = step(c, i, dir, x->lo, x->hi)) {
            at = i;
            if (sig && !token_in_sig(c, i, sig)) continue;
            found = match_one(x, &e[k], i, dir);
            if (found != -2 || adjacent) break;
        }
        if (found == -2) return 0;
        if (!adjacent && dir > 0 && e[k].kind == DY_EL_WORD && out_of_reach(x, pos, at)) return 0;
        pos = found;
    }
    *endpos = pos;
    return 1;
}

/* Are all the words pattern `at` (an index into the set's) needs in the sentence? */
static int words_present(const dy_coder *c, uint32_t at) {
    const uint64_t *sig = c->d->patsig[at];
    return !((sig[0] & ~c->sent_sig[0]) | (sig[1] & ~c->sent_sig[1]) | (sig[2] & ~c->sent_sig[2]) |
             (sig[3] & ~c->sent_sig[3]));
}

/* Try the verb's p-th pattern at vm, its words known to be present
 * (words_present); fills m and returns 1 when it matched. */
static int try_pattern(dy_coder *c, const dy_vmention *vm, const dy_verb *v, uint32_t p, int lo, int hi,
                       int *reported, dy_match *m) {
    const dy_dict *d = c->d;
    const dy_pattern *pat = &d->patterns[v->pat_first + p];
    /* with dyad's own rules "- * BY_ $" reads a passive ("was condemned by X"), not any
     * BY later on ("warned that police will not tolerate rallies by X") */
    if (c->set.own_rules && pat->by_source && !dy_passive_aux(c, vm->start, lo))
        return 0;
    mctx x; /* object_tok is filled up to nobject: not cleared per pattern */
    x.c = c; x.lo = lo; x.hi = hi; x.src = x.tgt = -1; x.compound = x.depth = x.nobject = 0;
    x.verb = vm->start;
    x.reported = reported;
    int end = vm->end;
    if (pat->after.n) {
        int start = step(c, vm->end - 1, 1, lo, hi);
        if (start < 0) return 0;
        if (!match_elems(&x, d->elems + pat->after.first, pat->after.n, start, 1, 0, &end)) return 0;
    }
    if (pat->before.n) {
        int start = step(c, vm->start, -1, lo, hi);
        int bend;
        if (start < 0) return 0;
        if (!match_elems(&x, d->elems + pat->before.first, pat->before.n, start, -1, 0, &bend)) return 0;
    }
    m->vc = pat->vc;
    m->pat = pat;
    m->src = x.src;
    m->tgt = x.tgt;
    m->compound = x.compound;
    m->end_tok = end;
    m->nobject = x.nobject;
    memcpy(m->object_tok, x.object_tok, (size_t)x.nobject * sizeof *m->object_tok);
    dy_explain(c, "    pattern %s:%u matched -> %s\n", d->files[pat->loc.file], pat->loc.line,
               pat->vc.flags & DY_VF_NULL ? "[---] (null: no event)"
               : pat->vc.code ? d->codes.str[pat->vc.code] : "special");
    return 1;
}

/* Sort the n candidate patterns c->cand (each once, all below npat) in linear
 * time: a bit each in c->candbits, read back in order and cleared. A verb
 * sharing a common word among many patterns can have hundreds. */
static int sort_candidates(dy_coder *c, int n, uint32_t npat) {
    size_t words = npat / 64 + 1, had = c->capcandbits;
    if (DY_GROW(c->candbits, c->capcandbits, words)) return -1;
    if (c->capcandbits > had) memset(c->candbits + had, 0, (c->capcandbits - had) * sizeof *c->candbits);
    uint32_t lo = UINT32_MAX, hi = 0;
    for (int i = 0; i < n; i++) {
        uint32_t p = c->cand[i];
        c->candbits[p >> 6] |= 1ull << (p & 63);
        if (p < lo) lo = p;
        if (p > hi) hi = p;
    }
    int k = 0;
    for (uint32_t w = lo >> 6; w <= hi >> 6; w++) {
        for (uint64_t b = c->candbits[w]; b; b &= b - 1) c->cand[k++] = (w << 6) | (uint32_t)__builtin_ctzll(b);
        c->candbits[w] = 0;
    }
    return 0;
}

/* The patterns of a verb with anchors (dy_anchor) whose anchor word is in
 * the sentence, in pattern order, into c->cand; returns how many, or -1
 * when they must all be tried. */
static int anchored_candidates(dy_coder *c, const dy_verb *v, uint32_t verb) {
    if (!v->nanc || !c->occ_ok) return -1;
    if (DY_GROW(c->cand, c->capcand, v->nanc)) return -1;
    const dy_anchor *a = c->d->anchors + v->anc_first, *end = a + v->nanc;
    uint64_t have = DY_SIG_FOLD(c->sent_sig);
    int n = 0;
    for (; a < end && a->word == 0; a++) /* need no word */
        if (!(a->need & ~have)) c->cand[n++] = a->pat;
    /* in three passes over up to 64 words, each asking for the memory the next
     * reads, so that the cache misses of different words overlap: the words
     * the pair filter lets through and their first slots; the slots of their
     * hashes; the anchors there, if they are the verb's and the word's (else
     * another pair's of the same hash: probe on) */
    const dy_anchor_slot *index = c->d->anchor_index;
    const dy_anchor *anchors = c->d->anchors;
    uint32_t mask = (uint32_t)c->d->nanchor_index - 1;
    for (size_t k0 = 0; k0 < c->nsent_words; k0 += 64) {
        size_t k1 = c->nsent_words - k0 < 64 ? c->nsent_words : k0 + 64;
        uint32_t word[64], hash[64], slot[64];
        int m = 0, f = 0;
        for (size_t k = k0; k < k1; k++) {
            uint32_t w = c->sent_words[k];
            if (!dy_pair_maybe(c->d, verb, w, DY_ANCHOR_KIND)) continue;
            word[m] = w;
            hash[m] = dy_anchor_hash(verb, w);
            __builtin_prefetch(&index[hash[m] & mask]);
            m++;
        }
        for (int i = 0; i < m; i++) {
            uint32_t s = hash[i] & mask;
            while (index[s].first != DY_ANCHOR_NONE && index[s].hash != hash[i]) s = (s + 1) & mask;
            if (index[s].first == DY_ANCHOR_NONE) continue;
            __builtin_prefetch(anchors + index[s].first);
            word[f] = word[i];
            hash[f] = hash[i];
            slot[f++] = s;
        }
        for (int i = 0; i < f; i++) {
            /* the first slot of the hash is nearly always the pair's own */
            uint32_t at = dy_anchor_find(c->d, slot[i], hash[i], v->anc_first, v->nanc, word[i]);
            if (at == DY_ANCHOR_NONE) continue;
            for (const dy_anchor *x = anchors + at; x < end && x->word == word[i]; x++)
                if (!(x->need & ~have)) c->cand[n++] = x->pat;
        }
    }
    /* back into pattern order (longest first): the first that matches wins */
    if (n <= 16) {
        for (int i = 1; i < n; i++) {
            uint32_t p = c->cand[i];
            int j = i;
            for (; j > 0 && c->cand[j - 1] > p; j--) c->cand[j] = c->cand[j - 1];
            c->cand[j] = p;
        }
        return n;
    }
    return sort_candidates(c, n, v->npat) ? -1 : n;
}

int dy_match_verb(dy_coder *c, const dy_vmention *vm, int lo, int hi, dy_match *m) {
    const dy_verb *v = &c->d->verbs[vm->verb];
    int ncand = anchored_candidates(c, v, vm->verb);
    int reported = -1; /* see own_clause_between: found out when first needed */
    if (ncand >= 0) {
        /* the candidates' signatures, then the patterns whose words are all
         * there, lie scattered over the set's: ask for each kind all at once */
        for (int k = 0; k < ncand; k++) __builtin_prefetch(c->d->patsig[v->pat_first + c->cand[k]]);
        int n = 0;
        for (int k = 0; k < ncand; k++) {
            if (!words_present(c, v->pat_first + c->cand[k])) continue;
            __builtin_prefetch(&c->d->patterns[v->pat_first + c->cand[k]]);
            c->cand[n++] = c->cand[k];
        }
        for (int k = 0; k < n; k++)
            if (try_pattern(c, vm, v, c->cand[k], lo, hi, &reported, m)) return 1;
    } else {
        for (uint32_t p = 0; p < v->npat; p++)
            if (words_present(c, v->pat_first + p) && try_pattern(c, vm, v, p, lo, hi, &reported, m)) return 1;
    }
    m->vc = v->vc;
    m->pat = NULL;
    m->src = m->tgt = -1;
    m->compound = 0;
    m->end_tok = vm->end;
    m->nobject = 0;
    return 0;
}
