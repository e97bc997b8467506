/*
 * scn_schema.c — validating a merged document against a schema table and
 * binding it into the model's C struct, in one pass that reports every problem.
 *
 * A field with a problem still receives its default, so the walk can go on and
 * find the next problem; the half-bound struct is freed before returning.
 */
#include "scn_int.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "sim_assert.h"
#include "sim_mem.h"

typedef struct bctx {
    scn_doc *doc;
    sim_err *err;
    int input; /* an input problem was reported */
    int oom;   /* an allocation failed */
    scn_path path;
} bctx;

static void problem(bctx *B, const cJSON *node, int at_key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(bctx *B, const cJSON *node, int at_key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scn__vreport(B->doc, B->err, SIM_ERR_INPUT, node, at_key, B->path.s, fmt, ap);
    va_end(ap);
    B->input = 1;
}

static void nomem(bctx *B)
{
    if (!B->oom)
        sim_err_nomem(B->err, "binding a scenario");
    B->oom = 1;
}

static char *dup(bctx *B, const char *s)
{
    char *d = sim_strdup(s);
    if (d == NULL)
        nomem(B);
    return d;
}

static size_t nchoices(const scn_field *f)
{
    size_t n = 0;
    while (f->choices[n] != NULL)
        n++;
    return n;
}

/* "; allowed: ..." for a field, or "" when the type says it all. */
static void allowed(const scn_field *f, char *buf, size_t n)
{
    char r[256];
    switch (f->type) {
    case SCN_ENUM:
        scn__join_names(r, sizeof r, scn__choice_at, f->choices, nchoices(f));
        snprintf(buf, n, "; allowed: %s", r);
        return;
    case SCN_DURATION:
        scn__range_text(f, r, sizeof r);
        snprintf(buf, n, "; allowed: %s%s(a plain number counts in %s; a string takes a unit: "
                         "\"90s\", \"30min\", \"2h\", \"7d\", \"2w\", \"1y\")",
                 r, r[0] ? " " : "", f->unit ? f->unit : "h");
        return;
    case SCN_NUMBER:
    case SCN_INTEGER:
    case SCN_SHARE:
    case SCN_MAP:
    case SCN_NUMBER_LIST:
        scn__range_text(f, r, sizeof r);
        if (r[0] != '\0') {
            snprintf(buf, n, "; allowed: %s%s", f->type == SCN_INTEGER ? "whole numbers " : "",
                     r);
            return;
        }
        break;
    default:
        break;
    }
    buf[0] = '\0';
}

static void type_problem(bctx *B, const scn_field *f, const cJSON *node)
{
    char got[96], al[512];
    const char *hint = "";
    scn__describe(node, got, sizeof got);
    allowed(f, al, sizeof al);
    if (cJSON_IsString(node) && (f->type == SCN_NUMBER || f->type == SCN_INTEGER ||
                                 f->type == SCN_SHARE)) {
        double h;
        size_t len = strlen(node->valuestring);
        if (len > 0 && node->valuestring[len - 1] >= '0' && node->valuestring[len - 1] <= '9' &&
            scn_parse_duration(node->valuestring, "h", &h) == SIM_OK)
            hint = " (write a number without quotes)";
    }
    if (cJSON_IsString(node) && f->type == SCN_BOOL &&
        (strcmp(node->valuestring, "true") == 0 || strcmp(node->valuestring, "false") == 0))
        hint = " (write true or false without quotes)";
    problem(B, node, 0, "expected %s, got %s%s%s", scn__type_text(f), got, hint, al);
}

static void range_problem(bctx *B, const scn_field *f, const cJSON *node, const char *shown)
{
    char al[512];
    allowed(f, al, sizeof al);
    problem(B, node, 0, "%s is out of range%s", shown, al);
}

/* A finite number inside the field's bounds, or a reported problem. */
static int check_number(bctx *B, const scn_field *f, const cJSON *node, double v)
{
    char al[512], shown[48];
    allowed(f, al, sizeof al);
    if (!isfinite(v)) {
        problem(B, node, 0, "the number is too large (it overflows to %sinfinity)%s",
                v < 0 ? "minus " : "", al[0] ? al : "; allowed: a finite number");
        return -1;
    }
    scn__fmt_num(shown, sizeof shown, v);
    if (f->type == SCN_INTEGER && (v != floor(v) || v < INT_MIN || v > INT_MAX)) {
        problem(B, node, 0, "%s is not a whole number that fits in an int%s", shown,
                al[0] ? al : "; allowed: whole numbers");
        return -1;
    }
    if (scn__out_of_range(f, v)) {
        range_problem(B, f, node, shown);
        return -1;
    }
    return 0;
}

static size_t count(const cJSON *c)
{
    size_t n = 0;
    for (c = c->child; c != NULL; c = c->next)
        n++;
    return n;
}

static void fill_default(bctx *B, const scn_field *f, char *base, const cJSON *where);
static void bind_object(bctx *B, const scn_schema *s, const cJSON *obj, char *base,
                        const cJSON *where);

static int check_count(bctx *B, const scn_field *f, const cJSON *node, size_t n)
{
    if (n == 0 && (f->flags & SCN_NONEMPTY)) {
        problem(B, node, 0, "empty %s; allowed: at least one %s",
                f->type == SCN_MAP ? "object" : "list",
                f->type == SCN_ARRAY ? f->sub->name : "element");
        return -1;
    }
    if (f->max_count != 0 && n > f->max_count) {
        problem(B, node, 0, "%zu elements; allowed: at most %zu", n, f->max_count);
        return -1;
    }
    return 0;
}

static void bind_array(bctx *B, const scn_field *f, const cJSON *node, char *at, char *base)
{
    size_t n = count(node);
    if (check_count(B, f, node, n) != 0 || n == 0)
        return;
    size_t esz = f->type == SCN_ARRAY ? f->sub->size
               : f->type == SCN_MAP   ? sizeof(scn_entry)
               : f->type == SCN_STRING_LIST ? sizeof(char *)
                                            : sizeof(double);
    char *elems = sim_calloc(n, esz);
    if (elems == NULL) {
        nomem(B);
        return;
    }
    /* Stored before the elements are filled, so a later free walks them all. */
    memcpy(at, &elems, sizeof elems);
    memcpy(base + f->count_offset, &n, sizeof n);
    double sum = 0;
    size_t i = 0;
    for (const cJSON *e = node->child; e != NULL; e = e->next, i++) {
        size_t mark = f->type == SCN_MAP ? scn__path_name(&B->path, e->string)
                                         : scn__path_index(&B->path, i);
        char *slot = elems + i * esz;
        if (f->type == SCN_ARRAY) {
            bind_object(B, f->sub, e, slot, e);
        } else if (f->type == SCN_STRING_LIST) {
            if (!cJSON_IsString(e)) {
                char got[96];
                scn__describe(e, got, sizeof got);
                problem(B, e, 0, "expected a string, got %s", got);
            } else
                *(char **)slot = dup(B, e->valuestring);
        } else if (!cJSON_IsNumber(e)) {
            char got[96], al[512];
            scn__describe(e, got, sizeof got);
            allowed(f, al, sizeof al);
            problem(B, e, 0, "expected a number, got %s%s", got, al);
        } else if (check_number(B, f, e, e->valuedouble) == 0) {
            if (f->type == SCN_NUMBER_LIST)
                *(double *)slot = e->valuedouble;
            else
                ((scn_entry *)slot)->value = e->valuedouble;
            sum += e->valuedouble;
        }
        if (f->type == SCN_MAP) {
            if (e->string[0] == '\0')
                problem(B, e, 1, "empty name; allowed: a non-empty name");
            ((scn_entry *)slot)->name = dup(B, e->string);
        }
        scn__path_pop(&B->path, mark);
    }
    if (f->type == SCN_MAP && (f->flags & SCN_SUM_TO_ONE) && fabs(sum - 1) > 1e-6) {
        char s[32];
        scn__fmt_num(s, sizeof s, sum);
        problem(B, node, 0, "the values add up to %s; allowed: values adding up to 1", s);
    }
}

static void bind_duration(bctx *B, const scn_field *f, const cJSON *node, double *out)
{
    double hours;
    if (cJSON_IsNumber(node)) {
        if (check_number(B, f, node, node->valuedouble) == 0)
            *out = scn__to_hours(node->valuedouble, f->unit);
        return;
    }
    if (!cJSON_IsString(node)) {
        type_problem(B, f, node);
        return;
    }
    char al[512], shown[160];
    if (scn_parse_duration(node->valuestring, f->unit, &hours) != SIM_OK) {
        allowed(f, al, sizeof al);
        scn__describe(node, shown, sizeof shown);
        problem(B, node, 0, "malformed duration: %s%s", shown, al);
        return;
    }
    double v = scn__from_hours(hours, f->unit);
    if (!isfinite(v) || scn__out_of_range(f, v)) {
        char num[32];
        scn__fmt_num(num, sizeof num, v);
        char q[64];
        scn__quote(node->valuestring, q, sizeof q);
        snprintf(shown, sizeof shown, "%s (%s %s)", q, num, f->unit);
        range_problem(B, f, node, shown);
        return;
    }
    *out = hours;
}

static int enum_index(const scn_field *f, const char *s)
{
    for (int k = 0; f->choices[k] != NULL; k++)
        if (strcmp(f->choices[k], s) == 0)
            return k;
    return -1;
}

/* One value of the file into its field: one case per field type, each
 * checking what the file holds against what the field allows. Long (about 85
 * lines) because the cases are parallel and short; split, the type switch
 * would be repeated. */
static void bind_field(bctx *B, const scn_field *f, const cJSON *node, char *base)
{
    char *at = base + f->offset;
    if (cJSON_IsNull(node)) {
        problem(B, node, 0, "null is not a value; remove the line to use the default%s",
                f->flags & SCN_REQUIRED ? " (this field has none: it is required)" : "");
        fill_default(B, f, base, node);
        return;
    }
    switch (f->type) {
    case SCN_NUMBER:
    case SCN_SHARE:
    case SCN_INTEGER:
        if (!cJSON_IsNumber(node))
            type_problem(B, f, node);
        else if (check_number(B, f, node, node->valuedouble) == 0) {
            if (f->type == SCN_INTEGER)
                *(int *)at = (int)node->valuedouble;
            else
                *(double *)at = node->valuedouble;
            return;
        }
        fill_default(B, f, base, node);
        return;
    case SCN_DURATION:
        fill_default(B, f, base, node);
        bind_duration(B, f, node, (double *)at);
        return;
    case SCN_BOOL:
        if (cJSON_IsBool(node))
            *(bool *)at = cJSON_IsTrue(node);
        else
            type_problem(B, f, node);
        return;
    case SCN_STRING:
        if (!cJSON_IsString(node)) {
            type_problem(B, f, node);
        } else if ((f->flags & SCN_NONEMPTY) && node->valuestring[0] == '\0') {
            problem(B, node, 0, "empty string; allowed: a non-empty string");
        } else if (f->max_count != 0 && strlen(node->valuestring) > f->max_count) {
            problem(B, node, 0, "string of %zu bytes; allowed: at most %zu bytes",
                    strlen(node->valuestring), f->max_count);
        } else {
            *(char **)at = dup(B, node->valuestring);
        }
        return;
    case SCN_ENUM: {
        int k = cJSON_IsString(node) ? enum_index(f, node->valuestring) : -1;
        if (k >= 0) {
            *(int *)at = k;
            return;
        }
        fill_default(B, f, base, node);
        if (!cJSON_IsString(node)) {
            type_problem(B, f, node);
            return;
        }
        char al[512], shown[96];
        allowed(f, al, sizeof al);
        scn__quote(node->valuestring, shown, sizeof shown);
        const char *sug = scn__suggest(node->valuestring, scn__choice_at, f->choices, nchoices(f));
        if (sug != NULL)
            problem(B, node, 0, "unknown value %s (did you mean \"%s\"?)%s", shown, sug, al);
        else
            problem(B, node, 0, "unknown value %s%s", shown, al);
        return;
    }
    case SCN_OBJECT:
        bind_object(B, f->sub, node, at, node);
        return;
    case SCN_ARRAY:
    case SCN_STRING_LIST:
    case SCN_NUMBER_LIST:
        if (!cJSON_IsArray(node))
            type_problem(B, f, node);
        else
            bind_array(B, f, node, at, base);
        return;
    case SCN_MAP:
        if (!cJSON_IsObject(node))
            type_problem(B, f, node);
        else
            bind_array(B, f, node, at, base);
        return;
    }
}

static void fill_default(bctx *B, const scn_field *f, char *base, const cJSON *where)
{
    char *at = base + f->offset;
    switch (f->type) {
    case SCN_NUMBER:
    case SCN_SHARE:
        *(double *)at = f->def;
        break;
    case SCN_DURATION:
        *(double *)at = scn__to_hours(f->def, f->unit);
        break;
    case SCN_INTEGER:
        *(int *)at = (int)f->def;
        break;
    case SCN_BOOL:
        *(bool *)at = f->def != 0;
        break;
    case SCN_STRING:
        if (f->def_str != NULL && *(char **)at == NULL)
            *(char **)at = dup(B, f->def_str);
        break;
    case SCN_ENUM:
        *(int *)at = f->def_str != NULL && enum_index(f, f->def_str) >= 0
                         ? enum_index(f, f->def_str) : 0;
        break;
    case SCN_OBJECT:
        bind_object(B, f->sub, NULL, at, where);
        break;
    default:
        break; /* lists and maps default to empty: already zero */
    }
}

/* Where an unknown key belongs elsewhere in the schema, for the suggestion. */
typedef struct elsewhere {
    const char *name;
    char path[SCN_PATH_MAX];
} elsewhere;

static int find_elsewhere(const char *path, const scn_field *f, int depth, void *ud)
{
    (void)depth;
    elsewhere *e = ud;
    if (strcmp(f->name, e->name) != 0)
        return 0;
    snprintf(e->path, sizeof e->path, "%s", path);
    return 1;
}

static void unknown_field(bctx *B, const scn_schema *s, const cJSON *m)
{
    char list[256];
    scn__join_names(list, sizeof list, scn__field_name_at, s, s->nfields);
    const char *sug = scn__suggest(m->string, scn__field_name_at, s, s->nfields);
    if (sug != NULL) {
        problem(B, m, 1, "unknown field (did you mean \"%s\"?); allowed: %s", sug, list);
        return;
    }
    elsewhere e = {m->string, ""};
    if (scn_schema_walk(B->doc->schema, find_elsewhere, &e) != 0)
        problem(B, m, 1, "unknown field here (there is a field %s); allowed here: %s", e.path,
                list);
    else
        problem(B, m, 1, "unknown field; allowed: %s", list);
}

static void bind_object(bctx *B, const scn_schema *s, const cJSON *obj, char *base,
                        const cJSON *where)
{
    int quiet = 0;
    if (obj != NULL && !cJSON_IsObject(obj)) {
        char got[96];
        scn__describe(obj, got, sizeof got);
        problem(B, obj, 0, "expected an object { ... } (a %s), got %s", s->name, got);
        obj = NULL;
        quiet = 1; /* its fields are not missing: the object is wrong */
    }
    if (obj != NULL) {
        for (const cJSON *m = obj->child; m != NULL; m = m->next) {
            size_t mark = scn__path_name(&B->path, m->string);
            const scn_field *f = scn__field(s, m->string, strlen(m->string));
            if (f == NULL)
                unknown_field(B, s, m);
            else
                bind_field(B, f, m, base);
            scn__path_pop(&B->path, mark);
        }
    }
    for (size_t i = 0; i < s->nfields; i++) {
        const scn_field *f = &s->fields[i];
        if (obj != NULL && scn__member(obj, f->name, strlen(f->name)) != NULL)
            continue;
        size_t mark = scn__path_name(&B->path, f->name);
        if ((f->flags & SCN_REQUIRED) && !quiet) {
            char al[512];
            allowed(f, al, sizeof al);
            problem(B, obj != NULL ? obj : where, 0, "missing required field (%s)%s",
                    scn__type_text(f), al);
        }
        fill_default(B, f, base, where);
        scn__path_pop(&B->path, mark);
    }
}

static int bind_root(scn_doc *doc, void *cfg, sim_err *err, int keep)
{
    const scn_schema *s = doc->schema;
    SIM_CHECK(s != NULL); /* a document read without a schema cannot be bound */
    memset(cfg, 0, s->size);
    bctx B = {.doc = doc, .err = err};
    B.path.s[0] = '\0';
    if (!cJSON_IsObject(doc->root)) {
        char got[96];
        scn__describe(doc->root, got, sizeof got);
        scn__report(doc, err, SIM_ERR_INPUT, doc->root, 0, NULL,
                    "a scenario is a JSON object { ... }, got %s", got);
        return SIM_ERR_INPUT;
    }
    bind_object(&B, s, doc->root, cfg, doc->root);
    if (B.oom || (B.input && !keep)) {
        scn_config_free(s, cfg);
        return B.oom ? SIM_ERR_RUNTIME : SIM_ERR_INPUT;
    }
    return B.input ? SIM_ERR_INPUT : SIM_OK;
}

int scn_bind(scn_doc *doc, void *cfg, sim_err *err) { return bind_root(doc, cfg, err, 0); }

int scn_bind_keep(scn_doc *doc, void *cfg, sim_err *err) { return bind_root(doc, cfg, err, 1); }

int scn_load_config(const scn_schema *schema, const char *path, void *cfg, sim_err *err)
{
    scn_doc *doc;
    memset(cfg, 0, schema->size);
    int st = scn_doc_load(schema, path, &doc, err);
    if (st != SIM_OK)
        return st;
    st = scn_bind(doc, cfg, err);
    scn_doc_destroy(doc);
    return st;
}
