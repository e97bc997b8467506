/*
 * sim_calendar_pf.c — prefetching the calendar's next events. In a large
 * model every event's records are cold, and a miss costs hundreds of
 * instructions' time: the calendar knows which events come next and starts
 * loading their slots, bodies and targets ahead of time, in stages, each
 * reading only what the stage before has loaded. Prefetches are hints: a wrong
 * guess loads a line for nothing and never changes the order of events.
 */
#include "sim_calendar_int.h"

/* The next buckets of a rung are taken soon, and their events' records are
 * cold (a bucket list is otherwise a chain of cache misses). In three stages,
 * each reading only what the one before has loaded: PREFETCH_BUCKETS
 * non-empty buckets ahead the first event's slot and body, half as far the
 * second's and the first's target, a quarter as far the second's target.
 * Distances count non-empty buckets (a rung may have several empty ones per
 * event), approximately: a bucket taken counts as one less for every stage
 * that has passed it. The stages are macros: a function that only prefetches
 * may be deemed pure by GCC and its call dropped. */
#if defined(__GNUC__)
#define PF_STAGE(cal, r, k, dist, body_stmt)                                           \
    do {                                                                               \
        if ((r)->pf[k] < (r)->cur) {                                                   \
            (r)->pf[k] = (r)->cur;                                                     \
            (r)->pf_n[k] = 0;                                                          \
        }                                                                              \
        for (; (r)->pf[k] < (r)->nb && (r)->pf_n[k] < (dist); (r)->pf[k]++) {          \
            uint32_t h_ = (r)->head[(r)->pf[k]];                                       \
            if (h_ != NONE) {                                                          \
                uint32_t n_ = (cal)->slots[h_].next;                                   \
                (void)n_;                                                              \
                body_stmt;                                                             \
                (r)->pf_n[k]++;                                                        \
            }                                                                          \
        }                                                                              \
    } while (0)
#define PREFETCH_AHEAD(cal, r, taken)                                                  \
    do {                                                                               \
        for (int k_ = 0; k_ < 3; k_++)                                                 \
            if ((r)->pf[k_] > (taken) && (r)->pf_n[k_] > 0)                            \
                (r)->pf_n[k_]--;                                                       \
        PF_STAGE(cal, r, 0, PREFETCH_BUCKETS, {                                        \
            __builtin_prefetch(&(cal)->slots[h_]);                                     \
            __builtin_prefetch(&(cal)->bodies[h_]);                                    \
        });                                                                            \
        PF_STAGE(cal, r, 1, PREFETCH_BUCKETS / 2, {                                    \
            __builtin_prefetch((cal)->bodies[h_].target);                              \
            if (n_ != NONE) {                                                          \
                __builtin_prefetch(&(cal)->slots[n_]);                                 \
                __builtin_prefetch(&(cal)->bodies[n_]);                                \
            }                                                                          \
        });                                                                            \
        PF_STAGE(cal, r, 2, PREFETCH_BUCKETS / 4, {                                    \
            if (n_ != NONE)                                                            \
                __builtin_prefetch((cal)->bodies[n_].target);                          \
        });                                                                            \
    } while (0)
#endif

void sim_cal_prefetch_ahead(sim_calendar *cal, rung *r, size_t taken)
{
#if defined(__GNUC__)
    PREFETCH_AHEAD(cal, r, taken);
#else
    (void)cal;
    (void)r;
    (void)taken;
#endif
}

/*
 * Software pipelining over the next events, whose records are usually cold in
 * a large calendar. With e1, e2, e3 the next three events in the bottom heap
 * (e1 is its root, e2 the least of the root's children, e3 the least of the
 * other children and of e2's), the body of e3 and the target of e2 (its body
 * was loaded a pop ago) start loading now; the kernel's lookahead then works on
 * e1, whose target was loaded a pop ago. So an event's records have had about
 * two events' time to arrive when it runs. An event pushed in between only
 * makes a guess wrong.
 */
void sim_cal_pipeline(const sim_calendar *cal)
{
#if defined(__GNUC__)
    const node *h = cal->nodes;
    size_t n = cal->n;
    if (n < 2)
        return;
    size_t e2 = 1, end = 1 + ARITY < n ? 1 + ARITY : n;
    for (size_t c = 2; c < end; c++)
        if (node_less(&h[c], &h[e2]))
            e2 = c;
    size_t e3 = SIZE_MAX;
    for (size_t c = 1; c < end; c++)
        if (c != e2 && (e3 == SIZE_MAX || node_less(&h[c], &h[e3])))
            e3 = c;
    size_t first = ARITY * e2 + 1, last = first + ARITY < n ? first + ARITY : n;
    for (size_t c = first; c < last; c++)
        if (e3 == SIZE_MAX || node_less(&h[c], &h[e3]))
            e3 = c;
    if (e3 != SIZE_MAX)
        __builtin_prefetch(&cal->bodies[node_slot(&h[e3])]);
    __builtin_prefetch(cal->bodies[node_slot(&h[e2])].target);
#else
    (void)cal;
#endif
}
