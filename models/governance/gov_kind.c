/* gov_kind.c — the governance model's row in the model registry. */
#include <stdio.h>

#include "gov.h"
#include "gov_kind.h"
#include "gov_inputs.h"
#include "gov_schema.h"
#include "route_registry.h"
#include "sim_mem.h"

static int load(const char *file, const scn_override *ovr, size_t n_ovr, void **config, sim_err *err)
{
    *config = NULL;
    gov_config *cfg = sim_calloc(1, sizeof *cfg);
    int rc = cfg == NULL ? sim_err_nomem(err, "loading the scenario") : gov_config_load(file, ovr, n_ovr, cfg, err);
    if (rc != SIM_OK) {
        sim_free(cfg);
        return rc;
    }
    *config = cfg;
    return SIM_OK;
}

static void release(void *config)
{
    gov_config_free(config);
    sim_free(config);
}

static const char *name(const void *config) { return ((const gov_config *)config)->name; }

static double warmup(const void *config) { return ((const gov_config *)config)->warmup; }

static int size(const void *config, model_size *out, sim_err *err)
{
    gov_footprint fp;
    gov_estimate(config, &fp);
    out->bytes = fp.bytes;
    gov_footprint_text(&fp, out->what, sizeof out->what);
    return gov_check_size(config, &fp, err);
}

/* A row per problem: the problems expected over the horizon. */
static double trace_rows(const void *config)
{
    gov_footprint fp;
    gov_estimate(config, &fp);
    return fp.candidates;
}

/* The routing rule in force at the start, per class when they differ. */
static void summary(const void *config, char *out, size_t size)
{
    static const char *const cls[GOV_N_CLASSES] = {"urban", "fringe", "rural"};
    const gov_config *cfg = config;
    const route_ops *const *rules = route_table();
    int r0 = cfg->policy[0].routing.rule;
    int same = cfg->policy[1].routing.rule == r0 && cfg->policy[2].routing.rule == r0;
    if (same) {
        snprintf(out, size, "routing: %s", rules[r0]->name);
        return;
    }
    snprintf(out, size, "routing: %s %s, %s %s, %s %s", cls[0], rules[cfg->policy[0].routing.rule]->name, cls[1],
             rules[cfg->policy[1].routing.rule]->name, cls[2], rules[cfg->policy[2].routing.rule]->name);
}

static void warnings(const void *config, model_warn_fn *emit, void *ctx)
{
    gov_inputs in;
    sim_err err;
    sim_err_init(&err);
    if (gov_inputs_of(config, &in, &err) == SIM_OK)
        gov_config_warnings(config, &in, emit, ctx);
}

static void result_warnings(const void *config, const double *means, model_warn_fn *emit, void *ctx)
{
    (void)config;
    gov_result_warnings(means, emit, ctx);
}

static void inputs_text(const void *config, char *out, size_t size)
{
    gov_inputs in;
    sim_err err;
    sim_err_init(&err);
    out[0] = '\0';
    if (gov_inputs_of(config, &in, &err) == SIM_OK)
        gov_inputs_text(&in, out, size);
}

static void help(FILE *out)
{
    fputs("  routing rules (routing.rule; docs/scenario.md):\n", out);
    const route_ops *const *rules = route_table();
    for (size_t i = 0; i < route_count(); i++)
        fprintf(out, "    %-15s %s\n", rules[i]->name, rules[i]->doc_en);
}

const model_kind gov_kind = {
    .kind = "governance",
    .doc = "grassroots governance (the default when a scenario has no \"model\" field)",
    .schema = &gov_schema,
    .load = load,
    .free = release,
    .name = name,
    .warmup = warmup,
    .time_unit = "h",
    .ops = &gov_model_ops,
    .plots = &gov_plots,
    .headline = gov_headline,
    .report = &gov_report,
    .size = size,
    .summary = summary,
    .help = help,
    .warnings = warnings,
    .result_warnings = result_warnings,
    .inputs_text = inputs_text,
    .trace_rows = trace_rows,
};
