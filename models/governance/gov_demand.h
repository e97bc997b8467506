/* gov_demand.h — residents' problems and grid workers' patrols (gov_demand.c). */
#ifndef GOV_DEMAND_H
#define GOV_DEMAND_H

#include "gov_state.h"

int gov_demand_init(gov_model *m);
/* Schedules the first arrival and every grid's first patrol. */
int gov_demand_start(gov_model *m);
void gov_demand_destroy(gov_model *m);
/* A patrol ended: the latent problems it found become cases (gov_model.on_patrol_done). */
void gov_patrol_done(gov_model *m, gov_work *w);
/* The share of a grid of `households` a patrol of `hours` covers. */
double gov_patrol_coverage(const gov_patrol_cfg *p, double hours, double households);
/* Largest demand multiplier the surges reach at any moment. */
double gov_surge_bound(const gov_demand_cfg *d);
/* Expected problems over the horizon at rate_per_h before profiles. */
double gov_expected_arrivals(const gov_config *cfg, double rate_per_h);

#endif
