/*
 * mmc_load.c — M/M/c scenario files, in the scenario language (scn.h): every
 * field declared once below, unknown fields refused with a suggestion, comments
 * and "extends" allowed as in governance scenarios. Fields are listed in
 * docs/mmc.md.
 */
#include <stddef.h>
#include <stdio.h>

#include "mmc_config.h"
#include "mmc_model.h"
#include "sim_mem.h"

/* Expected arrivals per replication above this are refused: the waiting line of
 * an overloaded queue grows with them, and so would memory. */
#define MAX_ARRIVALS 1e8

static const char *const model_names[] = {"mmc", NULL};
static const char *const priority_names[] = {"none", "urgent_first", NULL};

static const scn_field mmc_fields[] = {
    {.name = "model", .type = SCN_ENUM, SCN_AT(mmc_config, model), .choices = model_names,
     .flags = SCN_REQUIRED, .doc = "selects this model"},
    {.name = "name", .type = SCN_STRING, SCN_AT(mmc_config, name), .flags = SCN_REQUIRED | SCN_NONEMPTY,
     .max_count = 200, .doc = "the scenario's name (UTF-8; names the output directory)"},
    {.name = "description", .type = SCN_STRING, SCN_AT(mmc_config, description), .max_count = 4000,
     .doc = "free text: what the scenario is for"},
    {.name = "arrival_rate_per_h", .type = SCN_NUMBER, SCN_AT(mmc_config, lambda), .flags = SCN_REQUIRED,
     SCN_ABOVE(0, 1e9), .unit = "customers per hour", .doc = "Poisson arrival rate λ"},
    {.name = "service_rate_per_h", .type = SCN_NUMBER, SCN_AT(mmc_config, mu), .flags = SCN_REQUIRED,
     SCN_ABOVE(0, 1e9), .unit = "customers per hour", .doc = "exponential service rate μ of one server"},
    {.name = "servers", .type = SCN_INTEGER, SCN_AT(mmc_config, servers), .flags = SCN_REQUIRED,
     SCN_RANGE(1, 100000), .doc = "identical servers c"},
    {.name = "horizon_h", .type = SCN_DURATION, SCN_AT(mmc_config, horizon), .unit = "h", .flags = SCN_REQUIRED,
     SCN_ABOVE(0, 1e8), .doc = "simulated time of one replication"},
    {.name = "warmup_h", .type = SCN_DURATION, SCN_AT(mmc_config, warmup), .unit = "h", .def = 0,
     SCN_RANGE(0, 1e8), .doc = "statistics start after this (below horizon_h)"},
    {.name = "urgent_share", .type = SCN_SHARE, SCN_AT(mmc_config, urgent_share), .def = 0,
     .doc = "share of customers who are urgent"},
    {.name = "priority", .type = SCN_ENUM, SCN_AT(mmc_config, priority), .choices = priority_names,
     .def_str = "none", .doc = "none: first come first served; urgent_first: urgent customers go ahead "
                               "(non-preemptive)"},
    {.name = "wait_limit_min", .type = SCN_NUMBER, SCN_AT(mmc_config, wait_limit_min), .def = 20,
     SCN_ABOVE(0, 1e9), .unit = "min", .doc = "a wait up to this counts for within_limit_rate"},
};
const scn_schema mmc_schema = SCN_SCHEMA(mmc_config, "M/M/c scenario", mmc_fields, "an M/M/c queue");

/* What the table cannot say: the warm-up ends before the horizon, and the
 * queue must stay small enough to hold in memory. */
static void cross_checks(scn_doc *doc, const mmc_config *c, sim_err *err)
{
    if (c->warmup >= c->horizon)
        scn_problem(doc, err, "warmup_h", "%g h is not below horizon_h (%g h); allowed: below the horizon",
                    c->warmup, c->horizon);
    if (c->lambda * c->horizon > MAX_ARRIVALS)
        scn_problem(doc, err, "arrival_rate_per_h",
                    "arrival_rate_per_h x horizon_h = %.3g expected arrivals per replication; at most %.0e "
                    "allowed", c->lambda * c->horizon, MAX_ARRIVALS);
}

int mmc_load(const char *file, const scn_override *ovr, size_t n_ovr, void **config, sim_err *err)
{
    *config = NULL;
    scn_doc *doc = NULL;
    mmc_config *c = sim_calloc(1, sizeof *c);
    int rc = c == NULL ? sim_err_nomem(err, "loading a scenario") : scn_doc_load(&mmc_schema, file, &doc, err);
    if (rc == SIM_OK)
        rc = scn_apply(doc, ovr, n_ovr, err);
    if (rc == SIM_OK && (rc = scn_bind(doc, c, err)) == SIM_OK) {
        unsigned before = err->lines;
        cross_checks(doc, c, err);
        if (err->lines != before)
            rc = SIM_ERR_INPUT;
    }
    scn_doc_destroy(doc);
    if (rc != SIM_OK) {
        mmc_free(c);
        return rc;
    }
    *config = c;
    return SIM_OK;
}

void mmc_free(void *config)
{
    mmc_config *c = config;
    if (c == NULL)
        return;
    scn_config_free(&mmc_schema, c);
    sim_free(c);
}

static const char *name(const void *config) { return ((const mmc_config *)config)->name; }

static double warmup(const void *config) { return ((const mmc_config *)config)->warmup; }

/* A row per customer served: about lambda per hour. */
static double trace_rows(const void *config)
{
    const mmc_config *c = config;
    return c->lambda * c->horizon;
}

const model_kind mmc_kind = {
    .kind = "mmc",
    .doc = "M/M/c queue with an urgent class: validation and teaching model",
    .schema = &mmc_schema,
    .load = mmc_load,
    .free = mmc_free,
    .name = name,
    .warmup = warmup,
    .time_unit = "h",
    .ops = &mmc_ops,
    .plots = &mmc_plots,
    .headline = mmc_headline,
    .report = &mmc_report,
    .size = NULL,
    .trace_rows = trace_rows,
};
