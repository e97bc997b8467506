/*
 * 接诉即办 as the city measures it, each definition against a hand-worked case.
 * Every request is a 12345 call about a department's case (one category, the
 * hotline rule, none answered at intake), arriving at a flat rate through the
 * week (time 0 is a Monday at midnight); binomial counts are checked with the
 * suite's two-sided 99.9 % bound, |x/n - p| <= 3.29 sqrt(p (1 - p) / n).
 *
 *  - 响应率: the unit contacts the resident within 24 h. With departments on
 *    duty Monday to Friday 9:00-17:00 and nobody on call, a request waits for
 *    the next office hour; it is late exactly when made between Friday 17:00
 *    and Sunday 9:00 (the next office hour is then more than 24 h away): 40 of
 *    the week's 168 hours, so the rate is 1 - 40/168 = 0.762. With staff on
 *    call for 12345 it is 1.
 *  - 解决率 and 满意率 at the follow-up call: a unit fixes a case with its fix
 *    share f, and closes the rest with an explanation; with satisfaction not
 *    depending on time or contacts (time_k = late_k = contact_k = 0) and
 *    residents who never give up, resolution = f and satisfaction =
 *    f b + (1 - f) u (b: base, u: unfixed).
 *  - the accountability loop's effect on fixing: with a base pressure P and no
 *    unit ever pushed further (bottom share 0), the fix share is
 *    f + (1 - f) g P (g: fix_gain).
 *  - per month in timeseries.csv: when a timeline entry raises the fix share
 *    from 0.5 to 0.9 at day 60, months before show 0.5, months after 0.9.
 *  - 每月一题: one category only; at the end of the first month it is the
 *    topic, and from a lag later its births fall by the reduction: the
 *    problems born are rate x (t_e + (T - t_e)(1 - r)), a Poisson count.
 *  - 退单: with wrong_dispatch_share s, each dispatched case goes once to the
 *    wrong department with probability s and comes back (trace: "sent_back").
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"

#define SEED 12345u
#define Z 3.29
#define MONTH (8760.0 / 12.0)

/* One community of 12,000, every request a 12345 call about a market case
 * (a department's), none answered at intake, departments with staff to spare,
 * 40 calls a day. */
static void hotline_config(gov_config *cfg)
{
    fx_defaults(cfg);
    fx_quiet(cfg);
    fx_flat_profiles(cfg);
    fx_no_latent(cfg);
    fx_no_actors(cfg);
    fx_region(cfg, 12000, 2.5, 1, 1, 1, 1, 0, 0);
    size_t cat = fx_category(cfg, "market");
    fx_only_category(cfg, cat);
    fx_channels(cfg, 1.0, 0.0);
    gov_category_cfg *c = &cfg->categories[cat];
    c->hotline_intake_share = 0.0;
    c->on_spot_share = 0.0;
    c->handling = fx_dist(GOV_DIST_EXPONENTIAL, 1.0, 1.0);
    for (size_t d = 0; d < cfg->n_departments; d++) {
        cfg->departments[d].staff_per_100k = 100.0;
        cfg->departments[d].stationed_per_street = 0.0;
    }
    fx_rule(cfg, "hotline");
    cfg->demand.per_1000_residents_per_day = 40.0 * 1000.0 / 12000.0;
    cfg->horizon = 12 * FX_WEEK;
    cfg->warmup = FX_WEEK;
    cfg->timeseries_step = 0.0;
}

static void binomial(const char *what, double x, double n, double p)
{
    double tol = Z * sqrt(p * (1 - p) / n) + 1e-12;
    cr_log_info("%s: %.4f of %.0f, expected %.4f +- %.4f", what, x, n, p, tol);
    cr_expect(le(dbl, fabs(x - p), tol), "%s: %.4f of %.0f, expected %.4f +- %.4f", what, x, n, p, tol);
}

Test(gov_hotline, response_is_the_units_contact_within_the_limit)
{
    gov_config cfg;
    hotline_config(&cfg);
    /* Office hours, nobody on call. */
    cfg.shifts.department.shifts[0] = (gov_shift_cfg){0x1f, 9.0, 17.0, 1.0};
    cfg.shifts.department.n_shifts = 1;
    cfg.shifts.department.on_call_share = 0.0;
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    binomial("contacted within 24 h, office hours", FX_KPI(r, 0, KPI_HOTLINE_RESPONSE_RATE),
             FX_KPI(r, 0, KPI_HOTLINE_REQUESTS), 1.0 - 40.0 / 168.0);
    gov_result_destroy(r);
    /* Someone on call for 12345: every request is contacted in time. */
    cfg.shifts.department.on_call_share = 0.2;
    r = fx_run(&cfg, SEED, 0, NULL);
    cr_expect(eq(dbl, FX_KPI(r, 0, KPI_HOTLINE_RESPONSE_RATE), 1.0));
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

static void follow_up_config(gov_config *cfg, double fix)
{
    hotline_config(cfg);
    fx_all_24h(cfg);
    gov_satisfaction_cfg *s = &cfg->residents.satisfaction;
    s->base = 0.9;
    s->time_k = s->late_k = s->contact_k = 0.0;
    s->unfixed = 0.2;
    for (int k = 0; k < GOV_N_CLASSES; k++)
        cfg->policy[k].accountability.fix_share = fix;
}

Test(gov_hotline, resolution_and_satisfaction_are_the_residents_judgement)
{
    gov_config cfg;
    follow_up_config(&cfg, 0.6);
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    double n = FX_KPI(r, 0, KPI_CASES_RESOLVED);
    cr_expect(eq(dbl, FX_KPI(r, 0, KPI_CASES_ABANDONED), 0.0));
    binomial("judged fixed", FX_KPI(r, 0, KPI_HOTLINE_RESOLUTION_RATE), n, 0.6);
    binomial("satisfied", FX_KPI(r, 0, KPI_HOTLINE_SATISFACTION_RATE), n, 0.6 * 0.9 + 0.4 * 0.2);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_hotline, the_ranking_raises_the_fix_share_by_its_pressure)
{
    gov_config cfg;
    follow_up_config(&cfg, 0.6);
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        gov_accountability_cfg *a = &cfg.policy[k].accountability;
        a->enabled = 1;
        a->base_pressure = 0.5;
        a->bottom_share = 0.0;
        a->fix_gain = 0.8;
    }
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    /* f + (1 - f) g P = 0.6 + 0.4 x 0.8 x 0.5 = 0.76 */
    binomial("fixed under pressure", FX_KPI(r, 0, KPI_HOTLINE_RESOLUTION_RATE), FX_KPI(r, 0, KPI_CASES_RESOLVED),
             0.76);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_hotline, monthly_rates_show_a_change_in_its_month)
{
    gov_config cfg;
    follow_up_config(&cfg, 0.5);
    cfg.warmup = 0.0;
    cfg.horizon = 120 * FX_DAY;
    cfg.timeseries_step = 30 * FX_DAY;
    gov_change_cfg *c = fx_add_change(&cfg, 60 * FX_DAY);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        c->policy[k].accountability.fix_share = 0.9;
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    cr_assert(eq(sz, r->n_points, (size_t)4));
    /* About 1,200 requests a month; cases take about an hour, so a month's
     * closures are nearly all its own requests'. */
    for (size_t i = 0; i < 4; i++) {
        double got = r->series[i * GOV_N_SERIES + SER_HOTLINE_RESOLUTION_RATE];
        double want = i < 2 ? 0.5 : 0.9;
        binomial(i < 2 ? "a month before the change" : "a month after", got, 1150.0, want);
    }
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_hotline, the_monthly_topic_cuts_its_category)
{
    gov_config cfg;
    follow_up_config(&cfg, 1.0);
    cfg.warmup = 0.0;
    cfg.horizon = 120 * FX_DAY;
    const double r_ = 0.3, lag = 20 * FX_DAY;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        gov_topic_cfg *t = &cfg.policy[k].monthly_topic;
        t->enabled = 1;
        t->reduction = r_;
        t->lag = lag;
        t->cost = 1e6;
    }
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    double rate = 40.0 / 24.0, te = MONTH + lag;
    double mu = rate * (te + (cfg.horizon - te) * (1 - r_));
    double n = FX_KPI(r, 0, KPI_PROBLEMS_TOTAL);
    cr_log_info("problems %.0f, expected %.1f +- %.1f", n, mu, Z * sqrt(mu));
    cr_expect(le(dbl, fabs(n - mu), Z * sqrt(mu)), "problems %.0f, expected %.1f +- %.1f", n, mu, Z * sqrt(mu));
    /* One category, chosen once: a million yuan over a third of a year. */
    sim_rep_result *off;
    gov_config base;
    follow_up_config(&base, 1.0);
    base.warmup = 0.0;
    base.horizon = cfg.horizon;
    off = fx_run(&base, SEED, 0, NULL);
    double years = cfg.horizon / FX_YEAR;
    cr_expect(le(dbl, fabs(FX_KPI(r, 0, KPI_COST_PER_YEAR) - FX_KPI(off, 0, KPI_COST_PER_YEAR) - 1e6 / years), 1e-3),
              "the topic's cost: %.2f", FX_KPI(r, 0, KPI_COST_PER_YEAR) - FX_KPI(off, 0, KPI_COST_PER_YEAR));
    gov_result_destroy(off);
    gov_config_free(&base);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_hotline, wrong_dispatches_come_back)
{
    gov_config cfg;
    follow_up_config(&cfg, 1.0);
    const double s = 0.25;
    fx_set_all(&cfg, "routing.wrong_dispatch_share", s);
    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    size_t dispatched = 0, back = 0;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        if (strcmp(e->event, "queued") != 0)
            continue;
        back += strcmp(e->hop, "sent_back") == 0;
        dispatched += strcmp(e->hop, "resolve") == 0;
    }
    cr_assert(gt(sz, dispatched, (size_t)500));
    binomial("sent back", (double)back / (double)dispatched, (double)dispatched, s);
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}
