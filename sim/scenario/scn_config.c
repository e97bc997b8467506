/*
 * scn_config.c — bound configurations: free, deep copy, and numeric fields
 * found by path (policy timelines change them during a run).
 */
#include "scn_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim_mem.h"

static size_t *count_at(char *base, const scn_field *f)
{
    return (size_t *)(base + f->count_offset);
}

void scn_config_free(const scn_schema *schema, void *cfg)
{
    if (schema == NULL || cfg == NULL)
        return;
    char *base = cfg;
    for (size_t i = 0; i < schema->nfields; i++) {
        const scn_field *f = &schema->fields[i];
        char *at = base + f->offset;
        switch (f->type) {
        case SCN_STRING:
            sim_free(*(char **)at);
            *(char **)at = NULL;
            break;
        case SCN_OBJECT:
            scn_config_free(f->sub, at);
            break;
        case SCN_ARRAY:
        case SCN_MAP:
        case SCN_STRING_LIST:
        case SCN_NUMBER_LIST: {
            char *elems = *(char **)at;
            size_t n = *count_at(base, f);
            for (size_t k = 0; elems != NULL && k < n; k++) {
                if (f->type == SCN_ARRAY)
                    scn_config_free(f->sub, elems + k * f->sub->size);
                else if (f->type == SCN_MAP)
                    sim_free(((scn_entry *)elems)[k].name);
                else if (f->type == SCN_STRING_LIST)
                    sim_free(((char **)elems)[k]);
            }
            sim_free(elems);
            *(char **)at = NULL;
            *count_at(base, f) = 0;
            break;
        }
        default:
            break;
        }
    }
}

/* dst starts as a byte copy of src; every pointer in it is replaced by a deep
 * copy. After the first failure the remaining pointers are cleared instead, so
 * dst never shares memory with src and can always be freed. */
static void deepen(const scn_schema *schema, char *dst, int *failed)
{
    for (size_t i = 0; i < schema->nfields; i++) {
        const scn_field *f = &schema->fields[i];
        char *at = dst + f->offset;
        if (f->type == SCN_STRING) {
            char *s = *(char **)at;
            *(char **)at = s != NULL && !*failed ? sim_strdup(s) : NULL;
            if (s != NULL && *(char **)at == NULL)
                *failed = 1;
            continue;
        }
        if (f->type == SCN_OBJECT) {
            deepen(f->sub, at, failed);
            continue;
        }
        if (f->type != SCN_ARRAY && f->type != SCN_MAP && f->type != SCN_STRING_LIST &&
            f->type != SCN_NUMBER_LIST)
            continue;
        char *src = *(char **)at;
        size_t n = *count_at(dst, f);
        size_t esz = f->type == SCN_ARRAY ? f->sub->size
                   : f->type == SCN_MAP   ? sizeof(scn_entry)
                   : f->type == SCN_STRING_LIST ? sizeof(char *)
                                                : sizeof(double);
        char *copy = src != NULL && n > 0 && !*failed ? sim_calloc(n, esz) : NULL;
        if (src != NULL && n > 0 && copy == NULL)
            *failed = 1;
        if (copy == NULL) {
            *(char **)at = NULL;
            *count_at(dst, f) = 0;
            continue;
        }
        memcpy(copy, src, n * esz);
        *(char **)at = copy;
        for (size_t k = 0; k < n; k++) {
            if (f->type == SCN_ARRAY) {
                deepen(f->sub, copy + k * esz, failed);
            } else if (f->type == SCN_MAP || f->type == SCN_STRING_LIST) {
                char **s = f->type == SCN_MAP ? &((scn_entry *)copy)[k].name : &((char **)copy)[k];
                char *orig = *s;
                *s = orig != NULL && !*failed ? sim_strdup(orig) : NULL;
                if (orig != NULL && *s == NULL)
                    *failed = 1;
            }
        }
    }
}

int scn_config_copy(const scn_schema *schema, void *dst, const void *src, sim_err *err)
{
    memcpy(dst, src, schema->size);
    int failed = 0;
    deepen(schema, dst, &failed);
    if (failed) {
        scn_config_free(schema, dst);
        memset(dst, 0, schema->size);
        return sim_err_nomem(err, "copying a scenario configuration");
    }
    return SIM_OK;
}

/* ---- typed references ---- */


/* The element of a bound array whose "name" string field equals the segment. */
static char *named(const scn_field *f, char *elems, size_t n, const scn_seg *seg)
{
    const scn_field *nf = scn__field(f->sub, "name", 4);
    if (nf == NULL || nf->type != SCN_STRING)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        char *e = elems + k * f->sub->size;
        const char *name = *(char **)(e + nf->offset);
        if (name != NULL && strlen(name) == seg->len && memcmp(name, seg->s, seg->len) == 0)
            return e;
    }
    return NULL;
}

int scn_resolve(const scn_schema *schema, void *cfg, const char *path, unsigned flags,
                scn_ref *out, sim_err *err)
{
    memset(out, 0, sizeof *out);
    char *base = cfg;
    const scn_field *f = NULL;
    void *where = NULL;
    const char *p = path;
    scn_seg seg;
    int r;
    while ((r = scn__seg_next(&p, &seg)) == 1) {
        if (where != NULL)
            return scn__bad(err, path, "a number has no parts");
        if (f == NULL) {
            f = seg.kind == SCN_SEG_NAME ? scn__field(schema, seg.s, seg.len) : NULL;
            if (f == NULL) {
                char list[256];
                scn__join_names(list, sizeof list, scn__field_name_at, schema, schema->nfields);
                return scn__bad(err, path, "no such field in %s; allowed: %s", schema->name, list);
            }
            if (f->type == SCN_OBJECT) {
                base += f->offset;
                schema = f->sub;
                f = NULL;
            }
            continue;
        }
        if (f->type != SCN_ARRAY && f->type != SCN_MAP && f->type != SCN_NUMBER_LIST)
            return scn__bad(err, path, "%s is %s and has no parts", f->name, scn__type_text(f));
        char *elems = *(char **)(base + f->offset);
        size_t n = *count_at(base, f);
        if (f->type == SCN_ARRAY) {
            char *e = seg.kind == SCN_SEG_INDEX && seg.index < n ? elems + seg.index * f->sub->size
                    : seg.kind == SCN_SEG_NAME ? named(f, elems, n, &seg)
                                               : NULL;
            if (e == NULL)
                return scn__bad(err, path, "no such element of %s (it has %zu)", f->name, n);
            base = e;
            schema = f->sub;
            f = NULL;
        } else if (f->type == SCN_MAP && seg.kind == SCN_SEG_NAME) {
            for (size_t k = 0; k < n && where == NULL; k++) {
                scn_entry *en = &((scn_entry *)elems)[k];
                if (strlen(en->name) == seg.len && memcmp(en->name, seg.s, seg.len) == 0)
                    where = &en->value;
            }
            if (where == NULL)
                return scn__bad(err, path, "%s has no entry \"%.*s\"", f->name, (int)seg.len, seg.s);
        } else if (f->type == SCN_NUMBER_LIST && seg.kind == SCN_SEG_INDEX) {
            if (seg.index >= n)
                return scn__bad(err, path, "no element [%zu]: %s has %zu", seg.index, f->name, n);
            where = &((double *)elems)[seg.index];
        } else {
            return scn__bad(err, path, "%s is %s; this path does not name a number in it", f->name,
                       scn__type_text(f));
        }
    }
    if (r < 0)
        return scn__bad(err, path, "malformed path; write it as a.b, list[2].c or list.NAME.c");
    if (f == NULL)
        return scn__bad(err, path, "names %s, not a number", schema->name);
    if (where == NULL) {
        if (f->type != SCN_NUMBER && f->type != SCN_INTEGER && f->type != SCN_SHARE &&
            f->type != SCN_DURATION && f->type != SCN_ENUM && f->type != SCN_BOOL)
            return scn__bad(err, path, "is %s, not a number, a choice or a boolean", scn__type_text(f));
        where = base + f->offset;
    }
    if ((flags & SCN_RESOLVE_LIVE) && !(f->flags & SCN_LIVE))
        return scn__bad(err, path, "cannot change during a run (the field is not marked live)");
    out->field = f;
    out->where = where;
    snprintf(out->path, sizeof out->path, "%s", path);
    return SIM_OK;
}

int scn_ref_set(const scn_ref *ref, double value, sim_err *err)
{
    const scn_field *f = ref->field;
    char v[32], r[256];
    scn__fmt_num(v, sizeof v, value);
    scn__range_text(f, r, sizeof r);
    if (!isfinite(value))
        return scn__bad(err, ref->path, "the value must be a finite number");
    if (f->type == SCN_ENUM) {
        size_t n = 0;
        while (f->choices[n] != NULL)
            n++;
        if (value != floor(value) || value < 0 || value >= (double)n)
            return scn__bad(err, ref->path, "%s is not the index of a choice (0 to %zu)", v, n - 1);
        *(int *)ref->where = (int)value;
        return SIM_OK;
    }
    if (f->type == SCN_BOOL) {
        if (value != 0 && value != 1)
            return scn__bad(err, ref->path, "%s is not a boolean; allowed: 0, 1", v);
        *(bool *)ref->where = value != 0;
        return SIM_OK;
    }
    if (f->type == SCN_INTEGER && (value != floor(value) || value < INT_MIN || value > INT_MAX))
        return scn__bad(err, ref->path, "%s is not a whole number%s%s", v, r[0] ? "; allowed: " : "",
                   r);
    if (scn__out_of_range(f, value))
        return scn__bad(err, ref->path, "%s is out of range; allowed: %s", v, r);
    if (f->type == SCN_INTEGER)
        *(int *)ref->where = (int)value;
    else if (f->type == SCN_DURATION)
        *(double *)ref->where = scn__to_hours(value, f->unit);
    else
        *(double *)ref->where = value;
    return SIM_OK;
}

int scn_ref_set_text(const scn_ref *ref, const char *text, sim_err *err)
{
    const scn_field *f = ref->field;
    if (f->type == SCN_ENUM) {
        for (size_t i = 0; f->choices[i] != NULL; i++)
            if (strcmp(f->choices[i], text) == 0)
                return scn_ref_set(ref, (double)i, err);
        char list[512];
        size_t used = 0;
        list[0] = '\0';
        for (size_t i = 0; f->choices[i] != NULL && used < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", f->choices[i]);
        return scn__bad(err, ref->path, "\"%s\" is not a choice; allowed: %s", text, list);
    }
    if (f->type == SCN_BOOL && (strcmp(text, "true") == 0 || strcmp(text, "false") == 0))
        return scn_ref_set(ref, text[0] == 't', err);
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0')
        return scn__bad(err, ref->path, "'%s' is not a number", text);
    return scn_ref_set(ref, v, err);
}
