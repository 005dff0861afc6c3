/*
 * compound.c -- noun-phrase structure above single mentions: compound actors
 * ("A, B and C"), agents and actors shared across a compound, and possessive
 * actors that only modify the actor after them. Runs on the mentions that
 * classify() found, before clauses and events.
 */
#include "coder.h"

/* The mention (unsorted) that starts at token i, or -1. */
static int mention_at(const dy_coder *c, int i) {
    for (size_t a = 0; a < c->nmen; a++) if (c->men[a].start == i) return (int)a;
    return -1;
}

/* Token i is AND or OR. */
static int is_and(const dy_coder *c, int i) { return dy_is_word(c, i, "AND") || dy_is_word(c, i, "OR"); }

/* "Lawmakers and officials in Arnor and Gondor": two agents of two actors are
 * every agent of every actor. The lone agent becomes its agent of the first
 * actor, a copy over its words its agent of the second, and the second actor
 * takes the agent of the first (ARNLEG, GONLEG, ARNGOV, GONGOV in text order,
 * one compound). Returns -1 on out of memory. */
int dy_distribute_agents(dy_coder *c) {
    size_t n0 = c->nmen;
    for (size_t a = 0; a < n0; a++) {
        if (c->men[a].how != DY_HOW_AGENT || !c->men[a].lone_agent_off) continue;
        int e = c->men[a].end;
        if (e >= c->ntok || !is_and(c, e)) continue;
        int b = mention_at(c, e + 1);
        if (b < 0 || c->men[b].how != DY_HOW_ACTOR_AGENT || !c->men[b].agent_leads || c->men[b].null_code) continue;
        int k = c->men[b].end;
        if (k >= c->ntok || !is_and(c, k)) continue;
        int p = mention_at(c, k + 1);
        if (p < 0 || c->men[p].how != DY_HOW_ACTOR || c->men[p].null_code) continue;
        char lone[64], lead[64];
        dy_copy_str(lone, sizeof lone, c->codes + c->men[a].lone_agent_off);
        dy_copy_str(lead, sizeof lead, c->codes + c->men[b].agent_off);
        uint8_t lone_prefix = c->men[a].lone_agent_prefix, lead_prefix = c->men[b].agent_prefix;
        dy_mention copy = c->men[a];
        copy.code_off = dy_combine(c, c->codes + c->men[p].base_off, lone, lone_prefix);
        copy.base_off = c->men[p].base_off;
        copy.how = DY_HOW_AGENT_ACTOR;
        dy_mention *m = &c->men[a];
        m->code_off = dy_combine(c, c->codes + c->men[b].base_off, lone, lone_prefix);
        m->base_off = c->men[b].base_off;
        m->agent_off = m->lone_agent_off;
        m->how = DY_HOW_AGENT_ACTOR;
        dy_mention *q = &c->men[p];
        q->code_off = dy_combine(c, c->codes + q->base_off, lead, lead_prefix);
        q->agent_off = c->men[b].agent_off;
        q->agent_prefix = lead_prefix;
        q->how = DY_HOW_ACTOR_AGENT;
        copy.agent_off = copy.lone_agent_off;
        if (DY_PUSH(c->men, c->nmen, c->capmen, copy)) return -1;
        dy_explain(c, "  agents '%s' and '%s' of actors '%s' and '%s': each of each\n", dy_tok_text(c, c->men[a].start),
                   dy_tok_text(c, c->men[b].start), dy_tok_text(c, c->men[b].end - 1), dy_tok_text(c, c->men[p].start));
    }
    return 0;
}

/* A lower-case word no dictionary knows, taken as an adjective inside a
 * compound ("Fornost and the evil awful Gondor"); not in all-caps text. */
static int bare_modifier(const dy_coder *c, int k) {
    const dy_token *t = &c->tok[k];
    return !c->allcaps && c->ti[k].type == W_NONE && !c->ti[k].nhit && t->kind == DY_TOK_WORD &&
           !(t->flags & DY_TF_CAPITAL);
}

/* Compound actors: ACTOR ((,|AND) [DET|adj]* ACTOR)+ */
void dy_find_compounds(dy_coder *c) {
    for (size_t a = 0; a + 1 < c->nmen; a++) {
        dy_mention *m = &c->men[a], *n = &c->men[a + 1];
        if (m->null_code || n->null_code) continue;
        int k = m->end, saw_sep = 0, ok = 1;
        /* np -> actor | adjective np | determiner np; compound -> np (, np)* AND np:
         * modifiers may stand only after a separator */
        int bare = 0;
        for (; k < n->start; k++) {
            int ty = c->ti[k].type;
            if (ty == W_COMMA || (ty == W_CONJ && is_and(c, k))) saw_sep = 1, bare = 0;
            else if ((ty == W_DET || ty == W_ADJ) && saw_sep) continue;
            else if (saw_sep && bare < 2 && bare_modifier(c, k)) bare++;
            else { ok = 0; break; }
        }
        if (!ok || !saw_sep) continue;
        /* a list is closed by its AND: "A and B, and C and D" is two compounds
         * (a comma after the AND starts the next) */
        int closed = 0;
        for (k = c->men[m->gfirst].end; k < m->start && !closed; k++)
            closed = c->ti[k].type == W_NONE && is_and(c, k);
        if (closed && c->ti[m->end].type == W_COMMA) continue;
        /* join a's group with the group a+1 opens (a coded compound [A/B/C] is
         * already a group of mentions over the same words) */
        int g = m->gfirst, last = n->glast > (int)(a + 1) ? n->glast : (int)(a + 1);
        for (int b = g; b <= last; b++) { c->men[b].gfirst = g; c->men[b].glast = last; }
        /* mark the separators as part of the compound, so they split nothing */
        for (k = m->end; k < n->start; k++) if (c->ti[k].type == W_CONJ) c->ti[k].type = W_NONE;
    }
    /* a compound that ends on a comma list without AND is not a compound */
    for (size_t a = 0; a < c->nmen;) {
        int g0 = c->men[a].gfirst, g1 = c->men[a].glast;
        int has_and = 0;
        for (int k = c->men[g0].end; k < c->men[g1].start; k++)
            if (is_and(c, k)) has_and = 1;
        int same_span = c->men[g0].start == c->men[g1].start;
        if (g1 > g0 && !has_and && !same_span) {
            /* back to single mentions, each coded compound still one group */
            for (int b = g0; b <= g1;) {
                int e = b;
                while (e < g1 && c->men[e + 1].start == c->men[b].start) e++;
                for (int x = b; x <= e; x++) { c->men[x].gfirst = b; c->men[x].glast = e; }
                b = e + 1;
            }
        }
        a = (size_t)g1 + 1;
    }
}

/* Token i is a noun that relates one actor to the next ("member", "ally"). */
static int relational_noun(const dy_coder *c, int i) {
    static const dy_word nouns[] = {DY_WORD("MEMBER"), DY_WORD("ALLY"), DY_WORD("NEIGHBOR"), DY_WORD("NEIGHBOUR"),
                                   DY_WORD("PARTNER")};
    return c->ti[i].type == W_NONE && !(c->tok[i].flags & DY_TF_CAPITAL) &&
           dy_word_among(c, i, nouns, DY_ARRAY_LEN(nouns));
}

/* "Dagolath's first deputy prime minister Telemar": a possessive actor
 * followed, within its noun phrase, by another actor is a modifier of that
 * actor, which is the head and the one that acts or is acted on; so is, with
 * dyad's own dictionaries, an actor before "member", "ally" ... and an actor. */
void dy_possessive_modifiers(dy_coder *c) {
    for (size_t a = 0; a + 1 < c->nmen; a++) {
        dy_mention *m = &c->men[a];
        dy_mention *n = &c->men[a + 1];
        if (m->null_code || n->null_code || m->end <= m->start || n->start < m->end) continue;
        const char *w = dy_tok_text(c, m->end - 1);
        size_t len = c->tok[m->end - 1].len;
        if (c->set.own_rules && n->start == m->end + 1 && relational_noun(c, m->end)) {
            /* "NATO member Norway", "US ally Israel": the second actor is the head */
            m->null_code = 1;
            dy_explain(c, "  '%s %s' modifies the actor after it: not an actor of its own\n", w, dy_tok_text(c, m->end));
            continue;
        }
        if (len < 3 || strcmp(w + len - 2, "'S") != 0) continue;
        int k = m->end, gap = 0;
        for (; k < n->start; k++, gap++)
            if (c->ti[k].type != W_NONE && c->ti[k].type != W_ADJ) break;
        if (k < n->start || gap > 2) continue;
        m->null_code = 1;
        if (!dy_has_country(c->codes + n->code_off) && dy_has_country(c->codes + m->base_off)) {
            /* "Iran's religious leader": the head is an agent; the possessive gives its country */
            char ag[64];
            dy_copy_str(ag, sizeof ag, c->codes + n->code_off);
            n->code_off = n->base_off = dy_combine(c, c->codes + m->base_off, ag, 0);
            dy_explain(c, "  '%s' gives its country to the agent after it -> %s\n", w, c->codes + n->code_off);
            continue;
        }
        dy_explain(c, "  '%s' modifies the actor after it: not an actor of its own\n", w);
    }
}

/* PETRARCH: an agent that leads a compound applies to every member ("the
 * ambassadors of Arnor, Osgiliath and Gondor"); one inside it does not
 * ("Ithilen and the government of Gondor"). */
void dy_share_agents(dy_coder *c) {
    for (size_t a = 0; a < c->nmen;) {
        int g0 = c->men[a].gfirst, g1 = c->men[a].glast;
        /* "Danish media and government": an actor that leads a compound of agents is
         * the actor of each agent that has none */
        const dy_mention *lead = &c->men[g0];
        if (g1 > g0 && lead->agent_off && !lead->agent_leads && !lead->null_code && lead->pronoun_of == -1)
            for (int k = g0 + 1; k <= g1; k++) {
                dy_mention *m = &c->men[k];
                if (!m->lone_agent_off || m->how != DY_HOW_AGENT) continue;
                char ag[64];
                dy_copy_str(ag, sizeof ag, c->codes + m->lone_agent_off);
                m->code_off = dy_combine(c, c->codes + c->men[g0].base_off, ag, m->lone_agent_prefix);
                m->base_off = c->men[g0].base_off;
                m->agent_off = m->lone_agent_off;
                m->how = DY_HOW_AGENT_LEAD;
                dy_explain(c, "  agent '%s' takes the actor that leads its compound -> %s\n",
                           dy_tok_text(c, m->start), c->codes + m->code_off);
            }
        uint32_t agent = c->men[g0].agent_leads ? c->men[g0].agent_off : 0;
        uint8_t prefix = c->men[g0].agent_prefix;
        if (agent && g1 > g0)
            for (int k = g0; k <= g1; k++) {
                dy_mention *m = &c->men[k];
                if (m->agent_off || m->null_code || m->pronoun_of != -1) continue;
                char ag[64];
                dy_copy_str(ag, sizeof ag, c->codes + agent);
                m->code_off = dy_combine(c, c->codes + m->base_off, ag, prefix);
                m->agent_off = agent;
            }
        a = (size_t)(g1 >= (int)a ? g1 + 1 : (int)a + 1);
    }
}
