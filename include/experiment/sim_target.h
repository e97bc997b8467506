/*
 * sim_target.h — a sweep target such as `resolution_rate>=0.95` and the swept
 * value at which it starts (or stops) holding.
 *
 * A value meets the target when its whole 95 % confidence interval does: for
 * `>=` the lower end is >= the threshold, for `<=` the upper end is <= it (and
 * likewise strictly for `>`, `<`). Meeting it on the mean alone would pick, half
 * the time, a value that does not really meet it.
 *
 * Which end of the sweep to report. The answer is the boundary of the region
 * where the target holds, and that region lies at the end of the sweep where the
 * KPI is better (for `>=`/`>` larger, for `<=`/`<` smaller): the operator alone
 * does not say which end that is. `mean_wait_min<=6` while sweeping servers
 * holds for many servers, and the answer is the fewest servers that meet it;
 * `mean_response_min<=30` while sweeping households per grid worker holds for
 * light workloads, and the answer is the heaviest workload that still meets it.
 * So, with the swept values sorted, the side is taken from the means at the two
 * ends, and the result is the value at the inner edge of the unbroken run of
 * values meeting the target at that end: every value beyond it meets the target
 * too. Values that meet it only here and there (noise, a non-monotone KPI) do not
 * count; `clean` says whether there were any.
 */
#ifndef SIM_TARGET_H
#define SIM_TARGET_H

#include <stddef.h>

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_model.h"

typedef enum sim_target_op { SIM_TGT_GE, SIM_TGT_GT, SIM_TGT_LE, SIM_TGT_LT } sim_target_op;

typedef struct sim_target {
    size_t metric, group; /* indices into the model's descriptor */
    sim_target_op op;
    double threshold;
} sim_target;

/* The KPI named by name[0..len), `METRIC` or `METRIC.GROUP` (group "all"
 * when none is given): 0, or 1 for an unknown metric, 2 for an unknown group. */
int sim_kpi_find(const sim_model_desc *desc, const char *name, size_t len, size_t *metric, size_t *group);

/* Parse `METRIC[.GROUP] OP NUMBER` (OP one of >= <= > <; spaces allowed). */
int sim_target_parse(const char *text, const sim_model_desc *desc, sim_target *out,
                     sim_err *err);
const char *sim_target_op_str(sim_target_op op);
/* Writes the canonical form, e.g. "mean_wait_min<=6", into buf. */
void sim_target_format(const sim_target *t, const sim_model_desc *desc, char *buf,
                       size_t size);

/* Whether a mean and its CI meet the target as a whole (NaN never does). */
int sim_target_meets(const sim_target *t, sim_exp_stat s);

typedef struct sim_target_result {
    int met;         /* a value at the good end meets the target */
    double value;    /* the boundary value (NaN when not met) */
    size_t config;   /* its configuration */
    int high_side;   /* 1: the target holds from value upwards; 0: up to value */
    int clean;       /* no value outside that run meets the target */
} sim_target_result;

/* Over the configurations of a finished sweep (their sim_exp_config.value). */
int sim_target_eval(const sim_target *t, const sim_exp *exp, sim_target_result *out,
                    sim_err *err);

#endif
