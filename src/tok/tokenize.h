/*
 * tokenize.h -- splits UTF-8 document text into sentences and tokens for the
 * coder. Tokens carry their byte span in the document and an upper-cased,
 * accent-folded form. Does no dictionary look-ups.
 */
#ifndef DY_TOKENIZE_H
#define DY_TOKENIZE_H

#include "../dyadInt.h"

enum { DY_TOK_WORD = 1, DY_TOK_NUMBER, DY_TOK_PUNCT };

/* token flags */
enum {
    DY_TF_CAPITAL = 1,  /* first letter upper-case in the source text */
    DY_TF_ALLCAPS = 2   /* every letter upper-case (and at least two) */
};

typedef struct dy_token {
    uint32_t start, end;  /* byte span in the document */
    uint32_t text;        /* offset of the folded text in dy_tokens.text */
    uint16_t len;         /* length of the folded text */
    uint8_t kind;         /* DY_TOK_* */
    uint8_t flags;        /* DY_TF_* */
} dy_token;

/* The tokens of one document; reused from document to document. */
typedef struct dy_tokens {
    dy_token *tok;
    size_t ntok, captok;
    char *text;              /* folded token texts, each NUL-terminated; at least
                                DY_TOK_SLACK bytes may be read past the last one */
    size_t ntext, captext;
    uint32_t *sent;          /* index of the first token of each sentence */
    size_t nsent, capsent;   /* sentence i is tok[sent[i] .. sent[i+1]) */
    int bad_utf8;            /* some byte was not valid UTF-8 (read as Latin-1):
                                dy_utf8_check says where */
} dy_tokens;

/* Sentences longer than this many tokens are broken (coding cost is
 * bounded; TABARI truncates at 127 words). */
#define DY_MAX_SENTENCE_TOKENS 400
#define DY_TOK_SLACK 8  /* word-at-a-time readers of token texts mask what they read past a text */

/* Tokenize text[0..len). Returns 0, or -1 on out of memory. Bytes that are
 * not valid UTF-8 are read as Latin-1 and set bad_utf8, so that a caller who
 * must reject them checks only such texts (every byte >= 0x80 is decoded
 * here, so none escapes). */
DY_INTERNAL int dy_tokenize(dy_tokens *t, const char *text, size_t len);
DY_INTERNAL void dy_tokens_free(dy_tokens *t);

/* The folded form of a dictionary word: upper-case ASCII letters, accents
 * removed, curly quotes straightened. Writes at most cap-1 bytes plus NUL to
 * out, returns the length written. Bytes that are not valid UTF-8 are read as
 * Latin-1 (old dictionaries are 8-bit). */
DY_INTERNAL size_t dy_fold(const char *s, size_t n, char *out, size_t cap);

/* Offset of the first invalid UTF-8 byte, or (size_t)-1 when valid. */
DY_INTERNAL size_t dy_utf8_check(const char *s, size_t n);

#endif
