/* sim_precision.c — how many replications a confidence-interval goal needs (sim_precision.h). */
#include "sim_precision.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim_target.h"

int sim_precision_parse(const char *text, const sim_model_desc *desc, sim_precision *out, sim_err *err)
{
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text)
        return sim_err_add(err, SIM_ERR_INPUT, "--precision '%s': expected KPI[.GROUP]=HALFWIDTH, e.g. "
                                               "mean_wait_min=0.5", text);
    int found = sim_kpi_find(desc, text, (size_t)(eq - text), &out->metric, &out->group);
    if (found != 0)
        return sim_err_add(err, SIM_ERR_INPUT, "--precision '%s': no %s '%.*s'; see docs/output.md for the names",
                           text, found == 1 ? "KPI" : "group", (int)(eq - text), text);
    errno = 0;
    char *end;
    out->half_width = strtod(eq + 1, &end);
    if (end == eq + 1 || *end != '\0' || errno != 0 || !(out->half_width > 0) || !isfinite(out->half_width))
        return sim_err_add(err, SIM_ERR_INPUT, "--precision '%s': the half-width must be a number above 0 "
                                               "(in the KPI's unit: %s)", text, desc->metrics[out->metric].unit);
    return SIM_OK;
}

/* Replications one goal needs in one configuration, from n so far. */
static double needed(sim_exp_stat s, double goal, size_t reps, double *ratio)
{
    if (s.n < 2 || isnan(s.ci95)) {
        *ratio = INFINITY;
        return 2.0 * (double)reps;
    }
    *ratio = s.ci95 / goal;
    if (*ratio <= 1.0)
        return (double)reps;
    /* The half-width shrinks as 1/sqrt(n); n counts the replications where the
     * KPI is defined, scaled up to all replications. */
    return ceil((double)reps * (*ratio) * (*ratio));
}

void sim_precision_judge(const sim_precision *goals, size_t n_goals, const sim_exp *exp, size_t max_reps,
                         sim_precision_status *st)
{
    size_t reps = sim_exp_reps(exp);
    double most = (double)reps;
    memset(st, 0, sizeof *st);
    st->worst_ratio = -1.0;
    st->worst_half_width = NAN;
    for (size_t k = 0; k < n_goals; k++)
        for (size_t c = 0; c < sim_exp_configs(exp); c++) {
            sim_exp_stat s = sim_exp_kpi(exp, c, goals[k].group, goals[k].metric);
            double ratio;
            double n = needed(s, goals[k].half_width, reps, &ratio);
            if (n > most)
                most = n;
            if (ratio > st->worst_ratio) {
                st->worst_ratio = ratio;
                st->worst_goal = k;
                st->worst_config = c;
                st->worst_half_width = s.ci95;
            }
        }
    st->met = st->worst_ratio <= 1.0;
    if (st->met)
        st->next_reps = reps;
    else if (most >= (double)max_reps)
        st->next_reps = max_reps;
    else
        st->next_reps = (size_t)most > reps ? (size_t)most : reps + 1;
}
