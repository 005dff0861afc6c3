/*
 * builtin.h -- the dictionary files compiled into the library. The table is
 * generated at build time by tools/embed.c from dict/ (build/gen/builtin.c).
 */
#ifndef DY_BUILTIN_H
#define DY_BUILTIN_H

#include <stddef.h>

typedef struct dy_builtin_file {
    const char *name;  /* e.g. "dict/countries.actors" */
    const char *text;
    size_t len;
} dy_builtin_file;

extern const dy_builtin_file dy_builtin_files[];
extern const size_t dy_builtin_count;

#endif
