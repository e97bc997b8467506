/* --precision: replications added until a KPI's confidence interval is narrow
 * enough; the count reported, the same files as --reps with that count, the cap
 * and exit status 3, a resumed run, bad options. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

static const char *const compared[] = {"summary.csv", "results.csv", "replications.csv", "timeseries.csv"};

static void assert_same_bytes(const char *a, const char *b, const char *file)
{
    char *pa = pjoin(a, file), *pb = pjoin(b, file);
    size_t la = 0, lb = 0;
    char *ta = slurp(pa, &la), *tb = slurp(pb, &lb);
    cr_assert(ta != NULL && tb != NULL, "missing %s", file);
    cr_assert(la == lb && memcmp(ta, tb, la) == 0, "%s of %s and %s differ", file, a, b);
    free(ta);
    free(tb);
    free(pa);
    free(pb);
}

/* An M/M/c hall whose mean wait is noisy at 10 replications (rho = 0.9). */
static char *hall(const char *d) { return write_mmc(d, "h.json", "H", 9, 1, 10, 400, 40, NULL); }

Test(precision, stops_when_the_interval_is_narrow_enough_and_equals_a_fixed_run)
{
    char *d = tmpdir_new(), *s = hall(d);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "10", "--out", "ten", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    cJSON *ten = load_json(d, "ten/summary.json");
    double h10 = num_at(ten, "results.0.kpis.mean_wait_min.ci95");
    /* A goal a third of the first stage's half-width: about nine times the replications. */
    double goal = h10 / 3;
    char arg[64];
    snprintf(arg, sizeof arg, "mean_wait_min=%.6g", goal);
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "10", "--precision", arg, "--out", "p", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(strstr(r.err, "precision reached after") != NULL, "%s", r.err);
    run_free(&r);
    cJSON *p = load_json(d, "p/summary.json");
    size_t n = (size_t)num_at(p, "reps");
    cr_assert(n > 10 && n <= 1000, "%zu replications", n);
    double hn = num_at(p, "results.0.kpis.mean_wait_min.ci95");
    cr_expect(le(dbl, hn, goal));
    cr_expect(eq(int, cJSON_IsTrue(at(p, "precision.met")), 1));
    cr_expect(eq(dbl, num_at(p, "precision.goals.0.widest_ci95"), hn));
    /* No gross overshoot: the half-width shrinks as 1/sqrt(n), so ending below half the
     * goal would mean more than four times the replications needed. */
    cr_expect(ge(dbl, hn, goal / 2), "%zu replications overshoot: half-width %g for a goal of %g", n, hn, goal);
    /* Replication r is the same whatever the stages: the files are those of --reps n. */
    char reps[32];
    snprintf(reps, sizeof reps, "%zu", n);
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", reps, "--out", "fixed", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *pd = pjoin(d, "p"), *fd = pjoin(d, "fixed");
    for (size_t i = 0; i < sizeof compared / sizeof compared[0]; i++)
        assert_same_bytes(pd, fd, compared[i]);
    cJSON_Delete(ten);
    cJSON_Delete(p);
    free(pd);
    free(fd);
    free(s);
    rm_rf(d);
    free(d);
}

/* The cap comes first: the results of the cap are written, a warning says so,
 * exit status 3. In compare, every scenario must meet the goal. */
Test(precision, the_cap_comes_first_exit_3)
{
    char *d = tmpdir_new(), *s = hall(d);
    char *b = write_mmc(d, "b.json", "B", 9, 1, 11, 400, 40, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"compare", s, b, "--precision", "mean_wait_min=0.001", "--max-reps", "14",
                                           "--out", "c", END});
    cr_assert(eq(int, r.status, 3), "%s", r.err);
    cr_assert(strstr(r.err, "precision not reached by --max-reps 14") != NULL, "%s", r.err);
    run_free(&r);
    cJSON *j = load_json(d, "c/summary.json");
    cr_expect(eq(dbl, num_at(j, "reps"), 14));
    cr_expect(eq(int, cJSON_IsFalse(at(j, "precision.met")), 1));
    cr_expect(eq(dbl, num_at(j, "results.1.kpis.mean_wait_min.n"), 14));
    cJSON_Delete(j);
    free(b);
    free(s);
    rm_rf(d);
    free(d);
}

/* A precision run cut short and resumed ends where the straight one does: the
 * journal's task numbers leave room for every stage. */
Test(precision, a_resumed_run_gives_the_same_bytes)
{
    char *d = tmpdir_new(), *s = hall(d);
    run_result r;
    const char *prec = "mean_wait_min=1.5";
    gov(&r, d, NULL, (const char *const[]){"run", s, "--precision", prec, "--out", "ref", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *const[]){"run", s, "--precision", prec, "--out", "o", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    /* Keep the first third of the journal, later stages' records included. */
    char *o = pjoin(d, "o"), *jp = pjoin(o, ".govsim/journal"), *ref = pjoin(d, "ref");
    size_t len = 0;
    char *journal = slurp(jp, &len);
    size_t lines = count_lines(journal);
    cr_assert(lines > 10, "%zu lines: the goal should need a second stage", lines);
    const char *p = journal;
    for (size_t i = 0; i < lines / 3; i++)
        p = strchr(p, '\n') + 1;
    FILE *f = fopen(jp, "wb");
    fwrite(journal, 1, (size_t)(p - journal), f);
    fclose(f);
    gov(&r, d, NULL, (const char *const[]){"run", s, "--precision", prec, "--out", "o", "--resume", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(strstr(r.err, "resuming") != NULL, "%s", r.err);
    run_free(&r);
    for (size_t i = 0; i < sizeof compared / sizeof compared[0]; i++)
        assert_same_bytes(o, ref, compared[i]);
    /* A different goal is a different experiment. */
    gov(&r, d, NULL, (const char *const[]){"run", s, "--precision", "mean_wait_min=1", "--out", "o", "--resume", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    run_free(&r);
    free(journal);
    free(jp);
    free(o);
    free(ref);
    free(s);
    rm_rf(d);
    free(d);
}

Test(precision, bad_options_exit_2_and_write_nothing)
{
    char *d = tmpdir_new(), *s = hall(d);
    static const struct {
        const char *args[6], *message;
    } bad[] = {
        {{"--precision", "nosuch=1"}, "no KPI 'nosuch'"},
        {{"--precision", "mean_wait_min.nogroup=1"}, "no group"},
        {{"--precision", "mean_wait_min=0"}, "above 0"},
        {{"--precision", "mean_wait_min=-2"}, "above 0"},
        {{"--precision", "mean_wait_min"}, "expected KPI[.GROUP]=HALFWIDTH"},
        {{"--max-reps", "50"}, "--max-reps caps --precision"},
        {{"--precision", "mean_wait_min=1", "--max-reps", "5"}, "below --reps 10"},
        {{"--precision", "mean_wait_min=1", "--reps", "1"}, "--reps 2 or more"},
        {{"--precision", "mean_wait_min=1", "--max-reps", "x"}, "--max-reps 'x'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *args[16] = {"run", s, "--out", "x"};
        size_t n = 4;
        for (size_t k = 0; bad[i].args[k] != NULL; k++)
            args[n++] = bad[i].args[k];
        args[n] = END;
        run_result r;
        gov(&r, d, NULL, args);
        cr_expect(eq(int, r.status, 2), "%s: %s", bad[i].message, r.err);
        cr_expect(strstr(r.err, bad[i].message) != NULL, "expected '%s' in: %s", bad[i].message, r.err);
        cr_expect(eq(sz, count_lines(r.err), 1), "%s", r.err);
        run_free(&r);
        char *x = pjoin(d, "x");
        cr_expect(eq(int, file_exists(x), 0), "%s: wrote %s", bad[i].message, x);
        free(x);
    }
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"check", s, "--precision", "mean_wait_min=1", END});
    cr_expect(eq(int, r.status, 2), "%s", r.err);
    run_free(&r);
    free(s);
    rm_rf(d);
    free(d);
}
