/*
 * sim_resource.c — a pool of servers with an urgent and a normal waiting line.
 *
 * Layout: both waiting lines are heaps ordered by (key, seq) with lazy
 * withdrawal (sim_jobq.c). Idle servers that may take work wait in one of two
 * idle lines ordered by free_seq (the order they became free; the longest idle
 * takes the next job): one for ON servers, one for ON-CALL servers. OFF
 * servers and busy ones are in neither.
 *
 * The invariants in the header (no ON server idle while a job waits, no ON-CALL
 * server idle while an urgent job waits) hold between calls because every way a
 * server becomes available (release, duty change, hire) first looks for work,
 * and every new job first looks for a server.
 *
 * Accounting: pool-wide hours are areas under time-weighted counts (busy
 * servers, ON servers, busy servers not ON, waiting jobs); per-server hours are
 * accumulated at each change of a busy server's state.
 */
#include "sim_resource.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "sim_arena.h"
#include "sim_assert.h"
#include "sim_jobq.h"
#include "sim_mem.h"

typedef struct server {
    sim_job *job;      /* running job, or NULL when idle */
    double since;      /* start of the current busy accounting interval */
    double busy_h;     /* busy hours since the last reset, up to `since` */
    double over_h;     /* overtime hours since the last reset, up to `since` */
    uint64_t free_seq; /* when it last became free: smaller = idle longer */
    uint8_t duty;
    uint8_t active;
    uint8_t retiring;
    uint8_t mark; /* MARK_*, only inside sim_resource_set_duties */
} server;

enum { MARK_WAKE = 1, MARK_DROP = 2 };

/* An idle line: server indices in a ring (capacity cap_slots, a power of two),
 * sorted by free_seq from the head. A released server is the newest free one
 * and goes to the tail, a request takes the head: both O(1), reading no other
 * server's record (a heap would read about 2 log2 n of them, each a likely
 * cache miss in a large model). Only a duty change or a retirement puts a
 * server in or takes it out elsewhere: a search and a shift of indices. */
typedef struct srv_line {
    uint32_t *a;
    size_t head, n;
} srv_line;

/* A large model has tens of thousands of pools, most of them cold in the
 * cache when their next job comes: the fields every request, start and release
 * touch come first, packed into few cache lines (the struct is 64-byte
 * aligned), and those of duty changes, hiring and reports after them. */
struct sim_resource {
    sim_t *sim;
    sim_job_start_fn *on_start;
    void *ctx;
    server *srv;
    size_t n_slots;
    unsigned headcount, busy, on_duty;
    uint64_t next_free_seq;

    uint64_t next_job_seq;
    sim_jobq urgent, normal;
    srv_line free_on, free_oncall;
    uint64_t started, completed;

    /* statistics since the last reset */
    sim_timeavg busy_avg, queue_avg;
    sim_tally wait;
    sim_timeavg on_duty_avg, overtime_avg;

    char *name;
    size_t cap_slots;
    uint32_t *retired; /* stack of retired indices, capacity cap_slots */
    size_t n_retired;
    size_t record_size; /* the pool's record in the kernel's arena, arrays included */
};

/* ---- idle lines ---- */

static inline size_t line_mask(const sim_resource *res) { return res->cap_slots - 1; }

static inline uint32_t *line_ref(const sim_resource *res, const srv_line *l, size_t k)
{
    return &l->a[(l->head + k) & line_mask(res)];
}

static srv_line *line_of(sim_resource *res, unsigned duty)
{
    return duty == SIM_DUTY_ON ? &res->free_on : duty == SIM_DUTY_ONCALL ? &res->free_oncall : NULL;
}

/* Capacity never runs out: a line holds each server at most once, and the ring
 * is as large as the server array. */
static void line_append(sim_resource *res, srv_line *l, uint32_t s)
{
    SIM_ASSERT(l->n < res->cap_slots);
    *line_ref(res, l, l->n++) = s;
}

/* Server s joins the line at its place by free_seq. */
static void line_insert(sim_resource *res, srv_line *l, uint32_t s)
{
    uint64_t x = res->srv[s].free_seq;
    /* The newest free server of the pool (a release, a hire) goes last. */
    if (x + 1 == res->next_free_seq) {
        line_append(res, l, s);
        return;
    }
    size_t lo = 0, hi = l->n; /* the place is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (res->srv[*line_ref(res, l, mid)].free_seq < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    SIM_ASSERT(l->n < res->cap_slots);
    for (size_t k = l->n; k > lo; k--)
        *line_ref(res, l, k) = *line_ref(res, l, k - 1);
    *line_ref(res, l, lo) = s;
    l->n++;
}

static uint32_t line_pop(sim_resource *res, srv_line *l)
{
    SIM_ASSERT(l->n > 0);
    uint32_t s = l->a[l->head];
    l->head = (l->head + 1) & line_mask(res);
    l->n--;
    return s;
}

/* Drop the servers marked MARK_DROP from the line, keeping the order. */
static void line_drop_marked(sim_resource *res, srv_line *l)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        uint32_t s = *line_ref(res, l, i);
        if (res->srv[s].mark & MARK_DROP)
            res->srv[s].mark &= (uint8_t)~MARK_DROP;
        else
            *line_ref(res, l, k++) = s;
    }
    l->n = k;
}

/* Server s (idle, in the line of its duty, if any) leaves it. */
static void line_leave(sim_resource *res, uint32_t s)
{
    srv_line *l = line_of(res, res->srv[s].duty);
    if (l == NULL)
        return;
    size_t n = l->n;
    res->srv[s].mark |= MARK_DROP;
    line_drop_marked(res, l);
    SIM_ASSERT(l->n + 1 == n);
    (void)n;
}

/* ---- accounting ---- */

static inline double now_of(const sim_resource *res) { return sim_now(res->sim); }

/* Close the busy server's accounting interval at now, under its current duty. */
static void flush_hours(sim_resource *res, server *sv)
{
    double t = now_of(res), dt = t - sv->since;
    sv->busy_h += dt;
    if (sv->duty != SIM_DUTY_ON)
        sv->over_h += dt;
    sv->since = t;
}

static void reset_stats(sim_t *sim, void *ctx)
{
    sim_resource *res = ctx;
    double t = sim_now(sim);
    sim_timeavg_reset(&res->busy_avg, t);
    sim_timeavg_reset(&res->on_duty_avg, t);
    sim_timeavg_reset(&res->overtime_avg, t);
    sim_timeavg_reset(&res->queue_avg, t);
    sim_tally_reset(&res->wait);
    res->started = res->completed = 0;
    for (size_t i = 0; i < res->n_slots; i++) {
        res->srv[i].busy_h = res->srv[i].over_h = 0.0;
        res->srv[i].since = t;
    }
}

static inline size_t queued(const sim_resource *res)
{
    return sim_jobq_len(&res->urgent) + sim_jobq_len(&res->normal);
}

static void queue_changed(sim_resource *res)
{
    sim_timeavg_set(&res->queue_avg, now_of(res), (double)queued(res));
}

/* ---- dispatching ---- */

static void start(sim_resource *res, uint32_t s, sim_job *job)
{
    server *sv = &res->srv[s];
    double t = now_of(res);
    SIM_ASSERT(sv->job == NULL && sv->active && !sv->retiring);
    sv->job = job;
    sv->since = t;
    job->state = SIM_JOB_RUNNING;
    job->server = (int)s;
    res->busy++;
    sim_timeavg_add(&res->busy_avg, t, 1.0);
    if (sv->duty != SIM_DUTY_ON)
        sim_timeavg_add(&res->overtime_avg, t, 1.0);
    sim_tally_add(&res->wait, t - job->requested_at);
    res->started++;
    res->on_start(res->sim, res, job, res->ctx);
}

/* The next job server s may take under its duty, removed from its queue; or NULL. */
static sim_job *take_job_for(sim_resource *res, unsigned duty)
{
    sim_jobq *q = NULL;
    if (duty == SIM_DUTY_ON) {
        /* Urgent work first (non-preemptive priority), then by key. */
        if (sim_jobq_len(&res->urgent) > 0)
            q = &res->urgent;
        else if (sim_jobq_len(&res->normal) > 0)
            q = &res->normal;
    } else if (duty == SIM_DUTY_ONCALL && sim_jobq_len(&res->urgent) > 0) {
        q = &res->urgent;
    }
    if (q == NULL)
        return NULL;
    sim_job *job = sim_jobq_pop(q);
    queue_changed(res);
    return job;
}

/* Server s is idle, active, not retiring and in no line: give it work or park it. */
static void server_available(sim_resource *res, uint32_t s)
{
    server *sv = &res->srv[s];
    sim_job *job = take_job_for(res, sv->duty);
    if (job != NULL) {
        start(res, s, job);
        return;
    }
    srv_line *l = line_of(res, sv->duty);
    if (l != NULL)
        line_insert(res, l, s);
}

static void leave(sim_resource *res, uint32_t s)
{
    server *sv = &res->srv[s];
    if (sv->duty == SIM_DUTY_ON) {
        res->on_duty--;
        sim_timeavg_add(&res->on_duty_avg, now_of(res), -1.0);
    }
    sv->duty = SIM_DUTY_OFF;
    sv->active = 0;
    sv->retiring = 0;
    res->headcount--;
    res->retired[res->n_retired++] = s;
}

/* ---- public ---- */

/* The server arrays first live in the pool's record, right after its hot
 * fields (a pool and its servers in a few neighbouring cache lines); a pool
 * that outgrows them moves them to the heap. */
static int is_inline(const sim_resource *res, const void *p)
{
    return (const char *)p >= (const char *)res && (const char *)p < (const char *)res + res->record_size;
}

/* An array of n elements of `size` bytes, with the first `keep` of `old`. */
static void *array_grow(const sim_resource *res, void *old, size_t keep, size_t n, size_t size)
{
    if (!is_inline(res, old))
        return sim_reallocarray(old, n, size);
    void *p = sim_reallocarray(NULL, n, size);
    if (p != NULL)
        memcpy(p, old, keep * size);
    return p;
}

static void array_free(const sim_resource *res, void *p)
{
    if (!is_inline(res, p))
        sim_free(p);
}

/* The line in a new array of `cap` entries, from index 0 (a ring's order
 * depends on its capacity). */
static int line_move(sim_resource *res, srv_line *l, size_t cap)
{
    uint32_t *a = sim_reallocarray(NULL, cap, sizeof *a);
    if (a == NULL)
        return -1;
    for (size_t k = 0; k < l->n; k++)
        a[k] = *line_ref(res, l, k);
    array_free(res, l->a);
    l->a = a;
    l->head = 0;
    return 0;
}

static size_t initial_cap(unsigned servers)
{
    size_t cap = 8;
    while (cap < servers)
        cap *= 2;
    return cap;
}

static int grow_servers(sim_resource *res, size_t want)
{
    if (want <= res->cap_slots)
        return 0;
    size_t cap = res->cap_slots;
    while (cap < want)
        cap *= 2;
    if (cap >= UINT32_MAX)
        return -1;
    /* Each array is replaced only once its allocation succeeded, so a failure
     * leaves the pool consistent (some arrays merely larger than needed). */
    server *sv = array_grow(res, res->srv, res->cap_slots, cap, sizeof *sv);
    if (sv == NULL)
        return -1;
    res->srv = sv;
    if (line_move(res, &res->free_on, cap) != 0 || line_move(res, &res->free_oncall, cap) != 0)
        return -1;
    uint32_t *a = array_grow(res, res->retired, res->cap_slots, cap, sizeof *a);
    if (a == NULL)
        return -1;
    res->retired = a;
    res->cap_slots = cap;
    return 0;
}

/* A new server at index s, idle with the given duty, not yet in any line. */
static void init_server(sim_resource *res, uint32_t s, enum sim_duty duty)
{
    server *sv = &res->srv[s];
    memset(sv, 0, sizeof *sv);
    sv->since = now_of(res);
    sv->free_seq = res->next_free_seq++;
    sv->duty = (uint8_t)duty;
    sv->active = 1;
    res->headcount++;
    if (duty == SIM_DUTY_ON) {
        res->on_duty++;
        sim_timeavg_add(&res->on_duty_avg, now_of(res), 1.0);
    }
}

size_t sim_resource_footprint(size_t servers, size_t waiting)
{
    size_t per_server = sizeof(server) + 3 * sizeof(uint32_t); /* srv, two idle lines, retired */
    /* a waiting job's heap entry, and the withdrawn ones not yet dropped */
    return sizeof(sim_resource) + 64 /* name */ + 2 * servers * per_server + 2 * waiting * sizeof(sim_jobq_entry);
}

sim_resource *sim_resource_create(sim_t *sim, const char *name, unsigned servers,
                                  sim_job_start_fn *on_start, void *ctx, sim_err *err)
{
    SIM_CHECK(sim != NULL && name != NULL && on_start != NULL);
    size_t cap = initial_cap(servers);
    size_t head = (sizeof(sim_resource) + 63) / 64 * 64;
    size_t bytes = head + cap * sizeof(server) + 3 * cap * sizeof(uint32_t);
    char *rec = cap < UINT32_MAX ? sim_arena_alloc(sim, bytes) : NULL;
    if (rec == NULL) {
        sim_err_nomem(err, "creating a server pool");
        return NULL;
    }
    sim_resource *res = (sim_resource *)rec;
    res->record_size = bytes;
    res->cap_slots = cap;
    res->srv = (server *)(rec + head);
    res->free_on.a = (uint32_t *)(rec + head + cap * sizeof(server));
    res->free_oncall.a = res->free_on.a + cap;
    res->retired = res->free_oncall.a + cap;
    res->sim = sim;
    res->on_start = on_start;
    res->ctx = ctx;
    double t = sim_now(sim);
    sim_timeavg_init(&res->busy_avg, t, 0.0);
    sim_timeavg_init(&res->on_duty_avg, t, 0.0);
    sim_timeavg_init(&res->overtime_avg, t, 0.0);
    sim_timeavg_init(&res->queue_avg, t, 0.0);
    sim_tally_reset(&res->wait);
    res->name = sim_strdup(name);
    if (res->name == NULL) {
        sim_err_nomem(err, "creating a server pool");
        goto fail;
    }
    if (sim_add_reset_hook(sim, reset_stats, res) != SIM_OK) {
        sim_err_nomem(err, "creating a server pool");
        goto fail;
    }
    /* No job waits yet, so every server is parked in index order. */
    for (uint32_t s = 0; s < servers; s++) {
        init_server(res, s, SIM_DUTY_ON);
        line_append(res, &res->free_on, s);
    }
    res->n_slots = servers;
    return res;
fail:
    sim_free(res->name); /* the record itself goes with the kernel's arena */
    return NULL;
}

void sim_resource_destroy(sim_resource *res)
{
    if (res == NULL)
        return;
    sim_remove_reset_hook(res->sim, reset_stats, res);
    sim_free(res->name);
    array_free(res, res->srv);
    array_free(res, res->free_on.a);
    array_free(res, res->free_oncall.a);
    array_free(res, res->retired);
    sim_jobq_free(&res->urgent);
    sim_jobq_free(&res->normal);
}

int sim_resource_request(sim_resource *res, sim_job *job)
{
    SIM_CHECK(job->state == SIM_JOB_IDLE);
    SIM_CHECK(!isnan(job->key));
    int urgent = (job->flags & SIM_JOB_URGENT) != 0;
    job->seq = res->next_job_seq++;
    job->requested_at = now_of(res);
    job->server = -1;
    srv_line *l = NULL;
    if (res->free_on.n > 0)
        l = &res->free_on;
    else if (urgent && res->free_oncall.n > 0)
        l = &res->free_oncall;
    if (l != NULL) {
        SIM_ASSERT(sim_jobq_len(urgent ? &res->urgent : &res->normal) == 0);
        start(res, line_pop(res, l), job);
        return SIM_OK;
    }
    if (sim_jobq_push(urgent ? &res->urgent : &res->normal, job) != 0) {
        sim_fail(res->sim, SIM_ERR_RUNTIME, "%s: out of memory queueing a job", res->name);
        return SIM_ERR_RUNTIME;
    }
    job->state = SIM_JOB_WAITING;
    queue_changed(res);
    return SIM_OK;
}

void sim_resource_release(sim_resource *res, sim_job *job)
{
    SIM_CHECK(job->state == SIM_JOB_RUNNING && job->server >= 0 &&
              (size_t)job->server < res->n_slots && res->srv[job->server].job == job);
    uint32_t s = (uint32_t)job->server;
    server *sv = &res->srv[s];
    double t = now_of(res);
    flush_hours(res, sv);
    sv->job = NULL;
    res->busy--;
    sim_timeavg_add(&res->busy_avg, t, -1.0);
    if (sv->duty != SIM_DUTY_ON)
        sim_timeavg_add(&res->overtime_avg, t, -1.0);
    res->completed++;
    job->state = SIM_JOB_IDLE;
    job->server = -1;
    if (sv->retiring) {
        leave(res, s);
        return;
    }
    sv->free_seq = res->next_free_seq++;
    server_available(res, s);
}

void sim_resource_prefetch(const sim_resource *res, const sim_job *job)
{
#if defined(__GNUC__)
    /* The hot fields come first (see the struct); their lines. */
    for (size_t off = 0; off < offsetof(sim_resource, on_duty_avg); off += 64)
        __builtin_prefetch((const char *)res + off);
    /* The running job's server, where it sits while the pool's arrays are in
     * its record (computed without reading the record, which is not loaded yet;
     * for a pool that outgrew them the guess is merely wasted). */
    if (job != NULL && job->server >= 0)
        __builtin_prefetch((const char *)res + (sizeof(sim_resource) + 63) / 64 * 64 +
                           (size_t)job->server * sizeof(server));
#else
    (void)res;
    (void)job;
#endif
}

void sim_resource_prefetch_record(const sim_resource *res)
{
#if defined(__GNUC__)
    /* A pool of up to eight servers fits in this many lines; larger pools'
     * later servers load when met. Computed without reading the record, which
     * is not loaded yet (past a small record's end, a neighbour's loads). */
    enum { LINES = (((sizeof(sim_resource) + 63) / 64 * 64) + 8 * (sizeof(server) + 3 * sizeof(uint32_t)) + 63) / 64 };
    for (size_t i = 0; i < LINES; i++)
        __builtin_prefetch((const char *)res + 64 * i);
#else
    (void)res;
#endif
}

int sim_resource_withdraw(sim_resource *res, sim_job *job)
{
    if (job->state != SIM_JOB_WAITING)
        return 0;
    /* The flags, and with them the line, do not change while a job waits. */
    sim_jobq_withdraw((job->flags & SIM_JOB_URGENT) ? &res->urgent : &res->normal, job);
    job->state = SIM_JOB_IDLE;
    queue_changed(res);
    return 1;
}

/* Server sv's duty becomes `duty` (not its present one), a busy server's hours
 * closed under the old duty. An idle server must have left its line first; the
 * caller then makes it available. Returns the change of the on-duty count,
 * which the caller applies (on_duty_add), once for many servers if it likes. */
static int change_duty(sim_resource *res, server *sv, unsigned duty)
{
    int was_on = sv->duty == SIM_DUTY_ON, is_on = duty == SIM_DUTY_ON;
    if (sv->job != NULL) {
        flush_hours(res, sv);
        if (was_on != is_on)
            sim_timeavg_add(&res->overtime_avg, now_of(res), is_on ? -1.0 : 1.0);
    } else {
        SIM_ASSERT(!sv->retiring); /* a retiring server is busy until it leaves */
    }
    sv->duty = (uint8_t)duty;
    return is_on - was_on;
}

static void on_duty_add(sim_resource *res, int delta)
{
    if (delta == 0)
        return;
    res->on_duty = (unsigned)((int)res->on_duty + delta);
    sim_timeavg_add(&res->on_duty_avg, now_of(res), (double)delta);
}

void sim_resource_set_duty(sim_resource *res, unsigned server_ix, enum sim_duty duty)
{
    SIM_CHECK(server_ix < res->n_slots && res->srv[server_ix].active);
    SIM_CHECK(duty == SIM_DUTY_OFF || duty == SIM_DUTY_ONCALL || duty == SIM_DUTY_ON);
    server *sv = &res->srv[server_ix];
    if (sv->duty == duty)
        return;
    int idle = sv->job == NULL;
    if (idle)
        line_leave(res, server_ix);
    on_duty_add(res, change_duty(res, sv, duty));
    if (idle)
        server_available(res, server_ix);
}

void sim_resource_set_duties(sim_resource *res, const unsigned char *duty, unsigned n)
{
    SIM_CHECK(n <= res->n_slots);
    int on_delta = 0, dropped_on = 0, dropped_oncall = 0, waking = 0;
    /* Each changed idle server leaves its line (marked, all dropped in one
     * pass) and, if now on duty or on call, looks for work afterwards. */
    for (unsigned i = 0; i < n; i++) {
        if (duty[i] == SIM_DUTY_KEEP)
            continue;
        server *sv = &res->srv[i];
        SIM_CHECK(sv->active && duty[i] <= SIM_DUTY_ON);
        if (sv->duty == duty[i])
            continue;
        if (sv->job == NULL) {
            if (line_of(res, sv->duty) != NULL) {
                sv->mark |= MARK_DROP;
                dropped_on += sv->duty == SIM_DUTY_ON;
                dropped_oncall += sv->duty == SIM_DUTY_ONCALL;
            }
            if (duty[i] != SIM_DUTY_OFF) {
                sv->mark |= MARK_WAKE;
                waking++;
            }
        }
        on_delta += change_duty(res, sv, duty[i]);
    }
    on_duty_add(res, on_delta);
    if (dropped_on > 0)
        line_drop_marked(res, &res->free_on);
    if (dropped_oncall > 0)
        line_drop_marked(res, &res->free_oncall);
    for (unsigned i = 0; waking > 0 && i < n; i++) {
        if (res->srv[i].mark & MARK_WAKE) {
            res->srv[i].mark = 0;
            waking--;
            server_available(res, i);
        }
    }
}

enum sim_duty sim_resource_duty(const sim_resource *res, unsigned server_ix)
{
    SIM_CHECK(server_ix < res->n_slots);
    return (enum sim_duty)res->srv[server_ix].duty;
}

int sim_resource_hire(sim_resource *res, enum sim_duty duty)
{
    SIM_CHECK(duty == SIM_DUTY_OFF || duty == SIM_DUTY_ONCALL || duty == SIM_DUTY_ON);
    uint32_t s;
    if (res->n_retired > 0) {
        s = res->retired[--res->n_retired];
    } else {
        if (grow_servers(res, res->n_slots + 1) != 0) {
            sim_fail(res->sim, SIM_ERR_RUNTIME, "%s: out of memory hiring a server", res->name);
            return -1;
        }
        s = (uint32_t)res->n_slots++;
    }
    init_server(res, s, duty);
    server_available(res, s);
    return (int)s;
}

void sim_resource_retire(sim_resource *res, unsigned server_ix)
{
    SIM_CHECK(server_ix < res->n_slots && res->srv[server_ix].active &&
              !res->srv[server_ix].retiring);
    server *sv = &res->srv[server_ix];
    if (sv->job != NULL) {
        sv->retiring = 1;
        return;
    }
    line_leave(res, server_ix);
    leave(res, server_ix);
}

unsigned sim_resource_slots(const sim_resource *res) { return (unsigned)res->n_slots; }

int sim_resource_active(const sim_resource *res, unsigned server_ix)
{
    return server_ix < res->n_slots && res->srv[server_ix].active;
}

int sim_resource_leaving(const sim_resource *res, unsigned server_ix)
{
    return server_ix < res->n_slots && res->srv[server_ix].active && res->srv[server_ix].retiring;
}

unsigned sim_resource_headcount(const sim_resource *res) { return res->headcount; }
unsigned sim_resource_busy(const sim_resource *res) { return res->busy; }
unsigned sim_resource_on_duty(const sim_resource *res) { return res->on_duty; }

unsigned sim_resource_queued(const sim_resource *res) { return (unsigned)queued(res); }

const char *sim_resource_name(const sim_resource *res) { return res->name; }

sim_job *sim_resource_current(const sim_resource *res, unsigned server_ix)
{
    return server_ix < res->n_slots ? res->srv[server_ix].job : NULL;
}

void sim_resource_stats_get(const sim_resource *res, sim_resource_stats *out)
{
    double t = now_of(res);
    out->busy_hours = sim_timeavg_area(&res->busy_avg, t);
    out->on_duty_hours = sim_timeavg_area(&res->on_duty_avg, t);
    out->overtime_hours = sim_timeavg_area(&res->overtime_avg, t);
    out->mean_busy = sim_timeavg_mean(&res->busy_avg, t);
    out->mean_queue = sim_timeavg_mean(&res->queue_avg, t);
    out->max_queue = res->queue_avg.max;
    out->wait = res->wait;
    out->started = res->started;
    out->completed = res->completed;
}

void sim_resource_server_hours(const sim_resource *res, unsigned server_ix, double *busy_hours,
                               double *overtime_hours)
{
    SIM_CHECK(server_ix < res->n_slots);
    const server *sv = &res->srv[server_ix];
    double busy = sv->busy_h, over = sv->over_h;
    if (sv->job != NULL) {
        double dt = now_of(res) - sv->since;
        busy += dt;
        if (sv->duty != SIM_DUTY_ON)
            over += dt;
    }
    if (busy_hours != NULL)
        *busy_hours = busy;
    if (overtime_hours != NULL)
        *overtime_hours = over;
}
