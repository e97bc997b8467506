/*
 * Residents' side of the model, each mechanism against a hand calculation:
 *
 *  - demand and surge windows: the expected number of cases born in a window is
 *    the integral of rate x daily profile x weekly profile x surge multiplier,
 *    with the profiles normalised to mean 1 (time 0 is a Monday at midnight);
 *    a count N of a Poisson process must satisfy |N - mu| <= 3.29 sqrt(mu)
 *    (normal approximation, mu in the hundreds): the surge test makes six such
 *    checks, so each uses the two-sided 99.9 % bound to keep the chance of a
 *    false alarm for the whole test under 1 % (Bonferroni);
 *  - satisfaction: a case resolved in exactly t hours with time limit L and r
 *    repeat contacts is satisfied with p = base exp(-time_k t/L - late_k
 *    max(0, t/L - 1)) (1 - contact_k)^r (gov_config.h); with a constant
 *    resolution time and no repeat contact the satisfied count is binomial,
 *    |rate - p| <= 1.96 sqrt(p (1 - p) / n); with patience of mean P the repeat
 *    contacts during a resolution of t hours are Poisson(t / P), so
 *    repeat_contact_rate = t / P and E[(1 - k)^r] = exp(-k t / P);
 *  - patrols: with every problem latent, detection probability 1, a patrol
 *    that covers its whole grid and residents who never report, each problem
 *    becomes a case at the first patrol that ends after it arose. The same
 *    replication with no latent problems (common random numbers: the same
 *    problems at the same times) gives the times the problems arose; the counts
 *    must match patrol by patrol, exactly.
 *  - coverage: a patrol of h hours at r households an hour over a grid of H
 *    households visits min(1, h r / H) of it, so with detection probability d
 *    and no other way for a problem to become known, a problem waits for a
 *    geometric number of patrols with p = d min(1, h r / H): the share found at
 *    the first patrol after its birth is p (binomial tolerance), and mean_discovery_h
 *    grows as the grid grows.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"

#define SEED 6060u

/* ---- demand and surges ---- */

/* Expected cases in [a, b) of category share w (1 for all), by the documented
 * definition: rate x normalised daily x normalised weekly profile x surge. */
static double expected_births(const gov_config *cfg, double rate_per_h, double a, double b, double w)
{
    double dsum = 0, wsum = 0;
    for (int i = 0; i < 24; i++)
        dsum += cfg->demand.daily_profile[i];
    for (int i = 0; i < 7; i++)
        wsum += cfg->demand.weekly_profile[i];
    double mu = 0;
    /* Profiles are piecewise constant by the hour: integrate in sub-hour steps. */
    const double step = 1.0 / 64;
    for (double t = a; t < b - 1e-12; t += step) {
        double mid = t + step / 2;
        int day = (int)(fmod(mid, FX_WEEK) / 24.0), hour = (int)fmod(mid, 24.0);
        double f = cfg->demand.daily_profile[hour] * 24.0 / dsum * cfg->demand.weekly_profile[day] * 7.0 / wsum;
        for (size_t s = 0; s < cfg->demand.n_surges; s++) {
            const gov_surge_cfg *sg = &cfg->demand.surges[s];
            if (mid >= sg->start && mid < sg->end && sg->category_index < 0)
                f *= sg->multiplier;
        }
        mu += rate_per_h * f * w * step;
    }
    return mu;
}

static size_t count_born(const fx_trace *t, double a, double b, const char *category, int want)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        const fx_event *e = &t->ev[i];
        if (strcmp(e->event, "born") != 0 || e->t < a || e->t >= b)
            continue;
        if (category == NULL || (strcmp(e->category, category) == 0) == want)
            n++;
    }
    return n;
}

#define Z_FAMILY 3.29 /* two-sided 99.9 %: six checks, family-wise false alarms < 1 % */

static void poisson_check(const char *what, size_t n, double mu)
{
    cr_log_info("%s: %zu cases, expected %.1f +- %.1f", what, n, mu, Z_FAMILY * sqrt(mu));
    cr_expect(le(dbl, fabs((double)n - mu), Z_FAMILY * sqrt(mu)), "%s: %zu cases, expected %.1f +- %.1f", what,
              n, mu, Z_FAMILY * sqrt(mu));
}

Test(gov_demand, surge_windows_scale_demand)
{
    gov_config cfg;
    fx_defaults(&cfg);
    fx_quiet(&cfg);
    fx_no_latent(&cfg);
    fx_region(&cfg, 60000, 2.62, 1, 2, 5, 0.4, 0.2, 0.4); /* 2 urban, 1 fringe, 2 rural */
    cfg.horizon = 8 * FX_DAY;
    cfg.warmup = 0.0;
    cfg.timeseries_step = 0.0;
    /* All categories: Wednesday 08:00 to Thursday 20:00 of the first week, x2.5.
     * Property only: Saturday 00:00 to Monday 00:00, x4. */
    fx_add_surge(&cfg, 2 * FX_DAY + 8, 3 * FX_DAY + 20, 2.5, NULL);
    /* Profiles are relative weights: scaling them must change nothing. Scaled
     * well away from mean 1, a missing normalisation would show. */
    for (int i = 0; i < 24; i++)
        cfg.demand.daily_profile[i] *= 3.0;
    for (int i = 0; i < 7; i++)
        cfg.demand.weekly_profile[i] *= 0.5;
    fx_add_surge(&cfg, 5 * FX_DAY, 7 * FX_DAY, 4.0, "property");
    /* Rate by hand: 12,000 residents per community, class multipliers 1, 1, 0.8:
     * 12 x (1 + 1 + 1 + 0.8 + 0.8) = 55.2 thousand weighted residents. */
    double rate = 55.2 * cfg.demand.per_1000_residents_per_day / 24.0;
    /* Property's share of each class's mix, weighted like the communities. */
    size_t prop = fx_category(&cfg, "property");
    double share[GOV_N_CLASSES];
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        double s = 0;
        for (size_t i = 0; i < cfg.n_categories; i++)
            s += cfg.categories[i].mix.v[k];
        share[k] = cfg.categories[prop].mix.v[k] / s;
    }
    double w_prop = (2 * 1.0 * share[GOV_URBAN] + 1.0 * share[GOV_FRINGE] + 2 * 0.8 * share[GOV_RURAL]) / 4.6;

    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    poisson_check("before the surge", count_born(&t, 0, 2 * FX_DAY + 8, NULL, 1),
                  expected_births(&cfg, rate, 0, 2 * FX_DAY + 8, 1.0));
    poisson_check("surge x2.5", count_born(&t, 2 * FX_DAY + 8, 3 * FX_DAY + 20, NULL, 1),
                  expected_births(&cfg, rate, 2 * FX_DAY + 8, 3 * FX_DAY + 20, 1.0));
    poisson_check("after the surge", count_born(&t, 3 * FX_DAY + 20, 5 * FX_DAY, NULL, 1),
                  expected_births(&cfg, rate, 3 * FX_DAY + 20, 5 * FX_DAY, 1.0));
    poisson_check("weekend, property x4", count_born(&t, 5 * FX_DAY, 7 * FX_DAY, "property", 1),
                  4.0 * expected_births(&cfg, rate, 5 * FX_DAY, 7 * FX_DAY, w_prop));
    poisson_check("weekend, other categories", count_born(&t, 5 * FX_DAY, 7 * FX_DAY, "property", 0),
                  expected_births(&cfg, rate, 5 * FX_DAY, 7 * FX_DAY, 1.0 - w_prop));
    poisson_check("whole run", (size_t)FX_KPI(r, 0, KPI_CASES_TOTAL),
                  expected_births(&cfg, rate, 0, 5 * FX_DAY, 1.0) +
                      expected_births(&cfg, rate, 5 * FX_DAY, 7 * FX_DAY, 1.0 + 3.0 * w_prop) +
                      expected_births(&cfg, rate, 7 * FX_DAY, 8 * FX_DAY, 1.0));
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

/* ---- satisfaction ---- */

/* One community, 30 grid workers round the clock, one category the grid worker
 * resolves on the spot in exactly `hours`, time limit `limit`; 2 cases an hour,
 * so a case essentially never waits (offered load 2 x hours <= 4 of 30). */
static void satisfaction_config(gov_config *cfg, double hours, double limit, double patience)
{
    fx_defaults(cfg);
    fx_quiet(cfg);
    fx_flat_profiles(cfg);
    fx_all_24h(cfg);
    fx_region(cfg, 9000, 1.0, 1, 1, 1, 1, 0, 0);
    fx_only_category(cfg, 0);
    fx_no_latent(cfg);
    fx_channels(cfg, 0.0, 0.0);
    gov_category_cfg *c = &cfg->categories[0];
    c->resolver = GOV_RES_GRID;
    c->on_spot_share = 1.0;
    c->handling = fx_dist(GOV_DIST_CONSTANT, hours, 0.0);
    c->time_limit = limit;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg->policy[k].staffing.households_per_grid_worker = 300.0;
        cfg->policy[k].staffing.grid_part_time_share = 0.0;
        cfg->policy[k].staffing.grid_intake = fx_dist(GOV_DIST_CONSTANT, 0.0, 0.0);
    }
    cfg->demand.per_1000_residents_per_day = 2.0 * 24.0 * 1000.0 / 9000.0;
    cfg->residents.patience = patience;
    cfg->residents.escalate_share = 0.0;
    cfg->horizon = 2000.0;
    cfg->warmup = 24.0;
    cfg->timeseries_step = 0.0;
}

static void satisfaction_check(double hours, double limit, double patience)
{
    gov_config cfg;
    satisfaction_config(&cfg, hours, limit, patience);
    const gov_satisfaction_cfg *rs = &cfg.residents.satisfaction;
    double ratio = hours / limit, late = ratio > 1 ? ratio - 1 : 0;
    double p = rs->base * exp(-rs->time_k * ratio - rs->late_k * late);
    double contacts = isfinite(patience) && patience < 1e9 ? hours / patience : 0.0;
    p *= exp(-rs->contact_k * contacts);
    sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
    double n = FX_KPI(r, 0, KPI_CASES_RESOLVED);
    double rate = FX_KPI(r, 0, KPI_SATISFACTION_RATE);
    double tol = 1.96 * sqrt(p * (1 - p) / n);
    cr_log_info("resolved in %g h of %g, patience %g: satisfied %.4f of %.0f, expected %.4f +- %.4f", hours, limit,
                patience, rate, n, p, tol);
    cr_expect(le(dbl, fabs(FX_KPI(r, 0, KPI_MEAN_RESOLUTION_H) - hours), 1e-9), "every case should take exactly %g h", hours);
    cr_expect(eq(dbl, FX_KPI(r, 0, KPI_CASES_ABANDONED), 0.0));
    cr_expect(le(dbl, fabs(rate - p), tol), "satisfaction %.4f, expected %.4f +- %.4f", rate, p, tol);
    /* Repeat contacts per case: Poisson(hours / patience), variance = mean. */
    double rc = FX_KPI(r, 0, KPI_REPEAT_CONTACT_RATE);
    double rc_tol = contacts > 0 ? 1.96 * sqrt(contacts / FX_KPI(r, 0, KPI_CASES_TOTAL)) : 0.0;
    cr_expect(le(dbl, fabs(rc - contacts), rc_tol), "repeat contacts per case %.4f, expected %.4f +- %.4f", rc, contacts,
              rc_tol);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_demand, satisfaction_within_limit) { satisfaction_check(0.5, 1.0, 1e12); }
Test(gov_demand, satisfaction_late) { satisfaction_check(2.0, 1.0, 1e12); }
Test(gov_demand, satisfaction_after_repeat_contacts) { satisfaction_check(2.0, 4.0, 2.0); }

/* ---- patrols find latent problems ---- */

static void patrol_config(gov_config *cfg, double latent)
{
    fx_defaults(cfg);
    fx_quiet(cfg);
    fx_schedule_24h(&cfg->shifts.grid);
    fx_region(cfg, 600, 2.0, 1, 1, 1, 1, 0, 0); /* 300 households: one grid, one grid worker */
    size_t cat = fx_category(cfg, "dispute");
    fx_only_category(cfg, cat);
    fx_channels(cfg, 0.0, 1.0);
    for (size_t i = 0; i < cfg->n_categories; i++) {
        cfg->categories[i].on_spot_share = 0.0;
        cfg->categories[i].latent_report_after = 1e6; /* residents (practically) never report */
        for (int k = 0; k < GOV_N_CLASSES; k++)
            cfg->categories[i].latent_share.v[k] = latent;
    }
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg->policy[k].patrol.per_day = 2.0;
        cfg->policy[k].patrol.duration = 1.5;
        cfg->policy[k].patrol.detection_probability = 1.0;
        cfg->policy[k].patrol.households_per_hour = 200.0; /* 1.5 h covers the 300 households */
        cfg->policy[k].staffing.grid_part_time_share = 0.0;
    }
    cfg->demand.per_1000_residents_per_day = 80.0; /* 2 problems an hour on average */
    cfg->horizon = 10 * FX_DAY;
    cfg->warmup = 0.0;
    cfg->timeseries_step = 0.0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The times of the trace's events of one kind, in order. */
static double *event_times(const fx_trace *t, const char *event, size_t *n)
{
    double *b = malloc((t->n + 1) * sizeof *b);
    cr_assert(b != NULL);
    *n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->ev[i].event, event) == 0)
            b[(*n)++] = t->ev[i].t;
    qsort(b, *n, sizeof *b, cmp_double);
    return b;
}

Test(gov_demand, patrol_finds_every_problem_at_the_next_patrol)
{
    gov_config latent, reported;
    patrol_config(&latent, 1.0);
    patrol_config(&reported, 0.0);
    const double interval = 24.0 / latent.policy[0].patrol.per_day;
    fx_trace ta, tb;
    sim_rep_result *ra = fx_run_traced(&latent, SEED, 0, &ta);
    sim_rep_result *rb = fx_run_traced(&reported, SEED, 0, &tb);
    size_t na, nb;
    double *found = event_times(&ta, "found", &na), *arose = event_times(&tb, "born", &nb);
    cr_assert(gt(sz, na, (size_t)200), "the patrols should find problems");
    /* Distinct patrol times, a whole number of patrol intervals apart. */
    size_t j = 0, patrols = 0;
    double prev = -INFINITY;
    while (j < na) {
        double p = found[j];
        size_t at_p = 0;
        while (j < na && found[j] == p) {
            at_p++;
            j++;
        }
        if (isfinite(prev)) {
            double k = (p - prev) / interval;
            cr_expect(le(dbl, fabs(k - round(k)), 1e-6), "patrols at %.6f and %.6f are not whole intervals apart", prev, p);
        }
        /* Problems that arose since the previous patrol ended, up to this one. */
        size_t arisen = 0;
        for (size_t i = 0; i < nb; i++)
            arisen += arose[i] > prev && arose[i] <= p;
        cr_expect(eq(sz, at_p, arisen), "patrol at %.4f found %zu problems; %zu arose since %.4f", p, at_p, arisen, prev);
        prev = p;
        patrols++;
    }
    /* Whatever arose after the last patrol that found something is still latent,
     * and no later patrol ended before the horizon with something to find. */
    double next = prev + interval;
    while (next <= latent.horizon) {
        for (size_t i = 0; i < nb; i++)
            cr_expect(arose[i] <= prev || arose[i] > next, "a problem that arose at %.4f was missed by the patrol at %.4f",
                      arose[i], next);
        prev = next;
        next += interval;
    }
    cr_log_info("%zu patrols found %zu problems; %zu problems arose in all", patrols, na, nb);
    free(found);
    free(arose);
    fx_trace_free(&ta);
    fx_trace_free(&tb);
    gov_result_destroy(ra);
    gov_result_destroy(rb);
    gov_config_free(&latent);
    gov_config_free(&reported);
}

/* ---- a patrol covers its grid at a pace ---- */

/* One grid of `households` households, one grid worker on duty round the
 * clock who only patrols (once a day, 2 h, 150 households an hour), every
 * problem latent, residents who never report: problems become known only on
 * patrol. 2 problems an hour. */
static void coverage_config(gov_config *cfg, double households, double detection)
{
    patrol_config(cfg, 1.0);
    fx_region(cfg, 2.0 * households, 2.0, 1, 1, 1, 1, 0, 0);
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg->policy[k].staffing.households_per_grid_worker = households;
        cfg->policy[k].patrol.per_day = 1.0;
        cfg->policy[k].patrol.duration = 2.0;
        cfg->policy[k].patrol.households_per_hour = 150.0;
        cfg->policy[k].patrol.detection_probability = detection;
    }
    cfg->demand.per_1000_residents_per_day = 2.0 * 24.0 * 1000.0 / (2.0 * households);
    cfg->horizon = 20 * FX_DAY;
}

/* Share of the problems found at the first patrol that ended after they arose
 * (patrols end at phase + k x interval + duration, the phase read from the
 * times problems were found). */
static void first_patrol_share(const gov_config *cfg, double *share, double *n_out)
{
    fx_trace t;
    sim_rep_result *r = fx_run_traced(cfg, SEED, 0, &t);
    const double interval = 24.0 / cfg->policy[0].patrol.per_day;
    size_t nf;
    double *found = event_times(&t, "found", &nf);
    cr_assert(gt(sz, nf, (size_t)10), "the patrols should find problems");
    double phase = fmod(found[0], interval);
    double n = 0, first = 0;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        if (strcmp(e->event, "born") != 0)
            continue;
        cr_assert(strcmp(e->hop, "latent") == 0, "every problem should be latent");
        double k = ceil((e->t - phase) / interval);
        double end = phase + k * interval;
        if (end < e->t)
            end += interval;
        if (end > cfg->horizon)
            continue;
        n++;
        /* Was it found at exactly that patrol's end? */
        for (size_t j = i + 1; j < t.n; j++)
            if (t.ev[j].id == e->id && strcmp(t.ev[j].event, "found") == 0) {
                first += fabs(t.ev[j].t - end) < 1e-9;
                break;
            }
    }
    *share = first / n;
    *n_out = n;
    free(found);
    fx_trace_free(&t);
    gov_result_destroy(r);
}

Test(gov_demand, patrol_coverage_falls_with_the_grid_size)
{
    const double d = 0.8;
    const double sizes[] = {300.0, 1200.0};
    double discovery[2];
    for (int i = 0; i < 2; i++) {
        gov_config cfg;
        coverage_config(&cfg, sizes[i], d);
        double p = d * fmin(1.0, 2.0 * 150.0 / sizes[i]);
        double share, n;
        first_patrol_share(&cfg, &share, &n);
        double tol = Z_FAMILY * sqrt(p * (1 - p) / n);
        cr_log_info("grid of %g households: %.4f of %.0f found at the first patrol, expected %.4f +- %.4f", sizes[i],
                    share, n, p, tol);
        cr_expect(le(dbl, fabs(share - p), tol), "grid of %g: %.4f found at the first patrol, expected %.4f +- %.4f",
                  sizes[i], share, p, tol);
        sim_rep_result *r = fx_run(&cfg, SEED, 0, NULL);
        discovery[i] = FX_KPI(r, 0, KPI_MEAN_DISCOVERY_H);
        cr_expect(eq(dbl, FX_KPI(r, 0, KPI_DISCOVERY_SHARE_PATROL), 1.0), "only patrols find problems here");
        gov_result_destroy(r);
        gov_config_free(&cfg);
    }
    /* Geometric waits: 1/p patrols, about 1.25 days at 300 households, 5 at 1,200. */
    cr_expect(gt(dbl, discovery[1], 2.0 * discovery[0]), "a grid four times larger: problems found %.1f h vs %.1f h",
              discovery[1], discovery[0]);
}
