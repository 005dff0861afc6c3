/*
 * test_codes.c -- reading CAMEO codes: which actor codes begin with a
 * country or organisation and which with an agent role ("GOV", "REB" ...;
 * internal API), and the event codebook's facts (dyad_cameo_lookup).
 */
#include "harness.h"
#include "../../src/code/coder.h"

/* Every agent role that can lead a code, in no particular order. */
static const char *const roles[] = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "MED", "EDU", "BUS", "CVL",
    "HLH", "REF", "LAB", "LEG", "ELI", "AGR", "ENV", "HRI", "CRM", "UAF", "INS", "SEP", "MOD", "RAD",
    "MOS", "CHR", "JEW", "BUD", "HIN", "REL", "SIK", "NGM", "IMG", "MNC", "DEV", "SET", "IRC", "PKO"};

static void roles_are_not_countries(void **state) {
    (void)state;
    char code[8];
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
        assert_false(dy_has_country(roles[i]));
        snprintf(code, sizeof code, "%sREB", roles[i]); /* the role leads: still no country */
        assert_false(dy_has_country(code));
    }
}

static void countries_and_organisations_are(void **state) {
    (void)state;
    const char *yes[] = {"USA", "USAGOV", "RUSMIL", "NATO", "UNO", "AFG", "ZWE", "AAA", "ZZZ", "GOW", "GOU"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) assert_true(dy_has_country(yes[i]));
    const char *no[] = {"", "US", "---", "---GOV", "usa", "U.S", "123"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) assert_false(dy_has_country(no[i]));
}

static void codebook_facts_by_code(void **state) {
    (void)state;
    dyad_cameo_info info;
    assert_int_equal(dyad_cameo_lookup("190", &info), 0);
    assert_string_equal(info.code, "190");
    assert_int_equal(info.quad, 4);
    assert_true(info.goldstein == -10.0);
    assert_string_equal(info.plover_type, "ASSAULT");
    assert_int_equal(dyad_cameo_lookup("036", &info), 0);
    assert_string_equal(info.code, "036");
    assert_int_equal(info.quad, 1);
    assert_int_equal(dyad_cameo_lookup("0231", &info), 0);
    assert_string_equal(info.code, "0231");
    assert_true(info.goldstein == 3.4);
    assert_int_equal(dyad_cameo_lookup("20", &info), 0);
    assert_string_equal(info.code, "20");
    /* an unknown code falls back to its parent, then its root */
    assert_int_equal(dyad_cameo_lookup("02319", &info), 0);
    assert_string_equal(info.code, "0231");
    assert_int_equal(dyad_cameo_lookup("0369", &info), 0);
    assert_string_equal(info.code, "036");
    assert_int_equal(dyad_cameo_lookup("199", &info), 0);
    assert_string_equal(info.code, "19");
    /* no root, no digits, too short */
    assert_int_equal(dyad_cameo_lookup("99", &info), -1);
    assert_int_equal(dyad_cameo_lookup("ab", &info), -1);
    assert_int_equal(dyad_cameo_lookup("1", &info), -1);
    assert_int_equal(dyad_cameo_lookup("", &info), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roles_are_not_countries),
        cmocka_unit_test(countries_and_organisations_are),
        cmocka_unit_test(codebook_facts_by_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
