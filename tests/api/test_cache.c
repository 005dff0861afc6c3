/*
 * test_cache.c -- the compiled-set cache (dyad_dict_options.cache_dir): a
 * second load reads the cache and codes exactly as the first; diagnostics are
 * replayed; a changed source file, a damaged cache or an unusable folder
 * make the load compile again, never fail.
 */
#include "harness.h"

#include <sys/stat.h>
#include <unistd.h>

static char dir[256], cache[300], actors[300], verbs[300];

typedef struct seen {
    int n, first_line;
} seen;

static void on_diag(void *ctx, const char *file, int line, const char *msg) {
    seen *s = ctx;
    (void)file;
    (void)msg;
    if (s->n++ == 0) s->first_line = line;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Load the scratch set (or spec) with the cache, code text; the events in
 * *got, the stats in *st, the diagnostics in *dg. */
static void load_and_code(const char *spec, const char *cache_dir, const char *text, test_events *got,
                          dyad_dict_stats *st, seen *dg) {
    memset(dg, 0, sizeof *dg);
    dyad_dict_options opt = {.diag = on_diag, .diag_ctx = dg, .cache_dir = cache_dir};
    dyad_dict *d = NULL;
    dyad_err err;
    assert_int_equal(dyad_dict_load(spec, &opt, &d, &err), DYAD_OK);
    dyad_dict_get_stats(d, st);
    dyad_coder *c = dyad_coder_new(d, NULL);
    memset(got, 0, sizeof *got);
    dyad_doc doc = {"t", "2024-05-01", text, strlen(text)};
    assert_int_equal(dyad_coder_code(c, &doc, test_collect, got, &err), DYAD_OK);
    dyad_coder_free(c);
    dyad_dict_free(d);
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/dyad-test-cache-%ld", (long)getpid());
    snprintf(cache, sizeof cache, "%s/cache/dyad", dir); /* two levels to make */
    snprintf(actors, sizeof actors, "%s/t.actors", dir);
    snprintf(verbs, sizeof verbs, "%s/t.verbs", dir);
    mkdir(dir, 0755);
    write_file(actors, "FREEDONIA [FRE]\nSYLVANIA [SYL]\nBAD LINE WITHOUT A CODE\n");
    write_file(verbs, "ATTACK [190]\n- * WITH_ARTILLERY [195]\nCONDEMN [111]\n");
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *spec(void) {
    static char s[700];
    snprintf(s, sizeof s, "%s,%s", actors, verbs);
    return s;
}

static void second_load_reads_the_cache(void **state) {
    (void)state;
    const char *text = "Freedonia attacked Sylvania with artillery. Sylvania condemned Freedonia.";
    test_events cold, warm, none;
    dyad_dict_stats s1, s2, s0;
    seen d1, d2, d0;
    load_and_code(spec(), NULL, text, &none, &s0, &d0);
    load_and_code(spec(), cache, text, &cold, &s1, &d1);
    load_and_code(spec(), cache, text, &warm, &s2, &d2);
    assert_int_equal(s0.from_cache, 0);
    assert_int_equal(s1.from_cache, 0);
    assert_int_equal(s2.from_cache, 1);
    assert_string_equal(cold.text, "FRE SYL 195 asserted\nSYL FRE 111 asserted\n");
    assert_string_equal(warm.text, cold.text);
    assert_string_equal(none.text, cold.text);
    /* the same set, and its one diagnostic told again, at the same line */
    assert_int_equal(s2.actors, s1.actors);
    assert_int_equal(s2.patterns, s1.patterns);
    assert_int_equal(s2.words, s1.words);
    assert_int_equal(s2.files, s1.files);
    assert_int_equal(d1.n, 1);
    assert_int_equal(d2.n, 1);
    assert_int_equal(s2.diagnostics, 1);
    assert_int_equal(d2.first_line, d1.first_line);
}

static void a_changed_source_compiles_again(void **state) {
    (void)state;
    const char *text = "Osterlich condemned Sylvania.";
    test_events got;
    dyad_dict_stats st;
    seen dg;
    load_and_code(spec(), cache, text, &got, &st, &dg);
    assert_int_equal(got.n, 0);
    write_file(actors, "FREEDONIA [FRE]\nSYLVANIA [SYL]\nOSTERLICH [OST]\n"); /* new size */
    load_and_code(spec(), cache, text, &got, &st, &dg);
    assert_int_equal(st.from_cache, 0);
    assert_int_equal(dg.n, 0);
    assert_string_equal(got.text, "OST SYL 111 asserted\n");
    load_and_code(spec(), cache, text, &got, &st, &dg);
    assert_int_equal(st.from_cache, 1);
    assert_string_equal(got.text, "OST SYL 111 asserted\n");
}

/* Every cache file in the folder: cut to half, or one byte changed. */
static void damage_caches(int cut) {
    char cmd[700];
    snprintf(cmd, sizeof cmd,
             cut ? "for f in '%s'/*.dyc; do truncate -s $(( $(stat -c %%s \"$f\") / 2 )) \"$f\"; done"
                 : "for f in '%s'/*.dyc; do printf 'X' | dd of=\"$f\" bs=1 seek=5000 conv=notrunc status=none; done",
             cache);
    assert_int_equal(system(cmd), 0);
}

static void a_damaged_cache_is_a_miss(void **state) {
    (void)state;
    const char *text = "Freedonia attacked Sylvania.";
    test_events got;
    dyad_dict_stats st;
    seen dg;
    for (int cut = 0; cut < 2; cut++) {
        load_and_code(spec(), cache, text, &got, &st, &dg); /* writes a good cache */
        damage_caches(cut);
        load_and_code(spec(), cache, text, &got, &st, &dg);
        assert_int_equal(st.from_cache, 0);
        assert_string_equal(got.text, "FRE SYL 190 asserted\n");
    }
}

static void builtin_set_is_cached(void **state) {
    (void)state;
    const char *text = "Russian forces shelled Kharkiv on Monday, and China will host the president of Belarus.";
    test_events plain, warm;
    dyad_dict_stats st;
    seen dg;
    load_and_code(NULL, NULL, text, &plain, &st, &dg);
    load_and_code(NULL, cache, text, &warm, &st, &dg);
    load_and_code(NULL, cache, text, &warm, &st, &dg);
    assert_int_equal(st.from_cache, 1);
    assert_true(plain.n > 0);
    assert_string_equal(warm.text, plain.text);
}

static void an_unusable_folder_is_ignored(void **state) {
    (void)state;
    test_events got;
    dyad_dict_stats st;
    seen dg;
    load_and_code(spec(), "/proc/dyad-cannot-make-this", "Freedonia attacked Sylvania.", &got, &st, &dg);
    assert_int_equal(st.from_cache, 0);
    assert_string_equal(got.text, "FRE SYL 190 asserted\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(second_load_reads_the_cache),
        cmocka_unit_test(a_changed_source_compiles_again),
        cmocka_unit_test(a_damaged_cache_is_a_miss),
        cmocka_unit_test(builtin_set_is_cached),
        cmocka_unit_test(an_unusable_folder_is_ignored),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
