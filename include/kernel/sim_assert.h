/*
 * sim_assert.h — invariant checks for programmer errors (never for user input).
 *
 * SIM_CHECK(cond) is always on: it guards invariants whose violation would make
 * results silently wrong. SIM_ASSERT(cond) is for hot paths and compiles to
 * nothing under NDEBUG. Both print file, line and the failed condition and,
 * when a kernel is running on the thread, the simulated time, seed and
 * replication (sim_set_context) that reproduce it; then abort.
 */
#ifndef SIM_ASSERT_H
#define SIM_ASSERT_H

#include <stdint.h>

_Noreturn void sim_assert_fail(const char *cond, const char *file, int line);

/* Internal (sim_kernel.c): the kernel running on this thread, if any, for
 * sim_assert_fail's message. Returns 0 when none runs. */
int sim__running_context(double *now, uint64_t *seed, uint64_t *rep, int *has_context);

#define SIM_CHECK(cond) \
    ((cond) ? (void)0 : sim_assert_fail(#cond, __FILE__, __LINE__))

#ifdef NDEBUG
#define SIM_ASSERT(cond) ((void)0)
#else
#define SIM_ASSERT(cond) SIM_CHECK(cond)
#endif

#endif
