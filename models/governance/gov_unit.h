/*
 * gov_unit.h — accountability units (考核排名): each street answers for the
 * cases of its communities, each district's department for its own. The
 * ranking and its pressure are gov_account.c's; the case's life reads the
 * pressure through these inlines (no call upward).
 */
#ifndef GOV_UNIT_H
#define GOV_UNIT_H

#include "gov_state.h"

/* The unit that answers for a case: its department in its district, or its street. */
static inline size_t gov_case_unit(const gov_model *m, const gov_case *c)
{
    const gov_community *cm = &m->comm[c->community];
    int d = m->cat_dept[c->category];
    if (c->resolver == GOV_RES_DEPARTMENT && d >= 0)
        return m->n_streets + (size_t)cm->district * m->n_dept + (size_t)d;
    return cm->street;
}

/* Whether the ranking runs now: in force for any area class. */
static inline int gov_ranking_on(const gov_model *m)
{
    for (int k = 0; k < GOV_N_CLASSES; k++)
        if (m->policy[k]->accountability.enabled)
            return 1;
    return 0;
}

/* The pressure on a case's unit, in [0, 1] (0 while no ranking runs). */
static inline double gov_case_pressure(const gov_model *m, const gov_case *c)
{
    if (m->pressure == NULL || !gov_ranking_on(m))
        return 0.0;
    double p = m->policy[c->cls]->accountability.base_pressure + m->pressure[gov_case_unit(m, c)];
    return p < 1.0 ? p : 1.0;
}

/* The chance that the unit closing the case fixes it. */
static inline double gov_case_fix_share(const gov_model *m, const gov_case *c)
{
    const gov_accountability_cfg *a = &m->policy[c->cls]->accountability;
    double f = a->fix_share + (1.0 - a->fix_share) * a->fix_gain * gov_case_pressure(m, c);
    return f < 1.0 ? f : 1.0;
}

#endif
