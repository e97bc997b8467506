/* sim_sensitivity.c — Morris and Sobol (Saltelli) designs and indices (sim_sensitivity.h). */
#include "sim_sensitivity.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "sim_assert.h"
#include "sim_mem.h"
#include "sim_rng.h"

/* Random-stream purposes, apart from any model's (they use small numbers). */
enum { PURPOSE_MORRIS = 0x5e45, PURPOSE_BOOTSTRAP = 0x5e46 };

size_t sim_sa_points(const sim_sa_plan *p)
{
    return p->method == SIM_SA_MORRIS ? p->samples * (p->k + 1) : p->samples * (p->k + 2);
}

static double delta(const sim_sa_plan *p) { return (double)p->levels / (2.0 * ((double)p->levels - 1.0)); }

/* ---- designs ---- */

/* Trajectory t: a start on the lower half of the grid, each parameter moved
 * once by ±Δ, in a random order. */
static void morris_trajectory(const sim_sa_plan *p, gsl_rng *rng, double *rows, size_t *order, int *dir)
{
    size_t k = p->k;
    double d = delta(p);
    for (size_t i = 0; i < k; i++) {
        order[i] = i;
        dir[i] = gsl_rng_uniform(rng) < 0.5 ? -1 : 1;
        double base = (double)gsl_rng_uniform_int(rng, p->levels / 2) / ((double)p->levels - 1.0);
        rows[i] = base + (dir[i] < 0 ? d : 0.0);
    }
    gsl_ran_shuffle(rng, order, k, sizeof *order);
    for (size_t s = 0; s < k; s++) {
        double *prev = &rows[s * k], *next = &rows[(s + 1) * k];
        memcpy(next, prev, k * sizeof *next);
        next[order[s]] += dir[order[s]] * d;
    }
}

static int morris_design(const sim_sa_plan *p, uint64_t seed, double *u, sim_err *err)
{
    gsl_rng *rng = sim_rng_create(seed, 0, PURPOSE_MORRIS, err);
    size_t *order = sim_calloc(p->k, sizeof *order);
    int *dir = sim_calloc(p->k, sizeof *dir);
    int rc = SIM_OK;
    if (rng == NULL || order == NULL || dir == NULL)
        rc = rng == NULL ? SIM_ERR_RUNTIME : sim_err_nomem(err, "making the Morris design");
    for (size_t t = 0; rc == SIM_OK && t < p->samples; t++)
        morris_trajectory(p, rng, &u[t * (p->k + 1) * p->k], order, dir);
    sim_rng_destroy(rng);
    sim_free(order);
    sim_free(dir);
    return rc;
}

/* Rows A, AB_1 .. AB_k, B for each of the N points of a 2k-dimensional Sobol sequence. */
static int sobol_design(const sim_sa_plan *p, double *u, sim_err *err)
{
    size_t k = p->k;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    double *x = sim_calloc(2 * k, sizeof *x);
    if (q == NULL || x == NULL) {
        gsl_qrng_free(q);
        sim_free(x);
        return sim_err_nomem(err, "making the Sobol design");
    }
    gsl_qrng_get(q, x); /* the first point is the origin: skipped, as SALib does */
    for (size_t j = 0; j < p->samples; j++) {
        gsl_qrng_get(q, x);
        double *row = &u[j * (k + 2) * k];
        memcpy(row, x, k * sizeof *row);                   /* A */
        for (size_t i = 0; i < k; i++) {                   /* AB_i */
            memcpy(&row[(1 + i) * k], x, k * sizeof *row);
            row[(1 + i) * k + i] = x[k + i];
        }
        memcpy(&row[(k + 1) * k], x + k, k * sizeof *row); /* B */
    }
    gsl_qrng_free(q);
    sim_free(x);
    return SIM_OK;
}

int sim_sa_design(const sim_sa_plan *p, uint64_t seed, double **u, size_t *n_points, sim_err *err)
{
    SIM_CHECK(p->k >= 1 && p->k <= SIM_SA_MAX_PARAMS && p->samples >= 1);
    SIM_CHECK(p->method != SIM_SA_MORRIS || (p->levels >= 2 && p->levels % 2 == 0));
    *n_points = sim_sa_points(p);
    *u = sim_calloc(*n_points * p->k, sizeof **u);
    if (*u == NULL)
        return sim_err_nomem(err, "making the sensitivity design");
    int rc = p->method == SIM_SA_MORRIS ? morris_design(p, seed, *u, err) : sobol_design(p, *u, err);
    if (rc != SIM_OK) {
        sim_free(*u);
        *u = NULL;
    }
    return rc;
}

/* ---- indices ---- */

/* Resample n items with replacement: which[0 .. n-1]. */
static void resample(gsl_rng *rng, size_t n, size_t *which)
{
    for (size_t i = 0; i < n; i++)
        which[i] = (size_t)gsl_rng_uniform_int(rng, (unsigned long)n);
}

/* 1.96 standard deviations of the bootstrap estimates. */
static double conf_of(const double *est, size_t n)
{
    return n >= 2 ? 1.96 * gsl_stats_sd(est, 1, n) : NAN;
}

/* Morris: ee[t * k + i], the elementary effect of parameter i in trajectory t. */
static void morris_effects(const sim_sa_plan *p, const double *u, const double *y, double *ee, size_t *n_ok)
{
    size_t k = p->k, n = 0;
    for (size_t t = 0; t < p->samples; t++) {
        const double *rows = &u[t * (k + 1) * k], *ys = &y[t * (k + 1)];
        int ok = 1;
        for (size_t s = 0; s <= k; s++)
            ok = ok && isfinite(ys[s]);
        if (!ok)
            continue;
        for (size_t s = 0; s < k; s++) {
            /* the parameter that moved between points s and s + 1, and by how much */
            size_t i = 0;
            while (i < k && rows[(s + 1) * k + i] == rows[s * k + i])
                i++;
            SIM_CHECK(i < k);
            double step = rows[(s + 1) * k + i] - rows[s * k + i];
            ee[n * k + i] = (ys[s + 1] - ys[s]) / step;
        }
        n++;
    }
    *n_ok = n;
}

static int morris_analyze(const sim_sa_plan *p, const double *u, const double *y, gsl_rng *rng, sim_sa_result *out,
                          sim_err *err)
{
    size_t k = p->k, r = p->samples, n = 0;
    double *ee = sim_calloc(r * k, sizeof *ee), *col = sim_calloc(r, sizeof *col);
    double *boot = sim_calloc(SIM_SA_BOOTSTRAP, sizeof *boot);
    size_t *which = sim_calloc(r, sizeof *which);
    int rc = SIM_OK;
    if (ee == NULL || col == NULL || boot == NULL || which == NULL) {
        rc = sim_err_nomem(err, "computing Morris indices");
        goto out;
    }
    morris_effects(p, u, y, ee, &n);
    for (size_t i = 0; i < k; i++) {
        sim_sa_result *o = &out[i];
        o->used = n;
        o->mu = o->mu_star = o->sigma = o->mu_star_conf = NAN;
        if (n == 0)
            continue;
        for (size_t t = 0; t < n; t++)
            col[t] = ee[t * k + i];
        o->mu = gsl_stats_mean(col, 1, n);
        o->sigma = n >= 2 ? gsl_stats_sd(col, 1, n) : NAN;
        double abs_sum = 0;
        for (size_t t = 0; t < n; t++)
            abs_sum += fabs(col[t]);
        o->mu_star = abs_sum / (double)n;
        for (size_t b = 0; b < SIM_SA_BOOTSTRAP; b++) {
            resample(rng, n, which);
            double s = 0;
            for (size_t t = 0; t < n; t++)
                s += fabs(col[which[t]]);
            boot[b] = s / (double)n;
        }
        o->mu_star_conf = conf_of(boot, SIM_SA_BOOTSTRAP);
    }
out:
    sim_free(ee);
    sim_free(col);
    sim_free(boot);
    sim_free(which);
    return rc;
}

/* S_i and ST_i over the rows listed in which[0 .. n-1] (rows of f(A), f(B), f(AB_i)). */
static void sobol_estimate(const double *fa, const double *fb, const double *fab, const size_t *which, size_t n,
                           double *s1, double *st)
{
    double mean = 0, var = 0;
    for (size_t j = 0; j < n; j++)
        mean += fa[which[j]] + fb[which[j]];
    mean /= (double)(2 * n);
    for (size_t j = 0; j < n; j++) {
        double a = fa[which[j]] - mean, b = fb[which[j]] - mean;
        var += a * a + b * b;
    }
    var /= (double)(2 * n); /* the population variance of A and B together, as SALib */
    double first = 0, total = 0;
    for (size_t j = 0; j < n; j++) {
        double a = fa[which[j]], b = fb[which[j]], ab = fab[which[j]];
        first += b * (ab - a);
        total += (a - ab) * (a - ab);
    }
    *s1 = var > 0 ? first / (double)n / var : NAN;
    *st = var > 0 ? 0.5 * total / (double)n / var : NAN;
}

static int sobol_analyze(const sim_sa_plan *p, const double *y, gsl_rng *rng, sim_sa_result *out, sim_err *err)
{
    size_t k = p->k, n_all = p->samples, n = 0;
    double *fa = sim_calloc(n_all, sizeof *fa), *fb = sim_calloc(n_all, sizeof *fb);
    double *fab = sim_calloc(n_all * k, sizeof *fab);
    double *b1 = sim_calloc(SIM_SA_BOOTSTRAP, sizeof *b1), *bt = sim_calloc(SIM_SA_BOOTSTRAP, sizeof *bt);
    size_t *which = sim_calloc(n_all, sizeof *which), *all = sim_calloc(n_all, sizeof *all);
    int rc = SIM_OK;
    if (fa == NULL || fb == NULL || fab == NULL || b1 == NULL || bt == NULL || which == NULL || all == NULL) {
        rc = sim_err_nomem(err, "computing Sobol indices");
        goto out;
    }
    /* The rows whose every output is defined, unpacked. */
    for (size_t j = 0; j < n_all; j++) {
        const double *ys = &y[j * (k + 2)];
        int ok = 1;
        for (size_t s = 0; s < k + 2; s++)
            ok = ok && isfinite(ys[s]);
        if (!ok)
            continue;
        fa[n] = ys[0];
        fb[n] = ys[k + 1];
        for (size_t i = 0; i < k; i++)
            fab[i * n_all + n] = ys[1 + i];
        n++;
    }
    for (size_t j = 0; j < n; j++)
        all[j] = j;
    for (size_t i = 0; i < k; i++) {
        sim_sa_result *o = &out[i];
        o->used = n;
        o->s1 = o->st = o->s1_conf = o->st_conf = NAN;
        if (n < 2)
            continue;
        sobol_estimate(fa, fb, &fab[i * n_all], all, n, &o->s1, &o->st);
        for (size_t b = 0; b < SIM_SA_BOOTSTRAP; b++) {
            resample(rng, n, which);
            sobol_estimate(fa, fb, &fab[i * n_all], which, n, &b1[b], &bt[b]);
        }
        o->s1_conf = conf_of(b1, SIM_SA_BOOTSTRAP);
        o->st_conf = conf_of(bt, SIM_SA_BOOTSTRAP);
    }
out:
    sim_free(fa);
    sim_free(fb);
    sim_free(fab);
    sim_free(b1);
    sim_free(bt);
    sim_free(which);
    sim_free(all);
    return rc;
}

int sim_sa_analyze(const sim_sa_plan *p, const double *u, const double *y, uint64_t seed, sim_sa_result *out,
                   sim_err *err)
{
    gsl_rng *rng = sim_rng_create(seed, 0, PURPOSE_BOOTSTRAP, err);
    if (rng == NULL)
        return sim_err_failed(err) ? err->status : SIM_ERR_RUNTIME;
    memset(out, 0, p->k * sizeof *out);
    int rc = p->method == SIM_SA_MORRIS ? morris_analyze(p, u, y, rng, out, err) : sobol_analyze(p, y, rng, out, err);
    sim_rng_destroy(rng);
    return rc;
}
