/*
 * gov_staff.c — staff pools and what happens to staff: administrative
 * and line tasks, quits and hiring, sinking cadres, meetings, and policy
 * changes that resize pools. Shifts are in gov_shift.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gov_case.h"
#include "gov_draw.h"
#include "gov_mem.h"
#include "gov_pool.h"
#include "gov_shift.h"
#include "gov_staff.h"
#include "gov_stats.h"
#include "sim_mem.h"

#define HOURS_PER_WEEK 168.0

/* ---- members ---- */

static unsigned present_count(const gov_pool *p)
{
    unsigned n = 0, slots = sim_resource_slots(p->res);
    for (unsigned i = 0; i < slots; i++)
        n += (unsigned)gov_pool_present(p, i);
    return n;
}

/* Retire slot i; a busy member leaves when the job ends and must not be
 * picked again until then. */
static void retire_slot(gov_model *m, gov_pool *p, unsigned i)
{
    gov_pool_headcount_changing(m, p);
    sim_resource_retire(p->res, i);
    p->slot_flags[i] = sim_resource_active(p->res, i) ? SLOT_LEAVING : 0;
}

/* ---- administrative and line tasks (千线一针; departments' own 条 work) ---- */

static double admin_per_worker_week(const gov_model *m, const gov_pool *p)
{
    switch (p->role) {
    case ROLE_GRID: return m->policy[p->cls]->admin_tasks.grid_per_worker_per_week;
    case ROLE_COMMUNITY: return m->policy[p->cls]->admin_tasks.community_per_worker_per_week;
    case ROLE_DEPARTMENT: return m->cfg->departments[p->department].line_tasks_per_staff_per_week;
    case ROLE_STREET: return m->cfg->street.other_tasks_per_dispatcher_per_week;
    default: return 0.0;
    }
}

static const gov_dist_cfg *admin_dist(const gov_model *m, const gov_pool *p)
{
    if (p->role == ROLE_DEPARTMENT)
        return &m->cfg->departments[p->department].line_task;
    if (p->role == ROLE_STREET)
        return &m->cfg->street.other_task;
    return &m->policy[p->cls]->admin_tasks.task;
}

/* Tasks come with each day's assignments: at midnight every pool receives a
 * Poisson number of tasks, with mean its weekly rate over 7 days, and queues
 * them due after its allowance. One event a day serves every pool, in a fixed
 * order, so the draws do not depend on timing. Every task draws its relief
 * uniform and its duration whether or not the policy relieves it, so relieving
 * a larger share removes a superset of the same tasks. */
static void admin_day(sim_t *sim, void *target, sim_payload pl)
{
    (void)pl;
    gov_model *m = target;
    gsl_rng *r = m->rng[STREAM_ADMIN];
    double now = sim_now(sim);
    for (size_t i = 0; i < m->n_pools; i++) {
        gov_pool_prefetch(m->pools, i, m->n_pools);
        gov_pool *p = m->pools[i];
        if (p->res == NULL || !(p->admin_rate > 0))
            continue;
        unsigned n = gsl_ran_poisson(r, p->admin_rate * 24.0);
        double relieved = p->role == ROLE_GRID || p->role == ROLE_COMMUNITY
                              ? m->policy[p->cls]->admin_tasks.relieved_share : 0.0;
        for (unsigned k = 0; k < n; k++) {
            double u = gsl_rng_uniform(r);
            double duration = gov_draw(m, STREAM_ADMIN, admin_dist(m, p));
            if (u < relieved)
                continue;
            gov_work *w = gov_work_new(m, WK_ADMIN);
            if (w == NULL)
                return;
            w->pool = p;
            w->duration = duration;
            w->job.key = now + p->allowance;
            if (sim_resource_request(p->res, &w->job) != SIM_OK) {
                sim_fail(sim, SIM_ERR_RUNTIME, "out of memory queueing an administrative task");
                return;
            }
        }
    }
    if (now + 24.0 <= m->cfg->horizon)
        sim_schedule(sim, now + 24.0, admin_day, m, sim_payload_none());
}

static void admin_update(gov_model *m, gov_pool *p)
{
    p->admin_rate = admin_per_worker_week(m, p) / HOURS_PER_WEEK * p->base_headcount;
    if (p->role == ROLE_GRID || p->role == ROLE_COMMUNITY)
        p->allowance = m->policy[p->cls]->admin_tasks.limit;
    else if (p->role == ROLE_DEPARTMENT)
        p->allowance = m->cfg->departments[p->department].line_task_limit;
    else if (p->role == ROLE_STREET)
        p->allowance = m->cfg->street.other_task_limit;
}

/* ---- headcount: hiring, retiring, quits ---- */

static unsigned count_flag(const gov_pool *p, uint8_t flag)
{
    unsigned n = 0, slots = sim_resource_slots(p->res);
    for (unsigned i = 0; i < slots; i++)
        n += gov_pool_present(p, i) && (p->slot_flags[i] & flag);
    return n;
}

static int hire(gov_model *m, gov_pool *p, uint8_t flags, int experienced)
{
    gov_pool_headcount_changing(m, p);
    int idx = sim_resource_hire(p->res, SIM_DUTY_OFF);
    if (idx < 0 || gov_pool_grow_slots(p, (unsigned)idx + 1) != 0) {
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory hiring staff");
        return -1;
    }
    if (!(flags & SLOT_SUNK) && p->role == ROLE_GRID) {
        double share = m->policy[p->cls]->staffing.grid_part_time_share;
        if (count_flag(p, SLOT_PART_TIME) < (unsigned)lround(share * p->base_headcount))
            flags |= SLOT_PART_TIME;
    }
    p->slot_flags[idx] = flags;
    p->hired_at[idx] = experienced ? -INFINITY : sim_now(m->sim);
    if (p->hired_at[idx] > p->last_hire)
        p->last_hire = p->hired_at[idx];
    return idx;
}

/* Retire the highest-numbered active server that has none of the flags in `avoid`
 * and all of `need` (and is not already leaving). Returns 0 if none matched. */
static int retire_one(gov_model *m, gov_pool *p, uint8_t need, uint8_t avoid)
{
    for (unsigned i = sim_resource_slots(p->res); i-- > 0;) {
        if (!gov_pool_present(p, i) || (p->slot_flags[i] & avoid) || (p->slot_flags[i] & need) != need)
            continue;
        retire_slot(m, p, i);
        return 1;
    }
    return 0;
}

void gov_set_headcount(gov_model *m, gov_pool *p, unsigned headcount)
{
    if (p->res == NULL || headcount == p->base_headcount)
        return;
    int initial = sim_now(m->sim) <= 0.0;
    if (headcount > p->base_headcount) {
        unsigned add = headcount - p->base_headcount;
        p->base_headcount = headcount;
        for (unsigned i = 0; i < add; i++)
            if (hire(m, p, 0, initial) < 0)
                return;
    } else {
        unsigned drop = p->base_headcount - headcount;
        p->base_headcount = headcount;
        unsigned cancel = drop < p->vacancies_pending ? drop : p->vacancies_pending;
        p->vacancies_pending -= cancel;
        drop -= cancel;
        while (drop > 0 && retire_one(m, p, 0, SLOT_SUNK))
            drop--;
    }
    gov_pool_apply_duty(m, p);
    admin_update(m, p);
}

static void vacancy_filled(sim_t *sim, void *target, sim_payload pl)
{
    (void)sim;
    gov_pool *p = target;
    gov_model *m = pl.p;
    if (p->vacancies_pending == 0)
        return; /* the post was cut in the meantime */
    p->vacancies_pending--;
    if (hire(m, p, 0, 0) >= 0)
        gov_pool_apply_duty(m, p);
}

/* Once a week each worker of the grid and community pools quits with a hazard
 * that rises with the pool's recent overtime and falls with pay; the post is
 * refilled after the hiring delay and the newcomer works slower during the
 * learning period. */
static void workforce_week(sim_t *sim, void *target, sim_payload pl)
{
    (void)pl;
    gov_model *m = target;
    const gov_workforce_cfg *wf = &m->cfg->workforce;
    gsl_rng *r = m->rng[STREAM_WORKFORCE];
    for (size_t i = 0; i < m->n_pools; i++) {
        gov_pool *p = m->pools[i];
        if (p->res == NULL || (p->role != ROLE_GRID && p->role != ROLE_COMMUNITY))
            continue;
        sim_resource_stats rs;
        sim_resource_stats_get(p->res, &rs);
        double worked = rs.on_duty_hours + rs.overtime_hours;
        double d_ot = rs.overtime_hours - p->ot_mark, d_w = worked - p->worked_mark;
        if (d_ot < 0 || d_w < 0) { /* statistics were reset at the warm-up */
            d_ot = rs.overtime_hours;
            d_w = worked;
        }
        double week_share = d_w > 0 ? d_ot / d_w : 0.0;
        p->recent_ot_share = 0.5 * p->recent_ot_share + 0.5 * week_share;
        p->ot_mark = rs.overtime_hours;
        p->worked_mark = worked;
        unsigned regular = present_count(p) - count_flag(p, SLOT_SUNK);
        double hazard = wf->turnover_per_year / (8760.0 / HOURS_PER_WEEK) *
                        (1.0 + wf->overtime_sensitivity * p->recent_ot_share) *
                        pow(wf->pay_multiplier, -wf->pay_elasticity);
        unsigned quits = regular ? gsl_ran_binomial(r, 1.0 - exp(-hazard), regular) : 0;
        for (unsigned q = 0; q < quits; q++) {
            /* The leaver is any regular worker, chosen at random. */
            unsigned pick = (unsigned)gsl_rng_uniform_int(r, regular - q), seen = 0;
            for (unsigned s = 0; s < sim_resource_slots(p->res); s++) {
                if (!gov_pool_present(p, s) || (p->slot_flags[s] & SLOT_SUNK))
                    continue;
                if (seen++ == pick) {
                    retire_slot(m, p, s);
                    break;
                }
            }
            p->quits++;
            p->vacancies_pending++;
            sim_schedule_in(sim, wf->hiring_delay, vacancy_filled, p, sim_payload_p(m));
        }
        if (quits > 0)
            gov_pool_apply_duty(m, p);
    }
    sim_schedule_in(sim, HOURS_PER_WEEK, workforce_week, m, sim_payload_none());
}

/* ---- headcounts the policy asks for ---- */

/* A district's staff of a department, at `mult` times the establishment that
 * staff_per_100k gives it (timeline: department_staff_multiplier). The
 * department's min_staff holds, and a department with staff keeps at least one. */
unsigned gov_department_staff(const gov_department_cfg *dc, double residents, double mult)
{
    double base = floor(dc->staff_per_100k * residents / 1e5 + 0.5);
    double n = floor(base * mult + 0.5);
    if (base >= 1 && n < 1)
        n = 1;
    if (n < dc->min_staff)
        n = dc->min_staff;
    return (unsigned)n;
}

/* A street's command staff: per street at least, per resident when that
 * gives more, at `mult` times that (timeline: street_staff_multiplier). */
unsigned gov_street_staff(const gov_street_cfg *sc, double residents, double mult)
{
    double n = floor(fmax(sc->dispatchers_per_street, residents * sc->dispatchers_per_10k / 1e4) + 0.5);
    return (unsigned)floor(n * mult + 0.5);
}

/* The 12345 centre's call-takers (timeline: hotline_staff_multiplier). */
unsigned gov_hotline_staff(const gov_hotline_cfg *hc, double residents, double mult)
{
    double n = floor(floor(hc->operators_per_million * residents / 1e6 + 0.5) * mult + 0.5);
    return (unsigned)(n < hc->min_operators ? hc->min_operators : n);
}

/* A street's stationed staff of a department, likewise. */
unsigned gov_stationed_staff(const gov_department_cfg *dc, double mult)
{
    double base = floor(dc->stationed_per_street + 0.5);
    double n = floor(base * mult + 0.5);
    return (unsigned)(base >= 1 && n < 1 ? 1 : n);
}


static unsigned grid_headcount(const gov_policy_cfg *pol, const gov_community *cm)
{
    return (unsigned)ceil(cm->households / pol->staffing.households_per_grid_worker - 1e-9);
}

/* Community workers by the ratio, or village cadres in a rural village (the
 * community ratio is per urban resident, 001), and the floor that holds. */
void gov_community_staffing(const gov_policy_cfg *pol, int cls, double residents, double *by_ratio, double *floor_)
{
    const gov_staffing_cfg *st = &pol->staffing;
    int village = cls == GOV_RURAL;
    double per_10k = village ? st->village_workers_per_10k : st->community_workers_per_10k;
    *by_ratio = floor(residents * per_10k / 10000.0 + 0.5);
    *floor_ = village ? st->min_village_workers : st->min_community_workers;
}

static unsigned community_headcount(const gov_policy_cfg *pol, const gov_community *cm)
{
    double n, least;
    gov_community_staffing(pol, cm->cls, cm->residents, &n, &least);
    return (unsigned)(n < least ? least : n);
}

static unsigned volunteer_headcount(const gov_policy_cfg *pol, const gov_community *cm)
{
    if (!pol->volunteers.enabled)
        return 0;
    /* Party members' hours, as full-time equivalents of a 40-hour week. */
    double members = cm->households / pol->volunteers.households_per_party_member;
    double fte = floor(members * pol->volunteers.hours_per_member_per_week / 40.0 + 0.5);
    return fte < 1 ? 1 : (unsigned)fte;
}

/* The property company's staff for residents' cases, where it takes some. */
static unsigned property_headcount(const gov_policy_cfg *pol, const gov_community *cm)
{
    const gov_property_cfg *p = &pol->actors.property;
    if (!(p->share.v[cm->cls] > 0))
        return 0;
    return (unsigned)floor(cm->households / 1000.0 * p->staff_per_1000_households + 0.5);
}

unsigned gov_policy_headcount(const gov_model *m, const gov_community *cm, int role)
{
    const gov_policy_cfg *pol = m->policy[cm->cls];
    switch (role) {
    case ROLE_GRID: return grid_headcount(pol, cm);
    case ROLE_COMMUNITY: return community_headcount(pol, cm);
    case ROLE_PROPERTY: return property_headcount(pol, cm);
    default: return volunteer_headcount(pol, cm);
    }
}

/* Hours of service a year a community's budget buys, as full-time staff of a
 * 1,900-hour year (52 weeks of 40 hours, less holidays and leave, W). */
double gov_social_fte(const gov_config *cfg, const gov_policy_cfg *pol)
{
    const gov_social_cfg *s = &pol->actors.social;
    return cfg->costs.community_budget_per_year * s->budget_share / s->cost_per_hour / 1900.0;
}

/* A street's social organisations: what its communities' budgets buy, together. */
unsigned gov_street_social_headcount(const gov_model *m, size_t street)
{
    double fte = 0;
    for (size_t c = 0; c < m->n_comm; c++)
        if (m->comm[c].street == street)
            fte += gov_social_fte(m->cfg, m->policy[m->comm[c].cls]);
    return (unsigned)floor(fte + 0.5);
}

/* Resize the community-level pools to the policy in force and refresh task rates. */
void gov_apply_policy(gov_model *m)
{
    for (size_t c = 0; c < m->n_comm; c++) {
        gov_community *cm = &m->comm[c];
        gov_set_headcount(m, &cm->grid, gov_policy_headcount(m, cm, ROLE_GRID));
        gov_set_headcount(m, &cm->comm, gov_policy_headcount(m, cm, ROLE_COMMUNITY));
        gov_set_headcount(m, &cm->vol, gov_policy_headcount(m, cm, ROLE_VOLUNTEER));
        gov_set_headcount(m, &cm->prop, gov_policy_headcount(m, cm, ROLE_PROPERTY));
    }
    for (size_t s = 0; s < m->n_streets; s++)
        gov_set_headcount(m, &m->streets[s].social, gov_street_social_headcount(m, s));
    for (size_t i = 0; i < m->n_pools; i++)
        admin_update(m, m->pools[i]);
}

/* ---- sinking cadres (下沉) ---- */

/* Split n into parts proportional to w[0..k-1] by largest remainders. */
static void apportion(unsigned n, const double *w, size_t k, unsigned *out)
{
    double total = 0;
    for (size_t i = 0; i < k; i++)
        total += w[i];
    unsigned given = 0;
    for (size_t i = 0; i < k; i++) {
        out[i] = total > 0 ? (unsigned)floor(n * w[i] / total) : 0;
        given += out[i];
    }
    while (given < n && total > 0) {
        size_t best = 0;
        double best_rem = -1;
        for (size_t i = 0; i < k; i++) {
            double rem = n * w[i] / total - out[i];
            if (rem > best_rem) {
                best_rem = rem;
                best = i;
            }
        }
        out[best]++;
        given++;
    }
}

static void sinking_event(sim_t *sim, void *target, sim_payload pl)
{
    (void)sim;
    gov_model *m = target;
    size_t entry = (size_t)(pl.u >> 1);
    int starting = !(pl.u & 1);
    const gov_sinking_cfg *sk = &m->cfg->sinking[entry];
    unsigned *taken = &m->sink_taken[entry * m->n_districts * m->n_dept];
    double *w = m->scratch;
    unsigned *share = (unsigned *)(m->scratch + m->n_comm + m->n_dept);
    for (size_t d = 0; d < m->n_districts; d++) {
        gov_district *dist = &m->districts[d];
        unsigned *took = &taken[d * m->n_dept];
        if (starting) {
            /* Take the staff from the named department, or from all in proportion. */
            for (size_t k = 0; k < m->n_dept; k++)
                w[k] = (sk->department_index < 0 || (size_t)sk->department_index == k)
                           ? present_count(&dist->dept[k])
                           : 0.0;
            apportion((unsigned)floor(sk->staff + 0.5), w, m->n_dept, share);
            unsigned moved = 0;
            for (size_t k = 0; k < m->n_dept; k++) {
                took[k] = 0;
                while (took[k] < share[k] && present_count(&dist->dept[k]) > 1 &&
                       retire_one(m, &dist->dept[k], 0, 0))
                    took[k]++;
                moved += took[k];
                gov_pool_apply_duty(m, &dist->dept[k]);
            }
            /* ... and send them to the district's communities by residents. */
            size_t n = 0;
            for (size_t c = 0; c < m->n_comm; c++)
                w[c] = m->comm[c].district == d ? m->comm[c].residents : 0.0;
            apportion(moved, w, m->n_comm, share);
            for (size_t c = 0; c < m->n_comm; c++) {
                for (unsigned i = 0; i < share[c]; i++)
                    if (hire(m, &m->comm[c].comm, SLOT_SUNK, 1) >= 0)
                        n++;
                if (share[c] > 0)
                    gov_pool_apply_duty(m, &m->comm[c].comm);
            }
        } else {
            for (size_t c = 0; c < m->n_comm; c++) {
                if (m->comm[c].district != d)
                    continue;
                while (retire_one(m, &m->comm[c].comm, SLOT_SUNK, 0))
                    ;
                gov_pool_apply_duty(m, &m->comm[c].comm);
            }
            for (size_t k = 0; k < m->n_dept; k++) {
                for (unsigned i = 0; i < took[k]; i++)
                    hire(m, &dist->dept[k], 0, 1);
                took[k] = 0;
                gov_pool_apply_duty(m, &dist->dept[k]);
            }
        }
    }
}

/* ---- meetings and the policy timeline ---- */

static void meeting(sim_t *sim, void *target, sim_payload pl)
{
    gov_model *m = pl.p;
    gov_community *cm = target;
    gov_meeting_held(m, cm);
    double interval = m->policy[cm->cls]->consultation.interval;
    sim_schedule_in(sim, interval, meeting, cm, pl);
}

/* Departments' staff, at the districts and stationed at the streets, to `mult`
 * times their establishment. Staff sunk into communities (下沉) are not in the
 * department's pool meanwhile; resizing moves the establishment, and they come
 * back on top of it when the sinking ends. */
static void apply_department_staff(gov_model *m, double mult)
{
    const gov_config *cfg = m->cfg;
    for (size_t d = 0; d < m->n_districts; d++)
        for (size_t k = 0; k < m->n_dept; k++)
            gov_set_headcount(m, &m->districts[d].dept[k],
                              gov_department_staff(&cfg->departments[k], m->districts[d].residents, mult));
    for (size_t s = 0; s < m->n_streets; s++)
        for (size_t k = 0; k < m->n_dept; k++)
            gov_set_headcount(m, &m->streets[s].stationed[k], gov_stationed_staff(&cfg->departments[k], mult));
}

static void policy_change(sim_t *sim, void *target, sim_payload pl)
{
    (void)sim;
    gov_model *m = target;
    const gov_change_cfg *ch = &m->cfg->timeline[pl.u];
    for (int k = 0; k < GOV_N_CLASSES; k++)
        m->policy[k] = &ch->policy[k];
    m->demand_multiplier = ch->demand_multiplier;
    gov_shifts_policy_changed(m);
    gov_apply_policy(m);
    apply_department_staff(m, ch->department_staff_multiplier);
    for (size_t s = 0; s < m->n_streets; s++)
        gov_set_headcount(m, &m->streets[s].command,
                          gov_street_staff(&m->cfg->street, m->streets[s].residents, ch->street_staff_multiplier));
    gov_set_headcount(m, &m->hotline, gov_hotline_staff(&m->cfg->hotline, m->residents, ch->hotline_staff_multiplier));
}

int gov_staff_start(gov_model *m)
{
    sim_t *sim = m->sim;
    for (size_t i = 0; i < m->n_pools; i++)
        admin_update(m, m->pools[i]);
    int rc = gov_shifts_start(m);
    if (rc != SIM_OK)
        return rc;
    if (m->cfg->workforce.enabled)
        sim_schedule(sim, HOURS_PER_WEEK, workforce_week, m, sim_payload_none());
    sim_schedule(sim, 0.0, admin_day, m, sim_payload_none());
    for (size_t c = 0; c < m->n_comm; c++)
        sim_schedule(sim, m->policy[m->comm[c].cls]->consultation.first, meeting, &m->comm[c],
                     sim_payload_p(m));
    for (size_t i = 0; i < m->cfg->n_sinking; i++) {
        sim_schedule(sim, m->cfg->sinking[i].start, sinking_event, m, sim_payload_u(i << 1));
        sim_schedule(sim, m->cfg->sinking[i].end, sinking_event, m, sim_payload_u((i << 1) | 1));
    }
    for (size_t i = 0; i < m->cfg->n_timeline; i++)
        sim_schedule(sim, m->cfg->timeline[i].at, policy_change, m, sim_payload_u(i));
    return sim_error(sim)->status;
}
