/*
 * main.c -- the dyad command: a thin client of libdyad. Each subcommand is
 * one row of the table below (name, handler, summary); dispatch and
 * `dyad help` both read it. Only this layer prints and chooses exit codes:
 * 0 success, 1 some input was bad (reported, the rest was processed),
 * 2 usage or dictionary errors.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* ORDER: none; `dyad help` lists the rows in this order. */
static const cli_command commands[] = {
    {"code", cmd_code, "code documents into events (JSONL out)",
     "dyad code [--dict SPEC] [--input jsonl|text|tabari|petrarch] [--date YYYY-MM-DD]\n"
     "          [--all] [--explain] [--every-mention] [--option LINE]... [-j N] [FILE...]\n"
     "  Reads documents from FILEs (or standard input) and writes one JSON event per line.\n"
     "  --all adds negated, hypothetical and claimed events, with their modality.\n"
     "  Dictionary choices where the peers differ (also for explain, validate, dict-check):\n"
     "  --paired dialect|events|voice   [A:B] as two events (default) or by voice\n"
     "  --before strict|inclusive       is D inside a restriction <D (default: strict)\n"
     "  --undated latest|earliest       undated documents take an actor's latest dated code\n"
     "  --no-cache                      compile the dictionaries even if a cached copy is\n"
     "                                  current (cache: $DYAD_CACHE_DIR, else ~/.cache/dyad)\n"
     "  --every-mention reports an event again when a later sentence of the same document\n"
     "  repeats it (by default each document reports it once).\n"
     "  --option sets a TABARI option for this run, e.g. \"SET: CODE BY SENTENCE\"."},
    {"explain", cmd_explain, "show step by step why a sentence is coded",
     "dyad explain [--dict SPEC] [--date YYYY-MM-DD] \"sentence\""},
    {"validate", cmd_validate, "run a peer validation suite and score it",
     "dyad validate [--verbose] SUITE\n"
     "  SUITE: a TABARI .project (Validate.project), PETRARCH-1 unit-test XML, or\n"
     "  UniversalPetrarch validation XML. Prints failing records and 'N passed, N failed'."},
    {"dict-check", cmd_dict_check, "load a dictionary set and report every problem line",
     "dyad dict-check [SPEC]\n  SPEC: builtin (default), a folder, a .project, a PETRARCH .ini, or FILE,FILE..."},
    {"version", cmd_version, "print the version", "dyad version"},
};

int cmd_version(int argc, char **argv) {
    (void)argc;
    (void)argv;
    printf("dyad %s\n", DYAD_VERSION);
    return 0;
}

static void usage(FILE *out) {
    fprintf(out, "usage: dyad COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'dyad help COMMAND' shows a command's options.\n");
}

const cli_command *cli_find(const char *name) {
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) { usage(stderr); return 2; }
    if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        const cli_command *c = argc > 2 ? cli_find(argv[2]) : NULL;
        if (c) printf("%s\n", c->help);
        else usage(stdout);
        return 0;
    }
    const cli_command *c = cli_find(argv[1]);
    if (!c) {
        fprintf(stderr, "dyad: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    for (int i = 2; i < argc; i++) /* "dyad code --help" is "dyad help code" */
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("%s\n", c->help);
            return 0;
        }
    return c->run(argc - 1, argv + 1);
}
