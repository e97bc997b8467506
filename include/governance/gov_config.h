/*
 * gov_config.h — the typed, validated configuration of the governance model.
 *
 * The scenario loader (gov_schema.c, through the scn_ engine) fills these
 * structs from a scenario file, defaults included; the model never reads JSON.
 * Durations are hours, shares are in [0,1], rates say their unit in the name.
 *
 * Policy sections (staffing, routing, patrol, admin tasks, consultation,
 * volunteers) exist once per area class: under "classified" governance each
 * class may override them (classification.<class>.<section>), under "uniform"
 * every class uses the top-level sections.
 */
#ifndef GOV_CONFIG_H
#define GOV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum gov_class { GOV_URBAN = 0, GOV_FRINGE = 1, GOV_RURAL = 2, GOV_N_CLASSES = 3 };

enum gov_rule {
    GOV_RULE_LAYERED = 0,  /* 层层上报 */
    GOV_RULE_WHISTLE,      /* 街乡吹哨、部门报到 */
    GOV_RULE_HOTLINE,      /* 接诉即办 */
    GOV_RULE_GRAB,         /* 社区下单、部门抢单 */
    GOV_RULE_MULTI,        /* 多头派单 */
    GOV_N_RULES
};

/* Who can close a case of a category. */
enum gov_resolver {
    GOV_RES_GRID = 0,      /* the grid worker, on the spot */
    GOV_RES_COMMUNITY,     /* community workers */
    GOV_RES_DEPARTMENT,    /* a department (category.department names which) */
    GOV_RES_CONSULTATION,  /* residents' consent at a micro-consultation (微协商) */
    GOV_N_RESOLVERS
};

enum gov_channel { GOV_CH_GRID = 0, GOV_CH_HOTLINE, GOV_CH_APP, GOV_CH_PATROL, GOV_N_CHANNELS };

enum gov_dist { GOV_DIST_EXPONENTIAL = 0, GOV_DIST_LOGNORMAL, GOV_DIST_GAMMA, GOV_DIST_CONSTANT,
                GOV_DIST_UNIFORM };

/* A duration distribution given by its mean and coefficient of variation. */
typedef struct gov_dist_cfg {
    int kind;      /* enum gov_dist */
    double mean;   /* hours */
    double cv;     /* sd / mean; ignored by exponential (1) and constant (0) */
} gov_dist_cfg;

typedef struct gov_class_values {
    double v[GOV_N_CLASSES];
} gov_class_values;

/* ---- the place ---- */

typedef struct gov_community_cfg {
    char *name;
    char *street;             /* name of its street/township */
    char *district;           /* name of its district */
    int area_class;           /* enum gov_class, or -1: decided by classify_by */
    double residents;
    double households;        /* 0: residents / persons_per_household */
    double area_km2;          /* 0: unknown (density rules then use the class default) */
} gov_community_cfg;

typedef struct gov_region_cfg {
    /* Generated from totals when communities is empty. */
    double residents;
    double persons_per_household;
    int districts, streets, communities;
    gov_class_values class_shares;     /* share of communities per class */
    gov_class_values density_per_km2;  /* generated density per class */
    /* Listed one by one. */
    gov_community_cfg *community_list;
    size_t n_community_list;
} gov_region_cfg;

typedef struct gov_classify_cfg {
    int by;                    /* 0 = as listed/generated, 1 = by density */
    double urban_min_density;  /* residents per km2 at or above: urban */
    double rural_max_density;  /* below: rural; in between: fringe */
} gov_classify_cfg;

/* ---- the world: what residents ask for ---- */

typedef struct gov_category_cfg {
    char *name;
    int resolver;              /* enum gov_resolver */
    char *department;          /* for GOV_RES_DEPARTMENT */
    gov_class_values mix;      /* weight in each class's demand mix */
    gov_class_values latent_share;   /* share that stays latent until a patrol finds it */
    gov_class_values channel_hotline; /* share of reported cases that call 12345 */
    gov_class_values channel_app;     /* share that use the app; the rest tell the grid worker */
    bool urgent;               /* urgent: served first, on call, whistle on-site limit */
    double time_limit;         /* hours: resolution limit (resolution_rate) */
    double response_limit;     /* hours: first-contact limit (response_rate) */
    gov_dist_cfg handling;     /* work to resolve it at the resolver */
    double on_spot_share;      /* grid-resolvable share the grid worker fixes at once */
    double hotline_intake_share; /* share of hotline calls answered at intake */
    bool volunteer_ok;         /* volunteers / party members may take it */
} gov_category_cfg;

typedef struct gov_surge_cfg {
    double start, end;         /* hours */
    double multiplier;         /* demand multiplier in the window */
    char *category;            /* NULL: all categories; else only this one */
    int category_index;        /* resolved by the loader: -1 for all */
} gov_surge_cfg;

typedef struct gov_demand_cfg {
    double per_1000_residents_per_day;
    gov_class_values class_multiplier;
    double daily_profile[24];  /* relative weights per hour of day; normalised */
    double weekly_profile[7];  /* Monday first; normalised */
    double multiplier;         /* live: a timeline can scale demand */
    gov_surge_cfg *surges;
    size_t n_surges;
} gov_demand_cfg;

/* p = base * exp(-time_k * r - late_k * max(0, r - 1)) * (1 - contact_k)^repeats,
 * r = time to resolve / time limit. */
typedef struct gov_satisfaction_cfg {
    double base, time_k, late_k, contact_k;
} gov_satisfaction_cfg;

typedef struct gov_residents_cfg {
    double patience;           /* mean hours before a repeat contact (exponential) */
    int max_contacts;          /* repeat contacts before giving up while still queued */
    double escalate_share;     /* share of repeat contacts made to 12345 */
    double repeat_contact_time;/* hours of handler time a repeat contact costs */
    gov_satisfaction_cfg satisfaction;
} gov_residents_cfg;

/* ---- organisation ---- */

typedef struct gov_shift_cfg {
    unsigned days;             /* bit 0 = Monday ... bit 6 = Sunday */
    double start, end;         /* hour of day; end <= start means past midnight */
    double on_duty_share;      /* share of the headcount on duty in the block */
} gov_shift_cfg;

typedef struct gov_schedule_cfg {
    gov_shift_cfg *shifts;
    size_t n_shifts;
    double on_call_share;      /* outside every block: share on call for urgent work */
} gov_schedule_cfg;

typedef struct gov_department_cfg {
    char *name;
    double staff_per_100k;     /* district-based staff per 100,000 residents of the district */
    double min_staff;          /* per district */
    double stationed_per_street; /* staff stationed at each street ("1+5+N") */
    double travel_district;    /* hours to site from the district */
    double travel_stationed;   /* hours to site for stationed staff */
    double line_tasks_per_staff_per_week; /* the department's own vertical work (条) */
    gov_dist_cfg line_task;
    double line_task_limit;    /* hours: the line's own deadline, for priority */
} gov_department_cfg;

typedef struct gov_hotline_cfg {
    double operators_per_million;
    double min_operators;
    gov_dist_cfg intake;       /* answering a call and entering the order */
    gov_dist_cfg dispatch;     /* routing an order to a unit */
    double follow_up_time;     /* hours per satisfaction follow-up call; 0: none */
} gov_hotline_cfg;

typedef struct gov_street_cfg {
    double dispatchers_per_street;
    gov_dist_cfg dispatch;     /* the street command's triage and dispatch */
} gov_street_cfg;

/* Policy sections: one copy per area class. */
typedef struct gov_staffing_cfg {
    double community_workers_per_10k;
    double min_community_workers;
    double households_per_grid_worker;
    double grid_part_time_share;
    double part_time_hours_share;
    gov_dist_cfg grid_intake;       /* grid worker taking a report */
    gov_dist_cfg community_intake;  /* community worker reviewing / forwarding */
} gov_staffing_cfg;

typedef struct gov_routing_cfg {
    int rule;                       /* enum gov_rule */
    /* layered */
    double forward_batch;           /* hours between batched forwards; 0: forward at once */
    gov_dist_cfg forward;           /* work of one forwarding hop */
    /* whistle */
    double onsite_limit;            /* hours: urgent cases must have someone on site */
    double assessment_weight;       /* street's weight in department assessment */
    /* grab */
    double grab_points;             /* points a taker earns per case (reported) */
    /* multi_dispatch */
    int platforms;                  /* k: platforms dispatching the same event */
    double duplicate_probability;   /* each extra platform dispatches it with this chance */
    int base_rule;                  /* the rule the original follows */
    gov_dist_cfg duplicate_work;    /* work a duplicate costs the receiving unit */
} gov_routing_cfg;

typedef struct gov_patrol_cfg {
    double per_day;                 /* patrols per grid worker per working day */
    double duration;                /* hours */
    double detection_probability;   /* a latent problem is found on one patrol */
} gov_patrol_cfg;

typedef struct gov_admin_cfg {
    double community_per_worker_per_week;  /* tasks pushed down (千线一针) */
    double grid_per_worker_per_week;
    gov_dist_cfg task;
    double limit;                   /* hours: a task's due time after arrival */
    double relieved_share;          /* share removed by 还权赋能 */
} gov_admin_cfg;

typedef struct gov_consult_cfg {
    double interval;                /* hours between meetings (微协商) */
    double first;                   /* hours: time of the first meeting */
    gov_dist_cfg prep;              /* community work to prepare a case */
} gov_consult_cfg;

typedef struct gov_volunteer_cfg {
    bool enabled;
    double households_per_party_member;
    double hours_per_member_per_week;
} gov_volunteer_cfg;

typedef struct gov_policy_cfg {
    gov_staffing_cfg staffing;
    gov_routing_cfg routing;
    gov_patrol_cfg patrol;
    gov_admin_cfg admin_tasks;
    gov_consult_cfg consultation;
    gov_volunteer_cfg volunteers;
} gov_policy_cfg;

typedef struct gov_sinking_cfg {
    double start, end;              /* hours */
    double staff;                   /* department staff moved per district */
    char *department;               /* NULL: taken from every department in proportion */
    int department_index;           /* resolved by the loader: -1 for all */
} gov_sinking_cfg;

typedef struct gov_workforce_cfg {
    double turnover_per_year;       /* base quit hazard per worker-year */
    double overtime_sensitivity;    /* hazard x (1 + s * recent overtime share) */
    double hiring_delay;            /* hours a vacancy stays open */
    double learning_period;         /* hours a new hire is slower */
    double learning_slowdown;       /* work multiplier while learning */
    bool enabled;
} gov_workforce_cfg;

typedef struct gov_costs_cfg {
    double grid_worker_per_year;
    double community_worker_per_year;
    double department_staff_per_year;
    double operator_per_year;
    double dispatcher_per_year;
    double community_budget_per_year;
} gov_costs_cfg;

typedef struct gov_schedules_cfg {
    gov_schedule_cfg grid, community, department, hotline, street;
} gov_schedules_cfg;

/* A timeline entry: at `at` hours, the policy becomes `policy` (already merged
 * and validated by the loader), demand multiplier and sinking untouched. */
typedef struct gov_change_cfg {
    double at;
    gov_policy_cfg policy[GOV_N_CLASSES];
    double demand_multiplier;
    double department_staff_multiplier; /* departments' staff (district and stationed)
                                           as a multiple of their establishment; 1: as configured */
    char *description;              /* the "set" paths, for traces and reports */
} gov_change_cfg;

typedef struct gov_config {
    char *name;
    char *source;                   /* the scenario file, for messages */
    double horizon, warmup, timeseries_step; /* hours */
    uint64_t max_events;            /* per replication; 0: none */

    gov_region_cfg region;
    gov_classify_cfg classify;
    bool classified;                /* false = uniform, true = classified */
    gov_demand_cfg demand;
    gov_category_cfg *categories;
    size_t n_categories;
    gov_residents_cfg residents;
    gov_department_cfg *departments;
    size_t n_departments;
    gov_hotline_cfg hotline;
    gov_street_cfg street;
    gov_schedules_cfg schedules;
    gov_policy_cfg policy[GOV_N_CLASSES]; /* effective policy per class */
    gov_sinking_cfg *sinking;
    size_t n_sinking;
    gov_workforce_cfg workforce;
    gov_costs_cfg costs;
    gov_change_cfg *timeline;
    size_t n_timeline;
} gov_config;

#endif
