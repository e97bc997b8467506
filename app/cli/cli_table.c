/*
 * cli_table.c — the results table printed after a run, for a trainer's screen:
 * the model's headline KPIs, mean ± 95 % CI half-width, shares in percent.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_term.h"
#include "sim_sa_out.h"

#define COL 22

/* Code points that take two columns (CJK, Hangul, full-width forms). */
static int wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t cli_display_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp = *p;
        size_t n = 1;
        if (*p >= 0xF0)
            cp = *p & 0x07, n = 4;
        else if (*p >= 0xE0)
            cp = *p & 0x0F, n = 3;
        else if (*p >= 0xC0)
            cp = *p & 0x1F, n = 2;
        for (size_t i = 1; i < n && (p[i] & 0xC0) == 0x80; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        w += wide(cp) ? 2 : 1;
        p += n;
        while ((*p & 0xC0) == 0x80) /* stray continuation bytes */
            p++;
    }
    return w;
}

/* Print s padded with spaces to `width` columns (at least one space after). */
static void cell(FILE *f, const char *s, size_t width)
{
    size_t w = cli_display_width(s);
    fputs(s, f);
    for (size_t i = w; i < width || i == w; i++)
        fputc(' ', f);
}

/* The longest prefix of s (whole characters) that takes at most `cols` columns. */
static void clip(char *out, size_t size, const char *s, size_t cols)
{
    size_t o = 0, w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        char ch[5] = {0};
        for (size_t i = 0; i < n && p[i]; i++)
            ch[i] = (char)p[i];
        size_t cw = cli_display_width(ch);
        if (w + cw > cols || o + n >= size)
            break;
        memcpy(out + o, p, n);
        o += n;
        w += cw;
        p += n;
    }
    out[o] = '\0';
}

static int decimals(double x)
{
    double a = fabs(x);
    return a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
}

/* Decimals that give the CI two significant digits (the mean the same), at
 * least one for a percentage; without a CI, by the mean's size. */
static int decimals_for(double mean, double ci, int share)
{
    if (!(ci > 0) || !isfinite(ci))
        return share ? 1 : decimals(mean);
    int d = (int)ceil(-log10(ci)) + 1;
    int lo = share ? 1 : 0;
    return d < lo ? lo : d > 6 ? 6 : d;
}

/* mean ± CI; shares in percent, and a difference of shares in percentage
 * points (a rate moving from 80 % to 84 % moved 4 points, not 4 %). */
static void fmt_stat(char *buf, size_t size, sim_exp_stat s, int share, int sign, int zh)
{
    if (isnan(s.mean)) {
        snprintf(buf, size, "-");
        return;
    }
    double k = share ? 100.0 : 1.0;
    int d = decimals_for(s.mean * k, s.ci95 * k, share);
    const char *unit = !share ? "" : !sign ? " %" : zh ? " 个百分点" : " pp";
    int n = snprintf(buf, size, sign ? "%+.*f%s" : "%.*f%s", d, s.mean * k, unit);
    if (!isnan(s.ci95) && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, " ± %.*f", d, s.ci95 * k);
}

static const char *label(const cli_table_info *info, const char *name)
{
    return info->zh && info->model->plots != NULL ? sim_plot_label(info->model->plots, name, 1) : name;
}

/* The headline KPIs' indices; all KPIs when the model names none. */
static size_t headline(const cli_table_info *info, const sim_model_desc *d, size_t *out, size_t max)
{
    size_t n = 0;
    const char *const *h = info->model->headline;
    for (size_t m = 0; m < d->n_metrics && n < max; m++) {
        int keep = h == NULL;
        for (size_t i = 0; h != NULL && h[i] != NULL && !keep; i++)
            keep = strcmp(h[i], d->metrics[m].name) == 0;
        if (keep)
            out[n++] = m;
    }
    return n;
}

static size_t first_width(const cli_table_info *info, const sim_model_desc *d, const size_t *ms, size_t n)
{
    size_t w = 12;
    for (size_t i = 0; i < n; i++) {
        size_t lw = cli_display_width(label(info, d->metrics[ms[i]].name));
        w = lw + 2 > w ? lw + 2 : w;
    }
    return w;
}

static int is_share(const sim_model_desc *d, size_t m) { return strcmp(d->metrics[m].unit, "share") == 0; }

static void print_run_compare(FILE *f, const sim_exp *exp, const cli_table_info *info,
                              const size_t *ms, size_t n_ms)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    size_t n_c = sim_exp_configs(exp), w0 = first_width(info, d, ms, n_ms);
    int compare = n_c > 1;
    char buf[128];
    cell(f, info->zh ? "指标" : "KPI", w0);
    if (compare) {
        for (size_t c = 0; c < n_c; c++) {
            snprintf(buf, sizeof buf, "%zu ", c + 1);
            clip(buf + strlen(buf), sizeof buf - strlen(buf), sim_exp_config_at(exp, c)->name, COL - 4);
            cell(f, buf, COL);
        }
        for (size_t c = 1; c < n_c; c++) {
            snprintf(buf, sizeof buf, info->zh ? "差值 %zu-1" : "diff %zu-1", c + 1);
            cell(f, buf, COL + 8);
        }
    } else {
        for (size_t g = 0; g < d->n_groups; g++)
            cell(f, label(info, d->groups[g]), COL);
    }
    fputc('\n', f);
    int any_sig = 0;
    for (size_t i = 0; i < n_ms; i++) {
        size_t m = ms[i];
        cell(f, label(info, d->metrics[m].name), w0);
        if (compare) {
            for (size_t c = 0; c < n_c; c++) {
                fmt_stat(buf, sizeof buf, sim_exp_kpi(exp, c, 0, m), is_share(d, m), 0, info->zh);
                cell(f, buf, COL);
            }
            for (size_t c = 1; c < n_c; c++) {
                sim_exp_stat s = sim_exp_diff(exp, c, 0, m);
                fmt_stat(buf, sizeof buf, s, is_share(d, m), 1, info->zh);
                if (sim_exp_significant(s)) {
                    /* and whether it matters: the KPI's direction and practical size */
                    sim_tone t = sim_exp_tone(d, m, s, sim_exp_kpi(exp, 0, 0, m).mean);
                    const char *word = t == SIM_TONE_BETTER  ? (info->zh ? " * 更好" : " * better")
                                       : t == SIM_TONE_WORSE ? (info->zh ? " * 更差" : " * worse")
                                                             : (info->zh ? " * 很小" : " * small");
                    strncat(buf, word, sizeof buf - strlen(buf) - 1);
                    any_sig = 1;
                }
                cell(f, buf, COL + 8);
            }
        } else {
            for (size_t g = 0; g < d->n_groups; g++) {
                fmt_stat(buf, sizeof buf, sim_exp_kpi(exp, 0, g, m), is_share(d, m), 0, info->zh);
                cell(f, buf, COL);
            }
        }
        fputc('\n', f);
    }
    if (compare) {
        for (size_t c = 0; c < n_c; c++)
            fprintf(f, "%zu = %s\n", c + 1, sim_exp_config_at(exp, c)->name);
        if (any_sig)
            fputs(info->zh ? "* 配对差值的95%置信区间不含0（共同随机数）；更好/更差：按该指标的改进方向，且不小于其实际意义阈值；"
                             "很小：低于阈值或无改进方向（docs/output.md）\n"
                           : "* the 95 % CI of the paired difference excludes 0 (common random numbers); better/worse: "
                             "by the KPI's good direction, at least its practical threshold; small: below it or no "
                             "direction (docs/output.md)\n", f);
    }
}

static void print_sweep(FILE *f, const sim_exp *exp, const cli_table_info *info, size_t *ms, size_t n_ms)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    const sim_target *t = info->target;
    size_t cols[5], n_cols = 0, tg = t != NULL ? t->group : 0;
    if (t != NULL)
        cols[n_cols++] = t->metric;
    for (size_t i = 0; i < n_ms && n_cols < 4; i++)
        if (t == NULL || ms[i] != t->metric || tg != 0)
            cols[n_cols++] = ms[i];
    size_t w0 = cli_display_width(info->param) + 2;
    w0 = w0 < 10 ? 10 : w0;
    char buf[128];
    cell(f, info->param, w0);
    for (size_t i = 0; i < n_cols; i++) {
        snprintf(buf, sizeof buf, "%s%s%s", label(info, d->metrics[cols[i]].name),
                 i == 0 && tg ? (info->zh ? "·" : ".") : "", i == 0 && tg ? label(info, d->groups[tg]) : "");
        cell(f, buf, COL);
    }
    if (t != NULL)
        fputs(info->zh ? "达标" : "meets target", f);
    fputc('\n', f);
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        if (!isnan(cf->value) || cf->factors == NULL) {
            snprintf(buf, sizeof buf, "%.10g", cf->value);
        } else { /* a point of several fields or of choices: its values */
            size_t used = 0;
            buf[0] = '\0';
            for (size_t k = 0; k < info->n_factors && used < sizeof buf; k++) {
                char v[24];
                snprintf(v, sizeof v, "%.6g", strtod(cf->factors[k], NULL));
                int numeric = strspn(cf->factors[k], "0123456789.eE+-") == strlen(cf->factors[k]);
                used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", k ? ", " : "",
                                         numeric ? v : cf->factors[k]);
            }
        }
        cell(f, buf, w0);
        for (size_t i = 0; i < n_cols; i++) {
            fmt_stat(buf, sizeof buf, sim_exp_kpi(exp, c, i == 0 ? tg : 0, cols[i]), is_share(d, cols[i]), 0, info->zh);
            cell(f, buf, COL);
        }
        if (t != NULL)
            fputs(sim_target_meets(t, sim_exp_kpi(exp, c, tg, t->metric)) ? (info->zh ? "是" : "yes")
                                                                          : (info->zh ? "否" : "no"), f);
        fputc('\n', f);
    }
    if (t != NULL) {
        const sim_target_result *r = info->target_res;
        char expr[256];
        sim_target_format(t, d, expr, sizeof expr);
        if (!r->met)
            fprintf(f, info->zh ? "目标 %s：所扫描的取值中没有满足（整个95%%置信区间）的\n"
                                : "target %s: not met (whole 95 %% CI) at the end of the sweep where it holds\n",
                    expr);
        else
            fprintf(f, info->zh ? "目标 %s：%s = %.10g 起%s均满足（整个95%%置信区间）%s\n"
                                : "target %s: met from %s = %.10g %s (whole 95 %% CI)%s\n",
                    expr, info->param, r->value,
                    r->high_side ? (info->zh ? "向上" : "upward") : (info->zh ? "向下" : "downward"),
                    r->clean ? "" : (info->zh ? "；另有零星满足的取值" : "; some other values meet it too"));
    }
}

/* What each scenario amounts to (head-counts), under the table: the numbers
 * a planner checks first when a result surprises (summary.json has them all). */
static void print_inputs(FILE *f, const sim_exp *exp, const cli_table_info *info)
{
    if (info->model->inputs_text == NULL)
        return;
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        char line[768];
        info->model->inputs_text(cf->config, line, sizeof line);
        if (*line)
            fprintf(f, "%s %s: %s\n", info->zh ? "投入" : "inputs", cf->name, line);
    }
}

void cli_table_print(FILE *f, const sim_exp *exp, const cli_table_info *info)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    const sim_exp_config *c0 = sim_exp_config_at(exp, 0);
    size_t ms[64], n_ms = headline(info, d, ms, 64);
    if (info->zh)
        fprintf(f, "情景：%s（模型 %s）%zu 次重复，种子 %llu，预热 %g %s\n", c0->name, info->model->kind,
                sim_exp_reps(exp), (unsigned long long)sim_exp_seed(exp), c0->warmup, info->model->time_unit);
    else
        fprintf(f, "%s (model %s): %zu replications, seed %llu, warm-up %g %s; mean ± 95 %% CI\n",
                c0->name, info->model->kind, sim_exp_reps(exp), (unsigned long long)sim_exp_seed(exp),
                c0->warmup, info->model->time_unit);
    if (strcmp(info->command, "sweep") == 0) {
        print_sweep(f, exp, info, ms, n_ms);
    } else {
        print_run_compare(f, exp, info, ms, n_ms);
        print_inputs(f, exp, info);
    }
    fprintf(f, info->zh ? "结果目录：%s\n" : "results: %s\n", info->out_dir);
}

/* govsim sensitivity: a row per headline KPI, a column per parameter, with
 * mu* ± CI (sigma) for Morris, S1 ± CI / ST ± CI for Sobol. */
void cli_sa_table_print(FILE *f, const sim_exp *exp, const sim_sa_out *o, const model_kind *model)
{
    size_t k = o->plan->k;
    sim_sa_result *r = calloc(k, sizeof *r);
    if (r == NULL)
        return;
    int morris = o->plan->method == SIM_SA_MORRIS;
    fprintf(f, o->zh ? "%s敏感性分析：%zu个设计点 × %zu次重复；%s\n" : "%s sensitivity: %zu design points x %zu "
                                                                     "replications; %s\n",
            morris ? "Morris" : "Sobol", sim_exp_configs(exp), sim_exp_reps(exp),
            morris ? (o->zh ? "μ* ± 95%置信区间（σ）" : "mu* ± 95 % CI (sigma)")
                   : (o->zh ? "一阶 ± 95%置信区间 / 总效应" : "first-order ± 95 % CI / total"));
    const sim_model_desc *d = model->ops->desc;
    char buf[160];
    cell(f, o->zh ? "指标" : "KPI", COL);
    for (size_t i = 0; i < k; i++) {
        clip(buf, sizeof buf, o->params[i], 2 * COL - 2);
        cell(f, buf, 2 * COL);
    }
    fputc('\n', f);
    for (size_t h = 0; model->headline != NULL && model->headline[h] != NULL; h++) {
        size_t m = 0;
        while (m < d->n_metrics && strcmp(d->metrics[m].name, model->headline[h]) != 0)
            m++;
        sim_err err;
        sim_err_init(&err);
        if (m == d->n_metrics || sim_sa_indices(exp, o, 0, m, r, &err) != SIM_OK || r[0].used == 0)
            continue;
        const char *name = model->plots != NULL ? sim_plot_label(model->plots, d->metrics[m].name, o->zh)
                                                : d->metrics[m].name;
        clip(buf, sizeof buf, name, COL - 2);
        cell(f, buf, COL);
        for (size_t i = 0; i < k; i++) {
            if (morris)
                snprintf(buf, sizeof buf, "%.3g ± %.2g (%.3g)", r[i].mu_star, r[i].mu_star_conf, r[i].sigma);
            else
                snprintf(buf, sizeof buf, "%.2f ± %.2f / %.2f", r[i].s1, r[i].s1_conf, r[i].st);
            cell(f, buf, 2 * COL);
        }
        fputc('\n', f);
    }
    free(r);
}
