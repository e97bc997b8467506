/* gov_region.h — districts, streets, communities and grids, and their staff pools (gov_region.c). */
#ifndef GOV_REGION_H
#define GOV_REGION_H

#include <stdbool.h>

#include "gov_state.h"

int gov_region_build(gov_model *m);
void gov_region_destroy(gov_model *m);
/* Which classes the region's communities fall in. */
void gov_region_classes(const gov_config *cfg, bool present[GOV_N_CLASSES]);
/* Communities, residents and households per class, as gov_region_build lays them out. */
void gov_region_class_totals(const gov_config *cfg, double communities[GOV_N_CLASSES],
                             double residents[GOV_N_CLASSES], double households[GOV_N_CLASSES]);

#endif
