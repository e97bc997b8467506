/*
 * sim_arena.h — memory that lives as long as a kernel (internal to sim/).
 *
 * Records a kernel's objects keep for the whole run and touch at random (a
 * large model's server pools: tens of thousands, each read on most of its
 * events) are packed together, in huge pages once there are many of them, so
 * that their touches miss neither the TLB nor more cache lines than needed.
 * They are freed all at once by sim_destroy(); freeing one is a no-op.
 */
#ifndef SIM_ARENA_H
#define SIM_ARENA_H

#include <stddef.h>

#include "sim.h"

/* Zeroed, 64-byte-aligned memory until sim_destroy(), or NULL when memory is short. */
void *sim_arena_alloc(sim_t *sim, size_t size);

#endif
