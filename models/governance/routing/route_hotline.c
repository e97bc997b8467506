/*
 * route_hotline.c — 接诉即办: every case a department must solve is registered
 * with the 12345 centre, which dispatches it directly to the responsible unit
 * (no street hop); every unit serves cases by their deadline, and the centre
 * calls the resident back after resolution (gov_case.c: follow_up).
 */
#include <math.h>

#include "gov_route.h"

static void route(gov_model *m, gov_case *c, const void *p)
{
    (void)p;
    gov_pool *h = gov_route_hotline(m);
    if (c->hop == HOP_HOTLINE_INTAKE) {
        gov_route_send(m, c, h, &gov_step_hotline_dispatch, gov_route_key(m, c, h));
        return;
    }
    if (c->hop == HOP_STEP && c->step == &gov_step_hotline_dispatch) {
        gov_route_assign(m, c);
        return;
    }
    if (c->resolver == GOV_RES_DEPARTMENT) {
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
    .route = route,
    .key = key,
};
