/*
 * More community workers, everything else fixed, never lower the resolution
 * rate.
 *
 * Setting: community work is the bottleneck. Three communities of 12,000
 * residents whose demand is mostly cases the community resolves (property
 * management, disputes, services); staffing 6, 10, 14 and 18 workers per
 * 10,000 residents (7, 12, 17 and 22 per community, no minimum), so the
 * community pool goes from overloaded to comfortable.
 *
 * Reason: a pool with more servers and the same arrivals and work finishes
 * every case no later in expectation (for FCFS multi-server queues, adding a
 * server never lengthens the expected wait); administrative tasks grow with the
 * headcount too, but a worker's own tasks take less than a worker's time, so the
 * net capacity still grows. The model is a network, not a single queue, and a
 * sample path may break the order by chance, so the criterion is statistical,
 * under common random numbers (same seed and replication numbers, hence the same
 * residents' problems):
 *   - at each step (6→10, 10→14, 14→18) the mean paired difference of the
 *     resolution rate over R = 10 replications is not significantly negative:
 *     mean + 95 % half-width >= 0 (a one-sided test at 2.5 %);
 *   - between the extremes (6→18) it is significantly positive:
 *     mean - half-width > 0.
 * A model in which staffing did nothing, or hurt, fails the second check; one in
 * which a middle step hurt fails the first.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "gov_fixture.h"

#define SEED 9090u
enum { REPS = 10, N_LEVELS = 4 };

static void staffing_config(gov_config *cfg, double per_10k)
{
    fx_defaults(cfg);
    fx_region(cfg, 36000, 2.62, 1, 1, 3, 1, 1, 1);
    cfg->horizon = 56 * FX_DAY;
    cfg->warmup = 14 * FX_DAY;
    cfg->timeseries_step = 0.0;
    static const char *const community_cats[] = {"property", "dispute", "services"};
    for (size_t i = 0; i < cfg->n_categories; i++)
        for (int k = 0; k < GOV_N_CLASSES; k++)
            cfg->categories[i].mix.v[k] *= 0.2;
    for (size_t j = 0; j < 3; j++) {
        size_t c = fx_category(cfg, community_cats[j]);
        for (int k = 0; k < GOV_N_CLASSES; k++)
            cfg->categories[c].mix.v[k] = 1.0;
    }
    cfg->demand.per_1000_residents_per_day = 3.0;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg->policy[k].staffing.community_workers_per_10k = per_10k;
        cfg->policy[k].staffing.min_community_workers = 0.0;
    }
}

Test(gov_staffing, more_community_workers_never_lower_resolution)
{
    static const double levels[N_LEVELS] = {6, 10, 14, 18};
    double *a[N_LEVELS];
    for (int l = 0; l < N_LEVELS; l++) {
        gov_config cfg;
        staffing_config(&cfg, levels[l]);
        a[l] = calloc(REPS * FX_STRIDE, sizeof *a[l]);
        cr_assert(a[l] != NULL);
        fx_reps(&cfg, SEED, REPS, a[l]);
        double m, hw, u, uhw;
        fx_ci(a[l], REPS, 0, KPI_RESOLUTION_RATE, &m, &hw);
        fx_ci(a[l], REPS, 0, KPI_UTILIZATION_COMMUNITY, &u, &uhw);
        cr_log_info("%2.0f per 10k: resolution %.4f +- %.4f, community utilization %.3f", levels[l], m, hw, u);
        gov_config_free(&cfg);
    }
    for (int l = 0; l + 1 < N_LEVELS; l++) {
        double m, hw;
        fx_ci_diff(a[l], a[l + 1], REPS, 0, KPI_RESOLUTION_RATE, &m, &hw);
        cr_log_info("%2.0f -> %2.0f: paired difference %.4f +- %.4f", levels[l], levels[l + 1], m, hw);
        cr_expect(ge(dbl, m + hw, 0.0), "%g -> %g per 10k lowers the resolution rate: %.4f +- %.4f", levels[l],
                  levels[l + 1], m, hw);
    }
    double m, hw;
    fx_ci_diff(a[0], a[N_LEVELS - 1], REPS, 0, KPI_RESOLUTION_RATE, &m, &hw);
    cr_log_info("6 -> 18: paired difference %.4f +- %.4f", m, hw);
    cr_expect(gt(dbl, m - hw, 0.0), "6 -> 18 per 10k should raise the resolution rate: %.4f +- %.4f", m, hw);
    for (int l = 0; l < N_LEVELS; l++)
        free(a[l]);
}
