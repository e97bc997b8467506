/* The command line as a user runs it: files, statistics, exit statuses. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <gsl/gsl_cdf.h>

#include "cli_util.h"

/* The values of one CSV column for rows whose first column is `scenario`. */
static size_t column(const csv *c, const char *name, const char *scenario, double *out)
{
    int k = csv_col(c, name);
    cr_assert(k >= 0, "no column %s", name);
    size_t n = 0;
    for (size_t r = 1; r < c->rows; r++)
        if (scenario == NULL || strcmp(c->cell[r][0], scenario) == 0)
            out[n++] = c->cell[r][k][0] ? strtod(c->cell[r][k], NULL) : NAN;
    return n;
}

static void mean_sd(const double *x, size_t n, double *mean, double *sd, size_t *used)
{
    double s = 0, ss = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) {
            s += x[i];
            k++;
        }
    *mean = k ? s / (double)k : NAN;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            ss += (x[i] - *mean) * (x[i] - *mean);
    *sd = k > 1 ? sqrt(ss / (double)(k - 1)) : NAN;
    *used = k;
}

static int close_rel(double a, double b, double tol)
{
    return (isnan(a) && isnan(b)) || fabs(a - b) <= tol * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* summary.json's mean and ci95 of every KPI and group are those of the
 * replications.csv columns: mean, and t(0.975, n-1) s / sqrt(n). */
Test(cli, summary_agrees_with_replications_csv)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "agree", 9, 1, 11, 400, 50, "\"urgent_share\": 0.3");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "6", "--out", "o", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *o = pjoin(d, "o"), *csvp = pjoin(o, "replications.csv");
    cJSON *j = load_json(o, "summary.json");
    csv c;
    cr_assert(eq(int, csv_read(csvp, &c), 0));
    cr_assert(eq(sz, c.rows, 7));
    const char *kpis[] = {"customers", "mean_wait_min", "p90_wait_min", "wait_prob", "within_limit_rate",
                          "mean_sojourn_min", "utilization", "mean_queue"};
    const char *groups[] = {"", "urgent", "routine"};
    size_t checked = 0;
    for (size_t g = 0; g < 3; g++)
        for (size_t k = 0; k < 8; k++) {
            char col[64], path[128];
            snprintf(col, sizeof col, "%s%s%s", kpis[k], g ? "." : "", groups[g]);
            if (g == 0)
                snprintf(path, sizeof path, "results.0.kpis.%s", kpis[k]);
            else
                snprintf(path, sizeof path, "results.0.groups.%s.%s", groups[g], kpis[k]);
            double x[8], mean, sd;
            size_t n = column(&c, col, NULL, x), used;
            cr_assert(eq(sz, n, 6));
            mean_sd(x, n, &mean, &sd, &used);
            char sub[160];
            snprintf(sub, sizeof sub, "%s.mean", path);
            cr_assert(close_rel(num_at(j, sub), mean, 1e-12), "%s: %.17g vs %.17g", col, num_at(j, sub), mean);
            snprintf(sub, sizeof sub, "%s.n", path);
            cr_assert(eq(sz, (size_t)num_at(j, sub), used));
            snprintf(sub, sizeof sub, "%s.ci95", path);
            double hw = used > 1 ? gsl_cdf_tdist_Pinv(0.975, (double)(used - 1)) * sd / sqrt((double)used) : NAN;
            cr_assert(close_rel(num_at(j, sub), hw, 1e-9), "%s ci95: %.17g vs %.17g", col, num_at(j, sub), hw);
            checked += !isnan(mean);
        }
    cr_assert(eq(sz, checked, 8 + 6 + 6)); /* utilisation and queue exist for "all" only */
    cr_assert(eq(str, at(j, "scenario")->valuestring, "agree"));
    cr_assert(eq(dbl, num_at(j, "seed"), 1)); /* the documented default */
    cr_assert(eq(dbl, num_at(j, "reps"), 6));
    cr_assert(eq(dbl, num_at(j, "warmup"), 50));
    cr_assert(eq(str, at(j, "results.0.kpis.mean_wait_min.unit")->valuestring, "min"));
    /* Column layout (docs/output.md). */
    cr_assert(eq(str, c.cell[0][0], "scenario"));
    cr_assert(eq(str, c.cell[0][1], "replication"));
    cr_assert(eq(str, c.cell[0][2], "customers"));
    cr_assert(eq(str, c.cell[1][1], "1"));
    char *tsp = pjoin(o, "timeseries_band.csv");
    csv ts;
    cr_assert(eq(int, csv_read(tsp, &ts), 0));
    const char *head[] = {"scenario", "time_d", "queue", "queue.lo95", "queue.hi95", "busy"};
    for (size_t k = 0; k < 6; k++)
        cr_assert(eq(str, ts.cell[0][k], (char *)head[k]));
    cr_assert(eq(sz, ts.rows, 101)); /* 100 points */
    cr_assert(eq(dbl, strtod(ts.cell[100][1], NULL), 400.0 / 24.0)); /* the horizon, in days */
    /* Counts never below 0 in the band. */
    for (size_t i = 1; i < ts.rows; i++)
        cr_expect(ge(dbl, strtod(ts.cell[i][3], NULL), 0.0), "queue.lo95 below 0 at row %zu", i);
    csv_free(&ts);
    free(tsp);
    /* The long file: one row per replication, point and series. */
    tsp = pjoin(o, "timeseries.csv");
    cr_assert(eq(int, csv_read(tsp, &ts), 0));
    const char *lhead[] = {"scenario", "replication", "time_d", "series", "value"};
    for (size_t k = 0; k < 5; k++)
        cr_assert(eq(str, ts.cell[0][k], (char *)lhead[k]));
    cr_assert(eq(sz, ts.rows, 1 + 6 * 100 * 3), "6 replications x 100 points x 3 series"); /* queue, busy, served */
    csv_free(&ts);
    free(tsp);
    csv_free(&c);
    cJSON_Delete(j);
    run_free(&r);
    free(csvp);
    free(o);
    free(s);
    rm_rf(d);
    free(d);
}

/* hw = t(n-1) s / sqrt(n), so hw(10) / hw(160) = [t(9) / t(159)] sqrt(16) [s10 / s160].
 * s_n / σ lies in [sqrt(χ²_{n-1}(0.0005) / (n-1)), sqrt(χ²_{n-1}(0.9995) / (n-1))]
 * with probability 99.9 %, so the ratio over its expectation lies in
 * [lo10 / hi160, hi10 / lo160] = about [0.31, 2.2]. A half-width shrinking as 1/n
 * (ratio 4× too big) or not at all (4× too small) falls outside. */
Test(cli, ci_half_width_shrinks_as_one_over_sqrt_reps)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "shrink", 9, 1, 11, 300, 50, NULL);
    run_result r10, r160;
    gov(&r10, d, NULL, (const char *[]){"run", s, "--reps", "10", "--out", "a", "--quiet", END});
    gov(&r160, d, NULL, (const char *[]){"run", s, "--reps", "160", "--out", "b", "--quiet", END});
    cr_assert(eq(int, r10.status, 0));
    cr_assert(eq(int, r160.status, 0));
    char *a = pjoin(d, "a"), *b = pjoin(d, "b");
    cJSON *ja = load_json(a, "summary.json"), *jb = load_json(b, "summary.json");
    double lo10 = sqrt(gsl_cdf_chisq_Pinv(0.0005, 9) / 9), hi10 = sqrt(gsl_cdf_chisq_Pinv(0.9995, 9) / 9);
    double lo160 = sqrt(gsl_cdf_chisq_Pinv(0.0005, 159) / 159), hi160 = sqrt(gsl_cdf_chisq_Pinv(0.9995, 159) / 159);
    double expect = gsl_cdf_tdist_Pinv(0.975, 9) / gsl_cdf_tdist_Pinv(0.975, 159) * 4.0;
    const char *kpis[] = {"results.0.kpis.mean_wait_min.ci95", "results.0.kpis.wait_prob.ci95"};
    for (size_t k = 0; k < 2; k++) {
        double q = num_at(ja, kpis[k]) / num_at(jb, kpis[k]) / expect;
        cr_assert(q >= lo10 / hi160 && q <= hi10 / lo160, "%s: ratio/expected %.3f outside [%.3f, %.3f]",
                  kpis[k], q, lo10 / hi160, hi10 / lo160);
    }
    cJSON_Delete(ja);
    cJSON_Delete(jb);
    run_free(&r10);
    run_free(&r160);
    free(a);
    free(b);
    free(s);
    rm_rf(d);
    free(d);
}

static int same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    int same = x != NULL && y != NULL && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

Test(cli, threads_give_byte_identical_files)
{
    char *d = tmpdir_new();
    char *s1 = write_mmc(d, "a.json", "A", 9, 1, 11, 300, 20, "\"urgent_share\": 0.2");
    char *s2 = write_mmc(d, "b.json", "B", 9, 1, 12, 300, 20, "\"priority\": \"urgent_first\", \"urgent_share\": 0.2");
    const char *outs[3] = {"t1", "t2", "t3"}, *threads[3] = {"1", "2", "3"};
    for (int i = 0; i < 3; i++) {
        run_result r;
        gov(&r, d, NULL, (const char *[]){"compare", s1, s2, "--reps", "7", "--seed", "77", "--threads", threads[i],
                                          "--out", outs[i], "--quiet", END});
        cr_assert(eq(int, r.status, 0), "%s", r.err);
        run_free(&r);
    }
    const char *files[6] = {"summary.json", "summary.csv", "results.csv", "replications.csv", "timeseries.csv",
                            "timeseries_band.csv"};
    for (int i = 1; i < 3; i++)
        for (int f = 0; f < 6; f++) {
            char *a = pjoin(d, outs[0]), *b = pjoin(d, outs[i]);
            char *fa = pjoin(a, files[f]), *fb = pjoin(b, files[f]);
            cr_assert(same_file(fa, fb), "%s differs between --threads 1 and %s", files[f], threads[i]);
            free(fa);
            free(fb);
            free(a);
            free(b);
        }
    free(s1);
    free(s2);
    rm_rf(d);
    free(d);
}

/* Common random numbers: the same customers meet 11 and 12 servers, so the paired
 * difference varies far less than between independent runs (here B run with
 * another seed, paired by replication number as compare would pair them). */
Test(cli, common_random_numbers_narrow_the_difference)
{
    char *d = tmpdir_new();
    char *sa = write_mmc(d, "a.json", "A", 9, 1, 11, 500, 50, NULL);
    char *sb = write_mmc(d, "b.json", "B", 9, 1, 12, 500, 50, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"compare", sa, sb, "--reps", "10", "--out", "crn", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"run", sa, "--reps", "10", "--seed", "1", "--out", "ia", "--quiet", END});
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"run", sb, "--reps", "10", "--seed", "2", "--out", "ib", "--quiet", END});
    run_free(&r);
    char *crn = pjoin(d, "crn"), *ia = pjoin(d, "ia/replications.csv"), *ib = pjoin(d, "ib/replications.csv");
    cJSON *j = load_json(crn, "summary.json");
    csv ca, cb;
    cr_assert(eq(int, csv_read(ia, &ca), 0));
    cr_assert(eq(int, csv_read(ib, &cb), 0));
    /* The wait's gain is much smaller than its level, so pairing helps it least;
     * utilisation (the same work over more servers) shows the effect plainly. */
    const char *kpis[] = {"mean_wait_min", "wait_prob", "utilization"};
    for (size_t k = 0; k < 3; k++) {
        char path[128];
        snprintf(path, sizeof path, "differences.0.kpis.%s.ci95", kpis[k]);
        double crn_hw = num_at(j, path);
        double xa[10], xb[10], diff[10], mean, sd;
        size_t used;
        cr_assert(eq(sz, column(&ca, kpis[k], NULL, xa), 10));
        cr_assert(eq(sz, column(&cb, kpis[k], NULL, xb), 10));
        for (int i = 0; i < 10; i++)
            diff[i] = xb[i] - xa[i];
        mean_sd(diff, 10, &mean, &sd, &used);
        double ind_hw = gsl_cdf_tdist_Pinv(0.975, 9) * sd / sqrt(10.0);
        cr_log_info("%s B-A 95 %% CI half-width: common random numbers %.4g, independent %.4g (%.1fx)",
                    kpis[k], crn_hw, ind_hw, ind_hw / crn_hw);
        cr_assert(lt(dbl, crn_hw, ind_hw), "%s", kpis[k]);
    }
    cr_assert(at(j, "differences.0.kpis.mean_wait_min.significant")->type == cJSON_True);
    cr_assert(eq(str, at(j, "differences.0.baseline")->valuestring, "A"));
    csv_free(&ca);
    csv_free(&cb);
    cJSON_Delete(j);
    free(crn);
    free(ia);
    free(ib);
    free(sa);
    free(sb);
    rm_rf(d);
    free(d);
}

/* The sweep finds the fewest servers whose mean wait meets the target, where
 * Erlang C (computed here, independently of govsim) puts it. */
Test(cli, sweep_target_finds_the_erlang_c_threshold)
{
    double lambda = 20, mu = 3, target = 5;
    int oracle = 0;
    for (int c = 7; c <= 11 && !oracle; c++)
        if (mmc_wq(c, lambda, mu) * 60 <= target)
            oracle = c;
    cr_assert(eq(int, oracle, 9));
    /* The test means something only if theory is clear of the target on both sides. */
    cr_assert(mmc_wq(oracle - 1, lambda, mu) * 60 > 1.4 * target && mmc_wq(oracle, lambda, mu) * 60 < target / 1.4);
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "sweep", lambda, mu, 8, 1500, 100, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"sweep", s, "--param", "servers", "--values", "7:11:1", "--target",
                                      "mean_wait_min<=5", "--reps", "10", "--out", "o", "--plot", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(strstr(r.out, "met from servers = 9 upward") != NULL, "%s", r.out);
    char *o = pjoin(d, "o");
    cJSON *j = load_json(o, "summary.json");
    cr_assert(at(j, "target.met")->type == cJSON_True);
    cr_assert(eq(dbl, num_at(j, "target.value"), oracle));
    cr_assert(eq(str, at(j, "target.holds")->valuestring, "at and above value"));
    cr_assert(eq(str, at(j, "sweep.param")->valuestring, "servers"));
    cr_assert(eq(int, cJSON_GetArraySize(at(j, "results")), 5));
    cr_assert(eq(dbl, num_at(j, "results.2.value"), 9));
    char *rp = pjoin(o, "replications.csv");
    csv c;
    cr_assert(eq(int, csv_read(rp, &c), 0));
    cr_assert(eq(str, c.cell[0][1], "value"));
    cr_assert(eq(str, c.cell[0][2], "replication"));
    cr_assert(eq(sz, c.rows, 1 + 5 * 10));
    cr_assert(eq(str, c.cell[1 + 2 * 10][1], "9"));
    csv_free(&c);
    free(rp);
    char *png = pjoin(o, "plots/sweep_mean_wait_min.png"), *gp = pjoin(o, "plots/sweep_mean_wait_min.gp");
    cr_assert(png_ok(png));
    char *script = slurp(gp, NULL);
    cr_assert(strstr(script, "'target \xE2\x89\xA4 5'") != NULL); /* the --target's threshold, in the axis's unit */
    cr_assert(strstr(script, "'sweep_mean_wait_min.dat'") != NULL);
    free(script);
    free(png);
    free(gp);
    cJSON_Delete(j);
    run_free(&r);
    /* A target no swept value meets: everything written, exit status 3. */
    gov(&r, d, NULL, (const char *[]){"sweep", s, "--param", "servers", "--values", "7:8:1", "--target",
                                      "mean_wait_min<=5", "--reps", "4", "--out", "unmet", "--quiet", END});
    cr_expect(eq(int, r.status, 3), "%s", r.err);
    cr_expect(eq(str, r.err, ""), "a target not met is not an error");
    cJSON *u = load_json(d, "unmet/summary.json");
    cr_expect(at(u, "target.met")->type == cJSON_False);
    cJSON_Delete(u);
    run_free(&r);
    free(o);
    free(s);
    rm_rf(d);
    free(d);
}

Test(cli, bad_command_lines_exit_2_with_one_line)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "s", 9, 1, 11, 100, 0, NULL);
    const char *const *cases[] = {
        (const char *[]){END},
        (const char *[]){"frobnicate", END},
        (const char *[]){"run", END},
        (const char *[]){"run", s, s, END},
        (const char *[]){"run", s, "--reps", "0", END},
        (const char *[]){"run", s, "--reps", "many", END},
        (const char *[]){"run", s, "--reps", END},
        (const char *[]){"run", s, "--reps", "3", "--reps", "4", END},
        (const char *[]){"run", s, "--seed", "-1", END},
        (const char *[]){"run", s, "--seed", "18446744073709551616", END},
        (const char *[]){"run", s, "--threads", "0", END},
        (const char *[]){"run", s, "--lang", "fr", END},
        (const char *[]){"run", s, "--bogus", END},
        (const char *[]){"run", s, "-x", END},
        (const char *[]){"run", s, "--plot=yes", END},
        (const char *[]){"run", s, "--param", "servers", END},
        (const char *[]){"run", "no-such-file.json", END},
        (const char *[]){"compare", s, END},
        (const char *[]){"check", END},
        (const char *[]){"check", s, "--reps", "3", END},
        (const char *[]){"sweep", s, "--values", "1,2", END},
        (const char *[]){"sweep", s, "--param", "servers", "--values", "3:1:1", END},
        (const char *[]){"sweep", s, "--param", "servers", "--values", "1,,2", END},
        (const char *[]){"sweep", s, "--param", "servers", "--values", "12,12", END},
        (const char *[]){"sweep", s, "--param", "servers", "--values", "12:13:1", "--target", "nosuch>=1", END},
        (const char *[]){"sweep", s, "--param", "servers", "--values", "12:13:1", "--target", "customers>=1", "--reps", "1", END},
        (const char *[]){"sweep", s, "--param", "sevrers", "--values", "12:13:1", END},
        (const char *[]){"sweep", s, "--param", "servers", "--values", "11.5,12", END},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r;
        gov(&r, d, NULL, cases[i]);
        cr_assert(eq(int, r.status, 2), "case %zu: status %d, stderr: %s", i, r.status, r.err);
        cr_assert(eq(sz, count_lines(r.err), 1), "case %zu: %s", i, r.err);
        cr_assert(strncmp(r.err, "govsim: ", 8) == 0, "case %zu: %s", i, r.err);
        cr_assert(eq(str, r.out, ""), "case %zu", i);
        run_free(&r);
    }
    char *res = pjoin(d, "results");
    cr_assert(not(file_exists(res)), "a failed command created results/");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"--help", END});
    cr_assert(eq(int, r.status, 0));
    cr_assert(strstr(r.out, "govsim sweep SCENARIO.json --param PATH --values LIST") != NULL);
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"--version", END});
    cr_assert(eq(int, r.status, 0));
    cr_assert(strncmp(r.out, "govsim ", 7) == 0);
    run_free(&r);
    free(res);
    free(s);
    rm_rf(d);
    free(d);
}

Test(cli, bad_scenario_or_output_writes_nothing)
{
    char *d = tmpdir_new();
    char *good = write_mmc(d, "good.json", "g", 9, 1, 11, 100, 0, NULL);
    char *bad = pjoin(d, "bad.json");
    spit(bad, "{\"model\": \"mmc\", \"name\": \"b\", \"arival_rate_per_h\": 9, \"service_rate_per_h\": -1,"
              " \"servers\": 3, \"horizon_h\": 10}");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", bad, "--out", "o1", END});
    cr_assert(eq(int, r.status, 2));
    cr_assert(eq(sz, count_lines(r.err), 3), "%s", r.err); /* unknown field, missing rate, bad rate */
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"compare", good, bad, "--out", "o2", END});
    cr_assert(eq(int, r.status, 2));
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"check", good, bad, END});
    cr_assert(eq(int, r.status, 2));
    cr_assert(strstr(r.out, "good.json: ok (mmc scenario \"g\")") != NULL, "%s", r.out);
    run_free(&r);
    /* --out an existing file, or under one; a place nobody may write. */
    const char *outs[] = {"good.json", "good.json/sub/dir", "/proc/govsim-test/out"};
    for (size_t i = 0; i < 3; i++) {
        gov(&r, d, NULL, (const char *[]){"run", good, "--out", outs[i], END});
        cr_assert(eq(int, r.status, 2), "--out %s: %d %s", outs[i], r.status, r.err);
        cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
        cr_assert(strstr(r.err, "output directory") != NULL, "%s", r.err);
        run_free(&r);
    }
    char *o1 = pjoin(d, "o1"), *o2 = pjoin(d, "o2"), *res = pjoin(d, "results");
    cr_assert(file_exists(o1) + file_exists(o2) + file_exists(res) == 0);
    cr_assert(eq(int, count_files_containing(d, ""), 2)); /* good.json and bad.json only */
    free(o1);
    free(o2);
    free(res);
    free(good);
    free(bad);
    rm_rf(d);
    free(d);
}

/* Out of memory at any allocation: exit 1 with one line, no crash, no leak (the
 * sanitizer build would exit otherwise), no temporary file left. */
Test(cli, allocation_failures_exit_cleanly, .timeout = 300)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "oom", 9, 1, 11, 50, 5, "\"urgent_share\": 0.2");
    char *s2 = write_mmc(d, "s2.json", "oom2", 9, 1, 12, 50, 5, "\"urgent_share\": 0.2");
    int n_ok = 0, n_fail = 0;
    for (long n = 0; n < 100000 && n_ok == 0; n += n < 60 ? 1 : n / 6) {
        char env[64];
        snprintf(env, sizeof env, "GOVSIM_TEST_FAIL_ALLOC=%ld", n);
        run_result r;
        gov(&r, d, (const char *[]){env, "ASAN_OPTIONS=exitcode=86", END},
            (const char *[]){"compare", s, s2, "--reps", "2", "--threads", "2", "--out", "o", "--plot",
                             "--force", END});
        cr_assert(r.status == 0 || r.status == 1, "N=%ld: status %d: %s", n, r.status, r.err);
        if (r.status == 1) {
            n_fail++;
            cr_assert(eq(sz, count_lines(r.err), 1), "N=%ld: %s", n, r.err);
            cr_assert(strstr(r.err, "out of memory") != NULL, "N=%ld: %s", n, r.err);
        } else {
            n_ok++;
        }
        cr_assert(eq(int, count_files_containing(d, ".tmp-"), 0), "N=%ld", n);
        run_free(&r);
    }
    cr_assert(n_ok == 1 && n_fail > 50, "%d failures before the first success", n_fail);
    free(s);
    free(s2);
    rm_rf(d);
    free(d);
}

Test(cli, shipped_scenarios_check_and_quiet_output)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL);
    char *a = pjoin(src, "scenarios/mmc_demo.json"), *b = pjoin(src, "scenarios/mmc_priority.json");
    run_result r;
    gov(&r, NULL, NULL, (const char *[]){"check", a, b, END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(eq(sz, count_lines(r.out), 2));
    run_free(&r);
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "quiet", 9, 1, 11, 100, 0, NULL);
    /* stderr is not a terminal here: no progress bar, nothing at all. */
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", END});
    cr_assert(eq(int, r.status, 0));
    cr_assert(eq(str, r.err, ""));
    cr_assert(strstr(r.out, "mean_wait_min") != NULL);
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--quiet", "--force", END});
    cr_assert(eq(str, r.out, ""));
    cr_assert(eq(str, r.err, ""));
    run_free(&r);
    free(s);
    free(a);
    free(b);
    rm_rf(d);
    free(d);
}
