/*
 * common.c -- helpers shared by the subcommands: option values and loading
 * a dictionary with its diagnostics printed as file:line: message.
 */
#include "cli.h"

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

dyad_dict *cli_load_dict(const char *spec, int verbose, size_t *ndiag) {
    diag_ctx ctx = {verbose, 0};
    dyad_dict_options opt = {print_diag, &ctx};
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
    const char *spec = argc > 1 ? argv[1] : NULL;
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
