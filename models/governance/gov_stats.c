/*
 * gov_stats.c — what a replication measures, and the KPIs it reports.
 *
 * Definitions (docs/model.md has the reasoning):
 *  - A problem is born, and may stay latent until it is known (reported or
 *    found). The case KPIs (12345-style, as published) count from the moment
 *    it is known: a case counts if it became known after the warm-up. The
 *    problem KPIs count from its birth: a problem counts if it was born after
 *    the warm-up, whether or not anyone ever knew of it.
 *  - problem_resolution_rate: among counted problems whose outcome is decided
 *    (closed, or still open - latent or known - past the time limit from birth
 *    at the end), the share resolved within the limit from birth. Not looking
 *    cannot improve it: a problem nobody finds stays in its denominator.
 *  - proactive_share: counted problems resolved before any resident
 *    complained (未诉先办) / counted problems.
 *  - response_rate: among counted cases whose response is decided (responded,
 *    or still waiting past the response limit at the end, or abandoned without
 *    contact), the share responded within the category's response limit.
 *  - resolution_rate: the same with resolution and the time limit; abandoned
 *    cases count as not resolved.
 *  - satisfaction_rate: among resolved and abandoned counted cases (those the
 *    follow-up reaches), the share satisfied; abandoned ones are not.
 *  - utilisation of a role: busy hours / (on-duty hours + overtime hours) of its
 *    pools since the warm-up; overtime_share: overtime / (on duty + overtime).
 */
#include <math.h>
#include <string.h>

#include "gov.h"
#include "gov_mem.h"
#include "gov_stats.h"
#include "gov_unit.h"
#include "sim_mem.h"
#include "sim_model.h"

#define HOURS_PER_YEAR 8760.0

static gov_group_stats *grp_of(gov_model *m, const gov_case *c) { return &m->st.grp[1 + c->cls]; }

static void group_reset(gov_group_stats *g, double t)
{
    g->problems = g->prob_due = g->prob_ok = g->proactive = 0;
    g->discovered = g->by_patrol = g->worsened = 0;
    sim_tally_reset(&g->discovery_h);
    sim_timeavg_reset(&g->latent, t);
    g->req = g->req_due = g->req_contact_ok = g->req_closed = g->req_fixed = g->req_satisfied = 0;
    g->born = g->resolved = g->abandoned = 0;
    g->resp_due = g->resp_ok = g->res_due = g->res_ok = 0;
    g->surveyed = g->satisfied = g->repeat_contacts = 0;
    g->open_counted = 0;
    sim_tally_reset(&g->response_min);
    sim_tally_reset(&g->resolution_h);
    if (g->resolution)
        sim_sketch_reset(g->resolution);
    sim_timeavg_reset(&g->backlog, t);
}

static void pool_reset(gov_pool *p, double t)
{
    p->headcount_area = 0.0;
    p->headcount_t = t;
    p->quits = 0;
    p->points = 0.0;
}

static void on_warmup(sim_t *sim, void *ctx)
{
    gov_model *m = ctx;
    double t = sim_now(sim);
    for (int g = 0; g <= GOV_N_CLASSES; g++)
        group_reset(&m->st.grp[g], t);
    m->st.case_work_h = m->st.duplicate_work_h = 0.0;
    memset(m->st.admin_h, 0, sizeof m->st.admin_h);
    m->st.onsite_due = m->st.onsite_ok = 0;
    m->st.duplicates = 0;
    m->st.topics = 0;
    for (size_t i = 0; i < m->n_pools; i++)
        pool_reset(m->pools[i], t);
}

int gov_stats_init(gov_model *m)
{
    memset(&m->st, 0, sizeof m->st);
    for (int g = 0; g <= GOV_N_CLASSES; g++) {
        m->st.grp[g].resolution = m->out->dists[(size_t)g * GOV_N_DISTS + DIST_RESOLUTION_H];
        group_reset(&m->st.grp[g], 0.0);
    }
    return sim_add_reset_hook(m->sim, on_warmup, m);
}

static int counted(const gov_case *c) { return (c->flags & CF_COUNTED) != 0; }
static int counted_problem(const gov_case *c) { return (c->flags & CF_PROBLEM) != 0; }

void gov_stats_problem(gov_model *m, gov_case *c)
{
    if (sim_now(m->sim) < m->cfg->warmup)
        return;
    c->flags |= CF_PROBLEM;
    m->st.grp[0].problems++;
    grp_of(m, c)->problems++;
}

void gov_stats_latent(gov_model *m, const gov_case *c, int delta)
{
    double now = sim_now(m->sim);
    gov_group_stats *gs[2] = {&m->st.grp[0], grp_of(m, c)};
    for (int i = 0; i < 2; i++) {
        gs[i]->latent_now += (uint64_t)(int64_t)delta;
        sim_timeavg_set(&gs[i]->latent, now, (double)gs[i]->latent_now);
    }
}

void gov_stats_worsened(gov_model *m, const gov_case *c)
{
    if (!counted_problem(c))
        return;
    m->st.grp[0].worsened++;
    grp_of(m, c)->worsened++;
}

void gov_stats_known(gov_model *m, gov_case *c)
{
    double now = sim_now(m->sim);
    int count = now >= m->cfg->warmup;
    if (count)
        c->flags |= CF_COUNTED;
    gov_group_stats *gs[2] = {&m->st.grp[0], grp_of(m, c)};
    for (int i = 0; i < 2; i++) {
        gs[i]->open++;
        sim_timeavg_set(&gs[i]->backlog, now, (double)gs[i]->open);
        if (count) {
            gs[i]->born++;
            gs[i]->open_counted++;
        }
        if (counted_problem(c)) {
            gs[i]->discovered++;
            gs[i]->by_patrol += c->channel == GOV_CH_PATROL;
            sim_tally_add(&gs[i]->discovery_h, now - c->born);
        }
    }
}

/* ---- 12345 requests, as the city measures them ---- */

static int counted_request(const gov_model *m, const gov_case *c)
{
    return (c->flags & CF_REQUEST) && c->requested >= m->cfg->warmup;
}

void gov_stats_request(gov_model *m, gov_case *c)
{
    m->cat_requests[c->category]++;
    if (!counted_request(m, c))
        return;
    m->st.grp[0].req++;
    grp_of(m, c)->req++;
}

/* The three rates count the requests dispatched to a unit (诉求), not the
 * consultations the centre answers itself (咨询). */
static int rated_request(const gov_model *m, const gov_case *c)
{
    return counted_request(m, c) && !(c->flags & CF_AT_INTAKE);
}

/* Its response is decided: the unit contacted the resident (in time or not). */
void gov_stats_contacted(gov_model *m, const gov_case *c)
{
    if (!rated_request(m, c))
        return;
    uint64_t ok = (c->flags & CF_CONTACT_OK) != 0;
    gov_group_stats *gs[2] = {&m->st.grp[0], grp_of(m, c)};
    for (int i = 0; i < 2; i++) {
        gs[i]->req_due++;
        gs[i]->req_contact_ok += ok;
    }
}

/* A request closed (resolved or abandoned): its follow-up call, its unit's month. */
static void request_closed(gov_model *m, const gov_case *c, int fixed, int satisfied)
{
    if (c->flags & CF_AT_INTAKE)
        return; /* a consultation answered at intake: not rated */
    int contact_ok = (c->flags & CF_CONTACT_OK) != 0;
    gov_unit_month *um = &m->unit_month[gov_case_unit(m, c)];
    um->closed++;
    um->contact_ok += (uint32_t)contact_ok;
    um->fixed += (uint32_t)fixed;
    um->satisfied += (uint32_t)satisfied;
    m->st.iv_closed++;
    m->st.iv_contact_ok += (uint64_t)contact_ok;
    m->st.iv_fixed += (uint64_t)fixed;
    m->st.iv_satisfied += (uint64_t)satisfied;
    if (!counted_request(m, c))
        return;
    gov_group_stats *gs[2] = {&m->st.grp[0], grp_of(m, c)};
    for (int i = 0; i < 2; i++) {
        if (!(c->flags & CF_CONTACTED))
            gs[i]->req_due++; /* never contacted: its response was not given */
        gs[i]->req_closed++;
        gs[i]->req_fixed += (uint64_t)fixed;
        gs[i]->req_satisfied += (uint64_t)satisfied;
    }
}

void gov_stats_responded(gov_model *m, gov_case *c)
{
    if (!counted(c))
        return;
    double wait = c->responded - c->known;
    int ok = wait <= m->cfg->categories[c->category].response_limit;
    gov_group_stats *gs[2] = {&m->st.grp[0], grp_of(m, c)};
    for (int i = 0; i < 2; i++) {
        sim_tally_add(&gs[i]->response_min, wait * 60.0);
        gs[i]->resp_due++;
        gs[i]->resp_ok += (uint64_t)ok;
    }
}

void gov_stats_closed(gov_model *m, gov_case *c, int resolved, int satisfied)
{
    double now = sim_now(m->sim);
    const gov_category_cfg *cat = &m->cfg->categories[c->category];
    gov_group_stats *gs[2] = {&m->st.grp[0], grp_of(m, c)};
    int urgent_dept = cat->urgent && cat->resolver == GOV_RES_DEPARTMENT && resolved;
    if (counted(c) && urgent_dept) {
        m->st.onsite_due++;
        m->st.onsite_ok += (c->flags & CF_ONSITE_OK) ? 1 : 0;
    }
    int fixed = resolved && !(c->flags & CF_UNFIXED);
    if (c->flags & CF_REQUEST)
        request_closed(m, c, fixed, satisfied);
    for (int i = 0; i < 2; i++) {
        gov_group_stats *g = gs[i];
        g->open--;
        sim_timeavg_set(&g->backlog, now, (double)g->open);
        if (counted_problem(c)) {
            g->prob_due++;
            g->prob_ok += (uint64_t)(fixed && now - c->born <= cat->time_limit);
            g->proactive += (uint64_t)(fixed && !(c->flags & CF_REPORTED));
        }
        if (!counted(c))
            continue;
        g->open_counted--;
        double t = now - c->known;
        if (resolved) {
            g->resolved++;
            sim_tally_add(&g->resolution_h, t);
            sim_sketch_add(g->resolution, t);
        } else {
            g->abandoned++;
            if (!(c->flags & CF_RESPONDED))
                g->resp_due++; /* gave up without ever being contacted */
        }
        g->res_due++;
        g->res_ok += (uint64_t)(resolved && t <= cat->time_limit);
        g->surveyed++;
        g->satisfied += (uint64_t)(resolved && satisfied);
    }
    if (resolved)
        m->st.resolved_cum++;
}

void gov_stats_contact(gov_model *m, const gov_case *c)
{
    if (!counted(c))
        return;
    m->st.grp[0].repeat_contacts++;
    grp_of(m, c)->repeat_contacts++;
}

void gov_stats_role(gov_model *m, int role, int delta)
{
    m->st.open_by_role[role] += (uint64_t)(int64_t)delta;
}

void gov_stats_work(gov_model *m, const gov_work *w, const gov_pool *pool)
{
    if (sim_now(m->sim) < m->cfg->warmup)
        return;
    switch (w->kind) {
    case WK_CASE:
    case WK_TICKET:
        m->st.case_work_h += w->duration;
        break;
    case WK_DUPLICATE:
        m->st.duplicate_work_h += w->duration;
        break;
    case WK_ADMIN:
        m->st.admin_h[pool->role] += w->duration;
        break;
    default:
        break;
    }
}

/* ---- per-pool aggregates ---- */

typedef struct role_sums {
    double busy, on_duty, overtime, headcount_h, quits;
} role_sums;

static void pool_headcount_mark(gov_model *m, gov_pool *p)
{
    double now = sim_now(m->sim);
    if (p->res != NULL)
        p->headcount_area += (double)sim_resource_headcount(p->res) * (now - p->headcount_t);
    p->headcount_t = now;
}

void gov_pool_headcount_changing(gov_model *m, gov_pool *p) { pool_headcount_mark(m, p); }

static void add_pool(role_sums *s, const gov_pool *p)
{
    sim_resource_stats rs;
    sim_resource_stats_get(p->res, &rs);
    s->busy += rs.busy_hours;
    s->on_duty += rs.on_duty_hours;
    s->overtime += rs.overtime_hours;
    s->headcount_h += p->headcount_area;
    s->quits += p->quits;
}

static double share(double num, double den) { return den > 0.0 ? num / den : NAN; }

/* A topic's cost: the largest any class's policy in force gives. */
static double max_topic_cost(const gov_model *m)
{
    double c = 0;
    for (int k = 0; k < GOV_N_CLASSES; k++)
        c = fmax(c, m->policy[k]->monthly_topic.cost);
    return c;
}

static double role_cost(const gov_config *cfg, int role)
{
    const gov_costs_cfg *c = &cfg->costs;
    double pay = cfg->workforce.pay_multiplier; /* 三岗十八级: grid and community workers' pay */
    switch (role) {
    case ROLE_GRID: return c->grid_worker_per_year * pay;
    case ROLE_COMMUNITY: return c->community_worker_per_year * pay;
    case ROLE_STREET: return c->dispatcher_per_year;
    case ROLE_DEPARTMENT: return c->department_staff_per_year;
    case ROLE_HOTLINE: return c->operator_per_year;
    default: return 0.0; /* volunteers and party members are unpaid */
    }
}

/* Problems and cases still open at the end: those past their limits count as
 * late (a problem's limit counts from its birth, a case's from when it was known). */
static void settle_open(gov_model *m, gov_case *c)
{
    double now = sim_now(m->sim);
    const gov_category_cfg *cat = &m->cfg->categories[c->category];
    gov_group_stats *gs[2] = {&m->st.grp[0], grp_of(m, c)};
    int request_late = rated_request(m, c) && !(c->flags & CF_CONTACTED) &&
                       now - c->requested > (cat->urgent ? m->cfg->hotline.contact_limit_urgent
                                                         : m->cfg->hotline.contact_limit);
    for (int i = 0; i < 2; i++) {
        gs[i]->req_due += (uint64_t)request_late;
        if (counted_problem(c) && now - c->born > cat->time_limit)
            gs[i]->prob_due++;
        if (!counted(c))
            continue;
        if (!(c->flags & CF_RESPONDED) && now - c->known > cat->response_limit)
            gs[i]->resp_due++;
        if (now - c->known > cat->time_limit)
            gs[i]->res_due++;
    }
}

static void group_kpis(gov_model *m, int g, double *k, double window_h)
{
    gov_group_stats *s = &m->st.grp[g];
    double now = sim_now(m->sim);
    k[KPI_CASES_TOTAL] = (double)s->born;
    k[KPI_RESPONSE_RATE] = share((double)s->resp_ok, (double)s->resp_due);
    k[KPI_RESOLUTION_RATE] = share((double)s->res_ok, (double)s->res_due);
    k[KPI_SATISFACTION_RATE] = share((double)s->satisfied, (double)s->surveyed);
    k[KPI_MEAN_RESPONSE_MIN] = sim_tally_mean(&s->response_min);
    k[KPI_MEAN_RESOLUTION_H] = sim_tally_mean(&s->resolution_h);
    k[KPI_P50_RESOLUTION_H] = sim_sketch_quantile(s->resolution, 0.50);
    k[KPI_P90_RESOLUTION_H] = sim_sketch_quantile(s->resolution, 0.90);
    k[KPI_P99_RESOLUTION_H] = sim_sketch_quantile(s->resolution, 0.99);
    k[KPI_BACKLOG_MEAN] = window_h > 0 ? sim_timeavg_mean(&s->backlog, now) : NAN;
    k[KPI_BACKLOG_END] = (double)s->open;
    k[KPI_REPEAT_CONTACT_RATE] = share((double)s->repeat_contacts, (double)s->born);
    k[KPI_CASES_RESOLVED] = (double)s->resolved;
    k[KPI_CASES_ABANDONED] = (double)s->abandoned;
    k[KPI_CASES_OPEN_END] = (double)s->open_counted;
    k[KPI_PROBLEMS_TOTAL] = (double)s->problems;
    k[KPI_PROBLEM_RESOLUTION_RATE] = share((double)s->prob_ok, (double)s->prob_due);
    k[KPI_PROACTIVE_SHARE] = share((double)s->proactive, (double)s->problems);
    k[KPI_DISCOVERY_SHARE_PATROL] = share((double)s->by_patrol, (double)s->discovered);
    k[KPI_MEAN_DISCOVERY_H] = sim_tally_mean(&s->discovery_h);
    k[KPI_LATENT_STOCK_MEAN] = window_h > 0 ? sim_timeavg_mean(&s->latent, now) : NAN;
    k[KPI_PROBLEMS_WORSENED] = (double)s->worsened;
    k[KPI_HOTLINE_REQUESTS] = (double)s->req;
    k[KPI_HOTLINE_RESPONSE_RATE] = share((double)s->req_contact_ok, (double)s->req_due);
    k[KPI_HOTLINE_RESOLUTION_RATE] = share((double)s->req_fixed, (double)s->req_closed);
    k[KPI_HOTLINE_SATISFACTION_RATE] = share((double)s->req_satisfied, (double)s->req_closed);
}

void gov_stats_finish(gov_model *m)
{
    const gov_config *cfg = m->cfg;
    double window_h = sim_now(m->sim) - cfg->warmup;
    double years = window_h / HOURS_PER_YEAR;
    gov_case_foreach_open(m, settle_open);

    role_sums by_role[GOV_N_ROLES], by_class[GOV_N_CLASSES][GOV_N_ROLES];
    memset(by_role, 0, sizeof by_role);
    memset(by_class, 0, sizeof by_class);
    for (size_t i = 0; i < m->n_pools; i++) {
        gov_pool *p = m->pools[i];
        if (p->res == NULL)
            continue;
        pool_headcount_mark(m, p);
        add_pool(&by_role[p->role], p);
        if (p->cls >= 0)
            add_pool(&by_class[p->cls][p->role], p);
    }

    for (int g = 0; g < GOV_N_GROUPS; g++) {
        double *k = &m->out->metrics[(size_t)g * GOV_N_KPIS];
        group_kpis(m, g, k, window_h);
        role_sums *rs = g == 0 ? by_role : by_class[g - 1];
        k[KPI_UTILIZATION_GRID] = share(rs[ROLE_GRID].busy, rs[ROLE_GRID].on_duty + rs[ROLE_GRID].overtime);
        k[KPI_UTILIZATION_COMMUNITY] =
            share(rs[ROLE_COMMUNITY].busy, rs[ROLE_COMMUNITY].on_duty + rs[ROLE_COMMUNITY].overtime);
        double ot = 0, worked = 0, quits = 0, heads = 0, cost = 0;
        for (int r = 0; r < GOV_N_ROLES; r++) {
            /* Volunteers are unpaid; property companies are paid by residents'
             * fees; social organisations by the community budget (below). */
            if (r == ROLE_VOLUNTEER || r == ROLE_PROPERTY || r == ROLE_SOCIAL)
                continue;
            ot += rs[r].overtime;
            worked += rs[r].on_duty + rs[r].overtime;
            cost += window_h > 0 ? rs[r].headcount_h / window_h * role_cost(cfg, r) : NAN;
            if (r == ROLE_GRID || r == ROLE_COMMUNITY) {
                quits += rs[r].quits;
                heads += rs[r].headcount_h;
            }
        }
        size_t n_comm = 0;
        for (size_t c = 0; c < m->n_comm; c++)
            n_comm += (g == 0 || m->comm[c].cls == g - 1);
        cost += (double)n_comm * cfg->costs.community_budget_per_year;
        if (g == 0 && years > 0) /* 每月一题: the policies chosen in the window, a year's worth */
            cost += (double)m->st.topics * max_topic_cost(m) / years;
        k[KPI_OVERTIME_SHARE] = share(ot, worked);
        k[KPI_TURNOVER_PER_YEAR] = heads > 0 && years > 0 ? quits / (heads / window_h) / years : NAN;
        k[KPI_COST_PER_YEAR] = cost;
        k[KPI_COST_PER_RESOLVED_CASE] =
            share(cost * years, (double)m->st.grp[g].resolved);
        if (g == 0) {
            k[KPI_UTILIZATION_DEPARTMENT] = share(rs[ROLE_DEPARTMENT].busy,
                                                  rs[ROLE_DEPARTMENT].on_duty + rs[ROLE_DEPARTMENT].overtime);
            k[KPI_UTILIZATION_HOTLINE] =
                share(rs[ROLE_HOTLINE].busy, rs[ROLE_HOTLINE].on_duty + rs[ROLE_HOTLINE].overtime);
            k[KPI_UTILIZATION_STREET] =
                share(rs[ROLE_STREET].busy, rs[ROLE_STREET].on_duty + rs[ROLE_STREET].overtime);
            k[KPI_DUPLICATE_DISPATCH_SHARE] =
                share(m->st.duplicate_work_h, m->st.case_work_h + m->st.duplicate_work_h);
            k[KPI_CASE_WORK_H] = m->st.case_work_h + m->st.duplicate_work_h;
            double comm_heads = rs[ROLE_COMMUNITY].headcount_h / window_h;
            k[KPI_ADMIN_HOURS_PER_WORKER_WEEK] =
                share(m->st.admin_h[ROLE_COMMUNITY], comm_heads * window_h / 168.0);
            k[KPI_ONSITE_IN_LIMIT_RATE] = share((double)m->st.onsite_ok, (double)m->st.onsite_due);
        }
    }
    /* Equity: the spread of resolution rates across the classes present. */
    double lo = INFINITY, hi = -INFINITY;
    for (int g = 1; g < GOV_N_GROUPS; g++) {
        double r = m->out->metrics[(size_t)g * GOV_N_KPIS + KPI_RESOLUTION_RATE];
        if (!isnan(r)) {
            lo = r < lo ? r : lo;
            hi = r > hi ? r : hi;
        }
    }
    m->out->metrics[KPI_EQUITY_GAP_RESOLUTION] = hi >= lo ? hi - lo : NAN;
    m->out->events = sim_events_executed(m->sim);
}

/* ---- time series ---- */

static void sample(sim_t *sim, void *target, sim_payload p)
{
    (void)p;
    gov_model *m = target;
    size_t row = m->st.series_next;
    if (row >= m->out->n_points)
        return;
    double *r = &m->out->series[row * GOV_N_SERIES];
    double busy[GOV_N_ROLES] = {0}, avail[GOV_N_ROLES] = {0};
    for (size_t i = 0; i < m->n_pools; i++) {
        gov_pool *pl = m->pools[i];
        if (pl->res == NULL)
            continue;
        sim_resource_stats rs;
        sim_resource_stats_get(pl->res, &rs);
        busy[pl->role] += rs.busy_hours;
        avail[pl->role] += rs.on_duty_hours + rs.overtime_hours;
    }
    static const int util_role[] = {ROLE_GRID, ROLE_COMMUNITY, ROLE_STREET, ROLE_DEPARTMENT, ROLE_HOTLINE};
    for (int i = 0; i < 5; i++) {
        int role = util_role[i];
        double db = busy[role] - m->st.series_busy_mark[role];
        double da = avail[role] - m->st.series_avail_mark[role];
        /* A warm-up reset in the interval restarts the counters. */
        if (db < 0 || da < 0) {
            db = busy[role];
            da = avail[role];
        }
        r[SER_UTIL_GRID + i] = da > 0 ? db / da : NAN;
        m->st.series_busy_mark[role] = busy[role];
        m->st.series_avail_mark[role] = avail[role];
    }
    r[SER_BACKLOG] = (double)m->st.grp[0].open;
    r[SER_OPEN_GRID] = (double)m->st.open_by_role[ROLE_GRID];
    r[SER_OPEN_COMMUNITY] = (double)(m->st.open_by_role[ROLE_COMMUNITY] + m->st.open_by_role[ROLE_VOLUNTEER]);
    r[SER_OPEN_STREET] = (double)m->st.open_by_role[ROLE_STREET];
    r[SER_OPEN_DEPARTMENT] = (double)m->st.open_by_role[ROLE_DEPARTMENT];
    r[SER_OPEN_HOTLINE] = (double)m->st.open_by_role[ROLE_HOTLINE];
    r[SER_RESOLVED_CUM] = (double)m->st.resolved_cum;
    /* 12345 requests closed in the interval: the month's rates as published. */
    double n = (double)m->st.iv_closed;
    r[SER_HOTLINE_RESPONSE_RATE] = n > 0 ? (double)m->st.iv_contact_ok / n : NAN;
    r[SER_HOTLINE_RESOLUTION_RATE] = n > 0 ? (double)m->st.iv_fixed / n : NAN;
    r[SER_HOTLINE_SATISFACTION_RATE] = n > 0 ? (double)m->st.iv_satisfied / n : NAN;
    m->st.iv_closed = m->st.iv_contact_ok = m->st.iv_fixed = m->st.iv_satisfied = 0;
    m->st.series_next = row + 1;
    if (row + 1 < m->out->n_points)
        sim_schedule(sim, (double)(row + 2) * m->cfg->timeseries_step, sample, m, sim_payload_none());
}

int gov_stats_start(gov_model *m)
{
    if (m->out->n_points == 0)
        return SIM_OK;
    return sim_schedule(m->sim, m->cfg->timeseries_step, sample, m, sim_payload_none()) == SIM_NO_EVENT
               ? SIM_ERR_RUNTIME
               : SIM_OK;
}

void gov_stats_destroy(gov_model *m) { (void)m; }
