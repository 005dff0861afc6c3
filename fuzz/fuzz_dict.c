/*
 * fuzz_dict.c -- libFuzzer harness: arbitrary bytes as one dictionary file
 * (TABARI, PETRARCH or a PICO ontology; the first byte picks which), loaded
 * and compiled.
 */
#include "../include/dyad.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const ext[] = {"verbs", "actors", "agents", "options", "petr-verbs.txt",
                                      "petr-actors.txt", "petr-agents.txt", "petr-discards.txt",
                                      "petr-issues.txt", "pico-ontology.txt"};
    const size_t nkinds = sizeof ext / sizeof ext[0];
    char path[128];
    snprintf(path, sizeof path, "/tmp/dyad-fuzz-%d.%s", (int)getpid(), ext[size ? data[0] % nkinds : 0]);
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    if (size > 1) fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    dyad_dict *d = NULL;
    dyad_dict_load(path, NULL, &d, NULL);
    dyad_dict_free(d);
    remove(path);
    return 0;
}
