/*
 * sim_resource.h — a pool of servers with a waiting line: the building block of
 * every staff role (grid workers of a community, a department's staff, the
 * hotline's call-takers).
 *
 * Jobs are intrusive: the caller embeds a sim_job in its own record (a case, an
 * administrative task), so queueing never allocates per job. A job waits in one
 * of two queues ordered by (key, arrival sequence): smaller key first, equal keys
 * first come first served. key = 0 for every job gives FIFO; a deadline gives
 * earliest-deadline-first; any double gives a priority order.
 *
 * Servers are individuals with a stable index, so a model can keep per-server
 * data (hire date, overtime) in a parallel array. Each server has a duty mode:
 *   SIM_DUTY_ON      on shift: takes any job;
 *   SIM_DUTY_ONCALL  off shift but on call: takes only urgent jobs (SIM_JOB_URGENT);
 *   SIM_DUTY_OFF     off shift: takes no job.
 * A server never drops a job it has started: one that goes off duty while busy
 * finishes, and that time is overtime, as is all work done on call.
 *
 * Starting a job calls the pool's start callback synchronously, from inside
 * sim_resource_request(), sim_resource_release(), a duty change or a hire; the
 * callback typically schedules the end of service, whose handler calls release.
 * (Releasing from inside the callback works but recurses once per job started.)
 *
 * Which server: free servers are taken in the order they became free, i.e. the
 * one that finished its last job (or was hired) longest ago first; a duty change
 * does not reset that order. An ON server is preferred to an ON-CALL one. Which
 * job: an ON server takes the head of the urgent queue if any, else the head of
 * the normal queue (urgent work is a non-preemptive priority class); an ON-CALL
 * server takes the head of the urgent queue. Invariants: no ON server is
 * idle while a job waits, no ON-CALL server is idle while an urgent job waits.
 * Every operation is O(log n) in the queue length or the number of servers
 * (withdrawal amortised: a withdrawn job's entry is dropped lazily).
 *
 * Statistics (reset at the kernel's warm-up): time-weighted busy servers, servers
 * on duty and queue length; overtime hours, for the pool and per server; the wait
 * from request to start of the jobs started since the reset.
 *
 * Lifetime: the pool registers a reset hook with its kernel; destroy the pool
 * before the kernel (sim_resource_destroy() removes the hook and frees what the
 * pool allocated; its record, packed with the kernel's other pools, is freed
 * with the kernel).
 */
#ifndef SIM_RESOURCE_H
#define SIM_RESOURCE_H

#include <stdint.h>

#include "sim.h"
#include "sim_job.h"
#include "sim_stats.h"

enum sim_duty { SIM_DUTY_OFF = 0, SIM_DUTY_ONCALL = 1, SIM_DUTY_ON = 2 };

typedef struct sim_resource sim_resource;

typedef void sim_job_start_fn(sim_t *sim, sim_resource *res, sim_job *job, void *ctx);

/* A pool named `name` (copied, used in messages) with `servers` servers, all on
 * duty. Registers a reset hook with the kernel. NULL and a line in err on failure. */
sim_resource *sim_resource_create(sim_t *sim, const char *name, unsigned servers,
                                  sim_job_start_fn *on_start, void *ctx, sim_err *err);
void sim_resource_destroy(sim_resource *res);

/* Ask for a server. Starts the job at once if a suitable server is free, else
 * queues it. The job must be idle and its key not NaN; key and flags must not
 * change while it waits. Returns SIM_OK, or SIM_ERR_RUNTIME when memory is short
 * (the job stays idle and the failure is recorded with sim_fail, so the run stops). */
int sim_resource_request(sim_resource *res, sim_job *job);
/* The job's server is done with it; the server takes the next job it may. */
void sim_resource_release(sim_resource *res, sim_job *job);
/* Take a waiting job out of its queue (reneging); it becomes idle. Returns 1 if it
 * was waiting, 0 if it was idle or already running (a started job is not withdrawn).
 * The pool keeps no reference to a withdrawn job: it may be requeued, reused or freed. */
int sim_resource_withdraw(sim_resource *res, sim_job *job);

/* Start loading the pool's own record, which every request, start and release
 * reads, and the server running `job` (may be NULL) which its release updates
 * (a hint for lookahead functions, sim.h; changes nothing). */
void sim_resource_prefetch(const sim_resource *res, const sim_job *job);
/* Start loading the pool's whole record as far as a small pool's goes: its
 * fields, statistics, servers and free lists (a hint for a loop over many
 * pools, e.g. a shift change, a few pools ahead; changes nothing). */
void sim_resource_prefetch_record(const sim_resource *res);

/* Duty of one server; a server going on duty (or on call) takes waiting jobs. */
void sim_resource_set_duty(sim_resource *res, unsigned server, enum sim_duty duty);

/* Duties of servers 0..n-1 at once (n at most sim_resource_slots()): duty[i] is
 * an enum sim_duty, or SIM_DUTY_KEEP to leave server i as it is; entries of
 * servers that are not active must be SIM_DUTY_KEEP. Every change takes effect
 * first, then each idle server now on duty (or on call) takes a waiting job it
 * may take, in index order: the same jobs start on the same servers as with
 * sim_resource_set_duty for i = 0, 1, ..., n-1 (only a start callback could
 * tell, seeing later servers' changes made already). A shift boundary that
 * sends most of a pool home costs one pass and one rebuild of the idle lines
 * instead of a heap removal per server. */
#define SIM_DUTY_KEEP 0xffu
void sim_resource_set_duties(sim_resource *res, const unsigned char *duty, unsigned n);
enum sim_duty sim_resource_duty(const sim_resource *res, unsigned server);

/* Workforce changes. hire adds a server (reusing the most recently retired index
 * when one exists) with the given duty and returns its index, or -1 when memory is
 * short; an ON or ON-CALL hire takes a waiting job at once. retire removes an
 * active server: at once if free, when its current job ends if busy (until then it
 * stays active and counts in the headcount, but takes no further job). */
int sim_resource_hire(sim_resource *res, enum sim_duty duty);
void sim_resource_retire(sim_resource *res, unsigned server);

/* Server indices run from 0 to sim_resource_slots()-1; retired ones are not active. */
unsigned sim_resource_slots(const sim_resource *res);
int sim_resource_active(const sim_resource *res, unsigned server);
/* Active but retired while busy: leaves when its job ends (retire it only once). */
int sim_resource_leaving(const sim_resource *res, unsigned server);
unsigned sim_resource_headcount(const sim_resource *res); /* active servers */
unsigned sim_resource_busy(const sim_resource *res);
unsigned sim_resource_on_duty(const sim_resource *res);   /* active servers with duty ON */
unsigned sim_resource_queued(const sim_resource *res);
const char *sim_resource_name(const sim_resource *res);
/* The job server `server` is running, or NULL. */
sim_job *sim_resource_current(const sim_resource *res, unsigned server);

/* Statistics since the last reset, up to now. */
typedef struct sim_resource_stats {
    double busy_hours;      /* server-time spent on jobs (in the model's time unit) */
    double on_duty_hours;   /* server-time on duty (mode ON) */
    double overtime_hours;  /* server-time on jobs while not ON */
    double mean_busy;       /* time-weighted mean busy servers */
    double mean_queue;      /* time-weighted mean waiting jobs */
    double max_queue;
    sim_tally wait;         /* request-to-start times of jobs started */
    uint64_t started, completed;
} sim_resource_stats;

void sim_resource_stats_get(const sim_resource *res, sim_resource_stats *out);

/* The most memory a pool costs: fixed part plus per server (arrays grow by
 * doubling) and per waiting job, for estimating what a run needs before it starts. */
size_t sim_resource_footprint(size_t servers, size_t waiting);
/* One server's busy and overtime hours since the last reset, up to now (for
 * per-person workload: burnout, overtime pay). Either pointer may be NULL. */
void sim_resource_server_hours(const sim_resource *res, unsigned server, double *busy_hours,
                               double *overtime_hours);

#endif
