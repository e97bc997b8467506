/*
 * gov_case.c — the life of a case: birth, queueing at staff pools, service and
 * resolution, and the services routing rules move cases with (gov_route.h).
 * The hops are listed in gov_state.h; the decisions between them belong to the
 * rules (routing/route_*.c), reached through m->rules; what residents do when
 * they run out of patience is gov_contact.c's; records come from gov_mem.c.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "gov_case.h"
#include "gov_draw.h"
#include "gov_mem.h"
#include "gov_pool.h"
#include "gov_record.h"
#include "gov_route.h"
#include "gov_stats.h"
#include "gov_unit.h"
#include "gov_wheel.h"
#include "sim_assert.h"

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
    return c->known + gov_cat(m, c)->time_limit;
}

/* ---- the rule in force ---- */

/* Let the case's rule send it on. */
static void route(gov_model *m, gov_case *c)
{
    const gov_routing_cfg *r = gov_route_routing(m, c);
    m->rules[r->rule]->route(m, c, r->params[r->rule]);
}

/*
 * Queue order. Every queue is served by due time (key), urgent work first. A
 * report being taken, and a case the resident has escalated to 12345, are due
 * at once; otherwise the rule says (接诉即办: the case's deadline; 吹哨: a
 * department treats a street's case as due after (1 - assessment weight) of
 * its usual allowance), or the case waits its turn among the pool's own tasks:
 * arrival plus the pool's allowance (administrative tasks, line work).
 */
double gov_route_key(gov_model *m, const gov_case *c, const gov_pool *pool)
{
    double now = sim_now(m->sim);
    if (c->hop == HOP_GRID_INTAKE || (c->flags & CF_ESCALATED))
        return now;
    const gov_routing_cfg *r = gov_route_routing(m, c);
    const route_ops *ops = m->rules[r->rule];
    double k = ops->key != NULL ? ops->key(m, c, pool, r->params[r->rule]) : NAN;
    if (isnan(k))
        k = now + pool->allowance;
    /* Pressure from the monthly ranking moves the unit's 12345 requests up. */
    if ((c->flags & CF_REQUEST) && k > now) {
        double p = gov_case_pressure(m, c);
        if (p > 0)
            k = now + (k - now) * (1.0 - gov_case_policy(m, c)->accountability.priority_weight * p);
    }
    return k;
}

/* ---- trace ---- */

static const char *const hop_names[GOV_N_HOPS] = {
    "none", "latent", "grid_intake", "hotline_intake", "step", "wait", "posted", "resolve", "consult_prep", "meeting_wait"};
void gov_case_trace_write(gov_model *m, const gov_case *c, const char *event, const gov_pool *pool)
{
    const char *hop = c->hop == HOP_STEP && c->step != NULL ? c->step->name : hop_names[c->hop];
    fprintf(m->trace, "%llu,%.6f,%s,%s,%s,%s,%s,%s,%s\n", (unsigned long long)c->id, sim_now(m->sim), event,
            hop, pool ? gov_role_name(pool->role) : "", pool && pool->res ? sim_resource_name(pool->res) : "",
            m->comm[c->community].name, gov_class_name(c->cls), gov_cat(m, c)->name);
}

/* ---- 12345 requests ---- */

void gov_case_request(gov_model *m, gov_case *c)
{
    if (c->flags & CF_REQUEST)
        return;
    c->flags |= CF_REQUEST;
    c->requested = sim_now(m->sim);
    gov_stats_request(m, c);
}

/* The resident of a 12345 request hears from someone acting on it: in time or
 * not (the request's contact limit from when it was made). */
static void request_contacted(gov_model *m, gov_case *c)
{
    if (!(c->flags & CF_REQUEST) || (c->flags & CF_CONTACTED))
        return;
    const gov_hotline_cfg *h = &m->cfg->hotline;
    double limit = gov_cat(m, c)->urgent ? h->contact_limit_urgent : h->contact_limit;
    c->flags |= CF_CONTACTED;
    c->contacted_after = (float)(sim_now(m->sim) - c->requested);
    if (sim_now(m->sim) - c->requested <= limit)
        c->flags |= CF_CONTACT_OK;
    gov_stats_contacted(m, c);
}

/* The unit a 12345 request reaches contacts the resident first: a short task
 * ahead of its queue, taken by staff on duty or on call (the case record may
 * be closed before it starts: the task remembers the record's generation). */
void gov_case_unit_contact(gov_model *m, gov_case *c, gov_pool *pool)
{
    const gov_hotline_cfg *h = &m->cfg->hotline;
    /* An urgent request is handled at once: going to it is the contact. */
    if (!(c->flags & CF_REQUEST) || (c->flags & CF_CONTACTED) || !h->contact_step || gov_cat(m, c)->urgent)
        return;
    if (c->flags & CF_IN_SERVICE) { /* someone is working on it: they tell the resident */
        request_contacted(m, c);
        return;
    }
    gov_work *w = gov_work_new(m, WK_UNIT_CONTACT);
    if (w == NULL)
        return;
    w->owner = c;
    w->ref = m->case_gen[c->ix];
    w->pool = pool;
    w->duration = h->contact_work;
    /* Due by its limit; units keep someone on duty for 12345 (值班): staff on
     * call take the contact off hours, as they take urgent work, and urgent
     * cases due sooner go first. */
    w->job.key = c->requested + h->contact_limit;
    w->job.flags = SIM_JOB_URGENT;
    if (sim_resource_request(pool->res, &w->job) != SIM_OK)
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a contact");
}

/* ---- the units around a case ---- */

gov_pool *gov_route_community(gov_model *m, const gov_case *c) { return &m->comm[c->community].comm; }

gov_pool *gov_route_grid(gov_model *m, const gov_case *c) { return &m->comm[c->community].grid; }

gov_pool *gov_route_volunteers(gov_model *m, const gov_case *c)
{
    gov_pool *v = &m->comm[c->community].vol;
    return v->res != NULL ? v : NULL;
}

gov_pool *gov_route_street(gov_model *m, const gov_case *c)
{
    return &m->streets[m->comm[c->community].street].command;
}

gov_pool *gov_route_hotline(gov_model *m) { return &m->hotline; }

gov_pool *gov_route_stationed(gov_model *m, const gov_case *c)
{
    int d = m->cat_dept[c->category];
    gov_pool *st = &m->streets[m->comm[c->community].street].stationed[d];
    return st->res != NULL && sim_resource_headcount(st->res) > 0 ? st : NULL;
}

gov_pool *gov_route_district(gov_model *m, const gov_case *c)
{
    return &m->districts[m->comm[c->community].district].dept[m->cat_dept[c->category]];
}

gov_pool *gov_route_other_department(gov_model *m, const gov_case *c)
{
    if (m->n_dept < 2 || m->cat_dept[c->category] < 0)
        return NULL;
    size_t d = ((size_t)m->cat_dept[c->category] + 1) % m->n_dept;
    gov_pool *p = &m->districts[m->comm[c->community].district].dept[d];
    return p->res != NULL && sim_resource_headcount(p->res) > 0 ? p : NULL;
}

const gov_category_cfg *gov_route_category(const gov_model *m, const gov_case *c) { return gov_cat(m, c); }

/* ---- the steps every rule may use ---- */

static double hotline_dispatch(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    (void)c, (void)pool, (void)server;
    return gov_draw(m, STREAM_SERVICE, &m->cfg->hotline.dispatch);
}

static double street_dispatch(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    (void)c, (void)pool, (void)server;
    return gov_draw(m, STREAM_SERVICE, &m->cfg->street.dispatch);
}

static double community_review(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    (void)pool, (void)server;
    return gov_draw(m, STREAM_SERVICE, &gov_case_policy(m, c)->staffing.community_intake);
}

const gov_step gov_step_hotline_dispatch = {"hotline_dispatch", hotline_dispatch};
const gov_step gov_step_street_dispatch = {"street_dispatch", street_dispatch};
const gov_step gov_step_community_review = {"community_intake", community_review};

/* ---- moving a case ---- */

static void send(gov_model *m, gov_case *c, gov_pool *pool, int hop, double key)
{
    SIM_CHECK(pool != NULL && pool->res != NULL);
    c->hop = (uint8_t)hop;
    c->hop_since = sim_now(m->sim);
    c->hops += c->hops < UINT8_MAX;
    c->w.pool = pool;
    c->w.job.key = key;
    c->w.job.flags = gov_cat(m, c)->urgent ? SIM_JOB_URGENT : 0;
    gov_stats_role(m, pool->role, +1);
    gov_case_trace(m, c, "queued", pool);
    if (sim_resource_request(pool->res, &c->w.job) != SIM_OK)
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a case");
}

void gov_route_send(gov_model *m, gov_case *c, gov_pool *pool, const gov_step *step, double key)
{
    c->step = step;
    send(m, c, pool, HOP_STEP, key);
}

static int free_now(const gov_pool *p)
{
    return p->res != NULL && sim_resource_busy(p->res) < sim_resource_on_duty(p->res) &&
           sim_resource_queued(p->res) == 0;
}

/* An actor besides the staff (一核三治) that takes the community case: the
 * property company takes its share of its cases (in its own queue); a social
 * organisation takes one when a member is free. Never a case whose actor's fix
 * already failed. */
static gov_pool *actor_pool(gov_model *m, const gov_case *c)
{
    const gov_category_cfg *cat = gov_cat(m, c);
    if (cat->actor == GOV_ACTOR_NONE || (c->flags & CF_REWORK))
        return NULL;
    gov_community *cm = &m->comm[c->community];
    if (cat->actor == GOV_ACTOR_PROPERTY) {
        const gov_property_cfg *p = &gov_case_policy(m, c)->actors.property;
        int ok = cm->prop.res != NULL && sim_resource_headcount(cm->prop.res) > 0 && c->u_actor < p->share.v[c->cls];
        return ok ? &cm->prop : NULL;
    }
    gov_pool *s = &m->streets[cm->street].social;
    return free_now(s) ? s : NULL;
}

/* The unit that resolves the case now. A department's case goes to its staff
 * stationed at the street when one is free (the whistle's on-site limit);
 * otherwise to the queue with less work per member, so the district's staff are
 * not left idle while the street's few stationed staff are swamped. A
 * community case may go to an actor (actor_pool); volunteers take what they
 * may when one of them is free. */
static gov_pool *resolver_pool(gov_model *m, const gov_case *c)
{
    gov_community *cm = &m->comm[c->community];
    const gov_category_cfg *cat = gov_cat(m, c);
    switch (c->resolver) {
    case GOV_RES_GRID:
        return &cm->grid;
    case GOV_RES_DEPARTMENT: {
        gov_pool *st = gov_route_stationed(m, c), *dist = gov_route_district(m, c);
        if (st == NULL)
            return dist;
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
    default: {
        gov_pool *a = c->resolver == GOV_RES_COMMUNITY ? actor_pool(m, c) : NULL;
        if (a != NULL)
            return a;
        if (cat->volunteer_ok && c->resolver == GOV_RES_COMMUNITY && free_now(&cm->vol))
            return &cm->vol;
        return &cm->comm;
    }
    }
}

void gov_route_assign(gov_model *m, gov_case *c)
{
    gov_pool *pool = resolver_pool(m, c);
    int hop = c->resolver == GOV_RES_CONSULTATION ? HOP_CONSULT_PREP : HOP_RESOLVE;
    gov_case_unit_contact(m, c, pool);
    c->hop = (uint8_t)hop;
    c->whistle_at = sim_now(m->sim);
    send(m, c, pool, hop, gov_route_key(m, c, pool));
    const gov_routing_cfg *r = gov_route_routing(m, c);
    const route_ops *ops = m->rules[r->rule];
    if (ops->on_assign != NULL)
        ops->on_assign(m, c, pool, r->params[r->rule]);
}

static void wait_over(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    route(p.p, target);
}

void gov_route_wait(gov_model *m, gov_case *c, double interval)
{
    double now = sim_now(m->sim);
    double at = ceil(now / interval) * interval;
    if (at <= now)
        at = now + interval;
    c->hop = HOP_WAIT;
    c->hop_since = now;
    gov_case_trace(m, c, "wait", NULL);
    sim_schedule(m->sim, at, wait_over, c, sim_payload_p(m));
}

int gov_route_index(const gov_model *m, const route_ops *rule)
{
    for (size_t i = 0; i < m->n_rules; i++)
        if (m->rules[i] == rule)
            return (int)i;
    SIM_CHECK(!"a rule that is not in the registry");
    return 0;
}

void gov_route_hold(gov_model *m, gov_case *c, const route_ops *rule)
{
    c->rule_held = (uint8_t)(gov_route_index(m, rule) + 1);
}

void gov_route_post(gov_model *m, gov_case *c, gov_pool *const *pools, int n, gov_work **out, int *count,
                    const route_ops *rule)
{
    c->hop = HOP_POSTED;
    c->hop_since = sim_now(m->sim);
    c->hops += c->hops < UINT8_MAX;
    c->w.pool = pools[0]; /* counted at this role while posted */
    c->whistle_at = sim_now(m->sim);
    gov_stats_role(m, pools[0]->role, +1);
    gov_case_trace(m, c, "posted", pools[0]);
    gov_route_hold(m, c, rule);
    unsigned flags = gov_cat(m, c)->urgent ? SIM_JOB_URGENT : 0;
    *count = 0;
    for (int i = 0; i < n; i++) {
        gov_work *t = gov_work_new(m, WK_TICKET);
        if (t == NULL)
            return;
        t->owner = c;
        t->pool = pools[i];
        c->hop = HOP_RESOLVE; /* the key of a ticket is that of the resolving hop */
        t->job.key = gov_route_key(m, c, pools[i]);
        c->hop = HOP_POSTED;
        t->job.flags = flags;
        out[(*count)++] = t;
        if (sim_resource_request(pools[i]->res, &t->job) != SIM_OK) {
            sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory posting a case");
            return;
        }
        if (c->flags & CF_IN_SERVICE)
            return; /* taken at once: the rest are not posted */
    }
}

void gov_route_free_work(gov_model *m, gov_work *w) { gov_work_free(m, w); }

static void respond(gov_model *m, gov_case *c)
{
    request_contacted(m, c); /* someone acting on it has reached the resident */
    if (c->flags & CF_RESPONDED)
        return;
    c->flags |= CF_RESPONDED;
    c->responded = sim_now(m->sim);
    gov_stats_responded(m, c);
}

/* ---- birth ---- */

/* The grid's latent list, oldest first; the latent count per group. */
static void latent_add(gov_model *m, gov_case *c)
{
    gov_grid *g = &m->grids[c->grid];
    c->hop = HOP_LATENT;
    c->next = NULL;
    c->prev = g->latent_tail;
    if (g->latent_tail != NULL)
        g->latent_tail->next = c;
    else
        g->latent = c;
    g->latent_tail = c;
    gov_stats_latent(m, c, +1);
}

void gov_latent_take(gov_model *m, gov_case *c)
{
    SIM_CHECK(c->hop == HOP_LATENT);
    gov_grid *g = &m->grids[c->grid];
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        g->latent = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    else
        g->latent_tail = c->prev;
    c->next = c->prev = NULL;
    c->hop = HOP_NONE;
    gov_stats_latent(m, c, -1);
}

/* Flags that depend on the category, decided when the case becomes known (a
 * problem that worsened has a new category). Residents' consent is given only
 * at a meeting (微协商): a consultation case is never settled on the spot nor
 * answered at intake, whatever the shares. */
static void category_flags(gov_model *m, gov_case *c, int channel)
{
    const gov_category_cfg *cat = gov_cat(m, c);
    c->resolver = (uint8_t)cat->resolver;
    c->flags &= ~(uint32_t)(CF_ON_SPOT | CF_AT_INTAKE);
    int consent = cat->resolver == GOV_RES_CONSULTATION;
    if (!consent && c->u_on_spot < cat->on_spot_share)
        c->flags |= CF_ON_SPOT;
    if (!consent && channel == GOV_CH_HOTLINE && c->u_at_intake < cat->hotline_intake_share)
        c->flags |= CF_AT_INTAKE;
}

void gov_case_known(gov_model *m, gov_case *c, int channel)
{
    double now = sim_now(m->sim);
    c->known = now;
    c->channel = (uint8_t)channel;
    c->flags |= CF_KNOWN;
    category_flags(m, c, channel);
    gov_stats_known(m, c);
    if (c->flags & CF_LATENT)
        gov_case_trace(m, c, channel == GOV_CH_PATROL ? "found" : "reported", NULL);
    /* A resident who has reported it waits with patience; for a problem found
     * on patrol the resident's own report stays due (its timer is armed). */
    if (c->flags & CF_REPORTED)
        gov_patience_arm(m, c, now + c->patience_h);

    gov_community *cm = &m->comm[c->community];
    switch (channel) {
    case GOV_CH_GRID:
        send(m, c, &cm->grid, HOP_GRID_INTAKE, now);
        break;
    case GOV_CH_PATROL:
        /* Found by the grid worker on patrol: contact is made on the spot. */
        c->flags |= CF_FOUND;
        respond(m, c);
        if (c->flags & CF_ON_SPOT) {
            send(m, c, &cm->grid, HOP_GRID_INTAKE, now);
        } else {
            c->hop = HOP_GRID_INTAKE;
            route(m, c);
        }
        break;
    case GOV_CH_HOTLINE:
        send(m, c, &m->hotline, HOP_HOTLINE_INTAKE, now);
        break;
    case GOV_CH_APP:
    default:
        c->hop = HOP_NONE;
        route(m, c);
        break;
    }
}

/* Weibull quantile with the given mean and shape (scale = mean / Gamma(1 + 1/shape)). */
static double latent_report_delay(const gov_model *m, const gov_case *c, double u)
{
    const gov_category_cfg *cat = gov_cat(m, c);
    return gsl_cdf_weibull_Pinv(u, m->latent_scale[c->category], cat->latent_report_shape);
}

void gov_problem_birth(gov_model *m, uint32_t community, uint32_t grid, uint16_t category, int channel, int latent,
                       const gov_birth_draws *u)
{
    gov_case *c = gov_case_alloc(m);
    if (c == NULL)
        return;
    double now = sim_now(m->sim);
    const gov_category_cfg *cat = &m->cfg->categories[category];
    c->id = ++m->next_case_id;
    c->category = category;
    c->community = community;
    c->grid = grid;
    c->cls = m->comm[community].cls;
    c->channel = c->report_channel = (uint8_t)channel;
    c->resolver = (uint8_t)cat->resolver;
    c->born = now;
    c->known = NAN;
    c->responded = NAN;
    c->whistle_at = NAN;
    c->w.kind = WK_CASE;
    c->w.job.server = -1;
    c->u_work = u->work;
    c->u_sat = u->sat;
    c->u_on_spot = (float)u->on_spot;
    c->u_at_intake = (float)u->at_intake;
    c->u_actor = (float)u->actor;
    c->u_quality = (float)u->quality;
    c->u_fix = (float)u->fix;
    c->patience_h = gsl_cdf_exponential_Pinv(u->patience, m->cfg->residents.patience);
    gov_stats_problem(m, c);
    if (!latent) {
        c->flags |= CF_REPORTED;
        gov_case_trace(m, c, "born", NULL);
        gov_case_known(m, c, channel);
        return;
    }
    /* Nobody knows of it: its resident reports it at report_at unless a patrol
     * finds it first; a share worsens before that (gov_contact.c). */
    c->flags |= CF_LATENT;
    c->report_at = now + latent_report_delay(m, c, u->report);
    double at = c->report_at;
    if (cat->worsens_to_index >= 0 && u->worsen < cat->worsens_share) {
        double w = now + gsl_cdf_exponential_Pinv(u->worsen_t, cat->worsens_after);
        if (w < at) {
            c->flags |= CF_WORSENS;
            at = w;
        }
    }
    latent_add(m, c);
    gov_case_trace(m, c, "born", NULL);
    gov_patience_arm(m, c, at);
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
        if (sim_now(m->sim) + travel <= c->whistle_at + gov_case_policy(m, c)->routing.onsite_limit)
            c->flags |= CF_ONSITE_OK;
    }
    return travel + work;
}

static double consult_prep(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    return gov_draw(m, STREAM_SERVICE, &gov_case_policy(m, c)->consultation.prep) *
           gov_pool_speed_factor(pool, server, sim_now(m->sim), m->cfg);
}

static double case_duration(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    const gov_config *cfg = m->cfg;
    switch (c->hop) {
    case HOP_GRID_INTAKE: {
        respond(m, c);
        double t = gov_draw(m, STREAM_SERVICE, &gov_case_policy(m, c)->staffing.grid_intake);
        if (c->flags & CF_ON_SPOT)
            t += resolve_duration(m, c, pool, server);
        return t;
    }
    case HOP_HOTLINE_INTAKE:
        /* A call answered is a request (a call nobody answers is not one). */
        gov_case_request(m, c);
        if (c->flags & CF_AT_INTAKE)
            respond(m, c);
        return gov_draw(m, STREAM_SERVICE, &cfg->hotline.intake);
    case HOP_STEP:
        return c->step->duration(m, c, pool, server);
    case HOP_CONSULT_PREP:
        respond(m, c);
        return consult_prep(m, c, pool, server);
    case HOP_RESOLVE:
    default:
        respond(m, c);
        return resolve_duration(m, c, pool, server);
    }
}

/* A ticket was taken: the rule that posted it withdraws the others; the taker
 * is the case's resolving unit, which earns its points, and a rule that acts on
 * assignment (multi_dispatch's duplicates) acts now. */
static void ticket_taken(gov_model *m, gov_case *c, gov_work *taken)
{
    const route_ops *holder = m->rules[c->rule_held - 1];
    holder->on_taken(m, c, taken);
    const gov_routing_cfg *r = gov_route_routing(m, c);
    const route_ops *ops = m->rules[r->rule];
    if (ops->on_assign != NULL) {
        c->w.job.key = taken->job.key;
        c->w.job.flags = taken->job.flags;
        ops->on_assign(m, c, taken->pool, r->params[r->rule]);
    }
}

void gov_on_start(sim_t *sim, sim_resource *res, sim_job *job, void *ctx)
{
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
        ticket_taken(m, c, w);
        c->flags |= CF_IN_SERVICE;
        c->hop = HOP_RESOLVE;
        gov_case_trace(m, c, "start", pool);
        d = (c->resolver == GOV_RES_CONSULTATION)
                ? gov_draw(m, STREAM_SERVICE, &gov_case_policy(m, c)->consultation.prep)
                : resolve_duration(m, c, pool, job->server);
        respond(m, c);
        break;
    }
    case WK_UNIT_CONTACT:
        if (m->case_gen[w->owner->ix] == w->ref)
            request_contacted(m, w->owner);
        d = w->duration;
        break;
    default:
        d = w->duration;
        break;
    }
    w->duration = d;
    sim_schedule(sim, sim_now(sim) + d, work_done, w, sim_payload_p(m));
}

static void meeting_wait(gov_model *m, gov_case *c)
{
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
}

/* An actor's fix that does not hold (its quality): the community takes over. */
static int actor_failed(const gov_model *m, const gov_case *c)
{
    const gov_actors_cfg *a = &gov_case_policy(m, c)->actors;
    switch (c->w.pool->role) {
    case ROLE_PROPERTY: return c->u_quality >= a->property.quality;
    case ROLE_SOCIAL: return c->u_quality >= a->social.quality;
    default: return 0;
    }
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
        break;
    case HOP_HOTLINE_INTAKE:
        if (c->flags & CF_AT_INTAKE) {
            gov_case_resolved(m, c);
            return;
        }
        break;
    case HOP_RESOLVE:
        if (actor_failed(m, c)) {
            c->flags |= CF_REWORK;
            gov_case_trace(m, c, "rework", NULL);
            gov_route_assign(m, c);
            return;
        }
        gov_case_resolved(m, c);
        return;
    case HOP_CONSULT_PREP:
        meeting_wait(m, c);
        return;
    default:
        break;
    }
    route(m, c);
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
        m->on_patrol_done(m, w);
        break;
    default:
        gov_stats_work(m, w, pool);
        gov_work_free(m, w);
        break;
    }
}

gov_work *gov_route_work(gov_model *m, gov_pool *pool, int kind, double duration, double key, unsigned flags)
{
    gov_work *w = gov_work_new(m, kind);
    if (w == NULL)
        return NULL;
    w->pool = pool;
    w->duration = duration;
    w->job.key = key;
    w->job.flags = flags;
    if (sim_resource_request(pool->res, &w->job) != SIM_OK) {
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a task");
        return NULL;
    }
    return w;
}

/* ---- the end of a case ---- */

static int satisfied(const gov_model *m, const gov_case *c, double now)
{
    const gov_residents_cfg *r = &m->cfg->residents;
    if (c->flags & CF_UNFIXED)
        return c->u_sat < r->satisfaction.unfixed;
    double ratio = (now - c->known) / gov_cat(m, c)->time_limit;
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

/* Fixed at once by whoever answered (on the spot, at intake) or settled by
 * residents' consent; otherwise the closing unit fixes it with its fix share
 * (gov_unit.h), or closes it with an explanation. */
static void decide_fixed(const gov_model *m, gov_case *c)
{
    if ((c->flags & (CF_ON_SPOT | CF_AT_INTAKE)) || c->resolver == GOV_RES_CONSULTATION)
        return;
    if (c->u_fix >= gov_case_fix_share(m, c))
        c->flags |= CF_UNFIXED;
}

void gov_case_resolved(gov_model *m, gov_case *c)
{
    double now = sim_now(m->sim);
    decide_fixed(m, c);
    sim_cancel(m->sim, c->timer);
    gov_case_trace(m, c, "resolved", NULL);
    int sat = satisfied(m, c, now);
    gov_record(m, c, GOV_OUTCOME_RESOLVED, sat);
    gov_stats_closed(m, c, 1, sat);
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
