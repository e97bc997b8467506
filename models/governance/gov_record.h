/* gov_record.h — one CSV row per case for --trace (sim_model.h's records):
 * written when a case closes, and for the cases still open or latent at the
 * horizon. The check is inline: it runs at every closing, the records seldom. */
#ifndef GOV_RECORD_H
#define GOV_RECORD_H

#include "gov_state.h"

enum gov_outcome { GOV_OUTCOME_RESOLVED, GOV_OUTCOME_ABANDONED, GOV_OUTCOME_OPEN, GOV_OUTCOME_LATENT };

/* The header of the rows (gov_model_desc.trace_columns). */
extern const char gov_record_columns[];

void gov_record_write(gov_model *m, const gov_case *c, int outcome, int satisfied);
static inline void gov_record(gov_model *m, const gov_case *c, int outcome, int satisfied)
{
    if (m->records != NULL)
        gov_record_write(m, c, outcome, satisfied);
}
/* At the horizon: a row for every case still open or latent. */
void gov_record_unfinished(gov_model *m);

#endif
