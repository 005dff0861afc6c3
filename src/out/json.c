/*
 * json.c -- writes a coded event as one JSON object, with codebook facts
 * (quad, goldstein, plover) and the dictionary entries that produced it.
 * Hand-written for speed on the output path; strings are escaped per RFC 8259.
 */
#include "../dyadInt.h"
#include "../util/swar.h"

#include <pthread.h>

/* The writers below store without bounds checks: dyad_event_to_json first
 * bounds the text (event_text_of) and gives them a buffer that holds it. They
 * store in fixed-size pieces (eight string bytes, a number's 24), so a buffer
 * also has SLACK bytes past the bound for the last piece's overshoot. */
#define SLACK 32

/* 1 for the bytes a JSON string cannot hold as they are. */
static const unsigned char needs_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1};

/* n bytes, n usually a literal's length known at compile time. */
static inline char *put(char *o, const char *s, size_t n) {
    memcpy(o, s, n);
    return o + n;
}

/* ,"key": with the length known at compile time (keys are literals) */
#define PUT_KEY(o, k) put((o), ",\"" k "\":", sizeof(",\"" k "\":") - 1)

/* The escape of one byte that needs it (at most six bytes). */
static char *put_escape(char *o, unsigned char ch) {
    static const char hex[] = "0123456789abcdef";
    *o++ = '\\';
    switch (ch) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\n': *o++ = 'n'; break;
    case '\t': *o++ = 't'; break;
    case '\r': *o++ = 'r'; break;
    default: o = put(o, "u00", 3); *o++ = hex[ch >> 4]; *o++ = hex[ch & 15]; break;
    }
    return o;
}

/* The n bytes at s as a JSON string's contents (no quotes): plain runs
 * eight bytes a step; a last run under eight read and written as two
 * overlapping halves (so no load leaves the string); escapes byte by byte. */
static char *put_chars(char *o, const char *s, size_t n) {
    const char *end = s + n;
    while (end - s >= 8) {
        if (!dy_json_special8(s)) { memcpy(o, s, 8); o += 8; s += 8; continue; }
        const char *at = dy_json_skip_plain(s, end); /* within these eight */
        memcpy(o, s, 8);                             /* the bytes before `at` are what counts */
        o += at - s;
        o = put_escape(o, (unsigned char)*at);
        s = at + 1;
    }
    size_t r = (size_t)(end - s);
    if (r >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, end - 4, 4);
        if (!dy_json_special_word(lo | (uint64_t)hi << 32)) {
            memcpy(o, &lo, 4);
            memcpy(o + r - 4, &hi, 4);
            return o + r;
        }
    } else if (r) {
        /* bytes 0, r/2 and r-1 are all of them; the rest of the word is spaces */
        unsigned char b0 = (unsigned char)s[0], b1 = (unsigned char)s[r / 2], b2 = (unsigned char)s[r - 1];
        uint64_t w = 0x2020202020000000ull | b0 | (uint64_t)b1 << 8 | (uint64_t)b2 << 16;
        if (!dy_json_special_word(w)) {
            o[0] = (char)b0; o[r / 2] = (char)b1; o[r - 1] = (char)b2;
            return o + r;
        }
    }
    for (; s < end; s++) {
        unsigned char ch = (unsigned char)*s;
        if (needs_escape[ch]) o = put_escape(o, ch);
        else *o++ = (char)ch;
    }
    return o;
}

static char *put_str(char *o, const char *s, size_t n) {
    *o++ = '"';
    o = put_chars(o, s, n);
    *o++ = '"';
    return o;
}

/* "00" "01" ... "99": two digits a step. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* At most 20 bytes; stores 24 (one fixed-size copy). Offsets and line
 * numbers, the usual numbers, have one to four digits: written directly. */
static char *put_int(char *o, long v) {
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    if (v < 0) *o++ = '-';
    if (u < 100) {
        if (u < 10) { *o = (char)('0' + u); return o + 1; }
        memcpy(o, digit_pairs + 2 * u, 2);
        return o + 2;
    }
    if (u < 10000) {
        unsigned long hi = u / 100, lo = u % 100;
        if (hi < 10) *o++ = (char)('0' + hi);
        else { memcpy(o, digit_pairs + 2 * hi, 2); o += 2; }
        memcpy(o, digit_pairs + 2 * lo, 2);
        return o + 2;
    }
    char tmp[48];
    char *end = tmp + 24, *p = end;
    while (u >= 100) {
        unsigned long r = u % 100;
        u /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * r, 2);
    }
    if (u >= 10) { p -= 2; memcpy(p, digit_pairs + 2 * u, 2); }
    else *--p = (char)('0' + u);
    memcpy(o, p, 24);
    return o + (end - p);
}

static char *put_span(char *o, const char *key, size_t keylen, dyad_span s) {
    o = put(o, key, keylen);
    if (s.start < 0) return put(o, "null", 4);
    *o++ = '[';
    o = put_int(o, s.start);
    *o++ = ',';
    o = put_int(o, s.end);
    *o++ = ']';
    return o;
}
#define PUT_SPAN(o, k, s) put_span((o), ",\"" k "\":", sizeof(",\"" k "\":") - 1, (s))

/* "file:line", or null without a file */
static char *put_entry(char *o, const char *key, size_t keylen, const char *file, size_t n, int line) {
    o = put(o, key, keylen);
    if (!n) return put(o, "null", 4);
    *o++ = '"';
    o = put_chars(o, file, n);
    *o++ = ':';
    o = put_int(o, line);
    *o++ = '"';
    return o;
}
#define PUT_ENTRY(o, k, file, n, line) put_entry((o), ",\"" k "\":", sizeof(",\"" k "\":") - 1, file, n, line)

/* An event's strings with their lengths, read once. */
typedef struct event_text {
    const char *id, *date, *source, *target, *code, *cue, *entry, *source_entry, *target_entry, *doc;
    size_t id_n, date_n, source_n, target_n, code_n, cue_n, entry_n, source_entry_n, target_entry_n, doc_n;
    const char *facts; /* the code's codebook members (code_facts), or NULL */
    size_t facts_n;
} event_text;

/* A codebook row's members, from "quad" to "plover_mode": the same for every
 * event of its code, so written once for all rows, when first needed. */
typedef struct facts_text {
    char *text;
    size_t n;
} facts_text;

static facts_text *facts;
static pthread_once_t facts_once = PTHREAD_ONCE_INIT;
static int facts_ready; /* set when write_facts() is done: the usual call skips pthread_once */

static void write_facts(void) {
    size_t nrows = dy_cameo_nrows();
    facts = calloc(nrows ? nrows : 1, sizeof *facts);
    for (size_t i = 0; facts && i < nrows; i++) {
        dyad_cameo_info info;
        dy_cameo_row(i, &info);
        size_t pn = strlen(info.plover_type), mn = strlen(info.plover_mode);
        char *o = facts[i].text = malloc(128 + 6 * (pn + mn) + SLACK); /* keys, two numbers, two strings */
        if (!o) continue;
        o = PUT_KEY(o, "quad");
        o = put_int(o, info.quad);
        o = PUT_KEY(o, "goldstein");
        /* one decimal, as the codebook has it */
        double g = info.goldstein;
        long tenths = (long)(g * 10.0 + (g < 0 ? -0.5 : 0.5));
        if (tenths < 0) { *o++ = '-'; tenths = -tenths; }
        o = put_int(o, tenths / 10);
        *o++ = '.';
        o = put_int(o, tenths % 10);
        o = PUT_KEY(o, "plover");
        o = put_str(o, info.plover_type, pn);
        o = PUT_KEY(o, "plover_mode");
        o = put_str(o, info.plover_mode, mn);
        facts[i].n = (size_t)(o - facts[i].text);
    }
    __atomic_store_n(&facts_ready, 1, __ATOMIC_RELEASE);
}

/* The codebook members of a code of n bytes (its own row's, else its
 * parent's or root's), or NULL when it has none or memory ran out. */
static const facts_text *code_facts(const char *code, size_t n) {
    if (!__atomic_load_n(&facts_ready, __ATOMIC_ACQUIRE)) pthread_once(&facts_once, write_facts);
    long row = dy_cameo_find(code, n);
    return row >= 0 && facts && facts[row].text ? &facts[row] : NULL;
}

static const char *or_empty(const char *s, size_t *n) {
    s = s ? s : "";
    *n = strlen(s);
    return s;
}

/* Everything but the strings and the codebook members: keys and punctuation
 * (about 200 bytes), nine numbers of at most 20 bytes, the modality's name;
 * with room to spare. */
#define FIXED_BOUND 1024

/* The lengths of ev's strings, and a bound on the JSON text: a string byte
 * takes at most six (\u00XX), the document's fields are copied as they are. */
static size_t event_text_of(const dyad_event *ev, const char *extra, event_text *t) {
    t->id = or_empty(ev->doc_id, &t->id_n);
    t->date = or_empty(ev->date, &t->date_n);
    t->source = or_empty(ev->source, &t->source_n);
    t->target = or_empty(ev->target, &t->target_n);
    t->code = or_empty(ev->code, &t->code_n);
    t->cue = or_empty(ev->cue, &t->cue_n);
    t->entry = or_empty(ev->entry_file, &t->entry_n);
    t->source_entry = or_empty(ev->source_file, &t->source_entry_n);
    t->target_entry = or_empty(ev->target_file, &t->target_entry_n);
    const facts_text *f = code_facts(t->code, t->code_n);
    t->facts = f ? f->text : NULL;
    t->facts_n = f ? f->n : 0;
    t->doc = NULL;
    t->doc_n = 0;
    if (extra) {
        /* the input document's other fields, kept as they came, under "doc" so that
         * none can clash with an event field (a feed's own "source", say) */
        const char *o = strchr(extra, '{'), *e = strrchr(extra, '}');
        if (o && e && e > o) { t->doc = o; t->doc_n = (size_t)(e - o + 1); }
    }
    size_t strings = t->id_n + t->date_n + t->source_n + t->target_n + 2 * t->code_n + t->cue_n + t->entry_n +
                     t->source_entry_n + t->target_entry_n;
    return FIXED_BOUND + 6 * strings + t->facts_n + t->doc_n;
}

/* The event's JSON at o, which has room for the bound and SLACK; returns its end. */
static char *write_event(char *o, const dyad_event *ev, const event_text *t) {
    o = put(o, "{\"id\":", 6);
    o = put_str(o, t->id, t->id_n);
    o = PUT_KEY(o, "sentence");
    o = put_int(o, ev->sentence);
    o = PUT_KEY(o, "date");
    o = put_str(o, t->date, t->date_n);
    o = PUT_KEY(o, "source");
    o = put_str(o, t->source, t->source_n);
    o = PUT_KEY(o, "target");
    o = put_str(o, t->target, t->target_n);
    o = PUT_KEY(o, "code");
    o = put_str(o, t->code, t->code_n);
    o = PUT_KEY(o, "root");
    o = put_str(o, t->code, t->code_n >= 2 ? 2 : 0);
    if (t->facts) o = put(o, t->facts, t->facts_n);
    o = PUT_KEY(o, "modality");
    const char *modality = dyad_modality_str(ev->modality);
    o = put_str(o, modality, strlen(modality));
    if (t->cue_n) { o = PUT_KEY(o, "cue"); o = put_str(o, t->cue, t->cue_n); }
    o = PUT_SPAN(o, "source_span", ev->source_span);
    o = PUT_SPAN(o, "verb_span", ev->verb_span);
    o = PUT_SPAN(o, "target_span", ev->target_span);
    o = PUT_ENTRY(o, "entry", t->entry, t->entry_n, ev->entry_line);
    o = PUT_ENTRY(o, "source_entry", t->source_entry, t->source_entry_n, ev->source_line);
    o = PUT_ENTRY(o, "target_entry", t->target_entry, t->target_entry_n, ev->target_line);
    if (t->doc) {
        o = PUT_KEY(o, "doc");
        o = put(o, t->doc, t->doc_n);
    }
    *o++ = '}';
    return o;
}

size_t dyad_event_to_json(const dyad_event *ev, const char *extra, char *buf, size_t cap) {
    event_text t;
    size_t bound = event_text_of(ev, extra, &t);
    if (cap > bound + SLACK) { /* the usual case: straight into the caller's buffer */
        size_t n = (size_t)(write_event(buf, ev, &t) - buf);
        buf[n] = 0;
        return n;
    }
    /* a buffer that may be too small: write in full elsewhere, then cut */
    char local[4096];
    char *tmp = bound + SLACK < sizeof local ? local : malloc(bound + SLACK);
    if (!tmp) return SIZE_MAX;
    size_t n = (size_t)(write_event(tmp, ev, &t) - tmp);
    if (cap) {
        size_t keep = n < cap ? n : cap - 1;
        memcpy(buf, tmp, keep);
        buf[keep] = 0;
    }
    if (tmp != local) free(tmp);
    return n;
}
