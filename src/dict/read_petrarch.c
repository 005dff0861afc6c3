/*
 * read_petrarch.c -- readers for PETRARCH-1 and PETRARCH-2 dictionaries
 * (verbs, actors, agents, discards, issues) and for a PETRARCH config.ini.
 * Each reader resolves its dialect into the model of dict.h, the one the
 * TABARI readers fill; every line is either used or reported as a diagnostic
 * with file:line. Only dy_load_petrarch_config() opens files.
 *
 * Lexical rules, all files
 *   - '#' and ';' start a comment except inside [...] (so [###] is a code);
 *     "<!-- ... -->" is a comment and may span lines; so is a line whose
 *     text starts with "<!".
 *   - PETRARCH matches whole words, never stems: every word read here is
 *     exact (dy_elem.exact = 1). The variants PETRARCH generates itself
 *     (regular verb forms, synset and agent plurals, issue n:/v: forms) are
 *     generated here as separate phrases, and where PETRARCH allows no other
 *     form the words take no regular endings either (noend = 1: verb forms,
 *     issues, agents with a '{...}' plural list). Actors and other agents
 *     keep the coder's noun endings (noend = 0), because PETRARCH's parser
 *     splits the possessive 's off a noun and dyad's tokenizer does not.
 *   - In a noun phrase (actor, agent, synset member, discard, issue) blanks
 *     and '_' both join words, which must be adjacent in the text.
 *
 * Mapping of verbs into dict.h
 *   - A '--- NAME [code] ---' block is one dy_verb (blocks of one name are
 *     merged, as PETRARCH-2 keys patterns by name); each form is a dy_vform.
 *     A form with a code of its own goes to a verb "NAME [CODE]" holding a
 *     copy of the block's patterns (dy_vform has no code of its own).
 *   - A pattern is rewritten in TABARI syntax (see convert_pattern) and added
 *     with dy_dict_add_pattern; "[:CODE]" gives code 0 and code2 CODE.
 *   - '~' transformations are approximated by patterns (verbs_transform).
 *   - A file in PETRARCH-2 syntax sets dy_dict.set.petrarch2 (load.c turns that into the
 *     PETRARCH-2 reading of [A:B] unless the caller chose otherwise).
 *
 * Grammars (upper case: terminals described in the comment of the parser)
 *   verbs     -> { synset | block | transform }
 *   synset    -> '&' NAME NL { '+' MEMBER NL }
 *   block     -> '---' NAME { '[' vcode ']' } [ '---' ] NL { form | pattern | synset }
 *   form      -> WORDS [ '{' { FORM [','] } '}' ] [ '[' vcode ']' ] NL
 *   pattern   -> '-' { element } '[' vcode ']' NL
 *   element   -> WORD | WORD '/' WORD | '*' | '$' | '+' | '%' | '^' | '&'NAME
 *              | '{' WORD { WORD } '}' | '(' WORD { element } ')' | '{' ALT { '|' ALT } '}'
 *   transform -> '~' VAR '(' ARG ARG VERB ')' VERB '=' VAR VAR CODE NL
 *   actors    -> { entry } [ '---STOP---' ]
 *   entry     -> PHRASE { cblock } NL { '+' PHRASE NL } { cblock { cblock } NL }
 *   cblock    -> '[' CODE [ '<' DATE | '>' DATE | DATE '-' DATE | DATE ] ']'
 *   agents    -> { '!' NAME '!' '=' ITEM { ',' ITEM } NL | PHRASE [ '{' { PHRASE } '}' ] '[' acode ']' NL }
 *   discards  -> { [ '+' ] PHRASE NL }
 *   issues    -> { '<ISSUE' ATTRS '>' | '</ISSUE>' | ('~' | '~~') FORMS | FORMS { '[' CODE ']' [ FORMS ] } NL }
 *   config    -> { '[' SECTION ']' | KEY ('=' | ':') VALUE { NL BLANK VALUE } }
 */
#include "dict.h"
#include "../tok/tokenize.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>

#define NONE UINT32_MAX
#define LINE_CAP 8192

/* ---- reading lines ---- */

typedef struct petr {
    dy_dict *d;
    const char *path;
    uint32_t file;
    const char *p, *end;
    uint32_t lineno;
    int gap;             /* an empty line came before the line returned */
    int in_xml;          /* inside a "<!-- ... -->" that spans lines */
    uint32_t xml_line;   /* where it opened */
    char why[256];
    char buf[LINE_CAP];
} petr;

static void diag(petr *r, const char *fmt, ...) DY_PRINTF(2, 3);
static void diag(petr *r, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dy_loc loc = {r->file, r->lineno};
    dy_dict_diag(r->d, loc, "%s", msg);
}

static int petr_open(petr *r, dy_dict *d, const char *path, const char *text, size_t len) {
    memset(r, 0, offsetof(petr, buf));
    r->d = d;
    r->path = path;
    r->p = text;
    r->end = text + len;
    r->file = dy_dict_file(d, path);
    return r->file == UINT32_MAX ? -1 : 0;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static void trim(const char **s, size_t *n) {
    while (*n && is_blank(**s)) { (*s)++; (*n)--; }
    while (*n && (is_blank((*s)[*n - 1]) || (*s)[*n - 1] == '\r')) (*n)--;
}

static const char *find_str(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0) return s + i;
    return NULL;
}

/* The next line with its comments removed, trimmed and not empty; 0 at the
 * end. The text lives in r->buf until the next call. */
static int next_line(petr *r, const char **out, size_t *outn) {
    r->gap = 0;
    while (r->p < r->end) {
        const char *s = r->p;
        const char *nl = memchr(s, '\n', (size_t)(r->end - s));
        size_t n = (size_t)((nl ? nl : r->end) - s);
        r->p = nl ? nl + 1 : r->end;
        r->lineno++;
        size_t w = 0;
        while (w < n && (is_blank(s[w]) || s[w] == '\r')) w++;
        if (w == n && !r->in_xml) { r->gap = 1; continue; }
        if (r->in_xml) {
            const char *close = find_str(s, n, "-->");
            if (!close) continue;
            r->in_xml = 0;
            n -= (size_t)(close + 3 - s);
            s = close + 3;
        }
        if (n >= LINE_CAP) { diag(r, "line longer than %d bytes", LINE_CAP - 1); continue; }
        memcpy(r->buf, s, n);
        r->buf[n] = 0;
        for (size_t i = 0; i < n; i++) if (r->buf[i] == 0) r->buf[i] = ' ';
        /* <!-- ... --> comments */
        for (;;) {
            char *lt = strstr(r->buf, "<!");
            if (!lt) break;
            char *close = strstr(lt + 2, "-->");
            if (close) { memmove(lt, close + 3, strlen(close + 3) + 1); continue; }
            if (strncmp(lt, "<!--", 4) == 0) { r->in_xml = 1; r->xml_line = r->lineno; }
            *lt = 0;
            break;
        }
        n = strlen(r->buf);
        /* '#' and ';' comments, outside [...] */
        int depth = 0;
        for (size_t i = 0; i < n; i++) {
            char c = r->buf[i];
            if (c == '[') depth++;
            else if (c == ']') { if (depth) depth--; }
            else if ((c == '#' || c == ';') && !depth) { n = i; break; }
        }
        const char *t = r->buf;
        trim(&t, &n);
        if (!n) continue;
        *out = t;
        *outn = n;
        return 1;
    }
    return 0;
}

/* Report a "<!--" that was never closed. */
static void petr_close(petr *r) {
    if (r->in_xml) {
        r->lineno = r->xml_line;
        diag(r, "'<!--' comment is never closed with '-->'");
    }
}

static int starts_ci(const char *s, size_t n, const char *tag) {
    size_t t = strlen(tag);
    if (n < t) return 0;
    for (size_t i = 0; i < t; i++)
        if (toupper((unsigned char)s[i]) != toupper((unsigned char)tag[i])) return 0;
    return 1;
}

static int is_vowel(char c) {
    c = (char)toupper((unsigned char)c);
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static int ends_ci(const char *w, size_t n, const char *suffix) {
    size_t k = strlen(suffix);
    return n >= k && starts_ci(w + n - k, k, suffix);
}

/* A regular English variant of w: DY_INF_S (plural or third person), _ED or
 * _ING. PETRARCH's rules, with consonant+Y, -CH/-SH and -IE handled as
 * English does. Returns the length written (0 when it does not fit). */
enum { DY_INF_S, DY_INF_ED, DY_INF_ING };
static size_t inflect(const char *w, size_t n, int which, char *out, size_t cap) {
    if (n == 0 || n + 4 >= cap) return 0;
    char last = (char)toupper((unsigned char)w[n - 1]);
    int cons_y = last == 'Y' && n > 1 && !is_vowel(w[n - 2]);
    size_t k = n;
    memcpy(out, w, n);
    const char *add;
    if (which == DY_INF_S) {
        if (cons_y) { k--; add = "IES"; }
        else if (last == 'S' || last == 'X' || last == 'Z' || ends_ci(w, n, "CH") || ends_ci(w, n, "SH")) add = "ES";
        else add = "S";
    } else if (which == DY_INF_ED) {
        if (last == 'E') add = "D";
        else if (cons_y) { k--; add = "IED"; }
        else add = "ED";
    } else {
        if (ends_ci(w, n, "IE")) { k -= 2; add = "YING"; }
        else if (last == 'E' && n > 2 && !ends_ci(w, n, "EE") && !ends_ci(w, n, "OE") && !ends_ci(w, n, "YE")) { k--; add = "ING"; }
        else add = "ING";
    }
    size_t a = strlen(add);
    memcpy(out + k, add, a);
    out[k + a] = 0;
    return k + a;
}

/* ---- phrases ---- */

static int is_sep(char c) { return c == ' ' || c == '\t' || c == '_'; }

/* The synset whose name is the longest prefix of the "&NAME..." at s,
 * shrinking at '_' (names are stored without a trailing '_'). Sets *len to
 * the length of the name used; -1 when none is declared. */
static int64_t synset_longest(const dy_dict *d, const char *s, size_t n, size_t *len) {
    size_t k = 1;
    while (k < n && !is_blank(s[k]) && !strchr("(){}[]|/", s[k])) k++;
    for (;;) {
        size_t m = k;
        while (m > 1 && s[m - 1] == '_') m--;
        char buf[256];
        size_t bl = dy_fold(s, m < 200 ? m : 200, buf, sizeof buf);
        uint32_t name = dy_intern_find(&d->codes, buf, bl);
        if (name)
            for (size_t i = d->nsynsets; i-- > 0;)
                if (d->synsets[i].name == name) { *len = k; return (int64_t)i; }
        while (k > 1 && s[k - 1] != '_') k--;
        if (k <= 1) return -1;
        k--;
    }
}

/* Make every word in elems[from..] exact (a whole word, not a stem). */
static void mark_exact(dy_dict *d, size_t from) {
    for (size_t i = from; i < d->nelems; i++)
        if (d->elems[i].kind == DY_EL_WORD) d->elems[i].exact = 1;
}

enum { PH_SYNSETS = 1, PH_NOEND = 2 };

/* A TreeBank clitic written as a word of its own: N'T, 'S, 'RE, 'VE, 'LL,
 * 'D, 'M. */
static int is_clitic(const char *w, size_t n) {
    static const char *const cl[] = {"N'T", "'S", "'RE", "'VE", "'LL", "'D", "'M"};
    for (size_t i = 0; i < DY_ARRAY_LEN(cl); i++)
        if (strlen(cl[i]) == n && starts_ci(w, n, cl[i])) return 1;
    return 0;
}

/* noun phrase -> WORD { ('_' | ' ') WORD }, all adjacent, exact words
 * (without regular endings with PH_NOEND); '&NAME' is a synset when flags
 * has PH_SYNSETS. Returns 0, -1 (message in
 * r->why) or -2 (out of memory); nothing is kept on failure. */
static int noun_phrase(petr *r, const char *s, size_t n, int flags, dy_phrase *out) {
    dy_dict *d = r->d;
    size_t mark = d->nelems;
    out->first = (uint32_t)d->nelems;
    out->n = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_sep(s[i])) i++;
        if (i >= n) break;
        dy_elem e;
        memset(&e, 0, sizeof e);
        size_t j = i;
        if (s[i] == '&' && (flags & PH_SYNSETS)) {
            size_t len;
            int64_t sy = synset_longest(d, s + i, n - i, &len);
            if (sy < 0) {
                size_t k = i;
                while (k < n && !is_blank(s[k])) k++;
                snprintf(r->why, sizeof r->why, "synset '%.*s' is not declared", (int)(k - i > 60 ? 60 : k - i), s + i);
                d->nelems = mark;
                return -1;
            }
            e.kind = DY_EL_SYNSET;
            e.id = (uint32_t)sy;
            j = i + len;
        } else {
            while (j < n && !is_sep(s[j])) j++;
            if (out->n && is_clitic(s + i, j - i) && d->elems[d->nelems - 1].kind == DY_EL_WORD) {
                /* TreeBank splits "didn't" into DID N'T; dyad's tokens do not */
                dy_elem *prev = &d->elems[d->nelems - 1];
                char buf[256];
                size_t pl = d->words.len[prev->id];
                if (pl + (j - i) + 1 < sizeof buf) {
                    memcpy(buf, d->words.str[prev->id], pl);
                    size_t cl = dy_fold(s + i, j - i, buf + pl, sizeof buf - pl);
                    uint32_t id = dy_intern_add(&d->words, buf, pl + cl);
                    if (!id) { d->nelems = mark; return -2; }
                    prev->id = id;
                    i = j;
                    continue;
                }
            }
            for (size_t k = i; k < j; k++)
                if (strchr("[]{}<>|", s[k])) {
                    snprintf(r->why, sizeof r->why, "unexpected '%c' in the phrase '%.*s'", s[k], (int)(n > 60 ? 60 : n), s);
                    d->nelems = mark;
                    return -1;
                }
            if (dy_dict_word(d, s + i, j - i, &e)) { d->nelems = mark; return -2; }
            if (!e.kind) { i = j; continue; }
            e.exact = 1;
            if (flags & PH_NOEND) e.noend = 1;
        }
        e.adjacent = (uint8_t)(out->n > 0);
        if (out->n == UINT16_MAX) { snprintf(r->why, sizeof r->why, "phrase too long"); d->nelems = mark; return -1; }
        if (DY_PUSH(d->elems, d->nelems, d->capelems, e)) { d->nelems = mark; return -2; }
        out->n++;
        i = j;
    }
    return 0;
}

/* The last word of s (after the last blank or '_'). */
static void last_word(const char *s, size_t n, size_t *start) {
    while (n && is_sep(s[n - 1])) n--;
    size_t k = n;
    while (k && !is_sep(s[k - 1])) k--;
    *start = k;
}

/* s with its last word made plural, into out; 0 when it cannot be, when
 * the word already looks plural (ends in S but not SS: PETRARCH would make
 * junk such as DOLLARSES) or has an apostrophe (DON'T, N'T). */
static size_t plural_phrase(const char *s, size_t n, char *out, size_t cap) {
    while (n && is_sep(s[n - 1])) n--;
    size_t k;
    last_word(s, n, &k);
    if (k >= n || s[k] == '&' || !isalpha((unsigned char)s[n - 1]) || n + 8 >= cap) return 0;
    if (ends_ci(s + k, n - k, "S") && !ends_ci(s + k, n - k, "SS")) return 0;
    if (memchr(s + k, '\'', n - k)) return 0;
    memcpy(out, s, k);
    size_t m = inflect(s + k, n - k, DY_INF_S, out + k, cap - k);
    return m ? k + m : 0;
}

/* ---- codes ---- */

/* The first "[...]" of s[0..n): offsets of '[' and ']'; -1 if none. */
static int find_block(const char *s, size_t n, size_t *open, size_t *close) {
    const char *o = memchr(s, '[', n);
    if (!o) return -1;
    const char *c = memchr(o, ']', n - (size_t)(o - s));
    if (!c) return -1;
    *open = (size_t)(o - s);
    *close = (size_t)(c - s);
    return 0;
}

/* vcode -> CODE | CODE ':' CODE | ':' CODE | '---' | '###' | '+++' (see
 * dy_dict_vcode). ":CODE" (PETRARCH-2: passive code only) gives code 0 and
 * code2 CODE. */
static int parse_vcode(dy_dict *d, const char *s, size_t n, dy_vcode *vc) {
    trim(&s, &n);
    if (n && s[0] == ':') {
        dy_vcode v;
        if (dy_dict_vcode(d, s + 1, n - 1, &v) || v.code2 || !v.code) return -1;
        memset(vc, 0, sizeof *vc);
        vc->code2 = v.code;
        vc->flags = v.flags;
        return 0;
    }
    return dy_dict_vcode(d, s, n, vc);
}

static int same_vcode(dy_vcode a, dy_vcode b) {
    return a.code == b.code && a.code2 == b.code2 && a.flags == b.flags;
}

static int vcode_nonnull(dy_vcode vc) {
    return vc.code || vc.code2 || (vc.flags & (DY_VF_DISCARD | DY_VF_COMPLEX));
}

/* ======================================================================
 * Verbs
 * ====================================================================== */

typedef struct vstate {
    petr r;
    uint32_t bverb;           /* the verb of the current block's name */
    dy_vcode bvc;             /* its code */
    dy_vcode fvc;             /* the code of this block's forms (its header's) */
    char fcode[64];           /* ... as written */
    char bname[256];
    size_t bnamelen;
    uint32_t *fverbs;         /* verbs "NAME [CODE]" of forms with another code */
    size_t nfverbs, capfverbs;
    int64_t cur_syn;          /* synset taking '+' members, or -1 */
    int syn_noplural;
    int p2;                   /* PETRARCH-2 syntax seen: ( ) { } or ~ */
} vstate;

/* Copy patterns [from, to) of verb `src` to verb `dst` (same elements). */
static int copy_patterns(dy_dict *d, uint32_t src, uint32_t dst, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        if (d->patterns[i].verb != src) continue;
        dy_pattern p = d->patterns[i];
        p.verb = dst;
        if (DY_PUSH(d->patterns, d->npatterns, d->cappatterns, p)) return -1;
    }
    return 0;
}

/* Collect the verbs "NAME [CODE]" made for earlier blocks of this name. */
static int block_fverbs(vstate *v) {
    dy_dict *d = v->r.d;
    v->nfverbs = 0;
    char pre[300];
    int k = snprintf(pre, sizeof pre, "%.*s [", (int)v->bnamelen, v->bname);
    char fold[300];
    size_t fl = dy_fold(pre, (size_t)k, fold, sizeof fold);
    for (size_t i = 0; i < d->nverbs; i++) {
        uint32_t nm = d->verbs[i].name;
        if (d->codes.len[nm] > fl && memcmp(d->codes.str[nm], fold, fl) == 0 &&
            DY_PUSH(v->fverbs, v->nfverbs, v->capfverbs, (uint32_t)i))
            return -1;
    }
    return 0;
}

/* block header -> '---' NAME { '[' vcode ']' } [ '-'... ]: the first code is
 * the block's (none: [---]); PETRARCH ignores further codes and so do we.
 * Blocks of the same name share one verb and its patterns (PETRARCH-2 keys
 * patterns by the block name); when a later one has another code, its forms
 * get that code through a verb "NAME [CODE]" as forms with own codes do. */
static int verbs_block(vstate *v, const char *s, size_t n) {
    petr *r = &v->r;
    dy_dict *d = r->d;
    dy_loc loc = {r->file, r->lineno};
    v->bverb = NONE;
    v->nfverbs = 0;
    size_t i = 0;
    while (i < n && s[i] == '-') i++;
    size_t nb = i;
    while (nb < n && s[nb] != '[') nb++;
    const char *name = s + i;
    size_t nn = nb - i;
    while (nn && (name[nn - 1] == '-' || is_blank(name[nn - 1]))) nn--;
    trim(&name, &nn);
    const char *code = "---";
    size_t cl = 3;
    if (nb < n) {
        size_t o, c;
        if (find_block(s + nb, n - nb, &o, &c)) { diag(r, "'[' without ']' in the block header"); return 0; }
        code = s + nb + o + 1;
        cl = c - o - 1;
        for (size_t k = nb + c + 1; k < n; k++)
            if (!is_blank(s[k]) && s[k] != '-' && s[k] != '[' && s[k] != ']' && !isalnum((unsigned char)s[k]) && s[k] != ':') {
                diag(r, "unexpected '%c' after the code of the block header", s[k]);
                return 0;
            }
    }
    if (!nn) { diag(r, "block header '---' has no name"); return 0; }
    dy_vcode vc;
    if (parse_vcode(d, code, cl, &vc)) { diag(r, "cannot read the event code '%.*s'", (int)cl, code); return 0; }
    size_t before = d->nverbs;
    uint32_t vb = dy_dict_verb(d, name, nn, loc);
    if (vb == NONE) return -1;
    if (d->nverbs != before) {
        d->verbs[vb].vc = vc;
        d->verbs[vb].has_default = vcode_nonnull(vc);
    }
    v->bverb = vb;
    v->bvc = d->verbs[vb].vc;
    v->fvc = vc;
    snprintf(v->fcode, sizeof v->fcode, "%.*s", (int)(cl > 60 ? 60 : cl), code);
    v->bnamelen = nn < sizeof v->bname ? nn : sizeof v->bname - 1;
    memcpy(v->bname, name, v->bnamelen);
    if (d->nverbs == before && block_fverbs(v)) return -1;
    return 0;
}

/* synset header -> '&' NAME: a trailing '_' on NAME means "no plurals" and
 * is not part of the name. A second header of the same name extends it. */
static int verbs_synset(vstate *v, const char *s, size_t n) {
    petr *r = &v->r;
    dy_dict *d = r->d;
    size_t k = 1;
    while (k < n && !is_blank(s[k])) k++;
    if (k < n) { diag(r, "synset header '%.*s' has text after the name", (int)(k > 60 ? 60 : k), s); v->cur_syn = -1; return 0; }
    size_t m = k;
    v->syn_noplural = 0;
    while (m > 1 && s[m - 1] == '_') { m--; v->syn_noplural = 1; }
    if (m <= 1) { diag(r, "synset header '&' has no name"); v->cur_syn = -1; return 0; }
    char buf[256];
    size_t bl = dy_fold(s, m < 200 ? m : 200, buf, sizeof buf);
    dy_synset sy;
    sy.name = dy_intern_add(&d->codes, buf, bl);
    if (!sy.name) return -1;
    sy.first = (uint32_t)d->nsynphrases;
    sy.n = 0;
    for (size_t i = d->nsynsets; i-- > 0;)
        if (d->synsets[i].name == sy.name) {
            /* re-declared: keep the earlier members (PETRARCH appends) */
            dy_synset old = d->synsets[i];
            for (uint32_t q = 0; q < old.n; q++) {
                if (DY_PUSH(d->synphrases, d->nsynphrases, d->capsynphrases, d->synphrases[old.first + q])) return -1;
                sy.n++;
            }
            break;
        }
    if (DY_PUSH(d->synsets, d->nsynsets, d->capsynsets, sy)) return -1;
    v->cur_syn = (int64_t)d->nsynsets - 1;
    return 0;
}

static int push_member(vstate *v, dy_phrase ph) {
    dy_dict *d = v->r.d;
    dy_synset *sy = &d->synsets[v->cur_syn];
    for (uint32_t q = 0; q < ph.n; q++)
        if (d->elems[ph.first + q].kind == DY_EL_SYNSET && d->elems[ph.first + q].id == (uint32_t)v->cur_syn) {
            diag(&v->r, "synset refers to itself");
            return 0;
        }
    if (sy->first + sy->n != d->nsynphrases) { diag(&v->r, "synset members must be contiguous"); return 0; }
    if (DY_PUSH(d->synphrases, d->nsynphrases, d->capsynphrases, ph)) return -1;
    sy->n++;
    return 0;
}

/* member -> PHRASE | '(' PHRASE ')' | '{' PHRASE '}': adjacent words; the
 * plural of the last word is added unless the member ends with '_', is in
 * brackets, or the synset name ended with '_'. */
static int verbs_member(vstate *v, const char *s, size_t n) {
    petr *r = &v->r;
    const char *m = s + 1;
    size_t mn = n - 1;
    trim(&m, &mn);
    int bracketed = 0;
    if (mn >= 2 && ((m[0] == '(' && m[mn - 1] == ')') || (m[0] == '{' && m[mn - 1] == '}'))) {
        m++;
        mn -= 2;
        bracketed = 1;
    }
    if (!mn) { diag(r, "synset member '+' has no words"); return 0; }
    for (size_t i = 0; i < mn; i++)
        if (strchr("(){}[]", m[i])) { diag(r, "unexpected '%c' in the synset member", m[i]); return 0; }
    dy_phrase ph;
    int rc = noun_phrase(r, m, mn, PH_SYNSETS, &ph);
    if (rc == -2) return -1;
    if (rc) { diag(r, "%s", r->why); return 0; }
    if (!ph.n) { diag(r, "synset member '+' has no words"); return 0; }
    if (push_member(v, ph)) return -1;
    if (v->syn_noplural || bracketed || m[mn - 1] == '_') return 0;
    char pl[512];
    size_t pn = plural_phrase(m, mn, pl, sizeof pl);
    if (!pn) return 0;
    rc = noun_phrase(r, pl, pn, PH_SYNSETS, &ph);
    if (rc == -2) return -1;
    if (rc == 0 && ph.n) return push_member(v, ph);
    return 0;
}

/* Add the form phrase words[0..nw) (joined by blanks) to verb vb. */
static int add_vform(vstate *v, uint32_t vb, char words[][128], size_t nw) {
    char buf[2048];
    size_t k = 0;
    for (size_t i = 0; i < nw; i++) {
        size_t l = strlen(words[i]);
        if (k + l + 2 >= sizeof buf) { diag(&v->r, "verb form too long"); return 0; }
        if (k) buf[k++] = ' ';
        memcpy(buf + k, words[i], l);
        k += l;
    }
    dy_vform f;
    f.verb = vb;
    int rc = noun_phrase(&v->r, buf, k, PH_NOEND, &f.ph);
    if (rc == -2) return -1;
    if (rc) { diag(&v->r, "%s", v->r.why); return 0; }
    if (!f.ph.n) return 0;
    return DY_PUSH(v->r.d->vforms, v->r.d->nvforms, v->r.d->capvforms, f);
}

/* FORM -> WORD { ('_' | ' ') WORD }, one WORD marked with a leading '+'.
 * Splits "RE_+ARREST", "+CORDON_OFF", "LASH OUT" into words; *mark is the
 * marked word (the one inflected), or the first word when none is marked. */
static int split_form(const char *s, size_t n, char words[][128], size_t cap, size_t *nw, size_t *mark,
                      char *why, size_t whycap) {
    *nw = 0;
    *mark = 0;
    int marks = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_sep(s[i])) i++;
        if (i >= n) break;
        size_t j = i;
        while (j < n && !is_sep(s[j])) j++;
        const char *w = s + i;
        size_t wl = j - i;
        if (wl && w[0] == '+') {
            w++;
            wl--;
            *mark = *nw;
            marks++;
        }
        for (size_t k = 0; k < wl; k++)
            if (!isalnum((unsigned char)w[k]) && !strchr("-'.&=", w[k]) && !((unsigned char)w[k] & 0x80)) {
                snprintf(why, whycap, "unexpected '%c' in the verb form '%.*s'", w[k], (int)(n > 60 ? 60 : n), s);
                return -1;
            }
        if (wl == 0 || wl >= 120 || *nw >= cap) {
            snprintf(why, whycap, "cannot read the verb form '%.*s'", (int)(n > 60 ? 60 : n), s);
            return -1;
        }
        memcpy(words[*nw], w, wl);
        words[*nw][wl] = 0;
        (*nw)++;
        i = j;
    }
    if (marks > 1) { snprintf(why, whycap, "verb form '%.*s' marks more than one word with '+'", (int)(n > 60 ? 60 : n), s); return -1; }
    if (!*nw) { snprintf(why, whycap, "empty verb form"); return -1; }
    return 0;
}

/* The verb a form line's code gives: the block verb, or (a code of its
 * own) the verb "BLOCK [CODE]", which shares the block's patterns. */
static uint32_t form_verb(vstate *v, dy_vcode vc, const char *code, size_t cl) {
    dy_dict *d = v->r.d;
    if (same_vcode(vc, v->bvc)) return v->bverb;
    trim(&code, &cl);
    char name[400];
    int k = snprintf(name, sizeof name, "%.*s [%.*s]", (int)v->bnamelen, v->bname, (int)(cl > 60 ? 60 : cl), code);
    dy_loc loc = {v->r.file, v->r.lineno};
    size_t before = d->nverbs;
    uint32_t fv = dy_dict_verb(d, name, (size_t)k, loc);
    if (fv == NONE) return NONE;
    if (d->nverbs != before) {
        d->verbs[fv].vc = vc;
        d->verbs[fv].has_default = vcode_nonnull(vc);
    }
    for (size_t i = 0; i < v->nfverbs; i++) if (v->fverbs[i] == fv) return fv;
    if (d->nverbs != before && copy_patterns(d, v->bverb, fv, 0, d->npatterns)) return NONE;
    if (DY_PUSH(v->fverbs, v->nfverbs, v->capfverbs, fv)) return NONE;
    return fv;
}

/* form -> WORDS [ '{' { FORM [','] } '}' ] [ '[' vcode ']' ] (either order).
 * Without '{...}' the marked word also gets its regular -S, -ED and -ING
 * forms; with it, only the forms listed ("{}": the form alone). */
static int verbs_form(vstate *v, const char *s, size_t n) {
    petr *r = &v->r;
    dy_dict *d = r->d;
    if (v->bverb == NONE) { diag(r, "verb form outside a '--- NAME [code] ---' block"); return 0; }
    size_t hn = 0;
    while (hn < n && s[hn] != '{' && s[hn] != '[') hn++;
    const char *head = s;
    size_t hl = hn;
    trim(&head, &hl);
    const char *brace = NULL, *code = NULL;
    size_t bl = 0, cl = 0;
    for (size_t i = hn; i < n;) {
        if (is_blank(s[i])) { i++; continue; }
        char close = s[i] == '{' ? '}' : s[i] == '[' ? ']' : 0;
        if (!close) { diag(r, "unexpected '%c' in the verb form line", s[i]); return 0; }
        const char *c = memchr(s + i, close, n - i);
        if (!c) { diag(r, "'%c' without '%c'", s[i], close); return 0; }
        if ((close == '}' && brace) || (close == ']' && code)) { diag(r, "more than one '%c...%c' on the verb form line", s[i], close); return 0; }
        if (close == '}') { brace = s + i + 1; bl = (size_t)(c - brace); }
        else { code = s + i + 1; cl = (size_t)(c - code); }
        i = (size_t)(c - s) + 1;
    }
    if (!hl) { diag(r, "verb form line has no verb"); return 0; }
    dy_vcode vc = v->fvc;
    if (code && parse_vcode(d, code, cl, &vc)) { diag(r, "cannot read the event code '%.*s'", (int)cl, code); return 0; }
    char words[16][128];
    size_t nw, mark;
    if (split_form(head, hl, words, 16, &nw, &mark, r->why, sizeof r->why)) { diag(r, "%s", r->why); return 0; }
    uint32_t vb = code ? form_verb(v, vc, code, cl) : form_verb(v, vc, v->fcode, strlen(v->fcode));
    if (vb == NONE) return -1;
    if (add_vform(v, vb, words, nw)) return -1;
    if (!brace) {
        char base[128];
        memcpy(base, words[mark], sizeof base);
        for (int which = DY_INF_S; which <= DY_INF_ING; which++) {
            if (!inflect(base, strlen(base), which, words[mark], sizeof words[mark])) continue;
            if (add_vform(v, vb, words, nw)) return -1;
        }
        return 0;
    }
    for (size_t i = 0; i < bl;) {
        while (i < bl && (is_blank(brace[i]) || brace[i] == ',')) i++;
        size_t j = i;
        while (j < bl && !is_blank(brace[j]) && brace[j] != ',') j++;
        if (j > i) {
            char fw[16][128];
            size_t fn, fm;
            if (split_form(brace + i, j - i, fw, 16, &fn, &fm, r->why, sizeof r->why)) diag(r, "%s", r->why);
            else if (add_vform(v, vb, fw, fn)) return -1;
        }
        i = j;
    }
    return 0;
}

/* body -> { element }, element as in the file header. Rewrites a PETRARCH
 * pattern body as a TABARI pattern for dy_dict_add_pattern: '{W1 W2 HEAD}'
 * -> W1 W2_HEAD (the word before the head stands next to it, earlier
 * modifiers may have others between them: UniversalPetrarch's suite codes
 * "new global economic relations" by {NEW &TIETYPES RELATIONS} and not
 * "new economic trade relations"), '(PREP X Y)' -> PREP X Y (PETRARCH-2
 * prepositional phrase: gaps allowed, as between nouns), 'A/B' -> {A | B};
 * '{a | b}' alternatives, '_' connectors and $ + % ^ & * are kept. */
static int convert_pattern(const char *s, size_t n, char *out, size_t cap, size_t *outn, int *p2,
                           char *why, size_t whycap) {
    size_t k = 0;
    int in_prep = 0, in_np = 0, np_words = 0;
    size_t np_last_sep = 0; /* where the separator before the noun phrase's last word went */
    size_t i = 0;
#define EMIT(c) do { if (k + 1 >= cap) goto toolong; out[k++] = (c); } while (0)
    while (i < n) {
        char c = s[i];
        if (is_blank(c)) { i++; continue; }
        if (c == '(') {
            if (in_prep || in_np) { snprintf(why, whycap, "'(' inside '%s'", in_np ? "{...}" : "(...)"); return -1; }
            in_prep = 1; *p2 = 1; i++; continue;
        }
        if (c == ')') {
            if (!in_prep) { snprintf(why, whycap, "')' without '('"); return -1; }
            if (in_np) { snprintf(why, whycap, "')' inside '{...}'"); return -1; }
            in_prep = 0; i++; continue;
        }
        if (c == '{') {
            const char *close = memchr(s + i, '}', n - i);
            if (!close) { snprintf(why, whycap, "'{' without '}'"); return -1; }
            if (memchr(s + i, '|', (size_t)(close - (s + i)))) {
                /* TABARI alternatives: kept for dy_dict_add_pattern to expand */
                if (k) EMIT(' ');
                for (const char *q = s + i; q <= close; q++) EMIT(*q);
                i = (size_t)(close - s) + 1;
                continue;
            }
            if (in_np) { snprintf(why, whycap, "'{' inside '{...}'"); return -1; }
            in_np = 1; np_words = 0; *p2 = 1; i++; continue;
        }
        if (c == '}') {
            if (!in_np) { snprintf(why, whycap, "'}' without '{'"); return -1; }
            if (!np_words) { snprintf(why, whycap, "empty noun phrase '{}'"); return -1; }
            if (np_words > 1) out[np_last_sep] = '_';
            in_np = 0; i++; continue;
        }
        if (c == '|' || c == '[' || c == ']') { snprintf(why, whycap, "unexpected '%c'", c); return -1; }
        size_t j = i;
        while (j < n && !is_blank(s[j]) && !strchr("(){}|[]", s[j])) j++;
        if (k) {
            if (in_np && np_words) np_last_sep = k;
            EMIT(' ');
        }
        if (memchr(s + i, '/', j - i)) {
            EMIT('{');
            for (size_t q = i; q < j; q++) {
                if (s[q] == '/') {
                    if (q == i || q + 1 == j || s[q + 1] == '/') { snprintf(why, whycap, "empty alternative around '/'"); return -1; }
                    EMIT(' '); EMIT('|'); EMIT(' ');
                } else EMIT(s[q]);
            }
            EMIT('}');
        } else {
            for (size_t q = i; q < j; q++) EMIT(s[q]);
        }
        if (in_np) np_words++;
        i = j;
    }
    if (in_prep) { snprintf(why, whycap, "'(' without ')'"); return -1; }
    if (in_np) { snprintf(why, whycap, "'{' without '}'"); return -1; }
    out[k] = 0;
    *outn = k;
    return 0;
toolong:
    snprintf(why, whycap, "pattern too long");
    return -1;
#undef EMIT
}

/* pattern -> '-' { element } '[' vcode ']': the last [...] is the code; the
 * pattern goes to the block verb and to its forms' own-code verbs. */
static int verbs_pattern(vstate *v, const char *s, size_t n) {
    petr *r = &v->r;
    dy_dict *d = r->d;
    dy_loc loc = {r->file, r->lineno};
    if (v->bverb == NONE) { diag(r, "pattern before any '--- NAME [code] ---' block"); return 0; }
    const char *open = NULL, *close = NULL;
    for (size_t i = n; i-- > 0;) {
        if (!close && s[i] == ']') close = s + i;
        else if (close && s[i] == '[') { open = s + i; break; }
    }
    if (!open) { diag(r, "pattern needs a [CODE] block"); return 0; }
    for (const char *q = close + 1; q < s + n; q++)
        if (!is_blank(*q)) { diag(r, "unexpected text after the pattern's [CODE] block"); return 0; }
    dy_vcode vc;
    if (parse_vcode(d, open + 1, (size_t)(close - open - 1), &vc)) {
        diag(r, "cannot read the event code '%.*s'", (int)(close - open - 1), open + 1);
        return 0;
    }
    char buf[4096];
    size_t bn;
    if (convert_pattern(s, (size_t)(open - s), buf, sizeof buf, &bn, &v->p2, r->why, sizeof r->why)) {
        diag(r, "%s", r->why);
        return 0;
    }
    size_t np0 = d->npatterns, ne0 = d->nelems;
    r->why[0] = 0;
    if (dy_dict_add_pattern(d, v->bverb, buf, bn, vc, loc, r->why, sizeof r->why)) {
        d->npatterns = np0;
        d->nelems = ne0;
        if (!r->why[0]) return -1;
        diag(r, "%s", r->why);
        return 0;
    }
    mark_exact(d, ne0);
    size_t np1 = d->npatterns;
    for (size_t i = 0; i < v->nfverbs; i++)
        if (copy_patterns(d, v->bverb, v->fverbs[i], np0, np1)) return -1;
    return 0;
}

/* The verb that has the one-phrase form w ("SAY", "WILL_ATTACK"), or NONE. */
static uint32_t verb_of_word(petr *r, const char *w, size_t n) {
    dy_dict *d = r->d;
    uint32_t ids[16];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && is_sep(w[i])) i++;
        size_t j = i;
        while (j < n && !is_sep(w[j])) j++;
        if (j > i) {
            char buf[256];
            size_t bl = dy_fold(w + i, j - i < 200 ? j - i : 200, buf, sizeof buf);
            for (size_t q = 0; q < bl; q++) if (buf[q] == '-') buf[q] = '_';
            if (k == 16) return NONE;
            ids[k] = dy_intern_find(&d->words, buf, bl);
            if (!ids[k]) return NONE;
            k++;
        }
        i = j;
    }
    for (size_t f = 0; f < d->nvforms; f++) {
        dy_phrase ph = d->vforms[f].ph;
        if (ph.n != k) continue;
        size_t q = 0;
        while (q < k && d->elems[ph.first + q].kind == DY_EL_WORD && d->elems[ph.first + q].id == ids[q]) q++;
        if (q == k) return d->vforms[f].verb;
    }
    return NONE;
}

/* Add to verb `outer` the pattern "* FORM +" (target_first 0) or "* + FORM"
 * for every form of verb `inner`. */
static int add_transform_patterns(petr *r, uint32_t outer, uint32_t inner, int target_first, dy_vcode vc) {
    dy_dict *d = r->d;
    dy_loc loc = {r->file, r->lineno};
    size_t nforms = d->nvforms;
    for (size_t f = 0; f < nforms; f++) {
        if (d->vforms[f].verb != inner) continue;
        dy_phrase form = d->vforms[f].ph;
        dy_pattern p;
        memset(&p, 0, sizeof p);
        p.verb = outer;
        p.vc = vc;
        p.loc = loc;
        p.before.first = (uint32_t)d->nelems;
        p.after.first = (uint32_t)d->nelems;
        dy_elem tgt;
        memset(&tgt, 0, sizeof tgt);
        tgt.kind = DY_EL_TARGET;
        size_t letters = 0;
        if (target_first && DY_PUSH(d->elems, d->nelems, d->capelems, tgt)) return -1;
        for (uint32_t q = 0; q < form.n; q++) {
            dy_elem e = d->elems[form.first + q];
            e.adjacent = (uint8_t)(q > 0);
            if (e.kind == DY_EL_WORD) letters += d->words.len[e.id];
            if (DY_PUSH(d->elems, d->nelems, d->capelems, e)) return -1;
        }
        if (!target_first && DY_PUSH(d->elems, d->nelems, d->capelems, tgt)) return -1;
        p.after.n = (uint16_t)(form.n + 1);
        p.length = (uint16_t)(letters > 60000 ? 60000 : letters);
        if (DY_PUSH(d->patterns, d->npatterns, d->cappatterns, p)) return -1;
    }
    return 0;
}

/* transform -> '~' VAR '(' ARG ARG VERB ')' VERB '=' VAR VAR CODE, where ARG
 * is VAR, '.' (anyone) or '_' (no one). PETRARCH-2 rewrites an event whose
 * target is itself an event; dyad has no nested events, so this is
 * approximated by patterns on the outer verb that name the inner verb's
 * forms: "~ a (a b V) O = a b C" and "~ a (_ b V) O = a b C" give O the
 * patterns "* V-form +" [C]; "~ a (b . V) O = a b C" gives "* + V-form" [C].
 * When the result code is the inner variable ("= a b Q") the event is the
 * inner one as it stands: nothing to add. */
static int verbs_transform(vstate *v, const char *s, size_t n) {
    petr *r = &v->r;
    dy_dict *d = r->d;
    char tok[24][64];
    size_t nt = 0;
    for (size_t i = 1; i < n;) {
        if (is_blank(s[i])) { i++; continue; }
        size_t j = i + 1;
        if (!strchr("()=", s[i]))
            while (j < n && !is_blank(s[j]) && !strchr("()=", s[j])) j++;
        if (nt == DY_ARRAY_LEN(tok) || j - i >= sizeof tok[0]) { diag(r, "cannot read the transformation: too many or too long parts"); return 0; }
        memcpy(tok[nt], s + i, j - i);
        tok[nt][j - i] = 0;
        nt++;
        i = j;
    }
    v->p2 = 1;
    /* a ( x y V ) O = r1 r2 C */
    if (nt != 11 || strcmp(tok[1], "(") || strcmp(tok[5], ")") || strcmp(tok[7], "=")) {
        for (size_t i = 0; i < nt; i++)
            if (i > 1 && !strcmp(tok[i], "(")) { diag(r, "nested transformations are not supported"); return 0; }
        diag(r, "transformation must read '~ a (x y VERB) VERB = a b CODE'");
        return 0;
    }
    const char *a = tok[0], *x = tok[2], *y = tok[3], *inner = tok[4], *outer = tok[6];
    const char *r1 = tok[8], *r2 = tok[9], *code = tok[10];
    int var_ok = 1;
    const char *vars[] = {a, x, y, r1, r2};
    for (size_t i = 0; i < 5; i++) {
        const char *t = vars[i];
        int is_var = strlen(t) == 1 && islower((unsigned char)t[0]);
        int is_place = (i == 1 || i == 2) && strlen(t) == 1 && (t[0] == '.' || t[0] == '_');
        if (!is_var && !is_place) var_ok = 0;
    }
    if (!var_ok) { diag(r, "transformation variables must be single lower-case letters, or '.' or '_' inside (...)"); return 0; }
    uint32_t ov = verb_of_word(r, outer, strlen(outer));
    if (ov == NONE) { diag(r, "transformation verb '%s' is not a verb form in this dictionary", outer); return 0; }
    if (strcmp(code, inner) == 0) {
        /* "= a b Q": the inner event as it stands; check its shape only */
        if (strcmp(r1, a) || (strcmp(r2, y) && strcmp(r2, x))) { diag(r, "transformation result cannot be approximated"); return 0; }
        return 0;
    }
    uint32_t iv = verb_of_word(r, inner, strlen(inner));
    if (iv == NONE) { diag(r, "transformation verb '%s' is not a verb form in this dictionary", inner); return 0; }
    dy_vcode vc;
    if (parse_vcode(d, code, strlen(code), &vc)) { diag(r, "cannot read the event code '%s'", code); return 0; }
    if (strcmp(r1, a) != 0) { diag(r, "transformation result must keep the outer source '%s' first", a); return 0; }
    int target_first;
    if (strcmp(r2, y) == 0 && strcmp(x, r2) != 0) target_first = 0;
    else if (strcmp(r2, x) == 0) target_first = 1;
    else { diag(r, "transformation result target '%s' is not in the inner event", r2); return 0; }
    return add_transform_patterns(r, ov, iv, target_first, vc);
}

/* verbs -> { synset | block | transform }: a line is read by its first
 * character: "---" block header, '&' synset, '+' synset member (right
 * after a synset header) or multi-word form, '-' pattern, '~' transform,
 * anything else a verb form of the current block. */
dyad_status dy_read_petrarch_verbs(dy_dict *d, const char *path, const char *text, size_t len,
                                   dyad_err *err) {
    vstate *v = calloc(1, sizeof *v);
    if (!v) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    petr *r = &v->r;
    dyad_status st = DYAD_OK;
    if (petr_open(r, d, path, text, len)) goto oom;
    v->bverb = NONE;
    v->cur_syn = -1;
    const char *s;
    size_t n;
    while (next_line(r, &s, &n)) {
        int rc;
        if (n >= 3 && memcmp(s, "---", 3) == 0) { v->cur_syn = -1; rc = verbs_block(v, s, n); }
        else if (s[0] == '&') rc = verbs_synset(v, s, n);
        else if (s[0] == '+' && v->cur_syn >= 0) rc = verbs_member(v, s, n);
        else if (s[0] == '~') { v->cur_syn = -1; rc = verbs_transform(v, s, n); }
        else if (s[0] == '-') { v->cur_syn = -1; rc = verbs_pattern(v, s + 1, n - 1); }
        else if (s[0] == '*') {
            /* a pattern that lost its '-': read it, but say so */
            v->cur_syn = -1;
            diag(r, "pattern line must start with '-'");
            rc = verbs_pattern(v, s, n);
        } else { v->cur_syn = -1; rc = verbs_form(v, s, n); }
        if (rc) goto oom;
    }
    petr_close(r);
    /* PETRARCH-2 reads [A:B] as active:passive, not as a paired event */
    if (v->p2) d->set.petrarch2 = 1;
    goto done;
oom:
    st = dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
done:
    free(v->fverbs);
    free(v);
    return st;
}

/* ======================================================================
 * Actors
 * ====================================================================== */

/* cblock -> '[' CODE [ '<' DATE | '>' DATE | DATE '-' DATE | DATE ] ']';
 * a lone DATE means "from DATE on" (as the Phoenix files use it). Parses
 * every block of s[0..n); returns the count, or -1 with r->why. Text after
 * the blocks (a comment without its '#') sets *junk to its offset. */
static int code_blocks(petr *r, const char *s, size_t n, dy_dated_code *out, int max, size_t *junk) {
    int k = 0;
    size_t i = 0;
    *junk = 0;
    while (i < n) {
        if (is_blank(s[i])) { i++; continue; }
        if (s[i] != '[' && k > 0) { *junk = i; return k; }
        if (s[i] != '[') { snprintf(r->why, sizeof r->why, "unexpected '%c' where a [CODE] block was expected", s[i]); return -1; }
        const char *close = memchr(s + i, ']', n - i);
        if (!close) { snprintf(r->why, sizeof r->why, "'[' without ']'"); return -1; }
        if (k >= max) { snprintf(r->why, sizeof r->why, "too many code blocks in one entry"); return -1; }
        const char *c = s + i + 1;
        size_t cl = (size_t)(close - c);
        trim(&c, &cl);
        char buf[128];
        size_t ci = 0;
        while (ci < cl && !is_blank(c[ci]) && c[ci] != '<' && c[ci] != '>') ci++;
        const char *rest = c + ci;
        size_t rl = cl - ci;
        trim(&rest, &rl);
        int lone = rl > 0;
        for (size_t q = 0; q < rl; q++) if (!isdigit((unsigned char)rest[q])) lone = 0;
        if (lone && cl + 3 < sizeof buf) {
            int m = snprintf(buf, sizeof buf, "%.*s >%.*s", (int)ci, c, (int)rl, rest);
            c = buf;
            cl = (size_t)m;
        }
        if (dy_dict_dated_code(r->d, c, cl, &out[k])) {
            size_t bl = (size_t)(close - (s + i + 1));
            snprintf(r->why, sizeof r->why, "cannot read the code block '[%.*s]'", (int)(bl > 60 ? 60 : bl), s + i + 1);
            return -1;
        }
        k++;
        i = (size_t)(close - s) + 1;
    }
    return k;
}

/* actors -> { entry } [ '---STOP---' ] as in TABARI, with PETRARCH-1's
 * reading of one detail: consecutive PHRASE lines without codes share the
 * code lines that follow them, as synonyms do (an empty line between them
 * ends the group). */
dyad_status dy_read_petrarch_actors(dy_dict *d, const char *path, const char *text, size_t len,
                                    dyad_err *err) {
    petr *r = malloc(sizeof *r);
    if (!r) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    if (petr_open(r, d, path, text, len)) goto oom;
    dy_phrase pend[256];
    dy_dated_code codes[64];
    int npend = 0, ncodes = 0;
    int code_lines = 0;   /* the entry's codes came from code lines */
    int bad_code = 0;     /* a code block of the entry could not be read */
    dy_loc pend_loc = {r->file, 0};
#define FLUSH()                                                                          \
    do {                                                                                 \
        if (npend) {                                                                     \
            if (!ncodes) { if (!bad_code) dy_dict_diag(d, pend_loc, "actor entry has no [CODE]"); } \
            else for (int q = 0; q < npend; q++)                                         \
                if (dy_dict_add_actor(d, pend[q], codes, (size_t)ncodes, pend_loc)) goto oom; \
        }                                                                                \
        npend = 0; ncodes = 0; code_lines = 0; bad_code = 0;                             \
    } while (0)
    const char *s;
    size_t n;
    while (next_line(r, &s, &n)) {
        if (n >= 10 && memcmp(s, "---STOP---", 10) == 0) break;
        if (s[0] == '[') {
            if (!npend) { diag(r, "code line without an actor phrase before it"); continue; }
            size_t junk;
            int k = code_blocks(r, s, n, codes + ncodes, (int)DY_ARRAY_LEN(codes) - ncodes, &junk);
            if (k < 0) { diag(r, "%s", r->why); bad_code = 1; continue; }
            if (junk) diag(r, "text after the code blocks ('%.*s') is not used; a '#' missing?", (int)(n - junk > 40 ? 40 : n - junk), s + junk);
            ncodes += k;
            code_lines = 1;
            continue;
        }
        if (s[0] == '+') {
            if (!npend) { diag(r, "synonym '+' line without an actor before it"); continue; }
            if (code_lines) { diag(r, "synonym after the code lines of its entry"); continue; }
            if (memchr(s, '[', n)) { diag(r, "a synonym '+' line cannot carry a [CODE]"); continue; }
            dy_phrase ph;
            int rc = noun_phrase(r, s + 1, n - 1, 0, &ph);
            if (rc == -2) goto oom;
            if (rc) { diag(r, "%s", r->why); continue; }
            if (!ph.n) { diag(r, "synonym '+' line has no words"); continue; }
            if (npend < (int)DY_ARRAY_LEN(pend)) pend[npend++] = ph;
            else diag(r, "too many synonyms in one entry");
            continue;
        }
        const char *br = memchr(s, '[', n);
        /* a phrase without codes right after another one joins its group */
        int join = !br && npend && !ncodes && !code_lines && !bad_code && !r->gap;
        if (!join) FLUSH();
        size_t plen = br ? (size_t)(br - s) : n;
        dy_phrase ph;
        int rc = noun_phrase(r, s, plen, 0, &ph);
        if (rc == -2) goto oom;
        if (rc) { diag(r, "%s", r->why); continue; }
        if (!ph.n) { diag(r, "actor entry has no phrase"); continue; }
        if (join) {
            if (npend < (int)DY_ARRAY_LEN(pend)) pend[npend++] = ph;
            else diag(r, "too many synonyms in one entry");
            continue;
        }
        pend_loc.line = r->lineno;
        pend[0] = ph;
        npend = 1;
        if (br) {
            size_t junk;
            int k = code_blocks(r, br, n - plen, codes, (int)DY_ARRAY_LEN(codes), &junk);
            if (k < 0) { diag(r, "%s", r->why); bad_code = 1; continue; }
            if (junk) diag(r, "text after the code blocks ('%.*s') is not used; a '#' missing?", (int)(n - plen - junk > 40 ? 40 : n - plen - junk), br + junk);
            ncodes = k;
        }
    }
    FLUSH();
    petr_close(r);
    free(r);
    return DYAD_OK;
oom:
    free(r);
    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
#undef FLUSH
}

/* ======================================================================
 * Agents
 * ====================================================================== */

typedef struct marker {
    char name[64];
    char items[32][128];
    int n;
} marker;

typedef struct astate {
    petr r;
    marker marks[16];
    int nmarks;
    dy_agent a;    /* code, prefix, loc of the current entry */
    int count;     /* phrases added for the current entry */
    int listed;    /* its forms are listed ({...} or !MARKER!): no endings */
} astate;

/* marker definition -> '!' NAME '!' '=' ITEM { ',' ITEM } */
static void agents_marker(astate *ag, const char *s, size_t n) {
    petr *r = &ag->r;
    const char *e = memchr(s + 1, '!', n - 1);
    const char *eq = memchr(s, '=', n);
    if (!e || !eq || eq < e) { diag(r, "substitution marker must read '!NAME! = A, B, ...'"); return; }
    for (const char *q = e + 1; q < eq; q++)
        if (!is_blank(*q)) { diag(r, "unexpected '%c' between the marker and '='", *q); return; }
    size_t nl = (size_t)(e - s - 1);
    if (!nl || nl >= sizeof ag->marks[0].name) { diag(r, "bad substitution marker name"); return; }
    marker *m = NULL;
    for (int i = 0; i < ag->nmarks; i++)
        if (strlen(ag->marks[i].name) == nl && memcmp(ag->marks[i].name, s + 1, nl) == 0) m = &ag->marks[i];
    if (!m) {
        if (ag->nmarks == (int)DY_ARRAY_LEN(ag->marks)) { diag(r, "too many substitution markers"); return; }
        m = &ag->marks[ag->nmarks++];
    }
    memcpy(m->name, s + 1, nl);
    m->name[nl] = 0;
    m->n = 0;
    const char *p = eq + 1, *end = s + n;
    while (p <= end) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        if (!c) c = end;
        const char *it = p;
        size_t il = (size_t)(c - p);
        trim(&it, &il);
        if (!il) diag(r, "empty item in the substitution list");
        else if (il >= sizeof m->items[0] || m->n == (int)DY_ARRAY_LEN(m->items)) diag(r, "substitution list too long");
        else { memcpy(m->items[m->n], it, il); m->items[m->n][il] = 0; m->n++; }
        p = c + 1;
    }
    if (!m->n) diag(r, "substitution marker !%s! has no items", m->name);
}

/* Add one agent phrase; with auto_plural also its plural. */
static int agent_add(astate *ag, const char *s, size_t n, int auto_plural) {
    petr *r = &ag->r;
    dy_dict *d = r->d;
    dy_agent a = ag->a;
    int rc = noun_phrase(r, s, n, 0, &a.ph);
    if (rc == -2) return -1;
    if (rc) { diag(r, "%s", r->why); return 0; }
    if (!a.ph.n) return 0;
    if (ag->listed) d->elems[a.ph.first + a.ph.n - 1].noend = 1;
    if (DY_PUSH(d->agents, d->nagents, d->capagents, a)) return -1;
    ag->count++;
    if (!auto_plural) return 0;
    char pl[512];
    size_t pn = plural_phrase(s, n, pl, sizeof pl);
    if (!pn) return 0;
    return agent_add(ag, pl, pn, 0);
}

/* Expand every !MARKER! of s (textually) and add the results. */
static int agent_expand(astate *ag, const char *s, size_t n, int auto_plural, int depth) {
    petr *r = &ag->r;
    const char *b = memchr(s, '!', n);
    if (!b) return agent_add(ag, s, n, auto_plural);
    const char *e = memchr(b + 1, '!', n - (size_t)(b + 1 - s));
    if (!e) { diag(r, "substitution marker '!' is not closed"); return 0; }
    if (depth > 4) { diag(r, "too many substitution markers in one entry"); return 0; }
    size_t nl = (size_t)(e - b - 1);
    for (int i = 0; i < ag->nmarks; i++) {
        marker *m = &ag->marks[i];
        if (strlen(m->name) != nl || memcmp(m->name, b + 1, nl) != 0) continue;
        for (int k = 0; k < m->n; k++) {
            char buf[1024];
            int len = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(b - s), s, m->items[k], (int)(s + n - e - 1), e + 1);
            if (len < 0 || (size_t)len >= sizeof buf) { diag(r, "agent phrase too long"); return 0; }
            if (agent_expand(ag, buf, (size_t)len, 0, depth + 1)) return -1;
        }
        return 0;
    }
    diag(r, "substitution marker !%.*s! is not defined", (int)nl, b + 1);
    return 0;
}

/* entry -> PHRASE [ '{' { PHRASE } '}' ] '[' ( '~' CODE | CODE '~' ) ']':
 * no '{...}' gives the regular plural; "{}" none; "{A B}" the plurals A, B.
 * Phrases with !MARKERS! get no automatic plural. "CODE~" puts the agent's
 * code before the actor's (prefix). */
static int agents_entry(astate *ag, const char *s, size_t n) {
    petr *r = &ag->r;
    dy_dict *d = r->d;
    const char *br = memchr(s, '[', n);
    if (!br) { diag(r, "agent entry needs a [~CODE] block"); return 0; }
    const char *cl = memchr(br, ']', n - (size_t)(br - s));
    int typo = 0;
    if (!cl) {
        /* "[~ENV}": a mistyped ']' at the end of the line */
        if (s[n - 1] == '}' && !memchr(br, '{', n - (size_t)(br - s))) { cl = s + n - 1; typo = 1; }
        else { diag(r, "'[' without ']'"); return 0; }
    }
    for (const char *q = cl + 1; q < s + n; q++)
        if (!is_blank(*q)) { diag(r, "unexpected text after the agent's [CODE] block"); return 0; }
    char code[64];
    size_t k = 0;
    for (const char *p = br + 1; p < cl; p++) {
        if (is_blank(*p)) continue;
        if (k == 63) { diag(r, "agent code too long"); return 0; }
        code[k++] = (char)toupper((unsigned char)*p);
    }
    code[k] = 0;
    memset(&ag->a, 0, sizeof ag->a);
    ag->a.loc.file = r->file;
    ag->a.loc.line = r->lineno;
    if (k >= 2 && code[0] == '~') { memmove(code, code + 1, k); k--; ag->a.prefix = 0; }
    else if (k >= 2 && code[k - 1] == '~') { code[--k] = 0; ag->a.prefix = 1; }
    else { diag(r, "agent code '%s' has no '~' to say where it goes", code); return 0; }
    for (size_t q = 0; q < k; q++)
        if (!isalnum((unsigned char)code[q]) && code[q] != '-') { diag(r, "unexpected '%c' in the agent code", code[q]); return 0; }
    if (typo) diag(r, "code block '[' is closed by '}' instead of ']' (read as [%s%s%s])", ag->a.prefix ? "" : "~", code, ag->a.prefix ? "~" : "");
    ag->a.code = dy_intern_add(&d->codes, code, k);
    if (!ag->a.code) return -1;
    size_t plen = (size_t)(br - s);
    const char *brace = memchr(s, '{', plen);
    const char *bclose = brace ? memchr(brace, '}', plen - (size_t)(brace - s)) : NULL;
    if (brace && !bclose) { diag(r, "'{' without '}'"); return 0; }
    if (bclose)
        for (const char *q = bclose + 1; q < br; q++)
            if (!is_blank(*q)) { diag(r, "unexpected text between '}' and the [CODE] block"); return 0; }
    const char *head = s;
    size_t hl = brace ? (size_t)(brace - s) : plen;
    trim(&head, &hl);
    if (!hl) { diag(r, "agent entry has no phrase"); return 0; }
    int marked = memchr(head, '!', hl) != NULL;
    ag->count = 0;
    ag->listed = brace || marked;
    if (agent_expand(ag, head, hl, !brace && !marked, 0)) return -1;
    if (brace) {
        const char *p = brace + 1;
        while (p < bclose) {
            while (p < bclose && (is_blank(*p) || *p == ',')) p++;
            const char *q = p;
            while (q < bclose && !is_blank(*q) && *q != ',') q++;
            if (q > p && agent_expand(ag, p, (size_t)(q - p), 0, 0)) return -1;
            p = q;
        }
    }
    return 0;
}

/* agents -> { marker-definition | entry } */
dyad_status dy_read_petrarch_agents(dy_dict *d, const char *path, const char *text, size_t len,
                                    dyad_err *err) {
    astate *ag = calloc(1, sizeof *ag);
    if (!ag) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    petr *r = &ag->r;
    if (petr_open(r, d, path, text, len)) goto oom;
    const char *s;
    size_t n;
    while (next_line(r, &s, &n)) {
        if (s[0] == '!' && memchr(s, '=', n) && !memchr(s, '[', n)) { agents_marker(ag, s, n); continue; }
        if (agents_entry(ag, s, n)) goto oom;
    }
    petr_close(r);
    free(ag);
    return DYAD_OK;
oom:
    free(ag);
    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
}

/* ======================================================================
 * Discards
 * ====================================================================== */

/* discards -> { [ '+' ] PHRASE NL }: '+' discards the whole story, else the
 * sentence. As in PETRARCH the phrase must start at a word; its last word is
 * a stem unless written with a final '_' (then whole). */
dyad_status dy_read_petrarch_discards(dy_dict *d, const char *path, const char *text, size_t len,
                                      dyad_err *err) {
    petr *r = malloc(sizeof *r);
    if (!r) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    if (petr_open(r, d, path, text, len)) goto oom;
    const char *s;
    size_t n;
    while (next_line(r, &s, &n)) {
        uint8_t story = s[0] == '+';
        const char *p = s + story;
        size_t pn = n - story;
        trim(&p, &pn);
        if (!pn) { diag(r, "discard line has no phrase"); continue; }
        dy_phrase ph;
        int rc = noun_phrase(r, p, pn, PH_NOEND, &ph);
        if (rc == -2) goto oom;
        if (rc) { diag(r, "%s", r->why); continue; }
        if (!ph.n) { diag(r, "discard line has no phrase"); continue; }
        if (p[pn - 1] != '_') {
            dy_elem *last = &d->elems[ph.first + ph.n - 1];
            last->exact = 0;
            last->noend = 0;
        }
        if (DY_PUSH(d->discards, d->ndiscards, d->capdiscards, ph) ||
            DY_PUSH(d->discard_story, d->ndiscard_story, d->capdiscard_story, story))
            goto oom;
    }
    petr_close(r);
    free(r);
    return DYAD_OK;
oom:
    free(r);
    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
}

/* ======================================================================
 * Issues
 * ====================================================================== */

#define MAX_SLOTS 24
#define MAX_ISSUE_VARIANTS 512

typedef struct islot {
    char var[4][128];
    int nvar;
    char join;     /* to the next slot: ' ' (another word) or '+' (blank or '-') */
} islot;

typedef struct istate {
    petr r;
    islot slot[MAX_SLOTS];
    int nslot;
    uint32_t code;
    dy_loc loc;
    int count;
    char category[128];
} istate;

/* FORMS -> item { ' ' item }; item -> part { '+' part }; part -> [ 'n:' |
 * 'v:' ] WORD. "n:" adds the plural, "v:" the -S, -ED, -ING forms, '+'
 * joins with a blank or with '-'. Fills ag->slot; -1 with r->why. */
static int issue_slots(istate *is, const char *s, size_t n) {
    petr *r = &is->r;
    is->nslot = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_blank(s[i])) i++;
        if (i >= n) break;
        size_t j = i;
        while (j < n && !is_blank(s[j])) j++;
        /* parts of the item s[i..j) */
        size_t p = i;
        while (p <= j) {
            size_t q = p;
            while (q < j && s[q] != '+') q++;
            if (q == p) { snprintf(r->why, sizeof r->why, "empty word around '+'"); return -1; }
            if (is->nslot == MAX_SLOTS) { snprintf(r->why, sizeof r->why, "issue phrase too long"); return -1; }
            islot *sl = &is->slot[is->nslot++];
            sl->join = q < j ? '+' : ' ';
            const char *w = s + p;
            size_t wl = q - p;
            int kind = 0;
            if (wl > 2 && w[1] == ':' && isalpha((unsigned char)w[0])) {
                char k = (char)tolower((unsigned char)w[0]);
                if (k == 'n') kind = 'n';
                else if (k == 'v') kind = 'v';
                else diag(r, "unknown form prefix '%c:' (read as a plain word)", w[0]);
                w += 2;
                wl -= 2;
            }
            for (size_t c = 0; c < wl; c++)
                if (strchr("[]{}<>|~*", w[c])) { snprintf(r->why, sizeof r->why, "unexpected '%c' in the issue phrase", w[c]); return -1; }
            if (wl >= 120) { snprintf(r->why, sizeof r->why, "word too long"); return -1; }
            memcpy(sl->var[0], w, wl);
            sl->var[0][wl] = 0;
            sl->nvar = 1;
            if (kind == 'n' && inflect(w, wl, DY_INF_S, sl->var[1], sizeof sl->var[1])) sl->nvar = 2;
            if (kind == 'v')
                for (int which = DY_INF_S; which <= DY_INF_ING; which++)
                    if (inflect(w, wl, which, sl->var[sl->nvar], sizeof sl->var[0])) sl->nvar++;
            p = q + 1;
        }
        i = j;
    }
    if (!is->nslot) { snprintf(r->why, sizeof r->why, "issue line has no phrase"); return -1; }
    return 0;
}

/* Every combination of the slots' variants, from slot k on, after buf[0..bl). */
static int issue_gen(istate *is, int k, char *buf, size_t bl) {
    petr *r = &is->r;
    dy_dict *d = r->d;
    if (k == is->nslot) {
        if (is->count >= MAX_ISSUE_VARIANTS) return 0;
        dy_issue iss;
        int rc = noun_phrase(r, buf, bl, PH_NOEND, &iss.ph);
        if (rc == -2) return -1;
        if (rc) { diag(r, "%s", r->why); is->count = MAX_ISSUE_VARIANTS; return 0; }
        if (!iss.ph.n) return 0;
        iss.code = is->code;
        iss.loc = is->loc;
        is->count++;
        return DY_PUSH(d->issues, d->nissues, d->capissues, iss);
    }
    islot *sl = &is->slot[k];
    for (int v = 0; v < sl->nvar; v++) {
        size_t vl = strlen(sl->var[v]);
        if (bl + vl + 2 >= 4096) return 0;
        memcpy(buf + bl, sl->var[v], vl);
        if (k + 1 == is->nslot) { if (issue_gen(is, k + 1, buf, bl + vl)) return -1; continue; }
        buf[bl + vl] = ' ';
        if (issue_gen(is, k + 1, buf, bl + vl + 1)) return -1;
        if (sl->join == '+') {
            buf[bl + vl] = '-';
            if (issue_gen(is, k + 1, buf, bl + vl + 1)) return -1;
        }
    }
    return 0;
}

static int issue_add(istate *is, const char *s, size_t n, uint32_t code) {
    petr *r = &is->r;
    if (issue_slots(is, s, n)) { diag(r, "%s", r->why); return 0; }
    is->code = code;
    is->loc.file = r->file;
    is->loc.line = r->lineno;
    is->count = 0;
    char buf[4096];
    if (issue_gen(is, 0, buf, 0)) return -1;
    if (is->count >= MAX_ISSUE_VARIANTS) diag(r, "issue phrase has too many forms; only the first %d are used", MAX_ISSUE_VARIANTS);
    return 0;
}

static uint32_t issue_code(dy_dict *d, const char *s, size_t n, int *bad) {
    char buf[128];
    trim(&s, &n);
    *bad = n == 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-') *bad = 1;
    if (*bad) return 0;
    size_t bl = dy_fold(s, n < 100 ? n : 100, buf, sizeof buf);
    return dy_intern_add(&d->codes, buf, bl);
}

/* section -> '<ISSUE' { ATTR '=' '"' VALUE '"' } '>': CATEGORY is kept (the
 * code of phrases without one); TYPE is not used. */
static void issue_section(istate *is, const char *s, size_t n) {
    is->category[0] = 0;
    const char *c = find_str(s, n, "CATEGORY");
    if (!c) { diag(&is->r, "<ISSUE> section has no CATEGORY=\"...\""); return; }
    const char *q1 = memchr(c, '"', n - (size_t)(c - s));
    const char *q2 = q1 ? memchr(q1 + 1, '"', n - (size_t)(q1 + 1 - s)) : NULL;
    if (!q2 || (size_t)(q2 - q1 - 1) >= sizeof is->category || q2 == q1 + 1) {
        diag(&is->r, "cannot read CATEGORY=\"...\" of the <ISSUE> section");
        return;
    }
    memcpy(is->category, q1 + 1, (size_t)(q2 - q1 - 1));
    is->category[q2 - q1 - 1] = 0;
    if (s[n - 1] != '>') diag(&is->r, "<ISSUE ...> header is not closed with '>'");
}

/* issue line -> ('~' | '~~') FORMS | FORMS { '[' CODE ']' [ FORMS ] }.
 * "~" and "~~" exclude the issues of a sentence / story where the phrase is
 * found: stored with the code "~" or "~~" (PETRARCH's own issue codes 0 and
 * 1). FORMS followed by several [CODE] give it each code; a line of FORMS
 * with no [CODE] inside a section takes the section's CATEGORY as its code. */
static int issues_line(istate *is, const char *s, size_t n) {
    petr *r = &is->r;
    dy_dict *d = r->d;
    if (s[0] == '~') {
        size_t story = n > 1 && s[1] == '~';
        uint32_t code = dy_intern_add(&d->codes, story ? "~~" : "~", story ? 2 : 1);
        if (!code) return -1;
        if (memchr(s, '[', n)) { diag(r, "an exclusion '~' line cannot carry a [CODE]"); return 0; }
        return issue_add(is, s + 1 + story, n - 1 - story, code);
    }
    if (!memchr(s, '[', n)) {
        if (!is->category[0]) { diag(r, "issue phrase has no [CODE] and is outside an <ISSUE CATEGORY=...> section"); return 0; }
        int bad;
        uint32_t code = issue_code(d, is->category, strlen(is->category), &bad);
        if (bad) { diag(r, "issue phrase has no [CODE] and the section CATEGORY is not a code"); return 0; }
        if (!code) return -1;
        return issue_add(is, s, n, code);
    }
    const char *phr = NULL;
    size_t phn = 0;
    uint32_t done[8];
    int ndone = 0;
    size_t i = 0;
    while (i < n) {
        const char *br = memchr(s + i, '[', n - i);
        if (!br) {
            const char *t = s + i;
            size_t tn = n - i;
            trim(&t, &tn);
            if (tn) diag(r, "text after the last [CODE] block ('%.*s') is not used", (int)(tn > 40 ? 40 : tn), t);
            break;
        }
        const char *cl = memchr(br, ']', n - (size_t)(br - s));
        if (!cl) { diag(r, "'[' without ']'"); return 0; }
        const char *t = s + i;
        size_t tn = (size_t)(br - t);
        trim(&t, &tn);
        if (tn) { phr = t; phn = tn; ndone = 0; }
        if (!phr) { diag(r, "issue [CODE] without a phrase before it"); return 0; }
        int bad;
        uint32_t code = issue_code(d, br + 1, (size_t)(cl - br - 1), &bad);
        if (bad) { diag(r, "cannot read the issue code '%.*s'", (int)(cl - br - 1), br + 1); return 0; }
        if (!code) return -1;
        int dup = 0;
        for (int q = 0; q < ndone; q++) if (done[q] == code) dup = 1;
        if (!dup) {
            if (issue_add(is, phr, phn, code)) return -1;
            if (ndone < 8) done[ndone++] = code;
        }
        i = (size_t)(cl - s) + 1;
    }
    return 0;
}

/* issues -> { section | '</ISSUE>' | issue line }; a stray '</ISSUE>' is
 * harmless. dy_issue has no category: sections only supply default codes. */
dyad_status dy_read_petrarch_issues(dy_dict *d, const char *path, const char *text, size_t len,
                                    dyad_err *err) {
    istate *is = calloc(1, sizeof *is);
    if (!is) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    petr *r = &is->r;
    if (petr_open(r, d, path, text, len)) goto oom;
    const char *s;
    size_t n;
    while (next_line(r, &s, &n)) {
        if (starts_ci(s, n, "</ISSUE")) { is->category[0] = 0; continue; }
        if (starts_ci(s, n, "<ISSUE")) { issue_section(is, s, n); continue; }
        if (s[0] == '<') { diag(r, "unknown tag '%.*s'", (int)(n > 40 ? 40 : n), s); continue; }
        if (issues_line(is, s, n)) goto oom;
    }
    petr_close(r);
    free(is);
    return DYAD_OK;
oom:
    free(is);
    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
}

/* ======================================================================
 * config.ini
 * ====================================================================== */

#define CFG_MAX 64

typedef struct cfg_entry {
    char section[32];
    char key[64];
    char val[2048];
} cfg_entry;

static const char *cfg_get(const cfg_entry *e, int n, const char *section, const char *key) {
    for (int i = 0; i < n; i++)
        if (strlen(e[i].section) == strlen(section) && starts_ci(e[i].section, strlen(section), section) &&
            strlen(e[i].key) == strlen(key) && starts_ci(e[i].key, strlen(key), key))
            return e[i].val;
    return NULL;
}

static int cfg_true(const char *v) {
    return v && (starts_ci(v, strlen(v), "true") || starts_ci(v, strlen(v), "yes") || strcmp(v, "1") == 0 ||
                 starts_ci(v, strlen(v), "on"));
}

static int file_exists(const char *p) {
    struct stat sb;
    return stat(p, &sb) == 0 && !S_ISDIR(sb.st_mode);
}

typedef dyad_status (*reader_fn)(dy_dict *, const char *, const char *, size_t, dyad_err *);

/* Read the dictionary `name` named by the config in cfgdir: an absolute
 * name as is; else under the [Dictionaries] dictionary path if one is given
 * (relative to the config), else next to the config, in ../dictionaries/ or
 * in dictionaries/ (PETRARCH's own data layout). */
static dyad_status cfg_read(dy_dict *d, const char *cfgdir, const char *dictdir, const char *name,
                            size_t nn, reader_fn fn, dyad_err *err) {
    char cand[4][4096];
    int nc = 0, n[3] = {0, 0, 0};
    const int cap = (int)sizeof cand[0];
    if (name[0] == '/') n[nc++] = snprintf(cand[0], sizeof cand[0], "%.*s", (int)nn, name);
    else if (dictdir) {
        if (dictdir[0] == '/') n[nc++] = snprintf(cand[0], sizeof cand[0], "%s/%.*s", dictdir, (int)nn, name);
        else n[nc++] = snprintf(cand[0], sizeof cand[0], "%s/%s/%.*s", cfgdir, dictdir, (int)nn, name);
    } else {
        n[nc++] = snprintf(cand[0], sizeof cand[0], "%s/%.*s", cfgdir, (int)nn, name);
        n[nc++] = snprintf(cand[1], sizeof cand[1], "%s/../dictionaries/%.*s", cfgdir, (int)nn, name);
        n[nc++] = snprintf(cand[2], sizeof cand[2], "%s/dictionaries/%.*s", cfgdir, (int)nn, name);
    }
    for (int i = 0; i < nc; i++)
        if (n[i] < 0 || n[i] >= cap)
            return dy_error(err, DYAD_EIO, cfgdir, 0, "dictionary path too long: '%.*s'", (int)(nn < 200 ? nn : 200), name);
    int pick = 0;
    for (int i = 0; i < nc; i++) if (file_exists(cand[i])) { pick = i; break; }
    char *text;
    size_t len;
    dyad_status st = dy_read_file(d, cand[pick], &text, &len, err);
    if (st) return st;
    st = fn(d, cand[pick], text, len, err);
    free(text);
    return st;
}

/* config -> { '[' SECTION ']' | KEY ('=' | ':') VALUE { NL BLANK VALUE } }
 * with '#' / ';' comment lines (Python ConfigParser). From [Dictionaries]:
 * actorfile_list (comma-separated), agentfile_name (or agentsfile_name),
 * verbfile_name (P1verbfile_name instead when [Options]
 * use_Petrarch1_verb_dictionary is true and use_Petrarch2_verb_dictionary is
 * not), discardfile_name, issuefile_name, and optionally dictionary_path;
 * from [Options], require_dyad. */
dyad_status dy_load_petrarch_config(dy_dict *d, const char *path, dyad_err *err) {
    char *text;
    size_t len;
    dyad_status st = dy_read_file(d, path, &text, &len, err);
    if (st) return st;
    cfg_entry *e = calloc(CFG_MAX, sizeof *e);
    petr *r = malloc(sizeof *r);
    if (!e || !r || petr_open(r, d, path, text, len)) {
        free(e); free(r); free(text);
        return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    }
    int ne = 0, last = -1;
    char section[32] = "";
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *s = p;
        size_t n = (size_t)((nl ? nl : end) - p);
        p = nl ? nl + 1 : end;
        r->lineno++;
        int cont = n && is_blank(s[0]);
        trim(&s, &n);
        if (!n || s[0] == '#' || s[0] == ';') continue;
        if (cont && last >= 0) {
            size_t vl = strlen(e[last].val);
            if (vl + n + 2 < sizeof e[last].val) { e[last].val[vl] = ' '; memcpy(e[last].val + vl + 1, s, n); e[last].val[vl + 1 + n] = 0; }
            else diag(r, "value too long");
            continue;
        }
        last = -1;
        if (s[0] == '[') {
            if (s[n - 1] != ']' || n - 2 >= sizeof section) { diag(r, "cannot read the section header"); section[0] = 0; continue; }
            memcpy(section, s + 1, n - 2);
            section[n - 2] = 0;
            continue;
        }
        const char *eq = s;
        while (eq < s + n && *eq != '=' && *eq != ':') eq++;
        if (eq == s + n) { diag(r, "config line is not 'key = value'"); continue; }
        const char *k = s, *v = eq + 1;
        size_t kl = (size_t)(eq - s), vl = n - kl - 1;
        trim(&k, &kl);
        trim(&v, &vl);
        if (!kl || kl >= sizeof e[0].key || vl >= sizeof e[0].val) { diag(r, "cannot read the config line"); continue; }
        if (!section[0]) { diag(r, "config line outside a [section]"); continue; }
        if (ne == CFG_MAX) { diag(r, "too many config entries"); continue; }
        snprintf(e[ne].section, sizeof e[ne].section, "%s", section);
        memcpy(e[ne].key, k, kl);
        memcpy(e[ne].val, v, vl);
        last = ne++;
    }
    free(r);
    free(text);

    char cfgdir[4096];
    const char *slash = strrchr(path, '/');
    if (slash) snprintf(cfgdir, sizeof cfgdir, "%.*s", (int)(slash - path), path);
    else snprintf(cfgdir, sizeof cfgdir, ".");
    if (!cfgdir[0]) snprintf(cfgdir, sizeof cfgdir, "/");
    static const char *const dirkeys[] = {"dictionary_path", "dictionaries_path", "dictionary_dir",
                                          "dictionaries_dir", "dict_path", "dict_dir"};
    const char *dictdir = NULL;
    for (size_t i = 0; i < DY_ARRAY_LEN(dirkeys) && !dictdir; i++) dictdir = cfg_get(e, ne, "Dictionaries", dirkeys[i]);
    if (dictdir && !dictdir[0]) dictdir = NULL;

    int any = 0;
    const char *actors = cfg_get(e, ne, "Dictionaries", "actorfile_list");
    if (!actors) actors = cfg_get(e, ne, "Dictionaries", "actorfile_name");
    for (const char *a = actors; a && *a && !st;) {
        const char *c = strchr(a, ',');
        const char *nm = a;
        size_t nn = c ? (size_t)(c - a) : strlen(a);
        trim(&nm, &nn);
        if (nn) { st = cfg_read(d, cfgdir, dictdir, nm, nn, dy_read_petrarch_actors, err); any = 1; }
        a = c ? c + 1 : NULL;
    }
    const char *agents = cfg_get(e, ne, "Dictionaries", "agentfile_name");
    if (!agents) agents = cfg_get(e, ne, "Dictionaries", "agentsfile_name");
    if (!st && agents && *agents) { st = cfg_read(d, cfgdir, dictdir, agents, strlen(agents), dy_read_petrarch_agents, err); any = 1; }
    const char *verbs = cfg_get(e, ne, "Dictionaries", "verbfile_name");
    const char *p1 = cfg_get(e, ne, "Dictionaries", "P1verbfile_name");
    int use1 = cfg_true(cfg_get(e, ne, "Options", "use_Petrarch1_verb_dictionary"));
    int use2 = cfg_true(cfg_get(e, ne, "Options", "use_Petrarch2_verb_dictionary"));
    if (p1 && *p1 && use1) {
        if (!st) { st = cfg_read(d, cfgdir, dictdir, p1, strlen(p1), dy_read_petrarch_verbs, err); any = 1; }
        if (!use2) verbs = NULL;
    }
    if (!st && verbs && *verbs) { st = cfg_read(d, cfgdir, dictdir, verbs, strlen(verbs), dy_read_petrarch_verbs, err); any = 1; }
    const char *disc = cfg_get(e, ne, "Dictionaries", "discardfile_name");
    if (!st && disc && *disc) { st = cfg_read(d, cfgdir, dictdir, disc, strlen(disc), dy_read_petrarch_discards, err); any = 1; }
    const char *iss = cfg_get(e, ne, "Dictionaries", "issuefile_name");
    if (!st && iss && *iss) { st = cfg_read(d, cfgdir, dictdir, iss, strlen(iss), dy_read_petrarch_issues, err); any = 1; }
    const char *rd = cfg_get(e, ne, "Options", "require_dyad");
    if (rd && *rd) d->set.require_dyad = cfg_true(rd);
    free(e);
    if (!st && !any)
        st = dy_error(err, DYAD_ESYNTAX, path, 0, "the config names no dictionary files (no [Dictionaries] section?)");
    return st;
}
