/* sim_assert.c — the one place a broken invariant stops the program. */
#include "sim_assert.h"

#include <stdio.h>
#include <stdlib.h>

_Noreturn void sim_assert_fail(const char *cond, const char *file, int line)
{
    fprintf(stderr, "govsim: internal error: %s:%d: check failed: %s\n"
                    "This is a bug in govsim; please report it with the scenario file.\n",
            file, line, cond);
    abort();
}
