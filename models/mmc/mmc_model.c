/*
 * mmc_model.c — the M/M/c queue (see mmc_model.h), its loader and its figures.
 *
 * Common random numbers: each customer's class and service time are drawn at
 * arrival, from their own streams, in arrival order. Two configurations run in
 * the same replication therefore see the same customers with the same service
 * needs, whatever the number of servers or the queue discipline, and their
 * differences come from the policy alone.
 */
#include "mmc_model.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "mmc_config.h"
#include "sim.h"
#include "sim_mem.h"
#include "sim_rng.h"

enum { RNG_ARRIVAL = 1, RNG_SERVICE = 2, RNG_CLASS = 3 };
enum { G_ALL, G_URGENT, G_ROUTINE, N_GROUPS };
enum { M_CUSTOMERS, M_WAIT, M_P90, M_WAIT_PROB, M_WITHIN, M_SOJOURN, M_UTIL, M_QUEUE, N_METRICS };
enum { S_QUEUE, S_BUSY, S_SERVED, N_SERIES };
#define N_POINTS 100

/* ---- the model ---- */

static const sim_metric_def metrics[N_METRICS] = {
    {"customers", "customers", "customers whose service started after the warm-up"},
    {"mean_wait_min", "min", "mean wait in the queue"},
    {"p90_wait_min", "min", "90th percentile of the wait (1 % relative accuracy)"},
    {"wait_prob", "share", "share of customers who had to wait (Erlang C)"},
    {"within_limit_rate", "share", "share served within wait_limit_min"},
    {"mean_sojourn_min", "min", "mean wait plus service"},
    {"utilization", "share", "time-average share of busy servers (whole system only)"},
    {"mean_queue", "customers", "time-average number waiting (whole system only)"},
};
static const char *const groups[N_GROUPS] = {"all", "urgent", "routine"};
static const sim_metric_def series[N_SERIES] = {
    {"queue", "customers", "mean number waiting in the interval"},
    {"busy", "servers", "mean number of busy servers in the interval"},
    {"served", "customers", "customers whose service started since time 0"},
};
static const sim_metric_def dists[] = {{"wait_min", "min", "wait in the queue"}};

/* --trace: one row per customer whose service started (simmer's get_mon_arrivals()). */
static const char trace_columns[] = "customer,class,arrival_h,start_h,end_h,wait_min,counted";

/* Waits and queues are better short; a twentieth of the baseline matters,
 * a point of a share. */
static const sim_kpi_sense sense[N_METRICS] = {
    [M_WAIT] = {-1, 1, 0.05}, [M_P90] = {-1, 1, 0.05}, [M_WAIT_PROB] = {-1, 0, 0.01},
    [M_WITHIN] = {+1, 0, 0.01}, [M_SOJOURN] = {-1, 1, 0.05}, [M_QUEUE] = {-1, 1, 0.05},
};

static const sim_model_desc desc = {
    N_METRICS, metrics, N_GROUPS, groups, N_SERIES, series, 1, dists, 0.01, 0.01, 1e6, trace_columns, sense,
};

typedef struct cust {
    double arrival, service;
    int urgent;
    uint64_t id; /* arrival order, from 1 */
} cust;

typedef struct ring {
    cust *v;
    size_t head, len, cap;
} ring;

typedef struct mmc_run {
    const mmc_config *cfg;
    sim_rep_result *out;
    gsl_rng *r_arr, *r_srv, *r_cls;
    unsigned busy;
    ring q[2]; /* q[0] everyone (FIFO) or the urgent, q[1] the routine */
    sim_timeavg st_busy, st_queue;  /* reset at the warm-up */
    sim_timeavg ts_busy, ts_queue;  /* never reset: the series cover the warm-up too */
    sim_tally wait[N_GROUPS], sojourn[N_GROUPS];
    uint64_t waited[N_GROUPS], within[N_GROUPS];
    size_t point;
    double last_t, last_busy, last_queue;
    uint64_t served_total, arrived;
    int counting; /* past the warm-up: the KPIs count what starts now */
} mmc_run;

static int ring_push(ring *r, cust c)
{
    if (r->len == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 64;
        cust *v = sim_reallocarray(NULL, ncap, sizeof *v);
        if (v == NULL)
            return SIM_ERR_RUNTIME;
        for (size_t i = 0; i < r->len; i++)
            v[i] = r->v[(r->head + i) % r->cap];
        sim_free(r->v);
        r->v = v;
        r->head = 0;
        r->cap = ncap;
    }
    r->v[(r->head + r->len) % r->cap] = c;
    r->len++;
    return SIM_OK;
}

static cust ring_pop(ring *r)
{
    cust c = r->v[r->head];
    r->head = (r->head + 1) % r->cap;
    r->len--;
    return c;
}

static size_t queued(const mmc_run *m) { return m->q[0].len + m->q[1].len; }

static void on_departure(sim_t *sim, void *target, sim_payload p);

static void start_service(sim_t *sim, mmc_run *m, cust c)
{
    double now = sim_now(sim);
    double wait_min = (now - c.arrival) * 60.0;
    int g = c.urgent ? G_URGENT : G_ROUTINE;
    for (int k = 0; k < 2; k++) {
        int gi = k == 0 ? G_ALL : g;
        sim_tally_add(&m->wait[gi], wait_min);
        sim_tally_add(&m->sojourn[gi], wait_min + c.service * 60.0);
        m->waited[gi] += now > c.arrival;
        m->within[gi] += wait_min <= m->cfg->wait_limit_min;
        sim_sketch_add(m->out->dists[gi], wait_min);
    }
    if (m->out->trace != NULL)
        fprintf(m->out->trace, "%llu,%s,%.6f,%.6f,%.6f,%.6f,%d\n", (unsigned long long)c.id,
                groups[c.urgent ? G_URGENT : G_ROUTINE], c.arrival, now, now + c.service, wait_min, m->counting);
    m->busy++;
    m->served_total++;
    sim_timeavg_set(&m->st_busy, now, m->busy);
    sim_timeavg_set(&m->ts_busy, now, m->busy);
    sim_schedule_in(sim, c.service, on_departure, m, sim_payload_none());
}

static void queue_changed(mmc_run *m, double now)
{
    sim_timeavg_set(&m->st_queue, now, (double)queued(m));
    sim_timeavg_set(&m->ts_queue, now, (double)queued(m));
}

static void on_departure(sim_t *sim, void *target, sim_payload p)
{
    (void)p;
    mmc_run *m = target;
    m->busy--;
    sim_timeavg_set(&m->st_busy, sim_now(sim), m->busy);
    sim_timeavg_set(&m->ts_busy, sim_now(sim), m->busy);
    ring *q = m->q[0].len > 0 ? &m->q[0] : &m->q[1];
    if (q->len > 0) {
        cust c = ring_pop(q);
        queue_changed(m, sim_now(sim));
        start_service(sim, m, c);
    }
}

static void on_arrival(sim_t *sim, void *target, sim_payload p)
{
    (void)p;
    mmc_run *m = target;
    const mmc_config *cfg = m->cfg;
    cust c = {sim_now(sim), gsl_ran_exponential(m->r_srv, 1.0 / cfg->mu),
              gsl_rng_uniform(m->r_cls) < cfg->urgent_share, ++m->arrived};
    sim_schedule_in(sim, gsl_ran_exponential(m->r_arr, 1.0 / cfg->lambda), on_arrival, m,
                    sim_payload_none());
    if (m->busy < (unsigned)cfg->servers) {
        start_service(sim, m, c);
        return;
    }
    ring *q = cfg->priority == MMC_PRIO_URGENT_FIRST && !c.urgent ? &m->q[1] : &m->q[0];
    if (ring_push(q, c) != SIM_OK) {
        sim_fail(sim, SIM_ERR_RUNTIME, "out of memory: %zu customers waiting", queued(m));
        return;
    }
    queue_changed(m, sim_now(sim));
}

static double point_time_h(const mmc_config *cfg, size_t i)
{
    return cfg->horizon * (double)(i + 1) / N_POINTS;
}

static void on_sample(sim_t *sim, void *target, sim_payload p)
{
    (void)p;
    mmc_run *m = target;
    double now = sim_now(sim), dt = now - m->last_t;
    double busy = sim_timeavg_area(&m->ts_busy, now), queue = sim_timeavg_area(&m->ts_queue, now);
    double *row = &m->out->series[m->point * N_SERIES];
    row[S_QUEUE] = dt > 0 ? (queue - m->last_queue) / dt : (double)queued(m);
    row[S_BUSY] = dt > 0 ? (busy - m->last_busy) / dt : (double)m->busy;
    row[S_SERVED] = (double)m->served_total;
    m->last_t = now;
    m->last_busy = busy;
    m->last_queue = queue;
    if (++m->point < N_POINTS)
        sim_schedule(sim, point_time_h(m->cfg, m->point), on_sample, m, sim_payload_none());
}

static void on_warmup(sim_t *sim, void *ctx)
{
    mmc_run *m = ctx;
    m->counting = 1;
    sim_timeavg_reset(&m->st_busy, sim_now(sim));
    sim_timeavg_reset(&m->st_queue, sim_now(sim));
    for (int g = 0; g < N_GROUPS; g++) {
        sim_tally_reset(&m->wait[g]);
        sim_tally_reset(&m->sojourn[g]);
        m->waited[g] = m->within[g] = 0;
        sim_sketch_reset(m->out->dists[g]);
    }
}

static void report(const mmc_run *m, double now)
{
    for (int g = 0; g < N_GROUPS; g++) {
        double *row = &m->out->metrics[g * N_METRICS];
        double n = (double)m->wait[g].n;
        row[M_CUSTOMERS] = n;
        if (n > 0) {
            row[M_WAIT] = sim_tally_mean(&m->wait[g]);
            row[M_P90] = sim_sketch_quantile(m->out->dists[g], 0.9);
            row[M_WAIT_PROB] = (double)m->waited[g] / n;
            row[M_WITHIN] = (double)m->within[g] / n;
            row[M_SOJOURN] = sim_tally_mean(&m->sojourn[g]);
        }
    }
    m->out->metrics[M_UTIL] = sim_timeavg_mean(&m->st_busy, now) / m->cfg->servers;
    m->out->metrics[M_QUEUE] = sim_timeavg_mean(&m->st_queue, now);
}

static int mmc_run_rep(const void *config, uint64_t seed, uint64_t rep, sim_rep_result *out,
                       sim_err *err)
{
    const mmc_config *cfg = config;
    mmc_run m = {.cfg = cfg, .out = out, .counting = !(cfg->warmup > 0.0)};
    for (int g = 0; g < N_GROUPS; g++) {
        sim_tally_reset(&m.wait[g]);
        sim_tally_reset(&m.sojourn[g]);
    }
    sim_timeavg_init(&m.st_busy, 0, 0);
    sim_timeavg_init(&m.st_queue, 0, 0);
    sim_timeavg_init(&m.ts_busy, 0, 0);
    sim_timeavg_init(&m.ts_queue, 0, 0);
    int rc = SIM_ERR_RUNTIME;
    sim_t *sim = sim_create((size_t)cfg->servers + 16, err);
    if (sim == NULL)
        goto out;
    sim_set_context(sim, seed, rep);
    m.r_arr = sim_rng_create(seed, rep, RNG_ARRIVAL, err);
    m.r_srv = sim_rng_create(seed, rep, RNG_SERVICE, err);
    m.r_cls = sim_rng_create(seed, rep, RNG_CLASS, err);
    if (m.r_arr == NULL || m.r_srv == NULL || m.r_cls == NULL)
        goto out;
    /* Expected events are about twice the arrivals; far more means a runaway. */
    sim_set_event_limit(sim, (uint64_t)(10.0 * cfg->lambda * cfg->horizon) + 1000000);
    if (sim_add_reset_hook(sim, on_warmup, &m) != SIM_OK || sim_set_warmup(sim, cfg->warmup) != SIM_OK ||
        sim_schedule(sim, gsl_ran_exponential(m.r_arr, 1.0 / cfg->lambda), on_arrival, &m,
                     sim_payload_none()) == SIM_NO_EVENT ||
        sim_schedule(sim, point_time_h(cfg, 0), on_sample, &m, sim_payload_none()) == SIM_NO_EVENT) {
        rc = sim_err_append(err, SIM_ERR_RUNTIME, "", sim_error(sim));
        goto out;
    }
    rc = sim_run_until(sim, cfg->horizon);
    if (rc != SIM_OK) {
        const char *t = sim_err_text(sim_error(sim));
        sim_err_add(err, rc, "%.*s", (int)strcspn(t, "\n"), t);
        goto out;
    }
    report(&m, cfg->horizon);
    out->events = sim_events_executed(sim);
out:
    sim_rng_destroy(m.r_arr);
    sim_rng_destroy(m.r_srv);
    sim_rng_destroy(m.r_cls);
    sim_free(m.q[0].v);
    sim_free(m.q[1].v);
    sim_destroy(sim);
    return rc;
}

static size_t mmc_points(const void *config)
{
    (void)config;
    return N_POINTS;
}

static double mmc_time(const void *config, size_t i)
{
    return point_time_h(config, i) / 24.0;
}

const sim_model_ops mmc_ops = {.desc = &desc, .series_points = mmc_points, .series_time = mmc_time, .run = mmc_run_rep};
