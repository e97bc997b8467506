/* gov_defaults.h — the built-in lists a scenario gets when it leaves them out (gov_defaults.c). */
#ifndef GOV_DEFAULTS_H
#define GOV_DEFAULTS_H

#include "gov_config.h"

enum { GOV_SCHED_GRID, GOV_SCHED_COMMUNITY, GOV_SCHED_DEPARTMENT, GOV_SCHED_STREET, GOV_SCHED_HOTLINE,
       GOV_N_SCHEDS };

/* Fill cfg->categories / cfg->departments with the built-in lists; 0, or -1
 * when memory is short (what was allocated is cfg's to free). */
int gov_default_categories(gov_config *cfg);
int gov_default_departments(gov_config *cfg);
/* The built-in blocks of a role (s->shifts, n_shifts) and its on-call share. */
int gov_default_schedule(int which, gov_schedule_cfg *s);
void gov_default_profiles(double daily[24], double weekly[7]);

#endif
