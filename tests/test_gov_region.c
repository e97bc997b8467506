/*
 * Regions built to the standards, the inputs a run starts from, and the
 * warnings a planner gets, each against a hand calculation:
 *
 *  - a region from residents alone: each class's residents (largest remainders
 *    of the shares) make communities of the class's standard size (Beijing
 *    2021: 6,000; villages 1,000), each class its own streets of at most 20
 *    communities, districts of at most 20 streets;
 *  - the inputs (summary.json's "inputs") are the built region's head-counts:
 *    communities, grids (one per grid worker, households / 300 rounded up per
 *    community), community workers by ratio or floor, villages by theirs;
 *  - warnings: a floor that overrides a ratio names both and counts the
 *    communities; class shares that do not add up to 1; communities above the
 *    standard; a role busy over 95 % after the run (the command line says
 *    "warning:" on standard error and the exit status stays 0).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "gov_fixture.h"
#include "gov_inputs.h"
#include "gov_region.h"

static void load_text(gov_config *cfg, const char *text)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, gov_config_parse("region.json", text, strlen(text), NULL, 0, cfg, &err), SIM_OK), "%s",
              sim_err_text(&err));
}

static void inputs(const gov_config *cfg, gov_inputs *in)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, gov_inputs_of(cfg, in, &err), SIM_OK), "%s", sim_err_text(&err));
}

Test(gov_region, residents_alone_make_communities_of_the_standard_size)
{
    gov_config cfg;
    /* 300,000: urban 150,000 / 6,000 = 25, fringe 60,000 / 6,000 = 10, rural
     * 90,000 / 1,000 = 90 villages; streets: ceil(25/20) + ceil(10/20) +
     * ceil(90/20) = 2 + 1 + 5 = 8; districts: ceil(8/20) = 1. */
    load_text(&cfg, "{\"name\": \"county\", \"region\": {\"generate\": {\"residents\": 300000, "
                    "\"class_shares\": {\"urban\": 0.5, \"fringe\": 0.2, \"rural\": 0.3}}}}");
    gov_region_plan p;
    gov_region_plan_of(&cfg.region.generate, &p);
    cr_expect(eq(sz, p.communities[GOV_URBAN], (size_t)25));
    cr_expect(eq(sz, p.communities[GOV_FRINGE], (size_t)10));
    cr_expect(eq(sz, p.communities[GOV_RURAL], (size_t)90));
    cr_expect(eq(sz, p.streets, (size_t)8));
    cr_expect(eq(sz, p.districts, (size_t)1));
    gov_inputs in;
    inputs(&cfg, &in);
    cr_expect(eq(dbl, in.communities[GOV_GROUP_ALL], 125.0));
    cr_expect(eq(dbl, in.residents[GOV_GROUP_RURAL], 90000.0));
    cr_expect(eq(dbl, in.streets, 8.0));
    /* Urban: 6,000 residents, 6,000 / 2.62 = 2,290.1 households: ceil(7.63) = 8
     * grid workers; 6,000 x 18 / 10,000 = 10.8 -> 11 community workers (above
     * the floor of 9). Villages: 1,000 / 2.62 = 381.7 households: 2 grid
     * workers; 1,000 x 35 / 10,000 = 3.5 -> 4 cadres (above the floor of 3). */
    cr_expect(eq(dbl, in.grid_workers[GOV_GROUP_URBAN], 25 * 8.0));
    cr_expect(eq(dbl, in.community_workers[GOV_GROUP_URBAN], 25 * 11.0));
    cr_expect(eq(dbl, in.grid_workers[GOV_GROUP_RURAL], 90 * 2.0));
    cr_expect(eq(dbl, in.community_workers[GOV_GROUP_RURAL], 90 * 4.0));
    cr_expect(eq(dbl, in.grids[GOV_GROUP_ALL], in.grid_workers[GOV_GROUP_ALL]), "one grid per grid worker");
    /* A 2-hour daily patrol at 150 households an hour covers a grid of up to
     * 300 households every day: 30.4 visits a month to every household. */
    cr_expect(le(dbl, fabs(in.visits[GOV_GROUP_ALL] / in.households[GOV_GROUP_ALL] - 365.25 / 12), 1e-9));
    gov_config_free(&cfg);
}

Test(gov_region, given_counts_are_kept)
{
    gov_config cfg;
    load_text(&cfg, "{\"name\": \"given\", \"region\": {\"generate\": {\"residents\": 120000, \"communities\": 10, "
                    "\"streets\": 3, \"districts\": 1}}}");
    gov_inputs in;
    inputs(&cfg, &in);
    cr_expect(eq(dbl, in.communities[GOV_GROUP_ALL], 10.0));
    cr_expect(eq(dbl, in.streets, 3.0));
    cr_expect(eq(dbl, in.residents[GOV_GROUP_ALL], 120000.0));
    gov_config_free(&cfg);
}

typedef struct lines {
    char text[8][512];
    int n;
} lines;

static void collect(void *ctx, const char *line)
{
    lines *l = ctx;
    if (l->n < 8)
        snprintf(l->text[l->n++], sizeof l->text[0], "%s", line);
}

static int has(const lines *l, const char *a, const char *b)
{
    for (int i = 0; i < l->n; i++)
        if (strstr(l->text[i], a) != NULL && (b == NULL || strstr(l->text[i], b) != NULL))
            return 1;
    return 0;
}

static void warnings_of(const char *text, lines *l)
{
    gov_config cfg;
    load_text(&cfg, text);
    gov_inputs in;
    inputs(&cfg, &in);
    memset(l, 0, sizeof *l);
    gov_config_warnings(&cfg, &in, collect, l);
    gov_config_free(&cfg);
}

/* The county: 300,000 residents in 200 communities of 1,500: 12 per
 * 10,000 gives 1.8 -> 2 workers, 18 gives 2.7 -> 3; the floor of 9 holds in
 * all 200 either way, so the two ratios give the same results. */
Test(gov_region, a_floor_that_overrides_the_ratio_is_named)
{
    lines l;
    warnings_of("{\"name\": \"county\", \"region\": {\"generate\": {\"residents\": 300000, \"communities\": 200, "
                "\"class_shares\": {\"urban\": 1, \"fringe\": 0, \"rural\": 0}}}, "
                "\"staffing\": {\"community_workers_per_10k\": 12}}",
                &l);
    cr_expect(has(&l, "min_community_workers = 9 overrides community_workers_per_10k = 12", "200 of 200 urban"),
              "%d lines, first: %s", l.n, l.text[0]);
    cr_expect(has(&l, "1500 residents give 2 by the ratio", NULL), "%s", l.text[0]);
    /* Without the floor nothing is said. */
    warnings_of("{\"name\": \"county\", \"region\": {\"generate\": {\"residents\": 300000, \"communities\": 200, "
                "\"class_shares\": {\"urban\": 1, \"fringe\": 0, \"rural\": 0}}}, "
                "\"staffing\": {\"community_workers_per_10k\": 12, \"min_community_workers\": 0}}",
                &l);
    cr_expect(eq(int, l.n, 0), "%s", l.text[0]);
}

Test(gov_region, shares_and_sizes_are_checked)
{
    lines l;
    warnings_of("{\"name\": \"shares\", \"region\": {\"generate\": {\"residents\": 100000, "
                "\"class_shares\": {\"urban\": 0.6, \"fringe\": 0.6, \"rural\": 0}}}}",
                &l);
    cr_expect(has(&l, "class_shares add up to 1.2, not 1", "0.5, 0.5 and 0"), "%d lines, first: %s", l.n, l.text[0]);
    warnings_of("{\"name\": \"big\", \"region\": {\"generate\": {\"residents\": 120000, \"communities\": 10, "
                "\"class_shares\": {\"urban\": 1, \"fringe\": 0, \"rural\": 0}}}}",
                &l);
    cr_expect(has(&l, "10 communities have more residents than the standard's 9000", "largest 12000"), "%s",
              l.text[0]);
}

/* The command line: the county's warning on check, and after a run a role
 * busy over 95 % (a street command of one for 30,000 residents, every case
 * through it): one line each, "warning:", exit status 0. */
Test(gov_region, the_command_line_warns_and_succeeds)
{
    char *d = tmpdir_new();
    char *f = pjoin(d, "busy.json");
    spit(f, "{\"name\": \"busy\", \"horizon\": \"20d\", \"warmup\": \"2d\", "
            "\"region\": {\"generate\": {\"residents\": 30000, \"communities\": 5, "
            "\"class_shares\": {\"urban\": 1, \"fringe\": 0, \"rural\": 0}}}, "
            "\"staffing\": {\"min_community_workers\": 20}, "
            "\"street_command\": {\"dispatchers_per_street\": 1, \"dispatchers_per_10k\": 0}}");
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"check", f, END});
    cr_expect(eq(int, r.status, 0), "%s", r.err);
    cr_expect(strstr(r.err, "warning: ") == r.err, "%s", r.err);
    cr_expect(strstr(r.err, "min_community_workers = 20 overrides community_workers_per_10k = 18") != NULL, "%s",
              r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *const[]){"run", f, "--reps", "2", "--out", "o", END});
    cr_expect(eq(int, r.status, 0), "%s", r.err);
    cr_expect(strstr(r.err, "warning: ") != NULL && strstr(r.err, "(utilization_street)") != NULL, "%s", r.err);
    cr_expect(strstr(r.out, "inputs busy: 5 communities") != NULL, "%s", r.out);
    cJSON *s = load_json(d, "o/summary.json");
    cr_expect(eq(dbl, num_at(s, "results.0.inputs.communities.all"), 5.0));
    cr_expect(eq(dbl, num_at(s, "results.0.inputs.staff.street"), 1.0));
    cr_expect(eq(dbl, num_at(s, "results.0.inputs.staff.community.urban"), 5 * 20.0));
    cJSON_Delete(s);
    run_free(&r);
    /* --quiet: nothing but errors. */
    gov(&r, d, NULL, (const char *const[]){"run", f, "--reps", "2", "--out", "o", "--force", "--quiet", END});
    cr_expect(eq(int, r.status, 0), "%s", r.err);
    cr_expect(eq(str, r.err, ""));
    run_free(&r);
    free(f);
    rm_rf(d);
    free(d);
}
