/*
 * bench_heap_mmc — the bare reference for the Beijing benchmark: an M/M/c
 * queue (c = 10, rho = 0.9) as the shortest event-driven program can run it: a
 * binary heap of (time, kind) events, a FIFO ring of waiting arrival times,
 * GSL's MT19937 for the exponential draws. No govsim code, so its time measures
 * the machine: `make bench` divides the Beijing year's wall time by this
 * program's (beijing_year_vs_heap_ratio), a figure that travels between
 * machines better than seconds.
 *
 *   bench_heap_mmc [CUSTOMERS]     (default 1,000,000: 2,000,000 events)
 *
 * Prints heap_mmc_wall_s, heap_mmc_events, heap_mmc_ns_per_event and, as a
 * check that it simulated what it should, the mean wait against Erlang C's.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct event {
    double t;
    int kind; /* 0 arrival, 1 departure */
} event;

typedef struct heap {
    event *e;
    size_t n, cap;
} heap;

static int push(heap *h, event x)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 1024;
        event *e = realloc(h->e, cap * sizeof *e);
        if (e == NULL)
            return -1;
        h->e = e;
        h->cap = cap;
    }
    size_t i = h->n++;
    while (i > 0 && h->e[(i - 1) / 2].t > x.t) {
        h->e[i] = h->e[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->e[i] = x;
    return 0;
}

static event pop(heap *h)
{
    event top = h->e[0], last = h->e[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->e[c + 1].t < h->e[c].t)
            c++;
        if (h->e[c].t >= last.t)
            break;
        h->e[i] = h->e[c];
        i = c;
    }
    if (h->n > 0)
        h->e[i] = last;
    return top;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Erlang C mean wait of M/M/c. */
static double erlang_c_wait(double lambda, double mu, int c)
{
    double a = lambda / mu, rho = a / c, term = 1, sum = 1;
    for (int k = 1; k < c; k++) {
        term *= a / k;
        sum += term;
    }
    double last = term * a / c / (1 - rho);
    return last / (sum + last) / (c * mu - lambda);
}

int main(int argc, char **argv)
{
    long customers = argc > 1 ? atol(argv[1]) : 1000000;
    if (customers < 1000) {
        fprintf(stderr, "usage: bench_heap_mmc [CUSTOMERS >= 1000]\n");
        return 2;
    }
    const double lambda = 9.0, mu = 1.0;
    const int c = 10;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 12345);
    size_t qcap = 1 << 16, qhead = 0, qlen = 0;
    double *queue = malloc(qcap * sizeof *queue);
    heap h = {0};
    if (rng == NULL || queue == NULL)
        return 1;
    double t0 = wall(), wait_sum = 0;
    long arrived = 1, served = 0, events = 0;
    int busy = 0;
    push(&h, (event){gsl_ran_exponential(rng, 1 / lambda), 0});
    while (h.n > 0) {
        event ev = pop(&h);
        events++;
        if (ev.kind == 0) {
            if (arrived < customers) {
                push(&h, (event){ev.t + gsl_ran_exponential(rng, 1 / lambda), 0});
                arrived++;
            }
            if (busy < c) {
                busy++;
                served++;
                push(&h, (event){ev.t + gsl_ran_exponential(rng, 1 / mu), 1});
            } else {
                if (qlen == qcap) { /* grow the ring, keeping its order */
                    double *q = malloc(2 * qcap * sizeof *q);
                    if (q == NULL)
                        return 1;
                    for (size_t i = 0; i < qlen; i++)
                        q[i] = queue[(qhead + i) % qcap];
                    free(queue);
                    queue = q;
                    qhead = 0;
                    qcap *= 2;
                }
                queue[(qhead + qlen++) % qcap] = ev.t;
            }
        } else if (qlen > 0) {
            double since = queue[qhead];
            qhead = (qhead + 1) % qcap;
            qlen--;
            wait_sum += ev.t - since;
            served++;
            push(&h, (event){ev.t + gsl_ran_exponential(rng, 1 / mu), 1});
        } else {
            busy--;
        }
    }
    double secs = wall() - t0;
    printf("heap_mmc_wall_s: %.3f\n", secs);
    printf("heap_mmc_events: %ld\n", events);
    printf("heap_mmc_ns_per_event: %.0f\n", 1e9 * secs / (double)events);
    printf("heap_mmc_mean_wait: %.4f\n", wait_sum / (double)served);
    printf("heap_mmc_erlang_c_wait: %.4f\n", erlang_c_wait(lambda, mu, c));
    free(queue);
    free(h.e);
    gsl_rng_free(rng);
    return 0;
}
