/*
 * Staff side of the model: what staffing costs, how it changes over time, and
 * where extra hands come from, each against a hand calculation.
 *
 *  - costs: with workforce dynamics off, headcounts are what the policy says, so
 *    cost_per_year is the sum of headcount x yearly pay plus the communities'
 *    budgets, exactly (to rounding); per area class only the class's
 *    community-level staff (grid and community workers; volunteers are unpaid)
 *    and budgets count;
 *  - policy timeline: a change of community_workers_per_10k at a given time
 *    costs the headcount-years before and after the change;
 *  - department_staff_multiplier: with no work for the departments (no demand,
 *    no line tasks, so nobody is busy when a post is cut), their cost follows
 *    the hand-worked headcounts of each timeline stretch, the floors included
 *    (min_staff at the district, one stationed member per street);
 *  - turnover: with no overtime effect, each worker quits in a week with
 *    probability 1 - exp(-nu x 168/8760), so quits per worker-year are
 *    (1 - exp(-nu/52.14)) x 52.14 ~ nu; the mean over R = 8 replications must
 *    have a 95 % CI containing it;
 *  - sinking cadres (下沉): department staff moved into communities for a window
 *    raise the community headcount by exactly that many for that long (the
 *    class groups' cost counts community-level pay only, so it measures the
 *    headcount); community utilization is lower in the window under common
 *    random numbers, and before the window nothing differs at all;
 *  - volunteers: they take only the categories marked volunteer_ok (trace), and
 *    community workers' utilization falls (paired, CI).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"

#define SEED 8080u

/* 50,000 residents, 2.5 per household, one district, two streets, four
 * communities (12,500 residents and 5,000 households each), two urban and two
 * rural; round numbers everywhere so the headcounts can be worked by hand. */
static void cost_config(gov_config *cfg)
{
    fx_defaults(cfg);
    fx_region(cfg, 50000, 2.5, 1, 2, 4, 0.5, 0, 0.5);
    cfg->workforce.enabled = 0;
    cfg->horizon = 30 * FX_DAY;
    cfg->warmup = 2 * FX_DAY;
    cfg->timeseries_step = 0.0;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        gov_policy_cfg *p = &cfg->policy[k];
        p->staffing.households_per_grid_worker = 300.0;
        p->staffing.community_workers_per_10k = 16.0;
        p->staffing.min_community_workers = 9.0;
        p->staffing.village_workers_per_10k = 16.0; /* rural communities: the village ratio */
        p->staffing.min_village_workers = 9.0;
        p->volunteers.enabled = 1;
    }
    for (size_t d = 0; d < cfg->n_departments; d++) {
        cfg->departments[d].staff_per_100k = 10.0;
        cfg->departments[d].min_staff = 2.0;
        cfg->departments[d].stationed_per_street = d < 2 ? 1.0 : 0.0;
    }
    cfg->hotline.operators_per_million = 78.0;
    cfg->hotline.min_operators = 3.0;
    cfg->street.dispatchers_per_street = 4.0;
    gov_costs_cfg *c = &cfg->costs;
    c->grid_worker_per_year = 60000;
    c->community_worker_per_year = 90000;
    c->department_staff_per_year = 150000;
    c->operator_per_year = 80000;
    c->dispatcher_per_year = 100000;
    c->community_budget_per_year = 373000;
}

/* By hand, per community: grid workers ceil(5000 / 300) = ceil(16.7) = 17;
 * community workers 12,500 x 16 / 10,000 = 20 (above the minimum of 9).
 * Shared: departments 7 x max(2, 50,000 x 10 / 100,000 = 5) = 35 at the
 * district plus 1 stationed at each of 2 streets for 2 departments = 4;
 * hotline max(3, round(78 x 0.05 = 3.9)) = 4 operators; 2 streets x
 * max(4, 25,000 x 1 / 10,000 = 2.5) dispatchers = 8. */
#define COST_CLASS (2 * 17 * 60000.0 + 2 * 20 * 90000.0 + 2 * 373000.0) /* 6,386,000 per class */
#define COST_SHARED ((35 + 4) * 150000.0 + 4 * 80000.0 + 8 * 100000.0) /* 6,970,000 */

static void expect_close(const char *what, double got, double want)
{
    cr_expect(le(dbl, fabs(got - want), 1e-9 * want), "%s: %.2f, by hand %.2f", what, got, want);
}

Test(gov_workforce, cost_is_headcount_times_pay_plus_budgets)
{
    gov_config cfg;
    cost_config(&cfg);
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    expect_close("cost_per_year", FX_KPI(r, GOV_GROUP_ALL, KPI_COST_PER_YEAR), 2 * COST_CLASS + COST_SHARED);
    expect_close("urban cost_per_year", FX_KPI(r, GOV_GROUP_URBAN, KPI_COST_PER_YEAR), COST_CLASS);
    expect_close("rural cost_per_year", FX_KPI(r, GOV_GROUP_RURAL, KPI_COST_PER_YEAR), COST_CLASS);
    double years = (cfg.horizon - cfg.warmup) / FX_YEAR;
    expect_close("cost_per_resolved_case", FX_KPI(r, 0, KPI_COST_PER_RESOLVED_CASE),
                 (2 * COST_CLASS + COST_SHARED) * years / FX_KPI(r, 0, KPI_CASES_RESOLVED));
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_workforce, timeline_costs_the_headcount_years)
{
    gov_config cfg;
    cost_config(&cfg);
    /* Day 10 (a Thursday, 10:00, workers busy): 16 -> 24 per 10k, 20 -> 30 per
     * community; day 20 back to 16 (20 per community). */
    gov_change_cfg *c = fx_add_change(&cfg, 10 * FX_DAY + 10);
    fx_set_workers_per_10k(c->policy, 24.0);
    c = fx_add_change(&cfg, 20 * FX_DAY + 10);
    fx_set_workers_per_10k(c->policy, 16.0);
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    /* Window 2 d to 30 d = 672 h: 20 workers for 8 d + 10 h, 30 for 10 d, 20 for 9 d + 14 h. */
    double mean_heads = (20 * (8 * FX_DAY + 10) + 30 * (10 * FX_DAY) + 20 * (9 * FX_DAY + 14)) / (28 * FX_DAY);
    double per_class = 2 * 17 * 60000.0 + 2 * mean_heads * 90000.0 + 2 * 373000.0;
    expect_close("cost_per_year with a timeline", FX_KPI(r, 0, KPI_COST_PER_YEAR), 2 * per_class + COST_SHARED);
    expect_close("urban cost_per_year with a timeline", FX_KPI(r, GOV_GROUP_URBAN, KPI_COST_PER_YEAR), per_class);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_workforce, department_multiplier_costs_the_headcount_years)
{
    gov_config cfg;
    cost_config(&cfg);
    fx_quiet(&cfg);
    cfg.demand.per_1000_residents_per_day = 0.0;
    /* Day 10, 10:00: twice the establishment, 7 x 2 x 5 = 70 at the district and
     * 2 x 1 stationed for each of 2 departments at 2 streets = 8. Day 20, 10:00:
     * a fifth: 5 x 0.2 = 1 is below min_staff, so 7 x 2 = 14; 1 x 0.2 rounds to
     * 0, but a street keeps one of a department it had: 4. */
    gov_change_cfg *c = fx_add_change(&cfg, 10 * FX_DAY + 10);
    c->department_staff_multiplier = 2.0;
    c = fx_add_change(&cfg, 20 * FX_DAY + 10);
    c->department_staff_multiplier = 0.2;
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    /* Window 2 d to 30 d: 39 staff for 8 d + 10 h, 78 for 10 d, 18 for 9 d + 14 h. */
    double dept_heads = (39 * (8 * FX_DAY + 10) + 78 * (10 * FX_DAY) + 18 * (9 * FX_DAY + 14)) / (28 * FX_DAY);
    double shared = dept_heads * 150000.0 + 4 * 80000.0 + 8 * 100000.0;
    expect_close("cost_per_year with department multipliers", FX_KPI(r, 0, KPI_COST_PER_YEAR),
                 2 * COST_CLASS + shared);
    expect_close("urban cost_per_year (departments are shared)", FX_KPI(r, GOV_GROUP_URBAN, KPI_COST_PER_YEAR),
                 COST_CLASS);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_workforce, turnover_matches_the_quit_hazard)
{
    enum { REPS = 8 };
    gov_config cfg;
    fx_defaults(&cfg);
    fx_quiet(&cfg);
    cfg.workforce.enabled = 1;
    cfg.workforce.overtime_sensitivity = 0.0;
    cfg.demand.per_1000_residents_per_day = 0.01; /* quits are all this test is about */
    fx_region(&cfg, 600000, 2.62, 1, 5, 50, 0.5, 0.2, 0.3);
    cfg.horizon = FX_YEAR;
    cfg.warmup = 0.0;
    cfg.timeseries_step = 0.0;
    double nu = cfg.workforce.turnover_per_year, weeks = FX_YEAR / FX_WEEK;
    double expected = (1.0 - exp(-nu / weeks)) * weeks;
    double *a = calloc(REPS * FX_STRIDE, sizeof *a);
    cr_assert(a != NULL);
    fx_reps(&cfg, SEED, REPS, a);
    double m, hw;
    fx_ci(a, REPS, 0, KPI_TURNOVER_PER_YEAR, &m, &hw);
    cr_log_info("turnover %.4f +- %.4f per worker-year, expected %.4f", m, hw, expected);
    cr_expect(le(dbl, fabs(m - expected), hw), "turnover %.4f +- %.4f, expected %.4f", m, hw, expected);
    free(a);
    gov_config_free(&cfg);
}

Test(gov_workforce, sinking_cadres_join_communities_for_the_window)
{
    enum { REPS = 6 };
    const double start = 10 * FX_DAY, end = 20 * FX_DAY, moved = 10;
    gov_config base, sink;
    cost_config(&base);
    cost_config(&sink);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        base.policy[k].volunteers.enabled = sink.policy[k].volunteers.enabled = 0;
    base.timeseries_step = sink.timeseries_step = FX_DAY;
    fx_add_sinking(&sink, start, end, moved, NULL);
    double *a = calloc(REPS * FX_STRIDE, sizeof *a), *b = calloc(REPS * FX_STRIDE, sizeof *b);
    double util_diff[REPS];
    cr_assert(a != NULL && b != NULL);
    double window = base.horizon - base.warmup;
    for (size_t i = 0; i < REPS; i++) {
        sim_rep_result *ra = fx_run(&base, SEED, i, NULL), *rb = fx_run(&sink, SEED, i, NULL);
        memcpy(&a[i * FX_STRIDE], ra->metrics, FX_STRIDE * sizeof *a);
        memcpy(&b[i * FX_STRIDE], rb->metrics, FX_STRIDE * sizeof *b);
        /* Community headcount: +10 community workers for 10 days of the window. */
        double d_class = FX_KPI(rb, GOV_GROUP_URBAN, KPI_COST_PER_YEAR) + FX_KPI(rb, GOV_GROUP_RURAL, KPI_COST_PER_YEAR) -
                         FX_KPI(ra, GOV_GROUP_URBAN, KPI_COST_PER_YEAR) - FX_KPI(ra, GOV_GROUP_RURAL, KPI_COST_PER_YEAR);
        cr_expect(le(dbl, fabs(d_class - moved * 90000.0 * (end - start) / window), 1e-9 * FX_KPI(ra, 0, KPI_COST_PER_YEAR)),
                  "community pay added by sinking: %.2f", d_class);
        /* Overall: the same people, paid as department staff, counted as community workers. */
        double d_all = FX_KPI(rb, 0, KPI_COST_PER_YEAR) - FX_KPI(ra, 0, KPI_COST_PER_YEAR);
        cr_expect(le(dbl, fabs(d_all - moved * (90000.0 - 150000.0) * (end - start) / window),
                     1e-9 * FX_KPI(ra, 0, KPI_COST_PER_YEAR)),
                  "sinking moves pay from departments to communities: %.2f", d_all);
        /* Days before the window: the same events, the same series, bit for bit. */
        size_t pre = 0, in = 0;
        double u_base = 0, u_sink = 0;
        for (size_t row = 0; row < ra->n_points; row++) {
            double t = gov_model_ops.series_time(&base, row) * FX_DAY; /* end of the interval, h */
            const double *xa = &ra->series[row * GOV_N_SERIES], *xb = &rb->series[row * GOV_N_SERIES];
            if (t < start) {
                cr_expect(memcmp(xa, xb, GOV_N_SERIES * sizeof *xa) == 0, "series differ at day %g, before the sinking",
                          t / FX_DAY);
                pre++;
            } else if (t - FX_DAY >= start && t <= end) {
                u_base += xa[SER_UTIL_COMMUNITY];
                u_sink += xb[SER_UTIL_COMMUNITY];
                in++;
            }
        }
        cr_assert(pre == 9 && in == 10);
        util_diff[i] = (u_sink - u_base) / (double)in;
        gov_result_destroy(ra);
        gov_result_destroy(rb);
    }
    double m, hw;
    sim_ci95(util_diff, REPS, 1, &m, &hw);
    cr_log_info("community utilization in the window, with minus without sinking: %.4f +- %.4f", m, hw);
    cr_expect(lt(dbl, m + hw, 0.0), "sinking should lower community utilization in the window: %.4f +- %.4f", m, hw);
    free(a);
    free(b);
    gov_config_free(&base);
    gov_config_free(&sink);
}

Test(gov_workforce, volunteers_take_volunteer_cases_only)
{
    enum { REPS = 6 };
    gov_config off, on;
    cost_config(&off);
    cost_config(&on);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        off.policy[k].volunteers.enabled = 0;
    fx_trace t;
    sim_rep_result *r = fx_run_traced(&on, SEED, 0, &t);
    size_t by_volunteers = 0;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        if (strcmp(e->event, "start") != 0 || strcmp(e->role, "volunteer") != 0)
            continue;
        by_volunteers++;
        cr_expect(eq(int, on.categories[fx_category(&on, e->category)].volunteer_ok, 1),
                  "volunteers took case %llu of category %s", (unsigned long long)e->id, e->category);
    }
    cr_log_info("volunteers started %zu cases", by_volunteers);
    cr_expect(gt(sz, by_volunteers, (size_t)100), "volunteers should take cases");
    fx_trace_free(&t);
    gov_result_destroy(r);

    double *a = calloc(REPS * FX_STRIDE, sizeof *a), *b = calloc(REPS * FX_STRIDE, sizeof *b);
    cr_assert(a != NULL && b != NULL);
    fx_reps(&off, SEED, REPS, a);
    fx_reps(&on, SEED, REPS, b);
    double m, hw;
    fx_ci_diff(a, b, REPS, 0, KPI_UTILIZATION_COMMUNITY, &m, &hw);
    cr_log_info("community utilization, with minus without volunteers: %.4f +- %.4f", m, hw);
    cr_expect(lt(dbl, m + hw, 0.0), "volunteers should relieve community workers: %.4f +- %.4f", m, hw);
    free(a);
    free(b);
    gov_config_free(&off);
    gov_config_free(&on);
}
