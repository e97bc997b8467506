/*
 * gov_wheel.c — the timers of residents' patience (what residents then do:
 * gov_contact.c, through gov_model.on_patience).
 *
 * Every case has a patience timer from birth, but most cases are closed long
 * before it runs out (patience averages days, most cases take hours). One
 * kernel event per case would be scheduled, cancelled and carried through the
 * calendar as a dead event: at a megacity's 26 million cases a year, a tenth of
 * the run. So a timer first waits in a wheel of hour-wide buckets as an 8-byte
 * entry (case record, generation). Once an hour the bucket of the hour that
 * begins is swept, and only for cases still open (the record's generation is
 * unchanged) is the kernel event scheduled, at the exact time drawn. A closed
 * case's entry is skipped without reading its record: the generations are a
 * small array of their own. The timer fires at the same time as a kernel event
 * scheduled at birth would (ties between events at the very same time apart).
 * Timers beyond the wheel, and those due within the hour already swept, go to
 * the kernel at once.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "gov_mem.h"
#include "gov_wheel.h"
#include "sim_mem.h"

#define WHEEL_HOURS 256 /* a power of two; later timers go to the kernel at once */

typedef struct wheel_entry {
    uint32_t ix, gen; /* case record and its generation when armed */
} wheel_entry;

typedef struct bucket {
    wheel_entry *e;
    size_t n, cap;
} bucket;

struct gov_patience {
    bucket b[WHEEL_HOURS];
    double swept_until; /* hours before this have been swept (an integer) */
};

static void timer_fire(sim_t *sim, void *target, sim_payload p);

int gov_patience_init(gov_model *m)
{
    m->patience = sim_calloc(1, sizeof *m->patience);
    if (m->patience == NULL)
        return sim_err_nomem(m->err, "setting up residents' patience");
    return SIM_OK;
}

void gov_patience_destroy(gov_model *m)
{
    if (m->patience == NULL)
        return;
    for (size_t i = 0; i < WHEEL_HOURS; i++)
        sim_free(m->patience->b[i].e);
    sim_free(m->patience);
    m->patience = NULL;
}

/* The resident's patience runs out at time `at` (>= now) unless the case is
 * closed first. */
void gov_patience_arm(gov_model *m, gov_case *c, double at)
{
    gov_patience *w = m->patience;
    double hour = floor(at);
    c->timer = SIM_NO_EVENT;
    if (hour >= w->swept_until && hour < w->swept_until + WHEEL_HOURS) {
        bucket *b = &w->b[(size_t)hour & (WHEEL_HOURS - 1)];
        if (b->n == b->cap) {
            size_t cap = b->cap ? 2 * b->cap : 64;
            wheel_entry *e = sim_reallocarray(b->e, cap, sizeof *e);
            if (e == NULL) {
                sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory for residents' patience");
                return;
            }
            b->e = e;
            b->cap = cap;
        }
        c->timer_at = at;
        b->e[b->n].ix = c->ix;
        b->e[b->n++].gen = m->case_gen[c->ix];
        return;
    }
    c->timer = sim_schedule(m->sim, at, timer_fire, c, sim_payload_p(m));
}

/* The hour that begins now: hand its still-open cases' timers to the kernel. */
static void sweep(sim_t *sim, void *target, sim_payload p)
{
    (void)p;
    gov_model *m = target;
    gov_patience *w = m->patience;
    double now = sim_now(sim);
    bucket *b = &w->b[(size_t)now & (WHEEL_HOURS - 1)];
    w->swept_until = now + 1.0;
    for (size_t i = 0; i < b->n; i++) {
        wheel_entry e = b->e[i];
        if (m->case_gen[e.ix] != e.gen)
            continue; /* closed since */
        gov_case *c = gov_case_at(m, e.ix);
        c->timer = sim_schedule(sim, c->timer_at, timer_fire, c, sim_payload_p(m));
    }
    b->n = 0;
    if (now + 1.0 <= m->cfg->horizon)
        sim_schedule(sim, now + 1.0, sweep, m, sim_payload_none());
}

sim_handler_fn *gov_patience_handler(void) { return timer_fire; }

int gov_patience_start(gov_model *m)
{
    return sim_schedule(m->sim, 0.0, sweep, m, sim_payload_none()) == SIM_NO_EVENT ? SIM_ERR_RUNTIME
                                                                                   : SIM_OK;
}

static void timer_fire(sim_t *sim, void *target, sim_payload p)
{
    (void)sim;
    gov_model *m = p.p;
    gov_case *c = target;
    c->timer = SIM_NO_EVENT;
    m->on_patience(m, c);
}
