/* Kernel tests: clock, run control, stop/fail, event limit, warm-up hooks. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/redirect.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim.h"
#include "sim_assert.h"

/* A log of (time, tag) of handler calls. */
typedef struct trace {
    double t[64];
    uint64_t tag[64];
    size_t n;
} trace;

static void record(sim_t *sim, void *target, sim_payload p)
{
    trace *tr = target;
    cr_assert(tr->n < 64);
    tr->t[tr->n] = sim_now(sim);
    tr->tag[tr->n++] = p.u;
}

static sim_t *new_sim(void)
{
    sim_err err;
    sim_err_init(&err);
    sim_t *sim = sim_create(0, &err);
    cr_assert(sim != NULL);
    return sim;
}

Test(kernel, run_until_runs_events_up_to_and_including_t_end_then_advances_clock)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    sim_schedule(sim, 1.0, record, &tr, sim_payload_u(1));
    sim_schedule(sim, 2.0, record, &tr, sim_payload_u(2));
    sim_schedule(sim, 3.0, record, &tr, sim_payload_u(3));
    cr_assert(eq(int, sim_run_until(sim, 2.0), SIM_OK));
    cr_assert(eq(sz, tr.n, 2));
    cr_assert(eq(dbl, sim_now(sim), 2.0));
    cr_assert(eq(int, sim_run_until(sim, 2.5), SIM_OK));
    cr_assert(eq(sz, tr.n, 2));
    cr_assert(eq(dbl, sim_now(sim), 2.5)); /* clock advances without an event */
    cr_assert(eq(int, sim_run_until(sim, 1.0), SIM_OK)); /* the past: nothing, clock kept */
    cr_assert(eq(dbl, sim_now(sim), 2.5));
    cr_assert(eq(int, sim_run_until(sim, 10.0), SIM_OK));
    cr_assert(eq(sz, tr.n, 3));
    cr_assert(eq(dbl, tr.t[2], 3.0));
    cr_assert(eq(dbl, sim_now(sim), 10.0));
    cr_assert(eq(u64, sim_events_executed(sim), 3));
    cr_assert(eq(sz, sim_events_pending(sim), 0));
    /* Running an empty calendar to completion leaves the clock where it is. */
    cr_assert(eq(int, sim_run(sim), SIM_OK));
    cr_assert(eq(dbl, sim_now(sim), 10.0));
    sim_destroy(sim);
}

static void reschedule_zero_delay(sim_t *sim, void *target, sim_payload p)
{
    record(sim, target, p);
    if (p.u < 3)
        sim_schedule_in(sim, 0.0, reschedule_zero_delay, target, sim_payload_u(p.u + 1));
}

/* Events scheduled from a handler for the current time run after those already
 * pending at that time, and within the same run_until. */
Test(kernel, same_time_events_run_in_scheduling_order)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    sim_schedule(sim, 1.0, reschedule_zero_delay, &tr, sim_payload_u(0));
    sim_schedule(sim, 1.0, record, &tr, sim_payload_u(100));
    cr_assert(eq(int, sim_run_until(sim, 1.0), SIM_OK));
    uint64_t want[] = {0, 100, 1, 2, 3};
    cr_assert(eq(sz, tr.n, 5));
    for (size_t i = 0; i < 5; i++) {
        cr_assert(eq(u64, tr.tag[i], want[i]));
        cr_assert(eq(dbl, tr.t[i], 1.0));
    }
    sim_destroy(sim);
}

Test(kernel, cancel_and_step)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    sim_event_id a = sim_schedule(sim, 1.0, record, &tr, sim_payload_u(1));
    sim_schedule_in(sim, 2.0, record, &tr, sim_payload_u(2));
    cr_assert(eq(sz, sim_events_pending(sim), 2));
    cr_assert(eq(int, sim_cancel(sim, a), 1));
    cr_assert(eq(int, sim_cancel(sim, a), 0));
    cr_assert(eq(int, sim_cancel(sim, SIM_NO_EVENT), 0));
    cr_assert(eq(sz, sim_events_pending(sim), 1));
    cr_assert(eq(int, sim_step(sim), 1));
    cr_assert(eq(dbl, sim_now(sim), 2.0));
    cr_assert(eq(int, sim_step(sim), 0));
    cr_assert(eq(sz, tr.n, 1));
    cr_assert(eq(u64, tr.tag[0], 2));
    sim_destroy(sim);
}

static void stopper(sim_t *sim, void *target, sim_payload p)
{
    record(sim, target, p);
    sim_stop(sim);
}

Test(kernel, stop_returns_interrupted_and_run_resumes)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    sim_schedule(sim, 1.0, record, &tr, sim_payload_u(1));
    sim_schedule(sim, 2.0, stopper, &tr, sim_payload_u(2));
    sim_schedule(sim, 3.0, record, &tr, sim_payload_u(3));
    cr_assert(eq(int, sim_run_until(sim, 10.0), SIM_ERR_INTERRUPTED));
    cr_assert(eq(dbl, sim_now(sim), 2.0)); /* the clock stays at the last event */
    cr_assert(eq(sz, tr.n, 2));
    cr_assert(eq(sz, sim_events_pending(sim), 1));
    cr_assert(eq(int, sim_run_until(sim, 10.0), SIM_OK));
    cr_assert(eq(sz, tr.n, 3));
    cr_assert(eq(dbl, sim_now(sim), 10.0));
    sim_destroy(sim);
}

static void failer(sim_t *sim, void *target, sim_payload p)
{
    record(sim, target, p);
    sim_fail(sim, SIM_ERR_RUNTIME, "disk %s", "full");
}

Test(kernel, fail_stops_the_run_and_sticks)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    cr_assert(not(sim_err_failed(sim_error(sim))));
    sim_schedule(sim, 1.5, failer, &tr, sim_payload_u(1));
    sim_schedule(sim, 2.0, record, &tr, sim_payload_u(2));
    cr_assert(eq(int, sim_run(sim), SIM_ERR_RUNTIME));
    cr_assert(eq(sz, tr.n, 1));
    cr_assert(eq(dbl, sim_now(sim), 1.5));
    const sim_err *e = sim_error(sim);
    cr_assert(sim_err_failed(e));
    cr_assert(strstr(sim_err_text(e), "at t=1.5: disk full") != NULL, "%s", sim_err_text(e));
    /* A failed kernel runs nothing more. */
    cr_assert(eq(int, sim_run(sim), SIM_ERR_RUNTIME));
    cr_assert(eq(int, sim_step(sim), 0));
    cr_assert(eq(sz, tr.n, 1));
    sim_destroy(sim);
}

static void forever(sim_t *sim, void *target, sim_payload p)
{
    (void)target;
    sim_schedule_in(sim, 1.0, forever, NULL, p);
}

Test(kernel, event_limit_stops_a_run_that_would_not_end)
{
    sim_t *sim = new_sim();
    sim_set_event_limit(sim, 5);
    sim_schedule(sim, 0.0, forever, NULL, sim_payload_none());
    cr_assert(eq(int, sim_run(sim), SIM_ERR_RUNTIME));
    cr_assert(eq(u64, sim_events_executed(sim), 5));
    cr_assert(eq(dbl, sim_now(sim), 4.0));
    cr_assert(strstr(sim_err_text(sim_error(sim)), "event limit") != NULL);
    sim_destroy(sim);
}

typedef struct hook_log {
    trace *tr;
    uint64_t tag;
} hook_log;

static void hook(sim_t *sim, void *ctx)
{
    hook_log *h = ctx;
    record(sim, h->tr, sim_payload_u(h->tag));
}

Test(kernel, warmup_hooks_run_once_in_registration_order_at_warmup_time)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    hook_log h1 = {&tr, 1001}, h2 = {&tr, 1002}, h3 = {&tr, 1003};
    sim_schedule(sim, 5.0, record, &tr, sim_payload_u(1)); /* before set_warmup: before hooks */
    cr_assert(eq(int, sim_add_reset_hook(sim, hook, &h1), SIM_OK));
    cr_assert(eq(int, sim_add_reset_hook(sim, hook, &h3), SIM_OK));
    cr_assert(eq(int, sim_add_reset_hook(sim, hook, &h2), SIM_OK));
    sim_remove_reset_hook(sim, hook, &h3);
    cr_assert(eq(int, sim_set_warmup(sim, 3.0), SIM_OK));
    cr_assert(eq(int, sim_set_warmup(sim, 5.0), SIM_OK)); /* replaces 3.0 */
    cr_assert(eq(dbl, sim_warmup(sim), 5.0));
    sim_schedule(sim, 5.0, record, &tr, sim_payload_u(2)); /* after set_warmup: after hooks */
    sim_schedule(sim, 4.0, record, &tr, sim_payload_u(0));
    cr_assert(eq(int, sim_run_until(sim, 100.0), SIM_OK));
    uint64_t want_tag[] = {0, 1, 1001, 1002, 2};
    double want_t[] = {4.0, 5.0, 5.0, 5.0, 5.0};
    cr_assert(eq(sz, tr.n, 5));
    for (size_t i = 0; i < 5; i++) {
        cr_assert(eq(u64, tr.tag[i], want_tag[i]), "entry %zu", i);
        cr_assert(eq(dbl, tr.t[i], want_t[i]));
    }
    sim_destroy(sim);
}

Test(kernel, zero_warmup_calls_no_hook)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    hook_log h1 = {&tr, 1};
    sim_add_reset_hook(sim, hook, &h1);
    cr_assert(eq(int, sim_set_warmup(sim, 0.0), SIM_OK));
    sim_schedule(sim, 1.0, record, &tr, sim_payload_u(7));
    cr_assert(eq(int, sim_run(sim), SIM_OK));
    cr_assert(eq(sz, tr.n, 1));
    cr_assert(eq(u64, tr.tag[0], 7));
    sim_destroy(sim);
}

Test(kernel, scheduling_into_the_past_is_a_bug, .signal = SIGABRT, .init = cr_redirect_stderr)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    sim_schedule(sim, 2.0, record, &tr, sim_payload_u(1));
    sim_run(sim);
    sim_schedule(sim, 1.0, record, &tr, sim_payload_u(2));
}

Test(kernel, scheduling_at_nan_is_a_bug, .signal = SIGABRT, .init = cr_redirect_stderr)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    sim_schedule(sim, NAN, record, &tr, sim_payload_u(1));
}

Test(kernel, negative_delay_is_a_bug, .signal = SIGABRT, .init = cr_redirect_stderr)
{
    sim_t *sim = new_sim();
    trace tr = {0};
    sim_schedule_in(sim, -1e-9, record, &tr, sim_payload_u(1));
}

/* A broken invariant inside a running replication names the simulated time,
 * seed and replication that reproduce it (and the file and line). Run in a
 * child so its stderr can be read. */
static void broken_invariant(sim_t *sim, void *target, sim_payload p)
{
    (void)sim, (void)target, (void)p;
    SIM_CHECK(1 + 1 == 3);
}

Test(kernel, a_broken_invariant_names_time_seed_and_replication)
{
    int fd[2];
    cr_assert(eq(int, pipe(fd), 0));
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        dup2(fd[1], 2);
        close(fd[0]);
        sim_t *sim = new_sim();
        sim_set_context(sim, 42, 6);
        sim_schedule(sim, 12.5, broken_invariant, NULL, sim_payload_none());
        sim_run(sim);
        _exit(0);
    }
    close(fd[1]);
    char buf[1024] = "";
    size_t n = 0;
    ssize_t k;
    while (n + 1 < sizeof buf && (k = read(fd[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += (size_t)k;
    buf[n] = '\0';
    close(fd[0]);
    int status;
    pid_t got = waitpid(pid, &status, 0);
    cr_assert(got == pid);
    int aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    cr_assert(aborted, "the child did not abort");
    cr_expect(strstr(buf, "check failed: 1 + 1 == 3 at simulated time 12.5, seed 42, replication 6") != NULL, "%s",
              buf);
    cr_expect(strstr(buf, "test_kernel.c:") != NULL, "%s", buf);
}
