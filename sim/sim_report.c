/*
 * sim_report.c — report.html (see sim_report.h). The page is built in memory and
 * written through sim_out_atomic(), like every other result file.
 */
#include "sim_report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_html.h"
#include "sim_mem.h"
#include "sim_output.h"
#include "sim_report_style.h"
#include "sim_strbuf.h"

/* The fixed words of the page, in both languages. */
typedef struct words {
    const char *lang, *report, *vs, *sweep_of, *date, *seed, *reps, *per_config,
        *per_value, *cmd_run, *cmd_compare, *cmd_sweep, *warmup, *model, *version,
        *reproduce, *compared, *setting, *description, *only_names, *single, *file,
        *muted_note, *more_rows, *swept, *values, *target, *target_up, *target_down,
        *target_none, *target_unclean, *headline, *baseline, *sig, *ns, *pts,
        *figures, *no_figures, *fig_missing, *kpis, *kpi, *star_note, *pct_note,
        *method, *files_note;
} words;

static const words words_en = {
    .lang = "en",
    .report = "govsim report",
    .vs = "vs",
    .sweep_of = "sweep of ",
    .date = "Date",
    .seed = "Seed",
    .reps = "Replications",
    .per_config = "per scenario",
    .per_value = "per value",
    .cmd_run = "one scenario",
    .cmd_compare = "comparison",
    .cmd_sweep = "sweep",
    .warmup = "Warm-up",
    .model = "Model",
    .version = "govsim",
    .reproduce = "Reproduce with",
    .compared = "What was compared",
    .setting = "Setting",
    .description = "Description",
    .only_names = "The scenarios differ only in their names.",
    .single = "One scenario, no comparison.",
    .file = "file",
    .muted_note = "Grey: not set in the scenario file, so the model's default applies.",
    .more_rows = "further differences are not listed; see the scenario files.",
    .swept = "Swept setting",
    .values = "Values",
    .target = "Target",
    .target_up = "holds from %s upwards (every larger value meets it too)",
    .target_down = "holds up to %s (every smaller value meets it too)",
    .target_none = "no swept value meets it with its whole 95 % confidence interval",
    .target_unclean = "some values outside that range meet it too (noise or a non-monotone effect)",
    .headline = "Headline results",
    .baseline = "baseline",
    .sig = "significant",
    .ns = "not significant",
    .pts = "pts",
    .figures = "Figures",
    .no_figures =
        "The figures could not be drawn (gnuplot is missing or failed); their scripts and data are "
        "in the plots folder.",
    .fig_missing = "This figure could not be included:",
    .kpis = "All KPIs",
    .kpi = "KPI",
    .star_note = "* the 95 % confidence interval of the paired difference excludes 0 (common random numbers).",
    .pct_note = "Shares in percent; differences of shares in percentage points.",
    .method =
        "Each number is the mean over the replications ± the half-width of its 95 % confidence "
        "interval (Student's t). Every scenario's replication r draws the same random numbers, so "
        "differences are paired replication by replication; a difference is significant when its "
        "95 % confidence interval excludes 0.",
    .files_note =
        "The numbers are in summary.json and replications.csv next to this page; each figure's "
        "data and gnuplot script are in plots/.",
};

static const words words_zh = {
    .lang = "zh-CN",
    .report = "govsim 报告",
    .vs = "对比",
    .sweep_of = "参数扫描：",
    .date = "日期",
    .seed = "随机种子",
    .reps = "重复次数",
    .per_config = "（每个情景）",
    .per_value = "（每个取值）",
    .cmd_run = "单情景运行",
    .cmd_compare = "情景对比",
    .cmd_sweep = "参数扫描",
    .warmup = "预热期",
    .model = "模型",
    .version = "govsim 版本",
    .reproduce = "复现命令",
    .compared = "对比内容",
    .setting = "设置项",
    .description = "说明",
    .only_names = "各情景除名称外设置相同。",
    .single = "单一情景，无对比。",
    .file = "文件",
    .muted_note = "灰色：情景文件未设置，采用模型默认值。",
    .more_rows = "项其他差异未列出，请查看情景文件。",
    .swept = "扫描参数",
    .values = "取值",
    .target = "目标",
    .target_up = "自 %s 起满足（更大的取值均满足）",
    .target_down = "至 %s 为止满足（更小的取值均满足）",
    .target_none = "没有取值在整个95%置信区间上满足目标",
    .target_unclean = "该范围之外也有个别取值满足目标（随机波动或非单调效应）",
    .headline = "核心结果",
    .baseline = "基准",
    .sig = "显著",
    .ns = "不显著",
    .pts = "个百分点",
    .figures = "图表",
    .no_figures = "图表未能生成（未安装gnuplot或gnuplot出错）；绘图脚本和数据在 plots 文件夹中。",
    .fig_missing = "此图未能嵌入：",
    .kpis = "全部指标",
    .kpi = "指标",
    .star_note = "* 配对差值的95%置信区间不含0（公共随机数）。",
    .pct_note = "比例以百分数表示；比例之差以百分点表示。",
    .method =
        "每个数值为各次重复的均值 ± 95%置信区间半宽（t分布）。各情景的第 r 次重复使用相同的随机数，"
        "因此差值按重复逐次配对计算；差值的95%置信区间不含0时为显著。",
    .files_note = "数值见本页旁的 summary.json 与 replications.csv；各图的数据与 gnuplot 脚本在 plots/ 中。",
};

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

static const char *lang(sim_text t, int zh) { return zh && t.zh != NULL ? t.zh : t.en; }

static const char *find_label(const sim_label *l, size_t n, const char *name, int zh)
{
    for (size_t i = 0; l != NULL && i < n; i++)
        if (strcmp(l[i].name, name) == 0)
            return lang(l[i].text, zh);
    return NULL;
}

const char *sim_report_label(const sim_report_spec *spec, const sim_plot_spec *plots,
                             const char *name, int zh)
{
    const char *s = spec != NULL ? find_label(spec->labels, spec->n_labels, name, zh) : NULL;
    if (s == NULL && plots != NULL)
        s = sim_plot_label(plots, name, zh);
    return s != NULL ? s : name;
}

/* ---- small pieces ---- */

static void put(page *p, const char *s) { sim_sb_puts(&p->b, s); }
static void text(page *p, const char *s) { sim_html_text(&p->b, s); }

static const char *label(const page *p, const char *name)
{
    return sim_report_label(p->spec, p->plots, name, p->info->zh);
}

static int is_share(const page *p, size_t m) { return strcmp(p->d->metrics[m].unit, "share") == 0; }

static size_t metric_index(const page *p, const char *name)
{
    for (size_t m = 0; m < p->d->n_metrics; m++)
        if (strcmp(p->d->metrics[m].name, name) == 0)
            return m;
    return p->d->n_metrics;
}

/* The exact number for data-* attributes (the text summary.json holds). */
static void exact(page *p, const char *attr, double x)
{
    char buf[40];
    sim_out_number(x, buf, sizeof buf);
    sim_sb_printf(&p->b, " %s=\"%s\"", attr, buf);
}

/* x with d decimals, digits grouped by ',' from 10,000 up, a real minus sign
 * and, with sign, a '+' on positive values. */
static void fixed(page *p, double x, int d, int sign)
{
    if (isnan(x)) {
        put(p, "–");
        return;
    }
    char buf[64], out[96];
    snprintf(buf, sizeof buf, "%.*f", d, fabs(x));
    size_t o = 0, ilen = strcspn(buf, ".");
    int zero = strspn(buf, "0.") == strlen(buf);
    const char *s = !zero && x < 0 ? "\xE2\x88\x92" : !zero && sign ? "+" : "";
    o += (size_t)snprintf(out, sizeof out, "%s", s);
    for (size_t i = 0; buf[i] && o + 2 < sizeof out; i++) {
        out[o++] = buf[i];
        if (ilen > 4 && i + 1 < ilen && (ilen - i - 1) % 3 == 0)
            out[o++] = ',';
    }
    out[o] = '\0';
    put(p, out);
}

/* Decimals for a mean and its CI: the CI gets two significant digits; shares
 * (in percent) at least one decimal. */
static int decimals(double mean, double ci, int share)
{
    double k = share ? 100.0 : 1.0;
    int d;
    if (isfinite(ci) && ci > 0) {
        d = 1 - (int)floor(log10(ci * k));
        d = d < 0 ? 0 : d > 4 ? 4 : d;
    } else if (share) {
        d = 1;
    } else {
        double a = fabs(mean * k);
        d = a >= 1000 || a == 0 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
    }
    return share && d < 1 ? 1 : d;
}

/* Decimals of a CI next to a mean shown with d decimals: at least one
 * significant digit, so a small CI never reads as ± 0.0. */
static int ci_decimals(double ci, int share, int d)
{
    double k = share ? 100.0 : 1.0;
    if (!(isfinite(ci) && ci > 0))
        return d;
    int need = -(int)floor(log10(ci * k));
    need = need > 4 ? 4 : need;
    return need > d ? need : d;
}

static void swatch(page *p, size_t c)
{
    sim_sb_printf(&p->b, "<span class=\"sw\" style=\"background:%s\"></span>",
                  report_palette[c % REPORT_PALETTE_N]);
}

static void value_text(page *p, double v)
{
    char buf[40];
    sim_out_number(v, buf, sizeof buf);
    put(p, buf);
}

/* A configuration's name: the swept value in a sweep, else the scenario name. */
static void config_title(page *p, size_t c)
{
    const sim_exp_config *cf = sim_exp_config_at(p->exp, c);
    if (p->sweep)
        value_text(p, cf->value);
    else
        text(p, cf->name);
}

static void section(page *p, const char *id, int n, const char *title)
{
    sim_sb_printf(&p->b, "<section id=\"%s\">\n<h2><span class=\"n\">%d</span>", id, n);
    text(p, title);
    put(p, "</h2>\n");
}

/* ---- header ---- */

static void header(page *p)
{
    const sim_report_info *in = p->info;
    const sim_exp_config *c0 = sim_exp_config_at(p->exp, 0);
    put(p, "<header class=\"top\"><div class=\"wrap\">\n<p class=\"kicker\">");
    text(p, p->w->report);
    put(p, " · ");
    if (p->sweep) {
        text(p, p->w->sweep_of);
        text(p, label(p, in->plot->param != NULL ? in->plot->param : ""));
    } else {
        text(p, p->compare ? p->w->cmd_compare : p->w->cmd_run);
    }
    put(p, "</p>\n<h1>");
    for (size_t c = 0; c < (p->sweep ? 1 : p->n); c++) {
        if (c > 0) {
            put(p, "<span class=\"vs\">");
            text(p, p->w->vs);
            put(p, "</span>");
        }
        if (p->compare)
            swatch(p, c);
        text(p, sim_exp_config_at(p->exp, c)->name);
    }
    put(p, "</h1>\n<dl class=\"meta\">");
    char when[64] = "";
    struct tm tm;
    if (gmtime_r(&in->when, &tm) != NULL)
        strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>%s</dd></div>", p->w->date, when);
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>%llu</dd></div>", p->w->seed,
                  (unsigned long long)sim_exp_seed(p->exp));
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>%zu %s</dd></div>", p->w->reps, sim_exp_reps(p->exp),
                  p->n == 1 ? "" : p->sweep ? p->w->per_value : p->w->per_config);
    if (!isnan(c0->warmup)) {
        sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>", p->w->warmup);
        value_text(p, c0->warmup);
        put(p, " ");
        text(p, in->time_unit != NULL ? in->time_unit : "");
        put(p, "</dd></div>");
    }
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>", p->w->model);
    text(p, in->model);
    sim_sb_printf(&p->b, "</dd></div><div><dt>%s</dt><dd>", p->w->version);
    text(p, in->version);
    put(p, "</dd></div></dl>\n<p class=\"cmd\"><span>");
    text(p, p->w->reproduce);
    put(p, "</span><code>");
    text(p, in->command_line != NULL ? in->command_line : "");
    put(p, "</code></p>\n</div></header>\n");
}

/* ---- what was compared ---- */

static void file_line(page *p, size_t c)
{
    const char *const *f = p->info->files;
    if (f != NULL && f[c] != NULL) {
        put(p, "<small class=\"file\">");
        text(p, p->w->file);
        put(p, " ");
        text(p, f[c]);
        put(p, "</small>");
    }
}

static int has_descriptions(const page *p)
{
    for (size_t c = 0; p->info->descriptions != NULL && c < p->n; c++)
        if (p->info->descriptions[c] != NULL && p->info->descriptions[c][0] != '\0')
            return 1;
    return 0;
}

static void compared_scenarios(page *p)
{
    const sim_report_info *in = p->info;
    if (p->n == 1) {
        put(p, "<p>");
        text(p, p->w->single);
        put(p, "</p>\n");
    }
    put(p, "<div class=\"scroll\"><table class=\"compared\">\n<thead><tr><th>");
    text(p, p->w->setting);
    put(p, "</th>");
    for (size_t c = 0; c < p->n; c++) {
        put(p, "<th>");
        if (p->compare)
            swatch(p, c);
        config_title(p, c);
        file_line(p, c);
        put(p, "</th>");
    }
    put(p, "</tr></thead>\n<tbody>\n");
    if (has_descriptions(p)) {
        put(p, "<tr><th>");
        text(p, p->w->description);
        put(p, "</th>");
        for (size_t c = 0; c < p->n; c++) {
            const char *s = in->descriptions[c];
            put(p, "<td style=\"font-weight:400\">");
            text(p, s != NULL ? s : "");
            put(p, "</td>");
        }
        put(p, "</tr>\n");
    }
    size_t muted = 0;
    for (size_t r = 0; r < in->n_rows; r++) {
        const sim_report_row *row = &in->rows[r];
        put(p, "<tr><th>");
        text(p, row->label);
        if (row->path != NULL && strcmp(row->path, row->label) != 0) {
            put(p, "<code class=\"path\">");
            text(p, row->path);
            put(p, "</code>");
        }
        put(p, "</th>");
        for (size_t c = 0; c < p->n; c++) {
            const sim_report_cell *cell = &row->cells[c];
            put(p, cell->muted ? "<td class=\"muted\">" : "<td>");
            text(p, cell->text != NULL ? cell->text : "");
            put(p, "</td>");
            muted += cell->muted != 0;
        }
        put(p, "</tr>\n");
    }
    put(p, "</tbody></table></div>\n");
    if (p->compare && in->n_rows == 0) {
        put(p, "<p>");
        text(p, p->w->only_names);
        put(p, "</p>\n");
    }
    if (in->rows_left_out > 0)
        sim_sb_printf(&p->b, "<p class=\"note\">%zu %s</p>\n", in->rows_left_out, p->w->more_rows);
    if (muted > 0) {
        put(p, "<p class=\"note\">");
        text(p, p->w->muted_note);
        put(p, "</p>\n");
    }
}

static void target_expr(page *p)
{
    char expr[256];
    sim_target_format(p->info->target, p->d, expr, sizeof expr);
    put(p, "<code>");
    text(p, expr);
    put(p, "</code>");
}

static void compared_sweep(page *p)
{
    const sim_report_info *in = p->info;
    const char *param = in->plot->param != NULL ? in->plot->param : "";
    put(p, "<table class=\"compared\"><tbody>\n<tr><th>");
    text(p, p->w->swept);
    put(p, "</th><td>");
    text(p, label(p, param));
    if (strcmp(label(p, param), param) != 0) {
        put(p, "<code class=\"path\">");
        text(p, param);
        put(p, "</code>");
    }
    put(p, "</td></tr>\n<tr><th>");
    text(p, p->w->values);
    put(p, "</th><td>");
    for (size_t c = 0; c < p->n; c++) {
        put(p, c ? ", " : "");
        value_text(p, sim_exp_config_at(p->exp, c)->value);
    }
    put(p, "</td></tr>\n");
    if (in->target != NULL) {
        put(p, "<tr><th>");
        text(p, p->w->target);
        put(p, "</th><td>");
        target_expr(p);
        put(p, "</td></tr>\n");
    }
    put(p, "<tr><th>");
    text(p, p->w->description);
    put(p, "</th><td style=\"font-weight:400\">");
    text(p, sim_exp_config_at(p->exp, 0)->name);
    file_line(p, 0);
    if (has_descriptions(p)) {
        put(p, "<br>");
        text(p, in->descriptions[0]);
    }
    put(p, "</td></tr>\n</tbody></table>\n");
}

/* ---- headline numbers ---- */

static void target_answer(page *p)
{
    const sim_target_result *tr = p->info->target_res;
    sim_sb_printf(&p->b, "<p class=\"answer%s\">", tr->met ? "" : " no");
    text(p, p->w->target);
    put(p, " ");
    target_expr(p);
    put(p, ": ");
    if (tr->met) {
        char v[40];
        sim_out_number(tr->value, v, sizeof v);
        const char *fmt = tr->high_side ? p->w->target_up : p->w->target_down;
        const char *at = strstr(fmt, "%s");
        sim_sb_put(&p->b, fmt, (size_t)(at - fmt));
        sim_sb_printf(&p->b, "<b>%s</b>", v);
        put(p, at + 2);
        if (!tr->clean) {
            put(p, "; ");
            text(p, p->w->target_unclean);
        }
    } else {
        text(p, p->w->target_none);
    }
    put(p, "</p>\n");
}

static void headline_cell(page *p, size_t c, size_t m)
{
    int share = is_share(p, m);
    double k = share ? 100.0 : 1.0;
    sim_exp_stat s = sim_exp_kpi(p->exp, c, 0, m);
    sim_sb_printf(&p->b, "<td class=\"rate\" data-kpi=\"%s\" data-config=\"%zu\"", p->d->metrics[m].name, c);
    exact(p, "data-mean", s.mean);
    exact(p, "data-ci95", s.ci95);
    put(p, "><div class=\"big\">");
    fixed(p, s.mean * k, share ? 1 : decimals(s.mean, s.ci95, 0), 0);
    if (share)
        put(p, "<span class=\"u\">%</span>");
    put(p, "</div>");
    if (!isnan(s.ci95)) {
        put(p, "<div class=\"ci\">± ");
        int d = share ? 1 : decimals(s.mean, s.ci95, 0);
        fixed(p, s.ci95 * k, ci_decimals(s.ci95, share, d), 0);
        put(p, share ? (p->info->zh ? " 个百分点" : " pts") : "");
        put(p, "</div>");
    }
    if (p->compare && c == 0) {
        put(p, "<div class=\"diff\"><span class=\"badge base\">");
        text(p, p->w->baseline);
        put(p, "</span></div>");
    } else if (p->compare) {
        sim_exp_stat dd = sim_exp_diff(p->exp, c, 0, m);
        int sig = sim_exp_significant(dd);
        sim_sb_printf(&p->b, "<div class=\"diff\" data-significant=\"%s\"", sig ? "true" : "false");
        exact(p, "data-diff-mean", dd.mean);
        exact(p, "data-diff-ci95", dd.ci95);
        put(p, ">");
        int d = share ? ci_decimals(dd.ci95, 1, 1) : decimals(dd.mean, dd.ci95, 0);
        fixed(p, dd.mean * k, d, 1);
        if (!isnan(dd.ci95)) {
            put(p, " ± ");
            fixed(p, dd.ci95 * k, ci_decimals(dd.ci95, share, d), 0);
        }
        if (share) {
            put(p, " ");
            text(p, p->w->pts);
        }
        sim_sb_printf(&p->b, "<span class=\"badge %s\">", sig ? "sig" : "ns");
        text(p, sig ? p->w->sig : p->w->ns);
        put(p, "</span></div>");
    }
    put(p, "</td>");
}

static void headline(page *p)
{
    size_t ms[16], n = 0;
    const char *const *h = p->spec != NULL ? p->spec->headline : NULL;
    for (size_t i = 0; h != NULL && h[i] != NULL && n < 16; i++) {
        size_t m = metric_index(p, h[i]);
        if (m < p->d->n_metrics)
            ms[n++] = m;
    }
    if (n == 0)
        return;
    if (p->sweep && p->info->target != NULL && p->info->target_res != NULL)
        target_answer(p);
    put(p, "<div class=\"scroll\"><table class=\"rates\">\n<thead><tr><th>");
    if (p->sweep)
        text(p, label(p, p->info->plot->param != NULL ? p->info->plot->param : ""));
    put(p, "</th>");
    for (size_t i = 0; i < n; i++) {
        put(p, "<th>");
        text(p, label(p, p->d->metrics[ms[i]].name));
        const char *note = find_label(p->spec->notes, p->spec->n_notes, p->d->metrics[ms[i]].name,
                                      p->info->zh);
        if (note != NULL) {
            put(p, "<small>");
            text(p, note);
            put(p, "</small>");
        }
        put(p, "</th>");
    }
    put(p, "</tr></thead>\n<tbody>\n");
    for (size_t c = 0; c < p->n; c++) {
        put(p, "<tr><th>");
        if (p->compare)
            swatch(p, c);
        config_title(p, c);
        put(p, "</th>");
        for (size_t i = 0; i < n; i++)
            headline_cell(p, c, ms[i]);
        put(p, "</tr>\n");
    }
    put(p, "</tbody></table></div>\n");
}

/* ---- figures ---- */

static void figures(page *p)
{
    const sim_report_info *in = p->info;
    if (!in->figures) {
        put(p, "<p class=\"warn\">");
        text(p, p->w->no_figures);
        put(p, "</p>\n");
        return;
    }
    sim_plot_fig list[SIM_PLOT_MAX_FIGS];
    size_t n = sim_plot_list(p->exp, p->plots, in->plot, list, SIM_PLOT_MAX_FIGS);
    for (size_t i = 0; i < n && i < SIM_PLOT_MAX_FIGS; i++) {
        const sim_fig_spec *fs = &p->plots->figs[list[i].fig];
        const char *title = lang(fs->title, in->zh);
        char prefix[24];
        snprintf(prefix, sizeof prefix, "f%zu-", i + 1);
        sim_strbuf path;
        sim_sb_init(&path);
        sim_sb_printf(&path, "%s/plots/%s.svg", in->plot->dir, list[i].name);
        sim_sb_printf(&p->b, "<figure id=\"fig-%s\">\n", list[i].name);
        int rc = path.failed ? sim_err_nomem(p->err, "naming a figure")
                             : sim_html_svg(&p->b, path.p, prefix, title != NULL ? title : list[i].name, p->err);
        sim_sb_free(&path);
        if (rc != SIM_OK) {
            p->figure_failed = 1;
            put(p, "<p class=\"warn\">");
            text(p, p->w->fig_missing);
            put(p, " ");
            text(p, list[i].name);
            put(p, ".svg</p>");
        }
        put(p, "\n</figure>\n");
    }
}

/* ---- every KPI ---- */

static int defined_somewhere(const page *p, size_t g, size_t m)
{
    for (size_t c = 0; c < p->n; c++)
        if (!isnan(sim_exp_kpi(p->exp, c, g, m).mean))
            return 1;
    return 0;
}

/* A row's means share one number of decimals (the least precise
 * configuration's), so a column reads evenly; each CI keeps a significant digit. */
static int row_decimals(const page *p, size_t g, size_t m)
{
    int d = 4, share = is_share(p, m);
    for (size_t c = 0; c < p->n; c++) {
        sim_exp_stat s = sim_exp_kpi(p->exp, c, g, m);
        if (!isnan(s.mean)) {
            int dc = decimals(s.mean, s.ci95, share);
            d = dc < d ? dc : d;
        }
    }
    return d;
}

static void kpi_cell(page *p, size_t c, size_t g, size_t m, int diff, int d)
{
    int share = is_share(p, m);
    double k = share ? 100.0 : 1.0;
    sim_exp_stat s = diff ? sim_exp_diff(p->exp, c, g, m) : sim_exp_kpi(p->exp, c, g, m);
    int sig = diff && sim_exp_significant(s);
    sim_sb_printf(&p->b, "<td class=\"num%s\" data-kpi=\"%s\" data-group=\"%s\" data-config=\"%zu\"%s",
                  sig ? " sig" : "", p->d->metrics[m].name, p->d->groups[g], c,
                  diff ? " data-diff=\"true\"" : "");
    exact(p, "data-mean", s.mean);
    exact(p, "data-ci95", s.ci95);
    put(p, ">");
    if (diff)
        d = decimals(s.mean, s.ci95, share);
    fixed(p, s.mean * k, d, diff);
    if (share && !diff && !isnan(s.mean))
        put(p, " %");
    if (!isnan(s.ci95) && !isnan(s.mean)) {
        put(p, " ± ");
        fixed(p, s.ci95 * k, ci_decimals(s.ci95, share, d), 0);
    }
    put(p, sig ? " *</td>" : "</td>");
}

static void kpi_table(page *p)
{
    size_t cols = 1 + p->n + (p->compare ? p->n - 1 : 0);
    put(p, "<div class=\"scroll\"><table class=\"kpis\">\n<thead><tr><th>");
    text(p, p->sweep ? label(p, p->info->plot->param != NULL ? p->info->plot->param : "") : p->w->kpi);
    put(p, "</th>");
    for (size_t c = 0; c < p->n; c++) {
        put(p, "<th class=\"num\">");
        if (p->compare)
            swatch(p, c);
        config_title(p, c);
        put(p, "</th>");
    }
    for (size_t c = 1; p->compare && c < p->n; c++) {
        put(p, "<th class=\"num diffhead\">\xCE\x94 ");
        swatch(p, c);
        config_title(p, c);
        put(p, "<small>");
        text(p, p->w->vs);
        put(p, " ");
        config_title(p, 0);
        put(p, "</small></th>");
    }
    put(p, "</tr></thead>\n");
    for (size_t g = 0; g < p->d->n_groups; g++) {
        sim_sb_printf(&p->b, "<tbody><tr class=\"group\"><th colspan=\"%zu\">", cols);
        text(p, label(p, p->d->groups[g]));
        put(p, "</th></tr>\n");
        for (size_t m = 0; m < p->d->n_metrics; m++) {
            if (!defined_somewhere(p, g, m))
                continue;
            put(p, "<tr><th>");
            text(p, label(p, p->d->metrics[m].name));
            if (strcmp(label(p, p->d->metrics[m].name), p->d->metrics[m].name) != 0) {
                put(p, "<code class=\"path\">");
                text(p, p->d->metrics[m].name);
                put(p, "</code>");
            }
            put(p, "</th>");
            int d = row_decimals(p, g, m);
            for (size_t c = 0; c < p->n; c++)
                kpi_cell(p, c, g, m, 0, d);
            for (size_t c = 1; p->compare && c < p->n; c++)
                kpi_cell(p, c, g, m, 1, d);
            put(p, "</tr>\n");
        }
        put(p, "</tbody>\n");
    }
    put(p, "</table></div>\n<p class=\"note\">");
    text(p, p->w->pct_note);
    if (p->compare) {
        put(p, "<br>");
        text(p, p->w->star_note);
    }
    put(p, "</p>\n");
}

/* ---- the page ---- */

static void build(page *p)
{
    const sim_report_info *in = p->info;
    sim_sb_printf(&p->b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"govsim ", p->w->lang);
    text(p, in->version);
    put(p, "\">\n<title>");
    text(p, p->w->report);
    put(p, ": ");
    for (size_t c = 0; c < (p->sweep ? 1 : p->n); c++) {
        if (c > 0) {
            put(p, " ");
            text(p, p->w->vs);
            put(p, " ");
        }
        text(p, sim_exp_config_at(p->exp, c)->name);
    }
    put(p, "</title>\n<style>\n");
    put(p, report_css);
    put(p, "</style>\n</head>\n<body>\n");
    header(p);
    put(p, "<main class=\"wrap\">\n");
    int n = 1;
    section(p, "compared", n++, p->w->compared);
    if (p->sweep)
        compared_sweep(p);
    else
        compared_scenarios(p);
    put(p, "</section>\n");
    if (p->spec != NULL && p->spec->headline != NULL) {
        const char *t = lang(p->spec->headline_title, in->zh);
        section(p, "headline", n++, t != NULL ? t : p->w->headline);
        headline(p);
        put(p, "</section>\n");
    }
    if (p->plots != NULL) {
        section(p, "figures", n++, p->w->figures);
        figures(p);
        put(p, "</section>\n");
    }
    section(p, "kpis", n++, p->w->kpis);
    kpi_table(p);
    put(p, "</section>\n<footer>\n<p>");
    text(p, p->w->method);
    put(p, "</p>\n<p>");
    text(p, p->w->files_note);
    put(p, "</p>\n</footer>\n</main>\n</body>\n</html>\n");
}

static int put_page(FILE *f, void *ctx, sim_err *err)
{
    (void)err;
    const sim_strbuf *b = ctx;
    fwrite(b->p, 1, b->len, f);
    return SIM_OK;
}

int sim_report_write(const char *dir, const sim_exp *exp, const sim_plot_spec *plots,
                     const sim_report_spec *spec, const sim_report_info *info, sim_err *err)
{
    page p = {.exp = exp, .d = sim_exp_ops(exp)->desc, .plots = plots, .spec = spec,
              .info = info, .w = info->zh ? &words_zh : &words_en, .n = sim_exp_configs(exp), .err = err};
    p.sweep = strcmp(info->command, "sweep") == 0;
    p.compare = strcmp(info->command, "compare") == 0 && p.n > 1;
    sim_sb_init(&p.b);
    build(&p);
    int rc = p.b.failed ? sim_err_nomem(err, "writing report.html")
                        : sim_out_atomic(dir, "report.html", put_page, &p.b, err);
    sim_sb_free(&p.b);
    if (rc == SIM_OK && p.figure_failed)
        rc = SIM_ERR_RUNTIME;
    return rc;
}
