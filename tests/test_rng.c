/* Random streams: same (seed, replication, purpose) gives the same sequence;
 * changing any one field gives a different one. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "sim_rng.h"

/* Number of positions among the first n draws where the two streams agree. */
static size_t agreements(uint64_t s1, uint64_t r1, uint32_t p1, uint64_t s2, uint64_t r2,
                         uint32_t p2, size_t n)
{
    gsl_rng *a = sim_rng_create(s1, r1, p1, NULL);
    gsl_rng *b = sim_rng_create(s2, r2, p2, NULL);
    cr_assert(a != NULL && b != NULL);
    size_t same = 0;
    for (size_t i = 0; i < n; i++)
        same += gsl_rng_get(a) == gsl_rng_get(b);
    sim_rng_destroy(a);
    sim_rng_destroy(b);
    return same;
}

Test(rng, same_triple_same_sequence)
{
    cr_assert(eq(sz, agreements(42, 7, 3, 42, 7, 3, 10000), 10000));
    cr_assert(eq(sz, agreements(0, 0, 0, 0, 0, 0, 1000), 1000));
    cr_assert(eq(u64, sim_rng_seed(42, 7, 3), sim_rng_seed(42, 7, 3)));
}

/* Two unrelated 32-bit streams agree at a position with probability 2^-32, so
 * among 1000 draws any agreement at all is already suspicious. */
Test(rng, each_field_changes_the_sequence)
{
    cr_assert(eq(sz, agreements(42, 7, 3, 43, 7, 3, 1000), 0), "seed");
    cr_assert(eq(sz, agreements(42, 7, 3, 42, 8, 3, 1000), 0), "replication");
    cr_assert(eq(sz, agreements(42, 7, 3, 42, 7, 4, 1000), 0), "purpose");
    cr_assert(eq(sz, agreements(42, 7, 3, 42, 3, 7, 1000), 0), "fields swapped");
}

static int cmp_ul(const void *a, const void *b)
{
    unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
    return (x > y) - (x < y);
}

/* Seeds of a realistic grid (4 base seeds x 500 replications x 8 purposes) are
 * pairwise distinct and never 0, which GSL would silently replace by its default. */
Test(rng, seeds_of_a_grid_are_distinct_and_nonzero)
{
    enum { S = 4, R = 500, P = 8, N = S * R * P };
    unsigned long *seeds = malloc(N * sizeof *seeds);
    cr_assert(seeds != NULL);
    size_t k = 0;
    for (uint64_t s = 0; s < S; s++)
        for (uint64_t r = 0; r < R; r++)
            for (uint32_t p = 0; p < P; p++) {
                seeds[k] = sim_rng_seed(s, r, p);
                cr_assert(seeds[k] != 0 && seeds[k] <= 0xffffffffUL);
                k++;
            }
    qsort(seeds, N, sizeof *seeds, cmp_ul);
    for (size_t i = 1; i < N; i++)
        cr_assert(seeds[i] != seeds[i - 1], "two streams share seed %lu", seeds[i]);
    free(seeds);
}

/* Streams of neighbouring purposes must not be correlated: the sample correlation
 * of 20000 pairs of uniforms has standard deviation 1/sqrt(20000) = 0.0071 when
 * independent; 5 standard deviations (0.035) leaves a 6e-7 false-alarm chance. */
Test(rng, neighbouring_streams_uncorrelated)
{
    gsl_rng *a = sim_rng_create(1, 0, 1, NULL), *b = sim_rng_create(1, 0, 2, NULL);
    cr_assert(a != NULL && b != NULL);
    enum { N = 20000 };
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (int i = 0; i < N; i++) {
        double x = gsl_rng_uniform(a), y = gsl_rng_uniform(b);
        sa += x, sb += y, saa += x * x, sbb += y * y, sab += x * y;
    }
    double cov = sab / N - (sa / N) * (sb / N);
    double r = cov / sqrt((saa / N - (sa / N) * (sa / N)) * (sbb / N - (sb / N) * (sb / N)));
    cr_assert(lt(dbl, fabs(r), 0.035), "correlation %g", r);
    sim_rng_destroy(a);
    sim_rng_destroy(b);
}
