/*
 * route_grab.c — 社区下单、部门抢单 (Kangbashi's "多多评"): the community reviews
 * the case and places the order; the order is posted to every unit able to take
 * it — for a department case, the department's staff stationed at the street and
 * at the district; for a community case, the community's workers and, when
 * enabled, its volunteers. Whoever is free first takes it (a unit with a free
 * member right away takes it at once, nearest first); if nobody is free, the
 * first member of any of those units to come free takes it. The taker's unit
 * earns points. There is no street dispatch hop.
 */
#include "gov_model.h"
#include "sim_assert.h"

static int candidates(gov_model *m, const gov_case *c, gov_pool **out)
{
    gov_community *cm = &m->comm[c->community];
    int n = 0;
    if (c->resolver == GOV_RES_DEPARTMENT) {
        int d = m->cat_dept[c->category];
        gov_pool *st = &m->streets[cm->street].stationed[d];
        if (st->res != NULL && sim_resource_headcount(st->res) > 0)
            out[n++] = st;
        out[n++] = &m->districts[cm->district].dept[d];
    } else {
        out[n++] = &cm->comm;
        if (m->cfg->categories[c->category].volunteer_ok && cm->vol.res != NULL &&
            sim_resource_headcount(cm->vol.res) > 0)
            out[n++] = &cm->vol;
    }
    return n;
}

static void post(gov_model *m, gov_case *c)
{
    gov_pool *pools[4];
    int n = candidates(m, c, pools);
    c->hop = HOP_GRAB_POOL;
    c->hop_since = sim_now(m->sim);
    c->w.pool = pools[0]; /* counted at this role while posted */
    c->whistle_at = sim_now(m->sim);
    gov_stats_role(m, pools[0]->role, +1);
    gov_case_trace(m, c, "posted", pools[0]);
    c->n_tickets = 0;
    for (int i = 0; i < n; i++) {
        gov_work *t = gov_work_new(m, WK_TICKET);
        if (t == NULL)
            return;
        t->owner = c;
        t->pool = pools[i];
        c->hop = HOP_RESOLVE; /* the key of a ticket is that of the resolving hop */
        t->job.key = gov_case_key(m, c, pools[i]);
        c->hop = HOP_GRAB_POOL;
        t->job.flags = m->cfg->categories[c->category].urgent ? SIM_JOB_URGENT : 0;
        c->tickets[c->n_tickets++] = t;
        if (sim_resource_request(pools[i]->res, &t->job) != SIM_OK) {
            sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory posting a case");
            return;
        }
        if (c->flags & CF_IN_SERVICE)
            return; /* taken at once: the rest are not posted */
    }
}

static void route(gov_model *m, gov_case *c)
{
    gov_community *cm = &m->comm[c->community];
    switch (c->hop) {
    case HOP_HOTLINE_INTAKE:
        gov_send(m, c, &m->hotline, HOP_HOTLINE_DISPATCH, gov_case_key(m, c, &m->hotline));
        return;
    case HOP_COMMUNITY_INTAKE:
        post(m, c);
        return;
    default:
        break;
    }
    if (c->resolver == GOV_RES_GRID || c->resolver == GOV_RES_CONSULTATION) {
        gov_assign(m, c, 0.0);
        return;
    }
    c->level = LEVEL_COMMUNITY;
    gov_send(m, c, &cm->comm, HOP_COMMUNITY_INTAKE, gov_case_key(m, c, &cm->comm));
}

const route_ops route_grab = {"grab", route, NULL};
