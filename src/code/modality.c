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
    uint8_t len;
    uint8_t modality;
    uint8_t needs_to;  /* counts only when followed by TO/FROM (e.g. FAILED TO) */
    uint8_t prefix;    /* matches words starting with it */
} cue;

/* ORDER: by first letter (the look-up searches on it); within a letter, the
 * first cue that fits wins. */
static const cue cues[] = {
    {"AVOID", 5, DYAD_NEGATED, 0, 1},  {"ACCUS", 5, DYAD_CLAIM, 0, 1},
    {"AIM", 3, DYAD_FUTURE, 1, 0},  {"AIMS", 4, DYAD_FUTURE, 1, 0},
    {"ALLEGE", 6, DYAD_CLAIM, 0, 1},  {"BLAM", 4, DYAD_CLAIM, 0, 1},
    {"CANNOT", 6, DYAD_NEGATED, 0, 0},  {"COULD", 5, DYAD_HYPOTHETICAL, 0, 0},
    {"CONSIDER", 8, DYAD_HYPOTHETICAL, 1, 1},  {"CLAIM", 5, DYAD_CLAIM, 0, 1},
    {"DECLIN", 6, DYAD_NEGATED, 1, 1},  {"DUE", 3, DYAD_FUTURE, 1, 0},
    {"EXPECTED", 8, DYAD_FUTURE, 1, 0},  {"FAIL", 4, DYAD_NEGATED, 1, 1},
    {"GOING", 5, DYAD_FUTURE, 1, 0},  {"HOPE", 4, DYAD_FUTURE, 1, 1},
    {"IF", 2, DYAD_HYPOTHETICAL, 0, 0},
    {"INTEND", 6, DYAD_FUTURE, 1, 1},  {"LIKELY", 6, DYAD_HYPOTHETICAL, 0, 0},
    {"MAY", 3, DYAD_HYPOTHETICAL, 0, 0},  {"MIGHT", 5, DYAD_HYPOTHETICAL, 0, 0},
    {"MUST", 4, DYAD_HYPOTHETICAL, 0, 0},  {"NOT", 3, DYAD_NEGATED, 0, 0},
    {"NEVER", 5, DYAD_NEGATED, 0, 0},  {"NO", 2, DYAD_NEGATED, 0, 0},
    {"POSSIBLY", 8, DYAD_HYPOTHETICAL, 0, 0},  {"PERHAPS", 7, DYAD_HYPOTHETICAL, 0, 0},
    {"PLAN", 4, DYAD_FUTURE, 1, 1},  {"PREPAR", 6, DYAD_FUTURE, 1, 1},
    {"PLEDG", 5, DYAD_FUTURE, 1, 1},
    {"REFRAIN", 7, DYAD_NEGATED, 1, 1},  {"REPORTEDLY", 10, DYAD_CLAIM, 0, 0},
    {"SHOULD", 6, DYAD_HYPOTHETICAL, 0, 0},  {"SUSPECT", 7, DYAD_CLAIM, 0, 1},
    {"SHALL", 5, DYAD_FUTURE, 0, 0},  {"SCHEDULED", 9, DYAD_FUTURE, 1, 0},
    {"SET", 3, DYAD_FUTURE, 1, 0},  {"SEEK", 4, DYAD_FUTURE, 1, 1},  {"SOUGHT", 6, DYAD_FUTURE, 1, 0},
    {"SWEAR", 5, DYAD_FUTURE, 1, 1},  {"SWORE", 5, DYAD_FUTURE, 1, 0},  {"SWORN", 5, DYAD_FUTURE, 1, 0},  {"THREATEN", 8, DYAD_HYPOTHETICAL, 1, 1},
    {"UNLESS", 6, DYAD_HYPOTHETICAL, 0, 0},  {"VOW", 3, DYAD_FUTURE, 1, 1},
    {"WOULD", 5, DYAD_HYPOTHETICAL, 0, 0},  {"WHETHER", 7, DYAD_HYPOTHETICAL, 0, 0},
    {"WILL", 4, DYAD_FUTURE, 0, 0},
    {"WANT", 4, DYAD_FUTURE, 1, 1},  {"WANT", 4, DYAD_HYPOTHETICAL, 0, 1}, /* "wants to": an intent; "wants Y to" */
};

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
    for (int i = vm->end; i < c->ntok; i++)
        if (c->tok[i].kind == DY_TOK_PUNCT && (dy_tok_text(c, i)[0] == '?')) {
            best = DYAD_HYPOTHETICAL;
            *cue_out = "?";
            break;
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
        int next_to = dy_is_word(c, i + 1, "TO") || dy_is_word(c, i + 1, "FROM");
        dyad_modality m = DYAD_ASSERTED;
        const char *cue_word = w;
        int month = (t->flags & DY_TF_CAPITAL) && i + 1 < c->ntok && c->tok[i + 1].kind == DY_TOK_NUMBER;
        if (month) continue; /* "May 3" is a date */
        if (ENDS_WITH(w, n, "N'T") || dy_is_word(c, i, "WON'T")) m = DYAD_NEGATED;
        else if (ENDS_WITH(w, n, "'LL")) m = DYAD_FUTURE;
        else {
            size_t lo = 0, hi = DY_ARRAY_LEN(cues); /* the first cue with the word's first letter */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cues[mid].word[0] < w[0]) lo = mid + 1;
                else hi = mid;
            }
            for (size_t k = lo; k < DY_ARRAY_LEN(cues) && cues[k].word[0] == w[0]; k++) {
                const cue *q = &cues[k];
                size_t ql = q->len;
                int hit = q->prefix ? (n >= ql && memcmp(w, q->word, ql) == 0)
                                    : (n == ql && memcmp(w, q->word, ql) == 0);
                if (!hit || (q->needs_to && !next_to)) continue;
                /* "IS TO", "ARE TO" + verb: scheduled */
                m = (dyad_modality)q->modality;
                break;
            }
            if (m == DYAD_ASSERTED && (dy_is_word(c, i, "IS") || dy_is_word(c, i, "ARE")) && next_to &&
                i + 2 == vm->start)
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
        } else if (m != DYAD_ASSERTED && words > 5 &&
                   !(dy_is_word(c, i, "IF") || dy_is_word(c, i, "WHETHER") || dy_is_word(c, i, "UNLESS"))) {
            m = DYAD_ASSERTED; /* modals and negation act on a nearby verb; IF, WHETHER and UNLESS on the clause */
        }
        if (rank(m) > rank(best)) { best = m; *cue_out = cue_word; }
    }
    return best;
}
