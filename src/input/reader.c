/*
 * reader.c -- reads documents in the input formats dyad accepts (JSONL,
 * plain text, TABARI records, PETRARCH XML) into dyad_record, one at a time.
 * A bad record is reported with its file and line (or id) and skipped; the
 * reader then goes on with the next one, so nothing before it is lost.
 * TABARI and PETRARCH validation records also yield their expected events.
 */
#include "../dyadInt.h"
#include "../tok/tokenize.h"
#include "../util/swar.h"

#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <jansson.h>
#include <stdio.h>

typedef struct xrec {
    char *id, *date, *text, *expected, *options;
    int line;
} xrec;

struct dyad_reader {
    FILE *f;
    int own;
    char *path;
    dyad_input_format fmt;
    char *default_date;
    char *line; size_t linecap;   /* getline buffer */
    char *iobuf;                  /* the stdio buffer of a file the reader opened */
    int lineno;
    int done;
    /* current record storage */
    char *id, *date, *text, *extra, *expected, *options;
    size_t idcap, datecap, textcap, textlen;
    /* TABARI: a header line read ahead */
    char *ahead;
    int ahead_line;
    /* PETRARCH: all records, parsed up front */
    xrec *x; size_t nx, capx, ix;
    int xml_failed;        /* 1: an XML error to report after the records; 2: reported */
    dyad_err xml_err;
};

static char *dupstr(const char *s) {
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p) memcpy(p, s, n + 1);
    return p;
}

static void set(char **slot, char *v) { free(*slot); *slot = v; }

/* Copy s[0..n) into a reused buffer (the id and date of every record). */
static int keep(char **slot, size_t *cap, const char *s, size_t n) {
    if (DY_GROW(*slot, *cap, n + 1)) return -1;
    memcpy(*slot, s, n);
    (*slot)[n] = 0;
    return 0;
}
static int keep_str(char **slot, size_t *cap, const char *s) { return keep(slot, cap, s, strlen(s)); }

/* Point rec at the reader's current document; returns 1 (a record). */
static int fill_record(dyad_reader *r, dyad_record *rec, const char *extra, const char *expected,
                       const char *options, int line) {
    rec->doc.id = r->id;
    rec->doc.date = r->date;
    rec->doc.text = r->text;
    rec->doc.len = r->textlen;
    rec->extra = extra;
    rec->expected = expected;
    rec->options = options;
    rec->line = line;
    return 1;
}

static ssize_t read_line(dyad_reader *r) {
    ssize_t n = getline(&r->line, &r->linecap, r->f);
    if (n >= 0) {
        r->lineno++;
        while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r')) r->line[--n] = 0;
    }
    return n;
}

static int append_text(dyad_reader *r, const char *s, size_t n) {
    if (DY_GROW(r->text, r->textcap, r->textlen + n + 2)) return -1;
    memcpy(r->text + r->textlen, s, n);
    r->textlen += n;
    r->text[r->textlen] = 0;
    return 0;
}

/* ---- JSONL ---- */

/* Fast path for the common line shape: a flat object whose values are all
 * strings. Any other shape (numbers, nesting, escapes in keys, duplicate
 * fields, control characters, non-ASCII bytes) returns 0 and the line goes
 * to jansson, which remains the parser of record and gives the error
 * messages. Returns 1 when the record was filled. */
static const char *skip_ws(const char *p, const char *e) {
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
    return p;
}

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Scan a JSON string at p (after the opening quote); returns the position
 * after the closing quote or NULL. *plain: no escapes inside. */
static const char *scan_string(const char *p, const char *e, int *plain) {
    *plain = 1;
    for (; p < e; p++) {
        p = dy_json_skip_plain(p, e);
        if (p >= e) break;
        unsigned char c = (unsigned char)*p;
        if (c == '"') return p + 1;
        if (c < 0x20) return NULL; /* bytes >= 0x80: UTF-8, checked once for the line */
        if (c == '\\') {
            *plain = 0;
            if (++p >= e) return NULL;
            if (*p == 'u') {
                if (e - p < 5) return NULL;
                for (int k = 1; k <= 4; k++) if (hexval(p[k]) < 0) return NULL;
                p += 4;
            } else if (!strchr("\"\\/bfnrt", *p)) return NULL;
        }
    }
    return NULL;
}

/* Decode a scanned JSON string body [s, e) (without quotes) to UTF-8. */
static char *decode_string(const char *s, const char *e, size_t *len) {
    char *out = malloc((size_t)(e - s) + 1), *w = out;
    if (!out) return NULL;
    for (const char *p = s; p < e; p++) {
        if (*p != '\\') { *w++ = *p; continue; }
        p++;
        switch (*p) {
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned cp = (unsigned)(hexval(p[1]) << 12 | hexval(p[2]) << 8 | hexval(p[3]) << 4 | hexval(p[4]));
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && e - p >= 7 && p[1] == '\\' && p[2] == 'u') {
                unsigned lo = (unsigned)(hexval(p[3]) << 12 | hexval(p[4]) << 8 | hexval(p[5]) << 4 | hexval(p[6]));
                if (lo >= 0xDC00 && lo < 0xE000) { cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); p += 6; }
            }
            if (cp == 0 || (cp >= 0xD800 && cp < 0xE000)) { free(out); return NULL; } /* let jansson judge */
            if (cp < 0x80) *w++ = (char)cp;
            else if (cp < 0x800) { *w++ = (char)(0xC0 | cp >> 6); *w++ = (char)(0x80 | (cp & 63)); }
            else if (cp < 0x10000) { *w++ = (char)(0xE0 | cp >> 12); *w++ = (char)(0x80 | ((cp >> 6) & 63)); *w++ = (char)(0x80 | (cp & 63)); }
            else { *w++ = (char)(0xF0 | cp >> 18); *w++ = (char)(0x80 | ((cp >> 12) & 63)); *w++ = (char)(0x80 | ((cp >> 6) & 63)); *w++ = (char)(0x80 | (cp & 63)); }
            break;
        }
        default: *w++ = *p; break; /* " \ / */
        }
    }
    *w = 0;
    *len = (size_t)(w - out);
    return out;
}

static int fast_jsonl(dyad_reader *r, const char *line, size_t n, dyad_record *rec) {
    const char *p = line, *e = line + n;
    if (dy_utf8_check(line, n) != (size_t)-1) return 0; /* jansson reports it */
    p = skip_ws(p, e);
    if (p >= e || *p++ != '{') return 0;
    const char *f[3][2] = {{0, 0}, {0, 0}, {0, 0}}; /* id, date, text: value body bounds */
    int plain[3] = {1, 1, 1};
    char extra[4096];
    size_t nextra = 0;
    extra[nextra++] = '{';
    p = skip_ws(p, e);
    if (p < e && *p == '}') return 0; /* no text field: jansson path reports it */
    for (;;) {
        if (p >= e || *p != '"') return 0;
        const char *k0 = p + 1;
        int kp;
        const char *k1 = scan_string(k0, e, &kp);
        if (!k1 || !kp) return 0;
        size_t klen = (size_t)(k1 - 1 - k0);
        p = skip_ws(k1, e);
        if (p >= e || *p++ != ':') return 0;
        p = skip_ws(p, e);
        if (p >= e || *p != '"') return 0;
        const char *v0 = p + 1;
        int vp;
        const char *v1 = scan_string(v0, e, &vp);
        if (!v1) return 0;
        int slot = klen == 2 && !memcmp(k0, "id", 2) ? 0 : klen == 4 && !memcmp(k0, "date", 4) ? 1
                 : klen == 4 && !memcmp(k0, "text", 4) ? 2 : -1;
        if (slot >= 0) {
            if (f[slot][0]) return 0; /* duplicate */
            f[slot][0] = v0;
            f[slot][1] = v1 - 1;
            plain[slot] = vp;
        } else {
            size_t m = (size_t)(v1 - (k0 - 1));
            if (nextra + m + 2 >= sizeof extra) return 0;
            if (nextra > 1) extra[nextra++] = ',';
            memcpy(extra + nextra, k0 - 1, (size_t)(k1 - (k0 - 1)));
            nextra += (size_t)(k1 - (k0 - 1));
            extra[nextra++] = ':';
            memcpy(extra + nextra, v0 - 1, (size_t)(v1 - (v0 - 1)));
            nextra += (size_t)(v1 - (v0 - 1));
        }
        p = skip_ws(v1, e);
        if (p < e && *p == ',') { p = skip_ws(p + 1, e); continue; }
        if (p < e && *p == '}') { p = skip_ws(p + 1, e); break; }
        return 0;
    }
    if (p != e || !f[2][0]) return 0;
    /* the text first: an escape jansson must judge leaves the record untouched */
    char *txt = NULL;
    size_t len;
    if (plain[2]) len = (size_t)(f[2][1] - f[2][0]);
    else if (!(txt = decode_string(f[2][0], f[2][1], &len))) return 0;
    r->textlen = 0;
    int bad = append_text(r, txt ? txt : f[2][0], len);
    free(txt);
    if (bad) return 0;
    for (int k = 0; k < 2; k++) {
        char **slot = k ? &r->date : &r->id;
        size_t *cap = k ? &r->datecap : &r->idcap;
        if (!f[k][0]) bad = keep_str(slot, cap, k ? (r->default_date ? r->default_date : "") : "");
        else if (plain[k]) bad = keep(slot, cap, f[k][0], (size_t)(f[k][1] - f[k][0]));
        else {
            char *v = decode_string(f[k][0], f[k][1], &len);
            bad = !v || keep(slot, cap, v, len);
            free(v);
        }
        if (bad) return 0;
    }
    extra[nextra++] = '}';
    set(&r->extra, nextra > 2 ? strndup(extra, nextra) : NULL);
    return fill_record(r, rec, r->extra, NULL, NULL, r->lineno);
}

static int next_jsonl(dyad_reader *r, dyad_record *rec, dyad_err *err) {
    for (;;) {
        ssize_t n = read_line(r);
        if (n < 0) return 0;
        const char *p = r->line;
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) continue;
        if (fast_jsonl(r, r->line, (size_t)n, rec)) return 1;
        json_error_t je;
        json_t *o = json_loadb(r->line, (size_t)n, JSON_ALLOW_NUL, &je);
        if (!o) {
            dy_error(err, DYAD_EINPUT, r->path, r->lineno, "%s:%d: not valid JSON: %s", r->path, r->lineno, je.text);
            return -1;
        }
        if (!json_is_object(o)) {
            json_decref(o);
            dy_error(err, DYAD_EINPUT, r->path, r->lineno, "%s:%d: a line must be a JSON object", r->path, r->lineno);
            return -1;
        }
        json_t *id = json_object_get(o, "id"), *date = json_object_get(o, "date"), *text = json_object_get(o, "text");
        char idbuf[64] = "";
        if (json_is_string(id)) snprintf(idbuf, sizeof idbuf, "%s", "");
        if (json_is_integer(id)) snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
        if (keep_str(&r->id, &r->idcap, json_is_string(id) ? json_string_value(id) : idbuf)) {
            json_decref(o);
            return -1;
        }
        if (!json_is_string(text)) {
            dy_error(err, DYAD_EINPUT, r->path, r->lineno, "%s:%d: record '%s' has no \"text\" string",
                     r->path, r->lineno, r->id ? r->id : "");
            json_decref(o);
            return -1;
        }
        if (keep_str(&r->date, &r->datecap,
                     json_is_string(date) ? json_string_value(date) : (r->default_date ? r->default_date : ""))) {
            json_decref(o);
            return -1;
        }
        r->textlen = 0;
        size_t tl = json_string_length(text);
        if (append_text(r, json_string_value(text), tl)) { json_decref(o); return -1; }
        json_object_del(o, "id");
        json_object_del(o, "date");
        json_object_del(o, "text");
        char *extra = json_object_size(o) ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        set(&r->extra, extra);
        json_decref(o);
        return fill_record(r, rec, r->extra, NULL, NULL, r->lineno);
    }
}

/* ---- plain text ---- */

static int next_text(dyad_reader *r, dyad_record *rec, dyad_err *err) {
    (void)err;
    if (r->done) return 0;
    r->done = 1;
    r->textlen = 0;
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, r->f)) > 0)
        if (append_text(r, buf, k)) return -1;
    if (!r->text && append_text(r, "", 0)) return -1;
    const char *base = strrchr(r->path, '/');
    if (keep_str(&r->id, &r->idcap, base ? base + 1 : r->path) ||
        keep_str(&r->date, &r->datecap, r->default_date ? r->default_date : ""))
        return -1;
    return fill_record(r, rec, NULL, NULL, NULL, 1);
}

/* ---- TABARI records ---- */

static int is_tabari_header(const char *s) {
    for (int i = 0; i < 6; i++) if (!isdigit((unsigned char)s[i])) return 0;
    return s[6] == ' ' || s[6] == '\t';
}

/* Parse the {...} annotations of a TABARI comment into expected/options. */
static int tabari_annotations(dyad_reader *r, const char *c) {
    char *exp = NULL, *opt = NULL;
    size_t ne = 0, ce = 0, no = 0, co = 0;
    int any = 0;
    for (const char *p = c; (p = strchr(p, '{')) != NULL;) {
        const char *q = strchr(p + 1, '}');
        const char *nextopen = strchr(p + 1, '{');
        if (!q || (nextopen && nextopen < q)) q = nextopen ? nextopen : p + strlen(p); /* unclosed: to the next { or the end */
        int minus = p > c && p[-1] == '-';
        char inner[512];
        size_t n = (size_t)(q - p - 1);
        if (n >= sizeof inner) n = sizeof inner - 1;
        memcpy(inner, p + 1, n);
        inner[n] = 0;
        p = *q ? q + 1 : q;
        if (minus) continue;
        char *s = inner;
        while (*s == ' ' || *s == '\t') s++;
        if (strncmp(s, "OPTION:", 7) == 0) {
            size_t l = strlen(s + 7);
            if (DY_GROW(opt, co, no + l + 2)) goto oom;
            memcpy(opt + no, s + 7, l);
            no += l;
            opt[no++] = '\n';
            opt[no] = 0;
            continue;
        }
        any = 1;
        /* "SRC / TGT / CODE" */
        char *f[3] = {0};
        int k = 0;
        for (char *tok = strtok(s, "/"); tok && k < 3; tok = strtok(NULL, "/")) f[k++] = tok;
        if (k != 3) continue; /* {+++}, {---}, {###}, {}: no events */
        char line[256];
        char a[3][80];
        for (int i = 0; i < 3; i++) {
            char *t = f[i];
            while (*t == ' ' || *t == '\t') t++;
            size_t l = strlen(t);
            while (l && (t[l - 1] == ' ' || t[l - 1] == '\t')) l--;
            snprintf(a[i], sizeof a[i], "%.*s", (int)l, t);
        }
        int len = snprintf(line, sizeof line, "%s %s %s\n", a[0], a[1], a[2]);
        if (DY_GROW(exp, ce, ne + (size_t)len + 1)) goto oom;
        memcpy(exp + ne, line, (size_t)len + 1);
        ne += (size_t)len;
    }
    set(&r->expected, any ? (exp ? exp : dupstr("")) : NULL);
    if (!any) free(exp);
    set(&r->options, opt ? opt : dupstr(""));
    return 0;
oom:
    free(exp);
    free(opt);
    return -1;
}

static int next_tabari(dyad_reader *r, dyad_record *rec, dyad_err *err) {
    (void)err;
    /* find a header */
    while (!r->ahead) {
        ssize_t n = read_line(r);
        if (n < 0) return 0;
        if (is_tabari_header(r->line)) { r->ahead = dupstr(r->line); r->ahead_line = r->lineno; }
    }
    char *hdr = r->ahead;
    int hline = r->ahead_line;
    r->ahead = NULL;
    char date[7];
    memcpy(date, hdr, 6);
    date[6] = 0;
    char *p = hdr + 6;
    while (*p == ' ' || *p == '\t') p++;
    char *e = p;
    while (*e && *e != ' ' && *e != '\t') e++;
    *e = 0;
    if (keep_str(&r->id, &r->idcap, p) || keep_str(&r->date, &r->datecap, date)) return -1;
    free(hdr);
    /* text until a blank line; the comment between slash-star and star-slash may span lines */
    r->textlen = 0;
    char *comment = NULL;
    size_t nc = 0, cc = 0;
    int in_comment = 0, started = 0;
    for (;;) {
        ssize_t n = read_line(r);
        if (n < 0) break;
        if (!in_comment && is_tabari_header(r->line)) { r->ahead = dupstr(r->line); r->ahead_line = r->lineno; break; }
        const char *s = r->line;
        int blank = 1;
        for (const char *q = s; *q; q++) if (*q != ' ' && *q != '\t') blank = 0;
        if (blank && !in_comment && started) break;
        while (*s) {
            if (in_comment) {
                const char *end = strstr(s, "*/");
                size_t k = end ? (size_t)(end - s) : strlen(s);
                if (DY_GROW(comment, cc, nc + k + 2)) { free(comment); return -1; }
                memcpy(comment + nc, s, k);
                nc += k;
                comment[nc++] = ' ';
                comment[nc] = 0;
                if (!end) break;
                in_comment = 0;
                s = end + 2;
            } else {
                const char *start = strstr(s, "/*");
                size_t k = start ? (size_t)(start - s) : strlen(s);
                if (k && append_text(r, s, k)) { free(comment); return -1; }
                if (k) started = 1;
                if (!start) { if (append_text(r, "\n", 1)) { free(comment); return -1; } break; }
                in_comment = 1;
                s = start + 2;
            }
        }
    }
    if (!r->text && append_text(r, "", 0)) { free(comment); return -1; }
    int rc = tabari_annotations(r, comment ? comment : "");
    free(comment);
    if (rc) return -1;
    return fill_record(r, rec, NULL, r->expected, r->options, hline);
}

/* ---- PETRARCH XML (expat, whole file) ---- */

typedef struct xstate {
    dyad_reader *r;
    xrec cur;
    int in_sentence, in_text;
    char *buf; size_t nbuf, capbuf;
    char *exp; size_t nexp, capexp;
    char *opt; size_t nopt, capopt;
    XML_Parser p;
    int oom;
} xstate;

static const char *attr(const XML_Char **a, const char *name) {
    for (; a && a[0]; a += 2) if (strcmp(a[0], name) == 0) return a[1];
    return NULL;
}

static void xappend(char **b, size_t *n, size_t *cap, const char *s, size_t k, int *oom) {
    if (DY_GROW(*b, *cap, *n + k + 1)) { *oom = 1; return; }
    memcpy(*b + *n, s, k);
    *n += k;
    (*b)[*n] = 0;
}

static void XMLCALL x_start(void *ud, const XML_Char *name, const XML_Char **a) {
    xstate *x = ud;
    if (strcmp(name, "Sentence") == 0) {
        memset(&x->cur, 0, sizeof x->cur);
        const char *id = attr(a, "id"), *date = attr(a, "date");
        x->cur.id = dupstr(id ? id : "");
        x->cur.date = dupstr(date ? date : "");
        x->cur.line = (int)XML_GetCurrentLineNumber(x->p);
        x->in_sentence = 1;
        x->nbuf = x->nexp = 0; /* options: a <Config> before the sentence stays with it */
        if (x->buf) x->buf[0] = 0;
        if (x->exp) x->exp[0] = 0;
    } else if (x->in_sentence && strcmp(name, "Text") == 0) {
        x->in_text = 1;
    } else if (x->in_sentence && strcmp(name, "EventCoding") == 0) {
        const char *s = attr(a, "sourcecode"), *t = attr(a, "targetcode"), *e = attr(a, "eventcode");
        const char *noev = attr(a, "noevents");
        if (s && t && e) {
            char line[256];
            int n = snprintf(line, sizeof line, "%s %s %s\n", s, t, e);
            xappend(&x->exp, &x->nexp, &x->capexp, line, (size_t)n, &x->oom);
        }
        (void)noev;
        xappend(&x->exp, &x->nexp, &x->capexp, "", 0, &x->oom);
    } else if (strcmp(name, "Config") == 0) {
        /* inside a sentence, or between sentences: a switch from the next one on (the
         * coder keeps it until another changes it) */
        const char *o = attr(a, "option"), *v = attr(a, "value");
        if (o && v) {
            char line[256];
            int n = snprintf(line, sizeof line, "%s = %s\n", o, v);
            xappend(&x->opt, &x->nopt, &x->capopt, line, (size_t)n, &x->oom);
        }
    }
}

static void XMLCALL x_end(void *ud, const XML_Char *name) {
    xstate *x = ud;
    if (strcmp(name, "Text") == 0) x->in_text = 0;
    else if (strcmp(name, "Sentence") == 0 && x->in_sentence) {
        x->in_sentence = 0;
        x->cur.text = dupstr(x->buf ? x->buf : "");
        x->cur.expected = x->exp ? dupstr(x->exp) : NULL;
        x->cur.options = dupstr(x->opt ? x->opt : "");
        x->nopt = 0;
        if (x->opt) x->opt[0] = 0;
        if (DY_PUSH(x->r->x, x->r->nx, x->r->capx, x->cur)) x->oom = 1;
    }
}

static void XMLCALL x_chars(void *ud, const XML_Char *s, int len) {
    xstate *x = ud;
    if (x->in_text) xappend(&x->buf, &x->nbuf, &x->capbuf, s, (size_t)len, &x->oom);
}

static int load_xml(dyad_reader *r, dyad_err *err) {
    xstate x;
    memset(&x, 0, sizeof x);
    x.r = r;
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p) return -1;
    x.p = p;
    XML_SetUserData(p, &x);
    XML_SetElementHandler(p, x_start, x_end);
    XML_SetCharacterDataHandler(p, x_chars);
    /* The peers' validation files nest comments ("<!-- ... <!-- x --> ... -->"),
     * which XML forbids; PETRARCH reads them anyway. Blank out comments by
     * nesting depth (newlines kept, so line numbers stay right), then parse. */
    char *all = NULL;
    size_t n = 0, cap = 0;
    char buf[65536];
    size_t k;
    int rc = 0;
    while ((k = fread(buf, 1, sizeof buf, r->f)) > 0) {
        if (DY_GROW(all, cap, n + k + 1)) { free(all); XML_ParserFree(p); return -1; }
        memcpy(all + n, buf, k);
        n += k;
    }
    /* UniversalPetrarch's "<PLEvent {json}" lines are annotations in JSON, not XML: blanked too */
    for (size_t i = 0; i + 8 <= n; i++)
        if ((i == 0 || all[i - 1] == '\n') && memcmp(all + i, "<PLEvent", 8) == 0)
            for (; i < n && all[i] != '\n'; i++) all[i] = ' ';
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 4 <= n && memcmp(all + i, "<!--", 4) == 0) { depth++; memset(all + i, ' ', 4); i += 3; continue; }
        if (depth && i + 3 <= n && memcmp(all + i, "-->", 3) == 0) { depth--; memset(all + i, ' ', 3); i += 2; continue; }
        if (depth && all[i] != '\n') all[i] = ' ';
    }
    if (XML_Parse(p, all ? all : "", (int)n, 1) == XML_STATUS_ERROR) {
        dy_error(err, DYAD_EINPUT, r->path, (int)XML_GetCurrentLineNumber(p), "%s:%lu: XML error: %s",
                 r->path, (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
        rc = -1;
    }
    free(all);
    if (x.in_sentence) { free(x.cur.id); free(x.cur.date); }
    XML_ParserFree(p);
    free(x.buf);
    free(x.exp);
    free(x.opt);
    if (x.oom) rc = -1;
    return rc;
}

static int next_petrarch(dyad_reader *r, dyad_record *rec, dyad_err *err) {
    if (!r->done) {
        r->done = 1;
        dyad_err e;
        memset(&e, 0, sizeof e);
        if (load_xml(r, &e)) {
            /* the records before the error are still read; the error comes after them */
            r->xml_failed = 1;
            r->xml_err = e;
        }
    }
    if (r->ix >= r->nx) {
        if (r->xml_failed == 1) {
            r->xml_failed = 2;
            if (err) *err = r->xml_err;
            return -1;
        }
        return 0;
    }
    xrec *x = &r->x[r->ix++];
    rec->doc.id = x->id;
    rec->doc.date = x->date;
    rec->doc.text = x->text;
    rec->doc.len = strlen(x->text);
    rec->extra = NULL;
    rec->expected = x->expected;
    rec->options = x->options;
    rec->line = x->line;
    return 1;
}

/* ---- open / dispatch ---- */

static dyad_input_format detect(const char *path, FILE *f) {
    size_t n = strlen(path);
    if (n >= 6 && strcmp(path + n - 6, ".jsonl") == 0) return DYAD_INPUT_JSONL;
    if (n >= 5 && strcmp(path + n - 5, ".json") == 0) return DYAD_INPUT_JSONL;
    if (n >= 4 && strcmp(path + n - 4, ".xml") == 0) return DYAD_INPUT_PETRARCH;
    int c;
    while ((c = fgetc(f)) != EOF && isspace(c)) {}
    if (c == EOF) return DYAD_INPUT_JSONL;
    ungetc(c, f);
    if (c == '{') return DYAD_INPUT_JSONL;
    if (c == '<') return DYAD_INPUT_PETRARCH;
    if (isdigit(c) || c == '#') {
        /* TABARI files start with "######" banners or a YYMMDD header */
        return DYAD_INPUT_TABARI;
    }
    return DYAD_INPUT_TEXT;
}

dyad_reader *dyad_reader_open(const char *path, dyad_input_format fmt, const char *default_date,
                              dyad_err *err) {
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r) { dy_error(err, DYAD_ENOMEM, path, 0, "out of memory"); return NULL; }
    if (!path || strcmp(path, "-") == 0) { r->f = stdin; path = "<stdin>"; }
    else {
        r->f = fopen(path, "rb");
        if (!r->f) { dy_error(err, DYAD_EIO, path, 0, "%s: cannot open: %s", path, strerror(errno)); free(r); return NULL; }
        r->own = 1;
    }
    /* a file the reader opened reads in 256 KB blocks, not stdio's 4 KB (glibc takes
     * a size only with a buffer; set before any read) */
    if (r->own && (r->iobuf = malloc(1 << 18)) != NULL) setvbuf(r->f, r->iobuf, _IOFBF, 1 << 18);
    r->path = dupstr(path);
    r->default_date = default_date ? dupstr(default_date) : NULL;
    r->fmt = fmt == DYAD_INPUT_AUTO ? detect(path, r->f) : fmt;
    return r;
}

int dyad_reader_next(dyad_reader *r, dyad_record *rec, dyad_err *err) {
    if (!r || !rec) return -1;
    switch (r->fmt) {
    case DYAD_INPUT_JSONL: return next_jsonl(r, rec, err);
    case DYAD_INPUT_TEXT: return next_text(r, rec, err);
    case DYAD_INPUT_TABARI: return next_tabari(r, rec, err);
    case DYAD_INPUT_PETRARCH: return next_petrarch(r, rec, err);
    default: return 0;
    }
}

void dyad_reader_close(dyad_reader *r) {
    if (!r) return;
    if (r->own) fclose(r->f);
    free(r->iobuf); /* after fclose, which may still use it */
    free(r->path); free(r->default_date); free(r->line);
    free(r->id); free(r->date); free(r->text); free(r->extra); free(r->expected); free(r->options);
    free(r->ahead);
    for (size_t i = 0; i < r->nx; i++) {
        free(r->x[i].id); free(r->x[i].date); free(r->x[i].text); free(r->x[i].expected); free(r->x[i].options);
    }
    free(r->x);
    free(r);
}
