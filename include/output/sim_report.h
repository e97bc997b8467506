/*
 * sim_report.h — report.html: one self-contained page of an experiment's results,
 * for a projector, a printer or an e-mail.
 *
 * The page holds, in order: a header (scenario names, date, seed, replications,
 * program version, the command that reproduces the run); "what was compared"
 * (rows the caller computes from the scenario files, or the swept field and its
 * values and the target); the model's headline KPIs per configuration as large
 * numbers with their 95 % CI and, for a comparison, the paired difference against
 * the first configuration marked significant or not; every figure of the run,
 * inlined as SVG; and a table of every KPI, mean ± CI, per configuration and per
 * group. Everything is driven by the model's descriptor, its plot spec (figures,
 * display labels in English and Chinese) and a small sim_report_spec; nothing in
 * here knows what the model simulates.
 *
 * Self-contained: styles are inline, figures are the gnuplot SVG files of
 * DIR/plots inlined (sim_html.h says what is accepted), there is no script and no
 * reference to any other file or address, so the page opens from a USB stick
 * without a network. All text from scenarios is HTML-escaped.
 *
 * Numbers: every mean, CI and difference shown is also in data-* attributes of
 * its element with the exact text summary.json uses (shortest decimal that reads
 * back as the same double), so a test or a script can check the page against
 * the summary.
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <stddef.h>
#include <time.h>

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_plot.h"
#include "sim_target.h"

/* What a model adds to its plot spec for the page. */
typedef struct sim_report_spec {
    const char *const *headline; /* KPIs shown large (NULL-terminated; group "all") */
    sim_text headline_title;     /* heading of that section */
    const sim_label *notes;      /* what a headline KPI measures, one line each */
    size_t n_notes;
    const sim_label *labels;     /* KPI-table labels, looked up before the plot spec's */
    size_t n_labels;
} sim_report_spec;

/* One cell of "what was compared": a value in the page's language; muted cells
 * (defaults, values not set) are drawn in grey. */
typedef struct sim_report_cell {
    const char *text;
    int muted;
} sim_report_cell;

/* One setting that differs between the configurations. */
typedef struct sim_report_row {
    const char *label;            /* display text (page language) */
    const char *path;             /* the field's path, shown small; NULL: none */
    const sim_report_cell *cells; /* one per configuration */
} sim_report_row;

typedef struct sim_report_info {
    const char *version;      /* program version */
    const char *command;      /* "run", "compare" or "sweep" */
    const char *model;        /* the model kind */
    const char *time_unit;    /* of the warm-up */
    const char *command_line; /* shell-quoted; running it again reproduces the results */
    time_t when;              /* shown as the date of the page (UTC) */
    int zh;                   /* Chinese page */
    const char *const *files; /* per configuration: its scenario file (NULL: not shown) */
    const char *const *descriptions; /* per configuration, NULL or entries NULL: none */
    const sim_report_row *rows;      /* settings that differ (compare) */
    size_t n_rows;
    size_t rows_left_out;            /* further differences not listed */
    const sim_plot_opts *plot;       /* the figures' options: dir, sweep, param, target */
    int figures;              /* 1: the figures were drawn into plot->dir/plots */
    const sim_target *target; /* sweep target, NULL when none */
    const sim_target_result *target_res;
} sim_report_info;

/* Write dir/report.html atomically. A figure that cannot be inlined is named in
 * err and the page says so in its place; the page is written all the same, and
 * SIM_ERR_RUNTIME returned. */
int sim_report_write(const char *dir, const sim_exp *exp, const sim_plot_spec *plots,
                     const sim_report_spec *spec, const sim_report_info *info, sim_err *err);

/* The display label of a KPI or group name: spec's labels, then the plot spec's,
 * then the name itself. */
const char *sim_report_label(const sim_report_spec *spec, const sim_plot_spec *plots,
                             const char *name, int zh);

#endif
