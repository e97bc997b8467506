/*
 * cli_term.h — what the command line prints for people: the progress bar on
 * stderr and the results table on stdout.
 */
#ifndef CLI_TERM_H
#define CLI_TERM_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "model_registry.h"
#include "sim_experiment.h"
#include "sim_target.h"

typedef struct cli_progress {
    FILE *out;           /* NULL: disabled */
    struct timespec start;
    double last_draw;    /* seconds since start */
    int drawn;
} cli_progress;

/* Enabled only when out is a terminal. */
void cli_progress_init(cli_progress *p, FILE *out, int enabled);
/* A sim_progress_fn: ctx is the cli_progress. */
void cli_progress_update(void *ctx, size_t done, size_t total);
/* Clear the bar's line. */
void cli_progress_end(cli_progress *p);
/* Seconds since cli_progress_init. */
double cli_progress_elapsed(const cli_progress *p);

typedef struct cli_table_info {
    const char *command;   /* "run", "compare", "sweep" */
    const model_kind *model;
    const char *param;
    size_t n_factors;       /* sweep: the design's fields */
    const sim_target *target;
    const sim_target_result *target_res;
    const char *out_dir;
    int zh;
} cli_table_info;

/* The headline KPIs of an experiment as a table for a terminal. */
void cli_table_print(FILE *f, const sim_exp *exp, const cli_table_info *info);

/* govsim sensitivity: the headline KPIs' indices, a column per parameter. */
struct sim_sa_out;
void cli_sa_table_print(FILE *f, const sim_exp *exp, const struct sim_sa_out *o, const model_kind *model);

/* Columns a UTF-8 string takes in a terminal (East Asian wide characters take 2). */
size_t cli_display_width(const char *s);

#endif
