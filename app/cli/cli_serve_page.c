/*
 * cli_serve_page.c — what govsim serve's page is built from: the levers (the
 * schema's SCN_LEVER fields, with their labels and slider ranges: one
 * declaration, read here), their values in each scenario, and the KPIs with
 * their labels, units and good directions (the model's descriptor). The page
 * itself is app/cli/serve_page.html, compiled in.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli_serve.h"
#include "sim_report.h"

#define MAX_LEVERS 32

typedef struct lever_walk {
    const scn_field *field[MAX_LEVERS];
    char path[MAX_LEVERS][200];
    size_t n;
} lever_walk;

static size_t dots(const char *p)
{
    size_t n = 0;
    for (; *p; p++)
        n += *p == '.';
    return n;
}

/* Each SCN_LEVER field once, at its shortest path (the policy sections recur
 * per area class: the top-level one is the lever); not inside lists. */
static int visit(const char *path, const scn_field *f, int depth, void *ud)
{
    (void)depth;
    lever_walk *w = ud;
    if (!(f->flags & SCN_LEVER) || strchr(path, '[') != NULL || strlen(path) >= sizeof w->path[0])
        return 0;
    for (size_t i = 0; i < w->n; i++)
        if (w->field[i] == f) {
            if (dots(path) < dots(w->path[i]))
                snprintf(w->path[i], sizeof w->path[i], "%s", path);
            return 0;
        }
    if (w->n < MAX_LEVERS) {
        w->field[w->n] = f;
        snprintf(w->path[w->n], sizeof w->path[0], "%s", path);
        w->n++;
    }
    return 0;
}

/* The value a scenario gives the lever: its file's (extends resolved), else the default. */
static cJSON *value_in(const scn_doc *doc, const char *path, const scn_field *f)
{
    const cJSON *at = scn_doc_root(doc);
    char buf[200];
    snprintf(buf, sizeof buf, "%s", path);
    char *save = NULL;
    for (char *seg = strtok_r(buf, ".", &save); seg != NULL && at != NULL; seg = strtok_r(NULL, ".", &save))
        at = cJSON_GetObjectItemCaseSensitive(at, seg);
    if (at != NULL && (cJSON_IsNumber(at) || cJSON_IsString(at) || cJSON_IsBool(at)))
        return cJSON_Duplicate(at, 0);
    if (f->type == SCN_ENUM || f->type == SCN_STRING)
        return cJSON_CreateString(f->def_str != NULL ? f->def_str : "");
    if (f->type == SCN_BOOL)
        return cJSON_CreateBool(f->def != 0);
    return cJSON_CreateNumber(f->def);
}

static int add_lever(cJSON *arr, const serve *s, const scn_field *f, const char *path)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        return -1;
    }
    char label[200];
    const char *l = s->zh && f->label_zh != NULL ? f->label_zh : f->label;
    if (l == NULL)
        l = scn_path_label(s->model->schema, path, s->zh, label, sizeof label);
    int ok = cJSON_AddStringToObject(o, "path", path) != NULL && cJSON_AddStringToObject(o, "label", l) != NULL &&
             (f->doc == NULL || cJSON_AddStringToObject(o, "doc", f->doc) != NULL) &&
             (f->unit == NULL || cJSON_AddStringToObject(o, "unit", f->unit) != NULL);
    cJSON *values = cJSON_AddArrayToObject(o, "values");
    ok = ok && values != NULL;
    double lo = f->lever_lo, hi = f->lever_hi;
    for (size_t i = 0; ok && i < s->n_files; i++) {
        cJSON *v = value_in(s->docs[i], path, f);
        ok = v != NULL && cJSON_AddItemToArray(values, v);
        if (ok && cJSON_IsNumber(v)) { /* the scenario's own value is always on the slider */
            lo = fmin(lo, v->valuedouble);
            hi = fmax(hi, v->valuedouble);
        }
    }
    if (f->type == SCN_ENUM || f->type == SCN_BOOL) {
        ok = ok && cJSON_AddStringToObject(o, "kind", "choice") != NULL;
        cJSON *ch = cJSON_AddArrayToObject(o, "choices");
        ok = ok && ch != NULL;
        if (f->type == SCN_BOOL) {
            ok = ok && cJSON_AddItemToArray(ch, cJSON_CreateBool(0)) && cJSON_AddItemToArray(ch, cJSON_CreateBool(1));
        } else {
            for (size_t k = 0; ok && f->choices != NULL && f->choices[k] != NULL; k++)
                ok = cJSON_AddItemToArray(ch, cJSON_CreateString(f->choices[k]));
        }
    } else {
        double step = f->lever_step > 0 ? f->lever_step : (hi - lo) / 20;
        ok = ok && cJSON_AddStringToObject(o, "kind", "number") != NULL && cJSON_AddNumberToObject(o, "lo", lo) != NULL &&
             cJSON_AddNumberToObject(o, "hi", hi) != NULL && cJSON_AddNumberToObject(o, "step", step) != NULL &&
             cJSON_AddBoolToObject(o, "share", f->type == SCN_SHARE) != NULL;
    }
    return ok ? 0 : -1;
}

static int add_kpis(cJSON *root, const serve *s)
{
    const sim_model_desc *d = s->model->ops->desc;
    cJSON *arr = cJSON_AddArrayToObject(root, "kpis");
    int ok = arr != NULL;
    for (size_t m = 0; ok && m < d->n_metrics; m++) {
        cJSON *o = cJSON_CreateObject();
        ok = o != NULL && cJSON_AddItemToArray(arr, o);
        if (!ok) {
            cJSON_Delete(o);
            break;
        }
        const sim_kpi_sense *k = d->sense != NULL ? &d->sense[m] : NULL;
        ok = cJSON_AddStringToObject(o, "name", d->metrics[m].name) != NULL &&
             cJSON_AddStringToObject(o, "label", sim_report_label(s->model->report, s->model->plots,
                                                                  d->metrics[m].name, s->zh)) != NULL &&
             cJSON_AddStringToObject(o, "unit", d->metrics[m].unit) != NULL &&
             cJSON_AddNumberToObject(o, "better", k != NULL ? k->better : 0) != NULL &&
             cJSON_AddBoolToObject(o, "relative", k != NULL && k->relative) != NULL &&
             cJSON_AddNumberToObject(o, "meaningful", k != NULL ? k->meaningful : 0) != NULL;
    }
    return ok ? 0 : -1;
}

serve_reply serve_levers(const serve *s)
{
    lever_walk w = {.n = 0};
    scn_schema_walk(s->model->schema, visit, &w);
    cJSON *root = cJSON_CreateObject();
    cJSON *files = root != NULL ? cJSON_AddArrayToObject(root, "scenarios") : NULL;
    cJSON *levers = root != NULL ? cJSON_AddArrayToObject(root, "levers") : NULL;
    int ok = files != NULL && levers != NULL && cJSON_AddStringToObject(root, "lang", s->zh ? "zh" : "en") != NULL &&
             cJSON_AddStringToObject(root, "model", s->model->kind) != NULL &&
             cJSON_AddNumberToObject(root, "reps", (double)s->reps) != NULL &&
             cJSON_AddNumberToObject(root, "max_reps", SERVE_MAX_REPS) != NULL;
    for (size_t i = 0; ok && i < s->n_files; i++) {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(scn_doc_root(s->docs[i]), "name");
        cJSON *o = cJSON_CreateObject();
        ok = o != NULL && cJSON_AddItemToArray(files, o) &&
             cJSON_AddStringToObject(o, "name", cJSON_IsString(nm) ? nm->valuestring : s->files[i]) != NULL &&
             cJSON_AddStringToObject(o, "file", s->files[i]) != NULL;
    }
    for (size_t i = 0; ok && i < w.n; i++)
        ok = add_lever(levers, s, w.field[i], w.path[i]) == 0;
    ok = ok && add_kpis(root, s) == 0;
    if (!ok) {
        cJSON_Delete(root);
        return serve_error(500, "out of memory");
    }
    return (serve_reply){200, root};
}
