/*
 * sim_mem.h — checked allocation with a fault-injection hook for tests.
 *
 * Every allocation in govsim goes through these wrappers so that a test can make
 * the Nth allocation fail and prove that each failure path reports an error and
 * leaks nothing (the SQLite faultsim idea).
 */
#ifndef SIM_MEM_H
#define SIM_MEM_H

#include <stddef.h>

void *sim_malloc(size_t size);
void *sim_calloc(size_t n, size_t size);
void *sim_realloc(void *p, size_t size);
/* realloc for arrays: fails (NULL, p untouched) when n * size overflows. */
void *sim_reallocarray(void *p, size_t n, size_t size);
char *sim_strdup(const char *s);
/* aligned_alloc with the size rounded up to a multiple of align; free with sim_free. */
void *sim_aligned_alloc(size_t align, size_t size);
/* Zeroed memory for a large structure touched at random (a slab of records, an
 * event calendar): a whole number of 2 MiB blocks, 2 MiB-aligned and marked for
 * transparent huge pages where the system offers them (Linux madvise), so that
 * its touches do not also miss the TLB. Free with sim_free. */
void *sim_alloc_huge(size_t size);
void sim_free(void *p);

/* Fault injection, for tests: after `after` more successful allocations, the next
 * `count` allocations fail. sim_mem_fail_reset() switches injection off. The hook
 * is compiled into every build (see sim_mem.c); nothing calls it outside tests
 * and the GOVSIM_TEST_FAIL_ALLOC variable.
 *
 * The counters are process-wide, on purpose: the hook stands for the machine
 * running out of memory, which strikes whichever thread allocates next. With
 * several replications running at once, which one fails depends on timing;
 * what the tests check (tests/test_cli.c, allocation_failures_exit_cleanly,
 * with --threads 2) is that every failure, on any thread, ends the run with
 * one clean line and no leak. It is the only process-wide mutable state
 * besides the signal flag (app/cli/cli_signal.c). */
void sim_mem_fail_after(long after, long count);
void sim_mem_fail_reset(void);
/* Allocations made to fail since the last sim_mem_fail_after(). */
long sim_mem_failures(void);

#endif
