/*
 * test_dict.c -- dictionary readers: every y_* fixture in tests/data/dict/<fmt>/
 * loads with no diagnostic; every n_*_L<line>.* fixture gives a diagnostic
 * whose first line is <line> (the verdict is in the file name). Also checks
 * counts on a small dictionary and that missing files are errors.
 */
#include "harness.h"

#include <dirent.h>

typedef struct diags {
    int n;
    int first_line;
    char first_msg[256];
} diags;

static void on_diag(void *ctx, const char *file, int line, const char *msg) {
    diags *d = ctx;
    (void)file;
    if (d->n++ == 0) { d->first_line = line; snprintf(d->first_msg, sizeof d->first_msg, "%s", msg); }
}

static int load(const char *path, diags *dg, dyad_dict_stats *st) {
    memset(dg, 0, sizeof *dg);
    dyad_dict_options opt = {.diag = on_diag, .diag_ctx = dg};
    dyad_dict *d = NULL;
    dyad_err err;
    int rc = dyad_dict_load(path, &opt, &d, &err);
    if (rc == DYAD_OK && st) dyad_dict_get_stats(d, st);
    dyad_dict_free(d);
    return rc;
}

static void fixtures_in(const char *dir) {
    DIR *dp = opendir(dir);
    if (!dp) { print_message("skip: %s not found\n", dir); return; }
    struct dirent *e;
    int checked = 0;
    while ((e = readdir(dp))) {
        if (e->d_name[0] != 'y' && e->d_name[0] != 'n') continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        diags dg;
        int rc = load(path, &dg, NULL);
        if (e->d_name[0] == 'y') {
            if (rc != DYAD_OK || dg.n) print_error("%s: expected a clean load, got %d diagnostics (first: line %d: %s)\n", path, dg.n, dg.first_line, dg.first_msg);
            assert_int_equal(rc, DYAD_OK);
            assert_int_equal(dg.n, 0);
        } else {
            const char *L = strstr(e->d_name, "_L");
            assert_non_null(L);
            int want = atoi(L + 2);
            if (dg.n == 0 || dg.first_line != want) print_error("%s: expected a diagnostic at line %d, got %d diagnostics (first at line %d)\n", path, want, dg.n, dg.first_line);
            assert_true(dg.n > 0);
            assert_int_equal(dg.first_line, want);
        }
        checked++;
    }
    closedir(dp);
    assert_true(checked > 0);
}

static void tabari_fixtures(void **state) { (void)state; fixtures_in("tests/data/dict/tabari"); }
static void petrarch_fixtures(void **state) { (void)state; fixtures_in("tests/data/dict/petrarch"); }

static void spec_dictionary_counts(void **state) {
    (void)state;
    diags dg;
    dyad_dict_stats st;
    assert_int_equal(load("tests/data/spec", &dg, &st), DYAD_OK);
    assert_int_equal(dg.n, 0);
    assert_int_equal(st.actors, 8);
    assert_int_equal(st.agents, 5);
    assert_true(st.verbs >= 10);
    /* the { GUNS | &AID } alternative expands into two patterns */
    assert_int_equal(load("tests/data/dict/tabari/y_verbs_ok.verbs", &dg, &st), DYAD_OK);
    assert_int_equal(st.patterns, 3);
}

static void missing_file_is_an_error(void **state) {
    (void)state;
    dyad_dict *d = NULL;
    dyad_err err;
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_dict_load("tests/data/no/such.project", NULL, &d, &err), DYAD_EIO);
    assert_null(d);
    assert_non_null(strstr(err.file, "no/such.project"));
    assert_int_equal(dyad_dict_load("tests/run.sh", NULL, &d, &err), DYAD_EARG);
}

static void builtin_loads_clean(void **state) {
    (void)state;
    diags dg;
    dyad_dict_stats st;
    assert_int_equal(load(NULL, &dg, &st), DYAD_OK);
    if (dg.n) print_error("builtin: %d diagnostics, first at line %d: %s\n", dg.n, dg.first_line, dg.first_msg);
    assert_int_equal(dg.n, 0);
    assert_true(st.actors > 500);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tabari_fixtures),
        cmocka_unit_test(petrarch_fixtures),
        cmocka_unit_test(spec_dictionary_counts),
        cmocka_unit_test(missing_file_is_an_error),
        cmocka_unit_test(builtin_loads_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
