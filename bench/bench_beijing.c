/*
 * bench_beijing — the full governance model at Beijing scale, one replication.
 *
 *   bench_beijing SCENARIO [YEARS]
 *
 * Prints wall time, events per second, events per case (bench/beijing.json has
 * no warm-up, so every case counts) and peak RSS as "key: value" lines, with
 * the key prefix beijing_year (1 year) or beijing_<N>y (N years). Run each
 * horizon in its own process: the peak RSS is the process's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "gov.h"
#include "sim_rng.h"

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_beijing SCENARIO [YEARS]\n");
        return 2;
    }
    sim_rng_gsl_errors_off();
    double years = argc > 2 ? atof(argv[2]) : 1.0;
    sim_err err;
    sim_err_init(&err);
    gov_config cfg;
    if (gov_config_load(argv[1], NULL, 0, &cfg, &err) != SIM_OK) {
        fputs(sim_err_text(&err), stderr);
        return 2;
    }
    cfg.horizon = years * 8760.0;
    sim_rep_result *r = gov_result_create(&cfg, &err);
    if (r == NULL) {
        fputs(sim_err_text(&err), stderr);
        gov_config_free(&cfg);
        return 1;
    }
    double t0 = wall();
    int rc = gov_run_replication(&cfg, 1, 0, NULL, r, &err);
    double secs = wall() - t0;
    if (rc != SIM_OK) {
        fputs(sim_err_text(&err), stderr);
        gov_result_destroy(r);
        gov_config_free(&cfg);
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    char key[32];
    if (years == 1.0)
        snprintf(key, sizeof key, "beijing_year");
    else
        snprintf(key, sizeof key, "beijing_%gy", years);
    printf("%s_wall_s: %.1f\n", key, secs);
    printf("%s_events: %llu\n", key, (unsigned long long)r->events);
    printf("%s_events_per_s: %.0f\n", key, (double)r->events / secs);
    printf("%s_peak_rss_mib: %.0f\n", key, ru.ru_maxrss / 1024.0);
    printf("%s_cases: %.0f\n", key, r->metrics[KPI_CASES_TOTAL]);
    /* every event of the run (patrols, administrative tasks, shifts included)
     * per case known: what a case costs in events, all things considered */
    printf("%s_events_per_case: %.2f\n", key, (double)r->events / r->metrics[KPI_CASES_TOTAL]);
    printf("%s_ns_per_event: %.0f\n", key, 1e9 * secs / (double)r->events);
    printf("%s_resolution_rate: %.3f\n", key, r->metrics[KPI_RESOLUTION_RATE]);
    gov_result_destroy(r);
    gov_config_free(&cfg);
    return 0;
}
