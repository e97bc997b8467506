/*
 * gov_defaults.c — the built-in defaults of the governance model, and freeing a
 * configuration.
 *
 * Scalar defaults live in the scenario schema (gov_schema.c); this file holds
 * the built-in lists a scenario gets when it leaves them out: categories,
 * departments, shift schedules, demand profiles. Each default cites where it
 * comes from (DOMAIN.md figures, graded S/M/W) or says it is an assumption (W).
 */
#include "gov.h"
#include "gov_defaults.h"

#include <math.h>
#include <string.h>

#include "sim_mem.h"

#define DAY 24.0
#define WEEK (7 * DAY)
#define MON_FRI 0x1fu
#define SAT_SUN 0x60u
#define ALL_DAYS 0x7fu

static gov_dist_cfg dist(int kind, double mean, double cv)
{
    gov_dist_cfg d = {kind, mean, cv};
    return d;
}

static gov_class_values cv3(double urban, double fringe, double rural)
{
    gov_class_values v = {{urban, fringe, rural}};
    return v;
}

typedef struct cat_default {
    const char *name;
    int resolver;
    const char *department;
    double mix_u, mix_f, mix_r;
    double latent;
    double hot_u, hot_f, hot_r; /* share of reported cases that call 12345 */
    int urgent;
    double limit_h, response_h;
    int dist_kind;
    double mean_h, cv;
    double on_spot, at_intake;
    int volunteer_ok;
} cat_default;

/*
 * Mix weights per class follow the demand profile of DOMAIN.md's classification
 * table (urban: property and renovation; fringe: dual management and missing
 * facilities; rural: infrastructure and services) and the 2020 12345 category
 * shares (market regulation 8.9 %, housing/property 5.5 %, illegal building and
 * city management ...). Time limits: emergencies 2 h, general 7 d, complex 15 d
 * (W: treated as defaults, not law). Latent share of city management: 93 % of
 * grid cases are found by patrol (S). Answered at intake: about 59 % of calls
 * (41 % dispatched, S). Handling times are assumptions (W).
 */
static const cat_default default_categories[] = {
    /* name, resolver, department, mix u/f/r, latent, hotline u/f/r, urgent, limit, response, dist, mean, cv, on spot, at intake, volunteers */
    {"property", GOV_RES_COMMUNITY, NULL, 0.22, 0.10, 0.03, 0.05, 0.45, 0.35, 0.25, 0, 7 * DAY, DAY, GOV_DIST_LOGNORMAL, 5.0, 1.0, 0.05, 0.50, 0},
    {"renovation", GOV_RES_CONSULTATION, NULL, 0.04, 0.02, 0.00, 0.00, 0.30, 0.20, 0.10, 0, 45 * DAY, 2 * DAY, GOV_DIST_LOGNORMAL, 8.0, 1.0, 0.00, 0.20, 0},
    {"city_management", GOV_RES_DEPARTMENT, "city_management", 0.18, 0.20, 0.10, 0.90, 0.55, 0.45, 0.35, 0, 7 * DAY, DAY, GOV_DIST_LOGNORMAL, 1.5, 1.0, 0.15, 0.40, 0},
    {"market", GOV_RES_DEPARTMENT, "market_regulation", 0.12, 0.08, 0.05, 0.05, 0.70, 0.60, 0.50, 0, 7 * DAY, DAY, GOV_DIST_LOGNORMAL, 2.0, 1.0, 0.00, 0.60, 0},
    {"infrastructure", GOV_RES_DEPARTMENT, "water_roads", 0.06, 0.12, 0.22, 0.40, 0.45, 0.40, 0.30, 0, 15 * DAY, 2 * DAY, GOV_DIST_LOGNORMAL, 6.0, 1.2, 0.05, 0.30, 0},
    {"environment", GOV_RES_DEPARTMENT, "environment", 0.06, 0.08, 0.07, 0.30, 0.55, 0.45, 0.35, 0, 7 * DAY, DAY, GOV_DIST_LOGNORMAL, 2.0, 1.0, 0.05, 0.50, 0},
    {"public_order", GOV_RES_DEPARTMENT, "public_security", 0.05, 0.06, 0.05, 0.20, 0.60, 0.50, 0.40, 0, 7 * DAY, DAY, GOV_DIST_LOGNORMAL, 1.5, 1.0, 0.05, 0.50, 0},
    {"dual_management", GOV_RES_DEPARTMENT, "social_affairs", 0.00, 0.14, 0.03, 0.10, 0.40, 0.35, 0.30, 0, 15 * DAY, 2 * DAY, GOV_DIST_LOGNORMAL, 4.0, 1.0, 0.00, 0.30, 0},
    {"dispute", GOV_RES_COMMUNITY, NULL, 0.12, 0.12, 0.15, 0.10, 0.35, 0.30, 0.20, 0, 7 * DAY, DAY, GOV_DIST_LOGNORMAL, 3.0, 1.0, 0.10, 0.40, 1},
    {"services", GOV_RES_COMMUNITY, NULL, 0.13, 0.06, 0.26, 0.05, 0.50, 0.40, 0.30, 0, 7 * DAY, DAY, GOV_DIST_LOGNORMAL, 1.5, 0.8, 0.20, 0.75, 1},
    {"emergency", GOV_RES_DEPARTMENT, "water_roads", 0.02, 0.02, 0.04, 0.20, 0.70, 0.60, 0.50, 1, 2.0, 0.5, GOV_DIST_LOGNORMAL, 1.0, 0.5, 0.00, 0.00, 0},
};

typedef struct dept_default {
    const char *name;
    double per_100k, min_staff, line_per_week;
} dept_default;

/* Assumptions (W): staff who handle residents' cases, per 100,000 residents. */
static const dept_default default_departments[] = {
    {"city_management", 25.0, 3, 4},   {"market_regulation", 8.0, 2, 4},
    {"water_roads", 10.0, 2, 4},        {"environment", 6.0, 2, 4},
    {"public_security", 8.0, 2, 4},     {"social_affairs", 6.0, 2, 4},
    {"housing", 5.0, 2, 4},
};

static char *dup_or_null(const char *s) { return s ? sim_strdup(s) : NULL; }

static int set_schedule(gov_schedule_cfg *s, const gov_shift_cfg *shifts, size_t n, double on_call)
{
    s->shifts = sim_calloc(n, sizeof *s->shifts);
    if (s->shifts == NULL)
        return -1;
    memcpy(s->shifts, shifts, n * sizeof *shifts);
    s->n_shifts = n;
    s->on_call_share = on_call;
    return 0;
}

int gov_default_categories(gov_config *cfg)
{
    size_t nc = sizeof default_categories / sizeof default_categories[0];
    cfg->categories = sim_calloc(nc, sizeof *cfg->categories);
    if (cfg->categories == NULL)
        return -1;
    cfg->n_categories = nc;
    for (size_t i = 0; i < nc; i++) {
        const cat_default *s = &default_categories[i];
        gov_category_cfg *c = &cfg->categories[i];
        c->name = sim_strdup(s->name);
        c->department = dup_or_null(s->department);
        if (c->name == NULL || (s->department && c->department == NULL))
            return -1;
        c->resolver = s->resolver;
        c->mix = cv3(s->mix_u, s->mix_f, s->mix_r);
        c->latent_share = cv3(s->latent, s->latent, s->latent);
        c->channel_hotline = cv3(s->hot_u, s->hot_f, s->hot_r);
        c->channel_app = cv3(0.15, 0.10, 0.05);
        c->urgent = s->urgent;
        c->time_limit = s->limit_h;
        c->response_limit = s->response_h;
        c->handling = dist(s->dist_kind, s->mean_h, s->cv);
        c->on_spot_share = s->on_spot;
        c->hotline_intake_share = s->at_intake;
        c->volunteer_ok = s->volunteer_ok;
    }
    return 0;
}

int gov_default_departments(gov_config *cfg)
{
    size_t nd = sizeof default_departments / sizeof default_departments[0];
    cfg->departments = sim_calloc(nd, sizeof *cfg->departments);
    if (cfg->departments == NULL)
        return -1;
    cfg->n_departments = nd;
    for (size_t i = 0; i < nd; i++) {
        gov_department_cfg *dp = &cfg->departments[i];
        dp->name = sim_strdup(default_departments[i].name);
        if (dp->name == NULL)
            return -1;
        dp->staff_per_100k = default_departments[i].per_100k;
        dp->min_staff = default_departments[i].min_staff;
        dp->stationed_per_street = 0.0;
        dp->travel_district = 0.75;
        dp->travel_stationed = 0.25;
        dp->line_tasks_per_staff_per_week = default_departments[i].line_per_week;
        dp->line_task = dist(GOV_DIST_EXPONENTIAL, 2.0, 1.0);
        dp->line_task_limit = 5 * DAY;
    }
    return 0;
}

/* Office hours; weekend duty (值班) in communities; a Saturday morning for grid
 * workers; the hotline round the clock in three shifts (600-700 of 1,710 on duty
 * at peak, S/M). */
int gov_default_schedule(int which, gov_schedule_cfg *s)
{
    static const gov_shift_cfg office[] = {{MON_FRI, 8.5, 17.5, 1.0}};
    static const gov_shift_cfg community[] = {{MON_FRI, 9.0, 17.5, 1.0}, {SAT_SUN, 9.0, 17.0, 0.15}};
    static const gov_shift_cfg grid[] = {{MON_FRI, 8.5, 17.5, 1.0}, {0x20u, 9.0, 12.0, 0.3}};
    static const gov_shift_cfg hotline[] = {{ALL_DAYS, 0.0, 8.0, 0.15}, {ALL_DAYS, 8.0, 16.0, 0.45},
                                            {ALL_DAYS, 16.0, 24.0, 0.30}};
    switch (which) {
    case GOV_SCHED_GRID: return set_schedule(s, grid, 2, 0.1);
    case GOV_SCHED_COMMUNITY: return set_schedule(s, community, 2, 0.05);
    case GOV_SCHED_DEPARTMENT: return set_schedule(s, office, 1, 0.1);
    case GOV_SCHED_STREET: return set_schedule(s, office, 1, 0.34);
    default: return set_schedule(s, hotline, 3, 0.0);
    }
}

void gov_default_profiles(double daily[24], double weekly[7])
{
    static const double d[24] = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.4, 1.8, 1.8, 1.6,
                                 1.3, 1.5, 1.7, 1.7, 1.6, 1.5, 1.3, 1.1, 1.0, 0.8, 0.5, 0.3};
    static const double w[7] = {1.1, 1.05, 1.0, 1.0, 1.0, 0.9, 0.85};
    memcpy(daily, d, sizeof d);
    memcpy(weekly, w, sizeof w);
}
