/*
 * sim_report.c — report.html (see sim_report.h): the page, its header, "what
 * was compared" and the figures; the numbers are in sim_report_kpis.c. The page
 * is built in memory and written through sim_out_atomic(), like every other
 * result file.
 */
#include "sim_report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_html.h"
#include "sim_mem.h"
#include "sim_output.h"
#include "sim_report_int.h"
#include "sim_report_style.h"

static void section(page *p, const char *id, int n, const char *title)
{
    sim_sb_printf(&p->b, "<section id=\"%s\">\n<h2><span class=\"n\">%d</span>", id, n);
    sim_rp_text(p, title);
    sim_rp_put(p, "</h2>\n");
}
/* ---- header ---- */

static void header(page *p)
{
    sim_rp_put(p, "<header class=\"top\"><div class=\"wrap\">\n<p class=\"kicker\">");
    sim_rp_text(p, p->w->report);
    sim_rp_put(p, " · ");
    if (p->sweep) {
        sim_rp_text(p, p->w->sweep_of);
        sim_rp_text(p, sim_rp_label(p, sim_rp_param(p)));
    } else {
        sim_rp_text(p, p->compare ? p->w->cmd_compare : p->w->cmd_run);
    }
    sim_rp_put(p, "</p>\n<h1>");
    for (size_t c = 0; c < (p->sweep ? 1 : p->n); c++) {
        if (c > 0) {
            sim_rp_put(p, "<span class=\"vs\">");
            sim_rp_text(p, p->w->vs);
            sim_rp_put(p, "</span>");
        }
        sim_rp_put(p, "<span class=\"nm\">");
        if (p->compare)
            sim_rp_swatch(p, c);
        sim_rp_text(p, sim_exp_config_at(p->exp, c)->name);
        sim_rp_put(p, "</span>");
    }
    sim_rp_put(p, "</h1>\n</div></header>\n");
}

/* ---- about this run: when, how, and the command that reproduces it ---- */

static void about(page *p)
{
    const sim_report_info *in = p->info;
    const sim_exp_config *c0 = sim_exp_config_at(p->exp, 0);
    sim_rp_put(p, "<dl class=\"meta\">");
    char when[64] = "";
    struct tm tm;
    if (gmtime_r(&in->when, &tm) != NULL)
        strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>%s</dd></div>", p->w->date, when);
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>%llu</dd></div>", p->w->seed,
                  (unsigned long long)sim_exp_seed(p->exp));
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>%zu%s</dd></div>", p->w->reps, sim_exp_reps(p->exp),
                  p->n == 1 ? "" : p->sweep ? p->w->per_value : p->w->per_config);
    if (!isnan(c0->warmup)) {
        sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>", p->w->warmup);
        sim_rp_value(p, c0->warmup);
        sim_rp_put(p, " ");
        sim_rp_text(p, in->time_unit != NULL ? in->time_unit : "");
        sim_rp_put(p, "</dd></div>");
    }
    sim_sb_printf(&p->b, "<div><dt>%s</dt><dd>", p->w->model);
    sim_rp_text(p, in->model);
    sim_sb_printf(&p->b, "</dd></div><div><dt>%s</dt><dd>", p->w->version);
    sim_rp_text(p, in->version);
    sim_rp_put(p, "</dd></div></dl>\n<p class=\"cmd\"><span>");
    sim_rp_text(p, p->w->reproduce);
    sim_rp_put(p, "</span><code>");
    sim_rp_text(p, in->command_line != NULL ? in->command_line : "");
    sim_rp_put(p, "</code></p>\n<p class=\"note\">");
    sim_rp_text(p, p->w->method);
    sim_rp_put(p, "</p>\n<p class=\"note\">");
    sim_rp_text(p, p->w->files_note);
    sim_rp_put(p, "</p>\n");
}

/* ---- what was compared ---- */

static void file_line(page *p, size_t c)
{
    const char *const *f = p->info->files;
    if (f != NULL && f[c] != NULL) {
        sim_rp_put(p, "<small class=\"file\">");
        sim_rp_text(p, p->w->file);
        sim_rp_put(p, " ");
        sim_rp_text(p, f[c]);
        sim_rp_put(p, "</small>");
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
        sim_rp_put(p, "<p>");
        sim_rp_text(p, p->w->single);
        sim_rp_put(p, "</p>\n<table class=\"compared\"><tbody>\n<tr><th>");
        sim_rp_text(p, p->w->scenario);
        sim_rp_put(p, "</th><td>");
        sim_rp_text(p, sim_exp_config_at(p->exp, 0)->name);
        file_line(p, 0);
        sim_rp_put(p, "</td></tr>\n");
        if (has_descriptions(p)) {
            sim_rp_put(p, "<tr><th>");
            sim_rp_text(p, p->w->description);
            sim_rp_put(p, "</th><td style=\"font-weight:400\">");
            sim_rp_text(p, in->descriptions[0]);
            sim_rp_put(p, "</td></tr>\n");
        }
        sim_rp_put(p, "</tbody></table>\n");
        return;
    }
    sim_rp_put(p, "<table class=\"compared\">\n<thead><tr><th>");
    sim_rp_text(p, p->w->setting);
    sim_rp_put(p, "</th>");
    for (size_t c = 0; c < p->n; c++) {
        sim_rp_put(p, "<th>");
        if (p->compare)
            sim_rp_swatch(p, c);
        sim_rp_config_title(p, c);
        file_line(p, c);
        sim_rp_put(p, "</th>");
    }
    sim_rp_put(p, "</tr></thead>\n<tbody>\n");
    if (has_descriptions(p)) {
        sim_rp_put(p, "<tr><th>");
        sim_rp_text(p, p->w->description);
        sim_rp_put(p, "</th>");
        for (size_t c = 0; c < p->n; c++) {
            const char *s = in->descriptions[c];
            sim_rp_put(p, "<td style=\"font-weight:400\">");
            sim_rp_text(p, s != NULL ? s : "");
            sim_rp_put(p, "</td>");
        }
        sim_rp_put(p, "</tr>\n");
    }
    size_t muted = 0;
    for (size_t r = 0; r < in->n_rows; r++) {
        const sim_report_row *row = &in->rows[r];
        sim_rp_put(p, "<tr><th>");
        sim_rp_text(p, row->label);
        if (row->path != NULL && strcmp(row->path, row->label) != 0) {
            sim_rp_put(p, "<code class=\"path\">");
            sim_rp_text(p, row->path);
            sim_rp_put(p, "</code>");
        }
        sim_rp_put(p, "</th>");
        for (size_t c = 0; c < p->n; c++) {
            const sim_report_cell *cell = &row->cells[c];
            sim_rp_put(p, cell->muted ? "<td class=\"muted\">" : "<td>");
            sim_rp_text(p, cell->text != NULL ? cell->text : "");
            sim_rp_put(p, "</td>");
            muted += cell->muted != 0;
        }
        sim_rp_put(p, "</tr>\n");
    }
    sim_rp_put(p, "</tbody></table>\n");
    if (p->compare && in->n_rows == 0) {
        sim_rp_put(p, "<p>");
        sim_rp_text(p, p->w->only_names);
        sim_rp_put(p, "</p>\n");
    }
    if (in->rows_left_out > 0)
        sim_sb_printf(&p->b, "<p class=\"note\">%zu %s</p>\n", in->rows_left_out, p->w->more_rows);
    if (muted > 0) {
        sim_rp_put(p, "<p class=\"note\">");
        sim_rp_text(p, p->w->muted_note);
        sim_rp_put(p, "</p>\n");
    }
}

static void compared_sweep(page *p)
{
    const sim_report_info *in = p->info;
    const char *param = sim_rp_param(p);
    sim_rp_put(p, "<table class=\"compared\"><tbody>\n<tr><th>");
    sim_rp_text(p, p->w->swept);
    sim_rp_put(p, "</th><td>");
    sim_rp_text(p, sim_rp_label(p, param));
    if (strcmp(sim_rp_label(p, param), param) != 0) {
        sim_rp_put(p, "<code class=\"path\">");
        sim_rp_text(p, param);
        sim_rp_put(p, "</code>");
    }
    sim_rp_put(p, "</td></tr>\n<tr><th>");
    sim_rp_text(p, p->w->values);
    sim_rp_put(p, "</th><td>");
    for (size_t c = 0; c < p->n; c++) {
        sim_rp_put(p, c ? ", " : "");
        sim_rp_value(p, sim_exp_config_at(p->exp, c)->value);
    }
    sim_rp_put(p, "</td></tr>\n");
    if (in->target != NULL) {
        sim_rp_put(p, "<tr><th>");
        sim_rp_text(p, p->w->target);
        sim_rp_put(p, "</th><td>");
        sim_rp_target_expr(p);
        sim_rp_put(p, "</td></tr>\n");
    }
    sim_rp_put(p, "<tr><th>");
    sim_rp_text(p, p->w->scenario);
    sim_rp_put(p, "</th><td style=\"font-weight:400\">");
    sim_rp_text(p, sim_exp_config_at(p->exp, 0)->name);
    file_line(p, 0);
    if (has_descriptions(p)) {
        sim_rp_put(p, "<br>");
        sim_rp_text(p, in->descriptions[0]);
    }
    sim_rp_put(p, "</td></tr>\n</tbody></table>\n");
}
/* ---- figures ---- */

static void figures(page *p)
{
    const sim_report_info *in = p->info;
    if (!in->figures) {
        sim_rp_put(p, "<p class=\"warn\">");
        sim_rp_text(p, p->w->no_figures);
        sim_rp_put(p, "</p>\n");
        return;
    }
    sim_plot_fig list[SIM_PLOT_MAX_FIGS];
    size_t n = sim_plot_list(p->exp, p->plots, in->plot, list, SIM_PLOT_MAX_FIGS);
    for (size_t i = 0; i < n && i < SIM_PLOT_MAX_FIGS; i++) {
        const sim_fig_spec *fs = &p->plots->figs[list[i].fig];
        const char *title = sim_rp_lang(fs->title, in->zh);
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
            sim_rp_put(p, "<p class=\"warn\">");
            sim_rp_text(p, p->w->fig_missing);
            sim_rp_put(p, " ");
            sim_rp_text(p, list[i].name);
            sim_rp_put(p, ".svg</p>");
        }
        sim_rp_put(p, "\n</figure>\n");
    }
}
/* ---- the page ---- */

static void build(page *p)
{
    const sim_report_info *in = p->info;
    sim_sb_printf(&p->b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"govsim ", p->w->lang);
    sim_rp_text(p, in->version);
    sim_rp_put(p, "\">\n<title>");
    sim_rp_text(p, p->w->report);
    sim_rp_put(p, ": ");
    for (size_t c = 0; c < (p->sweep ? 1 : p->n); c++) {
        if (c > 0) {
            sim_rp_put(p, " ");
            sim_rp_text(p, p->w->vs);
            sim_rp_put(p, " ");
        }
        sim_rp_text(p, sim_exp_config_at(p->exp, c)->name);
    }
    sim_rp_put(p, "</title>\n<style>\n");
    sim_rp_put(p, report_css);
    sim_rp_put(p, "</style>\n</head>\n<body>\n");
    header(p);
    sim_rp_put(p, "<main class=\"wrap\">\n");
    int n = 1;
    if (p->spec != NULL && p->spec->headline != NULL) {
        const char *t = sim_rp_lang(p->spec->headline_title, in->zh);
        section(p, "headline", n++, t != NULL ? t : p->w->headline);
        sim_rp_verdict(p);
        sim_rp_headline(p);
        sim_rp_put(p, "</section>\n");
    }
    if (p->plots != NULL) {
        section(p, "figures", n++, p->w->figures);
        figures(p);
        sim_rp_put(p, "</section>\n");
    }
    section(p, "compared", n++, p->w->compared);
    if (p->sweep)
        compared_sweep(p);
    else
        compared_scenarios(p);
    sim_rp_put(p, "</section>\n");
    section(p, "kpis", n++, p->w->kpis);
    sim_rp_kpi_table(p);
    sim_rp_put(p, "</section>\n");
    section(p, "about", n++, p->w->about);
    about(p);
    sim_rp_put(p, "</section>\n</main>\n</body>\n</html>\n");
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
              .info = info, .w = info->zh ? &sim_report_words_zh : &sim_report_words_en, .n = sim_exp_configs(exp), .err = err};
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
