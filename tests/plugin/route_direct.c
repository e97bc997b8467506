/*
 * route_direct.c — a routing rule that exists only in the tests: it shows that
 * a rule is one file plus one registry line (extra_rules.h). Every case goes
 * from intake straight to its resolving unit, as a single platform would send
 * it (no community, street or hotline step); with dispatch_every above 0 the
 * platform dispatches at multiples of that interval. Its per-case state counts
 * how often a case waited for a dispatch round.
 */
#include "gov_route.h"

typedef struct direct_params {
    double dispatch_every;
} direct_params;

typedef struct direct_state {
    uint8_t rounds;
} direct_state;

static const scn_field fields[] = {
    {.name = "dispatch_every", .type = SCN_DURATION, SCN_AT(direct_params, dispatch_every), .unit = "h", .def = 0,
     SCN_RANGE(0, 8760), .flags = SCN_LIVE, .doc = "direct_test: the platform dispatches at multiples of this (0: at once)"},
};
static const scn_schema params_schema = SCN_SCHEMA(direct_params, "direct dispatch", fields, "a test rule");

static void route(gov_model *m, gov_case *c, const void *params)
{
    const direct_params *p = params;
    direct_state *s = gov_route_state(c);
    if (c->hop != HOP_WAIT && p->dispatch_every > 0) {
        s->rounds++;
        gov_route_wait(m, c, p->dispatch_every);
        return;
    }
    gov_route_assign(m, c);
}

const route_ops route_direct_test = {
    .name = "direct_test",
    .doc_en = "a test rule: intake, then straight to the resolving unit",
    .doc_zh = "测试用规则：受理后直接派给办理单位",
    .params = &params_schema,
    .state_size = sizeof(direct_state),
    .route = route,
};
