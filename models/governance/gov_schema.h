/*
 * gov_schema.h — the governance scenario's tables in the scenario language
 * (gov_schema.c): the file binds straight into gov_config (gov_config.h).
 */
#ifndef GOV_SCHEMA_H
#define GOV_SCHEMA_H

#include "gov_config.h"
#include "scn.h"

extern const scn_schema gov_schema;
/* The policy sections of one class (staffing, routing, patrol ...). */
const scn_schema *gov_policy_schema(void);

#endif
