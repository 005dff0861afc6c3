/*
 * harness.h -- includes shared by the unit tests (cmocka) and helpers to
 * find test data relative to the repository root (tests run from it).
 */
#ifndef DYAD_TEST_HARNESS_H
#define DYAD_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <cmocka.h>

#include "../../include/dyad.h"

/* Collects a document's events as "SRC TGT CODE MODALITY\n" lines. */
typedef struct test_events {
    char text[8192];
    size_t len;
    int n;
} test_events;

static inline int test_collect(void *ctx, const dyad_event *ev) {
    test_events *t = ctx;
    int k = snprintf(t->text + t->len, sizeof t->text - t->len, "%s %s %s %s\n", ev->source,
                     *ev->target ? ev->target : "---", ev->code, dyad_modality_str(ev->modality));
    if (k > 0 && (size_t)k < sizeof t->text - t->len) t->len += (size_t)k;
    t->n++;
    return 0;
}

#endif
