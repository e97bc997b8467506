/*
 * sim_experiment.c — the experiment runner: tasks over threads, results by task
 * index, aggregates in replication order.
 *
 * Threads take task indices in increasing order from a shared counter. A failed
 * task stops the hand-out; because every task below a failing one was handed
 * out before it, the lowest failing index (whose message is reported) does not
 * depend on timing.
 */
#include "sim_experiment.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "sim_assert.h"
#include "sim_mem.h"

typedef struct exp_conf {
    sim_exp_config c; /* name points to a copy */
    size_t n_points;
    double *times;       /* n_points, from the model */
    sim_tally *series;   /* n_points * n_series, folded in replication order */
    sim_sketch **dists;  /* n_groups * n_dists, merged over replications */
    double **rep_series; /* per replication: its series (n_points * n_series), kept after folding for the long files */
    size_t next_fold;    /* next replication to fold */
    size_t n_done;       /* replications delivered */
    uint64_t events;
} exp_conf;

struct sim_exp {
    const sim_model_ops *ops;
    const sim_model_desc *desc;
    /* Replication r of configuration c is task c * stride + r: the index does not
     * change when sim_exp_set_reps() raises reps towards stride. */
    size_t n_configs, reps, stride;
    size_t n_tasks; /* n_configs * reps: the tasks that count */
    size_t n_space; /* n_configs * stride: every task index */
    size_t n_cells; /* n_groups * n_metrics */
    sim_exp_opts opts;
    const sim_exp_hooks *hooks;
    exp_conf *confs;
    double *metrics;     /* n_space * n_cells */
    unsigned char *done; /* n_space */
    size_t n_done;       /* tasks done, all of them below reps */
    /* Results delivered for replications beyond reps (a resumed --precision
     * run's journal holds later stages): kept whole until reps reaches them,
     * so that nothing merged describes replications the files leave out. */
    sim_rep_result **pending; /* n_space */
    int sealed;          /* sim_exp_seal() was called: no more deliveries */
    pthread_mutex_t lock;
    /* state of one sim_exp_run() */
    size_t next_task;
    int halt;
    size_t fail_task;
    sim_err fail_err;
};

/* Names become JSON keys and CSV columns: keep them plain identifiers. */
static int plain_name(const char *s)
{
    if (s == NULL || *s == '\0')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static void check_desc(const sim_model_desc *d)
{
    SIM_CHECK(d->n_groups >= 1 && strcmp(d->groups[0], "all") == 0);
    for (size_t i = 0; i < d->n_groups; i++)
        SIM_CHECK(plain_name(d->groups[i]));
    for (size_t i = 0; i < d->n_metrics; i++)
        SIM_CHECK(plain_name(d->metrics[i].name));
    for (size_t i = 0; i < d->n_series; i++)
        SIM_CHECK(plain_name(d->series[i].name));
    for (size_t i = 0; i < d->n_dists; i++)
        SIM_CHECK(plain_name(d->dists[i].name));
}

static void conf_free(const sim_exp *exp, exp_conf *cf)
{
    sim_free((char *)cf->c.name);
    sim_free(cf->times);
    sim_free(cf->series);
    if (cf->dists != NULL)
        for (size_t i = 0; i < exp->desc->n_groups * exp->desc->n_dists; i++)
            sim_sketch_destroy(cf->dists[i]);
    sim_free(cf->dists);
    if (cf->rep_series != NULL)
        for (size_t r = 0; r < exp->stride; r++)
            sim_free(cf->rep_series[r]);
    sim_free(cf->rep_series);
}

static int conf_init(sim_exp *exp, exp_conf *cf, const sim_exp_config *src, sim_err *err)
{
    const sim_model_desc *d = exp->desc;
    cf->c = *src;
    cf->c.name = sim_strdup(src->name != NULL ? src->name : "");
    cf->n_points = exp->ops->series_points(src->config);
    size_t n_d = d->n_groups * d->n_dists;
    cf->times = sim_calloc(cf->n_points, sizeof *cf->times);
    cf->series = sim_calloc(cf->n_points * d->n_series, sizeof *cf->series);
    cf->dists = sim_calloc(n_d, sizeof *cf->dists);
    cf->rep_series = sim_calloc(exp->stride, sizeof *cf->rep_series);
    if (cf->c.name == NULL || cf->times == NULL || cf->series == NULL || cf->dists == NULL ||
        cf->rep_series == NULL)
        return sim_err_nomem(err, "setting up an experiment");
    for (size_t i = 0; i < cf->n_points; i++)
        cf->times[i] = exp->ops->series_time(src->config, i);
    for (size_t i = 0; i < cf->n_points * d->n_series; i++)
        sim_tally_reset(&cf->series[i]);
    for (size_t i = 0; i < n_d; i++) {
        cf->dists[i] = sim_sketch_create(d->dist_accuracy, d->dist_lo, d->dist_hi, err);
        if (cf->dists[i] == NULL)
            return sim_err_failed(err) ? err->status : SIM_ERR_RUNTIME;
    }
    return SIM_OK;
}

sim_exp *sim_exp_create(const sim_model_ops *ops, const sim_exp_config *configs,
                        size_t n_configs, const sim_exp_opts *opts, sim_err *err)
{
    SIM_CHECK(ops != NULL && ops->desc != NULL && n_configs >= 1 && opts->reps >= 1);
    check_desc(ops->desc);
    size_t stride = opts->max_reps > opts->reps ? opts->max_reps : opts->reps;
    if (stride > SIZE_MAX / n_configs / (ops->desc->n_groups * ops->desc->n_metrics + 1) / sizeof(double)) {
        sim_err_add(err, SIM_ERR_INPUT, "experiment too large: %zu configurations x %zu replications",
                    n_configs, stride);
        return NULL;
    }
    sim_exp *exp = sim_calloc(1, sizeof *exp);
    if (exp == NULL) {
        sim_err_nomem(err, "setting up an experiment");
        return NULL;
    }
    exp->ops = ops;
    exp->desc = ops->desc;
    exp->n_configs = n_configs;
    exp->reps = opts->reps;
    exp->stride = stride;
    exp->n_tasks = n_configs * opts->reps;
    exp->n_space = n_configs * stride;
    exp->n_cells = exp->desc->n_groups * exp->desc->n_metrics;
    exp->opts = *opts;
    exp->fail_task = SIZE_MAX;
    if (exp->opts.threads < 1)
        exp->opts.threads = 1;
    if (pthread_mutex_init(&exp->lock, NULL) != 0) {
        sim_free(exp);
        sim_err_add(err, SIM_ERR_RUNTIME, "cannot create a mutex");
        return NULL;
    }
    exp->confs = sim_calloc(n_configs, sizeof *exp->confs);
    exp->metrics = sim_malloc(exp->n_space * (exp->n_cells ? exp->n_cells : 1) * sizeof(double));
    exp->done = sim_calloc(exp->n_space, 1);
    exp->pending = sim_calloc(exp->n_space, sizeof *exp->pending);
    if (exp->confs == NULL || exp->metrics == NULL || exp->done == NULL || exp->pending == NULL) {
        sim_err_nomem(err, "setting up an experiment");
        sim_exp_destroy(exp);
        return NULL;
    }
    for (size_t i = 0; i < exp->n_space * exp->n_cells; i++)
        exp->metrics[i] = NAN;
    for (size_t c = 0; c < n_configs; c++) {
        if (conf_init(exp, &exp->confs[c], &configs[c], err) != SIM_OK) {
            sim_exp_destroy(exp);
            return NULL;
        }
    }
    return exp;
}

void sim_exp_destroy(sim_exp *exp)
{
    if (exp == NULL)
        return;
    if (exp->confs != NULL)
        for (size_t c = 0; c < exp->n_configs; c++)
            conf_free(exp, &exp->confs[c]);
    sim_free(exp->confs);
    sim_free(exp->metrics);
    sim_free(exp->done);
    for (size_t t = 0; exp->pending != NULL && t < exp->n_space; t++)
        sim_exp_result_free(exp, exp->pending[t]);
    sim_free(exp->pending);
    pthread_mutex_destroy(&exp->lock);
    sim_free(exp);
}

size_t sim_exp_tasks(const sim_exp *exp) { return exp->n_tasks; }
size_t sim_exp_task_space(const sim_exp *exp) { return exp->n_space; }
size_t sim_exp_task_of(const sim_exp *exp, size_t c, size_t r)
{
    SIM_CHECK(c < exp->n_configs && r < exp->stride);
    return c * exp->stride + r;
}

void sim_exp_set_hooks(sim_exp *exp, const sim_exp_hooks *hooks) { exp->hooks = hooks; }

/* ---- replication results ---- */

sim_rep_result *sim_exp_result_new(const sim_exp *exp, size_t task, sim_err *err)
{
    SIM_CHECK(task < exp->n_space);
    const sim_model_desc *d = exp->desc;
    const exp_conf *cf = &exp->confs[task / exp->stride];
    sim_rep_result *res = sim_calloc(1, sizeof *res);
    if (res == NULL) {
        sim_err_nomem(err, "allocating a replication's results");
        return NULL;
    }
    size_t n_s = cf->n_points * d->n_series, n_d = d->n_groups * d->n_dists;
    res->n_points = cf->n_points;
    res->metrics = sim_malloc((exp->n_cells ? exp->n_cells : 1) * sizeof *res->metrics);
    res->series = sim_malloc((n_s ? n_s : 1) * sizeof *res->series);
    res->dists = sim_calloc(n_d, sizeof *res->dists);
    if (res->metrics == NULL || res->series == NULL || res->dists == NULL) {
        sim_exp_result_free(exp, res);
        sim_err_nomem(err, "allocating a replication's results");
        return NULL;
    }
    for (size_t i = 0; i < exp->n_cells; i++)
        res->metrics[i] = NAN;
    for (size_t i = 0; i < n_s; i++)
        res->series[i] = NAN;
    for (size_t i = 0; i < n_d; i++) {
        res->dists[i] = sim_sketch_create(d->dist_accuracy, d->dist_lo, d->dist_hi, err);
        if (res->dists[i] == NULL) {
            sim_exp_result_free(exp, res);
            return NULL;
        }
    }
    return res;
}

void sim_exp_result_free(const sim_exp *exp, sim_rep_result *res)
{
    if (res == NULL)
        return;
    if (res->dists != NULL)
        for (size_t i = 0; i < exp->desc->n_groups * exp->desc->n_dists; i++)
            sim_sketch_destroy(res->dists[i]);
    sim_free(res->dists);
    sim_free(res->series);
    sim_free(res->metrics);
    sim_free(res);
}

/* Fold the series of replications whose predecessors are all in. Lock held. */
static void fold_ready(sim_exp *exp, size_t c)
{
    exp_conf *cf = &exp->confs[c];
    size_t n = cf->n_points * exp->desc->n_series;
    while (cf->next_fold < exp->reps && exp->done[c * exp->stride + cf->next_fold]) {
        const double *s = cf->rep_series[cf->next_fold];
        for (size_t i = 0; i < n && s != NULL; i++)
            if (!isnan(s[i]))
                sim_tally_add(&cf->series[i], s[i]);
        cf->next_fold++;
    }
}

/* A checked result counts: merged, stored, folded. Lock held; takes res. */
static void absorb(sim_exp *exp, size_t task, sim_rep_result *res)
{
    size_t c = task / exp->stride, r = task % exp->stride;
    exp_conf *cf = &exp->confs[c];
    size_t n_d = exp->desc->n_groups * exp->desc->n_dists;
    for (size_t i = 0; i < n_d; i++)
        (void)sim_sketch_merge(cf->dists[i], res->dists[i]);
    if (exp->n_cells > 0)
        memcpy(&exp->metrics[task * exp->n_cells], res->metrics, exp->n_cells * sizeof(double));
    cf->events += res->events;
    cf->rep_series[r] = res->series;
    res->series = NULL;
    exp->done[task] = 1;
    exp->n_done++;
    cf->n_done++;
    fold_ready(exp, c);
    if (exp->opts.progress != NULL)
        exp->opts.progress(exp->opts.progress_ctx, exp->n_done, exp->n_tasks);
    sim_exp_result_free(exp, res);
}

int sim_exp_deliver(sim_exp *exp, size_t task, sim_rep_result *res, sim_err *err)
{
    int rc = SIM_OK;
    pthread_mutex_lock(&exp->lock);
    if (task >= exp->n_space || exp->done[task] || exp->pending[task] != NULL || exp->sealed) {
        rc = sim_err_add(err, SIM_ERR_INPUT, "replication result for task %zu: %s", task,
                         task >= exp->n_space ? "no such task"
                         : exp->sealed        ? "the experiment is sealed"
                                              : "already done");
        goto out;
    }
    const exp_conf *cf = &exp->confs[task / exp->stride];
    if (res->n_points != cf->n_points) {
        rc = sim_err_add(err, SIM_ERR_INPUT, "replication result for task %zu: %zu series points, expected %zu",
                         task, res->n_points, cf->n_points);
        goto out;
    }
    size_t n_d = exp->desc->n_groups * exp->desc->n_dists;
    for (size_t i = 0; i < n_d; i++) {
        /* Checked before merging anything, so a bad result leaves no trace. */
        if (sim_sketch_buckets(res->dists[i]) != sim_sketch_buckets(cf->dists[i])) {
            rc = sim_err_add(err, SIM_ERR_INPUT, "replication result for task %zu: distribution shape differs", task);
            goto out;
        }
    }
    if (task % exp->stride < exp->reps)
        absorb(exp, task, res);
    else
        exp->pending[task] = res;
    res = NULL;
out:
    pthread_mutex_unlock(&exp->lock);
    sim_exp_result_free(exp, res);
    return rc;
}

int sim_exp_set_reps(sim_exp *exp, size_t reps, sim_err *err)
{
    pthread_mutex_lock(&exp->lock);
    if (reps < exp->reps || reps > exp->stride || exp->sealed) {
        size_t was = exp->reps;
        int sealed = exp->sealed;
        pthread_mutex_unlock(&exp->lock);
        return sim_err_add(err, SIM_ERR_INPUT, "cannot run %zu replications: %s", reps,
                           sealed ? "the experiment is sealed" : reps < was ? "fewer than already counted"
                                                                             : "more than it has room for");
    }
    size_t was = exp->reps;
    exp->reps = reps;
    exp->n_tasks = exp->n_configs * reps;
    /* Results that waited for this stage count now, in replication order. */
    for (size_t c = 0; c < exp->n_configs; c++)
        for (size_t r = was; r < reps; r++) {
            size_t t = c * exp->stride + r;
            if (exp->pending[t] != NULL) {
                sim_rep_result *res = exp->pending[t];
                exp->pending[t] = NULL;
                absorb(exp, t, res);
            }
        }
    pthread_mutex_unlock(&exp->lock);
    return SIM_OK;
}

int sim_exp_task_done(const sim_exp *exp, size_t task)
{
    return task < exp->n_space && exp->done[task];
}

size_t sim_exp_tasks_done(const sim_exp *exp) { return exp->n_done; }

size_t sim_exp_config_done(const sim_exp *exp, size_t c)
{
    SIM_CHECK(c < exp->n_configs);
    return exp->confs[c].n_done;
}

void sim_exp_seal(sim_exp *exp)
{
    pthread_mutex_lock(&exp->lock);
    exp->sealed = 1;
    for (size_t c = 0; c < exp->n_configs; c++) {
        exp_conf *cf = &exp->confs[c];
        size_t n = cf->n_points * exp->desc->n_series;
        for (size_t r = cf->next_fold; r < exp->reps; r++) {
            const double *s = cf->rep_series[r];
            for (size_t i = 0; i < n && s != NULL; i++)
                if (!isnan(s[i]))
                    sim_tally_add(&cf->series[i], s[i]);
        }
        cf->next_fold = exp->reps;
    }
    pthread_mutex_unlock(&exp->lock);
}

/* ---- running ---- */

static int stop_requested(const sim_exp *exp)
{
    return exp->opts.stop != NULL && atomic_load(exp->opts.stop) != 0;
}

/* Next task to run, or n_space when there is none (or the run halts). */
static size_t take_task(sim_exp *exp)
{
    const sim_exp_hooks *h = exp->hooks;
    pthread_mutex_lock(&exp->lock);
    size_t t = exp->n_space;
    int go = !exp->halt && !stop_requested(exp);
    if (go && (h == NULL || h->take == NULL)) {
        /* Replications beyond reps wait for sim_exp_set_reps(). */
        while (exp->next_task < exp->n_space &&
               (exp->done[exp->next_task] || exp->next_task % exp->stride >= exp->reps))
            exp->next_task++;
        if (exp->next_task < exp->n_space)
            t = exp->next_task++;
    }
    pthread_mutex_unlock(&exp->lock);
    /* Outside the lock: the hook may wait for another process. */
    if (go && h != NULL && h->take != NULL) {
        size_t k;
        if (h->take(h->ctx, &k)) {
            SIM_CHECK(k < exp->n_space);
            t = k;
        }
    }
    return t;
}

static void record_failure(sim_exp *exp, size_t task, const sim_err *e)
{
    pthread_mutex_lock(&exp->lock);
    exp->halt = 1;
    if (task < exp->fail_task) {
        exp->fail_task = task;
        exp->fail_err = *e;
    }
    pthread_mutex_unlock(&exp->lock);
}

/* One replication, with its record stream when records are asked for. */
static int run_task(sim_exp *exp, size_t t, sim_rep_result *res, sim_err *e)
{
    const sim_exp_trace *tr = exp->opts.trace;
    if (tr != NULL && tr->open(tr->ctx, t, &res->trace, e) != SIM_OK)
        return sim_err_failed(e) ? e->status : SIM_ERR_RUNTIME;
    int rc = exp->ops->run(exp->confs[t / exp->stride].c.config, exp->opts.seed, (uint64_t)(t % exp->stride), res, e);
    if (tr != NULL) {
        int crc = tr->close(tr->ctx, t, res->trace, rc, e);
        res->trace = NULL;
        if (rc == SIM_OK)
            rc = crc;
    }
    return rc;
}

static void *worker(void *arg)
{
    sim_exp *exp = arg;
    const sim_exp_hooks *h = exp->hooks;
    sim_err e;
    for (size_t t; (t = take_task(exp)) < exp->n_space;) {
        sim_err_init(&e);
        sim_rep_result *res = sim_exp_result_new(exp, t, &e);
        int rc = res == NULL ? (sim_err_failed(&e) ? e.status : SIM_ERR_RUNTIME) : run_task(exp, t, res, &e);
        if (rc == SIM_OK && h != NULL && h->finished != NULL)
            rc = h->finished(h->ctx, t, res, &e);
        if (rc == SIM_OK && (h == NULL || !h->forward_only))
            rc = sim_exp_deliver(exp, t, res, &e);
        else
            sim_exp_result_free(exp, res);
        if (rc != SIM_OK) {
            if (!sim_err_failed(&e))
                sim_err_add(&e, rc, "replication %zu failed", (size_t)(t % exp->stride) + 1);
            record_failure(exp, t, &e);
        }
    }
    return NULL;
}

int sim_exp_run(sim_exp *exp, sim_err *err)
{
    /* Under the lock: another thread may be asking sim_exp_halted(). */
    pthread_mutex_lock(&exp->lock);
    exp->next_task = 0;
    exp->halt = 0;
    exp->fail_task = SIZE_MAX;
    sim_err_init(&exp->fail_err);
    size_t todo = exp->n_tasks - exp->n_done, n_extra = exp->opts.threads - 1;
    pthread_mutex_unlock(&exp->lock);
    if (n_extra + 1 > todo) /* a thread per task left is the most that can help */
        n_extra = todo > 0 ? todo - 1 : 0;
    pthread_t *tids = NULL;
    size_t started = 0;
    if (n_extra > 0) {
        tids = sim_calloc(n_extra, sizeof *tids);
        if (tids == NULL)
            return sim_err_nomem(err, "starting worker threads");
    }
    /* Fewer threads than asked for only slows the run down; results do not change. */
    while (started < n_extra && pthread_create(&tids[started], NULL, worker, exp) == 0)
        started++;
    worker(exp);
    for (size_t i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    sim_free(tids);
    if (exp->fail_task != SIZE_MAX) {
        const exp_conf *cf = &exp->confs[exp->fail_task / exp->stride];
        size_t rep = exp->fail_task % exp->stride + 1;
        char prefix[256];
        snprintf(prefix, sizeof prefix, "scenario \"%s\", replication %zu: ", cf->c.name, rep);
        return sim_err_append(err, exp->fail_err.status, prefix, &exp->fail_err);
    }
    pthread_mutex_lock(&exp->lock); /* results may still arrive from elsewhere */
    size_t done = exp->n_done;
    pthread_mutex_unlock(&exp->lock);
    if (stop_requested(exp) && done < exp->n_tasks)
        return SIM_ERR_INTERRUPTED;
    /* With a take hook, the tasks left belong to other processes. */
    if (done < exp->n_tasks && (exp->hooks == NULL || exp->hooks->take == NULL))
        return sim_err_add(err, SIM_ERR_RUNTIME, "%zu replications did not run", exp->n_tasks - done);
    return SIM_OK;
}

size_t sim_exp_failed_task(const sim_exp *exp) { return exp->fail_task; }

int sim_exp_halted(sim_exp *exp)
{
    pthread_mutex_lock(&exp->lock);
    int h = exp->halt;
    pthread_mutex_unlock(&exp->lock);
    return h;
}

/* ---- results ---- */

const sim_model_ops *sim_exp_ops(const sim_exp *exp) { return exp->ops; }
size_t sim_exp_configs(const sim_exp *exp) { return exp->n_configs; }
size_t sim_exp_reps(const sim_exp *exp) { return exp->reps; }
uint64_t sim_exp_seed(const sim_exp *exp) { return exp->opts.seed; }

const sim_exp_config *sim_exp_config_at(const sim_exp *exp, size_t c)
{
    SIM_CHECK(c < exp->n_configs);
    return &exp->confs[c].c;
}

uint64_t sim_exp_events(const sim_exp *exp, size_t c)
{
    SIM_CHECK(c < exp->n_configs);
    return exp->confs[c].events;
}

static size_t cell(const sim_exp *exp, size_t c, size_t r, size_t g, size_t m)
{
    SIM_CHECK(c < exp->n_configs && r < exp->reps && g < exp->desc->n_groups &&
              m < exp->desc->n_metrics);
    return (c * exp->stride + r) * exp->n_cells + g * exp->desc->n_metrics + m;
}

double sim_exp_value(const sim_exp *exp, size_t c, size_t r, size_t g, size_t m)
{
    return exp->metrics[cell(exp, c, r, g, m)];
}

/* The same formula as sim_ci95, from a tally filled in replication order. */
static sim_exp_stat stat_of(const sim_tally *t)
{
    sim_exp_stat s = {sim_tally_mean(t), NAN, (size_t)t->n};
    if (t->n >= 2)
        s.ci95 = gsl_cdf_tdist_Pinv(0.975, (double)(t->n - 1)) *
                 sqrt(sim_tally_var(t) / (double)t->n);
    return s;
}

sim_exp_stat sim_exp_kpi(const sim_exp *exp, size_t c, size_t g, size_t m)
{
    sim_exp_stat s;
    s.n = sim_ci95(&exp->metrics[cell(exp, c, 0, g, m)], exp->reps, exp->n_cells, &s.mean,
                   &s.ci95);
    return s;
}

sim_exp_stat sim_exp_diff(const sim_exp *exp, size_t c, size_t g, size_t m)
{
    sim_tally t;
    sim_tally_reset(&t);
    for (size_t r = 0; r < exp->reps; r++) {
        double d = sim_exp_value(exp, c, r, g, m) - sim_exp_value(exp, 0, r, g, m);
        if (!isnan(d))
            sim_tally_add(&t, d);
    }
    return stat_of(&t);
}

size_t sim_exp_series_points(const sim_exp *exp, size_t c)
{
    SIM_CHECK(c < exp->n_configs);
    return exp->confs[c].n_points;
}

double sim_exp_series_time(const sim_exp *exp, size_t c, size_t i)
{
    SIM_CHECK(c < exp->n_configs && i < exp->confs[c].n_points);
    return exp->confs[c].times[i];
}

double sim_exp_series_value(const sim_exp *exp, size_t c, size_t r, size_t i, size_t s)
{
    SIM_CHECK(c < exp->n_configs && r < exp->reps && i < exp->confs[c].n_points && s < exp->desc->n_series);
    const double *v = exp->confs[c].rep_series[r];
    return v != NULL ? v[i * exp->desc->n_series + s] : NAN;
}

sim_exp_stat sim_exp_series(const sim_exp *exp, size_t c, size_t i, size_t s)
{
    SIM_CHECK(c < exp->n_configs && i < exp->confs[c].n_points && s < exp->desc->n_series);
    return stat_of(&exp->confs[c].series[i * exp->desc->n_series + s]);
}

const sim_sketch *sim_exp_dist(const sim_exp *exp, size_t c, size_t g, size_t d)
{
    SIM_CHECK(c < exp->n_configs && g < exp->desc->n_groups && d < exp->desc->n_dists);
    return exp->confs[c].dists[g * exp->desc->n_dists + d];
}
