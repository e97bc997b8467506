/*
 * Designs beyond one factor (govsim sweep):
 *  - the full factorial of a numeric and a categorical field runs every
 *    combination, and each cell's replications equal a single run of the same
 *    settings (--set) to the last digit: common random numbers;
 *  - a Latin hypercube of N points puts exactly one point of every field in
 *    each of its N equal strata, within the range;
 *  - the long files name the fields as columns;
 *  - bad designs exit 2 and write nothing.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

static char *hall(const char *d)
{
    return write_mmc(d, "hall.json", "hall", 9, 1, 11, 600, 60, "\"urgent_share\": 0.3");
}

/* The value of kpi in replication r of results.csv's row with these factor values. */
static double cell(const csv *c, const char *f1, const char *f2, int rep, const char *kpi)
{
    int ci_kpi = csv_col(c, "kpi"), ci_rep = csv_col(c, "replication"), ci_val = csv_col(c, "value");
    int c1 = csv_col(c, "servers"), c2 = csv_col(c, "priority");
    for (size_t i = 1; i < c->rows; i++) {
        if (strcmp(c->cell[i][ci_kpi], kpi) != 0 || atoi(c->cell[i][ci_rep]) != rep)
            continue;
        if (c1 >= 0 && strcmp(c->cell[i][c1], f1) != 0)
            continue;
        if (c2 >= 0 && strcmp(c->cell[i][c2], f2) != 0)
            continue;
        if (strcmp(c->cell[i][csv_col(c, "group")], "all") != 0)
            continue;
        return strtod(c->cell[i][ci_val], NULL);
    }
    return NAN;
}

Test(design, factorial_cells_equal_single_runs)
{
    char *d = tmpdir_new();
    char *s = hall(d);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"sweep", s, "--param", "servers", "--values", "10,12", "--param", "priority",
                                           "--values", "none,urgent_first", "--reps", "3", "--out", "f", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *rp = pjoin(d, "f/results.csv");
    csv c;
    cr_assert(eq(int, csv_read(rp, &c), 0));
    const char *head[] = {"scenario", "servers", "priority", "replication", "kpi", "group", "value", "unit"};
    for (size_t k = 0; k < 8; k++)
        cr_assert(eq(str, c.cell[0][k], (char *)head[k]));
    const char *servers[] = {"10", "12"}, *prio[] = {"none", "urgent_first"};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            char set1[32], set2[48], out[32];
            snprintf(set1, sizeof set1, "servers=%s", servers[i]);
            snprintf(set2, sizeof set2, "priority=%s", prio[j]);
            snprintf(out, sizeof out, "one%d%d", i, j);
            gov(&r, d, NULL, (const char *const[]){"run", s, "--set", set1, "--set", set2, "--reps", "3", "--out",
                                                   out, "--quiet", END});
            cr_assert(eq(int, r.status, 0), "%s", r.err);
            run_free(&r);
            char rel[64];
            snprintf(rel, sizeof rel, "%s/results.csv", out);
            char *op = pjoin(d, rel);
            csv one;
            cr_assert(eq(int, csv_read(op, &one), 0));
            for (int rep = 1; rep <= 3; rep++) {
                double a = cell(&c, servers[i], prio[j], rep, "mean_wait_min");
                double b = cell(&one, NULL, NULL, rep, "mean_wait_min");
                int same = !isnan(a) && a == b;
                cr_expect(same, "servers %s, %s, rep %d: %.17g in the design, %.17g alone",
                          servers[i], prio[j], rep, a, b);
            }
            csv_free(&one);
            free(op);
        }
    csv_free(&c);
    free(rp);
    free(s);
    rm_rf(d);
    free(d);
}

Test(design, latin_hypercube_points_fill_their_strata)
{
    char *d = tmpdir_new();
    char *s = hall(d);
    enum { N = 7 };
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"sweep", s, "--design", "lhs:7", "--param", "arrival_rate_per_h",
                                           "--range", "7:9", "--param", "service_rate_per_h", "--range", "0.9:1.2",
                                           "--reps", "2", "--out", "l", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *sp = pjoin(d, "l/summary.csv");
    csv c;
    cr_assert(eq(int, csv_read(sp, &c), 0));
    const char *fields[2] = {"arrival_rate_per_h", "service_rate_per_h"};
    const double lo[2] = {7, 0.9}, hi[2] = {9, 1.2};
    for (int k = 0; k < 2; k++) {
        int col = csv_col(&c, fields[k]), kcol = csv_col(&c, "kpi");
        cr_assert(col >= 0);
        int seen[N] = {0}, points = 0;
        for (size_t i = 1; i < c.rows; i++) {
            if (strcmp(c.cell[i][kcol], "customers") != 0 || strcmp(c.cell[i][csv_col(&c, "group")], "all") != 0)
                continue;
            double v = strtod(c.cell[i][col], NULL);
            cr_expect(v >= lo[k] && v < hi[k], "%s = %g outside [%g, %g)", fields[k], v, lo[k], hi[k]);
            int stratum = (int)floor((v - lo[k]) / (hi[k] - lo[k]) * N);
            if (stratum >= 0 && stratum < N)
                seen[stratum]++;
            points++;
        }
        cr_expect(eq(int, points, N));
        for (int q = 0; q < N; q++)
            cr_expect(eq(int, seen[q], 1), "%s: stratum %d has %d points", fields[k], q, seen[q]);
    }
    csv_free(&c);
    free(sp);
    free(s);
    rm_rf(d);
    free(d);
}

Test(design, bad_designs_exit_2_and_write_nothing)
{
    char *d = tmpdir_new();
    char *s = hall(d);
    static const struct {
        const char *args[10], *message;
    } bad[] = {
        {{"--param", "priority", "--values", "none,sideways"}, "sideways"},
        {{"--values", "10,11"}, "give --param PATH first"},
        {{"--param", "servers"}, "needs --values LIST"},
        {{"--design", "lhs:5", "--param", "arrival_rate_per_h", "--range", "9:7"}, "LOW must be below HIGH"},
        {{"--design", "lhs:5", "--param", "arrival_rate_per_h", "--values", "7,8"}, "needs --range LOW:HIGH"},
        {{"--design", "cube:5", "--param", "arrival_rate_per_h", "--range", "7:9"}, "expected lhs:N"},
        {{"--param", "arrival_rate_per_h", "--range", "7:9"}, "needs --design lhs:N"},
        {{"--param", "servers", "--values", "10,11", "--param", "priority", "--values", "none", "--target",
          "mean_wait_min<=5"}, "--target needs one numeric --param"},
        {{"--param", "nosuch", "--values", "1,2"}, "nosuch"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *argv[24] = {"sweep", s, "--reps", "2", "--out", "o"};
        size_t n = 6;
        for (size_t k = 0; k < 10 && bad[i].args[k] != NULL; k++)
            argv[n++] = bad[i].args[k];
        argv[n] = NULL;
        run_result r;
        gov(&r, d, NULL, argv);
        cr_expect(eq(int, r.status, 2), "case %zu: status %d: %s", i, r.status, r.err);
        cr_expect(strstr(r.err, bad[i].message) != NULL, "case %zu: %s", i, r.err);
        run_free(&r);
        char *o = pjoin(d, "o/summary.json");
        int left = file_exists(o);
        cr_expect(left == 0, "case %zu wrote results", i);
        free(o);
    }
    free(s);
    rm_rf(d);
    free(d);
}
