/*
 * sim_xlsx.c — results.xlsx (sim_xlsx.h) through libxlsxwriter.
 *
 * The numbers are the doubles summary.json holds (written by the library with
 * 17 significant digits); formats only change how Excel and WPS show them.
 */
#include "sim_xlsx.h"

#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <xlsxwriter.h>

#include "sim_mem.h"

typedef struct words {
    const char *headline, *diffs, *inputs, *all;                /* sheet names */
    const char *scenario, *kpi, *id, *unit, *group, *mean, *ci, *n, *baseline, *diff, *significant, *input;
    const char *yes, *no, *alone, *settings, *seed, *reps, *warmup;
} words;

static const words en = {
    "Headline KPIs", "Differences", "Inputs", "All KPIs",
    "Scenario", "KPI", "id", "Unit", "Group", "Mean", "±95 % CI", "n", "Baseline", "Difference", "Significant",
    "Input", "yes", "no", "One scenario: nothing to compare.", "Run", "seed", "replications", "warm-up",
};
static const words zh = {
    "主要指标", "差异", "投入", "全部指标",
    "情景", "指标", "代码", "单位", "分组", "均值", "±95%置信区间", "重复次数", "基准", "差值", "显著",
    "投入项", "是", "否", "只有一个情景：没有可比较的。", "运行", "随机种子", "重复次数", "预热期",
};

/* Number formats by unit: the mean's and the half-width's ("±" in front). */
typedef struct formats {
    lxw_format *head, *pct, *pct_ci, *dec, *dec_ci, *count, *count_ci, *general, *general_ci;
} formats;

typedef struct book {
    lxw_workbook *wb;
    formats f;
    const sim_exp *exp;
    const sim_xlsx_info *info;
    const sim_model_desc *d;
    const words *w;
    lxw_error failed; /* the first write the library refused (memory, a bad string) */
} book;

static lxw_format *number_format(lxw_workbook *wb, const char *num, int bold)
{
    lxw_format *f = workbook_add_format(wb);
    if (f != NULL && num != NULL)
        format_set_num_format(f, num);
    if (f != NULL && bold)
        format_set_bold(f);
    return f;
}

static void make_formats(book *b)
{
    formats *f = &b->f;
    f->head = number_format(b->wb, NULL, 1);
    f->pct = number_format(b->wb, "0.0%", 0);
    f->pct_ci = number_format(b->wb, "\"±\"0.0%", 0);
    f->dec = number_format(b->wb, "#,##0.0", 0);
    f->dec_ci = number_format(b->wb, "\"±\"#,##0.0", 0);
    f->count = number_format(b->wb, "#,##0", 0);
    f->count_ci = number_format(b->wb, "\"±\"#,##0", 0);
    f->general = number_format(b->wb, "0.000", 0);
    f->general_ci = number_format(b->wb, "\"±\"0.000", 0);
}

/* The format of a KPI's values: by its unit. */
static lxw_format *unit_format(const book *b, const char *unit, int ci)
{
    const formats *f = &b->f;
    if (strcmp(unit, "share") == 0)
        return ci ? f->pct_ci : f->pct;
    if (strcmp(unit, "h") == 0 || strcmp(unit, "min") == 0 || strcmp(unit, "d") == 0)
        return ci ? f->dec_ci : f->dec;
    static const char *const counts[] = {"cases", "customers", "problems", "requests", "hours", NULL};
    int count = strstr(unit, "yuan") != NULL;
    for (size_t i = 0; !count && counts[i] != NULL; i++)
        count = strcmp(unit, counts[i]) == 0;
    return count ? (ci ? f->count_ci : f->count) : (ci ? f->general_ci : f->general);
}

static void check(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->failed == LXW_NO_ERROR)
        b->failed = e;
}

static void put_str(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    check(b, worksheet_write_string(ws, r, c, s, f));
}

/* NaN (a KPI not defined) is an empty cell. */
static void put_number(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, lxw_format *f)
{
    check(b, isnan(x) ? worksheet_write_blank(ws, r, c, f) : worksheet_write_number(ws, r, c, x, f));
}

static lxw_worksheet *add_sheet(book *b, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (ws == NULL)
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

static const char *label(const book *b, const char *name)
{
    return sim_report_label(b->info->report, b->info->plots, name, b->info->zh);
}

/* Scenario and the design's factors: the first columns of a row. */
static lxw_col_t row_head(book *b, lxw_worksheet *ws, lxw_row_t r, size_t c)
{
    const sim_exp_config *cf = sim_exp_config_at(b->exp, c);
    put_str(b, ws, r, 0, cf->name, NULL);
    lxw_col_t col = 1;
    for (size_t k = 0; k < b->info->out->n_factors; k++, col++)
        put_str(b, ws, r, col, cf->factors != NULL && cf->factors[k] != NULL ? cf->factors[k] : "", NULL);
    return col;
}

static lxw_col_t header_head(book *b, lxw_worksheet *ws)
{
    put_str(b, ws, 0, 0, b->w->scenario, b->f.head);
    lxw_col_t col = 1;
    for (size_t k = 0; k < b->info->out->n_factors; k++, col++)
        put_str(b, ws, 0, col, b->info->out->factor_names[k], b->f.head);
    return col;
}

static size_t metric_index(const sim_model_desc *d, const char *name)
{
    size_t m = 0;
    while (m < d->n_metrics && strcmp(d->metrics[m].name, name) != 0)
        m++;
    return m;
}

/* Headline KPIs: a row per configuration and KPI; mean and CI per group. */
static void headline_sheet(book *b)
{
    lxw_worksheet *ws = add_sheet(b, b->w->headline);
    if (ws == NULL)
        return;
    lxw_col_t col = header_head(b, ws), first = col;
    put_str(b, ws, 0, col++, b->w->kpi, b->f.head);
    put_str(b, ws, 0, col++, b->w->id, b->f.head);
    put_str(b, ws, 0, col++, b->w->unit, b->f.head);
    for (size_t g = 0; g < b->d->n_groups; g++) {
        char h[160];
        snprintf(h, sizeof h, "%s: %s", label(b, b->d->groups[g]), b->w->mean);
        put_str(b, ws, 0, col++, h, b->f.head);
        snprintf(h, sizeof h, "%s: %s", label(b, b->d->groups[g]), b->w->ci);
        put_str(b, ws, 0, col++, h, b->f.head);
    }
    lxw_row_t r = 1;
    for (size_t c = 0; c < sim_exp_configs(b->exp); c++)
        for (size_t i = 0; b->info->headline != NULL && b->info->headline[i] != NULL; i++) {
            size_t m = metric_index(b->d, b->info->headline[i]);
            if (m == b->d->n_metrics)
                continue;
            const char *unit = b->d->metrics[m].unit;
            col = row_head(b, ws, r, c);
            put_str(b, ws, r, col++, label(b, b->d->metrics[m].name), NULL);
            put_str(b, ws, r, col++, b->d->metrics[m].name, NULL);
            put_str(b, ws, r, col++, unit, NULL);
            for (size_t g = 0; g < b->d->n_groups; g++) {
                sim_exp_stat s = sim_exp_kpi(b->exp, c, g, m);
                put_number(b, ws, r, col++, s.mean, unit_format(b, unit, 0));
                put_number(b, ws, r, col++, s.ci95, unit_format(b, unit, 1));
            }
            r++;
        }
    worksheet_set_column(ws, 0, 0, 24, NULL);
    worksheet_set_column(ws, first, first, 34, NULL);
    worksheet_set_column(ws, first + 1, first + 2, 14, NULL);
    worksheet_set_column(ws, first + 3, col, 13, NULL);
    worksheet_freeze_panes(ws, 1, first + 1);
}

/* Each configuration against the first, over common random numbers. */
static void differences_sheet(book *b)
{
    lxw_worksheet *ws = add_sheet(b, b->w->diffs);
    if (ws == NULL)
        return;
    if (sim_exp_configs(b->exp) < 2) {
        put_str(b, ws, 0, 0, b->w->alone, NULL);
        return;
    }
    lxw_col_t col = header_head(b, ws), first = col;
    const char *heads[] = {b->w->baseline, b->w->kpi, b->w->id, b->w->unit, b->w->diff, b->w->ci, b->w->significant,
                           b->w->n};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        put_str(b, ws, 0, col++, heads[i], b->f.head);
    lxw_row_t r = 1;
    const char *base = sim_exp_config_at(b->exp, 0)->name;
    for (size_t c = 1; c < sim_exp_configs(b->exp); c++)
        for (size_t m = 0; m < b->d->n_metrics; m++) {
            sim_exp_stat s = sim_exp_diff(b->exp, c, 0, m);
            if (s.n == 0)
                continue;
            const char *unit = b->d->metrics[m].unit;
            col = row_head(b, ws, r, c);
            put_str(b, ws, r, col++, base, NULL);
            put_str(b, ws, r, col++, label(b, b->d->metrics[m].name), NULL);
            put_str(b, ws, r, col++, b->d->metrics[m].name, NULL);
            put_str(b, ws, r, col++, unit, NULL);
            put_number(b, ws, r, col++, s.mean, unit_format(b, unit, 0));
            put_number(b, ws, r, col++, s.ci95, unit_format(b, unit, 1));
            put_str(b, ws, r, col++, sim_exp_significant(s) ? b->w->yes : b->w->no, NULL);
            put_number(b, ws, r, col++, (double)s.n, NULL);
            r++;
        }
    worksheet_set_column(ws, 0, first, 24, NULL);
    worksheet_set_column(ws, first + 1, first + 1, 34, NULL);
    worksheet_freeze_panes(ws, 1, first + 3);
}

/* An object whose keys are all group names ("all", "urban", ...). */
static int by_group(const book *b, const cJSON *o)
{
    if (!cJSON_IsObject(o) || o->child == NULL)
        return 0;
    for (const cJSON *k = o->child; k != NULL; k = k->next) {
        size_t g = 0;
        while (g < b->d->n_groups && strcmp(b->d->groups[g], k->string) != 0)
            g++;
        if (g == b->d->n_groups || !cJSON_IsNumber(k))
            return 0;
    }
    return 1;
}

/* One row per input: numbers in the group's column (a single number: "all"). */
static void input_rows(book *b, lxw_worksheet *ws, lxw_row_t *r, size_t c, const cJSON *node, const char *path)
{
    if (cJSON_IsObject(node) && !by_group(b, node)) {
        for (const cJSON *k = node->child; k != NULL; k = k->next) {
            char sub[256];
            snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", k->string);
            input_rows(b, ws, r, c, k, sub);
        }
        return;
    }
    lxw_col_t col = row_head(b, ws, *r, c);
    put_str(b, ws, *r, col++, path, NULL);
    if (cJSON_IsNumber(node)) {
        put_number(b, ws, *r, col, node->valuedouble, b->f.general);
    } else if (cJSON_IsString(node)) {
        put_str(b, ws, *r, col, node->valuestring, NULL);
    } else if (by_group(b, node)) {
        for (size_t g = 0; g < b->d->n_groups; g++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, b->d->groups[g]);
            if (v != NULL)
                put_number(b, ws, *r, col + (lxw_col_t)g, v->valuedouble, b->f.general);
        }
    }
    (*r)++;
}

static void inputs_sheet(book *b)
{
    lxw_worksheet *ws = add_sheet(b, b->w->inputs);
    if (ws == NULL)
        return;
    lxw_col_t col = header_head(b, ws), first = col;
    put_str(b, ws, 0, col++, b->w->input, b->f.head);
    for (size_t g = 0; g < b->d->n_groups; g++)
        put_str(b, ws, 0, col++, label(b, b->d->groups[g]), b->f.head);
    lxw_row_t r = 1;
    /* The run's own settings first. */
    const double settings[] = {(double)sim_exp_seed(b->exp), (double)sim_exp_reps(b->exp),
                               sim_exp_config_at(b->exp, 0)->warmup};
    const char *names[] = {b->w->seed, b->w->reps, b->w->warmup};
    for (size_t i = 0; i < 3; i++, r++) {
        put_str(b, ws, r, 0, b->w->settings, NULL);
        put_str(b, ws, r, first, names[i], NULL);
        put_number(b, ws, r, first + 1, settings[i], NULL);
    }
    const sim_model_ops *ops = sim_exp_ops(b->exp);
    for (size_t c = 0; ops->inputs != NULL && c < sim_exp_configs(b->exp); c++) {
        cJSON *in = ops->inputs(sim_exp_config_at(b->exp, c)->config);
        if (in != NULL)
            input_rows(b, ws, &r, c, in, "");
        cJSON_Delete(in);
    }
    worksheet_set_column(ws, 0, first, 30, NULL);
    worksheet_set_column(ws, first + 1, col, 12, NULL);
    worksheet_freeze_panes(ws, 1, first + 1);
}

/* Every KPI and group, as summary.csv. */
static void all_sheet(book *b)
{
    lxw_worksheet *ws = add_sheet(b, b->w->all);
    if (ws == NULL)
        return;
    lxw_col_t col = header_head(b, ws), first = col;
    const char *heads[] = {b->w->kpi, b->w->id, b->w->group, b->w->mean, b->w->ci, b->w->n, b->w->unit};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        put_str(b, ws, 0, col++, heads[i], b->f.head);
    lxw_row_t r = 1;
    for (size_t c = 0; c < sim_exp_configs(b->exp); c++)
        for (size_t g = 0; g < b->d->n_groups; g++)
            for (size_t m = 0; m < b->d->n_metrics; m++) {
                sim_exp_stat s = sim_exp_kpi(b->exp, c, g, m);
                if (s.n == 0)
                    continue;
                const char *unit = b->d->metrics[m].unit;
                col = row_head(b, ws, r, c);
                put_str(b, ws, r, col++, label(b, b->d->metrics[m].name), NULL);
                put_str(b, ws, r, col++, b->d->metrics[m].name, NULL);
                put_str(b, ws, r, col++, b->d->groups[g], NULL);
                put_number(b, ws, r, col++, s.mean, unit_format(b, unit, 0));
                put_number(b, ws, r, col++, s.ci95, unit_format(b, unit, 1));
                put_number(b, ws, r, col++, (double)s.n, NULL);
                put_str(b, ws, r, col++, unit, NULL);
                r++;
            }
    worksheet_set_column(ws, 0, 0, 24, NULL);
    worksheet_set_column(ws, first, first, 34, NULL);
    worksheet_set_column(ws, first + 1, first + 1, 26, NULL);
    worksheet_freeze_panes(ws, 1, first + 1);
}

static int write_book(const char *path, void *ctx, sim_err *err)
{
    book *b = ctx;
    lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0};
    b->wb = workbook_new_opt(path, &opt);
    if (b->wb == NULL)
        return sim_err_nomem(err, "writing results.xlsx");
    make_formats(b);
    if (b->f.head == NULL || b->f.pct == NULL || b->f.pct_ci == NULL || b->f.dec == NULL || b->f.dec_ci == NULL ||
        b->f.count == NULL || b->f.count_ci == NULL || b->f.general == NULL || b->f.general_ci == NULL)
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    headline_sheet(b);
    differences_sheet(b);
    inputs_sheet(b);
    all_sheet(b);
    lxw_error e = workbook_close(b->wb);
    if (b->failed != LXW_NO_ERROR)
        e = b->failed;
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return sim_err_nomem(err, "writing results.xlsx");
    if (e != LXW_NO_ERROR)
        return sim_err_add(err, SIM_ERR_RUNTIME, "cannot write results.xlsx: %s", lxw_strerror(e));
    return SIM_OK;
}

int sim_xlsx_write(const char *dir, const sim_exp *exp, const sim_xlsx_info *info, sim_err *err)
{
    book b = {NULL, {0}, exp, info, sim_exp_ops(exp)->desc, info->zh ? &zh : &en, LXW_NO_ERROR};
    return sim_out_atomic_path(dir, "results.xlsx", write_book, &b, err);
}
