/* extra_rules.h — the test build's extra line of the routing registry
 * (route_registry.c includes it with -DGOV_EXTRA_RULES_HEADER). */
extern const route_ops route_direct_test;
#define GOV_EXTRA_RULES &route_direct_test,
