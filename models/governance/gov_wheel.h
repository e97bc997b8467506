/* gov_wheel.h — the timers of residents' patience (gov_wheel.c). */
#ifndef GOV_WHEEL_H
#define GOV_WHEEL_H

#include "gov_state.h"

int gov_patience_init(gov_model *m);
/* Starts the hourly sweep. */
int gov_patience_start(gov_model *m);
void gov_patience_destroy(gov_model *m);
/* The resident's patience runs out at `at` (>= now) unless the case is closed
 * first; then m->on_patience(m, c) is called. */
void gov_patience_arm(gov_model *m, gov_case *c, double at);
/* The timer's kernel handler, for the lookahead. */
sim_handler_fn *gov_patience_handler(void);

#endif
