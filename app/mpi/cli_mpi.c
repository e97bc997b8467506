/*
 * cli_mpi.c — one experiment over MPI ranks (govsim-mpi; cli.h, cli_dist).
 *
 * Work sharing is dynamic: rank 0 hands out task indices, in increasing order,
 * one to each thread that is idle, wherever it is. Static round-robin would be
 * simpler but a sweep's points differ in cost (more staff, more events; a
 * compare's scenarios too), and with a few tasks per rank the slowest rank
 * would set the pace; a hand-out costs one small message per replication,
 * nothing next to a replication's seconds. Results travel as sim_rep_encode()
 * lines and enter rank 0's experiment through sim_exp_deliver(), the same door
 * the journal uses, so the files are the serial program's bytes.
 *
 * Threads: only each rank's main thread calls MPI (MPI_THREAD_FUNNELED). It
 * runs a small loop — poll MPI, pass tasks and results between MPI and the
 * compute threads, sleep a millisecond when idle — while sim_exp_run() runs on
 * a thread of its own with hooks that take tasks from, and hand results to,
 * that loop. Rank 0 computes too; its threads take tasks directly.
 *
 * Messages (tag: payload):
 *   READY  worker -> 0: int, how many threads wait for a task
 *   TASKS  0 -> worker: task indices (unsigned long long); none: no more tasks
 *   STOP   0 -> worker: drop the tasks not started (rank 0 was interrupted)
 *   RESULT worker -> 0: one sim_rep_encode() line
 *   FINAL  worker -> 0: "STATUS TASK\n" + error lines, when the worker is done
 *   BYE    0 -> worker: nothing more will come (the worker drains what did)
 * then every rank takes part in one broadcast of the final status.
 *
 * Failures: a task failing anywhere stops the hand-out; tasks already handed
 * out still run (every task below the failing one was handed out before it), and
 * the failure with the lowest task index is reported, as in one process. A
 * worker that stops early (it was sent SIGTERM alone) gives its tasks not done
 * back, and rank 0 hands them to others.
 */
#include "cli_mpi.h"

#include <mpi.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_resume.h"
#include "sim_experiment.h"
#include "sim_journal.h"
#include "sim_mem.h"

enum { TAG_READY = 11, TAG_TASKS, TAG_STOP, TAG_RESULT, TAG_FINAL, TAG_BYE, TAG_AGREE };

#define MAX_BATCH 1024

static void nap(void)
{
    struct timespec t = {0, 1000000};
    nanosleep(&t, NULL);
}

/* Whether a message from `source` waits (its status in st); if none, a nap first. */
static int waiting(int source, MPI_Status *st)
{
    int flag = 0;
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, st);
    if (!flag)
        nap();
    return flag;
}

/* The final status from rank 0. Waiting by polling, not in a blocking call:
 * Open MPI spins in those, and a rank done early would take a core from ranks
 * still computing on the same node. */
static int final_status(int rc)
{
    MPI_Request req;
    MPI_Ibcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD, &req);
    for (int done = 0;;) {
        MPI_Test(&req, &done, MPI_STATUS_IGNORE);
        if (done)
            return rc;
        nap();
    }
}

static int stop_raised(void) { return atomic_load(cli_stop_flag()) != 0; }

/* Receive a probed message of chars into a NUL-terminated buffer (NULL: no memory;
 * the message is received all the same so the channel stays in order). */
static char *recv_text(const MPI_Status *st)
{
    int n = 0;
    MPI_Get_count(st, MPI_CHAR, &n);
    char *buf = sim_malloc((size_t)n + 1);
    char dummy;
    MPI_Recv(buf != NULL ? buf : &dummy, buf != NULL ? n : 0, MPI_CHAR, st->MPI_SOURCE, st->MPI_TAG,
             MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (buf != NULL)
        buf[n] = '\0';
    return buf;
}

/* Receive and forget a probed message, in the type it was sent with. */
static void discard(const MPI_Status *st)
{
    MPI_Datatype type = st->MPI_TAG == TAG_TASKS ? MPI_UNSIGNED_LONG_LONG
                        : st->MPI_TAG == TAG_RESULT || st->MPI_TAG == TAG_FINAL || st->MPI_TAG == TAG_AGREE
                            ? MPI_CHAR
                            : MPI_INT;
    int n = 0;
    MPI_Get_count(st, type, &n);
    if (type == MPI_CHAR) {
        sim_free(recv_text(st));
        return;
    }
    unsigned long long buf[MAX_BATCH];
    MPI_Recv(buf, n <= MAX_BATCH ? n : MAX_BATCH, type, st->MPI_SOURCE, st->MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
}

/* ---- agreement ---- */

static int mpi_agree(cli_dist *d, int rc, const char *manifest, sim_err *err)
{
    /* Rank 0's manifest against everyone's, in chunks so no rank allocates:
     * ranks that read other files (no shared file system, a stale copy) would
     * compute another experiment. */
    const unsigned long long none = ~0ull;
    unsigned long long len = d->rank == 0 ? (manifest != NULL ? strlen(manifest) : none) : 0;
    MPI_Bcast(&len, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    int differs = d->rank != 0 && manifest != NULL && len != none && strlen(manifest) != len;
    for (unsigned long long off = 0; len != none && off < len; off += 4096) {
        char chunk[4096];
        int n = (int)(len - off < sizeof chunk ? len - off : sizeof chunk);
        if (d->rank == 0)
            memcpy(chunk, manifest + off, (size_t)n);
        MPI_Bcast(chunk, n, MPI_CHAR, 0, MPI_COMM_WORLD);
        if (d->rank != 0 && manifest != NULL && !differs && memcmp(chunk, manifest + off, (size_t)n) != 0)
            differs = 1;
    }
    if (rc == SIM_OK && differs)
        rc = sim_err_add(err, SIM_ERR_INPUT,
                         "the scenario files read here differ from those rank 0 read: every rank "
                         "must see the same files (a shared file system)");
    /* Every status to rank 0, then the lines of the first failing worker when
     * rank 0 itself is fine (the same mistake on every rank is said once). */
    int *all = d->rank == 0 ? sim_calloc((size_t)d->size, sizeof *all) : NULL;
    MPI_Gather(&rc, 1, MPI_INT, all, 1, MPI_INT, 0, MPI_COMM_WORLD);
    int final = rc;
    if (d->rank == 0) {
        int shown = rc != SIM_OK;
        for (int r = 1; r < d->size; r++) {
            int st = all != NULL ? all[r] : SIM_ERR_RUNTIME;
            final = sim_err_worse(final, st);
            if (all == NULL || st == SIM_OK)
                continue;
            MPI_Status ps;
            MPI_Probe(r, TAG_AGREE, MPI_COMM_WORLD, &ps);
            char *text = recv_text(&ps);
            for (const char *p = text != NULL ? text : "(no memory for its message)"; *p && !shown;) {
                size_t n = strcspn(p, "\n");
                sim_err_add(err, st, "rank %d: %.*s", r, (int)n, p);
                p += n + (p[n] == '\n');
            }
            shown = 1;
            sim_free(text);
        }
        if (all == NULL)
            final = sim_err_worse(final, sim_err_nomem(err, "gathering the ranks' status"));
    } else if (rc != SIM_OK) {
        const char *t = sim_err_text(err);
        MPI_Send(t, (int)strlen(t), MPI_CHAR, 0, TAG_AGREE, MPI_COMM_WORLD);
    }
    sim_free(all);
    MPI_Bcast(&final, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (final != SIM_OK && d->rank == 0 && !sim_err_failed(err))
        err->status = final;
    return final;
}

/* ---- the compute thread ---- */

typedef struct compute {
    sim_exp *exp;
    sim_err err;
    int rc;
    atomic_int finished;
} compute;

static void *compute_main(void *arg)
{
    compute *c = arg;
    sim_err_init(&c->err);
    c->rc = sim_exp_run(c->exp, &c->err);
    atomic_store(&c->finished, 1);
    return NULL;
}

/* ---- rank 0 ---- */

typedef struct lead {
    pthread_mutex_t mu;
    sim_exp *exp;
    sim_journal *journal;
    size_t n_tasks, next;
    int *owner;           /* rank running a task, -1 none, -2 done */
    size_t *ran;          /* per rank: results received */
    int closed;           /* no more hand-out: failure or stop */
    size_t fail_task;     /* lowest failed task reported by a worker */
    int fail_status;
    char fail_text[SIM_ERR_BUFSZ];
} lead;

/* Next task for `rank`, lock held. */
static int hand_out(lead *l, int rank, size_t *task)
{
    if (l->closed)
        return 0;
    while (l->next < l->n_tasks && l->owner[l->next] != -1)
        l->next++;
    if (l->next == l->n_tasks)
        return 0;
    l->owner[l->next] = rank;
    *task = l->next++;
    return 1;
}

static int lead_take(void *ctx, size_t *task)
{
    lead *l = ctx;
    pthread_mutex_lock(&l->mu);
    int ok = hand_out(l, 0, task);
    pthread_mutex_unlock(&l->mu);
    return ok;
}

static void mark_done(lead *l, int rank, size_t task)
{
    pthread_mutex_lock(&l->mu);
    if (l->owner != NULL)
        l->owner[task] = -2;
    if (l->ran != NULL)
        l->ran[rank]++;
    pthread_mutex_unlock(&l->mu);
}

static int lead_finished(void *ctx, size_t task, const sim_rep_result *res, sim_err *err)
{
    lead *l = ctx;
    int rc = l->journal != NULL ? sim_journal_record(l->journal, task, res, err) : SIM_OK;
    if (rc == SIM_OK)
        mark_done(l, 0, task);
    return rc;
}

static void lead_fail(lead *l, size_t task, int status, const char *text)
{
    pthread_mutex_lock(&l->mu);
    l->closed = 1;
    if (task < l->fail_task || l->fail_status == SIM_OK) {
        l->fail_task = task;
        l->fail_status = status;
        snprintf(l->fail_text, sizeof l->fail_text, "%s", text);
    }
    pthread_mutex_unlock(&l->mu);
}

/* A result line from a worker: journal, then count it. */
static void lead_result(lead *l, int from, char *line)
{
    sim_err e;
    sim_err_init(&e);
    size_t task = SIZE_MAX;
    sim_rep_result *res = NULL;
    if (line == NULL)
        sim_err_nomem(&e, "receiving a result");
    else if (sim_rep_decode_task(line, &task, &e) == SIM_OK && task >= l->n_tasks)
        sim_err_add(&e, SIM_ERR_RUNTIME, "rank %d sent task %zu of %zu", from, task, l->n_tasks);
    if (!sim_err_failed(&e) && (res = sim_exp_result_new(l->exp, task, &e)) != NULL &&
        sim_rep_decode(sim_exp_ops(l->exp)->desc, line, res, &e) == SIM_OK &&
        (l->journal == NULL || sim_journal_append(l->journal, line, &e) == SIM_OK)) {
        if (sim_exp_deliver(l->exp, task, res, &e) == SIM_OK)
            mark_done(l, from, task);
        res = NULL;
    }
    sim_exp_result_free(l->exp, res);
    if (sim_err_failed(&e))
        lead_fail(l, task, e.status == SIM_ERR_INPUT ? SIM_ERR_RUNTIME : e.status, sim_err_text(&e));
    sim_free(line);
}

static void lead_final(lead *l, int from, char *text)
{
    int status = SIM_ERR_RUNTIME;
    unsigned long long task = SIZE_MAX;
    const char *lines = "a worker could not report";
    if (text != NULL && sscanf(text, "%d %llu", &status, &task) == 2)
        lines = strchr(text, '\n') != NULL ? strchr(text, '\n') + 1 : "";
    if (status != SIM_OK && status != SIM_ERR_INTERRUPTED)
        lead_fail(l, (size_t)task, status, lines);
    /* What it was given and did not finish goes back to the pool. */
    pthread_mutex_lock(&l->mu);
    for (size_t t = 0; l->owner != NULL && t < l->n_tasks; t++)
        if (l->owner[t] == from) {
            l->owner[t] = -1;
            if (t < l->next)
                l->next = t;
        }
    pthread_mutex_unlock(&l->mu);
    sim_free(text);
}

/* Rank 0's loop: hand out tasks, take results, until every task is done or
 * one failed. Long (about 100 lines) on purpose: it is the protocol's one
 * receive loop, and each kind of message is answered where it is received, so
 * the order of sends and receives reads from top to bottom (the protocol is
 * described at the top of the file). */
static int run_lead(cli_dist *d, sim_exp *exp, sim_journal *j, sim_err *err)
{
    lead l = {.mu = PTHREAD_MUTEX_INITIALIZER};
    l.exp = exp;
    l.journal = j;
    l.n_tasks = sim_exp_tasks(exp);
    l.fail_task = SIZE_MAX;
    l.owner = sim_malloc(l.n_tasks * sizeof *l.owner);
    char *active = sim_malloc((size_t)d->size);
    l.ran = sim_calloc((size_t)d->size, sizeof *l.ran);
    int rc = SIM_OK;
    if (l.owner == NULL || active == NULL || l.ran == NULL) {
        rc = sim_err_nomem(err, "sharing out the replications");
        l.closed = 1; /* the workers are still served, with nothing to do */
    }
    for (int r = 0; active != NULL && r < d->size; r++)
        active[r] = r > 0;
    for (size_t t = 0; l.owner != NULL && t < l.n_tasks; t++)
        l.owner[t] = sim_exp_task_done(exp, t) ? -2 : -1;
    sim_exp_hooks hooks = {&l, lead_take, lead_finished, 0};
    sim_exp_set_hooks(exp, &hooks);
    compute c = {exp, {0}, SIM_OK, 0};
    pthread_t tid;
    int started = rc == SIM_OK && pthread_create(&tid, NULL, compute_main, &c) == 0;
    if (!started)
        atomic_store(&c.finished, 1);
    int n_active = d->size - 1, stopped = 0;
    while (n_active > 0 || !atomic_load(&c.finished)) {
        if (!stopped && (stop_raised() || sim_exp_halted(exp))) {
            pthread_mutex_lock(&l.mu);
            l.closed = 1;
            pthread_mutex_unlock(&l.mu);
            if (stop_raised()) {
                stopped = 1;
                int z = 0;
                for (int r = 1; r < d->size; r++)
                    if (active == NULL || active[r])
                        MPI_Send(&z, 1, MPI_INT, r, TAG_STOP, MPI_COMM_WORLD);
            }
        }
        MPI_Status st;
        if (!waiting(MPI_ANY_SOURCE, &st))
            continue;
        int from = st.MPI_SOURCE;
        if (st.MPI_TAG == TAG_READY) {
            int want = 0;
            MPI_Recv(&want, 1, MPI_INT, from, TAG_READY, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            unsigned long long batch[MAX_BATCH];
            int n = 0;
            pthread_mutex_lock(&l.mu);
            for (size_t t; n < want && n < MAX_BATCH && hand_out(&l, from, &t);)
                batch[n++] = t;
            pthread_mutex_unlock(&l.mu);
            MPI_Send(batch, n, MPI_UNSIGNED_LONG_LONG, from, TAG_TASKS, MPI_COMM_WORLD);
        } else if (st.MPI_TAG == TAG_RESULT) {
            lead_result(&l, from, recv_text(&st));
        } else if (st.MPI_TAG == TAG_FINAL) {
            lead_final(&l, from, recv_text(&st));
            int z = 0;
            MPI_Send(&z, 1, MPI_INT, from, TAG_BYE, MPI_COMM_WORLD);
            if (active != NULL)
                active[from] = 0;
            n_active--;
        } else {
            discard(&st);
        }
    }
    if (started)
        pthread_join(tid, NULL);
    sim_exp_set_hooks(exp, NULL);
    /* The lowest failing task, local or remote. */
    size_t local = sim_exp_failed_task(exp);
    if (rc != SIM_OK) {
        /* reported above */
    } else if (c.rc != SIM_OK && c.rc != SIM_ERR_INTERRUPTED && (local <= l.fail_task || l.fail_status == SIM_OK)) {
        const char *t = sim_err_text(&c.err);
        for (const char *p = t; *p;) {
            size_t n = strcspn(p, "\n");
            sim_err_add(err, c.rc, "%.*s", (int)n, p);
            p += n + (p[n] == '\n');
        }
        rc = c.rc;
    } else if (l.fail_status != SIM_OK) {
        for (const char *p = l.fail_text; *p;) {
            size_t n = strcspn(p, "\n");
            sim_err_add(err, l.fail_status, "%.*s", (int)n, p);
            p += n + (p[n] == '\n');
        }
        rc = l.fail_status;
    } else if (sim_exp_tasks_done(exp) < l.n_tasks) {
        rc = SIM_ERR_INTERRUPTED;
    }
    /* How the work was shared, for whoever sizes the next job. */
    if (!d->quiet && l.ran != NULL && d->size > 1) {
        fprintf(stderr, "govsim: replications run per rank:");
        for (int r = 0; r < d->size; r++)
            fprintf(stderr, " %zu", l.ran[r]);
        fprintf(stderr, "\n");
    }
    pthread_mutex_destroy(&l.mu);
    sim_free(l.owner);
    sim_free(l.ran);
    sim_free(active);
    return final_status(rc);
}

/* ---- other ranks ---- */

typedef struct outline {
    struct outline *next;
    char *line;
} outline;

typedef struct worker {
    pthread_mutex_t mu;
    pthread_cond_t cv;      /* queue or closed changed (compute threads wait) */
    unsigned long long *queue;
    size_t head, tail, cap; /* queued tasks: queue[head..tail) */
    int waiting;            /* compute threads waiting for a task */
    int asked;              /* a READY is unanswered */
    int closed;             /* no more tasks will come */
    outline *out, **out_end;
    const sim_model_desc *desc;
} worker;

static int worker_take(void *ctx, size_t *task)
{
    worker *w = ctx;
    pthread_mutex_lock(&w->mu);
    w->waiting++;
    while (w->head == w->tail && !w->closed)
        pthread_cond_wait(&w->cv, &w->mu);
    w->waiting--;
    int ok = w->head < w->tail;
    if (ok)
        *task = (size_t)w->queue[w->head++];
    pthread_mutex_unlock(&w->mu);
    return ok;
}

static int worker_finished(void *ctx, size_t task, const sim_rep_result *res, sim_err *err)
{
    worker *w = ctx;
    outline *o = sim_calloc(1, sizeof *o);
    if (o == NULL)
        return sim_err_nomem(err, "sending a result");
    int rc = sim_rep_encode(w->desc, task, res, &o->line, err);
    if (rc != SIM_OK) {
        sim_free(o);
        return rc;
    }
    pthread_mutex_lock(&w->mu);
    *w->out_end = o;
    w->out_end = &o->next;
    pthread_mutex_unlock(&w->mu);
    return SIM_OK;
}

static void worker_close(worker *w, int drop)
{
    pthread_mutex_lock(&w->mu);
    w->closed = 1;
    if (drop)
        w->head = w->tail;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

/* A worker rank's loop: ask for tasks, run them on its threads, send results.
 * Long (about 110 lines) on purpose, for the reason given at run_lead: the
 * messages it sends and receives read in protocol order. */
static int run_worker(cli_dist *d, sim_exp *exp, sim_err *err)
{
    (void)d;
    worker w = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
    w.out_end = &w.out;
    w.desc = sim_exp_ops(exp)->desc;
    w.cap = MAX_BATCH;
    w.queue = sim_malloc(w.cap * sizeof *w.queue);
    int rc = SIM_OK, ready = w.queue != NULL;
    if (!ready)
        rc = sim_err_nomem(err, "waiting for replications");
    sim_exp_hooks hooks = {&w, worker_take, worker_finished, 1};
    sim_exp_set_hooks(exp, &hooks);
    compute c = {exp, {0}, SIM_OK, 0};
    pthread_t tid;
    int started = ready && pthread_create(&tid, NULL, compute_main, &c) == 0;
    if (!started) {
        atomic_store(&c.finished, 1);
        if (rc == SIM_OK)
            rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot start a thread");
    }
    int closed_here = 0;
    for (;;) {
        /* Results out first: rank 0 counts them as they come. */
        outline *o = NULL;
        int want = 0, finished = atomic_load(&c.finished);
        if (ready) {
            pthread_mutex_lock(&w.mu);
            o = w.out;
            w.out = NULL;
            w.out_end = &w.out;
            if (!w.closed && !w.asked && w.waiting > (int)(w.tail - w.head)) {
                want = w.waiting - (int)(w.tail - w.head);
                w.asked = 1;
            }
            pthread_mutex_unlock(&w.mu);
        }
        for (outline *next; o != NULL; o = next) {
            next = o->next;
            MPI_Send(o->line, (int)strlen(o->line), MPI_CHAR, 0, TAG_RESULT, MPI_COMM_WORLD);
            sim_free(o->line);
            sim_free(o);
        }
        if (finished)
            break;
        if (want > 0)
            MPI_Send(&want, 1, MPI_INT, 0, TAG_READY, MPI_COMM_WORLD);
        /* Interrupted here, or a task failed here: take no more. */
        if (!closed_here && (stop_raised() || sim_exp_halted(exp))) {
            closed_here = 1;
            worker_close(&w, 1);
        }
        MPI_Status st;
        if (!waiting(0, &st))
            continue;
        if (st.MPI_TAG == TAG_TASKS) {
            int n = 0;
            MPI_Get_count(&st, MPI_UNSIGNED_LONG_LONG, &n);
            unsigned long long batch[MAX_BATCH];
            MPI_Recv(batch, MAX_BATCH, MPI_UNSIGNED_LONG_LONG, 0, TAG_TASKS, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            pthread_mutex_lock(&w.mu);
            w.asked = 0;
            if (n == 0)
                w.closed = 1;
            /* At most one task per waiting thread is ever asked for: it fits. */
            memmove(w.queue, w.queue + w.head, (w.tail - w.head) * sizeof *w.queue);
            w.tail -= w.head;
            w.head = 0;
            for (int i = 0; i < n && !w.closed && w.tail < w.cap; i++)
                w.queue[w.tail++] = batch[i];
            pthread_cond_broadcast(&w.cv);
            pthread_mutex_unlock(&w.mu);
        } else if (st.MPI_TAG == TAG_STOP) {
            int z;
            MPI_Recv(&z, 1, MPI_INT, 0, TAG_STOP, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            worker_close(&w, 1);
        } else {
            discard(&st);
        }
    }
    if (started)
        pthread_join(tid, NULL);
    sim_exp_set_hooks(exp, NULL);
    if (rc == SIM_OK)
        rc = c.rc;
    /* "STATUS TASK\n" and the lines of the failure. */
    char final[SIM_ERR_BUFSZ + 64];
    const sim_err *fe = rc == c.rc ? &c.err : err;
    snprintf(final, sizeof final, "%d %llu\n%s", rc,
             (unsigned long long)(rc == c.rc ? sim_exp_failed_task(exp) : 0), sim_err_text(fe));
    MPI_Send(final, (int)strlen(final), MPI_CHAR, 0, TAG_FINAL, MPI_COMM_WORLD);
    /* Drain what rank 0 sent before it read FINAL (an answer, a STOP) up to BYE. */
    for (int bye = 0; !bye;) {
        MPI_Status st;
        if (!waiting(0, &st))
            continue;
        discard(&st);
        bye = st.MPI_TAG == TAG_BYE;
    }
    pthread_cond_destroy(&w.cv);
    pthread_mutex_destroy(&w.mu);
    sim_free(w.queue);
    return final_status(SIM_OK);
}

static int mpi_run(cli_dist *d, struct sim_exp *exp, struct sim_journal *j, sim_err *err)
{
    return d->rank == 0 ? run_lead(d, exp, j, err) : run_worker(d, exp, err);
}

int cli_mpi_dist(cli_dist *d)
{
    memset(d, 0, sizeof *d);
    MPI_Comm_rank(MPI_COMM_WORLD, &d->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &d->size);
    d->agree = mpi_agree;
    d->run = mpi_run;
    return SIM_OK;
}
