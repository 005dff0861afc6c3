/*
 * load.c -- dyad_dict_load(): resolves a dictionary spec (built-in set,
 * TABARI .project, PETRARCH config, or folder) into a list of files, hands
 * each file to the reader for its dialect, and compiles the result.
 */
#include "dict.h"
#include "builtin.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

int dy_dict_source(dy_dict *d, const char *path) {
    char *copy = dy_arena_strndup(&d->arena, path, strlen(path));
    return !copy || DY_PUSH(d->sources, d->nsources, d->capsources, copy) ? -1 : 0;
}

dyad_status dy_read_file(dy_dict *d, const char *path, char **out, size_t *len, dyad_err *err) {
    if (dy_dict_source(d, path)) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    FILE *f = fopen(path, "rb");
    if (!f) return dy_error(err, DYAD_EIO, path, 0, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) { fclose(f); return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory"); }
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); fclose(f); return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory"); }
            buf = nb;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { free(buf); return dy_error(err, DYAD_EIO, path, 0, "read error"); }
    buf[n] = 0;
    *out = buf;
    *len = n;
    return DYAD_OK;
}

typedef enum { K_NONE, K_ACTORS, K_AGENTS, K_VERBS, K_OPTIONS, K_PETR_VERBS, K_PETR_ACTORS,
               K_PETR_AGENTS, K_PETR_DISCARDS, K_PETR_ISSUES, K_PICO } file_kind;

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    if (k > n) return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[n - k + i]) != tolower((unsigned char)suffix[i])) return 0;
    return 1;
}

static int contains_ci(const char *s, const char *needle) {
    size_t k = strlen(needle);
    for (; *s; s++) {
        size_t i = 0;
        while (i < k && s[i] && tolower((unsigned char)s[i]) == tolower((unsigned char)needle[i])) i++;
        if (i == k) return 1;
    }
    return 0;
}

static file_kind kind_of(const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (ends_with(base, ".actors")) return K_ACTORS;
    if (ends_with(base, ".agents")) return K_AGENTS;
    if (ends_with(base, ".verbs")) return K_VERBS;
    if (ends_with(base, ".options")) return K_OPTIONS;
    if (ends_with(base, ".txt")) {
        if (contains_ci(base, "verbs") || contains_ci(base, "cameo")) return K_PETR_VERBS;
        if (contains_ci(base, "actors")) return K_PETR_ACTORS;
        if (contains_ci(base, "agents")) return K_PETR_AGENTS;
        if (contains_ci(base, "discards")) return K_PETR_DISCARDS;
        if (contains_ci(base, "issue")) return K_PETR_ISSUES;
        if (contains_ci(base, "ontology") || contains_ci(base, "pico")) return K_PICO;
    }
    return K_NONE;
}

static dyad_status read_text(dy_dict *d, file_kind k, const char *path, const char *text, size_t len,
                             dyad_err *err) {
    if (k >= K_PETR_VERBS) d->set.petrarch = d->set.share_lead_agent = 1;
    switch (k) {
    case K_ACTORS: return dy_read_tabari_actors(d, path, text, len, err);
    case K_AGENTS: return dy_read_tabari_agents(d, path, text, len, err);
    case K_VERBS: return dy_read_tabari_verbs(d, path, text, len, err);
    case K_OPTIONS: return dy_read_tabari_options(d, path, text, len, err);
    case K_PETR_VERBS: return dy_read_petrarch_verbs(d, path, text, len, err);
    case K_PETR_ACTORS: return dy_read_petrarch_actors(d, path, text, len, err);
    case K_PETR_AGENTS: return dy_read_petrarch_agents(d, path, text, len, err);
    case K_PETR_DISCARDS: return dy_read_petrarch_discards(d, path, text, len, err);
    case K_PETR_ISSUES: return dy_read_petrarch_issues(d, path, text, len, err);
    case K_PICO: return dy_read_pico(d, path, text, len, err);
    default: return dy_error(err, DYAD_EARG, path, 0, "not a dictionary file dyad knows");
    }
}

static dyad_status read_path(dy_dict *d, file_kind k, const char *path, dyad_err *err) {
    char *text;
    size_t len;
    dyad_status st = dy_read_file(d, path, &text, &len, err);
    if (st) return st;
    st = read_text(d, k, path, text, len, err);
    free(text);
    return st;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Order of reading inside a folder: synsets live in verbs files and must be
 * declared before use, so options, then actors, agents, verbs. */
static int kind_rank(file_kind k) {
    switch (k) {
    case K_OPTIONS: return 0;
    case K_ACTORS: case K_PETR_ACTORS: return 1;
    case K_AGENTS: case K_PETR_AGENTS: return 2;
    case K_VERBS: case K_PETR_VERBS: return 3;
    default: return 4;
    }
}

static dyad_status load_folder(dy_dict *d, const char *dir, dyad_err *err) {
    if (dy_dict_source(d, dir)) return dy_error(err, DYAD_ENOMEM, dir, 0, "out of memory"); /* files added or removed */
    DIR *dp = opendir(dir);
    if (!dp) return dy_error(err, DYAD_EIO, dir, 0, "cannot open folder: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    dyad_status st = DYAD_OK;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.' || kind_of(e->d_name) == K_NONE) continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(len);
        if (!p || DY_PUSH(names, n, cap, p)) { free(p); st = dy_error(err, DYAD_ENOMEM, dir, 0, "out of memory"); break; }
        snprintf(p, len, "%s/%s", dir, e->d_name);
    }
    closedir(dp);
    if (!st) {
        qsort(names, n, sizeof *names, cmp_str);
        for (int rank = 0; rank <= 4 && !st; rank++)
            for (size_t i = 0; i < n && !st; i++)
                if (kind_rank(kind_of(names[i])) == rank) st = read_path(d, kind_of(names[i]), names[i], err);
        if (!st && n == 0) st = dy_error(err, DYAD_EIO, dir, 0, "no dictionary files in this folder");
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return st;
}

/* A TABARI .project: "<actorsfile> NAME" lines, relative to the project. */
static dyad_status load_project(dy_dict *d, const char *path, dyad_err *err) {
    char *text;
    size_t len;
    dyad_status st = dy_read_file(d, path, &text, &len, err);
    if (st) return st;
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) : 0;
    static const struct { const char *tag; file_kind kind; } tags[] = {
        {"<optionsfile>", K_OPTIONS}, {"<actorsfile>", K_ACTORS}, {"<agentsfile>", K_AGENTS},
        {"<verbsfile>", K_VERBS}};
    int any = 0;
    for (size_t rank = 0; rank < DY_ARRAY_LEN(tags) && !st; rank++) {
        const char *p = text;
        while (p && *p && !st) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            size_t tl = strlen(tags[rank].tag);
            if (n > tl && strncmp(p, tags[rank].tag, tl) == 0) {
                const char *name = p + tl;
                size_t nn = n - tl;
                while (nn && (*name == ' ' || *name == '\t')) { name++; nn--; }
                while (nn && (name[nn - 1] == ' ' || name[nn - 1] == '\t' || name[nn - 1] == '\r')) nn--;
                char full[4096];
                if (nn && name[0] == '/') snprintf(full, sizeof full, "%.*s", (int)nn, name);
                else if (dirlen) snprintf(full, sizeof full, "%.*s/%.*s", (int)dirlen, path, (int)nn, name);
                else snprintf(full, sizeof full, "%.*s", (int)nn, name);
                st = read_path(d, tags[rank].kind, full, err);
                any = 1;
            }
            p = nl ? nl + 1 : NULL;
        }
    }
    free(text);
    if (!st && !any) st = dy_error(err, DYAD_ESYNTAX, path, 0, "project names no dictionary files");
    return st;
}

/* "FILE,FILE,...": each file read by its kind, verbs last. */
static dyad_status load_list(dy_dict *d, const char *spec, dyad_err *err) {
    dyad_status st = DYAD_OK;
    for (int rank = 0; rank <= 4 && !st; rank++) {
        const char *p = spec;
        while (*p && !st) {
            const char *comma = strchr(p, ',');
            size_t n = comma ? (size_t)(comma - p) : strlen(p);
            char path[4096];
            snprintf(path, sizeof path, "%.*s", (int)n, p);
            file_kind k = kind_of(path);
            if (n && k == K_NONE && rank == 0) st = dy_error(err, DYAD_EARG, path, 0, "%s: not a dictionary file dyad knows", path);
            else if (n && kind_rank(k) == rank) st = read_path(d, k, path, err);
            p = comma ? comma + 1 : p + n;
        }
    }
    return st;
}

static dyad_status load_builtin(dy_dict *d, dyad_err *err) {
    dyad_status st = DYAD_OK;
    for (int rank = 0; rank <= 4 && !st; rank++)
        for (size_t i = 0; i < dy_builtin_count && !st; i++) {
            file_kind k = kind_of(dy_builtin_files[i].name);
            if (k != K_NONE && kind_rank(k) == rank)
                st = read_text(d, k, dy_builtin_files[i].name, dy_builtin_files[i].text,
                               dy_builtin_files[i].len, err);
        }
    if (!st)
        d->set.convert_agents = d->set.infer_agent_country = d->set.share_lead_agent = d->set.own_rules = 1;
    return st;
}

dyad_status dyad_dict_load(const char *spec, const dyad_dict_options *opt, dyad_dict **out,
                           dyad_err *err) {
    if (!out) return dy_error(err, DYAD_EARG, NULL, 0, "dyad_dict_load: out is NULL");
    *out = NULL;
    dy_dict *d = calloc(1, sizeof *d);
    if (!d) return dy_error(err, DYAD_ENOMEM, NULL, 0, "out of memory");
    if (opt) d->opt = *opt;
    d->set.comma_min = d->set.comma_emin = 2;
    d->set.require_dyad = 1;
    d->set.comma_max = d->set.comma_emax = 10;
    d->set.comma_bmin = 255;
    char cache[4096];
    int cached = dy_cache_path(spec, opt, cache, sizeof cache) == 0;
    if (cached && dy_cache_load(d, cache) == 0) {
        *out = d;
        return DYAD_OK;
    }
    dyad_status st;
    struct stat sb;
    if (!spec || !*spec || strcmp(spec, "builtin") == 0) st = load_builtin(d, err);
    else if (strchr(spec, ',')) st = load_list(d, spec, err);
    else if (stat(spec, &sb) != 0) st = dy_error(err, DYAD_EIO, spec, 0, "cannot open: %s", strerror(errno));
    else if (S_ISDIR(sb.st_mode)) st = load_folder(d, spec, err);
    else if (ends_with(spec, ".project")) st = load_project(d, spec, err);
    else if (ends_with(spec, ".ini") || ends_with(spec, ".config")) st = dy_load_petrarch_config(d, spec, err);
    else {
        file_kind k = kind_of(spec);
        st = k == K_NONE ? dy_error(err, DYAD_EARG, spec, 0,
                                    "not a dictionary spec: give 'builtin', a folder, a .project, a PETRARCH .ini, or a dictionary file")
                         : read_path(d, k, spec, err);
    }
    if (!st) d->set.paired_as_passive = d->opt.paired == DYAD_PAIRED_VOICE ||
                                        (d->opt.paired == DYAD_PAIRED_DIALECT && d->set.petrarch2);
    if (!st && dy_dict_compile(d)) st = dy_error(err, DYAD_ENOMEM, spec, 0, "out of memory");
    if (st) { dyad_dict_free(d); return st; }
    if (cached) dy_cache_save(d, cache);
    *out = d;
    return DYAD_OK;
}

static void free_index(dy_index *ix) { free(ix->start); free(ix->e); }

void dyad_dict_free(dyad_dict *d) {
    if (!d) return;
    if (d->map) { dy_cache_unmap(d); free(d); return; }
    dy_intern_free(&d->words);
    dy_intern_free(&d->codes);
    dy_arena_free(&d->arena);
    free(d->elems); free(d->dated); free(d->actors); free(d->agents); free(d->verbs);
    free(d->vforms); free(d->patterns); free(d->synsets); free(d->synphrases);
    free(d->verb_by_name); free(d->nouns); free(d->adjectives);
    free(d->discards); free(d->discard_story); free(d->issues); free(d->pico); free(d->files); free(d->trie); free(d->trie_edges); free(d->fclass); free(d->stemword); free(d->starts); free(d->multi); free(d->anykey); free(d->occword); free(d->pairs); free(d->seconds); free(d->patsig); free(d->anchors); free(d->anchor_index); free(d->synedge);
    free(d->sources); free(d->diags);
    for (int k = 0; k < DY_NKINDS; k++) free_index(&d->idx[k]);
    free(d);
}

void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st) {
    memset(st, 0, sizeof *st);
    if (!d) return;
    st->actors = d->nactors;
    st->agents = d->nagents;
    st->verbs = d->nverbs;
    st->patterns = d->npatterns;
    st->words = d->words.count ? d->words.count - 1 : 0;
    st->diagnostics = d->diagnostics;
    st->files = d->nfiles;
    st->from_cache = d->from_cache;
}
