/*
 * dyad.c -- status and modality names, shared helpers for growing arrays,
 * reading dates and filling located errors. The smallest module: everything
 * else uses it.
 */
#include "dyadInt.h"

#include <stdarg.h>
#include <stdio.h>

const char *dyad_status_str(dyad_status s) {
    /* ORDER: dyad_status */
    static const char *const names[] = {"ok", "out of memory", "I/O error", "syntax error",
                                        "bad input", "bad argument"};
    return (unsigned)s < DY_ARRAY_LEN(names) ? names[s] : "unknown status";
}

const char *dyad_modality_str(dyad_modality m) {
    /* ORDER: dyad_modality */
    static const char *const names[] = {"asserted", "future", "negated", "hypothetical",
                                        "reported-claim"};
    return (unsigned)m < DY_ARRAY_LEN(names) ? names[m] : "unknown";
}

int dy_grow(void **ptr, size_t *cap, size_t need, size_t size) {
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size) return -1;
        ncap *= 2;
    }
    void *p = realloc(*ptr, ncap * size);
    if (!p) return -1;
    *ptr = p;
    *cap = ncap;
    return 0;
}

dyad_status dy_error(dyad_err *err, dyad_status code, const char *file, int line,
                     const char *fmt, ...) {
    if (err) {
        err->code = code;
        err->line = line;
        snprintf(err->file, sizeof err->file, "%s", file ? file : "");
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

int32_t dy_parse_date(const char *s, size_t n, const char *sep) {
    size_t k = 0;
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') { if (++k <= 8) v = v * 10 + (s[i] - '0'); }
        else if (!s[i] || !strchr(sep, s[i])) return -1;
    }
    if (k == 6) return (v / 10000 >= 30 ? 19000000 : 20000000) + v;
    return k == 8 ? v : -1;
}
