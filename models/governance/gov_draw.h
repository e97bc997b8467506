/* gov_draw.h — durations drawn from the configuration's distributions (gov_draw.c). */
#ifndef GOV_DRAW_H
#define GOV_DRAW_H

#include "gov_state.h"

/* The u-quantile of d (u in (0,1); the ends are clamped). */
double gov_dist_quantile(const gov_dist_cfg *d, double u);
/* The same, with the lognormal's parameters computed once per distribution. */
double gov_quantile(gov_model *m, const gov_dist_cfg *d, double u);
/* A draw of d from the model's stream (enum gov_stream). */
double gov_draw(gov_model *m, int stream, const gov_dist_cfg *d);

#endif
