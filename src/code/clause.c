/*
 * clause.c -- the clauses of a sentence: comma asides skipped (TABARI 7.8 and
 * dyad's own rules), clause boundaries at conjunctions and ';', an opening
 * subordinate clause, and each verb's clause. Decides no events.
 */
#include "coder.h"

/* Comma-delimited asides are skipped (TABARI 7.8): between two commas when
 * the words are in (min, max], from the last comma to the end in (emin,
 * emax], from the start to the first comma in (bmin, bmax]. Commas inside a
 * compound actor list do not count. */
static int list_comma(const dy_coder *c, int i) {
    int before = i - 1, after = i + 1;
    while (after < c->ntok && (c->ti[after].type == W_DET || c->ti[after].type == W_ADJ)) after++;
    return before >= 0 && after < c->ntok && c->ti[before].type == W_ACTOR && c->ti[after].type == W_ACTOR &&
           c->men[c->ti[before].ref].gfirst == c->men[c->ti[after].ref].gfirst;
}

/* The comma at `open` starts an appositive that only names an actor again
 * right after another ("the UN refugee agency, UNHCR, out of the country"):
 * returns its closing comma, or -1. */
static int appositive(const dy_coder *c, int open) {
    if (open == 0 || c->ti[open - 1].type != W_ACTOR) return -1;
    int k = open + 1;
    while (k < c->ntok && c->ti[k].type == W_DET) k++;
    if (k >= c->ntok || c->ti[k].type != W_ACTOR || c->ti[k].ref < 0) return -1;
    int end = c->men[c->ti[k].ref].end;
    return dy_punct_is(c, end, ',') ? end : -1;
}

/* The words before the comma at `open` name no actor and no verb, the part up
 * to the comma at `close` names an actor, and a verb follows that comma. */
static int subject_aside(const dy_coder *c, int open, int close) {
    for (int k = 0; k < open; k++)
        if (c->ti[k].type == W_ACTOR || c->ti[k].type == W_PRON || c->ti[k].type == W_VERB) return 0;
    int actor = 0;
    for (int k = open + 1; k < close; k++) actor |= c->ti[k].type == W_ACTOR && c->ti[k].ref >= 0;
    return actor && close + 1 < c->ntok && c->ti[close + 1].type == W_VERB;
}

static void drop_segment(dy_coder *c, int from, int to, int lo, int hi, const char *where) {
    if (hi <= 0) return;
    int words = 0;
    for (int k = from; k < to; k++) if (c->tok[k].kind != DY_TOK_PUNCT) words++;
    if (words <= lo || words > hi) return;
    for (int k = from; k < to; k++) c->ti[k].dead = 1;
    dy_explain(c, "  %s comma clause of %d words skipped: tokens %d-%d\n", where, words, from, to - 1);
}

/* Tokens [from, to) are "[a] [senior] official [news agency] said [on Saturday]": an
 * actor, up to three other words, a verb of saying, then no other actor. */
static int attribution(const dy_coder *c, int from, int to) {
    int k = from;
    while (k < to && (c->ti[k].type == W_DET || c->ti[k].type == W_ADJ || c->ti[k].type == W_NONE)) k++;
    if (k >= to || c->ti[k].type != W_ACTOR) return 0;
    while (k < to && c->ti[k].type == W_ACTOR) k++;
    for (int words = 0; k < to && words < 3 && (c->ti[k].type == W_NONE || c->ti[k].type == W_NOUN); words++) k++;
    if (k >= to || c->ti[k].type != W_VERB || !dy_is_saying(c, k)) return 0;
    for (k++; k < to; k++)
        if (c->ti[k].type == W_ACTOR || c->ti[k].type == W_VERB) return 0;
    return 1;
}

/* "Before leaving for Beijing, Bush met ...", "Despite talks with Iran, Israel
 * ...": with dyad's own dictionaries an opening subordinate clause ends at its
 * comma, so the main clause finds its own subject there. Returns the comma's
 * token, or -1. Once per sentence (drop_comma_clauses keeps it in
 * c->subordinate_comma for find_clauses). */
static int opening_subordinate_comma(const dy_coder *c) {
    static const dy_word subordinators[] = {
        DY_WORD("AFTER"), DY_WORD("BEFORE"), DY_WORD("WHILE"), DY_WORD("WHEN"), DY_WORD("AS"),
        DY_WORD("SINCE"), DY_WORD("ALTHOUGH"), DY_WORD("THOUGH"), DY_WORD("DESPITE"), DY_WORD("AMID"),
        DY_WORD("FOLLOWING"), DY_WORD("DURING"), DY_WORD("UNLIKE"), DY_WORD("ONCE"), DY_WORD("UNTIL"),
        DY_WORD("BECAUSE"), DY_WORD("WHEREAS")};
    if (!c->set.own_rules) return -1;
    int first = 0;
    while (first < c->ntok && (c->ti[first].dead || c->tok[first].kind == DY_TOK_PUNCT)) first++;
    if (first >= c->ntok || c->tok[first].kind != DY_TOK_WORD ||
        !dy_word_among(c, first, subordinators, DY_ARRAY_LEN(subordinators)))
        return -1;
    for (int i = first + 1; i < c->ntok; i++) {
        if (!dy_punct_is(c, i, ',') || c->ti[i].dead) continue;
        for (int k = i + 1; k < c->ntok; k++)
            if (c->ti[k].type == W_VERB && !c->ti[k].dead) return i;
        return -1;
    }
    return -1;
}

void dy_drop_comma_clauses(dy_coder *c) {
    int commas[DY_MAX_SENTENCE_TOKENS], n = 0;
    c->attribution_at = -1;
    c->subordinate_comma = -1;
    for (int i = 0; i < c->ntok && n < DY_MAX_SENTENCE_TOKENS; i++) {
        if (c->ti[i].type != W_COMMA || c->ti[i].dead || dy_tok_text(c, i)[0] != ',' || list_comma(c, i)) continue;
        int close = c->set.own_rules ? appositive(c, i) : -1;
        if (close >= 0) { i = close; continue; } /* "the UN refugee agency, UNHCR, out of ...": no aside */
        commas[n++] = i;
    }
    if (n == 0) return;
    c->subordinate_comma = opening_subordinate_comma(c);
    int end = c->ntok, closed = 0;
    while (end > 0 && c->tok[end - 1].kind == DY_TOK_PUNCT && dy_tok_text(c, end - 1)[0] != ',') {
        char p = dy_tok_text(c, end - 1)[0];
        if (p == '.' || p == '!' || p == '?') closed = 1;
        end--;
    }
    const dy_dict_settings *st = &c->set;
    drop_segment(c, 0, commas[0] + 1, st->comma_bmin, st->comma_bmax, "opening");
    /* "In a letter to the UN on Monday, Iraq said ...": with dyad's own dictionaries an
     * opening prepositional phrase is an aside when a verb follows the comma */
    if (st->own_rules && c->ti[0].type == W_OF && !c->ti[0].dead) {
        int verb_after = 0;
        for (int k = commas[0] + 1; k < c->ntok && !verb_after; k++) verb_after = c->ti[k].type == W_VERB;
        if (verb_after) drop_segment(c, 0, commas[0] + 1, 1, 16, "opening prepositional");
    }
    for (int k = 0; k + 1 < n; k++) {
        /* "Salaheddine Sidhoum, Algeria's leading rights activist, staged ...": with dyad's own
         * rules an aside after an opening with no actor, right before the verb, is the subject */
        if (k == 0 && st->own_rules && subject_aside(c, commas[0], commas[1])) {
            dy_explain(c, "  comma clause %d-%d names the subject: kept\n", commas[0], commas[1]);
            continue;
        }
        drop_segment(c, commas[k], commas[k + 1], st->comma_min, st->comma_max, "inner");
    }
    /* ", said the agency." -- only a finished sentence has a closing aside; with dyad's own
     * dictionaries, only when a verb stands before it: in "On Tuesday, Russia attacked
     * Ukraine." the part after the comma is the sentence itself (TABARI drops it) */
    int verb_before = 0;
    for (int k = 0; k < commas[n - 1] && !verb_before; k++) verb_before = c->ti[k].type == W_VERB && !c->ti[k].dead;
    /* "Arnor's minister, in remarks on Monday, urged Eriador ...": with no verb before it,
     * a part that opens on a verb is the predicate, not an aside */
    int predicate = !verb_before && commas[n - 1] + 1 < end && c->ti[commas[n - 1] + 1].type == W_VERB;
    if (!c->set.own_rules && !predicate) verb_before = 1;
    /* PETRARCH-1 codes the attribution ", a senior official said" as an event of its own
     * (its parse gives the clause a subject and a verb): kept */
    if (c->set.petrarch && !c->set.petrarch2 && attribution(c, commas[n - 1] + 1, end)) {
        dy_explain(c, "  closing attribution clause kept as a clause of its own (PETRARCH-1)\n");
        c->attribution_at = commas[n - 1] + 1;
        return;
    }
    /* after an opening subordinate clause the last part is the main clause, not an aside */
    if (closed && verb_before && commas[n - 1] != c->subordinate_comma)
        drop_segment(c, commas[n - 1], end, st->comma_emin, st->comma_emax, "closing");
}

/* Clause boundaries: conjunctions outside compounds, and ';'. */
int dy_find_clauses(dy_coder *c) {
    c->nclause = 0;
    int zero = 0;
    if (DY_PUSH(c->clause_start, c->nclause, c->capclause, zero)) return -1;
    int sub_comma = c->subordinate_comma;
    for (int i = 0; i < c->ntok; i++) {
        if (i == sub_comma) {
            int at = i + 1;
            if (DY_PUSH(c->clause_start, c->nclause, c->capclause, at)) return -1;
            dy_explain(c, "  opening subordinate clause ends at token %d: the main clause begins after it\n", i);
            continue;
        }
        int brk = (c->ti[i].type == W_CONJ && !c->ti[i].dead) || dy_punct_is(c, i, ';');
        if (brk && c->ti[i].type == W_CONJ && i > 0) {
            /* compound noun phrase (NOUN CONJ ADJ* NOUN) or compound adjective (ADJ CONJ ADJ):
             * the conjunction joins words, not clauses (TABARI 7.5.1) */
            int prev = c->ti[i - 1].type, k = i + 1;
            while (k < c->ntok && c->ti[k].type == W_ADJ) k++;
            int next = k < c->ntok ? c->ti[k].type : W_NONE;
            if ((prev == W_NOUN && next == W_NOUN) || (prev == W_ADJ && i + 1 < c->ntok && c->ti[i + 1].type == W_ADJ))
                brk = 0;
            /* with dyad's own rules a conjunction with no verb after it before the next one
             * joins words ("demands for freedom and opportunities from the government") */
            if (brk && c->set.own_rules) {
                int verb = 0;
                for (int k2 = i + 1; k2 < c->ntok && !verb; k2++) {
                    if ((c->ti[k2].type == W_CONJ && !c->ti[k2].dead) || dy_punct_is(c, k2, ';')) break;
                    verb = c->ti[k2].type == W_VERB && !c->ti[k2].dead;
                }
                if (!verb) brk = 0;
            }
        }
        if ((brk && i > 0) || i + 1 == c->attribution_at) {
            int at = i + 1;
            if (DY_PUSH(c->clause_start, c->nclause, c->capclause, at)) return -1;
        }
    }
    for (size_t v = 0; v < c->nvm; v++) {
        int cl = 0;
        for (size_t k = 0; k < c->nclause; k++) if (c->clause_start[k] <= c->vm[v].start) cl = (int)k;
        c->vm[v].clause = cl;
    }
    return 0;
}
