/*
 * tokenize.c -- one pass over the document: bytes are classified through a
 * 256-entry table, words are upper-cased and accent-folded into one reused
 * buffer, and sentence boundaries are found on the way. Hyphens split words
 * (as TABARI does), so "al-Assad" and "al Assad" read alike.
 */
#include "tokenize.h"

#include <utf8proc.h>

/* Byte classes. ORDER: used by the table below. */
enum {
    C_OTHER = 0, /* separator with no meaning */
    C_SPACE,     /* blank, tab */
    C_NL,        /* newline: two in a row end a sentence */
    C_UPPER,     /* A-Z */
    C_LOWER,     /* a-z */
    C_DIGIT,     /* 0-9 */
    C_APOS,      /* ' */
    C_PERIOD,    /* . */
    C_HYPHEN,    /* - (splits words) */
    C_AMP,       /* & (kept inside words: AT&T) */
    C_PUNCT,     /* , ; : ( ) " ? ! [ ] : punctuation tokens */
    C_HIGH       /* first byte of a multi-byte UTF-8 character */
};

static unsigned char byte_class[256];

static void init_classes(void) {
    if (byte_class['A']) return;
    for (int c = 0; c < 256; c++) {
        unsigned char k = C_OTHER;
        if (c >= 'A' && c <= 'Z') k = C_UPPER;
        else if (c >= 'a' && c <= 'z') k = C_LOWER;
        else if (c >= '0' && c <= '9') k = C_DIGIT;
        else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') k = C_SPACE;
        else if (c == '\n') k = C_NL;
        else if (c == '\'') k = C_APOS;
        else if (c == '.') k = C_PERIOD;
        else if (c == '-') k = C_HYPHEN;
        else if (c == '&') k = C_AMP;
        else if (strchr(",;:()\"?![]", c) && c) k = C_PUNCT;
        else if (c >= 0x80) k = C_HIGH;
        byte_class[c] = k;
    }
}

size_t dy_utf8_check(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        /* ASCII eight bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) return i;
        i += (size_t)k;
    }
    return (size_t)-1;
}

/* Decode one character at s[0..n): returns its length (>= 1). Invalid
 * bytes are read as Latin-1. */
static size_t decode(const char *s, size_t n, int32_t *cp) {
    unsigned char b = (unsigned char)s[0];
    if (b < 0x80) { *cp = b; return 1; }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (k <= 0) { *cp = b; return 1; }
    *cp = c;
    return (size_t)k;
}

/* What a non-ASCII character means to the tokenizer. */
enum { U_SEP, U_LETTER, U_APOS, U_QUOTE, U_DASH };

static int classify_cp(int32_t cp) {
    switch (cp) {
    case 0x2019: case 0x2018: case 0x02BC: return U_APOS;
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return U_QUOTE;
    case 0x2013: case 0x2014: case 0x2015: return U_DASH;
    default: break;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) return U_LETTER;
    if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) return U_LETTER;
    if (cat == UTF8PROC_CATEGORY_ND) return U_LETTER;
    return U_SEP;
}

/* Append the folded form of a non-ASCII letter to out (capacity 16 bytes
 * is always enough). Returns the number of bytes written. */
static size_t fold_cp(int32_t cp, char *out) {
    utf8proc_int32_t dec[8];
    int last = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(
        cp, dec, 8, (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD),
        &last);
    if (nd < 0 || nd > 8) { dec[0] = cp; nd = 1; }
    size_t w = 0;
    for (utf8proc_ssize_t i = 0; i < nd && w < 12; i++) {
        int32_t c = dec[i];
        if (c < 0x80) out[w++] = (char)((c >= 'a' && c <= 'z') ? c - 32 : c);
        else w += (size_t)utf8proc_encode_char(utf8proc_toupper(c), (utf8proc_uint8_t *)out + w);
    }
    return w;
}

size_t dy_fold(const char *s, size_t n, char *out, size_t cap) {
    size_t w = 0, i = 0;
    if (cap == 0) return 0;
    while (i < n && w + 16 < cap) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* ASCII, the usual case */
            out[w++] = (char)(b >= 'a' && b <= 'z' ? b - 32 : b);
            i++;
            continue;
        }
        int32_t cp;
        size_t k = decode(s + i, n - i, &cp);
        i += k;
        if (cp < 0x80) {
            out[w++] = (char)((cp >= 'a' && cp <= 'z') ? cp - 32 : cp);
        } else {
            int u = classify_cp(cp);
            if (u == U_APOS) out[w++] = '\'';
            else if (u == U_QUOTE) out[w++] = '"';
            else if (u == U_DASH) out[w++] = '-';
            else w += fold_cp(cp, out + w);
        }
    }
    out[w] = 0;
    return w;
}

/* Abbreviations whose period does not end a sentence (folded, no period). */
static int is_abbrev(const char *w, size_t n) {
    static const char *const list[] = {
        "MR", "MRS", "MS", "DR", "GEN", "LT", "COL", "CAPT", "SGT", "MAJ", "ADM", "SEN",
        "REP", "GOV", "PRES", "PROF", "ST", "MT", "JR", "SR", "REV", "HON", "JAN", "FEB",
        "APR", "AUG", "SEPT", "SEP", "OCT", "NOV", "DEC", "NO", "INC", "CORP", "LTD", "CO",
        "VS", "BRIG", "CMDR", "AMB", "DEPT", "FT", "GENS", "REPS", "SENS", "GOVT", "ET", "AL"};
    if (n < 2 || n > 4) return 0; /* every abbreviation has 2 to 4 letters */
    for (size_t i = 0; i < DY_ARRAY_LEN(list); i++)
        if (list[i][0] == w[0] && strlen(list[i]) == n && memcmp(list[i], w, n) == 0) return 1;
    return 0;
}

/* Capacity is reserved once per document (dy_tokenize), so appends only copy. */
static inline int push_text(dy_tokens *t, const char *s, size_t n) {
    if (t->ntext + n + 1 > t->captext && DY_GROW(t->text, t->captext, t->ntext + n + 1)) return -1;
    if (n == 1) t->text[t->ntext] = s[0];
    else memcpy(t->text + t->ntext, s, n);
    t->ntext += n;
    return 0;
}

static inline int push_token(dy_tokens *t, dy_token tk) {
    return DY_PUSH(t->tok, t->ntok, t->captok, tk);
}

static int start_sentence(dy_tokens *t) {
    uint32_t at = (uint32_t)t->ntok;
    if (t->nsent && t->sent[t->nsent - 1] == at) return 0; /* empty sentence */
    return DY_PUSH(t->sent, t->nsent, t->capsent, at);
}

static int push_punct(dy_tokens *t, char p, size_t start, size_t end) {
    dy_token tk = {(uint32_t)start, (uint32_t)end, (uint32_t)t->ntext, 1, DY_TOK_PUNCT, 0};
    if (push_text(t, &p, 1) || push_text(t, "", 1)) return -1;
    return push_token(t, tk);
}

int dy_tokenize(dy_tokens *t, const char *s, size_t n) {
    init_classes();
    t->ntok = t->ntext = t->nsent = 0;
    t->bad_utf8 = 0;
    /* worst cases: a folded character is at most 6x its bytes; one token per 2 bytes + 1 */
    if (DY_GROW(t->text, t->captext, 6 * n + 64) || DY_GROW(t->tok, t->captok, n / 2 + 16)) return -1;
    if (start_sentence(t)) return -1;
    int pending_end = 0;   /* a sentence-final . ? ! was seen */
    int newlines = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        int cls = byte_class[b];
        int32_t cp = b;
        size_t clen = 1;
        int ucls = -1;
        if (cls == C_HIGH) {
            clen = decode(s + i, n - i, &cp);
            t->bad_utf8 |= clen == 1; /* a byte >= 0x80 alone is never valid */
            ucls = classify_cp(cp);
        }
        if (cls == C_NL) {
            if (++newlines >= 2 && t->ntok > t->sent[t->nsent - 1]) {
                if (start_sentence(t)) return -1;
                pending_end = 0;
            }
            i++;
            continue;
        }
        if (cls == C_SPACE || (cls == C_HIGH && cp == 0xA0)) { i += clen; continue; }
        newlines = 0;

        int is_word_start = cls == C_UPPER || cls == C_LOWER || cls == C_DIGIT ||
                            (cls == C_HIGH && ucls == U_LETTER);
        if (!is_word_start) {
            char p = 0;
            if (cls == C_PUNCT) p = (char)(b == '[' ? '(' : b == ']' ? ')' : b);
            else if (cls == C_PERIOD) p = '.';
            else if (cls == C_HIGH && ucls == U_QUOTE) p = '"';
            else if ((cls == C_HIGH && ucls == U_DASH) ||
                     (cls == C_HYPHEN && i + 1 < n && s[i + 1] == '-') ||
                     (cls == C_HYPHEN && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t') &&
                      (i + 1 >= n || s[i + 1] == ' ' || s[i + 1] == '\t')))
                p = '-'; /* a dash, not a hyphen inside a word */
            if (p) {
                size_t end = i + clen;
                if (cls == C_HYPHEN) while (end < n && s[end] == '-') end++;
                if (push_punct(t, p, i, end)) return -1;
                if (p == '.' || p == '?' || p == '!') pending_end = 1;
                i = end;
            } else {
                i += clen;
            }
            continue;
        }

        /* a word or number */
        if (pending_end) {
            int upper = cls == C_UPPER || cls == C_DIGIT || cls == C_HIGH;
            if (upper && start_sentence(t)) return -1;
            pending_end = 0;
        }
        if (t->ntok - t->sent[t->nsent - 1] >= DY_MAX_SENTENCE_TOKENS && start_sentence(t)) return -1;

        size_t start = i, text0 = t->ntext;
        int letters = 0, uppers = 0, digits_only = 1, has_period = 0;
        int first_upper = cls == C_UPPER;
        if (cls == C_HIGH) first_upper = utf8proc_isupper(cp);
        while (i < n) {
            /* fast path: a run of ASCII letters and digits, upper-cased straight into the buffer
             * (capacity was reserved for the whole document) */
            {
                char *out = t->text + t->ntext;
                size_t j = i;
                while (j < n) {
                    unsigned char ch = (unsigned char)s[j];
                    int k = byte_class[ch];
                    if (k == C_LOWER) { *out++ = (char)(ch - 32); letters++; digits_only = 0; }
                    else if (k == C_UPPER) { *out++ = (char)ch; letters++; uppers++; digits_only = 0; }
                    else if (k == C_DIGIT) *out++ = (char)ch;
                    else break;
                    j++;
                }
                t->ntext = (size_t)(out - t->text);
                i = j;
                if (i >= n) break;
            }
            b = (unsigned char)s[i];
            cls = byte_class[b];
            if (cls == C_SPACE) break; /* the usual end of a word */
            char buf[16];
            size_t w = 0;
            clen = 1;
            if (cls == C_UPPER) { buf[w++] = (char)b; letters++; uppers++; digits_only = 0; }
            else if (cls == C_LOWER) { buf[w++] = (char)(b - 32); letters++; digits_only = 0; }
            else if (cls == C_DIGIT) buf[w++] = (char)b;
            else if (cls == C_HIGH) {
                clen = decode(s + i, n - i, &cp);
                t->bad_utf8 |= clen == 1;
                int u = classify_cp(cp);
                if (u == U_LETTER) {
                    letters++;
                    digits_only = 0;
                    if (utf8proc_isupper(cp)) uppers++;
                    w = fold_cp(cp, buf);
                } else if (u == U_APOS && i + clen < n &&
                           (byte_class[(unsigned char)s[i + clen]] == C_LOWER ||
                            byte_class[(unsigned char)s[i + clen]] == C_UPPER)) {
                    buf[w++] = '\'';
                } else break;
            } else if (cls == C_APOS) {
                if (i + 1 < n && (byte_class[(unsigned char)s[i + 1]] == C_LOWER ||
                                  byte_class[(unsigned char)s[i + 1]] == C_UPPER))
                    buf[w++] = '\'';
                else { if (i > start && (s[i - 1] == 's' || s[i - 1] == 'S')) i++; break; }
            } else if (cls == C_AMP) {
                if (i + 1 < n && byte_class[(unsigned char)s[i + 1]] == C_UPPER) buf[w++] = '&';
                else break;
            } else if (cls == C_PERIOD || cls == C_PUNCT) {
                int next = i + 1 < n ? byte_class[(unsigned char)s[i + 1]] : C_SPACE;
                if (digits_only && b != ';' && b != ':' && b != '(' && b != ')' && b != '"' &&
                    b != '?' && b != '!' && b != '[' && b != ']' && next == C_DIGIT)
                    buf[w++] = (char)b; /* 3.5, 1,000 */
                else if (cls == C_PERIOD && !digits_only &&
                         (next == C_UPPER || next == C_LOWER) && letters <= 3) {
                    buf[w++] = '.'; /* U.S */
                    has_period = 1;
                } else if (cls == C_PERIOD && !digits_only && (has_period || letters == 1) &&
                           letters <= 4) {
                    buf[w++] = '.'; /* U.S. and initials: the period belongs to the word */
                    if (push_text(t, buf, w)) return -1;
                    i++;
                    w = 0;
                    break;
                } else break;
            } else break;
            if (w && push_text(t, buf, w)) return -1;
            i += clen;
        }
        size_t len = t->ntext - text0;
        if (len == 0) { i = start + 1; continue; } /* defensive: always advance */
        /* "Gen." and friends: swallow the period */
        if (i < n && s[i] == '.' && !has_period && is_abbrev(t->text + text0, len) &&
            !(i + 1 >= n)) i++;
        if (len > 0xFFFF) len = 0xFFFF;
        t->text[t->ntext++] = 0; /* capacity reserved for the document */
        dy_token tk;
        tk.start = (uint32_t)start;
        tk.end = (uint32_t)i;
        tk.text = (uint32_t)text0;
        tk.len = (uint16_t)len;
        tk.kind = digits_only ? DY_TOK_NUMBER : DY_TOK_WORD;
        tk.flags = (uint8_t)((first_upper ? DY_TF_CAPITAL : 0) |
                             (letters >= 2 && uppers == letters ? DY_TF_ALLCAPS : 0));
        if (push_token(t, tk)) return -1;
    }
    if (DY_GROW(t->text, t->captext, t->ntext + DY_TOK_SLACK)) return -1;
    /* drop a trailing empty sentence */
    if (t->nsent && t->sent[t->nsent - 1] == t->ntok) t->nsent--;
    return 0;
}

void dy_tokens_free(dy_tokens *t) {
    free(t->tok);
    free(t->text);
    free(t->sent);
    memset(t, 0, sizeof *t);
}
