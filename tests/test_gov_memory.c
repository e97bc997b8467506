/*
 * Memory follows open cases, not cases ever created.
 *
 * Case and task records come in slabs of a fixed size and return to a free
 * list when a case closes or a task ends; a new slab is allocated only when the
 * free list is empty, that is when every record allocated so far is in use. So
 * the records allocated never exceed the peak in use by a slab or more:
 *     records <= peak in use + slab - 1,
 * whatever the number of cases created. Checked over a year of a small district
 * with every routing rule of the registry, where the cases created outnumber the records by
 * more than ten to one (without recycling they would be equal).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "gov_fixture.h"
#include "gov_schema.h"
#include "route_registry.h"

#define SEED 1234u
#define SLAB 1024u /* records per slab, as in gov_case.c */

static void check_rule(const char *rule)
{
    gov_config cfg;
    fx_defaults(&cfg);
    fx_region(&cfg, 36000, 2.62, 1, 1, 3, 1, 1, 1);
    fx_rule(&cfg, rule);
    if (scn_schema_find(gov_policy_schema(), "routing.platforms") != NULL)
        fx_set_all(&cfg, "routing.platforms", 3); /* duplicates: more tasks */
    cfg.horizon = FX_YEAR;
    cfg.timeseries_step = 0.0;
    gov_run_memory mem = {0};
    gov_run_opts opts = {0};
    opts.memory = &mem;
    sim_rep_result *r = fx_run(&cfg, SEED, 0, &opts);
    cr_log_info("rule %s: %llu cases created, peak open %llu, %llu case records; peak tasks %llu, %llu task records",
                rule, (unsigned long long)mem.cases_created, (unsigned long long)mem.peak_open_cases,
                (unsigned long long)mem.case_records, (unsigned long long)mem.peak_work,
                (unsigned long long)mem.work_records);
    cr_expect(ge(u64, mem.case_records, mem.peak_open_cases));
    cr_expect(le(u64, mem.case_records, mem.peak_open_cases + SLAB - 1), "case records %llu for a peak of %llu open",
              (unsigned long long)mem.case_records, (unsigned long long)mem.peak_open_cases);
    cr_expect(ge(u64, mem.work_records, mem.peak_work));
    cr_expect(le(u64, mem.work_records, mem.peak_work + SLAB - 1), "task records %llu for a peak of %llu in use",
              (unsigned long long)mem.work_records, (unsigned long long)mem.peak_work);
    cr_expect(gt(u64, mem.cases_created, 10 * mem.case_records), "too few cases to show recycling");
    cr_expect(ge(dbl, (double)mem.cases_created, FX_KPI(r, 0, KPI_CASES_TOTAL)));
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_memory, every_rule, .timeout = 120)
{
    for (size_t i = 0; i < route_count(); i++)
        check_rule(route_table()[i]->name);
}
