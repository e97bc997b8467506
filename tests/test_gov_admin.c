/*
 * 千线一针 and 还权赋能: administrative tasks pushed down to communities, and a
 * policy that removes a share r of them.
 *
 * The model draws every task (arrival, duration, and a uniform u) from its own
 * stream whatever the policy, and drops the task when u < r. Under common
 * random numbers (same seed and replication) the relieved run therefore sees the
 * same task stream, thinned independently of each task's duration, so the
 * administrative hours it completes are (1 - r) of the unrelieved run's in
 * expectation, exactly: E[sum of kept durations] = (1 - r) E[sum of all]. Per
 * replication they differ by the thinning noise and by which tasks happen to
 * complete inside the window, hence a CI over replications.
 *
 * Checks (R = 8 replications, r = 0.4, community workers on duty round the
 * clock so that on-duty hours are headcount x time and there is no overtime):
 *  1. hand calculation: admin_hours_per_worker_week without relief equals
 *     tasks per worker-week x mean task time = 8 x 1 h (95 % CI);
 *  2. thinning: the paired difference A_r - (1 - r) A_0 has a 95 % CI containing 0;
 *  3. the hours are really freed: community utilization falls by the freed
 *     hours per worker-hour, (A_0 - A_r) / 168; the paired difference
 *     (U_0 - U_r) - (A_0 - A_r)/168 has a 95 % CI containing 0 (the work on
 *     cases is the same in expectation in both runs);
 *  4. r = 1 removes every task: exactly zero administrative hours.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "gov_fixture.h"

#define SEED 5150u
enum { REPS = 8 };

static void admin_config(gov_config *cfg, double relieved)
{
    fx_defaults(cfg);
    fx_region(cfg, 36000, 2.62, 1, 1, 3, 1, 1, 1);
    cfg->horizon = 35 * FX_DAY;
    cfg->warmup = 7 * FX_DAY;
    cfg->timeseries_step = 0.0;
    cfg->workforce.enabled = 0;
    fx_schedule_24h(&cfg->shifts.community);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        cfg->policy[k].admin_tasks.relieved_share = relieved;
}

Test(gov_admin, relief_frees_its_share_of_worker_hours)
{
    const double r = 0.4;
    gov_config c0, cr;
    admin_config(&c0, 0.0);
    admin_config(&cr, r);
    const gov_admin_cfg *ad = &c0.policy[0].admin_tasks;
    double per_week = ad->community_per_worker_per_week * ad->task.mean;

    double *a = calloc(REPS * FX_STRIDE, sizeof *a), *b = calloc(REPS * FX_STRIDE, sizeof *b);
    cr_assert(a != NULL && b != NULL);
    fx_reps(&c0, SEED, REPS, a);
    fx_reps(&cr, SEED, REPS, b);

    double m, hw;
    fx_ci(a, REPS, 0, KPI_ADMIN_HOURS_PER_WORKER_WEEK, &m, &hw);
    cr_log_info("admin hours per worker-week %.3f +- %.3f, expected %.3f", m, hw, per_week);
    cr_expect(le(dbl, fabs(m - per_week), hw), "admin hours per worker-week %.3f +- %.3f, expected %.3f", m, hw,
              per_week);

    double thin[REPS], freed[REPS];
    for (size_t i = 0; i < REPS; i++) {
        double a0 = FX_REP(a, i, 0, KPI_ADMIN_HOURS_PER_WORKER_WEEK), ar = FX_REP(b, i, 0, KPI_ADMIN_HOURS_PER_WORKER_WEEK);
        double u0 = FX_REP(a, i, 0, KPI_UTILIZATION_COMMUNITY), ur = FX_REP(b, i, 0, KPI_UTILIZATION_COMMUNITY);
        thin[i] = ar - (1.0 - r) * a0;
        freed[i] = (u0 - ur) - (a0 - ar) / FX_WEEK;
    }
    sim_ci95(thin, REPS, 1, &m, &hw);
    cr_log_info("A_r - (1-r) A_0 = %.4f +- %.4f h per worker-week", m, hw);
    cr_expect(le(dbl, fabs(m), hw), "thinning: A_r - (1-r) A_0 = %.4f +- %.4f", m, hw);
    sim_ci95(freed, REPS, 1, &m, &hw);
    cr_log_info("(U_0 - U_r) - freed/168 = %.5f +- %.5f", m, hw);
    cr_expect(le(dbl, fabs(m), hw), "freed hours do not show in utilization: %.5f +- %.5f", m, hw);

    gov_config all;
    admin_config(&all, 1.0);
    sim_rep_result *res = fx_run(&all, SEED, 0, NULL);
    cr_expect(eq(dbl, FX_KPI(res, 0, KPI_ADMIN_HOURS_PER_WORKER_WEEK), 0.0));
    gov_result_destroy(res);
    gov_config_free(&all);
    free(a);
    free(b);
    gov_config_free(&c0);
    gov_config_free(&cr);
}
