/*
 * route_whistle.c — 街乡吹哨、部门报到: the street blows the whistle and
 * departments report. A case a department must solve goes from the grid worker
 * to the street command, which dispatches it straight to the department,
 * stationed staff first ("1+5+N"). An urgent case skips the street's queue (the
 * whistle is blown at once) so that someone is on site within the on-site limit
 * whenever a stationed staff member is free. Departments rank the street's cases
 * ahead of their own line work by the street's assessment weight w: a whistled
 * case is due after (1 - w) of the allowance their line tasks get.
 */
#include <math.h>
#include <stdio.h>

#include "gov_route.h"

typedef struct whistle_params {
    double assessment_weight;
} whistle_params;

static const scn_field fields[] = {
    {.name = "assessment_weight", .type = SCN_SHARE, SCN_AT(whistle_params, assessment_weight), .def = 0.38,
     .flags = SCN_LIVE,
     .doc = "whistle: the street's weight in departments' assessment; a street's case is due after (1 - w) of the "
            "allowance of the department's own work",
     .mechanism = "Chaoyang: 38 % of stationed staff's assessment (004)"},
};
static const scn_schema params_schema = SCN_SCHEMA(whistle_params, "whistle", fields, "街乡吹哨、部门报到");

static void route(gov_model *m, gov_case *c, const void *p)
{
    (void)p;
    switch (c->hop) {
    case HOP_HOTLINE_INTAKE: {
        gov_pool *h = gov_route_hotline(m);
        gov_route_send(m, c, h, &gov_step_hotline_dispatch, gov_route_key(m, c, h));
        return;
    }
    case HOP_STEP:
        if (c->step == &gov_step_street_dispatch) {
            gov_route_assign(m, c);
            return;
        }
        break;
    default:
        break;
    }
    if (c->resolver != GOV_RES_DEPARTMENT || gov_route_category(m, c)->urgent) {
        gov_route_assign(m, c);
        return;
    }
    gov_pool *street = gov_route_street(m, c);
    gov_route_send(m, c, street, &gov_step_street_dispatch, gov_route_key(m, c, street));
}

static double key(const gov_model *m, const gov_case *c, const gov_pool *pool, const void *p)
{
    (void)c;
    if (pool->role != ROLE_DEPARTMENT)
        return NAN;
    const whistle_params *w = p;
    return sim_now(m->sim) + (1.0 - w->assessment_weight) * pool->allowance;
}

/* Someone must be able to be on site within the limit the whistle promises. */
static void check(const gov_config *cfg, const gov_routing_cfg *r, route_problem_fn *problem, void *ctx)
{
    for (size_t d = 0; d < cfg->n_departments; d++) {
        const gov_department_cfg *dp = &cfg->departments[d];
        if (dp->stationed_per_street >= 0.5 && dp->travel_stationed > r->onsite_limit) {
            char path[96];
            snprintf(path, sizeof path, "departments[%zu].travel_time_stationed", d);
            problem(ctx, path, "%g min exceeds the whistle's on-site limit (%g min); allowed: at most "
                               "routing.onsite_limit", dp->travel_stationed * 60, r->onsite_limit * 60);
        }
    }
}

const route_ops route_whistle = {
    .name = "whistle",
    .doc_en = "the street blows the whistle, departments report (街乡吹哨、部门报到): street command dispatches "
              "straight to departments, stationed staff first",
    .doc_zh = "街乡吹哨、部门报到：街道指挥中心直接派单到部门，派驻人员优先",
    .params = &params_schema,
    .route = route,
    .key = key,
    .check = check,
};
