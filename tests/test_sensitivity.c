/*
 * Morris and Sobol indices (sim_sensitivity.h) against functions whose indices
 * are known: the Ishigami function (Ishigami & Homma 1990; its Sobol indices in
 * closed form, Sobol' & Levitan 1999) and linear models (S_i = ST_i =
 * a_i^2 Var x_i / sum a_j^2 Var x_j; every Morris effect of x_i is a_i times
 * its range). The command line runs the same code on design points of a
 * scenario (tests/test_sensitivity_cli.c).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "sim_mem.h"
#include "sim_rng.h"
#include "sim_sensitivity.h"

#define PI 3.14159265358979323846

static void setup(void) { sim_rng_gsl_errors_off(); }

static double ishigami(const double *x)
{
    const double a = 7, b = 0.1;
    return sin(x[0]) + a * sin(x[1]) * sin(x[1]) + b * pow(x[2], 4) * sin(x[0]);
}

/* Closed form: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2. */
static void ishigami_indices(double s1[3], double st[3])
{
    const double a = 7, b = 0.1, pi4 = pow(PI, 4), pi8 = pow(PI, 8);
    double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
    double v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * pi8 / 225;
    s1[0] = v1 / v, s1[1] = v2 / v, s1[2] = 0;
    st[0] = (v1 + v13) / v, st[1] = v2 / v, st[2] = v13 / v;
}

/* Outputs of f at the design's points mapped to [lo, hi]. */
static double *evaluate(const double *u, size_t n, size_t k, const double *lo, const double *hi,
                        double (*f)(const double *))
{
    double *y = malloc(n * sizeof *y), x[8];
    for (size_t j = 0; j < n; j++) {
        for (size_t i = 0; i < k; i++)
            x[i] = lo[i] + u[j * k + i] * (hi[i] - lo[i]);
        y[j] = f(x);
    }
    return y;
}

/* A true index lies within its reported 95 % bootstrap interval widened to
 * 99.9 % (z 3.29 instead of 1.96): six indices at 95 % would all hold only
 * three times in four. */
#define WIDEN (3.29 / 1.96)

Test(sensitivity, sobol_recovers_the_ishigami_indices, .init = setup)
{
    sim_sa_plan p = {SIM_SA_SOBOL, 3, 4096, 0};
    double *u;
    size_t n;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_sa_design(&p, 1, &u, &n, &err), SIM_OK));
    cr_assert(eq(sz, n, 4096 * 5));
    const double lo[3] = {-PI, -PI, -PI}, hi[3] = {PI, PI, PI};
    double *y = evaluate(u, n, 3, lo, hi, ishigami);
    sim_sa_result r[3];
    cr_assert(eq(int, sim_sa_analyze(&p, u, y, 1, r, &err), SIM_OK));
    double s1[3], st[3];
    ishigami_indices(s1, st);
    for (int i = 0; i < 3; i++) {
        cr_expect(r[i].s1_conf > 0 && r[i].s1_conf < 0.1, "x%d: S1 conf %g", i + 1, r[i].s1_conf);
        cr_expect(fabs(r[i].s1 - s1[i]) <= WIDEN * r[i].s1_conf, "x%d: S1 %g ± %g, true %g", i + 1, r[i].s1,
                  r[i].s1_conf, s1[i]);
        cr_expect(fabs(r[i].st - st[i]) <= WIDEN * r[i].st_conf, "x%d: ST %g ± %g, true %g", i + 1, r[i].st,
                  r[i].st_conf, st[i]);
        cr_expect(eq(sz, r[i].used, 4096));
    }
    /* The ranking it must give: x2 first by S1, x1 first by ST, x3 last by S1 but not by ST. */
    cr_expect(r[1].s1 > r[0].s1 && r[0].s1 > r[2].s1);
    cr_expect(r[0].st > r[1].st && r[2].st > 0.15);
    sim_free(u);
    free(y);
}

static double linear(const double *x) { return 1.0 * x[0] - 2.0 * x[1] + 0.5 * x[2] + 3.0; }

Test(sensitivity, sobol_of_a_linear_model, .init = setup)
{
    sim_sa_plan p = {SIM_SA_SOBOL, 3, 2048, 0};
    double *u;
    size_t n;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_sa_design(&p, 1, &u, &n, &err), SIM_OK));
    const double lo[3] = {0, 0, -4}, hi[3] = {2, 1, 4}, a[3] = {1, -2, 0.5};
    double *y = evaluate(u, n, 3, lo, hi, linear);
    sim_sa_result r[3];
    cr_assert(eq(int, sim_sa_analyze(&p, u, y, 7, r, &err), SIM_OK));
    double var[3], total = 0;
    for (int i = 0; i < 3; i++)
        total += var[i] = a[i] * a[i] * (hi[i] - lo[i]) * (hi[i] - lo[i]) / 12;
    for (int i = 0; i < 3; i++) {
        cr_expect(fabs(r[i].s1 - var[i] / total) <= WIDEN * r[i].s1_conf, "x%d: %g vs %g", i + 1, r[i].s1,
                  var[i] / total);
        cr_expect(fabs(r[i].st - var[i] / total) <= WIDEN * r[i].st_conf, "x%d: %g vs %g", i + 1, r[i].st,
                  var[i] / total);
    }
    sim_free(u);
    free(y);
}

Test(sensitivity, morris_design_and_linear_effects, .init = setup)
{
    sim_sa_plan p = {SIM_SA_MORRIS, 3, 12, 4};
    double *u;
    size_t n;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_sa_design(&p, 3, &u, &n, &err), SIM_OK));
    cr_assert(eq(sz, n, 12 * 4));
    /* Each trajectory moves every parameter once, by Δ = 4 / 6, on the grid. */
    double d = 4.0 / 6.0;
    for (size_t t = 0; t < 12; t++) {
        int moved[3] = {0};
        for (size_t s = 0; s < 3; s++)
            for (size_t i = 0; i < 3; i++) {
                double a = u[(t * 4 + s) * 3 + i], b = u[(t * 4 + s + 1) * 3 + i];
                cr_assert(a >= 0 && a <= 1 + 1e-12 && b >= 0 && b <= 1 + 1e-12);
                if (a != b) {
                    cr_assert(fabs(fabs(b - a) - d) < 1e-12);
                    moved[i]++;
                }
            }
        cr_assert(moved[0] == 1 && moved[1] == 1 && moved[2] == 1, "trajectory %zu", t);
    }
    const double lo[3] = {0, 0, -4}, hi[3] = {2, 1, 4}, a[3] = {1, -2, 0.5};
    double *y = evaluate(u, n, 3, lo, hi, linear);
    sim_sa_result r[3];
    cr_assert(eq(int, sim_sa_analyze(&p, u, y, 3, r, &err), SIM_OK));
    for (int i = 0; i < 3; i++) {
        double effect = a[i] * (hi[i] - lo[i]); /* the output's change over the whole range */
        cr_expect(fabs(r[i].mu - effect) < 1e-9, "x%d: mu %g vs %g", i + 1, r[i].mu, effect);
        cr_expect(fabs(r[i].mu_star - fabs(effect)) < 1e-9);
        cr_expect(r[i].sigma < 1e-9, "a linear model has no spread of effects: %g", r[i].sigma);
    }
    /* Ranking by mu*: x2 (|−2| x 1 = 2) and x3 (0.5 x 8 = 4) above x1 (2): x3 > x1 = x2. */
    cr_expect(r[2].mu_star > r[0].mu_star);
    sim_free(u);
    free(y);
}

/* Ishigami under Morris: x3 acts only together with x1, so its effects spread
 * (sigma well above zero) although its first-order Sobol index is zero; x2
 * acts alone but not linearly. */
Test(sensitivity, morris_sees_the_ishigami_interaction, .init = setup)
{
    sim_sa_plan p = {SIM_SA_MORRIS, 3, 200, 4};
    double *u;
    size_t n;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_sa_design(&p, 5, &u, &n, &err), SIM_OK));
    const double lo[3] = {-PI, -PI, -PI}, hi[3] = {PI, PI, PI};
    double *y = evaluate(u, n, 3, lo, hi, ishigami);
    /* An undefined output drops its trajectory only. */
    y[0] = NAN;
    sim_sa_result r[3];
    cr_assert(eq(int, sim_sa_analyze(&p, u, y, 5, r, &err), SIM_OK));
    cr_expect(eq(sz, r[0].used, 199));
    /* On the 4-level grid x2 takes -pi, -pi/3, pi/3, pi and a step of 2/3 of the
     * range joins -pi to pi/3 or -pi/3 to pi: sin^2 goes between 0 and 3/4, so
     * every effect is 7 x 3/4 / (2/3) = 7.875 in size, up or down. */
    cr_expect(fabs(r[1].mu_star - 7.875) < 1e-9, "x2: mu* %g", r[1].mu_star);
    cr_expect(r[1].sigma > 7, "x2's effects go both ways: sigma %g", r[1].sigma);
    for (int i = 0; i < 3; i += 2)
        cr_expect(r[i].mu_star > 1 && r[i].mu_star_conf > 0 && r[i].mu_star_conf < r[i].mu_star, "x%d", i + 1);
    cr_expect(r[2].sigma > 0.5 * r[2].mu_star, "x3 interacts: sigma %g, mu* %g", r[2].sigma, r[2].mu_star);
    sim_free(u);
    free(y);
}
