/* gov_stats.h — what a replication measures, and its KPIs (gov_stats.c). */
#ifndef GOV_STATS_H
#define GOV_STATS_H

#include "gov_state.h"

int gov_stats_init(gov_model *m);
/* Schedules the time-series samples. */
int gov_stats_start(gov_model *m);
void gov_stats_destroy(gov_model *m);
/* A problem is born (counted after the warm-up). */
void gov_stats_problem(gov_model *m, gov_case *c);
/* A problem joins (+1) or leaves (-1) the latent ones. */
void gov_stats_latent(gov_model *m, const gov_case *c, int delta);
void gov_stats_worsened(gov_model *m, const gov_case *c);
/* The problem is known: a case (counted in the case KPIs after the warm-up). */
void gov_stats_known(gov_model *m, gov_case *c);
void gov_stats_responded(gov_model *m, gov_case *c);
/* A 12345 request begins (a call, or an escalation to 12345). */
void gov_stats_request(gov_model *m, gov_case *c);
/* Its unit contacted the resident (CF_CONTACT_OK: in time). */
void gov_stats_contacted(gov_model *m, const gov_case *c);
/* The case is closed: resolved (satisfied or not), or abandoned. */
void gov_stats_closed(gov_model *m, gov_case *c, int resolved, int satisfied);
/* A case arrives at (+1) or leaves (-1) a pool of the role. */
void gov_stats_role(gov_model *m, int role, int delta);
/* A task has been completed. */
void gov_stats_work(gov_model *m, const gov_work *w, const gov_pool *pool);
void gov_stats_contact(gov_model *m, const gov_case *c);
/* A pool's headcount is about to change (headcount-hours for costs). */
void gov_pool_headcount_changing(gov_model *m, gov_pool *p);
/* The KPIs at the end of the run, into m->out. */
void gov_stats_finish(gov_model *m);

#endif
