/*
 * gov_config.h — the typed, validated configuration of the governance model.
 *
 * One representation: the scenario language binds a scenario file straight
 * into these structs (the schema in gov_schema.c declares each field's name,
 * unit, default and range once, and says where it lives here); the loader
 * (gov_load.c) then fills the members marked "derived": built-in lists the
 * file left out, shift blocks parsed, each area class's policy in force, the
 * timeline's policies. The model reads only these structs, never JSON.
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

/* Who can close a case of a category. */
enum gov_resolver {
    GOV_RES_GRID = 0,      /* the grid worker, on the spot */
    GOV_RES_COMMUNITY,     /* community workers */
    GOV_RES_DEPARTMENT,    /* a department (category.department names which) */
    GOV_RES_CONSULTATION,  /* residents' consent at a micro-consultation (微协商) */
    GOV_N_RESOLVERS
};

/* Who besides the staff can take a community case of a category (一核三治). */
enum gov_actor { GOV_ACTOR_NONE = 0, GOV_ACTOR_PROPERTY, GOV_ACTOR_SOCIAL };

enum gov_channel { GOV_CH_GRID = 0, GOV_CH_HOTLINE, GOV_CH_APP, GOV_CH_PATROL, GOV_N_CHANNELS };

enum gov_dist { GOV_DIST_EXPONENTIAL = 0, GOV_DIST_LOGNORMAL, GOV_DIST_GAMMA, GOV_DIST_CONSTANT,
                GOV_DIST_UNIFORM };

enum gov_mode { GOV_UNIFORM = 0, GOV_CLASSIFIED = 1 };
enum gov_classify_by { GOV_CLASSES_GIVEN = 0, GOV_CLASSES_BY_DENSITY = 1 };

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
    int area_class;           /* enum gov_class (classify_by may replace it) */
    double residents;
    double households;        /* 0: residents / persons_per_household */
    double area_km2;          /* 0: unknown (density rules then use the class default) */
} gov_community_cfg;

/* A region generated from totals (used when no community is listed). A count
 * of 0 is derived from the standard sizes (gov_region_plan). */
typedef struct gov_generate_cfg {
    double residents;
    int districts, streets, communities;
    gov_class_values class_shares;     /* share of residents per class */
    gov_class_values residents_per_community; /* standard size per class (village: rural) */
    double communities_per_street, streets_per_district;
    gov_class_values density_per_km2;  /* generated density per class */
} gov_generate_cfg;

typedef struct gov_region_cfg {
    double persons_per_household;
    double standard_max_residents;     /* communities above it are warned about; 0: none */
    gov_generate_cfg generate;
    gov_community_cfg *communities;    /* listed one by one; replaces generate */
    size_t n_communities;
} gov_region_cfg;

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
    int actor;                 /* enum gov_actor: a property company or a social organisation may take it */
    /* A latent problem (not reported at once) is reported by a resident after a
     * Weibull time with this mean (hours) and shape (1: constant hazard; above
     * 1: rising with its age), unless a patrol finds it first or it worsens. */
    double latent_report_after;
    double latent_report_shape;
    double worsens_share;      /* share of latent problems that worsen before anyone reports them */
    double worsens_after;      /* mean hours until it worsens (exponential) */
    char *worsens_to;          /* the category it becomes (NULL: none) */
    int worsens_to_index;      /* derived: -1 for none */
} gov_category_cfg;

typedef struct gov_surge_cfg {
    double start, end;         /* hours */
    double multiplier;         /* demand multiplier in the window */
    char *category;            /* NULL: all categories; else only this one */
    int category_index;        /* derived: -1 for all */
} gov_surge_cfg;

typedef struct gov_demand_cfg {
    double per_1000_residents_per_day;
    gov_class_values class_multiplier;
    double *daily;             /* 24 relative weights per hour of day, as written (NULL: built in) */
    size_t n_daily;
    double *weekly;            /* 7, Monday first */
    size_t n_weekly;
    double multiplier;         /* a timeline can scale demand */
    double hotline_share_multiplier; /* residents turn to 12345 more (or less): every hotline share x this, at most 1 */
    gov_surge_cfg *surges;
    size_t n_surges;
    /* derived: the profiles in force (the file's, or the built-in ones) */
    double daily_profile[24];
    double weekly_profile[7];
} gov_demand_cfg;

/* p = base * exp(-time_k * r - late_k * max(0, r - 1)) * (1 - contact_k)^repeats,
 * r = time to resolve / time limit. */
typedef struct gov_satisfaction_cfg {
    double base, time_k, late_k, contact_k;
    double unfixed;            /* p for a case closed without being fixed (an explanation, a referral) */
} gov_satisfaction_cfg;

typedef struct gov_residents_cfg {
    double patience;           /* mean hours before a repeat contact (exponential) */
    int max_contacts;          /* repeat contacts before giving up while still queued */
    double escalate_share;     /* share of repeat contacts made to 12345 */
    double repeat_contact_time;/* hours of handler time a repeat contact costs */
    gov_satisfaction_cfg satisfaction;
} gov_residents_cfg;

/* ---- organisation ---- */

/* A weekly working block as written ("mon-fri", "08:30", "17:30"). */
typedef struct gov_block_cfg {
    char *days, *start, *end;
    double on_duty_share;
} gov_block_cfg;

/* The same block parsed (derived). */
typedef struct gov_shift_cfg {
    unsigned days;             /* bit 0 = Monday ... bit 6 = Sunday */
    double start, end;         /* hour of day; end <= start means past midnight */
    double on_duty_share;      /* share of the headcount on duty in the block */
} gov_shift_cfg;

typedef struct gov_schedule_cfg {
    gov_block_cfg *blocks;     /* as written; NULL: the role's built-in schedule */
    size_t n_blocks;
    double on_call_share;      /* outside every block: share on call for urgent work */
    /* derived: the blocks in force, parsed */
    gov_shift_cfg *shifts;
    size_t n_shifts;
} gov_schedule_cfg;

typedef struct gov_schedules_cfg {
    gov_schedule_cfg grid, community, department, street, hotline;
} gov_schedules_cfg;

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
    /* 接诉即办 as the city measures it: the unit a 12345 request reaches
     * contacts the resident first (a short task of its own), within the
     * request's limit (响应率). */
    bool contact_step;
    double contact_work;       /* hours a unit spends contacting the resident */
    double contact_limit;      /* hours: an ordinary request's contact limit */
    double contact_limit_urgent;
} gov_hotline_cfg;

typedef struct gov_street_cfg {
    double dispatchers_per_street;     /* at least, per street */
    double dispatchers_per_10k;        /* per 10,000 residents of the street, when that gives more */
    gov_dist_cfg dispatch;     /* the street command's triage and dispatch */
    /* Work outside governance the street is assessed on (招商引资 and other
     * tasks, 003), taking the command's hours. */
    double other_tasks_per_dispatcher_per_week;
    gov_dist_cfg other_task;
    double other_task_limit;   /* hours: a task's due time after arrival */
} gov_street_cfg;

/* Policy sections: one copy per area class. */
typedef struct gov_staffing_cfg {
    double community_workers_per_10k;  /* urban and fringe communities */
    double min_community_workers;
    double village_workers_per_10k;    /* rural villages */
    double min_village_workers;
    double households_per_grid_worker;
    double grid_part_time_share;
    double part_time_hours_share;
    gov_dist_cfg grid_intake;       /* grid worker taking a report */
    gov_dist_cfg community_intake;  /* community worker reviewing / forwarding */
} gov_staffing_cfg;

/* The routing rule and every rule's own fields. A rule is a row of the routing
 * registry (models/governance/routing/route_registry.c); `rule` is its index
 * there. Each rule declares its fields in its own file and they are bound into
 * its slice of params (gov_route.h: gov_route_params). */
enum { GOV_MAX_RULES = 8, GOV_RULE_PARAMS_BYTES = 128 };
typedef struct gov_routing_cfg {
    int rule;
    double onsite_limit;            /* hours: urgent department cases should have staff on site
                                       within this (measured for every rule; the whistle's promise) */
    _Alignas(double) unsigned char params[GOV_MAX_RULES][GOV_RULE_PARAMS_BYTES];
} gov_routing_cfg;

typedef struct gov_patrol_cfg {
    double per_day;                 /* patrols per grid worker per working day */
    double duration;                /* hours */
    double households_per_hour;     /* households (and their surroundings) one patrol covers an hour */
    double detection_probability;   /* a latent problem at a visited household is found */
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

/* Actors besides the staff (一核三治): property companies (物业) with owners'
 * committees, and social organisations whose services the community budget buys. */
typedef struct gov_property_cfg {
    gov_class_values share;         /* share of property cases the company takes */
    double staff_per_1000_households; /* its staff for residents' cases */
    double quality;                 /* share of its fixes that hold; the rest return to the community */
} gov_property_cfg;

typedef struct gov_social_cfg {
    double budget_share;            /* share of the community service budget buying services */
    double cost_per_hour;           /* yuan per hour of purchased service */
    double quality;
} gov_social_cfg;

typedef struct gov_actors_cfg {
    gov_property_cfg property;
    gov_social_cfg social;
} gov_actors_cfg;

/* The accountability loop (考核排名): every month the streets (for the cases
 * of their communities) and the departments of each district (for theirs) are
 * ranked on the three rates of their 12345 requests; pressure on a unit rises
 * when it ranks at the bottom and fades otherwise, and raises the share of
 * cases it fixes and the priority it gives 12345 requests. */
typedef struct gov_accountability_cfg {
    bool enabled;
    double fix_share;          /* share of cases a unit fixes rather than closes with an explanation, unpressed */
    double base_pressure;      /* every unit's pressure while the loop runs */
    double bottom_share;       /* ranked at the bottom: this share of the units */
    double pressure_step;      /* added to a bottom-ranked unit's pressure */
    double pressure_decay;     /* a unit's pressure kept from one month to the next */
    double fix_gain;           /* pressure p: fix share + (1 - fix share) x gain x p */
    double priority_weight;    /* pressure p: a request due after (1 - weight x p) of the allowance */
} gov_accountability_cfg;

/* 每月一题: each month the category most asked about through 12345 (not yet
 * treated) gets a root-cause policy that lowers its births after a lag. */
typedef struct gov_topic_cfg {
    bool enabled;
    double reduction;          /* share of the category's births removed */
    double lag;                /* hours from the choice to the effect */
    double cost;               /* yuan per topic */
    double proactive_boost;    /* 未诉先办: patrols find a treated category's problems (1 + boost) x as often */
} gov_topic_cfg;

typedef struct gov_policy_cfg {
    gov_staffing_cfg staffing;
    gov_routing_cfg routing;
    gov_patrol_cfg patrol;
    gov_admin_cfg admin_tasks;
    gov_consult_cfg consultation;
    gov_volunteer_cfg volunteers;
    gov_actors_cfg actors;
    gov_accountability_cfg accountability;
    gov_topic_cfg monthly_topic;
} gov_policy_cfg;

/* One policy per area class, as written under classification.<class>. */
typedef struct gov_class_policies {
    gov_policy_cfg cls[GOV_N_CLASSES];
} gov_class_policies;

typedef struct gov_classification_cfg {
    int mode;                  /* enum gov_mode */
    int classify_by;           /* enum gov_classify_by */
    double urban_min_density;  /* residents per km2 at or above: urban */
    double rural_max_density;  /* below: rural; in between: fringe */
    gov_class_policies set;    /* each class's overrides, as written */
} gov_classification_cfg;

typedef struct gov_sinking_cfg {
    double start, end;              /* hours */
    double staff;                   /* department staff moved per district */
    char *department;               /* NULL: taken from every department in proportion */
    int department_index;           /* derived: -1 for all */
} gov_sinking_cfg;

typedef struct gov_workforce_cfg {
    bool enabled;
    double turnover_per_year;       /* base quit hazard per worker-year */
    double overtime_sensitivity;    /* hazard x (1 + s * recent overtime share) */
    double hiring_delay;            /* hours a vacancy stays open */
    double learning_period;         /* hours a new hire is slower */
    double learning_slowdown;       /* work multiplier while learning */
    double pay_multiplier;          /* grid and community workers' pay / the pay the base turnover was seen at */
    double pay_elasticity;          /* hazard x pay_multiplier^-elasticity */
} gov_workforce_cfg;

typedef struct gov_costs_cfg {
    double grid_worker_per_year;
    double community_worker_per_year;
    double department_staff_per_year;
    double operator_per_year;
    double dispatcher_per_year;
    double community_budget_per_year;
} gov_costs_cfg;

/* A timeline entry: from `at` on, the fields it writes replace those in force. */
typedef struct gov_change_cfg {
    double at;
    char *note;
    double demand_multiplier_set;           /* as written; -1: unchanged */
    double department_staff_multiplier_set; /* as written; -1: unchanged */
    double hotline_staff_multiplier_set;    /* as written; -1: unchanged */
    double street_staff_multiplier_set;     /* as written; -1: unchanged */
    gov_policy_cfg set;                     /* policy fields for every class, as written */
    gov_class_policies set_cls;             /* for one class, as written */
    /* derived: what is in force from `at` on */
    gov_policy_cfg policy[GOV_N_CLASSES];
    double demand_multiplier;
    double hotline_staff_multiplier;        /* 12345 call-takers as a multiple of the hotline section's */
    double street_staff_multiplier;         /* street command staff as a multiple of the street section's */
    double department_staff_multiplier;     /* departments' staff (district and stationed) as a
                                               multiple of their establishment; 1: as configured */
} gov_change_cfg;

typedef struct gov_config {
    char *name;
    int model;                      /* always "governance" */
    char *description;
    double horizon, warmup, timeseries_step; /* hours */
    double max_events;              /* per replication; a whole number */

    gov_region_cfg region;
    gov_classification_cfg classification;
    gov_demand_cfg demand;
    gov_category_cfg *categories;   /* the file's, or the built-in ones (derived) */
    size_t n_categories;
    gov_residents_cfg residents;
    gov_department_cfg *departments; /* the file's, or the built-in ones (derived) */
    size_t n_departments;
    double department_staff_multiplier; /* every department's establishment times this */
    gov_hotline_cfg hotline;
    gov_street_cfg street;
    gov_schedules_cfg shifts;
    gov_policy_cfg base;            /* the top-level policy sections, as written */
    gov_sinking_cfg *sinking;
    size_t n_sinking;
    gov_workforce_cfg workforce;
    gov_costs_cfg costs;
    gov_change_cfg *timeline;
    size_t n_timeline;

    /* derived */
    char *source;                   /* the scenario file, for messages */
    gov_policy_cfg policy[GOV_N_CLASSES]; /* each class's policy at the start */
} gov_config;

#endif
