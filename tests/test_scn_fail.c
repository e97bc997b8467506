/* Allocation failure injection on the loader: for every N up to the number of
 * allocations a load takes, making allocation N fail gives a clean runtime
 * error (never a misreported input problem) and leaks nothing. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "scn_fixture.h"
#include "sim_mem.h"

typedef int loader_fn(sim_err *err);

static int load_chain(sim_err *err)
{
    t_cfg c;
    int st = fx_load("tests/scenarios/scn_test/top.json", &c, err);
    if (st == SIM_OK)
        scn_config_free(&t_schema, &c);
    return st;
}

static int load_set_bind(sim_err *err)
{
    char path[4096];
    fx_path(path, sizeof path, "tests/scenarios/scn_test/full.json");
    scn_doc *doc;
    int st = scn_doc_load(&t_schema, path, &doc, err);
    if (st != SIM_OK)
        return st;
    st = scn_set_number(doc, "staffing.community_workers_per_10k", 20, err);
    if (st == SIM_OK)
        st = scn_set_number(doc, "category_mix.new", 0, err);
    if (st == SIM_OK)
        st = scn_set_number(doc, "departments.住房.staff", 2, err);
    t_cfg c;
    if (st == SIM_OK)
        st = scn_bind(doc, &c, err);
    if (st == SIM_OK) {
        scn_problem(doc, err, "departments[0].name", "checked");
        scn_config_free(&t_schema, &c);
        sim_err_init(err);
    }
    scn_doc_destroy(doc);
    return st;
}

/* Returns the number of allocations a successful run took. */
static long every_failure(loader_fn *load, long count)
{
    for (long n = 0;; n++) {
        sim_err err;
        sim_err_init(&err);
        sim_mem_fail_after(n, count);
        int st = load(&err);
        long failed = sim_mem_failures();
        sim_mem_fail_reset();
        if (failed == 0) {
            cr_assert(eq(int, st, SIM_OK), "%s", sim_err_text(&err));
            return n;
        }
        cr_assert(eq(int, st, SIM_ERR_RUNTIME), "allocation %ld failing gave status %d:\n%s", n,
                  st, sim_err_text(&err));
        cr_assert(eq(int, err.status, SIM_ERR_RUNTIME), "allocation %ld: %s", n,
                  sim_err_text(&err));
        assert_has(&err, "out of memory");
        cr_assert(eq(int, fx_leaks(), 0), "leak when allocation %ld fails", n);
    }
}

Test(scn_fail, extends_chain_load_and_bind)
{
    long once = every_failure(load_chain, 1);
    long ever = every_failure(load_chain, LONG_MAX);
    cr_assert(eq(i64, once, ever));
    cr_assert(once > 50, "three files should take more than 50 allocations (took %ld)", once);
    cr_log_info("loading and binding the three-file chain takes %ld allocations", once);
}

Test(scn_fail, load_set_bind_and_report)
{
    long once = every_failure(load_set_bind, 1);
    cr_assert(once > 50);
}

Test(scn_fail, broken_inputs_under_failure)
{
    /* A broken file either gets far enough to be reported as broken, or fails
     * for memory first; both cleanly. */
    static const char *const files[] = {"duplicate_key.json", "extends_broken_base.json",
                                        "extends_missing.json", "missing_comma.json"};
    char dir[4096];
    fx_path(dir, sizeof dir, "tests/scenarios/broken");
    cr_assert(chdir(dir) == 0);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        for (long n = 0;; n++) {
            sim_err err;
            sim_err_init(&err);
            sim_mem_fail_after(n, 1);
            t_cfg c;
            int st = scn_load_config(&t_schema, files[i], &c, &err);
            long failed = sim_mem_failures();
            sim_mem_fail_reset();
            cr_assert(st == SIM_ERR_INPUT || st == SIM_ERR_RUNTIME, "%s: status %d", files[i],
                      st);
            cr_assert(eq(int, fx_leaks(), 0), "%s: leak when allocation %ld fails", files[i], n);
            if (failed == 0) {
                cr_assert(eq(int, st, SIM_ERR_INPUT));
                break;
            }
        }
    }
}
