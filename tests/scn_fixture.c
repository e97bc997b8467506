/* scn_fixture.c — the engine tests' schema and helpers. */
#include "scn_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define FX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FX_ASAN 1
#endif
#endif
#ifdef FX_ASAN
#include <sanitizer/lsan_interface.h>
#endif

static const char *const rules[] = {"layered", "whistle", "hotline", "grab", "multi_dispatch",
                                    NULL};
static const char *const kinds[] = {"street", "district", NULL};

static const scn_field dept_fields[] = {
    {.name = "name", .type = SCN_STRING, SCN_AT(t_dept, name), .flags = SCN_REQUIRED | SCN_NONEMPTY,
     .max_count = 64, .doc = "Department name, shown in outputs."},
    {.name = "staff", .type = SCN_INTEGER, SCN_AT(t_dept, staff), .unit = "people", .def = 5,
     SCN_RANGE(1, 10000), .flags = SCN_LIVE, .doc = "Handlers on duty.",
     .mechanism = "Department capacity"},
    {.name = "service_time", .type = SCN_DURATION, SCN_AT(t_dept, service_h), .unit = "h",
     .def = 2, SCN_ABOVE(0, 8760), .doc = "Mean handling time of one case."},
    {.name = "kind", .type = SCN_ENUM, SCN_AT(t_dept, kind), .choices = kinds,
     .def_str = "street", .doc = "Administrative level."},
};
static const scn_schema dept_schema =
    SCN_SCHEMA(t_dept, "department", dept_fields, "One line department.");

static const scn_field staffing_fields[] = {
    {.name = "community_workers_per_10k", .type = SCN_NUMBER,
     SCN_AT(t_staffing, workers_per_10k), .unit = "workers per 10,000 residents", .def = 12,
     SCN_RANGE(0, 200), .flags = SCN_LIVE, .doc = "Community workers | per 10,000 residents.",
     .mechanism = "Staffing ratio"},
    {.name = "households_per_grid_worker", .type = SCN_INTEGER,
     SCN_AT(t_staffing, households_per_grid), .unit = "households", .def = 300,
     SCN_RANGE(50, 5000), .doc = "Households one grid worker covers."},
};
static const scn_schema staffing_schema =
    SCN_SCHEMA(t_staffing, "staffing", staffing_fields, "Who works where.");

static const scn_field root_fields[] = {
    {.name = "name", .type = SCN_STRING, SCN_AT(t_cfg, name), .def_str = "unnamed",
     .doc = "Scenario name."},
    {.name = "horizon", .type = SCN_DURATION, SCN_AT(t_cfg, horizon_h), .unit = "d", .def = 365,
     SCN_ABOVE(0, 36500), .doc = "Simulated time."},
    {.name = "response_limit", .type = SCN_DURATION, SCN_AT(t_cfg, response_limit_h),
     .unit = "min", .def = 30, SCN_RANGE(1, 10080), .flags = SCN_LIVE,
     .doc = "First contact counts as a response within this time."},
    {.name = "overtime", .type = SCN_BOOL, SCN_AT(t_cfg, overtime), .def = 0,
     .doc = "Whether staff work overtime."},
    {.name = "rule", .type = SCN_ENUM, SCN_AT(t_cfg, rule), .choices = rules,
     .def_str = "layered", .doc = "Routing rule.", .mechanism = "Dispatch"},
    {.name = "satisfaction_threshold", .type = SCN_SHARE, SCN_AT(t_cfg, satisfaction),
     .def = 0.8, .doc = "Share of satisfied residents to call a case closed."},
    {.name = "staffing", .type = SCN_OBJECT, SCN_AT(t_cfg, staffing), .sub = &staffing_schema,
     .doc = "Staffing ratios."},
    {.name = "departments", .type = SCN_ARRAY, SCN_AT(t_cfg, departments),
     SCN_COUNT_AT(t_cfg, ndepartments), .sub = &dept_schema, .max_count = 100,
     .flags = SCN_REQUIRED | SCN_NONEMPTY, .doc = "Line departments."},
    {.name = "category_mix", .type = SCN_MAP, SCN_AT(t_cfg, mix), SCN_COUNT_AT(t_cfg, nmix),
     SCN_RANGE(0, 1), .flags = SCN_SUM_TO_ONE, .doc = "Share of cases per category."},
    {.name = "tags", .type = SCN_STRING_LIST, SCN_AT(t_cfg, tags), SCN_COUNT_AT(t_cfg, ntags),
     .doc = "Free labels."},
    {.name = "weights", .type = SCN_NUMBER_LIST, SCN_AT(t_cfg, weights),
     SCN_COUNT_AT(t_cfg, nweights), SCN_AT_LEAST(0), .doc = "Non-negative weights."},
};
const scn_schema t_schema = SCN_SCHEMA(t_cfg, "scenario", root_fields, "The whole scenario.");

void fx_path(char *buf, size_t n, const char *rel)
{
    const char *src = getenv("GOVSIM_SRC");
    snprintf(buf, n, "%s/%s", src != NULL ? src : ".", rel);
}

int fx_load(const char *rel, t_cfg *cfg, sim_err *err)
{
    char path[4096];
    fx_path(path, sizeof path, rel);
    return scn_load_config(&t_schema, path, cfg, err);
}

int fx_parse(const char *text, t_cfg *cfg, sim_err *err)
{
    scn_doc *doc;
    memset(cfg, 0, sizeof *cfg);
    int st = scn_doc_parse(&t_schema, "mem.json", text, strlen(text), SCN_PARSE_NO_EXTENDS, &doc,
                           err);
    if (st != SIM_OK)
        return st;
    st = scn_bind(doc, cfg, err);
    scn_doc_destroy(doc);
    return st;
}

void fx_tmpdir(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/govsim-scn-XXXXXX");
    if (mkdtemp(buf) == NULL)
        abort();
}

int fx_leaks(void)
{
#ifdef FX_ASAN
    return __lsan_do_recoverable_leak_check();
#else
    return 0;
#endif
}
