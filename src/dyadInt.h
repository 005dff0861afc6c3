/*
 * dyadInt.h -- internal macros shared by every libdyad module.
 * Not installed; nothing here is API (see include/dyad.h for that).
 */
#ifndef DYAD_INT_H
#define DYAD_INT_H

#include "../include/dyad.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define DY_INTERNAL __attribute__((visibility("hidden")))
#define DY_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DY_INTERNAL
#define DY_PRINTF(a, b)
#endif

#define DY_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Grow a (ptr, len, cap) array so that it can hold `need` items; evaluates
 * to 0 on success, -1 on out of memory (the array is then unchanged). */
#define DY_GROW(ptr, cap, need) \
    ((need) <= (cap) ? 0 : dy_grow((void **)&(ptr), &(cap), (need), sizeof(*(ptr))))

/* Append one item; evaluates to 0 or -1 (out of memory). */
#define DY_PUSH(ptr, len, cap, item) \
    (DY_GROW(ptr, cap, (len) + 1) ? -1 : ((ptr)[(len)++] = (item), 0))

DY_INTERNAL int dy_grow(void **ptr, size_t *cap, size_t need, size_t size);

/* The codebook (out/codebook.c) by row: the row a code of n bytes falls back
 * to (itself, else its parent, else its root) or -1; how many rows; a row's facts. */
DY_INTERNAL long dy_cameo_find(const char *code, size_t n);
DY_INTERNAL size_t dy_cameo_nrows(void);
DY_INTERNAL void dy_cameo_row(size_t i, dyad_cameo_info *info);

/* A date written as yyyymmdd or yymmdd digits (two-digit years from 30 are
 * 19xx), with bytes of `sep` allowed between them, as yyyymmdd; -1 when s[0..n)
 * is not one. Dictionaries ("<950601") and documents ("2024-05-01") both. */
DY_INTERNAL int32_t dy_parse_date(const char *s, size_t n, const char *sep);

/* Copy the string src into dst[cap] (cap > 0), cut to fit; on the hot path
 * where snprintf("%s") would cost a thousand instructions. */
static inline void dy_copy_str(char *dst, size_t cap, const char *src) {
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* Fill a dyad_err (if non-NULL) and return its code. */
DY_INTERNAL dyad_status dy_error(dyad_err *err, dyad_status code, const char *file, int line,
                                 const char *fmt, ...) DY_PRINTF(5, 6);

#endif
