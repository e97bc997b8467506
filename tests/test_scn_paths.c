/* Field paths: setting numbers before validation (sweeps), model-level
 * problems by path, typed references for timelines, schema lookups, copies. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>

#include "scn_fixture.h"
#include "sim_mem.h"

static scn_doc *load_full(void)
{
    char path[4096];
    sim_err err;
    sim_err_init(&err);
    fx_path(path, sizeof path, "tests/scenarios/scn_test/full.json");
    scn_doc *doc;
    cr_assert(eq(int, scn_doc_load(&t_schema, path, &doc, &err), SIM_OK), "%s",
              sim_err_text(&err));
    return doc;
}

static void set_ok(scn_doc *doc, const char *path, double v)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_set_number(doc, path, v, &err), SIM_OK), "%s: %s", path,
              sim_err_text(&err));
}

static void set_bad(scn_doc *doc, const char *path, double v, const char *expect)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_set_number(doc, path, v, &err), SIM_ERR_INPUT), "accepted %s", path);
    assert_has(&err, expect);
    cr_assert(eq(u32, err.lines, 1));
}

Test(scn_paths, set_number_then_bind)
{
    scn_doc *doc = load_full();
    set_ok(doc, "staffing.community_workers_per_10k", 24);
    set_ok(doc, "departments[1].staff", 9);
    set_ok(doc, "departments.住房.staff", 3);
    set_ok(doc, "departments[0].service_time", 0.25); /* hours, the field's unit */
    set_ok(doc, "horizon", 3);                        /* days, the field's unit */
    set_ok(doc, "category_mix.property", 0.2);
    set_ok(doc, "category_mix.环境", 0.5);
    set_ok(doc, "category_mix.new", 0.3);              /* a new entry */
    set_ok(doc, "weights[0]", 7);
    set_ok(doc, "satisfaction_threshold", 1);
    scn_pos p;
    cr_assert(scn_doc_pos(doc, "departments[1].staff", &p, NULL));
    cr_assert(eq(str, (char *)p.file, "command line"));
    cr_assert(eq(u32, p.line, 0));
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_bind(doc, &c, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 24));
    cr_assert(eq(int, c.departments[1].staff, 9));
    cr_assert(eq(int, c.departments[0].staff, 3));
    cr_assert(eq(dbl, c.departments[0].service_h, 0.25));
    cr_assert(eq(dbl, c.horizon_h, 72));
    cr_assert(eq(sz, c.nmix, 3));
    cr_assert(eq(str, c.mix[2].name, "new"));
    cr_assert(eq(dbl, c.weights[0], 7));
    cr_assert(eq(dbl, c.satisfaction, 1));
    scn_config_free(&t_schema, &c);
    scn_doc_destroy(doc);
    cr_assert(eq(int, fx_leaks(), 0));
}

Test(scn_paths, set_creates_missing_objects)
{
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    const char *text = "{\"departments\": [{\"name\": \"x\"}]}";
    cr_assert(eq(int, scn_doc_parse(&t_schema, "m.json", text, strlen(text), 0, &doc, &err),
                 SIM_OK));
    set_ok(doc, "staffing.households_per_grid_worker", 500);
    set_ok(doc, "category_mix.a", 1);
    t_cfg c;
    cr_assert(eq(int, scn_bind(doc, &c, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(int, c.staffing.households_per_grid, 500));
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 12));
    cr_assert(eq(sz, c.nmix, 1));
    scn_config_free(&t_schema, &c);
    scn_doc_destroy(doc);
}

Test(scn_paths, a_sweep_sets_and_binds_repeatedly)
{
    scn_doc *doc = load_full();
    static const double values[] = {8, 12, 18, 24, 30};
    for (size_t i = 0; i < 5; i++) {
        set_ok(doc, "staffing.community_workers_per_10k", values[i]);
        t_cfg c;
        sim_err err;
        sim_err_init(&err);
        cr_assert(eq(int, scn_bind(doc, &c, &err), SIM_OK), "%s", sim_err_text(&err));
        cr_assert(eq(dbl, c.staffing.workers_per_10k, values[i]));
        scn_config_free(&t_schema, &c);
    }
    scn_doc_destroy(doc);
    cr_assert(eq(int, fx_leaks(), 0));
}

Test(scn_paths, set_values_are_range_checked_by_bind)
{
    scn_doc *doc = load_full();
    set_ok(doc, "staffing.community_workers_per_10k", 500);
    set_ok(doc, "departments[0].staff", 2.5);
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_bind(doc, &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "command line: staffing.community_workers_per_10k: 500 is out of range; "
                     "allowed: from 0 to 200 workers per 10,000 residents");
    assert_has(&err, "command line: departments[0].staff: 2.5 is not a whole number");
    scn_doc_destroy(doc);
}

Test(scn_paths, set_refuses_what_it_cannot_set)
{
    scn_doc *doc = load_full();
    set_bad(doc, "staffing.comunity_workers_per_10k", 1,
            "staffing.comunity_workers_per_10k: no field \"comunity_workers_per_10k\" in staffing "
            "(did you mean \"community_workers_per_10k\"?); allowed: community_workers_per_10k, "
            "households_per_grid_worker");
    set_bad(doc, "stafing.community_workers_per_10k", 1,
            "no field \"stafing\" in scenario (did you mean \"staffing\"?)");
    set_bad(doc, "name", 1, "name: is a string, not a number that can be set");
    set_bad(doc, "rule", 1, "rule: is one of the names listed, not a number");
    set_bad(doc, "staffing", 1, "staffing: names staffing, not a number; name one of its fields");
    set_bad(doc, "departments", 1, "departments: is a list [ ... ] of objects, not a number");
    set_bad(doc, "departments[5].staff", 1,
            "departments[5].staff: no element [5]: departments has 2 elements");
    set_bad(doc, "departments.nope.staff", 1, "no element of departments has the name \"nope\"");
    set_bad(doc, "departments[].staff", 1, "name one element of departments: [index] or its name");
    set_bad(doc, "departments[0].name", 1, "departments[0].name: is a string, not a number");
    set_bad(doc, "overtime.x", 1, "overtime is true or false and has no parts");
    set_bad(doc, "staffing.community_workers_per_10k.x", 1, "has no parts");
    set_bad(doc, "weights[9]", 1, "weights[9]: no element [9]: weights has 2 elements");
    set_bad(doc, "category_mix[0]", 1, "category_mix is a map: name one entry");
    set_bad(doc, "horizon", 1.0 / 0.0, "horizon: the value must be a finite number");
    static const char *const malformed[] = {"", "staffing..x", "staffing.", ".x", "[0]",
                                            "departments[x].staff", "departments[1"};
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        sim_err err;
        sim_err_init(&err);
        cr_assert(eq(int, scn_set_number(doc, malformed[i], 1, &err), SIM_ERR_INPUT), "accepted "
                  "\"%s\"", malformed[i]);
    }
    /* nothing above changed the document */
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_bind(doc, &c, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 18));
    scn_config_free(&t_schema, &c);
    scn_doc_destroy(doc);
}

Test(scn_paths, model_problems_by_path)
{
    scn_doc *doc = load_full();
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_problem(doc, &err, "departments[1].name",
                                  "no category is routed to \"%s\"", "transport"),
                 SIM_ERR_INPUT));
    cr_assert(eq(int, scn_problem(doc, &err, "category_mix.环境", "nobody handles \"%s\"", "环境"),
                 SIM_ERR_INPUT));
    /* a path not in the file: the nearest part that is */
    scn_problem(doc, &err, "departments.住房.budget", "no budget given");
    scn_problem(doc, &err, "staffing.households_per_grid_worker", "too few for %d", 3);
    assert_has(&err, "full.json:15:14: departments[1].name: no category is routed to "
                     "\"transport\"");
    assert_has(&err, "full.json:17:43: category_mix.环境: nobody handles \"环境\"");
    assert_has(&err, "full.json:14:5: departments.住房.budget: no budget given");
    assert_has(&err, "full.json:11:35: staffing.households_per_grid_worker: too few for 3");
    cr_assert(eq(int, err.status, SIM_ERR_INPUT));
    cr_assert(eq(u32, err.lines, 4));
    scn_doc_destroy(doc);
}

static t_cfg bound_full(void)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/full.json", &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    return c;
}

Test(scn_paths, typed_references_for_timelines)
{
    t_cfg c = bound_full();
    sim_err err;
    sim_err_init(&err);
    scn_ref r;
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "staffing.community_workers_per_10k",
                                  SCN_RESOLVE_LIVE, &r, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(int, scn_ref_set(&r, 20, &err), SIM_OK));
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 20));
    cr_assert(eq(int, scn_ref_set(&r, 500, &err), SIM_ERR_INPUT));
    assert_has(&err, "staffing.community_workers_per_10k: 500 is out of range; allowed: from 0 "
                     "to 200 workers per 10,000 residents");
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 20), "a refused value changes nothing");
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "departments.transport.staff", SCN_RESOLVE_LIVE,
                                  &r, &err), SIM_OK));
    cr_assert(eq(int, scn_ref_set(&r, 6, &err), SIM_OK));
    cr_assert(eq(int, c.departments[1].staff, 6));
    sim_err_init(&err);
    cr_assert(eq(int, scn_ref_set(&r, 6.5, &err), SIM_ERR_INPUT));
    assert_has(&err, "departments.transport.staff: 6.5 is not a whole number");
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "response_limit", SCN_RESOLVE_LIVE, &r, &err),
                 SIM_OK));
    cr_assert(eq(int, scn_ref_set(&r, 90, &err), SIM_OK));
    cr_assert(eq(dbl, c.response_limit_h, 1.5)); /* 90 min */
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "category_mix.环境", 0, &r, &err), SIM_OK));
    cr_assert(eq(int, scn_ref_set(&r, 0.6, &err), SIM_OK));
    cr_assert(eq(dbl, c.mix[1].value, 0.6));
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "weights[1]", 0, &r, &err), SIM_OK));
    cr_assert(eq(int, scn_ref_set(&r, 4, &err), SIM_OK));
    cr_assert(eq(dbl, c.weights[1], 4));
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "departments[0].staff", 0, &r, &err), SIM_OK));
    cr_assert(eq(int, scn_ref_set(&r, 8, &err), SIM_OK));
    cr_assert(eq(int, c.departments[0].staff, 8));

    sim_err_init(&err);
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "staffing.households_per_grid_worker",
                                  SCN_RESOLVE_LIVE, &r, &err), SIM_ERR_INPUT));
    assert_has(&err, "staffing.households_per_grid_worker: cannot change during a run");
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "staffing.households_per_grid_worker", 0, &r,
                                  &err), SIM_OK));
    sim_err_init(&err);
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "departments[7].staff", 0, &r, &err),
                 SIM_ERR_INPUT));
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "name", 0, &r, &err), SIM_ERR_INPUT));
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "category_mix.none", 0, &r, &err),
                 SIM_ERR_INPUT));
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "horizon.x", 0, &r, &err), SIM_ERR_INPUT));
    cr_assert(eq(int, scn_resolve(&t_schema, &c, "nope", 0, &r, &err), SIM_ERR_INPUT));
    assert_has(&err, "category_mix.none: category_mix has no entry \"none\"");
    assert_has(&err, "nope: no such field in scenario; allowed: name, horizon");
    scn_config_free(&t_schema, &c);
}

Test(scn_paths, schema_lookup_and_walk)
{
    const scn_field *f = scn_schema_find(&t_schema, "departments[].staff");
    cr_assert(f != NULL);
    cr_assert(eq(str, (char *)f->name, "staff"));
    cr_assert(scn_schema_find(&t_schema, "departments[3].staff") == f);
    cr_assert(scn_schema_find(&t_schema, "departments.housing.staff") == f);
    cr_assert(eq(str, (char *)scn_schema_find(&t_schema, "staffing")->name, "staffing"));
    cr_assert(eq(str, (char *)scn_schema_find(&t_schema, "category_mix.any")->name,
                 "category_mix"));
    cr_assert(eq(str, (char *)scn_schema_find(&t_schema, "weights[2]")->name, "weights"));
    cr_assert(scn_schema_find(&t_schema, "nope") == NULL);
    cr_assert(scn_schema_find(&t_schema, "staffing.nope") == NULL);
    cr_assert(scn_schema_find(&t_schema, "horizon.x") == NULL);
    cr_assert(scn_schema_find(&t_schema, "category_mix.a.b") == NULL);
}

typedef struct walk_log {
    char paths[32][80];
    int depth[32];
    int n, stop_at;
} walk_log;

static int log_field(const char *path, const scn_field *f, int depth, void *ud)
{
    (void)f;
    walk_log *w = ud;
    if (w->n < 32) {
        snprintf(w->paths[w->n], sizeof w->paths[0], "%s", path);
        w->depth[w->n] = depth;
    }
    w->n++;
    return w->n == w->stop_at ? 7 : 0;
}

Test(scn_paths, every_field_name_for_tools)
{
    walk_log w = {.stop_at = -1};
    cr_assert(eq(int, scn_schema_walk(&t_schema, log_field, &w), 0));
    cr_assert(eq(int, w.n, 11 + 2 + 4));
    cr_assert(eq(str, w.paths[0], "name"));
    cr_assert(eq(str, w.paths[7], "staffing.community_workers_per_10k"));
    cr_assert(eq(int, w.depth[7], 1));
    cr_assert(eq(str, w.paths[10], "departments[].name"));
    cr_assert(eq(str, w.paths[13], "departments[].kind"));
    cr_assert(eq(str, w.paths[16], "weights"));
    walk_log stop = {.stop_at = 3};
    cr_assert(eq(int, scn_schema_walk(&t_schema, log_field, &stop), 7));
    cr_assert(eq(int, stop.n, 3));
}

Test(scn_paths, deep_copy_is_independent)
{
    t_cfg a = bound_full(), b;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_config_copy(&t_schema, &b, &a, &err), SIM_OK));
    cr_assert(b.departments != a.departments && b.name != a.name && b.mix != a.mix);
    cr_assert(b.departments[0].name != a.departments[0].name);
    scn_config_free(&t_schema, &a);
    cr_assert(eq(str, b.name, "朝阳区 test"));
    cr_assert(eq(str, b.departments[0].name, "住房"));
    cr_assert(eq(str, b.mix[1].name, "环境"));
    cr_assert(eq(str, b.tags[1], "b"));
    cr_assert(eq(dbl, b.weights[1], 2.5));
    cr_assert(eq(dbl, b.staffing.workers_per_10k, 18));
    scn_config_free(&t_schema, &b);
    cr_assert(eq(int, fx_leaks(), 0));
}

Test(scn_paths, copy_survives_every_allocation_failure)
{
    t_cfg a = bound_full(), b;
    for (long n = 0;; n++) {
        sim_err err;
        sim_err_init(&err);
        sim_mem_fail_after(n, 1);
        int st = scn_config_copy(&t_schema, &b, &a, &err);
        long failed = sim_mem_failures();
        sim_mem_fail_reset();
        if (failed == 0) {
            cr_assert(eq(int, st, SIM_OK));
            scn_config_free(&t_schema, &b);
            cr_assert(n > 5, "a copy of full.json takes more than 5 allocations");
            break;
        }
        cr_assert(eq(int, st, SIM_ERR_RUNTIME), "after %ld allocations", n);
        assert_has(&err, "out of memory");
        cr_assert(b.name == NULL && b.departments == NULL && b.mix == NULL);
        cr_assert(eq(int, fx_leaks(), 0), "leak after %ld allocations", n);
    }
    scn_config_free(&t_schema, &a);
}
