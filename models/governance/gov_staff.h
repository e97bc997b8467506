/* gov_staff.h — what happens to staff: tasks, quits and hiring, sinking
 * cadres, meetings, policy changes that resize pools (gov_staff.c). */
#ifndef GOV_STAFF_H
#define GOV_STAFF_H

#include "gov_state.h"

/* Task rates, shifts, the weekly workforce check, the daily tasks, meetings,
 * sinking windows and the timeline. */
int gov_staff_start(gov_model *m);
/* Hire or retire to reach the headcount the policy asks for. */
void gov_set_headcount(gov_model *m, gov_pool *p, unsigned headcount);
/* Resize the community-level pools to the policy in force and refresh task rates. */
void gov_apply_policy(gov_model *m);
/* The headcount of a community's pool of the role the policy in force asks for. */
unsigned gov_policy_headcount(const gov_model *m, const gov_community *cm, int role);
/* Full-time staff a community's service budget buys from social organisations. */
double gov_social_fte(const gov_config *cfg, const gov_policy_cfg *pol);
/* A street's social organisations' staff (its communities' budgets together). */
unsigned gov_street_social_headcount(const gov_model *m, size_t street);
/* A community's (or, rural, a village's) workers by the ratio, and the floor that holds. */
void gov_community_staffing(const gov_policy_cfg *pol, int cls, double residents, double *by_ratio, double *floor_);
/* A district's staff of a department at mult times its establishment
 * (staff_per_100k; min_staff kept, and one where it had staff), and a street's
 * stationed staff likewise. */
unsigned gov_department_staff(const gov_department_cfg *dc, double residents, double mult);
unsigned gov_stationed_staff(const gov_department_cfg *dc, double mult);
unsigned gov_street_staff(const gov_street_cfg *sc, double residents, double mult);
unsigned gov_hotline_staff(const gov_hotline_cfg *hc, double residents, double mult);

#endif
