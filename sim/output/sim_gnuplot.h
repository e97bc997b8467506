/* sim_gnuplot.h — drawing a figure with gnuplot, without a shell (internal to sim/). */
#ifndef SIM_GNUPLOT_H
#define SIM_GNUPLOT_H

#include "sim_err.h"

/* Run gnuplot (`prog`, looked up in PATH) on dir/NAME.gp, with dir as the working
 * directory, and make dir/NAME.png and dir/NAME.svg appear whole or not at all.
 *
 * gnuplot writes in place and exits 0 even when a write fails (a full disk
 * leaves a zero-byte PNG and an SVG cut mid-path), so the script is run with
 * `-e "govsim_png='.NAME.png.tmp-PID-K'; govsim_svg=..."` (the templates fall
 * back to NAME.png / NAME.svg when those are not set, so the script still runs
 * by hand), each temporary file is checked to be complete (a PNG ends with its
 * IEND chunk, an SVG with </svg>), flushed to disk and renamed over NAME.png /
 * NAME.svg. A figure that is not complete is removed and reported with its
 * cause: "No space left on device" when the disk is full.
 *
 * SIM_OK; SIM_ERR_RUNTIME with one line in err when gnuplot failed or left a
 * figure incomplete; SIM_ERR_INPUT (also with a line) when the program cannot
 * be started at all. */
int sim_gnuplot_draw(const char *prog, const char *dir, const char *name, sim_err *err);

#endif
