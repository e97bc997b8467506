/*
 * Calendar tests: random schedule/cancel/pop sequences against a sorted
 * reference, ties in insertion order, stale ids, compaction and growth.
 *
 * The reference keeps every event ever scheduled with its (time, insertion
 * number) and whether it is pending; the next event is found by a linear scan,
 * which is slow but obviously right. Times never go below the last popped time,
 * as the kernel guarantees (scheduling into the past is a SIM_CHECK), and are
 * drawn from a coarse grid so that ties are frequent.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "../sim/sim_calendar.h"

static void noop(sim_t *s, void *t, sim_payload p) { (void)s; (void)t; (void)p; }
static void other(sim_t *s, void *t, sim_payload p) { (void)s; (void)t; (void)p; }

Test(calendar, ties_pop_in_insertion_order)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    for (uint64_t i = 0; i < 1000; i++)
        cr_assert(sim_calendar_push(cal, (double)(i % 3), noop, NULL, sim_payload_u(i)) != SIM_NO_EVENT);
    sim_event ev;
    uint64_t last[3] = {0, 0, 0};
    int seen[3] = {0, 0, 0};
    double t_prev = -1;
    while (sim_calendar_pop(cal, &ev)) {
        cr_assert(ev.time >= t_prev);
        int k = (int)ev.time;
        if (seen[k])
            cr_assert(gt(u64, ev.payload.u, last[k]));
        seen[k] = 1;
        last[k] = ev.payload.u;
        t_prev = ev.time;
    }
    sim_calendar_destroy(cal);
}

/* All events at one time: the pop order must be exactly the push order. */
Test(calendar, equal_times_are_fifo_exactly)
{
    sim_calendar *cal = sim_calendar_create(4);
    cr_assert(cal != NULL);
    for (uint64_t i = 0; i < 5000; i++)
        cr_assert(sim_calendar_push(cal, 7.0, noop, NULL, sim_payload_u(i)) != SIM_NO_EVENT);
    sim_event ev;
    for (uint64_t i = 0; i < 5000; i++) {
        cr_assert(sim_calendar_pop(cal, &ev));
        cr_assert(eq(u64, ev.payload.u, i));
    }
    cr_assert(not(sim_calendar_pop(cal, &ev)));
    sim_calendar_destroy(cal);
}

static uint64_t rnd_state;
static uint64_t rnd(void)
{
    /* SplitMix64: a self-contained generator, independent of the code under test. */
    uint64_t z = (rnd_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}
static size_t rnd_below(size_t n) { return (size_t)(rnd() % n); }

typedef struct ref_ev {
    double time;
    sim_event_id id;
    int pending;
    int target_tag; /* which of two handlers / targets, to check the body comes back */
} ref_ev;

typedef struct ref {
    ref_ev *ev;
    size_t n, cap;
    size_t pending;
    size_t *live; /* indices of the pending events, unordered */
    size_t *live_pos; /* live_pos[k]: where event k sits in live[] */
} ref;

static size_t ref_add(ref *r, double t, sim_event_id id, int tag)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 1024;
        r->ev = realloc(r->ev, r->cap * sizeof *r->ev);
        r->live = realloc(r->live, r->cap * sizeof *r->live);
        r->live_pos = realloc(r->live_pos, r->cap * sizeof *r->live_pos);
        cr_assert(r->ev != NULL && r->live != NULL && r->live_pos != NULL);
    }
    r->ev[r->n] = (ref_ev){t, id, 1, tag};
    r->live_pos[r->n] = r->pending;
    r->live[r->pending++] = r->n;
    return r->n++;
}

static void ref_drop(ref *r, size_t k)
{
    r->ev[k].pending = 0;
    size_t pos = r->live_pos[k], last = r->live[--r->pending];
    r->live[pos] = last;
    r->live_pos[last] = pos;
}

/* Index of the earliest pending event: smallest time, then earliest scheduled
 * (smallest index); SIZE_MAX when none. */
static size_t ref_min(const ref *r)
{
    size_t best = SIZE_MAX;
    for (size_t j = 0; j < r->pending; j++) {
        size_t i = r->live[j];
        if (best == SIZE_MAX || r->ev[i].time < r->ev[best].time ||
            (r->ev[i].time == r->ev[best].time && i < best))
            best = i;
    }
    return best;
}

static int targets[2];

static void check_pop(sim_calendar *cal, ref *r, double t_end)
{
    size_t want = ref_min(r);
    sim_event ev;
    int got = sim_calendar_pop_until(cal, t_end, &ev);
    if (want == SIZE_MAX || !(r->ev[want].time <= t_end)) {
        cr_assert(not(got), "popped an event the reference does not have before %g", t_end);
        return;
    }
    cr_assert(got, "reference has event %zu at %g", want, r->ev[want].time);
    cr_assert(eq(u64, ev.payload.u, (uint64_t)want), "popped #%llu at %g, expected #%zu at %g",
              (unsigned long long)ev.payload.u, ev.time, want, r->ev[want].time);
    cr_assert(eq(dbl, ev.time, r->ev[want].time));
    int tag = r->ev[want].target_tag;
    cr_assert(ev.fn == (tag ? other : noop));
    cr_assert(ev.target == &targets[tag]);
    ref_drop(r, want);
}

/*
 * One random run: phases of mostly-push, mostly-cancel and mostly-pop, so the
 * heap grows past its first allocation, cancelled nodes come to outnumber live
 * ones (compaction) and then drain. Cancel targets any id ever issued, so stale
 * ids (popped, already cancelled, slot since reused) are tried often.
 */
static void random_run(uint64_t seed, size_t target_size, size_t steps)
{
    rnd_state = seed;
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    ref r = {0};
    double now = 0.0;
    int phase = 0; /* 0 fill, 1 cancel storm, 2 mixed, 3 drain */
    for (size_t step = 0; step < steps; step++) {
        if (phase == 0 && r.pending >= target_size)
            phase = 1;
        else if (phase == 1 && r.pending <= target_size / 5)
            phase = 2;
        else if (phase == 2 && step > steps * 3 / 4)
            phase = 3;
        size_t dice = rnd_below(100);
        int push = 0, cancel = 0;
        switch (phase) {
        case 0: push = dice < 80; cancel = !push && dice < 90; break;
        case 1: cancel = dice < 85; push = !cancel && dice < 95; break;
        case 2: push = dice < 40; cancel = !push && dice < 60; break;
        default: push = dice < 10; cancel = !push && dice < 30; break;
        }
        if (push) {
            /* Coarse increments (0 often) make many equal times. */
            double t = now + (double)rnd_below(8) * 0.25;
            int tag = (int)rnd_below(2);
            size_t k = r.n;
            sim_event_id id = sim_calendar_push(cal, t, tag ? other : noop, &targets[tag],
                                                sim_payload_u(k));
            cr_assert(id != SIM_NO_EVENT);
            ref_add(&r, t, id, tag);
        } else if (cancel && r.n > 0) {
            size_t k = rnd_below(r.n);
            int was = r.ev[k].pending;
            int got = sim_calendar_cancel(cal, r.ev[k].id);
            cr_assert(eq(int, got, was), "cancel #%zu returned %d, pending %d", k, got, was);
            if (was)
                ref_drop(&r, k);
        } else {
            /* Pops bounded by a random horizon check pop_until too. */
            double t_end = rnd_below(4) == 0 ? now + (double)rnd_below(3) * 0.25 : INFINITY;
            size_t want = ref_min(&r);
            check_pop(cal, &r, t_end);
            if (want != SIZE_MAX && r.ev[want].time <= t_end)
                now = r.ev[want].time;
        }
        cr_assert(eq(sz, sim_calendar_size(cal), r.pending));
        if ((step & 63) == 0) {
            size_t want = ref_min(&r);
            double nt = sim_calendar_next_time(cal);
            if (want == SIZE_MAX)
                cr_assert(isinf(nt));
            else
                cr_assert(eq(dbl, nt, r.ev[want].time));
        }
    }
    while (r.pending > 0)
        check_pop(cal, &r, INFINITY);
    check_pop(cal, &r, INFINITY); /* empty now */
    /* Every id is stale now: none may cancel anything. */
    for (size_t k = 0; k < r.n; k++)
        cr_assert(not(sim_calendar_cancel(cal, r.ev[k].id)));
    free(r.ev);
    free(r.live);
    free(r.live_pos);
    sim_calendar_destroy(cal);
}

Test(calendar, random_against_reference_small) { random_run(1, 40, 20000); }
Test(calendar, random_against_reference_compaction) { random_run(2, 3000, 30000); }
Test(calendar, random_against_reference_other_seed) { random_run(3, 5000, 40000); }

/* A cancelled event never comes out, and a stale id cannot cancel the event
 * that later reused its slot. */
Test(calendar, stale_id_does_not_cancel_reused_slot)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    sim_event_id a = sim_calendar_push(cal, 1.0, noop, NULL, sim_payload_u(1));
    cr_assert(eq(int, sim_calendar_cancel(cal, a), 1));
    cr_assert(eq(int, sim_calendar_cancel(cal, a), 0));
    sim_event ev;
    cr_assert(not(sim_calendar_pop(cal, &ev))); /* the dead node is dropped, slot freed */
    sim_event_id b = sim_calendar_push(cal, 2.0, noop, NULL, sim_payload_u(2));
    cr_assert(b != a);
    cr_assert(eq(int, sim_calendar_cancel(cal, a), 0));
    cr_assert(eq(sz, sim_calendar_size(cal), 1));
    cr_assert(sim_calendar_pop(cal, &ev));
    cr_assert(eq(u64, ev.payload.u, 2));
    cr_assert(eq(int, sim_calendar_cancel(cal, b), 0)); /* cancel after pop */
    cr_assert(eq(int, sim_calendar_cancel(cal, SIM_NO_EVENT), 0));
    cr_assert(eq(int, sim_calendar_cancel(cal, (sim_event_id)1 << 40 | 999999), 0));
    sim_calendar_destroy(cal);
}

/* Cancelling most of a large calendar compacts it: what is left still pops in order. */
Test(calendar, compaction_keeps_order)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    enum { N = 20000 };
    static sim_event_id ids[N];
    for (size_t i = 0; i < N; i++) {
        ids[i] = sim_calendar_push(cal, (double)((i * 7919) % 101), noop, NULL, sim_payload_u(i));
        cr_assert(ids[i] != SIM_NO_EVENT);
    }
    for (size_t i = 0; i < N; i++)
        if (i % 10 != 0)
            cr_assert(eq(int, sim_calendar_cancel(cal, ids[i]), 1));
    cr_assert(eq(sz, sim_calendar_size(cal), N / 10));
    sim_event ev;
    double t_prev = -1.0;
    uint64_t last = 0;
    size_t n = 0;
    while (sim_calendar_pop(cal, &ev)) {
        cr_assert(eq(u64, ev.payload.u % 10, 0));
        cr_assert(ev.time > t_prev || (ev.time == t_prev && ev.payload.u > last));
        t_prev = ev.time;
        last = ev.payload.u;
        n++;
    }
    cr_assert(eq(sz, n, N / 10));
    sim_calendar_destroy(cal);
}

/* Far-apart and tiny time scales (1e-9 and 1e9) coexist. */
Test(calendar, wide_time_range)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    double times[] = {1e9, 0.0, 1e-9, 5e8, 1e-9, 3.0, 0.0, 1e9};
    int order[] = {1, 6, 2, 4, 5, 3, 0, 7};
    for (size_t i = 0; i < 8; i++)
        sim_calendar_push(cal, times[i], noop, NULL, sim_payload_u(i));
    sim_event ev;
    for (size_t i = 0; i < 8; i++) {
        cr_assert(sim_calendar_pop(cal, &ev));
        cr_assert(eq(u64, ev.payload.u, (uint64_t)order[i]));
    }
    sim_calendar_destroy(cal);
}
