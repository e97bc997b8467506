/*
 * sim_calendar.c — a ladder queue (Tang, Goh & Thng, ACM TOMACS 2005) whose
 * bottom is a 4-ary heap, so the pop order is exactly (time, sequence).
 *
 * Why not only a heap: with 10^6 pending events every heap level below the
 * cache costs a miss, and a pop walks about ten of them. The ladder instead
 * sorts lazily: events far in the future wait unsorted in Top; when the near
 * future is needed, Top is spread over the buckets of a rung (one bucket per
 * event on average), a crowded bucket is spread again over a finer rung, and a
 * bucket of at most BUCKET_MAX events goes into the small bottom heap. An event
 * is touched a few times in its life, mostly sequentially.
 *
 * Order invariant (what makes the order exact). Let idx_i(t) be the bucket of
 * time t in rung i, and cur_i the bucket of rung i last taken out (buckets up to
 * cur_i are empty). A new event goes to Top if t >= top_start; else to the first
 * rung i with idx_i(t) > cur_i; else to the bottom heap. Because idx_i is
 * monotone in t (correctly rounded subtraction and division are monotone, and
 * the clamping to [0, nb-1] too), every event in the bottom heap is earlier than
 * every event in the deepest rung, whose events are earlier than those of the
 * rung above, ..., all earlier than Top's. Events with equal times always land
 * in the same place, and the bottom heap orders them by sequence number. The
 * randomized reference test in tests/test_calendar.c checks this order against
 * a sorted list.
 *
 * Events live in a slab of slots (no allocation per event once grown); rung
 * buckets and Top are singly linked lists threaded through the slots, pushed at
 * the head since the order inside a bucket does not matter. Events at +infinity
 * wait in their own FIFO list. Cancellation only marks the slot; dead events are
 * freed when met, and when they outnumber live ones everything live is gathered
 * back into Top, so memory follows the live events. The types are in
 * sim_calendar_int.h; prefetching the next events is in sim_calendar_pf.c.
 */
#include "sim_calendar.h"

#include <math.h>
#include <string.h>

#include "sim_assert.h"
#include "sim_calendar_int.h"
#include "sim_mem.h"

_Static_assert(SEQ_LIMIT == SIM_MAX_EVENTS && (SIM_MAX_PENDING - 1) == SLOT_MASK, "sim.h limits");

size_t sim_calendar_footprint(void)
{
    /* Per pending event: its slot and body, a bottom-heap node or a bucket
     * entry, and room for arrays that grow by doubling and dead (cancelled)
     * entries. */
    return 2 * (sizeof(slot) + sizeof(body) + 2 * sizeof(node));
}

/* ---- the bottom heap ---- */

static void sift_up(node *h, size_t i, node x)
{
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!node_less(&x, &h[parent]))
            break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = x;
}

static void sift_down(node *h, size_t n, size_t i, node x)
{
    for (;;) {
        size_t first = ARITY * i + 1;
        if (first >= n)
            break;
        size_t best = first;
        size_t last = first + ARITY < n ? first + ARITY : n;
        for (size_t c = first + 1; c < last; c++)
            if (node_less(&h[c], &h[best]))
                best = c;
        if (!node_less(&h[best], &x))
            break;
        h[i] = h[best];
        i = best;
    }
    h[i] = x;
}

static void bottom_push(sim_calendar *cal, uint32_t s)
{
    SIM_ASSERT(cal->n < cal->n_slots);
    node x = {cal->slots[s].time, cal->slots[s].seq << SLOT_BITS | s};
    sift_up(cal->nodes, cal->n++, x);
}

static node bottom_pop(sim_calendar *cal)
{
    node top = cal->nodes[0];
    size_t n = --cal->n;
    if (n > 0)
        sift_down(cal->nodes, n, 0, cal->nodes[n]);
    return top;
}

/* ---- slots ---- */

#define HUGE_MIN ((size_t)1 << 20)

/* Room for an array of `bytes`, keeping the first `keep` bytes of `old`
 * (freed). A large calendar's arrays are touched at random, so they go in
 * huge pages (sim_alloc_huge); small ones are cache-line aligned. */
static void *array_move(void *old, size_t keep, size_t bytes)
{
    void *p = bytes >= HUGE_MIN ? sim_alloc_huge(bytes) : sim_aligned_alloc(64, bytes);
    if (p == NULL)
        return NULL;
    if (keep > 0)
        memcpy(p, old, keep);
    sim_free(old);
    return p;
}

static int grow_slots(sim_calendar *cal, size_t want)
{
    size_t n = cal->n_slots ? cal->n_slots : 64;
    while (n < want)
        n *= 2;
    if (n > SIM_MAX_PENDING)
        n = SIM_MAX_PENDING;
    if (n <= cal->n_slots)
        return -1;
    /* The bottom heap first: if the slab then fails, a larger heap is harmless. */
    node *raw = array_move(cal->raw, (cal->raw ? NODE_PAD + cal->n : 0) * sizeof(node),
                           (n + NODE_PAD + 1) * sizeof(node));
    if (raw == NULL)
        return -1;
    cal->raw = raw;
    cal->nodes = raw + NODE_PAD;
    body *bd = array_move(cal->bodies, cal->n_slots * sizeof *bd, n * sizeof *bd);
    if (bd == NULL)
        return -1;
    cal->bodies = bd;
    slot *s = array_move(cal->slots, cal->n_slots * sizeof *s, n * sizeof *s);
    if (s == NULL)
        return -1;
    /* Thread the new slots onto the free list in index order. */
    for (size_t i = cal->n_slots; i < n; i++) {
        s[i].state = 0;
        s[i].next = (i + 1 < n) ? (uint32_t)(i + 1) : cal->free_head;
    }
    cal->free_head = (uint32_t)cal->n_slots;
    cal->slots = s;
    cal->n_slots = n;
    return 0;
}

/* Free a slot; its generation moves on, so old ids no longer name it. */
static void free_slot(sim_calendar *cal, uint32_t s)
{
    slot *sl = &cal->slots[s];
    sl->state = (sl->state | 1u) + 1u;
    sl->next = cal->free_head;
    cal->free_head = s;
}

/* A dead slot met while moving events: free it. Returns 1 if it was dead. */
static inline int reap(sim_calendar *cal, uint32_t s)
{
    if (pending(&cal->slots[s]))
        return 0;
    free_slot(cal, s);
    cal->dead--;
    return 1;
}

sim_calendar *sim_calendar_create(size_t capacity_hint)
{
    sim_calendar *cal = sim_calloc(1, sizeof *cal);
    if (cal == NULL)
        return NULL;
    cal->free_head = NONE;
    cal->top = NONE;
    cal->top_start = -INFINITY;
    cal->inf_head = cal->inf_tail = NONE;
    size_t want = capacity_hint < SIM_MAX_PENDING ? capacity_hint : SIM_MAX_PENDING;
    if (grow_slots(cal, want ? want : 64) != 0) {
        sim_calendar_destroy(cal);
        return NULL;
    }
    return cal;
}

void sim_calendar_destroy(sim_calendar *cal)
{
    if (cal == NULL)
        return;
    for (int i = 0; i < MAX_RUNGS; i++)
        sim_free(cal->rungs[i].head);
    sim_free(cal->raw);
    sim_free(cal->slots);
    sim_free(cal->bodies);
    sim_free(cal);
}

/* ---- routing ---- */

static inline size_t bucket_of(const rung *r, double t)
{
    double x = (t - r->start) / r->width;
    if (!(x < (double)r->nb)) /* also huge values */
        return r->nb - 1;
    return x > 0.0 ? (size_t)x : 0;
}

static void top_add(sim_calendar *cal, uint32_t s)
{
    double t = cal->slots[s].time;
    if (cal->top_n == 0 || t < cal->top_min)
        cal->top_min = t;
    if (cal->top_n == 0 || t > cal->top_max)
        cal->top_max = t;
    cal->top_sum = (cal->top_n == 0 ? 0.0 : cal->top_sum) + t;
    cal->slots[s].next = cal->top;
    cal->top = s;
    cal->top_n++;
}

/* Move the bottom heap's events to Top, which then takes every new event until
 * the next pop spreads it over a rung. */
static void bottom_to_top(sim_calendar *cal)
{
    for (size_t i = 0; i < cal->n; i++) {
        uint32_t s = node_slot(&cal->nodes[i]);
        if (!reap(cal, s))
            top_add(cal, s);
    }
    cal->n = 0;
    cal->top_start = -INFINITY;
}

static void insert(sim_calendar *cal, uint32_t s)
{
    slot *sl = &cal->slots[s];
    double t = sl->time;
    if (t == INFINITY) {
        sl->next = NONE;
        if (cal->inf_tail == NONE)
            cal->inf_head = s;
        else
            cal->slots[cal->inf_tail].next = s;
        cal->inf_tail = s;
        return;
    }
    if (cal->n_rungs == 0 && (cal->top_n == 0 || t < cal->top_start)) {
        /* Without rungs the bottom heap takes what precedes Top, and a small
         * calendar is just the bottom heap. When it grows past SMALL_HEAP,
         * everything moves to Top and the next pop builds a rung. */
        if (cal->n < SMALL_HEAP) {
            if (t > cal->top_start) /* Top may only get events from here on */
                cal->top_start = t;
            bottom_push(cal, s);
            return;
        }
        bottom_to_top(cal);
    }
    if (t >= cal->top_start) {
        top_add(cal, s);
        return;
    }
    for (int i = 0; i < cal->n_rungs; i++) {
        rung *r = &cal->rungs[i];
        size_t b = bucket_of(r, t);
        if (b >= r->cur) {
            sl->next = r->head[b];
            r->head[b] = s;
            return;
        }
    }
    bottom_push(cal, s);
}

/* Move a list to the bottom heap, freeing dead events. The events are popped
 * soon: their bodies start loading now. */
static void list_to_bottom(sim_calendar *cal, uint32_t s)
{
    while (s != NONE) {
        uint32_t next = cal->slots[s].next;
        if (!reap(cal, s)) {
#if defined(__GNUC__)
            __builtin_prefetch(&cal->bodies[s]);
#endif
            bottom_push(cal, s);
        }
        s = next;
    }
}

/* Set up rung cal->n_rungs over [start, start + nb * width) and spread the list
 * over it, except events at or after `limit`, which go (back) to Top. Returns -1
 * (nothing moved) if the bucket array cannot grow. */
static int spawn_rung(sim_calendar *cal, double start, double width, size_t nb, uint32_t list,
                      double limit)
{
    rung *r = &cal->rungs[cal->n_rungs];
    if (nb > r->cap) {
        uint32_t *h = array_move(r->head, 0, nb * sizeof *h);
        if (h == NULL)
            return -1;
        r->head = h;
        r->cap = nb;
    }
    memset(r->head, 0xff, nb * sizeof *r->head); /* NONE */
    r->start = start;
    r->width = width;
    r->nb = nb;
    r->cur = 0;
    for (int k = 0; k < 3; k++)
        r->pf[k] = r->pf_n[k] = 0;
    cal->n_rungs++;
    for (uint32_t s = list; s != NONE;) {
        uint32_t next = cal->slots[s].next;
        if (reap(cal, s)) {
        } else if (cal->slots[s].time >= limit) {
            top_add(cal, s);
        } else {
            size_t b = bucket_of(r, cal->slots[s].time);
            cal->slots[s].next = r->head[b];
            r->head[b] = s;
        }
        s = next;
    }
    return 0;
}

/* Spread the bottom heap's events over a new rung; keep them if memory is short. */
static void bottom_to_rung(sim_calendar *cal, double start, double width, size_t nb)
{
    uint32_t list = NONE;
    for (size_t i = 0; i < cal->n; i++) {
        uint32_t s = node_slot(&cal->nodes[i]);
        cal->slots[s].next = list;
        list = s;
    }
    if (spawn_rung(cal, start, width, nb, list, INFINITY) == 0)
        cal->n = 0;
}

/* A width that still separates times near `start` (else spreading is useless). */
static inline int usable_width(double start, double width, double end)
{
    return width > 0.0 && start + width > start && end + width > end && isfinite(width);
}

/* Fill the empty bottom heap with the earliest finite events (if any are
 * pending). Out of line: it runs once a bucket, while prepare runs twice an
 * event (pop and peek_ready); called every time, this large function's
 * register saves and restores cost about 16 instructions a call, five times
 * the test in prepare. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void refill(sim_calendar *cal)
{
    while (cal->n == 0) {
        if (cal->n_rungs == 0) {
            if (cal->top_n == 0)
                return;
            uint32_t list = cal->top;
            size_t n = cal->top_n;
            double lo = cal->top_min, hi = cal->top_max, mean = cal->top_sum / (double)n;
            cal->top = NONE;
            cal->top_n = 0;
            /*
             * Bucket width: about two events per bucket near the front, where
             * new events keep arriving. n buckets evenly over [lo, hi] would
             * crowd the front when a few events lie far ahead (exponential
             * delays: ~ln n events per front bucket), and a crowded bucket is a
             * chain of cache misses. The density near the front is estimated as
             * n / (mean - lo); the rung gets up to 4n buckets, and events past
             * its end wait in Top.
             */
            double width = 2.0 * (mean - lo) / (double)n;
            if (!usable_width(lo, width, hi))
                width = (hi - lo) / (double)n;
            double span = (hi - lo) / width;
            size_t nb = span < 4.0 * (double)n ? (size_t)span + 1 : 4 * n;
            double cut = lo + width * (double)nb;
            if (!(cut < hi))
                cut = hi; /* all of them: the last bucket takes hi (bucket_of clamps) */
            cal->top_start = cut;
            if (n <= BUCKET_MAX || !usable_width(lo, width, hi) ||
                spawn_rung(cal, lo, width, nb, list, cut) != 0) {
                cal->top_start = hi;
                list_to_bottom(cal, list);
            }
            continue;
        }
        rung *r = &cal->rungs[cal->n_rungs - 1];
        size_t b = r->cur;
        while (b < r->nb && r->head[b] == NONE)
            b++;
        if (b == r->nb) { /* exhausted */
            cal->n_rungs--;
            continue;
        }
        uint32_t list = r->head[b];
        r->head[b] = NONE;
        r->cur = b + 1;
        sim_cal_prefetch_ahead(cal, r, b);
        /* Into the (empty) bottom heap; spread over a finer rung instead if too
         * many live events share the bucket. */
        list_to_bottom(cal, list);
        size_t count = cal->n;
        double start = r->start + (double)b * r->width, width = r->width / (double)count;
        if (count > BUCKET_MAX && cal->n_rungs < MAX_RUNGS &&
            usable_width(start, width, start + r->width))
            bottom_to_rung(cal, start, width, count);
    }
}

/* Make the bottom heap hold the earliest finite events (if any are pending). */
static inline void prepare(sim_calendar *cal)
{
    if (cal->n == 0)
        refill(cal);
}

/* Gather every live event back into Top, freeing the dead ones. */
static void purge(sim_calendar *cal)
{
    uint32_t top = cal->top;
    cal->top = NONE;
    cal->top_n = 0;
    for (uint32_t s = top; s != NONE;) {
        uint32_t next = cal->slots[s].next;
        if (!reap(cal, s))
            top_add(cal, s);
        s = next;
    }
    for (int i = 0; i < cal->n_rungs; i++) {
        rung *r = &cal->rungs[i];
        for (size_t b = r->cur; b < r->nb; b++) {
            for (uint32_t s = r->head[b]; s != NONE;) {
                uint32_t next = cal->slots[s].next;
                if (!reap(cal, s))
                    top_add(cal, s);
                s = next;
            }
        }
    }
    cal->n_rungs = 0;
    for (size_t i = 0; i < cal->n; i++) {
        uint32_t s = node_slot(&cal->nodes[i]);
        if (!reap(cal, s))
            top_add(cal, s);
    }
    cal->n = 0;
    uint32_t inf = cal->inf_head;
    cal->inf_head = cal->inf_tail = NONE;
    for (uint32_t s = inf; s != NONE;) {
        uint32_t next = cal->slots[s].next;
        if (!reap(cal, s))
            insert(cal, s);
        s = next;
    }
    cal->top_start = -INFINITY; /* everything waits in Top until the next pop */
}

/* ---- public ---- */

sim_event_id sim_calendar_push(sim_calendar *cal, double time, sim_handler_fn *fn, void *target,
                               sim_payload payload)
{
    SIM_CHECK(fn != NULL && !isnan(time));
    if (cal->next_seq >= SEQ_LIMIT)
        return SIM_NO_EVENT;
    if (cal->free_head == NONE && grow_slots(cal, cal->n_slots + 1) != 0)
        return SIM_NO_EVENT;
    uint32_t s = cal->free_head;
    slot *sl = &cal->slots[s];
    cal->free_head = sl->next;
    sl->time = time;
    sl->seq = cal->next_seq++;
    sl->state |= 1u;
    body *bd = &cal->bodies[s];
    bd->fn = fn;
    bd->target = target;
    bd->payload = payload;
    insert(cal, s);
    cal->live++;
    return ((uint64_t)(sl->state >> 1) << 32) | ((uint64_t)s + 1);
}

int sim_calendar_cancel(sim_calendar *cal, sim_event_id id)
{
    if (id == SIM_NO_EVENT)
        return 0;
    uint64_t s1 = id & UINT32_MAX;
    uint32_t gen = (uint32_t)(id >> 32);
    if (s1 == 0 || s1 > cal->n_slots)
        return 0;
    slot *sl = &cal->slots[s1 - 1];
    if ((sl->state >> 1) != gen || !pending(sl))
        return 0;
    sl->state &= ~1u; /* the event stays where it is until met or purged */
    cal->live--;
    cal->dead++;
    if (cal->dead > 1024 && cal->dead > cal->live)
        purge(cal);
    return 1;
}

/* The earliest live event's slot, left in place; NONE when nothing is pending. */
static uint32_t peek(sim_calendar *cal)
{
    for (;;) {
        prepare(cal);
        if (cal->n > 0) {
            uint32_t s = node_slot(&cal->nodes[0]);
            if (!reap(cal, s))
                return s;
            (void)bottom_pop(cal);
            continue;
        }
        while (cal->inf_head != NONE && !pending(&cal->slots[cal->inf_head])) {
            uint32_t s = cal->inf_head;
            cal->inf_head = cal->slots[s].next;
            if (cal->inf_head == NONE)
                cal->inf_tail = NONE;
            reap(cal, s);
        }
        return cal->inf_head;
    }
}

int sim_calendar_pop(sim_calendar *cal, sim_event *out)
{
    return sim_calendar_pop_until(cal, INFINITY, out);
}

int sim_calendar_pop_until(sim_calendar *cal, double t_end, sim_event *out)
{
    uint32_t s = peek(cal);
    if (s == NONE)
        return 0;
    slot *sl = &cal->slots[s];
    if (!(sl->time <= t_end))
        return 0;
    if (cal->n > 0) {
        (void)bottom_pop(cal);
        if (cal->n_rungs > 0) /* a small calendar is the bottom heap alone, in the cache */
            sim_cal_pipeline(cal);
    } else {
        cal->inf_head = sl->next;
        if (cal->inf_head == NONE)
            cal->inf_tail = NONE;
    }
    out->time = sl->time;
    out->seq = sl->seq;
    const body *bd = &cal->bodies[s];
    out->fn = bd->fn;
    out->target = bd->target;
    out->payload = bd->payload;
    free_slot(cal, s);
    cal->live--;
    return 1;
}

double sim_calendar_next_time(sim_calendar *cal)
{
    uint32_t s = peek(cal);
    return s == NONE ? INFINITY : cal->slots[s].time;
}

size_t sim_calendar_size(const sim_calendar *cal) { return cal->live; }

int sim_calendar_peek_ready(sim_calendar *cal, sim_handler_fn **fn, void **target,
                            sim_payload *payload)
{
    prepare(cal); /* the next pop would: done now, the next event is known */
    if (cal->n == 0)
        return 0;
    const body *bd = &cal->bodies[node_slot(&cal->nodes[0])];
    *fn = bd->fn;
    *target = bd->target;
    *payload = bd->payload;
    return 1;
}
