/*
 * cli_registry.h — the models the command line can run, one row per kind.
 *
 * A scenario names its model with a top-level "model" field; without one it is
 * a governance scenario. A row gives everything the command line needs to run a
 * kind: a loader (file plus dotted-path overrides, for sweeps, to a validated
 * configuration), the model's runner table (sim_model.h) and its figures
 * (sim_plot.h). Adding a model is one file and one row in models/registry.c.
 */
#ifndef CLI_REGISTRY_H
#define CLI_REGISTRY_H

#include <stddef.h>

#include "sim_err.h"
#include "sim_model.h"
#include "scn.h"
#include "sim_plot.h"
#include "sim_report.h"

/* Set the numeric field at a dotted path (e.g. "staffing.community_workers_per_10k"). */
typedef struct cli_override {
    const char *path;
    double value;
} cli_override;

/* What one replication of a configuration needs, for the checks made before a run. */
typedef struct cli_size {
    double bytes;    /* peak memory, estimated (an overestimate rather than an underestimate) */
    char what[160];  /* what drives it, for messages: "2,000 communities, 99,600 staff, ..." */
} cli_size;

typedef struct cli_model {
    const char *kind; /* value of the scenario's "model" field */
    const char *doc;  /* one line for --help */
    /* Load and validate `file`, apply the overrides in order, validate again.
     * SIM_OK with *config set, or a status with one line per problem in err. */
    int (*load)(const char *file, const cli_override *ovr, size_t n_ovr, void **config,
                sim_err *err);
    void (*free)(void *config);            /* accepts NULL */
    const char *(*name)(const void *config); /* the scenario's name, UTF-8 */
    double (*warmup)(const void *config);    /* in the model's time unit */
    const char *time_unit;                   /* of warmup: "h" */
    const sim_model_ops *ops;
    const sim_plot_spec *plots;              /* NULL: no figures */
    const char *const *headline;             /* KPIs for the terminal table, NULL-terminated */
    const sim_report_spec *report;           /* report.html: headline KPIs, notes; may be NULL */
    /* The schema the scenario files are read with, for "what was compared" in
     * report.html (defaults of unwritten fields); NULL for a model whose files
     * are not in the scenario language. */
    const scn_schema *schema;
    /* Optional (NULL: no check): fill out for config, or refuse it (SIM_ERR_INPUT,
     * one line naming the file) when its replications could never finish. */
    int (*size)(const void *config, cli_size *out, sim_err *err);
} cli_model;

/* Before anything runs: every configuration's own refusal (cli_model.size), then
 * memory. A replication must fit in the memory limit (GOVSIM_MEMORY_LIMIT, or
 * 3/4 of the physical memory, the cgroup's limit or RLIMIT_AS, whichever is
 * smallest); *threads is lowered so that the replications running at once fit
 * together (with a note on stderr unless quiet). SIM_ERR_INPUT with one line per
 * configuration that cannot fit. files[i] names configuration i in messages. */
int cli_check_size(const cli_model *model, void *const *configs, const char *const *files, size_t n,
                   unsigned *threads, int quiet, sim_err *err);

/* The row for a kind, NULL if unknown. */
const cli_model *cli_model_find(const char *kind);
/* The kinds, for messages: "governance, mmc". */
const char *cli_model_kinds(void);

/* Read `file`'s "model" field and return its row. A row whose loader is not
 * built yet gives a clear input error. */
int cli_model_detect(const char *file, const cli_model **out, sim_err *err);

#endif
