/*
 * cli.h -- shared pieces of the dyad command: the subcommand table row,
 * handlers, and small helpers for options and dictionary loading.
 */
#ifndef DY_CLI_H
#define DY_CLI_H

#include "../../include/dyad.h"

#include <stdio.h>

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *help;
} cli_command;

int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_dict_check(int argc, char **argv);
int cmd_version(int argc, char **argv);

const cli_command *cli_find(const char *name);

/* Load a dictionary, printing each diagnostic to stderr when verbose.
 * Returns NULL (after printing why) on failure. */
dyad_dict *cli_load_dict(const char *spec, int verbose, size_t *ndiag);

/* --paired, --before, --undated at argv[*i] (the dictionary choices where the peers
 * differ): 1 taken (and *i advanced), 0 not one of them, -1 a bad value (printed). */
int cli_dict_choice(int argc, char **argv, int *i);

/* "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i. */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name);

#endif
