/*
 * sim_mem.c — checked allocation with fault injection.
 *
 * The injection hook is always compiled in: one relaxed atomic load per
 * allocation costs nothing measurable (the kernel never allocates per event), and
 * it lets the CLI tests make a real govsim process run out of memory at the Nth
 * allocation (GOVSIM_TEST_FAIL_ALLOC, read by main).
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE (Linux) */
#include "sim_mem.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Armed only while a test injects faults, so the normal path is one relaxed load. */
static atomic_int armed = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long succeed_left; /* allocations that still succeed before failures start */
static long fail_left;    /* allocations still to fail */
static long failures;

static int should_fail(void)
{
    if (!atomic_load_explicit(&armed, memory_order_relaxed))
        return 0;
    int fail = 0;
    pthread_mutex_lock(&lock);
    if (succeed_left > 0) {
        succeed_left--;
    } else if (fail_left > 0) {
        fail_left--;
        failures++;
        fail = 1;
        if (fail_left == 0)
            atomic_store(&armed, 0);
    }
    pthread_mutex_unlock(&lock);
    return fail;
}

void sim_mem_fail_after(long after, long count)
{
    pthread_mutex_lock(&lock);
    succeed_left = after < 0 ? 0 : after;
    fail_left = count;
    failures = 0;
    atomic_store(&armed, count > 0);
    pthread_mutex_unlock(&lock);
}

void sim_mem_fail_reset(void)
{
    pthread_mutex_lock(&lock);
    atomic_store(&armed, 0);
    fail_left = 0;
    pthread_mutex_unlock(&lock);
}

long sim_mem_failures(void)
{
    pthread_mutex_lock(&lock);
    long n = failures;
    pthread_mutex_unlock(&lock);
    return n;
}

void *sim_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *sim_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *sim_realloc(void *p, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(p, size ? size : 1);
}

void *sim_reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return sim_realloc(p, n * size);
}

char *sim_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = sim_malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

void *sim_aligned_alloc(size_t align, size_t size)
{
    if (should_fail())
        return NULL;
    if (size > SIZE_MAX - align)
        return NULL;
    size = (size + align - 1) / align * align;
    return aligned_alloc(align, size ? size : align);
}

void *sim_alloc_huge(size_t size)
{
    const size_t huge = (size_t)2 << 20;
    if (should_fail())
        return NULL;
    if (size > SIZE_MAX - huge)
        return NULL;
    size = (size + huge - 1) / huge * huge;
    void *p = aligned_alloc(huge, size ? size : huge);
    if (p == NULL)
        return NULL;
#ifdef MADV_HUGEPAGE
    /* A hint only: where huge pages are off, the memory has small pages. */
    (void)madvise(p, size ? size : huge, MADV_HUGEPAGE);
#endif
    memset(p, 0, size ? size : huge);
    return p;
}

void sim_free(void *p) { free(p); }
