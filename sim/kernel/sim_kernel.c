/* sim_kernel.c — the clock, the dispatch loop and run control. */
#include "sim.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim_arena.h"
#include "sim_assert.h"
#include "sim_calendar.h"
#include "sim_mem.h"

typedef struct reset_hook {
    sim_reset_fn *fn;
    void *ctx;
} reset_hook;

struct sim {
    double now;
    uint64_t seed, rep;   /* for messages (sim_set_context) */
    int has_context;
    sim_calendar *cal;
    uint64_t executed;
    uint64_t event_limit; /* 0: none */
    int stop;             /* sim_stop() was called */
    int failed;           /* status of a failure, or SIM_OK */
    double warmup;
    sim_event_id warmup_event;
    reset_hook *hooks;
    size_t n_hooks, n_holes; /* n_holes of the n_hooks are removed ones (fn NULL) */
    size_t hooks_first;      /* every hook before this one is removed */
    sim_lookahead_fn *lookahead;
    void **blocks;       /* the arena (sim_arena.h) */
    size_t n_blocks, cap_blocks, block_size;
    char *arena_next;
    size_t arena_left;
    sim_err err;
};

sim_t *sim_create(size_t capacity_hint, sim_err *err)
{
    sim_t *sim = sim_calloc(1, sizeof *sim);
    if (sim == NULL) {
        sim_err_nomem(err, "creating the simulation kernel");
        return NULL;
    }
    sim->cal = sim_calendar_create(capacity_hint);
    if (sim->cal == NULL) {
        sim_free(sim);
        sim_err_nomem(err, "creating the event calendar");
        return NULL;
    }
    sim_err_init(&sim->err);
    return sim;
}

void sim_destroy(sim_t *sim)
{
    if (sim == NULL)
        return;
    for (size_t i = 0; i < sim->n_blocks; i++)
        sim_free(sim->blocks[i]);
    sim_free(sim->blocks);
    sim_calendar_destroy(sim->cal);
    sim_free(sim->hooks);
    sim_free(sim);
}

double sim_now(const sim_t *sim) { return sim->now; }

/* Blocks double from 64 KiB: a small model takes little memory, a large one
 * soon gets 2 MiB blocks in huge pages. A record larger than a quarter of the
 * next block gets a block of its own. */
#define ARENA_FIRST ((size_t)64 << 10)
#define ARENA_HUGE ((size_t)2 << 20)

void *sim_arena_alloc(sim_t *sim, size_t size)
{
    size = (size + 63) / 64 * 64;
    if (size <= sim->arena_left) {
        void *p = sim->arena_next;
        sim->arena_next += size;
        sim->arena_left -= size;
        return p;
    }
    size_t bs = sim->block_size ? sim->block_size : ARENA_FIRST;
    int own = size > bs / 4;
    if (own)
        bs = size;
    if (sim->n_blocks == sim->cap_blocks) {
        size_t cap = sim->cap_blocks ? 2 * sim->cap_blocks : 16;
        void **b = sim_reallocarray(sim->blocks, cap, sizeof *b);
        if (b == NULL)
            return NULL;
        sim->blocks = b;
        sim->cap_blocks = cap;
    }
    char *block = bs >= ARENA_HUGE ? sim_alloc_huge(bs) : sim_aligned_alloc(64, bs);
    if (block == NULL)
        return NULL;
    if (bs < ARENA_HUGE)
        memset(block, 0, bs);
    sim->blocks[sim->n_blocks++] = block;
    if (own)
        return block; /* the current block stays in use for small records */
    sim->arena_next = block + size;
    sim->arena_left = bs - size;
    if (sim->block_size < ARENA_HUGE)
        sim->block_size = bs * 2;
    return block;
}

static void fail_v(sim_t *sim, int status, const char *fmt, va_list ap)
{
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    sim_err_add(&sim->err, status, "at t=%.6g: %s", sim->now, line);
    if (sim->failed == SIM_OK)
        sim->failed = status;
}

void sim_fail(sim_t *sim, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(sim, status, fmt, ap);
    va_end(ap);
}

const sim_err *sim_error(const sim_t *sim) { return &sim->err; }

sim_event_id sim_schedule(sim_t *sim, double at, sim_handler_fn *fn, void *target,
                          sim_payload payload)
{
    /* Scheduling into the past would break causality: a model bug, not user input. */
    SIM_CHECK(at >= sim->now); /* also false for NaN */
    sim_event_id id = sim_calendar_push(sim->cal, at, fn, target, payload);
    if (id == SIM_NO_EVENT)
        sim_fail(sim, SIM_ERR_RUNTIME,
                 "cannot schedule an event: out of memory or more than %zu events pending",
                 (size_t)SIM_MAX_PENDING);
    return id;
}

sim_event_id sim_schedule_in(sim_t *sim, double delay, sim_handler_fn *fn, void *target,
                             sim_payload payload)
{
    SIM_CHECK(delay >= 0.0);
    return sim_schedule(sim, sim->now + delay, fn, target, payload);
}

int sim_cancel(sim_t *sim, sim_event_id id) { return sim_calendar_cancel(sim->cal, id); }

void sim_stop(sim_t *sim) { sim->stop = 1; }

void sim_set_event_limit(sim_t *sim, uint64_t max_events) { sim->event_limit = max_events; }

void sim_set_lookahead(sim_t *sim, sim_lookahead_fn *fn) { sim->lookahead = fn; }

uint64_t sim_events_executed(const sim_t *sim) { return sim->executed; }

size_t sim_events_pending(const sim_t *sim) { return sim_calendar_size(sim->cal); }

size_t sim_event_footprint(void) { return sim_calendar_footprint(); }

int sim_add_reset_hook(sim_t *sim, sim_reset_fn *fn, void *ctx)
{
    reset_hook *h = sim_reallocarray(sim->hooks, sim->n_hooks + 1, sizeof *h);
    if (h == NULL) {
        sim_fail(sim, SIM_ERR_RUNTIME, "out of memory registering a statistics reset");
        return SIM_ERR_RUNTIME;
    }
    sim->hooks = h;
    h[sim->n_hooks].fn = fn;
    h[sim->n_hooks].ctx = ctx;
    sim->n_hooks++;
    return SIM_OK;
}

/* A removed hook leaves a hole (fn NULL) that the warm-up skips; the holes are
 * squeezed out once they are half the array. A model destroys its pools in
 * the order it created them, so shifting the array at every removal would
 * take time quadratic in the number of pools (23,000 at Beijing scale). */
void sim_remove_reset_hook(sim_t *sim, sim_reset_fn *fn, void *ctx)
{
    for (size_t i = sim->hooks_first; i < sim->n_hooks; i++) {
        if (sim->hooks[i].fn == fn && sim->hooks[i].ctx == ctx) {
            sim->hooks[i].fn = NULL;
            sim->n_holes++;
            while (sim->hooks_first < sim->n_hooks && sim->hooks[sim->hooks_first].fn == NULL)
                sim->hooks_first++;
            if (2 * sim->n_holes > sim->n_hooks) {
                size_t k = 0;
                for (size_t j = 0; j < sim->n_hooks; j++)
                    if (sim->hooks[j].fn != NULL)
                        sim->hooks[k++] = sim->hooks[j];
                sim->n_hooks = k;
                sim->n_holes = 0;
                sim->hooks_first = 0;
            }
            return;
        }
    }
}

static void on_warmup(sim_t *sim, void *target, sim_payload p)
{
    (void)target;
    (void)p;
    sim->warmup_event = SIM_NO_EVENT;
    for (size_t i = 0; i < sim->n_hooks; i++)
        if (sim->hooks[i].fn != NULL)
            sim->hooks[i].fn(sim, sim->hooks[i].ctx);
}

int sim_set_warmup(sim_t *sim, double warmup_time)
{
    SIM_CHECK(warmup_time >= sim->now && isfinite(warmup_time));
    sim->warmup = warmup_time;
    sim_cancel(sim, sim->warmup_event);
    sim->warmup_event = SIM_NO_EVENT;
    if (warmup_time <= 0.0)
        return SIM_OK;
    sim->warmup_event = sim_schedule(sim, warmup_time, on_warmup, NULL, sim_payload_none());
    return sim->warmup_event == SIM_NO_EVENT ? SIM_ERR_RUNTIME : SIM_OK;
}

double sim_warmup(const sim_t *sim) { return sim->warmup; }

/* Run one event known to exist. */
static inline void dispatch(sim_t *sim, const sim_event *ev)
{
    sim->now = ev->time;
    sim->executed++;
    ev->fn(sim, ev->target, ev->payload);
}

static int check_limits(sim_t *sim)
{
    if (sim->event_limit != 0 && sim->executed >= sim->event_limit && sim->failed == SIM_OK)
        sim_fail(sim, SIM_ERR_RUNTIME,
                 "stopped after %llu events (the per-replication event limit); "
                 "shorten the horizon or raise the limit",
                 (unsigned long long)sim->executed);
    return sim->failed != SIM_OK || sim->stop;
}

static int finish(sim_t *sim)
{
    if (sim->failed != SIM_OK)
        return sim->failed;
    if (sim->stop) {
        sim->stop = 0;
        return SIM_ERR_INTERRUPTED;
    }
    return SIM_OK;
}

void sim_set_context(sim_t *sim, uint64_t seed, uint64_t rep)
{
    sim->seed = seed;
    sim->rep = rep;
    sim->has_context = 1;
}

/* The running kernel's time, seed and replication, for the message of a
 * broken invariant (sim_assert.c). */
static int assert_context(const void *arg, double *now, uint64_t *seed, uint64_t *rep)
{
    const sim_t *sim = arg;
    *now = sim->now;
    *seed = sim->seed;
    *rep = sim->rep;
    return sim->has_context;
}

static int run(sim_t *sim, double t_end)
{
    sim_event ev;
    while (sim_calendar_pop_until(sim->cal, t_end, &ev)) {
        /* The next event's records load while this one runs. */
        sim_handler_fn *fn;
        void *target;
        sim_payload payload;
        if (sim->lookahead != NULL && sim_calendar_peek_ready(sim->cal, &fn, &target, &payload))
            sim->lookahead(fn, target, payload);
        dispatch(sim, &ev);
        if (check_limits(sim))
            return finish(sim);
    }
    if (t_end > sim->now && isfinite(t_end))
        sim->now = t_end;
    return SIM_OK;
}

int sim_run_until(sim_t *sim, double t_end)
{
    SIM_CHECK(!isnan(t_end));
    if (sim->failed != SIM_OK)
        return sim->failed;
    sim_assert_context outer = sim__assert_context((sim_assert_context){assert_context, sim});
    int rc = run(sim, t_end);
    sim__assert_context(outer);
    return rc;
}

int sim_run(sim_t *sim) { return sim_run_until(sim, INFINITY); }

int sim_step(sim_t *sim)
{
    sim_event ev;
    if (sim->failed != SIM_OK || !sim_calendar_pop(sim->cal, &ev))
        return 0;
    dispatch(sim, &ev);
    return 1;
}
