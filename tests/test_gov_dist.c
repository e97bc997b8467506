/* Duration distributions of the governance model: every quantile a finite,
 * non-negative duration, non-decreasing in u, and the inverse of the CDF where
 * GSL's CDF can judge it; in particular for gamma with cv 0 (the constant) and
 * cv from 2.5 up, where GSL's own inverse returns NaN in the lower tail. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "gov_draw.h"
#include "sim_rng.h"

static const double us[] = {1e-12, 1e-9, 1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.3, 0.5, 0.9, 0.999999, 1 - 1e-12};
#define N_U (sizeof us / sizeof us[0])

Test(gov_dist, gamma_quantiles_are_durations_that_invert_the_cdf)
{
    sim_rng_gsl_errors_off();
    const double cvs[] = {0, 1e-300, 1e-12, 1e-6, 1e-4, 0.01, 0.5, 1, 2.5, 3, 5, 10};
    for (size_t i = 0; i < sizeof cvs / sizeof cvs[0]; i++) {
        gov_dist_cfg d = {GOV_DIST_GAMMA, 3.0, cvs[i]};
        double prev = 0;
        for (size_t j = 0; j < N_U; j++) {
            double x = gov_dist_quantile(&d, us[j]);
            cr_assert(isfinite(x) && x >= prev, "cv %g, u %g: %g after %g", cvs[i], us[j], x, prev);
            prev = x;
            if (cvs[i] < 0.01) {
                /* Within 8 standard deviations of the mean (u is at most 1e-12 from 0 or 1). */
                cr_expect(fabs(x - 3.0) <= 8 * cvs[i] * 3.0 + 1e-12, "cv %g, u %g: %g", cvs[i], us[j], x);
            } else if (x > 0) {
                double a = 1 / (cvs[i] * cvs[i]), p = gsl_cdf_gamma_P(x, a, 3.0 / a);
                double q = gsl_cdf_gamma_Q(x, a, 3.0 / a);
                double err = us[j] < 0.5 ? fabs(p - us[j]) / us[j] : fabs(q - (1 - us[j])) / (1 - us[j]);
                /* GSL's own inverse is good to about 1e-4 relative beyond the 1e-4 tails. */
                double tol = us[j] >= 1e-4 && us[j] <= 1 - 1e-4 ? 1e-6 : 2e-3;
                cr_expect(err < tol, "cv %g, u %g: x %g has P %g (relative error %g)", cvs[i], us[j], x, p, err);
            }
        }
    }
}

Test(gov_dist, other_families_give_durations_for_every_cv)
{
    const int kinds[] = {GOV_DIST_EXPONENTIAL, GOV_DIST_LOGNORMAL, GOV_DIST_CONSTANT, GOV_DIST_UNIFORM};
    const double cvs[] = {0, 1e-12, 0.5, 1, 3, 10};
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < sizeof cvs / sizeof cvs[0]; i++) {
            gov_dist_cfg d = {kinds[k], 2.0, cvs[i]};
            double prev = 0;
            for (size_t j = 0; j < N_U; j++) {
                double x = gov_dist_quantile(&d, us[j]);
                cr_assert(isfinite(x) && x >= prev, "kind %d, cv %g, u %g: %g", kinds[k], cvs[i], us[j], x);
                prev = x;
            }
        }
}
