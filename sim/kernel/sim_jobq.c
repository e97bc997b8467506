/*
 * sim_jobq.c — a waiting line: a binary heap of {key, seq, job} entries with
 * lazy withdrawal (see sim_jobq.h for why).
 *
 * Invariant: the live entries are exactly the entries of `a` whose seq is not
 * in `gone`, and every seq in `gone` belongs to an entry of `a`. Dropping
 * withdrawn entries when they reach the top keeps the pop order of the live
 * ones exactly that of a heap without them.
 */
#include "sim_jobq.h"

#include <string.h>

#include "sim_assert.h"
#include "sim_mem.h"

#define GONE_MIN_CAP 16
#define COMPACT_MIN 32 /* withdrawn entries tolerated before compaction is considered */

static inline int entry_less(const sim_jobq_entry *a, const sim_jobq_entry *b)
{
    return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

/* ---- the heap ---- */

static void sift_up(sim_jobq_entry *h, size_t i, sim_jobq_entry x)
{
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!entry_less(&x, &h[parent]))
            break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = x;
}

static void sift_down(sim_jobq_entry *h, size_t n, size_t i, sim_jobq_entry x)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && entry_less(&h[c + 1], &h[c]))
            c++;
        if (!entry_less(&h[c], &x))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = x;
}

static void remove_at(sim_jobq *q, size_t i)
{
    sim_jobq_entry last = q->a[--q->n];
    if (i == q->n)
        return;
    if (i > 0 && entry_less(&last, &q->a[(i - 1) / 2]))
        sift_up(q->a, i, last);
    else
        sift_down(q->a, q->n, i, last);
}

/* ---- the set of withdrawn sequence numbers (linear probing) ---- */

static inline size_t gone_hash(const sim_jobq *q, uint64_t key)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (q->cap_gone - 1);
}

static void gone_put(sim_jobq *q, uint64_t key)
{
    size_t i = gone_hash(q, key);
    while (q->gone[i] != 0)
        i = (i + 1) & (q->cap_gone - 1);
    q->gone[i] = key;
}

static int gone_grow(sim_jobq *q)
{
    size_t cap = q->cap_gone ? 2 * q->cap_gone : GONE_MIN_CAP;
    uint64_t *g = sim_calloc(cap, sizeof *g);
    if (g == NULL)
        return -1;
    uint64_t *old = q->gone;
    size_t old_cap = q->cap_gone;
    q->gone = g;
    q->cap_gone = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i] != 0)
            gone_put(q, old[i]);
    sim_free(old);
    return 0;
}

/* Remove seq from the set; returns 1 if it was there. Backward-shift deletion
 * keeps every remaining key reachable from its home slot. */
static int gone_take(sim_jobq *q, uint64_t seq)
{
    uint64_t key = seq + 1;
    size_t mask = q->cap_gone - 1, i = gone_hash(q, key);
    while (q->gone[i] != key) {
        if (q->gone[i] == 0)
            return 0;
        i = (i + 1) & mask;
    }
    for (size_t j = (i + 1) & mask; q->gone[j] != 0; j = (j + 1) & mask) {
        size_t home = gone_hash(q, q->gone[j]);
        /* Move j's key into the hole at i unless its home lies in (i, j]. */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            q->gone[i] = q->gone[j];
            i = j;
        }
    }
    q->gone[i] = 0;
    q->n_gone--;
    return 1;
}

/* Drop every withdrawn entry and rebuild the heap (Floyd), O(n). */
static void compact(sim_jobq *q)
{
    size_t k = 0;
    for (size_t i = 0; i < q->n; i++) {
        if (q->n_gone > 0 && gone_take(q, q->a[i].seq))
            continue;
        q->a[k++] = q->a[i];
    }
    SIM_ASSERT(q->n_gone == 0);
    q->n = k;
    for (size_t i = k / 2; i-- > 0;)
        sift_down(q->a, k, i, q->a[i]);
}

/* ---- public ---- */

int sim_jobq_push(sim_jobq *q, sim_job *job)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        sim_jobq_entry *a = sim_reallocarray(q->a, cap, sizeof *a);
        if (a == NULL)
            return -1;
        q->a = a;
        q->cap = cap;
    }
    sim_jobq_entry x = {job->key, job->seq, job};
    sift_up(q->a, q->n++, x);
    return 0;
}

sim_job *sim_jobq_pop(sim_jobq *q)
{
    while (q->n > 0) {
        sim_jobq_entry top = q->a[0];
        remove_at(q, 0);
        if (q->n_gone > 0 && gone_take(q, top.seq))
            continue;
#if defined(__GNUC__)
        /* The new first entry is the job the pool starts next, at a later
         * release; its record waited as long as this one and is as cold:
         * start loading it now (the heap's top is in the cache). */
        if (q->n > 0)
            __builtin_prefetch(q->a[0].job);
#endif
        return top.job;
    }
    return NULL;
}

void sim_jobq_withdraw(sim_jobq *q, const sim_job *job)
{
    SIM_ASSERT(sim_jobq_len(q) > 0);
    if ((q->n_gone + 1) * 2 > q->cap_gone && gone_grow(q) != 0) {
        /* No memory for the set: find the entry and remove it at once. */
        for (size_t i = 0; i < q->n; i++) {
            if (q->a[i].job == job && q->a[i].seq == job->seq) {
                remove_at(q, i);
                return;
            }
        }
        SIM_CHECK(0); /* the job was not in this line */
    }
    gone_put(q, job->seq + 1);
    q->n_gone++;
    if (q->n_gone > COMPACT_MIN && q->n_gone > q->n / 2)
        compact(q);
}

void sim_jobq_free(sim_jobq *q)
{
    sim_free(q->a);
    sim_free(q->gone);
    memset(q, 0, sizeof *q);
}
