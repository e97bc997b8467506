/* cli_util.c — assertions shared by the command-line tests (see cli_util.h). */
#include "cli_util.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gov(run_result *r, const char *cwd, const char *const *env, const char *const *args)
{
    run_govsim(r, cwd, env, args);
    cr_assert(r->status >= 0 && r->out != NULL, "cannot run $GOVSIM_BIN");
}

cJSON *load_json(const char *dir, const char *file)
{
    char *p = pjoin(dir, file);
    char *text = slurp(p, NULL);
    cr_assert(text != NULL, "missing %s", p);
    cJSON *j = cJSON_Parse(text);
    cr_assert(j != NULL, "bad JSON in %s", p);
    free(text);
    free(p);
    return j;
}

cJSON *at(const cJSON *j, const char *path)
{
    /* "results.0.kpis.mean_wait_min.mean" */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *node = j;
    for (char *save = NULL, *k = strtok_r(buf, ".", &save); k && node; k = strtok_r(NULL, ".", &save))
        node = (*k >= '0' && *k <= '9') ? cJSON_GetArrayItem(node, atoi(k))
                                        : cJSON_GetObjectItemCaseSensitive(node, k);
    cr_assert(node != NULL, "no %s in summary.json", path);
    return (cJSON *)node;
}

double num_at(const cJSON *j, const char *path)
{
    const cJSON *n = at(j, path);
    return cJSON_IsNull(n) ? NAN : n->valuedouble;
}

int png_ok(const char *path)
{
    size_t len;
    unsigned char *b = (unsigned char *)slurp(path, &len);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    int ok = b != NULL && len > 33 && memcmp(b, sig, 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0;
    if (ok) {
        unsigned w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19];
        unsigned h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23];
        ok = w == 1000 && h == 600;
    }
    free(b);
    return ok;
}

