/*
 * options.c -- dyad_coder_option(): TABARI .options lines and PETRARCH
 * <Config> settings applied to one coder (the shared dictionary is not
 * touched), as validation suites switch them record by record.
 */
#include "coder.h"

#include <stddef.h>
#include <stdio.h>

static void squeeze_upper(const char *s, char *out, size_t cap) {
    size_t k = 0;
    for (; *s && k + 1 < cap; s++)
        if (*s != ' ' && *s != '\t') out[k++] = (char)((*s >= 'a' && *s <= 'z') ? *s - 32 : *s);
    out[k] = 0;
}

int dyad_coder_option(dyad_coder *c, const char *line) {
    if (!c || !line) return -1;
    char b[256];
    squeeze_upper(line, b, sizeof b);
    const char *p;
    if (!strncmp(b, "COMPLEX:", 8)) {
        c->set.complex_verbs = (p = strstr(b, "VERBS[")) ? atoi(p + 6) : 0;
        c->set.complex_conj = (p = strstr(b, "CONJ[")) ? atoi(p + 5) : 0;
        c->set.complex_actors = (p = strstr(b, "ACTORS[")) ? atoi(p + 7) : 0;
        c->set.noactprior = strstr(b, "NOACTPRIOR") != NULL;
        return 0;
    }
    if (!strncmp(b, "FORWARD:", 8)) { c->forward = !strstr(b + 8, "OFF"); return 0; }
    if (!strcmp(b, "SET:CODEBYSENTENCE")) { c->set.code_by = 1; return 0; }
    if (!strcmp(b, "SET:CODEALL")) { c->set.code_by = 2; return 0; }
    if (!strcmp(b, "SET:CODEBYCLAUSE")) { c->set.code_by = 0; return 0; }
    if (!strncmp(b, "SET:CONVERTAGENT", 16)) {
        const char *eq = strchr(b, '=');
        c->set.convert_agents = c->set.agent_tilde = eq && eq[1] == 'T';
        return 0;
    }
    if (!strncmp(b, "COMMA:", 6)) {
        if (strstr(b, "OFF") || strstr(b, "FALSE")) { c->set.comma_max = c->set.comma_emax = c->set.comma_bmax = 0; return 0; }
        static const struct { const char *key; size_t off; } keys[] = {
            {"EMIN=", offsetof(dy_dict_settings, comma_emin)}, {"EMAX=", offsetof(dy_dict_settings, comma_emax)},
            {"BMIN=", offsetof(dy_dict_settings, comma_bmin)}, {"BMAX=", offsetof(dy_dict_settings, comma_bmax)},
            {"MIN=", offsetof(dy_dict_settings, comma_min)}, {"MAX=", offsetof(dy_dict_settings, comma_max)}};
        for (size_t k = 0; k < DY_ARRAY_LEN(keys); k++) {
            const char *q = b + 6;
            while ((q = strstr(q, keys[k].key)) != NULL) {
                /* "MIN=" must not match inside "EMIN=" */
                if (strlen(keys[k].key) == 4 && (q[-1] == 'E' || q[-1] == 'B')) { q++; continue; }
                *(int *)((char *)&c->set + keys[k].off) = atoi(q + strlen(keys[k].key));
                break;
            }
        }
        return 0;
    }
    if (!strncmp(b, "COMMA_", 6)) {
        /* PETRARCH-2 reads clauses from its parse and has no comma rules: its suite's
         * comma_* switches (kept from PETRARCH-1's) are accepted and change nothing */
        if (c->set.petrarch2) return 0;
        static const struct { const char *key; size_t off; } keys[] = {
            {"COMMA_MIN=", offsetof(dy_dict_settings, comma_min)}, {"COMMA_MAX=", offsetof(dy_dict_settings, comma_max)},
            {"COMMA_EMIN=", offsetof(dy_dict_settings, comma_emin)}, {"COMMA_EMAX=", offsetof(dy_dict_settings, comma_emax)},
            {"COMMA_BMIN=", offsetof(dy_dict_settings, comma_bmin)}, {"COMMA_BMAX=", offsetof(dy_dict_settings, comma_bmax)}};
        for (size_t k = 0; k < DY_ARRAY_LEN(keys); k++)
            if (!strncmp(b, keys[k].key, strlen(keys[k].key))) {
                *(int *)((char *)&c->set + keys[k].off) = atoi(b + strlen(keys[k].key));
                return 0;
            }
        return -1;
    }
    if (!strncmp(b, "SET:MINIMUMWORDS=", 17)) { c->set.min_words = atoi(b + 17); return 0; }
    if (!strncmp(b, "DEFAULT:", 8)) {
        const char *p1 = strstr(b, "SOURCE["), *p2 = strstr(b, "TARGET[");
        c->default_src_text[0] = c->default_tgt_text[0] = 0;
        if (strstr(b, "OFF")) return 0;
        if (p1) sscanf(p1 + 7, "%31[^]]", c->default_src_text);
        if (p2) sscanf(p2 + 7, "%31[^]]", c->default_tgt_text);
        /* PRIOR: the default source stands in when no actor precedes the verb
         * (otherwise the first actor after it becomes the source); AFTER: the
         * default target stands in when no actor follows the verb (otherwise
         * an actor before it is looked for first) */
        c->default_src_prior = p1 && strstr(p1, "PRIOR") && (!p2 || strstr(p1, "PRIOR") < p2);
        c->default_tgt_after = p2 && strstr(p2, "AFTER");
        return 0;
    }
    if (!strncmp(b, "REQUIRE_DYAD=", 13)) { c->set.require_dyad = strcmp(b + 13, "FALSE") != 0; return 0; }
    if (!strncmp(b, "SET:", 4)) return 0;  /* other TABARI settings: accepted, no effect on coding */
    return -1;
}

