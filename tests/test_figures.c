/*
 * The figures as drawn for a class: each check reads a figure's data file or
 * gnuplot script and compares it with what the figure must say, from the
 * results files (summary.json) or from the figure's purpose:
 *  - differences (compare only): every paired difference in percent of the
 *    baseline, coloured by its KPI's good direction and practical size;
 *  - load_by_role: utilisation only (overtime is not a utilisation), on an
 *    axis that stops at 100 %, tick labels that fit their slot or are tilted;
 *  - resolution_cdf: each time limit labelled with its value, the legend away
 *    from the limits (top left: the curves rise to the right);
 *  - backlog (a time series): the warm-up shaded up to its end;
 *  - sweep: the y axis says what the KPI is ("utilisation: community
 *    workers"), the title names the KPI and the swept field, the target is
 *    written in the axis's unit (%).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "report_util.h"
#include "util.h"

#define END NULL

static char *scenario(const char *d, const char *file, const char *text)
{
    char *p = pjoin(d, file);
    cr_assert(spit(p, text) == 0);
    return p;
}

/* A small district (two months, a 10-day warm-up) and a variant with twice the
 * department staff: faster, dearer. */
static void two_districts(const char *d, char **a, char **b)
{
    *a = scenario(d, "base.json",
                  "{\"name\": \"base\", \"horizon\": \"60d\", \"warmup\": \"10d\",\n"
                  " \"region\": {\"generate\": {\"residents\": 30000}}}\n");
    *b = scenario(d, "more.json",
                  "{\"extends\": \"base.json\", \"name\": \"more staff\", \"department_staff_multiplier\": 2}\n");
}

static char *plot_file(const char *d, const char *name)
{
    char rel[160];
    snprintf(rel, sizeof rel, "o/plots/%s", name);
    char *p = pjoin(d, rel);
    char *text = slurp(p, NULL);
    cr_assert(text != NULL, "no %s", rel);
    free(p);
    return text;
}

/* The lines of a .dat file that are data (not comments, not blank). */
static size_t data_lines(const char *dat, char lines[][256], size_t max)
{
    size_t n = 0;
    for (const char *p = dat; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
        if (len > 0 && p[0] != '#' && n < max) {
            snprintf(lines[n], 256, "%.*s", (int)(len < 255 ? len : 255), p);
            n++;
        }
        p += len + (e != NULL);
    }
    return n;
}

Test(figures, a_comparison_is_drawn_as_a_classroom_needs_it, .timeout = 240)
{
    char *d = tmpdir_new(), *a, *b;
    two_districts(d, &a, &b);
    run_result r;
    run_govsim(&r, d, NULL, (const char *[]){"compare", a, b, "--reps", "3", "--out", "o", "--plot", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *o = pjoin(d, "o");
    cJSON *sum = load_json(o, "summary.json");

    /* differences: one row per KPI and compared scenario */
    char *dat = plot_file(d, "differences.dat");
    static char rows[64][256];
    size_t n = data_lines(dat, rows, 64), toned = 0;
    cr_assert(n >= 8, "%zu rows in differences.dat", n);
    for (size_t i = 0; i < n; i++) {
        double y, pct, lo, hi;
        char colour[16], kpi[64];
        unsigned cfg;
        cr_assert(eq(int, sscanf(rows[i], "%lf %lf %lf %lf %15s %63s %u", &y, &pct, &lo, &hi, colour, kpi, &cfg), 7),
                  "row: %s", rows[i]);
        const cJSON *base = summary_stat(sum, 0, "all", kpi, 0), *df = summary_stat(sum, cfg, "all", kpi, 1);
        cr_assert(base != NULL && df != NULL, "%s not in summary.json", kpi);
        double b0 = num_at(base, "mean"), m = num_at(df, "mean"), ci = num_at(df, "ci95");
        double want = m / fabs(b0) * 100.0;
        cr_assert(fabs(pct - want) <= 1e-6 * fmax(1.0, fabs(want)), "%s: %g %% drawn, %g %% in summary.json", kpi, pct, want);
        cr_assert(fabs((hi - lo) / 2 - ci / fabs(b0) * 100.0) <= 1e-6 * fmax(1.0, fabs(want)), "%s: CI", kpi);
        const cJSON *unit = at(base, "unit");
        int share = cJSON_IsString(unit) && strcmp(unit->valuestring, "share") == 0;
        const char *tone = expected_tone(kpi, df, b0, share);
        const char *want_colour = strcmp(tone, "better") == 0  ? "0x0a6b47"
                                  : strcmp(tone, "worse") == 0 ? "0xb42318"
                                                               : "0x8a94a6";
        cr_assert(eq(str, colour, (char *)want_colour), "%s: colour %s, expected %s (%s)", kpi, colour, want_colour, tone);
        toned += strcmp(tone, "better") == 0 || strcmp(tone, "worse") == 0;
        /* twice the department staff: sooner (green) and dearer (red) */
        if (strcmp(kpi, "mean_resolution_h") == 0)
            cr_assert(eq(str, (char *)tone, "better"), "twice the department staff is not faster");
        if (strcmp(kpi, "cost_per_year") == 0)
            cr_assert(eq(str, (char *)tone, "worse"), "twice the department staff is not dearer");
    }
    cr_assert(toned >= 2);
    free(dat);

    /* load_by_role: utilisation, at most 100 %, labels that fit */
    char *gp = plot_file(d, "load_by_role.gp"), *ld = plot_file(d, "load_by_role.dat");
    cr_assert(strstr(gp, "overtime") == NULL, "overtime drawn as a utilisation");
    cr_assert(strstr(gp, "set yrange [0:100]") != NULL, "the utilisation axis can pass 100 %%");
    n = data_lines(ld, rows, 64);
    cr_assert(eq(sz, n, 5), "%zu roles", n);
    for (size_t i = 0; i < n; i++) {
        double row, m1, c1, m2, c2;
        cr_assert(eq(int, sscanf(rows[i], "%lf %lf %lf %lf %lf", &row, &m1, &c1, &m2, &c2), 5));
        cr_assert(m1 >= 0 && m1 <= 100 && m2 >= 0 && m2 <= 100);
    }
    const char *tics = strstr(gp, "set xtics (");
    cr_assert(tics != NULL);
    size_t widest = 0;
    for (const char *q = strchr(tics, '\''); q != NULL && q < strchr(tics, ')'); q = strchr(q + 1, '\'')) {
        const char *e = strchr(q + 1, '\'');
        char label[128];
        snprintf(label, sizeof label, "%.*s", (int)(e - q - 1), q + 1);
        size_t w = strlen(label);
        widest = w > widest ? w : widest;
        q = e;
    }
    /* 860 px of plot area for 5 slots at about 7 px per character */
    if (widest * 7 > 860 / 5)
        cr_assert(strstr(gp, "set xtics rotate") != NULL, "labels of %zu characters overlap", widest);
    free(gp), free(ld);

    /* resolution_cdf: a label per time limit, the legend top left */
    gp = plot_file(d, "resolution_cdf.gp");
    size_t arrows = 0, labelled = 0;
    for (const char *q = gp; (q = strstr(q, "set arrow from ")) != NULL; q++) {
        double x = atof(q + 15);
        char want[64];
        snprintf(want, sizeof want, "'%.4g h' at %.10g, graph 1", x, x);
        labelled += strstr(gp, want) != NULL;
        arrows++;
    }
    cr_assert(arrows >= 2 && labelled == arrows, "%zu of %zu time limits labelled", labelled, arrows);
    cr_assert(strstr(gp, "set key top left") != NULL, "the legend is not clear of the limits");
    free(gp);

    /* backlog: the warm-up (10 days) shaded */
    gp = plot_file(d, "backlog.gp");
    cr_assert(strstr(gp, "rectangle from 0, graph 0 to 10, graph 1") != NULL, "warm-up not marked");
    cr_assert(strstr(gp, "'warm-up'") != NULL);
    free(gp);

    cJSON_Delete(sum);
    run_free(&r);
    free(o), free(a), free(b);
    rm_rf(d);
    free(d);
}

/* A single run has no baseline: no differences figure. */
Test(figures, a_single_run_has_no_differences_figure, .timeout = 120)
{
    char *d = tmpdir_new(), *a, *b;
    two_districts(d, &a, &b);
    run_result r;
    run_govsim(&r, d, NULL, (const char *[]){"run", a, "--reps", "2", "--out", "o", "--plot", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *p = pjoin(d, "o/plots/differences.dat");
    cr_assert(eq(int, file_exists(p), 0));
    free(p);
    run_free(&r);
    free(a), free(b);
    rm_rf(d);
    free(d);
}

Test(figures, a_sweep_says_what_it_shows, .timeout = 240)
{
    char *d = tmpdir_new(), *a, *b;
    two_districts(d, &a, &b);
    run_result r;
    run_govsim(&r, d, NULL,
               (const char *[]){"sweep", a, "--param", "staffing.community_workers_per_10k", "--values", "12,18",
                                "--target", "utilization_community<=0.6", "--reps", "2", "--out", "o", "--plot",
                                "--quiet", END});
    cr_assert(r.status == 0 || r.status == 3, "%s", r.err);
    char *gp = plot_file(d, "sweep_utilization_community.gp");
    cr_assert(strstr(gp, "set ylabel 'utilisation: community workers (%)'") != NULL, "y label: %.300s",
              strstr(gp, "set ylabel"));
    cr_assert(strstr(gp, "set xlabel 'Community workers per 10,000 residents'") != NULL, "x label is not the schema's");
    cr_assert(strstr(gp, "Effect of the swept parameter") == NULL);
    cr_assert(strstr(gp, "set title 'Utilisation: community workers against Community workers per 10,000 residents") != NULL,
              "title: %.200s", strstr(gp, "set title"));
    cr_assert(strstr(gp, "'target \xE2\x89\xA4 60 %'") != NULL, "target not in %%: %.300s", strstr(gp, "target"));
    cr_assert(strstr(gp, "with lines dt 2 lw 2 lc rgb '#c00000' title") != NULL);
    free(gp);
    run_free(&r);
    free(a), free(b);
    rm_rf(d);
    free(d);
}
