/*
 * sim_precision.h — sequential replication: add replications until the 95 %
 * confidence interval of chosen KPIs is narrow enough (--precision).
 *
 * The rule (Law & Kelton's sequential procedure, with the jump estimated rather
 * than taken one replication at a time): after n replications, a KPI whose
 * half-width h exceeds the goal g needs about n (h / g)^2 replications, since h
 * shrinks as 1/sqrt(n). The next stage runs the largest such estimate over every
 * goal and configuration (at least one more, at most the cap), and the check is
 * repeated, so the count reported is the first stage at which every goal holds.
 * The stages depend only on the results of replications 1..n, which do not
 * depend on the threads or the stages before: the same command always stops at
 * the same count, and its files equal those of --reps with that count.
 */
#ifndef SIM_PRECISION_H
#define SIM_PRECISION_H

#include <stddef.h>

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_model.h"

typedef struct sim_precision {
    size_t metric, group; /* indices into the model's descriptor */
    double half_width;    /* the goal, in the KPI's unit, > 0 */
} sim_precision;

/* Parse `KPI[.GROUP]=HALFWIDTH`. */
int sim_precision_parse(const char *text, const sim_model_desc *desc, sim_precision *out, sim_err *err);

/* Where the goals stand after the replications counted so far. */
typedef struct sim_precision_status {
    int met;             /* every goal holds in every configuration */
    size_t next_reps;    /* replications the next stage needs (== reps when met) */
    size_t worst_goal;   /* the goal furthest from holding ... */
    size_t worst_config; /* ... in this configuration */
    double worst_ratio;  /* its half-width over the goal (inf: undefined) */
    double worst_half_width;
} sim_precision_status;

/* Judge the goals on exp's replications, and how many replications would meet
 * them, at most max_reps. A KPI with fewer than two defined values (a class
 * that seldom occurs) cannot be judged yet: it asks for twice the replications. */
void sim_precision_judge(const sim_precision *goals, size_t n_goals, const sim_exp *exp, size_t max_reps,
                         sim_precision_status *st);

#endif
