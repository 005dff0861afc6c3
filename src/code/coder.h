/*
 * coder.h -- internals of the coder shared by coder.c (sentence analysis and
 * events), match.c (verb patterns) and modality.c (cues). Not API.
 */
#ifndef DY_CODER_H
#define DY_CODER_H

#include "../dict/dict.h"
#include "../tok/tokenize.h"

/* How a dictionary word matched a token. */
enum { DY_HIT_EXACT = 1, DY_HIT_PREFIX,
       DY_HIT_NOUN_END,   /* + 'S */
       DY_HIT_VERB_END,   /* + ED, EN, ING, (E)D */
       DY_HIT_BOTH_END }; /* + S, ES: plural noun or third-person verb */

/* Which regular endings an exact (`_`) word accepts where it stands. */
enum { DY_END_NONE = 0, DY_END_NOUN, DY_END_VERB };

/* Does a hit of kind `hit_kind` on e's word match e, where e takes `endings`? */
static inline int dy_hit_fits(uint8_t hit_kind, const dy_elem *e, int endings) {
    if (hit_kind == DY_HIT_EXACT || !e->exact) return 1;
    if (e->noend || endings == DY_END_NONE) return 0;
    return hit_kind == DY_HIT_BOTH_END || (hit_kind == DY_HIT_NOUN_END && endings == DY_END_NOUN) ||
           (hit_kind == DY_HIT_VERB_END && endings == DY_END_VERB);
}

typedef struct dy_hit {
    uint32_t word;
    uint8_t kind;     /* DY_HIT_* */
    uint8_t multi;    /* copies of dy_dict.multi/seconds/fclass for the word, so that */
    uint8_t seconds;  /* look-ups read the hit (cached per token text), not three */
    uint8_t fclass;   /* arrays spread over the dictionary */
    uint8_t anykey;   /* dy_dict.anykey for the word */
    uint8_t occ;      /* dy_dict.occword for the word */
    uint8_t keyed;    /* per sentence: kinds (DY_STARTS_*) of which a phrase keyed by its second
                         word may begin here, the next token allowing (dy_pair_maybe) */
} dy_hit;

/* Word types, as TABARI's parser assigns them. */
enum {
    W_NONE = 0, W_ACTOR, W_AGENT, W_VERB, W_NOUN, W_DET, W_CONJ, W_COMMA, W_PRON,
    W_AUX, W_BY, W_PUNCT, W_NUMBER, W_OF, W_ADJ
};

typedef struct dy_tokinfo {
    uint32_t hit0;
    /* what the token's text alone says, computed once per distinct text
     * (lookup.c): kinds of phrase that begin with it, its function-word
     * class, the kinds of phrase of which it may be the second word, and per
     * kind the best one-word phrase (entry + 1, or 0); and per sentence, the
     * kinds of which a phrase of more words may begin here (its words and the
     * next token's allow one) */
    uint32_t one[DY_NKINDS];
    uint8_t starts, seconds, longer, fclass;
    uint8_t nhit;
    uint8_t type;    /* W_* */
    uint8_t dead;    /* inside an eliminated comma clause */
    uint8_t quoted;
    int32_t ref;     /* mention index (actor/agent/pronoun) or verb mention index */
} dy_tokinfo;

/* How a mention was found. */
typedef enum dy_how {
    DY_HOW_ACTOR,          /* an actor entry */
    DY_HOW_ACTOR_AGENT,    /* an actor with an agent joined to it */
    DY_HOW_AGENT,          /* an agent with no actor */
    DY_HOW_AGENT_COUNTRY,  /* an agent that took the nearest actor's country */
    DY_HOW_AGENT_ACTOR,    /* an agent before a compound, joined to one member's actor */
    DY_HOW_AGENT_LEAD,     /* an agent that took the actor leading its compound */
    DY_HOW_PRONOUN,        /* a pronoun standing for an actor of the sentence */
    DY_HOW_FORWARDED,      /* a pronoun standing for the subject of an earlier sentence */
    DY_HOW_DEFAULT         /* no words: a DEFAULT source or target */
} dy_how;
/* An agent with no actor of its own, however it got its country. */
#define DY_HOW_IS_AGENT(h) ((h) == DY_HOW_AGENT || (h) == DY_HOW_AGENT_COUNTRY || (h) == DY_HOW_AGENT_ACTOR || \
                            (h) == DY_HOW_AGENT_LEAD)

/* An actor found in the sentence (possibly with an agent merged in). */
typedef struct dy_mention {
    int start, end;       /* token range [start, end), sentence-local */
    uint32_t code_off;    /* offset of the NUL-terminated code in coder->codes */
    uint32_t base_off;    /* the actor's own code, before an agent was added */
    uint32_t agent_off;   /* the agent code joined to it (offset in coder->codes), or 0 */
    uint8_t agent_prefix;
    uint8_t agent_leads;  /* the agent stands before the actor ("the ambassadors of Arnor") */
    uint32_t lone_agent_off; /* an agent with no actor: its own code (offset in coder->codes), or 0 */
    uint8_t lone_agent_prefix;
    int null_code;        /* [---]: blocks, but is never a source or target */
    int gfirst, glast;    /* compound group: mention index range */
    int pronoun_of;       /* for pronouns: mention it refers to, else -1 */
    dy_loc loc;
    dy_how how;
    int32_t date_from, date_to;
} dy_mention;

typedef struct dy_vmention {
    int start, end;       /* token range of the verb form */
    uint32_t verb;
    int clause;
} dy_vmention;

#define DY_MATCH_MAX_OBJECT 8
typedef struct dy_match {
    dy_vcode vc;
    const dy_pattern *pat;  /* NULL: the verb's default code */
    int src, tgt;           /* mention indices bound by $ / + / %, or -1 */
    int compound;           /* % matched */
    int end_tok;            /* last token used by the match (for explain) */
    /* tokens after the verb that the pattern's words matched ("offered TROOPS",
     * "sent MILITARY AID"): the object of the act, never its default target */
    int nobject;
    int object_tok[DY_MATCH_MAX_OBJECT];
} dy_match;

struct dyad_coder {
    const dy_dict *d;
    dyad_code_options opt;
    dy_dict_settings set;  /* from the dictionary, changed by dyad_coder_option */
    char default_src_text[32], default_tgt_text[32]; /* TABARI DEFAULT: codes, or "" */
    int default_src_prior, default_tgt_after;
    /* pronoun forwarding: the first actor of the last sentence that had one,
     * kept across the sentences of a document and, with FORWARD on, across
     * documents of the same story (id without its last "-" part) */
    int forward;
    char fwd_code[64], fwd_story[128];
    uint8_t cue_first[27]; /* modality cues beginning with 'A' + k: [cue_first[k], cue_first[k + 1]) */
    uint32_t cue_second[26]; /* bit j of [k]: some cue begins with the letters 'A' + k, 'A' + j */
    dy_tokens toks;
    /* sentence scratch, reused */
    dy_hit *hits; size_t nhits, caphits;
    dy_tokinfo *ti; size_t capti;
    dy_mention *men; size_t nmen, capmen;
    dy_vmention *vm; size_t nvm, capvm;
    char *codes; size_t ncodes, capcodes;
    int *clause_start; size_t nclause, capclause;
    /* current sentence */
    const dy_token *tok;   /* first token of the sentence */
    int ntok;
    const char *text;      /* document text */
    int32_t date;          /* yyyymmdd or 0 */
    int allcaps;           /* sentence has no lower-case words */
    int last_question;     /* the last '?' token, or -1 */
    int attribution_at;    /* PETRARCH-1: first token of a closing ", an official said" clause, or -1 */
    int subordinate_comma; /* own rules: the comma closing an opening "After ..., " clause, or -1 */
    uint64_t sent_sig[4];  /* signature of every dictionary word in the sentence */
    /* where each dictionary word occurs in the sentence: a hash from word id
     * to the first of its hits, hits chained in token order (occ_next), so
     * a pattern word is found without scanning the clause */
    struct dy_occ_slot { uint32_t word, gen; int32_t head, tail; } *occ;
    uint32_t occ_gen;
    int occ_ok;            /* the table holds every word of the sentence */
    int32_t *occ_next; int32_t *hit_tok; size_t capocc;
    uint32_t *sent_words; size_t nsent_words; /* the distinct dictionary words of the sentence */
    uint32_t *cand; size_t capcand;           /* a verb's candidate patterns (match.c) */
    uint64_t *candbits; size_t capcandbits;   /* for sorting many of them: all zero between uses */
    uint32_t *tok_hash; size_t cap_tok_hash;  /* hash of each token's text (lookup.c) */
    /* token -> dictionary hits cache (news vocabulary repeats): open
     * addressing, cleared when full */
    struct dy_hitcache_slot *hc; size_t hc_n;
    uint32_t *hc_data; size_t hc_ndata, hc_capdata; /* records (lookup.c) */
    /* events reported for the current document (once_per_doc) */
    uint64_t *seen; size_t nseen, capseen;
    /* explain trace */
    char *ex; size_t nex, capex;
    struct emit_ctx *emit; /* the events of a sentence before reporting (coder.c), reused */
};

typedef struct dyad_coder dy_coder;

/* The folded text of token i of the sentence. */
static inline const char *dy_tok_text(const dy_coder *c, int i) { return c->toks.text + c->tok[i].text; }
/* Token i is the punctuation mark p. */
static inline int dy_punct_is(const dy_coder *c, int i, char p) {
    return i >= 0 && i < c->ntok && c->tok[i].kind == DY_TOK_PUNCT && dy_tok_text(c, i)[0] == p;
}
/* Token i is the word w (folded, e.g. "AND"). */
static inline int dy_is_word(const dy_coder *c, int i, const char *w) {
    if (i < 0 || i >= c->ntok) return 0;
    size_t n = strlen(w); /* a literal: known when inlined */
    return c->tok[i].len == n && memcmp(dy_tok_text(c, i), w, n) == 0;
}
/* A word of a fixed list with its length, so that a look-up compares lengths
 * first (most tokens fail there): DY_WORD("SAID"). */
typedef struct dy_word { const char *text; size_t len; } dy_word;
#define DY_WORD(lit) {lit, sizeof(lit) - 1}
/* Token i is one of the n words of list. */
static inline int dy_word_among(const dy_coder *c, int i, const dy_word *list, size_t n) {
    if (i < 0 || i >= c->ntok) return 0;
    const char *w = dy_tok_text(c, i);
    size_t len = c->tok[i].len;
    for (size_t k = 0; k < n; k++)
        if (len == list[k].len && w[0] == list[k].text[0] && memcmp(w, list[k].text, len) == 0) return 1;
    return 0;
}
/* Token k is a possessive pronoun ("its troops", "their leaders"). */
static inline int dy_possessive_pronoun(const dy_coder *c, int k) {
    return dy_is_word(c, k, "ITS") || dy_is_word(c, k, "THEIR") || dy_is_word(c, k, "HIS") ||
           dy_is_word(c, k, "HER") || dy_is_word(c, k, "OUR");
}
/* A locative preposition ("in", "at", "near" ...) right before token i, or before "the" there. */
static inline int dy_locative_before(const dy_coder *c, int i) {
    static const dy_word preps[] = {DY_WORD("IN"), DY_WORD("AT"), DY_WORD("NEAR"), DY_WORD("OUTSIDE"),
                                    DY_WORD("AROUND"), DY_WORD("ACROSS"), DY_WORD("INSIDE")};
    int k = i - 1;
    if (dy_is_word(c, k, "THE")) k--;
    return dy_word_among(c, k, preps, DY_ARRAY_LEN(preps));
}
/* Does the phrase around token i name a place: "in Washington", "in the Sea
 * of Japan" (IN/AT/NEAR up to four plain words before it, OF and THE included)? */
static inline int dy_in_place(const dy_coder *c, int i) {
    for (int k = i, words = 0; k > 0 && words <= 4; k--, words++) {
        if (dy_locative_before(c, k)) return 1;
        int ty = c->ti[k - 1].type;
        if (ty != W_NONE && ty != W_DET && ty != W_ADJ && !dy_is_word(c, k - 1, "OF")) return 0;
    }
    return 0;
}
/* Whether a code begins with a country (three letters that are not an agent role). */
DY_INTERNAL int dy_has_country(const char *code);
/* The code of an actor with an agent joined (TABARI 5.4 rules), pushed to c->codes. */
DY_INTERNAL uint32_t dy_combine(dy_coder *c, const char *actor_in, const char *agent, int prefix);
DY_INTERNAL int dy_elem_matches_token(const dy_coder *c, const dy_elem *e, int i, int endings);
/* Index of the first hit of word w in the sentence (chained by occ_next), or -1. */
DY_INTERNAL int32_t dy_occ_first(const dy_coder *c, uint32_t w);
#define DY_OCC_SLOTS 2048
/* Try the verb's patterns at vm; fills m and returns 1 when one matched. */
DY_INTERNAL int dy_match_verb(dy_coder *c, const dy_vmention *vm, int clause_lo, int clause_hi,
                              dy_match *m);
/* Whether token i is a verb of saying ("said", "announced", "told", ...). */
DY_INTERNAL int dy_is_saying(const dy_coder *c, int i);
/* The modality of the event whose verb is vm; *cue is the deciding word. */
DY_INTERNAL dyad_modality dy_modality(const dy_coder *c, const dy_vmention *vm, int clause_lo,
                                      const char **cue);
/* Fill dy_coder.cue_first and cue_second, the modality cues' index by their
 * first letter and their first two. */
DY_INTERNAL void dy_modality_index(uint8_t cue_first[27], uint32_t cue_second[26]);
DY_INTERNAL void dy_explain_write(dy_coder *c, const char *fmt, ...) DY_PRINTF(2, 3);
/* Add a line to the explanation, when one is asked for (the arguments are
 * not even evaluated otherwise: the hot path pays one test). */
#define dy_explain(c, ...) do { if ((c)->opt.explain) dy_explain_write((c), __VA_ARGS__); } while (0)

/* compound.c (each where the dictionary's settings ask for it; see coder.c) */
/* "lawmakers and officials in A and B": every agent of every actor; -1 on out of memory. */
DY_INTERNAL int dy_distribute_agents(dy_coder *c);
/* "Yemen's Houthi rebels": a possessive actor before another actor only modifies it. */
DY_INTERNAL void dy_possessive_modifiers(dy_coder *c);
/* Compound actors: ACTOR ((,|AND) [DET|adj]* ACTOR)+, a list closed by its AND. */
DY_INTERNAL void dy_find_compounds(dy_coder *c);
/* An agent or actor that leads a compound applies to its members. */
DY_INTERNAL void dy_share_agents(dy_coder *c);

/* target.c */
/* The first actor (by position) starting in [lo, hi) whose code differs from not_code. */
DY_INTERNAL int dy_first_actor(const dy_coder *c, int lo, int hi, const char *not_code);
/* The default target after the verb (pm: the matched pattern), source src (code not_code). */
DY_INTERNAL int dy_first_target(const dy_coder *c, int lo, int hi, int src, const char *not_code,
                                const dy_match *pm);
/* Mentions a and b stand side by side (nothing or a comma between): one entity. */
DY_INTERNAL int dy_touching(const dy_coder *c, const dy_mention *a, const dy_mention *b);
/* The auxiliaries of a passive in the two words before the verb at token v
 * (none before lo): DY_AUX_PAST for WAS, WERE or BEEN ("were condemned", "has
 * been shot"), DY_AUX_PRESENT for IS, ARE or BEING ("is being pressured"); 0: none. */
enum { DY_AUX_PAST = 1, DY_AUX_PRESENT = 2 };
DY_INTERNAL int dy_passive_aux(const dy_coder *c, int v, int lo);

/* clause.c */
/* Mark comma asides dead (TABARI 7.8 and dyad's own rules); sets attribution_at
 * and subordinate_comma. */
DY_INTERNAL void dy_drop_comma_clauses(dy_coder *c);
/* Clause starts (c->clause_start) and each verb's clause; -1 on out of memory. */
DY_INTERNAL int dy_find_clauses(dy_coder *c);

/* lookup.c */
/* Fill the hits and dy_tokinfo summaries of every token of the sentence. */
DY_INTERNAL int dy_find_sentence_hits(dy_coder *c);
DY_INTERNAL int dy_build_occurrences(dy_coder *c);
/* The kinds of phrase (DY_STARTS_*) that begin with token i's words. */
static inline uint8_t dy_token_starts(const dy_coder *c, int i) { return c->ti[i].starts; }
/* Longest phrase of a kind (its DY_STARTS_ bit) starting at token i (its
 * entry in *best); returns the tokens it covers, 0 when none. */
DY_INTERNAL int dy_longest_multi(const dy_coder *c, uint8_t kind, int i, uint32_t *best);
static inline int dy_longest(const dy_coder *c, uint8_t kind, int i, uint32_t *best) {
    const dy_tokinfo *ti = &c->ti[i];
    if (ti->longer & kind) return dy_longest_multi(c, kind, i, best);
    uint32_t one = ti->one[__builtin_ctz(kind)]; /* no longer phrase: the token's own */
    *best = one ? one - 1 : 0;
    return one ? 1 : 0;
}

#endif
