/*
 * sim_sensitivity.h — global sensitivity analysis: the design points to run
 * and the indices computed from their outputs (govsim sensitivity).
 *
 * Parameters live in the unit cube here; the caller maps a coordinate u to
 * low + u (high - low). Two methods, as SALib computes them:
 *
 *  - Morris elementary effects (Morris 1991; μ* of Campolongo et al. 2007):
 *    r trajectories of k + 1 points on a grid of p levels, each moving one
 *    parameter by Δ = p / (2 (p - 1)). The effect of parameter i is
 *    (y(x + Δ e_i) - y(x)) / Δ, the change of the output over the parameter's
 *    whole range; μ* is the mean of its absolute value (how much it matters),
 *    σ its standard deviation (how much it interacts or bends), μ its mean.
 *    r (k + 1) runs.
 *  - Sobol indices by Saltelli's scheme (Saltelli et al. 2010): two matrices A
 *    and B of N points from a Sobol quasi-random sequence (2k dimensions, the
 *    first point skipped) and k matrices AB_i, A with column i from B;
 *    first-order S_i = mean(f(B) (f(AB_i) - f(A))) / V and total
 *    ST_i = mean((f(A) - f(AB_i))^2) / (2 V) (Jansen), V the variance of
 *    f(A) and f(B) together. N (k + 2) runs.
 *
 * Confidence intervals are bootstrap ones: the trajectories (Morris) or the N
 * rows (Sobol) resampled 1,000 times with replacement, the interval ±1.96
 * standard deviations of the resampled estimates (as SALib reports them).
 * Trajectories or rows with an undefined output (NaN) are left out.
 */
#ifndef SIM_SENSITIVITY_H
#define SIM_SENSITIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "sim_err.h"

typedef enum sim_sa_method { SIM_SA_MORRIS, SIM_SA_SOBOL } sim_sa_method;

#define SIM_SA_MAX_PARAMS 20  /* Sobol: 2k dimensions of GSL's Sobol generator (at most 40) */
#define SIM_SA_BOOTSTRAP 1000

typedef struct sim_sa_plan {
    sim_sa_method method;
    size_t k;       /* parameters, 1 .. SIM_SA_MAX_PARAMS */
    size_t samples; /* Morris: trajectories r; Sobol: base points N */
    size_t levels;  /* Morris: grid levels p (even, >= 2) */
} sim_sa_plan;

/* Runs the plan needs. */
size_t sim_sa_points(const sim_sa_plan *p);

/* The design: *u gets n_points x k coordinates in [0, 1], row-major
 * (sim_malloc; free with sim_free). Morris draws its trajectories from seed. */
int sim_sa_design(const sim_sa_plan *p, uint64_t seed, double **u, size_t *n_points, sim_err *err);

typedef struct sim_sa_result {
    /* Morris */
    double mu, mu_star, mu_star_conf, sigma;
    /* Sobol */
    double s1, s1_conf, st, st_conf;
    size_t used; /* trajectories or rows with every output defined */
} sim_sa_result;

/* The indices of each parameter (out: k results) from the design u and the
 * output y of every point (n_points values). The bootstrap draws from seed. */
int sim_sa_analyze(const sim_sa_plan *p, const double *u, const double *y, uint64_t seed, sim_sa_result *out,
                   sim_err *err);

#endif
