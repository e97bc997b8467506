/*
 * gov_case.c — the life of a case: birth, queueing at staff pools, service and
 * resolution (repeat contacts and abandonment: gov_patience.c; records:
 * gov_mem.c). The transitions
 * are listed in gov_model.h; routing decisions between hops belong to the rules
 * (route_*.c).
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "gov.h"
#include "gov_model.h"
#include "sim_assert.h"
#include "sim_mem.h"

/* ---- draws ---- */

double gov_dist_quantile(const gov_dist_cfg *d, double u)
{
    /* Keep u inside (0,1): the quantile functions are infinite at the ends. */
    if (u < 1e-12)
        u = 1e-12;
    if (u > 1.0 - 1e-12)
        u = 1.0 - 1e-12;
    switch (d->kind) {
    case GOV_DIST_CONSTANT:
        return d->mean;
    case GOV_DIST_UNIFORM: {
        /* mean m, cv c: uniform on m(1 -+ c sqrt 3) */
        double half = d->mean * d->cv * sqrt(3.0);
        double lo = d->mean - half < 0 ? 0 : d->mean - half;
        return lo + (2 * (d->mean - lo)) * u;
    }
    case GOV_DIST_LOGNORMAL: {
        double s2 = log1p(d->cv * d->cv);
        double mu = log(d->mean) - s2 / 2;
        return gsl_cdf_lognormal_Pinv(u, mu, sqrt(s2));
    }
    case GOV_DIST_GAMMA: {
        /* GSL's inverse does not converge far into the lower tail of small
         * shapes (cv above about 2.5) nor in the tails of large ones (NaN), and
         * is wrong for huge ones (from about cv 1e-6). There the small-x series
         * P(a, x) = x^a / Gamma(a+1) and the Wilson-Hilferty cube (used from
         * shape 1e6, cv 0.001, on) are accurate; cv 0 is the constant. */
        double shape = 1.0 / (d->cv * d->cv), scale = d->mean / shape;
        if (!isfinite(shape))
            return d->mean;
        double x = shape < 1e6 ? gsl_cdf_gamma_Pinv(u, shape, scale) : NAN;
        if (isfinite(x))
            return x;
        if (shape < 1)
            return scale * exp((log(u) + gsl_sf_lngamma(shape + 1)) / shape);
        double h = 1.0 / (9.0 * shape), c = 1.0 - h + gsl_cdf_ugaussian_Pinv(u) * sqrt(h);
        return c > 0 ? d->mean * c * c * c : 0.0;
    }
    case GOV_DIST_EXPONENTIAL:
    default:
        return gsl_cdf_exponential_Pinv(u, d->mean);
    }
}

/* gov_dist_quantile with the lognormal's parameters computed once per
 * distribution, not per draw (log1p, log and sqrt cost more than the quantile
 * itself; hotline calls and every case's handling are lognormal). A small
 * table keyed by the distribution's address; the same values, so the same
 * draws. */
double gov_quantile(gov_model *m, const gov_dist_cfg *d, double u)
{
    if (d->kind != GOV_DIST_LOGNORMAL)
        return gov_dist_quantile(d, u);
    gov_dist_memo *e = &m->dist_memo[((uintptr_t)d * UINT64_C(0x9E3779B97F4A7C15)) >> 60 &
                                     (GOV_DIST_MEMO - 1)];
    if (e->d != d || e->mean != d->mean || e->cv != d->cv) {
        double s2 = log1p(d->cv * d->cv);
        e->d = d;
        e->mean = d->mean;
        e->cv = d->cv;
        e->mu = log(d->mean) - s2 / 2;
        e->sigma = sqrt(s2);
    }
    if (u < 1e-12)
        u = 1e-12;
    if (u > 1.0 - 1e-12)
        u = 1.0 - 1e-12;
    return gsl_cdf_lognormal_Pinv(u, e->mu, e->sigma);
}

double gov_draw(gov_model *m, int stream, const gov_dist_cfg *d)
{
    gsl_rng *r = m->rng[stream];
    switch (d->kind) {
    case GOV_DIST_CONSTANT:
        return d->mean;
    case GOV_DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, d->mean);
    default:
        return gov_quantile(m, d, gsl_rng_uniform_pos(r));
    }
}

const gov_category_cfg *gov_cat(const gov_model *m, const gov_case *c)
{
    return &m->cfg->categories[c->category];
}

const gov_policy_cfg *gov_case_policy(const gov_model *m, const gov_case *c)
{
    return m->policy[c->cls];
}

double gov_case_deadline(const gov_model *m, const gov_case *c)
{
    return c->born + gov_cat(m, c)->time_limit;
}

/* The routing rule that moves the case now; multi_dispatch routes like its base rule. */
static int routing_rule(const gov_model *m, const gov_case *c)
{
    return gov_case_policy(m, c)->routing.rule;
}

/*
 * Queue order. Every queue is served by due time (key), urgent work first.
 * A task's due time is its arrival plus the pool's allowance (administrative
 * tasks and departments' own line work), so under layered reporting and grab a
 * case waits its turn among them. 接诉即办 (hotline) makes the case due at its
 * deadline; 吹哨 (whistle) makes a department treat a street's case as due after
 * (1 - assessment weight) of its usual allowance. A case the resident has
 * escalated to 12345 is due at once.
 */
double gov_case_key(gov_model *m, const gov_case *c, const gov_pool *pool)
{
    double now = sim_now(m->sim);
    if (c->hop == HOP_GRID_INTAKE || (c->flags & CF_ESCALATED))
        return now;
    const gov_policy_cfg *pol = gov_case_policy(m, c);
    int rule = pol->routing.rule == GOV_RULE_MULTI ? pol->routing.base_rule : pol->routing.rule;
    if (rule == GOV_RULE_HOTLINE && c->hop == HOP_RESOLVE)
        return gov_case_deadline(m, c);
    if (rule == GOV_RULE_WHISTLE && pool->role == ROLE_DEPARTMENT)
        return now + (1.0 - pol->routing.assessment_weight) * pool->allowance;
    return now + pool->allowance;
}

/* ---- trace ---- */

static const char *const hop_names[GOV_N_HOPS] = {
    "none", "grid_intake", "hotline_intake", "hotline_dispatch", "community_intake", "forward",
    "street_dispatch", "batch_wait", "resolve", "consult_prep", "meeting_wait", "grab_pool"};
static const char *const role_names[GOV_N_ROLES] = {"grid", "community", "street", "department",
                                                    "hotline", "volunteer"};
static const char *const channel_names[GOV_N_CHANNELS] = {"grid", "hotline", "app", "patrol"};
static const char *const class_names[GOV_N_CLASSES] = {"urban", "fringe", "rural"};

void gov_case_trace(gov_model *m, const gov_case *c, const char *event, const gov_pool *pool)
{
    if (m->trace == NULL)
        return;
    fprintf(m->trace, "%llu,%.6f,%s,%s,%s,%s,%s,%s,%s\n", (unsigned long long)c->id,
            sim_now(m->sim), event, hop_names[c->hop], pool ? role_names[pool->role] : "",
            pool && pool->res ? sim_resource_name(pool->res) : "", m->comm[c->community].name,
            class_names[c->cls], gov_cat(m, c)->name);
    (void)channel_names;
}

/* ---- moving a case ---- */

void gov_send(gov_model *m, gov_case *c, gov_pool *pool, int hop, double key)
{
    SIM_CHECK(pool != NULL && pool->res != NULL);
    c->hop = (uint8_t)hop;
    c->hop_since = sim_now(m->sim);
    c->w.pool = pool;
    c->w.job.key = key;
    c->w.job.flags = gov_cat(m, c)->urgent ? SIM_JOB_URGENT : 0;
    gov_stats_role(m, pool->role, +1);
    gov_case_trace(m, c, "queued", pool);
    if (sim_resource_request(pool->res, &c->w.job) != SIM_OK)
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a case");
}

gov_pool *gov_resolver_pool(gov_model *m, const gov_case *c)
{
    gov_community *cm = &m->comm[c->community];
    const gov_category_cfg *cat = gov_cat(m, c);
    switch (c->resolver) {
    case GOV_RES_GRID:
        return &cm->grid;
    case GOV_RES_DEPARTMENT: {
        int d = m->cat_dept[c->category];
        gov_pool *st = &m->streets[cm->street].stationed[d];
        gov_pool *dist = &m->districts[cm->district].dept[d];
        if (st->res == NULL || sim_resource_headcount(st->res) == 0)
            return dist;
        /* Stationed staff first: a free one takes the case (the whistle's
         * on-site limit). Otherwise the case joins the queue with less work
         * per member, so the district's staff are not left idle while the
         * street's few stationed staff are swamped. */
        if (sim_resource_busy(st->res) < sim_resource_on_duty(st->res) && sim_resource_queued(st->res) == 0)
            return st;
        unsigned nd = sim_resource_headcount(dist->res);
        if (nd == 0)
            return st;
        double ls = (double)(sim_resource_busy(st->res) + sim_resource_queued(st->res)) /
                    sim_resource_headcount(st->res);
        double ld = (double)(sim_resource_busy(dist->res) + sim_resource_queued(dist->res)) / nd;
        return ls <= ld ? st : dist;
    }
    case GOV_RES_COMMUNITY:
    case GOV_RES_CONSULTATION:
    default:
        /* Volunteers take what they may when one of them is free. */
        if (cat->volunteer_ok && c->resolver == GOV_RES_COMMUNITY && cm->vol.res != NULL &&
            sim_resource_busy(cm->vol.res) < sim_resource_on_duty(cm->vol.res) &&
            sim_resource_queued(cm->vol.res) == 0)
            return &cm->vol;
        return &cm->comm;
    }
}

void gov_assign(gov_model *m, gov_case *c, double key_unused)
{
    (void)key_unused;
    gov_pool *pool = gov_resolver_pool(m, c);
    int hop = c->resolver == GOV_RES_CONSULTATION ? HOP_CONSULT_PREP : HOP_RESOLVE;
    c->hop = (uint8_t)hop;
    c->whistle_at = sim_now(m->sim);
    gov_send(m, c, pool, hop, gov_case_key(m, c, pool));
    const route_ops *r = route_lookup(routing_rule(m, c));
    if (r->on_assign != NULL)
        r->on_assign(m, c, pool);
}

static void batch_fire(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    gov_case *c = target;
    gov_model *m = p.p;
    route_lookup(routing_rule(m, c))->route(m, c);
}

void gov_batch_wait(gov_model *m, gov_case *c, double interval)
{
    double now = sim_now(m->sim);
    double at = ceil(now / interval) * interval;
    if (at <= now)
        at = now + interval;
    c->hop_since = now;
    gov_case_trace(m, c, "batch_wait", NULL);
    sim_schedule(m->sim, at, batch_fire, c, sim_payload_p(m));
}

static void respond(gov_model *m, gov_case *c)
{
    if (c->flags & CF_RESPONDED)
        return;
    c->flags |= CF_RESPONDED;
    c->responded = sim_now(m->sim);
    gov_stats_responded(m, c);
}

/* ---- birth ---- */

void gov_case_birth(gov_model *m, uint32_t community, uint32_t grid, uint16_t category, int channel,
                    const gov_birth_draws *u)
{
    gov_case *c = gov_case_alloc(m);
    if (c == NULL)
        return;
    const gov_category_cfg *cat = &m->cfg->categories[category];
    c->id = ++m->next_case_id;
    c->category = category;
    c->community = community;
    c->grid = grid;
    c->cls = m->comm[community].cls;
    c->channel = (uint8_t)channel;
    c->resolver = (uint8_t)cat->resolver;
    c->born = sim_now(m->sim);
    c->responded = NAN;
    c->w.kind = WK_CASE;
    c->w.job.server = -1;
    c->u_work = u->work;
    c->u_sat = u->sat;
    /* Residents' consent is given only at a meeting (微协商): a consultation case
     * is never settled on the spot nor answered at intake, whatever the shares. */
    int consent = cat->resolver == GOV_RES_CONSULTATION;
    if (!consent && u->on_spot < cat->on_spot_share)
        c->flags |= CF_ON_SPOT;
    if (!consent && channel == GOV_CH_HOTLINE && u->at_intake < cat->hotline_intake_share)
        c->flags |= CF_AT_INTAKE;
    gov_stats_born(m, c);
    gov_case_trace(m, c, "born", NULL);

    double patience = gsl_cdf_exponential_Pinv(u->patience, m->cfg->residents.patience);
    gov_patience_arm(m, c, sim_now(m->sim) + patience);

    gov_community *cm = &m->comm[community];
    switch (channel) {
    case GOV_CH_GRID:
        gov_send(m, c, &cm->grid, HOP_GRID_INTAKE, sim_now(m->sim));
        break;
    case GOV_CH_PATROL:
        /* Found by the grid worker on patrol: contact is made on the spot. */
        c->flags |= CF_LATENT;
        c->level = LEVEL_GRID;
        respond(m, c);
        if (c->flags & CF_ON_SPOT) {
            gov_send(m, c, &cm->grid, HOP_GRID_INTAKE, sim_now(m->sim));
        } else {
            c->hop = HOP_GRID_INTAKE;
            route_lookup(routing_rule(m, c))->route(m, c);
        }
        break;
    case GOV_CH_HOTLINE:
        c->level = LEVEL_HOTLINE;
        gov_send(m, c, &m->hotline, HOP_HOTLINE_INTAKE, sim_now(m->sim));
        break;
    case GOV_CH_APP:
    default:
        c->level = LEVEL_COMMUNITY;
        c->hop = HOP_NONE;
        route_lookup(routing_rule(m, c))->route(m, c);
        break;
    }
}

/* ---- service ---- */

static void work_done(sim_t *sim, void *target, sim_payload p);

/* The kernel's lookahead (sim.h): the next event's target is loaded; start
 * loading what its handler reaches from there. Most events end a task: the
 * handler releases the server (pool, resource, server record) and, for a case,
 * routes it on, reading the rest of its record. */
void gov_lookahead(sim_handler_fn *fn, void *target, sim_payload payload)
{
    (void)payload;
#if defined(__GNUC__)
    if (fn == work_done) {
        const gov_work *w = target;
        __builtin_prefetch(w->pool);
        sim_resource_prefetch(w->res, &w->job);
        if (w->kind == WK_CASE)
            for (size_t off = 64; off < sizeof(gov_case); off += 64)
                __builtin_prefetch((const char *)w + off);
    } else if (fn == gov_patience_handler()) {
        const gov_case *c = target;
        for (size_t off = 64; off < sizeof(gov_case); off += 64)
            __builtin_prefetch((const char *)c + off);
        __builtin_prefetch(c->w.pool);
    }
#else
    (void)fn;
    (void)target;
#endif
}

static double resolve_duration(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    const gov_category_cfg *cat = gov_cat(m, c);
    double work = gov_quantile(m, &cat->handling, c->u_work) *
                  gov_pool_speed_factor(pool, server, sim_now(m->sim), m->cfg);
    double travel = 0.0;
    if (pool->role == ROLE_DEPARTMENT) {
        const gov_department_cfg *d = &m->cfg->departments[pool->department];
        travel = pool->owner_is_street ? d->travel_stationed : d->travel_district;
        const gov_policy_cfg *pol = gov_case_policy(m, c);
        if (sim_now(m->sim) + travel <= c->whistle_at + pol->routing.onsite_limit)
            c->flags |= CF_ONSITE_OK;
    }
    return travel + work;
}

static double case_duration(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    const gov_config *cfg = m->cfg;
    const gov_policy_cfg *pol = gov_case_policy(m, c);
    switch (c->hop) {
    case HOP_GRID_INTAKE: {
        respond(m, c);
        double t = gov_draw(m, STREAM_SERVICE, &pol->staffing.grid_intake);
        if (c->flags & CF_ON_SPOT)
            t += resolve_duration(m, c, pool, server);
        return t;
    }
    case HOP_HOTLINE_INTAKE:
        if (c->flags & CF_AT_INTAKE)
            respond(m, c);
        return gov_draw(m, STREAM_SERVICE, &cfg->hotline.intake);
    case HOP_HOTLINE_DISPATCH:
        return gov_draw(m, STREAM_SERVICE, &cfg->hotline.dispatch);
    case HOP_COMMUNITY_INTAKE:
        return gov_draw(m, STREAM_SERVICE, &pol->staffing.community_intake);
    case HOP_FORWARD:
        return gov_draw(m, STREAM_SERVICE, &pol->routing.forward);
    case HOP_STREET_DISPATCH:
        return gov_draw(m, STREAM_SERVICE, &cfg->street.dispatch);
    case HOP_CONSULT_PREP:
        respond(m, c);
        return gov_draw(m, STREAM_SERVICE, &pol->consultation.prep) *
               gov_pool_speed_factor(pool, server, sim_now(m->sim), cfg);
    case HOP_RESOLVE:
    default:
        respond(m, c);
        return resolve_duration(m, c, pool, server);
    }
}

/* A grab ticket was taken: the other units' tickets are withdrawn. */
static void grab_taken(gov_model *m, gov_case *c, gov_work *taken)
{
    for (int i = 0; i < c->n_tickets; i++) {
        gov_work *t = c->tickets[i];
        if (t == taken)
            continue;
        if (sim_resource_withdraw(t->pool->res, &t->job))
            gov_work_free(m, t);
    }
    c->n_tickets = 0;
    taken->pool->points += gov_case_policy(m, c)->routing.grab_points;
    /* The taker is the case's resolving unit: a rule that acts on assignment
     * (multi_dispatch's duplicates) acts now, as gov_assign does for the others. */
    const route_ops *r = route_lookup(routing_rule(m, c));
    if (r->on_assign != NULL) {
        c->w.job.key = taken->job.key;
        c->w.job.flags = taken->job.flags;
        r->on_assign(m, c, taken->pool);
    }
}

void gov_on_start(sim_t *sim, sim_resource *res, sim_job *job, void *ctx)
{
    (void)res;
    gov_model *m = ctx;
    gov_work *w = (gov_work *)((char *)job - offsetof(gov_work, job));
    gov_pool *pool = w->pool;
    w->res = res;
    double d;
    switch (w->kind) {
    case WK_CASE: {
        gov_case *c = (gov_case *)w;
        c->flags |= CF_IN_SERVICE;
        gov_case_trace(m, c, "start", pool);
        d = case_duration(m, c, pool, job->server);
        break;
    }
    case WK_TICKET: {
        gov_case *c = w->owner;
        grab_taken(m, c, w);
        c->flags |= CF_IN_SERVICE;
        c->hop = HOP_RESOLVE;
        gov_case_trace(m, c, "start", pool);
        d = (c->resolver == GOV_RES_CONSULTATION)
                ? gov_draw(m, STREAM_SERVICE, &gov_case_policy(m, c)->consultation.prep)
                : resolve_duration(m, c, pool, job->server);
        respond(m, c);
        break;
    }
    default:
        d = w->duration;
        break;
    }
    w->duration = d;
    sim_schedule(sim, sim_now(sim) + d, work_done, w, sim_payload_p(m));
}

static void case_hop_done(gov_model *m, gov_case *c)
{
    c->flags &= ~(uint32_t)CF_IN_SERVICE;
    switch (c->hop) {
    case HOP_GRID_INTAKE:
        if (c->flags & CF_ON_SPOT) {
            gov_case_resolved(m, c);
            return;
        }
        c->level = LEVEL_GRID;
        break;
    case HOP_HOTLINE_INTAKE:
        if (c->flags & CF_AT_INTAKE) {
            gov_case_resolved(m, c);
            return;
        }
        break;
    case HOP_RESOLVE:
        gov_case_resolved(m, c);
        return;
    case HOP_CONSULT_PREP: {
        gov_community *cm = &m->comm[c->community];
        c->hop = HOP_MEETING_WAIT;
        c->hop_since = sim_now(m->sim);
        c->next = NULL;
        if (cm->meeting_tail)
            cm->meeting_tail->next = c;
        else
            cm->meeting_head = c;
        cm->meeting_tail = c;
        gov_case_trace(m, c, "meeting_wait", NULL);
        return;
    }
    default:
        break;
    }
    route_lookup(routing_rule(m, c))->route(m, c);
}

static void work_done(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    gov_model *m = p.p;
    gov_work *w = target;
    gov_pool *pool = w->pool;
    sim_resource_release(pool->res, &w->job);
    switch (w->kind) {
    case WK_CASE: {
        gov_case *c = (gov_case *)w;
        gov_stats_work(m, w, pool);
        gov_stats_role(m, pool->role, -1);
        case_hop_done(m, c);
        break;
    }
    case WK_TICKET: {
        gov_case *c = w->owner;
        gov_stats_work(m, w, pool);
        gov_stats_role(m, c->w.pool->role, -1); /* counted at the role it was posted to */
        gov_work_free(m, w);
        c->flags &= ~(uint32_t)CF_IN_SERVICE;
        if (c->resolver == GOV_RES_CONSULTATION) {
            c->hop = HOP_CONSULT_PREP;
            case_hop_done(m, c);
        } else {
            gov_case_resolved(m, c);
        }
        break;
    }
    case WK_PATROL:
        gov_stats_work(m, w, pool);
        gov_patrol_done(m, w);
        break;
    default:
        gov_stats_work(m, w, pool);
        gov_work_free(m, w);
        break;
    }
}

/* ---- the end of a case ---- */

static int satisfied(const gov_model *m, const gov_case *c, double now)
{
    const gov_residents_cfg *r = &m->cfg->residents;
    double ratio = (now - c->born) / gov_cat(m, c)->time_limit;
    double late = ratio > 1.0 ? ratio - 1.0 : 0.0;
    double p = r->satisfaction.base * exp(-r->satisfaction.time_k * ratio - r->satisfaction.late_k * late) *
               pow(1.0 - r->satisfaction.contact_k, (double)c->contacts);
    return c->u_sat < p;
}

static void follow_up(gov_model *m, const gov_case *c)
{
    double t = m->cfg->hotline.follow_up_time;
    if (t <= 0.0 || !(c->channel == GOV_CH_HOTLINE || (c->flags & CF_ESCALATED)))
        return;
    gov_work *w = gov_work_new(m, WK_FOLLOWUP);
    if (w == NULL)
        return;
    w->pool = &m->hotline;
    w->duration = t;
    w->job.key = sim_now(m->sim) + 24.0;
    if (sim_resource_request(m->hotline.res, &w->job) != SIM_OK)
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a follow-up call");
}

void gov_case_resolved(gov_model *m, gov_case *c)
{
    double now = sim_now(m->sim);
    sim_cancel(m->sim, c->timer);
    gov_case_trace(m, c, "resolved", NULL);
    gov_stats_closed(m, c, 1, satisfied(m, c, now));
    follow_up(m, c);
    gov_case_release(m, c);
}

/* Resolve every case waiting for a community's meeting (微协商). */
void gov_meeting_held(gov_model *m, gov_community *cm)
{
    gov_case *c = cm->meeting_head;
    cm->meeting_head = cm->meeting_tail = NULL;
    while (c != NULL) {
        gov_case *next = c->next;
        gov_case_resolved(m, c);
        c = next;
    }
}
