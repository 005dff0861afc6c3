/*
 * json.c -- writes a coded event as one JSON object, with codebook facts
 * (quad, goldstein, plover) and the dictionary entries that produced it.
 * Hand-written for speed on the output path; strings are escaped per RFC 8259.
 */
#include "../dyadInt.h"
#include "../util/swar.h"

#include <stdio.h>

typedef struct jbuf {
    char *p;
    size_t cap, len;
} jbuf;

/* Append n bytes (counted even when they do not fit). The usual case, all of
 * them fitting, is a memcpy of n alone, so a literal's copy is inlined. */
static inline void put(jbuf *b, const char *s, size_t n) {
    if (b->len + n <= b->cap) memcpy(b->p + b->len, s, n);
    else if (b->len < b->cap) memcpy(b->p + b->len, s, b->cap - b->len);
    b->len += n;
}

static void puts_(jbuf *b, const char *s) { put(b, s, strlen(s)); }

/* Short strings (codes, ids, dates, names) are copied and checked in one
 * pass, straight into the buffer; longer ones, or any that need escaping,
 * take the word-at-a-time scan below. */
#define SHORT_STR 24

/* 1 for the bytes a JSON string cannot hold as they are. */
static const unsigned char needs_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1};

static void put_str(jbuf *b, const char *s) {
    size_t n = strlen(s);
    if (n <= SHORT_STR && b->len + SHORT_STR + 2 <= b->cap) {
        char *o = b->p + b->len;
        o[0] = '"';
        size_t i = 0;
        for (; i < n; i++) {
            unsigned char ch = (unsigned char)s[i];
            if (needs_escape[ch]) break;
            o[i + 1] = (char)ch;
        }
        if (i == n) {
            o[n + 1] = '"';
            b->len += n + 2;
            return;
        }
    }
    put(b, "\"", 1);
    const char *run = s;
    const char *end = s + n;
    for (; *s; s++) {
        s = dy_json_skip_plain(s, end); /* a NUL is a control byte */
        if (!*s) break;
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
        put(b, run, (size_t)(s - run));
        char esc[8];
        switch (ch) {
        case '"': put(b, "\\\"", 2); break;
        case '\\': put(b, "\\\\", 2); break;
        case '\n': put(b, "\\n", 2); break;
        case '\t': put(b, "\\t", 2); break;
        case '\r': put(b, "\\r", 2); break;
        default: snprintf(esc, sizeof esc, "\\u%04x", ch); put(b, esc, 6); break;
        }
        run = s + 1;
    }
    put(b, run, (size_t)(s - run));
    put(b, "\"", 1);
}

/* ,"key": with the length known at compile time (keys are literals) */
#define PUT_KEY(b, k) put((b), ",\"" k "\":", sizeof(",\"" k "\":") - 1)

/* "00" "01" ... "99": two digits a step. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static void put_int(jbuf *b, long v) {
    char tmp[24];
    char *end = tmp + sizeof tmp, *o = end;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    while (u >= 100) {
        unsigned long r = u % 100;
        u /= 100;
        o -= 2;
        memcpy(o, digit_pairs + 2 * r, 2);
    }
    if (u >= 10) { o -= 2; memcpy(o, digit_pairs + 2 * u, 2); }
    else *--o = (char)('0' + u);
    if (v < 0) *--o = '-';
    put(b, o, (size_t)(end - o));
}

static inline void put_span(jbuf *b, const char *key, dyad_span s) {
    put(b, key, strlen(key));
    if (s.start < 0) { puts_(b, "null"); return; }
    put(b, "[", 1);
    put_int(b, s.start);
    put(b, ",", 1);
    put_int(b, s.end);
    put(b, "]", 1);
}

static inline void put_entry(jbuf *b, const char *key, const char *file, int line) {
    put(b, key, strlen(key));
    if (!file || !*file) { puts_(b, "null"); return; }
    /* "file:line": file names need no escaping in practice, but go through put_str anyway */
    size_t n0 = b->len;
    put_str(b, file);
    if (b->len > n0) b->len--; /* reopen the string to append ":line" */
    put(b, ":", 1);
    put_int(b, line);
    put(b, "\"", 1);
}

size_t dyad_event_to_json(const dyad_event *ev, const char *extra, char *buf, size_t cap) {
    jbuf b = {buf, cap ? cap - 1 : 0, 0};
    puts_(&b, "{\"id\":");
    put_str(&b, ev->doc_id ? ev->doc_id : "");
    PUT_KEY(&b, "sentence");
    put_int(&b, ev->sentence);
    PUT_KEY(&b, "date");
    put_str(&b, ev->date ? ev->date : "");
    PUT_KEY(&b, "source");
    put_str(&b, ev->source ? ev->source : "");
    PUT_KEY(&b, "target");
    put_str(&b, ev->target ? ev->target : "");
    PUT_KEY(&b, "code");
    put_str(&b, ev->code ? ev->code : "");
    char root[3] = {0};
    if (ev->code && ev->code[0] && ev->code[1]) { root[0] = ev->code[0]; root[1] = ev->code[1]; }
    PUT_KEY(&b, "root");
    put_str(&b, root);
    dyad_cameo_info info;
    if (ev->code && dyad_cameo_lookup(ev->code, &info) == 0) {
        PUT_KEY(&b, "quad");
        put_int(&b, info.quad);
        PUT_KEY(&b, "goldstein");
        /* one decimal, as the codebook has it */
        long tenths = (long)(info.goldstein * 10.0 + (info.goldstein < 0 ? -0.5 : 0.5));
        if (tenths < 0) { put(&b, "-", 1); tenths = -tenths; }
        put_int(&b, tenths / 10);
        put(&b, ".", 1);
        put_int(&b, tenths % 10);
        PUT_KEY(&b, "plover");
        put_str(&b, info.plover_type);
        PUT_KEY(&b, "plover_mode");
        put_str(&b, info.plover_mode);
    }
    PUT_KEY(&b, "modality");
    put_str(&b, dyad_modality_str(ev->modality));
    if (ev->cue && *ev->cue) { PUT_KEY(&b, "cue"); put_str(&b, ev->cue); }
    put_span(&b, ",\"source_span\":", ev->source_span);
    put_span(&b, ",\"verb_span\":", ev->verb_span);
    put_span(&b, ",\"target_span\":", ev->target_span);
    put_entry(&b, ",\"entry\":", ev->entry_file, ev->entry_line);
    put_entry(&b, ",\"source_entry\":", ev->source_file, ev->source_line);
    put_entry(&b, ",\"target_entry\":", ev->target_file, ev->target_line);
    if (extra) {
        /* the input document's other fields, kept as they came, under "doc" so that
         * none can clash with an event field (a feed's own "source", say) */
        const char *o = strchr(extra, '{'), *e = strrchr(extra, '}');
        if (o && e && e > o) {
            PUT_KEY(&b, "doc");
            put(&b, o, (size_t)(e - o + 1));
        }
    }
    put(&b, "}", 1);
    if (cap) buf[b.len < cap ? b.len : cap - 1] = 0;
    return b.len;
}
