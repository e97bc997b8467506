/* Governance model bugs found while calibrating the shipped scenarios, each
 * pinned by the scenario shape that exposed it. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "gov.h"

static void load(const char *text, gov_config *cfg)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, gov_config_parse("test.json", text, strlen(text), NULL, 0, cfg, &err), SIM_OK), "%s",
              sim_err_text(&err));
}

static void run(const gov_config *cfg, uint64_t rep, double *kpis)
{
    sim_err err;
    sim_err_init(&err);
    sim_rep_result *res = gov_result_create(cfg, &err);
    cr_assert(res != NULL, "%s", sim_err_text(&err));
    cr_assert(eq(int, gov_run_replication(cfg, 7, rep, NULL, res, &err), SIM_OK), "%s", sim_err_text(&err));
    memcpy(kpis, res->metrics, GOV_N_KPIS * sizeof *kpis); /* group "all" */
    gov_result_destroy(res);
}

/* Cadres were sunk from a department whose members were all busy: the staff
 * code picked the same member, already on the way out, twice, and the kernel's
 * check aborted the run. Every member of "offices" is busy all the time here
 * (line work far beyond its hours), and the windows open in office hours
 * (time 0 is a Monday, 00:00: 82 h is Thursday 10:00). */
Test(gov_regressions, sinking_busy_staff_does_not_abort_the_run)
{
    gov_config cfg;
    load("{\"name\": \"busy offices\", \"horizon\": \"12d\", \"warmup\": \"1d\","
         " \"region\": {\"generate\": {\"residents\": 20000, \"communities\": 2, \"streets\": 1}},"
         " \"departments\": [{\"name\": \"city_management\"}, {\"name\": \"market_regulation\"},"
         "   {\"name\": \"water_roads\"}, {\"name\": \"environment\"}, {\"name\": \"public_security\"},"
         "   {\"name\": \"social_affairs\"}, {\"name\": \"offices\", \"min_staff\": 8,"
         "    \"line_tasks_per_staff_per_week\": 200, \"line_task\": {\"dist\": \"constant\", \"mean\": \"3h\"}}],"
         " \"sinking\": [{\"start\": \"82h\", \"end\": \"6d\", \"staff_per_district\": 6, \"department\": \"offices\"},"
         "   {\"start\": \"202h\", \"end\": \"10d\", \"staff_per_district\": 6, \"department\": \"offices\"}]}",
         &cfg);
    double k[GOV_N_KPIS];
    run(&cfg, 0, k);
    cr_assert(k[KPI_CASES_TOTAL] > 0);
    cr_expect(eq(dbl, k[KPI_CASES_TOTAL], k[KPI_CASES_RESOLVED] + k[KPI_CASES_ABANDONED] + k[KPI_CASES_OPEN_END]));
    gov_config_free(&cfg);
}

/* Staff stationed at the street come in addition to the district's. A case
 * went to the stationed staff whenever the street had any, however long their
 * queue, and the district's staff sat idle: adding one stationed member per
 * department cut the resolution rate by some 20 points. More staff must not do
 * significantly worse under common random numbers (paired 95 % CI). */
Test(gov_regressions, stationed_staff_in_addition_do_not_lower_resolution)
{
    static const char fmt[] =
        "{\"name\": \"%s\", \"horizon\": \"90d\", \"warmup\": \"15d\", \"routing\": {\"rule\": \"whistle\"},"
        " \"region\": {\"generate\": {\"residents\": 60000, \"communities\": 5, \"streets\": 2}},"
        " \"departments\": [{\"name\": \"city_management\", \"staff_per_100k_residents\": 25, \"stationed_per_street\": %d},"
        "   {\"name\": \"market_regulation\", \"staff_per_100k_residents\": 8, \"stationed_per_street\": %d},"
        "   {\"name\": \"water_roads\", \"staff_per_100k_residents\": 10, \"stationed_per_street\": %d},"
        "   {\"name\": \"environment\", \"staff_per_100k_residents\": 6, \"stationed_per_street\": %d},"
        "   {\"name\": \"public_security\", \"staff_per_100k_residents\": 8, \"stationed_per_street\": %d},"
        "   {\"name\": \"social_affairs\", \"staff_per_100k_residents\": 6, \"stationed_per_street\": %d}]}";
    char a[2048], b[2048];
    snprintf(a, sizeof a, fmt, "district only", 0, 0, 0, 0, 0, 0);
    snprintf(b, sizeof b, fmt, "one more at each street", 1, 1, 1, 1, 1, 1);
    gov_config ca, cb;
    load(a, &ca);
    load(b, &cb);
    enum { REPS = 5 };
    double d[REPS], mean = 0, ss = 0;
    for (int r = 0; r < REPS; r++) {
        double ka[GOV_N_KPIS], kb[GOV_N_KPIS];
        run(&ca, (uint64_t)r, ka);
        run(&cb, (uint64_t)r, kb);
        d[r] = kb[KPI_RESOLUTION_RATE] - ka[KPI_RESOLUTION_RATE];
        mean += d[r] / REPS;
    }
    for (int r = 0; r < REPS; r++)
        ss += (d[r] - mean) * (d[r] - mean);
    double half = gsl_cdf_tdist_Pinv(0.975, REPS - 1) * sqrt(ss / (REPS - 1) / REPS);
    cr_expect(mean + half >= 0, "adding stationed staff lowered the resolution rate by %.4f +- %.4f", -mean, half);
    gov_config_free(&ca);
    gov_config_free(&cb);
}

/* multi_dispatch on top of grab: the duplicates are made when a case reaches
 * its resolving unit, and under grab that happens when a unit takes the posted
 * case, a path that skipped them (a duplicate share near 0 instead of 13 %).
 * Here every case is an app report that the community reviews (0.5 h) and a
 * department takes (1.5 h, no travel); each of the 2 other platforms
 * duplicates it with probability 0.5 at 0.5 h, so duplicates are 0.5 h of every
 * 2.5 h of case work: a share of 0.2, which the replications' 95 % CI must cover. */
Test(gov_regressions, multi_dispatch_over_grab_makes_its_duplicates)
{
    gov_config cfg;
    load("{\"name\": \"grab duplicates\", \"horizon\": \"60d\", \"warmup\": \"10d\","
         " \"region\": {\"generate\": {\"residents\": 50000, \"communities\": 4, \"streets\": 2,"
         "   \"class_shares\": {\"urban\": 1, \"fringe\": 0, \"rural\": 0}}},"
         " \"demand\": {\"per_1000_residents_per_day\": 0.5},"
         " \"residents\": {\"patience\": \"3650d\"}, \"workforce\": {\"enabled\": false},"
         " \"staffing\": {\"community_intake\": {\"dist\": \"constant\", \"mean\": \"30min\"}},"
         " \"routing\": {\"rule\": \"multi_dispatch\", \"base_rule\": \"grab\", \"platforms\": 3,"
         "   \"duplicate_probability\": 0.5, \"duplicate_work\": {\"dist\": \"constant\", \"mean\": \"30min\"}},"
         " \"departments\": [{\"name\": \"works\", \"staff_per_100k_residents\": 40,"
         "   \"travel_time_district\": 0, \"travel_time_stationed\": 0}],"
         " \"categories\": [{\"name\": \"roads\", \"resolver\": \"department\", \"department\": \"works\","
         "   \"mix\": {\"urban\": 1}, \"hotline_share\": {\"urban\": 0}, \"app_share\": {\"urban\": 1},"
         "   \"handling\": {\"dist\": \"constant\", \"mean\": \"1.5h\"}}]}",
         &cfg);
    enum { REPS = 5 };
    double x[REPS], mean = 0, ss = 0;
    for (int r = 0; r < REPS; r++) {
        double k[GOV_N_KPIS];
        run(&cfg, (uint64_t)r, k);
        cr_assert(k[KPI_CASES_RESOLVED] > 500);
        x[r] = k[KPI_DUPLICATE_DISPATCH_SHARE];
        mean += x[r] / REPS;
    }
    for (int r = 0; r < REPS; r++)
        ss += (x[r] - mean) * (x[r] - mean);
    double half = gsl_cdf_tdist_Pinv(0.975, REPS - 1) * sqrt(ss / (REPS - 1) / REPS);
    cr_expect(fabs(mean - 0.2) <= half, "duplicate share %.4f +- %.4f, expected 0.2", mean, half);
    gov_config_free(&cfg);
}

/* Part-timers leave after their class's share of each block. The shift
 * boundaries were computed from the last class's share only (rural's), so
 * urban part-timers with a share of their own stayed on duty to the next
 * boundary. An urban-only district then ran differently when its share came
 * from classification.urban instead of the top level; it is the same policy,
 * so the runs must agree exactly. */
Test(gov_regressions, class_part_time_share_sets_the_shift_boundaries)
{
    static const char region[] =
        "\"horizon\": \"30d\", \"warmup\": \"5d\", \"region\": {\"generate\": {\"residents\": 30000,"
        " \"communities\": 3, \"streets\": 1, \"class_shares\": {\"urban\": 1, \"fringe\": 0, \"rural\": 0}}}";
    char a[1024], b[1024];
    snprintf(a, sizeof a, "{\"name\": \"a\", %s, \"staffing\": {\"grid_part_time_share\": 1},"
                          " \"classification\": {\"mode\": \"classified\","
                          " \"urban\": {\"staffing\": {\"part_time_hours_share\": 0.25}}}}", region);
    snprintf(b, sizeof b, "{\"name\": \"b\", %s, \"staffing\": {\"grid_part_time_share\": 1,"
                          " \"part_time_hours_share\": 0.25}}", region);
    gov_config ca, cb;
    load(a, &ca);
    load(b, &cb);
    double ka[GOV_N_KPIS], kb[GOV_N_KPIS];
    run(&ca, 0, ka);
    run(&cb, 0, kb);
    for (int k = 0; k < GOV_N_KPIS; k++) {
        int same = (isnan(ka[k]) && isnan(kb[k])) || ka[k] == kb[k];
        cr_expect(same, "KPI %d: %g vs %g", k, ka[k], kb[k]);
    }
    gov_config_free(&ca);
    gov_config_free(&cb);
}
