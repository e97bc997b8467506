/*
 * cli_setup.c — process-wide settings, made once before any thread starts, by
 * every program built on the command line (govsim, govsim-mpi).
 *
 * GSL's abort-on-error handler off; cJSON allocating through sim_mem (so its
 * allocations are checked and fault-injectable like every other); and the
 * GOVSIM_TEST_FAIL_ALLOC=N hook that makes the allocation after the Nth fail, so
 * tests can prove a real process reports running out of memory cleanly.
 */
#include <errno.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "sim_mem.h"
#include "sim_rng.h"

void cli_process_setup(void)
{
    sim_rng_gsl_errors_off();
    cJSON_Hooks hooks = {sim_malloc, sim_free};
    cJSON_InitHooks(&hooks);
    const char *fail = getenv("GOVSIM_TEST_FAIL_ALLOC");
    if (fail != NULL && *fail != '\0') {
        char *end;
        errno = 0;
        long n = strtol(fail, &end, 10);
        if (errno == 0 && *end == '\0' && n >= 0)
            sim_mem_fail_after(n, 1);
    }
}
