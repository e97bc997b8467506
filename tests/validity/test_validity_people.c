/*
 * Validity, people and money: community staffing, tasks pushed down and their
 * relief, meetings, turnover and pay, the community budget and the actors it
 * and residents pay for, cadres sent down, volunteers, classified governance.
 *
 * Community staffing shows only where community workers are the binding
 * constraint: in the default district departments are (84 % busy), so the
 * staffing levers are moved on a "community-bound" district: departments at
 * three times their establishment and community workers given 24 pushed-down
 * tasks a week (千线一针, 003). The other levers are moved on the default.
 */
#include <criterion/criterion.h>

#include "validity.h"

#define NONE ((const char *const[]){NULL})

#define COMMUNITY_BOUND "timeline=[{\"at\": \"0h\", \"department_staff_multiplier\": 3}]", \
                        "admin_tasks.community_per_worker_per_week=24", "staffing.min_community_workers=0"

/* Ordos: 18 community workers per 10,000 urban residents (001). Under load,
 * more workers: cases close sooner and in time, workers less busy. 6 -> 12. */
Test(validity, more_community_workers_resolve_more_in_time)
{
    vd_pair p;
    vd_lever(&p, "community workers 6 -> 12 per 10k (community-bound)",
             (const char *const[]){COMMUNITY_BOUND, "staffing.community_workers_per_10k=6", NULL},
             (const char *const[]){COMMUNITY_BOUND, "staffing.community_workers_per_10k=12", NULL});
    vd_up(&p, GOV_GROUP_URBAN, KPI_RESOLUTION_RATE);
    vd_down(&p, GOV_GROUP_URBAN, KPI_MEAN_RESOLUTION_H);
    vd_down(&p, GOV_GROUP_URBAN, KPI_UTILIZATION_COMMUNITY);
    vd_free(&p);
}

/* 还权、赋能、归位 (003): relieving half the pushed-down tasks halves the
 * administrative hours per worker (the size follows from the definition) and,
 * where community workers bind, closes cases sooner. */
Test(validity, relieving_pushed_down_tasks_frees_community_workers)
{
    vd_pair p;
    vd_lever(&p, "half the pushed-down tasks relieved (community-bound)",
             (const char *const[]){COMMUNITY_BOUND, "staffing.community_workers_per_10k=6", NULL},
             (const char *const[]){COMMUNITY_BOUND, "staffing.community_workers_per_10k=6",
                                   "admin_tasks.relieved_share=0.5", NULL});
    vd_size(&p, GOV_GROUP_ALL, KPI_ADMIN_HOURS_PER_WORKER_WEEK, 0.5);
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_down(&p, GOV_GROUP_URBAN, KPI_MEAN_RESOLUTION_H);
    vd_free(&p);
}

/* 微协商 (000): "a consultation every month"; weekly meetings settle the
 * cases that need residents' consent (renovation, urban) sooner. */
Test(validity, more_frequent_meetings_settle_consent_cases_sooner)
{
    vd_pair p;
    vd_lever(&p, "meetings every 7 days instead of 30", NONE, (const char *const[]){"consultation.interval=7d", NULL});
    vd_down(&p, GOV_GROUP_URBAN, KPI_MEAN_RESOLUTION_H);
    vd_free(&p);
}

/* Turnover (001: attrition stays high; S: 18-20 % a year): at 60 % a year the
 * quits follow, and vacancies and newcomers' slower work load the rest. */
Test(validity, high_turnover_loads_those_who_stay)
{
    vd_pair p;
    vd_lever(&p, "turnover 19 % -> 60 % a year", NONE, (const char *const[]){"workforce.turnover_per_year=0.6", NULL});
    vd_up(&p, GOV_GROUP_ALL, KPI_TURNOVER_PER_YEAR);
    vd_up(&p, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_free(&p);
}

/* 三岗十八级 pay (001): half as much pay again. The quit hazard falls as
 * pay^-1 (elasticity of separations near -1, Manning 2003); without the
 * overtime feedback that is the size of the change in turnover; the cost of
 * grid and community workers rises. */
Test(validity, better_pay_keeps_workers)
{
    vd_pair p;
    vd_lever(&p, "pay x 1.5", (const char *const[]){"workforce.overtime_sensitivity=0", NULL},
             (const char *const[]){"workforce.overtime_sensitivity=0", "workforce.pay_multiplier=1.5", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_TURNOVER_PER_YEAR);
    vd_size(&p, GOV_GROUP_ALL, KPI_TURNOVER_PER_YEAR, 1.0 / 1.5);
    vd_up(&p, GOV_GROUP_ALL, KPI_COST_PER_YEAR);
    vd_free(&p);
}

/* The community service budget (001: raised from 150k to at least 300k,
 * average 373k) buys services from social organisations, which take disputes
 * and services off the community workers. */
Test(validity, a_larger_budget_buys_services_that_unload_the_community)
{
    vd_pair p;
    vd_lever(&p, "budget 150k -> 373k", (const char *const[]){"costs.community_budget_per_year=150000", NULL},
             (const char *const[]){"costs.community_budget_per_year=373000", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_up(&p, GOV_GROUP_ALL, KPI_COST_PER_YEAR);
    vd_free(&p);
}

/* Property companies (物业) and owners' committees (002, 003): without them
 * the community takes every property case; a company whose fixes do not hold
 * sends them back to the community workers. */
Test(validity, property_companies_take_property_cases)
{
    vd_pair none, poor;
    vd_lever(&none, "no property companies", NONE,
             (const char *const[]){"actors.property.share={\"urban\": 0, \"fringe\": 0, \"rural\": 0}", NULL});
    vd_up(&none, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_lever(&poor, "property fixes hold 70 % -> 30 %", NONE, (const char *const[]){"actors.property.quality=0.3", NULL});
    vd_up(&poor, GOV_GROUP_URBAN, KPI_UTILIZATION_COMMUNITY);
    vd_free(&none);
    vd_free(&poor);
}

/* Social organisations (一核三治, 003): poorer services send more cases back
 * to the community workers. */
Test(validity, poor_social_services_return_work_to_the_community)
{
    vd_pair p;
    vd_lever(&p, "social services settle 90 % -> 30 %", NONE, (const char *const[]){"actors.social.quality=0.3", NULL});
    vd_up(&p, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_free(&p);
}

/* 下沉 (000, 002): cadres sent down to the communities for a window add hands
 * there: community workers are less busy. */
Test(validity, sinking_cadres_add_hands_in_the_communities)
{
    vd_pair p;
    vd_lever(&p, "30 department cadres sent down for 90 days", NONE,
             (const char *const[]){"sinking=[{\"start\": \"40d\", \"end\": \"130d\", \"staff_per_district\": 30}]", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_free(&p);
}

/* Party members keep in touch with 5 households each (001) and take simple
 * cases: community workers are less busy. */
Test(validity, volunteers_take_simple_cases)
{
    vd_pair p;
    vd_lever(&p, "volunteers and party members", NONE, (const char *const[]){"volunteers.enabled=true", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_COMMUNITY);
    vd_free(&p);
}

/* 分类治理 (000): rural areas get their own remedy (here the whistle for rural
 * townships); rural cases close sooner, and urban staffing and its cost are
 * untouched (避免一个方子治百病). */
Test(validity, classified_governance_changes_the_class_it_targets)
{
    vd_pair p;
    vd_lever(&p, "classified: rural townships blow the whistle", NONE,
             (const char *const[]){"classification.mode=classified", "classification.rural.routing.rule=whistle", NULL});
    vd_down(&p, GOV_GROUP_RURAL, KPI_MEAN_RESOLUTION_H);
    vd_same(&p, GOV_GROUP_URBAN, KPI_COST_PER_YEAR);
    vd_free(&p);
}

/* Departments bind in the default district (84 % busy): half as many staff
 * again (department_staff_multiplier 1 -> 1.5, the classroom's "department
 * staff" slider) makes them less busy and closes cases sooner, and costs more. */
Test(validity, more_department_staff_resolve_sooner_and_cost_more)
{
    vd_pair p;
    vd_lever(&p, "department staff x1 -> x1.5", (const char *const[]){"department_staff_multiplier=1", NULL},
             (const char *const[]){"department_staff_multiplier=1.5", NULL});
    vd_down(&p, GOV_GROUP_ALL, KPI_UTILIZATION_DEPARTMENT);
    vd_down(&p, GOV_GROUP_ALL, KPI_MEAN_RESOLUTION_H);
    vd_up(&p, GOV_GROUP_ALL, KPI_COST_PER_YEAR);
    vd_free(&p);
}
