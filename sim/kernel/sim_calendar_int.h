/*
 * sim_calendar_int.h — the event calendar's internals, shared by
 * sim_calendar.c (the ladder queue) and sim_calendar_pf.c (prefetching the
 * next events). Nothing outside those two files includes it.
 */
#ifndef SIM_CALENDAR_INT_H
#define SIM_CALENDAR_INT_H

#include <stddef.h>
#include <stdint.h>

#include "sim_calendar.h"

#define SLOT_BITS 24
#define SLOT_MASK ((UINT64_C(1) << SLOT_BITS) - 1)
#define SEQ_LIMIT (UINT64_C(1) << (64 - SLOT_BITS))
#define ARITY 4
#define NODE_PAD 3 /* nodes[i] is raw[i + 3]: sibling groups 4i+1..4i+4 start on a line */
#define MAX_RUNGS 8
#define BUCKET_MAX 48 /* a bucket with more live events is spread over a new rung */
#define PREFETCH_BUCKETS 16
#define SMALL_HEAP 64 /* below this many pending, the bottom heap alone is fastest */

enum { NONE = UINT32_MAX };

typedef struct node {
    double time;
    uint64_t key; /* seq << SLOT_BITS | slot */
} node;

/* An event slot is kept in two parts: what the ladder reads while moving
 * events between levels and walking bucket lists (24 bytes), and the body,
 * read once when the event is popped (and prefetched before), so that walking
 * a list loads neither handlers nor payloads. */
typedef struct slot {
    double time;
    uint64_t seq;
    uint32_t next; /* list link: free list, Top, a bucket, or the infinity FIFO */
    uint32_t state; /* generation << 1 | 1 while pending (not free, not cancelled) */
} slot;

typedef struct body {
    sim_handler_fn *fn;
    void *target;
    sim_payload payload;
} body;

static inline int pending(const slot *sl) { return sl->state & 1u; }

typedef struct rung {
    double start, width;
    uint32_t *head; /* bucket lists */
    size_t nb, cap;
    size_t cur; /* buckets [0, cur) are empty; cur == 0 before the first is taken */
    size_t pf[3];   /* buckets [cur, pf[k]) have had prefetch stage k (sim_calendar_pf.c), */
    size_t pf_n[3]; /* about pf_n[k] of them non-empty */
} rung;

struct sim_calendar {
    slot *slots;
    body *bodies;
    size_t n_slots;
    uint32_t free_head;
    size_t live, dead; /* events pending / cancelled but still held */
    uint64_t next_seq;

    uint32_t top; /* list of events with time >= top_start */
    size_t top_n;
    double top_start, top_min, top_max, top_sum;

    rung rungs[MAX_RUNGS];
    int n_rungs;

    node *raw, *nodes; /* bottom heap; capacity n_slots, so it never needs to grow */
    size_t n;

    uint32_t inf_head, inf_tail; /* events at +infinity, in insertion order */
};

static inline int node_less(const node *a, const node *b)
{
    return a->time < b->time || (a->time == b->time && a->key < b->key);
}

static inline uint32_t node_slot(const node *x) { return (uint32_t)(x->key & SLOT_MASK); }

/* sim_calendar_pf.c: bucket b of rung r was just taken; the next buckets' and
 * the bottom heap's next events start loading. */
void sim_cal_prefetch_ahead(sim_calendar *cal, rung *r, size_t taken);
void sim_cal_pipeline(const sim_calendar *cal);

#endif
