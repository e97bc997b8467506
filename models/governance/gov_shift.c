/*
 * gov_shift.c — shifts: which members of a pool are on duty, on call or off,
 * and the boundaries at which that changes.
 *
 * A role's duty shares (full-timers, part-timers of each area class) are
 * piecewise constant in time; they change only at the boundaries of its
 * schedule's blocks. At a boundary a pool's duties are set again only if the
 * shares of its class changed: the assignment is a function of the shares and
 * of the pool's members, and every change of members (hire, retire, quit,
 * sinking) sets the pool's duties at once. So a boundary costs in proportion to
 * the pools it changes, not to every server of the role (a Beijing-scale region
 * has about 100,000 staff in 23,000 pools; most boundaries, e.g. the end of
 * another class's part-time share, change few of them).
 */
#include <math.h>

#include "gov_pool.h"
#include "gov_shift.h"
#include "sim_mem.h"

#define HOURS_PER_WEEK 168.0

/* The pools of each shift group (a role; volunteers follow the community
 * schedule), in registration order, with the class whose shares apply. */
enum { GROUP_GRID, GROUP_COMMUNITY, GROUP_STREET, GROUP_DEPARTMENT, GROUP_HOTLINE, N_GROUPS };

static const int group_role[N_GROUPS] = {ROLE_GRID, ROLE_COMMUNITY, ROLE_STREET, ROLE_DEPARTMENT,
                                          ROLE_HOTLINE};

static int group_of(int role)
{
    switch (role) {
    case ROLE_GRID: return GROUP_GRID;
    case ROLE_STREET: return GROUP_STREET;
    case ROLE_DEPARTMENT: return GROUP_DEPARTMENT;
    case ROLE_HOTLINE: return GROUP_HOTLINE;
    default: return GROUP_COMMUNITY; /* community workers and volunteers */
    }
}

enum { ENTRY_PART_TIMERS = 0x80, ENTRY_CLASS = 0x7f };

struct gov_shifts {
    gov_pool **pools[N_GROUPS];
    gov_pool **todo; /* a boundary's pools to set, loaded a few ahead (room for the largest group) */
    unsigned char *duty; /* a pool's new duties, one per server (room for duty_cap) */
    size_t duty_cap;
    /* Per pool: the class whose part-time share applies (0 for shared pools),
     * | ENTRY_PART_TIMERS if the pool may have part-timers. Only grid workers
     * are part-time (gov_region.c, hire() in gov_staff.c); a change of the
     * part-timers' share alone leaves every other pool as it is. */
    uint8_t *entry[N_GROUPS];
    size_t n[N_GROUPS];
    /* Shares each class of the group was last set to at a boundary; NaN: unknown. */
    double full[N_GROUPS][GOV_N_CLASSES], part[N_GROUPS][GOV_N_CLASSES];
};

/* The class whose part-time share applies to a pool (0 for shared pools). */
static int class_of(const gov_pool *p) { return p->cls >= 0 ? p->cls : 0; }

static const gov_schedule_cfg *schedule_of(const gov_model *m, int role)
{
    const gov_schedules_cfg *s = &m->cfg->shifts;
    switch (role) {
    case ROLE_GRID: return &s->grid;
    case ROLE_STREET: return &s->street;
    case ROLE_DEPARTMENT: return &s->department;
    case ROLE_HOTLINE: return &s->hotline;
    default: return &s->community; /* community workers and volunteers */
    }
}

static double shift_len(const gov_shift_cfg *sh)
{
    return sh->end > sh->start ? sh->end - sh->start : sh->end + 24.0 - sh->start;
}

/* The (block, day) pairs of a schedule, block by block and Monday first: the
 * days a block works. */
typedef struct block_day {
    const gov_shift_cfg *sh;
    int day;
    double len;
} block_day;

static int next_block_day(const gov_schedule_cfg *s, size_t *k, block_day *out)
{
    for (; *k < s->n_shifts * 7; (*k)++) {
        const gov_shift_cfg *sh = &s->shifts[*k / 7];
        int day = (int)(*k % 7);
        if (sh->days & (1u << day)) {
            *out = (block_day){sh, day, shift_len(sh)};
            (*k)++;
            return 1;
        }
    }
    return 0;
}

/* Share on duty at time t for full-timers and part-timers (who work the first
 * part_share of each block). */
static void duty_shares(const gov_schedule_cfg *s, double part_share, double t, double *full,
                        double *part)
{
    double hw = fmod(t, HOURS_PER_WEEK);
    *full = *part = 0.0;
    block_day b;
    for (size_t k = 0; next_block_day(s, &k, &b);) {
        const gov_shift_cfg *sh = b.sh;
        for (int wrap = 0; wrap < 2; wrap++) {
            double a = b.day * 24.0 + sh->start - wrap * HOURS_PER_WEEK;
            if (hw >= a && hw < a + b.len && sh->on_duty_share > *full)
                *full = sh->on_duty_share;
            if (hw >= a && hw < a + b.len * part_share && sh->on_duty_share > *part)
                *part = sh->on_duty_share;
        }
    }
}

static unsigned at_least_one(double share, unsigned n)
{
    if (share <= 0.0 || n == 0)
        return 0;
    unsigned k = (unsigned)lround(share * n);
    return k == 0 ? 1 : (k > n ? n : k);
}

static double part_share_of(const gov_model *m, int cls)
{
    return m->policy[cls]->staffing.part_time_hours_share;
}

/* Room for the duties of a pool of `slots` servers; NULL when memory is short. */
static unsigned char *duty_room(gov_shifts *sh, unsigned slots)
{
    if (slots > sh->duty_cap) {
        size_t cap = sh->duty_cap ? sh->duty_cap : 64;
        while (cap < slots)
            cap *= 2;
        unsigned char *d = sim_reallocarray(sh->duty, cap, 1);
        if (d == NULL)
            return NULL;
        sh->duty = d;
        sh->duty_cap = cap;
    }
    return sh->duty;
}

/* Set every member's duty for the given shares: the first full-timers (by
 * index) and the first part-timers on duty, then some of the rest on call
 * outside every block. All members at once (sim_resource_set_duties): at a
 * boundary most of a pool changes together. */
static void apply(gov_model *m, gov_pool *p, const gov_schedule_cfg *s, double full, double part)
{
    enum { ABSENT = SIM_DUTY_KEEP, FULL_TIME = 0, PART_TIME = 1 };
    unsigned slots = sim_resource_slots(p->res), n_full = 0, n_part = 0;
    unsigned char *duty = duty_room(m->shifts, slots);
    if (duty == NULL) {
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory setting duties");
        return;
    }
    /* First who is present, and as what. */
    for (unsigned i = 0; i < slots; i++) {
        if (!gov_pool_present(p, i)) {
            duty[i] = ABSENT;
        } else if (p->slot_flags[i] & SLOT_PART_TIME) {
            duty[i] = PART_TIME;
            n_part++;
        } else {
            duty[i] = FULL_TIME;
            n_full++;
        }
    }
    unsigned on_full = at_least_one(full, n_full), on_part = at_least_one(part, n_part);
    unsigned on_call = full == 0.0 ? at_least_one(s->on_call_share, n_full + n_part) : 0;
    for (unsigned i = 0; i < slots; i++) {
        if (duty[i] == ABSENT)
            continue;
        enum sim_duty d = SIM_DUTY_OFF;
        if (duty[i] == FULL_TIME && on_full > 0) {
            on_full--;
            d = SIM_DUTY_ON;
        } else if (duty[i] == PART_TIME && on_part > 0) {
            on_part--;
            d = SIM_DUTY_ON;
        } else if (on_call > 0) {
            on_call--;
            d = SIM_DUTY_ONCALL;
        }
        duty[i] = (unsigned char)d;
    }
    sim_resource_set_duties(p->res, duty, slots);
}

/* Set every active server's duty from the schedule in force now. */
void gov_pool_apply_duty(gov_model *m, gov_pool *p)
{
    if (p->res == NULL || m->shifts == NULL)
        return; /* before gov_shifts_start, which sets every pool */
    const gov_schedule_cfg *s = schedule_of(m, p->role);
    double full, part;
    duty_shares(s, part_share_of(m, p->cls >= 0 ? p->cls : 0), sim_now(m->sim), &full, &part);
    apply(m, p, s, full, part);
}

/* The next time after t at which any role's duty shares change. */
static double next_boundary(const gov_model *m, int role, double t)
{
    const gov_schedule_cfg *s = schedule_of(m, role);
    double week0 = floor(t / HOURS_PER_WEEK) * HOURS_PER_WEEK, best = INFINITY;
    block_day bd;
    for (size_t k = 0; next_block_day(s, &k, &bd);) {
        /* Part-timers of each class leave after their own share of the block. */
        double ends[2 + GOV_N_CLASSES] = {0.0, bd.len};
        for (int c = 0; c < GOV_N_CLASSES; c++)
            ends[2 + c] = bd.len * part_share_of(m, c);
        for (int wk = 0; wk < 2; wk++)
            for (int e = 0; e < 2 + GOV_N_CLASSES; e++) {
                double b = week0 + wk * HOURS_PER_WEEK + bd.day * 24.0 + bd.sh->start + ends[e];
                for (int back = 0; back < 2; back++) {
                    double bb = b - back * HOURS_PER_WEEK;
                    if (bb > t + 1e-9 && bb < best)
                        best = bb;
                }
            }
    }
    return best;
}

static void shift_change(sim_t *sim, void *target, sim_payload p)
{
    gov_model *m = target;
    gov_shifts *sh = m->shifts;
    int role = (int)p.u, g = group_of(role);
    const gov_schedule_cfg *s = schedule_of(m, role);
    double full[GOV_N_CLASSES], part[GOV_N_CLASSES];
    /* Per class, which pools the boundary changes: none, those with
     * part-timers (only the part-timers' share changed), or all. */
    enum { NONE, PART_TIMERS, ALL } need[GOV_N_CLASSES];
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        duty_shares(s, part_share_of(m, k), sim_now(sim), &full[k], &part[k]);
        need[k] = !(full[k] == sh->full[g][k]) ? ALL : !(part[k] == sh->part[g][k]) ? PART_TIMERS : NONE;
        sh->full[g][k] = full[k];
        sh->part[g][k] = part[k];
    }
    /* The pools to set first, so that only those are loaded ahead. */
    size_t n = 0;
    for (size_t i = 0; i < sh->n[g]; i++) {
        uint8_t e = sh->entry[g][i];
        int k = e & ENTRY_CLASS;
        if (need[k] == NONE || (need[k] == PART_TIMERS && !(e & ENTRY_PART_TIMERS)))
            continue;
        if (sh->pools[g][i]->res != NULL)
            sh->todo[n++] = sh->pools[g][i];
    }
    for (size_t i = 0; i < n; i++) {
        gov_pool_prefetch(sh->todo, i, n);
        gov_pool *pool = sh->todo[i];
        apply(m, pool, s, full[class_of(pool)], part[class_of(pool)]);
    }
    double next = next_boundary(m, role, sim_now(sim));
    if (isfinite(next))
        sim_schedule(sim, next, shift_change, m, p);
}

/* The policy (and with it the part-time shares) changed: the next boundary of
 * every role sets every pool again. */
void gov_shifts_policy_changed(gov_model *m)
{
    gov_shifts *sh = m->shifts;
    if (sh == NULL)
        return;
    for (int g = 0; g < N_GROUPS; g++)
        for (int k = 0; k < GOV_N_CLASSES; k++)
            sh->full[g][k] = sh->part[g][k] = NAN;
}

int gov_shifts_start(gov_model *m)
{
    gov_shifts *sh = sim_calloc(1, sizeof *sh);
    if (sh == NULL)
        return sim_err_nomem(m->err, "setting up shifts");
    m->shifts = sh;
    for (size_t i = 0; i < m->n_pools; i++)
        sh->n[group_of(m->pools[i]->role)]++;
    size_t largest = 0;
    for (int g = 0; g < N_GROUPS; g++)
        largest = sh->n[g] > largest ? sh->n[g] : largest;
    sh->todo = sim_calloc(largest + 1, sizeof *sh->todo);
    if (sh->todo == NULL)
        return sim_err_nomem(m->err, "setting up shifts");
    for (int g = 0; g < N_GROUPS; g++) {
        sh->pools[g] = sim_calloc(sh->n[g] + 1, sizeof *sh->pools[g]);
        sh->entry[g] = sim_calloc(sh->n[g] + 1, sizeof *sh->entry[g]);
        if (sh->pools[g] == NULL || sh->entry[g] == NULL)
            return sim_err_nomem(m->err, "setting up shifts");
        sh->n[g] = 0;
    }
    for (size_t i = 0; i < m->n_pools; i++) {
        gov_pool *p = m->pools[i];
        int g = group_of(p->role);
        uint8_t e = (uint8_t)class_of(p);
        if (p->role == ROLE_GRID)
            e |= ENTRY_PART_TIMERS;
        for (unsigned j = 0; p->res != NULL && j < sim_resource_slots(p->res); j++)
            if (p->slot_flags[j] & SLOT_PART_TIME)
                e |= ENTRY_PART_TIMERS;
        sh->pools[g][sh->n[g]] = p;
        sh->entry[g][sh->n[g]++] = e;
        gov_pool_apply_duty(m, p);
    }
    for (int g = 0; g < N_GROUPS; g++) {
        const gov_schedule_cfg *s = schedule_of(m, group_role[g]);
        for (int k = 0; k < GOV_N_CLASSES; k++)
            duty_shares(s, part_share_of(m, k), sim_now(m->sim), &sh->full[g][k], &sh->part[g][k]);
        double next = next_boundary(m, group_role[g], sim_now(m->sim));
        if (isfinite(next))
            sim_schedule(m->sim, next, shift_change, m, sim_payload_u((uint64_t)group_role[g]));
    }
    return SIM_OK;
}

void gov_shifts_destroy(gov_model *m)
{
    gov_shifts *sh = m->shifts;
    if (sh == NULL)
        return;
    for (int g = 0; g < N_GROUPS; g++) {
        sim_free(sh->pools[g]);
        sim_free(sh->entry[g]);
    }
    sim_free(sh->todo);
    sim_free(sh->duty);
    sim_free(sh);
    m->shifts = NULL;
}
