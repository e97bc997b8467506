/*
 * sim_calendar.h — the kernel's event calendar (internal to sim/; tests use it).
 *
 * A ladder queue (Tang, Goh & Thng 2005) over a slab of event slots: far-future
 * events wait unsorted in Top, nearer ones in the buckets of up to eight rungs of
 * finer and finer width, and the earliest few in a 4-ary min-heap of 16-byte
 * nodes {time, seq << 24 | slot} (four siblings per 64-byte line). Only the heap
 * compares, and it compares (time, insertion sequence), so equal times pop in
 * insertion order; the routing between the levels is monotone in time, which
 * keeps the global order exact (the argument is at the top of sim_calendar.c).
 * A calendar with fewer than 64 pending events is the heap alone.
 *
 * Event bodies (time, sequence, handler, target, payload) are stored by value in
 * the slots: no allocation per event once the arrays have grown. A cancelled
 * event is only marked in its slot and freed when met; when dead events
 * outnumber live ones (and exceed 1024) the live ones are gathered back into
 * Top, so memory follows the live events.
 *
 * An event id is (slot generation << 32) | (slot + 1): the generation changes
 * whenever a slot is reused, so a stale id never cancels a newer event.
 * Times must be >= the time of the last popped event (the kernel checks) and
 * not NaN; +infinity is allowed ("never") and pops last, in insertion order.
 */
#ifndef SIM_CALENDAR_H
#define SIM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "sim.h"

typedef struct sim_calendar sim_calendar;

typedef struct sim_event {
    double time;
    uint64_t seq;
    sim_handler_fn *fn;
    void *target;
    sim_payload payload;
} sim_event;

sim_calendar *sim_calendar_create(size_t capacity_hint);
void sim_calendar_destroy(sim_calendar *cal);

/* SIM_NO_EVENT when memory is short or SIM_MAX_PENDING events are pending. */
sim_event_id sim_calendar_push(sim_calendar *cal, double time, sim_handler_fn *fn, void *target,
                               sim_payload payload);
int sim_calendar_cancel(sim_calendar *cal, sim_event_id id);
/* Remove the earliest live event into *out. Returns 0 when none is left. */
int sim_calendar_pop(sim_calendar *cal, sim_event *out);
/* Like sim_calendar_pop, but only an event whose time is <= t_end. */
int sim_calendar_pop_until(sim_calendar *cal, double t_end, sim_event *out);
/* Time of the earliest live event, or +infinity when none. */
double sim_calendar_next_time(sim_calendar *cal);
size_t sim_calendar_size(const sim_calendar *cal); /* live events */
/* Most bytes one pending event can cost (see sim_event_footprint). */
size_t sim_calendar_footprint(void);
/* The body of the event at the front of the bottom heap (filled first if
 * empty, as the next pop would): the next event to pop unless it was cancelled
 * or an earlier one is scheduled first (a hint for prefetching; the order of
 * events does not change). Returns 0 when no finite event is pending. */
int sim_calendar_peek_ready(sim_calendar *cal, sim_handler_fn **fn, void **target,
                            sim_payload *payload);

#endif
