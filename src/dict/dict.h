/*
 * dict.h -- the in-memory dictionary model shared by the readers (which fill
 * it from TABARI, PETRARCH-1 and PETRARCH-2 files) and the coder (which reads
 * the compiled form). Every reader resolves its dialect into these types.
 */
#ifndef DY_DICT_H
#define DY_DICT_H

#include "../util/arena.h"
#include "../util/intern.h"

/* Pattern and phrase element kinds. */
enum {
    DY_EL_WORD = 1,  /* a dictionary word (lexicon id) */
    DY_EL_SYNSET,    /* any member of a synset (synset index) */
    DY_EL_SOURCE,    /* $ : the source actor is here */
    DY_EL_TARGET,    /* + : the target actor is here */
    DY_EL_COMPOUND,  /* % : a compound actor, both source and target */
    DY_EL_SKIP,      /* ^ : skip one actor */
    DY_EL_ANYACTOR   /* an actor at this place (PETRARCH noun-phrase slot) */
};

typedef struct dy_elem {
    uint32_t id;       /* lexicon word id, or synset index */
    uint8_t kind;      /* DY_EL_* */
    uint8_t exact;     /* word matches whole (plus regular endings), not as a stem */
    uint8_t noend;     /* '=': no regular endings either */
    uint8_t adjacent;  /* must be next to the element before it (in text order) */
} dy_elem;

/* A slice of dy_dict.elems. */
typedef struct dy_phrase {
    uint32_t first;
    uint16_t n;
} dy_phrase;

/* Where an entry came from. */
/* One PICO line: a CAMEO code and its value in PETRARCH-2's internal ontology. */
typedef struct dy_pico {
    uint32_t code;   /* codes id */
    int64_t value;
} dy_pico;

typedef struct dy_loc {
    uint32_t file;  /* index into dy_dict.files */
    uint32_t line;
} dy_loc;

/* A code valid over [from, to] (yyyymmdd; 0 and 99999999 for open ends). */
typedef struct dy_dated_code {
    uint32_t code;  /* id in dy_dict.codes; 0 for a null code [---] */
    int32_t from, to;
} dy_dated_code;

typedef struct dy_actor {
    dy_phrase ph;
    uint32_t codes_first;  /* slice of dy_dict.dated */
    uint16_t ncodes;
    dy_loc loc;
    uint32_t undated;      /* the code when it is the actor's only one and undated (most
                              entries): read without the dated slice; else DY_NOT_UNDATED */
} dy_actor;
#define DY_NOT_UNDATED UINT32_MAX

typedef struct dy_agent {
    dy_phrase ph;
    uint32_t code;   /* id in codes, without the ~ */
    uint8_t prefix;  /* 1: code goes before the actor's (CODE~) */
    dy_loc loc;
} dy_agent;

/* Special event-code values. */
enum {
    DY_CODE_NONE = 0,        /* no code */
    DY_VF_NULL = 1,          /* [---]: matched, codes nothing */
    DY_VF_DISCARD = 2,       /* [###]: discard the sentence */
    DY_VF_COMPLEX = 4,       /* [+++]: the sentence is too complex to code */
    DY_VF_SUBORDINATE = 8,   /* [x?] */
    DY_VF_DOMINANT = 16      /* [x!] */
};

/* An event code as a verb or pattern gives it. */
typedef struct dy_vcode {
    uint32_t code, code2;  /* ids in codes; code2 != 0 for paired [A:B] */
    uint8_t flags;         /* DY_VF_* */
} dy_vcode;

typedef struct dy_pattern {
    uint32_t verb;
    dy_phrase before;   /* elements before the verb, NEAREST FIRST */
    dy_phrase after;    /* elements after the verb, in text order */
    dy_vcode vc;
    uint16_t length;    /* letters in the fixed words: longer patterns first */
    uint8_t by_source;  /* after the verb, BY and then the source ("- * BY_ $"):
                           with dyad's own rules only in a passive (match.c) */
    dy_loc loc;         /* its signature is dy_dict.patsig[its index] */
} dy_pattern;

typedef struct dy_verb {
    uint32_t name;        /* id in codes of the root's name (for explain) */
    dy_vcode vc;          /* default code */
    int has_default;      /* a non-null default was given */
    dy_loc loc;
    uint32_t pat_first, npat;  /* after compile: slice of sorted patterns */
    uint32_t anc_first, nanc;  /* after compile, verbs with many patterns: slice of
                                  dy_dict.anchors (see there); nanc 0: scan them all */
} dy_verb;

/* A verb's pattern keyed by its anchor: the word it needs that fewest
 * patterns share (0 when it needs none). A pattern whose anchor is not in
 * the sentence cannot match, so a verb with hundreds of patterns tries
 * only those whose anchor is there. Sorted by (verb, word, pattern); the
 * pair (verb, word) is also in dy_dict.pairs, kind DY_ANCHOR_KIND. */
typedef struct dy_anchor {
    uint32_t word;
    uint32_t pat;   /* index within the verb's patterns */
    uint64_t need;  /* the pattern's signature folded to 64 bits (DY_SIG_FOLD):
                       rules most candidates out before their own is read */
} dy_anchor;
#define DY_ANCHOR_MIN_PATTERNS 16
#define DY_ANCHOR_KIND 128

/* Where the anchors of one (verb, anchor word) begin in dy_dict.anchors, found
 * by hash: dy_dict.anchor_index is an open-addressing table (linear probing,
 * a power of two slots, first DY_ANCHOR_NONE when empty) of the pair's
 * 32-bit hash (dy_anchor_hash) and its first anchor; the run goes on while the
 * anchors' word is the word. Two pairs may share a hash, so a look-up takes a
 * slot of its hash only when the anchor there is the verb's and has the word,
 * and probes on otherwise. Anchors needing no word are not in the table (they
 * lead the verb's slice). */
typedef struct dy_anchor_slot {
    uint32_t hash, first;
} dy_anchor_slot;
#define DY_ANCHOR_NONE UINT32_MAX

/* A way of writing a verb: its root phrase or an irregular form. */
typedef struct dy_vform {
    dy_phrase ph;
    uint32_t verb;
} dy_vform;

/* A PETRARCH issue phrase and its issue code. */
typedef struct dy_issue {
    dy_phrase ph;
    uint32_t code;   /* id in codes */
    dy_loc loc;
} dy_issue;

typedef struct dy_synset {
    uint32_t name;           /* id in codes of "&NAME" */
    uint32_t first, n;       /* slice of dy_dict.synphrases */
    /* after compile: signatures of the members' first and last words, so that
     * a token none of whose words is one of them is rejected at once */
    uint64_t first_sig[4], last_sig[4];
    uint8_t open_edge;       /* a member starts or ends with something other than a word */
} dy_synset;

/* A per-word index: for lexicon word w, items [start[w], start[w+1]),
 * sorted within a word by key: the id of the phrase's second word when it
 * must follow at once (so a look-up can binary-search on the next token),
 * 0 for one-word phrases, DY_KEY_ANY when the second element can be
 * anywhere (checked one by one). */
#define DY_KEY_ANY UINT32_MAX
/* One index entry, with the phrase itself, so that a look-up touches one
 * array (the hot path is bound by memory, not by instructions). */
typedef struct dy_ientry {
    uint32_t key;     /* see above */
    uint32_t item;    /* index of the actor, agent, verb form, ... (file order) */
    uint32_t first;   /* the phrase: elems[first .. first+n) */
    uint16_t n;
    uint16_t chars;   /* letters in its words, for ties */
    uint32_t second;  /* DY_KEY_ANY entries: the second word's id (0 if none), which
                         must occur in reach for the phrase to be tried */
} dy_ientry;

typedef struct dy_index {
    uint32_t *start;
    dy_ientry *e;
} dy_index;

/* Compact trie over every dictionary word, walked once per token. */
typedef struct dy_trie_node {
    uint32_t edge0;   /* first edge in dy_dict.trie_edges */
    uint16_t nedge;
    uint32_t word;    /* lexicon id of the word ending here, 0 if none */
} dy_trie_node;

typedef struct dy_trie_edge {
    uint8_t byte;
    uint32_t node;
} dy_trie_edge;

/* The kinds of phrase the coder looks up (dy_dict.idx), and their bits in
 * per-word masks such as dy_dict.starts. */
enum { DY_KIND_ACTOR, DY_KIND_AGENT, DY_KIND_VERB, DY_KIND_NOUN, DY_KIND_ADJ, DY_KIND_DISCARD, DY_NKINDS };
enum { DY_STARTS_ACTOR = 1 << DY_KIND_ACTOR, DY_STARTS_AGENT = 1 << DY_KIND_AGENT, DY_STARTS_VERB = 1 << DY_KIND_VERB,
       DY_STARTS_NOUN = 1 << DY_KIND_NOUN, DY_STARTS_ADJ = 1 << DY_KIND_ADJ, DY_STARTS_DISCARD = 1 << DY_KIND_DISCARD };

/* Function words the coder's grammar uses, by lexicon word id. */
enum { DY_FW_NONE = 0, DY_FW_DET, DY_FW_CONJ, DY_FW_PRON, DY_FW_AUX, DY_FW_BY, DY_FW_PREP };

/* Options that the dictionaries' own option files set. */
typedef struct dy_dict_settings {
    int convert_agents;     /* an agent with no actor codes as the agent alone */
    int agent_tilde;        /* ... written with its ~ (TABARI output: "~MOS") */
    int infer_agent_country; /* such an agent takes the country of the nearest actor that has one */
    int own_rules;          /* dyad's own reading of news, on with the built-in dictionaries
                               (README, "Choices"): a closing comma aside is dropped only after
                               a verb, an opening prepositional one before a verb; an announced
                               act is coded as its intent (03x) or threat (13x), an announced
                               refusal of a cooperative act as a rejection (12x); "US" in
                               capitals in mixed-case text reads as "U.S."; a GOV-coded place
                               after "in"/"at"/"near" is the country ("a curfew in Algiers") */
    int petrarch2;          /* a verbs file in PETRARCH-2 syntax was read */
    int paired_as_passive;  /* [A:B]: A in the active voice, B in the passive (PETRARCH-2),
                               instead of two events (S,T,A) and (T,S,B) */
    int petrarch;           /* PETRARCH conventions: a missing actor is coded "---" (events
                               without a target, agents without an actor: "---GOV") */
    int require_dyad;       /* PETRARCH-1 "require_dyad": an event needs a target (default on);
                               off, a PETRARCH-1 set codes "---" for a missing one */
    int share_lead_agent;   /* an agent before a compound applies to every member ("the
                               ambassadors of A, B and C"; PETRARCH and dyad, not TABARI) */
    int complex_verbs;      /* COMPLEX: VERBS[n]: more verbs than n -> sentence not coded (0 off) */
    int complex_conj;       /* COMPLEX: CONJ[n] */
    int complex_actors;     /* COMPLEX: ACTORS[n] */
    int noactprior;         /* COMPLEX: NOACTPRIOR: no actor before the verb -> not coded */
    int comma_min, comma_max;   /* comma-delimited asides of (min, max] words are skipped; max 0 = off */
    int comma_emin, comma_emax; /* the same for ", ..." up to the end of the sentence */
    int comma_bmin, comma_bmax; /* and for "... ," from the start of the sentence */
    int min_words;              /* sentences with fewer words are not coded */
    int code_by;            /* 0 clause, 1 sentence, 2 all */
} dy_dict_settings;

/* A diagnostic as reported, for the cache to replay. */
typedef struct dy_diag_record {
    uint32_t file, line;
    const char *msg;   /* in dy_dict.arena */
} dy_diag_record;

struct dyad_dict {
    dy_intern words;   /* lexicon: folded dictionary words */
    dy_intern codes;   /* actor codes, event codes, names */
    dy_arena arena;
    dyad_dict_options opt;

    dy_elem *elems; size_t nelems, capelems;
    dy_dated_code *dated; size_t ndated, capdated;
    dy_actor *actors; size_t nactors, capactors;
    dy_agent *agents; size_t nagents, capagents;
    dy_verb *verbs; size_t nverbs, capverbs;
    dy_vform *vforms; size_t nvforms, capvforms;
    dy_pattern *patterns; size_t npatterns, cappatterns;
    dy_synset *synsets; size_t nsynsets, capsynsets;
    dy_phrase *synphrases; size_t nsynphrases, capsynphrases;
    uint32_t *synedge;           /* after compile, per synonym phrase k: [2k] the word id of
                                    its first element, [2k + 1] of its last (0: not a word,
                                    or empty), read in a row when a synset is tried */
    uint32_t *verb_by_name; size_t nverb_by_name; /* codes id -> verb index+1 */
    dy_phrase *nouns; size_t nnouns, capnouns;
    dy_phrase *adjectives; size_t nadjectives, capadjectives;
    dy_phrase *discards; size_t ndiscards, capdiscards;   /* sentence-level: drop the sentence */
    uint8_t *discard_story; size_t ndiscard_story, capdiscard_story; /* per discard: 1 = drop the story */
    dy_issue *issues; size_t nissues, capissues;          /* PETRARCH issue phrases */
    dy_pico *pico; size_t npico, cappico;                 /* PETRARCH-2 ontology: negation */

    const char **files; size_t nfiles, capfiles;
    size_t diagnostics;
    dy_dict_settings set;

    /* compiled */
    dy_trie_node *trie; size_t ntrie;
    dy_trie_edge *trie_edges; size_t ntrie_edges;
    dy_index idx[DY_NKINDS];     /* per DY_KIND_*: actors, agents, verb forms, nouns,
                                    adjectives, discards, by first word */
    uint8_t *fclass;             /* DY_FW_* per lexicon word id */
    uint8_t *stemword;           /* 1 when some entry uses the word as a stem: only then is a
                                    token that merely begins with it worth a hit */
    dy_anchor *anchors; size_t nanchors;
    dy_anchor_slot *anchor_index; size_t nanchor_index; /* slots, a power of two */
    uint64_t (*patsig)[4];       /* per pattern, one bit per word it needs (DY_SIG_POS of the
                                    word id): a sentence lacking one cannot match. Kept apart
                                    and contiguous, so a verb's patterns are filtered without
                                    touching the pattern structs */
    uint8_t *starts;             /* DY_STARTS_* bits per word id: which phrases begin with it */
    uint8_t *multi;              /* DY_STARTS_* bits per word id: which phrases of more than
                                    one word begin with it */
    uint8_t *occword;            /* 1 per word id a pattern, a synset member or a phrase's
                                    non-adjacent second word names: only these words'
                                    occurrences in a sentence are ever looked up */
    uint8_t *anykey;             /* DY_STARTS_* bits per word id: which phrases begin with it
                                    and have no adjacent second word (key DY_KEY_ANY) */
    uint64_t *pairs;             /* Bloom filter of (first word, adjacent second word, kind)
                                    over the keyed phrases: most pairs of neighbouring
                                    words are ruled out without reading an index */
    uint8_t *seconds;            /* DY_STARTS_* bits per word id: which phrases have it as the
                                    word right after the first (the keyed look-up) */
    int compiled;

    /* the compiled-set cache (cache.c) */
    const char **sources; size_t nsources, capsources; /* every file and folder read */
    dy_diag_record *diags; size_t ndiags, capdiags;    /* kept to replay from a cache */
    int from_cache;
    void *map; size_t maplen;  /* from a cache: the mapped file the compiled arrays point into */
};

typedef struct dyad_dict dy_dict;

#define DY_PAIR_BITS_LOG2 20
/* The bit of dy_dict.pairs for a phrase of kind `kind` (a DY_STARTS_ bit)
 * beginning with the words w1 w2. */
static inline uint32_t dy_pair_bit(uint32_t w1, uint32_t w2, unsigned kind) {
    uint32_t h = (w1 * 0x9E3779B1u) ^ (w2 * 0x85EBCA77u) ^ (kind * 0xC2B2AE3Du);
    h = (h ^ (h >> 15)) * 0x2C1B3C6Du;
    return h >> (32 - DY_PAIR_BITS_LOG2);
}
/* The hash of (verb, word) in dy_dict.anchor_index; its low bits are the
 * first slot to probe. */
static inline uint32_t dy_anchor_hash(uint32_t verb, uint32_t word) {
    uint32_t h = (verb * 0x9E3779B1u) ^ (word * 0x85EBCA77u);
    h = (h ^ (h >> 16)) * 0x2C1B3C6Du;
    return h ^ (h >> 13);
}
/* From slot s on, the first slot of hash h whose anchor lies in a verb's
 * slice of dy_dict.anchors [first, first + n) and has the word w: that
 * anchor's index, or DY_ANCHOR_NONE at the first empty slot. */
static inline uint32_t dy_anchor_find(const dy_dict *d, uint32_t s, uint32_t h, uint32_t first, uint32_t n,
                                      uint32_t w) {
    uint32_t mask = (uint32_t)d->nanchor_index - 1;
    for (;; s = (s + 1) & mask) {
        uint32_t at = d->anchor_index[s].first;
        if (at == DY_ANCHOR_NONE) return DY_ANCHOR_NONE;
        if (d->anchor_index[s].hash == h && at - first < n && d->anchors[at].word == w) return at;
    }
}
/* May such a phrase begin with w1 w2? (Never a false "no".) */
static inline int dy_pair_maybe(const dy_dict *d, uint32_t w1, uint32_t w2, unsigned kind) {
    uint32_t h = dy_pair_bit(w1, w2, kind);
    return (int)(d->pairs[h >> 6] >> (h & 63)) & 1;
}

/* Report a line that cannot be interpreted. */
DY_INTERNAL void dy_dict_diag(dy_dict *d, dy_loc loc, const char *fmt, ...) DY_PRINTF(3, 4);
DY_INTERNAL uint32_t dy_dict_file(dy_dict *d, const char *path);

/* Parse one dictionary word as written (e.g. "ABANDON", "OF_", "KRONER_",
 * "BAN="), fold it, and return an element; kind is 0 when the word is empty. */
DY_INTERNAL int dy_dict_word(dy_dict *d, const char *w, size_t n, dy_elem *out);
/* dy_dict_phrase flags. */
enum {
    DY_PH_GAPS = 1,    /* a blank between words allows other words between them */
    DY_PH_MARKERS = 2  /* $ + % ^ and &SYNSET are pattern markers (verbs); elsewhere they
                          are ordinary characters of a word (actors: "AT&T", "E*TRADE") */
};
/* Parse a phrase "A_B C" into elements appended to d->elems. Without
 * DY_PH_GAPS words are always adjacent. Returns 0, or -1 with a message in
 * why. */
DY_INTERNAL int dy_dict_phrase(dy_dict *d, const char *s, size_t n, int flags, dy_phrase *out,
                               char *why, size_t whycap);

DY_INTERNAL int dy_dict_add_actor(dy_dict *d, dy_phrase ph, const dy_dated_code *codes, size_t n,
                                  dy_loc loc);
/* Parse "CODE", "CODE <yymmdd", "CODE >yymmdd", "CODE d1-d2" (6 or 8 digit
 * dates). Returns 0 or -1. */
DY_INTERNAL int dy_dict_dated_code(dy_dict *d, const char *s, size_t n, dy_dated_code *out);
/* The verb with this root name, created if new. */
DY_INTERNAL uint32_t dy_dict_verb(dy_dict *d, const char *name, size_t n, dy_loc loc);
/* Parse an event code "043", "032:033", "---", "###", "+++", "031!", "113?". */
DY_INTERNAL int dy_dict_vcode(dy_dict *d, const char *s, size_t n, dy_vcode *out);
/* Parse a pattern "WORD * WORD" (TABARI syntax, alternatives expanded) for
 * verb v and add it. Returns 0 or -1 with why. */
DY_INTERNAL int dy_dict_add_pattern(dy_dict *d, uint32_t verb, const char *s, size_t n, dy_vcode vc,
                                    dy_loc loc, char *why, size_t whycap);

DY_INTERNAL int dy_dict_compile(dy_dict *d);

/* The 256-bit signature position of a word id (see dy_dict.patsig). */
#define DY_SIG_POS(id) (((uint32_t)(id) * 2654435761u) >> 24)
#define DY_SIG_SET(sig, id) ((sig)[DY_SIG_POS(id) >> 6] |= (uint64_t)1 << (DY_SIG_POS(id) & 63))
/* A signature folded to 64 bits: a subset's fold is a subset of the fold. */
#define DY_SIG_FOLD(sig) ((sig)[0] | (sig)[1] | (sig)[2] | (sig)[3])

/* Readers: each reads one file into d. Return DYAD_OK or DYAD_EIO/ENOMEM. */
DY_INTERNAL dyad_status dy_read_tabari_actors(dy_dict *d, const char *path, const char *text,
                                              size_t len, dyad_err *err);
DY_INTERNAL dyad_status dy_read_tabari_agents(dy_dict *d, const char *path, const char *text,
                                              size_t len, dyad_err *err);
DY_INTERNAL dyad_status dy_read_tabari_verbs(dy_dict *d, const char *path, const char *text,
                                             size_t len, dyad_err *err);
DY_INTERNAL dyad_status dy_read_tabari_options(dy_dict *d, const char *path, const char *text,
                                               size_t len, dyad_err *err);

DY_INTERNAL dyad_status dy_read_petrarch_verbs(dy_dict *d, const char *path, const char *text,
                                               size_t len, dyad_err *err);
DY_INTERNAL dyad_status dy_read_petrarch_actors(dy_dict *d, const char *path, const char *text,
                                                size_t len, dyad_err *err);
DY_INTERNAL dyad_status dy_read_petrarch_agents(dy_dict *d, const char *path, const char *text,
                                                size_t len, dyad_err *err);
DY_INTERNAL dyad_status dy_read_petrarch_discards(dy_dict *d, const char *path, const char *text,
                                                  size_t len, dyad_err *err);
DY_INTERNAL dyad_status dy_read_petrarch_issues(dy_dict *d, const char *path, const char *text,
                                                size_t len, dyad_err *err);
/* A PETRARCH config.ini: reads the dictionary files it names. */
DY_INTERNAL dyad_status dy_read_pico(dy_dict *d, const char *path, const char *text, size_t len,
                                    dyad_err *err);
/* The code of the opposite act under the PICO file ("not 110" -> 050), or 0. */
DY_INTERNAL uint32_t dy_pico_negate(const dy_dict *d, uint32_t code);
DY_INTERNAL dyad_status dy_load_petrarch_config(dy_dict *d, const char *path, dyad_err *err);

/* Read a whole file; *out is malloc'd and NUL-terminated. */
/* Read a whole file (NUL-terminated) and note it among the set's sources. */
DY_INTERNAL dyad_status dy_read_file(dy_dict *d, const char *path, char **out, size_t *len, dyad_err *err);
/* Note a file or folder the set was read from (the cache checks them). */
DY_INTERNAL int dy_dict_source(dy_dict *d, const char *path);

/* cache.c: a compiled set kept on disk (dyad_dict_options.cache_dir). The
 * cache's file name for a spec and the options that shape the set (written
 * to out; 0, or -1 when there is no usable cache: no cache_dir, or the
 * program's own file cannot be identified). */
DY_INTERNAL int dy_cache_path(const char *spec, const dyad_dict_options *opt, char *out, size_t cap);
/* Fill d from the cache at path; 0 on a hit, -1 when absent, stale or bad
 * (d is then left as it was). */
DY_INTERNAL int dy_cache_load(dy_dict *d, const char *path);
/* Write the compiled set d to path (atomically); failures are ignored. */
DY_INTERNAL void dy_cache_save(const dy_dict *d, const char *path);
/* Release a set read from a cache (its arrays are in the mapping). */
DY_INTERNAL void dy_cache_unmap(dy_dict *d);

#endif
