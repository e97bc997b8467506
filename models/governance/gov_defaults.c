/*
 * gov_defaults.c — the built-in lists a scenario gets when it leaves them out:
 * categories, departments, each role's shift blocks, the demand profiles.
 *
 * They are written in the scenario language itself and put into the document
 * before it is bound (gov_load.c), so they are read, checked and completed
 * with the schema's defaults exactly as if the file had said them: a field the
 * schema adds later gets its default in the built-in lists too, and nothing
 * here repeats a default the schema holds. Each value cites where it comes
 * from (DOMAIN.md figures, graded S/M/W) or says it is an assumption (W).
 */
#include <stddef.h>

#include "gov_defaults.h"

/*
 * Categories. Mix weights per class follow the demand profile of DOMAIN.md's
 * classification table (urban: property and renovation; fringe: dual
 * management and missing facilities; rural: infrastructure and services) and
 * the 2020 12345 category shares (market regulation 8.9 %, housing/property
 * 5.5 %, illegal building and city management ...). Time limits (in days
 * unless a unit is given): emergencies 2 h, general 7 d, complex 15 d (W:
 * treated as defaults, not law); response limits in hours. Latent share of
 * city management: 93 % of grid cases are found by patrol (S). Answered at
 * intake: about 59 % of calls (41 % dispatched, S). Handling times in hours
 * are assumptions (W). The app's share of reports is the schema's default.
 * Property cases may go to the property company (物业), disputes and services
 * to social organisations (一核三治, 003; how much: the actors section).
 */
static const char categories[] =
    "["
    "{\"name\": \"property\", \"resolver\": \"community\","
    " \"mix\": {\"urban\": 0.22, \"fringe\": 0.1, \"rural\": 0.03},"
    " \"latent_share\": {\"urban\": 0.05, \"fringe\": 0.05, \"rural\": 0.05},"
    " \"hotline_share\": {\"urban\": 0.45, \"fringe\": 0.35, \"rural\": 0.25},"
    " \"time_limit\": 7, \"response_limit\": 24, \"handling\": {\"dist\": \"lognormal\", \"mean\": 5, \"cv\": 1},"
    " \"on_spot_share\": 0.05, \"hotline_intake_share\": 0.5, \"actor\": \"property\"},"
    "{\"name\": \"renovation\", \"resolver\": \"consultation\","
    " \"mix\": {\"urban\": 0.04, \"fringe\": 0.02, \"rural\": 0},"
    " \"latent_share\": {\"urban\": 0, \"fringe\": 0, \"rural\": 0},"
    " \"hotline_share\": {\"urban\": 0.3, \"fringe\": 0.2, \"rural\": 0.1},"
    " \"time_limit\": 45, \"response_limit\": 48, \"handling\": {\"dist\": \"lognormal\", \"mean\": 8, \"cv\": 1},"
    " \"on_spot_share\": 0, \"hotline_intake_share\": 0.2},"
    "{\"name\": \"city_management\", \"resolver\": \"department\", \"department\": \"city_management\","
    " \"mix\": {\"urban\": 0.18, \"fringe\": 0.2, \"rural\": 0.1},"
    " \"latent_share\": {\"urban\": 0.9, \"fringe\": 0.9, \"rural\": 0.9},"
    " \"hotline_share\": {\"urban\": 0.55, \"fringe\": 0.45, \"rural\": 0.35},"
    " \"time_limit\": 7, \"response_limit\": 24, \"handling\": {\"dist\": \"lognormal\", \"mean\": 1.5, \"cv\": 1},"
    " \"on_spot_share\": 0.15, \"hotline_intake_share\": 0.4},"
    "{\"name\": \"market\", \"resolver\": \"department\", \"department\": \"market_regulation\","
    " \"mix\": {\"urban\": 0.12, \"fringe\": 0.08, \"rural\": 0.05},"
    " \"latent_share\": {\"urban\": 0.05, \"fringe\": 0.05, \"rural\": 0.05},"
    " \"hotline_share\": {\"urban\": 0.7, \"fringe\": 0.6, \"rural\": 0.5},"
    " \"time_limit\": 7, \"response_limit\": 24, \"handling\": {\"dist\": \"lognormal\", \"mean\": 2, \"cv\": 1},"
    " \"on_spot_share\": 0, \"hotline_intake_share\": 0.6},"
    "{\"name\": \"infrastructure\", \"resolver\": \"department\", \"department\": \"water_roads\","
    " \"mix\": {\"urban\": 0.06, \"fringe\": 0.12, \"rural\": 0.22},"
    " \"latent_share\": {\"urban\": 0.4, \"fringe\": 0.4, \"rural\": 0.4},"
    " \"hotline_share\": {\"urban\": 0.45, \"fringe\": 0.4, \"rural\": 0.3},"
    " \"time_limit\": 15, \"response_limit\": 48, \"handling\": {\"dist\": \"lognormal\", \"mean\": 6, \"cv\": 1.2},"
    " \"on_spot_share\": 0.05, \"hotline_intake_share\": 0.3},"
    "{\"name\": \"environment\", \"resolver\": \"department\", \"department\": \"environment\","
    " \"mix\": {\"urban\": 0.06, \"fringe\": 0.08, \"rural\": 0.07},"
    " \"latent_share\": {\"urban\": 0.3, \"fringe\": 0.3, \"rural\": 0.3},"
    " \"hotline_share\": {\"urban\": 0.55, \"fringe\": 0.45, \"rural\": 0.35},"
    " \"time_limit\": 7, \"response_limit\": 24, \"handling\": {\"dist\": \"lognormal\", \"mean\": 2, \"cv\": 1},"
    " \"on_spot_share\": 0.05, \"hotline_intake_share\": 0.5},"
    "{\"name\": \"public_order\", \"resolver\": \"department\", \"department\": \"public_security\","
    " \"mix\": {\"urban\": 0.05, \"fringe\": 0.06, \"rural\": 0.05},"
    " \"latent_share\": {\"urban\": 0.2, \"fringe\": 0.2, \"rural\": 0.2},"
    " \"hotline_share\": {\"urban\": 0.6, \"fringe\": 0.5, \"rural\": 0.4},"
    " \"time_limit\": 7, \"response_limit\": 24, \"handling\": {\"dist\": \"lognormal\", \"mean\": 1.5, \"cv\": 1},"
    " \"on_spot_share\": 0.05, \"hotline_intake_share\": 0.5},"
    "{\"name\": \"dual_management\", \"resolver\": \"department\", \"department\": \"social_affairs\","
    " \"mix\": {\"urban\": 0, \"fringe\": 0.14, \"rural\": 0.03},"
    " \"latent_share\": {\"urban\": 0.1, \"fringe\": 0.1, \"rural\": 0.1},"
    " \"hotline_share\": {\"urban\": 0.4, \"fringe\": 0.35, \"rural\": 0.3},"
    " \"time_limit\": 15, \"response_limit\": 48, \"handling\": {\"dist\": \"lognormal\", \"mean\": 4, \"cv\": 1},"
    " \"on_spot_share\": 0, \"hotline_intake_share\": 0.3},"
    "{\"name\": \"dispute\", \"resolver\": \"community\","
    " \"mix\": {\"urban\": 0.12, \"fringe\": 0.12, \"rural\": 0.15},"
    " \"latent_share\": {\"urban\": 0.1, \"fringe\": 0.1, \"rural\": 0.1},"
    " \"hotline_share\": {\"urban\": 0.35, \"fringe\": 0.3, \"rural\": 0.2},"
    " \"time_limit\": 7, \"response_limit\": 24, \"handling\": {\"dist\": \"lognormal\", \"mean\": 3, \"cv\": 1},"
    " \"on_spot_share\": 0.1, \"hotline_intake_share\": 0.4, \"volunteer_ok\": true, \"actor\": \"social\"},"
    "{\"name\": \"services\", \"resolver\": \"community\","
    " \"mix\": {\"urban\": 0.13, \"fringe\": 0.06, \"rural\": 0.26},"
    " \"latent_share\": {\"urban\": 0.05, \"fringe\": 0.05, \"rural\": 0.05},"
    " \"hotline_share\": {\"urban\": 0.5, \"fringe\": 0.4, \"rural\": 0.3},"
    " \"time_limit\": 7, \"response_limit\": 24, \"handling\": {\"dist\": \"lognormal\", \"mean\": 1.5, \"cv\": 0.8},"
    " \"on_spot_share\": 0.2, \"hotline_intake_share\": 0.75, \"volunteer_ok\": true, \"actor\": \"social\"},"
    "{\"name\": \"emergency\", \"resolver\": \"department\", \"department\": \"water_roads\","
    " \"mix\": {\"urban\": 0.02, \"fringe\": 0.02, \"rural\": 0.04},"
    " \"latent_share\": {\"urban\": 0.2, \"fringe\": 0.2, \"rural\": 0.2},"
    " \"hotline_share\": {\"urban\": 0.7, \"fringe\": 0.6, \"rural\": 0.5}, \"urgent\": true,"
    " \"time_limit\": \"2h\", \"response_limit\": 0.5, \"handling\": {\"dist\": \"lognormal\", \"mean\": 1, \"cv\": 0.5},"
    " \"on_spot_share\": 0, \"hotline_intake_share\": 0}"
    "]";

/* Departments. Assumptions (W): staff who handle residents' cases, per 100,000
 * residents; the rest (travel, line work, stationed staff) is the schema's. */
static const char departments[] =
    "["
    "{\"name\": \"city_management\", \"staff_per_100k_residents\": 25, \"min_staff\": 3},"
    "{\"name\": \"market_regulation\", \"staff_per_100k_residents\": 8, \"min_staff\": 2},"
    "{\"name\": \"water_roads\", \"staff_per_100k_residents\": 10, \"min_staff\": 2},"
    "{\"name\": \"environment\", \"staff_per_100k_residents\": 6, \"min_staff\": 2},"
    "{\"name\": \"public_security\", \"staff_per_100k_residents\": 8, \"min_staff\": 2},"
    "{\"name\": \"social_affairs\", \"staff_per_100k_residents\": 6, \"min_staff\": 2},"
    "{\"name\": \"housing\", \"staff_per_100k_residents\": 5, \"min_staff\": 2}"
    "]";

/* Office hours; weekend duty (值班) in communities; a Saturday morning for grid
 * workers; the hotline round the clock in three shifts (600-700 of 1,710 on duty
 * at peak, S/M). Outside the blocks, this share is on call. */
static const gov_builtin_schedule schedules[GOV_N_SCHEDS] = {
    [GOV_SCHED_GRID] = {"[{\"days\": \"mon-fri\", \"start\": \"08:30\", \"end\": \"17:30\", \"on_duty_share\": 1},"
                        " {\"days\": \"sat\", \"start\": \"09:00\", \"end\": \"12:00\", \"on_duty_share\": 0.3}]",
                        "0.1"},
    [GOV_SCHED_COMMUNITY] = {"[{\"days\": \"mon-fri\", \"start\": \"09:00\", \"end\": \"17:30\", \"on_duty_share\": 1},"
                             " {\"days\": \"sat,sun\", \"start\": \"09:00\", \"end\": \"17:00\", \"on_duty_share\": 0.15}]",
                             "0.05"},
    [GOV_SCHED_DEPARTMENT] = {"[{\"days\": \"mon-fri\", \"start\": \"08:30\", \"end\": \"17:30\", \"on_duty_share\": 1}]",
                              "0.1"},
    [GOV_SCHED_STREET] = {"[{\"days\": \"mon-fri\", \"start\": \"08:30\", \"end\": \"17:30\", \"on_duty_share\": 1}]",
                          "0.34"},
    [GOV_SCHED_HOTLINE] = {"[{\"days\": \"all\", \"start\": \"00:00\", \"end\": \"08:00\", \"on_duty_share\": 0.15},"
                           " {\"days\": \"all\", \"start\": \"08:00\", \"end\": \"16:00\", \"on_duty_share\": 0.45},"
                           " {\"days\": \"all\", \"start\": \"16:00\", \"end\": \"24:00\", \"on_duty_share\": 0.3}]",
                           "0"},
};

/* Demand over the day (hour 0 first) and the week (Monday first): an
 * office-hours peak, a quieter weekend (W). Normalised to mean 1 by the model. */
static const char daily[] = "[0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.4, 1.8, 1.8, 1.6,"
                            " 1.3, 1.5, 1.7, 1.7, 1.6, 1.5, 1.3, 1.1, 1.0, 0.8, 0.5, 0.3]";
static const char weekly[] = "[1.1, 1.05, 1, 1, 1, 0.9, 0.85]";

const char *gov_builtin_categories(void) { return categories; }
const char *gov_builtin_departments(void) { return departments; }
const gov_builtin_schedule *gov_builtin_schedule_of(int which) { return &schedules[which]; }
const char *gov_builtin_daily(void) { return daily; }
const char *gov_builtin_weekly(void) { return weekly; }
