/*
 * route_layered.c — 层层上报, layered reporting: the baseline the reforms
 * attack. A case climbs grid → community → street → department one level at a
 * time (or comes down from the street when 12345 sends it there), each level
 * spending forwarding work, optionally waiting for a batched forward (e.g. once
 * a day). Departments serve it among their own line work, first come first served.
 */
#include "gov_route.h"

enum { LEVEL_GRID = 0, LEVEL_COMMUNITY, LEVEL_STREET, LEVEL_DEPARTMENT };

typedef struct layered_params {
    double forward_batch;
    gov_dist_cfg forward;
} layered_params;

typedef struct layered_state {
    uint8_t level; /* the level the case is at */
} layered_state;

GOV_DIST_SCHEMA(forward_schema, "exponential", 0.25, 1.0, "h", 8760, "one level passing a case on (layered)");

static const scn_field fields[] = {
    {.name = "forward_batch", .type = SCN_DURATION, SCN_AT(layered_params, forward_batch), .unit = "h", .def = 0,
     SCN_RANGE(0, 8760), .flags = SCN_LIVE,
     .doc = "layered: cases are passed up at multiples of this interval (0: at once; \"1d\": daily)"},
    {.name = "forward", .type = SCN_OBJECT, SCN_AT(layered_params, forward), .sub = &forward_schema,
     .flags = SCN_LIVE, .doc = "layered: work of one forwarding hop"},
};
static const scn_schema params_schema = SCN_SCHEMA(layered_params, "layered reporting", fields, "层层上报");

extern const route_ops route_layered;

static double forward_duration(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    (void)pool, (void)server;
    const layered_params *p = gov_route_params(m, gov_route_routing(m, c), gov_route_index(m, &route_layered));
    return gov_route_draw(m, STREAM_SERVICE, &p->forward);
}

static const gov_step forward_step = {"forward", forward_duration};

static int resolver_level(const gov_case *c)
{
    switch (c->resolver) {
    case GOV_RES_GRID: return LEVEL_GRID;
    case GOV_RES_DEPARTMENT: return LEVEL_DEPARTMENT;
    default: return LEVEL_COMMUNITY;
    }
}

static void step_level(const gov_case *c, layered_state *s)
{
    s->level = (uint8_t)(s->level + (resolver_level(c) > s->level ? 1 : -1));
}

static void route(gov_model *m, gov_case *c, const void *params)
{
    const layered_params *p = params;
    layered_state *s = gov_route_state(c);
    switch (c->hop) {
    case HOP_HOTLINE_INTAKE: {
        gov_pool *h = gov_route_hotline(m);
        gov_route_send(m, c, h, &gov_step_hotline_dispatch, gov_route_key(m, c, h));
        return;
    }
    case HOP_GRID_INTAKE:
        /* The grid worker's report is the hop to the community. */
        s->level = resolver_level(c) == LEVEL_GRID ? LEVEL_GRID : LEVEL_COMMUNITY;
        break;
    case HOP_NONE:
        s->level = LEVEL_COMMUNITY; /* reported through the app */
        break;
    case HOP_STEP:
        if (c->step == &gov_step_hotline_dispatch) {
            s->level = LEVEL_STREET; /* 12345 passes it to the street */
        } else if (c->step == &forward_step) {
            if (p->forward_batch > 0) {
                gov_route_wait(m, c, p->forward_batch);
                return;
            }
            step_level(c, s);
        }
        break;
    case HOP_WAIT:
        step_level(c, s);
        break;
    default:
        break;
    }
    if (s->level == resolver_level(c)) {
        gov_route_assign(m, c);
        return;
    }
    gov_pool *pool = s->level == LEVEL_STREET ? gov_route_street(m, c) : gov_route_community(m, c);
    c->hop = HOP_STEP; /* the key of a forward is that of a step */
    gov_route_send(m, c, pool, &forward_step, gov_route_key(m, c, pool));
}

static double max_wait(const void *params) { return ((const layered_params *)params)->forward_batch; }

const route_ops route_layered = {
    .name = "layered",
    .doc_en = "layered reporting (层层上报): grid, community, street, department, one level at a time",
    .doc_zh = "层层上报：网格、社区、街道、部门逐级上报",
    .params = &params_schema,
    .state_size = sizeof(layered_state),
    .route = route,
    .max_wait = max_wait,
};
