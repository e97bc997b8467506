/*
 * gov_pool.c — staff pools: a kernel resource with, per server slot, when its
 * member was hired and what kind of member it is (gov_state.h). Changing a
 * pool's headcount is gov_staff.c's; who is on duty, gov_shift.c's.
 */
#include <math.h>
#include <string.h>

#include "gov_pool.h"
#include "sim_mem.h"

int gov_pool_grow_slots(gov_pool *p, unsigned want)
{
    if (want <= p->slots_cap)
        return 0;
    unsigned cap = p->slots_cap ? p->slots_cap : 4;
    while (cap < want)
        cap *= 2;
    double *h = sim_reallocarray(p->hired_at, cap, sizeof *h);
    if (h == NULL)
        return -1;
    p->hired_at = h;
    uint8_t *f = sim_reallocarray(p->slot_flags, cap, sizeof *f);
    if (f == NULL)
        return -1;
    p->slot_flags = f;
    for (unsigned i = p->slots_cap; i < cap; i++) {
        h[i] = -INFINITY;
        f[i] = 0;
    }
    p->slots_cap = cap;
    return 0;
}

static int register_pool(gov_model *m, gov_pool *p)
{
    gov_pool **a = sim_reallocarray(m->pools, m->n_pools + 1, sizeof *a);
    if (a == NULL)
        return -1;
    m->pools = a;
    a[m->n_pools++] = p;
    return 0;
}

int gov_pool_init(gov_model *m, gov_pool *p, const char *name, int role, int cls, uint32_t owner,
                  unsigned headcount, unsigned part_time, sim_job_start_fn *on_start)
{
    memset(p, 0, sizeof *p);
    p->role = (uint8_t)role;
    p->cls = (int8_t)cls;
    p->owner = owner;
    p->department = -1;
    p->base_headcount = headcount;
    p->last_hire = -INFINITY;
    p->res = sim_resource_create(m->sim, name, headcount, on_start, m, m->err);
    if (p->res == NULL)
        return SIM_ERR_RUNTIME;
    if (gov_pool_grow_slots(p, headcount ? headcount : 1) != 0 || register_pool(m, p) != 0) {
        sim_resource_destroy(p->res);
        p->res = NULL;
        return sim_err_nomem(m->err, "creating staff pools");
    }
    for (unsigned i = 0; i < part_time && i < headcount; i++)
        p->slot_flags[i] |= SLOT_PART_TIME;
    return SIM_OK;
}

void gov_pool_destroy(gov_pool *p)
{
    sim_resource_destroy(p->res);
    sim_free(p->hired_at);
    sim_free(p->slot_flags);
    p->res = NULL;
    p->hired_at = NULL;
    p->slot_flags = NULL;
}

double gov_pool_speed_factor(const gov_pool *p, int server, double now, const gov_config *cfg)
{
    if (!cfg->workforce.enabled || server < 0 || (unsigned)server >= p->slots_cap ||
        !(now - p->last_hire < cfg->workforce.learning_period))
        return 1.0;
    return now - p->hired_at[server] < cfg->workforce.learning_period ? cfg->workforce.learning_slowdown
                                                                      : 1.0;
}

static const char *const role_names[GOV_N_ROLES] = {"grid", "community", "street", "department",
                                                    "hotline", "volunteer", "property", "social"};
static const char *const class_names[GOV_N_CLASSES] = {"urban", "fringe", "rural"};

const char *gov_role_name(int role) { return role_names[role]; }

const char *gov_class_name(int cls) { return class_names[cls]; }
