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

/* Internal: what is running on this thread, for sim_assert_fail's message.
 * The kernel (sim_kernel.c) registers itself while it runs: fn fills in the
 * simulated time and, when known, seed and replication, and returns whether
 * they are known. Registering returns the previous registration, to restore.
 * The arrow points down: the kernel calls this file, never the reverse. */
typedef int sim_assert_context_fn(const void *arg, double *now, uint64_t *seed, uint64_t *rep);
typedef struct sim_assert_context {
    sim_assert_context_fn *fn;
    const void *arg;
} sim_assert_context;
sim_assert_context sim__assert_context(sim_assert_context ctx);

#define SIM_CHECK(cond) \
    ((cond) ? (void)0 : sim_assert_fail(#cond, __FILE__, __LINE__))

#ifdef NDEBUG
#define SIM_ASSERT(cond) ((void)0)
#else
#define SIM_ASSERT(cond) SIM_CHECK(cond)
#endif

#endif
