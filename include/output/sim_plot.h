/*
 * sim_plot.h — figures with gnuplot, driven by the names a model declares.
 *
 * A model lists its figures in a sim_plot_spec (one row per figure: a kind and
 * the metric, series or distribution names it shows) and gives display labels
 * for its names in English and Chinese. For every figure the writer puts, in
 * DIR/plots/, a data file NAME.dat and a gnuplot script NAME.gp built from the
 * template of the figure's kind (the repository's plots/ folder, compiled in);
 * then it runs gnuplot on the script from that folder, which draws NAME.png
 * (pngcairo) and NAME.svg. The script names the data file by its relative name,
 * so a researcher can restyle it and run `gnuplot NAME.gp` in plots/ again.
 *
 * gnuplot runs as a separate program through posix_spawnp (never a shell), with
 * the script as its file argument. Text from scenarios (names) only ever enters
 * a script inside single-quoted gnuplot strings, escaped (see sim_gp_quote), and
 * is drawn with `noenhanced`, so no scenario text can run a command.
 */
#ifndef SIM_PLOT_H
#define SIM_PLOT_H

#include <stddef.h>

#include "sim_err.h"
#include "sim_experiment.h"
#include "sim_target.h"

typedef struct sim_text {
    const char *en, *zh; /* zh NULL: the English text is used */
} sim_text;

typedef enum sim_fig_kind {
    SIM_FIG_SERIES, /* names[0]: a series; one line per configuration with its 95 % band */
    SIM_FIG_CDF,    /* names[0]: a distribution (group "all"); one CDF per configuration,
                       log time axis, the model's marks (e.g. time limits) as lines */
    SIM_FIG_BARS,   /* names: KPIs (group "all"); bars per configuration with CI bars */
    SIM_FIG_GROUPS, /* names[0]: a KPI; bars per group and configuration with CI bars */
    SIM_FIG_SWEEP,  /* names: KPIs; each against the swept value with its CI band, and
                       the target line when the target is on that KPI */
    SIM_FIG_FOREST  /* names: KPIs (group "all"); a comparison's paired differences
                       against the baseline, in percent of the baseline, with their CIs,
                       coloured by the KPI's good direction; drawn only for compare */
} sim_fig_kind;

typedef struct sim_fig_spec {
    sim_fig_kind kind;
    const char *file;          /* base name of the figure's files: [a-z0-9_]+ */
    sim_text title, xlabel, ylabel;
    const char *const *names;  /* NULL-terminated */
} sim_fig_spec;
/* KPIs whose unit is "share" are drawn as percentages. A figure whose title,
 * xlabel or ylabel is NULL gets a generic one (e.g. the swept field, the KPI). */

typedef struct sim_label {
    const char *name; /* a metric, series, distribution or group name */
    sim_text text;
} sim_label;

/* Vertical marks on a CDF figure for configuration `config` (e.g. its time
 * limits), in the distribution's unit: writes up to max values, returns how many. */
typedef size_t sim_marks_fn(const void *config, const char *dist, double *at, size_t max);

typedef struct sim_plot_spec {
    const sim_fig_spec *figs;
    size_t n_figs;
    const sim_label *labels;
    size_t n_labels;
    sim_marks_fn *marks; /* may be NULL */
    sim_text mark_label; /* legend of the marks, e.g. "time limit" */
    sim_text mark_unit;  /* written after each mark's value on the figure, e.g. "h" */
    const sim_label *long_labels; /* KPI names for axis titles, where the short
                                   * legend would be ambiguous (may be NULL) */
    size_t n_long_labels;
    double series_days_per_unit; /* series time (days) per model time unit, to mark
                                  * the warm-up; 0: no mark */
} sim_plot_spec;

typedef struct sim_plot_opts {
    const char *dir;     /* the output directory; figures go to dir/plots */
    int zh;              /* Chinese titles, labels and legends */
    int sweep;           /* a sweep: SWEEP figures only; else every other kind */
    const char *param;   /* the swept field (x axis of SWEEP figures) */
    const sim_target *target;            /* NULL when none */
    const sim_target_result *target_res; /* with target */
    const char *gnuplot; /* the program, looked up in PATH: "gnuplot" unless overridden */
    const char *param_label; /* the swept field's human name (the schema's); NULL: the spec's label */
    int compare;         /* a comparison against configuration 0: FOREST figures too */
} sim_plot_opts;

#define SIM_PLOT_NAME_MAX 80 /* base names of figure files, NUL included */
#define SIM_PLOT_MAX_FIGS 64  /* figures of one experiment */

/* One figure that applies to an experiment: the base name of its files in
 * dir/plots (NAME.svg, NAME.png, ...), the row of the spec it comes from, and
 * for SWEEP figures the KPI and group it shows (one figure per KPI). */
typedef struct sim_plot_fig {
    char name[SIM_PLOT_NAME_MAX];
    size_t fig;           /* index into spec->figs */
    size_t metric, group; /* SWEEP figures only */
} sim_plot_fig;

/* The figures sim_plot_all() draws for these options, in drawing order: fills
 * out[0 .. max-1] and returns how many there are (at most SIM_PLOT_MAX_FIGS). */
size_t sim_plot_list(const sim_exp *exp, const sim_plot_spec *spec, const sim_plot_opts *opts,
                     sim_plot_fig *out, size_t max);

/* Write the data files and scripts of every figure that applies, then draw them.
 * gnuplot missing or failing: one line in err, SIM_ERR_RUNTIME, and the .dat and
 * .gp files are still there to be drawn later. */
int sim_plot_all(const sim_exp *exp, const sim_plot_spec *spec, const sim_plot_opts *opts,
                 sim_err *err);

/* The display text of a name in the chosen language (the name itself if the
 * spec has no label for it). */
const char *sim_plot_label(const sim_plot_spec *spec, const char *name, int zh);

/* Widths for checking that tick labels fit: a label's width in Latin
 * characters (a CJK character counts two), the pixels of one at the figures'
 * 11-point font, and the plot area's width in the 1000-pixel figures. */
size_t sim_plot_text_width(const char *s);
#define SIM_PLOT_CHAR_PX 7
#define SIM_PLOT_AREA_PX 860

/* A figure drawn from one of the templates of plots/ with text and data made
 * elsewhere (the sensitivity figures): NAME.dat and NAME.gp written into dir,
 * atomically. Draw it with sim_plot_draw(). */
struct sim_strbuf;
typedef struct sim_plot_script {
    const char *name, *template_name; /* template: "morris" for plots/morris.gp */
    const char *title, *xlabel, *ylabel;
    int zh;
    const struct sim_strbuf *settings, *plot, *dat;
} sim_plot_script;
int sim_plot_write_script(const sim_plot_script *s, const char *dir, sim_err *err);
/* Draw dir/NAME.gp with gnuplot (NULL: "gnuplot"): sim_gnuplot.h's guarantees. */
int sim_plot_draw(const char *gnuplot, const char *dir, const char *name, sim_err *err);
/* Append s to b as a single-quoted gnuplot string. */
void sim_gp_quote_sb(struct sim_strbuf *b, const char *s);

/* Append s to out as a single-quoted gnuplot string: ' doubled, control
 * characters (newlines included) turned into spaces. Returns bytes written
 * (excluding the NUL), or (size_t)-1 if it did not fit. */
size_t sim_gp_quote(const char *s, char *out, size_t size);

#endif
