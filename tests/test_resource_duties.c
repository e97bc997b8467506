/*
 * Setting a pool's duties at once (sim_resource_set_duties) against the
 * definition it documents: the same as sim_resource_set_duty for each server
 * in index order. Two pools are driven by the same random schedule of jobs,
 * duty vectors, a retirement and a hire; one takes the duties server by
 * server, the other all at once. Every job must start at the same time on the
 * same server, and the pools' hours and waits must agree exactly.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stddef.h>
#include <string.h>

#include "sim_resource.h"

#define N_JOBS 240
#define N_SERVERS 9
#define N_BOUNDARIES 40
#define HORIZON 220.0

typedef struct tjob {
    sim_job job;
    double service;
    double start;
    int server;
} tjob;

typedef struct twin {
    sim_t *sim;
    sim_resource *res;
    int at_once; /* 1: sim_resource_set_duties, 0: sim_resource_set_duty in turn */
    tjob jobs[N_JOBS];
    unsigned char duty[N_BOUNDARIES][N_SERVERS + 1];
} twin;

#define TJOB(j) ((tjob *)((char *)(j) - offsetof(tjob, job)))

static void end_service(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    twin *w = target;
    sim_resource_release(w->res, p.p);
}

static void on_start(sim_t *sim, sim_resource *res, sim_job *job, void *ctx)
{
    (void)res;
    tjob *tj = TJOB(job);
    tj->start = sim_now(sim);
    tj->server = job->server;
    sim_schedule_in(sim, tj->service, end_service, ctx, sim_payload_p(job));
}

static void arrive(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    twin *w = target;
    cr_assert(eq(int, sim_resource_request(w->res, p.p), SIM_OK));
}

/* A boundary: the planned duty of every active server (KEEP for the others). */
static void boundary(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    twin *w = target;
    unsigned n = sim_resource_slots(w->res);
    unsigned char duty[N_SERVERS + 1];
    for (unsigned i = 0; i < n; i++)
        duty[i] = sim_resource_active(w->res, i) && !sim_resource_leaving(w->res, i)
                      ? w->duty[p.u][i]
                      : SIM_DUTY_KEEP;
    if (w->at_once) {
        sim_resource_set_duties(w->res, duty, n);
        return;
    }
    for (unsigned i = 0; i < n; i++)
        if (duty[i] != SIM_DUTY_KEEP)
            sim_resource_set_duty(w->res, i, (enum sim_duty)duty[i]);
}

static void retire(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    twin *w = target;
    sim_resource_retire(w->res, (unsigned)p.u);
}

static void hire(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    twin *w = target;
    cr_assert(sim_resource_hire(w->res, (enum sim_duty)p.u) >= 0);
}

/* A small linear congruential generator: the schedule needs only to be varied
 * and the same for both twins. */
static double uniform(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static void build(twin *w, int at_once, uint64_t seed)
{
    memset(w, 0, sizeof *w);
    w->at_once = at_once;
    sim_err err;
    sim_err_init(&err);
    w->sim = sim_create(0, &err);
    cr_assert(w->sim != NULL);
    w->res = sim_resource_create(w->sim, "clerks", N_SERVERS, on_start, w, &err);
    cr_assert(w->res != NULL);
    uint64_t s = seed;
    for (int i = 0; i < N_JOBS; i++) {
        tjob *tj = &w->jobs[i];
        double key = uniform(&s) < 0.5 ? 0.0 : (double)(int)(3.0 * uniform(&s));
        sim_job_init(&tj->job, key, uniform(&s) < 0.3 ? SIM_JOB_URGENT : 0);
        tj->service = 0.5 + 8.0 * uniform(&s);
        tj->start = -1.0;
        tj->server = -1;
        sim_schedule(w->sim, 200.0 * uniform(&s), arrive, w, sim_payload_p(&tj->job));
    }
    for (int b = 0; b < N_BOUNDARIES; b++) {
        for (int i = 0; i <= N_SERVERS; i++) {
            double u = uniform(&s);
            w->duty[b][i] = u < 0.35 ? SIM_DUTY_ON : u < 0.55 ? SIM_DUTY_ONCALL : u < 0.85 ? SIM_DUTY_OFF : SIM_DUTY_KEEP;
        }
        sim_schedule(w->sim, 5.0 * (b + 1), boundary, w, sim_payload_u((uint64_t)b));
    }
    sim_schedule(w->sim, 62.5, retire, w, sim_payload_u(3));
    sim_schedule(w->sim, 71.5, hire, w, sim_payload_u(SIM_DUTY_ON));
    sim_schedule(w->sim, 90.5, hire, w, sim_payload_u(SIM_DUTY_OFF));
    sim_schedule(w->sim, 130.5, retire, w, sim_payload_u(7));
}

static void expect_same(uint64_t seed)
{
    twin *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    cr_assert(a != NULL && b != NULL);
    build(a, 0, seed);
    build(b, 1, seed);
    cr_assert(eq(int, sim_run_until(a->sim, HORIZON), SIM_OK));
    cr_assert(eq(int, sim_run_until(b->sim, HORIZON), SIM_OK));
    int started = 0;
    for (int i = 0; i < N_JOBS; i++) {
        cr_assert(eq(dbl, a->jobs[i].start, b->jobs[i].start), "seed %llu job %d",
                  (unsigned long long)seed, i);
        cr_assert(eq(int, a->jobs[i].server, b->jobs[i].server), "seed %llu job %d",
                  (unsigned long long)seed, i);
        started += a->jobs[i].start >= 0.0;
    }
    /* The schedule must exercise the pools: most jobs start, some wait. */
    cr_assert(gt(int, started, N_JOBS / 2));
    sim_resource_stats sa, sb;
    sim_resource_stats_get(a->res, &sa);
    sim_resource_stats_get(b->res, &sb);
    cr_assert(gt(dbl, sa.wait.mean, 0.0));
    cr_assert(gt(dbl, sa.overtime_hours, 0.0));
    cr_assert(eq(dbl, sa.busy_hours, sb.busy_hours));
    cr_assert(eq(dbl, sa.on_duty_hours, sb.on_duty_hours));
    cr_assert(eq(dbl, sa.overtime_hours, sb.overtime_hours));
    cr_assert(eq(dbl, sa.mean_queue, sb.mean_queue));
    cr_assert(eq(dbl, sa.wait.mean, sb.wait.mean));
    cr_assert(eq(u64, sa.started, sb.started));
    cr_assert(eq(u32, sim_resource_on_duty(a->res), sim_resource_on_duty(b->res)));
    for (unsigned i = 0; i < sim_resource_slots(a->res); i++) {
        double ba, oa, bb, ob;
        sim_resource_server_hours(a->res, i, &ba, &oa);
        sim_resource_server_hours(b->res, i, &bb, &ob);
        cr_assert(eq(dbl, ba, bb), "server %u", i);
        cr_assert(eq(dbl, oa, ob), "server %u", i);
        cr_assert(eq(int, sim_resource_duty(a->res, i), sim_resource_duty(b->res, i)));
    }
    sim_resource_destroy(a->res);
    sim_destroy(a->sim);
    sim_resource_destroy(b->res);
    sim_destroy(b->sim);
    free(a);
    free(b);
}

Test(resource_duties, at_once_equals_one_by_one)
{
    for (uint64_t seed = 1; seed <= 40; seed++)
        expect_same(seed);
}

/* Sending a whole pool home and back: the idle servers come back in the order
 * they became free (longest idle first), not in index order. Three servers
 * free at 1 (s2), 2 (s0), 3 (s1); all OFF at 4, all ON at 5; jobs at 6 go to
 * s2, s0, s1. */
Test(resource_duties, off_and_on_keeps_the_idle_order)
{
    twin *w = malloc(sizeof *w);
    cr_assert(w != NULL);
    memset(w, 0, sizeof *w);
    w->at_once = 1;
    sim_err err;
    sim_err_init(&err);
    w->sim = sim_create(0, &err);
    w->res = sim_resource_create(w->sim, "clerks", 3, on_start, w, &err);
    cr_assert(w->res != NULL);
    double service[3] = {2, 3, 1}; /* jobs 0..2 at 0 go to s0, s1, s2 */
    for (int i = 0; i < 6; i++) {
        sim_job_init(&w->jobs[i].job, 0.0, 0);
        w->jobs[i].service = i < 3 ? service[i] : 10;
        sim_schedule(w->sim, i < 3 ? 0.0 : 6.0, arrive, w, sim_payload_p(&w->jobs[i].job));
    }
    for (int i = 0; i < 3; i++) {
        w->duty[0][i] = SIM_DUTY_OFF;
        w->duty[1][i] = SIM_DUTY_ON;
    }
    sim_schedule(w->sim, 4.0, boundary, w, sim_payload_u(0));
    sim_schedule(w->sim, 5.0, boundary, w, sim_payload_u(1));
    sim_run_until(w->sim, 7.0);
    cr_assert(eq(int, w->jobs[3].server, 2));
    cr_assert(eq(int, w->jobs[4].server, 0));
    cr_assert(eq(int, w->jobs[5].server, 1));
    sim_resource_destroy(w->res);
    sim_destroy(w->sim);
    free(w);
}

/* The idle line is a ring: after jobs come and go its head has moved on, and
 * a hire that grows the pool past its capacity (8) must keep the order. Eight
 * servers; jobs 0-4 at 0 take s0-s4 and end at 1.5, 1.1, 1.4, 1.2, 1.3 (s1,
 * s3, s4, s2, s0 free in that order, after the never used s5, s6, s7). A hire
 * at 2 adds s8, the newest free. Nine jobs at 3 go to s5, s6, s7, s1, s3, s4,
 * s2, s0, s8. */
Test(resource_duties, idle_order_survives_the_line_growing)
{
    twin *w = malloc(sizeof *w);
    cr_assert(w != NULL);
    memset(w, 0, sizeof *w);
    sim_err err;
    sim_err_init(&err);
    w->sim = sim_create(0, &err);
    w->res = sim_resource_create(w->sim, "clerks", 8, on_start, w, &err);
    cr_assert(w->res != NULL);
    double service[5] = {1.5, 1.1, 1.4, 1.2, 1.3};
    for (int i = 0; i < 14; i++) {
        sim_job_init(&w->jobs[i].job, 0.0, 0);
        w->jobs[i].service = i < 5 ? service[i] : 10;
        sim_schedule(w->sim, i < 5 ? 0.0 : 3.0, arrive, w, sim_payload_p(&w->jobs[i].job));
    }
    sim_schedule(w->sim, 2.0, hire, w, sim_payload_u(SIM_DUTY_ON));
    sim_run_until(w->sim, 4.0);
    int expected[9] = {5, 6, 7, 1, 3, 4, 2, 0, 8};
    for (int k = 0; k < 9; k++)
        cr_assert(eq(int, w->jobs[5 + k].server, expected[k]), "job %d", 5 + k);
    sim_resource_destroy(w->res);
    sim_destroy(w->sim);
    free(w);
}
