/*
 * gov_contact.c — what residents do when their timer runs out (the timers:
 * gov_wheel.c). Before they have complained: report a latent problem (through
 * the channel drawn at its birth), or complain about one a patrol found and
 * nobody has fixed yet; a latent problem may worsen first. After: contact
 * again, through 12345 with escalate_share (which puts the case under the
 * centre's supervision), and after max_contacts give up on a case nobody has
 * started on.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "gov_case.h"
#include "gov_record.h"
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
    gov_record(m, c, GOV_OUTCOME_ABANDONED, 0);
    gov_stats_closed(m, c, 0, 0);
    gov_case_release(m, c);
}

static void contact(gov_model *m, gov_case *c, int to_hotline);

/* Supervised by 12345 from now on: a waiting case moves to the front. */
static void escalate(gov_model *m, gov_case *c)
{
    if (c->flags & CF_ESCALATED)
        return;
    c->flags |= CF_ESCALATED;
    /* Now a 12345 request; at its resolving unit already, the unit contacts the resident. */
    gov_case_request(m, c);
    if (c->hop == HOP_RESOLVE || c->hop == HOP_CONSULT_PREP)
        gov_case_unit_contact(m, c, c->w.pool);
    if (c->hop != HOP_POSTED && c->w.job.state == SIM_JOB_WAITING && sim_resource_withdraw(c->w.pool->res, &c->w.job)) {
        c->w.job.key = sim_now(m->sim);
        if (sim_resource_request(c->w.pool->res, &c->w.job) != SIM_OK)
            sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory re-queueing a case");
    }
}

/* A latent problem worsens into a more urgent category; so obvious now that
 * its resident reports it at once. */
static void worsen(gov_model *m, gov_case *c)
{
    const gov_category_cfg *cat = &m->cfg->categories[c->category];
    gov_latent_take(m, c);
    gov_case_trace(m, c, "worsened", NULL);
    c->category = (uint16_t)cat->worsens_to_index;
    gov_stats_worsened(m, c);
    c->flags |= CF_REPORTED;
    gov_case_known(m, c, c->report_channel);
}

/* The resident complains for the first time: about a problem nobody knows
 * of (it becomes a case), or about one a patrol found that is still open (a
 * contact, through 12345 if that is the resident's channel). */
static void first_complaint(gov_model *m, gov_case *c)
{
    c->flags |= CF_REPORTED;
    if (c->hop == HOP_LATENT) {
        gov_latent_take(m, c);
        gov_case_known(m, c, c->report_channel);
        return;
    }
    int to_hotline = c->report_channel == GOV_CH_HOTLINE;
    contact(m, c, to_hotline);
    gov_case_trace(m, c, "complained", NULL);
    if (to_hotline)
        escalate(m, c);
    gov_patience_arm(m, c, sim_now(m->sim) + c->patience_h);
}

/* The timer of a problem nobody has complained about: it worsens (while
 * still latent), or its resident complains. */
static void unreported_timer(gov_model *m, gov_case *c)
{
    if (c->flags & CF_WORSENS) {
        c->flags &= ~(uint32_t)CF_WORSENS;
        if (c->hop == HOP_LATENT) {
            worsen(m, c);
            return;
        }
        /* Found before it worsened: the resident's report is still due. */
        gov_patience_arm(m, c, c->report_at);
        return;
    }
    first_complaint(m, c);
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
    if (!(c->flags & CF_REPORTED)) {
        unreported_timer(m, c);
        return;
    }
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
    if (to_hotline)
        escalate(m, c);
    double next = gsl_ran_exponential(m->rng[STREAM_BEHAVIOUR], r->patience);
    gov_patience_arm(m, c, sim_now(sim) + next);
}
