/*
 * sim_jobq.h — one waiting line of a server pool (internal to sim/; used by
 * sim_resource.c): jobs ordered by (key, arrival sequence).
 *
 * A binary min-heap of entries {key, seq, job}. The entry holds the order key,
 * so sifting compares and moves entries of one array and never touches a job
 * record: with thousands of jobs waiting (a 12345 centre, a district
 * department) each touch of a job would be a cache miss.
 *
 * Withdrawing is lazy, so no job has to remember its place in the heap: the
 * withdrawn job's sequence number goes into a small hash set, and its entry is
 * dropped when it comes to the top (or when withdrawn entries outnumber live
 * ones, at a compaction). The job record itself is never read again, so it may
 * be reused or freed at once. Sequence numbers must be unique within a line.
 */
#ifndef SIM_JOBQ_H
#define SIM_JOBQ_H

#include <stddef.h>
#include <stdint.h>

#include "sim_job.h"

typedef struct sim_jobq_entry {
    double key;
    uint64_t seq;
    sim_job *job;
} sim_jobq_entry;

typedef struct sim_jobq {
    sim_jobq_entry *a; /* the heap, withdrawn entries included */
    size_t n, n_gone;
    uint64_t *gone;    /* open addressing: seq + 1 of withdrawn entries still in a; 0 = free */
    size_t cap, cap_gone;
} sim_jobq;

/* Jobs waiting (withdrawn ones not counted). */
static inline size_t sim_jobq_len(const sim_jobq *q) { return q->n - q->n_gone; }

/* Queue a job by (job->key, job->seq). Returns -1 (nothing changed) when memory is short. */
int sim_jobq_push(sim_jobq *q, sim_job *job);
/* Remove and return the first job, or NULL when none waits. */
sim_job *sim_jobq_pop(sim_jobq *q);
/* Take a job that waits in this line out of it. */
void sim_jobq_withdraw(sim_jobq *q, const sim_job *job);
void sim_jobq_free(sim_jobq *q);

#endif
