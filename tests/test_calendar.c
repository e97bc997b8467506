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
#include <string.h>

#include "sim_calendar.h"
#include "sim_mem.h"

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

/*
 * A hold-like workload with continuous, skewed times, against a sorted array.
 * Increments mix Exp(1), tight clusters (Exp(1e-4)), exact repeats of the
 * current time, far Pareto outliers and +infinity, so that the calendar builds
 * rungs from Top, spreads crowded buckets over deeper rungs, spills its small
 * heap, purges cancelled events and keeps infinite times last, in order.
 */
typedef struct sref {
    double time;
    uint64_t idx; /* insertion number: the tie-break */
} sref;

static int sref_less(const sref *a, const sref *b)
{
    return a->time < b->time || (a->time == b->time && a->idx < b->idx);
}

typedef struct sorted {
    sref *a; /* a[head..n) ascending by (time, idx) */
    size_t head, n, cap;
} sorted;

static size_t sorted_find(const sorted *s, sref x) /* first position not less than x */
{
    size_t lo = s->head, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sref_less(&s->a[mid], &x))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void sorted_insert(sorted *s, sref x)
{
    if (s->head > 0 && s->head * 2 >= s->n) { /* reclaim the popped prefix */
        memmove(s->a, s->a + s->head, (s->n - s->head) * sizeof *s->a);
        s->n -= s->head;
        s->head = 0;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->a = realloc(s->a, s->cap * sizeof *s->a);
        cr_assert(s->a != NULL);
    }
    size_t pos = sorted_find(s, x);
    memmove(s->a + pos + 1, s->a + pos, (s->n - pos) * sizeof *s->a);
    s->a[pos] = x;
    s->n++;
}

static int sorted_remove(sorted *s, sref x)
{
    size_t pos = sorted_find(s, x);
    if (pos == s->n || s->a[pos].idx != x.idx)
        return 0;
    memmove(s->a + pos, s->a + pos + 1, (s->n - pos - 1) * sizeof *s->a);
    s->n--;
    return 1;
}

static double unit(void) { return ((double)(rnd() >> 11) + 0.5) / 9007199254740992.0; }

static double increment(void)
{
    size_t k = rnd_below(100);
    if (k < 60)
        return -log(unit());
    if (k < 85)
        return -1e-4 * log(unit());
    if (k < 92)
        return 0.0;
    if (k < 99)
        return pow(unit(), -1.0 / 1.5); /* Pareto, heavy tail */
    return INFINITY;
}

static void hold_run(uint64_t seed, size_t peak, size_t steps)
{
    rnd_state = seed;
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    sorted sref_list = {0};
    double *times = NULL;
    sim_event_id *ids = NULL;
    size_t n_ids = 0, cap_ids = 0;
    double now = 0.0;
    for (size_t step = 0; step < steps; step++) {
        size_t pending = sref_list.n - sref_list.head;
        int filling = step < steps / 3;
        size_t dice = rnd_below(100);
        if ((filling && pending < peak && dice < 70) || (!filling && dice < 45)) {
            double t = now + increment();
            if (n_ids == cap_ids) {
                cap_ids = cap_ids ? 2 * cap_ids : 1024;
                times = realloc(times, cap_ids * sizeof *times);
                ids = realloc(ids, cap_ids * sizeof *ids);
                cr_assert(times != NULL && ids != NULL);
            }
            ids[n_ids] = sim_calendar_push(cal, t, noop, NULL, sim_payload_u(n_ids));
            cr_assert(ids[n_ids] != SIM_NO_EVENT);
            times[n_ids] = t;
            sorted_insert(&sref_list, (sref){t, n_ids});
            n_ids++;
        } else if (dice < (filling ? 85 : 60) && n_ids > 0) {
            size_t k = rnd_below(n_ids);
            int was = sorted_remove(&sref_list, (sref){times[k], k});
            cr_assert(eq(int, sim_calendar_cancel(cal, ids[k]), was), "cancel #%zu", k);
        } else {
            sim_event ev;
            double t_end = rnd_below(8) == 0 ? now + 1e-3 : INFINITY;
            int want = sref_list.head < sref_list.n && sref_list.a[sref_list.head].time <= t_end;
            int got = sim_calendar_pop_until(cal, t_end, &ev);
            cr_assert(eq(int, got, want), "step %zu", step);
            if (got) {
                sref w = sref_list.a[sref_list.head++];
                cr_assert(eq(u64, ev.payload.u, w.idx), "step %zu: popped #%llu at %.17g, expected #%llu at %.17g",
                          step, (unsigned long long)ev.payload.u, ev.time,
                          (unsigned long long)w.idx, w.time);
                cr_assert(ev.time == w.time);
                if (isfinite(ev.time))
                    now = ev.time;
            }
        }
        cr_assert(eq(sz, sim_calendar_size(cal), sref_list.n - sref_list.head));
    }
    sim_event ev;
    while (sref_list.head < sref_list.n) {
        cr_assert(sim_calendar_pop(cal, &ev));
        cr_assert(eq(u64, ev.payload.u, sref_list.a[sref_list.head].idx));
        sref_list.head++;
    }
    cr_assert(not(sim_calendar_pop(cal, &ev)));
    free(sref_list.a);
    free(times);
    free(ids);
    sim_calendar_destroy(cal);
}

Test(calendar, hold_against_sorted_reference_small) { hold_run(11, 100, 30000); }
Test(calendar, hold_against_sorted_reference_large) { hold_run(12, 20000, 150000); }

/* +infinity means "never" but still pops last, in insertion order. */
Test(calendar, infinite_times_pop_last_in_order)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    sim_calendar_push(cal, INFINITY, noop, NULL, sim_payload_u(0));
    sim_event_id c = sim_calendar_push(cal, INFINITY, noop, NULL, sim_payload_u(1));
    sim_calendar_push(cal, 5.0, noop, NULL, sim_payload_u(2));
    sim_calendar_push(cal, INFINITY, noop, NULL, sim_payload_u(3));
    cr_assert(eq(int, sim_calendar_cancel(cal, c), 1));
    sim_event ev;
    cr_assert(sim_calendar_pop_until(cal, 1e308, &ev));
    cr_assert(eq(u64, ev.payload.u, 2));
    cr_assert(not(sim_calendar_pop_until(cal, 1e308, &ev)));
    cr_assert(isinf(sim_calendar_next_time(cal)));
    cr_assert(sim_calendar_pop(cal, &ev));
    cr_assert(eq(u64, ev.payload.u, 0));
    cr_assert(sim_calendar_pop(cal, &ev));
    cr_assert(eq(u64, ev.payload.u, 3));
    cr_assert(not(sim_calendar_pop(cal, &ev)));
    sim_calendar_destroy(cal);
}

/* Cancelling most events purges the calendar; infinite ones keep their order. */
Test(calendar, purge_keeps_infinite_events_in_order)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    static sim_event_id ids[3000];
    for (uint64_t i = 0; i < 3000; i++)
        ids[i] = sim_calendar_push(cal, i % 5 == 0 ? INFINITY : (double)(i % 97), noop, NULL,
                                   sim_payload_u(i));
    for (size_t i = 0; i < 3000; i++)
        if (i % 3 != 0)
            sim_calendar_cancel(cal, ids[i]);
    sim_event ev;
    double t_prev = -1;
    uint64_t last = 0;
    size_t n = 0;
    while (sim_calendar_pop(cal, &ev)) {
        cr_assert(eq(u64, ev.payload.u % 3, 0));
        cr_assert(ev.time > t_prev || (ev.time == t_prev && ev.payload.u > last));
        t_prev = ev.time;
        last = ev.payload.u;
        n++;
    }
    cr_assert(eq(sz, n, 1000));
    sim_calendar_destroy(cal);
}

/* With memory exhausted, pushing fails cleanly, and popping (which may want a
 * new rung) falls back to the bottom heap: the order stays exact. */
Test(calendar, out_of_memory_keeps_order)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    rnd_state = 99;
    size_t pushed = 0;
    for (uint64_t i = 0; i < 5000; i++)
        pushed += sim_calendar_push(cal, unit() * 100.0, noop, NULL, sim_payload_u(i)) != SIM_NO_EVENT;
    cr_assert(eq(sz, pushed, 5000));
    sim_mem_fail_after(0, 1000000);
    size_t failed = 0;
    for (uint64_t i = 0; i < 5000; i++) /* the slab is full: growth fails */
        failed += sim_calendar_push(cal, 50.0 + unit(), noop, NULL, sim_payload_u(5000 + i)) ==
                  SIM_NO_EVENT;
    sim_event ev;
    double t_prev = -1;
    size_t n = 0;
    while (sim_calendar_pop(cal, &ev)) {
        cr_assert(ev.time >= t_prev);
        t_prev = ev.time;
        n++;
    }
    sim_mem_fail_reset();
    cr_assert(gt(sz, failed, 0));
    cr_assert(eq(sz, n, 10000 - failed));
    sim_calendar_destroy(cal);
}
