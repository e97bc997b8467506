/*
 * gov_account.c — what happens every month under 接诉即办: the ranking of the
 * streets and departments on their 12345 requests (考核排名) and the pressure
 * it puts on those at the bottom; the month's topic (每月一题), a root-cause
 * policy for the category most asked about. The counts come from gov_stats.c
 * (requests closed per unit, requests per category); what pressure does to a
 * case is read in gov_case.c through gov_unit.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_account.h"
#include "gov_unit.h"
#include "sim_mem.h"

#define MONTH_H (8760.0 / 12.0)
#define MIN_RANKED 5 /* a unit with fewer requests closed in the month is not ranked */

int gov_account_init(gov_model *m)
{
    m->n_units = m->n_streets + m->n_districts * m->n_dept;
    m->pressure = sim_calloc(m->n_units + 1, sizeof *m->pressure);
    m->unit_month = sim_calloc(m->n_units + 1, sizeof *m->unit_month);
    m->topic_mult = sim_calloc(m->n_cat + 1, sizeof *m->topic_mult);
    m->topic_chosen = sim_calloc(m->n_cat + 1, sizeof *m->topic_chosen);
    m->cat_requests = sim_calloc(m->n_cat + 1, sizeof *m->cat_requests);
    if (m->pressure == NULL || m->unit_month == NULL || m->topic_mult == NULL || m->topic_chosen == NULL ||
        m->cat_requests == NULL)
        return sim_err_nomem(m->err, "setting up the monthly ranking");
    for (size_t i = 0; i < m->n_cat; i++)
        m->topic_mult[i] = 1.0;
    return SIM_OK;
}

void gov_account_destroy(gov_model *m)
{
    sim_free(m->pressure);
    sim_free(m->unit_month);
    sim_free(m->topic_mult);
    sim_free(m->topic_chosen);
    sim_free(m->cat_requests);
    m->pressure = m->topic_mult = NULL;
    m->unit_month = NULL;
    m->topic_chosen = NULL;
    m->cat_requests = NULL;
}

/* The first class whose policy in force enables a section, or -1. */
static int first_class(const gov_model *m, int topic)
{
    for (int k = 0; k < GOV_N_CLASSES; k++)
        if (topic ? m->policy[k]->monthly_topic.enabled : m->policy[k]->accountability.enabled)
            return k;
    return -1;
}

typedef struct ranked {
    double score;
    size_t unit;
} ranked;

static int by_score(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return x->unit < y->unit ? -1 : x->unit > y->unit; /* ties: a fixed order */
}

/* Every unit's pressure fades; the bottom of the month's ranking (score: the
 * mean of its requests' contact-in-time, fixed and satisfied shares) gets
 * more. */
static void rank(gov_model *m, const gov_accountability_cfg *a)
{
    ranked *r = sim_calloc(m->n_units + 1, sizeof *r);
    if (r == NULL) {
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory ranking the units");
        return;
    }
    size_t n = 0;
    for (size_t u = 0; u < m->n_units; u++) {
        m->pressure[u] *= a->pressure_decay;
        const gov_unit_month *um = &m->unit_month[u];
        if (um->closed < MIN_RANKED)
            continue;
        r[n].score = ((double)um->contact_ok + um->fixed + um->satisfied) / (3.0 * um->closed);
        r[n++].unit = u;
    }
    qsort(r, n, sizeof *r, by_score);
    size_t bottom = (size_t)ceil(a->bottom_share * (double)n - 1e-9);
    for (size_t i = 0; i < bottom && i < n; i++) {
        double *p = &m->pressure[r[i].unit];
        *p = fmin(1.0, *p + a->pressure_step);
    }
    sim_free(r);
}

static void topic_takes_effect(sim_t *sim, void *target, sim_payload pl)
{
    (void)sim;
    gov_model *m = target;
    size_t cat = (size_t)(pl.u >> 8);
    int k = (int)(pl.u & 0xff);
    m->topic_mult[cat] *= 1.0 - m->policy[k]->monthly_topic.reduction;
}

/* The category most asked about this month that has no policy yet. */
static void choose_topic(gov_model *m, int k)
{
    size_t best = m->n_cat;
    for (size_t i = 0; i < m->n_cat; i++)
        if (!m->topic_chosen[i] && m->cat_requests[i] > 0 &&
            (best == m->n_cat || m->cat_requests[i] > m->cat_requests[best]))
            best = i;
    if (best == m->n_cat)
        return;
    m->topic_chosen[best] = 1;
    if (sim_now(m->sim) >= m->cfg->warmup)
        m->st.topics++;
    sim_schedule_in(m->sim, m->policy[k]->monthly_topic.lag, topic_takes_effect, m,
                    sim_payload_u(((uint64_t)best << 8) | (uint64_t)k));
}

static void month_end(sim_t *sim, void *target, sim_payload pl)
{
    (void)pl;
    gov_model *m = target;
    int k = first_class(m, 0);
    if (k >= 0)
        rank(m, &m->policy[k]->accountability);
    int t = first_class(m, 1);
    if (t >= 0)
        choose_topic(m, t);
    memset(m->unit_month, 0, m->n_units * sizeof *m->unit_month);
    memset(m->cat_requests, 0, m->n_cat * sizeof *m->cat_requests);
    if (sim_now(sim) + MONTH_H <= m->cfg->horizon)
        sim_schedule_in(sim, MONTH_H, month_end, m, sim_payload_none());
}

int gov_account_start(gov_model *m)
{
    if (MONTH_H > m->cfg->horizon)
        return SIM_OK;
    return sim_schedule(m->sim, MONTH_H, month_end, m, sim_payload_none()) == SIM_NO_EVENT ? SIM_ERR_RUNTIME
                                                                                         : SIM_OK;
}
