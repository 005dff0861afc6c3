/*
 * read_pico.c -- reader for PETRARCH-2's internal coding ontology (PICO) file,
 * and the negation it defines: a negated verb's code becomes the code of the
 * opposite value ("did not clash" 110 -> 050, "did not coerce" 170 -> 057).
 *
 *   file  -> { comment | blank | entry }
 *   entry -> CODE ':' term { ('+' | '-') term } [ '#' comment ]   (CODE: digits, or "---")
 *   term  -> '0x' HEX | DIGITS          ("110:0x1007f#..."; "121:-0xFFFF+0x0070")
 *
 * A value at or above 0xFFFF is the negative of value - 0xFFFF; a value below 0
 * is a rejection (value + 0xFFFF rejected).
 */
#include "dict.h"

#include <stdlib.h>

#define PICO_NEGATE 0xFFFF

/* Parse the value expression s[0..n); 0 on success. */
static int pico_value(const char *s, size_t n, int64_t *out) {
    int64_t v = 0;
    size_t i = 0;
    int terms = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i == n) break;
        int sign = 1;
        if (s[i] == '+' || s[i] == '-') {
            sign = s[i] == '-' ? -1 : 1;
            i++;
            while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        } else if (terms) return -1;
        int base = 10;
        if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) { base = 16; i += 2; }
        size_t digits = 0;
        int64_t t = 0;
        for (; i < n; i++, digits++) {
            int c = (unsigned char)s[i], dv;
            if (c >= '0' && c <= '9') dv = c - '0';
            else if (base == 16 && c >= 'a' && c <= 'f') dv = c - 'a' + 10;
            else if (base == 16 && c >= 'A' && c <= 'F') dv = c - 'A' + 10;
            else break;
            if (t > (INT64_C(1) << 40)) return -1;
            t = t * base + dv;
        }
        if (!digits) return -1;
        v += sign * t;
        terms++;
    }
    if (!terms) return -1;
    *out = v;
    return 0;
}

dyad_status dy_read_pico(dy_dict *d, const char *path, const char *text, size_t len, dyad_err *err) {
    uint32_t file = dy_dict_file(d, path);
    if (file == UINT32_MAX) return dy_error(err, DYAD_ENOMEM, path, 0, "out of memory");
    const char *p = text, *end = text + len;
    for (uint32_t lineno = 1; p < end; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end, *s = p;
        p = nl ? nl + 1 : end;
        const char *hash = memchr(s, '#', (size_t)(e - s));
        if (hash) e = hash;
        while (s < e && (*s == ' ' || *s == '\t')) s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
        if (s == e) continue;
        dy_loc loc = {file, lineno};
        const char *colon = memchr(s, ':', (size_t)(e - s));
        size_t clen = colon ? (size_t)(colon - s) : 0;
        int code_ok = clen > 0 && clen <= 8;
        for (size_t i = 0; i < clen; i++) code_ok &= (s[i] >= '0' && s[i] <= '9') || s[i] == '-';
        int64_t v;
        if (!code_ok || pico_value(colon + 1, (size_t)(e - colon - 1), &v)) {
            dy_dict_diag(d, loc, "not a PICO entry (CODE:VALUE): '%.*s'", (int)(e - s > 60 ? 60 : e - s), s);
            continue;
        }
        dy_pico entry = {dy_intern_add(&d->codes, s, clen), v};
        if (!entry.code || DY_PUSH(d->pico, d->npico, d->cappico, entry))
            return dy_error(err, DYAD_ENOMEM, path, lineno, "out of memory");
    }
    return DYAD_OK;
}

static uint32_t pico_code_of(const dy_dict *d, int64_t v) {
    for (size_t i = 0; i < d->npico; i++)
        if (d->pico[i].value == v) return d->pico[i].code;
    return 0;
}

uint32_t dy_pico_negate(const dy_dict *d, uint32_t code) {
    size_t i = 0;
    while (i < d->npico && d->pico[i].code != code) i++;
    if (i == d->npico) return 0;
    int64_t v = d->pico[i].value;
    int64_t neg = v < 0 ? v + PICO_NEGATE : v - PICO_NEGATE;
    uint32_t id = pico_code_of(d, neg);
    /* no exact opposite: the nearest broader one (low hex digits of the act cleared) */
    int64_t base = neg < 0 ? -PICO_NEGATE : 0, act = neg - base;
    for (int64_t mask = 0xFFF0; !id && mask >= 0xF000; mask = (mask << 4) & 0xFFFF)
        id = pico_code_of(d, base + (act & mask));
    return id && strcmp(d->codes.str[id], "---") != 0 ? id : 0; /* "---:0" is no act */
}
