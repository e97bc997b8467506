/* gov_defaults.h — the built-in lists, in the scenario language (gov_defaults.c). */
#ifndef GOV_DEFAULTS_H
#define GOV_DEFAULTS_H

enum { GOV_SCHED_GRID, GOV_SCHED_COMMUNITY, GOV_SCHED_DEPARTMENT, GOV_SCHED_STREET, GOV_SCHED_HOTLINE,
       GOV_N_SCHEDS };

/* A role's built-in working blocks (a JSON array of shifts.ROLE.blocks) and
 * on-call share (a number). */
typedef struct gov_builtin_schedule {
    const char *blocks, *on_call_share;
} gov_builtin_schedule;

/* JSON texts of the lists a scenario gets when it leaves them out. */
const char *gov_builtin_categories(void);
const char *gov_builtin_departments(void);
const gov_builtin_schedule *gov_builtin_schedule_of(int which);
const char *gov_builtin_daily(void);
const char *gov_builtin_weekly(void);

#endif
