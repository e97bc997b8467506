/* Statistics against hand-computed values; quantile sketch against exact sample
 * quantiles of known distributions. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "sim_stats.h"

#define CLOSE(a, b, tol) cr_assert(le(dbl, fabs((a) - (b)), (tol)), "%.17g vs %.17g", (double)(a), (double)(b))

static const double data8[] = {2, 4, 4, 4, 5, 5, 7, 9};

/* By hand: sum 40, mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, s^2 = 32/7. */
Test(stats, tally_hand_computed)
{
    sim_tally t;
    sim_tally_reset(&t);
    cr_assert(isnan(sim_tally_mean(&t)));
    cr_assert(isnan(sim_tally_var(&t)));
    for (size_t i = 0; i < 8; i++)
        sim_tally_add(&t, data8[i]);
    cr_assert(eq(u64, t.n, 8));
    CLOSE(sim_tally_mean(&t), 5.0, 1e-15);
    CLOSE(sim_tally_var(&t), 32.0 / 7.0, 1e-14);
    CLOSE(sim_tally_sum(&t), 40.0, 1e-13);
    cr_assert(eq(dbl, t.min, 2.0));
    cr_assert(eq(dbl, t.max, 9.0));
}

/* A large offset must not destroy the variance (the point of Welford's update):
 * 1e9 + {4, 7, 13, 16} has mean 1e9 + 10 and s^2 = (36 + 9 + 9 + 36) / 3 = 30. */
Test(stats, tally_is_numerically_stable)
{
    sim_tally t;
    sim_tally_reset(&t);
    double d[] = {4, 7, 13, 16};
    for (int i = 0; i < 4; i++)
        sim_tally_add(&t, 1e9 + d[i]);
    CLOSE(sim_tally_mean(&t), 1e9 + 10, 1e-6);
    CLOSE(sim_tally_var(&t), 30.0, 1e-6);
}

Test(stats, tally_merge_equals_one_pass)
{
    for (size_t split = 0; split <= 8; split++) {
        sim_tally a, b;
        sim_tally_reset(&a);
        sim_tally_reset(&b);
        for (size_t i = 0; i < split; i++)
            sim_tally_add(&a, data8[i]);
        for (size_t i = split; i < 8; i++)
            sim_tally_add(&b, data8[i]);
        sim_tally_merge(&a, &b);
        cr_assert(eq(u64, a.n, 8));
        CLOSE(sim_tally_mean(&a), 5.0, 1e-14);
        CLOSE(sim_tally_var(&a), 32.0 / 7.0, 1e-13);
        cr_assert(eq(dbl, a.min, 2.0));
        cr_assert(eq(dbl, a.max, 9.0));
    }
}

/* Value 0 on [0,1), 2 on [1,3), 1 on [3,5): area 0 + 4 + 2 = 6, mean 6/5 over [0,5]. */
Test(stats, timeavg_hand_computed)
{
    sim_timeavg a;
    sim_timeavg_init(&a, 0.0, 0.0);
    CLOSE(sim_timeavg_mean(&a, 0.0), 0.0, 0);
    sim_timeavg_set(&a, 1.0, 2.0);
    sim_timeavg_set(&a, 3.0, 5.0);
    sim_timeavg_add(&a, 3.0, -4.0); /* same instant: no area, value 1 */
    CLOSE(sim_timeavg_area(&a, 5.0), 6.0, 1e-15);
    CLOSE(sim_timeavg_mean(&a, 5.0), 1.2, 1e-15);
    cr_assert(eq(dbl, a.max, 5.0));
    sim_timeavg_reset(&a, 5.0);
    cr_assert(eq(dbl, a.max, 1.0));
    CLOSE(sim_timeavg_mean(&a, 5.0), 1.0, 0); /* no time passed: the value */
    sim_timeavg_add(&a, 6.0, 2.0); /* 1 on [5,6), 3 on [6,7): mean 2 */
    CLOSE(sim_timeavg_mean(&a, 7.0), 2.0, 1e-15);
    CLOSE(sim_timeavg_area(&a, 7.0), 4.0, 1e-15);
}

/*
 * Half-width t(0.975, n-1) s / sqrt(n). The quantiles come from printed tables
 * (e.g. Abramowitz & Stegun, Table 26.10): t(0.975, 4) = 2.776445,
 * t(0.975, 19) = 2.093024. For {1,2,3,4,5}: mean 3, s^2 = 2.5,
 * half-width 2.776445 * sqrt(2.5 / 5) = 1.963237.
 */
Test(stats, ci95_hand_computed)
{
    double x[] = {1, 2, 3, 4, 5};
    double m, hw;
    cr_assert(eq(sz, sim_ci95(x, 5, 1, &m, &hw), 5));
    CLOSE(m, 3.0, 1e-15);
    CLOSE(hw, 2.776445 * sqrt(0.5), 1e-6);

    /* stride and NaN skipping */
    double y[] = {1, -1, NAN, -1, 2, -1, 3, -1, 4, -1, 5, -1};
    cr_assert(eq(sz, sim_ci95(y, 6, 2, &m, &hw), 5));
    CLOSE(m, 3.0, 1e-15);
    CLOSE(hw, 2.776445 * sqrt(0.5), 1e-6);

    /* n = 20: values 1..20, s^2 = 20*21/12 = 35 */
    double z[20];
    for (int i = 0; i < 20; i++)
        z[i] = i + 1;
    sim_ci95(z, 20, 1, &m, &hw);
    CLOSE(m, 10.5, 1e-14);
    CLOSE(hw, 2.093024 * sqrt(35.0 / 20.0), 1e-5);

    cr_assert(eq(sz, sim_ci95(x, 1, 1, &m, &hw), 1));
    cr_assert(eq(dbl, m, 1.0));
    cr_assert(isnan(hw));
    cr_assert(eq(sz, sim_ci95(x, 0, 1, &m, &hw), 0));
    cr_assert(isnan(m));
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Check every percentile (and p99.9, max) against the exact sample quantile of
 * lower rank ceil(q n), the definition the sketch documents. */
static void check_quantiles(double *xs, size_t n, double acc, double lo, double hi)
{
    sim_sketch *s = sim_sketch_create(acc, lo, hi, NULL);
    cr_assert(s != NULL);
    for (size_t i = 0; i < n; i++)
        sim_sketch_add(s, xs[i]);
    qsort(xs, n, sizeof *xs, cmp_dbl);
    cr_assert(eq(u64, sim_sketch_count(s), n));
    double qs[103];
    for (int i = 0; i < 100; i++)
        qs[i] = (i + 1) / 100.0;
    qs[100] = 0.999;
    qs[101] = 0.0;
    qs[102] = 0.5;
    size_t checked = 0;
    for (int i = 0; i < 103; i++) {
        size_t rank = (size_t)ceil(qs[i] * (double)n);
        if (rank < 1)
            rank = 1;
        double exact = xs[rank - 1];
        if (!(exact >= lo && exact <= hi))
            continue;
        double est = sim_sketch_quantile(s, qs[i]);
        cr_assert(le(dbl, fabs(est - exact), acc * exact * (1 + 1e-12)),
                  "q=%g: sketch %.10g, exact %.10g, relative error %.3g > %g", qs[i], est, exact,
                  fabs(est - exact) / exact, acc);
        checked++;
    }
    cr_assert(gt(sz, checked, 90));
    /* memory: about log(hi/lo)/log(g) buckets */
    double g = (1 + acc) / (1 - acc);
    cr_assert(le(sz, sim_sketch_buckets(s), (size_t)ceil(log(hi / lo) / log(g)) + 3));
    sim_sketch_destroy(s);
}

Test(stats, sketch_quantiles_exponential)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    enum { N = 100000 };
    double *xs = malloc(N * sizeof *xs);
    for (size_t i = 0; i < N; i++)
        xs[i] = gsl_ran_exponential(r, 2.0);
    check_quantiles(xs, N, 0.01, 1e-3, 1e4);
    free(xs);
    gsl_rng_free(r);
}

Test(stats, sketch_quantiles_lognormal_and_uniform)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 12);
    enum { N = 50000 };
    double *xs = malloc(N * sizeof *xs);
    for (size_t i = 0; i < N; i++)
        xs[i] = gsl_ran_lognormal(r, 1.0, 1.5);
    check_quantiles(xs, N, 0.02, 1e-2, 1e5);
    for (size_t i = 0; i < N; i++)
        xs[i] = 100.0 + gsl_rng_uniform(r);
    check_quantiles(xs, N, 0.001, 1.0, 1e3);
    free(xs);
    gsl_rng_free(r);
}

Test(stats, sketch_out_of_range_and_empty)
{
    sim_sketch *s = sim_sketch_create(0.01, 1.0, 100.0, NULL);
    cr_assert(s != NULL);
    cr_assert(isnan(sim_sketch_quantile(s, 0.5)));
    sim_sketch_add(s, 0.25);  /* underflow: answered lo/2 */
    sim_sketch_add(s, 1e6);   /* overflow: answered hi */
    sim_sketch_add(s, NAN);   /* ignored */
    cr_assert(eq(u64, sim_sketch_count(s), 2));
    cr_assert(eq(dbl, sim_sketch_quantile(s, 0.5), 0.5));
    cr_assert(eq(dbl, sim_sketch_quantile(s, 1.0), 100.0));
    cr_assert(eq(dbl, sim_sketch_quantile(s, -3.0), 0.5)); /* q clamped */
    CLOSE(sim_sketch_cdf(s, 50.0), 0.5, 0);
    sim_sketch_reset(s);
    cr_assert(eq(u64, sim_sketch_count(s), 0));
    sim_sketch_destroy(s);

    sim_err err;
    sim_err_init(&err);
    cr_assert(sim_sketch_create(0.6, 1.0, 10.0, &err) == NULL);
    cr_assert(eq(int, err.status, SIM_ERR_INPUT));
    cr_assert(sim_sketch_create(0.01, 10.0, 1.0, NULL) == NULL);
}

/* Merging is exact: the merged sketch equals, bucket for bucket, the sketch of
 * the pooled data. */
Test(stats, sketch_merge_is_exact)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 13);
    sim_sketch *a = sim_sketch_create(0.01, 1e-2, 1e3, NULL);
    sim_sketch *b = sim_sketch_create(0.01, 1e-2, 1e3, NULL);
    sim_sketch *all = sim_sketch_create(0.01, 1e-2, 1e3, NULL);
    sim_sketch *other = sim_sketch_create(0.02, 1e-2, 1e3, NULL);
    cr_assert(a && b && all && other);
    for (int i = 0; i < 20000; i++) {
        double x = gsl_ran_exponential(r, 5.0);
        sim_sketch_add(i % 3 ? a : b, x);
        sim_sketch_add(all, x);
    }
    cr_assert(eq(int, sim_sketch_merge(a, b), SIM_OK));
    cr_assert(eq(u64, sim_sketch_count(a), 20000));
    for (size_t i = 0; i < sim_sketch_buckets(all); i++)
        cr_assert(eq(u64, sim_sketch_bucket_count(a, i), sim_sketch_bucket_count(all, i)));
    for (double q = 0.05; q < 1.0; q += 0.05)
        cr_assert(eq(dbl, sim_sketch_quantile(a, q), sim_sketch_quantile(all, q)));
    cr_assert(eq(int, sim_sketch_merge(a, other), SIM_ERR_INPUT));
    sim_sketch_destroy(a);
    sim_sketch_destroy(b);
    sim_sketch_destroy(all);
    sim_sketch_destroy(other);
    gsl_rng_free(r);
}
