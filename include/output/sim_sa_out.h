/*
 * sim_sa_out.h — what govsim sensitivity writes once its design has run:
 * the indices of every KPI and group (sensitivity.csv, long) and, with
 * --plot, a figure per headline KPI (plots/sensitivity-KPI: the μ*–σ plane
 * for Morris, first-order and total indices for Sobol), in English or Chinese.
 *
 * Each design point's output is its KPI's mean over the replications; points
 * are configuration c of the experiment, in the design's order
 * (sim_sensitivity.h).
 */
#ifndef SIM_SA_OUT_H
#define SIM_SA_OUT_H

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_plot.h"
#include "sim_sensitivity.h"

typedef struct sim_sa_out {
    const sim_sa_plan *plan;
    const double *u;                 /* the design (n_points x k, unit cube) */
    const char *const *params;       /* the k parameters' field paths */
    uint64_t seed;                   /* for the bootstrap */
    const char *const *headline;     /* KPIs with a figure (NULL-terminated; NULL: none) */
    const sim_plot_spec *labels;     /* display labels (may be NULL) */
    int plot, zh;
    const char *gnuplot;             /* NULL: "gnuplot" */
} sim_sa_out;

/* The indices of KPI m, group g (out: k results), as sensitivity.csv has them. */
int sim_sa_indices(const sim_exp *exp, const sim_sa_out *o, size_t g, size_t m, sim_sa_result *out, sim_err *err);

/* dir/sensitivity.csv, then the figures in dir/plots (which must exist when
 * plot is set). gnuplot failing: one line, SIM_ERR_RUNTIME, the .dat and .gp
 * files written all the same. */
int sim_sa_write(const char *dir, const sim_exp *exp, const sim_sa_out *o, sim_err *err);

#endif
