/* gov_contact.h — repeat contacts, escalation and abandonment (gov_contact.c). */
#ifndef GOV_CONTACT_H
#define GOV_CONTACT_H

#include "gov_state.h"

/* The resident's patience ran out (gov_model.on_patience). */
void gov_contact_patience_out(gov_model *m, gov_case *c);

#endif
