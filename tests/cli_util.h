/* cli_util.h — assertions shared by the command-line tests. */
#ifndef TEST_CLI_UTIL_H
#define TEST_CLI_UTIL_H

#include <cjson/cJSON.h>

#include "util.h"

/* The last element of every argument list. */
#define END NULL

/* run_govsim, asserting the binary could be run. */
void gov(run_result *r, const char *cwd, const char *const *env, const char *const *args);
/* dir/file parsed as JSON (asserts it exists and parses); free with cJSON_Delete. */
cJSON *load_json(const char *dir, const char *file);
/* The node at a dotted path such as "results.0.kpis.mean_wait_min.mean" (asserted). */
cJSON *at(const cJSON *j, const char *path);
/* Its number; NaN for null. */
double num_at(const cJSON *j, const char *path);
/* A PNG (signature, IHDR first) of 1000 x 600 pixels. */
int png_ok(const char *path);

#endif
