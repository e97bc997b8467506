/* toy_model.c — see toy_model.h. */
#include "toy_model.h"

#include <math.h>

#include <gsl/gsl_randist.h>

#include "sim_rng.h"

static const sim_metric_def metrics[] = {{"x", "u", "a normal draw"}, {"y", "share", "a uniform draw"}};
static const char *const groups[] = {"all", "g1"};
static const sim_metric_def series[] = {{"s", "u", "x + i"}};
static const sim_metric_def dists[] = {{"d", "u", "|x| + 1"}};
static const sim_model_desc desc = {2, metrics, 2, groups, 1, series, 1, dists, 0.01, 0.01, 1e3, NULL, NULL};

static size_t points(const void *config) { return ((const toy_config *)config)->points; }
static double time_of(const void *config, size_t i)
{
    (void)config;
    return (double)i * 0.5;
}

double toy_x(const toy_config *c, uint64_t seed, uint64_t rep)
{
    gsl_rng *r = sim_rng_create(seed, rep, 0, NULL);
    double x = c->offset + c->sd * gsl_ran_gaussian(r, 1.0);
    sim_rng_destroy(r);
    return x;
}

static int run(const void *config, uint64_t seed, uint64_t rep, sim_rep_result *out, sim_err *err)
{
    const toy_config *c = config;
    if (rep < 64 && (c->fail_mask >> rep & 1))
        return sim_err_add(err, SIM_ERR_RUNTIME, "toy failure in replication %llu",
                           (unsigned long long)rep + 1);
    gsl_rng *r = sim_rng_create(seed, rep, 0, err);
    if (r == NULL)
        return SIM_ERR_RUNTIME;
    double x = c->offset + c->sd * gsl_ran_gaussian(r, 1.0), y = gsl_rng_uniform(r);
    sim_rng_destroy(r);
    out->metrics[0] = x;
    out->metrics[1] = y;
    out->metrics[2] = 2 * x;
    out->metrics[3] = rep == 0 ? NAN : y;
    for (size_t i = 0; i < out->n_points; i++)
        out->series[i] = x + (double)i;
    sim_sketch_add(out->dists[0], fabs(x) + 1);
    sim_sketch_add(out->dists[1], 2 * fabs(x) + 1);
    out->events = rep + 1;
    return SIM_OK;
}

const sim_model_ops toy_ops = {.desc = &desc, .series_points = points, .series_time = time_of, .run = run};
