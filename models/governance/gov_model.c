/*
 * gov_model.c — one replication of the governance model, and the model's
 * description for the experiment runner (KPIs, groups, time series).
 */
#include <math.h>
#include <string.h>

#include "gov.h"
#include "gov_account.h"
#include "gov_case.h"
#include "gov_contact.h"
#include "gov_demand.h"
#include "gov_inputs.h"
#include "gov_mem.h"
#include "gov_record.h"
#include "gov_region.h"
#include "gov_shift.h"
#include "gov_staff.h"
#include "gov_stats.h"
#include "gov_wheel.h"
#include "route_registry.h"
#include "sim_mem.h"
#include "sim_rng.h"

static const sim_metric_def kpi_defs[GOV_N_KPIS] = {
    [KPI_CASES_TOTAL] = {"cases_total", "cases", "cases known (reported or found) after the warm-up"},
    [KPI_RESPONSE_RATE] = {"response_rate", "share", "first contact within the category's response limit (响应率)"},
    [KPI_RESOLUTION_RATE] = {"resolution_rate", "share", "closed within the category's time limit (解决率)"},
    [KPI_SATISFACTION_RATE] = {"satisfaction_rate", "share", "satisfied at follow-up, among resolved and abandoned cases (满意率)"},
    [KPI_MEAN_RESPONSE_MIN] = {"mean_response_min", "min", "mean time from report to first contact"},
    [KPI_MEAN_RESOLUTION_H] = {"mean_resolution_h", "h", "mean time from report to resolution"},
    [KPI_P50_RESOLUTION_H] = {"p50_resolution_h", "h", "median resolution time (0.5 % relative accuracy)"},
    [KPI_P90_RESOLUTION_H] = {"p90_resolution_h", "h", "90th percentile of resolution time"},
    [KPI_P99_RESOLUTION_H] = {"p99_resolution_h", "h", "99th percentile of resolution time"},
    [KPI_BACKLOG_MEAN] = {"backlog_mean", "cases", "time-average of open cases after the warm-up"},
    [KPI_BACKLOG_END] = {"backlog_end", "cases", "open cases at the end"},
    [KPI_REPEAT_CONTACT_RATE] = {"repeat_contact_rate", "contacts/case", "repeat contacts per case"},
    [KPI_DUPLICATE_DISPATCH_SHARE] = {"duplicate_dispatch_share", "share", "share of case work spent on duplicate dispatches (多头派单)"},
    [KPI_UTILIZATION_GRID] = {"utilization_grid", "share", "grid workers: busy / (on duty + overtime) hours"},
    [KPI_UTILIZATION_COMMUNITY] = {"utilization_community", "share", "community workers: busy / (on duty + overtime) hours"},
    [KPI_UTILIZATION_DEPARTMENT] = {"utilization_department", "share", "department staff: busy / (on duty + overtime) hours"},
    [KPI_OVERTIME_SHARE] = {"overtime_share", "share", "overtime / (on duty + overtime) hours, paid staff"},
    [KPI_TURNOVER_PER_YEAR] = {"turnover_per_year", "quits/worker-year", "quits of grid and community workers per worker-year"},
    [KPI_COST_PER_YEAR] = {"cost_per_year", "yuan/year", "staff pay and community service budgets"},
    [KPI_COST_PER_RESOLVED_CASE] = {"cost_per_resolved_case", "yuan", "cost over the window / cases resolved"},
    [KPI_EQUITY_GAP_RESOLUTION] = {"equity_gap_resolution", "share", "largest minus smallest resolution rate across area classes"},
    [KPI_CASES_RESOLVED] = {"cases_resolved", "cases", "counted cases resolved"},
    [KPI_CASES_ABANDONED] = {"cases_abandoned", "cases", "counted cases whose resident gave up"},
    [KPI_CASES_OPEN_END] = {"cases_open_end", "cases", "counted cases still open at the end"},
    [KPI_UTILIZATION_HOTLINE] = {"utilization_hotline", "share", "12345 call-takers: busy / (on duty + overtime)"},
    [KPI_UTILIZATION_STREET] = {"utilization_street", "share", "street command: busy / (on duty + overtime)"},
    [KPI_ADMIN_HOURS_PER_WORKER_WEEK] = {"admin_hours_per_worker_week", "h/week", "administrative work done per community worker per week (千线一针)"},
    [KPI_ONSITE_IN_LIMIT_RATE] = {"onsite_in_limit_rate", "share", "urgent department cases with staff on site within the on-site limit"},
    [KPI_CASE_WORK_H] = {"case_work_h", "h", "staff hours of work completed on cases, duplicate dispatches included"},
    [KPI_PROBLEMS_TOTAL] = {"problems_total", "problems", "problems born after the warm-up, reported or not"},
    [KPI_PROBLEM_RESOLUTION_RATE] = {"problem_resolution_rate", "share", "problems resolved within the time limit counted from their birth; those nobody found count too"},
    [KPI_PROACTIVE_SHARE] = {"proactive_share", "share", "problems resolved before any resident complained (未诉先办), of problems born"},
    [KPI_DISCOVERY_SHARE_PATROL] = {"discovery_share_patrol", "share", "problems that became known on a patrol, of problems known"},
    [KPI_MEAN_DISCOVERY_H] = {"mean_discovery_h", "h", "mean time from a problem's birth to its being known (0 when reported at once)"},
    [KPI_LATENT_STOCK_MEAN] = {"latent_stock_mean", "problems", "time-average of problems nobody knows of yet"},
    [KPI_PROBLEMS_WORSENED] = {"problems_worsened", "problems", "latent problems that worsened before anyone dealt with them"},
    [KPI_HOTLINE_REQUESTS] = {"hotline_requests", "requests", "12345 requests after the warm-up: calls, and cases residents escalated to 12345"},
    [KPI_HOTLINE_RESPONSE_RATE] = {"hotline_response_rate", "share", "12345 requests dispatched to a unit (诉求, not consultations answered at intake) whose unit contacted the resident within the limit (响应率)"},
    [KPI_HOTLINE_RESOLUTION_RATE] = {"hotline_resolution_rate", "share", "dispatched 12345 requests closed that the resident judges fixed at the follow-up call (解决率)"},
    [KPI_HOTLINE_SATISFACTION_RATE] = {"hotline_satisfaction_rate", "share", "dispatched 12345 requests closed whose resident is satisfied at the follow-up call (满意率)"},
};

static const char *const group_names[GOV_N_GROUPS] = {"all", "urban", "fringe", "rural"};

/* Which way is better and what change matters (docs/output.md gives the
 * reasons): one point for rates and shares — the published 12345 rates are
 * read to a point, and a ranking moves with a point; a twentieth of the
 * baseline for times, backlogs and costs; a tenth for turnover and
 * administrative hours, which vary more from year to year. Counts of demand
 * and staff loads have no good direction. */
#define RATE_UP {+1, 0, 0.01}
#define RATE_DOWN {-1, 0, 0.01}
#define LESS(x) {-1, 1, x}
static const sim_kpi_sense kpi_sense[GOV_N_KPIS] = {
    [KPI_RESPONSE_RATE] = RATE_UP, [KPI_RESOLUTION_RATE] = RATE_UP, [KPI_SATISFACTION_RATE] = RATE_UP,
    [KPI_MEAN_RESPONSE_MIN] = LESS(0.05), [KPI_MEAN_RESOLUTION_H] = LESS(0.05),
    [KPI_P50_RESOLUTION_H] = LESS(0.05), [KPI_P90_RESOLUTION_H] = LESS(0.05), [KPI_P99_RESOLUTION_H] = LESS(0.05),
    [KPI_BACKLOG_MEAN] = LESS(0.05), [KPI_BACKLOG_END] = LESS(0.05), [KPI_REPEAT_CONTACT_RATE] = LESS(0.05),
    [KPI_DUPLICATE_DISPATCH_SHARE] = RATE_DOWN, [KPI_OVERTIME_SHARE] = RATE_DOWN,
    [KPI_TURNOVER_PER_YEAR] = LESS(0.10), [KPI_COST_PER_YEAR] = LESS(0.05), [KPI_COST_PER_RESOLVED_CASE] = LESS(0.05),
    [KPI_EQUITY_GAP_RESOLUTION] = RATE_DOWN, [KPI_CASES_ABANDONED] = LESS(0.05), [KPI_CASES_OPEN_END] = LESS(0.05),
    [KPI_ADMIN_HOURS_PER_WORKER_WEEK] = LESS(0.10), [KPI_ONSITE_IN_LIMIT_RATE] = RATE_UP,
    [KPI_PROBLEM_RESOLUTION_RATE] = RATE_UP, [KPI_PROACTIVE_SHARE] = RATE_UP, [KPI_MEAN_DISCOVERY_H] = LESS(0.05),
    [KPI_LATENT_STOCK_MEAN] = LESS(0.05), [KPI_PROBLEMS_WORSENED] = LESS(0.05),
    [KPI_HOTLINE_RESPONSE_RATE] = RATE_UP, [KPI_HOTLINE_RESOLUTION_RATE] = RATE_UP,
    [KPI_HOTLINE_SATISFACTION_RATE] = RATE_UP,
};
#undef RATE_UP
#undef RATE_DOWN
#undef LESS

static const sim_metric_def series_defs[GOV_N_SERIES] = {
    [SER_BACKLOG] = {"backlog", "cases", "open cases"},
    [SER_OPEN_GRID] = {"open_grid", "cases", "cases at grid workers"},
    [SER_OPEN_COMMUNITY] = {"open_community", "cases", "cases at community workers and volunteers"},
    [SER_OPEN_STREET] = {"open_street", "cases", "cases at street commands"},
    [SER_OPEN_DEPARTMENT] = {"open_department", "cases", "cases at departments"},
    [SER_OPEN_HOTLINE] = {"open_hotline", "cases", "cases at the 12345 centre"},
    [SER_UTIL_GRID] = {"utilization_grid", "share", "grid workers over the interval"},
    [SER_UTIL_COMMUNITY] = {"utilization_community", "share", "community workers over the interval"},
    [SER_UTIL_STREET] = {"utilization_street", "share", "street command over the interval"},
    [SER_UTIL_DEPARTMENT] = {"utilization_department", "share", "departments over the interval"},
    [SER_UTIL_HOTLINE] = {"utilization_hotline", "share", "12345 call-takers over the interval"},
    [SER_RESOLVED_CUM] = {"resolved_cum", "cases", "cases resolved since the start"},
    [SER_HOTLINE_RESPONSE_RATE] = {"hotline_response_rate", "share", "12345 requests closed in the interval: contacted in time"},
    [SER_HOTLINE_RESOLUTION_RATE] = {"hotline_resolution_rate", "share", "... judged fixed"},
    [SER_HOTLINE_SATISFACTION_RATE] = {"hotline_satisfaction_rate", "share", "... satisfied"},
};

static const sim_metric_def dist_defs[GOV_N_DISTS] = {
    [DIST_RESOLUTION_H] = {"resolution_h", "h", "time from report to resolution"},
};

const sim_model_desc gov_model_desc = {
    .n_metrics = GOV_N_KPIS,
    .metrics = kpi_defs,
    .n_groups = GOV_N_GROUPS,
    .groups = group_names,
    .n_series = GOV_N_SERIES,
    .series = series_defs,
    .n_dists = GOV_N_DISTS,
    .dists = dist_defs,
    .trace_columns = gov_record_columns,
    .sense = kpi_sense,
    .dist_accuracy = 0.005,
    .dist_lo = 1e-3,
    .dist_hi = 1e6,
};

static size_t series_points(const void *config)
{
    const gov_config *cfg = config;
    if (!(cfg->timeseries_step > 0))
        return 0;
    return (size_t)floor(cfg->horizon / cfg->timeseries_step + 1e-9);
}

static double series_time(const void *config, size_t i)
{
    const gov_config *cfg = config;
    return (double)(i + 1) * cfg->timeseries_step / 24.0;
}

static int run_rep(const void *config, uint64_t seed, uint64_t rep, sim_rep_result *out, sim_err *err)
{
    return gov_run_replication(config, seed, rep, NULL, out, err);
}

static struct cJSON *inputs(const void *config)
{
    gov_inputs in;
    sim_err err;
    sim_err_init(&err);
    struct cJSON *o = NULL;
    if (gov_inputs_of(config, &in, &err) == SIM_OK)
        o = gov_inputs_json(&in);
    return o;
}

const sim_model_ops gov_model_ops = {
    .desc = &gov_model_desc,
    .series_points = series_points,
    .series_time = series_time,
    .run = run_rep,
    .inputs = inputs,
};

static void teardown(gov_model *m)
{
    gov_account_destroy(m);
    gov_shifts_destroy(m);
    gov_patience_destroy(m);
    gov_demand_destroy(m);
    gov_region_destroy(m);
    for (size_t i = 0; i < m->n_slabs; i++)
        sim_free(m->slabs[i]);
    sim_free(m->slabs);
    sim_free(m->free_work);
    sim_free(m->case_slabs);
    sim_free(m->case_gen);
    sim_free(m->cat_dept);
    sim_free(m->sink_taken);
    sim_free(m->scratch);
    for (int s = 0; s < GOV_N_STREAMS; s++)
        sim_rng_destroy(m->rng[s]);
    sim_destroy(m->sim);
}

static int setup(gov_model *m, uint64_t seed, uint64_t rep)
{
    const gov_config *cfg = m->cfg;
    m->sim = sim_create(1024, m->err);
    if (m->sim == NULL)
        return SIM_ERR_RUNTIME;
    sim_set_context(m->sim, seed, rep);
    for (int s = 1; s < GOV_N_STREAMS; s++)
        if ((m->rng[s] = sim_rng_create(seed, rep, (uint32_t)s, m->err)) == NULL)
            return SIM_ERR_RUNTIME;
    m->n_cat = cfg->n_categories;
    m->n_dept = cfg->n_departments;
    m->cat_dept = sim_calloc(m->n_cat ? m->n_cat : 1, sizeof *m->cat_dept);
    if (m->cat_dept == NULL)
        return sim_err_nomem(m->err, "starting a replication");
    for (size_t i = 0; i < m->n_cat; i++) {
        m->cat_dept[i] = -1;
        const char *dn = cfg->categories[i].department;
        for (size_t d = 0; dn != NULL && d < m->n_dept; d++)
            if (strcmp(dn, cfg->departments[d].name) == 0)
                m->cat_dept[i] = (int)d;
    }
    m->rules = route_table();
    m->n_rules = route_count();
    m->on_patience = gov_contact_patience_out;
    m->on_patrol_done = gov_patrol_done;
    for (int k = 0; k < GOV_N_CLASSES; k++)
        m->policy[k] = &cfg->policy[k];
    m->demand_multiplier = cfg->demand.multiplier;
    int rc = gov_region_build(m);
    if (rc != SIM_OK)
        return rc;
    size_t nn = m->n_comm + m->n_dept + 1;
    m->scratch = sim_calloc(2 * nn, sizeof *m->scratch);
    m->sink_taken = sim_calloc(cfg->n_sinking * m->n_districts * m->n_dept + 1, sizeof *m->sink_taken);
    if (m->scratch == NULL || m->sink_taken == NULL)
        return sim_err_nomem(m->err, "starting a replication");
    if ((rc = gov_account_init(m)) != SIM_OK || (rc = gov_stats_init(m)) != SIM_OK ||
        (rc = sim_set_warmup(m->sim, cfg->warmup)) != SIM_OK ||
        (rc = gov_patience_init(m)) != SIM_OK || (rc = gov_demand_init(m)) != SIM_OK ||
        (rc = gov_staff_start(m)) != SIM_OK || (rc = gov_demand_start(m)) != SIM_OK ||
        (rc = gov_stats_start(m)) != SIM_OK || (rc = gov_patience_start(m)) != SIM_OK ||
        (rc = gov_account_start(m)) != SIM_OK)
        return rc;
    sim_set_event_limit(m->sim, (uint64_t)cfg->max_events);
    sim_set_lookahead(m->sim, gov_lookahead);
    return SIM_OK;
}

/* The kernel's failure in the scenario's terms, one line each (the runner adds
 * which scenario and replication). */
static void report(gov_model *m, int rc, sim_err *err)
{
    const gov_config *cfg = m->cfg;
    uint64_t n = sim_events_executed(m->sim);
    if (cfg->max_events > 0 && n >= (uint64_t)cfg->max_events) {
        sim_err_add(err, rc, "stopped on day %.1f of %g after %llu events: the scenario's max_events; "
                             "allowed: a larger max_events or a shorter horizon",
                    sim_now(m->sim) / 24.0, cfg->horizon / 24.0, (unsigned long long)n);
        return;
    }
    sim_err_append(err, rc, "", sim_error(m->sim));
}

int gov_run_replication(const gov_config *cfg, uint64_t seed, uint64_t rep, const gov_run_opts *opts,
                        sim_rep_result *out, sim_err *err)
{
    gov_model m;
    memset(&m, 0, sizeof m);
    m.cfg = cfg;
    m.out = out;
    m.err = err;
    m.trace = opts ? opts->trace : NULL;
    m.records = out->trace;
    if (m.trace)
        fputs("case,time_h,event,hop,role,unit,community,class,category\n", m.trace);
    int rc = setup(&m, seed, rep);
    if (rc == SIM_OK) {
        rc = sim_run_until(m.sim, cfg->horizon);
        if (rc == SIM_OK) {
            gov_stats_finish(&m);
            gov_record_unfinished(&m);
        }
    }
    if (opts != NULL && opts->memory != NULL)
        gov_memory_report(&m, opts->memory);
    if (rc != SIM_OK && m.sim != NULL)
        report(&m, rc, err);
    teardown(&m);
    return rc;
}

sim_rep_result *gov_result_create(const gov_config *cfg, sim_err *err)
{
    sim_rep_result *r = sim_calloc(1, sizeof *r);
    if (r == NULL) {
        sim_err_nomem(err, "allocating results");
        return NULL;
    }
    r->n_points = series_points(cfg);
    r->metrics = sim_calloc(GOV_N_GROUPS * GOV_N_KPIS, sizeof *r->metrics);
    r->series = sim_calloc(r->n_points * GOV_N_SERIES + 1, sizeof *r->series);
    r->dists = sim_calloc(GOV_N_GROUPS * GOV_N_DISTS, sizeof *r->dists);
    if (r->metrics == NULL || r->series == NULL || r->dists == NULL) {
        gov_result_destroy(r);
        sim_err_nomem(err, "allocating results");
        return NULL;
    }
    for (size_t i = 0; i < GOV_N_GROUPS * GOV_N_KPIS; i++)
        r->metrics[i] = NAN;
    for (size_t i = 0; i < r->n_points * GOV_N_SERIES; i++)
        r->series[i] = NAN;
    for (size_t i = 0; i < GOV_N_GROUPS * GOV_N_DISTS; i++) {
        r->dists[i] = sim_sketch_create(gov_model_desc.dist_accuracy, gov_model_desc.dist_lo,
                                        gov_model_desc.dist_hi, err);
        if (r->dists[i] == NULL) {
            gov_result_destroy(r);
            return NULL;
        }
    }
    return r;
}

void gov_result_destroy(sim_rep_result *r)
{
    if (r == NULL)
        return;
    if (r->dists)
        for (size_t i = 0; i < GOV_N_GROUPS * GOV_N_DISTS; i++)
            sim_sketch_destroy(r->dists[i]);
    sim_free(r->dists);
    sim_free(r->metrics);
    sim_free(r->series);
    sim_free(r);
}
