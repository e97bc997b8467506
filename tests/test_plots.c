/* Figures through the command line: real PNGs, Chinese text, hostile names, no gnuplot. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

/* A Chinese name comes through intact; every figure is a real PNG next to its
 * script and data; no temporary file is left anywhere. */
Test(cli, plots_and_chinese_names)
{
    char *d = tmpdir_new();
    const char *name = "社区网格 \\\"试点\\\" ✓"; /* JSON text: 社区网格 "试点" ✓ */
    char *s = write_mmc(d, "s.json", name, 9, 1, 11, 300, 20, "\"urgent_share\": 0.25");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "3", "--plot", "--lang", "zh", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *o = pjoin(d, "results/社区网格 _试点_ ✓");
    cJSON *j = load_json(o, "summary.json");
    cr_assert(eq(str, at(j, "scenario")->valuestring, "社区网格 \"试点\" ✓"));
    char *sum = pjoin(o, "summary.json"), *raw = slurp(sum, NULL);
    cr_assert(strstr(raw, "\"社区网格 \\\"试点\\\" ✓\"") != NULL, "UTF-8 escaped in summary.json"); /* bytes as given */
    free(raw);
    free(sum);
    cr_assert(strstr(r.out, "社区网格 \"试点\" ✓") != NULL);
    const char *figs[] = {"queue", "wait_cdf", "rates", "wait_by_class"};
    for (size_t i = 0; i < 4; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "plots/%s.png", figs[i]);
        char *p = pjoin(o, rel);
        cr_assert(png_ok(p), "%s is not a 1000x600 PNG", p);
        free(p);
        snprintf(rel, sizeof rel, "plots/%s.svg", figs[i]);
        p = pjoin(o, rel);
        size_t len = 0;
        char *svg = slurp(p, &len);
        cr_assert(svg != NULL && len > 1000 && strstr(svg, "<svg") != NULL);
        free(svg);
        free(p);
        snprintf(rel, sizeof rel, "plots/%s.dat", figs[i]);
        p = pjoin(o, rel);
        cr_assert(file_exists(p));
        free(p);
    }
    char *gp = pjoin(o, "plots/queue.gp");
    char *script = slurp(gp, NULL);
    cr_assert(strstr(script, "title '社区网格 \"试点\" ✓'") != NULL, "%s", script);
    cr_assert(strstr(script, "'Noto Sans CJK SC,11'") != NULL);
    cr_assert(strstr(script, "排队人数") != NULL);
    free(script);
    cr_assert(eq(int, count_files_containing(d, ".tmp-"), 0));
    cr_assert(eq(int, count_files_containing(d, "probe"), 0));
    cJSON_Delete(j);
    run_free(&r);
    free(gp);
    free(o);
    free(s);
    rm_rf(d);
    free(d);
}

/* Names that would be commands in a shell or in gnuplot are drawn as text. */
Test(cli, hostile_names_only_make_plots)
{
    char *d = tmpdir_new();
    const char *name = "x' `touch PWNED1` \\\\ system(\\\"touch PWNED2\\\") @m\\n; rm -rf . \\u0007";
    char *s = write_mmc(d, "s.json", name, 9, 1, 11, 200, 0, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--plot", "--out", "o", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(eq(int, count_files_containing(d, "PWNED"), 0));
    char *png = pjoin(d, "o/plots/rates.png"), *gp = pjoin(d, "o/plots/rates.gp");
    cr_assert(png_ok(png));
    char *script = slurp(gp, NULL);
    cr_assert(strstr(script, "title 'x'' `touch PWNED1` \\ system(\"touch PWNED2\") @m ; rm -rf .  '") != NULL,
              "%s", script);
    free(script);
    free(png);
    free(gp);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}

Test(cli, missing_gnuplot_still_writes_results)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "nognuplot", 9, 1, 11, 100, 0, NULL);
    run_result r;
    gov(&r, d, (const char *[]){"GOVSIM_GNUPLOT=/nonexistent/gnuplot", END},
        (const char *[]){"run", s, "--reps", "2", "--plot", "--out", "o", END});
    cr_assert(eq(int, r.status, 1));
    cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
    cr_assert(strstr(r.err, "gnuplot") != NULL);
    char *sum = pjoin(d, "o/summary.json"), *gp = pjoin(d, "o/plots/queue.gp");
    cr_assert(file_exists(sum) && file_exists(gp));
    free(sum);
    free(gp);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}

