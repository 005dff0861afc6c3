/*
 * swar.h -- byte tests eight at a time in a 64-bit word, for the scanners
 * of JSON text (reader) and the escaper of JSON output. Knows nothing of events.
 */
#ifndef DY_SWAR_H
#define DY_SWAR_H

#include <stdint.h>
#include <string.h>

/* Nonzero when one of the eight bytes of w is a quote, a backslash or a
 * control byte (< 0x20): a JSON string cannot hold it as it is. May also
 * be nonzero after such a byte, never when there is none. */
static inline uint64_t dy_json_special_word(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | (w - ones * 0x20)) & ~w & highs;
}

/* dy_json_special_word of the eight bytes at p. */
static inline uint64_t dy_json_special8(const char *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    return dy_json_special_word(w);
}

/* The first byte at or after p that a JSON string cannot hold as it is
 * (a quote, a backslash, a control byte), eight bytes at a time; within the
 * last seven bytes before end, p itself (callers test those one by one).
 * The lowest flagged byte of a word is a real one: a false flag needs a
 * borrow from a real one before it. */
static inline const char *dy_json_skip_plain(const char *p, const char *end) {
    while (end - p >= 8) {
        uint64_t m = dy_json_special8(p);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (m) return p + (__builtin_ctzll(m) >> 3);
#else
        if (m) return p;
#endif
        p += 8;
    }
    return p;
}

#endif
