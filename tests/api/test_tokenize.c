/*
 * test_tokenize.c -- the tokenizer and sentence splitter (internal API):
 * abbreviations, initials, quotes, hyphens, possessives, accents, numbers.
 */
#include "harness.h"
#include "../../src/tok/tokenize.h"

static dy_tokens T;

static const char *tok(size_t i) { return T.text + T.tok[i].text; }

static void tokenize(const char *s) { assert_int_equal(dy_tokenize(&T, s, strlen(s)), 0); }

static void words_are_folded(void **state) {
    (void)state;
    tokenize("Côte d’Ivoire's al-Assad");
    assert_int_equal(T.ntok, 4);
    assert_string_equal(tok(0), "COTE");
    assert_string_equal(tok(1), "D'IVOIRE'S");
    assert_string_equal(tok(2), "AL");
    assert_string_equal(tok(3), "ASSAD");
    assert_true(T.tok[0].flags & DY_TF_CAPITAL);
    assert_false(T.tok[1].flags & DY_TF_CAPITAL);
}

static void abbreviations_do_not_split(void **state) {
    (void)state;
    tokenize("The U.S. envoy met Gen. Smith on Jan. 5. Talks ended. \"Fine,\" he said.");
    assert_int_equal(T.nsent, 3);
    assert_string_equal(tok(1), "U.S.");
    assert_string_equal(tok(4), "GEN");
    assert_string_equal(tok(5), "SMITH");
}

static void numbers_and_spans(void **state) {
    (void)state;
    const char *s = "Troops fired 1,500 shells, 3.5 tonnes.";
    tokenize(s);
    assert_string_equal(tok(2), "1,500");
    assert_int_equal(T.tok[2].kind, DY_TOK_NUMBER);
    assert_string_equal(tok(3), "SHELLS");
    assert_string_equal(tok(4), ",");
    assert_string_equal(tok(5), "3.5");
    assert_int_equal(T.tok[1].start, 7);
    assert_int_equal(T.tok[1].end, 12);
}

static void utf8_check(void **state) {
    (void)state;
    assert_int_equal(dy_utf8_check("abc", 3), (size_t)-1);
    assert_int_equal(dy_utf8_check("ab\xc3", 3), 2);
    assert_int_equal(dy_utf8_check("\xe2\x80\x99ok", 5), (size_t)-1);
    char out[64];
    dy_fold("Erdoğan_", 9, out, sizeof out);
    assert_string_equal(out, "ERDOGAN_");
    dy_fold("caf\xe9", 4, out, sizeof out); /* Latin-1 byte in an old dictionary */
    assert_string_equal(out, "CAFE");
}

/* The tokenizer flags invalid UTF-8 exactly when dy_utf8_check finds it
 * (the coder checks only flagged texts): random texts built from ASCII,
 * valid multi-byte characters and stray bytes. */
static void tokenizer_flags_invalid_utf8(void **state) {
    (void)state;
    static const char *const pieces[] = {
        "a", "Z", " ", "'", ".", "-", ",", "9", "\xc3\xa9", "\xe2\x80\x99", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
        "\xc2\xa0", "\x80", "\xbf", "\xc3", "\xe2\x80", "\xff", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"};
    uint32_t seed = 12345;
    int flagged = 0;
    for (int round = 0; round < 20000; round++) {
        char buf[256];
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int parts = (int)(seed >> 16) % 24;
        for (int k = 0; k < parts; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            size_t m = strlen(p);
            memcpy(buf + n, p, m);
            n += m;
        }
        assert_int_equal(dy_tokenize(&T, buf, n), 0);
        int invalid = dy_utf8_check(buf, n) != (size_t)-1;
        assert_int_equal(T.bad_utf8, invalid);
        flagged += invalid;
    }
    assert_true(flagged > 1000 && flagged < 19000); /* both kinds were tried */
}

static void long_sentences_are_broken(void **state) {
    (void)state;
    char *s = malloc(20001);
    assert_non_null(s);
    for (int i = 0; i < 20000; i++) s[i] = (i % 2) ? ' ' : 'a';
    s[20000] = 0;
    tokenize(s);
    assert_int_equal(T.ntok, 10000);
    assert_true(T.nsent >= 10000 / DY_MAX_SENTENCE_TOKENS);
    free(s);
}

/* Words of every length from 1 to 24, at every alignment, ended by each kind
 * of byte (space, comma, a letter outside ASCII, 's, hyphen, an invalid byte):
 * folded text, start, kind and the all-capitals flag. */
static void words_of_every_length(void **state) {
    (void)state;
    static const char *const alphabets[] = {"abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                            "0123456789", "aZ0yB1xC2wD3vE4uF5tG6sH7"};
    static const char *const endings[] = {"", " next", ", next", "\xc3\xa9 next", "'s next", "-next", "\x80 next"};
    static const char *const ending_adds[] = {"", "", "", "E", "'S", "", ""}; /* joined to the word when folded */
    char text[128], want[64];
    for (size_t a = 0; a < DY_ARRAY_LEN(alphabets); a++)
        for (int len = 1; len <= 24; len++)
            for (int pad = 0; pad < 8; pad++)
                for (size_t e = 0; e < DY_ARRAY_LEN(endings); e++) {
                    int letters = 0, uppers = 0, n = 0;
                    char word[32];
                    for (int k = 0; k < len; k++) {
                        char ch = alphabets[a][k % strlen(alphabets[a])];
                        word[k] = ch;
                        want[n++] = (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
                        letters += (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
                        uppers += ch >= 'A' && ch <= 'Z';
                    }
                    word[len] = 0;
                    snprintf(want + n, sizeof want - (size_t)n, "%s", ending_adds[e]);
                    snprintf(text, sizeof text, "%*s%s%s", pad, "", word, endings[e]);
                    tokenize(text);
                    assert_true(T.ntok >= 1);
                    assert_string_equal(tok(0), want);
                    assert_int_equal(T.tok[0].start, pad);
                    int digits = letters == 0 && !ending_adds[e][0];
                    assert_int_equal(T.tok[0].kind, digits ? DY_TOK_NUMBER : DY_TOK_WORD);
                    /* é and the s of 's are lower-case letters of the word */
                    int allcaps = !digits && letters >= 2 && uppers == letters && e != 3 && e != 4;
                    assert_int_equal(!!(T.tok[0].flags & DY_TF_ALLCAPS), allcaps);
                }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_are_folded),
        cmocka_unit_test(abbreviations_do_not_split),
        cmocka_unit_test(numbers_and_spans),
        cmocka_unit_test(utf8_check),
        cmocka_unit_test(tokenizer_flags_invalid_utf8),
        cmocka_unit_test(long_sentences_are_broken),
        cmocka_unit_test(words_of_every_length),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    dy_tokens_free(&T);
    return rc;
}
