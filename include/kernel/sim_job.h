/*
 * sim_job.h — a request for a server of a pool (sim_resource.h), embedded in
 * whatever the model queues, so queueing never allocates. Its own header, so
 * the waiting lines (sim_jobq.h) and the pools share it without including
 * each other.
 */
#ifndef SIM_JOB_H
#define SIM_JOB_H

#include <stdint.h>

enum sim_job_flags {
    SIM_JOB_URGENT = 1u << 0, /* may be taken by an on-call server */
};

typedef struct sim_job {
    double key;       /* queue order, set by the caller before sim_resource_request() */
    unsigned flags;   /* SIM_JOB_*, set by the caller */
    /* Set by the resource: */
    double requested_at;
    uint64_t seq;
    uint8_t state;     /* SIM_JOB_IDLE, SIM_JOB_WAITING, SIM_JOB_RUNNING */
    int server;        /* the server, while running; -1 otherwise */
} sim_job;

enum sim_job_state { SIM_JOB_IDLE = 0, SIM_JOB_WAITING = 1, SIM_JOB_RUNNING = 2 };

/* Make a job idle with the given queue key and flags (a zeroed sim_job is idle too). */
static inline void sim_job_init(sim_job *job, double key, unsigned flags)
{
    job->key = key;
    job->flags = flags;
    job->requested_at = 0.0;
    job->seq = 0;
    job->state = SIM_JOB_IDLE;
    job->server = -1;
}

#endif
