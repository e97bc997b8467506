/*
 * govsim sensitivity end to end. Through the test build's "ishigami" model
 * (tests/plugin/model_ishigami.c, in govsim-plugin), whose KPIs are functions
 * with closed-form indices, the whole path is checked: --param overrides,
 * the design run as a sweep, the indices from the KPI means, sensitivity.csv,
 * the figures. A governance run checks the sign of a lever's effect.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

#define PI 3.14159265358979323846
#define WIDEN (3.29 / 1.96) /* a 95 % interval widened to 99.9 %, as in test_sensitivity.c */

static const char *plugin(void)
{
    const char *bin = getenv("GOVSIM_PLUGIN_BIN");
    cr_assert(bin != NULL, "GOVSIM_PLUGIN_BIN is not set (make test sets it)");
    return bin;
}

static void run_plugin(run_result *r, const char *d, const char *const *args)
{
    const char *argv[32] = {plugin()};
    size_t n = 1;
    for (; args[n - 1] != NULL; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    run_program(r, d, NULL, argv);
}

/* value and conf95 of (kpi, param, index) in sensitivity.csv. */
static double index_of(const csv *c, const char *kpi, const char *param, const char *index, double *conf)
{
    int kc = csv_col(c, "kpi"), gc = csv_col(c, "group"), pc = csv_col(c, "param"), ic = csv_col(c, "index");
    int vc = csv_col(c, "value"), cc = csv_col(c, "conf95");
    cr_assert(kc >= 0 && gc >= 0 && pc >= 0 && ic >= 0 && vc >= 0 && cc >= 0);
    for (size_t i = 1; i < c->rows; i++)
        if (strcmp(c->cell[i][kc], kpi) == 0 && strcmp(c->cell[i][gc], "all") == 0 &&
            strcmp(c->cell[i][pc], param) == 0 && strcmp(c->cell[i][ic], index) == 0) {
            if (conf != NULL)
                *conf = c->cell[i][cc][0] ? strtod(c->cell[i][cc], NULL) : NAN;
            return strtod(c->cell[i][vc], NULL);
        }
    cr_assert(0, "no %s %s %s in sensitivity.csv", kpi, param, index);
    return NAN;
}

static char *ishigami_file(const char *d)
{
    char *p = pjoin(d, "ish.json");
    spit(p, "{\"model\": \"ishigami\", \"name\": \"ishigami\"}\n");
    return p;
}

Test(sensitivity_cli, sobol_indices_of_the_ishigami_function, .timeout = 120)
{
    char *d = tmpdir_new(), *s = ishigami_file(d);
    char p1[64], p2[64], p3[64];
    snprintf(p1, sizeof p1, "x1:%.17g:%.17g", -PI, PI);
    snprintf(p2, sizeof p2, "x2:%.17g:%.17g", -PI, PI);
    snprintf(p3, sizeof p3, "x3:%.17g:%.17g", -PI, PI);
    run_result r;
    run_plugin(&r, d, (const char *const[]){"sensitivity", s, "--method", "sobol", "--samples", "1024", "--param", p1,
                                            "--param", p2, "--param", p3, "--reps", "1", "--out", "o", "--plot", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(strstr(r.out, "Sobol sensitivity: 5120 design points") != NULL, "%s", r.out);
    run_free(&r);
    char *cp = pjoin(d, "o/sensitivity.csv");
    csv c;
    cr_assert(eq(int, csv_read(cp, &c), 0));
    /* Closed form (Sobol' & Levitan 1999). */
    const double a = 7, b = 0.1, pi4 = pow(PI, 4), pi8 = pow(PI, 8);
    double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
    double v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * pi8 / 225;
    const double s1[3] = {v1 / v, v2 / v, 0}, st[3] = {(v1 + v13) / v, v2 / v, v13 / v};
    const char *names[3] = {"x1", "x2", "x3"};
    for (int i = 0; i < 3; i++) {
        double conf, est = index_of(&c, "y", names[i], "S1", &conf);
        cr_expect(fabs(est - s1[i]) <= WIDEN * conf, "%s: S1 %g ± %g, true %g", names[i], est, conf, s1[i]);
        est = index_of(&c, "y", names[i], "ST", &conf);
        cr_expect(fabs(est - st[i]) <= WIDEN * conf, "%s: ST %g ± %g, true %g", names[i], est, conf, st[i]);
    }
    /* lin = x1 - 2 x2 + 0.5 x3 over equal ranges: shares 1 : 4 : 0.25 of the variance. */
    const double w[3] = {1, 4, 0.25};
    for (int i = 0; i < 3; i++) {
        double conf, est = index_of(&c, "lin", names[i], "S1", &conf);
        cr_expect(fabs(est - w[i] / 5.25) <= WIDEN * conf, "lin %s: %g vs %g", names[i], est, w[i] / 5.25);
    }
    char *png = pjoin(d, "o/plots/sensitivity-y.png");
    cr_expect(png_ok(png), "no figure %s", png);
    csv_free(&c);
    free(png);
    free(cp);
    free(s);
    rm_rf(d);
    free(d);
}

/* Morris on the linear function: every effect is the coefficient times the
 * range, so mu* = |c| (hi - lo) and sigma = 0; figures in Chinese. */
Test(sensitivity_cli, morris_effects_of_a_linear_function)
{
    char *d = tmpdir_new(), *s = ishigami_file(d);
    run_result r;
    run_plugin(&r, d, (const char *const[]){"sensitivity", s, "--param", "x1:0:2", "--param", "x2:0:1", "--param",
                                            "x3:-4:4", "--samples", "8", "--reps", "1", "--out", "m", "--plot",
                                            "--lang", "zh", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *cp = pjoin(d, "m/sensitivity.csv");
    csv c;
    cr_assert(eq(int, csv_read(cp, &c), 0));
    const char *names[3] = {"x1", "x2", "x3"};
    const double effect[3] = {1 * 2, -2 * 1, 0.5 * 8};
    for (int i = 0; i < 3; i++) {
        cr_expect(fabs(index_of(&c, "lin", names[i], "mu_star", NULL) - fabs(effect[i])) < 1e-9, "%s", names[i]);
        cr_expect(fabs(index_of(&c, "lin", names[i], "mu", NULL) - effect[i]) < 1e-9, "%s", names[i]);
        cr_expect(fabs(index_of(&c, "lin", names[i], "sigma", NULL)) < 1e-9, "%s", names[i]);
    }
    char *png = pjoin(d, "m/plots/sensitivity-lin.png"), *gp = pjoin(d, "m/plots/sensitivity-lin.gp");
    cr_expect(png_ok(png));
    char *script = slurp(gp, NULL);
    cr_expect(script != NULL && strstr(script, "敏感性分析") != NULL, "the title is not in Chinese");
    free(script);
    csv_free(&c);
    free(png);
    free(gp);
    free(cp);
    free(s);
    rm_rf(d);
    free(d);
}

/* The direction a mechanism predicts: the better patrols detect problems, the
 * larger the share solved before anyone complained (未诉先办) — Morris's signed
 * mean effect of patrol.detection_probability on proactive_share is positive,
 * and it is the parameter proactive_share depends on most. A resumed run gives
 * the same indices. */
Test(sensitivity_cli, governance_lever_directions_and_resume, .timeout = 240)
{
    char *d = tmpdir_new(), *s = pjoin(d, "g.json");
    spit(s, "{\"name\": \"g\", \"horizon\": \"60d\", \"warmup\": \"10d\", "
            "\"region\": {\"generate\": {\"residents\": 20000}}}\n");
    const char *args[] = {"sensitivity", s, "--param", "patrol.detection_probability:0.1:0.9", "--param",
                          "staffing.community_workers_per_10k:12:30", "--samples", "6", "--reps", "2", "--out", "g",
                          "--quiet", END};
    run_result r;
    gov(&r, d, NULL, args);
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *cp = pjoin(d, "g/sensitivity.csv");
    csv c;
    cr_assert(eq(int, csv_read(cp, &c), 0));
    double mu = index_of(&c, "proactive_share", "patrol.detection_probability", "mu", NULL);
    double other = index_of(&c, "proactive_share", "staffing.community_workers_per_10k", "mu_star", NULL);
    cr_expect(gt(dbl, mu, 0.0), "detection should raise proactive_share: mu %g", mu);
    cr_expect(gt(dbl, mu, other), "detection %g vs community workers %g", mu, other);
    /* Resume from half the journal: the same indices, byte for byte. */
    size_t len = 0;
    char *before = slurp(cp, &len);
    char *jp = pjoin(d, "g/.govsim/journal");
    char *j = slurp(jp, NULL);
    char *p = j;
    for (int i = 0; i < 10; i++)
        p = strchr(p, '\n') + 1;
    *p = '\0';
    spit(jp, j);
    const char *again[16];
    size_t n = 0;
    for (; args[n] != NULL; n++)
        again[n] = args[n];
    again[n++] = "--resume";
    again[n] = END;
    gov(&r, d, NULL, again);
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    size_t len2 = 0;
    char *after = slurp(cp, &len2);
    cr_expect(len == len2 && memcmp(before, after, len) == 0, "sensitivity.csv differs after a resume");
    free(before);
    free(after);
    free(j);
    free(jp);
    csv_free(&c);
    free(cp);
    free(s);
    rm_rf(d);
    free(d);
}

Test(sensitivity_cli, bad_options_exit_2_and_write_nothing)
{
    char *d = tmpdir_new(), *s = ishigami_file(d);
    static const struct {
        const char *args[8], *message;
    } bad[] = {
        {{"--param", "x1"}, "expected PATH:LOW:HIGH"},
        {{"--param", "x1:3:1"}, "LOW < HIGH"},
        {{"--param", "x1:a:b"}, "LOW < HIGH"},
        {{"--param", "x1:0:1", "--method", "fast"}, "allowed: morris, sobol"},
        {{"--param", "x1:0:1", "--levels", "3"}, "even number"},
        {{"--param", "x1:0:1", "--values", "1,2"}, "does not apply"},
        {{"--param", "x1:0:1", "--target", "y>1"}, "does not apply"},
        {{"--param", "x9:0:1"}, "x9"},
        {{"--param", "x1:0:1", "--method", "sobol", "--samples", "5000"}, "design points"},
        {{"--samples", "8"}, "--param PATH:LOW:HIGH is required"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *args[16] = {"sensitivity", s, "--out", "x"};
        size_t n = 4;
        for (size_t k = 0; bad[i].args[k] != NULL; k++)
            args[n++] = bad[i].args[k];
        args[n] = END;
        run_result r;
        run_plugin(&r, d, args);
        cr_expect(eq(int, r.status, 2), "%s: %s", bad[i].message, r.err);
        cr_expect(strstr(r.err, bad[i].message) != NULL, "expected '%s' in: %s", bad[i].message, r.err);
        run_free(&r);
        char *x = pjoin(d, "x");
        cr_expect(eq(int, file_exists(x), 0), "%s: wrote %s", bad[i].message, x);
        free(x);
    }
    /* --method belongs to sensitivity only. */
    run_result r;
    run_plugin(&r, d, (const char *const[]){"run", s, "--method", "sobol", END});
    cr_expect(eq(int, r.status, 2), "%s", r.err);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}
