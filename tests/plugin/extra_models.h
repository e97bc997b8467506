/* extra_models.h — the test build's extra line of the model registry
 * (models/registry.c includes it with -DGOV_EXTRA_MODELS_HEADER). */
#include "model_registry.h"
extern const model_kind ishigami_kind;
#define GOV_EXTRA_MODELS &ishigami_kind,
