/*
 * The benchmark's scenarios (bench/). `make bench` reads the time an event of
 * bench/beijing_small.json as the pace of bench/beijing.json's model when its
 * records fit in the cache (bench/run.sh, beijing_year_wait_share). That only
 * holds if the small file is the same model at a hundredth of the size: every
 * setting but the region's counts (and the horizon, which the bench sets)
 * the same, residents and communities divided by 100 (so the same residents
 * per community, whose staff are per capita), and the streets as near to a
 * hundredth as whole streets allow.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_schema.h"
#include "scn_diff.h"
#include "scn_fixture.h"

static scn_doc *load(const char *rel)
{
    char path[4096];
    fx_path(path, sizeof path, rel);
    sim_err err;
    sim_err_init(&err);
    scn_doc *d = NULL;
    cr_assert(eq(int, scn_doc_load(&gov_schema, path, &d, &err), SIM_OK), "%s", sim_err_text(&err));
    return d;
}

/* The two documents' values at a region.generate path, as numbers. */
static void counts(const scn_diff *d, const char *path, double *big, double *small)
{
    for (size_t r = 0; r < d->n_rows; r++) {
        if (strcmp(d->rows[r].path, path) != 0)
            continue;
        cr_assert(eq(int, d->rows[r].cells[0].kind, SCN_DIFF_VALUE), "%s not written in beijing.json", path);
        cr_assert(eq(int, d->rows[r].cells[1].kind, SCN_DIFF_VALUE), "%s not written in beijing_small.json", path);
        *big = atof(d->rows[r].cells[0].text);
        *small = atof(d->rows[r].cells[1].text);
        return;
    }
    cr_assert(0, "%s does not differ", path);
}

Test(bench_scenarios, the_small_beijing_is_a_hundredth_of_beijing)
{
    scn_doc *docs[2] = {load("bench/beijing.json"), load("bench/beijing_small.json")};
    scn_diff *d = NULL;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_diff_docs((const scn_doc *const *)docs, 2, (const char *[]){"name", NULL}, &d, &err),
                 SIM_OK));
    static const char *const allowed[] = {"horizon", "region.generate.residents", "region.generate.districts",
                                          "region.generate.streets", "region.generate.communities", NULL};
    for (size_t r = 0; r < d->n_rows; r++) {
        int ok = 0;
        for (size_t k = 0; allowed[k] != NULL; k++)
            ok |= strcmp(d->rows[r].path, allowed[k]) == 0;
        cr_expect(ok, "%s differs between the two (only the region's counts and the horizon may)",
                  d->rows[r].path);
    }
    double res_b, res_s, com_b, com_s, str_b, str_s;
    counts(d, "region.generate.residents", &res_b, &res_s);
    counts(d, "region.generate.communities", &com_b, &com_s);
    counts(d, "region.generate.streets", &str_b, &str_s);
    cr_expect(eq(dbl, res_b, 100.0 * res_s), "residents %.0f and %.0f: not a hundredth", res_b, res_s);
    cr_expect(eq(dbl, com_b, 100.0 * com_s), "communities %.0f and %.0f: not a hundredth", com_b, com_s);
    /* Whole streets: the nearest count to a hundredth, so residents per street
     * within half a street of the large region's. */
    cr_expect(le(dbl, fabs(str_s - str_b / 100.0), 0.5), "streets %.0f for a hundredth of %.0f", str_s, str_b);
    scn_diff_destroy(d);
    scn_doc_destroy(docs[0]);
    scn_doc_destroy(docs[1]);
}
