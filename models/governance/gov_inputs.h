/* gov_inputs.h — a scenario's effective inputs and its warnings (gov_inputs.c). */
#ifndef GOV_INPUTS_H
#define GOV_INPUTS_H

#include <stddef.h>

#include "gov.h"
#include "gov_state.h"

struct cJSON;

/* Communities of a class whose ratio gives fewer workers than the floor. */
typedef struct gov_floor_note {
    size_t communities, overridden;
    double residents, by_ratio; /* an overridden community: its residents, its workers by the ratio */
} gov_floor_note;

/* Per group (GOV_GROUP_ALL, then each class) at the start of a run. */
typedef struct gov_inputs {
    double communities[GOV_N_GROUPS], residents[GOV_N_GROUPS], households[GOV_N_GROUPS], grids[GOV_N_GROUPS];
    double grid_workers[GOV_N_GROUPS], community_workers[GOV_N_GROUPS], volunteers[GOV_N_GROUPS];
    double visits[GOV_N_GROUPS]; /* patrol visits to households a month */
    double department, stationed, street, hotline, streets, districts;
    gov_floor_note floor[GOV_N_CLASSES];
    size_t dept_floor_districts; /* department-districts where min_staff overrides staff_per_100k */
    int dept_floor_index;        /* the first such department, -1: none */
    size_t oversized;            /* communities above the standard's size */
    double oversized_residents;
} gov_inputs;

int gov_inputs_of(const gov_config *cfg, gov_inputs *in, sim_err *err);
/* summary.json's "inputs" object (NULL when memory is short). */
struct cJSON *gov_inputs_json(const gov_inputs *in);
/* One line: communities, staff per role, households per grid worker, patrol visits. */
void gov_inputs_text(const gov_inputs *in, char *out, size_t size);

typedef void gov_warn_fn(void *ctx, const char *line);
/* Lines (without "warning: ") about a configuration whose results may mislead. */
void gov_config_warnings(const gov_config *cfg, const gov_inputs *in, gov_warn_fn *emit, void *ctx);
/* Lines about a finished run: means are group 0's KPI means. */
void gov_result_warnings(const double *means, gov_warn_fn *emit, void *ctx);

#endif
