/* Experiment runner: storage by task, fixed-order aggregation, CRN, failures, encoding. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sim_experiment.h"
#include "sim_mem.h"
#include "sim_rng.h"
#include "toy_model.h"

static void setup(void) { sim_rng_gsl_errors_off(); }

static sim_exp *make(const toy_config *cfg, size_t n, size_t reps, unsigned threads, uint64_t seed)
{
    sim_exp_config ec[8];
    for (size_t i = 0; i < n; i++)
        ec[i] = (sim_exp_config){&cfg[i], "toy", (double)i, 0.0, NULL};
    sim_exp_opts o = {seed, reps, threads, NULL, NULL, NULL, 0, NULL};
    sim_err err;
    sim_err_init(&err);
    sim_exp *e = sim_exp_create(&toy_ops, ec, n, &o, &err);
    cr_assert(e != NULL, "%s", sim_err_text(&err));
    return e;
}

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static int same_stat(sim_exp_stat a, sim_exp_stat b)
{
    return same_bits(a.mean, b.mean) && same_bits(a.ci95, b.ci95) && a.n == b.n;
}

/* Every aggregate of two finished experiments, bit for bit. */
static void assert_identical(const sim_exp *a, const sim_exp *b)
{
    for (size_t c = 0; c < sim_exp_configs(a); c++) {
        cr_assert(eq(u64, sim_exp_events(a, c), sim_exp_events(b, c)));
        for (size_t g = 0; g < 2; g++)
            for (size_t m = 0; m < 2; m++) {
                cr_assert(same_stat(sim_exp_kpi(a, c, g, m), sim_exp_kpi(b, c, g, m)));
                cr_assert(same_stat(sim_exp_diff(a, c, g, m), sim_exp_diff(b, c, g, m)));
                for (size_t r = 0; r < sim_exp_reps(a); r++)
                    cr_assert(same_bits(sim_exp_value(a, c, r, g, m), sim_exp_value(b, c, r, g, m)));
            }
        for (size_t i = 0; i < sim_exp_series_points(a, c); i++)
            cr_assert(same_stat(sim_exp_series(a, c, i, 0), sim_exp_series(b, c, i, 0)));
        for (size_t g = 0; g < 2; g++) {
            const sim_sketch *x = sim_exp_dist(a, c, g, 0), *y = sim_exp_dist(b, c, g, 0);
            for (size_t k = 0; k < sim_sketch_buckets(x); k++)
                cr_assert(eq(u64, sim_sketch_bucket_count(x, k), sim_sketch_bucket_count(y, k)));
        }
    }
}

Test(experiment, values_are_stored_by_replication, .init = setup)
{
    toy_config cfg = {5.0, 2.0, 3, 0};
    sim_exp *e = make(&cfg, 1, 7, 3, 42);
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_OK));
    double xs[7];
    for (uint64_t r = 0; r < 7; r++) {
        xs[r] = toy_x(&cfg, 42, r);
        cr_assert(same_bits(sim_exp_value(e, 0, r, 0, 0), xs[r]));
        cr_assert(same_bits(sim_exp_value(e, 0, r, 1, 0), 2 * xs[r]));
    }
    double mean, hw;
    sim_ci95(xs, 7, 1, &mean, &hw);
    sim_exp_stat s = sim_exp_kpi(e, 0, 0, 0);
    cr_assert(same_bits(s.mean, mean) && same_bits(s.ci95, hw) && s.n == 7);
    /* y of group g1 is undefined in replication 0: six values count. */
    cr_assert(eq(sz, sim_exp_kpi(e, 0, 1, 1).n, 6));
    /* Series point i is x + i: its mean is mean(x) + i up to rounding. */
    for (size_t i = 0; i < 3; i++)
        cr_assert(ieee_ulp_eq(dbl, sim_exp_series(e, 0, i, 0).mean, mean + (double)i, 8));
    cr_assert(eq(u64, sim_exp_events(e, 0), 1 + 2 + 3 + 4 + 5 + 6 + 7));
    cr_assert(eq(u64, sim_sketch_count(sim_exp_dist(e, 0, 0, 0)), 7));
    sim_exp_destroy(e);
}

Test(experiment, threads_do_not_change_a_bit, .init = setup)
{
    toy_config cfg[3] = {{1, 1, 5, 0}, {2, 1, 5, 0}, {3, 2, 4, 0}};
    sim_exp *a = make(cfg, 3, 9, 1, 7), *b = make(cfg, 3, 9, 4, 7);
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_exp_run(a, &err), SIM_OK));
    cr_assert(eq(int, sim_exp_run(b, &err), SIM_OK));
    assert_identical(a, b);
    sim_exp_destroy(a);
    sim_exp_destroy(b);
}

/* Results delivered in any order (a journal, other MPI ranks) aggregate the same. */
Test(experiment, delivery_order_does_not_matter, .init = setup)
{
    toy_config cfg[2] = {{1, 3, 6, 0}, {4, 3, 6, 0}};
    sim_exp *a = make(cfg, 2, 8, 1, 3), *b = make(cfg, 2, 8, 1, 3);
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_exp_run(a, &err), SIM_OK));
    size_t order[16];
    for (size_t i = 0; i < 16; i++)
        order[i] = (i * 7 + 3) % 16; /* a permutation: 7 is prime to 16 */
    for (size_t i = 0; i < 16; i++) {
        size_t t = order[i];
        sim_rep_result *res = sim_exp_result_new(b, t, &err);
        cr_assert(res != NULL);
        cr_assert(eq(int, toy_ops.run(&cfg[t / 8], 3, t % 8, res, &err), SIM_OK));
        cr_assert(eq(int, sim_exp_deliver(b, t, res, &err), SIM_OK));
    }
    cr_assert(eq(sz, sim_exp_tasks_done(b), 16));
    assert_identical(a, b);
    /* A second result for a finished task is refused (and freed). */
    sim_rep_result *res = sim_exp_result_new(b, 0, &err);
    cr_assert(eq(int, sim_exp_deliver(b, 0, res, &err), SIM_ERR_INPUT));
    sim_exp_destroy(a);
    sim_exp_destroy(b);
}

/* An experiment grown stage by stage (--precision) ends as one created with the
 * final count: the stages run only the new replications, and a result delivered
 * ahead of its stage (a resumed journal) waits, unmerged, until its stage. */
Test(experiment, grown_stage_by_stage_equals_one_run, .init = setup)
{
    toy_config cfg[2] = {{1, 3, 4, 0}, {4, 3, 4, 0}};
    sim_exp *a = make(cfg, 2, 9, 2, 5);
    sim_exp_opts o = {5, 3, 2, NULL, NULL, NULL, 20, NULL};
    sim_err err;
    sim_err_init(&err);
    sim_exp *b = sim_exp_create(&toy_ops, (sim_exp_config[]){{&cfg[0], "toy", 0, 0, NULL}, {&cfg[1], "toy", 1, 0, NULL}},
                                2, &o, &err);
    cr_assert(b != NULL);
    cr_assert(eq(int, sim_exp_run(a, &err), SIM_OK));
    cr_assert(eq(sz, sim_exp_task_space(b), 40));
    cr_assert(eq(sz, sim_exp_task_of(b, 1, 7), 27));
    /* Replication 8 of configuration 1 arrives first, from elsewhere. */
    sim_rep_result *early = sim_exp_result_new(b, 28, &err);
    cr_assert(eq(int, toy_ops.run(&cfg[1], 5, 8, early, &err), SIM_OK));
    cr_assert(eq(int, sim_exp_deliver(b, 28, early, &err), SIM_OK));
    cr_assert(eq(sz, sim_exp_tasks_done(b), 0));
    cr_assert(eq(u64, sim_sketch_count(sim_exp_dist(b, 1, 0, 0)), 0)); /* not merged yet */
    cr_assert(eq(int, sim_exp_run(b, &err), SIM_OK));
    cr_assert(eq(sz, sim_exp_tasks_done(b), 6));
    cr_assert(eq(int, sim_exp_set_reps(b, 6, &err), SIM_OK));
    cr_assert(eq(int, sim_exp_run(b, &err), SIM_OK));
    cr_assert(eq(int, sim_exp_set_reps(b, 9, &err), SIM_OK));
    cr_assert(eq(sz, sim_exp_tasks_done(b), 13)); /* the early one counts now */
    cr_assert(eq(int, sim_exp_run(b, &err), SIM_OK));
    cr_assert(eq(sz, sim_exp_tasks_done(b), 18));
    cr_assert(eq(sz, sim_exp_reps(b), 9));
    assert_identical(a, b);
    /* It never shrinks, nor grows past its room. */
    cr_assert(eq(int, sim_exp_set_reps(b, 8, &err), SIM_ERR_INPUT));
    cr_assert(eq(int, sim_exp_set_reps(b, 21, &err), SIM_ERR_INPUT));
    sim_exp_destroy(a);
    sim_exp_destroy(b);
}

/* Replication r of every configuration sees the same streams: with x = offset + noise,
 * the paired difference is exactly the difference of the offsets, with zero spread. */
Test(experiment, common_random_numbers_pair_replications, .init = setup)
{
    toy_config cfg[2] = {{10, 4, 1, 0}, {12.5, 4, 1, 0}};
    sim_exp *e = make(cfg, 2, 10, 2, 99);
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_OK));
    sim_exp_stat d = sim_exp_diff(e, 1, 0, 0);
    cr_assert(ieee_ulp_eq(dbl, d.mean, 2.5, 64));
    cr_assert(lt(dbl, d.ci95, 1e-12));
    cr_assert(sim_exp_significant(d));
    cr_assert(gt(dbl, sim_exp_kpi(e, 0, 0, 0).ci95, 1.0)); /* each alone is noisy */
    sim_exp_destroy(e);
}

Test(experiment, the_lowest_failing_replication_is_reported, .init = setup)
{
    for (int trial = 0; trial < 5; trial++) {
        toy_config cfg = {0, 1, 2, (1u << 5) | (1u << 2)};
        sim_exp *e = make(&cfg, 1, 12, 4, 1);
        sim_err err;
        sim_err_init(&err);
        cr_assert(eq(int, sim_exp_run(e, &err), SIM_ERR_RUNTIME));
        cr_assert(eq(u32, err.lines, 1));
        cr_assert(strstr(sim_err_text(&err), "replication 3: toy failure in replication 3") != NULL,
                  "%s", sim_err_text(&err));
        sim_exp_destroy(e);
    }
}

/* A run's kernel errors are copied into the caller's one line each: the text's
 * closing newline must not become an empty problem (it once printed a bare
 * "scenario ..., replication 6: " line after an out-of-memory message). */
Test(experiment, appended_errors_keep_one_problem_per_line)
{
    sim_err src, dst;
    sim_err_init(&src);
    sim_err_init(&dst);
    sim_err_add(&src, SIM_ERR_RUNTIME, "first");
    sim_err_add(&src, SIM_ERR_RUNTIME, "second");
    cr_assert(eq(int, sim_err_append(&dst, SIM_ERR_RUNTIME, "rep 2: ", &src), SIM_ERR_RUNTIME));
    cr_assert(eq(u32, dst.lines, 2));
    cr_assert(eq(str, (char *)sim_err_text(&dst), "rep 2: first\nrep 2: second\n"));
    sim_err empty;
    sim_err_init(&empty);
    sim_err_append(&dst, SIM_ERR_RUNTIME, "x", &empty);
    cr_assert(eq(u32, dst.lines, 2));
}

static void count_progress(void *ctx, size_t done, size_t total)
{
    size_t *seen = ctx;
    cr_assert(eq(sz, done, seen[0] + 1));
    cr_assert(eq(sz, total, 12));
    seen[0] = done;
}

Test(experiment, progress_and_stop, .init = setup)
{
    toy_config cfg[2] = {{0, 1, 2, 0}, {1, 1, 2, 0}};
    sim_exp_config ec[2] = {{&cfg[0], "a", NAN, 0, NULL}, {&cfg[1], "b", NAN, 0, NULL}};
    size_t seen[1] = {0};
    sim_exp_opts o = {1, 6, 3, count_progress, seen, NULL, 0, NULL};
    sim_err err;
    sim_err_init(&err);
    sim_exp *e = sim_exp_create(&toy_ops, ec, 2, &o, &err);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_OK));
    cr_assert(eq(sz, seen[0], 12));
    sim_exp_destroy(e);

    atomic_int stop = 1;
    o.progress = NULL;
    o.stop = &stop;
    e = sim_exp_create(&toy_ops, ec, 2, &o, &err);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_ERR_INTERRUPTED));
    cr_assert(eq(sz, sim_exp_tasks_done(e), 0));
    sim_exp_destroy(e);
}

Test(experiment, out_of_memory_anywhere_is_reported, .init = setup)
{
    toy_config cfg[2] = {{0, 1, 3, 0}, {1, 1, 3, 0}};
    int succeeded = 0;
    for (long n = 0; n < 400 && !succeeded; n++) {
        sim_exp_config ec[2] = {{&cfg[0], "a", NAN, 0, NULL}, {&cfg[1], "b", NAN, 0, NULL}};
        sim_exp_opts o = {1, 4, 2, NULL, NULL, NULL, 0, NULL};
        sim_err err;
        sim_err_init(&err);
        sim_mem_fail_after(n, 1);
        sim_exp *e = sim_exp_create(&toy_ops, ec, 2, &o, &err);
        int rc = e == NULL ? err.status : sim_exp_run(e, &err);
        sim_mem_fail_reset();
        if (rc == SIM_OK)
            succeeded = 1;
        else
            cr_assert(eq(int, rc, SIM_ERR_RUNTIME), "n=%ld: %s", n, sim_err_text(&err));
        sim_exp_destroy(e);
    }
    cr_assert(succeeded);
}

Test(experiment, results_encode_exactly, .init = setup)
{
    toy_config cfg = {1, 1, 4, 0};
    sim_exp *e = make(&cfg, 1, 3, 1, 5);
    sim_err err;
    sim_err_init(&err);
    sim_rep_result *a = sim_exp_result_new(e, 2, &err), *b = sim_exp_result_new(e, 2, &err);
    cr_assert(eq(int, toy_ops.run(&cfg, 5, 2, a, &err), SIM_OK));
    a->metrics[1] = -0.0; /* survives as -0, unlike through %g */
    a->series[3] = NAN;
    a->events = UINT64_MAX;
    char *line = NULL;
    cr_assert(eq(int, sim_rep_encode(toy_ops.desc, 2, a, &line, &err), SIM_OK));
    size_t task = 0;
    cr_assert(eq(int, sim_rep_decode_task(line, &task, &err), SIM_OK));
    cr_assert(eq(sz, task, 2));
    cr_assert(eq(int, sim_rep_decode(toy_ops.desc, line, b, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(int, memcmp(a->metrics, b->metrics, 4 * sizeof(double)), 0));
    cr_assert(eq(int, memcmp(a->series, b->series, 4 * sizeof(double)), 0));
    cr_assert(eq(u64, b->events, UINT64_MAX));
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < sim_sketch_buckets(a->dists[i]); k++)
            cr_assert(eq(u64, sim_sketch_bucket_count(a->dists[i], k), sim_sketch_bucket_count(b->dists[i], k)));
    /* Truncated or altered records are refused. */
    size_t len = strlen(line);
    line[len - 3] = '\0';
    cr_assert(eq(int, sim_rep_decode(toy_ops.desc, line, b, &err), SIM_ERR_INPUT));
    cr_assert(eq(int, sim_rep_decode(toy_ops.desc, "T 2 E 1 M 3 0 0 0", b, &err), SIM_ERR_INPUT));
    cr_assert(eq(int, sim_rep_decode_task("X 2", &task, &err), SIM_ERR_INPUT));
    sim_free(line);
    sim_exp_result_free(e, a);
    sim_exp_result_free(e, b);
    sim_exp_destroy(e);
}

/* A second process's share (MPI): tasks from a take hook, results forwarded. */
typedef struct hook_log {
    pthread_mutex_t lock;
    size_t next, n_tasks, stride;
    char *lines[16];
    int fail_finished; /* task whose `finished` call fails, or -1 */
} hook_log;

static int take_strided(void *ctx, size_t *task)
{
    hook_log *h = ctx;
    pthread_mutex_lock(&h->lock);
    int ok = h->next < h->n_tasks;
    if (ok) {
        *task = h->next;
        h->next += h->stride;
    }
    pthread_mutex_unlock(&h->lock);
    return ok;
}

static int record_line(void *ctx, size_t task, const sim_rep_result *res, sim_err *err)
{
    hook_log *h = ctx;
    if ((int)task == h->fail_finished)
        return sim_err_add(err, SIM_ERR_RUNTIME, "cannot record task %zu", task);
    char *line = NULL;
    int rc = sim_rep_encode(toy_ops.desc, task, res, &line, err);
    pthread_mutex_lock(&h->lock);
    h->lines[task] = line;
    pthread_mutex_unlock(&h->lock);
    return rc;
}

Test(experiment, hooks_split_tasks_between_processes, .init = setup)
{
    toy_config cfg[2] = {{1, 2, 3, 0}, {2, 2, 3, 0}};
    sim_exp *whole = make(cfg, 2, 6, 1, 11), *mine = make(cfg, 2, 6, 2, 11),
            *other = make(cfg, 2, 6, 3, 11);
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, sim_exp_run(whole, &err), SIM_OK));
    /* "other" runs the odd tasks and forwards them; "mine" runs the even ones
     * itself, then takes the forwarded lines. */
    hook_log ho = {PTHREAD_MUTEX_INITIALIZER, 1, 12, 2, {NULL}, -1};
    sim_exp_hooks h_other = {&ho, take_strided, record_line, 1};
    sim_exp_set_hooks(other, &h_other);
    cr_assert(eq(int, sim_exp_run(other, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(sz, sim_exp_tasks_done(other), 0));
    hook_log hm = {PTHREAD_MUTEX_INITIALIZER, 0, 12, 2, {NULL}, -1};
    sim_exp_hooks h_mine = {&hm, take_strided, record_line, 0};
    sim_exp_set_hooks(mine, &h_mine);
    cr_assert(eq(int, sim_exp_run(mine, &err), SIM_OK));
    cr_assert(eq(sz, sim_exp_tasks_done(mine), 6));
    for (size_t t = 0; t < 12; t++) {
        int even = t % 2 == 0, here = hm.lines[t] != NULL, there = ho.lines[t] != NULL;
        cr_assert(eq(int, here, even));
        cr_assert(eq(int, there, !even));
        if (t % 2 == 0) {
            sim_free(hm.lines[t]);
            continue;
        }
        sim_rep_result *res = sim_exp_result_new(mine, t, &err);
        cr_assert(eq(int, sim_rep_decode(toy_ops.desc, ho.lines[t], res, &err), SIM_OK));
        cr_assert(eq(int, sim_exp_deliver(mine, t, res, &err), SIM_OK));
        sim_free(ho.lines[t]);
    }
    assert_identical(whole, mine);
    /* A failing `finished` fails its task like the model would. */
    sim_exp *f = make(cfg, 2, 6, 2, 11);
    hook_log hf = {PTHREAD_MUTEX_INITIALIZER, 0, 12, 1, {NULL}, 4};
    sim_exp_hooks h_f = {&hf, NULL, record_line, 0};
    sim_exp_set_hooks(f, &h_f);
    sim_err_init(&err);
    cr_assert(eq(int, sim_exp_run(f, &err), SIM_ERR_RUNTIME));
    cr_assert(eq(sz, sim_exp_failed_task(f), 4));
    cr_assert(strstr(sim_err_text(&err), "cannot record task 4") != NULL, "%s", sim_err_text(&err));
    cr_assert(eq(int, sim_exp_task_done(f, 4), 0));
    for (size_t t = 0; t < 12; t++)
        sim_free(hf.lines[t]);
    sim_exp_destroy(f);
    sim_exp_destroy(whole);
    sim_exp_destroy(mine);
    sim_exp_destroy(other);
}

/* An interrupted experiment describes the replications that finished. */
Test(experiment, sealing_folds_what_finished, .init = setup)
{
    toy_config cfg[2] = {{1, 2, 3, 0}, {5, 2, 3, 0}};
    sim_exp *e = make(cfg, 2, 5, 1, 13);
    sim_err err;
    sim_err_init(&err);
    const size_t tasks[] = {1, 3, 4, 5}; /* config 0: reps 1, 3, 4; config 1: rep 0 */
    for (size_t i = 0; i < 4; i++) {
        sim_rep_result *res = sim_exp_result_new(e, tasks[i], &err);
        cr_assert(eq(int, toy_ops.run(&cfg[tasks[i] / 5], 13, tasks[i] % 5, res, &err), SIM_OK));
        cr_assert(eq(int, sim_exp_deliver(e, tasks[i], res, &err), SIM_OK));
    }
    cr_assert(eq(sz, sim_exp_config_done(e, 0), 3));
    cr_assert(eq(sz, sim_exp_config_done(e, 1), 1));
    /* Before sealing, replication 0 is missing: nothing of config 0 is folded. */
    cr_assert(eq(sz, sim_exp_series(e, 0, 0, 0).n, 0));
    sim_exp_seal(e);
    double xs[3] = {toy_x(&cfg[0], 13, 1), toy_x(&cfg[0], 13, 3), toy_x(&cfg[0], 13, 4)};
    double mean, hw;
    sim_ci95(xs, 3, 1, &mean, &hw);
    sim_exp_stat s = sim_exp_series(e, 0, 0, 0);
    cr_assert(eq(sz, s.n, 3));
    cr_assert(ieee_ulp_eq(dbl, s.mean, mean, 8));
    cr_assert(eq(sz, sim_exp_kpi(e, 0, 0, 0).n, 3));
    cr_assert(eq(sz, sim_exp_series(e, 1, 2, 0).n, 1));
    /* Nothing is delivered into a sealed experiment. */
    sim_rep_result *res = sim_exp_result_new(e, 0, &err);
    cr_assert(eq(int, sim_exp_deliver(e, 0, res, &err), SIM_ERR_INPUT));
    sim_exp_destroy(e);
}

static void stop_at_first(void *ctx, size_t done, size_t total)
{
    (void)total;
    if (done == 1)
        atomic_store((atomic_int *)ctx, 1);
}

/* A stop raised while replications run: those in progress finish and count,
 * no new one starts. */
Test(experiment, stop_finishes_the_replications_in_hand, .init = setup)
{
    toy_config cfg = {0, 1, 2, 0};
    sim_exp_config ec = {&cfg, "a", NAN, 0, NULL};
    atomic_int stop = 0;
    sim_exp_opts o = {1, 40, 3, stop_at_first, &stop, &stop, 0, NULL};
    sim_err err;
    sim_err_init(&err);
    sim_exp *e = sim_exp_create(&toy_ops, &ec, 1, &o, &err);
    cr_assert(eq(int, sim_exp_run(e, &err), SIM_ERR_INTERRUPTED));
    size_t done = sim_exp_tasks_done(e);
    cr_assert(ge(sz, done, 1));
    cr_assert(le(sz, done, 3), "%zu replications after the stop (3 threads)", done);
    /* What finished is the lowest tasks handed out, each complete. */
    for (size_t t = 0; t < 40; t++)
        if (sim_exp_task_done(e, t))
            cr_assert(lt(sz, t, 3));
    sim_exp_seal(e);
    cr_assert(eq(sz, sim_exp_kpi(e, 0, 0, 0).n, done));
    sim_exp_destroy(e);
}
