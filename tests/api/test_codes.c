/*
 * test_codes.c -- reading CAMEO codes (internal API): which codes begin with
 * a country or organisation and which with an agent role ("GOV", "REB" ...).
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roles_are_not_countries),
        cmocka_unit_test(countries_and_organisations_are),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
