/*
 * A pool's waiting line (sim_jobq.c: a heap with lazy withdrawal) against its
 * definition: a pop returns the waiting job least by (key, seq). The reference
 * is a plain array searched in full. Random schedules mix what a pool sees:
 * keys in order (the arrival plus the same allowance), keys due at once
 * (escalations), ties, and keys anywhere ahead; withdrawals singly and in
 * bursts (so that compaction runs), and withdrawals while memory for the
 * withdrawn set is short (the entry is then removed at once).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdint.h>

#include "sim_jobq.h"
#include "sim_mem.h"

#define N_JOBS 4000

typedef struct ref {
    sim_job jobs[N_JOBS];
    sim_job *live[N_JOBS]; /* the jobs waiting, in no order */
    size_t n_live, n_jobs;
    uint64_t rng;
    double clock;
} ref;

static uint64_t next_u64(ref *r)
{
    r->rng ^= r->rng << 13;
    r->rng ^= r->rng >> 7;
    r->rng ^= r->rng << 17;
    return r->rng;
}

static double uniform(ref *r) { return (double)(next_u64(r) >> 11) / 9007199254740992.0; }

static int before(const sim_job *a, const sim_job *b)
{
    return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

/* The reference's first job, removed. */
static sim_job *ref_pop(ref *r)
{
    if (r->n_live == 0)
        return NULL;
    size_t best = 0;
    for (size_t i = 1; i < r->n_live; i++)
        if (before(r->live[i], r->live[best]))
            best = i;
    sim_job *j = r->live[best];
    r->live[best] = r->live[--r->n_live];
    return j;
}

static void push(ref *r, sim_jobq *q, double allowance)
{
    if (r->n_jobs == N_JOBS)
        return;
    sim_job *j = &r->jobs[r->n_jobs];
    j->seq = r->n_jobs++;
    double u = uniform(r);
    if (u < 0.6) /* in order: now plus the allowance */
        j->key = r->clock + allowance;
    else if (u < 0.75) /* due at once */
        j->key = r->clock;
    else if (u < 0.85 && r->n_live > 0) /* a tie with a waiting job */
        j->key = r->live[next_u64(r) % r->n_live]->key;
    else
        j->key = r->clock + 2.0 * allowance * uniform(r);
    cr_assert(eq(int, sim_jobq_push(q, j), 0));
    r->live[r->n_live++] = j;
}

static void withdraw(ref *r, sim_jobq *q, int short_of_memory)
{
    if (r->n_live == 0)
        return;
    size_t i = next_u64(r) % r->n_live;
    sim_job *j = r->live[i];
    r->live[i] = r->live[--r->n_live];
    if (short_of_memory)
        sim_mem_fail_after(0, 1000000);
    sim_jobq_withdraw(q, j);
    sim_mem_fail_reset();
}

/* One random schedule; every pop must agree with the reference. */
static void run_schedule(uint64_t seed, double allowance)
{
    ref *r = calloc(1, sizeof *r);
    cr_assert(not(eq(ptr, r, NULL)));
    r->rng = seed;
    sim_jobq q = {0};
    size_t pops = 0;
    for (int step = 0; step < 3 * N_JOBS; step++) {
        r->clock += 0.1 * uniform(r);
        double u = uniform(r);
        if (u < 0.5) {
            push(r, &q, allowance);
        } else if (u < 0.85) {
            sim_job *want = ref_pop(r), *got = sim_jobq_pop(&q);
            cr_assert(eq(ptr, got, want), "pop %zu (seed %llu): got seq %lld, want seq %lld", pops,
                      (unsigned long long)seed, got ? (long long)got->seq : -1LL,
                      want ? (long long)want->seq : -1LL);
            pops++;
        } else if (u < 0.97) {
            withdraw(r, &q, 0);
        } else if (u < 0.98) {
            withdraw(r, &q, 1);
        } else { /* a burst: most of the line at once, so that compaction runs */
            size_t k = r->n_live * 3 / 4;
            for (size_t i = 0; i < k; i++)
                withdraw(r, &q, 0);
        }
        cr_assert(eq(sz, sim_jobq_len(&q), r->n_live));
    }
    /* Drain: the rest in order. */
    for (sim_job *want; (want = ref_pop(r)) != NULL;)
        cr_assert(eq(ptr, sim_jobq_pop(&q), want));
    cr_assert(eq(ptr, sim_jobq_pop(&q), NULL));
    cr_assert(eq(sz, sim_jobq_len(&q), 0));
    sim_jobq_free(&q);
    free(r);
}

Test(jobq, pops_in_key_then_arrival_order)
{
    /* Allowances long and short against the clock's pace: with a short one,
     * keys due at once and keys in order interleave more often. */
    static const double allowance[] = {72.0, 1.0, 0.05};
    for (uint64_t seed = 1; seed <= 12; seed++)
        run_schedule(seed * 0x9E3779B97F4A7C15ull, allowance[seed % 3]);
}

Test(jobq, all_in_order_and_all_out_of_order)
{
    /* Keys in order, then decreasing keys, then equal keys (ties by arrival). */
    static sim_job j[300];
    sim_jobq q = {0};
    for (int i = 0; i < 100; i++) {
        j[i].key = i;
        j[i].seq = (uint64_t)i;
        cr_assert(eq(int, sim_jobq_push(&q, &j[i]), 0));
    }
    for (int i = 100; i < 200; i++) {
        j[i].key = 200 - i; /* 100 .. 1, each before the last */
        j[i].seq = (uint64_t)i;
        cr_assert(eq(int, sim_jobq_push(&q, &j[i]), 0));
    }
    for (int i = 200; i < 300; i++) {
        j[i].key = 50;
        j[i].seq = (uint64_t)i;
        cr_assert(eq(int, sim_jobq_push(&q, &j[i]), 0));
    }
    const sim_job *last = NULL;
    for (int k = 0; k < 300; k++) {
        const sim_job *got = sim_jobq_pop(&q);
        cr_assert(not(eq(ptr, (void *)got, NULL)));
        if (last != NULL)
            cr_assert(before(last, got), "pop %d: seq %llu (key %g) after seq %llu (key %g)", k,
                      (unsigned long long)got->seq, got->key, (unsigned long long)last->seq, last->key);
        last = got;
    }
    cr_assert(eq(ptr, sim_jobq_pop(&q), NULL));
    sim_jobq_free(&q);
}

Test(jobq, withdraw_while_memory_is_short)
{
    /* With no room for the withdrawn set, an entry is removed at once: from
     * the front, the middle and the end of the line. The rest must still pop
     * in order. */
    ref *r = calloc(1, sizeof *r);
    cr_assert(not(eq(ptr, r, NULL)));
    sim_jobq q = {0};
    for (int i = 0; i < 64; i++) {
        sim_job *j = &r->jobs[r->n_jobs];
        j->seq = r->n_jobs++;
        j->key = i % 4 == 3 ? 1000.0 - i : (double)i; /* every fourth out of order */
        cr_assert(eq(int, sim_jobq_push(&q, j), 0));
        r->live[r->n_live++] = j;
    }
    static const int gone[] = {10, 11, 0, 60, 63, 31, 32};
    for (size_t k = 0; k < sizeof gone / sizeof gone[0]; k++) {
        sim_job *j = &r->jobs[gone[k]];
        for (size_t i = 0; i < r->n_live; i++)
            if (r->live[i] == j)
                r->live[i] = r->live[--r->n_live];
        sim_mem_fail_after(0, 1000000);
        sim_jobq_withdraw(&q, j);
        sim_mem_fail_reset();
        cr_assert(eq(sz, q.n_gone, 0)); /* removed at once, not marked */
        cr_assert(eq(sz, sim_jobq_len(&q), r->n_live));
    }
    for (sim_job *want; (want = ref_pop(r)) != NULL;)
        cr_assert(eq(ptr, sim_jobq_pop(&q), want));
    cr_assert(eq(ptr, sim_jobq_pop(&q), NULL));
    sim_jobq_free(&q);
    free(r);
}
