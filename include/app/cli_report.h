/*
 * cli_report.h — report.html for run, compare and sweep: gathers what the
 * generic page writer (sim_report.h) cannot know — the command line, the
 * scenario files' descriptions and the settings that differ between them — and
 * writes the page.
 */
#ifndef CLI_REPORT_H
#define CLI_REPORT_H

#include <stddef.h>

#include "cli.h"
#include "model_registry.h"
#include "sim_experiment.h"
#include "sim_plot.h"

#define CLI_REPORT_MAX_ROWS 30 /* settings listed under "what was compared" */

/* Write po->dir/report.html. figures: the figures were drawn into po->dir/plots.
 * SIM_OK, or a status with lines in err. */
int cli_report_write(const cli_args *a, const model_kind *m, const sim_exp *exp,
                     const sim_plot_opts *po, int figures, sim_err *err);

/* argv as one line a POSIX shell reads back as the same words: words made of
 * safe characters (letters, digits, UTF-8, and _ @ % + = : , . / -) as they are,
 * others in single quotes. Allocated with sim_malloc; NULL when memory is short. */
char *cli_shell_quote(int argc, char *const *argv);

#endif
