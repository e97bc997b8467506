/*
 * sim_stats.c — tallies, time-weighted averages, quantile sketches and
 * confidence intervals.
 *
 * Welford's tally is written here rather than taken from gsl_rstat because it
 * must be a plain value (embedded by the thousand in per-class arrays, no
 * allocation) and mergeable across threads; gsl_rstat is neither.
 * GSL's P^2 quantile estimator (gsl_rstat_quantile) has no error bound, so the
 * quantile sketch below uses logarithmic buckets, whose relative error is
 * bounded by construction (header comment in sim_stats.h).
 */
#include "sim_stats.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "sim_mem.h"

/* ---- tally ---- */

void sim_tally_reset(sim_tally *t)
{
    t->n = 0;
    t->mean = 0.0;
    t->m2 = 0.0;
    t->min = INFINITY;
    t->max = -INFINITY;
}

void sim_tally_add(sim_tally *t, double x)
{
    t->n++;
    double d = x - t->mean;
    t->mean += d / (double)t->n;
    t->m2 += d * (x - t->mean);
    if (x < t->min)
        t->min = x;
    if (x > t->max)
        t->max = x;
}

void sim_tally_merge(sim_tally *into, const sim_tally *from)
{
    if (from->n == 0)
        return;
    if (into->n == 0) {
        *into = *from;
        return;
    }
    double na = (double)into->n, nb = (double)from->n, n = na + nb;
    double d = from->mean - into->mean;
    into->mean += d * nb / n;
    into->m2 += from->m2 + d * d * na * nb / n;
    into->n += from->n;
    if (from->min < into->min)
        into->min = from->min;
    if (from->max > into->max)
        into->max = from->max;
}

double sim_tally_mean(const sim_tally *t) { return t->n ? t->mean : NAN; }

double sim_tally_var(const sim_tally *t) { return t->n > 1 ? t->m2 / (double)(t->n - 1) : NAN; }

double sim_tally_sum(const sim_tally *t) { return t->mean * (double)t->n; }

/* ---- time-weighted average ---- */

void sim_timeavg_init(sim_timeavg *a, double t, double value)
{
    a->t_start = t;
    a->t_last = t;
    a->value = value;
    a->area = 0.0;
    a->max = value;
}

void sim_timeavg_set(sim_timeavg *a, double t, double value)
{
    if (t > a->t_last) {
        a->area += a->value * (t - a->t_last);
        a->t_last = t;
    }
    a->value = value;
    if (value > a->max)
        a->max = value;
}

void sim_timeavg_add(sim_timeavg *a, double t, double delta) { sim_timeavg_set(a, t, a->value + delta); }

void sim_timeavg_reset(sim_timeavg *a, double t) { sim_timeavg_init(a, t, a->value); }

double sim_timeavg_area(const sim_timeavg *a, double t)
{
    return a->area + (t > a->t_last ? a->value * (t - a->t_last) : 0.0);
}

double sim_timeavg_mean(const sim_timeavg *a, double t)
{
    double span = t - a->t_start;
    return span > 0.0 ? sim_timeavg_area(a, t) / span : a->value;
}

/* ---- quantile sketch ---- */

struct sim_sketch {
    double accuracy;  /* a */
    double gamma;     /* (1+a)/(1-a) */
    double log_gamma;
    double lo, hi;
    int k_lo;         /* bucket index of lo: values <= g^k_lo go to underflow... */
    size_t n_buckets; /* 0: underflow, 1..n-2: log buckets, n-1: overflow */
    uint64_t count;
    uint64_t *counts;
};

sim_sketch *sim_sketch_create(double rel_accuracy, double lo, double hi, sim_err *err)
{
    if (!(rel_accuracy > 0.0 && rel_accuracy < 0.5) || !(lo > 0.0) || !(hi > lo) ||
        !isfinite(hi)) {
        sim_err_add(err, SIM_ERR_INPUT,
                    "quantile sketch: accuracy %g must be in (0, 0.5) and 0 < lo %g < hi %g",
                    rel_accuracy, lo, hi);
        return NULL;
    }
    sim_sketch *s = sim_calloc(1, sizeof *s);
    if (s == NULL) {
        sim_err_nomem(err, "creating a quantile sketch");
        return NULL;
    }
    s->accuracy = rel_accuracy;
    s->gamma = (1.0 + rel_accuracy) / (1.0 - rel_accuracy);
    s->log_gamma = log(s->gamma);
    s->lo = lo;
    s->hi = hi;
    s->k_lo = (int)floor(log(lo) / s->log_gamma);
    int k_hi = (int)ceil(log(hi) / s->log_gamma);
    s->n_buckets = (size_t)(k_hi - s->k_lo) + 2;
    s->counts = sim_calloc(s->n_buckets, sizeof *s->counts);
    if (s->counts == NULL) {
        sim_free(s);
        sim_err_nomem(err, "creating a quantile sketch");
        return NULL;
    }
    return s;
}

void sim_sketch_destroy(sim_sketch *s)
{
    if (s == NULL)
        return;
    sim_free(s->counts);
    sim_free(s);
}

/* Bucket i >= 1 holds (g^(k-1), g^k] with k = k_lo + i. */
static size_t bucket_of(const sim_sketch *s, double x)
{
    if (!(x > s->lo))
        return 0;
    if (x > s->hi)
        return s->n_buckets - 1;
    int k = (int)ceil(log(x) / s->log_gamma);
    long i = (long)k - s->k_lo;
    if (i < 1)
        i = 1;
    if ((size_t)i > s->n_buckets - 2)
        i = (long)s->n_buckets - 2;
    return (size_t)i;
}

void sim_sketch_add(sim_sketch *s, double x)
{
    if (isnan(x))
        return;
    s->counts[bucket_of(s, x)]++;
    s->count++;
}

void sim_sketch_reset(sim_sketch *s)
{
    memset(s->counts, 0, s->n_buckets * sizeof *s->counts);
    s->count = 0;
}

int sim_sketch_merge(sim_sketch *into, const sim_sketch *from)
{
    if (into->n_buckets != from->n_buckets || into->accuracy != from->accuracy ||
        into->lo != from->lo || into->hi != from->hi)
        return SIM_ERR_INPUT;
    for (size_t i = 0; i < into->n_buckets; i++)
        into->counts[i] += from->counts[i];
    into->count += from->count;
    return SIM_OK;
}

uint64_t sim_sketch_count(const sim_sketch *s) { return s->count; }

/* The value a bucket answers with. */
static double bucket_value(const sim_sketch *s, size_t i)
{
    if (i == 0)
        return s->lo / 2.0;
    if (i == s->n_buckets - 1)
        return s->hi;
    double upper = exp((double)(s->k_lo + (long)i) * s->log_gamma);
    return 2.0 * upper / (s->gamma + 1.0);
}

double sim_sketch_quantile(const sim_sketch *s, double q)
{
    if (s->count == 0 || isnan(q))
        return NAN;
    if (q < 0.0)
        q = 0.0;
    if (q > 1.0)
        q = 1.0;
    uint64_t rank = (uint64_t)ceil(q * (double)s->count);
    if (rank < 1)
        rank = 1;
    uint64_t seen = 0;
    for (size_t i = 0; i < s->n_buckets; i++) {
        seen += s->counts[i];
        if (seen >= rank)
            return bucket_value(s, i);
    }
    return bucket_value(s, s->n_buckets - 1);
}

double sim_sketch_cdf(const sim_sketch *s, double x)
{
    if (s->count == 0)
        return NAN;
    size_t b = bucket_of(s, x);
    uint64_t below = 0;
    for (size_t i = 0; i <= b; i++)
        below += s->counts[i];
    return (double)below / (double)s->count;
}

size_t sim_sketch_buckets(const sim_sketch *s) { return s->n_buckets; }

double sim_sketch_bucket_upper(const sim_sketch *s, size_t i)
{
    if (i == 0)
        return s->lo;
    if (i >= s->n_buckets - 1)
        return INFINITY;
    return exp((double)(s->k_lo + (long)i) * s->log_gamma);
}

uint64_t sim_sketch_bucket_count(const sim_sketch *s, size_t i)
{
    return i < s->n_buckets ? s->counts[i] : 0;
}

int sim_sketch_set_bucket_count(sim_sketch *s, size_t i, uint64_t count)
{
    if (i >= s->n_buckets)
        return SIM_ERR_INPUT;
    s->count = s->count - s->counts[i] + count;
    s->counts[i] = count;
    return SIM_OK;
}

double sim_sketch_accuracy(const sim_sketch *s) { return s->accuracy; }
double sim_sketch_lo(const sim_sketch *s) { return s->lo; }
double sim_sketch_hi(const sim_sketch *s) { return s->hi; }

/* ---- across replications ---- */

size_t sim_ci95(const double *x, size_t n, size_t stride, double *mean, double *halfwidth)
{
    if (stride == 0)
        stride = 1;
    sim_tally t;
    sim_tally_reset(&t);
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (!isnan(v))
            sim_tally_add(&t, v);
    }
    *mean = sim_tally_mean(&t);
    if (t.n < 2) {
        *halfwidth = NAN;
        return (size_t)t.n;
    }
    double tq = gsl_cdf_tdist_Pinv(0.975, (double)(t.n - 1));
    *halfwidth = tq * sqrt(sim_tally_var(&t) / (double)t.n);
    return (size_t)t.n;
}
