/*
 * cmd_code.c -- `dyad code` and `dyad explain`: read documents, code them
 * with libdyad, write JSONL events through one buffered writer.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct out_ctx {
    FILE *out;
    const char *extra;
    char *buf;
    size_t cap;
    size_t events;
} out_ctx;

static int write_event(void *ctx, const dyad_event *ev) {
    out_ctx *o = ctx;
    size_t need = dyad_event_to_json(ev, o->extra, o->buf, o->cap);
    if (need + 1 > o->cap) {
        size_t cap = (need + 1) * 2;
        char *nb = realloc(o->buf, cap);
        if (!nb) return 1;
        o->buf = nb;
        o->cap = cap;
        dyad_event_to_json(ev, o->extra, o->buf, o->cap);
    }
    o->buf[need] = '\n';
    fwrite(o->buf, 1, need + 1, o->out);
    o->events++;
    return 0;
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
    dyad_code_options copt = {0, 0};
    const char *files[256];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if ((v = cli_opt_value(argc, argv, &i, "--dict"))) spec = v;
        else if ((v = cli_opt_value(argc, argv, &i, "--date"))) date = v;
        else if ((v = cli_opt_value(argc, argv, &i, "--input"))) {
            fmt = parse_format(v);
            if ((int)fmt < 0) { fprintf(stderr, "dyad code: unknown input format '%s'\n", v); return 2; }
        } else if (!strcmp(argv[i], "--all")) copt.all_modalities = 1;
        else if (!strcmp(argv[i], "--explain")) copt.explain = 1;
        else if ((v = cli_opt_value(argc, argv, &i, "-j"))) { (void)v; }
        else if (argv[i][0] == '-' && argv[i][1]) { fprintf(stderr, "dyad code: unknown option '%s'\n", argv[i]); return 2; }
        else if (nfiles < 256) files[nfiles++] = argv[i];
    }
    if (nfiles == 0) files[nfiles++] = "-";
    dyad_dict *d = cli_load_dict(spec, 0, NULL);
    if (!d) return 2;
    dyad_coder *c = dyad_coder_new(d, &copt);
    if (!c) { dyad_dict_free(d); fprintf(stderr, "dyad: out of memory\n"); return 2; }
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    out_ctx o = {stdout, NULL, NULL, 0, 0};
    int status = 0;
    for (int f = 0; f < nfiles; f++) {
        dyad_err err;
        memset(&err, 0, sizeof err);
        dyad_reader *r = dyad_reader_open(files[f], fmt, date, &err);
        if (!r) { fprintf(stderr, "dyad: %s\n", err.msg); status = 1; continue; }
        dyad_record rec;
        int k;
        while ((k = dyad_reader_next(r, &rec, &err)) != 0) {
            if (k < 0) { fprintf(stderr, "dyad: %s\n", err.msg); status = 1; continue; }
            o.extra = rec.extra;
            if (dyad_coder_code(c, &rec.doc, write_event, &o, &err)) {
                fprintf(stderr, "dyad: %s:%d: %s\n", files[f], rec.line, err.msg);
                status = 1;
            }
            if (copt.explain) fputs(dyad_coder_explain(c), stderr);
        }
        dyad_reader_close(r);
    }
    fflush(stdout);
    free(o.buf);
    dyad_coder_free(c);
    dyad_dict_free(d);
    return status;
}

int cmd_explain(int argc, char **argv) {
    const char *spec = NULL, *date = NULL, *v, *text = NULL;
    for (int i = 1; i < argc; i++) {
        if ((v = cli_opt_value(argc, argv, &i, "--dict"))) spec = v;
        else if ((v = cli_opt_value(argc, argv, &i, "--date"))) date = v;
        else text = argv[i];
    }
    if (!text) { fprintf(stderr, "usage: dyad explain [--dict SPEC] [--date D] \"sentence\"\n"); return 2; }
    dyad_dict *d = cli_load_dict(spec, 0, NULL);
    if (!d) return 2;
    dyad_code_options copt = {1, 1};
    dyad_coder *c = dyad_coder_new(d, &copt);
    out_ctx o = {stdout, NULL, NULL, 0, 0};
    dyad_doc doc = {"explain", date ? date : "", text, strlen(text)};
    dyad_err err;
    int status = 0;
    if (dyad_coder_code(c, &doc, write_event, &o, &err)) { fprintf(stderr, "dyad: %s\n", err.msg); status = 1; }
    printf("--- why ---\n%s", dyad_coder_explain(c));
    free(o.buf);
    dyad_coder_free(c);
    dyad_dict_free(d);
    return status;
}
