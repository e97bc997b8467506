/* gov_cli.h — the governance model's entry points for the command line's registry. */
#ifndef GOV_CLI_H
#define GOV_CLI_H

#include "cli_registry.h"

int gov_cli_load(const char *file, const cli_override *ovr, size_t n_ovr, void **config, sim_err *err);
void gov_cli_free(void *config);
const char *gov_cli_name(const void *config);
double gov_cli_warmup(const void *config);
int gov_cli_size(const void *config, cli_size *out, sim_err *err);

#endif
