/* gov_cli.c — the governance model's row in the command line's registry. */
#include <stdio.h>

#include "gov.h"
#include "gov_cli.h"
#include "sim_mem.h"

int gov_cli_load(const char *file, const cli_override *ovr, size_t n_ovr, void **config, sim_err *err)
{
    *config = NULL;
    gov_override *o = NULL;
    if (n_ovr > 0 && (o = sim_calloc(n_ovr, sizeof *o)) == NULL)
        return sim_err_nomem(err, "loading the scenario");
    for (size_t i = 0; i < n_ovr; i++) {
        o[i].path = ovr[i].path;
        o[i].value = ovr[i].value;
    }
    gov_config *cfg = sim_calloc(1, sizeof *cfg);
    int rc = cfg == NULL ? sim_err_nomem(err, "loading the scenario") : gov_config_load(file, o, n_ovr, cfg, err);
    sim_free(o);
    if (rc != SIM_OK) {
        sim_free(cfg);
        return rc;
    }
    *config = cfg;
    return SIM_OK;
}

void gov_cli_free(void *config)
{
    gov_config_free(config);
    sim_free(config);
}

const char *gov_cli_name(const void *config) { return ((const gov_config *)config)->name; }

double gov_cli_warmup(const void *config) { return ((const gov_config *)config)->warmup; }

int gov_cli_size(const void *config, cli_size *out, sim_err *err)
{
    gov_footprint fp;
    gov_estimate(config, &fp);
    out->bytes = fp.bytes;
    gov_footprint_text(&fp, out->what, sizeof out->what);
    return gov_check_size(config, &fp, err);
}
