/*
 * route_registry.c — the routing rules: one line each. A new rule is one file
 * (route_NAME.c defining a route_ops, gov_route.h) and one line below; rules
 * that route through another (delegates) come last, so that the names of the
 * base rules are the first names of the list.
 *
 * The routing section's schema is assembled from the rows when the program
 * starts (a constructor: the scenario language's tables are static data, and a
 * rule's fields are declared in the rule's own file). Each rule's fields are
 * bound into its own slice of gov_routing_cfg.params.
 */
#include <stddef.h>
#include <string.h>

#include "route_registry.h"
#include "sim_assert.h"

extern const route_ops route_layered, route_whistle, route_hotline, route_grab, route_multi;

/* A test build adds rules that exist only under tests/ (-DGOV_EXTRA_RULES_HEADER). */
#ifdef GOV_EXTRA_RULES_HEADER
#include GOV_EXTRA_RULES_HEADER
#else
#define GOV_EXTRA_RULES
#endif

static const route_ops *const rules[] = {
    &route_layered,
    &route_whistle,
    &route_hotline,
    &route_grab,
    GOV_EXTRA_RULES
    &route_multi,
};
#define N_RULES (sizeof rules / sizeof rules[0])

size_t route_count(void) { return N_RULES; }

const route_ops *const *route_table(void) { return rules; }

int route_find(const char *name)
{
    for (size_t i = 0; i < N_RULES; i++)
        if (strcmp(rules[i]->name, name) == 0)
            return (int)i;
    return -1;
}

/* ---- the routing section, assembled from the rows ---- */

enum { MAX_FIELDS = 2 + 8 * GOV_MAX_RULES };

static const char *rule_names[GOV_MAX_RULES + 1];
static const char *base_names[GOV_MAX_RULES + 1];
static scn_field routing_fields[MAX_FIELDS];

scn_schema route_routing_schema = {
    .name = "routing",
    .fields = routing_fields,
    .nfields = 0,
    .size = sizeof(gov_routing_cfg),
    .doc = "the routing rule and its settings (each rule's own fields are read only when it is the rule in force)",
};

__attribute__((constructor)) static void assemble(void)
{
    SIM_CHECK(N_RULES <= GOV_MAX_RULES);
    size_t nf = 0, n_base = 0;
    routing_fields[nf++] = (scn_field){
        .name = "rule", .type = SCN_ENUM, SCN_AT(gov_routing_cfg, rule), .choices = rule_names,
        .def_str = rules[0]->name, .flags = SCN_LIVE | SCN_LEVER, .doc = "how a case travels to the unit that resolves it",
        .label = "Routing rule", .label_zh = "派单规则",
        .mechanism = "层层上报 / 街乡吹哨、部门报到 / 接诉即办 / 社区下单、部门抢单 / 多头派单 (004, 000, 001)"};
    routing_fields[nf++] = (scn_field){
        .name = "onsite_limit", .type = SCN_DURATION, SCN_AT(gov_routing_cfg, onsite_limit), .unit = "h",
        .def = 0.5, SCN_ABOVE(0, 8760), .flags = SCN_LIVE,
        .doc = "urgent department cases should have staff on site within this (onsite_in_limit_rate, for every "
               "rule; the whistle promises it)",
        .mechanism = "Pinggu: departments report within 30 minutes (004)"};
    for (size_t i = 0; i < N_RULES; i++) {
        const route_ops *r = rules[i];
        rule_names[i] = r->name;
        if (!r->delegates) {
            SIM_CHECK(n_base == i); /* delegating rules last */
            base_names[n_base++] = r->name;
        }
        SIM_CHECK(r->route != NULL && r->state_size <= GOV_RULE_STATE_BYTES);
        SIM_CHECK(!r->delegates || r->base != NULL);
        if (r->params == NULL)
            continue;
        SIM_CHECK(r->params->size <= GOV_RULE_PARAMS_BYTES);
        for (size_t k = 0; k < r->params->nfields; k++) {
            SIM_CHECK(nf < MAX_FIELDS);
            scn_field f = r->params->fields[k];
            f.offset += offsetof(gov_routing_cfg, params) + i * GOV_RULE_PARAMS_BYTES;
            if (f.type == SCN_ENUM && f.choices == NULL)
                f.choices = base_names;
            routing_fields[nf++] = f;
        }
    }
    rule_names[N_RULES] = NULL;
    base_names[n_base] = NULL;
    route_routing_schema.nfields = nf;
}
