/*
 * target.c -- who the source and the target of a verb's event are when its
 * pattern does not say: the first actor after the verb, with dyad's own rules
 * for troops that are the means of an act or the source's own, lists acting
 * together, a title beside a name, and passives. Used by code_sentence.
 */
#include "coder.h"

/* Can mention m be a default source or target found in [lo, hi): it starts
 * there, has words, they are live, it is not null and its code is not not_code? */
static int candidate(const dy_coder *c, const dy_mention *m, int lo, int hi, const char *not_code) {
    return m->start >= lo && m->start < hi && m->end > m->start && !m->null_code && !c->ti[m->start].dead &&
           !(not_code && strcmp(c->codes + m->code_off, not_code) == 0);
}

/* The first actor (by position: pronoun mentions come last in the array)
 * starting in [lo, hi) whose code differs from not_code. */
int dy_first_actor(const dy_coder *c, int lo, int hi, const char *not_code) {
    int best = -1;
    for (size_t a = 0; a < c->nmen; a++) {
        const dy_mention *m = &c->men[a];
        if (best >= 0 && m->start >= c->men[best].start) continue; /* cannot come first: not tested */
        if (candidate(c, m, lo, hi, not_code)) best = (int)a;
    }
    return best;
}

/* Does the code hold the role (a three-letter group after the country, or any
 * group of a code with no country)? */
static int code_has_role(const char *code, const char *role) {
    size_t n = strlen(code);
    for (size_t k = dy_has_country(code) ? 3 : 0; k + 3 <= n; k += 3) /* "MIL" alone too */
        if (memcmp(code + k, role, 3) == 0) return 1;
    return 0;
}

/* Is the code that of armed forces or peacekeepers (role MIL or PKO)? */
static int forces(const char *code) {
    /* most codes hold neither three letters anywhere: one pass rules them out */
    for (const char *p = code; p[0] && p[1] && p[2]; p++)
        if ((p[0] == 'M' && p[1] == 'I' && p[2] == 'L') || (p[0] == 'P' && p[1] == 'K' && p[2] == 'O'))
            return code_has_role(code, "MIL") || code_has_role(code, "PKO");
    return 0;
}

/* Troops or peacekeepers are the source's (code src_code) own forces when a
 * possessive pronoun says so ("Syria will withdraw ITS troops from Lebanon",
 * "ITS peacekeeping forces"), or, with no actor of their own, when the source
 * is a state and their country, taken from the nearest actor, is the
 * source's ("France is ready to contribute 4,000 troops to a force in
 * Liberia") or they have none ("Britain mobilized army reservists").
 * "Appealed to THEIR Muslim followers" is still a target. */
static int sources_own(const dy_coder *c, const dy_mention *m, const char *src_code) {
    const char *code = c->codes + m->code_off;
    if (!forces(code)) return 0;
    int k = m->start - 1; /* the possessive says whose: "its peacekeeping forces" too */
    if (k >= 0 && c->ti[k].type == W_PRON && c->ti[k].ref >= 0 && dy_possessive_pronoun(c, k))
        return strcmp(c->codes + c->men[c->ti[k].ref].code_off, src_code) == 0;
    if ((!DY_HOW_IS_AGENT(m->how) && dy_has_country(code)) || !dy_has_country(src_code)) return 0;
    if (m->how == DY_HOW_AGENT_COUNTRY ? memcmp(code, src_code, 3) != 0 : dy_has_country(code)) return 0;
    /* a state's own, that is: rebels attacking "a military base" in their country attack the state's */
    static const char *const non_state[] = {"REB", "INS", "SEP", "OPP", "CRM", "UAF", "RAD"};
    for (size_t r = 0; r < DY_ARRAY_LEN(non_state); r++)
        if (code_has_role(src_code, non_state[r])) return 0;
    return 1;
}

/* "Armenia and Azerbaijan signed a peace deal in Washington": with the built-in
 * rules a list of sources that agree to, consult on or cooperate in something
 * (03-06), agree a ceasefire (0871) or exchange prisoners (084) does it with
 * each other: with no other target the first member is the target of the
 * rest (TABARI 5.8), one event per pair, not two. */
static int acts_together(const dy_coder *c, int src, uint32_t code) {
    if (!c->set.own_rules || src < 0 || c->men[src].glast <= c->men[src].gfirst) return 0;
    const char *act = c->d->codes.str[code];
    return (act[0] == '0' && act[1] >= '3' && act[1] <= '6') || strcmp(act, "0871") == 0 ||
           strncmp(act, "084", 3) == 0; /* "Russia and Ukraine exchanged prisoners" */
}

/* Is mention m one of the list's own (a member's country): "India and China
 * agreed to disengage troops", the troops being theirs? */
static int lists_own(const dy_coder *c, const dy_mention *m, int src) {
    if (m->how != DY_HOW_AGENT_COUNTRY) return 0;
    const char *code = c->codes + m->code_off;
    for (int g = c->men[src].gfirst; g <= c->men[src].glast; g++)
        if (memcmp(code, c->codes + c->men[g].code_off, 3) == 0) return 1;
    return 0;
}

/* In a clash (14x) the forces a pattern names are the other side, in an
 * expulsion (166x, 174 by a verb other than WITHDRAW: "Eritrea expelled UN
 * peacekeepers") those expelled; "the UN withdrew peacekeepers from Rwanda"
 * withdrew its own. (The code's text and the verb's root are dependent loads,
 * each likely a cache miss: read only for forces the pattern names.) */
static int clash(const dy_coder *c, const dy_match *pm) {
    const char *act = c->d->codes.str[pm->vc.code];
    if (act[0] != '1') return 0;
    if (act[1] == '4') return 1;
    if (!(act[1] == '6' && act[2] == '6') && !(act[1] == '7' && act[2] == '4')) return 0;
    if (!pm->pat) return 1; /* the verb's default code: no root to ask */
    return strncmp(c->d->codes.str[c->d->verbs[pm->pat->verb].name], "WITHDRAW", 8) != 0;
}

/* The default target: the first actor after the verb, as first_actor; but
 * with the built-in rules, troops or peacekeepers that the pattern names
 * (every word, or some when they have no country of their own) are the means
 * of the act, not its target ("offered its TROOPS to Lebanon", "sent MILITARY
 * AID to Kyiv", "contribute troops to an international PEACE-KEEPING force in
 * Liberia": the country after them is the target), except in a clash (14x)
 * or an expulsion (166x, 174), where they are the other side. "Summoned
 * Niger's AMBASSADOR", "banned OPPOSITION parties" keep theirs. Nor is the
 * source's own (sources_own), while anybody else is there. */
int dy_first_target(const dy_coder *c, int lo, int hi, int src, const char *not_code, const dy_match *pm) {
    if (!c->set.own_rules) return dy_first_actor(c, lo, hi, not_code);
    int clashing = -1; /* clash(), once needed */
    /* a list acting together (acts_together): a place after IN/AT, an actor after BY
     * ("a deal brokered by China") or the members' own forces are not its target */
    int together = acts_together(c, src, pm->vc.code);
    int best = -1, own = -1;
    for (size_t a = 0; a < c->nmen; a++) {
        const dy_mention *m = &c->men[a];
        /* one that cannot come first is not tested: with a first found, its own is not wanted */
        if (best >= 0 && m->start >= c->men[best].start) continue;
        if (!candidate(c, m, lo, hi, not_code)) continue;
        const char *code = c->codes + m->code_off;
        if (together && (dy_in_place(c, m->start) || dy_is_word(c, m->start - 1, "BY") ||
                         (dy_is_word(c, m->start - 1, "THE") && dy_is_word(c, m->start - 2, "BY")) || lists_own(c, m, src)))
            continue;
        int named = 0; /* its words that the pattern's words matched */
        for (int k = 0; k < pm->nobject; k++) named += pm->object_tok[k] >= m->start && pm->object_tok[k] < m->end;
        /* all its words named, or some when it has no country of its own ("an
         * international PEACE-KEEPING force in Liberia") */
        int generic = DY_HOW_IS_AGENT(m->how) || memcmp(code, "IGO", 3) == 0;
        if (named && (named == m->end - m->start || generic) && forces(code)) {
            if (clashing < 0) clashing = clash(c, pm);
            if (!clashing) continue;
        }
        if (not_code && sources_own(c, m, not_code)) {
            if (own < 0 || m->start < c->men[own].start) own = (int)a;
            continue;
        }
        best = (int)a;
    }
    return best >= 0 ? best : own; /* with nobody else, its own it is */
}

/* Do mentions a and b stand side by side, with nothing or only a comma
 * between them ("Afghan President | Ashraf Ghani", "Ghani, | the president")? */
int dy_touching(const dy_coder *c, const dy_mention *a, const dy_mention *b) {
    if (a->end <= a->start || b->end <= b->start) return 0;
    const dy_mention *first = a->start < b->start ? a : b, *second = first == a ? b : a;
    int gap = second->start - first->end;
    return gap == 0 || (gap == 1 && dy_punct_is(c, first->end, ','));
}

int dy_passive_aux(const dy_coder *c, int v, int lo) {
    static const dy_word past[] = {DY_WORD("WAS"), DY_WORD("WERE"), DY_WORD("BEEN")};
    static const dy_word present[] = {DY_WORD("IS"), DY_WORD("ARE"), DY_WORD("BEING")};
    int aux = 0;
    for (int k = v - 1; k >= lo && k >= v - 2; k--) {
        if (dy_word_among(c, k, past, DY_ARRAY_LEN(past))) aux |= DY_AUX_PAST;
        else if (dy_word_among(c, k, present, DY_ARRAY_LEN(present))) aux |= DY_AUX_PRESENT;
    }
    return aux;
}
