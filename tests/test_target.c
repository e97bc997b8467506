/* Sweep targets: parsing, whole-CI test, and which end of the sweep is reported. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "sim_rng.h"
#include "sim_precision.h"
#include "sim_target.h"
#include "toy_model.h"

static void setup(void) { sim_rng_gsl_errors_off(); }

Test(target, parses_and_formats)
{
    sim_target t;
    sim_err err;
    sim_err_init(&err);
    const sim_model_desc *d = toy_ops.desc;
    char buf[64];
    cr_assert(eq(int, sim_target_parse("y>=0.95", d, &t, &err), SIM_OK));
    cr_assert(t.metric == 1 && t.group == 0 && t.op == SIM_TGT_GE && t.threshold == 0.95);
    cr_assert(eq(int, sim_target_parse(" x.g1 < -3e2 ", d, &t, &err), SIM_OK));
    cr_assert(t.metric == 0 && t.group == 1 && t.op == SIM_TGT_LT && t.threshold == -300);
    sim_target_format(&t, d, buf, sizeof buf);
    cr_assert(eq(str, buf, "x.g1<-300"));
    cr_assert(eq(int, sim_target_parse("x<=6", d, &t, &err), SIM_OK));
    cr_assert(t.op == SIM_TGT_LE);
    cr_assert(eq(int, sim_target_parse("x>1", d, &t, &err), SIM_OK));
    cr_assert(t.op == SIM_TGT_GT);
    const char *bad[] = {"", "x", "x=1", "x>=", "x>=abc", "x>=1 2", "nosuch>=1", "x.nogroup>=1",
                         "x>=inf", "x>=nan", ">=1", "X>=1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sim_err_init(&err);
        cr_assert(eq(int, sim_target_parse(bad[i], d, &t, &err), SIM_ERR_INPUT), "%s", bad[i]);
        cr_assert(eq(u32, err.lines, 1));
    }
}

Test(target, whole_interval_must_meet_it)
{
    sim_target t = {0, 0, SIM_TGT_GE, 0.95};
    cr_assert(sim_target_meets(&t, (sim_exp_stat){0.97, 0.01, 10}));
    cr_assert(not(sim_target_meets(&t, (sim_exp_stat){0.96, 0.02, 10}))); /* the mean alone would */
    cr_assert(not(sim_target_meets(&t, (sim_exp_stat){0.97, NAN, 1})));
    t.op = SIM_TGT_LE;
    t.threshold = 6;
    cr_assert(sim_target_meets(&t, (sim_exp_stat){5, 0.5, 10}));
    cr_assert(not(sim_target_meets(&t, (sim_exp_stat){5.8, 0.5, 10})));
    t.op = SIM_TGT_LT;
    cr_assert(not(sim_target_meets(&t, (sim_exp_stat){5.5, 0.5, 10})));
    t.op = SIM_TGT_GT;
    t.threshold = 5;
    cr_assert(not(sim_target_meets(&t, (sim_exp_stat){5.5, 0.5, 10})));
    cr_assert(sim_target_meets(&t, (sim_exp_stat){5.6, 0.5, 10}));
}

/* A sweep whose KPI x at swept value v[i] has mean means[i] and small noise. */
static void eval(const double *values, const double *means, size_t n, const char *expr,
                 sim_target_result *res)
{
    toy_config cfg[8];
    sim_exp_config ec[8];
    for (size_t i = 0; i < n; i++) {
        cfg[i] = (toy_config){means[i], 0.001, 1, 0}; /* CI half-width about 0.0012 */
        ec[i] = (sim_exp_config){&cfg[i], "s", values[i], 0, NULL};
    }
    sim_exp_opts o = {1, 5, 1, NULL, NULL, NULL, 0, NULL};
    sim_err err;
    sim_err_init(&err);
    sim_exp *e = sim_exp_create(&toy_ops, ec, n, &o, &err);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_OK));
    sim_target t;
    cr_assert(eq(int, sim_target_parse(expr, toy_ops.desc, &t, &err), SIM_OK));
    cr_assert(eq(int, sim_target_eval(&t, e, res, &err), SIM_OK));
    sim_exp_destroy(e);
}

Test(target, reports_the_boundary_on_the_side_where_it_holds, .init = setup)
{
    sim_target_result r;
    double v[5] = {8, 12, 18, 24, 30};
    /* Waiting falls as staff grows; `<=` holds at the top: the fewest staff that meet it. */
    double wait[5] = {20, 9, 5, 3, 2};
    eval(v, wait, 5, "x<=6", &r);
    cr_assert(r.met && r.high_side && r.clean && r.value == 18);
    /* A rate rises with staff; `>=` holds at the top: again the fewest. */
    double rate[5] = {0.5, 0.8, 0.93, 0.96, 0.99};
    eval(v, rate, 5, "x>=0.95", &r);
    cr_assert(r.met && r.high_side && r.value == 24);
    /* Response time grows with households per worker; `<=` holds at the bottom: the most. */
    double resp[5] = {10, 20, 28, 40, 70};
    eval(v, resp, 5, "x<=30", &r);
    cr_assert(r.met && !r.high_side && r.value == 18);
    /* Values given out of order are sorted first. */
    double v2[5] = {24, 8, 30, 12, 18}, resp2[5] = {40, 10, 70, 20, 28};
    eval(v2, resp2, 5, "x<=30", &r);
    cr_assert(r.met && !r.high_side && r.value == 18);
    cr_assert(eq(sz, r.config, 4));
    /* Never met. */
    double low[5] = {0.1, 0.2, 0.3, 0.4, 0.5};
    eval(v, low, 5, "x>=0.95", &r);
    cr_assert(not(r.met));
    cr_assert(isnan(r.value));
    /* Met everywhere: the end where the KPI is worse is the boundary. */
    eval(v, rate, 5, "x>=0.1", &r);
    cr_assert(r.met && r.high_side && r.value == 8);
    /* A lone value meeting it away from the run does not count, and is flagged. */
    double bumpy[5] = {0.97, 0.5, 0.6, 0.96, 0.99};
    eval(v, bumpy, 5, "x>=0.95", &r);
    cr_assert(r.met && r.high_side && r.value == 24 && !r.clean);
}

/* --precision: a goal the first stage meets stops there; one it misses asks for
 * about n (h/g)^2 replications (the half-width shrinks as 1/sqrt(n)), at most
 * the cap; an undefined KPI cannot be judged. */
Test(target, precision_goals_and_the_replications_they_need, .init = setup)
{
    const sim_model_desc *d = toy_ops.desc;
    sim_precision p[2];
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_precision_parse("x=0.5", d, &p[0], &err), SIM_OK));
    cr_assert(p[0].metric == 0 && p[0].group == 0 && p[0].half_width == 0.5);
    cr_assert(eq(int, sim_precision_parse("y.g1=0.1", d, &p[1], &err), SIM_OK));
    cr_assert(p[1].metric == 1 && p[1].group == 1);
    const char *bad[] = {"x", "=1", "x=", "x=0", "x=-1", "x=abc", "x=nan", "x=inf", "nosuch=1", "x.nogroup=1", "x=1 2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sim_err_init(&err);
        cr_assert(eq(int, sim_precision_parse(bad[i], d, &p[0], &err), SIM_ERR_INPUT), "%s", bad[i]);
        cr_assert(eq(u32, err.lines, 1));
    }
    toy_config cfg = {10, 2, 1, 0};
    sim_exp_opts o = {3, 8, 1, NULL, NULL, NULL, 0, NULL};
    sim_exp *e = sim_exp_create(&toy_ops, (sim_exp_config[]){{&cfg, "toy", NAN, 0, NULL}}, 1, &o, &err);
    cr_assert(e != NULL);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_OK));
    double h = sim_exp_kpi(e, 0, 0, 0).ci95;
    sim_precision_status st;
    sim_precision goal = {0, 0, 2 * h};
    sim_precision_judge(&goal, 1, e, 100, &st);
    cr_assert(st.met && st.next_reps == 8);
    goal.half_width = h / 2; /* four times the replications */
    sim_precision_judge(&goal, 1, e, 100, &st);
    cr_assert(eq(int, st.met, 0));
    cr_assert(eq(sz, st.next_reps, 32));
    cr_assert(ieee_ulp_eq(dbl, st.worst_ratio, 2.0, 4));
    sim_precision_judge(&goal, 1, e, 20, &st);
    cr_assert(eq(sz, st.next_reps, 20));
    goal.half_width = h * 0.999; /* just missed: at least one more */
    sim_precision_judge(&goal, 1, e, 100, &st);
    cr_assert(eq(int, st.met, 0));
    cr_assert(eq(sz, st.next_reps, 9));
    sim_exp_destroy(e);
}
