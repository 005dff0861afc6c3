/*
 * cmd_validate.c -- `dyad validate SUITE`: runs a peer's validation suite
 * (TABARI .project + records, PETRARCH-1 unit-test XML, UniversalPetrarch
 * XML), honours the in-suite option switches, prints each failing record
 * and a last line "N passed, N failed". For the PETRARCH suites it also
 * prints the share of expected events found and the extra events per record.
 */
#include "cli.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct got_ctx {
    char *buf;
    size_t len, cap;
    int n;
} got_ctx;

static int collect(void *ctx, const dyad_event *ev) {
    got_ctx *g = ctx;
    char line[256];
    int n = snprintf(line, sizeof line, "%s %s %s\n", ev->source, *ev->target ? ev->target : "---", ev->code);
    if (n < 0) return 0;
    if (g->len + (size_t)n + 1 > g->cap) {
        size_t cap = (g->len + (size_t)n + 1) * 2;
        char *nb = realloc(g->buf, cap);
        if (!nb) return 1;
        g->buf = nb;
        g->cap = cap;
    }
    memcpy(g->buf + g->len, line, (size_t)n + 1);
    g->len += (size_t)n;
    g->n++;
    return 0;
}

/* Split "A B C\n..." lines into an array of pointers (modifies s). */
static int split_lines(char *s, char **out, int max) {
    int n = 0;
    for (char *p = s; p && *p && n < max;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        if (*p) {
            for (char *q = p; *q; q++) *q = (char)toupper((unsigned char)*q);
            out[n++] = p;
        }
        p = nl ? nl + 1 : NULL;
    }
    return n;
}

typedef struct score {
    int passed, failed, records;
    long expected, found, extra;
} score;

/* Compare expected and got (as multisets); updates found/extra. */
static int compare(const char *expected, const char *got, score *sc, int ordered) {
    char *e = strdup(expected ? expected : ""), *g = strdup(got ? got : "");
    char *ev[256], *gv[256];
    int ne = split_lines(e, ev, 256), ng = split_lines(g, gv, 256);
    int used[256] = {0};
    int found = 0;
    for (int i = 0; i < ne; i++)
        for (int j = 0; j < ng; j++)
            if (!used[j] && strcmp(ev[i], gv[j]) == 0) { used[j] = 1; found++; break; }
    int same = found == ne && ng == ne;
    if (same && ordered)
        for (int i = 0; i < ne; i++) if (strcmp(ev[i], gv[i]) != 0) same = 0;
    sc->expected += ne;
    sc->found += found;
    sc->extra += ng - found;
    free(e);
    free(g);
    return same;
}

/* Value of <Tag>...</Tag> in text, copied into out. */
static int xml_tag(const char *text, const char *tag, char *out, size_t cap) {
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(text, open), *b = a ? strstr(a, close) : NULL;
    if (!a || !b) return -1;
    a += strlen(open);
    while (a < b && isspace((unsigned char)*a)) a++;
    size_t n = (size_t)(b - a);
    while (n && isspace((unsigned char)a[n - 1])) n--;
    snprintf(out, cap, "%.*s", (int)n, a);
    return 0;
}

/* TABARI project: dictionary spec = the project; records = its <textfile>. */
static int tabari_textfile(const char *project, char *out, size_t cap) {
    FILE *f = fopen(project, "r");
    if (!f) return -1;
    char line[1024];
    int rc = -1;
    const char *slash = strrchr(project, '/');
    int dirlen = slash ? (int)(slash - project) : 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "<textfile>", 10) != 0) continue;
        char *p = line + 10;
        while (isspace((unsigned char)*p)) p++;
        size_t n = strlen(p);
        while (n && isspace((unsigned char)p[n - 1])) p[--n] = 0;
        if (dirlen && p[0] != '/') snprintf(out, cap, "%.*s/%s", dirlen, project, p);
        else snprintf(out, cap, "%s", p);
        rc = 0;
        break;
    }
    fclose(f);
    return rc;
}

/* PETRARCH XML: dictionary spec from <Environment>. */
static int petrarch_spec(const char *xml, char *out, size_t cap) {
    FILE *f = fopen(xml, "r");
    if (!f) return -1;
    char head[16384];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = 0;
    const char *slash = strrchr(xml, '/');
    int dirlen = slash ? (int)(slash - xml) : 0;
    static const char *const tags[] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile", "PICOfile"};
    out[0] = 0;
    size_t len = 0;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char v[512];
        if (xml_tag(head, tags[i], v, sizeof v)) continue;
        /* Actorfile may list several, separated by commas */
        for (char *p = strtok(v, ", "); p; p = strtok(NULL, ", ")) {
            int k = snprintf(out + len, cap - len, "%s%.*s%s%s", len ? "," : "", dirlen, xml, dirlen ? "/" : "", p);
            if (k < 0 || (size_t)k >= cap - len) return -1;
            len += (size_t)k;
        }
    }
    return len ? 0 : -1;
}

/* In-suite option switches (TABARI OPTION: records, PETRARCH <Config>). */
static void apply_options(dyad_coder *c, const dyad_record *rec, int verbose) {
    if (!rec->options || !*rec->options) return;
    char *opts = strdup(rec->options);
    for (char *p = strtok(opts, "\n"); p; p = strtok(NULL, "\n"))
        if (dyad_coder_option(c, p) && verbose) fprintf(stderr, "%s: option not applied: %s\n", rec->doc.id, p);
    free(opts);
}

int cmd_validate(int argc, char **argv) {
    const char *suite = NULL;
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        int k = cli_dict_choice(argc, argv, &i);
        if (k < 0) return 2;
        if (k) continue;
        if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) verbose = 1;
        else suite = argv[i];
    }
    if (!suite) { fprintf(stderr, "usage: dyad validate [--verbose] SUITE\n"); return 2; }
    size_t n = strlen(suite);
    int tabari = n > 8 && strcmp(suite + n - 8, ".project") == 0;
    char spec[8192], records[4096];
    if (tabari) {
        if (tabari_textfile(suite, records, sizeof records)) { fprintf(stderr, "dyad: %s: no <textfile> line\n", suite); return 2; }
        snprintf(spec, sizeof spec, "%s", suite);
    } else {
        if (petrarch_spec(suite, spec, sizeof spec)) { fprintf(stderr, "dyad: %s: no <Environment> dictionary files\n", suite); return 2; }
        snprintf(records, sizeof records, "%s", suite);
    }
    size_t ndiag = 0;
    dyad_dict *d = cli_load_dict(spec, verbose, &ndiag);
    if (!d) return 2;
    dyad_code_options copt = {1, 0, 0}; /* peers code every modality as fact, every mention */
    dyad_coder *c = dyad_coder_new(d, &copt);
    dyad_err err;
    memset(&err, 0, sizeof err);
    dyad_reader *r = dyad_reader_open(records, tabari ? DYAD_INPUT_TABARI : DYAD_INPUT_PETRARCH, NULL, &err);
    if (!r || !c) { fprintf(stderr, "dyad: %s\n", err.msg); dyad_coder_free(c); dyad_dict_free(d); return 2; }
    score sc = {0, 0, 0, 0, 0, 0};
    got_ctx g = {NULL, 0, 0, 0};
    dyad_record rec;
    int k, bad_input = 0;
    while ((k = dyad_reader_next(r, &rec, &err)) != 0) {
        if (k < 0) { fprintf(stderr, "dyad: %s\n", err.msg); bad_input = 1; continue; }
        if (tabari && strncmp(rec.doc.id, "FINAL", 5) == 0) break;
        if (!rec.expected) { apply_options(c, &rec, verbose); continue; } /* not a test record */
        /* PETRARCH: the <Config> switches before a sentence act from it on */
        if (!tabari) apply_options(c, &rec, verbose);
        g.len = 0;
        g.n = 0;
        if (g.buf) g.buf[0] = 0;
        if (dyad_coder_code(c, &rec.doc, collect, &g, &err)) { fprintf(stderr, "dyad: %s\n", err.msg); bad_input = 1; }
        sc.records++;
        if (compare(rec.expected, g.buf, &sc, 0)) sc.passed++;
        else {
            sc.failed++;
            printf("FAIL %s (line %d)\n  expected: ", rec.doc.id, rec.line);
            for (const char *p = rec.expected; *p; p++) putchar(*p == '\n' ? (p[1] ? ';' : ' ') : *p);
            if (!*rec.expected) printf("(no events)");
            printf("\n  got:      ");
            for (const char *p = g.buf ? g.buf : ""; *p; p++) putchar(*p == '\n' ? (p[1] ? ';' : ' ') : *p);
            if (!g.n) printf("(no events)");
            printf("\n");
        }
        if (tabari) apply_options(c, &rec, verbose); /* TABARI: a record's switches act from the next record on */
    }
    if (ndiag) printf("note: %zu dictionary lines could not be interpreted (dyad dict-check)\n", ndiag);
    if (!tabari && sc.expected)
        printf("found %.2f%% of expected events, extra %.2f%% per record\n", 100.0 * (double)sc.found / (double)sc.expected,
               sc.records ? 100.0 * (double)sc.extra / (double)sc.records : 0.0);
    printf("%d passed, %d failed\n", sc.passed, sc.failed);
    free(g.buf);
    dyad_reader_close(r);
    dyad_coder_free(c);
    dyad_dict_free(d);
    return bad_input ? 1 : 0;
}
