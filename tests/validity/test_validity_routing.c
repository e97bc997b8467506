/*
 * Validity, the routing rules and what travels with them: each rule against
 * layered reporting (层层上报, the baseline the reforms attack, 004), points
 * on an order-grabbing platform, duplicates from several platforms, the
 * street's other burdens.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "validity.h"

#define NONE ((const char *const[]){NULL})

/* 街乡吹哨、部门报到 (004): the street dispatches department cases straight
 * away, without the community's hop: cases close sooner, the street command
 * carries less than when every case climbs through it. */
Test(validity, whistle_beats_layered_reporting)
{
    vd_pair p;
    vd_lever(&p, "whistle instead of layered", NONE, (const char *const[]){"routing.rule=whistle", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_up(&p, GOV_GROUP_ALL, KPI_RESOLUTION_RATE);
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_STREET);
    vd_free(&p);
}

/* 接诉即办 (000): 12345 dispatches straight to the unit, which serves by the
 * deadline: the street command is left out, cases close sooner. */
Test(validity, hotline_dispatch_skips_the_street)
{
    vd_pair p;
    vd_lever(&p, "hotline instead of layered", NONE, (const char *const[]){"routing.rule=hotline", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_STREET);
    vd_down(&p, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_free(&p);
}

/* 社区下单、部门抢单 (001): the community places the order, the first free
 * unit takes it: no street hop, and community workers place every order. */
Test(validity, grabbing_orders_loads_the_community_not_the_street)
{
    vd_pair p;
    vd_lever(&p, "grab instead of layered", NONE, (const char *const[]){"routing.rule=grab", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_STREET);
    vd_up(&p, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_down(&p, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_free(&p);
}

/* Points (积分, 001) are why units grab: with more points an order is taken
 * ahead of more of the unit's own work, so cases close sooner. */
Test(validity, grab_points_speed_up_taking_orders)
{
    vd_pair p;
    vd_lever(&p, "grab points 0 -> 5", (const char *const[]){"routing.rule=grab", "routing.grab_points=0", NULL},
             (const char *const[]){"routing.rule=grab", "routing.grab_points=5", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_down(&p, GOV_GROUP_ALL, KPI_MEAN_RESPONSE_MIN);
    vd_free(&p);
}

/* 多头派单、多头反馈 (001): three platforms dispatch the same event; the
 * duplicates' checking and reporting back lands on the base (the community),
 * not on the departments. The departments feel it only through the delays it
 * causes upstream: their change is a small fraction (under a tenth) of what
 * the same duplicates do to them when they land on the resolving unit. */
Test(validity, duplicate_dispatches_load_the_base)
{
    vd_pair base, resolver;
    const char *const one[] = {"routing.rule=multi_dispatch", "routing.platforms=1", NULL};
    vd_lever(&base, "three platforms instead of one network", one,
             (const char *const[]){"routing.rule=multi_dispatch", "routing.platforms=3", NULL});
    vd_up(&base, GOV_GROUP_ALL, KPI_DUPLICATE_DISPATCH_SHARE);
    vd_up(&base, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_lever(&resolver, "three platforms, duplicates at the resolving unit", one,
             (const char *const[]){"routing.rule=multi_dispatch", "routing.platforms=3",
                                   "routing.duplicate_to=resolver", NULL});
    vd_up(&resolver, GOV_GROUP_ALL, KPI_UTILIZATION_DEPARTMENT);
    double at_base = vd_mean_change(&base, GOV_GROUP_ALL, KPI_UTILIZATION_DEPARTMENT);
    double at_resolver = vd_mean_change(&resolver, GOV_GROUP_ALL, KPI_UTILIZATION_DEPARTMENT);
    cr_expect(fabs(at_base) < 0.1 * at_resolver,
              "departments: %+.5f with duplicates at the community, %+.5f at the resolver", at_base, at_resolver);
    vd_free(&base);
    vd_free(&resolver);
}

/* Streets carry investment attraction and other assessed tasks (003); with
 * three times the default, the command is busier and layered cases, which
 * climb through it, wait longer; relieving it all does the opposite. */
Test(validity, street_burdens_slow_the_cases_that_climb_through_it)
{
    vd_pair more, none;
    vd_lever(&more, "street tasks 4 -> 12 a week", NONE,
             (const char *const[]){"street_command.other_tasks_per_dispatcher_per_week=12", NULL});
    vd_up(&more, GOV_GROUP_ALL, KPI_UTILIZATION_STREET);
    vd_up(&more, GOV_GROUP_ALL, KPI_MEAN_RESPONSE_MIN);
    vd_up(&more, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_lever(&none, "street tasks relieved", NONE,
             (const char *const[]){"street_command.other_tasks_per_dispatcher_per_week=0", NULL});
    vd_down(&none, GOV_GROUP_ALL, KPI_UTILIZATION_STREET);
    vd_free(&more);
    vd_free(&none);
}

/* 考核排名 (004; the regulation, 2021): ranking the units every month on their
 * 12345 requests puts pressure on the bottom; where units close cases with an
 * explanation instead of fixing them (here 70 % fixed), the ranking makes them
 * fix more: residents judge more requests resolved and are more satisfied. */
Test(validity, the_monthly_ranking_raises_what_residents_judge_fixed)
{
    vd_pair p;
    vd_lever(&p, "monthly ranking on", (const char *const[]){"accountability.fix_share=0.7", NULL},
             (const char *const[]){"accountability.fix_share=0.7", "accountability.enabled=true", NULL});
    vd_up(&p, GOV_GROUP_ALL, KPI_HOTLINE_RESOLUTION_RATE);
    vd_up(&p, GOV_GROUP_ALL, KPI_HOTLINE_SATISFACTION_RATE);
    vd_free(&p);
}

/* 每月一题 (M): a root-cause policy for the month's most asked category
 * prevents a share of its problems, at a cost. */
Test(validity, the_monthly_topic_prevents_problems)
{
    vd_pair p;
    vd_lever(&p, "每月一题 on", NONE, (const char *const[]){"monthly_topic.enabled=true", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_PROBLEMS_TOTAL);
    vd_up(&p, GOV_GROUP_ALL, KPI_COST_PER_YEAR);
    vd_free(&p);
}

/* 退单: a third of the centre's dispatches reach the wrong department and come
 * back; a responsibility list (责任清单) that removes them closes cases
 * sooner and spares the departments the returns. */
Test(validity, wrong_dispatches_cost_time)
{
    vd_pair p;
    vd_lever(&p, "a third of 12345's dispatches wrong",
             (const char *const[]){"routing.rule=hotline", NULL},
             (const char *const[]){"routing.rule=hotline", "routing.wrong_dispatch_share=0.33", NULL});
    vd_up(&p, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_up(&p, GOV_GROUP_ALL, KPI_UTILIZATION_DEPARTMENT);
    vd_free(&p);
}
