/* sim_assert.c — the one place a broken invariant stops the program. */
#include "sim_assert.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Thread-local: replications on other threads are not confused with this
 * one; read only on the way to abort(). */
static _Thread_local sim_assert_context running;

sim_assert_context sim__assert_context(sim_assert_context ctx)
{
    sim_assert_context outer = running;
    running = ctx;
    return outer;
}

_Noreturn void sim_assert_fail(const char *cond, const char *file, int line)
{
    double now;
    uint64_t seed, rep;
    char where[160] = "";
    if (running.fn != NULL) {
        int has = running.fn(running.arg, &now, &seed, &rep);
        if (has)
            snprintf(where, sizeof where, " at simulated time %.17g, seed %" PRIu64 ", replication %" PRIu64
                                          " (--seed %" PRIu64 ", the %" PRIu64 "th replication)",
                     now, seed, rep, seed, rep + 1);
        else
            snprintf(where, sizeof where, " at simulated time %.17g", now);
    }
    fprintf(stderr, "govsim: internal error: %s:%d: check failed: %s%s\n"
                    "This is a bug in govsim; please report it with the scenario file and the command.\n",
            file, line, cond, where);
    abort();
}
