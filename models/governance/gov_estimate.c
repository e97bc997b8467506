/*
 * gov_estimate.c — what one replication of a scenario will need, worked out from
 * the configuration before anything is built, so that a scenario the machine
 * cannot run is refused at once instead of failing hours later (or taking the
 * machine down).
 *
 * Memory is an upper estimate: every pool at the largest headcount any policy of
 * the timeline gives it, cases staying open as long as a resident plausibly
 * waits, administrative work piling up when it exceeds the staff's hours.
 * Events are a lower bound in expectation: arrivals (one event each, whether
 * the problem is reported or latent), patrol requests and time-series samples
 * all happen whatever the staff do.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov.h"
#include "gov_demand.h"
#include "gov_region.h"
#include "gov_staff.h"
#include "route_registry.h"
#include "sim_mem.h"
#include "sim_resource.h"

#define WEEK 168.0

typedef double policy_get(const gov_policy_cfg *p);

/* Largest and smallest value of a policy field for class k, over the policy at
 * the start and every timeline entry. */
static double pol_max(const gov_config *cfg, int k, policy_get *get)
{
    double v = get(&cfg->policy[k]);
    for (size_t i = 0; i < cfg->n_timeline; i++)
        v = fmax(v, get(&cfg->timeline[i].policy[k]));
    return v;
}

static double pol_min(const gov_config *cfg, int k, policy_get *get)
{
    double v = get(&cfg->policy[k]);
    for (size_t i = 0; i < cfg->n_timeline; i++)
        v = fmin(v, get(&cfg->timeline[i].policy[k]));
    return v;
}

static double hh_per_grid(const gov_policy_cfg *p) { return p->staffing.households_per_grid_worker; }
static double property_staff(const gov_policy_cfg *p) { return p->actors.property.staff_per_1000_households; }
/* Without the configuration's budget: per unit of budget share and price, times the largest budget below. */
static double social_fte(const gov_policy_cfg *p)
{
    return p->actors.social.budget_share / p->actors.social.cost_per_hour / 1900.0;
}

/* Either ratio and floor (a village's in rural areas): the larger, for an upper estimate. */
static double cw_per_10k(const gov_policy_cfg *p)
{
    return fmax(p->staffing.community_workers_per_10k, p->staffing.village_workers_per_10k);
}
static double cw_min(const gov_policy_cfg *p)
{
    return fmax(p->staffing.min_community_workers, p->staffing.min_village_workers);
}
static double patrols_per_day(const gov_policy_cfg *p) { return p->patrol.per_day; }
static double vol_on(const gov_policy_cfg *p) { return p->volunteers.enabled; }
static double vol_hh(const gov_policy_cfg *p) { return p->volunteers.households_per_party_member; }
static double vol_hours(const gov_policy_cfg *p) { return p->volunteers.hours_per_member_per_week; }
static double admin_comm(const gov_policy_cfg *p) { return p->admin_tasks.community_per_worker_per_week; }
static double admin_grid(const gov_policy_cfg *p) { return p->admin_tasks.grid_per_worker_per_week; }
static double admin_mean(const gov_policy_cfg *p) { return p->admin_tasks.task.mean; }
static double meeting_gap(const gov_policy_cfg *p) { return p->consultation.interval; }
static double meeting_first(const gov_policy_cfg *p) { return p->consultation.first; }

typedef struct place {
    const char *district, *street;
} place;

static int cmp_place(const void *a, const void *b)
{
    const place *x = a, *y = b;
    int c = strcmp(x->district, y->district);
    return c != 0 ? c : strcmp(x->street, y->street);
}

/* Distinct districts and (district, street) pairs of a listed region. Returns
 * -1 when memory is short. */
static int count_listed(const gov_region_cfg *rg, double *districts, double *streets)
{
    size_t n = rg->n_communities;
    place *p = sim_calloc(n, sizeof *p);
    if (p == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const gov_community_cfg *c = &rg->communities[i];
        p[i].district = c->district ? c->district : "district";
        p[i].street = c->street ? c->street : "street";
    }
    qsort(p, n, sizeof *p, cmp_place);
    *districts = *streets = n > 0;
    for (size_t i = 1; i < n; i++) {
        *districts += strcmp(p[i].district, p[i - 1].district) != 0;
        *streets += cmp_place(&p[i], &p[i - 1]) != 0;
    }
    sim_free(p);
    return 0;
}

/* Demand: mean problems per hour before profiles (gov_demand_init's rate_per_h)
 * and the thinning's bound factor (profile peak x surges x largest multiplier). */
static void demand(const gov_config *cfg, const double res[GOV_N_CLASSES], double *rate_per_h,
                   double *bound_factor, double *mean_factor)
{
    const gov_demand_cfg *d = &cfg->demand;
    double w = 0;
    for (int k = 0; k < GOV_N_CLASSES; k++)
        w += res[k] * d->class_multiplier.v[k];
    *rate_per_h = w / 1000.0 * d->per_1000_residents_per_day / 24.0;
    double dsum = 0, dmax = 0, wsum = 0, wmax = 0;
    for (int i = 0; i < 24; i++)
        dsum += d->daily_profile[i], dmax = fmax(dmax, d->daily_profile[i]);
    for (int i = 0; i < 7; i++)
        wsum += d->weekly_profile[i], wmax = fmax(wmax, d->weekly_profile[i]);
    double mult = d->multiplier;
    for (size_t i = 0; i < cfg->n_timeline; i++)
        mult = fmax(mult, cfg->timeline[i].demand_multiplier);
    *mean_factor = gov_surge_bound(d) * mult;
    *bound_factor = (dmax * 24.0 / dsum) * (wmax * 7.0 / wsum) * *mean_factor;
}

/* The longest any rule's timers may hold a case of class k (a batched forward),
 * over the policy at the start and every timeline entry. */
static double rule_wait(const gov_config *cfg, int k)
{
    const route_ops *const *rules = route_table();
    double w = 0;
    for (size_t i = 0; i < route_count(); i++) {
        if (rules[i]->max_wait == NULL)
            continue;
        w = fmax(w, rules[i]->max_wait(cfg->policy[k].routing.params[i]));
        for (size_t t = 0; t < cfg->n_timeline; t++)
            w = fmax(w, rules[i]->max_wait(cfg->timeline[t].policy[k].routing.params[i]));
    }
    return w;
}

/* How long a case plausibly stays open: a resident waits through every repeat
 * contact before giving up; then the work itself, travel, a batched forward and
 * a meeting to wait for. */
static double case_time(const gov_config *cfg)
{
    double t = (cfg->residents.max_contacts + 1) * cfg->residents.patience, work = 0, travel = 0;
    int meeting = 0;
    for (size_t i = 0; i < cfg->n_categories; i++) {
        work = fmax(work, cfg->categories[i].handling.mean);
        meeting |= cfg->categories[i].resolver == GOV_RES_CONSULTATION;
    }
    for (size_t i = 0; i < cfg->n_departments; i++)
        travel = fmax(travel, fmax(cfg->departments[i].travel_district, cfg->departments[i].travel_stationed));
    double extra = 0;
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        double e = rule_wait(cfg, k);
        if (meeting)
            e += fmax(pol_max(cfg, k, meeting_gap), pol_max(cfg, k, meeting_first));
        extra = fmax(extra, e);
    }
    return fmin(cfg->horizon, t + work + travel + extra + WEEK); /* a week: waiting out a weekend */
}

/* Latent problems: each a case record until it is known, at most until its
 * resident reports it (as if no patrol ever found one), the largest latent
 * share and report time of any category. */
static double latent_stock(const gov_config *cfg, double rate)
{
    double share = 0, after = 0;
    for (size_t i = 0; i < cfg->n_categories; i++) {
        const gov_category_cfg *c = &cfg->categories[i];
        for (int k = 0; k < GOV_N_CLASSES; k++)
            share = fmax(share, c->latent_share.v[k]);
        after = fmax(after, c->latent_report_after);
    }
    return rate * share * fmin(cfg->horizon, after);
}

/* Administrative tasks outstanding at the end: a week's worth, plus what piles
 * up when tasks need more hours than a 40-hour week gives. */
static double admin_backlog(double per_week, double mean_h, double staff, double horizon)
{
    double rate = per_week / WEEK * staff, capacity = mean_h > 0 ? staff * 40.0 / WEEK / mean_h : INFINITY;
    return rate * fmin(WEEK, horizon) + fmax(0.0, rate - capacity) * horizon;
}

/* Grid and community workers and volunteers per class, at the largest
 * headcount of any policy in force during the run (every rounding up), the
 * grids that exist from the start, patrol requests and administrative tasks
 * outstanding. */
typedef struct community_staff {
    double grid, grid_low, community, volunteers, admin_out, patrols;
} community_staff;

static void estimate_community_staff(const gov_config *cfg, const double comm[GOV_N_CLASSES],
                                     const double hh[GOV_N_CLASSES], const double res[GOV_N_CLASSES],
                                     community_staff *out)
{
    memset(out, 0, sizeof *out);
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        if (comm[k] == 0)
            continue;
        double g = hh[k] / pol_min(cfg, k, hh_per_grid) + comm[k];
        double c = comm[k] * pol_max(cfg, k, cw_min) + res[k] * pol_max(cfg, k, cw_per_10k) / 1e4 + comm[k];
        out->grid += g;
        out->community += c;
        /* Grids exist from the start, one per grid worker of the first policy. */
        double g0 = fmax(comm[k], hh[k] / cfg->policy[k].staffing.households_per_grid_worker);
        out->grid_low += g0;
        /* A patrol request per interval, the first at a random phase in the first one. */
        out->patrols += g0 * fmax(0.0, pol_min(cfg, k, patrols_per_day) / 24.0 * cfg->horizon - 1.0);
        if (pol_max(cfg, k, vol_on) > 0)
            out->volunteers += hh[k] / pol_min(cfg, k, vol_hh) * pol_max(cfg, k, vol_hours) / 40.0 + comm[k];
        out->admin_out += admin_backlog(pol_max(cfg, k, admin_comm), pol_max(cfg, k, admin_mean), c, cfg->horizon) +
                          admin_backlog(pol_max(cfg, k, admin_grid), pol_max(cfg, k, admin_mean), g, cfg->horizon);
    }
}

void gov_estimate(const gov_config *cfg, gov_footprint *out)
{
    memset(out, 0, sizeof *out);
    const gov_region_cfg *rg = &cfg->region;
    double comm[GOV_N_CLASSES], res[GOV_N_CLASSES], hh[GOV_N_CLASSES];
    gov_region_class_totals(cfg, comm, res, hh);
    double n_comm = comm[0] + comm[1] + comm[2], residents = res[0] + res[1] + res[2];
    gov_region_plan plan;
    gov_region_plan_of(&rg->generate, &plan);
    double districts = (double)plan.districts, streets = (double)plan.streets;
    if (rg->n_communities > 0 && count_listed(rg, &districts, &streets) != 0)
        districts = streets = n_comm;
    double n_dept = (double)cfg->n_departments, n_cat = (double)cfg->n_categories;

    community_staff cs;
    estimate_community_staff(cfg, comm, hh, res, &cs);
    double grid = cs.grid, grid_low = cs.grid_low, community = cs.community, volunteers = cs.volunteers;
    double admin_out = cs.admin_out, patrols = cs.patrols;
    double dept = 0, stationed = 0, stationed_pools = 0, dept_mult = cfg->department_staff_multiplier;
    for (size_t i = 0; i < cfg->n_timeline; i++)
        dept_mult = fmax(dept_mult, cfg->timeline[i].department_staff_multiplier);
    for (size_t i = 0; i < cfg->n_departments; i++) {
        const gov_department_cfg *d = &cfg->departments[i];
        double staff = districts * (d->min_staff + 1) + dept_mult * d->staff_per_100k * residents / 1e5;
        double at_streets = streets * gov_stationed_staff(d, dept_mult);
        dept += staff;
        stationed += at_streets;
        stationed_pools += at_streets > 0 ? streets : 0;
        admin_out += admin_backlog(d->line_tasks_per_staff_per_week, d->line_task.mean, staff + at_streets,
                                   cfg->horizon);
    }
    double sunk = cfg->n_sinking > 0 ? dept : 0; /* sunk cadres leave department pools */
    double hot_mult = 1.0, street_mult = 1.0;
    for (size_t i = 0; i < cfg->n_timeline; i++) {
        hot_mult = fmax(hot_mult, cfg->timeline[i].hotline_staff_multiplier);
        street_mult = fmax(street_mult, cfg->timeline[i].street_staff_multiplier);
    }
    double street = street_mult * (streets * floor(cfg->street.dispatchers_per_street + 0.5) +
                                   residents * cfg->street.dispatchers_per_10k / 1e4 + streets);
    double hotline = fmax(cfg->hotline.min_operators,
                          hot_mult * floor(cfg->hotline.operators_per_million * residents / 1e6 + 0.5) + 1);
    /* Actors: property companies' staff and the social organisations' (every
     * community's budget, rounded up per street). */
    double actors = 0;
    for (int k = 0; k < GOV_N_CLASSES; k++)
        actors += hh[k] / 1000.0 * pol_max(cfg, k, property_staff) +
                  comm[k] * cfg->costs.community_budget_per_year * pol_max(cfg, k, social_fte) + comm[k];
    double staff = grid + community + volunteers + dept + stationed + sunk + street + hotline + actors + streets;
    double pools = 4 * n_comm + 2 * streets + stationed_pools + districts * n_dept + 1;

    double rate, bound, mean;
    demand(cfg, res, &rate, &bound, &mean);
    double points = cfg->timeseries_step > 0 ? floor(cfg->horizon / cfg->timeseries_step + 1e-9) : 0;
    out->communities = n_comm;
    out->staff = staff;
    out->grids = grid;
    out->open_cases = rate * mean * case_time(cfg);
    out->latent = latent_stock(cfg, rate * mean);
    (void)bound;
    out->candidates = gov_expected_arrivals(cfg, rate);
    out->patrols = patrols;
    out->samples = points;
    out->events = out->candidates + out->patrols + out->samples;
    out->pending_min = grid_low + n_comm;

    double ev = (double)sim_event_footprint();
    double pending = grid + n_comm + pools + 2 * out->open_cases + out->latent + admin_out + staff + 16 + 2.0 * cfg->n_sinking +
                     cfg->n_timeline;
    double waiting = out->open_cases + admin_out;
    out->pending = pending;
    double b = 1 << 20; /* kernel, random streams, statistics, the result's sketches */
    b += n_comm * (sizeof(gov_community) + 32 + 8 * 8);
    b += pools * (sim_resource_footprint(0, 0) + sizeof(gov_pool *) + 16);
    b += staff * ((double)sim_resource_footprint(1, 0) - (double)sim_resource_footprint(0, 0) + 2 * 9);
    b += (grid + n_comm) * (sizeof(gov_grid) + 2 * n_cat);
    b += (streets + districts) * n_dept * 2 * sizeof(gov_pool);
    b += (double)cfg->n_sinking * districts * n_dept * sizeof(unsigned);
    b += out->open_cases * (sizeof(gov_case) + sizeof(gov_work));
    b += out->latent * (sizeof(gov_case) + sizeof(uint32_t) + 8); /* record, generation, wheel entry */
    b += admin_out * sizeof(gov_work);
    b += waiting * 2 * 2 * sizeof(void *);
    b += pending * ev;
    b += points * GOV_N_SERIES * (sizeof(double) + 4 * sizeof(double)); /* this result; the runner's means */
    out->bytes = b;
}

/* "950", "12,300", "4.2 million", "3.5 billion": counts for people to read. */
static void count_text(double x, char *out, size_t size)
{
    if (!(x < 1e6)) {
        if (x < 1e9)
            snprintf(out, size, "%.3g million", x / 1e6);
        else if (x < 1e12)
            snprintf(out, size, "%.3g billion", x / 1e9);
        else
            snprintf(out, size, "%.3g", x);
        return;
    }
    long v = lround(x);
    if (v >= 1000)
        snprintf(out, size, "%ld,%03ld", v / 1000, v % 1000);
    else
        snprintf(out, size, "%ld", v);
}

void gov_footprint_text(const gov_footprint *fp, char *out, size_t size)
{
    char c[32], s[32], g[32], o[32], l[32];
    count_text(fp->communities, c, sizeof c);
    count_text(fp->staff, s, sizeof s);
    count_text(fp->grids, g, sizeof g);
    count_text(fp->open_cases, o, sizeof o);
    count_text(fp->latent, l, sizeof l);
    snprintf(out, size, "%s communities, %s staff, %s grids, up to %s open cases and %s problems nobody knows of yet",
             c, s, g, o, l);
}

/* A Poisson count whose mean is 10 % above the limit stays below it with
 * probability under 0.2 % once the limit is 1,000 or more (the smallest
 * max_events allowed): z = 0.1 sqrt(N) >= 3.2. */
#define EVENT_MARGIN 1.1

int gov_check_size(const gov_config *cfg, const gov_footprint *fp, sim_err *err)
{
    const char *src = cfg->source != NULL ? cfg->source : cfg->name;
    double limit = (double)SIM_MAX_EVENTS;
    const char *what = "the simulator's limit";
    if (cfg->max_events > 0 && floor(cfg->max_events) < limit) {
        limit = floor(cfg->max_events);
        what = "max_events";
    }
    char n[32], a[32], p[32], s[32], l[32];
    if (!(fp->events <= EVENT_MARGIN * limit)) {
        count_text(fp->events, n, sizeof n);
        count_text(fp->candidates, a, sizeof a);
        count_text(fp->patrols, p, sizeof p);
        count_text(fp->samples, s, sizeof s);
        count_text(limit, l, sizeof l);
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s: a replication needs at least %s events (%s arrivals, %s patrols, "
                           "%s time-series samples in %g days) but %s is %s; allowed: raise max_events, "
                           "shorten the horizon, or lower demand, patrols or the time-series rate",
                           src, n, a, p, s, cfg->horizon / 24.0, what, l);
    }
    if (!(fp->pending_min <= (double)SIM_MAX_PENDING)) {
        count_text(fp->pending_min, n, sizeof n);
        count_text((double)SIM_MAX_PENDING, l, sizeof l);
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s: %s events would be pending at the start (a patrol per grid, a meeting per "
                           "community) but the simulator holds at most %s; allowed: fewer grids (larger "
                           "households_per_grid_worker) or fewer communities",
                           src, n, l);
    }
    return SIM_OK;
}
