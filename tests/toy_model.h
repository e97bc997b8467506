/* toy_model.h — a model with known answers, for testing the runner in isolation. */
#ifndef TOY_MODEL_H
#define TOY_MODEL_H

#include <stdint.h>

#include "sim_model.h"

/* Replication r reports, for group "all": x = offset + sd * N(0,1) drawn from
 * stream (seed, r, 0), and y = U(0,1) from the same stream; group "g1": 2x and y,
 * except y is NaN in replication 0. Series "s" has `points` points, value x + i.
 * Distribution "d" gets |x| + 1. Replications listed in fail_mask fail. */
typedef struct toy_config {
    double offset, sd;
    size_t points;
    uint64_t fail_mask; /* bit r: replication r fails */
} toy_config;

extern const sim_model_ops toy_ops;

/* The x the model draws for (seed, rep) with this config. */
double toy_x(const toy_config *c, uint64_t seed, uint64_t rep);

#endif
