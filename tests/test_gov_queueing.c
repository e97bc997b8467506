/*
 * The governance model reduced to a textbook queue.
 *
 * One community whose grid pool has c = households / households_per_grid_worker
 * = 3000 / 300 = 10 workers, one category that the grid worker resolves on the
 * spot (on_spot_share 1, every case reported to the grid worker, none latent),
 * grid intake taking no time so the only job is the exponential handling (mean
 * 1/mu), flat demand profiles (a homogeneous Poisson process of rate lambda),
 * grid workers on duty round the clock with no part-timers, no administrative
 * tasks, no patrols, no workforce dynamics, no repeat contacts. That is exactly
 * an M/M/c queue served first come first served, so:
 *   - mean response time (birth to first contact = start of service) is Wq,
 *   - backlog_mean (time-average open cases) is L = Lq + lambda/mu,
 * with Erlang C:  P(wait) = C(c, a), a = lambda/mu,  Wq = C / (c mu - lambda),
 * L = lambda Wq + a.
 *
 * Tolerance: the theoretical value must lie inside the confidence interval
 * (Student t) of the replication means, R = 20 replications, seed fixed before
 * the first run. The file makes six such checks; each is made at 1 - 0.05/6
 * (Bonferroni), so that a correct model fails the file with a chance under 5 %
 * (at 95 % each, one run in four would fail somewhere). Bias must be small against that half-width: the relaxation time
 * of M/M/c at rho = 0.9, c = 10 is about 1/(c mu (1 - sqrt rho)^2) = 38 h, so a
 * warm-up of 400 h (> 10 relaxation times) leaves an initial-condition bias
 * below e^-10 of the value; cases still waiting at the horizon are left out of
 * the response tally, a bias of order Wq / T = 0.7 / 3000, far below the
 * half-width (about 7 % of Wq); a wrong service rate or server count moves Wq by far more
 * (c = 9 would make the queue unstable, mu = 0.95 changes Wq by +50 %).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "gov_fixture.h"

#define SEED 20240917u
enum { REPS = 20, CHECKS = 6 };

/* Erlang C through the Erlang B recurrence B(k) = a B(k-1) / (k + a B(k-1)). */
static double erlang_c(unsigned c, double a)
{
    double b = 1.0;
    for (unsigned k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    return c * b / (c - a * (1.0 - b));
}

static void mmc_config(gov_config *cfg, double lambda, double mu, double warmup, double horizon)
{
    fx_defaults(cfg);
    fx_quiet(cfg);
    fx_flat_profiles(cfg);
    fx_all_24h(cfg);
    fx_region(cfg, 3000, 1.0, 1, 1, 1, 1, 0, 0); /* 3000 households */
    size_t cat = 0;
    fx_only_category(cfg, cat);
    gov_category_cfg *c = &cfg->categories[cat];
    c->resolver = GOV_RES_GRID;
    c->on_spot_share = 1.0;
    c->handling = fx_dist(GOV_DIST_EXPONENTIAL, 1.0 / mu, 1.0);
    c->volunteer_ok = 0;
    fx_no_latent(cfg);
    fx_channels(cfg, 0.0, 0.0);
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        gov_staffing_cfg *st = &cfg->policy[k].staffing;
        st->households_per_grid_worker = 300.0;
        st->grid_part_time_share = 0.0;
        st->grid_intake = fx_dist(GOV_DIST_CONSTANT, 0.0, 0.0);
    }
    /* residents / 1000 * rate / 24 = lambda per hour */
    cfg->demand.class_multiplier.v[GOV_URBAN] = 1.0;
    cfg->demand.per_1000_residents_per_day = lambda * 24.0 * 1000.0 / 3000.0;
    cfg->warmup = warmup;
    cfg->horizon = horizon;
    cfg->timeseries_step = 0.0;
}

static void check_mmc(double lambda, double mu, unsigned c)
{
    gov_config cfg;
    mmc_config(&cfg, lambda, mu, 400.0, 3400.0);
    double *a = calloc(REPS * FX_STRIDE, sizeof *a);
    cr_assert(a != NULL);
    fx_reps(&cfg, SEED, REPS, a);

    double off = lambda / mu;
    double pw = erlang_c(c, off);
    double wq = pw / (c * mu - lambda);
    double l = lambda * wq + off;

    double m, hw;
    fx_ci_family(a, REPS, GOV_GROUP_ALL, KPI_MEAN_RESPONSE_MIN, CHECKS, &m, &hw);
    cr_log_info("M/M/%u lambda=%g: Wq %.4f h, simulated %.4f +- %.4f", c, lambda, wq, m / 60, hw / 60);
    cr_expect(le(dbl, fabs(m / 60.0 - wq), hw / 60.0), "Wq: Erlang C %.5f h outside %.5f +- %.5f", wq, m / 60.0,
              hw / 60.0);
    fx_ci_family(a, REPS, GOV_GROUP_ALL, KPI_BACKLOG_MEAN, CHECKS, &m, &hw);
    cr_log_info("M/M/%u lambda=%g: L %.4f, simulated %.4f +- %.4f", c, lambda, l, m, hw);
    cr_expect(le(dbl, fabs(m - l), hw), "L: Erlang C %.5f outside %.5f +- %.5f", l, m, hw);
    /* Every case is resolved on the spot by a grid worker: nothing else works. */
    fx_ci_family(a, REPS, GOV_GROUP_ALL, KPI_UTILIZATION_GRID, CHECKS, &m, &hw);
    cr_expect(le(dbl, fabs(m - off / c), hw), "grid utilization %.4f +- %.4f, expected rho %.4f", m, hw, off / c);
    free(a);
    gov_config_free(&cfg);
}

Test(gov_queueing, erlang_c_by_hand)
{
    /* c = 2, a = 1: B(1) = 1/2, B(2) = (1/2)/(2 + 1/2) = 1/5, C = 2 (1/5) / (2 - 4/5) = 1/3 */
    cr_assert(le(dbl, fabs(erlang_c(2, 1.0) - 1.0 / 3.0), 1e-15));
    cr_assert(le(dbl, fabs(erlang_c(1, 0.7) - 0.7), 1e-15)); /* c = 1: P(wait) = rho */
}

Test(gov_queueing, grid_pool_is_mmc_heavy) { check_mmc(9.0, 1.0, 10); }

Test(gov_queueing, grid_pool_is_mmc_light) { check_mmc(5.0, 1.0, 10); }
