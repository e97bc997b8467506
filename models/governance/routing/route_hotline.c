/*
 * route_hotline.c — 接诉即办: every case a department must solve is registered
 * with the 12345 centre, which dispatches it directly to the responsible unit
 * (no street hop); every unit serves cases by their deadline, and the centre
 * calls the resident back after resolution (gov_case.c: follow_up).
 *
 * A share of the centre's dispatches goes to the wrong department; that unit
 * spends return_work finding out and sends it back (退单), and the centre
 * dispatches it again, rightly. A responsibility list (责任清单) and the rule
 * that the first unit to receive a request answers for it (首接负责制) are
 * what lowers wrong_dispatch_share.
 */
#include <math.h>

#include "gov_route.h"

typedef struct hotline_params {
    double wrong_dispatch_share;
    double return_work;
} hotline_params;

static const scn_field fields[] = {
    {.name = "wrong_dispatch_share", .type = SCN_SHARE, SCN_AT(hotline_params, wrong_dispatch_share), .def = 0,
     .flags = SCN_LIVE,
     .doc = "hotline: share of the centre's dispatches that reach the wrong department and come back (退单)",
     .mechanism = "responsibility lists (责任清单) and 首接负责制 lower it (the regulation, 2021); the share is W"},
    {.name = "return_work", .type = SCN_DURATION, SCN_AT(hotline_params, return_work), .unit = "h", .def = 1,
     SCN_RANGE(0, 8760), .flags = SCN_LIVE, .doc = "hotline: the wrong unit's time before it sends a case back"},
};
static const scn_schema params_schema = SCN_SCHEMA(hotline_params, "12345 dispatch", fields, "接诉即办");

extern const route_ops route_hotline;

static double return_duration(gov_model *m, gov_case *c, gov_pool *pool, int server)
{
    (void)server, (void)pool;
    const hotline_params *p = gov_route_params(m, gov_route_routing(m, c), gov_route_index(m, &route_hotline));
    return p->return_work;
}

static const gov_step step_return = {"sent_back", return_duration};

/* The centre's dispatch went to the wrong unit: another department of the district. */
static int dispatched_wrongly(gov_model *m, gov_case *c, const hotline_params *p)
{
    if ((c->flags & CF_RETURNED) || !(p->wrong_dispatch_share > 0))
        return 0;
    return gsl_rng_uniform(m->rng[STREAM_SERVICE]) < p->wrong_dispatch_share;
}

static void route(gov_model *m, gov_case *c, const void *params)
{
    const hotline_params *p = params;
    gov_pool *h = gov_route_hotline(m);
    if (c->hop == HOP_HOTLINE_INTAKE) {
        gov_route_send(m, c, h, &gov_step_hotline_dispatch, gov_route_key(m, c, h));
        return;
    }
    if (c->hop == HOP_STEP && c->step == &gov_step_hotline_dispatch) {
        gov_pool *wrong = c->resolver == GOV_RES_DEPARTMENT ? gov_route_other_department(m, c) : NULL;
        if (wrong != NULL && dispatched_wrongly(m, c, p)) {
            c->flags |= CF_RETURNED;
            gov_route_send(m, c, wrong, &step_return, gov_route_key(m, c, wrong));
            return;
        }
        gov_route_assign(m, c);
        return;
    }
    if (c->resolver == GOV_RES_DEPARTMENT) { /* new, or sent back: to the centre */
        gov_route_send(m, c, h, &gov_step_hotline_dispatch, gov_route_key(m, c, h));
        return;
    }
    gov_route_assign(m, c);
}

/* At the resolving unit a case is due at its deadline. */
static double key(const gov_model *m, const gov_case *c, const gov_pool *pool, const void *p)
{
    (void)pool, (void)p;
    return c->hop == HOP_RESOLVE ? c->known + gov_route_category(m, c)->time_limit : NAN;
}

const route_ops route_hotline = {
    .name = "hotline",
    .doc_en = "handle complaints at once (接诉即办): 12345 dispatches straight to the unit, which serves by deadline",
    .doc_zh = "接诉即办：12345直接派单到责任单位，按时限办理",
    .params = &params_schema,
    .route = route,
    .key = key,
};
