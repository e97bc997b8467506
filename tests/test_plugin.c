/*
 * A routing rule is one file plus one registry line: tests/plugin/route_direct.c
 * and tests/plugin/extra_rules.h exist only in the test build (govsim-plugin,
 * govsim-tests-plugin; see the Makefile). Nothing else in the tree names the
 * rule, yet a scenario can select it and set its own field, `govsim check` and
 * `--help` list it, the reference page's allowed values include it, and the
 * suites that iterate the registry (conservation, memory, consultation) run on
 * it without being edited: `make test` runs them in govsim-tests-plugin.
 *
 * In the ordinary test binary the rule is not registered and these tests skip.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "gov_fixture.h"
#include "gov_schema.h"
#include "route_registry.h"

static void need_plugin(void)
{
    if (route_find("direct_test") < 0)
        cr_skip_test("the test rule is registered in govsim-tests-plugin only");
}

/* The rule is in the registry, its field in the routing section, its name among
 * the allowed values, and a scenario selects it and sets its field. */
Test(plugin, a_scenario_selects_the_test_rule)
{
    need_plugin();
    int idx = route_find("direct_test");
    cr_assert(route_table()[idx]->delegates == 0);
    cr_assert(scn_schema_find(gov_policy_schema(), "routing.dispatch_every") != NULL);
    const char *text = "{\"name\": \"direct\", \"routing\": {\"rule\": \"direct_test\", \"dispatch_every\": \"4h\"}}";
    gov_config cfg;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, gov_config_parse("direct.json", text, strlen(text), NULL, 0, &cfg, &err), SIM_OK), "%s",
              sim_err_text(&err));
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cr_expect(eq(int, cfg.policy[k].routing.rule, idx));
        cr_expect(eq(dbl, fx_get(&cfg.policy[k], "routing.dispatch_every"), 4.0));
    }
    /* It runs: cases are born and resolved. */
    cfg.horizon = 20 * FX_DAY;
    cfg.warmup = 2 * FX_DAY;
    sim_rep_result *r = fx_run(&cfg, 11, 0, NULL);
    cr_expect(gt(dbl, FX_KPI(r, 0, KPI_CASES_RESOLVED), 100.0));
    gov_result_destroy(r);
    gov_config_free(&cfg);
    /* A misspelt rule is refused with the registry's names, the test rule among them. */
    const char *bad = "{\"name\": \"x\", \"routing\": {\"rule\": \"direct\"}}";
    sim_err_init(&err);
    cr_assert(eq(int, gov_config_parse("bad.json", bad, strlen(bad), NULL, 0, &cfg, &err), SIM_ERR_INPUT));
    cr_expect(strstr(sim_err_text(&err), "direct_test") != NULL, "%s", sim_err_text(&err));
}

/* The command line built with the rule: check accepts and names it, --help lists it. */
Test(plugin, check_and_help_list_the_test_rule)
{
    need_plugin();
    const char *bin = getenv("GOVSIM_PLUGIN_BIN");
    cr_assert(bin != NULL, "GOVSIM_PLUGIN_BIN is not set (make test sets it)");
    char *d = tmpdir_new(), *s = pjoin(d, "s.json");
    spit(s, "{\"name\": \"direct\", \"routing\": {\"rule\": \"direct_test\"}}");
    char envbin[1024];
    snprintf(envbin, sizeof envbin, "GOVSIM_BIN=%s", bin);
    run_result r;
    run_program(&r, d, NULL, (const char *[]){bin, "check", s, END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_expect(strstr(r.out, "ok (governance scenario \"direct\"; routing: direct_test)") != NULL, "%s", r.out);
    run_free(&r);
    run_program(&r, d, NULL, (const char *[]){bin, "--help", END});
    cr_assert(eq(int, r.status, 0));
    cr_expect(strstr(r.out, "direct_test") != NULL && strstr(r.out, "a test rule") != NULL, "%s", r.out);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}
