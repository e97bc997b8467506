/*
 * gov_contact.c — what residents do when their patience runs out (the timers:
 * gov_wheel.c): contact again, through 12345 with escalate_share (which puts
 * the case under the centre's supervision), and after max_contacts give up on
 * a case nobody has started on.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "gov_case.h"
#include "gov_contact.h"
#include "gov_mem.h"
#include "gov_stats.h"
#include "gov_route.h"
#include "gov_wheel.h"

static int waiting_in_queue(const gov_case *c)
{
    if (c->hop == HOP_POSTED)
        return 1; /* offered to several units, nobody has taken it */
    return c->w.job.state == SIM_JOB_WAITING;
}

static void abandon(gov_model *m, gov_case *c)
{
    if (c->hop == HOP_POSTED) {
        const route_ops *holder = c->rule_held ? m->rules[c->rule_held - 1] : NULL;
        if (holder != NULL && holder->on_withdraw != NULL)
            holder->on_withdraw(m, c);
    } else {
        sim_resource_withdraw(c->w.pool->res, &c->w.job);
    }
    gov_stats_role(m, c->w.pool->role, -1);
    gov_case_trace(m, c, "abandoned", NULL);
    gov_stats_closed(m, c, 0, 0);
    gov_case_release(m, c);
}

static void contact(gov_model *m, gov_case *c, int to_hotline)
{
    gov_work *w = gov_work_new(m, WK_CONTACT);
    if (w == NULL)
        return;
    w->pool = to_hotline ? &m->hotline : &m->comm[c->community].grid;
    w->duration = m->cfg->residents.repeat_contact_time;
    w->job.key = sim_now(m->sim);
    if (sim_resource_request(w->pool->res, &w->job) != SIM_OK)
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory queueing a repeat contact");
}

/* The resident's patience ran out: contact again, maybe through 12345; give up
 * after max_contacts if nobody has started on the case. */
void gov_contact_patience_out(gov_model *m, gov_case *c)
{
    sim_t *sim = m->sim;
    const gov_residents_cfg *r = &m->cfg->residents;
    if (c->contacts >= r->max_contacts && waiting_in_queue(c)) {
        abandon(m, c);
        return;
    }
    if (c->contacts < 255)
        c->contacts++;
    gov_stats_contact(m, c);
    int to_hotline = gsl_rng_uniform(m->rng[STREAM_BEHAVIOUR]) < r->escalate_share;
    contact(m, c, to_hotline);
    gov_case_trace(m, c, to_hotline ? "escalated" : "contact", NULL);
    if (to_hotline && !(c->flags & CF_ESCALATED)) {
        c->flags |= CF_ESCALATED;
        /* Supervised by 12345 from now on: a waiting case moves to the front. */
        if (c->hop != HOP_POSTED && c->w.job.state == SIM_JOB_WAITING &&
            sim_resource_withdraw(c->w.pool->res, &c->w.job)) {
            c->w.job.key = sim_now(sim);
            if (sim_resource_request(c->w.pool->res, &c->w.job) != SIM_OK)
                sim_fail(sim, SIM_ERR_RUNTIME, "out of memory re-queueing a case");
        }
    }
    double next = gsl_ran_exponential(m->rng[STREAM_BEHAVIOUR], r->patience);
    gov_patience_arm(m, c, sim_now(sim) + next);
}
