/*
 * fuzz_code.c -- libFuzzer harness: arbitrary bytes as a document, coded
 * with the built-in dictionaries (first byte picks the modality option).
 * Built by `make fuzz`; replayed over fuzz/corpus/code by the test run.
 */
#include "../include/dyad.h"

#include <stdint.h>
#include <stdlib.h>

static dyad_dict *dict;

static int sink(void *ctx, const dyad_event *ev) {
    char buf[2048];
    (void)ctx;
    dyad_event_to_json(ev, NULL, buf, sizeof buf);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!dict && dyad_dict_load(NULL, NULL, &dict, NULL) != DYAD_OK) abort();
    dyad_code_options opt = {size > 0 && (data[0] & 1), size > 0 && (data[0] & 2), size > 0 && (data[0] & 4)};
    dyad_coder *c = dyad_coder_new(dict, &opt);
    if (!c) return 0;
    dyad_doc doc = {"fuzz", "2020-01-01", (const char *)data, size};
    dyad_coder_code(c, &doc, sink, NULL, NULL);
    dyad_coder_free(c);
    return 0;
}
