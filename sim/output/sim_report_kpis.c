/*
 * sim_report_kpis.c — the numbers of report.html: the headline KPIs as large
 * figures with their CI and paired differences, and the table of every KPI per
 * configuration and group. Every number also goes into data-* attributes with
 * the exact text of summary.json.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_assert.h"
#include "sim_output.h"
#include "sim_report_int.h"

/* ---- judging a difference ---- */

sim_rp_judgement sim_rp_judge(const page *p, size_t c, size_t g, size_t m)
{
    sim_exp_stat dd = sim_exp_diff(p->exp, c, g, m);
    double base = sim_exp_kpi(p->exp, 0, g, m).mean;
    sim_rp_judgement j = {sim_exp_tone(p->d, m, dd, base), sim_exp_significant(dd), 0};
    j.meaningful = j.significant && sim_kpi_meaningful(p->d, m, dd.mean, base);
    return j;
}

/* The badge's word: a significant difference on a KPI without a direction
 * that is large anyway reads "significant", not "small". */
static const char *tone_word(const page *p, sim_rp_judgement j)
{
    switch (j.tone) {
    case SIM_TONE_BETTER: return p->w->better;
    case SIM_TONE_WORSE: return p->w->worse;
    case SIM_TONE_SMALL: return j.meaningful ? p->w->sig : p->w->small;
    default: return p->w->ns;
    }
}

static void judgement_attrs(page *p, sim_rp_judgement j)
{
    sim_sb_printf(&p->b, " data-significant=\"%s\" data-verdict=\"%s\" data-meaningful=\"%s\"",
                  j.significant ? "true" : "false", sim_tone_name(j.tone), j.meaningful ? "true" : "false");
}

/* ---- headline numbers ---- */

static void target_answer(page *p)
{
    const sim_target_result *tr = p->info->target_res;
    sim_sb_printf(&p->b, "<p class=\"answer%s\">", tr->met ? "" : " no");
    sim_rp_text(p, p->w->target);
    sim_rp_put(p, " ");
    sim_rp_target_expr(p);
    sim_rp_put(p, ": ");
    if (tr->met) {
        char v[40];
        sim_out_number(tr->value, v, sizeof v);
        const char *fmt = tr->high_side ? p->w->target_up : p->w->target_down;
        const char *at = strstr(fmt, "%s"); /* the value's place in the sentence */
        SIM_CHECK(at != NULL);
        sim_sb_put(&p->b, fmt, (size_t)(at - fmt));
        sim_sb_printf(&p->b, "<b>%s</b>", v);
        sim_rp_put(p, at + 2);
        if (!tr->clean) {
            sim_rp_put(p, "; ");
            sim_rp_text(p, p->w->target_unclean);
        }
    } else {
        sim_rp_text(p, p->w->target_none);
    }
    sim_rp_put(p, "</p>\n");
}

static void headline_cell(page *p, size_t c, size_t m)
{
    int share = sim_rp_is_share(p, m);
    double k = share ? 100.0 : 1.0;
    sim_exp_stat s = sim_exp_kpi(p->exp, c, 0, m);
    sim_sb_printf(&p->b, "<td class=\"rate\" data-kpi=\"%s\" data-config=\"%zu\"", p->d->metrics[m].name, c);
    sim_rp_exact(p, "data-mean", s.mean);
    sim_rp_exact(p, "data-ci95", s.ci95);
    sim_rp_put(p, "><div class=\"big\">");
    sim_rp_fixed(p, s.mean * k, share ? 1 : sim_rp_decimals(s.mean, s.ci95, 0), 0);
    if (share)
        sim_rp_put(p, "<span class=\"u\">%</span>");
    sim_rp_put(p, "</div>");
    if (!isnan(s.ci95)) {
        sim_rp_put(p, "<div class=\"ci\">± ");
        int d = share ? 1 : sim_rp_decimals(s.mean, s.ci95, 0);
        sim_rp_fixed(p, s.ci95 * k, sim_rp_ci_decimals(s.ci95, share, d), 0);
        if (share) {
            sim_rp_put(p, " ");
            sim_rp_text(p, p->w->pts);
        }
        sim_rp_put(p, "</div>");
    }
    if (p->compare && c == 0) {
        sim_rp_put(p, "<div class=\"diff\"><span class=\"badge base\">");
        sim_rp_text(p, p->w->baseline);
        sim_rp_put(p, "</span></div>");
    } else if (p->compare) {
        sim_exp_stat dd = sim_exp_diff(p->exp, c, 0, m);
        sim_rp_judgement j = sim_rp_judge(p, c, 0, m);
        sim_rp_put(p, "<div class=\"diff\"");
        judgement_attrs(p, j);
        sim_rp_exact(p, "data-diff-mean", dd.mean);
        sim_rp_exact(p, "data-diff-ci95", dd.ci95);
        sim_rp_put(p, ">");
        int d = share ? sim_rp_ci_decimals(dd.ci95, 1, 1) : sim_rp_decimals(dd.mean, dd.ci95, 0);
        sim_rp_fixed(p, dd.mean * k, d, 1);
        if (!isnan(dd.ci95)) {
            sim_rp_put(p, " ± ");
            sim_rp_fixed(p, dd.ci95 * k, sim_rp_ci_decimals(dd.ci95, share, d), 0);
        }
        if (share) {
            sim_rp_put(p, " ");
            sim_rp_text(p, p->w->pts);
        }
        sim_sb_printf(&p->b, "<span class=\"badge %s\">", sim_tone_name(j.tone));
        sim_rp_text(p, tone_word(p, j));
        sim_rp_put(p, "</span></div>");
    }
    sim_rp_put(p, "</td>");
}

/* The headline KPIs' indices (at most 16). */
static size_t headline_metrics(const page *p, size_t ms[16])
{
    size_t n = 0;
    const char *const *h = p->spec != NULL ? p->spec->headline : NULL;
    for (size_t i = 0; h != NULL && h[i] != NULL && n < 16; i++) {
        size_t m = sim_rp_metric(p, h[i]);
        if (m < p->d->n_metrics)
            ms[n++] = m;
    }
    return n;
}

/* A difference as the headline shows it: points for shares, the CI's
 * precision otherwise. */
static void diff_text(page *p, size_t c, size_t m)
{
    int share = sim_rp_is_share(p, m);
    sim_exp_stat dd = sim_exp_diff(p->exp, c, 0, m);
    int d = share ? sim_rp_ci_decimals(dd.ci95, 1, 1) : sim_rp_decimals(dd.mean, dd.ci95, 0);
    sim_rp_fixed(p, dd.mean * (share ? 100.0 : 1.0), d, 1);
    if (share) {
        sim_rp_put(p, " ");
        sim_rp_text(p, p->w->pts);
    }
}

/* One side of a verdict: the headline KPIs ms[] whose difference has tone t
 * (tones[i]: ms[i]'s). */
static int verdict_list(page *p, size_t c, const size_t *ms, const sim_tone *tones, size_t n, sim_tone t,
                        const char *lead)
{
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (tones[i] != t)
            continue;
        if (k++ == 0) {
            sim_sb_printf(&p->b, "<span class=\"%s\">", sim_tone_name(t));
            sim_rp_text(p, lead);
            sim_rp_put(p, " ");
        } else {
            sim_rp_put(p, p->info->zh ? "、" : ", ");
        }
        sim_rp_put(p, "<strong>");
        sim_rp_text(p, sim_rp_label(p, p->d->metrics[ms[i]].name));
        sim_rp_put(p, "</strong> (");
        diff_text(p, c, ms[i]);
        sim_rp_put(p, ")");
    }
    if (k > 0)
        sim_rp_put(p, "</span>");
    return k;
}

void sim_rp_verdict(page *p)
{
    size_t ms[16], n = headline_metrics(p, ms);
    if (!p->compare || n == 0)
        return;
    sim_rp_put(p, "<div class=\"verdict\" aria-label=\"");
    sim_rp_text(p, p->w->verdict_title);
    sim_rp_put(p, "\">\n");
    for (size_t c = 1; c < p->n; c++) {
        sim_tone tones[16];
        int n_worse = 0;
        for (size_t i = 0; i < n; i++) {
            tones[i] = sim_rp_judge(p, c, 0, ms[i]).tone;
            n_worse += tones[i] == SIM_TONE_WORSE;
        }
        sim_sb_printf(&p->b, "<p data-config=\"%zu\">", c);
        sim_rp_swatch(p, c);
        sim_rp_put(p, "<strong>");
        sim_rp_config_title(p, c);
        sim_rp_put(p, "</strong> ");
        sim_rp_text(p, p->w->vs);
        sim_rp_put(p, " ");
        sim_rp_config_title(p, 0);
        sim_rp_put(p, p->info->zh ? "：" : ": ");
        const char *sep = p->info->zh ? "；" : "; ";
        int better = verdict_list(p, c, ms, tones, n, SIM_TONE_BETTER, p->w->verdict_better);
        if (better > 0 && n_worse > 0)
            sim_rp_put(p, sep);
        int worse = verdict_list(p, c, ms, tones, n, SIM_TONE_WORSE, p->w->verdict_worse);
        if (better + worse == 0) {
            sim_rp_text(p, p->w->verdict_none);
        } else if ((size_t)(better + worse) < n) {
            sim_rp_put(p, sep);
            sim_rp_text(p, p->w->verdict_rest);
        }
        sim_rp_put(p, p->info->zh ? "。</p>\n" : ".</p>\n");
    }
    sim_rp_put(p, "<p class=\"note\">");
    sim_rp_text(p, p->w->meaningful_note);
    sim_rp_put(p, "</p>\n</div>\n");
}

void sim_rp_headline(page *p)
{
    size_t ms[16], n = headline_metrics(p, ms);
    if (n == 0)
        return;
    if (p->sweep && p->info->target != NULL && p->info->target_res != NULL)
        target_answer(p);
    sim_rp_put(p, "<div class=\"scroll\"><table class=\"rates\">\n<thead><tr><th>");
    if (p->sweep)
        sim_rp_text(p, sim_rp_label(p, sim_rp_param(p)));
    sim_rp_put(p, "</th>");
    for (size_t i = 0; i < n; i++) {
        sim_rp_put(p, "<th>");
        sim_rp_text(p, sim_rp_label(p, p->d->metrics[ms[i]].name));
        const char *note = sim_rp_find_label(p->spec->notes, p->spec->n_notes, p->d->metrics[ms[i]].name,
                                      p->info->zh);
        if (note != NULL) {
            sim_rp_put(p, "<small>");
            sim_rp_text(p, note);
            sim_rp_put(p, "</small>");
        }
        sim_rp_put(p, "</th>");
    }
    sim_rp_put(p, "</tr></thead>\n<tbody>\n");
    for (size_t c = 0; c < p->n; c++) {
        sim_rp_put(p, "<tr><th>");
        if (p->compare)
            sim_rp_swatch(p, c);
        sim_rp_config_title(p, c);
        sim_rp_put(p, "</th>");
        for (size_t i = 0; i < n; i++)
            headline_cell(p, c, ms[i]);
        sim_rp_put(p, "</tr>\n");
    }
    sim_rp_put(p, "</tbody></table></div>\n");
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
    int d = 4, share = sim_rp_is_share(p, m);
    for (size_t c = 0; c < p->n; c++) {
        sim_exp_stat s = sim_exp_kpi(p->exp, c, g, m);
        if (!isnan(s.mean)) {
            int dc = sim_rp_decimals(s.mean, s.ci95, share);
            d = dc < d ? dc : d;
        }
    }
    return d;
}

static void kpi_cell(page *p, size_t c, size_t g, size_t m, int diff, int d)
{
    int share = sim_rp_is_share(p, m);
    double k = share ? 100.0 : 1.0;
    sim_exp_stat s = diff ? sim_exp_diff(p->exp, c, g, m) : sim_exp_kpi(p->exp, c, g, m);
    sim_rp_judgement j = {SIM_TONE_NS, 0, 0};
    if (diff)
        j = sim_rp_judge(p, c, g, m);
    int sig = j.significant;
    sim_sb_printf(&p->b, "<td class=\"num%s%s\" data-kpi=\"%s\" data-group=\"%s\" data-config=\"%zu\"%s",
                  diff ? " " : "", diff ? sim_tone_name(j.tone) : "", p->d->metrics[m].name, p->d->groups[g], c,
                  diff ? " data-diff=\"true\"" : "");
    if (diff)
        judgement_attrs(p, j);
    sim_rp_exact(p, "data-mean", s.mean);
    sim_rp_exact(p, "data-ci95", s.ci95);
    sim_rp_put(p, ">");
    if (diff)
        d = sim_rp_decimals(s.mean, s.ci95, share);
    sim_rp_fixed(p, s.mean * k, d, diff);
    if (share && !diff && !isnan(s.mean))
        sim_rp_put(p, " %");
    if (!isnan(s.ci95) && !isnan(s.mean)) {
        sim_rp_put(p, " ± ");
        sim_rp_fixed(p, s.ci95 * k, sim_rp_ci_decimals(s.ci95, share, d), 0);
    }
    sim_rp_put(p, sig ? " *</td>" : "</td>");
}

void sim_rp_kpi_table(page *p)
{
    size_t cols = 1 + p->n + (p->compare ? p->n - 1 : 0);
    sim_rp_put(p, "<div class=\"scroll\"><table class=\"kpis\">\n<thead><tr><th>");
    sim_rp_text(p, p->sweep ? sim_rp_label(p, sim_rp_param(p)) : p->w->kpi);
    sim_rp_put(p, "</th>");
    for (size_t c = 0; c < p->n; c++) {
        sim_rp_put(p, "<th class=\"num\">");
        if (p->compare)
            sim_rp_swatch(p, c);
        sim_rp_config_title(p, c);
        sim_rp_put(p, "</th>");
    }
    for (size_t c = 1; p->compare && c < p->n; c++) {
        sim_rp_put(p, "<th class=\"num diffhead\">\xCE\x94 ");
        sim_rp_swatch(p, c);
        sim_rp_config_title(p, c);
        sim_rp_put(p, "<small>");
        sim_rp_text(p, p->w->vs);
        sim_rp_put(p, " ");
        sim_rp_config_title(p, 0);
        sim_rp_put(p, "</small></th>");
    }
    sim_rp_put(p, "</tr></thead>\n");
    for (size_t g = 0; g < p->d->n_groups; g++) {
        sim_sb_printf(&p->b, "<tbody><tr class=\"group\"><th colspan=\"%zu\">", cols);
        sim_rp_text(p, sim_rp_label(p, p->d->groups[g]));
        sim_rp_put(p, "</th></tr>\n");
        for (size_t m = 0; m < p->d->n_metrics; m++) {
            if (!defined_somewhere(p, g, m))
                continue;
            sim_rp_put(p, "<tr><th>");
            sim_rp_text(p, sim_rp_label(p, p->d->metrics[m].name));
            if (strcmp(sim_rp_label(p, p->d->metrics[m].name), p->d->metrics[m].name) != 0) {
                sim_rp_put(p, "<code class=\"path\">");
                sim_rp_text(p, p->d->metrics[m].name);
                sim_rp_put(p, "</code>");
            }
            sim_rp_put(p, "</th>");
            int d = row_decimals(p, g, m);
            for (size_t c = 0; c < p->n; c++)
                kpi_cell(p, c, g, m, 0, d);
            for (size_t c = 1; p->compare && c < p->n; c++)
                kpi_cell(p, c, g, m, 1, d);
            sim_rp_put(p, "</tr>\n");
        }
        sim_rp_put(p, "</tbody>\n");
    }
    sim_rp_put(p, "</table></div>\n<p class=\"note\">");
    sim_rp_text(p, p->w->pct_note);
    if (p->compare) {
        sim_rp_put(p, "<br>");
        sim_rp_text(p, p->w->star_note);
    }
    sim_rp_put(p, "</p>\n");
}
