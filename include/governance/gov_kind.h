/* gov_kind.h — the governance model's row in the model registry (models/registry.c). */
#ifndef GOV_KIND_H
#define GOV_KIND_H

#include "model_registry.h"

extern const model_kind gov_kind;

#endif
