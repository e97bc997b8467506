/*
 * model_registry.h — the models govsim can run, one row per kind.
 *
 * A scenario names its model with a top-level "model" field; without one it is
 * a governance scenario (the first row). A row gives everything the application
 * (command line, server, MPI front end) needs to run a kind: the scenario
 * language table its files are read with, a loader (file plus overrides by
 * dotted path → validated configuration), the runner table (sim_model.h), its
 * figures (sim_plot.h) and its report (sim_report.h). Adding a model is one
 * folder under models/ that defines its row and one line in models/registry.c;
 * everything that lists models (help, messages) reads the registry.
 */
#ifndef MODEL_REGISTRY_H
#define MODEL_REGISTRY_H

#include <stddef.h>
#include <stdio.h>

#include "scn.h"
#include "sim_err.h"
#include "sim_model.h"
#include "sim_plot.h"
#include "sim_report.h"

/* What one replication of a configuration needs, for the checks made before a run. */
typedef struct model_size {
    double bytes;    /* peak memory, estimated (an overestimate rather than an underestimate) */
    char what[160];  /* what drives it, for messages: "2,000 communities, 99,600 staff, ..." */
} model_size;

/* One warning line (without "warning: "), for the application to print. */
typedef void model_warn_fn(void *ctx, const char *line);

typedef struct model_kind {
    const char *kind; /* value of the scenario's "model" field */
    const char *doc;  /* one line for --help */
    /* The scenario language table its files are read with: overrides are
     * checked against it, and report.html reads the defaults of unwritten
     * fields from it. */
    const scn_schema *schema;
    /* Load and validate `file` ("-": standard input), apply the overrides in
     * order, validate. SIM_OK with *config set, or a status with one line per
     * problem in err. */
    int (*load)(const char *file, const scn_override *ovr, size_t n_ovr, void **config,
                sim_err *err);
    void (*free)(void *config);              /* accepts NULL */
    const char *(*name)(const void *config); /* the scenario's name, UTF-8 */
    double (*warmup)(const void *config);    /* in the model's time unit */
    const char *time_unit;                   /* of warmup: "h" */
    const sim_model_ops *ops;
    const sim_plot_spec *plots;              /* NULL: no figures */
    const char *const *headline;             /* KPIs for the terminal table, NULL-terminated */
    const sim_report_spec *report;           /* report.html: headline KPIs, notes; may be NULL */
    /* Optional (NULL: no check): fill out for config, or refuse it (SIM_ERR_INPUT,
     * one line naming the file) when its replications could never finish. */
    int (*size)(const void *config, model_size *out, sim_err *err);
    /* Optional: a few words on what a configuration does, for `govsim check`
     * ("routing: whistle"); writes at most size bytes. */
    void (*summary)(const void *config, char *out, size_t size);
    /* Optional: more lines for `govsim --help` (the governance model lists its
     * routing rules from their registry). */
    void (*help)(FILE *out);
    /* Optional: warnings about a configuration whose results may mislead (a
     * floor that overrides a ratio); none when it cannot tell. */
    void (*warnings)(const void *config, model_warn_fn *emit, void *ctx);
    /* Optional: warnings about a finished run; means[k]: KPI k's mean over
     * the replications, all groups together (group 0). */
    void (*result_warnings)(const void *config, const double *means, model_warn_fn *emit, void *ctx);
    /* Optional: what a configuration amounts to, in one line (head-counts). */
    void (*inputs_text)(const void *config, char *out, size_t size);
    /* Optional: the record rows (--trace) a replication is expected to write,
     * for the size estimate printed before a trace starts. */
    double (*trace_rows)(const void *config);
} model_kind;

/* The rows, in registry order (the first is the default kind). */
size_t model_count(void);
const model_kind *model_at(size_t i);
/* The row for a kind, NULL if unknown. */
const model_kind *model_find(const char *kind);
/* The kinds for messages, "governance, mmc", into buf (cut to size). */
void model_kinds_text(char *buf, size_t size);

/* Read `file`'s "model" field (through the scenario language: comments,
 * extends) and return its row, or an input error naming the allowed kinds. */
int model_detect(const char *file, const model_kind **out, sim_err *err);

#endif
