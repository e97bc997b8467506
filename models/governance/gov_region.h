/* gov_region.h — districts, streets, communities and grids, and their staff pools (gov_region.c). */
#ifndef GOV_REGION_H
#define GOV_REGION_H

#include <stdbool.h>

#include "gov_state.h"

/* The counts of a generated region: each class's communities and residents
 * (classes in blocks, before any classification by density), streets and
 * districts, as written or derived from the standard sizes. */
typedef struct gov_region_plan {
    size_t communities[GOV_N_CLASSES];
    double residents[GOV_N_CLASSES];
    size_t n_communities, streets, districts;
    size_t class_streets[GOV_N_CLASSES]; /* derived streets: each class has its own (a street is urban, a township rural) */
    bool derived_communities, derived_streets, derived_districts;
} gov_region_plan;
void gov_region_plan_of(const gov_generate_cfg *g, gov_region_plan *p);

int gov_region_build(gov_model *m);
void gov_region_destroy(gov_model *m);
/* Which classes the region's communities fall in. */
void gov_region_classes(const gov_config *cfg, bool present[GOV_N_CLASSES]);
/* Communities, residents and households per class, as gov_region_build lays them out. */
void gov_region_class_totals(const gov_config *cfg, double communities[GOV_N_CLASSES],
                             double residents[GOV_N_CLASSES], double households[GOV_N_CLASSES]);

#endif
