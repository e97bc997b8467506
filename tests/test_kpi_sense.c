/*
 * Which way each KPI is better and what change matters: the governance
 * model's declaration against docs/output.md's table (the documented one is the
 * one used), and `compare` in the terminal calling differences better or worse
 * by direction and size, in percentage points for rates.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "gov.h"
#include "report_util.h"
#include "util.h"

/* The row "| `name` | better | threshold |" of docs/output.md for KPI m. */
Test(kpi_sense, the_documented_table_is_the_declared_one)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL, "GOVSIM_SRC not set");
    char *path = pjoin(src, "docs/output.md");
    char *doc = slurp(path, NULL);
    cr_assert(doc != NULL);
    const sim_model_desc *d = &gov_model_desc;
    cr_assert(d->sense != NULL);
    for (size_t m = 0; m < d->n_metrics; m++) {
        const sim_kpi_sense *s = &d->sense[m];
        char row[200], threshold[64];
        if (s->better == 0)
            snprintf(threshold, sizeof threshold, "—");
        else if (s->relative)
            snprintf(threshold, sizeof threshold, "%g %% of the baseline", s->meaningful * 100);
        else
            snprintf(threshold, sizeof threshold, "%g point", s->meaningful * 100);
        snprintf(row, sizeof row, "| `%s` | %s | %s |", d->metrics[m].name,
                 s->better > 0 ? "higher" : s->better < 0 ? "lower" : "—", threshold);
        cr_assert(strstr(doc, row) != NULL, "docs/output.md lacks the row %s", row);
        /* a direction comes with a threshold, and shares are judged in points */
        if (s->better != 0) {
            cr_assert(s->meaningful > 0, "%s has a direction but no threshold", d->metrics[m].name);
            if (strcmp(d->metrics[m].unit, "share") == 0)
                cr_assert(eq(int, s->relative, 0), "%s: a share judged relatively", d->metrics[m].name);
        }
    }
    free(doc);
    free(path);
}

/* 9 against 12 servers at 10 arrivals an hour and 1.2 served an hour per
 * server (rho 0.93 against 0.69): waits fall by far more than a twentieth and
 * the share served within the limit rises by many points — both better; the
 * number of customers is the same stream (no direction, and no difference
 * under common random numbers). */
Test(kpi_sense, compare_calls_differences_better_or_worse, .timeout = 120)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "nine", 10, 1.2, 9, 3000, 200, "\"wait_limit_min\": 10");
    char *b = write_mmc(d, "b.json", "twelve", 10, 1.2, 12, 3000, 200, "\"wait_limit_min\": 10");
    run_result r;
    run_govsim(&r, d, NULL, (const char *[]){"compare", a, b, "--reps", "4", "--out", "o", NULL});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *o = pjoin(d, "o");
    cJSON *sum = load_json(o, "summary.json");
    static const char *const kpis[] = {"mean_wait_min", "within_limit_rate", "wait_prob", "customers", NULL};
    for (size_t i = 0; kpis[i] != NULL; i++) {
        const cJSON *base = summary_stat(sum, 0, "all", kpis[i], 0), *df = summary_stat(sum, 1, "all", kpis[i], 1);
        cr_assert(base != NULL && df != NULL);
        const cJSON *unit = at(base, "unit");
        int share = cJSON_IsString(unit) && strcmp(unit->valuestring, "share") == 0;
        const char *tone = expected_tone(kpis[i], df, num_at(base, "mean"), share);
        /* the KPI's line of the table */
        const char *line = strstr(r.out, kpis[i]);
        cr_assert(line != NULL);
        const char *eol = strchr(line, '\n');
        char text[400];
        snprintf(text, sizeof text, "%.*s", (int)(eol - line), line);
        int said_better = strstr(text, " better") != NULL, said_worse = strstr(text, " worse") != NULL;
        cr_assert(eq(int, said_better, strcmp(tone, "better") == 0), "%s: %s (expected %s)", kpis[i], text, tone);
        cr_assert(eq(int, said_worse, strcmp(tone, "worse") == 0), "%s: %s (expected %s)", kpis[i], text, tone);
        if (share) /* differences of rates in points, never a CI of 0.0 */
            cr_assert(strstr(text, " pp ± ") != NULL && strstr(text, "± 0.0 ") == NULL, "%s", text);
    }
    /* the mechanism, independently of the thresholds: more servers, shorter waits */
    cr_assert(num_at(summary_stat(sum, 1, "all", "mean_wait_min", 1), "mean") < 0);
    cr_assert(strstr(r.out, "mean_wait_min") != NULL && strstr(strstr(r.out, "mean_wait_min"), "better") != NULL);
    cJSON_Delete(sum);
    run_free(&r);
    free(o), free(a), free(b);
    rm_rf(d);
    free(d);
}
