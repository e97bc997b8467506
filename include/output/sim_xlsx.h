/*
 * sim_xlsx.h — results.xlsx (--xlsx): the workbook planners forward, written
 * with Debian's libxlsxwriter.
 *
 * Four sheets, in the language of --lang:
 *  - "Headline KPIs" / 主要指标: per scenario (or design point) the model's
 *    headline KPIs, mean and 95 % CI half-width for the whole area and each
 *    group (area class), formatted by unit (shares as percent, hours and
 *    minutes with one decimal, counts and money with thousands separators);
 *  - "Differences" / 差异: each scenario against the first, paired over common
 *    random numbers, with the CI and whether it is significant;
 *  - "Inputs" / 投入: the run's settings and what each scenario amounts to
 *    (summary.json's "inputs");
 *  - "All KPIs" / 全部指标: every KPI and group, as summary.csv, with the
 *    same doubles as summary.json.
 * Header rows are frozen; labels are the model's display labels (English or
 * Chinese), with the KPI's name beside them for scripts.
 */
#ifndef SIM_XLSX_H
#define SIM_XLSX_H

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_output.h"
#include "sim_plot.h"
#include "sim_report.h"

typedef struct sim_xlsx_info {
    const sim_out_info *out;       /* command, factors */
    const char *const *headline;   /* the model's headline KPIs (NULL-terminated) */
    const sim_plot_spec *plots;    /* display labels (may be NULL) */
    const sim_report_spec *report; /* more labels (may be NULL) */
    int zh;
} sim_xlsx_info;

/* Write dir/results.xlsx atomically. */
int sim_xlsx_write(const char *dir, const sim_exp *exp, const sim_xlsx_info *info, sim_err *err);

#endif
