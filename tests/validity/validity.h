/*
 * validity.h — the validity suite's tools: every lever a planner pulls is
 * moved on a district where it is not saturated, and the KPI its mechanism
 * says it moves must move that way.
 *
 * A lever test runs the base and the variant for the same replications (same
 * seed: common random numbers, the same problems at the same places and
 * times) and looks at the paired differences variant - base:
 *  - vd_up / vd_down: the paired 95 % confidence interval (Student t) lies
 *    wholly above / below 0: the predicted direction, shown;
 *  - vd_same: a KPI the lever should not move; its difference's interval
 *    contains 0 (exact equality passes too). These are few, and each is made
 *    at 1 - 0.05 / VD_NULL_CHECKS (Bonferroni over the suite's null checks),
 *    so that a correct model fails one with a chance under 5 %.
 *  - vd_size: a size a source gives: the mean of variant - factor x base is 0
 *    (interval contains it).
 * Each difference is logged, so `make test` output (--verbose) shows the
 * effect sizes.
 */
#ifndef VALIDITY_H
#define VALIDITY_H

#include <stddef.h>

#include "../gov_fixture.h"

#define VD_SEED 19491001u
/* VD_NULL_CHECKS: the number of vd_same and vd_size calls in the suite (keep it so). */
enum { VD_REPS = 8, VD_NULL_CHECKS = 4 };

/* scenarios/default.json with the given "path=value" overrides (NULL-ended),
 * after the suite's own: a half-year horizon (the month's warm-up kept). */
void vd_load(gov_config *cfg, const char *const *sets);

typedef struct vd_pair {
    double *base, *variant; /* VD_REPS x FX_STRIDE each (FX_REP layout) */
    size_t reps;
    const char *what;
} vd_pair;

/* Run both configurations for reps replications (same seed). */
void vd_run(vd_pair *p, const char *what, const gov_config *base, const gov_config *variant, size_t reps);
/* Load both from default.json (the base's and the variant's overrides) and run them. */
void vd_lever(vd_pair *p, const char *what, const char *const *base_sets, const char *const *variant_sets);
void vd_free(vd_pair *p);

void vd_up(const vd_pair *p, int group, int kpi);
void vd_down(const vd_pair *p, int group, int kpi);
void vd_same(const vd_pair *p, int group, int kpi);
/* The mean paired change variant - base (for comparing two levers' effects). */
double vd_mean_change(const vd_pair *p, int group, int kpi);
/* variant = factor x base, on average (a size a source gives). */
void vd_size(const vd_pair *p, int group, int kpi, double factor);

#endif
