/*
 * dyad.h -- the public API of libdyad, a political event coder.
 *
 * libdyad reads news text and codes "who did what to whom" as CAMEO events,
 * driven by dictionaries of actors, agents and verb patterns (TABARI,
 * PETRARCH-1 and PETRARCH-2 formats, or dyad's built-in set). This header is
 * the whole contract: anything not declared here is internal.
 *
 * Conventions
 *  - Functions return a dyad_status; DYAD_OK (0) means success.
 *  - Functions that can fail with a located message take an optional
 *    dyad_err* (NULL is allowed) that is filled on failure.
 *  - Objects are opaque and come in _new/_free (or _load/_free) pairs; every
 *    _free accepts NULL.
 *  - A loaded dyad_dict is immutable and may be shared by any number of
 *    coders in any number of threads. A dyad_coder is used by one thread at a
 *    time.
 *  - The library never prints and never exits.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION "0.1.0"

/* ---- Status and errors ------------------------------------------------ */

/* One value per cause. ORDER: keep in step with dyad_status_str(). */
typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ENOMEM,   /* out of memory */
    DYAD_EIO,      /* a file could not be opened or read */
    DYAD_ESYNTAX,  /* a dictionary or input line could not be interpreted */
    DYAD_EINPUT,   /* a document is unusable (bad UTF-8, bad JSON, missing text) */
    DYAD_EARG      /* a bad argument to an API call */
} dyad_status;

/* A located error message. `file` and `line` say where (line 0: no line;
 * an empty file: not about a file). The message lives in the struct, so
 * nothing needs freeing. */
typedef struct dyad_err {
    dyad_status code;
    int line;
    char file[512];
    char msg[512];
} dyad_err;

/* A short constant name for a status ("ok", "out of memory", ...). */
DYAD_API const char *dyad_status_str(dyad_status s);

/* ---- Dictionaries ------------------------------------------------------ */

typedef struct dyad_dict dyad_dict;

/* Called for every dictionary line that was read but could not be
 * interpreted (the line is then not used). `file` and `line` locate it.
 * Loading goes on after a diagnostic; the count is in dyad_dict_stats. */
typedef void (*dyad_diag_fn)(void *ctx, const char *file, int line, const char *msg);

/* How a paired code [A:B] is read. ORDER: dyad_dict_options.paired */
enum {
    DYAD_PAIRED_EVENTS = 0,   /* two events, (S,T,A) and (T,S,B), as TABARI and
                                 PETRARCH-1 read it (default; the UniversalPetrarch
                                 suite scores best so too) */
    DYAD_PAIRED_DIALECT,      /* as the verbs file's dialect reads it: PETRARCH-2
                                 files by voice, the others as events */
    DYAD_PAIRED_VOICE         /* one event: A in the active voice, B in the passive */
};

/* Where the peers disagree, these choose. Zero-initialise for the defaults. */
typedef struct dyad_dict_options {
    dyad_diag_fn diag;     /* NULL: diagnostics are only counted */
    void *diag_ctx;
    int paired;            /* DYAD_PAIRED_* */
    int before_inclusive;  /* nonzero: a restriction "<D" includes D (default:
                              strictly before D; ">D" always includes D) */
    int undated_earliest;  /* for an undated document, an actor whose codes are all
                              dated takes its earliest one (default: its latest) */
    const char *cache_dir; /* NULL: compile on every load. A folder (made if absent):
                              the compiled set is kept there, one file per spec and
                              choices, and read instead of the sources while every
                              file it came from keeps its size and modification time
                              and the program is the same build; diagnostics are
                              replayed from it. A cache that cannot be read or
                              written is ignored (the load compiles as usual). */
} dyad_dict_options;

/* Load a dictionary set.
 *   spec NULL or "builtin": the dictionaries compiled into the library.
 *   a TABARI .project file: the .actors/.agents/.verbs/.options it names.
 *   a PETRARCH config (.ini): the dictionary files it names.
 *   a folder: every *.actors, *.agents, *.verbs, *.options file in it, and
 *     PETRARCH files named *actors*.txt, *agents*.txt, *verbs*.txt, CAMEO*.txt,
 *     *discards*.txt, *Issue*.txt.
 * The dialect of each file is detected from its content.
 * On success *out is a new dictionary: free it with dyad_dict_free().
 * Fails with DYAD_EIO (a named file is missing) or DYAD_ENOMEM; lines that
 * cannot be interpreted are diagnostics, not failures. */
DYAD_API dyad_status dyad_dict_load(const char *spec, const dyad_dict_options *opt,
                                    dyad_dict **out, dyad_err *err);

DYAD_API void dyad_dict_free(dyad_dict *d);

typedef struct dyad_dict_stats {
    size_t actors;       /* actor phrases (incl. synonyms) */
    size_t agents;       /* agent phrases */
    size_t verbs;        /* verb roots */
    size_t patterns;     /* verb patterns (after expanding alternatives) */
    size_t words;        /* distinct dictionary words */
    size_t diagnostics;  /* lines that could not be interpreted */
    size_t files;        /* dictionary files read */
    int from_cache;      /* 1: read from dyad_dict_options.cache_dir, not compiled */
} dyad_dict_stats;

DYAD_API void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st);

/* ---- Documents and events --------------------------------------------- */

/* A document to code. `text` need not be NUL-terminated; `len` is its
 * length in bytes. `date` is "YYYY-MM-DD" (or "YYYYMMDD"); NULL or "" means
 * undated. All pointers are borrowed for the duration of the call. */
typedef struct dyad_doc {
    const char *id;
    const char *date;
    const char *text;
    size_t len;
} dyad_doc;

/* Byte offsets [start, end) into the document text; start = end = -1 when
 * absent. */
typedef struct dyad_span {
    int32_t start, end;
} dyad_span;

/* How the text presents the event. ORDER: keep in step with
 * dyad_modality_str(). */
typedef enum dyad_modality {
    DYAD_ASSERTED = 0,   /* reported as having happened */
    DYAD_FUTURE,         /* announced or scheduled ("will visit") */
    DYAD_NEGATED,        /* "did not attack", "refrained from" */
    DYAD_HYPOTHETICAL,   /* modals, conditionals, questions, speculation */
    DYAD_CLAIM           /* someone's accusation or hedged claim */
} dyad_modality;

DYAD_API const char *dyad_modality_str(dyad_modality m);

/* A coded event. All strings are borrowed: valid only during the callback
 * that receives the event. */
typedef struct dyad_event {
    const char *doc_id;
    int sentence;            /* 0-based sentence index in the document */
    const char *date;        /* the document's date as given, or "" */
    const char *source;      /* actor code, e.g. "USAGOV" */
    const char *target;      /* actor code, or "" when there is none */
    const char *code;        /* CAMEO event code, e.g. "043" */
    dyad_span source_span, verb_span, target_span;
    const char *entry_file;  /* dictionary entry that set the code */
    int entry_line;
    const char *source_file; /* actor entry of the source */
    int source_line;
    const char *target_file; /* actor entry of the target */
    int target_line;
    dyad_modality modality;
    const char *cue;         /* the word that set a non-asserted modality, or "" */
} dyad_event;

/* ---- Coding ------------------------------------------------------------ */

typedef struct dyad_coder dyad_coder;

/* Which events a coder reports. */
typedef struct dyad_code_options {
    int all_modalities;  /* nonzero: also report negated, hypothetical and
                            claimed events (default: asserted and future only) */
    int explain;         /* nonzero: collect a step-by-step trace, read with
                            dyad_coder_explain() */
    int once_per_doc;    /* nonzero: an event (same source, target, code and
                            modality) already reported for this document is not
                            reported again, so a story that repeats its lead does
                            not count twice */
} dyad_code_options;

/* Receives each event. Return nonzero to stop coding the document. */
typedef int (*dyad_event_fn)(void *ctx, const dyad_event *ev);

/* A coder holds the scratch buffers for coding, reused for every sentence.
 * `d` must outlive the coder. opt may be NULL. Returns NULL on out of
 * memory. Free with dyad_coder_free(). */
DYAD_API dyad_coder *dyad_coder_new(const dyad_dict *d, const dyad_code_options *opt);

DYAD_API void dyad_coder_free(dyad_coder *c);

/* Code one document, calling fn for each event in sentence order.
 * Returns DYAD_EINPUT (with err naming the document id) for text that is
 * not valid UTF-8; nothing is coded from such a document. */
DYAD_API dyad_status dyad_coder_code(dyad_coder *c, const dyad_doc *doc,
                                     dyad_event_fn fn, void *ctx, dyad_err *err);

/* Apply one option line to this coder only (the dictionary stays shared):
 * TABARI .options syntax ("SET: CODE BY SENTENCE", "COMPLEX: VERBS[5] CONJ[4]
 * NOACTPRIOR", "SET: CONVERT AGENTS = TRUE") or PETRARCH <Config> syntax
 * ("comma_max = 6"). Returns 0 when understood, -1 otherwise. */
DYAD_API int dyad_coder_option(dyad_coder *c, const char *line);

/* The explanation trace of the last dyad_coder_code() call (explain option
 * on), as text; "" otherwise. Borrowed: valid until the next call. */
DYAD_API const char *dyad_coder_explain(const dyad_coder *c);

/* ---- Codebook ---------------------------------------------------------- */

/* Facts about a CAMEO event code, from the project's codebook table. */
typedef struct dyad_cameo_info {
    const char *code;         /* the code looked up (its nearest listed parent) */
    const char *name;
    double goldstein;
    int quad;                 /* Phoenix QuadClass 0-4 */
    const char *plover_type;  /* "" when PLOVER drops the code */
    const char *plover_mode;
} dyad_cameo_info;

/* Look up a code, falling back to its 3-digit parent and then its root.
 * Returns 0 and fills *info when found, -1 otherwise. Thread-safe. */
DYAD_API int dyad_cameo_lookup(const char *code, dyad_cameo_info *info);

/* ---- Output ------------------------------------------------------------ */

/* Append the event as one JSON object (no newline) to a caller buffer.
 * Writes at most cap bytes including a terminating NUL; returns the length
 * the full text needs (excluding NUL), like snprintf. `extra` is either NULL
 * or a JSON object text (the input document's other fields), written as the
 * member "doc" so that it cannot clash with the event's own fields. Returns
 * SIZE_MAX when memory runs out, which can happen only when cap is too small
 * for a text of more than a few kilobytes (it is written in full elsewhere
 * first, then cut). */
DYAD_API size_t dyad_event_to_json(const dyad_event *ev, const char *extra,
                                   char *buf, size_t cap);

/* ---- Reading documents ----------------------------------------------- */

typedef enum dyad_input_format {
    DYAD_INPUT_AUTO = 0,  /* from the file name and first bytes */
    DYAD_INPUT_JSONL,     /* {"id","date","text",...} one per line */
    DYAD_INPUT_TEXT,      /* the whole file is one document */
    DYAD_INPUT_TABARI,    /* TABARI records: "YYMMDD ID" line, text, blank line */
    DYAD_INPUT_PETRARCH   /* PETRARCH XML <Sentences><Sentence date id><Text> */
} dyad_input_format;

/* One input record. All pointers are borrowed until the next call. */
typedef struct dyad_record {
    dyad_doc doc;
    const char *extra;     /* JSONL: the other members as a JSON object text; else NULL */
    const char *expected;  /* validation suites: expected events, one "SOURCE TARGET CODE"
                              per line; "" when none are given; NULL when not a test record */
    const char *options;   /* validation suites: option switches in the record, or "" */
    int line;              /* line where the record starts */
} dyad_record;

typedef struct dyad_reader dyad_reader;

/* Open a reader over `path` ("-" for standard input). `default_date` is
 * used for documents without one (plain text). Returns NULL with err filled
 * when the file cannot be opened. Free with dyad_reader_close(). */
DYAD_API dyad_reader *dyad_reader_open(const char *path, dyad_input_format fmt,
                                       const char *default_date, dyad_err *err);

/* Next record: 1 and *rec filled; 0 at the end; -1 for a bad record, with
 * err naming the file and line or record id (the reader stays usable: call
 * again for the next record). */
DYAD_API int dyad_reader_next(dyad_reader *r, dyad_record *rec, dyad_err *err);

DYAD_API void dyad_reader_close(dyad_reader *r);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
