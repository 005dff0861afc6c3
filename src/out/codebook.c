/*
 * codebook.c -- CAMEO code facts (name, Goldstein, QuadClass, PLOVER) read
 * once from the project's data/cameo.tsv, which is compiled into the
 * library. dyad_cameo_lookup() falls back to the parent code, then the root.
 */
#include "../dict/builtin.h"
#include "../dyadInt.h"

#include <pthread.h>
#include <stdio.h>

typedef struct row {
    char code[8];
    char *name, *plover_type, *plover_mode;
    double goldstein;
    int quad;
} row;

static row *rows;
static size_t nrows;
/* CAMEO codes are two to four digits: rows by code, read directly (row + 1, 0 = none) */
#define DIGIT_SLOTS (100 + 1000 + 10000)
static uint16_t *by_digits;
static char *store;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded; /* set when load() is done: the usual call skips pthread_once */

static int cmp_row(const void *a, const void *b) {
    return strcmp(((const row *)a)->code, ((const row *)b)->code);
}

/* The slot of a code of two to four digits, or -1. */
static int digit_slot(const char *code, size_t n) {
    static const int base[5] = {0, 0, 0, 100, 1100};
    if (n < 2 || n > 4) return -1;
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (code[k] < '0' || code[k] > '9') return -1;
        v = v * 10 + (code[k] - '0');
    }
    return base[n] + v;
}

static void load(void) {
    const dy_builtin_file *f = NULL;
    for (size_t i = 0; i < dy_builtin_count; i++)
        if (strstr(dy_builtin_files[i].name, "cameo.tsv")) f = &dy_builtin_files[i];
    if (!f) return;
    store = malloc(f->len + 1);
    if (!store) return;
    memcpy(store, f->text, f->len);
    store[f->len] = 0;
    size_t cap = 0;
    int header_seen = 0;
    for (char *line = store; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        if (line[0] != '#' && line[0]) {
            if (!header_seen) header_seen = 1;
            else {
                char *col[8] = {0};
                int n = 0;
                for (char *p = line; n < 8;) {
                    col[n++] = p;
                    char *tab = strchr(p, '\t');
                    if (!tab) break;
                    *tab = 0;
                    p = tab + 1;
                }
                if (n >= 5 && DY_GROW(rows, cap, nrows + 1) == 0) {
                    row *r = &rows[nrows++];
                    snprintf(r->code, sizeof r->code, "%s", col[0]);
                    r->name = col[2];
                    r->goldstein = strtod(col[3], NULL);
                    r->quad = atoi(col[4]);
                    r->plover_type = n > 5 && strcmp(col[5], "-") != 0 ? col[5] : "";
                    r->plover_mode = n > 6 ? col[6] : "";
                    if (r->plover_mode[0] == '\r') r->plover_mode = "";
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    qsort(rows, nrows, sizeof *rows, cmp_row);
    by_digits = calloc(DIGIT_SLOTS, sizeof *by_digits);
    for (size_t i = 0; by_digits && i < nrows && i < UINT16_MAX; i++) {
        int slot = digit_slot(rows[i].code, strlen(rows[i].code));
        if (slot >= 0) by_digits[slot] = (uint16_t)(i + 1);
    }
    __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
}

static void ensure_loaded(void) {
    if (!__atomic_load_n(&loaded, __ATOMIC_ACQUIRE)) pthread_once(&once, load);
}

static const row *find(const char *code, size_t n) {
    int slot = by_digits ? digit_slot(code, n) : -1;
    if (slot >= 0) return by_digits[slot] ? &rows[by_digits[slot] - 1] : NULL;
    row key;
    if (n >= sizeof key.code) return NULL;
    memcpy(key.code, code, n);
    key.code[n] = 0;
    return bsearch(&key, rows, nrows, sizeof *rows, cmp_row);
}

long dy_cameo_find(const char *code, size_t n) {
    ensure_loaded();
    const row *r = NULL;
    while (n >= 2 && !(r = find(code, n))) n--;
    return r ? (long)(r - rows) : -1;
}

size_t dy_cameo_nrows(void) {
    ensure_loaded();
    return nrows;
}

void dy_cameo_row(size_t i, dyad_cameo_info *info) {
    const row *r = &rows[i];
    info->code = r->code;
    info->name = r->name;
    info->goldstein = r->goldstein;
    info->quad = r->quad;
    info->plover_type = r->plover_type;
    info->plover_mode = r->plover_mode;
}

int dyad_cameo_lookup(const char *code, dyad_cameo_info *info) {
    long i = code ? dy_cameo_find(code, strlen(code)) : -1;
    if (i < 0) return -1;
    dy_cameo_row((size_t)i, info);
    return 0;
}
