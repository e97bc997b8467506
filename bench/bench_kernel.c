/*
 * bench_kernel — kernel throughput, printed as "key: value" lines.
 *
 *   bench_kernel mmc [CUSTOMERS]   M/M/c (c = 10, lambda = 9/h, mu = 1/h) on the
 *                                  kernel + sim_resource + GSL MT19937
 *   bench_kernel hold [HOLDS [SIZE]]  the hold model at 16, 10^3, 10^5 and 10^6
 *                                  pending events, on the kernel and on a plain
 *                                  binary heap of 40-byte events (the baseline);
 *                                  each hold pops the earliest event and
 *                                  schedules one at now + Exp(1)
 *
 * Each mode is meant to run in its own process so that the peak RSS printed for
 * the M/M/c is that workload's. Events are counted as the kernel counts them:
 * one per handler call (for the M/M/c: one arrival and one departure per
 * customer, so events = 2 x customers).
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "sim.h"
#include "sim_mem.h"
#include "sim_resource.h"
#include "sim_rng.h"

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* KiB on Linux */
}

static void die(const char *what)
{
    fprintf(stderr, "bench_kernel: %s\n", what);
    exit(1);
}

/* ---- M/M/c ---- */

typedef struct cust {
    sim_job job;
    struct cust *next_free;
} cust;

typedef struct block {
    struct block *next;
    cust c[1024];
} block;

typedef struct mmc {
    sim_resource *res;
    gsl_rng *arr, *srv;
    double mean_interarrival, mean_service;
    uint64_t to_arrive;
    cust *free;
    block *blocks;
} mmc;

#define CUST(j) ((cust *)((char *)(j) - offsetof(cust, job)))

static cust *cust_get(mmc *m)
{
    if (m->free == NULL) {
        block *b = sim_malloc(sizeof *b);
        if (b == NULL)
            die("out of memory");
        b->next = m->blocks;
        m->blocks = b;
        for (size_t i = 0; i < 1024; i++) {
            b->c[i].next_free = m->free;
            m->free = &b->c[i];
        }
    }
    cust *c = m->free;
    m->free = c->next_free;
    return c;
}

static void depart(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    mmc *m = target;
    cust *c = p.p;
    sim_resource_release(m->res, &c->job);
    c->next_free = m->free;
    m->free = c;
}

static void start_service(sim_t *sim, sim_resource *res, sim_job *job, void *ctx)
{
    (void)res;
    mmc *m = ctx;
    sim_schedule_in(sim, gsl_ran_exponential(m->srv, m->mean_service), depart, m,
                    sim_payload_p(CUST(job)));
}

static void arrive(sim_t *sim, void *target, sim_payload p)
{
    mmc *m = target;
    cust *c = cust_get(m);
    sim_job_init(&c->job, 0.0, 0);
    sim_resource_request(m->res, &c->job);
    if (--m->to_arrive > 0)
        sim_schedule_in(sim, gsl_ran_exponential(m->arr, m->mean_interarrival), arrive, m, p);
}

/* One run; returns events per second and the run's kernel statistics. */
static double run_mmc(uint64_t customers, uint64_t *events_out, double *wall_out, double *wait_out)
{
    sim_err err;
    sim_err_init(&err);
    mmc m;
    memset(&m, 0, sizeof m);
    m.mean_interarrival = 1.0 / 9.0;
    m.mean_service = 1.0;
    m.to_arrive = customers;
    sim_t *sim = sim_create(0, &err);
    if (sim == NULL)
        die(sim_err_text(&err));
    m.res = sim_resource_create(sim, "servers", 10, start_service, &m, &err);
    m.arr = sim_rng_create(1, 0, 1, &err);
    m.srv = sim_rng_create(1, 0, 2, &err);
    if (m.res == NULL || m.arr == NULL || m.srv == NULL)
        die(sim_err_text(&err));
    sim_schedule(sim, 0.0, arrive, &m, sim_payload_none());
    double t0 = wall();
    int rc = sim_run(sim);
    double dt = wall() - t0;
    if (rc != SIM_OK)
        die(sim_err_text(sim_error(sim)));
    uint64_t events = sim_events_executed(sim);
    sim_resource_stats st;
    sim_resource_stats_get(m.res, &st);
    *events_out = events;
    *wall_out = dt;
    *wait_out = sim_tally_mean(&st.wait);
    sim_resource_destroy(m.res);
    sim_destroy(sim);
    sim_rng_destroy(m.arr);
    sim_rng_destroy(m.srv);
    while (m.blocks != NULL) {
        block *next = m.blocks->next;
        sim_free(m.blocks);
        m.blocks = next;
    }
    return (double)events / dt;
}

/* Best of three identical runs (same seeds): the machine may be shared. */
static void bench_mmc(uint64_t customers)
{
    uint64_t events = 0;
    double best = 0, best_wall = 0, wait = 0;
    for (int run = 0; run < 3; run++) {
        double wall_s;
        double rate = run_mmc(customers, &events, &wall_s, &wait);
        if (rate > best) {
            best = rate;
            best_wall = wall_s;
        }
    }
    printf("kernel_mmc_customers: %llu\n", (unsigned long long)customers);
    printf("kernel_mmc_events: %llu\n", (unsigned long long)events);
    printf("kernel_mmc_wall_s: %.3f\n", best_wall);
    printf("kernel_mmc_events_per_s: %.0f\n", best);
    printf("kernel_mmc_mean_wait_h: %.4f\n", wait);
    printf("kernel_mmc_peak_rss_kib: %ld\n", peak_rss_kib());
}

/* ---- hold model on the kernel ---- */

typedef struct hold_ctx {
    gsl_rng *rng;
    uint64_t left;
} hold_ctx;

static void hold(sim_t *sim, void *target, sim_payload p)
{
    hold_ctx *h = target;
    sim_schedule_in(sim, gsl_ran_exponential(h->rng, 1.0), hold, h, p);
    if (--h->left == 0)
        sim_stop(sim);
}

static double hold_kernel(size_t pending, uint64_t holds)
{
    sim_err err;
    sim_err_init(&err);
    sim_t *sim = sim_create(pending + 1, &err);
    hold_ctx h = {sim_rng_create(2, 0, 1, &err), holds};
    if (sim == NULL || h.rng == NULL)
        die(sim_err_text(&err));
    for (size_t i = 0; i < pending; i++)
        sim_schedule(sim, gsl_ran_exponential(h.rng, 1.0), hold, &h, sim_payload_u(i));
    double t0 = wall();
    int rc = sim_run(sim);
    double dt = wall() - t0;
    if (rc != SIM_ERR_INTERRUPTED || sim_events_pending(sim) != pending)
        die("hold model on the kernel ended wrongly");
    sim_destroy(sim);
    sim_rng_destroy(h.rng);
    return (double)holds / dt;
}

/* ---- the baseline: a plain binary heap of 40-byte events stored by value ---- */

typedef struct bh_event bh_event;
typedef struct bh bh;
typedef void bh_fn(bh *q, void *target, sim_payload p);

struct bh_event {
    double time;
    uint64_t seq;
    bh_fn *fn;
    void *target;
    sim_payload payload;
};

struct bh {
    bh_event *a;
    size_t n, cap;
    uint64_t seq;
    double now;
};

static inline int bh_less(const bh_event *x, const bh_event *y)
{
    return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

static void bh_push(bh *q, double t, bh_fn *fn, void *target, sim_payload p)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? 2 * q->cap : 64;
        q->a = realloc(q->a, q->cap * sizeof *q->a);
        if (q->a == NULL)
            die("out of memory");
    }
    bh_event e = {t, q->seq++, fn, target, p};
    size_t i = q->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!bh_less(&e, &q->a[parent]))
            break;
        q->a[i] = q->a[parent];
        i = parent;
    }
    q->a[i] = e;
}

static bh_event bh_pop(bh *q)
{
    bh_event top = q->a[0];
    bh_event x = q->a[--q->n];
    size_t i = 0, n = q->n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && bh_less(&q->a[c + 1], &q->a[c]))
            c++;
        if (!bh_less(&q->a[c], &x))
            break;
        q->a[i] = q->a[c];
        i = c;
    }
    if (n > 0)
        q->a[i] = x;
    return top;
}

static void bh_hold(bh *q, void *target, sim_payload p)
{
    hold_ctx *h = target;
    bh_push(q, q->now + gsl_ran_exponential(h->rng, 1.0), bh_hold, h, p);
    h->left--;
}

static double hold_binheap(size_t pending, uint64_t holds)
{
    bh q;
    memset(&q, 0, sizeof q);
    hold_ctx h = {sim_rng_create(2, 0, 1, NULL), holds};
    if (h.rng == NULL)
        die("out of memory");
    for (size_t i = 0; i < pending; i++)
        bh_push(&q, gsl_ran_exponential(h.rng, 1.0), bh_hold, &h, sim_payload_u(i));
    double t0 = wall();
    while (h.left > 0) {
        bh_event e = bh_pop(&q);
        q.now = e.time;
        e.fn(&q, e.target, e.payload);
    }
    double dt = wall() - t0;
    free(q.a);
    sim_rng_destroy(h.rng);
    return (double)holds / dt;
}

/* Best of three runs, kernel and baseline interleaved, so that a noisy neighbour
 * on a shared machine penalises neither side more than the other. */
static void bench_hold(uint64_t holds, size_t only)
{
    static const size_t sizes[] = {16, 1000, 100000, 1000000};
    double kernel_1m = 0, heap_1m = 0;
    printf("hold_events_per_size: %llu\n", (unsigned long long)holds);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        if (only != 0 && sizes[i] != only)
            continue;
        double k = 0, b = 0;
        for (int run = 0; run < 3; run++) {
            double x = hold_kernel(sizes[i], holds), y = hold_binheap(sizes[i], holds);
            k = x > k ? x : k;
            b = y > b ? y : b;
        }
        printf("kernel_hold_%zu_events_per_s: %.0f\n", sizes[i], k);
        printf("binheap_hold_%zu_events_per_s: %.0f\n", sizes[i], b);
        kernel_1m = k;
        heap_1m = b;
    }
    if (only == 0 || only == 1000000)
        printf("kernel_hold_1000000_speedup_vs_binheap: %.2f\n", kernel_1m / heap_1m);
}

int main(int argc, char **argv)
{
    sim_rng_gsl_errors_off();
    const char *mode = argc > 1 ? argv[1] : "all";
    uint64_t n = argc > 2 ? strtoull(argv[2], NULL, 10) : 0;
    if (strcmp(mode, "mmc") == 0 || strcmp(mode, "all") == 0)
        bench_mmc(n ? n : 5000000); /* 10^7 events */
    if (strcmp(mode, "hold") == 0 || strcmp(mode, "all") == 0)
        bench_hold(n ? n : 5000000, argc > 3 ? (size_t)strtoull(argv[3], NULL, 10) : 0);
    if (strcmp(mode, "mmc") != 0 && strcmp(mode, "hold") != 0 && strcmp(mode, "all") != 0) {
        fprintf(stderr, "usage: bench_kernel [mmc|hold|all] [COUNT]\n");
        return 2;
    }
    return 0;
}
