/*
 * gov.h — the governance model: public entry points.
 *
 * A gov_config (gov_config.h) describes one scenario. gov_model_ops plugs the
 * model into the experiment runner (sim_model.h); gov_run_replication runs one
 * replication directly (tests, benchmarks).
 */
#ifndef GOV_H
#define GOV_H

#include <stdint.h>
#include <stdio.h>

#include "gov_config.h"
#include "scn.h"
#include "sim_model.h"
#include "sim_plot.h"

/* Load and validate a scenario file (extends resolved), apply the overrides,
 * and fill cfg. SIM_OK, or SIM_ERR_INPUT with one line per problem in err
 * (file:line:col: field.path: what is wrong; allowed: ...), or SIM_ERR_RUNTIME.
 * On failure cfg owns nothing. */
int gov_config_load(const char *path, const scn_override *ovr, size_t n_ovr, gov_config *cfg,
                    sim_err *err);
/* The same from text in memory ("extends" relative to the current directory). */
int gov_config_parse(const char *name, const char *text, size_t len, const scn_override *ovr,
                     size_t n_ovr, gov_config *cfg, sim_err *err);

/* gov_config_parse with scn_doc_parse flags: SCN_PARSE_NO_EXTENDS refuses
 * "extends", so the text alone decides the result (fuzzing, tests). */
int gov_config_parse_flags(const char *name, const char *text, size_t len, unsigned flags,
                           const scn_override *ovr, size_t n_ovr, gov_config *cfg, sim_err *err);

/* Fill cfg with the built-in defaults (a mid-size district): the scenario
 * {"name": "govsim scenario"}. Returns 0, or -1 when memory is short. */
int gov_config_defaults(gov_config *cfg);
void gov_config_free(gov_config *cfg);

/* The scenario reference page (docs/scenario.md), generated from the schema. */
int gov_write_reference(FILE *out);

/* KPI indices into sim_rep_result.metrics (group-major, GOV_N_GROUPS groups). */
enum gov_kpi {
    KPI_CASES_TOTAL = 0,
    KPI_RESPONSE_RATE,
    KPI_RESOLUTION_RATE,
    KPI_SATISFACTION_RATE,
    KPI_MEAN_RESPONSE_MIN,
    KPI_MEAN_RESOLUTION_H,
    KPI_P50_RESOLUTION_H,
    KPI_P90_RESOLUTION_H,
    KPI_P99_RESOLUTION_H,
    KPI_BACKLOG_MEAN,
    KPI_BACKLOG_END,
    KPI_REPEAT_CONTACT_RATE,
    KPI_DUPLICATE_DISPATCH_SHARE,
    KPI_UTILIZATION_GRID,
    KPI_UTILIZATION_COMMUNITY,
    KPI_UTILIZATION_DEPARTMENT,
    KPI_OVERTIME_SHARE,
    KPI_TURNOVER_PER_YEAR,
    KPI_COST_PER_YEAR,
    KPI_COST_PER_RESOLVED_CASE,
    KPI_EQUITY_GAP_RESOLUTION,
    /* beyond the contracted names: */
    KPI_CASES_RESOLVED,
    KPI_CASES_ABANDONED,
    KPI_CASES_OPEN_END,
    KPI_UTILIZATION_HOTLINE,
    KPI_UTILIZATION_STREET,
    KPI_ADMIN_HOURS_PER_WORKER_WEEK,
    KPI_ONSITE_IN_LIMIT_RATE,
    KPI_CASE_WORK_H,
    /* problems, from their birth, reported or not (docs/model.md) */
    KPI_PROBLEMS_TOTAL,
    KPI_PROBLEM_RESOLUTION_RATE,
    KPI_PROACTIVE_SHARE,
    KPI_DISCOVERY_SHARE_PATROL,
    KPI_MEAN_DISCOVERY_H,
    KPI_LATENT_STOCK_MEAN,
    KPI_PROBLEMS_WORSENED,
    /* 12345 requests as the city measures them (docs/model.md) */
    KPI_HOTLINE_REQUESTS,
    KPI_HOTLINE_RESPONSE_RATE,
    KPI_HOTLINE_RESOLUTION_RATE,
    KPI_HOTLINE_SATISFACTION_RATE,
    GOV_N_KPIS
};

enum gov_group { GOV_GROUP_ALL = 0, GOV_GROUP_URBAN, GOV_GROUP_FRINGE, GOV_GROUP_RURAL, GOV_N_GROUPS };

enum gov_series {
    SER_BACKLOG = 0,
    SER_OPEN_GRID,
    SER_OPEN_COMMUNITY,
    SER_OPEN_STREET,
    SER_OPEN_DEPARTMENT,
    SER_OPEN_HOTLINE,
    SER_UTIL_GRID,
    SER_UTIL_COMMUNITY,
    SER_UTIL_STREET,
    SER_UTIL_DEPARTMENT,
    SER_UTIL_HOTLINE,
    SER_RESOLVED_CUM,
    SER_HOTLINE_RESPONSE_RATE,   /* over the 12345 requests closed in the interval */
    SER_HOTLINE_RESOLUTION_RATE,
    SER_HOTLINE_SATISFACTION_RATE,
    GOV_N_SERIES
};

enum gov_distribution { DIST_RESOLUTION_H = 0, GOV_N_DISTS };

extern const sim_model_ops gov_model_ops;
extern const sim_model_desc gov_model_desc;
extern const struct sim_plot_spec gov_plots;
extern const char *const gov_headline[];
extern const struct sim_report_spec gov_report;

/* What a replication allocated for cases and staff tasks (tests, benchmarks).
 * Records come in slabs and are recycled, so they follow the peak of records in
 * use at once, not the number ever created. */
typedef struct gov_run_memory {
    uint64_t cases_created;
    uint64_t case_records;      /* case records allocated */
    uint64_t peak_open_cases;   /* most case records in use at once */
    uint64_t work_records;      /* staff task records allocated (tasks, tickets, duplicates) */
    uint64_t peak_work;         /* most task records in use at once */
} gov_run_memory;

/* Options outside the scenario: an opt-in per-case trace (CSV). */
typedef struct gov_run_opts {
    FILE *trace; /* NULL: none. Written from one replication only. */
    gov_run_memory *memory; /* NULL, or filled in at the end of the replication */
} gov_run_opts;

/* Run one replication; out must be shaped as gov_model_ops.run expects. */
int gov_run_replication(const gov_config *cfg, uint64_t seed, uint64_t rep, const gov_run_opts *opts,
                        sim_rep_result *out, sim_err *err);

/* What one replication of cfg needs, from the configuration alone
 * (gov_estimate.c). bytes is an upper estimate: every pool at the largest
 * headcount of any policy of the timeline, cases open as long as residents
 * plausibly wait, administrative work piling up when it exceeds the staff's
 * hours. events is a lower bound in expectation: arrival candidates, patrol
 * requests and time-series samples happen whatever the staff do. */
typedef struct gov_footprint {
    double communities, grids, staff; /* staff: every pool's servers */
    double open_cases;                /* peak, estimated */
    double latent;                    /* problems nobody knows of yet, at most (no patrol finds them) */
    double candidates, patrols, samples; /* events of each kind, per replication */
    double events;                    /* their sum: events per replication, at least */
    double pending;                   /* events pending at once, estimated peak */
    double pending_min;               /* ... and at least (patrols and meetings at t = 0) */
    double bytes;                     /* peak memory of one replication, estimated */
} gov_footprint;
void gov_estimate(const gov_config *cfg, gov_footprint *out);
/* "2,000 communities, 99,600 staff, ...": what drives the memory, for messages. */
void gov_footprint_text(const gov_footprint *fp, char *out, size_t size);

/* Refuses (SIM_ERR_INPUT, one line naming the scenario file) a configuration
 * whose replications would certainly stop: more events than its max_events or
 * the kernel allows, more pending events than the calendar holds. */
int gov_check_size(const gov_config *cfg, const gov_footprint *fp, sim_err *err);

/* Allocate / free a result shaped for cfg (NaN metrics, empty sketches). */
sim_rep_result *gov_result_create(const gov_config *cfg, sim_err *err);
void gov_result_destroy(sim_rep_result *r);

#endif
