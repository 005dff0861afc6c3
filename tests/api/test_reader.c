/*
 * test_reader.c -- input readers and bad input: a malformed JSON line, a
 * record without text, invalid UTF-8, empty input, binary junk and a 1 MB
 * sentence each get a located error or are coded, never a crash, and the
 * records around a bad one are still read.
 */
#include "harness.h"

static const char *write_tmp(const char *name, const char *data, size_t n) {
    static char path[256];
    snprintf(path, sizeof path, "/tmp/dyad-test-%d-%s", (int)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(data, 1, n, f);
    fclose(f);
    return path;
}

static void jsonl_bad_line_keeps_neighbours(void **state) {
    (void)state;
    const char *data = "{\"id\":\"a\",\"date\":\"2020-01-01\",\"text\":\"one\",\"src\":\"x\"}\n"
                       "{\"id\":\"b\",\"text\": oops}\n"
                       "{\"id\":\"c\",\"date\":\"2020-01-02\"}\n"
                       "{\"id\":7,\"date\":\"2020-01-03\",\"text\":\"three\"}\n";
    const char *path = write_tmp("bad.jsonl", data, strlen(data));
    dyad_err err;
    dyad_reader *r = dyad_reader_open(path, DYAD_INPUT_AUTO, NULL, &err);
    assert_non_null(r);
    dyad_record rec;
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_string_equal(rec.doc.id, "a");
    assert_string_equal(rec.extra, "{\"src\":\"x\"}");
    assert_int_equal(dyad_reader_next(r, &rec, &err), -1);
    assert_non_null(strstr(err.msg, ":2:"));
    assert_int_equal(dyad_reader_next(r, &rec, &err), -1);
    assert_non_null(strstr(err.msg, "'c'"));
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_string_equal(rec.doc.id, "7");
    assert_int_equal(dyad_reader_next(r, &rec, &err), 0);
    dyad_reader_close(r);
    remove(path);
}

static void jsonl_escapes_and_utf8(void **state) {
    (void)state;
    const char *data = "{\"id\":\"caf\u00e9\",\"date\":\"2020-01-01\",\"text\":\"Caf\\u00e9 \\u2019x\\u2019 \\ud83d\\ude00 \\\"q\\\" \u00e9\"}\n"
                       "{\"id\":\"bad\",\"text\":\"\xff\xfe\"}\n";
    const char *path = write_tmp("esc.jsonl", data, strlen(data));
    dyad_err err;
    dyad_reader *r = dyad_reader_open(path, DYAD_INPUT_AUTO, NULL, &err);
    assert_non_null(r);
    dyad_record rec;
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_string_equal(rec.doc.id, "caf\u00e9");
    assert_string_equal(rec.doc.text, "Caf\u00e9 \u2019x\u2019 \U0001F600 \"q\" \u00e9");
    assert_int_equal(rec.doc.len, strlen("Caf\u00e9 \u2019x\u2019 \U0001F600 \"q\" \u00e9"));
    /* invalid UTF-8 in a line: reported with the file and line, not read */
    assert_int_equal(dyad_reader_next(r, &rec, &err), -1);
    assert_non_null(strstr(err.msg, ":2:"));
    assert_int_equal(dyad_reader_next(r, &rec, &err), 0);
    dyad_reader_close(r);
    remove(path);
}

static void invalid_utf8_is_reported(void **state) {
    (void)state;
    dyad_dict *d;
    dyad_err err;
    assert_int_equal(dyad_dict_load("tests/data/spec", NULL, &d, &err), DYAD_OK);
    dyad_coder *c = dyad_coder_new(d, NULL);
    const char text[] = "Freedonia \xff\xfe attacked Sylvania.";
    dyad_doc doc = {"bad-utf8", "2020-01-01", text, sizeof text - 1};
    test_events got;
    memset(&got, 0, sizeof got);
    assert_int_equal(dyad_coder_code(c, &doc, test_collect, &got, &err), DYAD_EINPUT);
    assert_non_null(strstr(err.msg, "bad-utf8"));
    assert_int_equal(got.n, 0);
    /* the coder is still usable afterwards */
    dyad_doc ok = {"ok", "2020-01-01", "Freedonia attacked Sylvania.", 28};
    assert_int_equal(dyad_coder_code(c, &ok, test_collect, &got, &err), DYAD_OK);
    assert_int_equal(got.n, 1);
    dyad_coder_free(c);
    dyad_dict_free(d);
}

static void empty_junk_and_huge_inputs(void **state) {
    (void)state;
    dyad_dict *d;
    dyad_err err;
    assert_int_equal(dyad_dict_load("tests/data/spec", NULL, &d, &err), DYAD_OK);
    dyad_coder *c = dyad_coder_new(d, NULL);
    test_events got;
    memset(&got, 0, sizeof got);
    dyad_doc empty = {"empty", "", "", 0};
    assert_int_equal(dyad_coder_code(c, &empty, test_collect, &got, &err), DYAD_OK);
    /* ASCII junk with control bytes and NULs */
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)((i * 7919u + 13u) % 128u);
    dyad_doc j = {"junk", "", junk, sizeof junk};
    assert_int_equal(dyad_coder_code(c, &j, test_collect, &got, &err), DYAD_OK);
    /* a 1 MB sentence with no full stop */
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = "Freedonia attacked Sylvania and "[i % 32];
    dyad_doc b = {"big", "2020-01-01", big, n};
    assert_int_equal(dyad_coder_code(c, &b, test_collect, &got, &err), DYAD_OK);
    assert_true(got.n > 0);
    free(big);
    dyad_coder_free(c);
    dyad_dict_free(d);
}

static void tabari_records_with_expectations(void **state) {
    (void)state;
    const char *data = "##########\n950101  REC-01\nArnor attacked Gondor on Monday. /*\n"
                       "\\n{ ARN / GON / 190 } */\n\n950102  REC-02\nNothing here.\n/* \\n{ OPTION: SET: CODE ALL } */\n";
    const char *path = write_tmp("recs.txt", data, strlen(data));
    dyad_err err;
    dyad_reader *r = dyad_reader_open(path, DYAD_INPUT_TABARI, NULL, &err);
    assert_non_null(r);
    dyad_record rec;
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_string_equal(rec.doc.id, "REC-01");
    assert_string_equal(rec.doc.date, "950101");
    assert_non_null(strstr(rec.doc.text, "Arnor attacked Gondor"));
    assert_null(strstr(rec.doc.text, "/*"));
    assert_string_equal(rec.expected, "ARN GON 190\n");
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_null(rec.expected);
    assert_non_null(strstr(rec.options, "SET: CODE ALL"));
    assert_int_equal(dyad_reader_next(r, &rec, &err), 0);
    dyad_reader_close(r);
    remove(path);
}

/* PETRARCH XML: a <Config> between sentences goes with the next sentence (the
 * validation runner applies it before coding that one), and only with it. */
static void petrarch_config_between_sentences(void **state) {
    (void)state;
    const char *data =
        "<Sentences>\n"
        "<Sentence date=\"19950101\" id=\"S-1\"><EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"190\"/>\n"
        "<Text>Arnor attacked Gondor.</Text></Sentence>\n"
        "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
        "<Sentence date=\"19950102\" id=\"S-2\"><EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"190\"/>\n"
        "<Text>Arnor attacked Gondor.</Text></Sentence>\n"
        "<Sentence date=\"19950103\" id=\"S-3\"><EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"190\"/>\n"
        "<Text>Arnor attacked Gondor.</Text></Sentence>\n"
        "</Sentences>\n";
    const char *path = write_tmp("recs.xml", data, strlen(data));
    dyad_err err;
    dyad_reader *r = dyad_reader_open(path, DYAD_INPUT_PETRARCH, NULL, &err);
    assert_non_null(r);
    dyad_record rec;
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_string_equal(rec.doc.id, "S-1");
    assert_true(!rec.options || !*rec.options);
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_string_equal(rec.doc.id, "S-2");
    assert_non_null(rec.options);
    assert_non_null(strstr(rec.options, "require_dyad = false"));
    assert_int_equal(dyad_reader_next(r, &rec, &err), 1);
    assert_string_equal(rec.doc.id, "S-3");
    assert_true(!rec.options || !*rec.options);
    assert_int_equal(dyad_reader_next(r, &rec, &err), 0);
    dyad_reader_close(r);
    remove(path);
}

static void missing_input_file(void **state) {
    (void)state;
    dyad_err err;
    memset(&err, 0, sizeof err);
    assert_null(dyad_reader_open("/nonexistent/news.jsonl", DYAD_INPUT_AUTO, NULL, &err));
    assert_int_equal(err.code, DYAD_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/news.jsonl"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_bad_line_keeps_neighbours),
        cmocka_unit_test(jsonl_escapes_and_utf8),
        cmocka_unit_test(invalid_utf8_is_reported),
        cmocka_unit_test(empty_junk_and_huge_inputs),
        cmocka_unit_test(tabari_records_with_expectations),
        cmocka_unit_test(petrarch_config_between_sentences),
        cmocka_unit_test(missing_input_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
