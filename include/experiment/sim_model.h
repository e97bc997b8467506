/*
 * sim_model.h — what the experiment runner needs from a model.
 *
 * The runner (sim_experiment.h) knows nothing about governance: it runs
 * replications of opaque configurations through a sim_model_ops table and
 * collects what each replication reports in a sim_rep_result. The governance
 * model (models/gov_*.c) and the test models (an M/M/c) both fill this table.
 *
 * A replication reports:
 *  - metrics: n_groups × n_metrics doubles, group-major (group 0 is "all", the
 *    whole system; the others are subgroups such as area classes). NaN means
 *    "not defined" (no case in that group) and is written as an empty cell / null.
 *  - series: n_points × n_series doubles, time-major, sampled at the times the
 *    model gives (series_time); the runner averages them over replications.
 *  - dists: n_groups × n_dists quantile sketches (sim_stats.h), all created with
 *    the descriptor's (dist_accuracy, dist_lo, dist_hi), merged over replications
 *    for distribution plots.
 *  - optionally, records (--trace): one CSV row per entity (a case, a
 *    customer) with the descriptor's trace_columns, written to out->trace when
 *    the runner gives one. Rows carry no replication or scenario: the
 *    application adds those when it gathers the replications' rows.
 */
#ifndef SIM_MODEL_H
#define SIM_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim_err.h"
#include "sim_stats.h"

typedef struct sim_metric_def {
    const char *name; /* stable identifier: summary.json key, CSV column */
    const char *unit; /* e.g. "share", "min", "h", "cases", "yuan/year" */
    const char *doc;  /* one line for the output reference */
} sim_metric_def;

/* How a planner reads a change of a KPI (report colours and verdicts, the
 * serve page): which way is better, and the smallest change that matters in
 * practice — statistical significance alone badges a 0.1-point change of a
 * rate as news once the replications are many. */
typedef struct sim_kpi_sense {
    signed char better; /* +1: higher is better; -1: lower is better; 0: neither (a count, a load) */
    signed char relative; /* 1: meaningful is a fraction of the baseline's mean; 0: in the KPI's unit */
    double meaningful;  /* the smallest difference that matters (0: none stated) */
} sim_kpi_sense;

typedef struct sim_model_desc {
    size_t n_metrics;
    const sim_metric_def *metrics;
    size_t n_groups;
    const char *const *groups; /* groups[0] is "all" */
    size_t n_series;
    const sim_metric_def *series;
    size_t n_dists;
    const sim_metric_def *dists;
    double dist_accuracy, dist_lo, dist_hi; /* sketch shape for every dist */
    const char *trace_columns; /* header of the record rows, "case,born_h,..."; NULL: none */
    const sim_kpi_sense *sense; /* n_metrics entries, or NULL: every KPI neutral */
} sim_model_desc;

/* +1 when a difference diff of KPI m is an improvement, -1 when it is a
 * deterioration, 0 when the KPI has no good direction or diff is 0. */
static inline int sim_kpi_verdict(const sim_model_desc *d, size_t m, double diff)
{
    int b = d->sense != NULL ? d->sense[m].better : 0;
    return diff > 0 ? b : diff < 0 ? -b : 0;
}

/* Whether |diff| reaches KPI m's practical threshold (base: the baseline's mean). */
static inline int sim_kpi_meaningful(const sim_model_desc *d, size_t m, double diff, double base)
{
    if (d->sense == NULL || !(d->sense[m].meaningful > 0))
        return 0;
    double t = d->sense[m].relative ? d->sense[m].meaningful * (base < 0 ? -base : base) : d->sense[m].meaningful;
    return (diff < 0 ? -diff : diff) >= t;
}

typedef struct sim_rep_result {
    double *metrics;    /* n_groups * n_metrics */
    size_t n_points;    /* rows of series */
    double *series;     /* n_points * n_series */
    sim_sketch **dists; /* n_groups * n_dists */
    uint64_t events;    /* events the kernel executed */
    FILE *trace;        /* where to write record rows (NULL: none); not owned */
} sim_rep_result;

typedef struct sim_model_ops {
    const sim_model_desc *desc;
    /* Number of time-series points of a configuration, and the time of point i
     * in the unit the output uses (days for govsim). */
    size_t (*series_points)(const void *config);
    double (*series_time)(const void *config, size_t i);
    /* Run replication `rep` (0-based) of `config` with streams derived from
     * `seed`. The runner has allocated out's arrays to the descriptor's shape
     * (series with series_points(config) rows) and set everything to NaN / empty
     * sketches. Returns SIM_OK, or a status with lines in err. Must be safe to
     * call from several threads at once on the same config. */
    int (*run)(const void *config, uint64_t seed, uint64_t rep, sim_rep_result *out,
               sim_err *err);
    /* Optional: what a configuration amounts to (staff, places), as a cJSON
     * object for summary.json's "inputs"; NULL when memory is short. */
    struct cJSON *(*inputs)(const void *config);
} sim_model_ops;

#endif
