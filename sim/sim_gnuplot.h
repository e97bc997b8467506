/* sim_gnuplot.h — running gnuplot on a script, without a shell (internal to sim/). */
#ifndef SIM_GNUPLOT_H
#define SIM_GNUPLOT_H

#include "sim_err.h"

/* Run `prog script` with dir as the working directory and wait for it. SIM_OK;
 * SIM_ERR_RUNTIME with a line in err if it failed; SIM_ERR_INPUT (also with a
 * line) if the program cannot be started at all. */
int sim_gnuplot_run(const char *prog, const char *dir, const char *script, sim_err *err);

#endif
