/*
 * dict.c -- building the dictionary model: words, phrases, dated codes,
 * verbs and patterns, shared by all readers. Alternatives { a | b } are
 * expanded here, so the coder only ever sees plain patterns.
 */
#include "dict.h"
#include "../tok/tokenize.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>

void dy_dict_diag(dy_dict *d, dy_loc loc, const char *fmt, ...) {
    d->diagnostics++;
    if (!d->opt.diag && !d->opt.cache_dir) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (d->opt.cache_dir) { /* kept for the cache to replay; lost only if memory runs out */
        char *copy = dy_arena_strndup(&d->arena, msg, strlen(msg));
        dy_diag_record r = {loc.file, loc.line, copy};
        if (copy) (void)DY_PUSH(d->diags, d->ndiags, d->capdiags, r);
    }
    if (d->opt.diag)
        d->opt.diag(d->opt.diag_ctx, loc.file < d->nfiles ? d->files[loc.file] : "?", (int)loc.line, msg);
}

uint32_t dy_dict_file(dy_dict *d, const char *path) {
    char *copy = dy_arena_strndup(&d->arena, path, strlen(path));
    if (!copy || DY_PUSH(d->files, d->nfiles, d->capfiles, copy)) return UINT32_MAX;
    return (uint32_t)(d->nfiles - 1);
}

static int is_word_byte(unsigned char c) {
    return c && c != ' ' && c != '\t' && c != '_' && c != '~' && c != '{' && c != '|' &&
           c != '}' && c != '*' && c != '[' && c != ']' && c != '-';
}

int dy_dict_word(dy_dict *d, const char *w, size_t n, dy_elem *out) {
    char buf[256];
    memset(out, 0, sizeof *out);
    if (n && w[n - 1] == '=') { out->noend = 1; out->exact = 1; n--; }
    if (n == 0) return 0;
    if (n > 200) n = 200;
    size_t len = dy_fold(w, n, buf, sizeof buf);
    for (size_t i = 0; i < len; i++) if (buf[i] == '-') buf[i] = '_';
    if (len == 0) return 0;
    out->id = dy_intern_add(&d->words, buf, len);
    if (!out->id) return -1;
    out->kind = DY_EL_WORD;
    return 0;
}

static int find_synset(dy_dict *d, const char *s, size_t n, uint32_t *idx) {
    char buf[256];
    size_t len = dy_fold(s, n < 200 ? n : 200, buf, sizeof buf);
    uint32_t name = dy_intern_find(&d->codes, buf, len);
    if (!name) return -1;
    for (size_t i = d->nsynsets; i-- > 0;)
        if (d->synsets[i].name == name) { *idx = (uint32_t)i; return 0; }
    return -1;
}

/* A character of a word outside patterns: anything but the connectors. */
static int is_plain_word_byte(unsigned char c) {
    return c != ' ' && c != '\t' && c != '_' && c != '~' && c != '-' && c != '[';
}

int dy_dict_phrase(dy_dict *d, const char *s, size_t n, int flags, dy_phrase *out,
                   char *why, size_t whycap) {
    int allow_gaps = flags & DY_PH_GAPS, markers = flags & DY_PH_MARKERS;
    size_t i = 0;
    int adjacent_next = 0;
    out->first = (uint32_t)d->nelems;
    out->n = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '_' || s[i] == '-' || s[i] == '~')) i++;
    while (i < n) {
        dy_elem e;
        memset(&e, 0, sizeof e);
        size_t j = i;
        char c = s[i];
        if (!markers) {
            while (j < n && is_plain_word_byte((unsigned char)s[j])) j++;
            if (j == i) { snprintf(why, whycap, "unexpected '%c'", c); return -1; }
            if (dy_dict_word(d, s + i, j - i, &e)) return -1;
            if (!e.kind) { i = j; continue; }
        } else if (c == '$' || c == '+' || c == '%' || c == '^') {
            e.kind = c == '$' ? DY_EL_SOURCE : c == '+' ? DY_EL_TARGET
                   : c == '%' ? DY_EL_COMPOUND : DY_EL_SKIP;
            j = i + 1;
        } else if (c == '&') {
            size_t k = i + 1;
            while (k < n && (is_word_byte((unsigned char)s[k]) || s[k] == '_')) k++;
            /* longest declared name, shrinking at '_' */
            for (;;) {
                uint32_t idx;
                if (find_synset(d, s + i, k - i, &idx) == 0) { e.kind = DY_EL_SYNSET; e.id = idx; break; }
                while (k > i + 1 && s[k - 1] != '_') k--;
                if (k <= i + 1) break;
                k--; /* drop the '_' */
            }
            if (e.kind != DY_EL_SYNSET) {
                snprintf(why, whycap, "synset '%.*s' is not declared", (int)(n - i < 40 ? n - i : 40), s + i);
                return -1;
            }
            j = k;
        } else if (is_word_byte((unsigned char)c)) {
            while (j < n && is_word_byte((unsigned char)s[j])) j++;
            if (dy_dict_word(d, s + i, j - i, &e)) return -1;
            if (!e.kind) { i = j; continue; }
        } else {
            snprintf(why, whycap, "unexpected '%c'", c);
            return -1;
        }
        /* the connector after the element */
        size_t k = j;
        int underscore_first = k < n && (s[k] == '_' || s[k] == '-');
        int saw_space = 0;
        while (k < n && (s[k] == '_' || s[k] == '-' || s[k] == '~' || s[k] == ' ' || s[k] == '\t')) {
            if (s[k] == ' ' || s[k] == '\t') saw_space = 1;
            k++;
        }
        if (e.kind == DY_EL_WORD && underscore_first) e.exact = 1;
        e.adjacent = (uint8_t)(out->n > 0 && adjacent_next);
        adjacent_next = !allow_gaps || !saw_space;
        if (DY_PUSH(d->elems, d->nelems, d->capelems, e)) return -1;
        if (out->n == UINT16_MAX) { snprintf(why, whycap, "phrase too long"); return -1; }
        out->n++;
        i = k;
    }
    return 0;
}

int dy_dict_add_actor(dy_dict *d, dy_phrase ph, const dy_dated_code *codes, size_t n, dy_loc loc) {
    dy_actor a;
    a.ph = ph;
    a.codes_first = (uint32_t)d->ndated;
    a.ncodes = (uint16_t)n;
    a.loc = loc;
    a.undated = n == 1 && codes[0].from == 0 && codes[0].to == 99999999 ? codes[0].code : DY_NOT_UNDATED;
    for (size_t i = 0; i < n; i++)
        if (DY_PUSH(d->dated, d->ndated, d->capdated, codes[i])) return -1;
    return DY_PUSH(d->actors, d->nactors, d->capactors, a);
}

/* A dictionary date ("950601", "19950601", blanks allowed); *ok = 0 when it is not one. */
static int32_t parse_date(const char *s, size_t n, int *ok) {
    int32_t v = dy_parse_date(s, n, " \t");
    if (v < 0) *ok = 0;
    return v < 0 ? 0 : v;
}

int dy_dict_dated_code(dy_dict *d, const char *s, size_t n, dy_dated_code *out) {
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    size_t i = 0;
    while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '<' && s[i] != '>') i++;
    out->from = 0;
    out->to = 99999999;
    /* a code that is only a date ("[950601-990815]") has no code: reject */
    if (i == 0 && n && (isdigit((unsigned char)s[0]))) return -1;
    char buf[64];
    size_t len = dy_fold(s, i < 60 ? i : 60, buf, sizeof buf);
    if (len == 0 && i == 0) return -1;
    for (size_t k = 0; k < len; k++)
        if (!(isalnum((unsigned char)buf[k]) || buf[k] == '-' || buf[k] == '#' || buf[k] == '/' ||
              buf[k] == '~' || buf[k] == '+' || buf[k] == '*' || buf[k] == '!' || buf[k] == '?' ||
              buf[k] == '_' || buf[k] == ':'))
            return -1;
    out->code = dy_intern_add(&d->codes, buf, len);
    if (!out->code) return -1;
    const char *r = s + i;
    size_t rn = n - i;
    while (rn && (*r == ' ' || *r == '\t')) { r++; rn--; }
    if (!rn) return 0;
    int ok = 1;
    if (*r == '<') {
        out->to = parse_date(r + 1, rn - 1, &ok) - (d->opt.before_inclusive ? 0 : 1);
    } else if (*r == '>') {
        out->from = parse_date(r + 1, rn - 1, &ok);
    } else {
        const char *dash = memchr(r, '-', rn);
        if (!dash) return -1;
        out->from = parse_date(r, (size_t)(dash - r), &ok);
        out->to = parse_date(dash + 1, rn - (size_t)(dash - r) - 1, &ok);
    }
    return ok ? 0 : -1;
}

uint32_t dy_dict_verb(dy_dict *d, const char *name, size_t n, dy_loc loc) {
    char buf[256];
    size_t len = dy_fold(name, n < 200 ? n : 200, buf, sizeof buf);
    uint32_t id = dy_intern_add(&d->codes, buf, len);
    if (!id) return UINT32_MAX;
    if (id >= d->nverb_by_name) {
        size_t cap = d->nverb_by_name;
        if (DY_GROW(d->verb_by_name, cap, (size_t)id + 1)) return UINT32_MAX;
        memset(d->verb_by_name + d->nverb_by_name, 0, (cap - d->nverb_by_name) * sizeof(uint32_t));
        d->nverb_by_name = cap;
    }
    if (d->verb_by_name[id]) return d->verb_by_name[id] - 1;
    dy_verb v;
    memset(&v, 0, sizeof v);
    v.name = id;
    v.loc = loc;
    if (DY_PUSH(d->verbs, d->nverbs, d->capverbs, v)) return UINT32_MAX;
    d->verb_by_name[id] = (uint32_t)d->nverbs;
    return (uint32_t)(d->nverbs - 1);
}

int dy_dict_vcode(dy_dict *d, const char *s, size_t n, dy_vcode *out) {
    memset(out, 0, sizeof *out);
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    char buf[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 63; i++) if (s[i] != ' ' && s[i] != '\t') buf[k++] = s[i];
    buf[k] = 0;
    if (k == 0) return -1;
    if (strcmp(buf, "---") == 0) { out->flags = DY_VF_NULL; return 0; }
    if (strcmp(buf, "###") == 0) { out->flags = DY_VF_DISCARD; return 0; }
    if (strcmp(buf, "+++") == 0) { out->flags = DY_VF_COMPLEX; return 0; }
    if (buf[k - 1] == '!') { out->flags |= DY_VF_DOMINANT; buf[--k] = 0; }
    else if (buf[k - 1] == '?') { out->flags |= DY_VF_SUBORDINATE; buf[--k] = 0; }
    char *colon = strchr(buf, ':');
    size_t l1 = colon ? (size_t)(colon - buf) : k;
    for (size_t i = 0; i < k; i++)
        if (!isalnum((unsigned char)buf[i]) && buf[i] != ':' && buf[i] != '-') return -1;
    if (l1 == 0) return -1;
    out->code = dy_intern_add(&d->codes, buf, l1);
    if (colon) {
        size_t l2 = k - l1 - 1;
        if (l2 == 0) return -1;
        out->code2 = dy_intern_add(&d->codes, colon + 1, l2);
    }
    return 0;
}

/* The length of a phrase for ordering: letters of its fixed words. */
static uint16_t phrase_letters(const dy_dict *d, dy_phrase ph) {
    size_t total = 0;
    for (uint32_t i = 0; i < ph.n; i++) {
        const dy_elem *e = &d->elems[ph.first + i];
        if (e->kind == DY_EL_WORD) total += d->words.len[e->id];
        else if (e->kind == DY_EL_SYNSET) total += 4;
    }
    return (uint16_t)(total > 60000 ? 60000 : total);
}

static int add_plain_pattern(dy_dict *d, uint32_t verb, const char *s, size_t n, dy_vcode vc,
                             dy_loc loc, char *why, size_t whycap) {
    const char *star = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '*') {
            if (star) { snprintf(why, whycap, "pattern has more than one '*'"); return -1; }
            star = s + i;
        }
    if (!star) { snprintf(why, whycap, "pattern has no '*' (verb position)"); return -1; }
    dy_pattern p;
    memset(&p, 0, sizeof p);
    p.verb = verb;
    p.vc = vc;
    p.loc = loc;
    /* before the star: parse in text order, then reverse in place */
    size_t pre = (size_t)(star - s);
    int adjacent_to_verb = pre > 0 && s[pre - 1] == '_';
    if (dy_dict_phrase(d, s, pre, DY_PH_GAPS | DY_PH_MARKERS, &p.before, why, whycap)) return -1;
    /* the connector after the last element before the star */
    if (p.before.n) {
        /* reverse: nearest first; adjacency moves to "adjacent to previous in matching order" */
        dy_elem *e = d->elems + p.before.first;
        size_t m = p.before.n;
        uint8_t adj[1024];
        if (m > 1024) { snprintf(why, whycap, "pattern too long"); return -1; }
        for (size_t i = 0; i < m; i++) adj[i] = e[i].adjacent; /* adjacent to element i-1 */
        for (size_t i = 0; i < m / 2; i++) { dy_elem t = e[i]; e[i] = e[m - 1 - i]; e[m - 1 - i] = t; }
        /* after reversal, element r = m-1-i; it is adjacent to the one matched before it
         * (r-1 = text element i+1) iff text element i+1 was adjacent to i */
        for (size_t r = 0; r < m; r++) {
            size_t i = m - 1 - r;
            e[r].adjacent = (uint8_t)(r == 0 ? adjacent_to_verb : adj[i + 1]);
        }
    }
    size_t post = (size_t)(star - s) + 1;
    int verb_adjacent = post < n && (s[post] == '_' || (s[post] == '~' && post + 1 < n && s[post + 1] == '_'));
    if (dy_dict_phrase(d, star + 1, n - post, DY_PH_GAPS | DY_PH_MARKERS, &p.after, why, whycap)) return -1;
    if (p.after.n) d->elems[p.after.first].adjacent = (uint8_t)verb_adjacent;
    p.length = (uint16_t)(phrase_letters(d, p.before) + phrase_letters(d, p.after));
    return DY_PUSH(d->patterns, d->npatterns, d->cappatterns, p);
}

/* Expand the first { a | b | ... } group and recurse. */
static int expand_alternatives(dy_dict *d, uint32_t verb, const char *s, size_t n, dy_vcode vc,
                               dy_loc loc, char *why, size_t whycap, int depth) {
    const char *open = memchr(s, '{', n);
    if (!open) return add_plain_pattern(d, verb, s, n, vc, loc, why, whycap);
    if (depth > 6) { snprintf(why, whycap, "too many alternative groups"); return -1; }
    const char *close = memchr(open, '}', n - (size_t)(open - s));
    if (!close) { snprintf(why, whycap, "'{' without '}'"); return -1; }
    char buf[2048];
    const char *alt = open + 1;
    for (;;) {
        const char *bar = alt;
        while (bar < close && *bar != '|') bar++;
        const char *a = alt, *b = bar;
        while (a < b && (*a == ' ' || *a == '\t')) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
        size_t pre = (size_t)(open - s), mid = (size_t)(b - a), post = n - (size_t)(close + 1 - s);
        if (pre + mid + post + 2 >= sizeof buf) { snprintf(why, whycap, "pattern too long"); return -1; }
        memcpy(buf, s, pre);
        memcpy(buf + pre, a, mid);
        memcpy(buf + pre + mid, close + 1, post);
        if (expand_alternatives(d, verb, buf, pre + mid + post, vc, loc, why, whycap, depth + 1))
            return -1;
        if (bar >= close) break;
        alt = bar + 1;
    }
    return 0;
}

int dy_dict_add_pattern(dy_dict *d, uint32_t verb, const char *s, size_t n, dy_vcode vc, dy_loc loc,
                        char *why, size_t whycap) {
    return expand_alternatives(d, verb, s, n, vc, loc, why, whycap, 0);
}
