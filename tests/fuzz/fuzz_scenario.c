/*
 * fuzz_scenario.c — libFuzzer target for the governance scenario loader.
 *
 * Each input is the text of a scenario file. It goes through everything
 * gov_config_parse does (reading checks, the strict scanner, cJSON, binding
 * against the schema, the model's cross-checks), with "extends" refused so that
 * no input reaches the disk. A scenario that loads is then sized by
 * gov_estimate and, when small, run for one short replication: odd but valid
 * configurations (empty classes, zero staff, overlapping timelines...) must not
 * crash the model either. The horizon and the event cap are cut so that an
 * input costs milliseconds.
 *
 * A line "//@PATH VALUE" (a comment, so the text stays a scenario) also sets
 * PATH to VALUE the way `govsim sweep --param PATH` does, so field paths from
 * the command line are fuzzed too.
 *
 * Properties checked beyond "no crash, no leak, no sanitizer report":
 * a refusal always says why (at least one line); a loaded scenario's estimate
 * is a number; a run stops with SIM_OK or a reported failure.
 *
 * Build and run: make fuzz [FUZZ_SECONDS=60] (tests/fuzz/README.md).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gov.h"
#include "scn.h"
#include "sim_rng.h"

#define FUZZ_HORIZON_H (14 * 24.0) /* two weeks: shifts, a weekend, admin tasks, patience */
#define FUZZ_MAX_EVENTS 20000
#define FUZZ_MAX_BYTES (48.0 * 1024 * 1024) /* larger scenarios are only loaded and sized */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sim_rng_gsl_errors_off();
    return 0;
}

static void run_small(gov_config *cfg)
{
    /* Cut the run down; every field stays inside what the loader accepts. */
    if (cfg->horizon > FUZZ_HORIZON_H)
        cfg->horizon = FUZZ_HORIZON_H;
    if (cfg->warmup >= cfg->horizon)
        cfg->warmup = cfg->horizon / 2;
    if (cfg->timeseries_step > cfg->horizon)
        cfg->timeseries_step = cfg->horizon;
    if (cfg->max_events == 0 || cfg->max_events > FUZZ_MAX_EVENTS)
        cfg->max_events = FUZZ_MAX_EVENTS;
    gov_footprint fp;
    gov_estimate(cfg, &fp);
    if (isnan(fp.bytes) || isnan(fp.events))
        abort(); /* an estimate must be a number (it may be infinite) */
    if (!(fp.bytes <= FUZZ_MAX_BYTES) || !(fp.pending_min <= 1e6))
        return;
    sim_err err;
    sim_err_init(&err);
    sim_rep_result *res = gov_result_create(cfg, &err);
    if (res == NULL)
        return;
    int rc = gov_run_replication(cfg, 1, 0, NULL, res, &err);
    if (rc != SIM_OK && err.lines == 0)
        abort(); /* a failed replication says why */
    gov_result_destroy(res);
}

/* The last "//@PATH VALUE" line of the input, if any, as an override (the value
 * as text: numbers, durations, names, JSON). */
static size_t find_override(const uint8_t *data, size_t size, char *path, size_t path_size, char *num,
                            size_t num_size, scn_override *o)
{
    const uint8_t *at = NULL;
    for (size_t i = 0; i + 3 <= size; i++)
        if (memcmp(data + i, "//@", 3) == 0)
            at = data + i + 3;
    if (at == NULL)
        return 0;
    size_t n = 0;
    while (at + n < data + size && at[n] != '\n' && at[n] != ' ' && n + 1 < path_size)
        n++;
    memcpy(path, at, n);
    path[n] = '\0';
    const uint8_t *v = at + n;
    while (v < data + size && *v == ' ')
        v++;
    size_t k = 0;
    while (v + k < data + size && v[k] != '\n' && v[k] != '\0' && k + 1 < num_size)
        k++;
    memcpy(num, v, k);
    num[k] = '\0';
    o->path = path;
    o->value = num;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sim_err err;
    sim_err_init(&err);
    gov_config cfg;
    char path[512], value[256];
    scn_override o;
    size_t n_ovr = find_override(data, size, path, sizeof path, value, sizeof value, &o);
    int rc = gov_config_parse_flags("fuzz.json", (const char *)data, size, SCN_PARSE_NO_EXTENDS, &o, n_ovr, &cfg,
                                    &err);
    (void)sim_err_text(&err);
    if (rc != SIM_OK) {
        if (err.lines == 0)
            abort(); /* a refusal says why */
        return 0;
    }
    /* The size check the command line makes before a run. */
    gov_footprint fp;
    gov_estimate(&cfg, &fp);
    sim_err_init(&err);
    (void)gov_check_size(&cfg, &fp, &err);
    run_small(&cfg);
    gov_config_free(&cfg);
    return 0;
}
