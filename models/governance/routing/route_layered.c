/*
 * route_layered.c — 层层上报, layered reporting: the baseline the reforms
 * attack. A case climbs grid → community → street → department one level at a
 * time (or comes down from the street when 12345 sends it there), each level
 * spending forwarding work, optionally waiting for a batched forward (e.g. once
 * a day). Departments serve it among their own line work, first come first served.
 */
#include "gov_model.h"

static int resolver_level(const gov_case *c)
{
    switch (c->resolver) {
    case GOV_RES_GRID: return LEVEL_GRID;
    case GOV_RES_DEPARTMENT: return LEVEL_DEPARTMENT;
    default: return LEVEL_COMMUNITY;
    }
}

static gov_pool *level_pool(gov_model *m, const gov_case *c)
{
    gov_community *cm = &m->comm[c->community];
    return c->level == LEVEL_STREET ? &m->streets[cm->street].command : &cm->comm;
}

static void step_level(gov_case *c)
{
    c->level = (uint8_t)(c->level + (resolver_level(c) > c->level ? 1 : -1));
}

static void route(gov_model *m, gov_case *c)
{
    const gov_policy_cfg *pol = gov_case_policy(m, c);
    switch (c->hop) {
    case HOP_HOTLINE_INTAKE:
        gov_send(m, c, &m->hotline, HOP_HOTLINE_DISPATCH, gov_case_key(m, c, &m->hotline));
        return;
    case HOP_HOTLINE_DISPATCH:
        c->level = LEVEL_STREET; /* 12345 passes it to the street */
        break;
    case HOP_GRID_INTAKE:
        /* The grid worker's report is the hop to the community. */
        c->level = resolver_level(c) == LEVEL_GRID ? LEVEL_GRID : LEVEL_COMMUNITY;
        break;
    case HOP_NONE:
        c->level = LEVEL_COMMUNITY; /* reported through the app */
        break;
    case HOP_FORWARD:
        if (pol->routing.forward_batch > 0) {
            c->hop = HOP_BATCH_WAIT;
            gov_batch_wait(m, c, pol->routing.forward_batch);
            return;
        }
        step_level(c);
        break;
    case HOP_BATCH_WAIT:
        step_level(c);
        break;
    default:
        break;
    }
    if (c->level == resolver_level(c)) {
        gov_assign(m, c, 0.0);
        return;
    }
    gov_pool *p = level_pool(m, c);
    c->hop = HOP_FORWARD;
    gov_send(m, c, p, HOP_FORWARD, gov_case_key(m, c, p));
}

const route_ops route_layered = {"layered", route, NULL};
