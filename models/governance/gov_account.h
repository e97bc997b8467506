/* gov_account.h — the monthly ranking (考核排名) and topic (每月一题) (gov_account.c). */
#ifndef GOV_ACCOUNT_H
#define GOV_ACCOUNT_H

#include "gov_state.h"

int gov_account_init(gov_model *m);
/* Schedules the first month's end. */
int gov_account_start(gov_model *m);
void gov_account_destroy(gov_model *m);

#endif
