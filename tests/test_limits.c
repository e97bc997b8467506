/* Scenarios too big for the machine or for their own event cap: refused before
 * anything runs (exit 2, one line with the estimate), or stopped with one line
 * (exit 1) when the cap is reached during a run; the estimate's promises (memory
 * an overestimate, events a lower bound) checked against real runs. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli_util.h"
#include "gov.h"
#include "sim_rng.h"

/* A region of 10^9 residents in a million communities over three years:
 * billions of arrivals. */
static const char *const huge =
    "{\"name\": \"huge\", \"horizon\": \"3y\", \"region\": {\"generate\": {\"residents\": 1e9, \"communities\": 1000000, "
    "\"streets\": 100000, \"districts\": 1000}}}";

/* Little demand and no patrols, so the up-front bound is far below the cap, but
 * administrative tasks alone run past 1,000 events within days. */
static const char *const capped =
    "{\"name\": \"capped\", \"horizon\": \"30d\", \"warmup\": \"1d\", \"max_events\": 1000, "
    "\"demand\": {\"per_1000_residents_per_day\": 0.01}, \"patrol\": {\"per_day\": 0}}";

static const char *const small =
    "{\"name\": \"small\", \"horizon\": \"20d\", \"warmup\": \"2d\", "
    "\"region\": {\"generate\": {\"residents\": 30000, \"communities\": 3, \"streets\": 2}}}";

static void load(const char *text, gov_config *cfg)
{
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, gov_config_parse("t.json", text, strlen(text), NULL, 0, cfg, &err), SIM_OK), "%s",
              sim_err_text(&err));
}

Test(limits, too_many_events_refused_before_anything_is_written)
{
    char *d = tmpdir_new(), *s = pjoin(d, "huge.json");
    spit(s, huge);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--out", "o", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
    cr_assert(strstr(r.err, "huge.json: a replication needs at least") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "billion events") != NULL && strstr(r.err, "max_events is 2 billion") != NULL,
              "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"check", s, END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "max_events") != NULL, "%s", r.err);
    run_free(&r);
    cr_assert(eq(int, count_files_containing(d, ""), 1)); /* the scenario only */
    free(s);
    rm_rf(d);
    free(d);
}

Test(limits, memory_limit_refuses_overrides_and_lowers_threads)
{
    char *d = tmpdir_new(), *s = pjoin(d, "small.json");
    spit(s, small);
    gov_config cfg;
    load(small, &cfg);
    gov_footprint fp;
    gov_estimate(&cfg, &fp);
    gov_config_free(&cfg);
    char below[64], between[64];
    snprintf(below, sizeof below, "GOVSIM_MEMORY_LIMIT=%.0f", fp.bytes / 2);
    snprintf(between, sizeof between, "GOVSIM_MEMORY_LIMIT=%.0f", fp.bytes * 1.5);

    run_result r;
    gov(&r, d, (const char *[]){below, END}, (const char *[]){"run", s, "--reps", "2", "--out", "o", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
    cr_assert(strstr(r.err, "small.json: one replication needs about") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "GOVSIM_MEMORY_LIMIT") != NULL && strstr(r.err, "communities") != NULL, "%s", r.err);
    run_free(&r);
    char *o = pjoin(d, "o");
    cr_assert(file_exists(o) == 0, "nothing is written before a refusal");

    gov(&r, d, (const char *[]){"GOVSIM_MEMORY_LIMIT=lots", END}, (const char *[]){"check", s, END});
    cr_assert(eq(int, r.status, 2));
    cr_assert(strstr(r.err, "GOVSIM_MEMORY_LIMIT 'lots'") != NULL, "%s", r.err);
    run_free(&r);

    /* Room for one replication, not two: the run goes on, one at a time. */
    gov(&r, d, (const char *[]){between, END},
        (const char *[]){"run", s, "--reps", "2", "--threads", "2", "--out", "o", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(eq(str, r.err, ""), "--quiet prints no note");
    run_free(&r);
    gov(&r, d, (const char *[]){between, END}, (const char *[]){"run", s, "--reps", "2", "--threads", "2", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(strstr(r.err, "note: 1 replication at a time, not 2") != NULL, "%s", r.err);
    run_free(&r);
    gov(&r, d, (const char *[]){"GOVSIM_MEMORY_LIMIT=off", END}, (const char *[]){"check", s, END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    free(o);
    free(s);
    rm_rf(d);
    free(d);
}

/* The cap stops every replication; the run ends (no hang) with exit 1 and one
 * line naming the scenario, the replication and the field to change. */
Test(limits, event_cap_reached_during_a_run_is_one_line_and_exit_1, .timeout = 120)
{
    char *d = tmpdir_new(), *s = pjoin(d, "capped.json");
    spit(s, capped);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"check", s, END});
    cr_assert(eq(int, r.status, 0), "not refused up front: %s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "4", "--threads", "2", "--out", "o", END});
    cr_assert(eq(int, r.status, 1), "%s", r.err);
    cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
    cr_assert(strstr(r.err, "govsim: scenario \"capped\", replication 1: stopped on day") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "after 1000 events: the scenario's max_events") != NULL, "%s", r.err);
    char *sum = pjoin(d, "o/summary.json");
    cr_assert(file_exists(sum) == 0);
    free(sum);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}

/* Candidates, patrol requests and samples are all executed events, so a run
 * executes at least as many as the estimate's lower bound (its expectation; the
 * other events of a replication outnumber any Poisson shortfall many times). */
Test(limits, events_estimate_is_a_lower_bound)
{
    sim_rng_gsl_errors_off();
    const char *texts[] = {small, "{\"name\": \"d\", \"horizon\": \"60d\"}",
                           "{\"name\": \"s\", \"horizon\": \"30d\", \"warmup\": \"2d\", \"demand\": {\"surges\": ["
                           "{\"start\": \"2d\", \"end\": \"4d\", \"multiplier\": 3}, "
                           "{\"start\": \"10d\", \"end\": \"12d\", \"multiplier\": 3}, "
                           "{\"start\": \"11d\", \"end\": \"13d\", \"multiplier\": 2}]}}"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        gov_config cfg;
        load(texts[i], &cfg);
        gov_footprint fp;
        gov_estimate(&cfg, &fp);
        sim_err err;
        sim_err_init(&err);
        sim_rep_result *res = gov_result_create(&cfg, &err);
        cr_assert(res != NULL);
        cr_assert(eq(int, gov_run_replication(&cfg, 7, 0, NULL, res, &err), SIM_OK), "%s", sim_err_text(&err));
        cr_expect(ge(dbl, (double)res->events, fp.events), "%s: %llu events run, estimate says at least %.0f", texts[i],
                  (unsigned long long)res->events, fp.events);
        cr_expect(fp.events > 0.1 * (double)res->events, "a useful bound, not zero");
        gov_result_destroy(res);
        gov_config_free(&cfg);
    }
}

/* Surges that never overlap do not multiply: the thinning bound (and the
 * estimate) grows with the largest product of surges open at one time. */
/* The arrivals counted are the rate's integral: with flat profiles, a surge of
 * x m over h hours adds (m - 1) h hours of the base rate, and overlapping
 * surges multiply (hand calculation below). */
Test(limits, arrivals_estimate_is_the_integral_of_the_rate)
{
#define FLAT "\"daily_profile\": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], " \
             "\"weekly_profile\": [1,1,1,1,1,1,1]"
    gov_config c0, a, b;
    load("{\"name\": \"c0\", \"demand\": {" FLAT "}}", &c0);
    load("{\"name\": \"a\", \"demand\": {" FLAT ", \"surges\": [{\"start\": \"1d\", \"end\": \"2d\", "
         "\"multiplier\": 3}]}}", &a);
    load("{\"name\": \"b\", \"demand\": {" FLAT ", \"surges\": [{\"start\": \"1d\", \"end\": \"2d\", "
         "\"multiplier\": 3}, {\"start\": \"5d\", \"end\": \"6d\", \"multiplier\": 3}, {\"start\": \"216h\", "
         "\"end\": \"228h\", \"multiplier\": 2}, {\"start\": \"222h\", \"end\": \"234h\", \"multiplier\": 1.2}]}}", &b);
#undef FLAT
    gov_footprint f0, fa, fb;
    gov_estimate(&c0, &f0);
    gov_estimate(&a, &fa);
    gov_estimate(&b, &fb);
    double rate = f0.candidates / c0.horizon;
    /* a: 24 h at x3 = +48 h. b: that, 24 h more at x3 (+48), 6 h at x2 (+6),
     * 6 h at x2.4 (+8.4) and 6 h at x1.2 (+1.2): +111.6 h of the base rate. */
    cr_expect(fabs((fa.candidates - f0.candidates) - 48.0 * rate) < 1e-9 * f0.candidates);
    cr_expect(fabs((fb.candidates - f0.candidates) - 111.6 * rate) < 1e-9 * f0.candidates,
              "%g vs %g", fb.candidates - f0.candidates, 111.6 * rate);
    gov_config_free(&c0);
    gov_config_free(&a);
    gov_config_free(&b);
}

#if !defined(__SANITIZE_ADDRESS__)
/* Peak memory of a real run stays under the estimate (without the sanitizers,
 * whose shadow memory and quarantine the estimate does not count). */
Test(limits, memory_estimate_covers_the_peak)
{
    const char *text = "{\"name\": \"m\", \"horizon\": \"20d\", \"warmup\": \"2d\", "
                       "\"region\": {\"generate\": {\"residents\": 600000, \"communities\": 50, \"streets\": 10}}}";
    gov_config cfg;
    load(text, &cfg);
    gov_footprint fp;
    gov_estimate(&cfg, &fp);
    gov_config_free(&cfg);
    char *d = tmpdir_new(), *s = pjoin(d, "m.json");
    spit(s, text);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "1", "--threads", "1", "--out", "o", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    struct rusage ru;
    cr_assert(getrusage(RUSAGE_CHILDREN, &ru) == 0);
    double peak = (double)ru.ru_maxrss * 1024;
    cr_expect(peak <= fp.bytes, "peak RSS %.0f bytes, estimate %.0f", peak, fp.bytes);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}
#endif
