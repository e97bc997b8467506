/*
 * sim_tidy.c — the experiment's results as long ("tidy") tables, one value per
 * row, the shape pandas, R's data frames, Stata and Excel pivot tables want:
 *
 *   results.csv     scenario, FACTORS..., replication, kpi, group, value, unit
 *   summary.csv     scenario, FACTORS..., kpi, group, mean, ci95, n, unit
 *   timeseries.csv  scenario, FACTORS..., replication, time_d, series, value
 *   timeseries_band.csv  scenario, FACTORS..., time_d, then per series its mean
 *                   and 95 % band (the layout timeseries.csv had before)
 *
 * FACTORS are the design's columns (a sweep's fields, named by their paths);
 * none for run and compare. A value undefined in a replication (a KPI with no
 * case in a group) has no row: no empty cells to be read as logical columns.
 * Bands never leave what a series can hold: counts (unit "cases", "requests",
 * "problems") are clipped at 0 and shares to [0, 1] (a t-interval clipped,
 * docs/output.md).
 */
#include "sim_output.h"

#include <math.h>
#include <string.h>

static void put_number(FILE *f, double x)
{
    char buf[40];
    sim_out_number(x, buf, sizeof buf);
    fputs(buf, f);
}

#define row_head sim_tidy_row_head

/* scenario and the design point's factor values, for a row. */
void sim_tidy_row_head(FILE *f, const sim_exp_config *cf, const sim_out_info *info)
{
    sim_out_csv_string(f, cf->name);
    for (size_t k = 0; k < info->n_factors; k++) {
        fputc(',', f);
        sim_out_csv_string(f, cf->factors != NULL && cf->factors[k] != NULL ? cf->factors[k] : "");
    }
}

/* Column names: the factors' field paths, quoted only when they need it. */
void sim_tidy_header_head(FILE *f, const sim_out_info *info)
{
    fputs("scenario", f);
    for (size_t k = 0; k < info->n_factors; k++) {
        fputc(',', f);
        const char *n = info->factor_names[k];
        if (strpbrk(n, ",\"\r\n") != NULL)
            sim_out_csv_string(f, n);
        else
            fputs(n, f);
    }
}

#define header_head sim_tidy_header_head

int sim_tidy_results(FILE *f, void *vctx, sim_err *err)
{
    (void)err;
    const sim_tidy_ctx *ctx = vctx;
    const sim_exp *exp = ctx->exp;
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    header_head(f, ctx->info);
    fputs(",replication,kpi,group,value,unit\n", f);
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        for (size_t r = 0; r < sim_exp_reps(exp); r++) {
            if (!sim_exp_task_done(exp, sim_exp_task_of(exp, c, r)))
                continue;
            for (size_t g = 0; g < d->n_groups; g++)
                for (size_t m = 0; m < d->n_metrics; m++) {
                    double v = sim_exp_value(exp, c, r, g, m);
                    if (isnan(v))
                        continue;
                    row_head(f, cf, ctx->info);
                    fprintf(f, ",%zu,%s,%s,", r + 1, d->metrics[m].name, d->groups[g]);
                    put_number(f, v);
                    fprintf(f, ",%s\n", d->metrics[m].unit);
                }
        }
    }
    return SIM_OK;
}

int sim_tidy_summary(FILE *f, void *vctx, sim_err *err)
{
    (void)err;
    const sim_tidy_ctx *ctx = vctx;
    const sim_exp *exp = ctx->exp;
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    header_head(f, ctx->info);
    fputs(",kpi,group,mean,ci95,n,unit\n", f);
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        for (size_t g = 0; g < d->n_groups; g++)
            for (size_t m = 0; m < d->n_metrics; m++) {
                sim_exp_stat s = sim_exp_kpi(exp, c, g, m);
                if (s.n == 0)
                    continue;
                row_head(f, cf, ctx->info);
                fprintf(f, ",%s,%s,", d->metrics[m].name, d->groups[g]);
                put_number(f, s.mean);
                fputc(',', f);
                put_number(f, s.ci95);
                fprintf(f, ",%zu,%s\n", s.n, d->metrics[m].unit);
            }
    }
    return SIM_OK;
}

int sim_tidy_series(FILE *f, void *vctx, sim_err *err)
{
    (void)err;
    const sim_tidy_ctx *ctx = vctx;
    const sim_exp *exp = ctx->exp;
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    header_head(f, ctx->info);
    fputs(",replication,time_d,series,value\n", f);
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        for (size_t r = 0; r < sim_exp_reps(exp); r++) {
            if (!sim_exp_task_done(exp, sim_exp_task_of(exp, c, r)))
                continue;
            for (size_t i = 0; i < sim_exp_series_points(exp, c); i++)
                for (size_t s = 0; s < d->n_series; s++) {
                    double v = sim_exp_series_value(exp, c, r, i, s);
                    if (isnan(v))
                        continue;
                    row_head(f, cf, ctx->info);
                    fprintf(f, ",%zu,", r + 1);
                    put_number(f, sim_exp_series_time(exp, c, i));
                    fprintf(f, ",%s,", d->series[s].name);
                    put_number(f, v);
                    fputc('\n', f);
                }
        }
    }
    return SIM_OK;
}

/* What a series can hold: shares in [0, 1], counts from 0. */
static void bounds_of(const sim_metric_def *m, double *lo, double *hi)
{
    *lo = -INFINITY;
    *hi = INFINITY;
    if (strcmp(m->unit, "share") == 0) {
        *lo = 0.0;
        *hi = 1.0;
    } else if (strcmp(m->unit, "cases") == 0 || strcmp(m->unit, "requests") == 0 ||
               strcmp(m->unit, "problems") == 0 || strcmp(m->unit, "customers") == 0) {
        *lo = 0.0;
    }
}

int sim_tidy_band(FILE *f, void *vctx, sim_err *err)
{
    (void)err;
    const sim_tidy_ctx *ctx = vctx;
    const sim_exp *exp = ctx->exp;
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    header_head(f, ctx->info);
    fputs(",time_d", f);
    for (size_t s = 0; s < d->n_series; s++)
        fprintf(f, ",%s,%s.lo95,%s.hi95", d->series[s].name, d->series[s].name, d->series[s].name);
    fputc('\n', f);
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        for (size_t i = 0; i < sim_exp_series_points(exp, c); i++) {
            row_head(f, cf, ctx->info);
            fputc(',', f);
            put_number(f, sim_exp_series_time(exp, c, i));
            for (size_t s = 0; s < d->n_series; s++) {
                sim_exp_stat st = sim_exp_series(exp, c, i, s);
                double lo, hi;
                bounds_of(&d->series[s], &lo, &hi);
                fputc(',', f);
                put_number(f, st.mean);
                fputc(',', f);
                put_number(f, isnan(st.ci95) ? NAN : fmax(lo, st.mean - st.ci95));
                fputc(',', f);
                put_number(f, isnan(st.ci95) ? NAN : fmin(hi, st.mean + st.ci95));
            }
            fputc('\n', f);
        }
    }
    return SIM_OK;
}
