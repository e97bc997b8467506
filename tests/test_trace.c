/* --trace: one row per case (governance) or customer (M/M/c) of every
 * replication. The rows must add up to the KPIs computed from the same run by
 * another path (counts, means), cover every problem exactly once, and be the
 * same bytes whatever the threads or an interruption. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

/* A small district: a few thousand cases a replication. */
static char *small(const char *d)
{
    char *p = pjoin(d, "small.json");
    spit(p, "{\"name\": \"small\", \"horizon\": \"60d\", \"warmup\": \"10d\", "
            "\"region\": {\"generate\": {\"residents\": 20000}}}\n");
    return p;
}

/* Column index by name in a parsed CSV, asserted present. */
static int col(const csv *c, const char *name)
{
    int k = csv_col(c, name);
    cr_assert(k >= 0, "no column %s", name);
    return k;
}

/* KPI kpi of group "all" in replication rep (1-based) from results.csv. */
static double kpi(const csv *res, const char *name, int rep)
{
    int kc = col(res, "kpi"), gc = col(res, "group"), rc = col(res, "replication"), vc = col(res, "value");
    for (size_t i = 1; i < res->rows; i++)
        if (strcmp(res->cell[i][kc], name) == 0 && strcmp(res->cell[i][gc], "all") == 0 &&
            atoi(res->cell[i][rc]) == rep)
            return strtod(res->cell[i][vc], NULL);
    cr_assert(0, "no %s for replication %d", name, rep);
    return NAN;
}

static double cell_num(const csv *c, size_t row, int k)
{
    return c->cell[row][k][0] == '\0' ? NAN : strtod(c->cell[row][k], NULL);
}

Test(trace, governance_rows_add_up_to_the_kpis)
{
    char *d = tmpdir_new(), *s = small(d);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "2", "--trace", "cases.csv", "--out", "o", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(strstr(r.err, "trace: about") != NULL, "no size estimate: %s", r.err);
    run_free(&r);
    char *tp = pjoin(d, "o/cases.csv"), *rp = pjoin(d, "o/results.csv");
    csv t, res;
    cr_assert(eq(int, csv_read(tp, &t), 0));
    cr_assert(eq(int, csv_read(rp, &res), 0));
    int rep = col(&t, "replication"), id = col(&t, "case"), out = col(&t, "outcome"), inc = col(&t, "in_case_kpis");
    int inp = col(&t, "in_problem_kpis"), born = col(&t, "born_h"), known = col(&t, "known_h");
    int closed = col(&t, "closed_h"), chan = col(&t, "channel"), resp = col(&t, "responded_h");
    for (int k = 1; k <= 2; k++) {
        size_t rows = 0, counted = 0, problems = 0, resolved = 0, abandoned = 0, open = 0;
        double sum_res = 0, max_id = 0;
        for (size_t i = 1; i < t.rows; i++) {
            if (atoi(t.cell[i][rep]) != k)
                continue;
            rows++;
            max_id = fmax(max_id, cell_num(&t, i, id));
            const char *o = t.cell[i][out];
            double b = cell_num(&t, i, born), kn = cell_num(&t, i, known), cl = cell_num(&t, i, closed);
            /* A life runs forwards: born, known, responded, closed. */
            cr_assert(isnan(kn) || kn >= b, "row %zu known before born", i);
            cr_assert(isnan(cell_num(&t, i, resp)) || cell_num(&t, i, resp) >= kn, "row %zu", i);
            cr_assert(isnan(cl) || cl >= kn, "row %zu closed before known", i);
            cr_assert(eq(int, strcmp(o, "latent") == 0, isnan(kn)), "row %zu: %s with known %g", i, o, kn);
            cr_assert(eq(int, t.cell[i][chan][0] == '\0', isnan(kn)), "row %zu: channel of a latent problem", i);
            problems += atoi(t.cell[i][inp]) == 1;
            if (atoi(t.cell[i][inc]) != 1)
                continue;
            counted++;
            if (strcmp(o, "resolved") == 0) {
                resolved++;
                sum_res += cl - kn;
            } else if (strcmp(o, "abandoned") == 0) {
                abandoned++;
            } else {
                cr_assert(eq(str, (char *)o, "open"));
                open++;
            }
        }
        /* Every problem of the replication once: ids run from 1 without a gap. */
        cr_expect(eq(dbl, max_id, (double)rows), "replication %d: %zu rows, largest id %g", k, rows, max_id);
        cr_expect(eq(dbl, (double)counted, kpi(&res, "cases_total", k)));
        cr_expect(eq(dbl, (double)problems, kpi(&res, "problems_total", k)));
        cr_expect(eq(dbl, (double)resolved, kpi(&res, "cases_resolved", k)));
        cr_expect(eq(dbl, (double)abandoned, kpi(&res, "cases_abandoned", k)));
        cr_expect(eq(dbl, (double)open, kpi(&res, "cases_open_end", k)));
        /* The mean resolution time, from the rows' times (printed to 1e-6 h). */
        double mean = kpi(&res, "mean_resolution_h", k);
        cr_expect(fabs(sum_res / (double)resolved - mean) < 1e-5, "%g vs %g", sum_res / (double)resolved, mean);
    }
    csv_free(&t);
    csv_free(&res);
    free(tp);
    free(rp);
    free(s);
    rm_rf(d);
    free(d);
}

/* M/M/c: a row per customer served; those counted are the KPI's customers, and
 * their waits average to mean_wait_min. */
Test(trace, mmc_rows_give_the_mean_wait)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "m.json", "M", 9, 1, 10, 300, 30, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "3", "--trace", "customers.csv", "--out", "o", "--quiet",
                                           END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *tp = pjoin(d, "o/customers.csv"), *rp = pjoin(d, "o/results.csv");
    csv t, res;
    cr_assert(eq(int, csv_read(tp, &t), 0));
    cr_assert(eq(int, csv_read(rp, &res), 0));
    int rep = col(&t, "replication"), wait = col(&t, "wait_min"), cnt = col(&t, "counted");
    int arr = col(&t, "arrival_h"), start = col(&t, "start_h");
    for (int k = 1; k <= 3; k++) {
        double sum = 0;
        size_t n = 0;
        for (size_t i = 1; i < t.rows; i++) {
            if (atoi(t.cell[i][rep]) != k)
                continue;
            double w = cell_num(&t, i, wait);
            cr_assert(fabs(w - 60 * (cell_num(&t, i, start) - cell_num(&t, i, arr))) < 1e-3, "row %zu", i);
            if (atoi(t.cell[i][cnt]) == 1) {
                sum += w;
                n++;
            }
        }
        cr_expect(eq(dbl, (double)n, kpi(&res, "customers", k)));
        cr_expect(fabs(sum / (double)n - kpi(&res, "mean_wait_min", k)) < 1e-5);
    }
    csv_free(&t);
    csv_free(&res);
    free(tp);
    free(rp);
    free(s);
    rm_rf(d);
    free(d);
}

static void same_file(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *ta = slurp(a, &la), *tb = slurp(b, &lb);
    cr_assert(ta != NULL && tb != NULL);
    cr_assert(la == lb && memcmp(ta, tb, la) == 0, "%s and %s differ", a, b);
    free(ta);
    free(tb);
}

/* The same bytes with one thread or two, and after an interruption resumed
 * (the parts of journalled replications are reused, the others run again). */
Test(trace, threads_and_resume_give_the_same_bytes)
{
    char *d = tmpdir_new(), *s = small(d);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "4", "--threads", "1", "--trace", "cases.csv", "--out",
                                           "one", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "4", "--threads", "2", "--trace", "cases.csv", "--out",
                                           "two", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *a = pjoin(d, "one/cases.csv"), *b = pjoin(d, "two/cases.csv");
    same_file(a, b);
    /* Keep one journal record, lose the file and a part: resume. */
    char *jp = pjoin(d, "two/.govsim/journal"), *part = pjoin(d, "two/.govsim/trace/3.csv");
    char *j = slurp(jp, NULL);
    *(strchr(j, '\n') + 1) = '\0';
    spit(jp, j);
    cr_assert(eq(int, remove(b), 0));
    cr_assert(eq(int, remove(part), 0));
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "4", "--trace", "cases.csv", "--out", "two", "--resume",
                                           "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    same_file(a, b);
    free(j);
    free(jp);
    free(part);
    free(a);
    free(b);
    free(s);
    rm_rf(d);
    free(d);
}

Test(trace, bad_names_exit_2_and_write_nothing)
{
    char *d = tmpdir_new(), *s = small(d);
    const char *bad[] = {"../x.csv", "sub/x.csv", ".hidden", "summary.json", "results.csv", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        run_result r;
        gov(&r, d, NULL, (const char *const[]){"run", s, "--trace", bad[i], "--out", "x", END});
        cr_expect(eq(int, r.status, 2), "'%s': %s", bad[i], r.err);
        cr_expect(strstr(r.err, "--trace") != NULL, "%s", r.err);
        cr_expect(eq(sz, count_lines(r.err), 1), "%s", r.err);
        run_free(&r);
        char *x = pjoin(d, "x");
        cr_expect(eq(int, file_exists(x), 0), "'%s' left %s", bad[i], x);
        free(x);
    }
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"check", s, "--trace", "c.csv", END});
    cr_expect(eq(int, r.status, 2), "%s", r.err);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}
