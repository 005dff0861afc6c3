/*
 * test_json.c -- dyad_event_to_json: every string field survives a round trip
 * through a JSON parser (jansson) whatever it holds, short or long; codebook
 * facts are added, each code its own row's (or its parent's); integers of every size and sign; a small buffer gets a
 * cut, terminated text and the length the whole needs.
 */
#include "harness.h"

#include <jansson.h>

static dyad_event event(const char *id, const char *src, const char *file) {
    dyad_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc_id = id;
    ev.sentence = 2;
    ev.date = "2024-05-01";
    ev.source = src;
    ev.target = "SYL";
    ev.code = "190";
    ev.source_span = (dyad_span){0, 9};
    ev.verb_span = (dyad_span){10, 18};
    ev.target_span = (dyad_span){-1, -1};
    ev.entry_file = file;
    ev.entry_line = 42;
    ev.source_file = file;
    ev.source_line = 7;
    ev.modality = DYAD_ASSERTED;
    ev.cue = "";
    return ev;
}

/* Serialise ev, parse it back, check the strings came through. */
static void round_trip(const char *id, const char *src, const char *file) {
    dyad_event ev = event(id, src, file);
    char buf[8192];
    size_t need = dyad_event_to_json(&ev, "{\"feed\":\"x\"}", buf, sizeof buf);
    assert_true(need < sizeof buf);
    assert_int_equal(strlen(buf), need);
    json_error_t je;
    json_t *o = json_loads(buf, 0, &je);
    if (!o) fail_msg("not JSON (%s): %s", je.text, buf);
    assert_string_equal(json_string_value(json_object_get(o, "id")), id);
    assert_string_equal(json_string_value(json_object_get(o, "source")), src);
    assert_string_equal(json_string_value(json_object_get(o, "target")), "SYL");
    assert_int_equal(json_integer_value(json_object_get(o, "sentence")), 2);
    assert_int_equal(json_integer_value(json_object_get(o, "quad")), 4);      /* 190: material conflict */
    assert_true(json_real_value(json_object_get(o, "goldstein")) == -10.0);
    assert_true(json_is_null(json_object_get(o, "target_span")));
    char entry[4200];
    snprintf(entry, sizeof entry, "%s:42", file);
    assert_string_equal(json_string_value(json_object_get(o, "entry")), entry);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "doc"), "feed")), "x");
    json_decref(o);
}

static void strings_round_trip(void **state) {
    (void)state;
    round_trip("s1", "FRE", "dict/x.verbs");
    round_trip("a\"quote", "A\\B", "tab\there");                       /* short, escaped */
    round_trip("new\nline\rand\x01control", "FRE", "d\"q");
    round_trip("an id longer than twenty-four bytes, with \"quotes\" and \\ inside",
               "FREGOVMILREBOPPLONGCODE!", "a/very/long/path/to/some/dictionary/folder/with/a \"quoted\" name.verbs");
    round_trip("exactly twenty-four byte", "x", "twenty-five bytes exactly");
    round_trip("", "", "f");
    round_trip("Côte d’Ivoire — ünïcödé", "CIV", "dict/über.actors");
}

/* Every length 0-20, plain and with a quote, a backslash, a newline or a
 * control byte at each place: the writer moves runs eight bytes at a time
 * and a last run under eight as overlapping halves, and must neither drop,
 * repeat nor leave unescaped a byte at any of those seams. */
static void strings_of_every_length_and_seam(void **state) {
    (void)state;
    const char specials[] = {'"', '\\', '\n', '\x1f'};
    char id[24], buf[4096];
    for (size_t n = 0; n <= 20; n++) {
        for (size_t at = 0; at <= n; at++) {
            for (size_t k = 0; k < sizeof specials; k++) {
                if (at == n && k > 0) break; /* at == n: the plain string, once */
                for (size_t i = 0; i < n; i++) id[i] = (char)('a' + i);
                if (at < n) id[at] = specials[k];
                id[n] = 0;
                dyad_event ev = event(id, "FRE", "f.verbs");
                dyad_event_to_json(&ev, NULL, buf, sizeof buf);
                json_t *o = json_loads(buf, 0, NULL);
                if (!o) fail_msg("not JSON for a %zu-byte id with special %zu at %zu: %s", n, k, at, buf);
                assert_string_equal(json_string_value(json_object_get(o, "id")), id);
                json_decref(o);
            }
        }
    }
}

/* Each code's codebook members are those of its own row, or of the parent
 * or root it falls back to (dyad_cameo_lookup), and absent when it has none. */
static void codebook_members_follow_the_code(void **state) {
    (void)state;
    const char *codes[] = {"010", "0211", "036", "1041", "1832", "190", "195", "20", "204", "2042",
                           "0849", "1999", "01", "99", "", "X"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        dyad_event ev = event("s1", "FRA", "f");
        ev.code = codes[i];
        char buf[4096];
        assert_true(dyad_event_to_json(&ev, NULL, buf, sizeof buf) < sizeof buf);
        json_error_t je;
        json_t *o = json_loads(buf, 0, &je);
        if (!o) fail_msg("not JSON (%s): %s", je.text, buf);
        dyad_cameo_info info;
        if (dyad_cameo_lookup(codes[i], &info) == 0) {
            assert_int_equal(json_integer_value(json_object_get(o, "quad")), info.quad);
            assert_true(json_real_value(json_object_get(o, "goldstein")) == info.goldstein);
            assert_string_equal(json_string_value(json_object_get(o, "plover")), info.plover_type);
            assert_string_equal(json_string_value(json_object_get(o, "plover_mode")), info.plover_mode);
        } else {
            assert_null(json_object_get(o, "quad"));
            assert_null(json_object_get(o, "plover"));
        }
        assert_string_equal(json_string_value(json_object_get(o, "code")), codes[i]);
        json_decref(o);
    }
}

static void integers_of_any_size(void **state) {
    (void)state;
    /* every width: the writer has a path of its own for one to four digits */
    long values[] = {0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 12345, 99999, 100000, 2147483647,
                     -1, -9, -10, -99, -100, -999, -1000, -9999, -10000, -12345, -2147483647 - 1};
    for (size_t k = 0; k < sizeof values / sizeof *values; k++) {
        dyad_event ev = event("i", "FRE", "f.verbs");
        ev.sentence = (int)values[k];
        ev.entry_line = (int)values[k];
        char buf[4096], want[64];
        dyad_event_to_json(&ev, NULL, buf, sizeof buf);
        json_t *o = json_loads(buf, 0, NULL);
        assert_non_null(o);
        assert_int_equal(json_integer_value(json_object_get(o, "sentence")), values[k]);
        snprintf(want, sizeof want, "f.verbs:%ld", values[k]);
        assert_string_equal(json_string_value(json_object_get(o, "entry")), want);
        json_decref(o);
    }
}

static void small_buffer_is_cut_and_terminated(void **state) {
    (void)state;
    dyad_event ev = event("doc-1", "FRE", "dict/x.verbs");
    char full[4096];
    size_t need = dyad_event_to_json(&ev, NULL, full, sizeof full);
    /* every cut, with a guard after the buffer that must stay untouched */
    for (size_t cap = 1; cap < need + 2; cap++) {
        char small[4096 + 64];
        memset(small, 'Z', sizeof small);
        assert_int_equal(dyad_event_to_json(&ev, NULL, small, cap), need);
        size_t got = cap - 1 < need ? cap - 1 : need;
        assert_int_equal(strlen(small), got);
        assert_memory_equal(small, full, got);
        for (size_t k = cap; k < cap + 64; k++) assert_int_equal(small[k], 'Z');
    }
}

/* An event whose text is far over the 4 KB the writer keeps on its stack (a
 * document with large extra fields): a buffer of exactly the length needed
 * gets all of it, a smaller one a terminated cut of it. */
static void large_event_in_any_buffer(void **state) {
    (void)state;
    size_t big = 20000;
    char *extra = malloc(big + 32), *full = malloc(big + 4096), *cut = malloc(200);
    assert_non_null(extra);
    assert_non_null(full);
    assert_non_null(cut);
    int n = snprintf(extra, big + 32, "{\"body\":\"");
    memset(extra + n, 'x', big);
    strcpy(extra + n + big, "\"}");
    dyad_event ev = event("big", "FRE", "dict/x.verbs");
    size_t need = dyad_event_to_json(&ev, extra, NULL, 0);
    assert_true(need > big);
    assert_int_equal(dyad_event_to_json(&ev, extra, full, need + 1), need);
    assert_int_equal(strlen(full), need);
    json_t *o = json_loads(full, 0, NULL);
    assert_non_null(o);
    assert_int_equal(strlen(json_string_value(json_object_get(json_object_get(o, "doc"), "body"))), big);
    json_decref(o);
    assert_int_equal(dyad_event_to_json(&ev, extra, cut, 200), need);
    assert_int_equal(strlen(cut), 199);
    assert_memory_equal(cut, full, 199);
    free(extra);
    free(full);
    free(cut);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_round_trip),
        cmocka_unit_test(strings_of_every_length_and_seam),
        cmocka_unit_test(codebook_members_follow_the_code),
        cmocka_unit_test(integers_of_any_size),
        cmocka_unit_test(small_buffer_is_cut_and_terminated),
        cmocka_unit_test(large_event_in_any_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
