/*
 * route_registry.c — the routing rules, one row each. A new rule is one file
 * (route_<name>.c defining a route_ops) and one row here, plus its name in the
 * scenario schema's list of allowed values.
 */
#include "gov_model.h"
#include "sim_assert.h"

extern const route_ops route_layered, route_whistle, route_hotline, route_grab, route_multi;

static const route_ops *const rules[GOV_N_RULES] = {
    [GOV_RULE_LAYERED] = &route_layered,
    [GOV_RULE_WHISTLE] = &route_whistle,
    [GOV_RULE_HOTLINE] = &route_hotline,
    [GOV_RULE_GRAB] = &route_grab,
    [GOV_RULE_MULTI] = &route_multi,
};

const route_ops *route_lookup(int rule)
{
    SIM_CHECK(rule >= 0 && rule < GOV_N_RULES && rules[rule] != NULL);
    return rules[rule];
}

const char *route_name(int rule) { return route_lookup(rule)->name; }
