/*
 * mmc_model.h — the M/M/c queue: a validation and teaching model.
 *
 * Customers arrive in a Poisson stream (arrival_rate_per_h), each needs an
 * exponential service (service_rate_per_h) from one of `servers` identical
 * servers; a share of them is urgent. With "priority": "none" they are served
 * first come first served, and queueing theory gives the answers (Erlang C), so
 * the model checks the kernel and the experiment runner against theory; with
 * "urgent_first" urgent customers go ahead of routine ones (non-preemptive),
 * which shows what priority costs the others. docs/mmc.md describes the fields
 * and the outputs. Time unit: hours.
 *
 * The application reaches it through its row (mmc_kind) in models/registry.c.
 */
#ifndef MMC_MODEL_H
#define MMC_MODEL_H

#include "model_registry.h"
#include "scn.h"
#include "sim_model.h"
#include "sim_plot.h"

extern const model_kind mmc_kind;
extern const scn_schema mmc_schema;
extern const sim_model_ops mmc_ops;
extern const sim_plot_spec mmc_plots;
extern const struct sim_report_spec mmc_report;
extern const char *const mmc_headline[];

/* The loader of the registry row: file, overrides → a validated configuration. */
int mmc_load(const char *file, const scn_override *ovr, size_t n_ovr, void **config, sim_err *err);
void mmc_free(void *config);

#endif
