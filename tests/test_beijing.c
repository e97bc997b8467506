/*
 * The Beijing case (scenarios/beijing_12345/): 2019.json's calibrated values
 * must reproduce the 2019 figures it was fitted to — about 6.96 M requests
 * for 21.5 M residents (69,600 at its hundredth scale), resolution 53 %,
 * satisfaction 65-70 % (DOMAIN.md, M) — within 3 percentage points (the
 * issue's tolerance; the calibration's own are 1 point), for the seed and
 * replications it was calibrated with (common random numbers: the fit holds
 * for those draws, and the CI says how far other draws move it), and the later
 * year must load and run (what it predicts is reported in scenarios/README.md,
 * not asserted: a miss is a finding).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gov_fixture.h"

static void load(const char *file, gov_config *cfg)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL, "GOVSIM_SRC is not set");
    char path[4096];
    snprintf(path, sizeof path, "%s/scenarios/beijing_12345/%s", src, file);
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, gov_config_load(path, NULL, 0, cfg, &err), SIM_OK), "%s", sim_err_text(&err));
}

Test(beijing, the_2019_fit_holds_within_3_points, .timeout = 120)
{
    enum { REPS = 4 };
    gov_config cfg;
    load("2019.json", &cfg);
    double *a = calloc(REPS * FX_STRIDE, sizeof *a);
    cr_assert(a != NULL);
    fx_reps(&cfg, 1, REPS, a);
    double m, hw;
    fx_ci(a, REPS, 0, KPI_HOTLINE_RESOLUTION_RATE, &m, &hw);
    cr_log_info("2019 resolution %.4f +- %.4f (published about 0.53)", m, hw);
    cr_expect(le(dbl, fabs(m - 0.53), 0.03), "2019 resolution %.4f, published about 0.53", m);
    fx_ci(a, REPS, 0, KPI_HOTLINE_SATISFACTION_RATE, &m, &hw);
    cr_log_info("2019 satisfaction %.4f +- %.4f (published 0.65-0.70)", m, hw);
    cr_expect(le(dbl, fabs(m - 0.675), 0.03), "2019 satisfaction %.4f, published 0.65-0.70", m);
    fx_ci(a, REPS, 0, KPI_HOTLINE_REQUESTS, &m, &hw);
    cr_expect(le(dbl, fabs(m / 69600.0 - 1.0), 0.03), "2019 requests %.0f, published 69,600 at this scale", m);
    free(a);
    gov_config_free(&cfg);
}

Test(beijing, the_later_year_runs)
{
    gov_config cfg;
    load("2024.json", &cfg);
    cfg.horizon = 60 * FX_DAY; /* a short run: it loads, builds and runs */
    sim_rep_result *r = fx_run(&cfg, 1, 0, NULL);
    cr_expect(gt(dbl, FX_KPI(r, 0, KPI_HOTLINE_REQUESTS), 0.0));
    gov_result_destroy(r);
    gov_config_free(&cfg);
}
