/*
 * gov_fixture.h — building governance configurations in C for the model tests
 * (the scenario loader is not needed), running replications, and reading the
 * per-case trace back.
 *
 * Every helper starts from gov_config_defaults() and changes fields in place;
 * strings are sim_strdup'd and arrays sim_calloc'd so gov_config_free() releases
 * them. A helper that cannot allocate fails the test (cr_assert), so test bodies
 * stay about the model.
 */
#ifndef GOV_FIXTURE_H
#define GOV_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gov.h"

#define FX_HOUR 1.0
#define FX_DAY 24.0
#define FX_WEEK 168.0
#define FX_YEAR 8760.0
#define FX_ALL_DAYS 0x7fu

/* The metric k of group g of a result. */
#define FX_KPI(r, g, k) ((r)->metrics[(size_t)(g) * GOV_N_KPIS + (size_t)(k)])
/* The same in the flat array fx_reps() fills: replication i. */
#define FX_REP(a, i, g, k) ((a)[(size_t)(i) * GOV_N_GROUPS * GOV_N_KPIS + (size_t)(g) * GOV_N_KPIS + (size_t)(k)])
#define FX_STRIDE ((size_t)GOV_N_GROUPS * GOV_N_KPIS)

/* ---- building ---- */
void fx_defaults(gov_config *cfg);
/* Routing rules by name, from the registry (fails the test when absent). */
int fx_rule_index(const char *name);
void fx_rule(gov_config *cfg, const char *name);  /* in every class */
/* A numeric field of a policy by its path in the scenario ("routing.platforms"). */
void fx_set(gov_policy_cfg *policy, const char *path, double value);
void fx_set_all(gov_config *cfg, const char *path, double value); /* in every class */
void fx_set_text(gov_policy_cfg *policy, const char *path, const char *text); /* a choice by name */
double fx_get(const gov_policy_cfg *policy, const char *path); /* in the file's unit... hours for durations */
void fx_flat_profiles(gov_config *cfg);           /* daily and weekly profiles flat */
void fx_schedule_24h(gov_schedule_cfg *s);        /* one block, every hour of every day, share 1, no on-call */
void fx_all_24h(gov_config *cfg);                 /* every role round the clock */
/* Switch off everything but the cases themselves: administrative, line and
 * street tasks, patrols, workforce dynamics, repeat contacts (patience
 * effectively infinite), satisfaction follow-up calls. */
void fx_quiet(gov_config *cfg);
/* A region generated from totals, one class per community block. */
void fx_region(gov_config *cfg, double residents, double persons_per_household, int districts, int streets,
               int communities, double urban, double fringe, double rural);
/* Index of a category by name (fails the test when absent). */
size_t fx_category(const gov_config *cfg, const char *name);
size_t fx_department(const gov_config *cfg, const char *name);
/* Demand of every class from this category only. */
void fx_only_category(gov_config *cfg, size_t cat);
/* Every category: no latent problems; reported by hotline / app / grid worker in these shares. */
void fx_channels(gov_config *cfg, double hotline, double app);
/* No category goes to a property company or a social organisation: community staff take them all. */
void fx_no_actors(gov_config *cfg);
void fx_no_latent(gov_config *cfg);
gov_surge_cfg *fx_add_surge(gov_config *cfg, double start, double end, double multiplier, const char *category);
gov_sinking_cfg *fx_add_sinking(gov_config *cfg, double start, double end, double staff, const char *department);
/* A timeline entry at `at` whose policy starts as a copy of the current one. */
gov_change_cfg *fx_add_change(gov_config *cfg, double at);
/* Community workers (and, in villages, cadres) per 10,000 residents, every class. */
void fx_set_workers_per_10k(gov_policy_cfg policy[GOV_N_CLASSES], double per_10k);
gov_dist_cfg fx_dist(int kind, double mean, double cv);

/* ---- running ---- */
/* One replication; fails the test if the model reports an error. Free with gov_result_destroy. */
sim_rep_result *fx_run(const gov_config *cfg, uint64_t seed, uint64_t rep, const gov_run_opts *opts);
/* Replications 0..reps-1; out holds reps x GOV_N_GROUPS x GOV_N_KPIS metrics (FX_REP). */
void fx_reps(const gov_config *cfg, uint64_t seed, size_t reps, double *out);
/* Mean and 95 % half-width of metric (g, k) over reps replications in a (FX_REP layout). */
void fx_ci(const double *a, size_t reps, int g, int k, double *mean, double *hw);
/* The same at the confidence that keeps the chance of any false alarm among
 * `checks` such checks of a test file under 5 % (Bonferroni: each at
 * 1 - 0.05 / checks, Student t). */
void fx_ci_family(const double *a, size_t reps, int g, int k, unsigned checks, double *mean, double *hw);
/* The same for the paired difference b - a. */
void fx_ci_diff(const double *a, const double *b, size_t reps, int g, int k, double *mean, double *hw);

/* ---- the per-case trace ---- */
typedef struct fx_event {
    uint64_t id;
    double t;
    char event[16], hop[20], role[12], unit[80], community[40], cls[8], category[32];
} fx_event;

typedef struct fx_trace {
    fx_event *ev;
    size_t n;
} fx_trace;

/* Run one replication writing its trace to a temporary file and read it back. */
sim_rep_result *fx_run_traced(const gov_config *cfg, uint64_t seed, uint64_t rep, fx_trace *trace);
void fx_trace_free(fx_trace *t);

#endif
