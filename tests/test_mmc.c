/* The M/M/c model against queueing theory, and its strict loader. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "mmc_model.h"
#include "sim_experiment.h"
#include "sim_rng.h"
#include "util.h"

static void setup(void) { sim_rng_gsl_errors_off(); }

enum { M_CUSTOMERS, M_WAIT, M_P90, M_WAIT_PROB, M_WITHIN, M_SOJOURN, M_UTIL, M_QUEUE };
enum { G_ALL, G_URGENT, G_ROUTINE };

static void *load(const char *path, const scn_override *o, size_t n)
{
    void *cfg = NULL;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, mmc_load(path, o, n, &cfg, &err), SIM_OK), "%s", sim_err_text(&err));
    return cfg;
}

static sim_exp *run(void *const *cfgs, size_t n, size_t reps)
{
    sim_exp_config ec[4];
    for (size_t i = 0; i < n; i++)
        ec[i] = (sim_exp_config){cfgs[i], mmc_kind.name(cfgs[i]), NAN, mmc_kind.warmup(cfgs[i]), NULL};
    sim_exp_opts o = {2024, reps, 2, NULL, NULL, NULL, 0, NULL};
    sim_err err;
    sim_err_init(&err);
    sim_exp *e = sim_exp_create(&mmc_ops, ec, n, &o, &err);
    cr_assert(e != NULL);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_OK), "%s", sim_err_text(&err));
    return e;
}

/* The theoretical value lies in the 99.9 % CI: the 95 % half-width widened by
 * t(0.9995)/t(0.975). Several such checks per test keep the chance of a false
 * alarm for a given seed well under 1 %. */
static void covers(sim_exp_stat s, double truth, const char *what)
{
    double k = gsl_cdf_tdist_Pinv(0.9995, (double)(s.n - 1)) / gsl_cdf_tdist_Pinv(0.975, (double)(s.n - 1));
    cr_assert(fabs(s.mean - truth) <= k * s.ci95, "%s: %g ± %g (99.9 %%: ± %g) vs theory %g", what,
              s.mean, s.ci95, k * s.ci95, truth);
}

Test(mmc, fifo_matches_erlang_c, .init = setup)
{
    char *dir = tmpdir_new();
    double lambda = 9, mu = 1;
    int c = 11;
    char *path = write_mmc(dir, "s.json", "erlang", lambda, mu, c, 3000, 200, "\"urgent_share\": 0.3");
    void *cfg = load(path, NULL, 0);
    sim_exp *e = run(&cfg, 1, 10);
    double wq = mmc_wq(c, lambda, mu);
    covers(sim_exp_kpi(e, 0, G_ALL, M_WAIT), wq * 60, "mean wait");
    covers(sim_exp_kpi(e, 0, G_ALL, M_WAIT_PROB), erlang_c(c, lambda / mu), "P(wait)");
    covers(sim_exp_kpi(e, 0, G_ALL, M_UTIL), lambda / (c * mu), "utilisation");
    covers(sim_exp_kpi(e, 0, G_ALL, M_QUEUE), lambda * wq, "Lq");
    /* Served first come first served, both classes wait alike. */
    covers(sim_exp_kpi(e, 0, G_URGENT, M_WAIT), wq * 60, "urgent wait (FIFO)");
    /* Whole-system KPIs are not defined per class. */
    cr_assert(isnan(sim_exp_kpi(e, 0, G_URGENT, M_UTIL).mean));
    sim_exp_destroy(e);
    mmc_free(cfg);
    free(path);
    rm_rf(dir);
    free(dir);
}

/* Non-preemptive priority with equal service rates (Cobham):
 * W_k = C(c,a) / (c μ) / ((1 - σ_{k-1})(1 - σ_k)), σ_k the load of classes 1..k;
 * and the overall mean wait does not change (Kleinrock's conservation law). */
Test(mmc, priority_matches_cobham, .init = setup)
{
    char *dir = tmpdir_new();
    double lambda = 9, mu = 1, share = 0.3;
    int c = 11;
    char *fifo = write_mmc(dir, "a.json", "fifo", lambda, mu, c, 3000, 200, "\"urgent_share\": 0.3");
    char *prio = write_mmc(dir, "b.json", "prio", lambda, mu, c, 3000, 200,
                           "\"urgent_share\": 0.3, \"priority\": \"urgent_first\"");
    void *cfgs[2] = {load(fifo, NULL, 0), load(prio, NULL, 0)};
    sim_exp *e = run(cfgs, 2, 10);
    double w0 = erlang_c(c, lambda / mu) / (c * mu), s1 = share * lambda / (c * mu), s2 = lambda / (c * mu);
    covers(sim_exp_kpi(e, 1, G_URGENT, M_WAIT), w0 / (1 - s1) * 60, "urgent wait");
    covers(sim_exp_kpi(e, 1, G_ROUTINE, M_WAIT), w0 / ((1 - s1) * (1 - s2)) * 60, "routine wait");
    covers(sim_exp_diff(e, 1, G_ALL, M_WAIT), 0.0, "overall wait, priority minus FIFO");
    cr_assert(sim_exp_significant(sim_exp_diff(e, 1, G_URGENT, M_WAIT)));
    sim_exp_destroy(e);
    mmc_free(cfgs[0]);
    mmc_free(cfgs[1]);
    free(fifo);
    free(prio);
    rm_rf(dir);
    free(dir);
}

static void refused(const char *dir, const char *json, const char *needle, const scn_override *o, size_t n)
{
    char *path = pjoin(dir, "bad.json");
    spit(path, json);
    void *cfg = NULL;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, mmc_load(path, o, n, &cfg, &err), SIM_ERR_INPUT), "accepted: %s", json);
    cr_assert(cfg == NULL);
    cr_assert(strstr(sim_err_text(&err), needle) != NULL, "'%s' not in: %s", needle, sim_err_text(&err));
    free(path);
}

#define OK_FIELDS "\"model\": \"mmc\", \"name\": \"n\", \"arrival_rate_per_h\": 1, " \
                  "\"service_rate_per_h\": 1, \"servers\": 2, \"horizon_h\": 10"

/* M/M/c files are read by the scenario language: every problem at its line and
 * column, with what is allowed. */
Test(mmc, loader_is_strict)
{
    char *dir = tmpdir_new();
    refused(dir, "{" OK_FIELDS ", \"severs\": 3}", "severs: unknown field (did you mean \"servers\"?)", NULL, 0);
    refused(dir, "{" OK_FIELDS ", \"servers\": 3}", "servers", NULL, 0);
    refused(dir, "{\"model\": \"mmc\", \"name\": \"n\"}", "arrival_rate_per_h: missing required field", NULL, 0);
    refused(dir, "{" OK_FIELDS ", \"warmup_h\": 10}", "bad.json:1:124: warmup_h: 10 h is not below horizon_h (10 h)",
            NULL, 0);
    refused(dir, "{" OK_FIELDS ", \"priority\": \"vip\"}", "allowed: none, urgent_first", NULL, 0);
    refused(dir, "{" OK_FIELDS ", \"urgent_share\": \"0.5\"}", "urgent_share: ", NULL, 0);
    refused(dir, "{\n  \"model\": \"mmc\",\n  \"name\": \"n\" \"x\": 1\n}", "bad.json:3:15: ", NULL, 0);
    refused(dir, "[1, 2]", "a scenario is a JSON object", NULL, 0);
    refused(dir, "{\"model\": \"mmc\", \"name\": \"n\", \"arrival_rate_per_h\": 1e8, \"service_rate_per_h\": 1,"
                 " \"servers\": 2, \"horizon_h\": 1e3}", "expected arrivals", NULL, 0);
    scn_override frac = {"servers", "2.5"}, prio = {"priority", "vip"}, deep = {"servers.x", "1"};
    refused(dir, "{" OK_FIELDS "}", "command line", &frac, 1);
    refused(dir, "{" OK_FIELDS "}", "allowed: none, urgent_first", &prio, 1);
    refused(dir, "{" OK_FIELDS "}", "servers.x: servers is", &deep, 1);

    /* Overrides set (or add) a numeric field before validation. */
    char *path = pjoin(dir, "ok.json");
    spit(path, "{" OK_FIELDS "}");
    scn_override o[3] = {{"servers", "7"}, {"warmup_h", "2h"}, {"priority", "urgent_first"}};
    void *cfg = load(path, o, 3);
    cr_assert(eq(dbl, mmc_kind.warmup(cfg), 2));
    cr_assert(eq(str, (char *)mmc_kind.name(cfg), "n"));
    mmc_free(cfg);
    free(path);
    rm_rf(dir);
    free(dir);
}
