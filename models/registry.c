/*
 * registry.c — the models govsim can run: one line per model. The first is the
 * default kind (a scenario without a "model" field).
 */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gov_kind.h"
#include "mmc_model.h"
#include "model_registry.h"

/* A test build adds models that exist only under tests/ (-DGOV_EXTRA_MODELS_HEADER). */
#ifdef GOV_EXTRA_MODELS_HEADER
#include GOV_EXTRA_MODELS_HEADER
#else
#define GOV_EXTRA_MODELS
#endif

static const model_kind *const kinds[] = {
    &gov_kind,
    &mmc_kind,
    GOV_EXTRA_MODELS
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

size_t model_count(void) { return N_KINDS; }

const model_kind *model_at(size_t i) { return i < N_KINDS ? kinds[i] : NULL; }

const model_kind *model_find(const char *kind)
{
    for (size_t i = 0; i < N_KINDS; i++)
        if (strcmp(kinds[i]->kind, kind) == 0)
            return kinds[i];
    return NULL;
}

void model_kinds_text(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_KINDS && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", kinds[i]->kind);
}

/* The "model" field is read through the scenario language (comments, extends),
 * so a scenario that inherits its model from the file it extends is recognised.
 * Reading merges the files only; no schema is applied yet. */
int model_detect(const char *file, const model_kind **out, sim_err *err)
{
    scn_doc *doc = NULL;
    int rc0 = scn_doc_load(NULL, file, &doc, err);
    if (rc0 != SIM_OK)
        return rc0;
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(scn_doc_root(doc), "model");
    int rc = SIM_OK;
    char allowed[256];
    model_kinds_text(allowed, sizeof allowed);
    if (kind != NULL && !cJSON_IsString(kind)) {
        rc = sim_err_add(err, SIM_ERR_INPUT, "%s: model: not a string; allowed: %s", file, allowed);
    } else {
        const char *k = kind != NULL ? kind->valuestring : kinds[0]->kind;
        *out = model_find(k);
        if (*out == NULL)
            rc = sim_err_add(err, SIM_ERR_INPUT, "%s: model: unknown kind \"%s\"; allowed: %s", file, k,
                             allowed);
    }
    scn_doc_destroy(doc);
    return rc;
}
