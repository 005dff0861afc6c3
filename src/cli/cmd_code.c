/*
 * cmd_code.c -- `dyad code` and `dyad explain`: read documents, code them
 * with libdyad, write JSONL events. Documents go in batches; with -j N,
 * N - 1 pthreads workers and the reading thread code batches in parallel
 * (one coder per thread, the compiled dictionary shared read-only: N
 * coders in all, so -j N keeps N cores busy without oversubscribing them)
 * and the main thread writes the batches back in input order, so output
 * never depends on N.
 */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- growable text ---- */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static int text_reserve(text *t, size_t extra) {
    if (t->len + extra <= t->cap) return 0;
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + extra) cap *= 2;
    char *np = realloc(t->p, cap);
    if (!np) return -1;
    t->p = np;
    t->cap = cap;
    return 0;
}

static int text_add(text *t, const char *s, size_t n) {
    if (text_reserve(t, n + 1)) return -1;
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = 0;
    return 0;
}

/* ---- batches ---- */

#define BATCH_DOCS 256

typedef struct batch {
    /* input: the documents' strings live in `in`, records refer to offsets */
    text in;
    struct {
        size_t id, date, txt, extra, file;
        size_t len;
        int line, has_extra;
    } doc[BATCH_DOCS];
    int ndoc;
    /* output */
    text out, err;
    int bad;
    int state; /* 0 free, 4 being filled, 1 filled (to code), 2 coding, 3 coded */
    long seq;
} batch;

typedef struct pool {
    const dyad_dict *dict;
    dyad_code_options copt;
    const char **options; /* --option lines, applied to every coder */
    int noptions;
    dyad_coder *main_coder; /* the reading thread's own, for when it would wait */
    batch *b;
    int nb;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int quit;
    int write_failed; /* standard output took no more: reported, the run ends */
} pool;

typedef struct sink {
    text *out;
    const char *extra;
    int failed;      /* out of memory: the document's events stopped here */
} sink;

/* Room kept free in the output for the next event: more than an event's JSON
 * bound (dyad_event_to_json) usually is, so it is written there directly. */
#define EVENT_ROOM 4096

/* Append the event's JSON line to the batch's output: written straight into
 * its free room, and again after growing it when the event did not fit. */
static int sink_event(void *ctx, const dyad_event *ev) {
    sink *s = ctx;
    text *t = s->out;
    if (text_reserve(t, EVENT_ROOM)) return s->failed = 1;
    size_t need = dyad_event_to_json(ev, s->extra, t->p + t->len, t->cap - t->len);
    if (need == SIZE_MAX) return s->failed = 1;
    if (need + 2 > t->cap - t->len) { /* cut: room for it, its newline and NUL, then again */
        if (text_reserve(t, need + 2)) return s->failed = 1;
        dyad_event_to_json(ev, s->extra, t->p + t->len, need + 1);
    }
    t->len += need;
    t->p[t->len++] = '\n';
    t->p[t->len] = 0;
    return 0;
}

/* Code every document of a batch into its out/err texts. */
static void code_batch(dyad_coder *c, batch *b, int explain) {
    sink s;
    s.out = &b->out;
    b->out.len = b->err.len = 0;
    b->bad = 0;
    for (int i = 0; i < b->ndoc; i++) {
        const char *base = b->in.p;
        dyad_doc doc = {base + b->doc[i].id, base + b->doc[i].date, base + b->doc[i].txt, b->doc[i].len};
        s.extra = b->doc[i].has_extra ? base + b->doc[i].extra : NULL;
        dyad_err err;
        s.failed = 0;
        int rc = dyad_coder_code(c, &doc, sink_event, &s, &err);
        if (!rc && s.failed) {
            rc = -1;
            snprintf(err.msg, sizeof err.msg, "document '%s': out of memory writing its events (those before are kept)",
                     doc.id);
        }
        if (rc) {
            char msg[1200];
            int n = snprintf(msg, sizeof msg, "dyad: %s:%d: %s\n", base + b->doc[i].file, b->doc[i].line, err.msg);
            if (n > 0) text_add(&b->err, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
            b->bad = 1;
        }
        if (explain) {
            const char *ex = dyad_coder_explain(c);
            text_add(&b->err, ex, strlen(ex));
        }
    }
}

static dyad_coder *new_coder(const pool *p) {
    dyad_coder *c = dyad_coder_new(p->dict, &p->copt);
    for (int i = 0; c && i < p->noptions; i++) dyad_coder_option(c, p->options[i]);
    return c;
}

static void *worker(void *arg) {
    pool *p = arg;
    dyad_coder *c = new_coder(p);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        batch *todo = NULL;
        for (int i = 0; i < p->nb; i++)
            if (p->b[i].state == 1 && (!todo || p->b[i].seq < todo->seq)) todo = &p->b[i];
        if (!todo) {
            if (p->quit) break;
            pthread_cond_wait(&p->cv, &p->mu);
            continue;
        }
        todo->state = 2;
        pthread_mutex_unlock(&p->mu);
        if (c) code_batch(c, todo, p->copt.explain);
        else { todo->err.len = 0; text_add(&todo->err, "dyad: out of memory\n", 20); todo->bad = 1; }
        pthread_mutex_lock(&p->mu);
        todo->state = 3;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    dyad_coder_free(c);
    return NULL;
}

/* Append a record's strings to the batch. */
static int batch_add(batch *b, const dyad_record *rec, const char *file) {
    const char *id = rec->doc.id ? rec->doc.id : "", *date = rec->doc.date ? rec->doc.date : "";
    size_t at = b->in.len;
    int i = b->ndoc;
    b->doc[i].id = at;
    if (text_add(&b->in, id, strlen(id) + 1)) return -1;
    b->doc[i].date = b->in.len;
    if (text_add(&b->in, date, strlen(date) + 1)) return -1;
    b->doc[i].txt = b->in.len;
    if (text_add(&b->in, rec->doc.text ? rec->doc.text : "", rec->doc.len)) return -1;
    if (text_add(&b->in, "", 1)) return -1;
    b->doc[i].len = rec->doc.len;
    b->doc[i].has_extra = rec->extra != NULL;
    b->doc[i].extra = b->in.len;
    if (rec->extra && text_add(&b->in, rec->extra, strlen(rec->extra) + 1)) return -1;
    b->doc[i].file = b->in.len;
    if (text_add(&b->in, file, strlen(file) + 1)) return -1;
    b->doc[i].line = rec->line;
    b->ndoc++;
    return 0;
}

/* All n bytes at s to file descriptor fd; -1 (errno set) when a write fails. */
static int write_all(int fd, const char *s, size_t n) {
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

/* A coded batch's events, straight to standard output (a batch is tens of
 * kilobytes: no copy through a stdio buffer), then its messages. A failed
 * write (a full disk, say) is reported once and ends the run with status 2;
 * what was written before it stays. */
static void write_batch(pool *p, batch *b, int *status) {
    if (!p->write_failed && b->out.len && write_all(STDOUT_FILENO, b->out.p, b->out.len)) {
        fprintf(stderr, "dyad code: writing the events to standard output failed: %s\n", strerror(errno));
        p->write_failed = 1;
        *status = 2;
    }
    if (b->err.len) fwrite(b->err.p, 1, b->err.len, stderr);
    if (b->bad && *status == 0) *status = 1;
}

/* Write the coded batches that are next in input order. wait: 0 only what
 * is ready; 1 until at least one batch is freed; 2 until all are written. */
static void drain(pool *p, long *seq_out, int *status, int wait) {
    pthread_mutex_lock(&p->mu);
    int freed = 0;
    for (;;) {
        batch *next = NULL;
        int busy = 0;
        for (int i = 0; i < p->nb; i++) {
            if (p->b[i].state >= 1 && p->b[i].state <= 3) busy++;
            if (p->b[i].state != 0 && p->b[i].state != 4 && p->b[i].seq == *seq_out) next = &p->b[i];
        }
        if (next && next->state == 3) {
            pthread_mutex_unlock(&p->mu);
            write_batch(p, next, status);
            pthread_mutex_lock(&p->mu);
            next->state = 0;
            next->ndoc = 0;
            next->in.len = 0;
            (*seq_out)++;
            freed++;
            continue;
        }
        if (!busy || wait == 0 || (wait == 1 && freed)) break;
        pthread_cond_wait(&p->cv, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
}

/* A free batch to fill, writing finished ones out when none is free. */
static batch *take_free(pool *p, long *seq_in, long *seq_out, int *status, int solo) {
    for (;;) {
        if (!solo) pthread_mutex_lock(&p->mu);
        batch *b = NULL;
        for (int i = 0; i < p->nb && !b; i++)
            if (p->b[i].state == 0) b = &p->b[i];
        if (b) { b->state = solo ? 0 : 4; b->seq = (*seq_in)++; }
        /* none free: rather than wait, the reading thread codes a waiting batch itself */
        batch *todo = NULL;
        if (!b && !solo)
            for (int i = 0; i < p->nb; i++)
                if (p->b[i].state == 1 && (!todo || p->b[i].seq < todo->seq)) todo = &p->b[i];
        if (todo) todo->state = 2;
        if (!solo) pthread_mutex_unlock(&p->mu);
        if (b) return b;
        if (todo) {
            if (!p->main_coder) p->main_coder = new_coder(p);
            if (p->main_coder) code_batch(p->main_coder, todo, p->copt.explain);
            pthread_mutex_lock(&p->mu);
            todo->state = p->main_coder ? 3 : 1;
            pthread_cond_broadcast(&p->cv);
            pthread_mutex_unlock(&p->mu);
            continue;
        }
        drain(p, seq_out, status, 1);
    }
}

static dyad_input_format parse_format(const char *s) {
    if (!strcmp(s, "jsonl") || !strcmp(s, "json")) return DYAD_INPUT_JSONL;
    if (!strcmp(s, "text") || !strcmp(s, "txt")) return DYAD_INPUT_TEXT;
    if (!strcmp(s, "tabari")) return DYAD_INPUT_TABARI;
    if (!strcmp(s, "petrarch") || !strcmp(s, "xml")) return DYAD_INPUT_PETRARCH;
    return (dyad_input_format)-1;
}

int cmd_code(int argc, char **argv) {
    const char *spec = NULL, *date = NULL, *v;
    dyad_input_format fmt = DYAD_INPUT_AUTO;
    dyad_code_options copt = {0, 0, 1};
    const char *files[256], *options[64];
    int nfiles = 0, jobs = 1, noptions = 0;
    for (int i = 1; i < argc; i++) {
        int k = cli_dict_choice(argc, argv, &i);
        if (k < 0) return 2;
        if (k) continue;
        if ((v = cli_opt_value(argc, argv, &i, "--dict"))) spec = v;
        else if ((v = cli_opt_value(argc, argv, &i, "--date"))) date = v;
        else if ((v = cli_opt_value(argc, argv, &i, "--input"))) {
            fmt = parse_format(v);
            if ((int)fmt < 0) { fprintf(stderr, "dyad code: unknown input format '%s'\n", v); return 2; }
        } else if (!strcmp(argv[i], "--all")) copt.all_modalities = 1;
        else if (!strcmp(argv[i], "--explain")) copt.explain = 1;
        else if (!strcmp(argv[i], "--every-mention")) copt.once_per_doc = 0;
        else if ((v = cli_opt_value(argc, argv, &i, "--option"))) {
            if (noptions == 64) { fprintf(stderr, "dyad code: at most 64 --option\n"); return 2; }
            options[noptions++] = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "-j")) ||
                   (argv[i][0] == '-' && argv[i][1] == 'j' && argv[i][2] >= '0' && argv[i][2] <= '9' && (v = argv[i] + 2))) {
            char *end;
            long n = strtol(v, &end, 10);
            jobs = *end || n < 1 || n > 256 ? 0 : (int)n; /* "-j 2" or "-j2" */
            if (jobs < 1 || jobs > 256) { fprintf(stderr, "dyad code: -j wants 1..256\n"); return 2; }
        } else if (argv[i][0] == '-' && argv[i][1]) { fprintf(stderr, "dyad code: unknown option '%s'\n", argv[i]); return 2; }
        else if (nfiles < 256) files[nfiles++] = argv[i];
        else { fprintf(stderr, "dyad code: at most 256 files\n"); return 2; }
    }
    if (nfiles == 0) files[nfiles++] = "-";
    dyad_dict *d = cli_load_dict(spec, 0, NULL);
    if (!d) return 2;

    pool p;
    memset(&p, 0, sizeof p);
    p.dict = d;
    p.copt = copt;
    p.options = options;
    p.noptions = noptions;
    /* enough batches in flight that a worker rarely finds none filled while the
     * reading thread codes one itself (3 per coder left the worker idle ~8% of
     * a -j 2 run, 8 about 3%) */
    p.nb = jobs == 1 ? 1 : 8 * jobs;
    p.b = calloc((size_t)p.nb, sizeof *p.b);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    dyad_coder *solo = jobs == 1 ? new_coder(&p) : NULL;
    if (!p.b || !th || (jobs == 1 && !solo)) { fprintf(stderr, "dyad: out of memory\n"); free(p.b); free(th); dyad_dict_free(d); return 2; }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    int nthreads = 0;
    if (jobs > 1)
        for (; nthreads < jobs - 1; nthreads++) /* the reading thread is the last coder */
            if (pthread_create(&th[nthreads], NULL, worker, &p)) break;

    int status = 0;
    long seq_in = 0, seq_out = 0;
    batch *cur = NULL;
    /* Hand a filled batch over (or code it here when single-threaded), then
     * write every batch that is done, in order. */
#define FLUSH_CUR(wait_all)                                                                      \
    do {                                                                                         \
        if (cur && cur->ndoc) {                                                                  \
            if (solo) { code_batch(solo, cur, copt.explain); write_batch(&p, cur, &status); cur->ndoc = 0; cur->in.len = 0; seq_out++; } \
            else { pthread_mutex_lock(&p.mu); cur->state = 1; pthread_cond_broadcast(&p.cv); pthread_mutex_unlock(&p.mu); } \
            cur = NULL;                                                                          \
        }                                                                                        \
        if (!solo) drain(&p, &seq_out, &status, (wait_all) ? 2 : 0);                              \
    } while (0)

    for (int f = 0; f < nfiles && !p.write_failed; f++) {
        dyad_err err;
        memset(&err, 0, sizeof err);
        dyad_reader *r = dyad_reader_open(files[f], fmt, date, &err);
        if (!r) { FLUSH_CUR(1); fprintf(stderr, "dyad: %s\n", err.msg); if (status == 0) status = 1; continue; }
        dyad_record rec;
        int k;
        while (!p.write_failed && (k = dyad_reader_next(r, &rec, &err)) != 0) {
            if (k < 0) {
                FLUSH_CUR(1); /* keep messages in input order */
                fprintf(stderr, "dyad: %s\n", err.msg);
                if (status == 0) status = 1; /* a failed write (2) stays */
                continue;
            }
            if (!cur) cur = take_free(&p, &seq_in, &seq_out, &status, solo != NULL);
            if (batch_add(cur, &rec, files[f])) { fprintf(stderr, "dyad: out of memory\n"); status = 2; break; }
            if (cur->ndoc == BATCH_DOCS) FLUSH_CUR(0);
        }
        dyad_reader_close(r);
    }
    FLUSH_CUR(1);
#undef FLUSH_CUR
    if (jobs > 1) {
        pthread_mutex_lock(&p.mu);
        p.quit = 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
    }
    for (int i = 0; i < p.nb; i++) { free(p.b[i].in.p); free(p.b[i].out.p); free(p.b[i].err.p); }
    free(p.b);
    free(th);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    dyad_coder_free(solo);
    dyad_coder_free(p.main_coder);
    dyad_dict_free(d);
    return status;
}

int cmd_explain(int argc, char **argv) {
    const char *spec = NULL, *date = NULL, *v, *txt = NULL;
    for (int i = 1; i < argc; i++) {
        int k = cli_dict_choice(argc, argv, &i);
        if (k < 0) return 2;
        if (k) continue;
        if ((v = cli_opt_value(argc, argv, &i, "--dict"))) spec = v;
        else if ((v = cli_opt_value(argc, argv, &i, "--date"))) date = v;
        else txt = argv[i];
    }
    if (!txt) { fprintf(stderr, "usage: dyad explain [--dict SPEC] [--date D] \"sentence\"\n"); return 2; }
    dyad_dict *d = cli_load_dict(spec, 0, NULL);
    if (!d) return 2;
    dyad_code_options copt = {1, 1, 0};
    dyad_coder *c = dyad_coder_new(d, &copt);
    text out = {NULL, 0, 0};
    sink s;
    s.out = &out;
    s.extra = NULL;
    s.failed = 0;
    dyad_doc doc = {"explain", date ? date : "", txt, strlen(txt)};
    dyad_err err;
    int status = 0;
    if (!c) { fprintf(stderr, "dyad: out of memory\n"); dyad_dict_free(d); return 2; }
    if (dyad_coder_code(c, &doc, sink_event, &s, &err)) { fprintf(stderr, "dyad: %s\n", err.msg); status = 1; }
    else if (s.failed) { fprintf(stderr, "dyad: out of memory writing the events\n"); status = 1; }
    if (out.len) fwrite(out.p, 1, out.len, stdout);
    printf("--- why ---\n%s", dyad_coder_explain(c));
    free(out.p);
    dyad_coder_free(c);
    dyad_dict_free(d);
    return status;
}
