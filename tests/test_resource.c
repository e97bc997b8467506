/*
 * Resource tests: small schedules worked out by hand (the expected start times,
 * servers, waits and hours are in the comments), then statistics, reset and
 * failure paths.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/redirect.h>
#include <math.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "sim_mem.h"
#include "sim_resource.h"

#define CLOSE(a, b) cr_assert(le(dbl, fabs((double)(a) - (double)(b)), 1e-9), "%s = %.12g, expected %.12g", #a, (double)(a), (double)(b))

typedef struct tjob {
    sim_job job;
    double service;
    double start, end;
    int server;
} tjob;

typedef struct harness {
    sim_t *sim;
    sim_resource *res;
    tjob jobs[16];
    int order[16]; /* job numbers in start order */
    int n_started;
} harness;

#define TJOB(j) ((tjob *)((char *)(j) - offsetof(tjob, job)))

static void end_service(sim_t *sim, void *target, sim_payload p)
{
    harness *h = target;
    tjob *tj = p.p;
    tj->end = sim_now(sim);
    sim_resource_release(h->res, &tj->job);
}

static void on_start(sim_t *sim, sim_resource *res, sim_job *job, void *ctx)
{
    harness *h = ctx;
    cr_assert(res == h->res);
    cr_assert(eq(int, job->state, SIM_JOB_RUNNING));
    tjob *tj = TJOB(job);
    tj->start = sim_now(sim);
    tj->server = job->server;
    cr_assert(sim_resource_current(res, (unsigned)job->server) == job);
    h->order[h->n_started++] = (int)(tj - h->jobs);
    sim_schedule_in(sim, tj->service, end_service, h, sim_payload_p(tj));
}

static void arrive(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    harness *h = target;
    cr_assert(eq(int, sim_resource_request(h->res, p.p), SIM_OK));
}

static void setup(harness *h, unsigned servers)
{
    memset(h, 0, sizeof *h);
    sim_err err;
    sim_err_init(&err);
    h->sim = sim_create(0, &err);
    cr_assert(h->sim != NULL);
    h->res = sim_resource_create(h->sim, "clerks", servers, on_start, h, &err);
    cr_assert(h->res != NULL);
    for (int i = 0; i < 16; i++) {
        sim_job_init(&h->jobs[i].job, 0.0, 0);
        h->jobs[i].start = h->jobs[i].end = NAN;
        h->jobs[i].server = -1;
    }
}

static void teardown(harness *h)
{
    sim_resource_destroy(h->res);
    sim_destroy(h->sim);
}

/* Job i arrives at t with the given service time, key and flags. */
static void job_at(harness *h, int i, double t, double service, double key, unsigned flags)
{
    h->jobs[i].service = service;
    h->jobs[i].job.key = key;
    h->jobs[i].job.flags = flags;
    sim_schedule(h->sim, t, arrive, h, sim_payload_p(&h->jobs[i].job));
}

static void expect(const harness *h, int i, double start, int server)
{
    cr_assert(eq(dbl, h->jobs[i].start, start), "job %d started at %g, expected %g", i,
              h->jobs[i].start, start);
    cr_assert(eq(int, h->jobs[i].server, server), "job %d on server %d, expected %d", i,
              h->jobs[i].server, server);
}

/*
 * Two servers, FIFO. Arrivals 0,1,2,3 with services 5,5,1,1.
 * s0: job0 [0,5), job2 [5,6). s1: job1 [1,6), job3 [6,7) — at t=6 job1's end was
 * scheduled (at t=1) before job2's (at t=5), so s1 frees first and takes job3.
 * Waits 0,0,3,3 (mean 1.5). Busy hours 12; queue 1 on [2,3), 2 on [3,5), 1 on
 * [5,6): area 6. Over [0,10]: mean busy 1.2, mean queue 0.6, max queue 2.
 */
Test(resource, fifo_two_servers)
{
    harness h;
    setup(&h, 2);
    job_at(&h, 0, 0, 5, 0, 0);
    job_at(&h, 1, 1, 5, 0, 0);
    job_at(&h, 2, 2, 1, 0, 0);
    job_at(&h, 3, 3, 1, 0, 0);
    cr_assert(eq(int, sim_run_until(h.sim, 2.5), SIM_OK));
    cr_assert(eq(u32, sim_resource_busy(h.res), 2));
    cr_assert(eq(u32, sim_resource_queued(h.res), 1));
    cr_assert(eq(int, h.jobs[2].job.state, SIM_JOB_WAITING));
    cr_assert(eq(int, sim_run_until(h.sim, 10), SIM_OK));
    expect(&h, 0, 0, 0);
    expect(&h, 1, 1, 1);
    expect(&h, 2, 5, 0);
    expect(&h, 3, 6, 1);
    sim_resource_stats s;
    sim_resource_stats_get(h.res, &s);
    CLOSE(s.busy_hours, 12);
    CLOSE(s.mean_busy, 1.2);
    CLOSE(s.mean_queue, 0.6);
    CLOSE(s.max_queue, 2);
    CLOSE(s.on_duty_hours, 20);
    CLOSE(s.overtime_hours, 0);
    cr_assert(eq(u64, s.started, 4));
    cr_assert(eq(u64, s.completed, 4));
    cr_assert(eq(u64, s.wait.n, 4));
    CLOSE(sim_tally_mean(&s.wait), 1.5);
    CLOSE(s.wait.max, 3);
    double b0, b1, o0;
    sim_resource_server_hours(h.res, 0, &b0, &o0);
    sim_resource_server_hours(h.res, 1, &b1, NULL);
    CLOSE(b0, 6);
    CLOSE(b1, 6);
    CLOSE(o0, 0);
    cr_assert(eq(int, h.jobs[3].job.state, SIM_JOB_IDLE));
    teardown(&h);
}

/*
 * Three idle servers. A (0, service 1) takes s0, which is free again at 1 and
 * so becomes the most recently freed. B at 2 and C at 3 take s1 and s2 (idle
 * since the start), D at 4 takes s0.
 */
Test(resource, idle_longest_server_first)
{
    harness h;
    setup(&h, 3);
    job_at(&h, 0, 0, 1, 0, 0);
    job_at(&h, 1, 2, 100, 0, 0);
    job_at(&h, 2, 3, 100, 0, 0);
    job_at(&h, 3, 4, 100, 0, 0);
    sim_run_until(h.sim, 5);
    expect(&h, 0, 0, 0);
    expect(&h, 1, 2, 1);
    expect(&h, 2, 3, 2);
    expect(&h, 3, 4, 0);
    teardown(&h);
}

/*
 * One server busy with job0 on [0,10). Arrivals at 1,2,3,4 with keys 5,1,3,1
 * (service 1). Order by (key, arrival): key 1 (t=2), key 1 (t=4), key 3, key 5,
 * starting at 10, 11, 12, 13; waits 8, 7, 9, 12.
 */
Test(resource, priority_by_key_then_arrival)
{
    harness h;
    setup(&h, 1);
    job_at(&h, 0, 0, 10, 0, 0);
    job_at(&h, 1, 1, 1, 5, 0);
    job_at(&h, 2, 2, 1, 1, 0);
    job_at(&h, 3, 3, 1, 3, 0);
    job_at(&h, 4, 4, 1, 1, 0);
    sim_run(h.sim);
    expect(&h, 2, 10, 0);
    expect(&h, 4, 11, 0);
    expect(&h, 3, 12, 0);
    expect(&h, 1, 13, 0);
    sim_resource_stats s;
    sim_resource_stats_get(h.res, &s);
    CLOSE(sim_tally_mean(&s.wait), (0 + 8 + 7 + 9 + 12) / 5.0);
    teardown(&h);
}

/*
 * An ON server takes urgent work first, each queue by (key, seq). One server
 * busy on [0,10); urgent key 5 at 1, normal key 1 at 2, urgent key 1 at 3,
 * normal key 5 at 4. Order: urgent k1 (seq 3), urgent k5 (seq 1), normal k1
 * (seq 2), normal k5 (seq 4), at 10, 11, 12, 13.
 */
Test(resource, on_server_takes_urgent_queue_first)
{
    harness h;
    setup(&h, 1);
    job_at(&h, 0, 0, 10, 0, 0);
    job_at(&h, 1, 1, 1, 5, SIM_JOB_URGENT);
    job_at(&h, 2, 2, 1, 1, 0);
    job_at(&h, 3, 3, 1, 1, SIM_JOB_URGENT);
    job_at(&h, 4, 4, 1, 5, 0);
    sim_run(h.sim);
    int want[] = {0, 3, 1, 2, 4};
    cr_assert(eq(int, h.n_started, 5));
    for (int i = 0; i < 5; i++)
        cr_assert(eq(int, h.order[i], want[i]));
    expect(&h, 1, 11, 0);
    teardown(&h);
}

/*
 * s0 ON, s1 ON-CALL from t=0. N0 (0, 4) takes s0. N1 (1, 2) waits: s1 takes
 * only urgent work. U2 (2, 3, urgent) takes s1 at once: overtime 3 on [2,5).
 * At 4 s0 takes N1 (wait 3). U3 (7, 1, urgent) takes the idle ON server s0, not
 * the on-call one. At t=10: busy 4+2+3+1 = 10 h, overtime 3 h, on duty 10 h (s0
 * only); s1 busy 3 h, all overtime.
 */
Test(resource, oncall_takes_only_urgent_and_counts_overtime)
{
    harness h;
    setup(&h, 2);
    sim_resource_set_duty(h.res, 1, SIM_DUTY_ONCALL);
    cr_assert(eq(int, sim_resource_duty(h.res, 1), SIM_DUTY_ONCALL));
    cr_assert(eq(u32, sim_resource_on_duty(h.res), 1));
    job_at(&h, 0, 0, 4, 0, 0);
    job_at(&h, 1, 1, 2, 0, 0);
    job_at(&h, 2, 2, 3, 0, SIM_JOB_URGENT);
    job_at(&h, 3, 7, 1, 0, SIM_JOB_URGENT);
    sim_run_until(h.sim, 10);
    expect(&h, 0, 0, 0);
    expect(&h, 1, 4, 0);
    expect(&h, 2, 2, 1);
    expect(&h, 3, 7, 0);
    sim_resource_stats s;
    sim_resource_stats_get(h.res, &s);
    CLOSE(s.busy_hours, 10);
    CLOSE(s.overtime_hours, 3);
    CLOSE(s.on_duty_hours, 10);
    double b1, o1, o0;
    sim_resource_server_hours(h.res, 1, &b1, &o1);
    sim_resource_server_hours(h.res, 0, NULL, &o0);
    CLOSE(b1, 3);
    CLOSE(o1, 3);
    CLOSE(o0, 0);
    teardown(&h);
}

static void duty_event(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    harness *h = target;
    sim_resource_set_duty(h->res, p.id.a, (enum sim_duty)p.id.b);
}

static void at_duty(harness *h, double t, unsigned server, enum sim_duty d)
{
    sim_payload p;
    p.id.a = server;
    p.id.b = (uint32_t)d;
    sim_schedule(h->sim, t, duty_event, h, p);
}

/*
 * One server: job0 on [0,10); it goes OFF at 6 and finishes the job, so [6,10)
 * is overtime. job1 arrives at 7 and waits while the server is off; the server
 * comes back ON at 12 and starts it (wait 5). An urgent job2 at 13 waits too;
 * at 14 the server goes ON-CALL mid-job (overtime from 14), at 15 it is done
 * with job1 and takes urgent job2 on call: overtime [14,16).
 * On duty [0,6) and [12,14): 8 h. Overtime 4 + 2 = 6 h. Busy 10 + 3 + 1 = 14 h.
 */
Test(resource, duty_changes_while_busy_and_idle)
{
    harness h;
    setup(&h, 1);
    job_at(&h, 0, 0, 10, 0, 0);
    at_duty(&h, 6, 0, SIM_DUTY_OFF);
    job_at(&h, 1, 7, 3, 0, 0);
    at_duty(&h, 12, 0, SIM_DUTY_ON);
    job_at(&h, 2, 13, 1, 0, SIM_JOB_URGENT);
    at_duty(&h, 14, 0, SIM_DUTY_ONCALL);
    sim_run_until(h.sim, 11);
    cr_assert(eq(u32, sim_resource_busy(h.res), 0));
    cr_assert(eq(u32, sim_resource_queued(h.res), 1));
    cr_assert(eq(u32, sim_resource_on_duty(h.res), 0));
    sim_run_until(h.sim, 20);
    expect(&h, 1, 12, 0);
    expect(&h, 2, 15, 0);
    sim_resource_stats s;
    sim_resource_stats_get(h.res, &s);
    CLOSE(s.on_duty_hours, 8);
    CLOSE(s.overtime_hours, 6);
    CLOSE(s.busy_hours, 14);
    double b, o;
    sim_resource_server_hours(h.res, 0, &b, &o);
    CLOSE(b, 14);
    CLOSE(o, 6);
    CLOSE(sim_tally_mean(&s.wait), (0 + 5 + 2) / 3.0);
    teardown(&h);
}

static void withdraw_event(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    harness *h = target;
    tjob *tj = &h->jobs[p.u];
    int was_waiting = tj->job.state == SIM_JOB_WAITING;
    cr_assert(eq(int, sim_resource_withdraw(h->res, &tj->job), was_waiting));
    cr_assert(eq(int, tj->job.state, was_waiting ? SIM_JOB_IDLE : tj->job.state));
    cr_assert(eq(int, sim_resource_withdraw(h->res, &tj->job), 0)); /* not waiting any more */
}

/*
 * One server, job0 on [0,5). job1 at 1, job2 at 2, urgent job3 at 2.5 wait;
 * job1 withdraws at 3, job3 at 4, job0 (running) tries at 4.5 and stays. job2
 * starts at 5. Queue 1 [1,2), 2 [2,2.5), 3 [2.5,3), 2 [3,4), 1 [4,5):
 * area 1 + 1 + 1.5 + 2 + 1 = 6.5, mean 0.65 over [0,10], max 3.
 */
Test(resource, withdraw_from_either_queue)
{
    harness h;
    setup(&h, 1);
    job_at(&h, 0, 0, 5, 0, 0);
    job_at(&h, 1, 1, 1, 0, 0);
    job_at(&h, 2, 2, 1, 0, 0);
    job_at(&h, 3, 2.5, 1, 0, SIM_JOB_URGENT);
    sim_schedule(h.sim, 3, withdraw_event, &h, sim_payload_u(1));
    sim_schedule(h.sim, 4, withdraw_event, &h, sim_payload_u(3));
    sim_schedule(h.sim, 4.5, withdraw_event, &h, sim_payload_u(0));
    sim_run_until(h.sim, 10);
    cr_assert(isnan(h.jobs[1].start));
    cr_assert(isnan(h.jobs[3].start));
    expect(&h, 0, 0, 0);
    expect(&h, 2, 5, 0);
    cr_assert(eq(int, h.n_started, 2));
    sim_resource_stats s;
    sim_resource_stats_get(h.res, &s);
    CLOSE(s.mean_queue, 0.65);
    CLOSE(s.max_queue, 3);
    cr_assert(eq(int, sim_resource_withdraw(h.res, &h.jobs[5].job), 0)); /* idle job */
    teardown(&h);
}

static void retire_event(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    harness *h = target;
    sim_resource_retire(h->res, (unsigned)p.u);
}

static void hire_event(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    harness *h = target;
    cr_assert(eq(int, sim_resource_hire(h->res, (enum sim_duty)p.id.a), (int)p.id.b));
}

static sim_payload hire_payload(enum sim_duty d, int expect_index)
{
    sim_payload p;
    p.id.a = (uint32_t)d;
    p.id.b = (uint32_t)expect_index;
    return p;
}

/*
 * Two servers: job0 (0, 5) on s0, job1 (0, 8) on s1, job2 (1, 1) waits. s0 is
 * retired at 2 while busy: it finishes job0 at 5 and leaves without taking job2.
 * A hire at 6 reuses index 0 and takes job2 at once (wait 5). s1 is retired at
 * 9 while idle and leaves at once. job3 at 9.5 goes to s0. A hire OFF at 10 reuses
 * index 1 and takes nothing; a further hire gets the new index 2.
 */
Test(resource, hire_and_retire_while_busy)
{
    harness h;
    setup(&h, 2);
    job_at(&h, 0, 0, 5, 0, 0);
    job_at(&h, 1, 0, 8, 0, 0);
    job_at(&h, 2, 1, 1, 0, 0);
    sim_schedule(h.sim, 2, retire_event, &h, sim_payload_u(0));
    sim_schedule(h.sim, 6, hire_event, &h, hire_payload(SIM_DUTY_ON, 0));
    sim_schedule(h.sim, 9, retire_event, &h, sim_payload_u(1));
    job_at(&h, 3, 9.5, 1, 0, 0);
    sim_run_until(h.sim, 3);
    cr_assert(eq(u32, sim_resource_headcount(h.res), 2));
    cr_assert(sim_resource_active(h.res, 0));
    sim_run_until(h.sim, 5.5);
    cr_assert(eq(u32, sim_resource_headcount(h.res), 1));
    cr_assert(not(sim_resource_active(h.res, 0)));
    cr_assert(eq(u32, sim_resource_queued(h.res), 1));
    cr_assert(eq(u32, sim_resource_on_duty(h.res), 1));
    sim_run_until(h.sim, 9.2);
    cr_assert(eq(u32, sim_resource_headcount(h.res), 1));
    cr_assert(not(sim_resource_active(h.res, 1)));
    sim_run_until(h.sim, 10);
    expect(&h, 2, 6, 0);
    expect(&h, 3, 9.5, 0);
    cr_assert(eq(u32, sim_resource_slots(h.res), 2));
    cr_assert(eq(int, sim_resource_hire(h.res, SIM_DUTY_OFF), 1));
    cr_assert(eq(int, sim_resource_hire(h.res, SIM_DUTY_ON), 2));
    cr_assert(eq(u32, sim_resource_slots(h.res), 3));
    cr_assert(eq(u32, sim_resource_headcount(h.res), 3));
    cr_assert(eq(u32, sim_resource_on_duty(h.res), 2));
    sim_resource_stats s;
    sim_resource_stats_get(h.res, &s);
    /* on duty: s0 [0,5) and [6,10), s1 [0,9): 18 h */
    CLOSE(s.on_duty_hours, 18);
    CLOSE(s.busy_hours, 5 + 8 + 1 + 0.5);
    teardown(&h);
}

/*
 * Idle order survives duty changes, retirement and reuse of an index. Four
 * idle servers became free in the order s0, s1, s2, s3. At 1 s1 goes OFF and
 * back ON ten times while idle: it keeps its place (it has been idle since 0),
 * and the free heaps, which leave a removed server's entry behind, must drop
 * those entries when full (capacity 8). At 2 s0 retires while idle; at 2.5 a
 * hire reuses index 0, a newly free server: now last in line. Four long jobs
 * at 3 go to s1, s2, s3, s0 — not to s0 first through the entry it left at 0.
 */
Test(resource, idle_order_survives_duty_changes_and_reuse)
{
    harness h;
    setup(&h, 4);
    for (int k = 0; k < 10; k++) {
        at_duty(&h, 1, 1, SIM_DUTY_OFF);
        at_duty(&h, 1, 1, SIM_DUTY_ON);
    }
    sim_schedule(h.sim, 2, retire_event, &h, sim_payload_u(0));
    sim_schedule(h.sim, 2.5, hire_event, &h, hire_payload(SIM_DUTY_ON, 0));
    for (int i = 0; i < 4; i++)
        job_at(&h, i, 3, 100, 0, 0);
    sim_run_until(h.sim, 4);
    expect(&h, 0, 3, 1);
    expect(&h, 1, 3, 2);
    expect(&h, 2, 3, 3);
    expect(&h, 3, 3, 0);
    cr_assert(eq(u32, sim_resource_busy(h.res), 4));
    teardown(&h);
}

/* A job can start from inside a hire or a duty change, so the pool must be
 * consistent then: a hired ON-CALL server takes an urgent job, not a normal one. */
Test(resource, hire_oncall_takes_urgent_only)
{
    harness h;
    setup(&h, 0);
    job_at(&h, 0, 0, 1, 0, 0);
    job_at(&h, 1, 1, 1, 0, SIM_JOB_URGENT);
    sim_run_until(h.sim, 2);
    cr_assert(eq(u32, sim_resource_queued(h.res), 2));
    cr_assert(eq(int, sim_resource_hire(h.res, SIM_DUTY_ONCALL), 0));
    expect(&h, 1, 2, 0);
    sim_run_until(h.sim, 5);
    cr_assert(isnan(h.jobs[0].start)); /* still waiting for an ON server */
    sim_resource_set_duty(h.res, 0, SIM_DUTY_ON);
    expect(&h, 0, 5, 0);
    teardown(&h);
}

/*
 * The FIFO schedule of fifo_two_servers with a warm-up at 5.5: s0 is on job2
 * [5,6), s1 on job1 [1,6), job3 waits. After the reset, up to t=10: busy
 * 0.5 + 0.5 + 1 = 2 h; started 1 (job3, wait 3); completed 3; queue area 0.5 over
 * 4.5 h; max queue 1 (the value at the reset); per server s0 0.5 h, s1 1.5 h.
 */
Test(resource, statistics_reset_at_warmup)
{
    harness h;
    setup(&h, 2);
    job_at(&h, 0, 0, 5, 0, 0);
    job_at(&h, 1, 1, 5, 0, 0);
    job_at(&h, 2, 2, 1, 0, 0);
    job_at(&h, 3, 3, 1, 0, 0);
    cr_assert(eq(int, sim_set_warmup(h.sim, 5.5), SIM_OK));
    sim_run_until(h.sim, 10);
    sim_resource_stats s;
    sim_resource_stats_get(h.res, &s);
    CLOSE(s.busy_hours, 2);
    CLOSE(s.mean_busy, 2 / 4.5);
    cr_assert(eq(u64, s.started, 1));
    cr_assert(eq(u64, s.completed, 3));
    CLOSE(sim_tally_mean(&s.wait), 3);
    CLOSE(s.mean_queue, 0.5 / 4.5);
    CLOSE(s.max_queue, 1);
    CLOSE(s.on_duty_hours, 9);
    double b0, b1;
    sim_resource_server_hours(h.res, 0, &b0, NULL);
    sim_resource_server_hours(h.res, 1, &b1, NULL);
    CLOSE(b0, 0.5);
    CLOSE(b1, 1.5);
    cr_assert(eq(str, (char *)sim_resource_name(h.res), "clerks"));
    teardown(&h);
}

/* Destroying a pool unregisters its reset hook: a later warm-up must not touch it
 * (the sanitizer build would catch the use after free). */
Test(resource, destroy_before_warmup_is_safe)
{
    sim_err err;
    sim_err_init(&err);
    sim_t *sim = sim_create(0, &err);
    harness h;
    memset(&h, 0, sizeof h);
    sim_resource *a = sim_resource_create(sim, "a", 1, on_start, &h, &err);
    sim_resource *b = sim_resource_create(sim, "b", 1, on_start, &h, &err);
    cr_assert(a && b);
    sim_set_warmup(sim, 1.0);
    sim_resource_destroy(a);
    cr_assert(eq(int, sim_run(sim), SIM_OK));
    sim_resource_destroy(b);
    sim_resource_destroy(NULL);
    sim_destroy(sim);
}

/* Out of memory while queueing: the request fails cleanly, the job stays idle
 * and the kernel records the failure so the run stops. */
Test(resource, out_of_memory_when_queueing)
{
    harness h;
    setup(&h, 1);
    h.jobs[0].service = 10;
    cr_assert(eq(int, sim_resource_request(h.res, &h.jobs[0].job), SIM_OK));
    sim_mem_fail_after(0, 1);
    int rc = sim_resource_request(h.res, &h.jobs[1].job);
    sim_mem_fail_reset();
    cr_assert(eq(int, rc, SIM_ERR_RUNTIME));
    cr_assert(eq(int, h.jobs[1].job.state, SIM_JOB_IDLE));
    cr_assert(eq(u32, sim_resource_queued(h.res), 0));
    cr_assert(strstr(sim_err_text(sim_error(h.sim)), "clerks: out of memory") != NULL);
    cr_assert(eq(int, sim_run(h.sim), SIM_ERR_RUNTIME));
    teardown(&h);
}

/* Every allocation in create and hire may fail: each failure is reported and
 * leaks nothing (the sanitizer build checks the leaks). */
Test(resource, out_of_memory_in_create_and_hire)
{
    sim_err err;
    sim_err_init(&err);
    sim_t *sim = sim_create(0, &err);
    harness h;
    memset(&h, 0, sizeof h);
    int created = 0;
    for (long k = 0; k < 50 && !created; k++) {
        sim_err_init(&err);
        sim_mem_fail_after(k, 1);
        sim_resource *r = sim_resource_create(sim, "pool", 20, on_start, &h, &err);
        long failures = sim_mem_failures();
        sim_mem_fail_reset();
        if (r == NULL) {
            cr_assert(eq(long, failures, 1));
            cr_assert(eq(int, err.status, SIM_ERR_RUNTIME));
            continue;
        }
        created = 1;
        sim_resource_destroy(r);
    }
    cr_assert(created);
    /* Hiring 40 into a pool of 20 grows its arrays once (four allocations); make
     * each of them fail in turn: that one hire fails, the next ones succeed. */
    for (long j = 0; j < 5; j++) {
        sim_resource *r = sim_resource_create(sim, "pool", 20, on_start, &h, &err);
        cr_assert(r != NULL);
        sim_mem_fail_after(j, 1);
        unsigned fails = 0;
        for (int m = 0; m < 40; m++)
            fails += sim_resource_hire(r, SIM_DUTY_OFF) < 0;
        sim_mem_fail_reset();
        cr_assert(eq(u32, fails, j < 4 ? 1u : 0u), "j=%ld", j);
        cr_assert(eq(u32, sim_resource_headcount(r), 60 - fails));
        sim_resource_destroy(r);
    }
    sim_destroy(sim);
}

Test(resource, releasing_an_idle_job_is_a_bug, .signal = SIGABRT, .init = cr_redirect_stderr)
{
    harness h;
    setup(&h, 1);
    sim_resource_release(h.res, &h.jobs[0].job);
}

Test(resource, requesting_a_waiting_job_is_a_bug, .signal = SIGABRT, .init = cr_redirect_stderr)
{
    harness h;
    setup(&h, 0);
    sim_resource_request(h.res, &h.jobs[0].job);
    sim_resource_request(h.res, &h.jobs[0].job);
}
