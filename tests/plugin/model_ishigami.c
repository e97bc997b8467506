/*
 * model_ishigami.c — a model that exists only in the tests: its KPIs are
 * functions with known sensitivity indices of the scenario's fields x1, x2, x3,
 * so `govsim sensitivity` can be checked end to end (scenario files, --param
 * overrides, the design run as a sweep, the indices from the KPI means)
 * against closed forms. One model file plus one registry line (extra_models.h).
 *
 *   y   = sin x1 + a sin^2 x2 + b x3^4 sin x1   (Ishigami & Homma 1990)
 *   lin = c1 x1 + c2 x2 + c3 x3
 */
#include <math.h>
#include <stddef.h>

#include "model_registry.h"
#include "sim_mem.h"

typedef struct ishigami_config {
    int model;
    char *name;
    double x[3], a, b, c[3];
} ishigami_config;

static const char *const model_names[] = {"ishigami", NULL};

static const scn_field fields[] = {
    {.name = "model", .type = SCN_ENUM, SCN_AT(ishigami_config, model), .choices = model_names,
     .flags = SCN_REQUIRED, .doc = "selects this model"},
    {.name = "name", .type = SCN_STRING, SCN_AT(ishigami_config, name), .flags = SCN_REQUIRED | SCN_NONEMPTY,
     .max_count = 200, .doc = "the scenario's name"},
    {.name = "x1", .type = SCN_NUMBER, SCN_AT(ishigami_config, x[0]), .def = 0, SCN_RANGE(-10, 10), .doc = "x1"},
    {.name = "x2", .type = SCN_NUMBER, SCN_AT(ishigami_config, x[1]), .def = 0, SCN_RANGE(-10, 10), .doc = "x2"},
    {.name = "x3", .type = SCN_NUMBER, SCN_AT(ishigami_config, x[2]), .def = 0, SCN_RANGE(-10, 10), .doc = "x3"},
    {.name = "a", .type = SCN_NUMBER, SCN_AT(ishigami_config, a), .def = 7, SCN_RANGE(-100, 100), .doc = "a"},
    {.name = "b", .type = SCN_NUMBER, SCN_AT(ishigami_config, b), .def = 0.1, SCN_RANGE(-100, 100), .doc = "b"},
    {.name = "c1", .type = SCN_NUMBER, SCN_AT(ishigami_config, c[0]), .def = 1, SCN_RANGE(-100, 100), .doc = "c1"},
    {.name = "c2", .type = SCN_NUMBER, SCN_AT(ishigami_config, c[1]), .def = -2, SCN_RANGE(-100, 100), .doc = "c2"},
    {.name = "c3", .type = SCN_NUMBER, SCN_AT(ishigami_config, c[2]), .def = 0.5, SCN_RANGE(-100, 100), .doc = "c3"},
};
static const scn_schema schema = SCN_SCHEMA(ishigami_config, "test function", fields, "test functions");

enum { M_Y, M_LIN, N_METRICS };
static const sim_metric_def metrics[N_METRICS] = {
    {"y", "value", "the Ishigami function"},
    {"lin", "value", "a linear function"},
};
static const char *const groups[] = {"all"};
static const sim_model_desc desc = {N_METRICS, metrics, 1, groups, 0, NULL, 0, NULL, 0.01, 0.01, 1, NULL, NULL};

static size_t points(const void *config)
{
    (void)config;
    return 0;
}

static double point_time(const void *config, size_t i)
{
    (void)config;
    (void)i;
    return 0;
}

static int run(const void *config, uint64_t seed, uint64_t rep, sim_rep_result *out, sim_err *err)
{
    (void)seed, (void)rep, (void)err;
    const ishigami_config *c = config;
    const double *x = c->x;
    out->metrics[M_Y] = sin(x[0]) + c->a * sin(x[1]) * sin(x[1]) + c->b * pow(x[2], 4) * sin(x[0]);
    out->metrics[M_LIN] = c->c[0] * x[0] + c->c[1] * x[1] + c->c[2] * x[2];
    out->events = 1;
    return SIM_OK;
}

static const sim_model_ops ops = {.desc = &desc, .series_points = points, .series_time = point_time, .run = run};

static void release(void *config)
{
    if (config == NULL)
        return;
    scn_config_free(&schema, config);
    sim_free(config);
}

static int load(const char *file, const scn_override *ovr, size_t n_ovr, void **config, sim_err *err)
{
    *config = NULL;
    scn_doc *doc = NULL;
    ishigami_config *c = sim_calloc(1, sizeof *c);
    int rc = c == NULL ? sim_err_nomem(err, "loading a scenario") : scn_doc_load(&schema, file, &doc, err);
    if (rc == SIM_OK)
        rc = scn_apply(doc, ovr, n_ovr, err);
    if (rc == SIM_OK)
        rc = scn_bind(doc, c, err);
    scn_doc_destroy(doc);
    if (rc != SIM_OK) {
        release(c);
        return rc;
    }
    *config = c;
    return SIM_OK;
}

static const char *name(const void *config) { return ((const ishigami_config *)config)->name; }

static double warmup(const void *config)
{
    (void)config;
    return 0;
}

static const char *const headline[] = {"y", "lin", NULL};

const model_kind ishigami_kind = {
    .kind = "ishigami",
    .doc = "test functions with known sensitivity indices (tests only)",
    .schema = &schema,
    .load = load,
    .free = release,
    .name = name,
    .warmup = warmup,
    .time_unit = "h",
    .ops = &ops,
    .headline = headline,
};
