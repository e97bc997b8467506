/* validity.c — the validity suite's tools (validity.h). */
#include "validity.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "sim_mem.h"

static const char *const suite_sets[] = {"horizon=180d", NULL};

static size_t count(const char *const *sets)
{
    size_t n = 0;
    while (sets != NULL && sets[n] != NULL)
        n++;
    return n;
}

/* "path=value" strings into overrides; the paths are copied (cut at '='). */
static scn_override *overrides(const char *const *sets, size_t *n)
{
    size_t a = count(suite_sets), b = count(sets);
    scn_override *o = calloc(a + b + 1, sizeof *o);
    cr_assert(o != NULL);
    for (size_t i = 0; i < a + b; i++) {
        const char *s = i < a ? suite_sets[i] : sets[i - a];
        const char *eq = strchr(s, '=');
        cr_assert(eq != NULL, "override '%s' is not path=value", s);
        o[i].path = strndup(s, (size_t)(eq - s));
        o[i].value = eq + 1;
        cr_assert(o[i].path != NULL);
    }
    *n = a + b;
    return o;
}

void vd_load(gov_config *cfg, const char *const *sets)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL, "GOVSIM_SRC is not set (make test sets it)");
    char path[4096];
    snprintf(path, sizeof path, "%s/scenarios/default.json", src);
    size_t n;
    scn_override *o = overrides(sets, &n);
    sim_err err;
    sim_err_init(&err);
    int rc = gov_config_load(path, o, n, cfg, &err);
    for (size_t i = 0; i < n; i++)
        free((char *)o[i].path);
    free(o);
    cr_assert(rc == SIM_OK, "loading default.json with the lever's overrides: %s", sim_err_text(&err));
}

void vd_run(vd_pair *p, const char *what, const gov_config *base, const gov_config *variant, size_t reps)
{
    p->reps = reps;
    p->what = what;
    p->base = calloc(reps * FX_STRIDE, sizeof *p->base);
    p->variant = calloc(reps * FX_STRIDE, sizeof *p->variant);
    cr_assert(p->base != NULL && p->variant != NULL);
    fx_reps(base, VD_SEED, reps, p->base);
    fx_reps(variant, VD_SEED, reps, p->variant);
}

void vd_lever(vd_pair *p, const char *what, const char *const *base_sets, const char *const *variant_sets)
{
    gov_config a, b;
    vd_load(&a, base_sets);
    vd_load(&b, variant_sets);
    vd_run(p, what, &a, &b, VD_REPS);
    gov_config_free(&a);
    gov_config_free(&b);
}

void vd_free(vd_pair *p)
{
    free(p->base);
    free(p->variant);
    p->base = p->variant = NULL;
}

static const char *const group_names[GOV_N_GROUPS] = {"all", "urban", "fringe", "rural"};

/* Mean and half-width of variant - factor x base, at two-sided level 1 - alpha. */
static void diff(const vd_pair *p, int g, int k, double factor, double alpha, double *mean, double *hw)
{
    double *d = calloc(p->reps, sizeof *d);
    cr_assert(d != NULL);
    for (size_t i = 0; i < p->reps; i++)
        d[i] = FX_REP(p->variant, i, g, k) - factor * FX_REP(p->base, i, g, k);
    size_t n = sim_ci95(d, p->reps, 1, mean, hw);
    free(d);
    cr_assert(n == p->reps, "%s: %s (%s) undefined in some replications", p->what, gov_model_desc.metrics[k].name,
              group_names[g]);
    double dof = (double)p->reps - 1.0;
    *hw *= gsl_cdf_tdist_Pinv(1.0 - alpha / 2.0, dof) / gsl_cdf_tdist_Pinv(0.975, dof);
}

static double base_mean(const vd_pair *p, int g, int k)
{
    double m, hw;
    fx_ci(p->base, p->reps, g, k, &m, &hw);
    return m;
}

static void report(const vd_pair *p, int g, int k, const char *want, double m, double hw)
{
    cr_log_info("validity: %s: %s (%s) %.5g -> change %+.5g ± %.3g (expected %s)", p->what,
                gov_model_desc.metrics[k].name, group_names[g], base_mean(p, g, k), m, hw, want);
}

double vd_mean_change(const vd_pair *p, int g, int k)
{
    double m, hw;
    diff(p, g, k, 1.0, 0.05, &m, &hw);
    report(p, g, k, "compared", m, hw);
    return m;
}

void vd_up(const vd_pair *p, int g, int k)
{
    double m, hw;
    diff(p, g, k, 1.0, 0.05, &m, &hw);
    report(p, g, k, "up", m, hw);
    cr_expect(gt(dbl, m - hw, 0.0), "%s: %s (%s) should rise: change %+.5g ± %.3g", p->what,
              gov_model_desc.metrics[k].name, group_names[g], m, hw);
}

void vd_down(const vd_pair *p, int g, int k)
{
    double m, hw;
    diff(p, g, k, 1.0, 0.05, &m, &hw);
    report(p, g, k, "down", m, hw);
    cr_expect(lt(dbl, m + hw, 0.0), "%s: %s (%s) should fall: change %+.5g ± %.3g", p->what,
              gov_model_desc.metrics[k].name, group_names[g], m, hw);
}

void vd_same(const vd_pair *p, int g, int k)
{
    double m, hw;
    diff(p, g, k, 1.0, 0.05 / VD_NULL_CHECKS, &m, &hw);
    report(p, g, k, "no change", m, hw);
    cr_expect(le(dbl, fabs(m), hw), "%s: %s (%s) should not move: change %+.5g ± %.3g", p->what,
              gov_model_desc.metrics[k].name, group_names[g], m, hw);
}

void vd_size(const vd_pair *p, int g, int k, double factor)
{
    double m, hw;
    diff(p, g, k, factor, 0.05 / VD_NULL_CHECKS, &m, &hw);
    char want[64];
    snprintf(want, sizeof want, "variant = %.4g x base", factor);
    report(p, g, k, want, m, hw);
    cr_expect(le(dbl, fabs(m), hw), "%s: %s (%s) should be %.4g x the base: variant - %.4g x base = %+.5g ± %.3g",
              p->what, gov_model_desc.metrics[k].name, group_names[g], factor, factor, m, hw);
}
