/* sim_calendar.c — 4-ary heap of (time, sequence|slot) nodes over a slab of event bodies. */
#include "sim_calendar.h"

#include <math.h>
#include <string.h>

#include "sim_assert.h"
#include "sim_mem.h"

#define SLOT_BITS 24
#define SLOT_MASK ((UINT64_C(1) << SLOT_BITS) - 1)
#define SEQ_LIMIT (UINT64_C(1) << (64 - SLOT_BITS))
_Static_assert(SEQ_LIMIT == SIM_MAX_EVENTS && (SIM_MAX_PENDING - 1) == SLOT_MASK, "sim.h limits");
#define ARITY 4
#define NODE_PAD 3 /* nodes[i] is raw[i + 3]: sibling groups 4i+1..4i+4 start on a line */

typedef struct node {
    double time;
    uint64_t key; /* seq << SLOT_BITS | slot */
} node;

typedef struct slot {
    sim_handler_fn *fn; /* NULL while the slot is free or its event cancelled */
    void *target;
    sim_payload payload;
    uint32_t gen;
    uint32_t next_free; /* free-list link while free */
} slot;

enum { SLOT_NONE = UINT32_MAX };

struct sim_calendar {
    node *raw;     /* allocation, 64-byte aligned */
    node *nodes;   /* raw + NODE_PAD */
    size_t n;      /* nodes in the heap, live or cancelled */
    size_t cap;    /* node capacity */
    slot *slots;
    size_t n_slots;
    uint32_t free_head;
    size_t live;   /* nodes whose event is not cancelled */
    uint64_t next_seq;
};

static inline int node_less(const node *a, const node *b)
{
    return a->time < b->time || (a->time == b->time && a->key < b->key);
}

static inline uint32_t node_slot(const node *x) { return (uint32_t)(x->key & SLOT_MASK); }

static int grow_nodes(sim_calendar *cal, size_t want)
{
    size_t cap = cal->cap ? cal->cap : 64;
    while (cap < want)
        cap *= 2;
    node *raw = sim_aligned_alloc(64, (cap + NODE_PAD + 1) * sizeof(node));
    if (raw == NULL)
        return -1;
    if (cal->n > 0)
        memcpy(raw + NODE_PAD, cal->nodes, cal->n * sizeof(node));
    sim_free(cal->raw);
    cal->raw = raw;
    cal->nodes = raw + NODE_PAD;
    cal->cap = cap;
    return 0;
}

static int grow_slots(sim_calendar *cal)
{
    size_t n = cal->n_slots ? cal->n_slots * 2 : 64;
    if (n > SIM_MAX_PENDING)
        n = SIM_MAX_PENDING;
    if (n <= cal->n_slots)
        return -1;
    slot *s = sim_reallocarray(cal->slots, n, sizeof *s);
    if (s == NULL)
        return -1;
    /* Thread the new slots onto the free list in index order. */
    for (size_t i = cal->n_slots; i < n; i++) {
        s[i].fn = NULL;
        s[i].gen = 0;
        s[i].next_free = (i + 1 < n) ? (uint32_t)(i + 1) : cal->free_head;
    }
    cal->free_head = (uint32_t)cal->n_slots;
    cal->slots = s;
    cal->n_slots = n;
    return 0;
}

size_t sim_calendar_footprint(void)
{
    /* Nodes: up to one dead per live one, capacity up to twice the need. Slots
     * double too. */
    return 2 * 2 * sizeof(node) + 2 * sizeof(slot);
}

sim_calendar *sim_calendar_create(size_t capacity_hint)
{
    sim_calendar *cal = sim_calloc(1, sizeof *cal);
    if (cal == NULL)
        return NULL;
    cal->free_head = SLOT_NONE;
    if (grow_nodes(cal, capacity_hint ? capacity_hint : 64) != 0 || grow_slots(cal) != 0) {
        sim_calendar_destroy(cal);
        return NULL;
    }
    return cal;
}

void sim_calendar_destroy(sim_calendar *cal)
{
    if (cal == NULL)
        return;
    sim_free(cal->raw);
    sim_free(cal->slots);
    sim_free(cal);
}

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

static void free_slot(sim_calendar *cal, uint32_t s)
{
    slot *sl = &cal->slots[s];
    sl->fn = NULL;
    sl->gen++;
    sl->next_free = cal->free_head;
    cal->free_head = s;
}

/* Drop cancelled nodes and rebuild the heap in O(n). */
static void compact(sim_calendar *cal)
{
    size_t k = 0;
    for (size_t i = 0; i < cal->n; i++) {
        uint32_t s = node_slot(&cal->nodes[i]);
        if (cal->slots[s].fn != NULL)
            cal->nodes[k++] = cal->nodes[i];
        else
            free_slot(cal, s);
    }
    cal->n = k;
    for (size_t i = k / ARITY + 1; i-- > 0;)
        if (i < k)
            sift_down(cal->nodes, k, i, cal->nodes[i]);
}

sim_event_id sim_calendar_push(sim_calendar *cal, double time, sim_handler_fn *fn, void *target,
                               sim_payload payload)
{
    SIM_CHECK(fn != NULL);
    if (cal->next_seq >= SEQ_LIMIT)
        return SIM_NO_EVENT;
    if (cal->free_head == SLOT_NONE && grow_slots(cal) != 0)
        return SIM_NO_EVENT;
    if (cal->n == cal->cap && grow_nodes(cal, cal->n + 1) != 0)
        return SIM_NO_EVENT;
    uint32_t s = cal->free_head;
    slot *sl = &cal->slots[s];
    cal->free_head = sl->next_free;
    sl->fn = fn;
    sl->target = target;
    sl->payload = payload;
    node x = {time, (cal->next_seq++ << SLOT_BITS) | s};
    sift_up(cal->nodes, cal->n++, x);
    cal->live++;
    return ((uint64_t)sl->gen << 32) | ((uint64_t)s + 1);
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
    if (sl->gen != gen || sl->fn == NULL)
        return 0;
    sl->fn = NULL; /* the node stays in the heap until popped or compacted */
    cal->live--;
    if (cal->n > 1024 && cal->n - cal->live > cal->live)
        compact(cal);
    return 1;
}

/* Remove the root node (live or not) and return it. */
static node pop_root(sim_calendar *cal)
{
    node *h = cal->nodes;
    node top = h[0];
    size_t n = --cal->n;
    if (n > 0)
        sift_down(h, n, 0, h[n]);
    return top;
}

static void drop_dead_top(sim_calendar *cal)
{
    while (cal->n > 0 && cal->slots[node_slot(&cal->nodes[0])].fn == NULL)
        free_slot(cal, node_slot(&cal->nodes[0])), (void)pop_root(cal);
}

int sim_calendar_pop(sim_calendar *cal, sim_event *out)
{
    return sim_calendar_pop_until(cal, INFINITY, out);
}

int sim_calendar_pop_until(sim_calendar *cal, double t_end, sim_event *out)
{
    drop_dead_top(cal);
    if (cal->n == 0 || !(cal->nodes[0].time <= t_end))
        return 0;
    node top = pop_root(cal);
    uint32_t s = node_slot(&top);
    slot *sl = &cal->slots[s];
    out->time = top.time;
    out->seq = top.key >> SLOT_BITS;
    out->fn = sl->fn;
    out->target = sl->target;
    out->payload = sl->payload;
    free_slot(cal, s);
    cal->live--;
    return 1;
}

double sim_calendar_next_time(sim_calendar *cal)
{
    drop_dead_top(cal);
    return cal->n > 0 ? cal->nodes[0].time : INFINITY;
}

size_t sim_calendar_size(const sim_calendar *cal) { return cal->live; }
