/*
 * test_spec.c -- runs tests/spec/coding.txt against libdyad with the spec
 * dictionaries in tests/data/spec: each example is one cmocka test.
 */
#include "harness.h"

#define MAX_EXAMPLES 256

typedef struct example {
    char name[128];
    char date[16];
    char text[1024];
    char expect[2048];
    int all;
    int line;
} example;

static example ex[MAX_EXAMPLES];
static int nex;
static dyad_dict *dict;

static void load_examples(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "cannot open %s\n", path); exit(1); }
    char line[2048];
    int lineno = 0;
    example *cur = NULL;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (line[0] == '#' || !line[0]) continue;
        if (!strncmp(line, "example: ", 9)) {
            if (nex == MAX_EXAMPLES) break;
            cur = &ex[nex++];
            memset(cur, 0, sizeof *cur);
            snprintf(cur->name, sizeof cur->name, "%.120s", line + 9);
            snprintf(cur->date, sizeof cur->date, "2005-01-01");
            cur->line = lineno;
        } else if (!cur) {
            fprintf(stderr, "%s:%d: line before the first example\n", path, lineno);
            exit(1);
        } else if (!strncmp(line, "date: ", 6)) snprintf(cur->date, sizeof cur->date, "%.15s", line + 6);
        else if (!strncmp(line, "options: ", 9)) cur->all = strstr(line, "all") != NULL;
        else if (!strncmp(line, "text: ", 6)) snprintf(cur->text, sizeof cur->text, "%.1000s", line + 6);
        else if (!strncmp(line, "expect: ", 8)) {
            if (strcmp(line + 8, "none") != 0) {
                size_t n = strlen(cur->expect);
                snprintf(cur->expect + n, sizeof cur->expect - n, "%s\n", line + 8);
            }
        } else {
            fprintf(stderr, "%s:%d: unknown line '%s'\n", path, lineno, line);
            exit(1);
        }
    }
    fclose(f);
}

static void run_example(void **state) {
    example *e = *state;
    dyad_code_options opt = {e->all, 0, 0};
    dyad_coder *c = dyad_coder_new(dict, &opt);
    assert_non_null(c);
    test_events got;
    memset(&got, 0, sizeof got);
    dyad_doc doc = {"spec", e->date, e->text, strlen(e->text)};
    dyad_err err;
    assert_int_equal(dyad_coder_code(c, &doc, test_collect, &got, &err), DYAD_OK);
    if (strcmp(got.text, e->expect) != 0) {
        print_error("tests/spec/coding.txt:%d: %s\n  text:     %s\n  expected:\n%s  got:\n%s", e->line, e->name,
                    e->text, e->expect[0] ? e->expect : "(none)\n", got.text[0] ? got.text : "(none)\n");
    }
    assert_string_equal(got.text, e->expect);
    dyad_coder_free(c);
}

int main(void) {
    load_examples("tests/spec/coding.txt");
    dyad_err err;
    if (dyad_dict_load("tests/data/spec", NULL, &dict, &err)) {
        fprintf(stderr, "%s: %s\n", err.file, err.msg);
        return 1;
    }
    struct CMUnitTest tests[MAX_EXAMPLES];
    for (int i = 0; i < nex; i++) {
        tests[i].name = ex[i].name;
        tests[i].test_func = run_example;
        tests[i].setup_func = NULL;
        tests[i].teardown_func = NULL;
        tests[i].initial_state = &ex[i];
    }
    int rc = _cmocka_run_group_tests("spec", tests, (size_t)nex, NULL, NULL);
    dyad_dict_free(dict);
    return rc;
}
