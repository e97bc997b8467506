/*
 * cli_json.c — strict JSON files for the built-in loaders.
 *
 * cJSON accepts duplicate keys (the first wins in lookups), which would let a
 * typo'd second "servers" go unnoticed; they are refused here.
 */
#include "cli_json.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim_mem.h"

#define MAX_FILE_BYTES ((long)64 << 20)

static char *read_all(const char *file, sim_err *err)
{
    FILE *f = fopen(file, "rb");
    if (f == NULL) {
        sim_err_add(err, SIM_ERR_INPUT, "%s: cannot open: %s", file, strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            size_t ncap = cap ? cap * 2 : 8192;
            char *t = sim_realloc(text, ncap);
            if (t == NULL) {
                sim_err_nomem(err, "reading a scenario file");
                goto fail;
            }
            text = t;
            cap = ncap;
        }
        size_t n = fread(text + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
        if ((long)len > MAX_FILE_BYTES) {
            sim_err_add(err, SIM_ERR_INPUT, "%s: larger than %ld MiB; not a scenario", file,
                        MAX_FILE_BYTES >> 20);
            goto fail;
        }
    }
    if (ferror(f)) {
        sim_err_add(err, SIM_ERR_INPUT, "%s: cannot read: %s", file, strerror(errno));
        goto fail;
    }
    fclose(f);
    text[len] = '\0';
    if (strlen(text) != len) {
        sim_free(text);
        sim_err_add(err, SIM_ERR_INPUT, "%s: contains a NUL byte; not a JSON text file", file);
        return NULL;
    }
    return text;
fail:
    fclose(f);
    sim_free(text);
    return NULL;
}

static int check_duplicates(const cJSON *node, const char *file, sim_err *err)
{
    int rc = SIM_OK;
    for (const cJSON *a = node->child; a != NULL; a = a->next) {
        if (cJSON_IsObject(node))
            for (const cJSON *b = node->child; b != a; b = b->next)
                if (strcmp(a->string, b->string) == 0) {
                    rc = sim_err_add(err, SIM_ERR_INPUT, "%s: field \"%s\" appears twice", file,
                                     a->string);
                    break;
                }
        if (cJSON_IsObject(a) || cJSON_IsArray(a))
            if (check_duplicates(a, file, err) != SIM_OK)
                rc = SIM_ERR_INPUT;
    }
    return rc;
}

cJSON *cli_json_load(const char *file, sim_err *err)
{
    char *text = read_all(file, err);
    if (text == NULL)
        return NULL;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    if (root == NULL && sim_mem_failures() > 0) {
        /* cJSON reports out of memory and bad syntax alike; an injected failure
         * (tests) is known to sim_mem. A real one would read as bad syntax. */
        sim_err_nomem(err, "parsing a scenario file");
    } else if (root == NULL) {
        unsigned line = 1, col = 1;
        const char *stop = end != NULL ? end : text;
        for (const char *p = text; p < stop && *p; p++) {
            if (*p == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)*p & 0xC0) != 0x80) {
                col++;
            }
        }
        sim_err_add(err, SIM_ERR_INPUT, "%s:%u:%u: not valid JSON here", file, line, col);
    } else if (!cJSON_IsObject(root)) {
        sim_err_add(err, SIM_ERR_INPUT, "%s: the scenario must be a JSON object { ... }", file);
        cJSON_Delete(root);
        root = NULL;
    } else if (check_duplicates(root, file, err) != SIM_OK) {
        cJSON_Delete(root);
        root = NULL;
    }
    sim_free(text);
    return root;
}

int cli_json_set_number(cJSON *root, const char *path, double value, const char *file,
                        sim_err *err)
{
    cJSON *node = root;
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot != NULL ? (size_t)(dot - p) : strlen(p);
        char key[256];
        if (len == 0 || len >= sizeof key)
            return sim_err_add(err, SIM_ERR_INPUT, "--param %s: not a field path", path);
        memcpy(key, p, len);
        key[len] = '\0';
        cJSON *child = cJSON_GetObjectItemCaseSensitive(node, key);
        if (dot == NULL) {
            cJSON *num = cJSON_CreateNumber(value);
            if (num == NULL)
                return sim_err_nomem(err, "setting a scenario field");
            if (child != NULL) /* this variant also names the new item */
                return cJSON_ReplaceItemInObjectCaseSensitive(node, key, num)
                           ? SIM_OK
                           : (cJSON_Delete(num), sim_err_nomem(err, "setting a scenario field"));
            if (!cJSON_AddItemToObject(node, key, num)) {
                cJSON_Delete(num);
                return sim_err_nomem(err, "setting a scenario field");
            }
            return SIM_OK;
        }
        if (child == NULL) {
            child = cJSON_AddObjectToObject(node, key);
            if (child == NULL)
                return sim_err_nomem(err, "setting a scenario field");
        } else if (!cJSON_IsObject(child)) {
            return sim_err_add(err, SIM_ERR_INPUT, "%s: --param %s: \"%s\" is not an object", file,
                               path, key);
        }
        node = child;
        p = dot + 1;
    }
}
