/* sim_sa_out.c — sensitivity.csv and the sensitivity figures (sim_sa_out.h). */
#include "sim_sa_out.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_mem.h"
#include "sim_output.h"
#include "sim_strbuf.h"

typedef struct sa_ctx {
    const sim_exp *exp;
    const sim_sa_out *o;
    double *y;          /* n_points outputs of one KPI and group */
    sim_sa_result *res; /* k results */
} sa_ctx;

/* The indices of KPI m, group g into ctx->res. */
static int indices(sa_ctx *c, size_t g, size_t m, sim_err *err)
{
    size_t n = sim_exp_configs(c->exp);
    for (size_t p = 0; p < n; p++)
        c->y[p] = sim_exp_kpi(c->exp, p, g, m).mean;
    return sim_sa_analyze(c->o->plan, c->o->u, c->y, c->o->seed, c->res, err);
}

int sim_sa_indices(const sim_exp *exp, const sim_sa_out *o, size_t g, size_t m, sim_sa_result *out, sim_err *err)
{
    double *y = sim_calloc(sim_exp_configs(exp), sizeof *y);
    if (y == NULL)
        return sim_err_nomem(err, "computing the sensitivity indices");
    sa_ctx c = {exp, o, y, out};
    int rc = indices(&c, g, m, err);
    sim_free(y);
    return rc;
}

static void put(FILE *f, double x)
{
    char buf[40];
    sim_out_number(x, buf, sizeof buf);
    fputs(buf, f);
}

static void row(FILE *f, const char *method, const char *kpi, const char *group, const char *param,
                const char *index, double value, double conf, size_t used)
{
    fprintf(f, "%s,%s,%s,", method, kpi, group);
    sim_out_csv_string(f, param);
    fprintf(f, ",%s,", index);
    put(f, value);
    fputc(',', f);
    put(f, conf);
    fprintf(f, ",%zu\n", used);
}

static int write_csv(FILE *f, void *vctx, sim_err *err)
{
    sa_ctx *c = vctx;
    const sim_model_desc *d = sim_exp_ops(c->exp)->desc;
    int morris = c->o->plan->method == SIM_SA_MORRIS;
    const char *method = morris ? "morris" : "sobol";
    fputs("method,kpi,group,param,index,value,conf95,used\n", f);
    for (size_t m = 0; m < d->n_metrics; m++)
        for (size_t g = 0; g < d->n_groups; g++) {
            int rc = indices(c, g, m, err);
            if (rc != SIM_OK)
                return rc;
            if (c->res[0].used == 0)
                continue; /* the KPI is not defined for this group */
            for (size_t i = 0; i < c->o->plan->k; i++) {
                const sim_sa_result *r = &c->res[i];
                const char *kpi = d->metrics[m].name, *grp = d->groups[g], *par = c->o->params[i];
                if (morris) {
                    row(f, method, kpi, grp, par, "mu_star", r->mu_star, r->mu_star_conf, r->used);
                    row(f, method, kpi, grp, par, "mu", r->mu, NAN, r->used);
                    row(f, method, kpi, grp, par, "sigma", r->sigma, NAN, r->used);
                } else {
                    row(f, method, kpi, grp, par, "S1", r->s1, r->s1_conf, r->used);
                    row(f, method, kpi, grp, par, "ST", r->st, r->st_conf, r->used);
                }
            }
        }
    return SIM_OK;
}

static const char *label(const sim_sa_out *o, const char *name)
{
    return o->labels != NULL ? sim_plot_label(o->labels, name, o->zh) : name;
}

static void put_num(sim_strbuf *b, double x)
{
    if (isfinite(x))
        sim_sb_printf(b, " %.10g", x);
    else
        sim_sb_puts(b, " NaN");
}

/* The μ*–σ plane: a point per parameter, labelled, with μ*'s interval. */
static void morris_fig(const sa_ctx *c, const char *name, sim_strbuf *dat, sim_strbuf *plot)
{
    sim_sb_puts(dat, "# mu_star conf95 sigma label\n");
    for (size_t i = 0; i < c->o->plan->k; i++) {
        const sim_sa_result *r = &c->res[i];
        put_num(dat, r->mu_star);
        put_num(dat, isfinite(r->mu_star_conf) ? r->mu_star_conf : 0.0);
        put_num(dat, r->sigma);
        sim_sb_puts(dat, " \"");
        for (const char *p = label(c->o, c->o->params[i]); *p; p++)
            if (*p != '"' && (unsigned char)*p >= 0x20)
                sim_sb_put(dat, p, 1);
        sim_sb_puts(dat, "\"\n");
    }
    sim_sb_printf(plot, "plot '%s.dat' using 1:3:2 with xerrorbars pt 7 ps 1.5 lc 1 title ", name);
    sim_gp_quote_sb(plot, c->o->zh ? "μ*（95%置信区间）" : "mu* (95 % CI)");
    sim_sb_printf(plot, ", \\\n     '%s.dat' using 1:3:4 with labels offset 1,1 left notitle", name);
}

/* First-order and total indices side by side, with their intervals. */
static void sobol_fig(const sa_ctx *c, const char *name, sim_strbuf *dat, sim_strbuf *settings,
                      sim_strbuf *plot)
{
    sim_sb_puts(dat, "# row S1 conf95 ST conf95\n");
    sim_sb_puts(settings, "set xtics (");
    for (size_t i = 0; i < c->o->plan->k; i++) {
        const sim_sa_result *r = &c->res[i];
        sim_sb_printf(dat, "%zu", i);
        put_num(dat, r->s1);
        put_num(dat, isfinite(r->s1_conf) ? r->s1_conf : 0.0);
        put_num(dat, r->st);
        put_num(dat, isfinite(r->st_conf) ? r->st_conf : 0.0);
        sim_sb_puts(dat, "\n");
        sim_gp_quote_sb(settings, label(c->o, c->o->params[i]));
        sim_sb_printf(settings, " %zu%s", i, i + 1 < c->o->plan->k ? ", " : ")\n");
    }
    sim_sb_printf(plot, "plot '%s.dat' using 2:3 lc 1 title ", name);
    sim_gp_quote_sb(plot, c->o->zh ? "一阶指数" : "first-order");
    sim_sb_printf(plot, ", \\\n     '%s.dat' using 4:5 lc 2 title ", name);
    sim_gp_quote_sb(plot, c->o->zh ? "总效应指数" : "total");
}

static int figure(sa_ctx *c, const char *dir, size_t m, char *name, size_t name_size, sim_err *err)
{
    const sim_model_desc *d = sim_exp_ops(c->exp)->desc;
    int rc = indices(c, 0, m, err);
    if (rc != SIM_OK)
        return rc;
    int morris = c->o->plan->method == SIM_SA_MORRIS;
    snprintf(name, name_size, "sensitivity-%s", d->metrics[m].name);
    char title[300];
    const char *kpi = label(c->o, d->metrics[m].name);
    if (c->o->zh)
        snprintf(title, sizeof title, "%s：%s敏感性分析", kpi, morris ? "Morris " : "Sobol ");
    else
        snprintf(title, sizeof title, "%s: %s sensitivity", kpi, morris ? "Morris" : "Sobol");
    sim_strbuf dat, settings, plot;
    sim_sb_init(&dat);
    sim_sb_init(&settings);
    sim_sb_init(&plot);
    if (morris)
        morris_fig(c, name, &dat, &plot);
    else
        sobol_fig(c, name, &dat, &settings, &plot);
    const char *xl = morris ? (c->o->zh ? "μ*：效应绝对值的均值" : "mu*: mean absolute effect")
                            : (c->o->zh ? "参数" : "parameter");
    const char *yl = morris ? (c->o->zh ? "σ：效应的标准差" : "sigma: spread of the effects")
                            : (c->o->zh ? "方差占比" : "share of variance");
    sim_plot_script s = {name, morris ? "morris" : "sobol", title, xl, yl, c->o->zh, &settings, &plot, &dat};
    rc = sim_plot_write_script(&s, dir, err);
    sim_sb_free(&dat);
    sim_sb_free(&settings);
    sim_sb_free(&plot);
    return rc;
}

static int figures(sa_ctx *c, const char *dir, sim_err *err)
{
    const sim_model_desc *d = sim_exp_ops(c->exp)->desc;
    size_t plots_len = strlen(dir) + sizeof "/plots";
    char *plots = sim_malloc(plots_len);
    if (plots == NULL)
        return sim_err_nomem(err, "naming the plots folder");
    snprintf(plots, plots_len, "%s/plots", dir);
    int rc = SIM_OK;
    for (size_t h = 0; rc == SIM_OK && c->o->headline[h] != NULL; h++) {
        size_t m = 0;
        while (m < d->n_metrics && strcmp(d->metrics[m].name, c->o->headline[h]) != 0)
            m++;
        if (m == d->n_metrics)
            continue;
        char name[SIM_PLOT_NAME_MAX];
        rc = figure(c, plots, m, name, sizeof name, err);
        if (rc == SIM_OK)
            rc = sim_plot_draw(c->o->gnuplot, plots, name, err);
        if (rc == SIM_ERR_INPUT) /* gnuplot is missing */
            rc = SIM_ERR_RUNTIME;
    }
    sim_free(plots);
    return rc;
}

int sim_sa_write(const char *dir, const sim_exp *exp, const sim_sa_out *o, sim_err *err)
{
    sa_ctx c = {exp, o, sim_calloc(sim_exp_configs(exp), sizeof(double)), sim_calloc(o->plan->k, sizeof(sim_sa_result))};
    int rc = SIM_OK;
    if (c.y == NULL || c.res == NULL)
        rc = sim_err_nomem(err, "computing the sensitivity indices");
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, "sensitivity.csv", write_csv, &c, err);
    if (rc == SIM_OK && o->plot && o->headline != NULL)
        rc = figures(&c, dir, err);
    sim_free(c.y);
    sim_free(c.res);
    return rc;
}
