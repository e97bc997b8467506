/*
 * mmc_load.c — M/M/c scenario files: strict JSON, every field checked, unknown
 * fields refused (a misspelt field silently left at its default would make a
 * wrong experiment look right). Fields are listed in docs/mmc.md.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli_json.h"
#include "mmc_config.h"
#include "mmc_model.h"
#include "sim_mem.h"

/* Expected arrivals per replication above this are refused: the waiting line of
 * an overloaded queue grows with them, and so would memory. */
#define MAX_ARRIVALS 1e8

typedef struct field {
    const char *name;
    int numeric; /* may be set by --param */
    const char *allowed;
} field;

static const field fields[] = {
    {"model", 0, "\"mmc\""},
    {"name", 0, "a non-empty string"},
    {"description", 0, "a string"},
    {"arrival_rate_per_h", 1, "a number > 0"},
    {"service_rate_per_h", 1, "a number > 0"},
    {"servers", 1, "an integer from 1 to 100000"},
    {"horizon_h", 1, "a number > 0"},
    {"warmup_h", 1, "a number >= 0 and below horizon_h (default 0)"},
    {"urgent_share", 1, "a number from 0 to 1 (default 0)"},
    {"priority", 0, "\"none\" or \"urgent_first\" (default \"none\")"},
    {"wait_limit_min", 1, "a number > 0 (default 20)"},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

static const field *field_of(const char *name)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    return NULL;
}

static void list_fields(char *buf, size_t size, int numeric_only)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (numeric_only && !fields[i].numeric)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", fields[i].name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static int bad_field(sim_err *err, const char *file, const char *name, const char *got)
{
    return sim_err_add(err, SIM_ERR_INPUT, "%s: %s: %s; allowed: %s", file, name, got,
                       field_of(name)->allowed);
}

/* The number in field `name`, or `dflt` when absent (NAN: required). */
static int get_number(const cJSON *root, const char *file, const char *name, double dflt,
                      double *out, sim_err *err)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, name);
    if (it == NULL) {
        if (isnan(dflt))
            return bad_field(err, file, name, "missing");
        *out = dflt;
        return SIM_OK;
    }
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble))
        return bad_field(err, file, name, "not a number");
    *out = it->valuedouble;
    return SIM_OK;
}

static int check(int ok, const char *file, const char *name, double v, sim_err *err)
{
    if (ok)
        return SIM_OK;
    char got[64];
    snprintf(got, sizeof got, "%.15g is out of range", v);
    return bad_field(err, file, name, got);
}

static int read_config(const cJSON *root, const char *file, mmc_config *c, sim_err *err)
{
    int rc = SIM_OK;
    for (const cJSON *it = root->child; it != NULL; it = it->next)
        if (field_of(it->string) == NULL) {
            char list[512];
            list_fields(list, sizeof list, 0);
            rc = sim_err_add(err, SIM_ERR_INPUT, "%s: %s: unknown field; allowed: %s", file,
                             it->string, list);
        }
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
    if (!cJSON_IsString(model) || strcmp(model->valuestring, "mmc") != 0)
        rc = bad_field(err, file, "model", model == NULL ? "missing" : "not \"mmc\"");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
    if (!cJSON_IsString(name) || name->valuestring[0] == '\0')
        rc = bad_field(err, file, "name", name == NULL ? "missing" : "not a non-empty string");
    const cJSON *descr = cJSON_GetObjectItemCaseSensitive(root, "description");
    if (descr != NULL && !cJSON_IsString(descr))
        rc = bad_field(err, file, "description", "not a string");
    const cJSON *prio = cJSON_GetObjectItemCaseSensitive(root, "priority");
    c->priority = MMC_PRIO_NONE;
    if (prio != NULL) {
        if (cJSON_IsString(prio) && strcmp(prio->valuestring, "urgent_first") == 0)
            c->priority = MMC_PRIO_URGENT_FIRST;
        else if (!cJSON_IsString(prio) || strcmp(prio->valuestring, "none") != 0)
            rc = bad_field(err, file, "priority", "unknown rule");
    }
    double servers = 1;
    if (get_number(root, file, "arrival_rate_per_h", NAN, &c->lambda, err) ||
        check(c->lambda > 0, file, "arrival_rate_per_h", c->lambda, err))
        rc = SIM_ERR_INPUT;
    if (get_number(root, file, "service_rate_per_h", NAN, &c->mu, err) ||
        check(c->mu > 0, file, "service_rate_per_h", c->mu, err))
        rc = SIM_ERR_INPUT;
    if (get_number(root, file, "servers", NAN, &servers, err) ||
        check(servers >= 1 && servers <= 100000 && servers == floor(servers), file, "servers",
              servers, err))
        rc = SIM_ERR_INPUT;
    if (get_number(root, file, "horizon_h", NAN, &c->horizon, err) ||
        check(c->horizon > 0, file, "horizon_h", c->horizon, err))
        rc = SIM_ERR_INPUT;
    if (get_number(root, file, "warmup_h", 0, &c->warmup, err) ||
        check(c->warmup >= 0 && (c->warmup < c->horizon || rc != SIM_OK), file, "warmup_h",
              c->warmup, err))
        rc = SIM_ERR_INPUT;
    if (get_number(root, file, "urgent_share", 0, &c->urgent_share, err) ||
        check(c->urgent_share >= 0 && c->urgent_share <= 1, file, "urgent_share",
              c->urgent_share, err))
        rc = SIM_ERR_INPUT;
    if (get_number(root, file, "wait_limit_min", 20, &c->wait_limit_min, err) ||
        check(c->wait_limit_min > 0, file, "wait_limit_min", c->wait_limit_min, err))
        rc = SIM_ERR_INPUT;
    if (rc != SIM_OK)
        return rc;
    if (c->lambda * c->horizon > MAX_ARRIVALS)
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s: arrival_rate_per_h x horizon_h = %.3g expected arrivals per "
                           "replication; at most %.0e allowed", file, c->lambda * c->horizon,
                           MAX_ARRIVALS);
    c->servers = (unsigned)servers;
    c->name = sim_strdup(name->valuestring);
    if (c->name == NULL)
        return sim_err_nomem(err, "loading a scenario");
    return SIM_OK;
}

int mmc_load(const char *file, const cli_override *ovr, size_t n_ovr, void **config,
             sim_err *err)
{
    *config = NULL;
    for (size_t i = 0; i < n_ovr; i++) {
        const field *f = field_of(ovr[i].path);
        if (f == NULL || !f->numeric) {
            char list[256];
            list_fields(list, sizeof list, 1);
            return sim_err_add(err, SIM_ERR_INPUT,
                               "--param %s: not a numeric field of an mmc scenario; allowed: %s",
                               ovr[i].path, list);
        }
    }
    cJSON *root = cli_json_load(file, err);
    if (root == NULL)
        return err->status != SIM_OK ? err->status : SIM_ERR_INPUT;
    int rc = SIM_OK;
    for (size_t i = 0; i < n_ovr && rc == SIM_OK; i++)
        rc = cli_json_set_number(root, ovr[i].path, ovr[i].value, file, err);
    mmc_config *c = NULL;
    if (rc == SIM_OK) {
        c = sim_calloc(1, sizeof *c);
        rc = c == NULL ? sim_err_nomem(err, "loading a scenario") : read_config(root, file, c, err);
    }
    cJSON_Delete(root);
    if (rc != SIM_OK) {
        mmc_free(c);
        return rc;
    }
    *config = c;
    return SIM_OK;
}

void mmc_free(void *config)
{
    mmc_config *c = config;
    if (c == NULL)
        return;
    sim_free(c->name);
    sim_free(c);
}

const char *mmc_name(const void *config) { return ((const mmc_config *)config)->name; }

double mmc_warmup(const void *config) { return ((const mmc_config *)config)->warmup; }
