/* gov_case.h — the life of a case (gov_case.c); the services it offers routing
 * rules are declared in gov_route.h. */
#ifndef GOV_CASE_H
#define GOV_CASE_H

#include "gov_state.h"

/* Uniform draws made at a problem's birth, from the arrival stream, so that the
 * same problem has the same work, patience, satisfaction threshold, report
 * time and worsening in every scenario compared under common random numbers. */
typedef struct gov_birth_draws {
    double on_spot, at_intake, work, sat, patience;
    double report, worsen, worsen_t; /* a latent problem: when its resident reports it, whether and when it worsens */
    double actor, quality;           /* whether an actor (物业, a social organisation) takes it; whether its fix holds */
    double fix;                      /* whether the unit that closes it fixes it */
} gov_birth_draws;

/* A problem arises in a grid. Reported at once through `channel`, or latent:
 * in its grid's list until a patrol finds it (gov_case_known with
 * GOV_CH_PATROL), its resident reports it through `channel`, or it worsens. */
void gov_problem_birth(gov_model *m, uint32_t community, uint32_t grid, uint16_t category, int channel, int latent,
                       const gov_birth_draws *u);
/* The problem becomes a known case, reported through or found on `channel`. */
void gov_case_known(gov_model *m, gov_case *c, int channel);
/* The case becomes a 12345 request (a call, or an escalation to 12345). */
void gov_case_request(gov_model *m, gov_case *c);
/* The unit at pool contacts the resident of a 12345 request first (hotline.contact_step). */
void gov_case_unit_contact(gov_model *m, gov_case *c, gov_pool *pool);
/* Take a latent problem out of its grid's list, before it becomes known. */
void gov_latent_take(gov_model *m, gov_case *c);
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
