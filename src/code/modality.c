/*
 * modality.c -- decides whether a coded event is asserted, negated,
 * hypothetical, a reported claim, or announced for the future, from cue
 * words in the clause before its verb. The cues are English function words,
 * not dictionary entries, so they work with any dictionary set.
 *
 * Precedence when several cues apply: negated > hypothetical > claim > future.
 * Future counts as an event by default: CAMEO codes announced visits and
 * meetings, and many CAMEO codes (03x) are themselves statements of intent.
 */
#include "coder.h"

typedef struct cue {
    const char *word;
    uint8_t len;          /* of word */
    uint8_t modality;
    uint8_t needs_to;     /* counts only when followed by TO/FROM (e.g. FAILED TO) */
    uint8_t prefix;       /* matches words starting with it */
    uint8_t whole_clause; /* governs its whole clause, however far before the verb */
} cue;

/* ORDER: by first letter, and every cue begins with a letter A-Z (the look-up
 * indexes them so, dy_modality_index); within a letter, the first cue that
 * fits wins. */
#define CUE(word, modality, needs_to, prefix, whole_clause) {word, sizeof(word) - 1, modality, needs_to, prefix, whole_clause}
static const cue cues[] = {
    /*  word             modality           to prefix clause */
    CUE("AVOID",        DYAD_NEGATED,       0, 1, 0),
    CUE("ACCUS",        DYAD_CLAIM,         0, 1, 0),
    CUE("AIM",          DYAD_FUTURE,        1, 0, 0),
    CUE("AIMS",         DYAD_FUTURE,        1, 0, 0),
    CUE("ALLEGE",       DYAD_CLAIM,         0, 1, 0),
    CUE("BLAM",         DYAD_CLAIM,         0, 1, 0),
    CUE("CANNOT",       DYAD_NEGATED,       0, 0, 0),
    CUE("COULD",        DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("CONSIDER",     DYAD_HYPOTHETICAL,  1, 1, 0),
    CUE("CLAIM",        DYAD_CLAIM,         0, 1, 0),
    CUE("DECLIN",       DYAD_NEGATED,       1, 1, 0),
    CUE("DUE",          DYAD_FUTURE,        1, 0, 0),
    CUE("EXPECTED",     DYAD_FUTURE,        1, 0, 0),
    CUE("FAIL",         DYAD_NEGATED,       1, 1, 0),
    CUE("GOING",        DYAD_FUTURE,        1, 0, 0),
    CUE("HOPE",         DYAD_FUTURE,        1, 1, 0),
    CUE("IF",           DYAD_HYPOTHETICAL,  0, 0, 1),
    CUE("INTEND",       DYAD_FUTURE,        1, 1, 0),
    CUE("LIKELY",       DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("MAY",          DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("MIGHT",        DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("MUST",         DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("NOT",          DYAD_NEGATED,       0, 0, 0),
    CUE("NEVER",        DYAD_NEGATED,       0, 0, 0),
    CUE("NO",           DYAD_NEGATED,       0, 0, 0),
    CUE("POSSIBLY",     DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("PERHAPS",      DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("PLAN",         DYAD_FUTURE,        1, 1, 0),
    CUE("PREPAR",       DYAD_FUTURE,        1, 1, 0),
    CUE("PLEDG",        DYAD_FUTURE,        1, 1, 0),
    CUE("REFRAIN",      DYAD_NEGATED,       1, 1, 0),
    CUE("REPORTEDLY",   DYAD_CLAIM,         0, 0, 0),
    CUE("SHOULD",       DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("SUSPECT",      DYAD_CLAIM,         0, 1, 0),
    CUE("SHALL",        DYAD_FUTURE,        0, 0, 0),
    CUE("SCHEDULED",    DYAD_FUTURE,        1, 0, 0),
    CUE("SET",          DYAD_FUTURE,        1, 0, 0),
    CUE("SEEK",         DYAD_FUTURE,        1, 1, 0),
    CUE("SOUGHT",       DYAD_FUTURE,        1, 0, 0),
    CUE("SWEAR",        DYAD_FUTURE,        1, 1, 0),
    CUE("SWORE",        DYAD_FUTURE,        1, 0, 0),
    CUE("SWORN",        DYAD_FUTURE,        1, 0, 0),
    CUE("THREATEN",     DYAD_HYPOTHETICAL,  1, 1, 0),
    CUE("UNLESS",       DYAD_HYPOTHETICAL,  0, 0, 1),
    CUE("VOW",          DYAD_FUTURE,        1, 1, 0),
    CUE("WOULD",        DYAD_HYPOTHETICAL,  0, 0, 0),
    CUE("WHETHER",      DYAD_HYPOTHETICAL,  0, 0, 1),
    CUE("WILL",         DYAD_FUTURE,        0, 0, 0),
    CUE("WANT",         DYAD_FUTURE,        1, 1, 0), /* "wants to": an intent */
    CUE("WANT",         DYAD_HYPOTHETICAL,  0, 1, 0), /* "wants Y to" */
};

void dy_modality_index(uint8_t cue_first[27], uint32_t cue_second[26]) {
    size_t k = 0;
    for (int letter = 0; letter < 26; letter++) {
        while (k < DY_ARRAY_LEN(cues) && cues[k].word[0] < 'A' + letter) k++;
        cue_first[letter] = (uint8_t)k;
    }
    cue_first[26] = (uint8_t)DY_ARRAY_LEN(cues);
    memset(cue_second, 0, 26 * sizeof *cue_second);
    for (k = 0; k < DY_ARRAY_LEN(cues); k++) /* every cue: two letters A-Z at least */
        cue_second[cues[k].word[0] - 'A'] |= 1u << (cues[k].word[1] - 'A');
}

/* Is token i followed by TO or FROM ("failed to", "refrained from")? */
static int next_is_to(const dy_coder *c, int i) {
    return dy_is_word(c, i + 1, "TO") || dy_is_word(c, i + 1, "FROM");
}

static int rank(dyad_modality m) {
    switch (m) {
    case DYAD_NEGATED: return 4;
    case DYAD_HYPOTHETICAL: return 3;
    case DYAD_CLAIM: return 2;
    case DYAD_FUTURE: return 1;
    default: return 0;
    }
}

/* Does the text s of length n end with the literal lit? (Its length is known
 * at compile time: no strlen per word.) */
#define ENDS_WITH(s, n, lit) ((n) >= sizeof(lit) - 1 && memcmp((s) + (n) - (sizeof(lit) - 1), lit, sizeof(lit) - 1) == 0)

int dy_is_saying(const dy_coder *c, int i) {
    static const dy_word saying[] = {
        DY_WORD("SAID"), DY_WORD("SAYS"), DY_WORD("SAYING"), DY_WORD("ANNOUNCED"), DY_WORD("ANNOUNCES"),
        DY_WORD("TOLD"), DY_WORD("DECLARED"), DY_WORD("CONFIRMED"), DY_WORD("STATED"), DY_WORD("INDICATED"),
        DY_WORD("INSISTED")};
    return dy_word_among(c, i, saying, DY_ARRAY_LEN(saying));
}

/* "X said it would ...", "X announced on Monday they would ...": WOULD is the
 * reported form of WILL when a pronoun for the speaker stands before it and a
 * verb of saying shortly before that (not "analysts said Iran would ..."). */
static int reported_intent(const dy_coder *c, int would) {
    static const dy_word pronouns[] = {DY_WORD("IT"), DY_WORD("THEY"), DY_WORD("HE"), DY_WORD("SHE"), DY_WORD("WE")};
    if (would < 2 || !dy_word_among(c, would - 1, pronouns, DY_ARRAY_LEN(pronouns))) return 0;
    for (int j = would - 2; j >= 0 && j >= would - 5; j--) {
        if (c->tok[j].kind == DY_TOK_PUNCT) return 0;
        if (dy_is_saying(c, j)) return 1;
    }
    return 0;
}

dyad_modality dy_modality(const dy_coder *c, const dy_vmention *vm, int clause_lo, const char **cue_out) {
    dyad_modality best = DYAD_ASSERTED;
    *cue_out = "";
    /* a question */
    if (c->last_question >= vm->end) {
        best = DYAD_HYPOTHETICAL;
        *cue_out = "?";
    }
    int words = 0;
    for (int i = vm->start - 1; i >= clause_lo && words < 8; i--) {
        const dy_token *t = &c->tok[i];
        if (c->ti[i].dead) continue; /* a dateline or an aside */
        if (t->kind == DY_TOK_PUNCT) {
            char p = dy_tok_text(c, i)[0];
            if (p == ',' || p == ';' || p == ':' || p == '-') {
                /* a clause break ends negation/modal scope, but a claim ("accused X, ...") may span it */
                if (words >= 2) break;
            }
            continue;
        }
        words++;
        const char *w = dy_tok_text(c, i);
        size_t n = t->len;
        dyad_modality m = DYAD_ASSERTED;
        int whole_clause = 0;
        const char *cue_word = w;
        int month = (t->flags & DY_TF_CAPITAL) && i + 1 < c->ntok && c->tok[i + 1].kind == DY_TOK_NUMBER;
        if (month) continue; /* "May 3" is a date */
        if (ENDS_WITH(w, n, "N'T") || dy_is_word(c, i, "WON'T")) m = DYAD_NEGATED;
        else if (ENDS_WITH(w, n, "'LL")) m = DYAD_FUTURE;
        else {
            /* cues all begin with two letters A-Z: most words are ruled out by those */
            unsigned letter = (unsigned)((unsigned char)w[0] - 'A');
            unsigned second = n >= 2 ? (unsigned)((unsigned char)w[1] - 'A') : 26;
            size_t lo = 0, hi = 0;
            if (letter < 26 && second < 26 && ((c->cue_second[letter] >> second) & 1)) {
                lo = c->cue_first[letter];
                hi = c->cue_first[letter + 1];
            }
            for (size_t k = lo; k < hi; k++) {
                const cue *q = &cues[k];
                size_t ql = q->len;
                int hit = (q->prefix ? n >= ql : n == ql) && w[1] == q->word[1] && memcmp(w, q->word, ql) == 0;
                if (!hit || (q->needs_to && !next_is_to(c, i))) continue;
                /* "IS TO", "ARE TO" + verb: scheduled */
                m = (dyad_modality)q->modality;
                whole_clause = q->whole_clause;
                break;
            }
            if (m == DYAD_ASSERTED && i + 2 == vm->start && (dy_is_word(c, i, "IS") || dy_is_word(c, i, "ARE")) &&
                next_is_to(c, i))
                m = DYAD_FUTURE;
        }
        if (m == DYAD_HYPOTHETICAL && dy_is_word(c, i, "WOULD") && reported_intent(c, i)) m = DYAD_FUTURE;
        /* "will not", "won't", "said it would not": an announced refusal */
        if (m == DYAD_NEGATED && (dy_is_word(c, i, "WON'T") ||
                                  (dy_is_word(c, i, "NOT") &&
                                   (dy_is_word(c, i - 1, "WILL") ||
                                    (dy_is_word(c, i - 1, "WOULD") && reported_intent(c, i - 1))))))
            cue_word = "WILL NOT";
        /* claims reach further back than modals: only "accused X of" style */
        if (m == DYAD_CLAIM) {
            int of_between = 0;
            for (int j = i + 1; j < vm->start; j++)
                if (dy_is_word(c, j, "OF") || dy_is_word(c, j, "THAT")) of_between = 1;
            if (!of_between && !dy_is_word(c, i, "REPORTEDLY") && strncmp(w, "ALLEGED", 7) != 0) m = DYAD_ASSERTED;
        } else if (m != DYAD_ASSERTED && words > 5 && !whole_clause) {
            m = DYAD_ASSERTED; /* modals and negation act on a nearby verb; IF, WHETHER and UNLESS on the clause */
        }
        if (rank(m) > rank(best)) { best = m; *cue_out = cue_word; }
    }
    return best;
}
