/*
 * coder.c -- the coder: for each sentence, classifies tokens (actors,
 * agents, verbs, nouns, conjunctions, pronouns) with one trie walk per
 * token (compound actors: compound.c; comma asides and clauses: clause.c),
 * tries each verb's patterns (match.c), assigns source and target by
 * TABARI's default rules and dyad's own (target.c), and reports events with
 * their modality (modality.c). No allocation per token: every buffer lives
 * in the coder and is reused.
 */
#include "coder.h"

#include "../util/intern.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* ---- explain trace ---- */

void dy_explain_write(dy_coder *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    if (DY_GROW(c->ex, c->capex, c->nex + len + 1)) return;
    memcpy(c->ex + c->nex, tmp, len);
    c->nex += len;
    c->ex[c->nex] = 0;
}

const char *dyad_coder_explain(const dyad_coder *c) { return c && c->ex ? c->ex : ""; }

/* ---- lifecycle ---- */

dyad_coder *dyad_coder_new(const dyad_dict *d, const dyad_code_options *opt) {
    if (!d) return NULL;
    dy_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->d = d;
    if (opt) c->opt = *opt;
    c->set = d->set;
    dy_modality_index(c->cue_first, c->cue_second);
    return c;
}

void dyad_coder_free(dyad_coder *c) {
    if (!c) return;
    dy_tokens_free(&c->toks);
    free(c->hits); free(c->ti); free(c->men); free(c->vm); free(c->codes);
    free(c->clause_start); free(c->ex);
    free(c->hc); free(c->hc_data);
    free(c->occ); free(c->occ_next); free(c->hit_tok); free(c->sent_words); free(c->cand); free(c->candbits); free(c->tok_hash); free(c->seen); free(c->emit);
    free(c);
}

/* ---- codes ---- */

static uint32_t push_code(dy_coder *c, const char *s, size_t n) {
    if (DY_GROW(c->codes, c->capcodes, c->ncodes + n + 1)) return 0;
    uint32_t off = (uint32_t)c->ncodes;
    memcpy(c->codes + off, s, n);
    c->codes[off + n] = 0;
    c->ncodes += n + 1;
    return off;
}

/* The actor's code for the document date, into *out; 0 when none applies. */
static int actor_code(const dy_coder *c, const dy_actor *a, dy_dated_code *out) {
    const dy_dict *d = c->d;
    if (a->undated != DY_NOT_UNDATED) { /* the usual entry: one code, no dates */
        *out = (dy_dated_code){a->undated, 0, 99999999};
        return 1;
    }
    const dy_dated_code *undated = NULL, *hit = NULL, *last = NULL, *first = NULL;
    for (uint32_t k = 0; k < a->ncodes; k++) {
        const dy_dated_code *q = &d->dated[a->codes_first + k];
        if (q->from == 0 && q->to == 99999999) { if (!undated) undated = q; continue; }
        if (!last || q->from >= last->from) last = q;
        if (!first || q->from < first->from) first = q;
        if (c->date && c->date >= q->from && c->date <= q->to && !hit) hit = q;
    }
    const dy_dated_code *q = hit ? hit : undated ? undated : c->date ? NULL
                           : c->d->opt.undated_earliest ? first : last; /* an undated document */
    if (!q) return 0;
    *out = *q;
    return 1;
}

/* Combine actor code and agent code (TABARI 5.4 rules). */
uint32_t dy_combine(dy_coder *c, const char *actor_in, const char *agent, int prefix) {
    char buf[128], actor[64];
    /* actor_in may point into c->codes, which push_code can move: copy it first */
    dy_copy_str(actor, sizeof actor, actor_in);
    size_t na = strlen(actor), ng = strlen(agent);
    if (na + ng >= sizeof buf) return push_code(c, actor, na);
    /* already present, aligned on 3-character boundaries */
    for (size_t k = 0; k + ng <= na; k += 3)
        if (memcmp(actor + k, agent, ng) == 0) return push_code(c, actor, na);
    if (prefix) { memcpy(buf, agent, ng); memcpy(buf + ng, actor, na); }
    else { memcpy(buf, actor, na); memcpy(buf + na, agent, ng); }
    return push_code(c, buf, na + ng);
}


/* ---- sentence analysis ---- */

static int add_mention(dy_coder *c, int start, int end, uint32_t code_off, int null_code, dy_loc loc,
                       dy_how how) {
    dy_mention m;
    memset(&m, 0, sizeof m);
    m.start = start;
    m.end = end;
    m.code_off = code_off;
    m.base_off = code_off;
    m.null_code = null_code;
    m.pronoun_of = -1;
    m.loc = loc;
    m.how = how;
    m.gfirst = m.glast = (int)c->nmen;
    if (DY_PUSH(c->men, c->nmen, c->capmen, m)) return -1;
    for (int k = start; k < end; k++) {
        c->ti[k].type = W_ACTOR;
        c->ti[k].ref = (int32_t)(c->nmen - 1);
    }
    return 0;
}

/* The agent roles (CAMEO's second-level codes that can lead a code), as a
 * bit table: bit c of role_bits[a * 26 + b] says "ab" + c is a role. */
static uint32_t role_bits[26 * 26];
static pthread_once_t roles_once = PTHREAD_ONCE_INIT;
static int roles_ready; /* set once the table is built: the usual call skips pthread_once */

static void build_roles(void) {
    static const char *const roles[] = {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "MED", "EDU", "BUS", "CVL",
        "HLH", "REF", "LAB", "LEG", "ELI", "AGR", "ENV", "HRI", "CRM", "UAF", "INS", "SEP", "MOD", "RAD",
        "MOS", "CHR", "JEW", "BUD", "HIN", "REL", "SIK", "NGM", "IMG", "MNC", "DEV", "SET", "IRC", "PKO"};
    for (size_t k = 0; k < DY_ARRAY_LEN(roles); k++)
        role_bits[(roles[k][0] - 'A') * 26 + (roles[k][1] - 'A')] |= 1u << (roles[k][2] - 'A');
    __atomic_store_n(&roles_ready, 1, __ATOMIC_RELEASE);
}

/* Does a code start with a country (not a role such as GOV, REB, IGO)? */
int dy_has_country(const char *code) {
    /* three letters A-Z (so also: not shorter than 3, not "---") */
    if ((unsigned)(code[0] - 'A') > 25 || (unsigned)(code[1] - 'A') > 25 || (unsigned)(code[2] - 'A') > 25) return 0;
    if (!__atomic_load_n(&roles_ready, __ATOMIC_ACQUIRE)) pthread_once(&roles_once, build_roles);
    return !((role_bits[(code[0] - 'A') * 26 + (code[1] - 'A')] >> (code[2] - 'A')) & 1);
}

/* An agent found with no actor ("President Museveni", "the rebels") takes
 * the country of the nearest actor in the sentence that has one: news
 * rarely names the country twice. Only where the dictionary asks for it. */
static void infer_countries(dy_coder *c) {
    for (size_t a = 0; a < c->nmen; a++) {
        dy_mention *m = &c->men[a];
        if (m->how != DY_HOW_AGENT || dy_has_country(c->codes + m->code_off)) continue;
        int best = -1, bestdist = 1 << 30;
        for (size_t b = 0; b < c->nmen; b++) {
            const dy_mention *o = &c->men[b];
            int dist = o->start > m->start ? o->start - m->end : m->start - o->end;
            if (b == a || o->null_code || dist >= bestdist || !dy_has_country(c->codes + o->code_off)) continue;
            bestdist = dist;
            best = (int)b;
        }
        if (best < 0) continue;
        char country[4];
        memcpy(country, c->codes + c->men[best].code_off, 3);
        country[3] = 0;
        char agent[64];
        dy_copy_str(agent, sizeof agent, c->codes + m->code_off);
        m->code_off = m->base_off = dy_combine(c, country, agent, 0);
        m->how = DY_HOW_AGENT_COUNTRY;
        dy_explain(c, "  agent '%s' has no actor: takes the country of the nearest actor -> %s\n",
                   dy_tok_text(c, m->start), c->codes + m->code_off);
    }
}

/* Token i looks like a past participle ("criticized", "taken", "shot"). */
static int participle(const dy_coder *c, int i) {
    static const dy_word irregular[] = {
        DY_WORD("SHOT"), DY_WORD("HIT"), DY_WORD("HELD"), DY_WORD("KEPT"), DY_WORD("SENT"), DY_WORD("STRUCK"),
        DY_WORD("CAUGHT"), DY_WORD("BROUGHT"), DY_WORD("SOUGHT"), DY_WORD("FOUGHT"), DY_WORD("LED"),
        DY_WORD("MET"), DY_WORD("SET"), DY_WORD("PUT"), DY_WORD("CUT"), DY_WORD("HURT"), DY_WORD("MADE"),
        DY_WORD("TOLD"), DY_WORD("FOUND"), DY_WORD("SLAIN"), DY_WORD("TORN"), DY_WORD("SHOWN"),
        DY_WORD("THROWN"), DY_WORD("BLOWN"), DY_WORD("WON"), DY_WORD("HUNG"), DY_WORD("LEFT"), DY_WORD("LOST"),
        DY_WORD("BOUND"), DY_WORD("BEAT"), DY_WORD("SPENT"), DY_WORD("BUILT"), DY_WORD("PAID"), DY_WORD("SOLD"),
        DY_WORD("DONE")};
    if (i < 0 || i >= c->ntok || c->tok[i].kind != DY_TOK_WORD) return 0;
    const char *w = dy_tok_text(c, i);
    size_t n = c->tok[i].len;
    if (n > 3 && w[n - 2] == 'E' && (w[n - 1] == 'D' || w[n - 1] == 'N')) return 1;
    return dy_word_among(c, i, irregular, DY_ARRAY_LEN(irregular));
}

typedef struct pending_agent {
    int start, end;
    uint32_t agent;
} pending_agent;

/* Is the code one of the three-character markers "+++" (complex), "###"
 * (discard), "---" (null)? */
static inline int code_is(const char *code, char mark) {
    return code[0] == mark && code[1] == mark && code[2] == mark && !code[3];
}

/* Classify every token; find actors, agents, verbs. Returns -1 on OOM, 1
 * when the sentence must be discarded, 0 otherwise. */
static int classify(dy_coder *c) {
    const dy_dict *d = c->d;
    c->nhits = 0;
    c->nmen = c->nvm = c->ncodes = 0;
    if (DY_GROW(c->ti, c->capti, (size_t)c->ntok + 1)) return -1;
    static const dy_tokinfo fresh = {.ref = -1};
    int lower_words = 0;
    c->last_question = -1;
    for (int i = 0; i < c->ntok; i++) { /* one pass: each token's info cleared, the sentence's case and question */
        c->ti[i] = fresh;
        if (c->tok[i].kind == DY_TOK_WORD && !(c->tok[i].flags & DY_TF_CAPITAL)) lower_words++;
        else if (c->tok[i].kind == DY_TOK_PUNCT && dy_tok_text(c, i)[0] == '?') c->last_question = i;
    }
    c->allcaps = lower_words == 0;
    if (dy_find_sentence_hits(c)) return -1;
    if (dy_build_occurrences(c)) return -1;

    /* actors and agents, longest first at each position */
    pending_agent agents[64];
    int nagents = 0;
    for (int i = 0; i < c->ntok;) {
        const dy_token *t = &c->tok[i];
        if (t->kind == DY_TOK_PUNCT) {
            char p = dy_tok_text(c, i)[0];
            c->ti[i].type = p == ',' || p == ';' ? W_COMMA : W_PUNCT;
            i++;
            continue;
        }
        if (t->kind == DY_TOK_NUMBER) { c->ti[i].type = W_NUMBER; }
        uint8_t starts = dy_token_starts(c, i);
        uint32_t ba = 0, bg = 0, bn = 0;
        int la = starts & DY_STARTS_ACTOR ? dy_longest(c, DY_STARTS_ACTOR, i, &ba) : 0;
        int lg = starts & DY_STARTS_AGENT ? dy_longest(c, DY_STARTS_AGENT, i, &bg) : 0;
        int ln = starts & DY_STARTS_NOUN ? dy_longest(c, DY_STARTS_NOUN, i, &bn) : 0;
        if ((la || lg) && c->set.own_rules && i > 0 && (dy_is_word(c, i - 1, "PRO") || dy_is_word(c, i - 1, "ANTI"))) {
            /* "pro-Iranian Hezbollah", "pro-Russian separatists", "anti-government protesters":
             * the actor or agent only says whom the next words are for or against */
            int l = la > lg ? la : lg;
            for (int k = i; k < i + l; k++) c->ti[k].type = W_ADJ;
            dy_explain(c, "  '%s %s': for or against, not an actor\n", dy_tok_text(c, i - 1), dy_tok_text(c, i));
            i += l;
            continue;
        }
        if (la && la >= lg && la >= ln) {
            const dy_actor *a = &d->actors[ba];
            dy_dated_code q = {0, 0, 0};
            int coded = actor_code(c, a, &q);
            const char *code = coded && q.code ? d->codes.str[q.code] : "---";
            if (code_is(code, '+')) {
                dy_explain(c, "  actor '%s' (%s:%u) has the complex code [+++]: sentence not coded\n",
                           dy_tok_text(c, i), d->files[a->loc.file], a->loc.line);
                return 1;
            }
            if (code_is(code, '#')) {
                dy_explain(c, "  actor '%s' (%s:%u) has the discard code [###]: sentence discarded\n",
                           dy_tok_text(c, i), d->files[a->loc.file], a->loc.line);
                return 1;
            }
            int null_code = code_is(code, '-');
            /* a coded compound [A/B/C] is one mention per code over the same words */
            for (const char *part = code; *part;) {
                /* PETRARCH-2 keeps a coded compound whole ("FRO/BIL/SAM") */
                char split = c->set.petrarch2 ? 0 : '/';
                size_t plen = 0; /* codes are short: found in one pass */
                while (part[plen] && part[plen] != split) plen++;
                const char *slash = part[plen] ? part + plen : NULL;
                /* "a curfew in Algiers": a seat of government named as a place is the country */
                size_t keep = plen;
                if (c->set.own_rules && plen == 6 && memcmp(part + 3, "GOV", 3) == 0 && dy_locative_before(c, i))
                    keep = 3;
                uint32_t off = push_code(c, part, keep);
                if (add_mention(c, i, i + la, off, null_code, a->loc, DY_HOW_ACTOR)) return -1;
                c->men[c->nmen - 1].date_from = coded ? q.from : 0;
                c->men[c->nmen - 1].date_to = coded ? q.to : 0;
                part = slash ? slash + 1 : part + plen;
            }
            if (null_code) for (int k = i; k < i + la; k++) c->ti[k].type = W_NOUN;
            i += la;
            continue;
        }
        if (lg && lg >= ln) {
            if (nagents < (int)DY_ARRAY_LEN(agents)) {
                agents[nagents].start = i;
                agents[nagents].end = i + lg;
                agents[nagents].agent = bg;
                nagents++;
            }
            for (int k = i; k < i + lg; k++) c->ti[k].type = W_AGENT;
            i += lg;
            continue;
        }
        if (ln) {
            for (int k = i; k < i + ln; k++) c->ti[k].type = W_NOUN;
            i += ln;
            continue;
        }
        uint32_t bj = 0;
        int lj = starts & DY_STARTS_ADJ ? dy_longest(c, DY_STARTS_ADJ, i, &bj) : 0;
        if (lj) {
            for (int k = i; k < i + lj; k++) c->ti[k].type = W_ADJ;
            i += lj;
            continue;
        }
        /* a function word: its exact hit carries the class */
        static const uint8_t type_of_class[] = {W_NONE, W_DET, W_CONJ, W_PRON, W_AUX, W_BY, W_OF}; /* ORDER: DY_FW_* */
        if (c->ti[i].fclass) c->ti[i].type = type_of_class[c->ti[i].fclass];
        i++;
    }

    /* attach agents to actors: ACTOR ['S] [x [y]] AGENT, AGENT [OF|IN|FOR [THE]] ACTOR, AGENT ACTOR */
    for (int g = 0; g < nagents; g++) {
        const dy_agent *ag = &d->agents[agents[g].agent];
        const char *acode = d->codes.str[ag->code];
        int s = agents[g].start, e = agents[g].end;
        int former = dy_is_word(c, s - 1, "FORMER") || dy_is_word(c, s - 2, "FORMER");
        int target = -1;
        /* actor directly before ("FORMER" may stand between) */
        for (int k = s - 1, gap = 0; k >= 0 && gap <= 0; k--) {
            int ty = c->ti[k].type;
            if (ty == W_ACTOR && c->ti[k].ref >= 0 && !c->men[c->ti[k].ref].null_code) { target = c->ti[k].ref; break; }
            if (ty != W_NONE && ty != W_DET && ty != W_NUMBER) break;
            if (!dy_is_word(c, k, "FORMER")) gap++;
        }
        int after = 0;
        if (target < 0) {
            int k = e;
            /* "its troops from Moldova": the pronoun already says whose they are */
            int owned = c->set.own_rules && dy_possessive_pronoun(c, s - 1);
            if (k < c->ntok && c->ti[k].type == W_OF && !owned) k++;
            if (k < c->ntok && c->ti[k].type == W_DET) k++;
            /* "doctors from two American aid groups" */
            if (k < c->ntok && c->ti[k].type == W_NUMBER && k > e && c->set.own_rules) k++;
            if (k < c->ntok && c->ti[k].type == W_ACTOR && c->ti[k].ref >= 0 && !c->men[c->ti[k].ref].null_code) {
                target = c->ti[k].ref;
                after = 1;
            }
        }
        if (target >= 0) {
            dy_mention *m = &c->men[target];
            if (m->how == DY_HOW_ACTOR_AGENT) continue; /* one agent per actor (the other ways come later) */
            const char *code = former ? "ELI" : acode;
            if (code_is(acode, '-')) {
                /* a null agent ("cricket team") makes the whole phrase no actor at all */
                m->null_code = 1;
                if (after) m->start = s; else m->end = e;
                for (int k = m->start; k < m->end; k++) { c->ti[k].type = W_NOUN; c->ti[k].ref = target; }
                dy_explain(c, "  agent '%s' (%s:%u) is null-coded: '%s...' is not an actor\n", dy_tok_text(c, s),
                           d->files[ag->loc.file], ag->loc.line, dy_tok_text(c, m->start));
                continue;
            }
            m->code_off = dy_combine(c, c->codes + m->code_off, code, ag->prefix && !former);
            m->agent_off = push_code(c, code, strlen(code));
            m->agent_prefix = (uint8_t)(ag->prefix && !former);
            m->agent_leads = (uint8_t)after;
            m->how = DY_HOW_ACTOR_AGENT;
            if (after) m->start = s; else m->end = e;
            for (int k = m->start; k < m->end; k++) { c->ti[k].type = W_ACTOR; c->ti[k].ref = target; }
            dy_explain(c, "  agent '%s' (%s:%u) joins actor -> %s\n", dy_tok_text(c, s),
                       d->files[ag->loc.file], ag->loc.line, c->codes + m->code_off);
        } else if (code_is(acode, '-')) {
            continue; /* a null agent alone: nothing */
        } else if (c->set.convert_agents || c->set.petrarch) {
            char tmp[80];
            const char *code = former ? "ELI" : acode;
            if (c->set.agent_tilde) {
                snprintf(tmp, sizeof tmp, ag->prefix ? "%s~" : "~%s", code);
                code = tmp;
            } else if (c->set.petrarch) {
                snprintf(tmp, sizeof tmp, ag->prefix ? "%s---" : "---%s", code);
                code = tmp;
            }
            uint32_t off = push_code(c, code, strlen(code));
            if (add_mention(c, s, e, off, 0, ag->loc, DY_HOW_AGENT)) return -1;
            const char *own = former ? "ELI" : acode;
            c->men[c->nmen - 1].lone_agent_off = push_code(c, own, strlen(own));
            c->men[c->nmen - 1].lone_agent_prefix = (uint8_t)(ag->prefix && !former);
        }
    }
    if (c->set.share_lead_agent && dy_distribute_agents(c)) return -1;
    if (c->set.infer_agent_country) infer_countries(c);
    /* mentions must be in text order */
    for (size_t a = 1; a < c->nmen; a++) {
        dy_mention m = c->men[a];
        size_t b = a;
        while (b > 0 && c->men[b - 1].start > m.start) { c->men[b] = c->men[b - 1]; b--; }
        c->men[b] = m;
    }
    for (size_t a = c->nmen; a-- > 0;) {
        /* mentions over the same words (a coded compound) form one group */
        size_t g0 = a, g1 = a;
        while (g0 > 0 && c->men[g0 - 1].start == c->men[a].start && c->men[g0 - 1].end == c->men[a].end) g0--;
        while (g1 + 1 < c->nmen && c->men[g1 + 1].start == c->men[a].start && c->men[g1 + 1].end == c->men[a].end) g1++;
        c->men[a].gfirst = (int)g0;
        c->men[a].glast = (int)g1;
        for (int k = c->men[a].start; k < c->men[a].end; k++) c->ti[k].ref = (int32_t)a;
    }

    /* verbs: not inside actors/agents/nouns; nouns by determiner or capital */
    for (int i = 0; i < c->ntok; i++) {
        if (c->ti[i].type != W_NONE && c->ti[i].type != W_AUX && c->ti[i].type != W_OF && c->ti[i].type != W_BY) continue;
        if (c->tok[i].kind != DY_TOK_WORD) continue;
        uint32_t bv = 0;
        int lv = dy_token_starts(c, i) & DY_STARTS_VERB ? dy_longest(c, DY_STARTS_VERB, i, &bv) : 0;
        if (!lv) continue;
        int ok = 1;
        for (int k = i; k < i + lv; k++)
            if (c->ti[k].type == W_ACTOR || c->ti[k].type == W_AGENT || c->ti[k].type == W_NOUN) ok = 0;
        if (!ok) continue;
        int prev = i - 1;
        if (prev >= 0 && c->ti[prev].type == W_DET) {
            dy_explain(c, "  '%s' follows a determiner: read as a noun, not a verb\n", dy_tok_text(c, i));
            c->ti[i].type = W_NOUN;
            continue;
        }
        if (i > 0 && (c->tok[i].flags & DY_TF_CAPITAL) && !c->allcaps && !dy_punct_is(c, i - 1, '"')) {
            dy_explain(c, "  '%s' is capitalised mid-sentence: read as a noun, not a verb\n", dy_tok_text(c, i));
            c->ti[i].type = W_NOUN;
            continue;
        }
        dy_vmention vm = {i, i + lv, d->vforms[bv].verb, 0};
        if (DY_PUSH(c->vm, c->nvm, c->capvm, vm)) return -1;
        for (int k = i; k < i + lv; k++) { c->ti[k].type = W_VERB; c->ti[k].ref = (int32_t)(c->nvm - 1); }
        i += lv - 1;
    }
    return 0;
}

/* "X said it ...", "X announced that they ...": the speaker, the actor ending
 * at most three words before the verb of saying (no punctuation between); -1
 * when the pronoun at i does not follow such a verb. */
static int speaker_of(const dy_coder *c, int i, size_t nreal) {
    int v = i - 1;
    if (dy_is_word(c, v, "THAT")) v--;
    if (!dy_is_saying(c, v)) return -1;
    int best = -1;
    for (size_t a = 0; a < nreal; a++) {
        const dy_mention *m = &c->men[a];
        if (m->null_code || m->end > v || m->end < v - 3) continue;
        int punct = 0;
        for (int k = m->end; k < v; k++) punct |= c->tok[k].kind == DY_TOK_PUNCT;
        if (!punct && (best < 0 || m->end > c->men[best].end)) best = (int)a;
    }
    return best;
}

/* "It is unclear whether ...", "it was expected that ...": an IT that stands
 * for no one (IS/WAS/REMAINS/SEEMS/APPEARS and a word of likelihood or report). */
static int expletive_it(const dy_coder *c, int i) {
    static const dy_word linking[] = {DY_WORD("IS"), DY_WORD("WAS"), DY_WORD("REMAINS"), DY_WORD("SEEMS"),
                                      DY_WORD("APPEARS")};
    static const dy_word likely[] = {
        DY_WORD("UNCLEAR"), DY_WORD("CLEAR"), DY_WORD("LIKELY"), DY_WORD("UNLIKELY"), DY_WORD("POSSIBLE"),
        DY_WORD("IMPOSSIBLE"), DY_WORD("EXPECTED"), DY_WORD("UNKNOWN"), DY_WORD("NOT"), DY_WORD("TOO"),
        DY_WORD("HARD"), DY_WORD("DIFFICULT"), DY_WORD("TIME"), DY_WORD("BELIEVED"), DY_WORD("THOUGHT"),
        DY_WORD("REPORTED"), DY_WORD("SAID"), DY_WORD("FEARED"), DY_WORD("HOPED"), DY_WORD("UNDERSTOOD"),
        DY_WORD("IMPORTANT"), DY_WORD("NECESSARY"), DY_WORD("ESSENTIAL"), DY_WORD("UNCERTAIN")};
    return dy_is_word(c, i, "IT") && dy_word_among(c, i + 1, linking, DY_ARRAY_LEN(linking)) &&
           dy_word_among(c, i + 2, likely, DY_ARRAY_LEN(likely));
}

/* Pronouns: after a verb of saying, its speaker; else HE/SHE/IT -> first actor
 * of the sentence; ITS/HIS/HER -> first actor before; THEY/THEM/THEIR -> first
 * compound, else first actor. */
static int resolve_pronouns(dy_coder *c) {
    size_t nreal = c->nmen;
    for (int i = 0; i < c->ntok; i++) {
        if (c->ti[i].type != W_PRON) continue;
        const char *w = dy_tok_text(c, i);
        if (c->set.own_rules && expletive_it(c, i)) {
            dy_explain(c, "  'IT %s %s' stands for no one\n", dy_tok_text(c, i + 1), dy_tok_text(c, i + 2));
            continue;
        }
        int he = !strcmp(w, "HE") || !strcmp(w, "SHE") || !strcmp(w, "IT");
        /* the speaker first; the loops below run only while ref < 0 */
        int ref = he || !strcmp(w, "THEY") ? speaker_of(c, i, nreal) : -1;
        if (he || !strcmp(w, "HIM")) {
            for (size_t a = 0; a < nreal && ref < 0; a++) if (!c->men[a].null_code) ref = (int)a;
        } else if (!strcmp(w, "ITS") || !strcmp(w, "HIS") || !strcmp(w, "HER")) {
            for (size_t a = 0; a < nreal && c->men[a].start < i; a++) if (!c->men[a].null_code) { ref = (int)a; break; }
        } else {
            for (size_t a = 0; a < nreal && ref < 0; a++)
                if (c->men[a].glast > c->men[a].gfirst) ref = c->men[a].gfirst;
            for (size_t a = 0; a < nreal && ref < 0; a++) if (!c->men[a].null_code) ref = (int)a;
        }
        if ((ref < 0 || c->men[ref].start > i) && c->fwd_code[0]) {
            /* no antecedent before it in this sentence: the subject carried forward */
            uint32_t off = push_code(c, c->fwd_code, strlen(c->fwd_code));
            dy_loc none = {0, 0};
            dy_mention m;
            memset(&m, 0, sizeof m);
            m.start = i;
            m.end = i + 1;
            m.code_off = m.base_off = off;
            m.pronoun_of = -2;
            m.loc = none;
            m.how = DY_HOW_FORWARDED;
            m.gfirst = m.glast = (int)c->nmen;
            if (DY_PUSH(c->men, c->nmen, c->capmen, m)) return -1;
            c->ti[i].ref = (int32_t)(c->nmen - 1);
            dy_explain(c, "  pronoun '%s' refers to %s from an earlier sentence\n", w, c->fwd_code);
            continue;
        }
        if (ref < 0 || c->men[ref].start > i) continue;
        dy_mention m = c->men[ref];
        m.start = i;
        m.end = i + 1;
        m.pronoun_of = ref;
        m.how = DY_HOW_PRONOUN;
        int g0 = c->men[ref].gfirst, g1 = c->men[ref].glast;
        m.gfirst = m.glast = (int)c->nmen;
        if (DY_PUSH(c->men, c->nmen, c->capmen, m)) return -1;
        int self = (int)c->nmen - 1;
        if (g1 > g0) { c->men[self].gfirst = g0; c->men[self].glast = g1; c->men[self].pronoun_of = g0; }
        c->ti[i].ref = self;
        dy_explain(c, "  pronoun '%s' refers to %s\n", w, c->codes + m.code_off);
    }
    return 0;
}

/* A wire dateline ("BEIJING, Nov 20 (Reuters) - ..."): the place names
 * where the story was filed, not an actor. The words up to the dash are
 * set aside when the story opens with an upper-case word and a dash comes
 * within its first 12 tokens. */
static void skip_dateline(dy_coder *c) {
    if (c->ntok < 3 || !(c->tok[0].flags & DY_TF_ALLCAPS) || c->allcaps) return;
    for (int i = 1; i < c->ntok && i < 12; i++) {
        if (dy_punct_is(c, i, '-')) {
            for (int k = 0; k <= i; k++) c->ti[k].dead = 1;
            dy_explain(c, "  dateline skipped: tokens 0-%d\n", i);
            return;
        }
        if (dy_punct_is(c, i, '.')) return;
    }
}

/* Does a discard phrase occur in the current sentence (hits computed)?
 * Returns 0 none, 1 sentence-level, 2 story-level. */
static int discard_in_sentence(dy_coder *c) {
    const dy_dict *d = c->d;
    int found = 0;
    for (int i = 0; i < c->ntok && found < 2; i++) {
        if (!(dy_token_starts(c, i) & DY_STARTS_DISCARD)) continue;
        uint32_t item = 0;
        if (dy_longest(c, DY_STARTS_DISCARD, i, &item)) {
            int story = item < d->ndiscard_story && d->discard_story[item];
            dy_explain(c, "  discard phrase at '%s' (%s): %s not coded\n", dy_tok_text(c, i),
                       story ? "story level" : "sentence level", story ? "the document is" : "the sentence is");
            found = story ? 2 : (found ? found : 1);
        }
    }
    return found;
}

/* Story-level discards: a pre-pass over the document's sentences. */
static int discard_story(dy_coder *c) {
    for (size_t s = 0; s < c->toks.nsent; s++) {
        size_t a = c->toks.sent[s], b = s + 1 < c->toks.nsent ? c->toks.sent[s + 1] : c->toks.ntok;
        c->tok = c->toks.tok + a;
        c->ntok = (int)(b - a);
        c->nhits = 0;
        if (DY_GROW(c->ti, c->capti, (size_t)c->ntok + 1)) return -1;
        if (dy_find_sentence_hits(c)) return -1;
        if (dy_build_occurrences(c)) return -1; /* the look-up's filters read this sentence's table */
        if (discard_in_sentence(c) == 2) return 1;
    }
    return 0;
}

/* After a sentence: its first actor (without agent) is the subject that a
 * later pronoun with no antecedent refers to. */
static void remember_subject(dy_coder *c) {
    for (size_t a = 0; a < c->nmen; a++) {
        const dy_mention *m = &c->men[a];
        if (m->null_code || m->pronoun_of != -1 || m->end <= m->start || m->how == DY_HOW_DEFAULT) continue;
        dy_copy_str(c->fwd_code, sizeof c->fwd_code, c->codes + m->base_off);
        return;
    }
}

/* The story a document belongs to: its id without the last "-" part. */
static void story_of(const char *id, char *out, size_t cap) {
    const char *dash = strrchr(id, '-');
    size_t n = dash ? (size_t)(dash - id) : strlen(id);
    if (n > cap - 1) n = cap - 1;
    memcpy(out, id, n);
    out[n] = 0;
}

/* ---- events ---- */

struct emit_ctx {
    dyad_event_fn fn;
    void *ctx;
    const dyad_doc *doc;
    int sentence;
    int stop;
    /* events of the sentence, filtered and deduplicated before reporting */
    struct pend {
        int src, tgt, verb;  /* mention indices (group members), vm index */
        uint32_t code;
        dy_loc loc;
        uint8_t flags;
        dyad_modality mod;
        const char *cue;
    } ev[256];
    int nev;
};
typedef struct emit_ctx emit_ctx;

static dyad_span span_of(const dy_coder *c, int start, int end) {
    dyad_span s = {-1, -1};
    if (start < 0 || end <= start) return s;
    s.start = (int32_t)c->tok[start].start;
    s.end = (int32_t)c->tok[end - 1].end;
    return s;
}

static const char *mcode(const dy_coder *c, int m) { return c->codes + c->men[m].code_off; }

static void queue(dy_coder *c, emit_ctx *x, int src, int tgt, int vm, uint32_t code, dy_loc loc,
                  uint8_t flags, dyad_modality mod, const char *cue) {
    (void)c;
    if (x->nev >= (int)DY_ARRAY_LEN(x->ev)) return;
    struct pend *p = &x->ev[x->nev++];
    p->src = src; p->tgt = tgt; p->verb = vm; p->code = code; p->loc = loc; p->flags = flags;
    p->mod = mod; p->cue = cue;
}

/* Expand compounds into queued events. */
/* compound_self: 0 no; 1 a % compound, all ordered pairs; 2 only s < t; 3 only s > t */
static void queue_all(dy_coder *c, emit_ctx *x, int src, int tgt, int vm, uint32_t code, dy_loc loc,
                      uint8_t flags, dyad_modality mod, const char *cue, int compound_self) {
    int s0 = src >= 0 ? c->men[src].gfirst : -1, s1 = src >= 0 ? c->men[src].glast : -1;
    int t0 = tgt >= 0 ? c->men[tgt].gfirst : -1, t1 = tgt >= 0 ? c->men[tgt].glast : -1;
    if (src >= 0 && c->men[src].pronoun_of >= 0 && s0 == s1) s0 = s1 = src;
    if (tgt >= 0 && c->men[tgt].pronoun_of >= 0 && t0 == t1) t0 = t1 = tgt;
    /* CAMEO events need a target (TABARI rule; PETRARCH "require_dyad"); PETRARCH-1 with
     * require_dyad off codes "---" */
    if (tgt < 0 && (!c->set.petrarch || c->set.petrarch2 || c->set.require_dyad)) return;
    if (tgt < 0) {
        for (int s = s0; s <= s1; s++)
            if (s >= 0 && !c->men[s].null_code) queue(c, x, s, -1, vm, code, loc, flags, mod, cue);
        return;
    }
    for (int s = s0; s <= s1; s++) {
        if (s >= 0 && c->men[s].null_code) continue;
        for (int t = t0; t <= t1; t++) {
            if (c->men[t].null_code) continue;
            if (compound_self && s == t) continue;
            if ((compound_self == 2 && s > t) || (compound_self == 3 && s < t)) continue;
            if (s >= 0 && strcmp(mcode(c, s), mcode(c, t)) == 0) continue;
            queue(c, x, s, t, vm, code, loc, flags, mod, cue);
        }
    }
}

/* A mention with no words for a DEFAULT: source or target code. */
static int default_mention(dy_coder *c, const char *code) {
    dy_loc none = {0, 0};
    uint32_t off = push_code(c, code, strlen(code));
    if (add_mention(c, 0, 0, off, 0, none, DY_HOW_DEFAULT)) return -1;
    return (int)c->nmen - 1;
}

/* A code rewrite keyed by code prefix: the longest matching prefix wins. */
typedef struct code_rewrite { const char *from, *to; } code_rewrite;

static const char *rewrite_code(const code_rewrite *map, size_t n, const char *code) {
    const char *best = NULL;
    size_t bestlen = 0;
    for (size_t k = 0; k < n; k++) {
        const char *from = map[k].from;
        size_t len = 0; /* how far from and code agree: all of from makes it a prefix */
        while (from[len] && from[len] == code[len]) len++;
        if (!from[len] && len > bestlen) { best = map[k].to; bestlen = len; }
    }
    return best;
}

/* CAMEO codes an announced act by what it says now: a cooperative act as
 * the intent to do it (the 03 codes mirror roots 04-08: "will visit" is
 * 036, "will send food aid" 0333), a coercive one as a threat (13 mirrors
 * 14-20: "will impose a curfew" is 1323). Returns the code, or NULL. */
static const char *intent_code(const char *code) {
    static const code_rewrite map[] = {
        {"04", "036"}, {"045", "039"},                    /* consult: meet or negotiate; mediate */
        {"05", "032"},                                    /* diplomatic cooperation */
        {"060", "031"}, {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"},
        {"070", "033"}, {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"},
        {"075", "033"},
        {"080", "035"}, {"081", "0351"}, {"082", "0352"}, {"083", "034"}, {"0831", "0341"},
        {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"}, {"084", "0353"}, {"085", "0354"},
        {"086", "0355"}, {"087", "0356"},
        /* an announced coercive act is a threat (13x mirrors roots 14-20) */
        {"14", "133"}, {"15", "138"}, {"16", "131"}, {"161", "1313"}, {"162", "1311"}, {"163", "1312"},
        {"164", "134"}, {"165", "135"}, {"166", "136"}, {"17", "137"}, {"172", "132"}, {"1721", "1321"},
        {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"}, {"18", "138"}, {"19", "138"},
        {"191", "1381"}, {"192", "1382"}, {"193", "1384"}, {"194", "1384"}, {"195", "1384"},
        {"20", "1383"}, {"204", "1385"}};
    return rewrite_code(map, DY_ARRAY_LEN(map), code);
}

/* The CAMEO rejection (12x) of a cooperative act announced as refused ("will not
 * meet" 125, "will not accept refugees" 1245), or NULL for other codes. */
static const char *refusal_code(const char *code) {
    static const code_rewrite map[] = {
        {"03", "120"}, {"04", "125"}, {"045", "126"}, {"05", "120"}, {"057", "127"},
        {"06", "121"}, {"061", "1211"}, {"062", "1212"}, {"07", "121"},
        {"08", "124"}, {"081", "1241"}, {"082", "1242"}, {"0841", "1243"}, {"085", "1244"},
        {"086", "1245"}, {"087", "1246"}, {"083", "124"}, {"0831", "1242"}};
    return rewrite_code(map, DY_ARRAY_LEN(map), code);
}

/* What a modality makes of a code: an announced act becomes its intent or threat
 * code, a negated one under a PICO file its opposite, an announced refusal of a
 * cooperative act an asserted rejection. May change code, code2 and mod. */
static void restate_by_modality(dy_coder *c, uint32_t *code, uint32_t *code2, dyad_modality *mod, const char *cue) {
    if (*mod != DYAD_NEGATED && *mod != DYAD_FUTURE) return; /* the code's text is not even read */
    const dy_dict *d = c->d;
    const char *was = d->codes.str[*code], *to = NULL;
    if (*mod == DYAD_NEGATED && d->npico) {
        uint32_t id = dy_pico_negate(d, *code);
        if (id) {
            dy_explain(c, "    negated: PICO gives the opposite code %s\n", d->codes.str[id]);
            *code = id;
            *code2 = *code2 ? dy_pico_negate(d, *code2) : 0;
        }
        return;
    }
    int refusal = 0;
    if (*mod == DYAD_FUTURE && c->set.own_rules) to = intent_code(was);
    else if (*mod == DYAD_NEGATED && c->set.own_rules && strcmp(cue, "WILL NOT") == 0) {
        to = refusal_code(was);
        refusal = 1;
    }
    uint32_t id = to ? dy_intern_find(&d->codes, to, strlen(to)) : 0;
    if (!id) return;
    if (refusal) dy_explain(c, "    announced refusal: %s becomes the rejection %s, asserted\n", was, to);
    else dy_explain(c, "    announced, not yet done: %s becomes the intent code %s\n", was, to);
    *code = id;
    *code2 = 0;
    if (refusal) *mod = DYAD_ASSERTED;
}

/* A copy of mention m outside its compound group. */
static int solo_mention(dy_coder *c, int m) {
    dy_mention copy = c->men[m];
    copy.gfirst = copy.glast = (int)c->nmen;
    if (DY_PUSH(c->men, c->nmen, c->capmen, copy)) return -1;
    return (int)c->nmen - 1;
}

static void code_sentence(dy_coder *c, emit_ctx *x) {
    const dy_dict *d = c->d;
    int carry_src = -1;
    int nclauses = (int)c->nclause;
    int complex_verbs = 0;
    for (size_t v = 0; v < c->nvm; v++) if (!c->ti[c->vm[v].start].dead) complex_verbs++;
    if (c->set.complex_verbs && complex_verbs >= c->set.complex_verbs) {
        dy_explain(c, "  %d verbs >= COMPLEX VERBS[%d]: sentence not coded\n", complex_verbs, c->set.complex_verbs);
        return;
    }
    if (c->set.complex_actors) {
        int nactors = 0;
        for (size_t a = 0; a < c->nmen; a++)
            if (!c->men[a].null_code && c->men[a].pronoun_of == -1 && c->men[a].end > c->men[a].start) nactors++;
        if (nactors >= c->set.complex_actors) {
            dy_explain(c, "  %d actors >= COMPLEX ACTORS[%d]: sentence not coded\n", nactors, c->set.complex_actors);
            return;
        }
    }
    int nconj = 0; /* every conjunction counts here, compounds included */
    for (int i = 0; c->set.complex_conj && i < c->ntok; i++)
        if (!c->ti[i].dead && c->tok[i].kind == DY_TOK_WORD && c->ti[i].fclass == DY_FW_CONJ) nconj++;
    if (c->set.complex_conj && nconj >= c->set.complex_conj) {
        dy_explain(c, "  %d conjunctions >= COMPLEX CONJ[%d]: sentence not coded\n", nconj, c->set.complex_conj);
        return;
    }
    int coded_any_in_sentence = 0;
    for (int cl = 0; cl < nclauses; cl++) {
        int lo = c->clause_start[cl];
        int hi = cl + 1 < nclauses ? c->clause_start[cl + 1] - 1 : c->ntok;
        int clause_src = dy_first_actor(c, lo, hi, NULL);
        int coded = 0;
        for (size_t v = 0; v < c->nvm && !coded; v++) {
            const dy_vmention *vm = &c->vm[v];
            if (vm->clause != cl || c->ti[vm->start].dead) continue;
            if (c->set.code_by == 1 && coded_any_in_sentence) break;
            const dy_verb *verb = &d->verbs[vm->verb];
            dy_explain(c, "  verb '%s' (root %s, %s:%u), clause %d\n", dy_tok_text(c, vm->start),
                       d->codes.str[verb->name], d->files[verb->loc.file], verb->loc.line, cl);
            dy_match m;
            dy_match_verb(c, vm, lo, hi, &m);
            if (m.vc.flags & DY_VF_DISCARD) { dy_explain(c, "  discard code: sentence not coded\n"); x->nev = 0; x->stop = 2; return; }
            if (m.vc.flags & DY_VF_COMPLEX) { dy_explain(c, "  complex code: sentence not coded\n"); x->nev = 0; x->stop = 2; return; }
            if (!m.vc.code) {
                dy_explain(c, "    null code: no event from this verb\n");
                continue;
            }
            dy_loc loc = m.pat ? m.pat->loc : verb->loc;
            /* source */
            int src = m.src;
            if (src < 0) {
                const char *tcode = m.tgt >= 0 ? mcode(c, m.tgt) : NULL;
                int before = dy_first_actor(c, lo, vm->start, tcode);
                if (cl > 0 && carry_src >= 0) {
                    /* after a conjunction the source stays, unless an actor opens the clause (TABARI 7.6) */
                    int k = lo, plain = 0;
                    while (k < vm->start && (c->ti[k].type == W_DET || c->ti[k].type == W_ADJ || c->ti[k].dead ||
                                             (c->ti[k].type == W_NONE && plain++ < 1)))
                        k++;
                    int opens = k < vm->start && (c->ti[k].type == W_ACTOR || c->ti[k].type == W_PRON) && c->ti[k].ref >= 0;
                    if (!opens) before = -1;
                }
                src = before >= 0 ? before : (cl > 0 ? carry_src : -1);
                if (src < 0 && cl == 0) src = dy_first_actor(c, 0, vm->start, tcode);
                /* a pattern found the target: the source is the first other actor, wherever it is */
                if (src < 0 && tcode) src = dy_first_actor(c, vm->end, hi, tcode);
            }
            if (src < 0 && c->default_src_text[0] && !c->default_src_prior) {
                src = dy_first_actor(c, vm->end, hi, NULL);
                if (src >= 0) src = solo_mention(c, src);
            }
            if (src < 0 && c->set.noactprior && !c->default_src_text[0]) {
                dy_explain(c, "    no actor before the verb (NOACTPRIOR): not coded\n");
                continue;
            }
            /* target */
            int tgt = m.tgt;
            int passive = 0, agentless = 0;
            if (m.src < 0 && m.tgt < 0 && !m.compound) {
                int aux = dy_passive_aux(c, vm->start, lo) & DY_AUX_PAST;
                if (aux && (dy_is_word(c, vm->end, "BY") || dy_is_word(c, vm->end + 1, "BY"))) passive = 1; /* "was opposed earlier by" */
                /* "was criticized over ...", not "was seen to break into ..." (its subject acts) */
                else if (aux && participle(c, vm->end - 1) && !dy_is_word(c, vm->end, "TO")) agentless = 1;
            }
            if (tgt < 0 && m.src >= 0 && c->set.own_rules && c->men[m.src].start >= vm->end && dy_passive_aux(c, vm->start, lo)) {
                /* "The Taliban were condemned by Pakistan": a pattern found the source after
                 * BY; the subject of the passive is the target */
                tgt = dy_first_actor(c, lo, vm->start, mcode(c, src));
                if (tgt >= 0) dy_explain(c, "    passive voice: the subject '%s' is the target\n", dy_tok_text(c, c->men[tgt].start));
            }
            if (tgt < 0) {
                const char *sc = src >= 0 ? mcode(c, src) : NULL;
                int from = src >= 0 && c->men[src].start >= vm->end ? c->men[src].end : vm->end;
                tgt = dy_first_target(c, from, hi, src, sc, &m);
                if (tgt < 0 && !(c->default_tgt_text[0] && c->default_tgt_after)) {
                    tgt = dy_first_actor(c, lo, vm->start, sc);
                    /* "Afghan President Ashraf Ghani": a title and the name after it are one person */
                    if (tgt >= 0 && src >= 0 && c->set.own_rules && c->men[tgt].gfirst != c->men[src].gfirst &&
                        dy_touching(c, &c->men[tgt], &c->men[src])) {
                        dy_explain(c, "    '%s' names the source itself: not the target\n", dy_tok_text(c, c->men[tgt].start));
                        /* "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov": the others of its list */
                        int g0 = c->men[tgt].gfirst, g1 = c->men[tgt].glast, other = -1;
                        for (int g = g0; g <= g1 && other < 0; g++)
                            if (g != tgt && !dy_touching(c, &c->men[g], &c->men[src])) other = g;
                        tgt = other >= 0 ? solo_mention(c, other) : -1;
                    }
                    /* the source's own compound: the member alone is the target (TABARI 5.8) */
                    if (tgt >= 0 && src >= 0 && c->men[tgt].gfirst == c->men[src].gfirst && c->men[src].glast > c->men[src].gfirst)
                        tgt = solo_mention(c, tgt);
                }
            }
            if (passive && src >= 0 && tgt >= 0) {
                int t = src; src = tgt; tgt = t;
                dy_explain(c, "    passive voice (was/were/been ... by): source and target swapped\n");
            }
            if (agentless && src >= 0 && c->men[src].start < vm->start && (c->set.own_rules || c->set.petrarch2)) {
                /* "X was arrested in Y", "X was criticized over its dispute with Y": X is the
                 * target, and the one other actor the best guess at the source (PETRARCH-2 reads
                 * it so); with none, who acted the text does not say */
                if (tgt >= 0) {
                    int t = src; src = tgt; tgt = t;
                    dy_explain(c, "    passive voice with no agent: source and target swapped\n");
                } else if (c->set.own_rules) {
                    dy_explain(c, "    passive voice with no agent: '%s' is the target, the source is unknown: no event\n",
                               mcode(c, src));
                    continue;
                }
            }
            if (src < 0 && c->default_src_text[0]) src = default_mention(c, c->default_src_text);
            if (tgt < 0 && c->default_tgt_text[0] && src >= 0) tgt = default_mention(c, c->default_tgt_text);
            if (src < 0) {
                dy_explain(c, "    no source actor: no event\n");
                continue;
            }
            if (m.compound && c->men[src].glast == c->men[src].gfirst) continue;
            const char *cue = "";
            dyad_modality mod = dy_modality(c, vm, lo, &cue);
            if (mod == DYAD_CLAIM && m.src < 0) {
                /* "X accused Y of attacking Z": the act is Y's (the nearest actor before the verb) */
                for (int k = vm->start - 1; k > lo; k--)
                    if (c->ti[k].type == W_ACTOR && c->ti[k].ref >= 0 && !c->men[c->ti[k].ref].null_code) {
                        if (c->ti[k].ref != src) {
                            if (tgt == c->ti[k].ref) tgt = -1;
                            src = c->men[c->ti[k].ref].gfirst;
                            if (tgt < 0) tgt = dy_first_actor(c, vm->end, hi, mcode(c, src));
                        }
                        break;
                    }
            }
            dy_explain(c, "    source %s, target %s, code %s, modality %s%s%s%s\n", mcode(c, src),
                       tgt >= 0 ? mcode(c, tgt) : "(none)", d->codes.str[m.vc.code], dyad_modality_str(mod),
                       *cue ? " (cue " : "", *cue ? cue : "", *cue ? ")" : "");
            uint32_t code = m.vc.code, code2 = m.vc.code2;
            restate_by_modality(c, &code, &code2, &mod, cue);
            int first = x->nev;
            if (code2 && c->set.paired_as_passive) {
                /* PETRARCH-2 reads [A:B] as A in the active voice, B in the passive */
                if (passive) code = code2;
                code2 = 0;
            }
            int paired = code2 != 0;
            queue_all(c, x, src, tgt, (int)v, code, loc, m.vc.flags, mod, cue, m.compound ? (paired ? 2 : 1) : 0);
            if (paired && tgt >= 0) queue_all(c, x, tgt, src, (int)v, code2, loc, m.vc.flags, mod, cue, m.compound ? 3 : 0);
            if (x->nev > first || tgt < 0) {
                coded = c->set.code_by != 2 && !(m.vc.flags & DY_VF_SUBORDINATE);
                coded_any_in_sentence = 1;
                carry_src = src;
            }
        }
        if (!coded && clause_src >= 0 && carry_src < 0) carry_src = clause_src;
    }
}

static int report(dy_coder *c, emit_ctx *x) {
    const dy_dict *d = c->d;
    int any_main = 0, any_dominant = 0;
    for (int k = 0; k < x->nev; k++) {
        if (!(x->ev[k].flags & DY_VF_SUBORDINATE)) any_main = 1;
        if (x->ev[k].flags & DY_VF_DOMINANT) any_dominant = 1;
    }
    for (int k = 0; k < x->nev; k++) {
        struct pend *p = &x->ev[k];
        if (any_main && (p->flags & DY_VF_SUBORDINATE)) continue;
        if (any_dominant && !(p->flags & DY_VF_DOMINANT)) continue;
        const char *src = mcode(c, p->src), *tgt = p->tgt >= 0 ? mcode(c, p->tgt) : c->set.petrarch ? "---" : "";
        const char *code = d->codes.str[p->code];
        int dup = 0;
        for (int j = 0; j < k && !dup; j++) {
            struct pend *q = &x->ev[j];
            if (q->code == p->code && strcmp(mcode(c, q->src), src) == 0 &&
                strcmp(q->tgt >= 0 ? mcode(c, q->tgt) : c->set.petrarch ? "---" : "", tgt) == 0 &&
                !(any_main && (q->flags & DY_VF_SUBORDINATE)) && !(any_dominant && !(q->flags & DY_VF_DOMINANT)))
                dup = 1;
        }
        if (dup) continue;
        if (c->opt.once_per_doc) {
            /* FNV-1a over source, target, code, modality */
            uint64_t hsh = 1469598103934665603ull;
            const char *parts[3] = {src, tgt, code};
            for (int q = 0; q < 3; q++) {
                for (const char *ch = parts[q]; *ch; ch++) { hsh ^= (unsigned char)*ch; hsh *= 1099511628211ull; }
                hsh ^= 0xff; hsh *= 1099511628211ull;
            }
            hsh ^= (uint64_t)p->mod;
            int again = 0;
            for (size_t q = 0; q < c->nseen && !again; q++) again = c->seen[q] == hsh;
            if (again) {
                dy_explain(c, "  event %s %s %s already reported for this document\n", src, tgt, code);
                continue;
            }
            if (DY_PUSH(c->seen, c->nseen, c->capseen, hsh) == 0) {}
        }
        if (!c->opt.all_modalities && p->mod != DYAD_ASSERTED && p->mod != DYAD_FUTURE) {
            dy_explain(c, "  event %s %s %s not reported: %s\n", src, tgt, code, dyad_modality_str(p->mod));
            continue;
        }
        dyad_event ev;
        memset(&ev, 0, sizeof ev);
        ev.doc_id = x->doc->id ? x->doc->id : "";
        ev.sentence = x->sentence;
        ev.date = x->doc->date ? x->doc->date : "";
        ev.source = src;
        ev.target = tgt;
        ev.code = code;
        const dy_mention *ms = &c->men[p->src];
        ev.source_span = span_of(c, ms->start, ms->end);
        ev.target_span = p->tgt >= 0 ? span_of(c, c->men[p->tgt].start, c->men[p->tgt].end) : span_of(c, -1, -1);
        ev.verb_span = span_of(c, c->vm[p->verb].start, c->vm[p->verb].end);
        ev.entry_file = d->files[p->loc.file];
        ev.entry_line = (int)p->loc.line;
        ev.source_file = d->files[ms->loc.file];
        ev.source_line = (int)ms->loc.line;
        if (p->tgt >= 0) {
            ev.target_file = d->files[c->men[p->tgt].loc.file];
            ev.target_line = (int)c->men[p->tgt].loc.line;
        } else {
            ev.target_file = "";
        }
        ev.modality = p->mod;
        ev.cue = p->cue ? p->cue : "";
        if (x->fn && x->fn(x->ctx, &ev)) return 1;
    }
    return 0;
}

/* Parse "YYYY-MM-DD", "YYYYMMDD" or "YYMMDD" into yyyymmdd; 0 if absent. */
static int32_t parse_doc_date(const char *s) {
    int32_t v = s ? dy_parse_date(s, strlen(s), "-/") : -1;
    return v < 0 ? 0 : v; /* 0: undated */
}

dyad_status dyad_coder_code(dyad_coder *c, const dyad_doc *doc, dyad_event_fn fn, void *ctx,
                            dyad_err *err) {
    if (!c || !doc || (!doc->text && doc->len))
        return dy_error(err, DYAD_EARG, NULL, 0, "dyad_coder_code: bad argument");
    c->nex = 0;
    if (c->ex) c->ex[0] = 0;
    const char *id = doc->id ? doc->id : "";
    if (dy_tokenize(&c->toks, doc->text ? doc->text : "", doc->len))
        return dy_error(err, DYAD_ENOMEM, id, 0, "out of memory");
    size_t bad = c->toks.bad_utf8 ? dy_utf8_check(doc->text, doc->len) : (size_t)-1;
    if (bad != (size_t)-1)
        return dy_error(err, DYAD_EINPUT, id, 0, "document '%s': invalid UTF-8 at byte %zu", id, bad);
    c->text = doc->text;
    c->date = parse_doc_date(doc->date);
    {
        char story[128];
        story_of(id, story, sizeof story);
        if (!c->forward || strcmp(story, c->fwd_story) != 0) c->fwd_code[0] = 0;
        memcpy(c->fwd_story, story, strlen(story) + 1);
    }
    if (!c->emit && !(c->emit = malloc(sizeof *c->emit)))
        return dy_error(err, DYAD_ENOMEM, id, 0, "out of memory");
    emit_ctx *x = c->emit;
    x->fn = fn;
    x->ctx = ctx;
    x->doc = doc;
    x->stop = 0;
    c->nseen = 0;
    if (c->d->ndiscards) {
        int r = discard_story(c);
        if (r < 0) return dy_error(err, DYAD_ENOMEM, id, 0, "out of memory");
        if (r > 0) return DYAD_OK;
    }
    for (size_t s = 0; s < c->toks.nsent && x->stop != 1; s++) {
        size_t a = c->toks.sent[s], b = s + 1 < c->toks.nsent ? c->toks.sent[s + 1] : c->toks.ntok;
        c->tok = c->toks.tok + a;
        c->ntok = (int)(b - a);
        x->sentence = (int)s;
        x->nev = 0;
        x->stop = 0;
        if (c->ntok == 0) continue;
        dy_explain(c, "sentence %zu: %d tokens\n", s, c->ntok);
        int r = classify(c);
        if (r < 0) return dy_error(err, DYAD_ENOMEM, id, 0, "out of memory");
        if (r > 0) continue;
        if (c->d->ndiscards && discard_in_sentence(c)) continue;
        if (s == 0) skip_dateline(c);
        if (c->opt.explain) {
            dy_explain(c, "  tokens:");
            static const char *const tn[] = {"", "actor", "agent", "verb", "noun", "det", "conj", "comma",
                                             "pron", "aux", "by", "punct", "num", "prep", "adj"};
            for (int i = 0; i < c->ntok; i++)
                dy_explain(c, " %s%s%s", dy_tok_text(c, i), c->ti[i].type ? "/" : "", tn[c->ti[i].type]);
            dy_explain(c, "\n");
            for (size_t m = 0; m < c->nmen; m++)
                dy_explain(c, "  actor '%s'... -> %s (%s:%u)\n", dy_tok_text(c, c->men[m].start),
                           c->codes + c->men[m].code_off, c->d->files[c->men[m].loc.file], c->men[m].loc.line);
        }
        if (c->set.min_words) {
            int words = 0;
            for (int i = 0; i < c->ntok; i++) if (c->tok[i].kind != DY_TOK_PUNCT) words++;
            if (words < c->set.min_words) {
                dy_explain(c, "  %d words < MINIMUM WORDS %d: not coded\n", words, c->set.min_words);
                continue;
            }
        }
        if (c->set.share_lead_agent) dy_possessive_modifiers(c);
        dy_find_compounds(c);
        if (c->set.share_lead_agent) dy_share_agents(c);
        dy_drop_comma_clauses(c);
        if (dy_find_clauses(c) || resolve_pronouns(c)) return dy_error(err, DYAD_ENOMEM, id, 0, "out of memory");
        code_sentence(c, x);
        remember_subject(c);
        if (x->stop == 2) continue;
        if (report(c, x)) x->stop = 1;
    }
    return DYAD_OK;
}
