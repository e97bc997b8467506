/*
 * sim_stats.h — streaming statistics for one replication, and confidence
 * intervals across replications.
 *
 *  - sim_tally: count, mean and variance of observations (Welford's update;
 *    merged with Chan et al.'s pairwise formula). A value type: no allocation.
 *  - sim_timeavg: the time-weighted mean of a piecewise-constant quantity such as
 *    a queue length or the number of busy servers.
 *  - sim_sketch: quantiles of a stream in bounded memory with a guaranteed
 *    relative accuracy (see below).
 *  - sim_ci95: mean and 95 % confidence half-width over replications, Student's t.
 */
#ifndef SIM_STATS_H
#define SIM_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "sim_err.h"

/* ---- tally ---- */
typedef struct sim_tally {
    uint64_t n;
    double mean;
    double m2; /* sum of squared deviations from the mean */
    double min, max;
} sim_tally;

void sim_tally_reset(sim_tally *t);
void sim_tally_add(sim_tally *t, double x);
void sim_tally_merge(sim_tally *into, const sim_tally *from);
double sim_tally_mean(const sim_tally *t);     /* NaN when empty */
double sim_tally_var(const sim_tally *t);      /* sample variance (n-1); NaN when n < 2 */
double sim_tally_sum(const sim_tally *t);

/* ---- time-weighted average ---- */
typedef struct sim_timeavg {
    double t_start; /* when averaging began (creation or last reset) */
    double t_last;  /* time of the last change */
    double value;   /* current value */
    double area;    /* integral of value over [t_start, t_last] */
    double max;     /* largest value since t_start */
} sim_timeavg;

void sim_timeavg_init(sim_timeavg *a, double t, double value);
/* The quantity changes to `value` at time t (t >= time of the last change). */
void sim_timeavg_set(sim_timeavg *a, double t, double value);
void sim_timeavg_add(sim_timeavg *a, double t, double delta);
/* Forget the past: averaging restarts at t with the current value. */
void sim_timeavg_reset(sim_timeavg *a, double t);
/* Mean over [t_start, t]; the current value when no time has passed. */
double sim_timeavg_mean(const sim_timeavg *a, double t);
/* Integral over [t_start, t]. */
double sim_timeavg_area(const sim_timeavg *a, double t);

/*
 * ---- quantile sketch ----
 * Logarithmic buckets (the DDSketch construction): bucket k holds values in
 * (g^(k-1), g^k] with g = (1+a)/(1-a), and answers with 2 g^k / (g+1). Every
 * quantile estimate x' of a true sample quantile x in [lo, hi] then satisfies
 * |x' - x| <= a * x: the relative accuracy a is a guarantee, not an average.
 * Values up to lo (zero and negatives included) are counted in an underflow
 * bucket answered as lo/2; values above hi in an overflow bucket answered as hi.
 * Memory is fixed at creation: about log(hi/lo)/log(g) doubles.
 * Sketches with the same (a, lo, hi) merge exactly (bucket counts add).
 */
typedef struct sim_sketch sim_sketch;

sim_sketch *sim_sketch_create(double rel_accuracy, double lo, double hi, sim_err *err);
void sim_sketch_destroy(sim_sketch *s);
void sim_sketch_add(sim_sketch *s, double x);
void sim_sketch_reset(sim_sketch *s);
int sim_sketch_merge(sim_sketch *into, const sim_sketch *from); /* SIM_ERR_INPUT if shapes differ */
uint64_t sim_sketch_count(const sim_sketch *s);
/* q in [0,1]; NaN when empty. Uses the lower rank ceil(q*n) (at least 1). */
double sim_sketch_quantile(const sim_sketch *s, double q);
/* Share of observations <= x (bucket resolution). */
double sim_sketch_cdf(const sim_sketch *s, double x);
/* Bucket layout, for writing a distribution out: n buckets, index 0 is the
 * underflow bucket, n-1 the overflow bucket. */
size_t sim_sketch_buckets(const sim_sketch *s);
double sim_sketch_bucket_upper(const sim_sketch *s, size_t i); /* upper bound of bucket i */
uint64_t sim_sketch_bucket_count(const sim_sketch *s, size_t i);
int sim_sketch_set_bucket_count(sim_sketch *s, size_t i, uint64_t count); /* for deserialising */
double sim_sketch_accuracy(const sim_sketch *s);
double sim_sketch_lo(const sim_sketch *s);
double sim_sketch_hi(const sim_sketch *s);

/* ---- across replications ---- */
/* Mean and 95 % CI half-width t(0.975, n-1) * s / sqrt(n) of x[0..n-1], skipping NaN
 * values. Returns the number of values used; with fewer than 2 the half-width is NaN
 * (and the mean NaN when none). */
size_t sim_ci95(const double *x, size_t n, size_t stride, double *mean, double *halfwidth);

#endif
