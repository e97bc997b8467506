/*
 * route_hotline.c — 接诉即办: every case a department must solve is registered
 * with the 12345 centre, which dispatches it directly to the responsible unit
 * (no street hop); every unit serves cases by their deadline (gov_case_key), and
 * the centre calls the resident back after resolution (gov_case.c: follow_up).
 */
#include "gov_model.h"

static void route(gov_model *m, gov_case *c)
{
    switch (c->hop) {
    case HOP_HOTLINE_INTAKE:
        gov_send(m, c, &m->hotline, HOP_HOTLINE_DISPATCH, gov_case_key(m, c, &m->hotline));
        return;
    case HOP_HOTLINE_DISPATCH:
        gov_assign(m, c, 0.0);
        return;
    default:
        break;
    }
    if (c->resolver == GOV_RES_DEPARTMENT) {
        c->level = LEVEL_HOTLINE;
        gov_send(m, c, &m->hotline, HOP_HOTLINE_DISPATCH, gov_case_key(m, c, &m->hotline));
        return;
    }
    gov_assign(m, c, 0.0);
}

const route_ops route_hotline = {"hotline", route, NULL};
