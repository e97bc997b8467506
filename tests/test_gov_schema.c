/* The governance scenario schema: self-check, defaults, per-class policies,
 * the timeline's policies, the committed reference page. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gov.h"
#include "gov_fixture.h"
#include "gov_schema.h"
#include "route_registry.h"
#include "sim_rng.h"

static void load_text(const char *text, gov_config *cfg)
{
    sim_err err;
    sim_err_init(&err);
    int rc = gov_config_parse("test.json", text, strlen(text), NULL, 0, cfg, &err);
    cr_assert(eq(int, rc, SIM_OK), "%s", sim_err_text(&err));
}

static int load_fails(const char *text, const char *expect)
{
    sim_err err;
    sim_err_init(&err);
    gov_config cfg;
    int rc = gov_config_parse("test.json", text, strlen(text), NULL, 0, &cfg, &err);
    cr_expect(eq(int, rc, SIM_ERR_INPUT), "expected a refusal of %s", text);
    cr_expect(strstr(sim_err_text(&err), expect) != NULL, "expected \"%s\" in:\n%s", expect,
              sim_err_text(&err));
    return rc;
}

Test(gov_schema, table_passes_its_self_check)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_schema_check(&gov_schema, &err), SIM_OK), "%s", sim_err_text(&err));
}

/* The defaults documented in docs/model.md and the sources they cite. */
Test(gov_schema, minimal_scenario_gets_the_documented_defaults)
{
    gov_config c;
    load_text("{\"name\": \"x\"}", &c);
    cr_expect(eq(dbl, c.horizon, 365 * 24.0));
    cr_expect(eq(dbl, c.warmup, 30 * 24.0));
    cr_expect(eq(sz, c.n_categories, 11));
    cr_expect(eq(sz, c.n_departments, 7));
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cr_expect(eq(dbl, c.policy[k].staffing.community_workers_per_10k, 18)); /* Ordos (001) */
        cr_expect(eq(dbl, c.policy[k].staffing.households_per_grid_worker, 300)); /* 001 */
        cr_expect(eq(dbl, fx_get(&c.policy[k], "routing.assessment_weight"), 0.38)); /* Chaoyang (004) */
        cr_expect(eq(dbl, c.policy[k].routing.onsite_limit, 0.5));                /* Pinggu (004) */
        cr_expect(eq(int, c.policy[k].routing.rule, route_find("layered")));
    }
    cr_expect(eq(dbl, c.hotline.intake.mean, 4.8 / 60.0)); /* minutes in the file, hours inside */
    cr_expect(eq(dbl, c.costs.community_budget_per_year, 373000)); /* Ordos (001) */
    cr_expect(eq(int, c.shifts.hotline.n_shifts, 3));
    gov_config_free(&c);
}

Test(gov_schema, classified_mode_applies_class_overrides_and_uniform_ignores_them)
{
    const char *fmt = "{\"name\": \"x\", \"classification\": {\"mode\": \"%s\", \"rural\": "
                      "{\"staffing\": {\"community_workers_per_10k\": 5}, \"routing\": {\"rule\": \"grab\"}}}}";
    char text[512];
    gov_config c;
    snprintf(text, sizeof text, fmt, "classified");
    load_text(text, &c);
    cr_expect(eq(dbl, c.policy[GOV_RURAL].staffing.community_workers_per_10k, 5));
    cr_expect(eq(int, c.policy[GOV_RURAL].routing.rule, route_find("grab")));
    cr_expect(eq(dbl, c.policy[GOV_URBAN].staffing.community_workers_per_10k, 18));
    cr_expect(eq(int, c.policy[GOV_FRINGE].routing.rule, route_find("layered")));
    /* a field the override leaves out keeps the top-level value */
    cr_expect(eq(dbl, c.policy[GOV_RURAL].staffing.households_per_grid_worker, 300));
    gov_config_free(&c);
    snprintf(text, sizeof text, fmt, "uniform");
    load_text(text, &c);
    cr_expect(eq(dbl, c.policy[GOV_RURAL].staffing.community_workers_per_10k, 18));
    cr_expect(eq(int, c.policy[GOV_RURAL].routing.rule, route_find("layered")));
    gov_config_free(&c);
}

Test(gov_schema, timeline_changes_accumulate)
{
    gov_config c;
    load_text("{\"name\": \"plan\", \"horizon\": \"5y\", \"staffing\": {\"community_workers_per_10k\": 12},"
              " \"timeline\": ["
              "  {\"at\": \"1y\", \"routing\": {\"rule\": \"whistle\"}, \"department_staff_multiplier\": 1.5},"
              "  {\"at\": \"2y\", \"staffing\": {\"community_workers_per_10k\": 18}, \"demand_multiplier\": 1.2}]}",
              &c);
    cr_assert(eq(sz, c.n_timeline, 2));
    cr_expect(eq(dbl, c.timeline[0].at, 365 * 24.0));
    cr_expect(eq(int, c.timeline[0].policy[GOV_URBAN].routing.rule, route_find("whistle")));
    cr_expect(eq(dbl, c.timeline[0].policy[GOV_URBAN].staffing.community_workers_per_10k, 12));
    cr_expect(eq(dbl, c.timeline[0].demand_multiplier, 1.0));
    cr_expect(eq(int, c.timeline[1].policy[GOV_RURAL].routing.rule, route_find("whistle")));
    cr_expect(eq(dbl, c.timeline[1].policy[GOV_RURAL].staffing.community_workers_per_10k, 18));
    cr_expect(eq(dbl, c.timeline[1].demand_multiplier, 1.2));
    cr_expect(eq(dbl, c.timeline[0].department_staff_multiplier, 1.5));
    cr_expect(eq(dbl, c.timeline[1].department_staff_multiplier, 1.5)); /* carried forward */
    gov_config_free(&c);
}

Test(gov_schema, cross_field_problems_are_reported_with_the_schema_ones)
{
    sim_err err;
    sim_err_init(&err);
    gov_config c;
    const char *t = "{\"name\": \"x\", \"horizon\": -1, \"categories\": [{\"name\": \"a\", \"resolver\": "
                    "\"department\", \"department\": \"nowhere\", \"mix\": {\"urban\": 1, \"fringe\": 1, \"rural\": 1}}]}";
    cr_assert(eq(int, gov_config_parse("t.json", t, strlen(t), NULL, 0, &c, &err), SIM_ERR_INPUT));
    cr_expect(strstr(sim_err_text(&err), "t.json:1:26: horizon:") != NULL, "%s", sim_err_text(&err));
    cr_expect(strstr(sim_err_text(&err), "categories[0].department: no department \"nowhere\"") != NULL,
              "%s", sim_err_text(&err));
    cr_expect(eq(u32, err.lines, 2), "%s", sim_err_text(&err));
}

Test(gov_schema, inconsistent_settings_are_refused)
{
    load_fails("{\"name\": \"x\", \"warmup\": \"400d\"}", "warmup: 400 d is not shorter than the horizon");
    load_fails("{\"name\": \"x\", \"departments\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
               "departments[1].name: \"a\" is already departments[0]");
    load_fails("{\"name\": \"x\", \"categories\": []}", "categories: empty");
    load_fails("{\"name\": \"x\", \"region\": {\"generate\": {\"streets\": 20, \"communities\": 5}}}",
               "region.generate.streets: 20 streets for 5 communities");
    load_fails("{\"name\": \"x\", \"demand\": {\"daily_profile\": [1, 2]}}", "demand.daily_profile: 2 values");
    load_fails("{\"name\": \"x\", \"sinking\": [{\"start\": 10, \"end\": 5, \"department\": \"police\"}]}",
               "sinking[0].department: no department \"police\"");
    load_fails("{\"name\": \"x\", \"timeline\": [{\"at\": \"2y\"}]}", "timeline[0].at: at or after the horizon");
    load_fails("{\"name\": \"x\", \"routing\": {\"rule\": \"whistle\"}, \"departments\": [{\"name\": \"d\", "
               "\"stationed_per_street\": 2, \"travel_time_stationed\": \"1h\"}], \"categories\": [{\"name\": \"c\", "
               "\"resolver\": \"department\", \"department\": \"d\", \"mix\": {\"urban\": 1, \"fringe\": 1, \"rural\": 1}}]}",
               "departments[0].travel_time_stationed: 60 min exceeds the whistle's on-site limit");
    load_fails("{\"name\": \"x\", \"departments\": [{\"name\": \"d\", \"staff_per_100k_residents\": 0, \"min_staff\": 0}],"
               " \"categories\": [{\"name\": \"c\", \"resolver\": \"department\", \"department\": \"d\", "
               "\"mix\": {\"urban\": 1, \"fringe\": 1, \"rural\": 1}}]}",
               "nobody can resolve this category");
}

Test(gov_schema, sweep_overrides_set_fields_by_path)
{
    sim_err err;
    sim_err_init(&err);
    gov_config c;
    scn_override o[] = {{"staffing.community_workers_per_10k", "24"}, {"departments.housing.stationed_per_street", "3"}};
    const char *t = "{\"name\": \"x\"}";
    /* The built-in lists are in place before overrides apply, so an override
     * can name an element of one (a department by its name). */
    cr_expect(eq(int, gov_config_parse("t.json", t, strlen(t), o, 1, &c, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_expect(eq(dbl, c.policy[GOV_FRINGE].staffing.community_workers_per_10k, 24));
    gov_config_free(&c);
    sim_err_init(&err);
    cr_assert(eq(int, gov_config_parse("t.json", t, strlen(t), o + 1, 1, &c, &err), SIM_OK), "%s", sim_err_text(&err));
    for (size_t i = 0; i < c.n_departments; i++)
        cr_expect(eq(dbl, c.departments[i].stationed_per_street, strcmp(c.departments[i].name, "housing") == 0 ? 3 : 0),
                  "department %s", c.departments[i].name);
    gov_config_free(&c);
}

/* docs/scenario.md is generated from the schema; GOVSIM_REGEN=1 rewrites it. */
Test(gov_schema, committed_reference_page_is_up_to_date)
{
    char *fresh = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&fresh, &len);
    cr_assert(f != NULL);
    cr_assert(eq(int, gov_write_reference(f), SIM_OK));
    fclose(f);
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL, "GOVSIM_SRC must name the source tree");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/scenario.md", src);
    if (getenv("GOVSIM_REGEN") != NULL) {
        FILE *out = fopen(path, "w");
        cr_assert(out != NULL);
        fwrite(fresh, 1, len, out);
        fclose(out);
    }
    FILE *in = fopen(path, "r");
    cr_assert(in != NULL, "missing %s: run make test with GOVSIM_REGEN=1", path);
    char *committed = calloc(1, len + 2);
    size_t got = fread(committed, 1, len + 1, in);
    fclose(in);
    cr_expect(got == len && memcmp(committed, fresh, len) == 0,
              "docs/scenario.md is out of date: regenerate it with GOVSIM_REGEN=1 make test");
    free(committed);
    free(fresh);
}
