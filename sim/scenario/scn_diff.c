/*
 * scn_diff.c — the settings that differ between scenario documents (scn_diff.h).
 */
#include "scn_diff.h"

#include <math.h>
#include <string.h>

#include "scn_int.h"
#include "sim_mem.h"

typedef struct walker {
    scn_diff *d;
    size_t n; /* documents */
    size_t cap;
    const char *const *skip;
    int oom;
    scn_path path;
} walker;

static const cJSON *given(const cJSON *node) { return node != NULL && !cJSON_IsNull(node) ? node : NULL; }

/* ---- text of values ---- */

typedef struct text {
    char *p;
    size_t len, cap;
    int oom;
} text;

static void t_put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->oom)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *p = sim_realloc(t->p, cap);
        if (p == NULL) {
            t->oom = 1;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

static void t_scalar(text *t, const cJSON *node)
{
    char buf[40];
    if (cJSON_IsString(node)) {
        t_put(t, node->valuestring);
    } else if (cJSON_IsNumber(node)) {
        scn__fmt_num(buf, sizeof buf, node->valuedouble);
        t_put(t, buf);
    } else if (cJSON_IsBool(node)) {
        t_put(t, cJSON_IsTrue(node) ? "true" : "false");
    } else {
        char *s = cJSON_PrintUnformatted(node);
        if (s == NULL)
            t->oom = 1;
        else
            t_put(t, s);
        cJSON_free(s);
    }
}

/* A value as written: strings unquoted, a list of plain values as "a, b, c". */
static char *value_text(const cJSON *node, int *oom)
{
    text t = {0};
    t_put(&t, "");
    if (cJSON_IsArray(node)) {
        int first = 1;
        for (const cJSON *e = node->child; e != NULL; e = e->next, first = 0) {
            if (!first)
                t_put(&t, ", ");
            t_scalar(&t, e);
        }
    } else {
        t_scalar(&t, node);
    }
    if (t.oom) {
        sim_free(t.p);
        *oom = 1;
        return NULL;
    }
    return t.p;
}

static int has_default(const scn_field *f)
{
    if (f == NULL || (f->flags & SCN_REQUIRED))
        return 0;
    switch (f->type) {
    case SCN_NUMBER:
    case SCN_INTEGER:
    case SCN_SHARE:
    case SCN_DURATION:
    case SCN_BOOL:
        return 1;
    case SCN_STRING:
    case SCN_ENUM:
        return f->def_str != NULL;
    default:
        return 0;
    }
}

static char *default_text(const scn_field *f, int *oom)
{
    if (f->type == SCN_STRING || f->type == SCN_ENUM) {
        char *s = sim_strdup(f->def_str);
        *oom |= s == NULL;
        return s;
    }
    char buf[96], num[40];
    scn__fmt_num(num, sizeof num, f->def);
    if (f->type == SCN_BOOL)
        snprintf(buf, sizeof buf, "%s", f->def != 0 ? "true" : "false");
    else if (f->type == SCN_DURATION && f->unit != NULL)
        snprintf(buf, sizeof buf, "%s %s", num, f->unit);
    else
        snprintf(buf, sizeof buf, "%s", num);
    char *s = sim_strdup(buf);
    *oom |= s == NULL;
    return s;
}

/* A duration in hours, written or default; NaN when it does not read as one. */
static double hours(const cJSON *node, const scn_field *f)
{
    double h = NAN;
    if (node == NULL)
        return scn__to_hours(f->def, f->unit);
    if (cJSON_IsNumber(node))
        return scn__to_hours(node->valuedouble, f->unit);
    if (cJSON_IsString(node) && scn_parse_duration(node->valuestring, f->unit, &h) != SIM_OK)
        return NAN;
    return h;
}

/* ---- rows ---- */

static void free_cells(scn_diff_cell *cells, size_t n)
{
    for (size_t k = 0; cells != NULL && k < n; k++)
        sim_free(cells[k].text);
    sim_free(cells);
}

static void add_row(walker *w, scn_diff_cell *cells)
{
    scn_diff *d = w->d;
    if (d->n_rows == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        scn_diff_row *rows = sim_reallocarray(d->rows, cap, sizeof *rows);
        if (rows == NULL) {
            free_cells(cells, w->n);
            w->oom = 1;
            return;
        }
        d->rows = rows;
        w->cap = cap;
    }
    char *path = sim_strdup(w->path.s);
    if (path == NULL) {
        free_cells(cells, w->n);
        w->oom = 1;
        return;
    }
    d->rows[d->n_rows++] = (scn_diff_row){path, cells};
}

static int same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* A row's cells, one per document (NULL after marking the walk out of memory). */
static scn_diff_cell *new_cells(walker *w)
{
    scn_diff_cell *cells = sim_calloc(w->n, sizeof *cells);
    if (cells == NULL)
        w->oom = 1;
    return cells;
}

static void leaf(walker *w, const cJSON *const *nodes, const scn_field *f)
{
    scn_diff_cell *cells = new_cells(w);
    if (cells == NULL)
        return;
    int oom = 0;
    for (size_t k = 0; k < w->n; k++) {
        if (nodes[k] != NULL)
            cells[k] = (scn_diff_cell){SCN_DIFF_VALUE, value_text(nodes[k], &oom)};
        else if (has_default(f))
            cells[k] = (scn_diff_cell){SCN_DIFF_DEFAULT, default_text(f, &oom)};
        else
            cells[k].kind = SCN_DIFF_UNSET;
    }
    int same = 1;
    if (f != NULL && f->type == SCN_DURATION) {
        double h0 = hours(nodes[0], f);
        for (size_t k = 1; k < w->n && same; k++) {
            double h = hours(nodes[k], f);
            same = isnan(h0) || isnan(h) ? same_text(cells[0].text, cells[k].text) : h == h0;
        }
    } else {
        for (size_t k = 1; k < w->n && same; k++)
            same = same_text(cells[0].text, cells[k].text);
    }
    if (oom) {
        w->oom = 1;
        free_cells(cells, w->n);
    } else if (same) {
        free_cells(cells, w->n);
    } else {
        add_row(w, cells);
    }
}

/* One row: an element or list that some documents have and others do not. */
static void presence_row(walker *w, const cJSON *const *nodes, int items)
{
    scn_diff_cell *cells = new_cells(w);
    if (cells == NULL)
        return;
    int oom = 0;
    for (size_t k = 0; k < w->n; k++) {
        if (nodes[k] == NULL) {
            cells[k].kind = items ? SCN_DIFF_UNSET : SCN_DIFF_ABSENT;
        } else if (items) {
            char buf[32];
            snprintf(buf, sizeof buf, "%d", cJSON_GetArraySize(nodes[k]));
            cells[k] = (scn_diff_cell){SCN_DIFF_ITEMS, sim_strdup(buf)};
            oom |= cells[k].text == NULL;
        } else {
            cells[k].kind = SCN_DIFF_PRESENT;
        }
    }
    if (oom) {
        w->oom = 1;
        free_cells(cells, w->n);
        return;
    }
    add_row(w, cells);
}

/* ---- walking ---- */

static void visit(walker *w, const cJSON *const *nodes, const scn_field *f);

static int all_present(const cJSON *const *nodes, size_t n, cJSON_bool (*is)(const cJSON *))
{
    int any = 0;
    for (size_t k = 0; k < n; k++) {
        if (nodes[k] != NULL && !is(nodes[k]))
            return 0;
        any |= nodes[k] != NULL;
    }
    return any;
}

static void walk_object(walker *w, const cJSON *const *nodes, const scn_schema *schema, int top)
{
    const cJSON **kids = sim_calloc(w->n, sizeof *kids);
    if (kids == NULL) {
        w->oom = 1;
        return;
    }
    /* Keys in the order they first appear: document 0's, then the others' new ones. */
    for (size_t k = 0; k < w->n && !w->oom; k++) {
        for (const cJSON *c = nodes[k] != NULL ? nodes[k]->child : NULL; c != NULL && !w->oom; c = c->next) {
            const char *key = c->string;
            size_t len = strlen(key);
            int seen = 0;
            for (size_t j = 0; j < k && !seen; j++)
                seen = scn__member(nodes[j], key, len) != NULL;
            for (size_t s = 0; top && w->skip != NULL && w->skip[s] != NULL && !seen; s++)
                seen = strcmp(w->skip[s], key) == 0;
            if (seen || (top && strcmp(key, "extends") == 0))
                continue;
            for (size_t j = 0; j < w->n; j++)
                kids[j] = given(scn__member(nodes[j], key, len));
            const scn_field *f = schema != NULL ? scn__field(schema, key, len) : NULL;
            size_t old = scn__path_name(&w->path, key);
            visit(w, kids, f);
            scn__path_pop(&w->path, old);
        }
    }
    sim_free(kids);
}

static cJSON_bool is_object_list(const cJSON *a)
{
    if (!cJSON_IsArray(a))
        return 0;
    for (const cJSON *e = a->child; e != NULL; e = e->next)
        if (!cJSON_IsObject(e))
            return 0;
    return 1;
}

static int any_nonempty(const cJSON *const *nodes, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (nodes[k] != NULL && cJSON_IsArray(nodes[k]) && nodes[k]->child != NULL)
            return 1;
    return 0;
}

static cJSON_bool all_named(const cJSON *a)
{
    for (const cJSON *e = a->child; e != NULL; e = e->next)
        if (!cJSON_IsString(scn__member(e, "name", 4)))
            return 0;
    return 1;
}

/* Element `i` of each list matched by name or position, then compared. */
static void list_element(walker *w, const cJSON *const *elems, const scn_field *f, size_t old)
{
    int missing = 0;
    for (size_t k = 0; k < w->n; k++)
        missing |= elems[k] == NULL;
    if (missing)
        presence_row(w, elems, 0);
    else
        walk_object(w, elems, f != NULL && f->type == SCN_ARRAY ? f->sub : NULL, 0);
    scn__path_pop(&w->path, old);
}

static void list(walker *w, const cJSON *const *nodes, const scn_field *f)
{
    for (size_t k = 0; k < w->n; k++)
        if (nodes[k] == NULL) {
            presence_row(w, nodes, 1);
            return;
        }
    const cJSON **elems = sim_calloc(w->n, sizeof *elems);
    if (elems == NULL) {
        w->oom = 1;
        return;
    }
    if (all_present(nodes, w->n, all_named)) {
        for (size_t k = 0; k < w->n && !w->oom; k++) {
            for (const cJSON *e = nodes[k]->child; e != NULL && !w->oom; e = e->next) {
                const char *name = scn__member(e, "name", 4)->valuestring;
                size_t len = strlen(name);
                int seen = 0;
                for (size_t j = 0; j < k && !seen; j++)
                    seen = scn__named_element(nodes[j], name, len) != NULL;
                if (seen)
                    continue;
                for (size_t j = 0; j < w->n; j++)
                    elems[j] = j < k ? NULL : scn__named_element(nodes[j], name, len);
                list_element(w, elems, f, scn__path_name(&w->path, name));
            }
        }
    } else {
        size_t longest = 0;
        for (size_t k = 0; k < w->n; k++) {
            size_t len = (size_t)cJSON_GetArraySize(nodes[k]);
            longest = len > longest ? len : longest;
        }
        for (size_t i = 0; i < longest && !w->oom; i++) {
            for (size_t k = 0; k < w->n; k++)
                elems[k] = cJSON_GetArrayItem(nodes[k], (int)i);
            list_element(w, elems, f, scn__path_index(&w->path, i));
        }
    }
    sim_free(elems);
}

static void visit(walker *w, const cJSON *const *nodes, const scn_field *f)
{
    if (w->oom)
        return;
    int typed_object = f != NULL && (f->type == SCN_OBJECT || f->type == SCN_MAP);
    int typed_list = f != NULL && f->type == SCN_ARRAY;
    if ((typed_object || f == NULL) && all_present(nodes, w->n, cJSON_IsObject))
        walk_object(w, nodes, f != NULL && f->type == SCN_OBJECT ? f->sub : NULL, 0);
    else if (all_present(nodes, w->n, is_object_list) &&
             (typed_list || (f == NULL && any_nonempty(nodes, w->n))))
        list(w, nodes, f);
    else
        leaf(w, nodes, f);
}

int scn_diff_docs(const scn_doc *const *docs, size_t n, const char *const *skip, scn_diff **out,
                  sim_err *err)
{
    *out = NULL;
    scn_diff *d = sim_calloc(1, sizeof *d);
    const cJSON **roots = sim_calloc(n ? n : 1, sizeof *roots);
    if (d == NULL || roots == NULL) {
        sim_free(d);
        sim_free(roots);
        return sim_err_nomem(err, "comparing scenarios");
    }
    d->n_docs = n;
    for (size_t k = 0; k < n; k++)
        roots[k] = scn_doc_root(docs[k]);
    walker w = {.d = d, .n = n, .skip = skip};
    if (n > 0)
        walk_object(&w, roots, docs[0]->schema, 1);
    sim_free(roots);
    if (w.oom) {
        scn_diff_destroy(d);
        return sim_err_nomem(err, "comparing scenarios");
    }
    *out = d;
    return SIM_OK;
}

void scn_diff_destroy(scn_diff *d)
{
    if (d == NULL)
        return;
    for (size_t r = 0; r < d->n_rows; r++) {
        free_cells(d->rows[r].cells, d->n_docs);
        sim_free(d->rows[r].path);
    }
    sim_free(d->rows);
    sim_free(d);
}
