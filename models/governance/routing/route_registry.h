/*
 * route_registry.h — the routing rules, one row each (route_registry.c), and
 * what is read from them: the values routing.rule allows, the routing
 * section's fields (every rule's own fields after rule and onsite_limit), the
 * reference page, --help.
 */
#ifndef ROUTE_REGISTRY_H
#define ROUTE_REGISTRY_H

#include <stddef.h>

#include "gov_route.h"

size_t route_count(void);
/* The rows by index (gov_routing_cfg.rule); the base rules first, the
 * delegating ones last. */
const route_ops *const *route_table(void);
/* The index of the rule named name, or -1. */
int route_find(const char *name);
/* The routing section of a policy: rule, onsite_limit, then each rule's own
 * fields, bound into gov_routing_cfg (assembled from the rows when the program
 * starts). */
extern scn_schema route_routing_schema;

#endif
