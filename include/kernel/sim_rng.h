/*
 * sim_rng.h — independent, reproducible random streams.
 *
 * Every replication and every random purpose (arrivals, service times, patrol,
 * behaviour, ...) draws from its own GSL generator, derived from the triple
 * (base seed, replication, purpose). Two scenarios run in the same replication
 * therefore see the same arrivals whatever else they draw: common random numbers.
 *
 * Generator and derivation (docs/architecture.md has the reasoning):
 *  - generator: GSL's MT19937 (gsl_rng_mt19937), period 2^19937-1, fast and
 *    equidistributed in 623 dimensions;
 *  - seed: sim_rng_seed() mixes the triple through SplitMix64's finaliser
 *    (three rounds, one per field), keeps 32 bits (GSL seeds MT19937 with 32
 *    bits) and maps the one seed GSL treats specially, 0, to 1.
 * Purposes are small integers chosen by the model; the kernel gives them no meaning.
 */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "sim_err.h"

/* The 32-bit MT19937 seed of stream (seed, replication, purpose). */
unsigned long sim_rng_seed(uint64_t seed, uint64_t replication, uint32_t purpose);

/* A new generator for the stream; free it with sim_rng_destroy(). NULL and a
 * line in err when memory is short. */
gsl_rng *sim_rng_create(uint64_t seed, uint64_t replication, uint32_t purpose, sim_err *err);
void sim_rng_destroy(gsl_rng *rng);

/* Turn GSL's abort-on-error handler off (process-wide). Call once, from main or a
 * test's setup, before any thread starts; govsim checks GSL return codes instead. */
void sim_rng_gsl_errors_off(void);

#endif
