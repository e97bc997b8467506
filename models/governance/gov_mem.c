/*
 * gov_mem.c — the records of cases and staff tasks: slabs carved from blocks
 * in huge pages, recycled through free lists, so memory follows what is open
 * (peak open cases and tasks), not what was ever created.
 */
#include <string.h>

#include "gov_mem.h"
#include "sim_assert.h"
#include "sim_mem.h"

#define SLAB_ITEMS 1024
#define BLOCK_BYTES ((size_t)2 << 20)

/* Every block allocated for records, to free at the end. */
int gov_slab_add(gov_model *m, void *block)
{
    if (m->n_slabs == m->cap_slabs) {
        size_t cap = m->cap_slabs ? m->cap_slabs * 2 : 16;
        void **s = sim_reallocarray(m->slabs, cap, sizeof *s);
        if (s == NULL)
            return -1;
        m->slabs = s;
        m->cap_slabs = cap;
    }
    m->slabs[m->n_slabs++] = block;
    return 0;
}

/* Room for a slab of records. Slabs are carved from 2 MiB blocks in huge pages
 * (sim_alloc_huge): a megacity has hundreds of thousands of open cases and
 * tasks, touched at random, and with small pages nearly every touch of a
 * record would also miss the TLB. Zeroed. */
static void *slab_alloc(gov_model *m, size_t bytes)
{
    bytes = (bytes + 63) / 64 * 64;
    SIM_ASSERT(bytes <= BLOCK_BYTES);
    if (bytes > m->block_left) {
        char *block = sim_alloc_huge(BLOCK_BYTES);
        if (block == NULL || gov_slab_add(m, block) != 0) {
            sim_free(block);
            return NULL;
        }
        m->block_next = block;
        m->block_left = BLOCK_BYTES;
    }
    void *p = m->block_next;
    m->block_next += bytes;
    m->block_left -= bytes;
    return p;
}

/* A new slab of case records, with their generations (gov_patience.c). */
static int case_slab(gov_model *m)
{
    size_t n = m->n_case_slabs;
    gov_case **cs = sim_reallocarray(m->case_slabs, n + 1, sizeof *cs);
    if (cs == NULL)
        return -1;
    m->case_slabs = cs;
    uint32_t *gen = sim_reallocarray(m->case_gen, (n + 1) * SLAB_ITEMS, sizeof *gen);
    if (gen == NULL)
        return -1;
    m->case_gen = gen;
    memset(gen + n * SLAB_ITEMS, 0, SLAB_ITEMS * sizeof *gen);
    gov_case *block = slab_alloc(m, SLAB_ITEMS * sizeof *block);
    if (block == NULL)
        return -1;
    cs[m->n_case_slabs++] = block;
    for (size_t i = SLAB_ITEMS; i-- > 0;) {
        block[i].ix = (uint32_t)(n * SLAB_ITEMS + i);
        block[i].next = m->free_cases;
        m->free_cases = &block[i];
    }
    return 0;
}

gov_case *gov_case_at(const gov_model *m, uint32_t ix)
{
    return &m->case_slabs[ix / SLAB_ITEMS][ix % SLAB_ITEMS];
}

gov_case *gov_case_alloc(gov_model *m)
{
    if (m->free_cases == NULL && case_slab(m) != 0) {
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory for open cases");
        return NULL;
    }
    gov_case *c = m->free_cases;
    m->free_cases = c->next;
#if defined(__GNUC__)
    /* The next birth takes the next free record, usually cold: load it now. */
    if (m->free_cases != NULL)
        for (size_t off = 0; off < sizeof *c; off += 64)
            __builtin_prefetch((char *)m->free_cases + off, 1);
#endif
    uint32_t ix = c->ix;
    memset(c, 0, sizeof *c);
    c->ix = ix;
    if (++m->cases_live > m->cases_peak)
        m->cases_peak = m->cases_live;
    return c;
}

void gov_case_foreach_open(gov_model *m, void (*fn)(gov_model *, gov_case *))
{
    for (size_t b = 0; b < m->n_case_slabs; b++)
        for (size_t i = 0; i < SLAB_ITEMS; i++)
            if (m->case_slabs[b][i].id != 0)
                fn(m, &m->case_slabs[b][i]);
}

void gov_memory_report(const gov_model *m, gov_run_memory *out)
{
    out->cases_created = m->next_case_id;
    out->case_records = (uint64_t)m->n_case_slabs * SLAB_ITEMS;
    out->peak_open_cases = m->cases_peak;
    out->work_records = (uint64_t)m->n_work_slabs * SLAB_ITEMS;
    out->peak_work = m->work_peak;
}

void gov_case_release(gov_model *m, gov_case *c)
{
    m->cases_live--;
    m->case_gen[c->ix]++; /* its patience timer, if still in the wheel, is void */
    c->id = 0; /* marks the record free for gov_case_foreach */
    c->next = m->free_cases;
    m->free_cases = c;
}

/* A new slab of work records on the free stack, which gets room for every
 * record there is. */
static int work_slab(gov_model *m)
{
    size_t total = (m->n_work_slabs + 1) * SLAB_ITEMS;
    gov_work **stack = sim_reallocarray(m->free_work, total, sizeof *stack);
    if (stack == NULL)
        return -1;
    m->free_work = stack;
    gov_work *block = slab_alloc(m, SLAB_ITEMS * sizeof *block);
    if (block == NULL)
        return -1;
    m->n_work_slabs++;
    for (size_t i = 0; i < SLAB_ITEMS; i++)
        stack[m->n_free_work++] = &block[i];
    return 0;
}

/* How many allocations ahead the free stack's records start loading. */
#define WORK_AHEAD 8

/* Free work records are a stack of pointers, not a list threaded through the
 * records: the next records to be handed out are known without reading any of
 * them, so a burst of allocations (the day's administrative tasks of every
 * pool at midnight) loads them several ahead instead of one cold record after
 * another. The order is last freed, first reused, as a list would give. */
gov_work *gov_work_new(gov_model *m, int kind)
{
    if (m->n_free_work == 0 && work_slab(m) != 0) {
        sim_fail(m->sim, SIM_ERR_RUNTIME, "out of memory for staff tasks");
        return NULL;
    }
    gov_work *w = m->free_work[--m->n_free_work];
#if defined(__GNUC__)
    if (m->n_free_work >= WORK_AHEAD) {
        const char *next = (const char *)m->free_work[m->n_free_work - WORK_AHEAD];
        for (size_t off = 0; off < sizeof *w; off += 64)
            __builtin_prefetch(next + off, 1);
    }
#endif
    memset(w, 0, sizeof *w);
    if (++m->work_live > m->work_peak)
        m->work_peak = m->work_live;
    w->kind = (uint8_t)kind;
    w->job.server = -1;
    return w;
}

void gov_work_free(gov_model *m, gov_work *w)
{
    m->work_live--;
    m->free_work[m->n_free_work++] = w;
}
