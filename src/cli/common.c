/*
 * common.c -- helpers shared by the subcommands: option values and loading
 * a dictionary with its diagnostics printed as file:line: message.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct diag_ctx {
    int verbose;
    size_t n;
} diag_ctx;

static void print_diag(void *ctx, const char *file, int line, const char *msg) {
    diag_ctx *d = ctx;
    d->n++;
    if (d->verbose) fprintf(stderr, "%s:%d: %s\n", file, line, msg);
}

/* Choices where the peers disagree, set by --paired, --before, --undated. */
static dyad_dict_options choices;
static int no_cache; /* --no-cache */

/* Where compiled dictionary sets are kept: $DYAD_CACHE_DIR ("" or "off":
 * nowhere), else $XDG_CACHE_HOME/dyad, else $HOME/.cache/dyad. */
static const char *cache_dir(char *buf, size_t cap) {
    const char *v = getenv("DYAD_CACHE_DIR");
    if (no_cache || (v && (!*v || !strcmp(v, "off")))) return NULL;
    if (v) return v;
    int n = (v = getenv("XDG_CACHE_HOME")) && *v ? snprintf(buf, cap, "%s/dyad", v)
            : (v = getenv("HOME")) && *v        ? snprintf(buf, cap, "%s/.cache/dyad", v)
                                                : -1;
    return n > 0 && (size_t)n < cap ? buf : NULL;
}

int cli_dict_choice(int argc, char **argv, int *i) {
    const char *v;
    if (!strcmp(argv[*i], "--no-cache")) { no_cache = 1; return 1; }
    if ((v = cli_opt_value(argc, argv, i, "--paired"))) {
        if (!strcmp(v, "dialect")) choices.paired = DYAD_PAIRED_DIALECT;
        else if (!strcmp(v, "events")) choices.paired = DYAD_PAIRED_EVENTS;
        else if (!strcmp(v, "voice")) choices.paired = DYAD_PAIRED_VOICE;
        else { fprintf(stderr, "dyad: --paired wants dialect, events or voice\n"); return -1; }
        return 1;
    }
    if ((v = cli_opt_value(argc, argv, i, "--before"))) {
        if (!strcmp(v, "strict") || !strcmp(v, "inclusive")) { choices.before_inclusive = v[0] == 'i'; return 1; }
        fprintf(stderr, "dyad: --before wants strict or inclusive\n");
        return -1;
    }
    if ((v = cli_opt_value(argc, argv, i, "--undated"))) {
        if (!strcmp(v, "latest") || !strcmp(v, "earliest")) { choices.undated_earliest = v[0] == 'e'; return 1; }
        fprintf(stderr, "dyad: --undated wants latest or earliest\n");
        return -1;
    }
    return 0;
}

dyad_dict *cli_load_dict(const char *spec, int verbose, size_t *ndiag) {
    diag_ctx ctx = {verbose, 0};
    dyad_dict_options opt = choices;
    char dir[4096];
    opt.cache_dir = cache_dir(dir, sizeof dir);
    opt.diag = print_diag;
    opt.diag_ctx = &ctx;
    dyad_dict *d = NULL;
    dyad_err err;
    memset(&err, 0, sizeof err);
    if (dyad_dict_load(spec, &opt, &d, &err)) {
        if (err.line) fprintf(stderr, "dyad: %s:%d: %s\n", err.file, err.line, err.msg);
        else fprintf(stderr, "dyad: %s\n", err.msg);
        return NULL;
    }
    if (ndiag) *ndiag = ctx.n;
    if (ctx.n && !verbose)
        fprintf(stderr, "dyad: %zu dictionary lines could not be interpreted (see 'dyad dict-check %s')\n",
                ctx.n, spec ? spec : "builtin");
    return d;
}

const char *cli_opt_value(int argc, char **argv, int *i, const char *name) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] != 0) return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "dyad: %s needs a value\n", name);
        return NULL;
    }
    return argv[++*i];
}

int cmd_dict_check(int argc, char **argv) {
    const char *spec = NULL;
    for (int i = 1; i < argc; i++) {
        int k = cli_dict_choice(argc, argv, &i);
        if (k < 0) return 2;
        if (!k) spec = argv[i];
    }
    size_t nd = 0;
    dyad_dict *d = cli_load_dict(spec, 1, &nd);
    if (!d) return 2;
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    printf("files %zu, actors %zu, agents %zu, verbs %zu, patterns %zu, words %zu, diagnostics %zu\n",
           st.files, st.actors, st.agents, st.verbs, st.patterns, st.words, st.diagnostics);
    dyad_dict_free(d);
    return st.diagnostics ? 1 : 0;
}
