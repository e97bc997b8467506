/*
 * govsim calibrate: it must find parameter values that produced the targets.
 *
 * Known values: an M/M/c hall with arrival rate 8.4 an hour and service rate
 * 1.05 an hour is run (10 replications, seed 5); its mean wait and utilisation
 * become the targets, and calibrate starts from the middle of wide ranges.
 * With the same seed and replications the objective is 0 at the true values,
 * so the search must come back to them within the intervals it reports (the
 * replications' uncertainty carried through the Jacobian). Utilisation
 * (lambda / (c mu)) and the wait pin the two rates down together.
 *
 * Bad input (an unknown KPI or group, a value or tolerance that is not a
 * number, LOW >= HIGH, a field that is not a number or not there, a list
 * element, no target, one replication) exits 2 and writes nothing; an
 * interrupted calibration continued with --resume ends where an
 * uninterrupted one does.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

static char *targets(const char *d, double *wait, double *util)
{
    char *s = write_mmc(d, "hall.json", "hall", 9, 1, 10, 2000, 200, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "10", "--seed", "5", "--set", "arrival_rate_per_h=8.4",
                                           "--set", "service_rate_per_h=1.05", "--out", "truth", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    cJSON *j = load_json(d, "truth/summary.json");
    *wait = num_at(j, "results.0.kpis.mean_wait_min.mean");
    *util = num_at(j, "results.0.kpis.utilization.mean");
    cJSON_Delete(j);
    return s;
}

Test(calibrate, recovers_the_values_that_made_the_targets)
{
    char *d = tmpdir_new();
    double wait, util;
    char *s = targets(d, &wait, &util);
    char t1[64], t2[64];
    snprintf(t1, sizeof t1, "mean_wait_min=%.17g:0.2", wait);
    snprintf(t2, sizeof t2, "utilization=%.17g:0.002", util);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"calibrate", s, "--target", t1, "--target", t2, "--param",
                                           "arrival_rate_per_h:6:9.6", "--param", "service_rate_per_h:0.9:1.3",
                                           "--reps", "10", "--seed", "5", "--max-evals", "120", "--out", "cal",
                                           "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    cJSON *c = load_json(d, "cal/calibration.json");
    const double truth[2] = {8.4, 1.05};
    for (int k = 0; k < 2; k++) {
        char p[64];
        snprintf(p, sizeof p, "params.%d.value", k);
        double v = num_at(c, p);
        snprintf(p, sizeof p, "params.%d.ci95", k);
        double ci = num_at(c, p);
        cr_log_info("param %d: %.5f ± %.5f, true %.5f", k, v, ci, truth[k]);
        cr_expect(ci > 0 && ci < 0.1 * truth[k], "param %d: interval %.5f", k, ci);
        cr_expect(le(dbl, fabs(v - truth[k]), ci), "param %d: %.5f ± %.5f does not contain %.5f", k, v, ci, truth[k]);
    }
    cr_expect(le(dbl, fabs(num_at(c, "targets.0.achieved") - wait), 0.2));
    cJSON_Delete(c);
    /* calibrated.json extends the scenario and sets the values: it runs. */
    char *cal = pjoin(d, "cal/calibrated.json");
    gov(&r, d, NULL, (const char *const[]){"check", cal, END});
    cr_expect(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    free(cal);
    free(s);
    rm_rf(d);
    free(d);
}

Test(calibrate, bad_input_exits_2_and_writes_nothing)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "hall.json", "hall", 9, 1, 10, 400, 40, NULL);
    static const struct {
        const char *target, *param, *reps, *message;
    } bad[] = {
        {"mean_wiat_min=10", "arrival_rate_per_h:6:9", "4", "no KPI 'mean_wiat_min'"},
        {"mean_wait_min.nowhere=10", "arrival_rate_per_h:6:9", "4", "no group 'nowhere'"},
        {"mean_wait_min=ten", "arrival_rate_per_h:6:9", "4", "the value is not a number"},
        {"mean_wait_min=10:0", "arrival_rate_per_h:6:9", "4", "the tolerance must be a number above 0"},
        {"utilization=1.5", "arrival_rate_per_h:6:9", "4", "is a share"},
        {"mean_wait_min=10", "arrival_rate_per_h:9:6", "4", "LOW must be below HIGH"},
        {"mean_wait_min=10", "arrival_rate_per_h:6", "4", "expected PATH:LOW:HIGH"},
        {"mean_wait_min=10", "arival_rate_per_h:6:9", "4", "arival_rate_per_h"},
        {"mean_wait_min=10", "name:6:9", "4", "name is not a number field"},
        {"mean_wait_min=10", "servers:6:9", "4", "servers is not a number field"},
        {"mean_wait_min=10", "a[1].b:6:9", "4", "inside a list"},
        {"mean_wait_min=10", "arrival_rate_per_h:6:9", "1", "--reps 2 or more"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        run_result r;
        gov(&r, d, NULL, (const char *const[]){"calibrate", s, "--target", bad[i].target, "--param", bad[i].param,
                                               "--reps", bad[i].reps, "--out", "o", END});
        cr_expect(eq(int, r.status, 2), "case %zu: status %d: %s", i, r.status, r.err);
        cr_expect(strstr(r.err, bad[i].message) != NULL, "case %zu: %s", i, r.err);
        run_free(&r);
        char *o = pjoin(d, "o/calibration.json");
        int left = file_exists(o);
        cr_expect(left == 0, "case %zu left results", i);
        free(o);
    }
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"calibrate", s, "--param", "arrival_rate_per_h:6:9", END});
    cr_expect(eq(int, r.status, 2));
    cr_expect(strstr(r.err, "--target KPI=VALUE is required") != NULL, "%s", r.err);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}

Test(calibrate, resume_ends_where_a_straight_run_ends)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "hall.json", "hall", 9, 1, 10, 1000, 100, NULL);
    const char *common[] = {"--target", "mean_wait_min=20:0.5", "--param", "arrival_rate_per_h:6:9.6", "--reps", "4",
                            "--quiet"};
    run_result r;
#define CAL(out, extra1, extra2)                                                                                 \
    gov(&r, d, NULL, (const char *const[]){"calibrate", s, common[0], common[1], common[2], common[3], common[4], \
                                           common[5], common[6], "--out", out, extra1, extra2, END})
    CAL("straight", "--max-evals", "25");
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    CAL("resumed", "--max-evals", "6");
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    CAL("resumed", "--max-evals", "25");
    cr_expect(eq(int, r.status, 2), "a second calibration without --resume or --force: %s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *const[]){"calibrate", s, common[0], common[1], common[2], common[3], common[4],
                                           common[5], common[6], "--out", "resumed", "--max-evals", "25", "--resume",
                                           END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *a = pjoin(d, "straight/calibrated.json"), *b = pjoin(d, "resumed/calibrated.json");
    char *ta = slurp(a, NULL), *tb = slurp(b, NULL);
    cr_assert(ta != NULL && tb != NULL);
    /* The same fitted value (the files differ only in nothing: same scenario, same name). */
    cr_expect(eq(str, ta, tb));
    free(ta);
    free(tb);
    free(a);
    free(b);
    free(s);
    rm_rf(d);
    free(d);
}
