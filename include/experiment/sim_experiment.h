/*
 * sim_experiment.h — replications × configurations over threads, with
 * confidence intervals, paired differences and replication means of time series.
 *
 * An experiment is a list of configurations (scenarios, or one scenario at each
 * swept value) of one model, each run for the same number of replications. Task
 * t = c * reps + r is replication r of configuration c. Replication r of every
 * configuration gets the same (seed, r) pair, so the model derives the same
 * random streams for it: configurations compared in one experiment share common
 * random numbers, and paired differences are much tighter than differences of
 * independent runs.
 *
 * Reproducibility: results are stored by task index and every aggregate is
 * computed in a fixed order (replication order), never in completion order, so
 * the numbers — and the files written from them — are identical bit for bit
 * whatever the number of threads, the order tasks finish in, or whether some
 * results came from elsewhere (a resume journal, another MPI rank) through
 * sim_exp_deliver(). Replication results have an exact text encoding
 * (sim_rep_encode / sim_rep_decode) for that purpose.
 *
 * Memory: per-replication KPIs are kept for every task (replications.csv and the
 * paired differences need them); time series are folded into per-configuration
 * accumulators in replication order as soon as the preceding replications are
 * in, and distributions are merged at once (bucket counts add exactly), so
 * neither is kept per task.
 *
 * Ownership: sim_exp_create() copies the names and borrows the model
 * configurations, which must outlive the experiment.
 */
#ifndef SIM_EXPERIMENT_H
#define SIM_EXPERIMENT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "sim_err.h"
#include "sim_model.h"
#include "sim_stats.h"

typedef struct sim_exp_config {
    const void *config; /* the model's configuration (borrowed) */
    const char *name;   /* scenario name, UTF-8 (copied) */
    double value;       /* the swept value; NaN outside a sweep */
    double warmup;      /* warm-up, in the model's time unit (reported only) */
    const char *const *factors; /* a design's point: its factors' values as text (borrowed; NULL: none) */
} sim_exp_config;

/* Called after each finished replication, serialised (never two at once), from
 * whichever thread finished it. */
typedef void sim_progress_fn(void *ctx, size_t done, size_t total);

/* Where tasks come from and where results go when they are not simply this
 * process's own: a resume journal records each result before it counts, an MPI
 * rank takes its tasks from rank 0 and sends its results there. Every function
 * is called from the worker threads, several at once. */
typedef struct sim_exp_hooks {
    void *ctx;
    /* Sets *task to the next task to run and returns 1, or returns 0 when this
     * process has no task left (it may block until it knows). NULL: every task
     * not yet done, in increasing order. */
    int (*take)(void *ctx, size_t *task);
    /* Called with each finished result before it is delivered (or instead, with
     * forward_only). A status other than SIM_OK fails the task, with lines in err. */
    int (*finished)(void *ctx, size_t task, const sim_rep_result *res, sim_err *err);
    /* 1: results go to `finished` only and never count here (they were sent to
     * the process that aggregates them). */
    int forward_only;
} sim_exp_hooks;

typedef struct sim_exp_opts {
    uint64_t seed;
    size_t reps;      /* >= 1 */
    unsigned threads; /* >= 1; more than the number of tasks is harmless */
    sim_progress_fn *progress; /* may be NULL */
    void *progress_ctx;
    /* When non-NULL and set non-zero (e.g. by a signal handler), no new
     * replication starts; sim_exp_run() returns SIM_ERR_INTERRUPTED. */
    const atomic_int *stop;
    /* Room for sim_exp_set_reps() to grow reps to (0 or less than reps: reps). */
    size_t max_reps;
    /* Optional (NULL: no records): where a task writes its record rows. Called
     * from the worker threads, several at once. open gives the stream for a
     * task about to run; close is called after the run, with its status, before
     * the result is handed on (a journal records a task only once its records
     * are whole); a status other than SIM_OK from either fails the task. */
    const struct sim_exp_trace *trace;
} sim_exp_opts;

typedef struct sim_exp_trace {
    void *ctx;
    int (*open)(void *ctx, size_t task, FILE **out, sim_err *err);
    int (*close)(void *ctx, size_t task, FILE *f, int status, sim_err *err);
} sim_exp_trace;

typedef struct sim_exp sim_exp;

/* A mean over replications and its 95 % CI half-width (NaN with fewer than 2
 * values); n is the number of replications where the value was defined. */
typedef struct sim_exp_stat {
    double mean, ci95;
    size_t n;
} sim_exp_stat;

sim_exp *sim_exp_create(const sim_model_ops *ops, const sim_exp_config *configs,
                        size_t n_configs, const sim_exp_opts *opts, sim_err *err);
void sim_exp_destroy(sim_exp *exp);
/* Install hooks (borrowed; NULL removes them) before sim_exp_run(). */
void sim_exp_set_hooks(sim_exp *exp, const sim_exp_hooks *hooks);

/* ---- running ---- */

size_t sim_exp_tasks(const sim_exp *exp); /* n_configs * reps: the tasks that count */
/* Task indices run from 0 to n_configs * max_reps: replication r of
 * configuration c is task c * max_reps + r, whatever reps is now. */
size_t sim_exp_task_space(const sim_exp *exp);
size_t sim_exp_task_of(const sim_exp *exp, size_t c, size_t r);

/* Count replications 0 .. reps-1 of every configuration from now on (reps no
 * less than now, no more than max_reps): the next sim_exp_run() runs the ones
 * added, and results already delivered for them count at once. Sequential
 * designs (--precision) grow an experiment this way without renumbering its
 * tasks, so a journal of any stage resumes. SIM_ERR_INPUT out of range. */
int sim_exp_set_reps(sim_exp *exp, size_t reps, sim_err *err);

/* Run every task not yet done (or every task the take hook hands out), on
 * opts->threads threads. Returns SIM_OK, or the status of the failed task with
 * the lowest index (its lines in err), or SIM_ERR_INTERRUPTED. Tasks that
 * finished are kept either way. Replications already running when the stop flag
 * is raised are finished, not abandoned: their work is kept. */
int sim_exp_run(sim_exp *exp, sim_err *err);
/* The task whose failure sim_exp_run() reported (SIZE_MAX: none). */
size_t sim_exp_failed_task(const sim_exp *exp);
/* While sim_exp_run() runs, from any thread: a task has failed, so no new one
 * starts. */
int sim_exp_halted(sim_exp *exp);

/* Allocate a result shaped for task `task` (all NaN, empty sketches), to be
 * filled by the model or by sim_rep_decode(). NULL when memory is short. */
sim_rep_result *sim_exp_result_new(const sim_exp *exp, size_t task, sim_err *err);
void sim_exp_result_free(const sim_exp *exp, sim_rep_result *res);

/* Hand in the result of a task computed elsewhere (or by sim_exp_run()). Takes
 * ownership of res in every case. SIM_ERR_INPUT if the task is out of range or
 * already done. A result for a replication beyond reps waits, unmerged, until
 * sim_exp_set_reps() reaches it. Thread-safe. */
int sim_exp_deliver(sim_exp *exp, size_t task, sim_rep_result *res, sim_err *err);
int sim_exp_task_done(const sim_exp *exp, size_t task);
size_t sim_exp_tasks_done(const sim_exp *exp);
size_t sim_exp_config_done(const sim_exp *exp, size_t c); /* replications of c done */

/* After an interruption: fold the time series of every finished replication
 * (in replication order, skipping the missing ones), so the result accessors
 * describe the replications that finished. No result can be delivered after. */
void sim_exp_seal(sim_exp *exp);

/* ---- results (every task done, or the experiment sealed) ---- */

const sim_model_ops *sim_exp_ops(const sim_exp *exp);
size_t sim_exp_configs(const sim_exp *exp);
size_t sim_exp_reps(const sim_exp *exp);
uint64_t sim_exp_seed(const sim_exp *exp);
const sim_exp_config *sim_exp_config_at(const sim_exp *exp, size_t c); /* name is the copy */
uint64_t sim_exp_events(const sim_exp *exp, size_t c); /* kernel events over all replications */

/* KPI m of group g in replication r of configuration c (NaN: not defined). */
double sim_exp_value(const sim_exp *exp, size_t c, size_t r, size_t g, size_t m);
/* Mean and 95 % CI over replications. */
sim_exp_stat sim_exp_kpi(const sim_exp *exp, size_t c, size_t g, size_t m);
/* Paired difference (configuration c minus configuration 0) over the
 * replications where both are defined. Significant when the CI excludes 0. */
sim_exp_stat sim_exp_diff(const sim_exp *exp, size_t c, size_t g, size_t m);
static inline int sim_exp_significant(sim_exp_stat d)
{
    return d.n >= 2 && d.ci95 == d.ci95 && (d.mean - d.ci95 > 0.0 || d.mean + d.ci95 < 0.0);
}

/* How a paired difference of KPI m reads, by the KPI's good direction and
 * practical threshold (sim_kpi_sense): better or worse when it is significant
 * and at least the threshold; small when significant but below it, or on a KPI
 * without a direction; not significant otherwise. base: the baseline's mean.
 * The report, its differences figure and the terminal all judge through this. */
typedef enum sim_tone { SIM_TONE_NS, SIM_TONE_SMALL, SIM_TONE_BETTER, SIM_TONE_WORSE } sim_tone;
static inline sim_tone sim_exp_tone(const sim_model_desc *d, size_t m, sim_exp_stat diff, double base)
{
    if (!sim_exp_significant(diff))
        return SIM_TONE_NS;
    int v = sim_kpi_verdict(d, m, diff.mean);
    if (v == 0 || !sim_kpi_meaningful(d, m, diff.mean, base))
        return SIM_TONE_SMALL;
    return v > 0 ? SIM_TONE_BETTER : SIM_TONE_WORSE;
}
/* "ns", "small", "better", "worse": report.html's classes and data-verdict. */
static inline const char *sim_tone_name(sim_tone t)
{
    static const char *const names[] = {"ns", "small", "better", "worse"};
    return names[t];
}

/* Time series of configuration c: point i of series s as mean and 95 % CI over
 * the replications. */
size_t sim_exp_series_points(const sim_exp *exp, size_t c);
double sim_exp_series_time(const sim_exp *exp, size_t c, size_t i);
sim_exp_stat sim_exp_series(const sim_exp *exp, size_t c, size_t i, size_t s);
/* Replication r's value of series s at point i (NaN: not done, or undefined). */
double sim_exp_series_value(const sim_exp *exp, size_t c, size_t r, size_t i, size_t s);

/* Distribution d of group g of configuration c, merged over replications. */
const sim_sketch *sim_exp_dist(const sim_exp *exp, size_t c, size_t g, size_t d);

/* ---- exact encoding of one replication's result (resume journal, MPI) ---- */

/* One line of text (no newline) that sim_rep_decode() turns back into the same
 * bits: doubles are written as their 64-bit patterns in hex, sketches as
 * (bucket, count) pairs. *out is allocated with sim_malloc; free with sim_free. */
int sim_rep_encode(const sim_model_desc *desc, size_t task, const sim_rep_result *res,
                   char **out, sim_err *err);
/* Reads the task index of a line, so the caller can shape the result. */
int sim_rep_decode_task(const char *line, size_t *task, sim_err *err);
/* Fills res (shaped by sim_exp_result_new for that task) from the line. */
int sim_rep_decode(const sim_model_desc *desc, const char *line, sim_rep_result *res,
                   sim_err *err);

#endif
