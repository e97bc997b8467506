/*
 * 多头派单 (multi_dispatch) against the rule it wraps.
 *
 * k = 1: one platform is one network (一网统筹). The case travels by the base
 * rule and no duplicate is ever drawn, so every metric, time-series point and
 * event count must equal the base rule's bit for bit (same seed, same
 * replication): the check is memcmp, NaN patterns included.
 *
 * k = 3: each of the k - 1 other platforms dispatches the same case with the
 * duplicate probability p, and each duplicate costs the resolving unit a draw
 * of duplicate_work. Two independent consequences are checked, with workforce
 * dynamics off so the work content of a case does not depend on who does it:
 *
 *  1. The extra work equals the duplicate share. Let W be case_work_h (staff
 *     hours completed on cases, duplicates included) and s the reported
 *     duplicate_dispatch_share. Under common random numbers the case work is
 *     the same in expectation with and without duplicates (handling comes from
 *     draws made at birth, intake and forwarding draws have the same
 *     distribution), so (W3 - W1) / W3 = s3 in expectation: the per-replication
 *     paired difference (W3 - W1)/W3 - s3 must have a 95 % CI containing 0. This
 *     fails if duplicates change the work on the cases themselves; that the work
 *     counted is work done is checked against the pools' busy hours.
 *  2. Hand calculation of the duplicate hours: every case is assigned exactly
 *     once (reported through the app, none on the spot, none latent, no
 *     abandonment), so duplicate hours per case are (k - 1) p E[duplicate_work]
 *     = 2 x 0.5 x 0.5 h = 0.5 h. The per-replication ratio s3 W3 / cases_total
 *     must have a 95 % CI containing 0.5.
 * Both hold exactly in expectation because each run follows every case from
 * birth to resolution (see assigned_once); the CIs come from 10 replications.
 * (With the whole history in the window, the intake and forwarding draws of the
 * service stream are the same numbers in both runs, only handed to other cases,
 * so W1 and the case part of W3 agree to rounding: check 1 is then sharp.)
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"
#include "route_registry.h"

#define SEED 4242u

static void multi_config(gov_config *cfg, const char *base, int k)
{
    fx_defaults(cfg);
    fx_no_actors(cfg); /* every case's work is the staff's, counted in busy_hours */
    fx_region(cfg, 48000, 2.62, 1, 2, 4, 0.5, 0.25, 0.25);
    cfg->horizon = 21 * FX_DAY;
    cfg->warmup = 3 * FX_DAY;
    fx_rule(cfg, "multi_dispatch");
    for (int c = 0; c < GOV_N_CLASSES; c++) {
        fx_set_text(&cfg->policy[c], "routing.base_rule", base);
        fx_set(&cfg->policy[c], "routing.platforms", k);
    }
}

static void same_bits(const sim_rep_result *a, const sim_rep_result *b, const char *what)
{
    for (size_t i = 0; i < FX_STRIDE; i++)
        cr_expect(memcmp(&a->metrics[i], &b->metrics[i], sizeof(double)) == 0, "%s: metric %s of group %zu: %.17g vs %.17g",
                  what, gov_model_desc.metrics[i % GOV_N_KPIS].name, i / GOV_N_KPIS, a->metrics[i], b->metrics[i]);
    cr_assert(eq(sz, a->n_points, b->n_points));
    cr_expect(memcmp(a->series, b->series, a->n_points * GOV_N_SERIES * sizeof(double)) == 0, "%s: time series differ", what);
    cr_expect(eq(u64, a->events, b->events), "%s: %llu events vs %llu", what, (unsigned long long)a->events,
              (unsigned long long)b->events);
}

Test(gov_multi, one_platform_is_the_base_rule_bit_for_bit)
{
    /* Every base rule of the registry. */
    for (size_t i = 0; i < route_count(); i++) {
        if (route_table()[i]->delegates)
            continue;
        const char *base = route_table()[i]->name;
        gov_config multi, plain;
        multi_config(&multi, base, 1);
        multi_config(&plain, base, 1);
        fx_rule(&plain, base);
        /* Stationed staff, so whistle's and grab's own paths are used. */
        for (size_t d = 0; d < multi.n_departments; d++)
            multi.departments[d].stationed_per_street = plain.departments[d].stationed_per_street = 1.0;
        for (uint64_t rep = 0; rep < 2; rep++) {
            sim_rep_result *a = fx_run(&plain, SEED, rep, NULL);
            sim_rep_result *b = fx_run(&multi, SEED, rep, NULL);
            cr_expect(eq(dbl, FX_KPI(b, 0, KPI_DUPLICATE_DISPATCH_SHARE), 0.0));
            same_bits(a, b, base);
            gov_result_destroy(a);
            gov_result_destroy(b);
        }
        gov_config_free(&multi);
        gov_config_free(&plain);
    }
}

/* Every case reaches its resolving unit exactly once, with nothing but case
 * work, and the run covers every case from birth to resolution: no warm-up,
 * demand stops on day 14 of 21, staff work round the clock and departments have
 * three times their default staff, so the district drains (checked: no case
 * open at the end; consultation cases, which wait for a monthly meeting, are
 * left out of the mix). Without the drain, duplicates leave more cases
 * unfinished at the horizon and the window sees less case work: an edge effect
 * of about 1 % that says nothing about duplicates. */
static void assigned_once(gov_config *cfg)
{
    fx_quiet(cfg);
    fx_all_24h(cfg);
    fx_no_latent(cfg);
    fx_channels(cfg, 0.0, 1.0); /* the app: straight to the routing rule */
    for (size_t i = 0; i < cfg->n_categories; i++)
        cfg->categories[i].on_spot_share = 0.0;
    size_t renovation = fx_category(cfg, "renovation");
    for (int k = 0; k < GOV_N_CLASSES; k++)
        cfg->categories[renovation].mix.v[k] = 0.0;
    /* Headcounts by hand: 4 communities of 12,000 residents and 5,000
     * households; 17 grid workers (5000/300 rounded up) and 24 community
     * workers (20 per 10k) each; 7 departments of 48,000 x 25 / 100,000 = 12;
     * 2 streets of 4 dispatchers; 78 x 0.048 = 3.7 -> 4 call-takers. */
    cfg->region.persons_per_household = 2.4;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg->policy[k].staffing.households_per_grid_worker = 300.0;
        cfg->policy[k].staffing.community_workers_per_10k = 20.0;
        cfg->policy[k].staffing.village_workers_per_10k = 20.0;
    }
    for (size_t d = 0; d < cfg->n_departments; d++) {
        cfg->departments[d].staff_per_100k = 25.0;
        cfg->departments[d].stationed_per_street = 0.0;
    }
    cfg->street.dispatchers_per_street = 4.0;
    cfg->hotline.operators_per_million = 78.0;
    cfg->warmup = 0.0;
    fx_add_surge(cfg, 14 * FX_DAY, cfg->horizon, 0.0, NULL);
}

/* Staff hours actually spent, from the pools' own accounting: on duty round the
 * clock from time 0 with no overtime, a role's busy hours are its utilization x
 * headcount x horizon. With nothing but case work and the district drained,
 * they must equal the work the model counted (case_work_h) to rounding: work
 * counted but never done, or done but not counted, breaks this. */
static double busy_hours(const double *a, size_t i, double horizon)
{
    return horizon * (FX_REP(a, i, 0, KPI_UTILIZATION_GRID) * 4 * 17 + FX_REP(a, i, 0, KPI_UTILIZATION_COMMUNITY) * 4 * 24 +
                      FX_REP(a, i, 0, KPI_UTILIZATION_DEPARTMENT) * 7 * 12 + FX_REP(a, i, 0, KPI_UTILIZATION_STREET) * 2 * 4 +
                      FX_REP(a, i, 0, KPI_UTILIZATION_HOTLINE) * 4);
}

Test(gov_multi, three_platforms_extra_work_is_the_duplicate_share)
{
    enum { REPS = 10 };
    gov_config one, three;
    multi_config(&one, "layered", 1);
    multi_config(&three, "layered", 3);
    assigned_once(&one);
    assigned_once(&three);
    const gov_policy_cfg *pt = &three.policy[0];
    double per_case = (fx_get(pt, "routing.platforms") - 1) * fx_get(pt, "routing.duplicate_probability") *
                      fx_get(pt, "routing.duplicate_work.mean");

    double *a = calloc(REPS * FX_STRIDE, sizeof *a), *b = calloc(REPS * FX_STRIDE, sizeof *b);
    double d1[REPS], d2[REPS];
    cr_assert(a != NULL && b != NULL);
    fx_reps(&one, SEED, REPS, a);
    fx_reps(&three, SEED, REPS, b);
    for (size_t i = 0; i < REPS; i++) {
        double w1 = FX_REP(a, i, 0, KPI_CASE_WORK_H), w3 = FX_REP(b, i, 0, KPI_CASE_WORK_H);
        double s3 = FX_REP(b, i, 0, KPI_DUPLICATE_DISPATCH_SHARE);
        cr_assert(eq(dbl, FX_REP(a, i, 0, KPI_DUPLICATE_DISPATCH_SHARE), 0.0));
        cr_assert(eq(dbl, FX_REP(a, i, 0, KPI_CASES_OPEN_END) + FX_REP(b, i, 0, KPI_CASES_OPEN_END), 0.0),
                  "the district should have drained");
        cr_assert(eq(dbl, FX_REP(a, i, 0, KPI_CASES_TOTAL), FX_REP(b, i, 0, KPI_CASES_TOTAL)),
                  "common random numbers: the same cases are born");
        double b1 = busy_hours(a, i, one.horizon), b3 = busy_hours(b, i, three.horizon);
        cr_expect(le(dbl, fabs(b1 - w1), 1e-9 * w1), "k = 1: staff were busy %.6f h for %.6f h of case work", b1, w1);
        cr_expect(le(dbl, fabs(b3 - w3), 1e-9 * w3), "k = 3: staff were busy %.6f h for %.6f h of case work", b3, w3);
        d1[i] = (w3 - w1) / w3 - s3;
        d2[i] = s3 * w3 / FX_REP(b, i, 0, KPI_CASES_TOTAL);
    }
    double m, hw;
    sim_ci95(d1, REPS, 1, &m, &hw);
    double s_mean, s_hw;
    fx_ci(b, REPS, 0, KPI_DUPLICATE_DISPATCH_SHARE, &s_mean, &s_hw);
    cr_log_info("duplicate share %.4f +- %.4f; (W3-W1)/W3 - share = %.3g +- %.3g", s_mean, s_hw, m, hw);
    cr_expect(gt(dbl, s_mean, 0.05), "duplicates should be a visible share of the work");
    /* 1e-9: rounding, for when the two sides agree exactly (see the header). */
    cr_expect(le(dbl, fabs(m), hw + 1e-9), "extra work minus duplicate share: %.3g +- %.3g does not contain 0", m, hw);
    sim_ci95(d2, REPS, 1, &m, &hw);
    cr_log_info("duplicate hours per case %.4f +- %.4f, expected %.4f", m, hw, per_case);
    cr_expect(le(dbl, fabs(m - per_case), hw), "duplicate hours per case %.4f +- %.4f, expected %.4f", m, hw, per_case);
    free(a);
    free(b);
    gov_config_free(&one);
    gov_config_free(&three);
}
