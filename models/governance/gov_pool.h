/* gov_pool.h — staff pools (gov_pool.c). */
#ifndef GOV_POOL_H
#define GOV_POOL_H

#include "gov_state.h"

/* A pool named `name` of `headcount` members, the first part_time of them
 * part-time, registered in m->pools; its jobs start through on_start (the
 * case life cycle's). SIM_OK, or a status with a line in m->err. */
int gov_pool_init(gov_model *m, gov_pool *p, const char *name, int role, int cls, uint32_t owner,
                  unsigned headcount, unsigned part_time, sim_job_start_fn *on_start);
void gov_pool_destroy(gov_pool *p);
/* Room for `want` server slots in the per-slot arrays; 0, or -1 when memory is short. */
int gov_pool_grow_slots(gov_pool *p, unsigned want);
/* How much longer server's work takes now: the learning slowdown of a newcomer, or 1. */
double gov_pool_speed_factor(const gov_pool *p, int server, double now, const gov_config *cfg);

/* "grid", "community", ...: a role as the trace and the records name it. */
const char *gov_role_name(int role);
/* "urban", "fringe", "rural": an area class as files name it. */
const char *gov_class_name(int cls);

/* A loop over many pools (a shift change, the day's administrative tasks)
 * touches records that are cold: at pool i it starts loading pool i + 2 *
 * GOV_POOL_AHEAD's own fields, and pool i + GOV_POOL_AHEAD's kernel record and
 * slot flags (its fields, loaded by then, say where they are). */
#define GOV_POOL_AHEAD 4
static inline void gov_pool_prefetch(gov_pool *const *pools, size_t i, size_t n)
{
#if defined(__GNUC__)
    if (i + 2 * GOV_POOL_AHEAD < n) {
        __builtin_prefetch(pools[i + 2 * GOV_POOL_AHEAD]);
        __builtin_prefetch((const char *)pools[i + 2 * GOV_POOL_AHEAD] + 64);
    }
    if (i + GOV_POOL_AHEAD < n && pools[i + GOV_POOL_AHEAD]->res != NULL) {
        sim_resource_prefetch_record(pools[i + GOV_POOL_AHEAD]->res);
        __builtin_prefetch(pools[i + GOV_POOL_AHEAD]->slot_flags);
    }
#else
    (void)pools, (void)i, (void)n;
#endif
}

/* A member of the pool's staff: active and not on the way out. */
static inline int gov_pool_present(const gov_pool *p, unsigned i)
{
    return sim_resource_active(p->res, i) && !(p->slot_flags[i] & SLOT_LEAVING);
}

#endif
