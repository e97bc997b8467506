/*
 * route_grab.c — 社区下单、部门抢单 (Kangbashi's "多多评"): the community reviews
 * the case and places the order; the order is posted to every unit able to take
 * it — for a department case, the department's staff stationed at the street and
 * at the district; for a community case, the community's workers and, when
 * enabled, its volunteers. Whoever is free first takes it (a unit with a free
 * member right away takes it at once, nearest first); if nobody is free, the
 * first member of any of those units to come free takes it. The taker's unit
 * earns points (积分), and the points are why units grab: an order worth p
 * points is due after 1/(1 + p) of the allowance the unit gives its own work
 * (line tasks, administrative tasks), so with more points orders are taken
 * ahead of more of that work; with none they wait their turn among it. There
 * is no street dispatch hop.
 */
#include <math.h>

#include "gov_route.h"

typedef struct grab_params {
    double points;
} grab_params;

/* The tickets a posted case has out, one per unit. */
typedef struct grab_state {
    gov_work *tickets[4];
    int n;
} grab_state;

static const scn_field fields[] = {
    {.name = "grab_points", .type = SCN_NUMBER, SCN_AT(grab_params, points), .def = 1, SCN_RANGE(0, 1e6),
     .flags = SCN_LIVE,
     .doc = "grab: points a unit earns per case taken; an order is due after 1/(1 + points) of the allowance of "
            "the unit's own work (0: it waits its turn among that work)",
     .mechanism = "积分 reward the takers (001); how much they move a unit is an assumption (W)"},
};
static const scn_schema params_schema = SCN_SCHEMA(grab_params, "order-grabbing", fields, "社区下单、部门抢单");

extern const route_ops route_grab;

static int candidates(gov_model *m, const gov_case *c, gov_pool **out)
{
    int n = 0;
    if (c->resolver == GOV_RES_DEPARTMENT) {
        gov_pool *st = gov_route_stationed(m, c);
        if (st != NULL)
            out[n++] = st;
        out[n++] = gov_route_district(m, c);
    } else {
        out[n++] = gov_route_community(m, c);
        gov_pool *vol = gov_route_volunteers(m, c);
        if (gov_route_category(m, c)->volunteer_ok && vol != NULL && sim_resource_headcount(vol->res) > 0)
            out[n++] = vol;
    }
    return n;
}

static void route(gov_model *m, gov_case *c, const void *p)
{
    (void)p;
    if (c->hop == HOP_HOTLINE_INTAKE) {
        gov_pool *h = gov_route_hotline(m);
        gov_route_send(m, c, h, &gov_step_hotline_dispatch, gov_route_key(m, c, h));
        return;
    }
    if (c->hop == HOP_STEP && c->step == &gov_step_community_review) {
        gov_pool *pools[4];
        grab_state *s = gov_route_state(c);
        gov_route_post(m, c, pools, candidates(m, c, pools), s->tickets, &s->n, &route_grab);
        return;
    }
    if (c->resolver == GOV_RES_GRID || c->resolver == GOV_RES_CONSULTATION) {
        gov_route_assign(m, c);
        return;
    }
    gov_pool *comm = gov_route_community(m, c);
    gov_route_send(m, c, comm, &gov_step_community_review, gov_route_key(m, c, comm));
}

/* A posted order (its ticket is keyed as the resolving hop) is due sooner the
 * more points it earns; other hops keep the default. */
static double key(const gov_model *m, const gov_case *c, const gov_pool *pool, const void *params)
{
    const grab_params *p = params;
    if (c->hop != HOP_RESOLVE)
        return NAN;
    return sim_now(m->sim) + pool->allowance / (1.0 + p->points);
}

static void withdraw_all_but(gov_model *m, gov_case *c, const gov_work *keep)
{
    grab_state *s = gov_route_state(c);
    for (int i = 0; i < s->n; i++) {
        gov_work *t = s->tickets[i];
        if (t != keep && sim_resource_withdraw(t->pool->res, &t->job))
            gov_route_free_work(m, t);
    }
    s->n = 0;
}

static void on_taken(gov_model *m, gov_case *c, gov_work *ticket)
{
    withdraw_all_but(m, c, ticket);
    const grab_params *p = gov_route_params(m, gov_route_routing(m, c), gov_route_index(m, &route_grab));
    ticket->pool->points += p->points;
}

static void on_withdraw(gov_model *m, gov_case *c) { withdraw_all_but(m, c, NULL); }

const route_ops route_grab = {
    .name = "grab",
    .doc_en = "the community places the order, units grab it (社区下单、部门抢单): posted to every able unit, "
              "the first free one takes it",
    .doc_zh = "社区下单、部门抢单：订单推送给所有可承办单位，先空闲者先接",
    .params = &params_schema,
    .state_size = sizeof(grab_state),
    .route = route,
    .key = key,
    .on_taken = on_taken,
    .on_withdraw = on_withdraw,
};
