/*
 * scn_set.c — setting a document's fields from outside the file, before it is
 * bound: a sweep's value, `--set PATH=VALUE`, a calibration's candidate. The
 * value goes into the merged tree at the path (objects on the way created),
 * positioned at "command line", and is validated by scn_bind like any value.
 */
#include "scn_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim_mem.h"


static int numeric(const scn_field *f)
{
    return f->type == SCN_NUMBER || f->type == SCN_INTEGER || f->type == SCN_SHARE ||
           f->type == SCN_DURATION;
}

/* Every node of a value set from outside the file is positioned at its origin
 * ("command line", or what set_text_at names). */
static int mark_origin(scn_doc *doc, const cJSON *node, uint32_t origin, sim_err *err)
{
    scn_posrec r = {node, origin, 0, 0, 0, 0};
    if (scn__pos_put(doc, &r) != SIM_OK)
        return sim_err_nomem(err, "setting a scenario field");
    for (const cJSON *c = node->child; c != NULL; c = c->next)
        if (mark_origin(doc, c, origin, err) != SIM_OK)
            return SIM_ERR_RUNTIME;
    return SIM_OK;
}

static int mark_cmdline(scn_doc *doc, const cJSON *node, sim_err *err)
{
    if (doc->cmdline == UINT32_MAX && scn__file_add(doc, "command line", &doc->cmdline) != SIM_OK)
        return sim_err_nomem(err, "setting a scenario field");
    return mark_origin(doc, node, doc->cmdline, err);
}

/* Where a path leads: a member `key` of object `parent` (a field or a map
 * entry), or an element `elem` of a list of numbers. */
typedef struct leaf {
    cJSON *parent, *elem;
    const char *key;
    size_t keylen;
    const scn_field *f; /* the field; for a map entry, the map */
    int map_entry;
} leaf;

/* Put value (owned) under the leaf, replacing what was there. */
static int put_node(scn_doc *doc, const leaf *lf, cJSON *value, sim_err *err)
{
    if (lf->elem != NULL) {
        if (!cJSON_ReplaceItemViaPointer(lf->parent, lf->elem, value)) {
            cJSON_Delete(value);
            return sim_err_nomem(err, "setting a scenario field");
        }
        return mark_cmdline(doc, value, err);
    }
    cJSON *old = scn__member(lf->parent, lf->key, lf->keylen);
    char name[SCN_PATH_MAX];
    size_t keylen = lf->keylen < sizeof name - 1 ? lf->keylen : sizeof name - 1;
    memcpy(name, lf->key, keylen);
    name[keylen] = '\0';
    if (!cJSON_AddItemToObject(lf->parent, name, value)) {
        cJSON_Delete(value);
        return sim_err_nomem(err, "setting a scenario field");
    }
    if (old != NULL)
        scn__bury(doc, cJSON_DetachItemViaPointer(lf->parent, old));
    return mark_cmdline(doc, value, err);
}

static int unknown(sim_err *err, const char *path, const scn_schema *s, const scn_seg *seg)
{
    char word[SCN_PATH_MAX], list[256];
    size_t n = seg->len < sizeof word - 1 ? seg->len : sizeof word - 1;
    memcpy(word, seg->s, n);
    word[n] = '\0';
    const char *sug = scn__suggest(word, scn__field_name_at, s, s->nfields);
    scn__join_names(list, sizeof list, scn__field_name_at, s, s->nfields);
    if (sug != NULL)
        return scn__bad(err, path, "no field \"%s\" in %s (did you mean \"%s\"?); allowed: %s", word,
                   s->name, sug, list);
    return scn__bad(err, path, "no field \"%s\" in %s; allowed: %s", word, s->name, list);
}

/* An object member of parent for field f, created when missing. */
static int object_at(scn_doc *doc, cJSON *parent, cJSON **node, const scn_field *f, const char *path,
                     sim_err *err)
{
    if (*node == NULL) {
        *node = cJSON_CreateObject();
        if (*node == NULL || !cJSON_AddItemToObject(parent, f->name, *node)) {
            cJSON_Delete(*node);
            return sim_err_nomem(err, "setting a scenario field");
        }
        return mark_cmdline(doc, *node, err);
    }
    if (!cJSON_IsObject(*node))
        return scn__bad(err, path, "%s is not an object in the scenario", f->name);
    return SIM_OK;
}

/* An element of a list or array, by index or (arrays of objects) by name. */
static int element_at(cJSON *node, const scn_field *f, const scn_seg *seg, const char *path, cJSON **out,
                      sim_err *err)
{
    if (!cJSON_IsArray(node))
        return scn__bad(err, path, "the scenario has no list \"%s\" to set an element of", f->name);
    cJSON *e = NULL;
    if (seg->kind == SCN_SEG_INDEX)
        e = scn__nth(node, seg->index);
    else if (seg->kind == SCN_SEG_NAME && f->type == SCN_ARRAY)
        e = scn__named_element(node, seg->s, seg->len);
    else
        return scn__bad(err, path, "name one element of %s: [index]%s", f->name, f->type == SCN_ARRAY ? " or its name" : "");
    if (e == NULL && seg->kind == SCN_SEG_INDEX)
        return scn__bad(err, path, "no element [%zu]: %s has %zu element%s", seg->index, f->name, scn__count(node),
                   scn__count(node) == 1 ? "" : "s");
    if (e == NULL)
        return scn__bad(err, path, "no element of %s has the name \"%.*s\"", f->name, (int)seg->len, seg->s);
    *out = e;
    return SIM_OK;
}

/* Follows path through the schema and the document (creating missing objects
 * and maps on the way) to the place its value goes. */
static int find_leaf(scn_doc *doc, const char *path, leaf *lf, sim_err *err)
{
    memset(lf, 0, sizeof *lf);
    if (doc->schema == NULL)
        return scn__bad(err, path, "the scenario has no schema to set fields by");
    if (!cJSON_IsObject(doc->root))
        return scn__bad(err, path, "the scenario is not a JSON object");
    const scn_schema *sch = doc->schema;
    cJSON *node = doc->root, *parent = NULL;
    const scn_field *f = NULL;
    const char *p = path;
    scn_seg seg, last = {0};
    int r, rc;
    while ((r = scn__seg_next(&p, &seg)) == 1) {
        if (f == NULL) {
            if (seg.kind != SCN_SEG_NAME)
                return scn__bad(err, path, "expected a field name of %s before '['", sch->name);
            if ((f = scn__field(sch, seg.s, seg.len)) == NULL)
                return unknown(err, path, sch, &seg);
            parent = node;
            node = scn__member(parent, seg.s, seg.len);
            last = seg;
            if (f->type != SCN_OBJECT || *p == '\0')
                continue;
            if ((rc = object_at(doc, parent, &node, f, path, err)) != SIM_OK)
                return rc;
            sch = f->sub;
            f = NULL;
        } else if (f->type == SCN_ARRAY || f->type == SCN_NUMBER_LIST) {
            cJSON *e = NULL;
            if ((rc = element_at(node, f, &seg, path, &e, err)) != SIM_OK)
                return rc;
            if (f->type == SCN_NUMBER_LIST) {
                if (*p != '\0')
                    return scn__bad(err, path, "an element of %s is a number and has no parts", f->name);
                *lf = (leaf){.parent = node, .elem = e, .f = f};
                return SIM_OK;
            }
            if (!cJSON_IsObject(e))
                return scn__bad(err, path, "that element of %s is not an object", f->name);
            node = e;
            sch = f->sub;
            f = NULL;
        } else if (f->type == SCN_MAP) {
            if (seg.kind != SCN_SEG_NAME || *p != '\0')
                return scn__bad(err, path, "%s is a map: name one entry, as in %s.NAME", f->name, f->name);
            if ((rc = object_at(doc, parent, &node, f, path, err)) != SIM_OK)
                return rc;
            *lf = (leaf){.parent = node, .key = seg.s, .keylen = seg.len, .f = f, .map_entry = 1};
            return SIM_OK;
        } else {
            return scn__bad(err, path, "%s is %s and has no parts", f->name, scn__type_text(f));
        }
    }
    if (r < 0)
        return scn__bad(err, path, "malformed path; write it as a.b, list[2].c or list.NAME.c");
    if (f == NULL)
        return scn__bad(err, path, "names %s; name one of its fields", sch->name);
    *lf = (leaf){.parent = parent, .key = last.s, .keylen = last.len, .f = f};
    return SIM_OK;
}

/* Numbers go in as numbers: a map entry, a list element or a numeric field. */
static int takes_number(const leaf *lf)
{
    return lf->map_entry || lf->elem != NULL || numeric(lf->f);
}

int scn_set_number(scn_doc *doc, const char *path, double value, sim_err *err)
{
    if (!isfinite(value))
        return scn__bad(err, path, "the value must be a finite number");
    leaf lf;
    int rc = find_leaf(doc, path, &lf, err);
    if (rc != SIM_OK)
        return rc;
    if (!lf.map_entry && lf.f->type == SCN_OBJECT)
        return scn__bad(err, path, "names %s, not a number; name one of its fields", lf.f->sub->name);
    if (!takes_number(&lf))
        return scn__bad(err, path, "is %s, not a number that can be set", scn__type_text(lf.f));
    cJSON *num = cJSON_CreateNumber(value);
    return num != NULL ? put_node(doc, &lf, num, err) : sim_err_nomem(err, "setting a scenario field");
}

/* The whole text as a finite number. */
static int text_number(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno != 0 || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* The node a text value stands for, by the type of what it sets. */
static cJSON *node_from_text(const leaf *lf, const char *path, const char *text, sim_err *err)
{
    double v;
    if (takes_number(lf)) {
        if (text_number(text, &v))
            return cJSON_CreateNumber(v);
        double h;
        if (!lf->map_entry && lf->elem == NULL && lf->f->type == SCN_DURATION &&
            scn_parse_duration(text, lf->f->unit, &h) == SIM_OK)
            return cJSON_CreateString(text);
        scn__bad(err, path, "'%s' is not a number%s", text,
            !lf->map_entry && lf->elem == NULL && lf->f->type == SCN_DURATION
                ? "; allowed: a number or a duration such as 2h, 30min, 7d" : "");
        return NULL;
    }
    switch (lf->f->type) {
    case SCN_BOOL:
        if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)
            return cJSON_CreateBool(text[0] == 't');
        scn__bad(err, path, "'%s' is not a boolean; allowed: true, false", text);
        return NULL;
    case SCN_STRING:
    case SCN_ENUM:
        return cJSON_CreateString(text);
    default: {
        /* Objects and lists are written as JSON: --set 'demand.daily_profile=[1,1,...]'. */
        cJSON *j = cJSON_ParseWithLength(text, strlen(text));
        if (j == NULL)
            scn__bad(err, path, "is %s: write it as JSON, e.g. %s", scn__type_text(lf->f),
                lf->f->type == SCN_OBJECT || lf->f->type == SCN_MAP ? "{\"key\": 1}" : "[1, 2]");
        return j;
    }
    }
}

int scn_set_text_from(scn_doc *doc, const char *path, const char *text, const char *origin, sim_err *err)
{
    uint32_t saved = doc->cmdline;
    if (scn__file_add(doc, origin, &doc->cmdline) != SIM_OK)
        return sim_err_nomem(err, "setting a scenario field");
    int rc = scn_set_text(doc, path, text, err);
    doc->cmdline = saved;
    return rc;
}

int scn_set_text(scn_doc *doc, const char *path, const char *text, sim_err *err)
{
    leaf lf;
    int rc = find_leaf(doc, path, &lf, err);
    if (rc != SIM_OK)
        return rc;
    int before = err->status;
    cJSON *node = node_from_text(&lf, path, text, err);
    if (node == NULL)
        return err->status != before || sim_err_failed(err) ? SIM_ERR_INPUT : sim_err_nomem(err, "setting a scenario field");
    return put_node(doc, &lf, node, err);
}

int scn_apply(scn_doc *doc, const scn_override *ovr, size_t n, sim_err *err)
{
    int rc = SIM_OK;
    for (size_t i = 0; i < n; i++) {
        int r = scn_set_text(doc, ovr[i].path, ovr[i].value, err);
        if (r == SIM_ERR_RUNTIME)
            return r;
        if (r != SIM_OK)
            rc = r;
    }
    return rc;
}
