/*
 * gov_schema.h — the shape of a governance scenario file as bound by the scn_
 * engine (gov_schema.c), before gov_load.c turns it into a gov_config. Most
 * sections bind straight into gov_config's types; these structs exist where the
 * file says it differently (lists of numbers, shift blocks as text, per-class
 * overrides, the timeline's partial policies).
 */
#ifndef GOV_SCHEMA_H
#define GOV_SCHEMA_H

#include <stddef.h>

#include "gov_config.h"
#include "scn.h"

typedef struct gov_file_generate {
    double residents;
    int districts, streets, communities;
    gov_class_values class_shares, density_per_km2;
} gov_file_generate;

typedef struct gov_file_region {
    double persons_per_household;
    gov_file_generate generate;
    gov_community_cfg *communities;
    size_t n_communities;
} gov_file_region;

typedef struct gov_file_classification {
    int mode;         /* 0 uniform, 1 classified */
    int classify_by;  /* 0 given, 1 density */
    double urban_min_density, rural_max_density;
    gov_policy_cfg cls[GOV_N_CLASSES];
} gov_file_classification;

typedef struct gov_file_demand {
    double per_1000_residents_per_day;
    gov_class_values class_multiplier;
    double *daily;
    size_t n_daily;
    double *weekly;
    size_t n_weekly;
    double multiplier;
    gov_surge_cfg *surges;
    size_t n_surges;
} gov_file_demand;

typedef struct gov_file_block {
    char *days, *start, *end;
    double on_duty_share;
} gov_file_block;

typedef struct gov_file_schedule {
    gov_file_block *blocks;
    size_t n_blocks;
    double on_call_share;
} gov_file_schedule;

typedef struct gov_file_shifts {
    gov_file_schedule grid, community, department, street, hotline;
} gov_file_shifts;

typedef struct gov_file_change {
    double at;
    char *note;
    double demand_multiplier;
    double department_staff_multiplier;
    gov_policy_cfg policy;
    gov_file_classification cls; /* only cls[] is bound */
} gov_file_change;

typedef struct gov_file {
    char *name;
    int model;
    char *description;
    double horizon, warmup, timeseries_step, max_events;
    gov_file_region region;
    gov_file_classification classification;
    gov_file_demand demand;
    gov_category_cfg *categories;
    size_t n_categories;
    gov_residents_cfg residents;
    gov_department_cfg *departments;
    size_t n_departments;
    gov_hotline_cfg hotline;
    gov_street_cfg street;
    gov_file_shifts shifts;
    gov_policy_cfg policy;
    gov_sinking_cfg *sinking;
    size_t n_sinking;
    gov_workforce_cfg workforce;
    gov_costs_cfg costs;
    gov_file_change *timeline;
    size_t n_timeline;
} gov_file;

extern const scn_schema gov_schema;
const scn_schema *gov_policy_schema(void);

#endif
