/*
 * cli_json.h — strict JSON files for the built-in loaders: read a file, parse it
 * with cJSON, report syntax errors as file:line:col, reject duplicate keys.
 */
#ifndef CLI_JSON_H
#define CLI_JSON_H

#include <cjson/cJSON.h>

#include "sim_err.h"

/* The parsed document (free with cJSON_Delete), or NULL with a line in err. */
cJSON *cli_json_load(const char *file, sim_err *err);

/* Set the number at a dotted path, creating objects on the way. SIM_OK, or
 * SIM_ERR_RUNTIME when memory is short, or SIM_ERR_INPUT when a step of the path
 * is not an object. */
int cli_json_set_number(cJSON *root, const char *path, double value, const char *file,
                        sim_err *err);

#endif
