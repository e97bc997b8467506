/*
 * gov_demand.c — residents' problems and grid workers' patrols.
 *
 * Demand is one non-homogeneous Poisson process for the whole region. Its
 * rate is constant on pieces of time (hours of the daily and weekly profiles,
 * surge windows, timeline entries), so arrival times are drawn exactly by
 * inverting the cumulative rate. Each arrival picks a community (by residents x
 * class multiplier) and a category (by the class's mix); surges of single
 * categories are applied by thinning. Every arrival draws the same uniforms in
 * the same order from the arrival stream, so two scenarios with the same region
 * and demand see the same problems.
 *
 * A kept problem is latent with the category's latent share (nobody reports it
 * at once; gov_case.c keeps it in its grid's list), otherwise it is reported
 * through a channel. A patrol covers a share of its grid's households that
 * falls as the grid grows, and finds each latent problem there with the
 * detection probability: the grid's size is what a patrol can see.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_sf_gamma.h>

#include "gov_case.h"
#include "gov_demand.h"
#include "gov_mem.h"
#include "sim_mem.h"

#define HOURS_PER_WEEK 168.0

/* Relative demand at time t: daily x weekly profile, each normalised to mean 1. */
static double profile(const gov_model *m, double t)
{
    const gov_demand_cfg *d = &m->cfg->demand;
    double h = fmod(t, HOURS_PER_WEEK);
    int day = (int)(h / 24.0);
    int hour = (int)fmod(h, 24.0);
    return d->daily_profile[hour] * m->daily_scale * d->weekly_profile[day] * m->weekly_scale;
}

static double surge_factor(const gov_model *m, double t, int category)
{
    const gov_demand_cfg *d = &m->cfg->demand;
    double f = 1.0;
    for (size_t i = 0; i < d->n_surges; i++) {
        const gov_surge_cfg *s = &d->surges[i];
        if (t >= s->start && t < s->end && (s->category_index < 0 || s->category_index == category))
            f *= s->multiplier;
    }
    return f;
}

/* The product of the multipliers of surges open at the same time is largest at
 * the start of one of them; multiplying every surge's would make the thinning
 * bound, and so the number of candidate events, grow with surges that never
 * overlap. */
double gov_surge_bound(const gov_demand_cfg *d)
{
    double best = 1.0;
    for (size_t i = 0; i < d->n_surges; i++) {
        double t = d->surges[i].start, f = 1.0;
        for (size_t j = 0; j < d->n_surges; j++) {
            const gov_surge_cfg *s = &d->surges[j];
            if (t >= s->start && t < s->end && s->multiplier > 1.0)
                f *= s->multiplier;
        }
        best = f > best ? f : best;
    }
    return best;
}

/* Expected problems over the horizon: the rate integrated hour by hour
 * (evaluated at each hour's middle), with the profiles, the demand multiplier
 * along the timeline and the all-category surges; single-category surges only
 * add to it. For sizing a scenario before it runs (gov_estimate.c). */
double gov_expected_arrivals(const gov_config *cfg, double rate_per_h)
{
    const gov_demand_cfg *d = &cfg->demand;
    double dsum = 0, wsum = 0, total = 0;
    for (int i = 0; i < 24; i++)
        dsum += d->daily_profile[i];
    for (int i = 0; i < 7; i++)
        wsum += d->weekly_profile[i];
    if (!(dsum > 0 && wsum > 0))
        return 0.0;
    for (double h = 0; h < cfg->horizon; h += 1.0) {
        double len = fmin(1.0, cfg->horizon - h), mid = h + len / 2, mult = d->multiplier, f = 1.0;
        for (size_t i = 0; i < cfg->n_timeline && cfg->timeline[i].at <= mid; i++)
            mult = cfg->timeline[i].demand_multiplier;
        for (size_t i = 0; i < d->n_surges; i++)
            if (d->surges[i].category_index < 0 && mid >= d->surges[i].start && mid < d->surges[i].end)
                f *= d->surges[i].multiplier;
        double hw = fmod(mid, HOURS_PER_WEEK);
        double prof = d->daily_profile[(int)fmod(hw, 24.0)] * 24.0 / dsum * d->weekly_profile[(int)(hw / 24.0)] * 7.0 / wsum;
        total += rate_per_h * prof * mult * f * len;
    }
    return total;
}

int gov_demand_init(gov_model *m)
{
    const gov_config *cfg = m->cfg;
    const gov_demand_cfg *d = &cfg->demand;
    double sum = 0, mx = 0;
    for (int i = 0; i < 24; i++) {
        sum += d->daily_profile[i];
        mx = d->daily_profile[i] > mx ? d->daily_profile[i] : mx;
    }
    m->daily_scale = 24.0 / sum;
    double dmax = mx * m->daily_scale;
    sum = mx = 0;
    for (int i = 0; i < 7; i++) {
        sum += d->weekly_profile[i];
        mx = d->weekly_profile[i] > mx ? d->weekly_profile[i] : mx;
    }
    m->weekly_scale = 7.0 / sum;
    (void)dmax;
    m->n_cat_surges = 0;
    for (size_t i = 0; i < d->n_surges; i++)
        m->n_cat_surges += d->surges[i].category_index >= 0;

    /* Where problems arise: residents x class multiplier. */
    double *w = sim_calloc(m->n_comm, sizeof *w);
    if (w == NULL)
        return sim_err_nomem(m->err, "building the demand model");
    double total = 0;
    for (size_t c = 0; c < m->n_comm; c++) {
        w[c] = m->comm[c].residents * d->class_multiplier.v[m->comm[c].cls];
        total += w[c];
    }
    m->where = total > 0 ? gsl_ran_discrete_preproc(m->n_comm, w) : NULL;
    sim_free(w);
    if (total > 0 && m->where == NULL)
        return sim_err_nomem(m->err, "building the demand model");
    m->rate_per_h = total / 1000.0 * d->per_1000_residents_per_day / 24.0;

    double *mix = sim_calloc(m->n_cat, sizeof *mix);
    if (mix == NULL)
        return sim_err_nomem(m->err, "building the demand model");
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        double s = 0;
        for (size_t i = 0; i < m->n_cat; i++) {
            mix[i] = cfg->categories[i].mix.v[k];
            s += mix[i];
        }
        /* A class nobody lives in may have no mix; it is never drawn. */
        m->mix[k] = s > 0 ? gsl_ran_discrete_preproc(m->n_cat, mix) : NULL;
        if (s > 0 && m->mix[k] == NULL) {
            sim_free(mix);
            return sim_err_nomem(m->err, "building the demand model");
        }
    }
    sim_free(mix);

    /* A latent problem's report time: Weibull of the category's mean and shape. */
    m->latent_scale = sim_calloc(m->n_cat, sizeof *m->latent_scale);
    if (m->latent_scale == NULL)
        return sim_err_nomem(m->err, "building the demand model");
    for (size_t i = 0; i < m->n_cat; i++) {
        const gov_category_cfg *cc = &cfg->categories[i];
        m->latent_scale[i] = cc->latent_report_after / gsl_sf_gamma(1.0 + 1.0 / cc->latent_report_shape);
    }
    return SIM_OK;
}

void gov_demand_destroy(gov_model *m)
{
    sim_free(m->latent_scale);
    m->latent_scale = NULL;
    if (m->where)
        gsl_ran_discrete_free(m->where);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        if (m->mix[k])
            gsl_ran_discrete_free(m->mix[k]);
}

/* The demand multiplier in force at time t (the timeline may change it). */
static double multiplier_at(const gov_model *m, double t)
{
    const gov_config *cfg = m->cfg;
    double mult = cfg->demand.multiplier;
    for (size_t i = 0; i < cfg->n_timeline && cfg->timeline[i].at <= t; i++)
        mult = cfg->timeline[i].demand_multiplier;
    return mult;
}

/* The product of the all-category surges active at t, and the largest product
 * of category surges any one category has at t (1 when none). */
static void surges_at(const gov_model *m, double t, double *all, double *cat_max)
{
    const gov_demand_cfg *d = &m->cfg->demand;
    *all = 1.0;
    *cat_max = 1.0;
    for (size_t i = 0; i < d->n_surges; i++) {
        const gov_surge_cfg *s = &d->surges[i];
        if (t >= s->start && t < s->end && s->category_index < 0)
            *all *= s->multiplier;
    }
    if (m->n_cat_surges == 0)
        return;
    for (size_t c = 0; c < m->n_cat; c++) {
        double f = 1.0;
        for (size_t i = 0; i < d->n_surges; i++) {
            const gov_surge_cfg *s = &d->surges[i];
            if (t >= s->start && t < s->end && s->category_index == (int)c)
                f *= s->multiplier;
        }
        if (f > *cat_max)
            *cat_max = f;
    }
}

/* The next instant after t at which the rate may change: an hour boundary (the
 * profiles are hourly), a surge's start or end, or a timeline entry. */
static double next_change(const gov_model *m, double t)
{
    double b = floor(t) + 1.0;
    const gov_demand_cfg *d = &m->cfg->demand;
    for (size_t i = 0; i < d->n_surges; i++) {
        if (d->surges[i].start > t && d->surges[i].start < b)
            b = d->surges[i].start;
        if (d->surges[i].end > t && d->surges[i].end < b)
            b = d->surges[i].end;
    }
    for (size_t i = 0; i < m->cfg->n_timeline; i++) {
        double a = m->cfg->timeline[i].at;
        if (a > t && a < b)
            b = a;
    }
    return b;
}

/* Rate of candidate problems per hour on the piece of time that starts at t. */
static double rate_at(const gov_model *m, double t)
{
    double all, cat_max;
    surges_at(m, t, &all, &cat_max);
    return m->rate_per_h * profile(m, t) * multiplier_at(m, t) * all * cat_max;
}

static void arrival(sim_t *sim, void *target, sim_payload p);

/* The rate is constant between changes, so the next arrival is found exactly
 * by spending one exponential variate of cumulative rate across the pieces
 * (inversion of the cumulative intensity), with no rejected candidates. */
static void schedule_next(gov_model *m)
{
    double e = gsl_ran_exponential(m->rng[STREAM_ARRIVAL], 1.0);
    double t = sim_now(m->sim), end = m->cfg->horizon;
    while (t <= end) {
        /* The piece's end and rate depend on t only through the piece (hour of
         * the week, open surges, timeline entry): kept from the last arrival in
         * the same piece, which saves most of an arrival's arithmetic. */
        if (!(t >= m->piece_start && t < m->piece_end)) {
            m->piece_start = t;
            m->piece_end = next_change(m, t);
            m->piece_rate = rate_at(m, t);
        }
        double b = m->piece_end, r = m->piece_rate;
        if (r > 0 && r * (b - t) >= e) {
            sim_schedule(m->sim, t + e / r, arrival, m, sim_payload_none());
            return;
        }
        if (r > 0)
            e -= r * (b - t);
        t = b;
    }
}

static void arrival(sim_t *sim, void *target, sim_payload p)
{
    (void)p;
    gov_model *m = target;
    gsl_rng *r = m->rng[STREAM_ARRIVAL];
    double now = sim_now(sim);
    /* The same draws, in the same order, for the same demand: common random
     * numbers across scenarios that differ in anything but demand. */
    size_t c = gsl_ran_discrete(r, m->where);
    int cls = m->comm[c].cls;
    size_t cat = m->mix[cls] ? gsl_ran_discrete(r, m->mix[cls]) : 0;
    schedule_next(m);
    if (m->n_cat_surges > 0) {
        /* Category surges: candidates come at the largest category's rate and
         * each category keeps its own share of them (thinning). */
        double all, cat_max;
        surges_at(m, now, &all, &cat_max);
        if (gsl_rng_uniform(r) * cat_max >= surge_factor(m, now, (int)cat) / all)
            return;
    }
    if (m->mix[cls] == NULL)
        return;
    double u_grid = gsl_rng_uniform(r);
    double u_latent = gsl_rng_uniform(r);
    double u_channel = gsl_rng_uniform(r);
    gov_birth_draws u;
    u.on_spot = gsl_rng_uniform(r);
    u.at_intake = gsl_rng_uniform(r);
    u.work = gsl_rng_uniform_pos(r);
    u.sat = gsl_rng_uniform(r);
    u.patience = gsl_rng_uniform_pos(r);
    u.report = gsl_rng_uniform_pos(r);
    u.worsen = gsl_rng_uniform(r);
    u.worsen_t = gsl_rng_uniform_pos(r);
    u.actor = gsl_rng_uniform(r);
    u.quality = gsl_rng_uniform(r);
    u.fix = gsl_rng_uniform(r);
    /* 每月一题: a treated category's births are thinned; drawn for every
     * problem, so scenarios with and without topics see the same draws. */
    double u_topic = gsl_rng_uniform(r);
    if (u_topic >= m->topic_mult[cat])
        return;
    gov_community *cm = &m->comm[c];
    uint32_t grid = cm->grid_first + (uint32_t)(u_grid * cm->n_grids);
    if (grid >= cm->grid_first + cm->n_grids)
        grid = cm->grid_first + cm->n_grids - 1;
    const gov_category_cfg *cc = &m->cfg->categories[cat];
    double h = fmin(1.0, cc->channel_hotline.v[cls] * m->cfg->demand.hotline_share_multiplier);
    double a = fmin(cc->channel_app.v[cls], 1.0 - h);
    int channel = u_channel < h ? GOV_CH_HOTLINE : u_channel < h + a ? GOV_CH_APP : GOV_CH_GRID;
    int latent = u_latent < cc->latent_share.v[cls];
    gov_problem_birth(m, (uint32_t)c, grid, (uint16_t)cat, channel, latent, &u);
}

/* ---- patrols ---- */

static void patrol_request(sim_t *sim, void *target, sim_payload p);

static void schedule_patrol(gov_model *m, uint32_t grid, double delay)
{
    sim_schedule_in(m->sim, delay, patrol_request, m, sim_payload_u(grid));
}

static double patrol_interval(const gov_model *m, uint32_t grid)
{
    const gov_policy_cfg *pol = m->policy[m->comm[m->grids[grid].community].cls];
    return pol->patrol.per_day > 0 ? 24.0 / pol->patrol.per_day : INFINITY;
}

/* Each grid asks for a patrol every 24/per_day hours; a request made off duty
 * waits for the next shift, and a grid never has two requests queued. */
static void patrol_request(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    gov_model *m = target;
    uint32_t g = (uint32_t)p.u;
    gov_grid *grid = &m->grids[g];
    gov_community *cm = &m->comm[grid->community];
    const gov_policy_cfg *pol = m->policy[cm->cls];
    double interval = patrol_interval(m, g);
    if (isfinite(interval))
        schedule_patrol(m, g, interval);
    if (grid->patrol_waiting || pol->patrol.per_day <= 0 || cm->grid.res == NULL)
        return;
    gov_work *w = gov_work_new(m, WK_PATROL);
    if (w == NULL)
        return;
    w->pool = &cm->grid;
    w->ref = g;
    w->duration = pol->patrol.duration;
    w->job.key = sim_now(m->sim);
    grid->patrol_waiting = 1;
    if (sim_resource_request(cm->grid.res, &w->job) != SIM_OK)
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a patrol");
}

/* The share of its grid a patrol of `hours` covers: households visited at the
 * patrol's pace, at most all of them. */
double gov_patrol_coverage(const gov_patrol_cfg *p, double hours, double households)
{
    if (!(households > 0))
        return 1.0;
    double c = hours * p->households_per_hour / households;
    return c < 1.0 ? c : 1.0;
}

/* Each latent problem of the grid is at a household the patrol visits with
 * the coverage, and is then found with the detection probability. Found
 * problems become cases, oldest first. */
void gov_patrol_done(gov_model *m, gov_work *w)
{
    uint32_t g = w->ref;
    gov_grid *grid = &m->grids[g];
    double hours = w->duration;
    gov_work_free(m, w);
    grid->patrol_waiting = 0;
    const gov_policy_cfg *policy = m->policy[m->comm[grid->community].cls];
    const gov_patrol_cfg *pol = &policy->patrol;
    double p = gov_patrol_coverage(pol, hours, grid->households) * pol->detection_probability;
    /* 未诉先办: patrols look harder for the problems of a month's topic. */
    double boosted = fmin(1.0, p * (1.0 + policy->monthly_topic.proactive_boost));
    int topics = policy->monthly_topic.enabled;
    gsl_rng *r = m->rng[STREAM_PATROL];
    gov_case *c = grid->latent;
    while (c != NULL) {
        gov_case *next = c->next;
        double pc = topics && m->topic_chosen[c->category] ? boosted : p;
        if (gsl_rng_uniform(r) < pc) {
            gov_latent_take(m, c);
            gov_case_known(m, c, GOV_CH_PATROL);
        }
        c = next;
    }
}

int gov_demand_start(gov_model *m)
{
    m->piece_start = m->piece_end = NAN; /* no piece known yet */
    schedule_next(m);
    /* Patrols start at a random phase per grid so they do not all fire at once. */
    for (uint32_t g = 0; g < m->n_grids; g++) {
        double interval = patrol_interval(m, g);
        if (isfinite(interval))
            schedule_patrol(m, g, gsl_rng_uniform(m->rng[STREAM_PATROL]) * interval);
    }
    return sim_error(m->sim)->status;
}
