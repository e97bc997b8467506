/*
 * sim_plot.c — data files and gnuplot scripts for the figures a model declares,
 * and running gnuplot on them (see sim_plot.h).
 */
#include "sim_plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_assert.h"
#include "sim_gnuplot.h"
#include "sim_mem.h"
#include "sim_output.h"
#include "sim_strbuf.h"

/* Generated from the templates in plots/ by tools/embed-templates.sh. */
extern const char *const sim_plot_template_names[];
extern const char *const sim_plot_template_texts[];
extern const size_t sim_plot_n_templates;

#define MAX_MARKS 8
#define MARK_COLOR "'#c00000'"

typedef struct fig {
    const sim_exp *exp;
    const sim_plot_spec *spec;
    const sim_plot_opts *o;
    const sim_fig_spec *fs;
    char name[SIM_PLOT_NAME_MAX];
    const char *title, *xlabel, *ylabel;
    char title_buf[400];
    sim_strbuf dat, settings, plot;
} fig;

/* The title says what the intervals are, or, with one replication, that there
 * is none to draw (the figure then shows the means alone). */
static void caption(fig *f, int interval)
{
    const char *what;
    if (!interval)
        what = f->o->zh ? "仅一次重复：无置信区间" : "one replication: no confidence interval";
    else if (f->fs->kind == SIM_FIG_SERIES || f->fs->kind == SIM_FIG_SWEEP)
        what = f->o->zh ? "均值与95%置信区间" : "mean, 95 % CI";
    else
        what = f->o->zh ? "95%置信区间" : "95 % CI";
    snprintf(f->title_buf, sizeof f->title_buf, f->o->zh ? "%s（%s）" : "%s (%s)", f->title, what);
    f->title = f->title_buf;
}

static const char *lang(sim_text t, int zh) { return zh && t.zh != NULL ? t.zh : t.en; }

const char *sim_plot_label(const sim_plot_spec *spec, const char *name, int zh)
{
    for (size_t i = 0; i < spec->n_labels; i++)
        if (strcmp(spec->labels[i].name, name) == 0)
            return lang(spec->labels[i].text, zh);
    return name;
}

/* The axis-title name of a KPI: its long label when the spec has one. */
static const char *long_label(const sim_plot_spec *spec, const char *name, int zh)
{
    for (size_t i = 0; spec->long_labels != NULL && i < spec->n_long_labels; i++)
        if (strcmp(spec->long_labels[i].name, name) == 0)
            return lang(spec->long_labels[i].text, zh);
    return sim_plot_label(spec, name, zh);
}

size_t sim_plot_text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE0 ? 2 : 1; /* CJK characters are about two Latin ones wide */
    }
    return w;
}

size_t sim_gp_quote(const char *s, char *out, size_t size)
{
    size_t o = 0;
    if (size < 3)
        return (size_t)-1;
    out[o++] = '\'';
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        size_t need = ch == '\'' ? 2 : 1;
        if (o + need + 2 > size)
            return (size_t)-1;
        if (ch == '\'')
            out[o++] = '\'';
        out[o++] = (ch < 0x20 || ch == 0x7F) ? ' ' : (char)ch;
    }
    out[o++] = '\'';
    out[o] = '\0';
    return o;
}

/* Append s as a single-quoted gnuplot string: backslashes, backquotes and '@'
 * have no meaning there; only the quote itself needs doubling. A tic label
 * (tic != 0) is read as a format too, so its '%' is doubled ("90%分位"). */
static void quote_as(sim_strbuf *b, const char *s, int tic)
{
    sim_sb_put(b, "'", 1);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '\'')
            sim_sb_put(b, "''", 2);
        else if (tic && ch == '%')
            sim_sb_put(b, "%%", 2);
        else if (ch < 0x20 || ch == 0x7F)
            sim_sb_put(b, " ", 1);
        else
            sim_sb_put(b, s, 1);
    }
    sim_sb_put(b, "'", 1);
}

static void quote(sim_strbuf *b, const char *s) { quote_as(b, s, 0); }
static void quote_tic(sim_strbuf *b, const char *s) { quote_as(b, s, 1); }

static void put_num(sim_strbuf *b, double x)
{
    if (isnan(x) || isinf(x))
        sim_sb_puts(b, " NaN");
    else
        sim_sb_printf(b, " %.10g", x);
}

static size_t find(const sim_metric_def *defs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(defs[i].name, name) == 0)
            return i;
    SIM_CHECK(!"a plot spec names a metric the model does not declare");
    return 0;
}

static const sim_model_desc *desc_of(const fig *f) { return sim_exp_ops(f->exp)->desc; }

static int is_share(const fig *f, size_t m) { return strcmp(desc_of(f)->metrics[m].unit, "share") == 0; }

static const char *cfg_name(const fig *f, size_t c)
{
    return sim_exp_config_at(f->exp, c)->name;
}

/* ---- the figure kinds ---- */

static void fig_series(fig *f)
{
    const sim_model_desc *d = desc_of(f);
    size_t s = find(d->series, d->n_series, f->fs->names[0]);
    int any_band = 0;
    for (size_t c = 0; c < sim_exp_configs(f->exp); c++) {
        int band = 0;
        sim_sb_printf(&f->dat, "# block %zu: time_d mean lo95 hi95\n", c);
        for (size_t i = 0; i < sim_exp_series_points(f->exp, c); i++) {
            sim_exp_stat st = sim_exp_series(f->exp, c, i, s);
            put_num(&f->dat, sim_exp_series_time(f->exp, c, i));
            put_num(&f->dat, st.mean);
            put_num(&f->dat, st.mean - st.ci95);
            put_num(&f->dat, st.mean + st.ci95);
            sim_sb_puts(&f->dat, "\n");
            band |= isfinite(st.ci95);
        }
        sim_sb_puts(&f->dat, "\n\n");
        sim_sb_puts(&f->plot, c ? ", \\\n     " : "plot ");
        if (band)
            sim_sb_printf(&f->plot, "'%s.dat' index %zu using 1:3:4 with filledcurves "
                          "fs transparent solid 0.2 noborder lc %zu notitle, \\\n     ", f->name, c, c + 1);
        sim_sb_printf(&f->plot, "'%s.dat' index %zu using 1:2 with lines lw 2 lc %zu title ", f->name, c, c + 1);
        quote(&f->plot, cfg_name(f, c));
        any_band |= band;
    }
    caption(f, any_band);
    /* the warm-up: statistics start after it (shaded, labelled) */
    double w = sim_exp_config_at(f->exp, 0)->warmup * f->spec->series_days_per_unit;
    if (w > 0 && isfinite(w)) {
        sim_sb_printf(&f->settings, "set object 1 rectangle from 0, graph 0 to %.10g, graph 1 behind "
                      "fillcolor rgb '#eeeeee' fillstyle solid 1.0 noborder\n", w);
        sim_sb_puts(&f->settings, "set label 1 ");
        quote(&f->settings, f->o->zh ? "预热期" : "warm-up");
        sim_sb_printf(&f->settings, " at %.10g, graph 0.97 right offset -0.5, 0 textcolor rgb '#666666' front\n", w);
        sim_sb_puts(&f->settings, "set xrange [0:*]\n");
    }
}

static void fig_cdf(fig *f)
{
    const sim_model_desc *d = desc_of(f);
    const char *dist = f->fs->names[0];
    size_t k = find(d->dists, d->n_dists, dist);
    double marks[MAX_MARKS], lo = INFINITY, hi = 0;
    size_t n_marks = 0;
    for (size_t c = 0; c < sim_exp_configs(f->exp); c++) {
        const sim_sketch *s = sim_exp_dist(f->exp, c, 0, k);
        uint64_t total = sim_sketch_count(s), seen = 0;
        sim_sb_printf(&f->dat, "# block %zu: x share_at_or_below_x\n", c);
        if (total == 0)
            sim_sb_puts(&f->dat, " NaN NaN\n");
        for (size_t i = 0; i < sim_sketch_buckets(s) && seen < total; i++) {
            uint64_t n = sim_sketch_bucket_count(s, i);
            if (n == 0)
                continue;
            seen += n;
            double x = i + 1 == sim_sketch_buckets(s) ? sim_sketch_hi(s) : sim_sketch_bucket_upper(s, i);
            lo = x < lo ? x : lo;
            hi = x > hi ? x : hi;
            put_num(&f->dat, x);
            put_num(&f->dat, (double)seen / (double)total);
            sim_sb_puts(&f->dat, "\n");
        }
        sim_sb_puts(&f->dat, "\n\n");
        sim_sb_printf(&f->plot, "%s'%s.dat' index %zu using 1:($2*100) with steps lw 2 lc %zu title ",
                      c ? ", \\\n     " : "plot ", f->name, c, c + 1);
        quote(&f->plot, cfg_name(f, c));
        double at[MAX_MARKS];
        size_t n = f->spec->marks != NULL
                       ? f->spec->marks(sim_exp_config_at(f->exp, c)->config, dist, at, MAX_MARKS)
                       : 0;
        for (size_t i = 0; i < n && i < MAX_MARKS; i++) {
            size_t j = 0;
            while (j < n_marks && marks[j] != at[i])
                j++;
            if (j == n_marks && n_marks < MAX_MARKS && at[i] > 0)
                marks[n_marks++] = at[i];
        }
    }
    for (size_t i = 0; i < n_marks; i++) {
        lo = marks[i] < lo ? marks[i] : lo;
        hi = marks[i] > hi ? marks[i] : hi;
        sim_sb_printf(&f->settings, "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead "
                      "dt 2 lw 1.5 lc rgb " MARK_COLOR " front\n", marks[i], marks[i]);
        /* each limit says what it is, at the top, clear of the curves' legend */
        char text[64];
        const char *unit = lang(f->spec->mark_unit, f->o->zh);
        snprintf(text, sizeof text, "%.4g%s%s", marks[i], unit != NULL && !f->o->zh ? " " : "",
                 unit != NULL ? unit : "");
        sim_sb_printf(&f->settings, "set label %zu ", i + 1);
        quote(&f->settings, text);
        sim_sb_printf(&f->settings, " at %.10g, graph 1 rotate by 90 right offset -1.1, -0.3 "
                      "textcolor rgb " MARK_COLOR " front\n", marks[i]);
    }
    /* the curves rise from the bottom left to the top right: the legend goes
     * to the top left (not opaque: gnuplot would draw the key twice, ids and all) */
    sim_sb_puts(&f->settings, "set key top left box lc rgb '#bbbbbb'\n");
    if (hi > 0 && lo < INFINITY)
        sim_sb_printf(&f->settings, "set xrange [%.10g:%.10g]\n", lo / 1.5, hi * 1.5);
    if (n_marks > 0) {
        sim_sb_puts(&f->plot, ", \\\n     NaN with lines dt 2 lw 1.5 lc rgb " MARK_COLOR " title ");
        quote(&f->plot, lang(f->spec->mark_label, f->o->zh));
    }
}

/* Bars: rows are KPIs (group 0) or groups (one KPI); columns mean, ci95 per configuration. */
static void fig_bars(fig *f, int by_group)
{
    const sim_model_desc *d = desc_of(f);
    size_t n_rows = 0, ms[32], share = 1;
    if (by_group) {
        ms[0] = find(d->metrics, d->n_metrics, f->fs->names[0]);
        n_rows = d->n_groups - 1;
        share = is_share(f, ms[0]);
    } else {
        for (; f->fs->names[n_rows] != NULL && n_rows < 32; n_rows++) {
            ms[n_rows] = find(d->metrics, d->n_metrics, f->fs->names[n_rows]);
            share = share && is_share(f, ms[n_rows]);
        }
    }
    double scale = share ? 100.0 : 1.0;
    /* gnuplot's error-bar histogram skips a row whose interval is NaN, so
     * without any interval the bars are drawn plainly; a missing interval
     * beside others is written as 0 (no bar). */
    int any_ci = 0;
    for (size_t r = 0; r < n_rows; r++)
        for (size_t c = 0; c < sim_exp_configs(f->exp); c++)
            any_ci |= isfinite(sim_exp_kpi(f->exp, c, by_group ? r + 1 : 0, by_group ? ms[0] : ms[r]).ci95);
    if (!any_ci)
        sim_sb_puts(&f->settings, "set style histogram clustered gap 1.5\n");
    caption(f, any_ci);
    if (share) /* shares cannot pass 100 %: a CI bar beyond it must not stretch the axis */
        sim_sb_puts(&f->settings, "set yrange [0:100]\n");
    /* tick labels wider than their slot would run into each other: tilt them */
    const char *label[32];
    SIM_CHECK(n_rows <= 32); /* groups and listed KPIs are few */
    size_t widest = 0;
    for (size_t r = 0; r < n_rows; r++) {
        label[r] = sim_plot_label(f->spec, by_group ? d->groups[r + 1] : d->metrics[ms[r]].name, f->o->zh);
        size_t w = sim_plot_text_width(label[r]);
        widest = w > widest ? w : widest;
    }
    if (n_rows > 0 && widest * SIM_PLOT_CHAR_PX > SIM_PLOT_AREA_PX / n_rows)
        sim_sb_puts(&f->settings, "set xtics rotate by -20 left\nset bmargin 6\n");
    sim_sb_puts(&f->settings, "set xtics (");
    sim_sb_puts(&f->dat, "# row, then mean ci95 for each scenario\n");
    for (size_t r = 0; r < n_rows; r++) {
        size_t g = by_group ? r + 1 : 0, m = by_group ? ms[0] : ms[r];
        quote_tic(&f->settings, label[r]);
        sim_sb_printf(&f->settings, " %zu%s", r, r + 1 < n_rows ? ", " : ")\n");
        sim_sb_printf(&f->dat, "%zu", r);
        for (size_t c = 0; c < sim_exp_configs(f->exp); c++) {
            sim_exp_stat st = sim_exp_kpi(f->exp, c, g, m);
            put_num(&f->dat, st.mean * scale);
            put_num(&f->dat, isfinite(st.mean) && !isfinite(st.ci95) ? 0.0 : st.ci95 * scale);
        }
        sim_sb_puts(&f->dat, "\n");
    }
    for (size_t c = 0; c < sim_exp_configs(f->exp); c++) {
        sim_sb_printf(&f->plot, "%s'%s.dat' using %zu", c ? ", \\\n     " : "plot ", f->name, 2 * c + 2);
        if (any_ci)
            sim_sb_printf(&f->plot, ":%zu", 2 * c + 3);
        sim_sb_printf(&f->plot, " lc %zu title ", c + 1);
        quote(&f->plot, cfg_name(f, c));
    }
}

static void fig_sweep(fig *f, size_t m, size_t g)
{
    size_t n = sim_exp_configs(f->exp);
    double scale = is_share(f, m) ? 100.0 : 1.0;
    sim_sb_puts(&f->dat, "# value mean lo95 hi95, sorted by value\n");
    double prev = -INFINITY;
    int band = 0;
    for (size_t k = 0; k < n; k++) {
        /* Next larger value (configurations are few; sweeps are given in order anyway). */
        size_t best = n;
        for (size_t c = 0; c < n; c++) {
            double v = sim_exp_config_at(f->exp, c)->value;
            if (v > prev && (best == n || v < sim_exp_config_at(f->exp, best)->value))
                best = c;
        }
        if (best == n)
            break;
        prev = sim_exp_config_at(f->exp, best)->value;
        sim_exp_stat st = sim_exp_kpi(f->exp, best, g, m);
        put_num(&f->dat, prev);
        put_num(&f->dat, st.mean * scale);
        put_num(&f->dat, (st.mean - st.ci95) * scale);
        put_num(&f->dat, (st.mean + st.ci95) * scale);
        sim_sb_puts(&f->dat, "\n");
        band |= isfinite(st.ci95);
    }
    if (band) {
        sim_sb_printf(&f->plot, "plot '%s.dat' using 1:3:4 with filledcurves fs transparent solid 0.2 "
                      "noborder lc 1 title ", f->name);
        quote(&f->plot, f->o->zh ? "95%置信区间" : "95 % CI");
        sim_sb_puts(&f->plot, ", \\\n     ");
    } else {
        sim_sb_puts(&f->plot, "plot ");
    }
    caption(f, band);
    sim_sb_printf(&f->plot, "'%s.dat' using 1:2 with linespoints lw 2 pt 7 lc 1 title ", f->name);
    quote(&f->plot, f->o->zh ? "均值" : "mean");
    const sim_target *t = f->o->target;
    if (t != NULL && t->metric == m && t->group == g) {
        static const char *const ops[] = {[SIM_TGT_GE] = "\xE2\x89\xA5", [SIM_TGT_GT] = ">", [SIM_TGT_LE] = "\xE2\x89\xA4",
                                          [SIM_TGT_LT] = "<"};
        sim_sb_printf(&f->plot, ", \\\n     %.10g with lines dt 2 lw 2 lc rgb " MARK_COLOR " title ",
                      t->threshold * scale);
        char text[300]; /* in the axis's unit: "target ≥ 60 %" on an axis in % */
        snprintf(text, sizeof text, "%s %s %.6g%s", f->o->zh ? "目标" : "target", ops[t->op], t->threshold * scale,
                 scale == 100.0 ? " %" : "");
        quote(&f->plot, text);
        const sim_target_result *tr = f->o->target_res;
        if (tr != NULL && tr->met) {
            sim_sb_printf(&f->settings, "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead "
                          "dt 3 lw 2 lc rgb '#2a7f2a' front\n", tr->value, tr->value);
            snprintf(text, sizeof text, "%s %.10g", f->o->zh ? "满足目标的临界值" : "threshold found:",
                     tr->value);
            sim_sb_puts(&f->plot, ", \\\n     NaN with lines dt 3 lw 2 lc rgb '#2a7f2a' title ");
            quote(&f->plot, text);
        }
    }
}

/* The paired differences of a comparison (configurations 1.. against 0), in
 * percent of the baseline's mean so KPIs of different units share an axis. */
static void fig_forest(fig *f)
{
    const sim_model_desc *d = desc_of(f);
    size_t n_rows = 0, ms[32], nc = sim_exp_configs(f->exp);
    for (; f->fs->names[n_rows] != NULL && n_rows < 32; n_rows++)
        ms[n_rows] = find(d->metrics, d->n_metrics, f->fs->names[n_rows]);
    /* by sim_tone: not significant and small grey, better green, worse red */
    static const char *const colour[] = {"0x8a94a6", "0x8a94a6", "0x0a6b47", "0xb42318"};
    int any_ci = 0;
    sim_sb_puts(&f->dat, "# y change_pct lo_pct hi_pct colour kpi config "
                         "(change: paired difference in % of the baseline's mean)\n");
    const char *label[32];
    size_t widest = 0;
    for (size_t r = 0; r < n_rows; r++) {
        label[r] = long_label(f->spec, d->metrics[ms[r]].name, f->o->zh);
        size_t w = sim_plot_text_width(label[r]);
        widest = w > widest ? w : widest;
    }
    /* room for the longest KPI name at the left (gnuplot's margins are in characters) */
    sim_sb_printf(&f->settings, "set lmargin %zu\n", widest + 3);
    sim_sb_puts(&f->settings, "set ytics (");
    size_t shown = 0;
    for (size_t r = 0; r < n_rows; r++) {
        size_t m = ms[r];
        double base = sim_exp_kpi(f->exp, 0, 0, m).mean;
        if (!(fabs(base) > 0))
            continue; /* no baseline to be a percentage of (NaN or 0) */
        double y = (double)(n_rows - 1 - r);
        sim_sb_puts(&f->settings, shown++ ? ", " : "");
        quote_tic(&f->settings, label[r]);
        sim_sb_printf(&f->settings, " %.10g", y);
        for (size_t c = 1; c < nc; c++) {
            sim_exp_stat dd = sim_exp_diff(f->exp, c, 0, m);
            double pct = dd.mean / fabs(base) * 100.0, ci = dd.ci95 / fabs(base) * 100.0;
            sim_tone tone = sim_exp_tone(d, m, dd, base);
            double yc = y + (nc > 2 ? 0.3 * ((double)(c - 1) / (double)(nc - 2) - 0.5) : 0.0);
            put_num(&f->dat, yc);
            put_num(&f->dat, pct);
            put_num(&f->dat, isfinite(ci) ? pct - ci : pct);
            put_num(&f->dat, isfinite(ci) ? pct + ci : pct);
            sim_sb_printf(&f->dat, " %s %s %zu\n", colour[tone], d->metrics[m].name, c);
            any_ci |= isfinite(ci);
        }
    }
    sim_sb_puts(&f->settings, ")\n");
    if (shown == 0)
        sim_sb_puts(&f->settings, "set ytics ()\n");
    sim_sb_printf(&f->settings, "set yrange [-0.7:%.10g]\n", (double)n_rows - 0.3);
    caption(f, any_ci);
    /* one point shape per compared scenario; the colour is the verdict. The
     * legend is a line of text per scenario under the axis, and one for the colours. */
    static const char *const glyph[] = {"\xE2\x96\xA0", "\xE2\x97\x8F", "\xE2\x96\xB2", "\xE2\x96\xBC"};
    size_t lines = nc;
    sim_sb_printf(&f->settings, "set bmargin %zu\n", 4 + lines);
    for (size_t c = 1; c < nc; c++) {
        size_t pt = 5 + 2 * ((c - 1) % 4);
        sim_sb_printf(&f->plot, "%s'%s.dat' using ($7 == %zu ? $2 : NaN):1:3:4:5 with xerrorbars pt %zu ps 1.6 "
                      "lw 2 lc rgb variable notitle",
                      c > 1 ? ", \\\n     " : "plot ", f->name, c, pt);
        char t[300];
        snprintf(t, sizeof t, "%s %s %s %s", glyph[(c - 1) % 4], cfg_name(f, c), f->o->zh ? "对比" : "vs",
                 cfg_name(f, 0));
        sim_sb_printf(&f->settings, "set label %zu ", 100 + c);
        quote(&f->settings, t);
        sim_sb_printf(&f->settings, " at screen 0.02, character %zu left\n", lines - c + 1);
    }
    sim_sb_printf(&f->settings, "set label 100 ");
    quote(&f->settings, f->o->zh ? "颜色：绿色更好，红色更差，灰色为差异很小或不显著（按各指标的改进方向与实际意义阈值）"
                                 : "colour: green better, red worse, grey small or not significant "
                                   "(by each KPI's good direction and practical threshold)");
    sim_sb_printf(&f->settings, " at screen 0.02, character %zu left textcolor rgb '#555555'\n", (size_t)1);
}

/* ---- scripts ---- */

static const char *template_named(const char *name)
{
    for (size_t i = 0; i < sim_plot_n_templates; i++)
        if (strcmp(sim_plot_template_names[i], name) == 0)
            return sim_plot_template_texts[i];
    SIM_CHECK(!"a figure has no template in plots/");
    return NULL;
}

static const char *template_of(sim_fig_kind kind)
{
    static const char *const names[] = {"series", "cdf", "bars", "groups", "sweep", "forest"};
    return template_named(names[kind]);
}

static void expand(const sim_plot_script *f, const char *tpl, sim_strbuf *out)
{
    const char *font = f->zh ? "Noto Sans CJK SC,11" : "Sans,11";
    while (*tpl) {
        const char *at = strstr(tpl, "@@");
        const char *end = at != NULL ? strstr(at + 2, "@@") : NULL;
        if (at == NULL || end == NULL) {
            sim_sb_puts(out, tpl);
            return;
        }
        sim_sb_put(out, tpl, (size_t)(at - tpl));
        size_t klen = (size_t)(end - at - 2);
        const char *key = at + 2;
#define IS(k) (klen == strlen(k) && strncmp(key, k, klen) == 0)
        if (IS("NAME"))
            sim_sb_puts(out, f->name);
        else if (IS("FONT"))
            quote(out, font);
        else if (IS("TITLE"))
            quote(out, f->title);
        else if (IS("XLABEL"))
            quote(out, f->xlabel);
        else if (IS("YLABEL"))
            quote(out, f->ylabel);
        else if (IS("SETTINGS"))
            sim_sb_puts(out, f->settings->p != NULL ? f->settings->p : "");
        else if (IS("PLOT"))
            sim_sb_puts(out, f->plot->p != NULL ? f->plot->p : "");
        else
            sim_sb_put(out, at, klen + 4);
#undef IS
        tpl = end + 2;
    }
}

static int put_buf(FILE *out, void *ctx, sim_err *err)
{
    (void)err;
    const sim_strbuf *b = ctx;
    if (b->p != NULL)
        fputs(b->p, out);
    return SIM_OK;
}

static int write_script(const sim_plot_script *f, const char *tpl, const char *dir, sim_err *err)
{
    sim_strbuf script;
    sim_sb_init(&script);
    expand(f, tpl, &script);
    int rc = SIM_OK;
    if (f->dat->failed || f->settings->failed || f->plot->failed || script.failed)
        rc = sim_err_nomem(err, "writing a figure");
    char file[96];
    snprintf(file, sizeof file, "%s.dat", f->name);
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, file, put_buf, (void *)f->dat, err);
    snprintf(file, sizeof file, "%s.gp", f->name);
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, file, put_buf, &script, err);
    sim_sb_free(&script);
    return rc;
}

int sim_plot_draw(const char *gnuplot, const char *dir, const char *name, sim_err *err)
{
    return sim_gnuplot_draw(gnuplot != NULL ? gnuplot : "gnuplot", dir, name, err);
}

int sim_plot_write_script(const sim_plot_script *s, const char *dir, sim_err *err)
{
    return write_script(s, template_named(s->template_name), dir, err);
}

void sim_gp_quote_sb(sim_strbuf *b, const char *s) { quote(b, s); }

static int write_fig(fig *f, const char *dir, sim_err *err)
{
    sim_plot_script s = {f->name, NULL, f->title, f->xlabel, f->ylabel, f->o->zh, &f->settings, &f->plot, &f->dat};
    return write_script(&s, template_of(f->fs->kind), dir, err);
}

static void fig_init(fig *f, const sim_exp *exp, const sim_plot_spec *spec,
                     const sim_plot_opts *o, const sim_fig_spec *fs, const char *name)
{
    f->exp = exp;
    f->spec = spec;
    f->o = o;
    f->fs = fs;
    /* name is a SIM_PLOT_NAME_MAX buffer like f->name; copied by length, as
     * GCC -O3 cannot see that bound through every caller of an snprintf. */
    size_t len = strnlen(name, sizeof f->name - 1);
    memcpy(f->name, name, len);
    f->name[len] = '\0';
    f->title = lang(fs->title, o->zh);
    f->xlabel = lang(fs->xlabel, o->zh);
    f->ylabel = lang(fs->ylabel, o->zh);
    f->title = f->title != NULL ? f->title : "";
    f->xlabel = f->xlabel != NULL ? f->xlabel : "";
    f->ylabel = f->ylabel != NULL ? f->ylabel : "";
    sim_sb_init(&f->dat);
    sim_sb_init(&f->settings);
    sim_sb_init(&f->plot);
}

static void fig_free(fig *f)
{
    sim_sb_free(&f->dat);
    sim_sb_free(&f->settings);
    sim_sb_free(&f->plot);
}

/* The SWEEP figure of KPI m, group g: its name, unless already listed. */
static void list_sweep(const sim_exp *exp, size_t i, const sim_fig_spec *fs, size_t m, size_t g,
                       sim_plot_fig *out, size_t max, size_t *n)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    char name[SIM_PLOT_NAME_MAX];
    snprintf(name, sizeof name, "%s_%s%s%s", fs->file, d->metrics[m].name, g ? "_" : "",
             g ? d->groups[g] : "");
    for (size_t k = 0; k < *n && k < max; k++)
        if (strcmp(out[k].name, name) == 0)
            return;
    if (*n < max) {
        out[*n] = (sim_plot_fig){.fig = i, .metric = m, .group = g};
        snprintf(out[*n].name, sizeof out[*n].name, "%s", name);
    }
    (*n)++;
}

size_t sim_plot_list(const sim_exp *exp, const sim_plot_spec *spec, const sim_plot_opts *o,
                     sim_plot_fig *out, size_t max)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    size_t n = 0;
    for (size_t i = 0; i < spec->n_figs; i++) {
        const sim_fig_spec *fs = &spec->figs[i];
        if ((fs->kind == SIM_FIG_SWEEP) != (o->sweep != 0))
            continue;
        if (fs->kind == SIM_FIG_SWEEP) {
            if (o->target != NULL)
                list_sweep(exp, i, fs, o->target->metric, o->target->group, out, max, &n);
            for (size_t k = 0; fs->names[k] != NULL; k++)
                list_sweep(exp, i, fs, find(d->metrics, d->n_metrics, fs->names[k]), 0, out, max, &n);
            continue;
        }
        if (fs->kind == SIM_FIG_GROUPS && d->n_groups < 2)
            continue;
        if (fs->kind == SIM_FIG_FOREST && (!o->compare || sim_exp_configs(exp) < 2))
            continue;
        if (n < max) {
            out[n] = (sim_plot_fig){.fig = i};
            snprintf(out[n].name, sizeof out[n].name, "%s", fs->file);
        }
        n++;
    }
    return n;
}

/* One SWEEP figure: KPI m of group g against the swept value. */
static int sweep_fig(const sim_exp *exp, const sim_plot_spec *spec, const sim_plot_opts *o,
                     const sim_fig_spec *fs, const char *name, size_t m, size_t g,
                     const char *dir, sim_err *err)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    fig f;
    fig_init(&f, exp, spec, o, fs, name);
    char ylabel[200];
    snprintf(ylabel, sizeof ylabel, "%s%s%s%s", long_label(spec, d->metrics[m].name, o->zh),
             g ? " · " : "", g ? sim_plot_label(spec, d->groups[g], o->zh) : "",
             strcmp(d->metrics[m].unit, "share") == 0 ? " (%)" : "");
    if (fs->xlabel.en == NULL)
        f.xlabel = o->param_label != NULL ? o->param_label : o->param != NULL ? sim_plot_label(spec, o->param, o->zh) : "";
    if (fs->ylabel.en == NULL)
        f.ylabel = ylabel;
    char title[400];
    if (fs->title.en == NULL) { /* "<KPI> against <the swept field>" */
        snprintf(title, sizeof title, o->zh ? "%s随%s的变化" : "%s against %s",
                 long_label(spec, d->metrics[m].name, o->zh), f.xlabel);
        if (!o->zh && title[0] >= 'a' && title[0] <= 'z')
            title[0] = (char)(title[0] - 'a' + 'A');
        f.title = title;
    }
    fig_sweep(&f, m, g);
    int rc = write_fig(&f, dir, err);
    fig_free(&f);
    return rc;
}

int sim_plot_all(const sim_exp *exp, const sim_plot_spec *spec, const sim_plot_opts *o,
                 sim_err *err)
{
    sim_plot_fig list[SIM_PLOT_MAX_FIGS];
    size_t n = sim_plot_list(exp, spec, o, list, SIM_PLOT_MAX_FIGS);
    SIM_CHECK(n <= SIM_PLOT_MAX_FIGS);
    sim_strbuf dir;
    sim_sb_init(&dir);
    sim_sb_printf(&dir, "%s/plots", o->dir);
    if (dir.failed)
        return sim_err_nomem(err, "naming the plots folder");
    int rc = sim_out_prepare_subdir(o->dir, "plots", err);
    for (size_t i = 0; i < n && rc == SIM_OK; i++) {
        const sim_fig_spec *fs = &spec->figs[list[i].fig];
        if (fs->kind == SIM_FIG_SWEEP) {
            rc = sweep_fig(exp, spec, o, fs, list[i].name, list[i].metric, list[i].group, dir.p, err);
            continue;
        }
        fig f;
        fig_init(&f, exp, spec, o, fs, list[i].name);
        if (fs->kind == SIM_FIG_SERIES)
            fig_series(&f);
        else if (fs->kind == SIM_FIG_CDF)
            fig_cdf(&f);
        else if (fs->kind == SIM_FIG_FOREST)
            fig_forest(&f);
        else
            fig_bars(&f, fs->kind == SIM_FIG_GROUPS);
        rc = write_fig(&f, dir.p, err);
        fig_free(&f);
    }
    for (size_t i = 0; i < n && rc == SIM_OK; i++) {
        rc = sim_gnuplot_draw(o->gnuplot != NULL ? o->gnuplot : "gnuplot", dir.p, list[i].name, err);
        if (rc == SIM_ERR_INPUT) /* gnuplot is missing: no point trying the others */
            rc = SIM_ERR_RUNTIME;
    }
    sim_sb_free(&dir);
    return rc;
}
