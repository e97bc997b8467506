/*
 * route_multi.c — 多头派单、多头反馈: with k platforms, the same event is also
 * dispatched by each of the k-1 other platforms with a duplicate probability;
 * every duplicate lands on the same resolving unit, which spends work verifying
 * and reporting back on it — wasted work, counted as duplicate_dispatch_share.
 * The case itself travels by the base rule. k = 1 is one network (一网统筹) and
 * draws nothing from the duplicate stream, so it reproduces the base rule exactly.
 */
#include "gov_model.h"

static const route_ops *base(const gov_model *m, const gov_case *c)
{
    return route_lookup(gov_case_policy(m, c)->routing.base_rule);
}

static void route(gov_model *m, gov_case *c) { base(m, c)->route(m, c); }

static void on_assign(gov_model *m, gov_case *c, gov_pool *pool)
{
    const gov_routing_cfg *r = &gov_case_policy(m, c)->routing;
    gsl_rng *rng = m->rng[STREAM_DUPLICATE];
    for (int i = 1; i < r->platforms; i++) {
        if (gsl_rng_uniform(rng) >= r->duplicate_probability)
            continue;
        double work = gov_draw(m, STREAM_DUPLICATE, &r->duplicate_work);
        gov_work *w = gov_work_new(m, WK_DUPLICATE);
        if (w == NULL)
            return;
        w->pool = pool;
        w->duration = work;
        w->job.key = c->w.job.key;
        w->job.flags = c->w.job.flags;
        m->st.duplicates++;
        if (sim_resource_request(pool->res, &w->job) != SIM_OK) {
            sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a duplicate dispatch");
            return;
        }
    }
    const route_ops *b = base(m, c);
    if (b->on_assign != NULL)
        b->on_assign(m, c, pool);
}

const route_ops route_multi = {"multi_dispatch", route, on_assign};
