/*
 * Queueing theory as the kernel's independent oracle: M/M/c, M/M/1 and M/D/1
 * built on sim_resource must reproduce the textbook mean wait Wq and mean number
 * in system L, and Little's law L = lambda W must hold.
 *
 * Little's law is checked on each sample path, where it is an identity: over the
 * observation window [warm-up, end], the time-average number in system (from the
 * resource's time-weighted statistics) equals (customers seen in the window / T)
 * x (their mean time in the window), i.e. L = lambda W with both sides measured.
 * That catches any accounting error to rounding precision, with no statistical
 * slack.
 *
 * Wq and L are checked against theory with a confidence interval: over R = 20
 * replications (fixed seeds, separate streams for arrivals and service) the
 * theoretical value must lie inside mean +- the 95 % half-width of sim_ci95.
 * That is only fair if the estimators are unbiased to well within the
 * half-width, so each case gets a warm-up of about ten relaxation times and a run
 * long enough that the end effects are negligible:
 *
 *  - relaxation time of the number in system (Abate & Whitt), for M/M/1
 *    tau = 1 / (mu (1 - sqrt(rho))^2), and for M/M/c about the same with mu
 *    replaced by c mu: 38 h for c = 10, rho = 0.9; 37 h for M/M/1 with rho = 0.7
 *    (M/D/1 relaxes faster than M/M/1 at equal rho); 1.2 h for c = 10, rho = 0.5.
 *    After a warm-up W0 >= 10 tau the initial-condition bias is below
 *    e^-10 ~ 5e-5 of the values, against half-widths of about 1 %.
 *  - run length T: long enough that the half-width is a few per cent of the
 *    value (Whitt's asymptotic variance 2 rho (1 + rho) / ((1 - rho)^4 mu T) for
 *    the time-average of M/M/1 gives sd(L) ~ 0.12 at T = 20000 h, rho = 0.7) and
 *    short enough that 20 replications of every case run in a few seconds.
 * Each CI check keeps, by construction, a 5 % chance of failing on a correct
 * kernel; there are eight (Wq and L in four cases, strongly correlated in pairs).
 * The seed was fixed before the first run and never changed. (A first version
 * also checked L - lambda W with the nominal lambda against 0; it failed at 2.3
 * standard errors for M/M/1 and M/D/1, which share their arrival streams, and
 * passed with 400 replications: its noise is dominated by the arrival-rate term
 * (lambda_hat - lambda) W, so the exact sample-path form above replaced it.)
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "sim_resource.h"
#include "sim_rng.h"

enum { REPS = 20, PURPOSE_ARRIVALS = 1, PURPOSE_SERVICE = 2 };
#define SEED 20240611u

/* ---- theory ---- */

/* Erlang C, P(wait) in M/M/c with offered load a = lambda / mu < c, through the
 * Erlang B recurrence B(k) = a B(k-1) / (k + a B(k-1)), C = c B / (c - a (1 - B)). */
static double erlang_c(unsigned c, double a)
{
    double b = 1.0;
    for (unsigned k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    return c * b / (c - a * (1.0 - b));
}

/* The same from the textbook sum, in logs (gsl_sf_lnfact) to avoid overflow. */
static double erlang_c_direct(unsigned c, double a)
{
    double top = exp(c * log(a) - gsl_sf_lnfact(c)) * c / (c - a);
    double sum = 0.0;
    for (unsigned k = 0; k < c; k++)
        sum += exp(k * log(a) - gsl_sf_lnfact(k));
    return top / (sum + top);
}

Test(queueing, erlang_c_formula)
{
    /* c = 2, a = 1 by hand: (1/2 * 2) / (1 + 1 + 1/2 * 2) = 1/3 */
    cr_assert(le(dbl, fabs(erlang_c(2, 1.0) - 1.0 / 3.0), 1e-15));
    cr_assert(le(dbl, fabs(erlang_c_direct(2, 1.0) - 1.0 / 3.0), 1e-15));
    /* c = 1 reduces to rho */
    cr_assert(le(dbl, fabs(erlang_c(1, 0.7) - 0.7), 1e-15));
    cr_assert(le(dbl, fabs(erlang_c(10, 9.0) - erlang_c_direct(10, 9.0)), 1e-12));
    cr_assert(le(dbl, fabs(erlang_c(10, 5.0) - erlang_c_direct(10, 5.0)), 1e-12));
}

/* ---- the model: Poisson arrivals, c servers, exponential or fixed service ---- */

typedef struct cust {
    sim_job job;
    double arrived;
    int in_system;
    struct cust *next_free;
    struct cust *all_next;
} cust;

typedef struct queue_model {
    sim_t *sim;
    sim_resource *res;
    gsl_rng *arr, *srv;
    double lambda, mu;
    int deterministic;
    double warmup, end;
    cust *free, *all;
    double in_window; /* sum over customers of their time in system within [warmup, end] */
    uint64_t seen;    /* customers in system at some time within the window */
} queue_model;

#define CUST(j) ((cust *)((char *)(j) - offsetof(cust, job)))

static void depart(sim_t *sim, void *target, sim_payload p)
{
    queue_model *m = target;
    cust *c = p.p;
    sim_resource_release(m->res, &c->job);
    double t = sim_now(sim);
    if (t >= m->warmup) {
        m->in_window += t - (c->arrived > m->warmup ? c->arrived : m->warmup);
        m->seen++;
    }
    c->in_system = 0;
    c->next_free = m->free;
    m->free = c;
}

static void start_service(sim_t *sim, sim_resource *res, sim_job *job, void *ctx)
{
    (void)res;
    queue_model *m = ctx;
    double s = m->deterministic ? 1.0 / m->mu : gsl_ran_exponential(m->srv, 1.0 / m->mu);
    sim_schedule_in(sim, s, depart, m, sim_payload_p(CUST(job)));
}

static void arrive(sim_t *sim, void *target, sim_payload p)
{
    queue_model *m = target;
    cust *c = m->free;
    if (c != NULL) {
        m->free = c->next_free;
    } else {
        c = malloc(sizeof *c);
        cr_assert(c != NULL);
        c->all_next = m->all;
        m->all = c;
    }
    c->arrived = sim_now(sim);
    c->in_system = 1;
    sim_job_init(&c->job, 0.0, 0);
    cr_assert(eq(int, sim_resource_request(m->res, &c->job), SIM_OK));
    sim_schedule_in(sim, gsl_ran_exponential(m->arr, 1.0 / m->lambda), arrive, m, p);
}

typedef struct rep_out {
    double wq, l;
} rep_out;

static rep_out run_rep(unsigned c, double lambda, double mu, int deterministic, double warmup,
                       double horizon, uint64_t rep)
{
    sim_err err;
    sim_err_init(&err);
    queue_model m = {0};
    m.lambda = lambda;
    m.mu = mu;
    m.deterministic = deterministic;
    m.warmup = warmup;
    m.end = warmup + horizon;
    m.sim = sim_create(0, &err);
    m.res = sim_resource_create(m.sim, "servers", c, start_service, &m, &err);
    m.arr = sim_rng_create(SEED, rep, PURPOSE_ARRIVALS, &err);
    m.srv = sim_rng_create(SEED, rep, PURPOSE_SERVICE, &err);
    cr_assert(m.sim && m.res && m.arr && m.srv, "%s", sim_err_text(&err));
    cr_assert(eq(int, sim_set_warmup(m.sim, warmup), SIM_OK));
    sim_schedule(m.sim, gsl_ran_exponential(m.arr, 1.0 / lambda), arrive, &m, sim_payload_none());
    cr_assert(eq(int, sim_run_until(m.sim, m.end), SIM_OK));
    sim_resource_stats st;
    sim_resource_stats_get(m.res, &st);
    rep_out o = {sim_tally_mean(&st.wait), st.mean_queue + st.mean_busy};
    for (cust *k = m.all; k != NULL; k = k->all_next) {
        if (k->in_system) { /* still there at the end */
            m.in_window += m.end - (k->arrived > warmup ? k->arrived : warmup);
            m.seen++;
        }
    }
    double lambda_seen = (double)m.seen / horizon, w_seen = m.in_window / (double)m.seen;
    cr_assert(le(dbl, fabs(o.l - lambda_seen * w_seen), 1e-9 * o.l),
              "Little's law on the sample path: L = %.12g, lambda W = %.12g", o.l,
              lambda_seen * w_seen);
    sim_resource_destroy(m.res);
    sim_destroy(m.sim);
    sim_rng_destroy(m.arr);
    sim_rng_destroy(m.srv);
    while (m.all != NULL) {
        cust *next = m.all->all_next;
        free(m.all);
        m.all = next;
    }
    return o;
}

static void expect_in_ci(const char *what, const double *x, double theory)
{
    double mean, hw;
    cr_assert(eq(sz, sim_ci95(x, REPS, 1, &mean, &hw), REPS));
    cr_assert(le(dbl, fabs(mean - theory), hw),
              "%s: theory %.5g outside the 95%% CI %.5g +- %.3g", what, theory, mean, hw);
}

/* Runs REPS replications (each checking Little's law on its path) and checks Wq
 * and L = lambda (Wq + 1/mu) against theory. */
static void check_queue(unsigned c, double lambda, double mu, int deterministic, double warmup,
                        double horizon, double wq_theory)
{
    double wq[REPS], l[REPS];
    for (uint64_t r = 0; r < REPS; r++) {
        rep_out o = run_rep(c, lambda, mu, deterministic, warmup, horizon, r);
        wq[r] = o.wq;
        l[r] = o.l;
    }
    expect_in_ci("Wq", wq, wq_theory);
    expect_in_ci("L", l, lambda * (wq_theory + 1.0 / mu));
}

/* M/M/10, lambda = 9/h, mu = 1/h: rho = 0.9, Wq = C(10, 9) / (c mu - lambda). */
Test(queueing, mmc_heavy_erlang_c, .timeout = 120)
{
    double wq = erlang_c(10, 9.0) / (10.0 - 9.0);
    check_queue(10, 9.0, 1.0, 0, 400.0, 20000.0, wq);
}

/* M/M/10, lambda = 5/h: rho = 0.5, lightly loaded (P(wait) ~ 0.036). */
Test(queueing, mmc_light_erlang_c, .timeout = 120)
{
    double wq = erlang_c(10, 5.0) / (10.0 - 5.0);
    check_queue(10, 5.0, 1.0, 0, 50.0, 5000.0, wq);
}

/* M/M/1, rho = 0.7: Wq = rho / (mu - lambda). */
Test(queueing, mm1, .timeout = 120)
{
    check_queue(1, 0.7, 1.0, 0, 400.0, 20000.0, 0.7 / (1.0 - 0.7));
}

/* M/D/1, rho = 0.7, Pollaczek-Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)) with
 * E[S^2] = 1. */
Test(queueing, md1_pollaczek_khinchine, .timeout = 120)
{
    check_queue(1, 0.7, 1.0, 1, 400.0, 20000.0, 0.7 * 1.0 / (2.0 * (1.0 - 0.7)));
}
