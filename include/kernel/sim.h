/*
 * sim.h — the simulation kernel: clock, event calendar and run control.
 *
 * The kernel knows nothing about governance; it could run a bank queue. A model
 * schedules events: a handler function, a target (the object the event acts on)
 * and a small payload stored by value. Events are ordered by (time, insertion
 * sequence), so events scheduled for the same time run in the order they were
 * scheduled, on every run and every machine.
 *
 * Ownership: sim_create() returns a kernel the caller frees with sim_destroy().
 * Targets are borrowed: the kernel never frees them.
 *
 * Errors: scheduling can fail only for lack of memory (or more than
 * SIM_MAX_PENDING pending events). Then sim_schedule() returns SIM_NO_EVENT, the
 * kernel records the failure (sim_error()) and the run stops after the current
 * event with status SIM_ERR_RUNTIME. Handlers report their own runtime failures
 * the same way with sim_fail(). Scheduling into the past, or at a NaN time, is a
 * programmer error and aborts (SIM_CHECK).
 */
#ifndef SIM_H
#define SIM_H

#include <stddef.h>
#include <stdint.h>

#include "sim_err.h"

typedef struct sim sim_t;

/* The small value an event carries. Models build it with typed inline helpers. */
typedef union sim_payload {
    uint64_t u;
    double d;
    void *p;
    struct {
        uint32_t a, b;
    } id;
} sim_payload;

static inline sim_payload sim_payload_u(uint64_t u) { sim_payload p; p.u = u; return p; }
static inline sim_payload sim_payload_d(double d) { sim_payload p; p.d = d; return p; }
static inline sim_payload sim_payload_p(void *ptr) { sim_payload p; p.p = ptr; return p; }
static inline sim_payload sim_payload_none(void) { return sim_payload_u(0); }

/* An event handler. Called with the kernel clock set to the event's time. */
typedef void sim_handler_fn(sim_t *sim, void *target, sim_payload payload);

/* Names a scheduled event for sim_cancel(); SIM_NO_EVENT never names one. */
typedef uint64_t sim_event_id;
#define SIM_NO_EVENT ((sim_event_id)0)

/* Upper limit on events pending at once (the calendar addresses slots with 24 bits). */
#define SIM_MAX_PENDING ((size_t)1 << 24)
/* Upper limit on events one kernel schedules in its life (insertion sequence: 40 bits). */
#define SIM_MAX_EVENTS ((uint64_t)1 << 40)

/* capacity_hint: expected number of pending events (0 for a default). NULL and
 * an error line in err when memory is short. */
sim_t *sim_create(size_t capacity_hint, sim_err *err);
void sim_destroy(sim_t *sim);
/* The seed and replication the kernel runs, for the message a broken
 * invariant prints (sim_assert.h) while it runs. */
void sim_set_context(sim_t *sim, uint64_t seed, uint64_t rep);

double sim_now(const sim_t *sim);

/* Schedule fn(sim, target, payload) at absolute time `at` (>= now). */
sim_event_id sim_schedule(sim_t *sim, double at, sim_handler_fn *fn, void *target,
                          sim_payload payload);
/* Schedule at now + delay (delay >= 0). */
sim_event_id sim_schedule_in(sim_t *sim, double delay, sim_handler_fn *fn, void *target,
                             sim_payload payload);

/* Cancel a pending event. Returns 1 if it was pending, 0 if it already ran, was
 * already cancelled, or id is SIM_NO_EVENT. Cancelled events are dropped lazily. */
int sim_cancel(sim_t *sim, sim_event_id id);

/* Run events whose time is <= t_end, then advance the clock to t_end. Returns
 * SIM_OK, or the status of a failure (sim_fail, out of memory, event limit), or
 * SIM_ERR_INTERRUPTED after sim_stop(); the clock then stays at the last event. */
int sim_run_until(sim_t *sim, double t_end);
/* Run until the calendar is empty (same return values). */
int sim_run(sim_t *sim);
/* Run exactly one event. Returns 1 if one ran, 0 if the calendar was empty. */
int sim_step(sim_t *sim);

/* From a handler: make the current sim_run* call return after this event. */
void sim_stop(sim_t *sim);

/* From a handler: record a failure; the run stops after this event with `status`. */
void sim_fail(sim_t *sim, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The failures recorded so far (empty when none). */
const sim_err *sim_error(const sim_t *sim);

/* Stop a run with SIM_ERR_RUNTIME once this many events have run (0: no limit).
 * Guards against scenarios that would run for ever. */
void sim_set_event_limit(sim_t *sim, uint64_t max_events);

/*
 * Lookahead. A large model's handlers mostly wait for memory: each event
 * touches records nobody has touched for a while. The kernel already loads the
 * next event's target while the current event runs; a lookahead function,
 * called between events with the next event (as far as the calendar knows it),
 * can start loading what that event's handler will reach through its target
 * (__builtin_prefetch). It must only read: it may be called for an event that
 * is then cancelled, or that an earlier one overtakes.
 */
typedef void sim_lookahead_fn(sim_handler_fn *fn, void *target, sim_payload payload);
void sim_set_lookahead(sim_t *sim, sim_lookahead_fn *fn);

uint64_t sim_events_executed(const sim_t *sim);

/* The most memory one pending event can cost (heap node and event body, with the
 * slack of doubling growth and of cancelled nodes not yet compacted), for
 * estimating what a run needs before starting it. */
size_t sim_event_footprint(void);
size_t sim_events_pending(const sim_t *sim);

/*
 * Warm-up. Statistics gathered before the warm-up time describe an empty
 * system filling up, not the steady state. Objects that gather statistics
 * register a reset hook; at the warm-up time the kernel calls every hook, in
 * registration order, with the clock at the warm-up time. A warm-up of 0 calls
 * no hook. Set it before running; setting it again replaces the earlier time.
 * Events scheduled for exactly the warm-up time before sim_set_warmup() run
 * before the hooks, those scheduled after it run after them.
 */
typedef void sim_reset_fn(sim_t *sim, void *ctx);
int sim_add_reset_hook(sim_t *sim, sim_reset_fn *fn, void *ctx);
/* Unregister the first hook registered with (fn, ctx); the others keep their order.
 * Objects that registered one call this when destroyed before the kernel. */
void sim_remove_reset_hook(sim_t *sim, sim_reset_fn *fn, void *ctx);
int sim_set_warmup(sim_t *sim, double warmup_time);
double sim_warmup(const sim_t *sim);

#endif
