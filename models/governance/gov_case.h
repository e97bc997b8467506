/* gov_case.h — the life of a case (gov_case.c); the services it offers routing
 * rules are declared in gov_route.h. */
#ifndef GOV_CASE_H
#define GOV_CASE_H

#include "gov_state.h"

/* Uniform draws made at a case's birth, from the arrival stream, so that the same
 * case has the same work, patience and satisfaction threshold in every scenario
 * compared under common random numbers. */
typedef struct gov_birth_draws {
    double on_spot, at_intake, work, sat, patience;
} gov_birth_draws;

void gov_case_birth(gov_model *m, uint32_t community, uint32_t grid, uint16_t category, int channel,
                    const gov_birth_draws *u);
/* The kernel calls this when a server starts any task (the pools' on_start). */
void gov_on_start(sim_t *sim, sim_resource *res, sim_job *job, void *ctx);
/* The kernel's lookahead (sim_set_lookahead). */
void gov_lookahead(sim_handler_fn *fn, void *target, sim_payload payload);
void gov_case_resolved(gov_model *m, gov_case *c);
/* Resolve every case waiting for a community's micro-consultation. */
void gov_meeting_held(gov_model *m, gov_community *cm);
/* One line of the per-case trace, when a trace is being written (the check is
 * inline: it runs at every event, the trace almost never). */
void gov_case_trace_write(gov_model *m, const gov_case *c, const char *event, const gov_pool *pool);
static inline void gov_case_trace(gov_model *m, const gov_case *c, const char *event, const gov_pool *pool)
{
    if (m->trace != NULL)
        gov_case_trace_write(m, c, event, pool);
}
const gov_category_cfg *gov_cat(const gov_model *m, const gov_case *c);
const gov_policy_cfg *gov_case_policy(const gov_model *m, const gov_case *c);
double gov_case_deadline(const gov_model *m, const gov_case *c);

#endif
