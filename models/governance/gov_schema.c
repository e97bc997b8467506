/*
 * gov_schema.c — every field of a governance scenario: name, type, unit,
 * default, range, meaning and the mechanism of DOMAIN.md it represents. The
 * loader, the validation, `--param` sweeps and docs/scenario.md all come from
 * these tables (scn.h). Defaults cite their source as in gov_defaults.c.
 *
 * Arrays with built-in contents (categories, departments, shift blocks, daily
 * and weekly profiles) default to the lists in gov_defaults.c when a scenario
 * leaves them out; a scenario that gives one replaces the whole list.
 */
#include <stddef.h>
#include <stdio.h>

#include "gov.h"
#include "gov_route.h"
#include "gov_schema.h"
#include "route_registry.h"

#define DAYS_TO_H(d) ((d) * 24.0)

static const char *const resolver_names[] = {"grid", "community", "department", "consultation", NULL};
static const char *const class_names[] = {"urban", "fringe", "rural", NULL};
static const char *const mode_names[] = {"uniform", "classified", NULL};
static const char *const classify_names[] = {"given", "density", NULL};
static const char *const model_names[] = {"governance", NULL};
static const char *const actor_names[] = {"none", "property", "social", NULL};

/* ---- reusable small objects ---- */

/* Durations with their own defaults: the same shape appears with different
 * defaults for intake, handling, tasks ... (GOV_DIST_SCHEMA, gov_route.h). */
GOV_DIST_SCHEMA(grid_intake_schema, "exponential", 0.25, 1.0, "h", 8760, "a grid worker taking a report");
GOV_DIST_SCHEMA(community_intake_schema, "exponential", 0.5, 1.0, "h", 8760,
            "community workers reviewing a case (grab: placing the order)");
GOV_DIST_SCHEMA(admin_task_schema, "exponential", 1.0, 1.0, "h", 8760, "one administrative task");
GOV_DIST_SCHEMA(prep_schema, "exponential", 2.0, 1.0, "h", 8760, "preparing a case for the meeting");
GOV_DIST_SCHEMA(handling_schema, "lognormal", 3.0, 1.0, "h", 8760, "work to resolve a case at its resolver");
GOV_DIST_SCHEMA(line_task_schema, "exponential", 2.0, 1.0, "h", 8760, "one task of the department's own line work");
GOV_DIST_SCHEMA(hotline_intake_schema, "lognormal", 4.8, 0.5, "min", 525600,
            "answering a call and entering the order (4.8 min, S/M)");
GOV_DIST_SCHEMA(hotline_dispatch_schema, "lognormal", 3.7, 0.5, "min", 525600,
            "routing an order to a unit (call to dispatch 3.7 min, S/M)");
GOV_DIST_SCHEMA(street_task_schema, "exponential", 2.0, 1.0, "h", 8760, "one task outside governance");
GOV_DIST_SCHEMA(street_dispatch_schema, "exponential", 0.25, 1.0, "h", 8760,
            "the street command's triage and dispatch");

/* Three numbers, one per area class. */
#define CLASS_SCHEMA(var, u, f, r, lo, hi, unit_, what)                                            \
    static const scn_field var##_fields[] = {                                                   \
        {.name = "urban", .type = SCN_NUMBER, SCN_AT(gov_class_values, v[0]), .def = u,         \
         SCN_RANGE(lo, hi), .unit = unit_, .doc = "urban areas (城市地区)"},                     \
        {.name = "fringe", .type = SCN_NUMBER, SCN_AT(gov_class_values, v[1]), .def = f,        \
         SCN_RANGE(lo, hi), .unit = unit_, .doc = "urban-rural fringe (城乡结合部)"},             \
        {.name = "rural", .type = SCN_NUMBER, SCN_AT(gov_class_values, v[2]), .def = r,         \
         SCN_RANGE(lo, hi), .unit = unit_, .doc = "rural areas (农村地区)"},                     \
    };                                                                                           \
    static const scn_schema var = SCN_SCHEMA(gov_class_values, "per class", var##_fields, what)

CLASS_SCHEMA(class_shares_schema, 0.5, 0.2, 0.3, 0, 1, "share of residents", "classes of generated communities");
CLASS_SCHEMA(property_share_schema, 0.6, 0.3, 0.0, 0, 1, "share", "property cases the company takes");
CLASS_SCHEMA(community_size_schema, 6000, 6000, 1000, 50, 1e6, "residents",
             "residents of a generated community or village");
CLASS_SCHEMA(density_schema, 15000, 4000, 400, 1, 1e6, "residents per km2", "density of generated communities");
CLASS_SCHEMA(class_multiplier_schema, 1.0, 1.0, 0.8, 0, 100, "x", "demand per resident relative to the base rate");
CLASS_SCHEMA(mix_schema, 0.0, 0.0, 0.0, 0, 1e6, "weight", "weight in each class's demand mix");
CLASS_SCHEMA(latent_schema, 0.0, 0.0, 0.0, 0, 1, "share", "share only a patrol can find");
CLASS_SCHEMA(hotline_share_schema, 0.45, 0.35, 0.25, 0, 1, "share", "share of reports made to 12345");
CLASS_SCHEMA(app_share_schema, 0.15, 0.10, 0.05, 0, 1, "share", "share of reports made through the app");

/* ---- policy sections (one copy per class under classified governance) ---- */

static const scn_field staffing_fields[] = {
    {.name = "community_workers_per_10k", .type = SCN_NUMBER, SCN_AT(gov_staffing_cfg, community_workers_per_10k),
     .def = 18, SCN_RANGE(0, 1000), .unit = "workers per 10,000 residents", .flags = SCN_LIVE | SCN_LEVER,
     .doc = "professional community workers (社区工作者) per 10,000 residents of an urban or fringe community "
            "(villages: village_workers_per_10k)",
     .mechanism = "Ordos standard: 18 per 10,000 urban residents (001)",
     .label = "Community workers per 10,000 residents", .label_zh = "每万城镇常住人口社区工作者数",
     SCN_LEVER_RANGE(4, 40, 1)},
    {.name = "min_community_workers", .type = SCN_NUMBER, SCN_AT(gov_staffing_cfg, min_community_workers),
     .def = 9, SCN_RANGE(0, 10000), .unit = "workers", .flags = SCN_LIVE,
     .doc = "least community workers per urban or fringe community (a warning when it overrides the ratio)",
     .mechanism = "Beijing: at least 9 per community (S)"},
    {.name = "village_workers_per_10k", .type = SCN_NUMBER, SCN_AT(gov_staffing_cfg, village_workers_per_10k),
     .def = 35, SCN_RANGE(0, 1000), .unit = "workers per 10,000 residents", .flags = SCN_LIVE,
     .doc = "village cadres (村两委) per 10,000 residents of a rural village (the community ratio is per urban "
            "resident)",
     .mechanism = "assumption (W) within the law: a village committee has 3 to 7 members (村民委员会组织法 art. 6), "
                  "4 for a village of 1,000, 7 for 2,000"},
    {.name = "min_village_workers", .type = SCN_NUMBER, SCN_AT(gov_staffing_cfg, min_village_workers),
     .def = 3, SCN_RANGE(0, 10000), .unit = "workers", .flags = SCN_LIVE,
     .doc = "least cadres per rural village", .mechanism = "at least 3 committee members (村民委员会组织法 art. 6)"},
    {.name = "households_per_grid_worker", .type = SCN_NUMBER, SCN_AT(gov_staffing_cfg, households_per_grid_worker),
     .def = 300, SCN_RANGE(10, 100000), .unit = "households", .flags = SCN_LIVE | SCN_LEVER,
     .doc = "households one grid worker (网格员) serves; one grid per worker",
     .mechanism = "about 300 households per grid worker (001)",
     .label = "Households per grid worker", .label_zh = "每名网格员服务户数",
     SCN_LEVER_RANGE(100, 1000, 50)},
    {.name = "grid_part_time_share", .type = SCN_SHARE, SCN_AT(gov_staffing_cfg, grid_part_time_share),
     .def = 0.3, .flags = SCN_LIVE, .doc = "share of grid workers who are part-time",
     .mechanism = "full- and part-time grid workers: 5,169 for 2,445 grids (001)"},
    {.name = "part_time_hours_share", .type = SCN_SHARE, SCN_AT(gov_staffing_cfg, part_time_hours_share),
     .def = 0.5, .flags = SCN_LIVE, .doc = "part of each shift a part-timer works (its beginning)"},
    {.name = "grid_intake", .type = SCN_OBJECT, SCN_AT(gov_staffing_cfg, grid_intake), .sub = &grid_intake_schema,
     .flags = SCN_LIVE, .doc = "a grid worker taking a report"},
    {.name = "community_intake", .type = SCN_OBJECT, SCN_AT(gov_staffing_cfg, community_intake),
     .sub = &community_intake_schema, .flags = SCN_LIVE, .doc = "community review of a case"},
};
static const scn_schema staffing_schema =
    SCN_SCHEMA(gov_staffing_cfg, "staffing", staffing_fields, "how many staff each role has");

static const scn_field patrol_fields[] = {
    {.name = "per_day", .type = SCN_NUMBER, SCN_AT(gov_patrol_cfg, per_day), .def = 1, SCN_RANGE(0, 48),
     .flags = SCN_LIVE, .doc = "patrols of each grid per day (requests made off duty wait for the shift)",
     .mechanism = "grid workers and street chiefs patrol daily (001, 004)"},
    {.name = "duration", .type = SCN_DURATION, SCN_AT(gov_patrol_cfg, duration), .unit = "h", .def = 2,
     SCN_ABOVE(0, 24), .flags = SCN_LIVE, .doc = "time one patrol takes"},
    {.name = "households_per_hour", .type = SCN_NUMBER, SCN_AT(gov_patrol_cfg, households_per_hour), .def = 150,
     SCN_ABOVE(0, 1e6), .unit = "households per hour", .flags = SCN_LIVE,
     .doc = "households (and the streets around them) one patrol covers an hour: a patrol of a grid of H "
            "households covers min(1, duration x rate / H) of it",
     .mechanism = "assumption (W): a 2-hour daily patrol covers a 300-household grid (001) once; a grid four times "
                  "larger is visited a quarter as often"},
    {.name = "detection_probability", .type = SCN_SHARE, SCN_AT(gov_patrol_cfg, detection_probability),
     .def = 0.5, .flags = SCN_LIVE, .doc = "chance a patrol that visits a latent problem's place finds it",
     .mechanism = "93-97.6 % of city-management cases are found by patrol (S/M)"},
};
static const scn_schema patrol_schema = SCN_SCHEMA(gov_patrol_cfg, "patrol", patrol_fields, "grid patrols");

static const scn_field admin_fields[] = {
    {.name = "community_per_worker_per_week", .type = SCN_NUMBER,
     SCN_AT(gov_admin_cfg, community_per_worker_per_week), .def = 8, SCN_RANGE(0, 1000), .unit = "tasks",
     .flags = SCN_LIVE, .doc = "administrative tasks pushed down to each community worker per week",
     .mechanism = "千线一针: forms, inspections, quotas from departments (003, 001)"},
    {.name = "grid_per_worker_per_week", .type = SCN_NUMBER, SCN_AT(gov_admin_cfg, grid_per_worker_per_week),
     .def = 5, SCN_RANGE(0, 1000), .unit = "tasks", .flags = SCN_LIVE,
     .doc = "administrative tasks per grid worker per week"},
    {.name = "task", .type = SCN_OBJECT, SCN_AT(gov_admin_cfg, task), .sub = &admin_task_schema,
     .flags = SCN_LIVE, .doc = "time one task takes"},
    {.name = "limit", .type = SCN_DURATION, SCN_AT(gov_admin_cfg, limit), .unit = "h", .def = DAYS_TO_H(3),
     SCN_RANGE(0, 8760), .flags = SCN_LIVE, .doc = "a task is due this long after it arrives (its place in the queue)"},
    {.name = "relieved_share", .type = SCN_SHARE, SCN_AT(gov_admin_cfg, relieved_share), .def = 0,
     .flags = SCN_LIVE | SCN_LEVER, .doc = "share of the tasks removed", .mechanism = "还权、赋能、归位 (003)",
     .label = "Share of administrative tasks removed", .label_zh = "行政事务减负比例",
     SCN_LEVER_RANGE(0, 1, 0.05)},
};
static const scn_schema admin_schema =
    SCN_SCHEMA(gov_admin_cfg, "administrative tasks", admin_fields, "tasks pushed down from above");

static const scn_field consult_fields[] = {
    {.name = "interval", .type = SCN_DURATION, SCN_AT(gov_consult_cfg, interval), .unit = "d",
     .def = 30, SCN_ABOVE(0, 3650), .flags = SCN_LIVE, .doc = "time between meetings",
     .mechanism = "微协商: a consultation every month (000)"},
    {.name = "first", .type = SCN_DURATION, SCN_AT(gov_consult_cfg, first), .unit = "h",
     .def = DAYS_TO_H(10) + 19, SCN_RANGE(0, 87600), .flags = SCN_LIVE, .doc = "time of the first meeting"},
    {.name = "prep", .type = SCN_OBJECT, SCN_AT(gov_consult_cfg, prep), .sub = &prep_schema, .flags = SCN_LIVE,
     .doc = "community work to prepare a case for the meeting"},
};
static const scn_schema consult_schema =
    SCN_SCHEMA(gov_consult_cfg, "consultation", consult_fields, "residents' micro-consultation meetings");

static const scn_field volunteer_fields[] = {
    {.name = "enabled", .type = SCN_BOOL, SCN_AT(gov_volunteer_cfg, enabled), .def = 0, .flags = SCN_LIVE,
     .doc = "volunteers and party members take simple (volunteer_ok) cases",
     .mechanism = "party members, volunteers and social organisations (001, 003)"},
    {.name = "households_per_party_member", .type = SCN_NUMBER,
     SCN_AT(gov_volunteer_cfg, households_per_party_member), .def = 5, SCN_RANGE(1, 100000),
     .flags = SCN_LIVE, .doc = "households each party member keeps in touch with",
     .mechanism = "each party member keeps in touch with 5 households (001)"},
    {.name = "hours_per_member_per_week", .type = SCN_NUMBER,
     SCN_AT(gov_volunteer_cfg, hours_per_member_per_week), .def = 1, SCN_RANGE(0, 40), .unit = "h",
     .flags = SCN_LIVE, .doc = "hours each gives per week (pooled as 40-hour equivalents)"},
};
static const scn_schema volunteer_schema =
    SCN_SCHEMA(gov_volunteer_cfg, "volunteers", volunteer_fields, "volunteer capacity");

static const scn_field property_fields[] = {
    {.name = "share", .type = SCN_OBJECT, SCN_AT(gov_property_cfg, share), .sub = &property_share_schema,
     .flags = SCN_LIVE, .doc = "share of property-actor cases the property company (物业) takes instead of the community",
     .mechanism = "managed compounds in towns, few in villages (W); property management is among the top 12345 "
                  "categories (5.5 %, S)"},
    {.name = "staff_per_1000_households", .type = SCN_NUMBER, SCN_AT(gov_property_cfg, staff_per_1000_households),
     .def = 1, SCN_RANGE(0, 1000), .flags = SCN_LIVE, .unit = "staff per 1,000 households",
     .doc = "the company's staff for residents' cases (0: none; its cases stay with the community)",
     .mechanism = "assumption (W)"},
    {.name = "quality", .type = SCN_SHARE, SCN_AT(gov_property_cfg, quality), .def = 0.7, .flags = SCN_LIVE,
     .doc = "share of its fixes that hold; the rest return to the community workers",
     .mechanism = "owners' committees (业委会) hold companies to account (002, 003); the value is an assumption (W)"},
};
static const scn_schema property_schema =
    SCN_SCHEMA(gov_property_cfg, "property companies", property_fields, "物业 and owners' committees");

static const scn_field social_fields[] = {
    {.name = "budget_share", .type = SCN_SHARE, SCN_AT(gov_social_cfg, budget_share), .def = 0.5, .flags = SCN_LIVE,
     .doc = "share of each community's service budget (costs.community_budget_per_year) that buys services from "
            "social organisations; pooled per street",
     .mechanism = "the budget buys services (政府购买服务, 001); the share is an assumption (W)"},
    {.name = "cost_per_hour", .type = SCN_NUMBER, SCN_AT(gov_social_cfg, cost_per_hour), .def = 150,
     SCN_ABOVE(0, 1e6), .unit = "yuan", .flags = SCN_LIVE, .doc = "price of an hour of purchased service (W)"},
    {.name = "quality", .type = SCN_SHARE, SCN_AT(gov_social_cfg, quality), .def = 0.9, .flags = SCN_LIVE,
     .doc = "share of its cases settled; the rest return to the community workers (W)"},
};
static const scn_schema social_schema =
    SCN_SCHEMA(gov_social_cfg, "social organisations", social_fields, "services the community budget buys");

static const scn_field actors_fields[] = {
    {.name = "property", .type = SCN_OBJECT, SCN_AT(gov_actors_cfg, property), .sub = &property_schema,
     .flags = SCN_LIVE, .doc = "property companies (物业) for categories whose actor is property"},
    {.name = "social", .type = SCN_OBJECT, SCN_AT(gov_actors_cfg, social), .sub = &social_schema,
     .flags = SCN_LIVE, .doc = "social organisations for categories whose actor is social"},
};
static const scn_schema actors_schema =
    SCN_SCHEMA(gov_actors_cfg, "actors", actors_fields, "actors besides the staff (一核三治, 003)");

static const scn_field accountability_fields[] = {
    {.name = "enabled", .type = SCN_BOOL, SCN_AT(gov_accountability_cfg, enabled), .def = 0, .flags = SCN_LIVE,
     .doc = "rank streets and departments every month on their 12345 requests' three rates (考核排名)",
     .mechanism = "monthly ranking of streets and departments under 接诉即办 (004; the regulation, 2021)"},
    {.name = "fix_share", .type = SCN_SHARE, SCN_AT(gov_accountability_cfg, fix_share), .def = 1, .flags = SCN_LIVE,
     .doc = "share of cases a unit fixes rather than closes with an explanation or a referral, without pressure "
            "(1: every closed case is fixed); the rest the resident judges unresolved"},
    {.name = "base_pressure", .type = SCN_SHARE, SCN_AT(gov_accountability_cfg, base_pressure), .def = 0.3,
     .flags = SCN_LIVE, .doc = "every unit's pressure while the loop runs (W)"},
    {.name = "bottom_share", .type = SCN_SHARE, SCN_AT(gov_accountability_cfg, bottom_share), .def = 0.2,
     .flags = SCN_LIVE, .doc = "share of the units ranked at the bottom each month (W)"},
    {.name = "pressure_step", .type = SCN_SHARE, SCN_AT(gov_accountability_cfg, pressure_step), .def = 0.5,
     .flags = SCN_LIVE, .doc = "pressure added to a bottom-ranked unit (W)"},
    {.name = "pressure_decay", .type = SCN_SHARE, SCN_AT(gov_accountability_cfg, pressure_decay), .def = 0.7,
     .flags = SCN_LIVE, .doc = "share of a unit's pressure kept from one month to the next (W)"},
    {.name = "fix_gain", .type = SCN_NUMBER, SCN_AT(gov_accountability_cfg, fix_gain), .def = 1, SCN_RANGE(0, 10),
     .flags = SCN_LIVE, .doc = "pressure p raises the fix share to fix_share + (1 - fix_share) x gain x p (W)"},
    {.name = "priority_weight", .type = SCN_SHARE, SCN_AT(gov_accountability_cfg, priority_weight), .def = 0.5,
     .flags = SCN_LIVE,
     .doc = "pressure p puts a 12345 request due after (1 - weight x p) of the unit's allowance (W)"},
};
static const scn_schema accountability_schema = SCN_SCHEMA(gov_accountability_cfg, "accountability",
                                                           accountability_fields, "考核排名: the monthly ranking");

static const scn_field topic_fields[] = {
    {.name = "enabled", .type = SCN_BOOL, SCN_AT(gov_topic_cfg, enabled), .def = 0, .flags = SCN_LIVE,
     .doc = "每月一题: each month the category most asked about through 12345 gets a root-cause policy",
     .mechanism = "Beijing's 每月一题 under 接诉即办 (M)"},
    {.name = "reduction", .type = SCN_SHARE, SCN_AT(gov_topic_cfg, reduction), .def = 0.2, .flags = SCN_LIVE,
     .doc = "share of the category's problems the policy prevents (W)"},
    {.name = "lag", .type = SCN_DURATION, SCN_AT(gov_topic_cfg, lag), .unit = "d", .def = 90, SCN_RANGE(0, 3650),
     .flags = SCN_LIVE, .doc = "from the choice of the topic to the effect (W)"},
    {.name = "cost", .type = SCN_NUMBER, SCN_AT(gov_topic_cfg, cost), .def = 1e6, SCN_RANGE(0, 1e12),
     .unit = "yuan", .flags = SCN_LIVE, .doc = "cost of one topic's policy (W)"},
    {.name = "proactive_boost", .type = SCN_NUMBER, SCN_AT(gov_topic_cfg, proactive_boost), .def = 0.5,
     SCN_RANGE(0, 100), .flags = SCN_LIVE,
     .doc = "未诉先办: patrols find problems of a treated category (1 + boost) times as often (W)"},
};
static const scn_schema topic_schema =
    SCN_SCHEMA(gov_topic_cfg, "monthly topic", topic_fields, "每月一题 and 未诉先办");

#define POLICY_SECTIONS(base)                                                                       \
    {.name = "staffing", .type = SCN_OBJECT, .offset = (base) + offsetof(gov_policy_cfg, staffing),  \
     .size = sizeof(gov_staffing_cfg), .sub = &staffing_schema, .doc = "staffing ratios"},             \
    {.name = "routing", .type = SCN_OBJECT, .offset = (base) + offsetof(gov_policy_cfg, routing),     \
     .size = sizeof(gov_routing_cfg), .sub = &route_routing_schema, .doc = "routing rule"},                  \
    {.name = "patrol", .type = SCN_OBJECT, .offset = (base) + offsetof(gov_policy_cfg, patrol),       \
     .size = sizeof(gov_patrol_cfg), .sub = &patrol_schema, .doc = "grid patrols"},                    \
    {.name = "admin_tasks", .type = SCN_OBJECT, .offset = (base) + offsetof(gov_policy_cfg, admin_tasks), \
     .size = sizeof(gov_admin_cfg), .sub = &admin_schema, .doc = "administrative tasks (千线一针)"},     \
    {.name = "consultation", .type = SCN_OBJECT,                                                      \
     .offset = (base) + offsetof(gov_policy_cfg, consultation), .size = sizeof(gov_consult_cfg),       \
     .sub = &consult_schema, .doc = "micro-consultation (微协商)"},                                    \
    {.name = "volunteers", .type = SCN_OBJECT, .offset = (base) + offsetof(gov_policy_cfg, volunteers), \
     .size = sizeof(gov_volunteer_cfg), .sub = &volunteer_schema, .doc = "volunteers and party members"}, \
    {.name = "actors", .type = SCN_OBJECT, .offset = (base) + offsetof(gov_policy_cfg, actors),        \
     .size = sizeof(gov_actors_cfg), .sub = &actors_schema,                                            \
     .doc = "property companies and social organisations (一核三治)"},                                   \
    {.name = "accountability", .type = SCN_OBJECT,                                                    \
     .offset = (base) + offsetof(gov_policy_cfg, accountability), .size = sizeof(gov_accountability_cfg), \
     .sub = &accountability_schema, .doc = "the monthly ranking of units (考核排名)"},                  \
    {.name = "monthly_topic", .type = SCN_OBJECT, .offset = (base) + offsetof(gov_policy_cfg, monthly_topic), \
     .size = sizeof(gov_topic_cfg), .sub = &topic_schema, .doc = "每月一题 and 未诉先办"}

static const scn_field policy_fields[] = {POLICY_SECTIONS(0)};
static const scn_schema policy_schema = SCN_SCHEMA(
    gov_policy_cfg, "class policy", policy_fields,
    "a class's own policy: any field of the top-level policy sections, overriding them for that class");

const scn_schema *gov_policy_schema(void) { return &policy_schema; }

/* ---- the region ---- */

static const scn_field community_fields[] = {
    {.name = "name", .type = SCN_STRING, SCN_AT(gov_community_cfg, name), .flags = SCN_REQUIRED | SCN_NONEMPTY,
     .max_count = 200, .doc = "the community's or village's name (UTF-8)"},
    {.name = "street", .type = SCN_STRING, SCN_AT(gov_community_cfg, street), .def_str = "street", .max_count = 200,
     .doc = "its street (街道) or township (乡镇)"},
    {.name = "district", .type = SCN_STRING, SCN_AT(gov_community_cfg, district), .def_str = "district",
     .max_count = 200, .doc = "its district (区)"},
    {.name = "class", .type = SCN_ENUM, SCN_AT(gov_community_cfg, area_class), .choices = class_names,
     .def_str = "urban", .doc = "area class (replaced by classify_by = density)",
     .mechanism = "分类治理: urban, urban-rural fringe, rural (000)"},
    {.name = "residents", .type = SCN_NUMBER, SCN_AT(gov_community_cfg, residents), .flags = SCN_REQUIRED,
     SCN_ABOVE(0, 1e7), .unit = "residents", .doc = "residents", .mechanism = "Chengdu: 12,000 on average (003)"},
    {.name = "households", .type = SCN_NUMBER, SCN_AT(gov_community_cfg, households), .def = 0, SCN_RANGE(0, 1e7),
     .unit = "households", .doc = "households (0: residents / persons_per_household)"},
    {.name = "area_km2", .type = SCN_NUMBER, SCN_AT(gov_community_cfg, area_km2), .def = 0, SCN_RANGE(0, 1e5),
     .unit = "km2", .doc = "area, for classify_by = density (0: unknown)"},
};
static const scn_schema community_schema =
    SCN_SCHEMA(gov_community_cfg, "community", community_fields, "one community or village");

static const scn_field generate_fields[] = {
    {.name = "residents", .type = SCN_NUMBER, SCN_AT(gov_generate_cfg, residents), .def = 120000,
     SCN_ABOVE(0, 1e9), .unit = "residents", .doc = "residents of the whole region",
     .label = "residents", .label_zh = "常住人口"},
    {.name = "class_shares", .type = SCN_OBJECT, SCN_AT(gov_generate_cfg, class_shares),
     .sub = &class_shares_schema,
     .doc = "share of the residents living in each class (normalised; a warning when they do not add up to 1)"},
    {.name = "residents_per_community", .type = SCN_OBJECT, SCN_AT(gov_generate_cfg, residents_per_community),
     .sub = &community_size_schema,
     .doc = "size of a generated community (urban, fringe) or village (rural), when `communities` is 0",
     .mechanism = "Beijing's 2021 standard: about 2,000 households / 6,000 residents a community, at most 9,000 "
                  "(S); villages: about 1,000 residents (rural residents / administrative villages, W)"},
    {.name = "communities", .type = SCN_INTEGER, SCN_AT(gov_generate_cfg, communities), .def = 0,
     SCN_RANGE(0, 1000000),
     .doc = "communities and villages; 0: each class's residents / its residents_per_community. Given, "
            "they are all the same size and class_shares are also shares of communities"},
    {.name = "communities_per_street", .type = SCN_NUMBER, SCN_AT(gov_generate_cfg, communities_per_street),
     .def = 20, SCN_RANGE(1, 10000), .doc = "communities and villages of a street or township, when `streets` is 0",
     .mechanism = "Beijing: about 7,300 communities and villages in 343 streets and townships (W)"},
    {.name = "streets", .type = SCN_INTEGER, SCN_AT(gov_generate_cfg, streets), .def = 0, SCN_RANGE(0, 100000),
     .doc = "streets and townships; 0: communities / communities_per_street, rounded up"},
    {.name = "streets_per_district", .type = SCN_NUMBER, SCN_AT(gov_generate_cfg, streets_per_district),
     .def = 20, SCN_RANGE(1, 10000), .doc = "streets and townships of a district, when `districts` is 0",
     .mechanism = "Beijing: 343 streets and townships in 16 districts (W)"},
    {.name = "districts", .type = SCN_INTEGER, SCN_AT(gov_generate_cfg, districts), .def = 0, SCN_RANGE(0, 1000),
     .doc = "districts (区); 0: streets / streets_per_district, rounded up"},
    {.name = "density_per_km2", .type = SCN_OBJECT, SCN_AT(gov_generate_cfg, density_per_km2),
     .sub = &density_schema, .doc = "typical density of each class (0.5x to 1.5x within a class)"},
};
static const scn_schema generate_schema =
    SCN_SCHEMA(gov_generate_cfg, "generated region", generate_fields, "a region generated from totals");

static const scn_field region_fields[] = {
    {.name = "persons_per_household", .type = SCN_NUMBER, SCN_AT(gov_region_cfg, persons_per_household),
     .def = 2.62, SCN_RANGE(1, 20), .doc = "residents per household (census average, W)"},
    {.name = "standard_max_residents", .type = SCN_NUMBER, SCN_AT(gov_region_cfg, standard_max_residents),
     .def = 9000, SCN_RANGE(0, 1e9), .unit = "residents",
     .doc = "a community (not a village) above this size gets a warning; 0: none",
     .mechanism = "Beijing's 2021 standard: at most 3,000 households / 9,000 residents (S)"},
    {.name = "generate", .type = SCN_OBJECT, SCN_AT(gov_region_cfg, generate), .sub = &generate_schema,
     .doc = "used when `communities` is empty"},
    {.name = "communities", .type = SCN_ARRAY, SCN_AT(gov_region_cfg, communities),
     SCN_COUNT_AT(gov_region_cfg, n_communities), .sub = &community_schema, .max_count = 100000,
     .doc = "communities listed one by one (replaces `generate`)"},
};
static const scn_schema region_schema = SCN_SCHEMA(gov_region_cfg, "region", region_fields,
                                                   "district 区 → street 街道 / township 乡镇 → community 社区 / village 村 → grid 网格");

static const scn_field classification_fields[] = {
    {.name = "mode", .type = SCN_ENUM, SCN_AT(gov_classification_cfg, mode), .choices = mode_names,
     .def_str = "uniform", .doc = "uniform: every class uses the top-level policy; classified: each class may override it",
     .mechanism = "分类治理 vs 一个方子治百病 (000)",
     .flags = SCN_LEVER, .label = "Classification", .label_zh = "分类治理"},
    {.name = "classify_by", .type = SCN_ENUM, SCN_AT(gov_classification_cfg, classify_by),
     .choices = classify_names, .def_str = "given", .doc = "given: classes as listed/generated; density: from residents per km2"},
    {.name = "urban_min_density_per_km2", .type = SCN_NUMBER, SCN_AT(gov_classification_cfg, urban_min_density),
     .def = 8000, SCN_RANGE(0, 1e6), .doc = "density from which a community is urban"},
    {.name = "rural_max_density_per_km2", .type = SCN_NUMBER, SCN_AT(gov_classification_cfg, rural_max_density),
     .def = 1000, SCN_RANGE(0, 1e6), .doc = "density below which a community is rural (in between: fringe)"},
    {.name = "urban", .type = SCN_OBJECT, SCN_AT(gov_classification_cfg, set.cls[0]), .sub = &policy_schema,
     .doc = "urban areas' own policy (classified mode)", .label = "urban areas", .label_zh = "城市地区"},
    {.name = "fringe", .type = SCN_OBJECT, SCN_AT(gov_classification_cfg, set.cls[1]), .sub = &policy_schema,
     .doc = "fringe areas' own policy (classified mode)", .label = "urban-rural fringe", .label_zh = "城乡结合部"},
    {.name = "rural", .type = SCN_OBJECT, SCN_AT(gov_classification_cfg, set.cls[2]), .sub = &policy_schema,
     .doc = "rural areas' own policy (classified mode)", .label = "rural areas", .label_zh = "农村地区"},
};
static const scn_schema classification_schema = SCN_SCHEMA(
    gov_classification_cfg, "classification", classification_fields, "area classes and classified governance");

/* ---- demand and categories ---- */

static const scn_field surge_fields[] = {
    {.name = "start", .type = SCN_DURATION, SCN_AT(gov_surge_cfg, start), .unit = "d", .flags = SCN_REQUIRED,
     SCN_RANGE(0, 36500), .doc = "start of the window"},
    {.name = "end", .type = SCN_DURATION, SCN_AT(gov_surge_cfg, end), .unit = "d", .flags = SCN_REQUIRED,
     SCN_RANGE(0, 36500), .doc = "end of the window"},
    {.name = "multiplier", .type = SCN_NUMBER, SCN_AT(gov_surge_cfg, multiplier), .def = 3, SCN_RANGE(0, 1000),
     .doc = "demand multiplier in the window", .mechanism = "突发: a sudden surge of demand (002)"},
    {.name = "category", .type = SCN_STRING, SCN_AT(gov_surge_cfg, category), .max_count = 100,
     .doc = "only this category (absent: all)"},
};
static const scn_schema surge_schema = SCN_SCHEMA(gov_surge_cfg, "surge", surge_fields, "a window of extra demand");

static const scn_field demand_fields[] = {
    {.name = "per_1000_residents_per_day", .type = SCN_NUMBER, SCN_AT(gov_demand_cfg, per_1000_residents_per_day),
     .def = 3.5, SCN_RANGE(0, 10000), .unit = "problems per 1,000 residents per day",
     .doc = "problems residents have (reported or latent) on an average day",
     .mechanism = "12345: about 24 M requests a year for 21.8 M residents (S), plus patrol-found cases"},
    {.name = "class_multiplier", .type = SCN_OBJECT, SCN_AT(gov_demand_cfg, class_multiplier),
     .sub = &class_multiplier_schema, .doc = "demand per resident by class"},
    {.name = "daily_profile", .type = SCN_NUMBER_LIST, SCN_AT(gov_demand_cfg, daily),
     SCN_COUNT_AT(gov_demand_cfg, n_daily), SCN_RANGE(0, 1000), .max_count = 24,
     .doc = "24 relative weights, hour 0 first (normalised to mean 1; default: office-hours peak)"},
    {.name = "weekly_profile", .type = SCN_NUMBER_LIST, SCN_AT(gov_demand_cfg, weekly),
     SCN_COUNT_AT(gov_demand_cfg, n_weekly), SCN_RANGE(0, 1000), .max_count = 7,
     .doc = "7 relative weights, Monday first (normalised to mean 1)"},
    {.name = "multiplier", .type = SCN_NUMBER, SCN_AT(gov_demand_cfg, multiplier), .def = 1, SCN_RANGE(0, 1000),
     .doc = "scales all demand (a timeline entry may change it)", .mechanism = "ageing, growth: long-run trends (002)",
     .flags = SCN_LEVER, .label = "Demand level (× base)", .label_zh = "诉求量（基准倍数）",
     SCN_LEVER_RANGE(0.5, 2, 0.1)},
    {.name = "hotline_share_multiplier", .type = SCN_NUMBER, SCN_AT(gov_demand_cfg, hotline_share_multiplier),
     .def = 1, SCN_RANGE(0, 100),
     .doc = "every category's hotline_share times this (at most 1; the app's share gives way): residents turning "
            "to 12345 rather than the grid worker",
     .mechanism = "Beijing's 12345 intake grew from 7 M (2019) to about 24 M (2024) a year (S/M)"},
    {.name = "surges", .type = SCN_ARRAY, SCN_AT(gov_demand_cfg, surges), SCN_COUNT_AT(gov_demand_cfg, n_surges),
     .sub = &surge_schema, .max_count = 1000, .doc = "windows of extra demand"},
};
static const scn_schema demand_schema =
    SCN_SCHEMA(gov_demand_cfg, "demand", demand_fields, "residents' problems: a non-homogeneous Poisson process");

static const scn_field category_fields[] = {
    {.name = "name", .type = SCN_STRING, SCN_AT(gov_category_cfg, name), .flags = SCN_REQUIRED | SCN_NONEMPTY,
     .max_count = 100, .doc = "the category's name"},
    {.name = "resolver", .type = SCN_ENUM, SCN_AT(gov_category_cfg, resolver), .choices = resolver_names,
     .def_str = "community", .doc = "who can close it", .mechanism = "权责: who holds the power to resolve (004)"},
    {.name = "department", .type = SCN_STRING, SCN_AT(gov_category_cfg, department), .max_count = 100,
     .doc = "the department, when resolver is department"},
    {.name = "mix", .type = SCN_OBJECT, SCN_AT(gov_category_cfg, mix), .sub = &mix_schema,
     .doc = "weight in each class's demand mix", .mechanism = "what residents ask for differs by area (000)"},
    {.name = "latent_share", .type = SCN_OBJECT, SCN_AT(gov_category_cfg, latent_share), .sub = &latent_schema,
     .doc = "share of problems nobody reports (a patrol must find them)"},
    {.name = "hotline_share", .type = SCN_OBJECT, SCN_AT(gov_category_cfg, channel_hotline),
     .sub = &hotline_share_schema, .doc = "share of reports made to 12345"},
    {.name = "app_share", .type = SCN_OBJECT, SCN_AT(gov_category_cfg, channel_app), .sub = &app_share_schema,
     .doc = "share of reports made through the app (the rest tell the grid worker)"},
    {.name = "urgent", .type = SCN_BOOL, SCN_AT(gov_category_cfg, urgent), .def = 0,
     .doc = "served first, by on-call staff off hours; the whistle's on-site limit applies"},
    {.name = "time_limit", .type = SCN_DURATION, SCN_AT(gov_category_cfg, time_limit), .unit = "d", .def = 7,
     SCN_ABOVE(0, 3650), .doc = "resolution within this counts for resolution_rate",
     .mechanism = "limits: emergencies 2 h, general 7 d, complex 15 d (W)"},
    {.name = "response_limit", .type = SCN_DURATION, SCN_AT(gov_category_cfg, response_limit), .unit = "h",
     .def = 24, SCN_ABOVE(0, 87600), .doc = "first contact within this counts for response_rate"},
    {.name = "handling", .type = SCN_OBJECT, SCN_AT(gov_category_cfg, handling), .sub = &handling_schema,
     .doc = "work to resolve it (plus travel for departments)"},
    {.name = "on_spot_share", .type = SCN_SHARE, SCN_AT(gov_category_cfg, on_spot_share), .def = 0,
     .doc = "share the grid worker fixes at first contact", .mechanism = "13-17 % of grid cases fixed on the spot (S)"},
    {.name = "hotline_intake_share", .type = SCN_SHARE, SCN_AT(gov_category_cfg, hotline_intake_share), .def = 0.59,
     .doc = "share of its 12345 calls answered at intake", .mechanism = "about 41 % of calls dispatched (S)"},
    {.name = "volunteer_ok", .type = SCN_BOOL, SCN_AT(gov_category_cfg, volunteer_ok), .def = 0,
     .doc = "volunteers and party members may take it"},
    {.name = "actor", .type = SCN_ENUM, SCN_AT(gov_category_cfg, actor), .choices = actor_names, .def_str = "none",
     .doc = "a community case of it may go to a property company (property) or a social organisation (social); "
            "actors.* say how much",
     .mechanism = "一核三治: many actors govern together (002, 003)"},
    {.name = "latent_report_after", .type = SCN_DURATION, SCN_AT(gov_category_cfg, latent_report_after), .unit = "d",
     .def = 10, SCN_ABOVE(0, 36500),
     .doc = "a latent problem nobody has found is reported by a resident after this long on average",
     .mechanism = "an unrepaired fault gets a call eventually; calibrated so that patrols find about 93 % of "
                  "city-management problems in the default district (Dongcheng, S)"},
    {.name = "latent_report_shape", .type = SCN_NUMBER, SCN_AT(gov_category_cfg, latent_report_shape), .def = 1.5,
     SCN_RANGE(0.2, 10), .doc = "Weibull shape of that time: 1 a constant hazard, above 1 a hazard that rises "
                                "with the problem's age (W)"},
    {.name = "worsens_share", .type = SCN_SHARE, SCN_AT(gov_category_cfg, worsens_share), .def = 0,
     .doc = "share of latent problems that worsen into worsens_to if nobody deals with them first"},
    {.name = "worsens_after", .type = SCN_DURATION, SCN_AT(gov_category_cfg, worsens_after), .unit = "d", .def = 7,
     SCN_ABOVE(0, 36500), .doc = "mean time until a latent problem worsens (exponential)"},
    {.name = "worsens_to", .type = SCN_STRING, SCN_AT(gov_category_cfg, worsens_to), .max_count = 100,
     .doc = "the category a worsened problem becomes (it is then reported at once)"},
};
static const scn_schema category_schema =
    SCN_SCHEMA(gov_category_cfg, "category", category_fields, "a kind of problem residents have");

static const scn_field satisfaction_fields[] = {
    {.name = "base", .type = SCN_SHARE, SCN_AT(gov_satisfaction_cfg, base), .def = 0.98,
     .doc = "p for a case resolved at once, without repeat contacts"},
    {.name = "time_k", .type = SCN_NUMBER, SCN_AT(gov_satisfaction_cfg, time_k), .def = 0.05, SCN_RANGE(0, 100),
     .doc = "fall per time limit taken"},
    {.name = "late_k", .type = SCN_NUMBER, SCN_AT(gov_satisfaction_cfg, late_k), .def = 0.4, SCN_RANGE(0, 100),
     .doc = "extra fall per time limit past the limit"},
    {.name = "contact_k", .type = SCN_SHARE, SCN_AT(gov_satisfaction_cfg, contact_k), .def = 0.15,
     .doc = "share lost per repeat contact"},
    {.name = "unfixed", .type = SCN_SHARE, SCN_AT(gov_satisfaction_cfg, unfixed), .def = 0.2,
     .doc = "p for a case closed without being fixed (an explanation, a referral); W"},
};
static const scn_schema satisfaction_schema = SCN_SCHEMA(
    gov_satisfaction_cfg, "satisfaction", satisfaction_fields,
    "p = base x exp(-time_k r - late_k max(0, r - 1)) x (1 - contact_k)^repeats, r = time to resolve / limit");

static const scn_field residents_fields[] = {
    {.name = "patience", .type = SCN_DURATION, SCN_AT(gov_residents_cfg, patience), .unit = "d", .def = 3,
     SCN_ABOVE(0, 3650), .doc = "mean wait before contacting again (exponential)"},
    {.name = "max_contacts", .type = SCN_INTEGER, SCN_AT(gov_residents_cfg, max_contacts), .def = 3,
     SCN_RANGE(0, 100), .doc = "repeat contacts before giving up on a case still waiting in a queue"},
    {.name = "escalate_share", .type = SCN_SHARE, SCN_AT(gov_residents_cfg, escalate_share), .def = 0.5,
     .doc = "share of repeat contacts made to 12345 (which then supervises the case)"},
    {.name = "repeat_contact_time", .type = SCN_DURATION, SCN_AT(gov_residents_cfg, repeat_contact_time),
     .unit = "min", .def = 6, SCN_RANGE(0, 600), .doc = "staff time a repeat contact costs"},
    {.name = "satisfaction", .type = SCN_OBJECT, SCN_AT(gov_residents_cfg, satisfaction),
     .sub = &satisfaction_schema, .doc = "the satisfaction formula", .mechanism = "满意率 as the main measure (000)"},
};
static const scn_schema residents_schema =
    SCN_SCHEMA(gov_residents_cfg, "residents", residents_fields, "residents' behaviour");

/* ---- organisation ---- */

static const scn_field department_fields[] = {
    {.name = "name", .type = SCN_STRING, SCN_AT(gov_department_cfg, name), .flags = SCN_REQUIRED | SCN_NONEMPTY,
     .max_count = 100, .doc = "the department's name"},
    {.name = "staff_per_100k_residents", .type = SCN_NUMBER, SCN_AT(gov_department_cfg, staff_per_100k),
     .def = 6, SCN_RANGE(0, 100000), .doc = "district-based staff handling residents' cases, per 100,000 residents",
     .label = "staff per 100,000 residents", .label_zh = "每十万常住人口人员数"},
    {.name = "min_staff", .type = SCN_NUMBER, SCN_AT(gov_department_cfg, min_staff), .def = 2, SCN_RANGE(0, 100000),
     .doc = "least staff per district",
     .label = "least staff per district", .label_zh = "每区最少人员数"},
    {.name = "stationed_per_street", .type = SCN_NUMBER, SCN_AT(gov_department_cfg, stationed_per_street),
     .def = 0, SCN_RANGE(0, 10000), .doc = "staff stationed at each street (in addition)",
     .mechanism = "\"1+5+N\": 1 enforcement team and 5 departments stationed at the street (004)",
     .label = "staff stationed per street", .label_zh = "每街道派驻人员数"},
    {.name = "travel_time_district", .type = SCN_DURATION, SCN_AT(gov_department_cfg, travel_district),
     .unit = "h", .def = 0.75, SCN_RANGE(0, 240), .doc = "travel to site from the district"},
    {.name = "travel_time_stationed", .type = SCN_DURATION, SCN_AT(gov_department_cfg, travel_stationed),
     .unit = "h", .def = 0.25, SCN_RANGE(0, 240), .doc = "travel to site for stationed staff"},
    {.name = "line_tasks_per_staff_per_week", .type = SCN_NUMBER,
     SCN_AT(gov_department_cfg, line_tasks_per_staff_per_week), .def = 4, SCN_RANGE(0, 1000),
     .doc = "the department's own vertical work (条) per staff per week",
     .mechanism = "权责不对等: departments answer to their own line (004)"},
    {.name = "line_task", .type = SCN_OBJECT, SCN_AT(gov_department_cfg, line_task), .sub = &line_task_schema,
     .doc = "time one line task takes"},
    {.name = "line_task_limit", .type = SCN_DURATION, SCN_AT(gov_department_cfg, line_task_limit), .unit = "d",
     .def = 5, SCN_RANGE(0, 365), .doc = "the allowance of its own work (its place in the queue)"},
};
static const scn_schema department_schema =
    SCN_SCHEMA(gov_department_cfg, "department", department_fields, "a government department");

static const scn_field hotline_fields[] = {
    {.name = "operators_per_million_residents", .type = SCN_NUMBER,
     SCN_AT(gov_hotline_cfg, operators_per_million), .def = 78, SCN_RANGE(0, 1e6),
     .doc = "12345 call-takers per million residents", .mechanism = "1,710 operators for 21.8 M (S)"},
    {.name = "min_operators", .type = SCN_NUMBER, SCN_AT(gov_hotline_cfg, min_operators), .def = 3,
     SCN_RANGE(0, 1e6), .doc = "least call-takers"},
    {.name = "intake", .type = SCN_OBJECT, SCN_AT(gov_hotline_cfg, intake), .sub = &hotline_intake_schema,
     .doc = "answering a call"},
    {.name = "dispatch", .type = SCN_OBJECT, SCN_AT(gov_hotline_cfg, dispatch), .sub = &hotline_dispatch_schema,
     .doc = "dispatching an order"},
    {.name = "follow_up_time", .type = SCN_DURATION, SCN_AT(gov_hotline_cfg, follow_up_time), .unit = "min",
     .def = 2, SCN_RANGE(0, 600), .doc = "a satisfaction follow-up call after resolution (0: none)"},
    {.name = "contact_step", .type = SCN_BOOL, SCN_AT(gov_hotline_cfg, contact_step), .def = 1,
     .doc = "the unit a 12345 request reaches contacts the resident first, a task ahead of its queue (响应)",
     .mechanism = "《北京市接诉即办工作条例》 (2021): units contact the resident within a limit, then handle"},
    {.name = "contact_work", .type = SCN_DURATION, SCN_AT(gov_hotline_cfg, contact_work), .unit = "min", .def = 10,
     SCN_RANGE(0, 600), .doc = "time a unit spends on that contact (W)"},
    {.name = "contact_limit", .type = SCN_DURATION, SCN_AT(gov_hotline_cfg, contact_limit), .unit = "h", .def = 24,
     SCN_ABOVE(0, 8760), .doc = "an ordinary request's contact limit (hotline_response_rate)",
     .mechanism = "ordinary requests: contact within 24 h (the regulation, 2021, as we read it: M)"},
    {.name = "contact_limit_urgent", .type = SCN_DURATION, SCN_AT(gov_hotline_cfg, contact_limit_urgent),
     .unit = "h", .def = 2, SCN_ABOVE(0, 8760), .doc = "an urgent request's contact limit",
     .mechanism = "urgent requests are handled at once (the regulation, 2021); 2 h is an assumption (W)"},
};
static const scn_schema hotline_schema = SCN_SCHEMA(gov_hotline_cfg, "hotline", hotline_fields,
                                                    "the 12345 centre (接诉即办)");

static const scn_field street_fields[] = {
    {.name = "dispatchers_per_street", .type = SCN_NUMBER, SCN_AT(gov_street_cfg, dispatchers_per_street),
     .def = 4, SCN_RANGE(0, 10000), .doc = "least staff of a street's command centre",
     .mechanism = "the street blows the whistle (004)"},
    {.name = "dispatchers_per_10k", .type = SCN_NUMBER, SCN_AT(gov_street_cfg, dispatchers_per_10k), .def = 1,
     SCN_RANGE(0, 1000), .unit = "staff per 10,000 residents",
     .doc = "command staff per 10,000 residents of the street, when that gives more than dispatchers_per_street",
     .mechanism = "assumption (W): a street of 80,000 has 8"},
    {.name = "dispatch", .type = SCN_OBJECT, SCN_AT(gov_street_cfg, dispatch), .sub = &street_dispatch_schema,
     .doc = "triage and dispatch of one case"},
    {.name = "other_tasks_per_dispatcher_per_week", .type = SCN_NUMBER,
     SCN_AT(gov_street_cfg, other_tasks_per_dispatcher_per_week), .def = 4, SCN_RANGE(0, 1000), .unit = "tasks",
     .doc = "work outside governance each command member is assessed on, per week (0: relieved of it)",
     .mechanism = "streets carry investment attraction (招商引资) and other assessed tasks; Chengdu removed them (003); "
                  "the count is an assumption (W)"},
    {.name = "other_task", .type = SCN_OBJECT, SCN_AT(gov_street_cfg, other_task), .sub = &street_task_schema,
     .doc = "time one such task takes"},
    {.name = "other_task_limit", .type = SCN_DURATION, SCN_AT(gov_street_cfg, other_task_limit), .unit = "d",
     .def = 2, SCN_RANGE(0, 365), .doc = "such a task is due this long after it arrives (its place in the queue)"},
};
static const scn_schema street_schema =
    SCN_SCHEMA(gov_street_cfg, "street command", street_fields, "the street's command centre");

static const scn_field block_fields[] = {
    {.name = "days", .type = SCN_STRING, SCN_AT(gov_block_cfg, days), .def_str = "mon-fri", .max_count = 64,
     .doc = "\"mon-fri\", \"sat,sun\", \"all\", \"mon\" ..."},
    {.name = "start", .type = SCN_STRING, SCN_AT(gov_block_cfg, start), .def_str = "09:00", .max_count = 8,
     .doc = "start time, HH:MM"},
    {.name = "end", .type = SCN_STRING, SCN_AT(gov_block_cfg, end), .def_str = "17:00", .max_count = 8,
     .doc = "end time, HH:MM (at or before start: past midnight)"},
    {.name = "on_duty_share", .type = SCN_SHARE, SCN_AT(gov_block_cfg, on_duty_share), .def = 1,
     .doc = "share of the staff on duty in the block (at least one when above 0)"},
};
static const scn_schema block_schema = SCN_SCHEMA(gov_block_cfg, "shift block", block_fields, "a weekly working block");

static const scn_field schedule_fields[] = {
    {.name = "blocks", .type = SCN_ARRAY, SCN_AT(gov_schedule_cfg, blocks), SCN_COUNT_AT(gov_schedule_cfg, n_blocks),
     .sub = &block_schema, .max_count = 100, .doc = "working blocks of the week (default: the role's built-in schedule)"},
    {.name = "on_call_share", .type = SCN_SHARE, SCN_AT(gov_schedule_cfg, on_call_share), .def = 0.1,
     .doc = "outside every block: share on call for urgent work"},
};
static const scn_schema schedule_schema =
    SCN_SCHEMA(gov_schedule_cfg, "schedule", schedule_fields, "a role's weekly schedule");

#define SCHEDULE(n, m, d)                                                                              \
    {.name = n, .type = SCN_OBJECT, SCN_AT(gov_schedules_cfg, m), .sub = &schedule_schema, .doc = d,     \
     .mechanism = "office hours, weekend duty, on call, the hotline round the clock"}
static const scn_field shifts_fields[] = {
    SCHEDULE("grid", grid, "grid workers (default Mon-Fri 08:30-17:30, Sat 09:00-12:00 30 %)"),
    SCHEDULE("community", community, "community workers and volunteers (Mon-Fri 09:00-17:30, weekend duty 15 %)"),
    SCHEDULE("department", department, "departments (Mon-Fri 08:30-17:30)"),
    SCHEDULE("street", street, "street command (Mon-Fri 08:30-17:30, a third on call)"),
    SCHEDULE("hotline", hotline, "12345 (every day: 00-08 15 %, 08-16 45 %, 16-24 30 %)"),
};
static const scn_schema shifts_schema = SCN_SCHEMA(gov_schedules_cfg, "shifts", shifts_fields, "working schedules");

static const scn_field sinking_fields[] = {
    {.name = "start", .type = SCN_DURATION, SCN_AT(gov_sinking_cfg, start), .unit = "d", .flags = SCN_REQUIRED,
     SCN_RANGE(0, 36500), .doc = "start of the window"},
    {.name = "end", .type = SCN_DURATION, SCN_AT(gov_sinking_cfg, end), .unit = "d", .flags = SCN_REQUIRED,
     SCN_RANGE(0, 36500), .doc = "end of the window"},
    {.name = "staff_per_district", .type = SCN_NUMBER, SCN_AT(gov_sinking_cfg, staff), .def = 10,
     SCN_RANGE(0, 100000), .doc = "department staff each district sends to its communities",
     .mechanism = "下沉: cadres sent down to communities, above all in a crisis (000, 002)"},
    {.name = "department", .type = SCN_STRING, SCN_AT(gov_sinking_cfg, department), .max_count = 100,
     .doc = "only from this department (absent: all, in proportion)"},
};
static const scn_schema sinking_schema = SCN_SCHEMA(gov_sinking_cfg, "sinking", sinking_fields, "a window of sunk cadres");

static const scn_field workforce_fields[] = {
    {.name = "enabled", .type = SCN_BOOL, SCN_AT(gov_workforce_cfg, enabled), .def = 1,
     .doc = "grid and community workers quit and are replaced"},
    {.name = "turnover_per_year", .type = SCN_NUMBER, SCN_AT(gov_workforce_cfg, turnover_per_year), .def = 0.19,
     SCN_RANGE(0, 10), .doc = "base quit hazard per worker-year",
     .mechanism = "attrition stays high (001); social workers 18-20 % a year (S)"},
    {.name = "overtime_sensitivity", .type = SCN_NUMBER, SCN_AT(gov_workforce_cfg, overtime_sensitivity),
     .def = 3, SCN_RANGE(0, 1000), .doc = "hazard x (1 + s x recent overtime share)"},
    {.name = "hiring_delay", .type = SCN_DURATION, SCN_AT(gov_workforce_cfg, hiring_delay), .unit = "d",
     .def = 60, SCN_RANGE(0, 3650), .doc = "a vacancy stays open this long"},
    {.name = "learning_period", .type = SCN_DURATION, SCN_AT(gov_workforce_cfg, learning_period), .unit = "d",
     .def = 90, SCN_RANGE(0, 3650), .doc = "a newcomer is slower this long"},
    {.name = "learning_slowdown", .type = SCN_NUMBER, SCN_AT(gov_workforce_cfg, learning_slowdown), .def = 1.5,
     SCN_RANGE(1, 10), .doc = "newcomers' work takes this many times longer"},
    {.name = "pay_multiplier", .type = SCN_NUMBER, SCN_AT(gov_workforce_cfg, pay_multiplier), .def = 1,
     SCN_ABOVE(0, 10), .doc = "grid and community workers' pay relative to the pay turnover_per_year was seen at; "
                              "scales their cost too",
     .mechanism = "三岗十八级: a pay scale with a career (001)"},
    {.name = "pay_elasticity", .type = SCN_NUMBER, SCN_AT(gov_workforce_cfg, pay_elasticity), .def = 1,
     SCN_RANGE(0, 10), .doc = "quit hazard x pay_multiplier^-elasticity: 1 means 10 % more pay, about 9 % fewer quits",
     .mechanism = "separations fall about one for one with pay (elasticity near -1, Manning 2003, Monopsony in "
                  "Motion, ch. 4); for community workers an assumption (W)"},
};
static const scn_schema workforce_schema =
    SCN_SCHEMA(gov_workforce_cfg, "workforce", workforce_fields, "quits, hiring and learning");

static const scn_field costs_fields[] = {
    {.name = "grid_worker_per_year", .type = SCN_NUMBER, SCN_AT(gov_costs_cfg, grid_worker_per_year),
     .def = 60000, SCN_RANGE(0, 1e8), .unit = "yuan", .doc = "pay and overheads per grid worker (W)"},
    {.name = "community_worker_per_year", .type = SCN_NUMBER, SCN_AT(gov_costs_cfg, community_worker_per_year),
     .def = 90000, SCN_RANGE(0, 1e8), .unit = "yuan", .doc = "per community worker",
     .mechanism = "三岗十八级 pay scale (001); the average is an assumption (W)"},
    {.name = "department_staff_per_year", .type = SCN_NUMBER, SCN_AT(gov_costs_cfg, department_staff_per_year),
     .def = 150000, SCN_RANGE(0, 1e8), .unit = "yuan", .doc = "per department staff member (W)"},
    {.name = "operator_per_year", .type = SCN_NUMBER, SCN_AT(gov_costs_cfg, operator_per_year), .def = 80000,
     SCN_RANGE(0, 1e8), .unit = "yuan", .doc = "per 12345 call-taker (W)"},
    {.name = "dispatcher_per_year", .type = SCN_NUMBER, SCN_AT(gov_costs_cfg, dispatcher_per_year),
     .def = 100000, SCN_RANGE(0, 1e8), .unit = "yuan", .doc = "per street command staff member (W)"},
    {.name = "community_budget_per_year", .type = SCN_NUMBER, SCN_AT(gov_costs_cfg, community_budget_per_year),
     .def = 373000, SCN_RANGE(0, 1e10), .unit = "yuan", .doc = "service budget per community",
     .mechanism = "Ordos: raised from 150k to at least 300k, average 373k (001)"},
};
static const scn_schema costs_schema = SCN_SCHEMA(gov_costs_cfg, "costs", costs_fields, "what staff and budgets cost");

/* ---- the policy timeline ---- */

static const scn_field change_class_fields[] = {
    {.name = "urban", .type = SCN_OBJECT, SCN_AT(gov_class_policies, cls[0]), .sub = &policy_schema,
     .doc = "urban areas' policy from then on"},
    {.name = "fringe", .type = SCN_OBJECT, SCN_AT(gov_class_policies, cls[1]), .sub = &policy_schema,
     .doc = "fringe areas' policy from then on"},
    {.name = "rural", .type = SCN_OBJECT, SCN_AT(gov_class_policies, cls[2]), .sub = &policy_schema,
     .doc = "rural areas' policy from then on"},
};
static const scn_schema change_class_schema = SCN_SCHEMA(gov_class_policies, "class changes",
                                                         change_class_fields, "per-class policy changes");

static const scn_field change_fields[] = {
    {.name = "at", .type = SCN_DURATION, SCN_AT(gov_change_cfg, at), .unit = "d", .flags = SCN_REQUIRED,
     SCN_RANGE(0, 36500), .doc = "when the change takes effect",
     .mechanism = "一年奠定基础、三年初见成效、五年全面提升 (000)"},
    {.name = "note", .type = SCN_STRING, SCN_AT(gov_change_cfg, note), .max_count = 500, .doc = "what the change is"},
    {.name = "demand_multiplier", .type = SCN_NUMBER, SCN_AT(gov_change_cfg, demand_multiplier_set), .def = -1,
     SCN_RANGE(-1, 1000), .doc = "demand multiplier from then on (-1: unchanged)"},
    {.name = "department_staff_multiplier", .type = SCN_NUMBER, SCN_AT(gov_change_cfg, department_staff_multiplier_set),
     .def = -1, SCN_RANGE(-1, 100),
     .doc = "departments' staff, at the district and stationed at streets, as a multiple of what `departments` "
            "gives, from then on (-1: unchanged; each keeps its min_staff, and at least one where it had staff)",
     .mechanism = "a plan's department capacity (五年全面提升, 000)"},
    {.name = "hotline_staff_multiplier", .type = SCN_NUMBER, SCN_AT(gov_change_cfg, hotline_staff_multiplier_set),
     .def = -1, SCN_RANGE(-1, 100),
     .doc = "12345 call-takers as a multiple of what the hotline section gives, from then on (-1: unchanged; at "
            "least min_operators)",
     .mechanism = "Beijing: about 750 seats in 2019, 1,710 operators by 2025 (S/M)"},
    {.name = "street_staff_multiplier", .type = SCN_NUMBER, SCN_AT(gov_change_cfg, street_staff_multiplier_set),
     .def = -1, SCN_RANGE(-1, 100),
     .doc = "street command staff as a multiple of what street_command gives, from then on (-1: unchanged)"},
    POLICY_SECTIONS(offsetof(gov_change_cfg, set)),
    {.name = "classification", .type = SCN_OBJECT, SCN_AT(gov_change_cfg, set_cls), .sub = &change_class_schema,
     .doc = "changes for one class only (classified mode)"},
};
static const scn_schema change_schema = SCN_SCHEMA(
    gov_change_cfg, "policy change", change_fields,
    "from `at` on, the fields written here replace those in force (for every class, or under classification.CLASS for one)");

/* ---- the scenario ---- */

static const scn_field root_fields[] = {
    {.name = "name", .type = SCN_STRING, SCN_AT(gov_config, name), .flags = SCN_REQUIRED | SCN_NONEMPTY,
     .max_count = 200, .doc = "the scenario's name (UTF-8; names the output directory)"},
    {.name = "model", .type = SCN_ENUM, SCN_AT(gov_config, model), .choices = model_names, .def_str = "governance",
     .doc = "the model (\"mmc\" selects the M/M/c validation model, docs/mmc.md)"},
    {.name = "description", .type = SCN_STRING, SCN_AT(gov_config, description), .max_count = 4000,
     .doc = "free text: what the scenario is for"},
    {.name = "horizon", .type = SCN_DURATION, SCN_AT(gov_config, horizon), .unit = "d", .def = 365,
     SCN_ABOVE(0, 36500), .doc = "simulated time of one replication"},
    {.name = "warmup", .type = SCN_DURATION, SCN_AT(gov_config, warmup), .unit = "d", .def = 30,
     SCN_RANGE(0, 36500), .doc = "statistics start after this (the system fills up first)"},
    {.name = "timeseries_step", .type = SCN_DURATION, SCN_AT(gov_config, timeseries_step), .unit = "d", .def = 1,
     SCN_ABOVE(0, 36500), .doc = "sampling interval of timeseries.csv"},
    {.name = "max_events", .type = SCN_NUMBER, SCN_AT(gov_config, max_events), .def = 2e9, SCN_RANGE(1000, 1e13),
     .doc = "a replication stops with an error (exit 1) after this many events; a scenario sure to need more is refused before running (docs/cli.md)"},
    {.name = "region", .type = SCN_OBJECT, SCN_AT(gov_config, region), .sub = &region_schema, .doc = "the place"},
    {.name = "classification", .type = SCN_OBJECT, SCN_AT(gov_config, classification),
     .sub = &classification_schema, .doc = "area classes"},
    {.name = "demand", .type = SCN_OBJECT, SCN_AT(gov_config, demand), .sub = &demand_schema, .doc = "how many problems"},
    {.name = "categories", .type = SCN_ARRAY, SCN_AT(gov_config, categories), SCN_COUNT_AT(gov_config, n_categories),
     .sub = &category_schema, .max_count = 200, .doc = "kinds of problems (default: the 11 built-in categories)"},
    {.name = "residents", .type = SCN_OBJECT, SCN_AT(gov_config, residents), .sub = &residents_schema,
     .doc = "residents' behaviour"},
    {.name = "departments", .type = SCN_ARRAY, SCN_AT(gov_config, departments), SCN_COUNT_AT(gov_config, n_departments),
     .sub = &department_schema, .max_count = 200, .doc = "departments (default: the 7 built-in ones)"},
    {.name = "department_staff_multiplier", .type = SCN_NUMBER, SCN_AT(gov_config, department_staff_multiplier),
     .def = 1, SCN_RANGE(0, 100), .flags = SCN_LEVER,
     .doc = "every department's staff, at the district and stationed at streets, as a multiple of what "
            "`departments` gives (each keeps its min_staff, and at least one where it had staff; a timeline "
            "entry's department_staff_multiplier replaces it from then on)",
     .mechanism = "a plan's department capacity (五年全面提升, 000)",
     .label = "Department staff (× establishment)", .label_zh = "职能部门人员（编制倍数）",
     SCN_LEVER_RANGE(0.25, 3, 0.25)},
    {.name = "hotline", .type = SCN_OBJECT, SCN_AT(gov_config, hotline), .sub = &hotline_schema, .doc = "12345"},
    {.name = "street_command", .type = SCN_OBJECT, SCN_AT(gov_config, street), .sub = &street_schema,
     .doc = "street command centres"},
    {.name = "shifts", .type = SCN_OBJECT, SCN_AT(gov_config, shifts), .sub = &shifts_schema, .doc = "schedules"},
    POLICY_SECTIONS(offsetof(gov_config, base)),
    {.name = "sinking", .type = SCN_ARRAY, SCN_AT(gov_config, sinking), SCN_COUNT_AT(gov_config, n_sinking),
     .sub = &sinking_schema, .max_count = 1000, .doc = "windows of sunk cadres (下沉)"},
    {.name = "workforce", .type = SCN_OBJECT, SCN_AT(gov_config, workforce), .sub = &workforce_schema,
     .doc = "workforce dynamics"},
    {.name = "costs", .type = SCN_OBJECT, SCN_AT(gov_config, costs), .sub = &costs_schema, .doc = "costs"},
    {.name = "timeline", .type = SCN_ARRAY, SCN_AT(gov_config, timeline), SCN_COUNT_AT(gov_config, n_timeline),
     .sub = &change_schema, .max_count = 1000, .doc = "policy changes during the run"},
};

const scn_schema gov_schema = SCN_SCHEMA(gov_config, "scenario", root_fields, "a governance scenario");

/* The routing rules of the registry, one row each, after the field tables. */
static int write_rules(FILE *out)
{
    fputs("\n## Routing rules\n\nThe values of `routing.rule`, from the routing registry "
          "(`models/governance/routing/route_registry.c`); each rule's own fields are listed in the routing "
          "tables above.\n\n| rule | what it does | 说明 |\n|---|---|---|\n", out);
    const route_ops *const *rules = route_table();
    for (size_t i = 0; i < route_count(); i++)
        fprintf(out, "| `%s` | %s | %s |\n", rules[i]->name, rules[i]->doc_en, rules[i]->doc_zh);
    return ferror(out) ? SIM_ERR_RUNTIME : SIM_OK;
}

int gov_write_reference(FILE *out)
{
    int rc = scn_write_markdown(
        &gov_schema, "govsim scenario reference",
        "Every field of a governance scenario file, generated from the schema in "
        "`models/governance/gov_schema.c` and the routing rules' files (do not edit by hand: `GOVSIM_REGEN=1 make test` rewrites it). "
        "A scenario is a JSON object; `//` and `/* */` comments are allowed; `\"extends\": "
        "\"base.json\"` starts from another file (objects merge key by key, lists replace, "
        "`null` removes an inherited key). Durations are strings with a unit (`\"90s\"`, "
        "`\"30min\"`, `\"2h\"`, `\"7d\"`, `\"2w\"`, `\"1y\"`) or plain numbers in the unit "
        "the table gives. *Live* fields may change in a `timeline` entry. The mechanisms are "
        "explained in `docs/model.md`; figures in brackets cite the source articles (000-004) "
        "or public figures graded S/M/W (see `docs/model.md`).",
        out);
    return rc == SIM_OK ? write_rules(out) : rc;
}
