/*
 * gov_route.h — what a routing rule is, and the services it may use.
 *
 * A routing rule decides how a case travels from intake to the unit that
 * resolves it (层层上报, 街乡吹哨, 接诉即办, 社区下单, 多头派单 ...). A rule is
 * one file, models/governance/routing/route_NAME.c, that defines one row,
 *
 *     const route_ops route_NAME = {
 *         .name = "NAME", .doc = {"one line in English", "一句中文"},
 *         .params = &NAME_schema,          // its fields in the routing section
 *         .route = route, ...              // its handlers
 *     };
 *
 * and one line in route_registry.c. Everything that lists rules reads that
 * registry: the scenario schema's allowed values of routing.rule, the routing
 * section's fields, docs/scenario.md, `govsim --help` and the per-rule tests.
 *
 * The model calls a rule's handlers with the rule's own parameters (the bound
 * struct of its schema, for the case's area class); a rule moves a case only
 * through the services below, keeps per-case state in gov_route_state (at most
 * GOV_RULE_STATE_BYTES, declared in state_size) and never includes another
 * module's header. As in ROSS's tw_lptype, the row is the whole contract.
 */
#ifndef GOV_ROUTE_H
#define GOV_ROUTE_H

#include <stddef.h>

#include "gov_state.h"
#include "scn.h"

/* Reports a problem of the configuration at a field path ("routing.onsite_limit"
 * or "departments[2].travel_time_stationed"): file, line and column are added. */
typedef void route_problem_fn(void *ctx, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

struct route_ops {
    const char *name;                    /* the value of routing.rule */
    const char *doc_en, *doc_zh;         /* one line each, for --help and the reference page */
    /* Its fields in the routing section, bound into a struct of params->size
     * bytes (at most GOV_RULE_PARAMS_BYTES). NULL: none. Field names must not
     * clash with another rule's. An enum field without choices takes the names
     * of the rules that route by themselves (a delegating rule's base). */
    const scn_schema *params;
    size_t state_size;                   /* per-case state it keeps, at most GOV_RULE_STATE_BYTES */
    int delegates;                       /* 1: routes through another rule (not a base rule itself) */

    /* The case has finished its hop (intake, a step, a wait) or entered through
     * the app (HOP_NONE) and is not resolved: send it on. Required. */
    void (*route)(gov_model *m, gov_case *c, const void *params);
    /* Optional: its due time (queue order) at pool; return NAN for the
     * default (arrival + the pool's allowance). */
    double (*key)(const gov_model *m, const gov_case *c, const gov_pool *pool, const void *params);
    /* Optional: the case has just been assigned to (or taken by) its resolving unit. */
    void (*on_assign)(gov_model *m, gov_case *c, gov_pool *pool, const void *params);
    /* Optional: a ticket the rule posted (gov_route_post) has been taken:
     * withdraw the others. */
    void (*on_taken)(gov_model *m, gov_case *c, gov_work *ticket);
    /* Optional: the case leaves while the rule holds something for it
     * (the resident gave up): withdraw it. */
    void (*on_withdraw)(gov_model *m, gov_case *c);
    /* Optional, for sizing a scenario before it runs: the longest a case may
     * wait for the rule's timers (a batched forward), whatever rule is in force. */
    double (*max_wait)(const void *params);
    /* Delegating rules: the index of the rule they route through. */
    int (*base)(const void *params);
    /* Optional: cross-checks with the rest of the configuration, made once,
     * with the routing section of the first area class whose policy at the
     * start uses this rule (itself or as a delegating rule's base). */
    void (*check)(const gov_config *cfg, const gov_routing_cfg *routing, route_problem_fn *problem, void *ctx);
};

/* A step of a rule's path: work at a pool, drawn when a server starts it (from
 * the service stream, so that common random numbers hold). */
struct gov_step {
    const char *name;                    /* for the trace: "forward", "street_dispatch" */
    double (*duration)(gov_model *m, gov_case *c, gov_pool *pool, int server);
};

/* The steps every rule may use (their durations come from the configuration's
 * hotline, street_command and staffing sections). */
extern const gov_step gov_step_hotline_dispatch;  /* 12345 passes the order on */
extern const gov_step gov_step_street_dispatch;   /* the street command triages and dispatches */
extern const gov_step gov_step_community_review;  /* the community reviews (grab: places the order) */

/* The fields of a duration distribution (mean and coefficient of variation) as
 * an object of a rule's schema, with its own defaults:
 *     GOV_DIST_SCHEMA(forward_schema, "exponential", 0.25, 1.0, "h", 8760, "one level passing a case on");
 * declares `static const scn_schema forward_schema` binding a gov_dist_cfg. */
extern const char *const gov_dist_names[]; /* NULL-terminated, in enum gov_dist order */
#define GOV_DIST_SCHEMA(var, kind_, mean_, cv_, unit_, max_, what)                                 \
    static const scn_field var##_fields[] = {                                                  \
        {.name = "dist", .type = SCN_ENUM, SCN_AT(gov_dist_cfg, kind), .choices = gov_dist_names, \
         .def_str = kind_, .doc = "distribution family (GSL)"},                                 \
        {.name = "mean", .type = SCN_DURATION, SCN_AT(gov_dist_cfg, mean), .unit = unit_,      \
         .def = mean_, .min = 0, .max = max_,                                                   \
         .bounds = SCN_LO | SCN_LO_OPEN | SCN_HI, .doc = "mean duration"},                    \
        {.name = "cv", .type = SCN_NUMBER, SCN_AT(gov_dist_cfg, cv), .def = cv_, SCN_RANGE(0, 10), \
         .doc = "coefficient of variation (sd / mean); exponential is 1, constant 0"},         \
    };                                                                                          \
    static const scn_schema var = SCN_SCHEMA(gov_dist_cfg, "distribution", var##_fields, what)

/* A draw of d from the model's stream (enum gov_stream): a step's duration
 * from STREAM_SERVICE. */
double gov_route_draw(gov_model *m, int stream, const gov_dist_cfg *d);

/* ---- services (gov_case.c) ---- */

/* The units around a case. */
gov_pool *gov_route_community(gov_model *m, const gov_case *c);  /* its community workers */
gov_pool *gov_route_grid(gov_model *m, const gov_case *c);       /* its community's grid workers */
gov_pool *gov_route_volunteers(gov_model *m, const gov_case *c); /* NULL without volunteers */
gov_pool *gov_route_street(gov_model *m, const gov_case *c);     /* its street's command */
gov_pool *gov_route_hotline(gov_model *m);                        /* the 12345 centre */
gov_pool *gov_route_stationed(gov_model *m, const gov_case *c);  /* its department at the street; NULL if none */
gov_pool *gov_route_district(gov_model *m, const gov_case *c);   /* its department at the district */
/* Another department of its district (a wrong dispatch); NULL with one department. */
gov_pool *gov_route_other_department(gov_model *m, const gov_case *c);
const gov_category_cfg *gov_route_category(const gov_model *m, const gov_case *c);

/* Queue the case at pool for a step, due at key (gov_route_key for the usual). */
void gov_route_send(gov_model *m, gov_case *c, gov_pool *pool, const gov_step *step, double key);
/* The case's due time at pool: at once for a report being taken or a case the
 * resident escalated to 12345; else the rule's key; else arrival + allowance. */
double gov_route_key(gov_model *m, const gov_case *c, const gov_pool *pool);
/* Hand the case to its resolving unit (or the community's meeting preparation). */
void gov_route_assign(gov_model *m, gov_case *c);
/* Wait for the next multiple of interval (a batched forward); then the rule
 * routes the case again. */
void gov_route_wait(gov_model *m, gov_case *c, double interval);
/* Offer the case to n units at once; the first to start one of the tickets
 * takes it (the rule's on_taken withdraws the others, its on_withdraw all of
 * them when the resident gives up). Tickets go out in order, each stored in
 * out[*count] and counted before it is offered, so that on_taken, called from
 * inside when a unit takes one at once, sees every ticket out; the rest are
 * then not posted. rule: the row that keeps the tickets in its state. */
void gov_route_post(gov_model *m, gov_case *c, gov_pool *const *pools, int n, gov_work **out, int *count,
                    const route_ops *rule);
/* Free a ticket or other task the rule withdrew. */
void gov_route_free_work(gov_model *m, gov_work *w);
/* Mark the rule whose state the case now carries. */
void gov_route_hold(gov_model *m, gov_case *c, const route_ops *rule);
/* Queue a piece of work that is not a case (a duplicate dispatch) at pool.
 * NULL when memory is short (the run then stops with an error). */
gov_work *gov_route_work(gov_model *m, gov_pool *pool, int kind, double duration, double key, unsigned flags);
/* A rule's index in the registry (gov_routing_cfg.rule). */
int gov_route_index(const gov_model *m, const route_ops *rule);

/* The rule's own per-case state, zeroed at the case's birth. */
static inline void *gov_route_state(gov_case *c) { return c->rule_state; }
/* A rule's parameters in a routing section (for a delegating rule's base). */
static inline const void *gov_route_params(const gov_model *m, const gov_routing_cfg *r, int rule)
{
    (void)m;
    return r->params[rule];
}
/* The routing section in force for the case's class. */
static inline const gov_routing_cfg *gov_route_routing(const gov_model *m, const gov_case *c)
{
    return &m->policy[c->cls]->routing;
}

#endif
