/*
 * gov_draw.c — durations from the configuration's distributions, by inversion
 * of their quantile functions (GSL), so that one uniform drawn at a case's birth
 * gives the same case the same work in every scenario compared under common
 * random numbers.
 */
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "gov_draw.h"
#include "gov_route.h"

const char *const gov_dist_names[] = {"exponential", "lognormal", "gamma", "constant", "uniform", NULL};

double gov_route_draw(gov_model *m, int stream, const gov_dist_cfg *d) { return gov_draw(m, stream, d); }

double gov_dist_quantile(const gov_dist_cfg *d, double u)
{
    /* Keep u inside (0,1): the quantile functions are infinite at the ends. */
    if (u < 1e-12)
        u = 1e-12;
    if (u > 1.0 - 1e-12)
        u = 1.0 - 1e-12;
    switch (d->kind) {
    case GOV_DIST_CONSTANT:
        return d->mean;
    case GOV_DIST_UNIFORM: {
        /* mean m, cv c: uniform on m(1 -+ c sqrt 3) */
        double half = d->mean * d->cv * sqrt(3.0);
        double lo = d->mean - half < 0 ? 0 : d->mean - half;
        return lo + (2 * (d->mean - lo)) * u;
    }
    case GOV_DIST_LOGNORMAL: {
        double s2 = log1p(d->cv * d->cv);
        double mu = log(d->mean) - s2 / 2;
        return gsl_cdf_lognormal_Pinv(u, mu, sqrt(s2));
    }
    case GOV_DIST_GAMMA: {
        /* GSL's inverse does not converge far into the lower tail of small
         * shapes (cv above about 2.5) nor in the tails of large ones (NaN), and
         * is wrong for huge ones (from about cv 1e-6). There the small-x series
         * P(a, x) = x^a / Gamma(a+1) and the Wilson-Hilferty cube (used from
         * shape 1e6, cv 0.001, on) are accurate; cv 0 is the constant. */
        double shape = 1.0 / (d->cv * d->cv), scale = d->mean / shape;
        if (!isfinite(shape))
            return d->mean;
        double x = shape < 1e6 ? gsl_cdf_gamma_Pinv(u, shape, scale) : NAN;
        if (isfinite(x))
            return x;
        if (shape < 1)
            return scale * exp((log(u) + gsl_sf_lngamma(shape + 1)) / shape);
        double h = 1.0 / (9.0 * shape), c = 1.0 - h + gsl_cdf_ugaussian_Pinv(u) * sqrt(h);
        return c > 0 ? d->mean * c * c * c : 0.0;
    }
    case GOV_DIST_EXPONENTIAL:
    default:
        return gsl_cdf_exponential_Pinv(u, d->mean);
    }
}

/* gov_dist_quantile with the lognormal's parameters computed once per
 * distribution, not per draw (log1p, log and sqrt cost more than the quantile
 * itself; hotline calls and every case's handling are lognormal). A small
 * table keyed by the distribution's address; the same values, so the same
 * draws. */
double gov_quantile(gov_model *m, const gov_dist_cfg *d, double u)
{
    if (d->kind != GOV_DIST_LOGNORMAL)
        return gov_dist_quantile(d, u);
    gov_dist_memo *e = &m->dist_memo[((uintptr_t)d * UINT64_C(0x9E3779B97F4A7C15)) >> 60 &
                                     (GOV_DIST_MEMO - 1)];
    if (e->d != d || e->mean != d->mean || e->cv != d->cv) {
        double s2 = log1p(d->cv * d->cv);
        e->d = d;
        e->mean = d->mean;
        e->cv = d->cv;
        e->mu = log(d->mean) - s2 / 2;
        e->sigma = sqrt(s2);
    }
    if (u < 1e-12)
        u = 1e-12;
    if (u > 1.0 - 1e-12)
        u = 1.0 - 1e-12;
    return gsl_cdf_lognormal_Pinv(u, e->mu, e->sigma);
}

double gov_draw(gov_model *m, int stream, const gov_dist_cfg *d)
{
    gsl_rng *r = m->rng[stream];
    switch (d->kind) {
    case GOV_DIST_CONSTANT:
        return d->mean;
    case GOV_DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, d->mean);
    default:
        return gov_quantile(m, d, gsl_rng_uniform_pos(r));
    }
}

