/*
 * read_tabari.c -- readers for TABARI's .actors, .agents, .verbs and
 * .options files (TABARI 0.8 manual, chapters 5-6 and 8). Every line is
 * either used or reported as a diagnostic with file:line.
 *
 *   actors  -> { comment | section | entry | multi-line entry }
 *   entry   -> PHRASE code-block { code-block } [';' comment]
 *   multi   -> PHRASE NL { '+' PHRASE NL } { code-block NL }
 *   code-block -> '[' CODE [ '<' DATE | '>' DATE | DATE '-' DATE ] ']'
 *   verbs   -> [ <SYNSETS> synsets </SYNSETS> ] [ <TIME> ... </TIME> ] { root }
 *   root    -> PHRASE '[' vcode ']' NL [ '{' FORM { FORM } '}' NL ] { '-' PATTERN '[' vcode ']' NL }
 */
#include "dict.h"

#include <ctype.h>
#include <stdio.h>

typedef struct line_iter {
    const char *p, *end;
    uint32_t lineno;
} line_iter;

/* Next line without its newline; trailing blanks and \r trimmed. */
static int next_line(line_iter *it, const char **s, size_t *n) {
    if (it->p >= it->end) return 0;
    const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
    const char *e = nl ? nl : it->end;
    *s = it->p;
    *n = (size_t)(e - it->p);
    it->p = nl ? nl + 1 : it->end;
    it->lineno++;
    while (*n && ((*s)[*n - 1] == '\r' || (*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) (*n)--;
    return 1;
}

static void trim(const char **s, size_t *n) {
    while (*n && (**s == ' ' || **s == '\t')) { (*s)++; (*n)--; }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r')) (*n)--;
}

/* Cut a ';' comment. */
static void cut_comment(const char *s, size_t *n) {
    const char *semi = memchr(s, ';', *n);
    if (semi) *n = (size_t)(semi - s);
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t')) (*n)--;
}

static int is_comment(const char *s, size_t n) {
    return n == 0 || s[0] == '#' || (s[0] == '/' && (n == 1 || s[1] == '/' || s[1] == '*' || s[1] == ' ')) ||
           (n >= 2 && s[0] == '/' );
}

static int is_finish(const char *s, size_t n) {
    return (n == 6 && memcmp(s, "FINISH", 6) == 0) || (n >= 3 && memcmp(s, "~~~", 3) == 0);
}

static int tag_is(const char *s, size_t n, const char *tag) {
    size_t t = strlen(tag);
    if (n < t) return 0;
    for (size_t i = 0; i < t; i++)
        if (toupper((unsigned char)s[i]) != tag[i]) return 0;
    return 1;
}

/* ---- actors ---- */

/* Parse the code blocks "[..] [..]" in s; returns the count or -1. */
static int parse_code_blocks(dy_dict *d, const char *s, size_t n, dy_dated_code *out, int max) {
    int k = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i >= n) break;
        /* text after the code blocks is a remark (TABARI reads only the blocks) */
        if (s[i] != '[') return k > 0 && !memchr(s + i, '[', n - i) ? k : -1;
        const char *close = memchr(s + i, ']', n - i);
        if (!close || k >= max) return -1;
        if (dy_dict_dated_code(d, s + i + 1, (size_t)(close - s - i - 1), &out[k])) return -1;
        k++;
        i = (size_t)(close - s) + 1;
    }
    return k;
}

dyad_status dy_read_tabari_actors(dy_dict *d, const char *path, const char *text, size_t len,
                                  dyad_err *err) {
    uint32_t file = dy_dict_file(d, path);
    if (file == UINT32_MAX) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    line_iter it = {text, text + len, 0};
    const char *s;
    size_t n;
    char why[256];
    enum { NORMAL, NOUNS, ADJECTIVES } section = NORMAL;
    /* a pending multi-line entry: phrases collected until code lines end it */
    dy_phrase pend[256];
    dy_dated_code codes[64];
    int npend = 0, ncodes = 0;
    dy_loc pend_loc = {file, 0};
#define FLUSH()                                                                                \
    do {                                                                                       \
        if (npend) {                                                                           \
            if (!ncodes) dy_dict_diag(d, pend_loc, "actor entry has no [CODE] line");          \
            else for (int q = 0; q < npend; q++)                                               \
                if (dy_dict_add_actor(d, pend[q], codes, (size_t)ncodes, pend_loc))            \
                    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");               \
        }                                                                                      \
        npend = 0; ncodes = 0;                                                                 \
    } while (0)

    while (next_line(&it, &s, &n)) {
        dy_loc loc = {file, it.lineno};
        int indented = n && (s[0] == ' ' || s[0] == '\t');
        cut_comment(s, &n);
        trim(&s, &n);
        if (is_comment(s, n)) continue;
        if (is_finish(s, n)) break;
        if (tag_is(s, n, "<NOUN>")) { FLUSH(); section = NOUNS; continue; }
        if (tag_is(s, n, "<ADJECTIVE>")) { FLUSH(); section = ADJECTIVES; continue; }
        if (tag_is(s, n, "</NOUN>") || tag_is(s, n, "</ADJECTIVE>")) { section = NORMAL; continue; }
        if (section != NORMAL) {
            dy_phrase ph;
            if (dy_dict_phrase(d, s, n, DY_PH_GAPS, &ph, why, sizeof why)) { dy_dict_diag(d, loc, "%s", why); continue; }
            if (section == NOUNS) { if (DY_PUSH(d->nouns, d->nnouns, d->capnouns, ph)) goto oom; }
            else if (DY_PUSH(d->adjectives, d->nadjectives, d->capadjectives, ph)) goto oom;
            continue;
        }
        if (s[0] == '[') {
            /* a code line of a multi-line entry */
            if (!npend) { dy_dict_diag(d, loc, "code line without an actor phrase before it"); continue; }
            int k = parse_code_blocks(d, s, n, codes + ncodes, (int)DY_ARRAY_LEN(codes) - ncodes);
            if (k < 0) { dy_dict_diag(d, loc, "cannot read the code block '%.*s'", (int)(n > 80 ? 80 : n), s); continue; }
            ncodes += k;
            continue;
        }
        if (s[0] == '+') {
            if (!npend) { dy_dict_diag(d, loc, "synonym '+' line without an actor before it"); continue; }
            if (ncodes) { dy_dict_diag(d, loc, "synonym after the code lines of its entry"); continue; }
            dy_phrase ph;
            if (dy_dict_phrase(d, s + 1, n - 1, DY_PH_GAPS, &ph, why, sizeof why)) { dy_dict_diag(d, loc, "%s", why); continue; }
            if (npend < (int)DY_ARRAY_LEN(pend)) pend[npend++] = ph;
            else dy_dict_diag(d, loc, "too many synonyms in one entry");
            continue;
        }
        (void)indented;
        FLUSH();
        const char *br = memchr(s, '[', n);
        size_t plen = br ? (size_t)(br - s) : n;
        dy_phrase ph;
        if (dy_dict_phrase(d, s, plen, DY_PH_GAPS, &ph, why, sizeof why)) { dy_dict_diag(d, loc, "%s", why); continue; }
        if (!ph.n) { dy_dict_diag(d, loc, "entry has no phrase"); continue; }
        pend[0] = ph;
        npend = 1;
        pend_loc = loc;
        if (br) {
            int k = parse_code_blocks(d, br, n - plen, codes, (int)DY_ARRAY_LEN(codes));
            if (k <= 0) {
                dy_dict_diag(d, loc, "cannot read the code block '%.*s'", (int)((n - plen) > 80 ? 80 : n - plen), br);
                npend = 0;
                continue;
            }
            ncodes = k;
            /* a single-line entry may still be followed by indented code lines; keep it pending */
        }
    }
    FLUSH();
    return DYAD_OK;
oom:
    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
#undef FLUSH
}

/* ---- agents ---- */

dyad_status dy_read_tabari_agents(dy_dict *d, const char *path, const char *text, size_t len,
                                  dyad_err *err) {
    uint32_t file = dy_dict_file(d, path);
    if (file == UINT32_MAX) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    line_iter it = {text, text + len, 0};
    const char *s;
    size_t n;
    char why[256];
    while (next_line(&it, &s, &n)) {
        dy_loc loc = {file, it.lineno};
        cut_comment(s, &n);
        trim(&s, &n);
        if (is_comment(s, n)) continue;
        if (is_finish(s, n)) break;
        const char *br = memchr(s, '[', n);
        const char *close = br ? memchr(br, ']', n - (size_t)(br - s)) : NULL;
        if (!br || !close) { dy_dict_diag(d, loc, "agent entry needs a [~CODE] block"); continue; }
        /* code: "~GOV" or "GOV~", blanks allowed */
        char code[64];
        size_t k = 0;
        for (const char *p = br + 1; p < close && k < 63; p++)
            if (*p != ' ' && *p != '\t') code[k++] = (char)toupper((unsigned char)*p);
        code[k] = 0;
        dy_agent a;
        memset(&a, 0, sizeof a);
        a.loc = loc;
        if (k >= 2 && code[0] == '~') { memmove(code, code + 1, k); k--; a.prefix = 0; }
        else if (k >= 2 && code[k - 1] == '~') { code[--k] = 0; a.prefix = 1; }
        else { dy_dict_diag(d, loc, "agent code '%s' has no '~' to say where it goes", code); continue; }
        a.code = dy_intern_add(&d->codes, code, k);
        if (!a.code) goto oom;
        /* phrase, with optional {PLURAL FORMS} */
        size_t plen = (size_t)(br - s);
        const char *brace = memchr(s, '{', plen);
        size_t head = brace ? (size_t)(brace - s) : plen;
        if (dy_dict_phrase(d, s, head, DY_PH_GAPS, &a.ph, why, sizeof why) || !a.ph.n) {
            dy_dict_diag(d, loc, "%s", a.ph.n ? why : "agent entry has no phrase");
            continue;
        }
        if (DY_PUSH(d->agents, d->nagents, d->capagents, a)) goto oom;
        if (brace) {
            const char *cb = memchr(brace, '}', plen - head);
            if (!cb) { dy_dict_diag(d, loc, "'{' without '}'"); continue; }
            const char *p = brace + 1;
            while (p < cb) {
                while (p < cb && (*p == ' ' || *p == '\t')) p++;
                const char *q = p;
                while (q < cb && *q != ' ' && *q != '\t') q++;
                if (q > p) {
                    dy_agent b = a;
                    if (dy_dict_phrase(d, p, (size_t)(q - p), 0, &b.ph, why, sizeof why) == 0 && b.ph.n) {
                        if (DY_PUSH(d->agents, d->nagents, d->capagents, b)) goto oom;
                    }
                }
                p = q;
            }
        }
    }
    return DYAD_OK;
oom:
    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
}

/* ---- verbs ---- */

static int split_code(const char *s, size_t n, size_t *body, const char **code, size_t *codelen) {
    const char *close = NULL, *open = NULL;
    for (size_t i = n; i-- > 0;) {
        if (!close && s[i] == ']') close = s + i;
        else if (close && s[i] == '[') { open = s + i; break; }
    }
    if (!open) return -1;
    *body = (size_t)(open - s);
    *code = open + 1;
    *codelen = (size_t)(close - open - 1);
    return 0;
}

static int add_form(dy_dict *d, uint32_t verb, const char *s, size_t n, char *why, size_t whycap) {
    dy_vform f;
    f.verb = verb;
    if (dy_dict_phrase(d, s, n, DY_PH_GAPS, &f.ph, why, whycap)) return -1;
    if (!f.ph.n) return 0;
    return DY_PUSH(d->vforms, d->nvforms, d->capvforms, f);
}

dyad_status dy_read_tabari_verbs(dy_dict *d, const char *path, const char *text, size_t len,
                                 dyad_err *err) {
    uint32_t file = dy_dict_file(d, path);
    if (file == UINT32_MAX) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    line_iter it = {text, text + len, 0};
    const char *s;
    size_t n;
    char why[256];
    enum { ROOTS, SYNSETS, TIME } section = ROOTS;
    uint32_t verb = UINT32_MAX;   /* current root */
    int forms_ok = 0;             /* a { forms } line may follow */
    int64_t cur_synset = -1;
    while (next_line(&it, &s, &n)) {
        dy_loc loc = {file, it.lineno};
        cut_comment(s, &n);
        trim(&s, &n);
        if (is_comment(s, n)) continue;
        if (is_finish(s, n)) break;
        if (tag_is(s, n, "<SYNSETS>")) { section = SYNSETS; continue; }
        if (tag_is(s, n, "</SYNSETS>")) { section = ROOTS; continue; }
        if (tag_is(s, n, "<TIME>")) { section = TIME; continue; }
        if (tag_is(s, n, "</TIME>")) { section = ROOTS; continue; }
        if (section == SYNSETS) {
            if (s[0] == '&') {
                dy_synset sy;
                char buf[256];
                size_t k = 0;
                for (size_t i = 0; i < n && k < 200; i++) if (s[i] != ' ' && s[i] != '\t') buf[k++] = (char)toupper((unsigned char)s[i]);
                sy.name = dy_intern_add(&d->codes, buf, k);
                sy.first = (uint32_t)d->nsynphrases;
                sy.n = 0;
                if (!sy.name || DY_PUSH(d->synsets, d->nsynsets, d->capsynsets, sy)) goto oom;
                cur_synset = (int64_t)d->nsynsets - 1;
            } else if (s[0] == '+') {
                if (cur_synset < 0) { dy_dict_diag(d, loc, "synonym '+' line before any &SYNSET name"); continue; }
                dy_phrase ph;
                if (dy_dict_phrase(d, s + 1, n - 1, DY_PH_GAPS | DY_PH_MARKERS, &ph, why, sizeof why)) { dy_dict_diag(d, loc, "%s", why); continue; }
                /* a synset that contains itself cannot be matched */
                int self = 0;
                for (uint32_t q = 0; q < ph.n; q++)
                    if (d->elems[ph.first + q].kind == DY_EL_SYNSET && d->elems[ph.first + q].id == (uint32_t)cur_synset) self = 1;
                if (self) { dy_dict_diag(d, loc, "synset refers to itself"); continue; }
                dy_synset *sy = &d->synsets[cur_synset]; /* the newest synset: its members are the last ones */
                if (DY_PUSH(d->synphrases, d->nsynphrases, d->capsynphrases, ph)) goto oom;
                sy->n++;
            } else {
                dy_dict_diag(d, loc, "in <SYNSETS>, expected '&NAME' or '+PHRASE'");
            }
            continue;
        }
        if (section == TIME) {
            /* time-shift entries: PHRASE [shift] or "- pattern [shift]". dyad does not shift
             * event dates; a [###] (discard) or [+++] (complex) entry leaves the sentence uncoded */
            size_t body; const char *code; size_t cl;
            if (split_code(s, n, &body, &code, &cl)) { dy_dict_diag(d, loc, "time entry needs a [shift] block"); continue; }
            char cb[16];
            size_t k = 0;
            for (size_t q = 0; q < cl && k < sizeof cb - 1; q++) if (code[q] != ' ') cb[k++] = code[q];
            cb[k] = 0;
            if ((strcmp(cb, "###") == 0 || strcmp(cb, "+++") == 0) && s[0] != '-') {
                dy_phrase ph;
                if (dy_dict_phrase(d, s, body, DY_PH_GAPS, &ph, why, sizeof why)) { dy_dict_diag(d, loc, "%s", why); continue; }
                uint8_t story = 0;
                if (DY_PUSH(d->discards, d->ndiscards, d->capdiscards, ph) ||
                    DY_PUSH(d->discard_story, d->ndiscard_story, d->capdiscard_story, story))
                    goto oom;
            }
            continue;
        }
        if (s[0] == '{') {
            if (!forms_ok || verb == UINT32_MAX) { dy_dict_diag(d, loc, "verb forms '{...}' must follow a verb root line"); continue; }
            const char *cb = memchr(s, '}', n);
            if (!cb) { dy_dict_diag(d, loc, "'{' without '}'"); continue; }
            const char *p = s + 1;
            while (p < cb) {
                while (p < cb && (*p == ' ' || *p == '\t')) p++;
                const char *q = p;
                while (q < cb && *q != ' ' && *q != '\t') q++;
                if (q > p && add_form(d, verb, p, (size_t)(q - p), why, sizeof why)) dy_dict_diag(d, loc, "%s", why);
                p = q;
            }
            forms_ok = 0;
            continue;
        }
        size_t body; const char *code; size_t cl;
        if (s[0] == '-') {
            forms_ok = 0;
            if (verb == UINT32_MAX) { dy_dict_diag(d, loc, "pattern before any verb root"); continue; }
            if (split_code(s + 1, n - 1, &body, &code, &cl)) { dy_dict_diag(d, loc, "pattern needs a [CODE] block"); continue; }
            dy_vcode vc;
            if (dy_dict_vcode(d, code, cl, &vc)) { dy_dict_diag(d, loc, "cannot read the event code '%.*s'", (int)cl, code); continue; }
            if (dy_dict_add_pattern(d, verb, s + 1, body, vc, loc, why, sizeof why))
                dy_dict_diag(d, loc, "%s", why);
            continue;
        }
        /* a root line */
        forms_ok = 0;
        if (split_code(s, n, &body, &code, &cl)) { dy_dict_diag(d, loc, "verb root needs a [CODE] block"); verb = UINT32_MAX; continue; }
        dy_vcode vc;
        if (dy_dict_vcode(d, code, cl, &vc)) { dy_dict_diag(d, loc, "cannot read the event code '%.*s'", (int)cl, code); verb = UINT32_MAX; continue; }
        const char *name = s;
        size_t nn = body;
        trim(&name, &nn);
        if (!nn) { dy_dict_diag(d, loc, "verb root has no word"); verb = UINT32_MAX; continue; }
        verb = dy_dict_verb(d, name, nn, loc);
        if (verb == UINT32_MAX) goto oom;
        dy_verb *v = &d->verbs[verb];
        int nonnull = vc.code || (vc.flags & (DY_VF_DISCARD | DY_VF_COMPLEX));
        if (nonnull) {
            if (v->has_default && (v->vc.code != vc.code || v->vc.flags != vc.flags))
                dy_dict_diag(d, loc, "verb '%.*s' already has a default code (%s:%u); this one is ignored",
                             (int)nn, name, d->files[v->loc.file], v->loc.line);
            else { v->vc = vc; v->has_default = 1; v->loc = loc; }
        } else if (!v->has_default) {
            v->vc = vc;
        }
        if (add_form(d, verb, name, nn, why, sizeof why)) dy_dict_diag(d, loc, "%s", why);
        forms_ok = 1;
    }
    return DYAD_OK;
oom:
    return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
}

/* ---- options ---- */

dyad_status dy_read_tabari_options(dy_dict *d, const char *path, const char *text, size_t len,
                                   dyad_err *err) {
    (void)err;
    d->set.min_words = 8; /* TABARI's default: no coding below 8 words (manual 4.3) */
    uint32_t file = dy_dict_file(d, path);
    if (file == UINT32_MAX) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    line_iter it = {text, text + len, 0};
    const char *s;
    size_t n;
    static const char *const known[] = {"COMPLEX:", "SET:", "OUTPUT:", "LABEL:", "FORWARD:",
                                        "DELETE:", "REPLACE:", "SKIP:", "COMMENT:", "DOC:",
                                        "COMMA:", "DEFAULT:", "ISSUES:", "NULLVERBS", "NULLACTORS"};
    while (next_line(&it, &s, &n)) {
        dy_loc loc = {file, it.lineno};
        trim(&s, &n);
        if (n == 0 || s[0] == '#' || (n >= 2 && s[0] == '/' && s[1] == '/')) continue;
        if (is_finish(s, n)) break;
        size_t i;
        for (i = 0; i < DY_ARRAY_LEN(known); i++)
            if (tag_is(s, n, known[i])) break;
        if (i == DY_ARRAY_LEN(known)) { dy_dict_diag(d, loc, "unknown option line"); continue; }
        if (tag_is(s, n, "COMPLEX:")) {
            char buf[256];
            size_t k = 0;
            for (size_t j = 8; j < n && k < 255; j++) if (s[j] != ' ' && s[j] != '\t') buf[k++] = (char)toupper((unsigned char)s[j]);
            buf[k] = 0;
            const char *p;
            if ((p = strstr(buf, "VERBS["))) d->set.complex_verbs = atoi(p + 6);
            if ((p = strstr(buf, "CONJ["))) d->set.complex_conj = atoi(p + 5);
            if ((p = strstr(buf, "ACTORS["))) d->set.complex_actors = atoi(p + 7);
            d->set.noactprior = strstr(buf, "NOACTPRIOR") != NULL;
            continue;
        }
        if (tag_is(s, n, "SET:")) {
            char buf[128];
            size_t k = 0;
            for (size_t j = 4; j < n && k < 127; j++) if (s[j] != ' ' && s[j] != '\t') buf[k++] = (char)toupper((unsigned char)s[j]);
            buf[k] = 0;
            if (strncmp(buf, "CONVERTAGENT", 12) == 0) {
                const char *eq = strchr(buf, '=');
                d->set.convert_agents = d->set.agent_tilde = eq && eq[1] == 'T';
            }
            else if (strcmp(buf, "CODEBYSENTENCE") == 0) d->set.code_by = 1;
            else if (strcmp(buf, "CODEALL") == 0) d->set.code_by = 2;
            else if (strcmp(buf, "CODEBYCLAUSE") == 0) d->set.code_by = 0;
        }
    }
    return DYAD_OK;
}
