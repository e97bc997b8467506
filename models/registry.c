/*
 * registry.c — the models the command line can run, one row per kind.
 *
 * The governance model is the default kind (a scenario without a "model"
 * field).
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "cli_registry.h"
#include "gov.h"
#include "gov_cli.h"
#include "gov_schema.h"
#include "mmc_model.h"

#define DEFAULT_KIND "governance"

static const cli_model models[] = {
    {DEFAULT_KIND, "grassroots governance (the default when a scenario has no \"model\" field)",
     gov_cli_load, gov_cli_free, gov_cli_name, gov_cli_warmup, "h", &gov_model_ops, &gov_plots,
     gov_headline, &gov_report, &gov_schema, gov_cli_size},
    {"mmc", "M/M/c queue with an urgent class: validation and teaching model", mmc_load,
     mmc_free, mmc_name, mmc_warmup, "h", &mmc_ops, &mmc_plots, mmc_headline,
     &mmc_report, NULL, NULL},
};
#define N_MODELS (sizeof models / sizeof models[0])

const cli_model *cli_model_find(const char *kind)
{
    for (size_t i = 0; i < N_MODELS; i++)
        if (strcmp(models[i].kind, kind) == 0)
            return &models[i];
    return NULL;
}

const char *cli_model_kinds(void) { return DEFAULT_KIND ", mmc"; }

/* The "model" field is read through the scenario language (comments, extends),
 * so a scenario that inherits its model from the file it extends is recognised. */
int cli_model_detect(const char *file, const cli_model **out, sim_err *err)
{
    scn_doc *doc = NULL;
    int rc0 = scn_doc_load(&gov_schema, file, &doc, err);
    if (rc0 != SIM_OK)
        return rc0;
    const cJSON *root = scn_doc_root(doc);
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(root, "model");
    int rc = SIM_OK;
    if (kind != NULL && !cJSON_IsString(kind)) {
        rc = sim_err_add(err, SIM_ERR_INPUT, "%s: model: not a string; allowed: %s", file,
                         cli_model_kinds());
    } else {
        const char *k = kind != NULL ? kind->valuestring : DEFAULT_KIND;
        *out = cli_model_find(k);
        if (*out == NULL)
            rc = sim_err_add(err, SIM_ERR_INPUT, "%s: model: unknown kind \"%s\"; allowed: %s",
                             file, k, cli_model_kinds());
        else if ((*out)->load == NULL)
            rc = sim_err_add(err, SIM_ERR_INPUT,
                             "%s: the %s model is not available in this build yet; "
                             "set \"model\": \"mmc\" to run the M/M/c model", file, k);
    }
    scn_doc_destroy(doc);
    return rc;
}
