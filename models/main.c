/* main.c — the govsim command line (placeholder until the experiment runner lands). */
#include <stdio.h>
#include <string.h>

#include "sim_rng.h"

int main(int argc, char **argv)
{
    sim_rng_gsl_errors_off();
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        puts("govsim 0.1.0");
        return 0;
    }
    fputs("usage: govsim run SCENARIO.json [options]\n", stderr);
    return 2;
}
