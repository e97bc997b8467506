/* gov_shift.h — who is on duty, on call or off, and when that changes (gov_shift.c). */
#ifndef GOV_SHIFT_H
#define GOV_SHIFT_H

#include "gov_state.h"

/* Set every member's duty from the schedule in force now (after any change of members). */
void gov_pool_apply_duty(gov_model *m, gov_pool *p);
/* Sets every pool's duties and schedules the boundaries. */
int gov_shifts_start(gov_model *m);
/* The policy (and so the part-time shares) changed. */
void gov_shifts_policy_changed(gov_model *m);
void gov_shifts_destroy(gov_model *m);

#endif
