/*
 * Validity, the place: grids, patrols, fixing on the spot, problems that
 * worsen. Problems exist before anyone reports them (docs/model.md), so
 * looking less must score worse on the problem KPIs, never better.
 */
#include <criterion/criterion.h>

#include "validity.h"

#define NONE ((const char *const[]){NULL})

/* The test of the whole: default.json as shipped (a year), with
 * patrols switched off (detection 0) and with grids of 1,200 households
 * instead of the 300 of the standard (001). Both must be worse on the problem
 * KPIs: fewer problems resolved in time from their birth, fewer resolved
 * before anyone complained (未诉先办), problems known later. */
Test(validity, patrols_off_and_large_grids_are_worse_in_the_default_district, .timeout = 120)
{
    const char *const year[] = {"horizon=1y", NULL};
    vd_pair off, large;
    gov_config base, no_patrol, big;
    vd_load(&base, year);
    vd_load(&no_patrol, (const char *const[]){"horizon=1y", "patrol.detection_probability=0", NULL});
    vd_load(&big, (const char *const[]){"horizon=1y", "staffing.households_per_grid_worker=1200", NULL});
    vd_run(&off, "patrols off (default.json, 1 y)", &base, &no_patrol, 5);
    vd_run(&large, "1,200 households per grid worker (default.json, 1 y)", &base, &big, 5);
    for (int i = 0; i < 2; i++) {
        const vd_pair *p = i == 0 ? &off : &large;
        vd_down(p, GOV_GROUP_ALL, KPI_PROBLEM_RESOLUTION_RATE);
        vd_down(p, GOV_GROUP_ALL, KPI_PROACTIVE_SHARE);
        vd_up(p, GOV_GROUP_ALL, KPI_MEAN_DISCOVERY_H);
        vd_up(p, GOV_GROUP_ALL, KPI_LATENT_STOCK_MEAN);
    }
    /* The same problems arise whatever anyone does (common random numbers). */
    vd_same(&off, GOV_GROUP_ALL, KPI_PROBLEMS_TOTAL);
    vd_free(&off);
    vd_free(&large);
    gov_config_free(&base);
    gov_config_free(&no_patrol);
    gov_config_free(&big);
}

/* Patrol hours (001: grid workers patrol daily; 004: street chiefs too):
 * half the patrols, half the coverage: problems found later, fewer before a
 * resident complains; grid workers less busy. */
Test(validity, fewer_patrols_find_problems_later)
{
    vd_pair p;
    vd_lever(&p, "patrols every other day", NONE, (const char *const[]){"patrol.per_day=0.5", NULL});
    vd_up(&p, GOV_GROUP_ALL, KPI_MEAN_DISCOVERY_H);
    vd_down(&p, GOV_GROUP_ALL, KPI_PROACTIVE_SHARE);
    vd_down(&p, GOV_GROUP_ALL, KPI_DISCOVERY_SHARE_PATROL);
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_GRID);
    vd_free(&p);
}

/* Households per grid worker (001: about 300): one grid per worker, so a
 * larger grid is covered less by the same patrol hours. */
Test(validity, larger_grids_find_problems_later)
{
    vd_pair p;
    vd_lever(&p, "600 households per grid worker", NONE,
             (const char *const[]){"staffing.households_per_grid_worker=600", NULL});
    vd_up(&p, GOV_GROUP_ALL, KPI_MEAN_DISCOVERY_H);
    vd_down(&p, GOV_GROUP_ALL, KPI_DISCOVERY_SHARE_PATROL);
    vd_down(&p, GOV_GROUP_ALL, KPI_PROBLEM_RESOLUTION_RATE);
    vd_up(&p, GOV_GROUP_ALL, KPI_UTILIZATION_GRID);
    vd_free(&p);
}

/* Fixing on the spot (S: 13-17 % of grid cases fixed by the patroller): more
 * city-management problems fixed at once, fewer reach the department. */
Test(validity, fixing_on_the_spot_unloads_departments)
{
    vd_pair p;
    vd_lever(&p, "city management fixed on the spot 15 % -> 45 %", NONE,
             (const char *const[]){"categories[2].on_spot_share=0.45", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_DEPARTMENT);
    vd_down(&p, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_up(&p, GOV_GROUP_ALL, KPI_PROACTIVE_SHARE);
    vd_free(&p);
}

/* Problems that worsen (an unrepaired fault becomes an emergency): with half
 * the latent property problems worsening into emergencies, problems worsen and
 * fewer are resolved in time from their birth. */
Test(validity, worsening_problems_cost_resolution)
{
    vd_pair p;
    vd_lever(&p, "half the latent property problems worsen", NONE,
             (const char *const[]){"categories[0].worsens_share=0.5", "categories[0].worsens_to=emergency",
                                   "categories[0].worsens_after=2d", NULL});
    vd_up(&p, GOV_GROUP_ALL, KPI_PROBLEMS_WORSENED);
    vd_down(&p, GOV_GROUP_ALL, KPI_PROBLEM_RESOLUTION_RATE);
    vd_free(&p);
}
