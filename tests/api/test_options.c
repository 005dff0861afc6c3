/*
 * test_options.c -- the dictionary choices where the peers differ:
 * [A:B] as two events or by voice, "<D" strict or inclusive, which dated
 * code an undated document takes, and PETRARCH-2's ontology (PICO) negation.
 */
#include "harness.h"

static void code_with(const char *dict, const dyad_dict_options *o, const dyad_code_options *co,
                      const char *date, const char *text, test_events *got) {
    dyad_dict *d = NULL;
    dyad_err err;
    assert_int_equal(dyad_dict_load(dict, o, &d, &err), DYAD_OK);
    dyad_coder *c = dyad_coder_new(d, co);
    memset(got, 0, sizeof *got);
    dyad_doc doc = {"t", date, text, strlen(text)};
    assert_int_equal(dyad_coder_code(c, &doc, test_collect, got, &err), DYAD_OK);
    dyad_coder_free(c);
    dyad_dict_free(d);
}

/* Write text to a scratch dictionary file at path. */
static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A scratch PETRARCH dictionary set: the given actors, agents and verbs files
 * (agents may be NULL) as /tmp/dyad-test-TAG-*.txt, and the spec naming them. */
static void petrarch_set(const char *tag, const char *actors, const char *agents, const char *verbs, char *spec,
                         size_t cap) {
    const char *kind[3] = {"actors", "agents", "verbs"}, *text[3] = {actors, agents, verbs};
    size_t n = 0;
    spec[0] = 0;
    for (int k = 0; k < 3; k++) {
        if (!text[k]) continue;
        char path[128];
        snprintf(path, sizeof path, "/tmp/dyad-test-%s-%s.txt", tag, kind[k]);
        write_file(path, text[k]);
        n += (size_t)snprintf(spec + n, cap - n, "%s%s", n ? "," : "", path);
    }
}

static void petrarch_set_remove(const char *tag) {
    const char *kind[3] = {"actors", "agents", "verbs"};
    for (int k = 0; k < 3; k++) {
        char path[128];
        snprintf(path, sizeof path, "/tmp/dyad-test-%s-%s.txt", tag, kind[k]);
        remove(path);
    }
}

static void code_one(const char *dict, const dyad_dict_options *o, const char *date, const char *text,
                     test_events *got) {
    code_with(dict, o, NULL, date, text, got);
}

static void paired_codes(void **state) {
    (void)state;
    test_events got;
    dyad_dict_options o;
    memset(&o, 0, sizeof o);
    code_one("tests/data/spec", &o, "2005-01-01", "Freedonia arrived in Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 042 asserted\nSYL FRE 043 asserted\n");
    o.paired = DYAD_PAIRED_VOICE;
    code_one("tests/data/spec", &o, "2005-01-01", "Freedonia arrived in Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 042 asserted\n");
}

static void date_choices(void **state) {
    (void)state;
    const char *path = "/tmp/dyad-test-options.actors";
    write_file(path, "FREEDONIA [FRE]\nSYLVANIA [SYL]\nRUFUS_ [FREELI <20000101] [FREGOV >20000101]\n");
    char spec[256];
    snprintf(spec, sizeof spec, "%s,tests/data/spec/spec.verbs", path);
    test_events got;
    dyad_dict_options o;
    memset(&o, 0, sizeof o);
    /* on the day itself: strictly before excludes it, so the later code applies */
    code_one(spec, &o, "2000-01-01", "Rufus attacked Sylvania.", &got);
    assert_string_equal(got.text, "FREGOV SYL 190 asserted\n");
    o.before_inclusive = 1;
    code_one(spec, &o, "2000-01-01", "Rufus attacked Sylvania.", &got);
    assert_string_equal(got.text, "FREELI SYL 190 asserted\n");
    /* an undated document: the latest code by default, the earliest on request */
    o.before_inclusive = 0;
    code_one(spec, &o, "", "Rufus attacked Sylvania.", &got);
    assert_string_equal(got.text, "FREGOV SYL 190 asserted\n");
    o.undated_earliest = 1;
    code_one(spec, &o, "", "Rufus attacked Sylvania.", &got);
    assert_string_equal(got.text, "FREELI SYL 190 asserted\n");
    remove(path);
}

/* With a PICO file, a negated verb takes the code of the opposite act: the exact
 * opposite value, else the nearest broader one; a code PICO lacks stays. */
static void pico_negation(void **state) {
    (void)state;
    const char *path = "/tmp/dyad-test-ontology.txt";
    write_file(path, "# made up\n040:0x0040\n111:0xFFFF+0x0040\n120:-0xFFFF\n042:0x0042\n---:0\n");
    char spec[256];
    snprintf(spec, sizeof spec, "tests/data/spec/spec.actors,tests/data/spec/spec.verbs,%s", path);
    dyad_dict_options o;
    memset(&o, 0, sizeof o);
    dyad_code_options all = {1, 0, 0};
    test_events got;
    code_with(spec, &o, &all, "2005-01-01", "Freedonia did not condemn Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 040 negated\n");
    code_with(spec, &o, &all, "2005-01-01", "Freedonia did not host Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 120 negated\n");
    code_with(spec, &o, &all, "2005-01-01", "Freedonia did not warn Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 130 negated\n");
    code_with(spec, &o, &all, "2005-01-01", "Freedonia condemned Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 111 asserted\n");
    /* without the PICO file the negated event keeps its code */
    code_with("tests/data/spec", &o, &all, "2005-01-01", "Freedonia did not condemn Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 111 negated\n");
    remove(path);
}

/* A noun a pattern names matches its plural in PETRARCH-2's dictionaries (the
 * '{...}' / '(...)' syntax marks the file as such), not in PETRARCH-1's; and
 * how a '{...}' noun phrase's words may stand apart. */
static void petrarch_pattern_plurals(void **state) {
    (void)state;
    const char *actors = "FREEDONIA [FRE]\nSYLVANIA [SYL]\n";
    char spec[512];
    petrarch_set("plural", actors, NULL, "--- ABANDON [1121] ---\nABANDON\n- * EFFORT [080]\n", spec, sizeof spec);
    dyad_dict_options o;
    memset(&o, 0, sizeof o);
    test_events got;
    code_one(spec, &o, "2005-01-01", "Freedonia abandoned efforts to stop Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 1121 asserted\n");
    code_one(spec, &o, "2005-01-01", "Freedonia abandoned effort to stop Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 080 asserted\n");
    petrarch_set("plural", actors, NULL, "--- ABANDON [1121] ---\nABANDON\n- * EFFORT [080]\n- * {BRAVE TALKS} [081]\n",
                 spec, sizeof spec);
    code_one(spec, &o, "2005-01-01", "Freedonia abandoned efforts to stop Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 080 asserted\n");
    /* {W1 W2 HEAD}: the word before the head stands next to it; W1 may stand further off */
    petrarch_set("plural", actors, NULL, "--- ABANDON [1121] ---\nABANDON\n- * {NEW TRADE TALKS} [081]\n", spec, sizeof spec);
    code_one(spec, &o, "2005-01-01", "Freedonia abandoned new fragile trade talks with Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 081 asserted\n");
    code_one(spec, &o, "2005-01-01", "Freedonia abandoned new trade peace talks with Sylvania.", &got);
    assert_string_equal(got.text, "FRE SYL 1121 asserted\n");
    petrarch_set_remove("plural");
}

/* PETRARCH dictionaries: an actor that leads a compound of agents ("Freedonian
 * media and government") is the actor of each agent that has none; two agents
 * of two actors are every agent of every actor. */
static void lead_actor_of_agents(void **state) {
    (void)state;
    const char *verbs = "--- WARN [130] ---\nWARN\n";
    char spec[512];
    petrarch_set("lead", "FREEDONIAN [FRE]\nSYLVANIA [SYL]\n", "PRESS [~MED]\nGOVERNMENT [~GOV]\n", verbs, spec,
                 sizeof spec);
    dyad_dict_options o;
    memset(&o, 0, sizeof o);
    test_events got;
    code_one(spec, &o, "2005-01-01", "Freedonian press and government warned Sylvania.", &got);
    assert_string_equal(got.text, "FREMED SYL 130 asserted\nFREGOV SYL 130 asserted\n");
    /* two agents of two actors: every agent of every actor */
    petrarch_set("lead", "FREEDONIA [FRE]\nOSTERLICH [OST]\nSYLVANIA [SYL]\n", "PRESS [~MED]\nOFFICIALS [~GOV]\n", verbs,
                 spec, sizeof spec);
    code_one(spec, &o, "2005-01-01", "Press and officials in Freedonia and Osterlich warned Sylvania.", &got);
    assert_string_equal(got.text, "FREMED SYL 130 asserted\nOSTMED SYL 130 asserted\n"
                                  "FREGOV SYL 130 asserted\nOSTGOV SYL 130 asserted\n");
    petrarch_set_remove("lead");
}

/* PETRARCH-1: with require_dyad off, an event may lack a target ("---"), and a
 * closing ", a senior official said" is a clause of its own that codes one. */
static void petrarch1_require_dyad(void **state) {
    (void)state;
    char spec[512];
    petrarch_set("rd", "FREEDONIA [FRE]\nSYLVANIA [SYL]\n", "OFFICIAL [~GOV]\n",
                 "--- SAID [023] ---\nSAID\n\n--- ATTACK [190] ---\nATTACK\n", spec, sizeof spec);
    dyad_dict *d = NULL;
    dyad_err err;
    dyad_dict_options o;
    memset(&o, 0, sizeof o);
    assert_int_equal(dyad_dict_load(spec, &o, &d, &err), DYAD_OK);
    /* the second: a few words may stand between the speaker and the verb */
    const char *texts[2] = {"Freedonia attacked Sylvania on Monday, a senior official said.",
                            "Freedonia attacked Sylvania on Monday, the official news agency said."};
    for (int pass = 0; pass < 2; pass++) {
        dyad_coder *c = dyad_coder_new(d, NULL);
        if (pass) assert_int_equal(dyad_coder_option(c, "require_dyad = false"), 0);
        for (int t = 0; t < 2; t++) {
            dyad_doc doc = {"t", "2005-01-01", texts[t], strlen(texts[t])};
            test_events got;
            memset(&got, 0, sizeof got);
            assert_int_equal(dyad_coder_code(c, &doc, test_collect, &got, &err), DYAD_OK);
            assert_string_equal(got.text, pass ? "FRE SYL 190 asserted\n---GOV --- 023 asserted\n" : "FRE SYL 190 asserted\n");
        }
        dyad_coder_free(c);
    }
    dyad_dict_free(d);
    petrarch_set_remove("rd");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(petrarch1_require_dyad),
        cmocka_unit_test(lead_actor_of_agents),
        cmocka_unit_test(petrarch_pattern_plurals),
        cmocka_unit_test(paired_codes),
        cmocka_unit_test(date_choices),
        cmocka_unit_test(pico_negation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
