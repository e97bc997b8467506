/*
 * route_multi.c — 多头派单、多头反馈: with k platforms, the same event is also
 * dispatched by each of the k-1 other platforms with a duplicate probability;
 * every duplicate costs work verifying and reporting back on it — wasted work,
 * counted as duplicate_dispatch_share. 001 puts that burden on the base: by
 * default the case's community does it (duplicate_to: community), or its grid
 * workers, or (as a comparison) the resolving unit.
 * The case itself travels by the base rule. k = 1 is one network (一网统筹) and
 * draws nothing from the duplicate stream, so it reproduces the base rule exactly.
 */
#include <math.h>

#include "gov_route.h"

enum { DUP_COMMUNITY = 0, DUP_GRID, DUP_RESOLVER };
static const char *const duplicate_to_names[] = {"community", "grid", "resolver", NULL};

typedef struct multi_params {
    int platforms;
    double duplicate_probability;
    int base_rule;
    int duplicate_to;
    gov_dist_cfg duplicate_work;
} multi_params;

GOV_DIST_SCHEMA(duplicate_schema, "exponential", 0.5, 1.0, "h", 8760,
                "work a duplicate dispatch costs the receiving unit");

static const scn_field fields[] = {
    {.name = "platforms", .type = SCN_INTEGER, SCN_AT(multi_params, platforms), .def = 1, SCN_RANGE(1, 20),
     .flags = SCN_LIVE, .doc = "multi_dispatch: platforms dispatching the same event (1 = one network)",
     .mechanism = "多头派单 vs 一网统筹 (001)"},
    {.name = "duplicate_probability", .type = SCN_SHARE, SCN_AT(multi_params, duplicate_probability), .def = 0.5,
     .flags = SCN_LIVE, .doc = "multi_dispatch: chance each other platform dispatches it too"},
    /* No choices: the registry gives the rules that route by themselves. */
    {.name = "base_rule", .type = SCN_ENUM, SCN_AT(multi_params, base_rule), .def_str = "layered",
     .flags = SCN_LIVE, .doc = "multi_dispatch: the rule the case itself follows"},
    {.name = "duplicate_to", .type = SCN_ENUM, SCN_AT(multi_params, duplicate_to), .choices = duplicate_to_names,
     .def_str = "community", .flags = SCN_LIVE,
     .doc = "multi_dispatch: who verifies and reports back on a duplicate: the case's community, its grid "
            "workers, or the resolving unit",
     .mechanism = "多头派单、多头反馈 add load at the base (001)"},
    {.name = "duplicate_work", .type = SCN_OBJECT, SCN_AT(multi_params, duplicate_work), .sub = &duplicate_schema,
     .flags = SCN_LIVE, .doc = "multi_dispatch: work per duplicate"},
};
static const scn_schema params_schema = SCN_SCHEMA(multi_params, "multiple platforms", fields, "多头派单");

/* The base rule's row and parameters, in the same routing section. */
static const route_ops *base(const gov_model *m, const gov_case *c, const void **base_params)
{
    const gov_routing_cfg *r = gov_route_routing(m, c);
    int b = ((const multi_params *)r->params[r->rule])->base_rule;
    *base_params = gov_route_params(m, r, b);
    return m->rules[b];
}

static void route(gov_model *m, gov_case *c, const void *p)
{
    (void)p;
    const void *bp;
    base(m, c, &bp)->route(m, c, bp);
}

static double key(const gov_model *m, const gov_case *c, const gov_pool *pool, const void *p)
{
    (void)p;
    const void *bp;
    const route_ops *b = base(m, c, &bp);
    return b->key != NULL ? b->key(m, c, pool, bp) : NAN;
}

/* Where the duplicates of a case assigned to `resolver` land. */
static gov_pool *duplicate_pool(gov_model *m, const gov_case *c, gov_pool *resolver, int to)
{
    switch (to) {
    case DUP_GRID: return gov_route_grid(m, c);
    case DUP_RESOLVER: return resolver;
    default: return gov_route_community(m, c);
    }
}

static void on_assign(gov_model *m, gov_case *c, gov_pool *resolver, const void *params)
{
    const multi_params *r = params;
    gsl_rng *rng = m->rng[STREAM_DUPLICATE];
    gov_pool *pool = duplicate_pool(m, c, resolver, r->duplicate_to);
    for (int i = 1; i < r->platforms; i++) {
        if (gsl_rng_uniform(rng) >= r->duplicate_probability)
            continue;
        double work = gov_route_draw(m, STREAM_DUPLICATE, &r->duplicate_work);
        m->st.duplicates++;
        if (gov_route_work(m, pool, WK_DUPLICATE, work, c->w.job.key, c->w.job.flags) == NULL)
            return;
    }
    const void *bp;
    const route_ops *b = base(m, c, &bp);
    if (b->on_assign != NULL)
        b->on_assign(m, c, resolver, bp);
}

static int base_of(const void *params) { return ((const multi_params *)params)->base_rule; }

const route_ops route_multi = {
    .name = "multi_dispatch",
    .doc_en = "several platforms dispatch the same event (多头派单): duplicates cost the receiving unit work; "
              "platforms = 1 is one network (一网统筹)",
    .doc_zh = "多头派单：多个平台重复派同一事件，接收单位为重复单据付出工作量；平台数为1即一网统筹",
    .params = &params_schema,
    .state_size = GOV_RULE_STATE_BYTES, /* its base rule's, whichever that is */
    .delegates = 1,
    .route = route,
    .key = key,
    .on_assign = on_assign,
    .base = base_of,
};
