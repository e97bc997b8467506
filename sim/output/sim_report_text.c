/*
 * sim_report_text.c — the fixed words of report.html in both languages,
 * escaping and number formatting (see sim_report_int.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_html.h"
#include "sim_output.h"
#include "sim_report_int.h"
#include "sim_report_style.h"

const words sim_report_words_en = {
    .lang = "en",
    .report = "govsim report",
    .vs = "vs",
    .sweep_of = "sweep of ",
    .date = "Date",
    .seed = "Seed",
    .reps = "Replications",
    .per_config = " per scenario",
    .per_value = " per value",
    .cmd_run = "one scenario",
    .cmd_compare = "comparison",
    .warmup = "Warm-up",
    .model = "Model",
    .version = "govsim",
    .reproduce = "Reproduce with",
    .compared = "What was compared",
    .setting = "Setting",
    .description = "Description",
    .scenario = "Scenario",
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
    .better = "better",
    .worse = "worse",
    .small = "small",
    .verdict_title = "In short",
    .verdict_better = "better on",
    .verdict_worse = "worse on",
    .verdict_none = "no meaningful difference on any headline measure",
    .verdict_rest = "the other headline measures change little or not significantly",
    .meaningful_note =
        "Green: better, red: worse — a significant difference at least as large as the KPI's practical "
        "threshold (a percentage point for rates, a twentieth of the baseline for times, backlogs and "
        "costs; docs/output.md). Grey (small): significant but smaller than that, or on a measure without a "
        "better direction.",
    .about = "About this run",
};

const words sim_report_words_zh = {
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
    .warmup = "预热期",
    .model = "模型",
    .version = "govsim 版本",
    .reproduce = "复现命令",
    .compared = "对比内容",
    .setting = "设置项",
    .description = "说明",
    .scenario = "情景",
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
    .better = "更好",
    .worse = "更差",
    .small = "很小",
    .verdict_title = "结论",
    .verdict_better = "更好的指标：",
    .verdict_worse = "更差的指标：",
    .verdict_none = "各核心指标均无实际意义上的差异",
    .verdict_rest = "其余核心指标变化很小或不显著",
    .meaningful_note = "绿色：更好；红色：更差——差值显著且不小于该指标的实际意义阈值（比率为1个百分点，时间、积压和成本为基准的二十分之一；见 docs/output.md）。灰色“很小”：显著但小于阈值，或该指标无改进方向。",
    .about = "关于本次运行",
};

const char *sim_rp_lang(sim_text t, int zh) { return zh && t.zh != NULL ? t.zh : t.en; }

const char *sim_rp_find_label(const sim_label *l, size_t n, const char *name, int zh)
{
    for (size_t i = 0; l != NULL && i < n; i++)
        if (strcmp(l[i].name, name) == 0)
            return sim_rp_lang(l[i].text, zh);
    return NULL;
}

const char *sim_report_label(const sim_report_spec *spec, const sim_plot_spec *plots,
                             const char *name, int zh)
{
    const char *s = spec != NULL ? sim_rp_find_label(spec->labels, spec->n_labels, name, zh) : NULL;
    if (s == NULL && plots != NULL)
        s = sim_plot_label(plots, name, zh);
    return s != NULL ? s : name;
}

/* ---- small pieces ---- */

void sim_rp_put(page *p, const char *s) { sim_sb_puts(&p->b, s); }
void sim_rp_text(page *p, const char *s) { sim_html_text(&p->b, s); }

const char *sim_rp_label(const page *p, const char *name)
{
    const sim_plot_opts *o = p->info->plot;
    if (o != NULL && o->param != NULL && o->param_label != NULL && strcmp(name, o->param) == 0 &&
        sim_report_label(p->spec, p->plots, name, p->info->zh) == name)
        return o->param_label;
    return sim_report_label(p->spec, p->plots, name, p->info->zh);
}

int sim_rp_is_share(const page *p, size_t m) { return strcmp(p->d->metrics[m].unit, "share") == 0; }

size_t sim_rp_metric(const page *p, const char *name)
{
    for (size_t m = 0; m < p->d->n_metrics; m++)
        if (strcmp(p->d->metrics[m].name, name) == 0)
            return m;
    return p->d->n_metrics;
}

/* The exact number for data-* attributes (the text summary.json holds). */
void sim_rp_exact(page *p, const char *attr, double x)
{
    char buf[40];
    sim_out_number(x, buf, sizeof buf);
    sim_sb_printf(&p->b, " %s=\"%s\"", attr, buf);
}

/* x with d decimals, digits grouped by ',' from 10,000 up, a real minus sign
 * and, with sign, a '+' on positive values. */
void sim_rp_fixed(page *p, double x, int d, int sign)
{
    if (isnan(x)) {
        sim_rp_put(p, "–");
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
    sim_rp_put(p, out);
}

/* Decimals for a mean and its CI: the CI gets two significant digits; shares
 * (in percent) at least one decimal. */
int sim_rp_decimals(double mean, double ci, int share)
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
int sim_rp_ci_decimals(double ci, int share, int d)
{
    double k = share ? 100.0 : 1.0;
    if (!(isfinite(ci) && ci > 0))
        return d;
    int need = -(int)floor(log10(ci * k));
    need = need > 4 ? 4 : need;
    return need > d ? need : d;
}

void sim_rp_swatch(page *p, size_t c)
{
    sim_sb_printf(&p->b, "<span class=\"sw\" style=\"background:%s\"></span>",
                  report_palette[c % REPORT_PALETTE_N]);
}

void sim_rp_value(page *p, double v)
{
    char buf[40];
    sim_out_number(v, buf, sizeof buf);
    sim_rp_put(p, buf);
}

/* A configuration's name: the swept value in a sweep, else the scenario name. */
void sim_rp_config_title(page *p, size_t c)
{
    const sim_exp_config *cf = sim_exp_config_at(p->exp, c);
    if (p->sweep)
        sim_rp_value(p, cf->value);
    else
        sim_rp_text(p, cf->name);
}

const char *sim_rp_param(const page *p)
{
    return p->info->plot != NULL && p->info->plot->param != NULL ? p->info->plot->param : "";
}

void sim_rp_target_expr(page *p)
{
    char expr[256];
    sim_target_format(p->info->target, p->d, expr, sizeof expr);
    sim_rp_put(p, "<code>");
    sim_rp_text(p, expr);
    sim_rp_put(p, "</code>");
}
