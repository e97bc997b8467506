/*
 * cli.h — the govsim command line (contract: README and docs/cli.md).
 *
 *   govsim run SCENARIO.json [options]
 *   govsim compare A.json B.json [C.json ...] [options]
 *   govsim sweep SCENARIO.json --param PATH --values LIST [--target EXPR] [options]
 *   govsim check SCENARIO.json [...]
 *   govsim --help | --version
 *
 * Exit status: 0 success; 1 runtime failure (out of memory, a failed write, a
 * figure gnuplot could not draw); 2 bad command line, bad scenario or unusable
 * output directory, reported before anything is simulated or written.
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim_err.h"

#define CLI_VERSION "0.1.0"
#define CLI_DEFAULT_REPS 10
#define CLI_DEFAULT_SEED 1
#define CLI_MAX_REPS 1000000
#define CLI_MAX_THREADS 1024
#define CLI_MAX_VALUES 10000

typedef enum cli_cmd { CLI_HELP, CLI_VERSION_CMD, CLI_RUN, CLI_COMPARE, CLI_SWEEP, CLI_CHECK } cli_cmd;

typedef struct cli_args {
    cli_cmd cmd;
    const char **files; /* point into argv */
    size_t n_files;
    size_t reps;
    uint64_t seed;
    const char *out;  /* NULL: results/<scenario name> */
    unsigned threads; /* 0: one per online core */
    int plot, zh, quiet;
    const char *param;
    double *values;
    size_t n_values;
    const char *target;
} cli_args;

/* Parse argv. SIM_OK, or SIM_ERR_INPUT with one line per problem in err.
 * Free with cli_args_free (also after a failure). */
int cli_args_parse(int argc, char **argv, cli_args *a, sim_err *err);
void cli_args_free(cli_args *a);

/* "8,12,18,24" or "8:30:2" (from:to:step, both ends included). */
int cli_parse_values(const char *text, double **values, size_t *n, sim_err *err);

/* Print the usage text to f. */
void cli_usage(FILE *f);

/* The whole program after process setup: returns the exit status. */
int cli_main(int argc, char **argv);

#endif
