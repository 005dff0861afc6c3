/*
 * test_anchors.c -- the anchor index (internal API, dict.h): two (verb, word)
 * pairs may share a 32-bit hash, or a word with a neighbour verb's pair, and a
 * look-up must still find each pair's own run and nothing for a pair not in
 * the set.
 */
#include "harness.h"
#include "../../src/dict/dict.h"

#include <sys/stat.h>
#include <unistd.h>

/* Verb 0's anchors are [0, 3) with words 5 5 9, verb 1's [3, 5) with 5 7;
 * every pair is given the hash 42, so all four sit in one probe chain. */
static void pairs_that_share_a_hash(void **state) {
    (void)state;
    dy_anchor anchors[5] = {{5, 0, 0}, {5, 1, 0}, {9, 2, 0}, {5, 0, 0}, {7, 1, 0}};
    dy_anchor_slot index[8];
    for (int s = 0; s < 8; s++) index[s] = (dy_anchor_slot){0, DY_ANCHOR_NONE};
    const uint32_t h = 42, start = 42 & 7;
    const uint32_t firsts[] = {0, 2, 3, 4}; /* each run's first anchor, in insertion order */
    for (int k = 0; k < 4; k++) index[(start + (uint32_t)k) & 7] = (dy_anchor_slot){h, firsts[k]};
    dy_dict d;
    memset(&d, 0, sizeof d);
    d.anchors = anchors;
    d.nanchors = 5;
    d.anchor_index = index;
    d.nanchor_index = 8;
    /* verb 0 is [0, 3), verb 1 is [3, 5) */
    assert_int_equal(dy_anchor_find(&d, start, h, 0, 3, 5), 0);
    assert_int_equal(dy_anchor_find(&d, start, h, 0, 3, 9), 2);
    assert_int_equal(dy_anchor_find(&d, start, h, 3, 2, 5), 3); /* past verb 0's word 5 */
    assert_int_equal(dy_anchor_find(&d, start, h, 3, 2, 7), 4);
    assert_int_equal(dy_anchor_find(&d, start, h, 3, 2, 9), DY_ANCHOR_NONE); /* verb 0's word only */
    assert_int_equal(dy_anchor_find(&d, start, h, 0, 3, 7), DY_ANCHOR_NONE);
    assert_int_equal(dy_anchor_find(&d, start, 43, 0, 3, 5), DY_ANCHOR_NONE); /* another hash */
}

/* Every (verb, word) of a loaded set's anchors is found at its run's first
 * anchor from its hash's slot; returns how many pairs there are. */
static size_t every_pair_found(const dy_dict *d) {
    size_t pairs = 0;
    for (uint32_t v = 0; v < d->nverbs; v++) {
        const dy_verb *vb = &d->verbs[v];
        for (uint32_t k = vb->anc_first; k < vb->anc_first + vb->nanc; k++) {
            uint32_t w = d->anchors[k].word;
            if (!w || (k > vb->anc_first && d->anchors[k - 1].word == w)) continue;
            uint32_t h = dy_anchor_hash(v, w);
            uint32_t at = dy_anchor_find(d, h & (uint32_t)(d->nanchor_index - 1), h, vb->anc_first, vb->nanc, w);
            assert_int_equal(at, k);
            pairs++;
        }
    }
    return pairs;
}

static void every_pair_of_the_builtin_set(void **state) {
    (void)state;
    dyad_dict *d;
    dyad_err err;
    assert_int_equal(dyad_dict_load(NULL, NULL, &d, &err), DYAD_OK);
    assert_true(every_pair_found(d) > 1000);
    dyad_dict_free(d);
}

/* Three verbs whose patterns all need the one word TO: three pairs whose runs
 * lie side by side in the anchors with the same word. The index must count
 * each (it once counted one, sized the table for one, and never finished
 * filling it) and find each. */
static void verbs_that_share_their_one_word(void **state) {
    (void)state;
    char dir[64], path[96];
    snprintf(dir, sizeof dir, "/tmp/dyad-test-anchors-%ld", (long)getpid());
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/t.actors", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("FREEDONIA [FRE]\nSYLVANIA [SYL]\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/t.verbs", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    const char *verbs[] = {"ATTACK", "CONDEMN", "PRAISE"};
    for (int v = 0; v < 3; v++) {
        fprintf(f, "%s [190]\n", verbs[v]);
        for (int p = 0; p < DY_ANCHOR_MIN_PATTERNS; p++) fprintf(f, "- * TO_ $ [19%d]\n", p % 10);
    }
    fclose(f);
    dyad_dict *d;
    dyad_err err;
    assert_int_equal(dyad_dict_load(dir, NULL, &d, &err), DYAD_OK);
    assert_int_equal(every_pair_found(d), 3);
    dyad_dict_free(d);
    snprintf(path, sizeof path, "%s/t.actors", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/t.verbs", dir);
    remove(path);
    rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pairs_that_share_a_hash),
        cmocka_unit_test(every_pair_of_the_builtin_set),
        cmocka_unit_test(verbs_that_share_their_one_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
