/*
 * sim_report_int.h — the pieces report.html is built from (internal to
 * sim/): the page being built, the fixed words in both languages, and the
 * helpers the section writers share.
 *
 *   sim_report.c       the page: header, what was compared, figures, writing
 *   sim_report_kpis.c  the headline numbers and the table of every KPI
 *   sim_report_text.c  the words, escaping and number formatting
 */
#ifndef SIM_REPORT_INT_H
#define SIM_REPORT_INT_H

#include "sim_report.h"
#include "sim_strbuf.h"

/* The fixed words of the page, in both languages. */
typedef struct words {
    const char *lang, *report, *vs, *sweep_of, *date, *seed, *reps, *per_config,
        *per_value, *cmd_run, *cmd_compare, *warmup, *model, *version,
        *reproduce, *compared, *setting, *description, *scenario, *only_names, *single, *file,
        *muted_note, *more_rows, *swept, *values, *target, *target_up, *target_down,
        *target_none, *target_unclean, *headline, *baseline, *sig, *ns, *pts,
        *figures, *no_figures, *fig_missing, *kpis, *kpi, *star_note, *pct_note,
        *method, *files_note, *better, *worse, *small, *verdict_title, *verdict_better, *verdict_worse,
        *verdict_none, *verdict_rest, *meaningful_note, *about;
} words;

/* A paired difference judged: its tone (sim_exp_tone), and whether it is
 * significant and at least the KPI's practical threshold (meaningful). */
typedef struct sim_rp_judgement {
    sim_tone tone;
    int significant, meaningful;
} sim_rp_judgement;

extern const words sim_report_words_en, sim_report_words_zh;

typedef struct page {
    sim_strbuf b;
    const sim_exp *exp;
    const sim_model_desc *d;
    const sim_plot_spec *plots;
    const sim_report_spec *spec;
    const sim_report_info *info;
    const words *w;
    size_t n; /* configurations */
    int sweep, compare;
    sim_err *err;
    int figure_failed;
} page;

const char *sim_rp_lang(sim_text t, int zh);
const char *sim_rp_find_label(const sim_label *l, size_t n, const char *name, int zh);
void sim_rp_put(page *p, const char *s);
/* s as escaped HTML text */
void sim_rp_text(page *p, const char *s);
/* The display label of a KPI, group or field name. */
const char *sim_rp_label(const page *p, const char *name);
int sim_rp_is_share(const page *p, size_t m);
/* The metric's index, or n_metrics when the model has none of that name. */
size_t sim_rp_metric(const page *p, const char *name);
/* attr="x" with the exact text summary.json holds for x. */
void sim_rp_exact(page *p, const char *attr, double x);
/* x with d decimals, digits grouped by ',' from 10,000 up, a real minus sign
 * and, with sign, a '+' on positive values; NaN as a dash. */
void sim_rp_fixed(page *p, double x, int d, int sign);
/* Decimals for a mean and its CI: the CI gets two significant digits; shares
 * (in percent) at least one decimal. */
int sim_rp_decimals(double mean, double ci, int share);
/* Decimals of a CI next to a mean shown with d decimals: at least one
 * significant digit, so a small CI never reads as ± 0.0. */
int sim_rp_ci_decimals(double ci, int share, int d);
/* The colour square of configuration c (its colour in the figures). */
void sim_rp_swatch(page *p, size_t c);
void sim_rp_value(page *p, double v);
/* A configuration's name: the swept value in a sweep, else the scenario name. */
void sim_rp_config_title(page *p, size_t c);
/* The swept field ("" outside a sweep). */
const char *sim_rp_param(const page *p);

/* sim_report_kpis.c */
sim_rp_judgement sim_rp_judge(const page *p, size_t c, size_t g, size_t m);
/* The plain-language verdict of each compared scenario against the baseline. */
void sim_rp_verdict(page *p);
void sim_rp_headline(page *p);
void sim_rp_kpi_table(page *p);
/* <code>target</code> in its canonical form. */
void sim_rp_target_expr(page *p);

#endif
