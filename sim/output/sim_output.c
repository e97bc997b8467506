/*
 * sim_output.c — summary.json and replications.csv (one wide row per
 * replication, for reading by eye); the long files are sim_tidy.c's.
 *
 * CSV column names are plain identifiers joined by dots (resolution_rate.urban,
 * backlog.lo95): R's read.csv keeps dots in names as they are (check.names only
 * rewrites characters that are not letters, digits, dots or underscores), and
 * pandas takes any header. Missing values (a KPI not defined for a group, a CI
 * from one replication) are empty cells, which both read as NA/NaN.
 */
#include "sim_output.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sim_mem.h"

typedef struct out_ctx {
    const sim_exp *exp;
    const sim_out_info *info;
} out_ctx;

/* A sensitivity analysis runs a sweep over its design's points. */
static int is_sweep(const sim_out_info *info)
{
    return strcmp(info->command, "sweep") == 0 || strcmp(info->command, "sensitivity") == 0;
}

static void put_number(FILE *f, double x)
{
    char buf[40];
    sim_out_number(x, buf, sizeof buf);
    fputs(buf, f);
}

/* ---- summary.json ---- */

/* cJSON prints numbers with %.15g, and %.17g when that does not read back. */
static cJSON *num(double x) { return isnan(x) ? cJSON_CreateNull() : cJSON_CreateNumber(x); }

static cJSON *u64(uint64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRIu64, v); /* exact above 2^53, unlike a double */
    return cJSON_CreateRaw(buf);
}

/* Adds item to obj under key; on any failure (item NULL included) sets *oom. */
static void add(cJSON *obj, const char *key, cJSON *item, int *oom)
{
    if (item == NULL || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        *oom = 1;
    }
}

static void push(cJSON *arr, cJSON *item, int *oom)
{
    if (item == NULL || !cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        *oom = 1;
    }
}

static cJSON *stat_obj(sim_exp_stat s, const char *unit, int diff, int *oom)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        *oom = 1;
        return NULL;
    }
    add(o, "mean", num(s.mean), oom);
    add(o, "ci95", num(s.ci95), oom);
    if (diff)
        add(o, "significant", cJSON_CreateBool(sim_exp_significant(s)), oom);
    else
        add(o, "unit", cJSON_CreateString(unit), oom);
    add(o, "n", cJSON_CreateNumber((double)s.n), oom);
    return o;
}

/* {"kpis": {...}, "groups": {"urban": {...}, ...}} of configuration c into o. */
static void kpi_blocks(cJSON *o, const sim_exp *exp, size_t c, int diff, int *oom)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    cJSON *groups = cJSON_CreateObject();
    for (size_t g = 0; g < d->n_groups; g++) {
        cJSON *k = cJSON_CreateObject();
        for (size_t m = 0; m < d->n_metrics && k != NULL; m++) {
            sim_exp_stat s = diff ? sim_exp_diff(exp, c, g, m) : sim_exp_kpi(exp, c, g, m);
            add(k, d->metrics[m].name, stat_obj(s, d->metrics[m].unit, diff, oom), oom);
        }
        if (g == 0)
            add(o, "kpis", k, oom);
        else if (groups != NULL)
            add(groups, d->groups[g], k, oom);
        else
            cJSON_Delete(k);
    }
    add(o, "groups", groups, oom);
}

/* One entry per configuration: its KPIs and groups. */
static cJSON *results_array(const sim_exp *exp, const sim_out_info *info, int partial, int *oom)
{
    cJSON *results = cJSON_CreateArray();
    for (size_t c = 0; c < sim_exp_configs(exp) && results != NULL; c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        cJSON *r = cJSON_CreateObject();
        if (r == NULL) {
            *oom = 1;
            break;
        }
        add(r, "scenario", cJSON_CreateString(cf->name), oom);
        if (is_sweep(info))
            add(r, "value", num(cf->value), oom);
        add(r, "warmup", num(cf->warmup), oom);
        add(r, "events", u64(sim_exp_events(exp, c)), oom);
        if (partial)
            add(r, "completed", cJSON_CreateNumber((double)sim_exp_config_done(exp, c)), oom);
        if (sim_exp_ops(exp)->inputs != NULL)
            add(r, "inputs", sim_exp_ops(exp)->inputs(cf->config), oom);
        kpi_blocks(r, exp, c, 0, oom);
        push(results, r, oom);
    }
    return results;
}

/* compare: each scenario after the first minus the first, paired. */
static cJSON *differences_array(const sim_exp *exp, int *oom)
{
    cJSON *diffs = cJSON_CreateArray();
    for (size_t c = 1; c < sim_exp_configs(exp) && diffs != NULL; c++) {
        cJSON *r = cJSON_CreateObject();
        if (r == NULL) {
            *oom = 1;
            break;
        }
        add(r, "scenario", cJSON_CreateString(sim_exp_config_at(exp, c)->name), oom);
        add(r, "baseline", cJSON_CreateString(sim_exp_config_at(exp, 0)->name), oom);
        kpi_blocks(r, exp, c, 1, oom);
        push(diffs, r, oom);
    }
    return diffs;
}

static cJSON *sweep_object(const sim_exp *exp, const sim_out_info *info, int *oom)
{
    cJSON *sw = cJSON_CreateObject(), *vals = cJSON_CreateArray();
    for (size_t c = 0; c < sim_exp_configs(exp) && vals != NULL; c++)
        push(vals, num(sim_exp_config_at(exp, c)->value), oom);
    if (sw == NULL) {
        cJSON_Delete(vals);
        return NULL;
    }
    add(sw, "param", cJSON_CreateString(info->param), oom);
    add(sw, "values", vals, oom);
    return sw;
}

static cJSON *target_object(const sim_exp *exp, const sim_out_info *info, int *oom)
{
    const sim_target *t = info->target;
    const sim_target_result *tr = info->target_res;
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    char expr[256];
    sim_target_format(t, d, expr, sizeof expr);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add(o, "expr", cJSON_CreateString(expr), oom);
    add(o, "kpi", cJSON_CreateString(d->metrics[t->metric].name), oom);
    add(o, "group", cJSON_CreateString(d->groups[t->group]), oom);
    add(o, "op", cJSON_CreateString(sim_target_op_str(t->op)), oom);
    add(o, "threshold", num(t->threshold), oom);
    add(o, "met", cJSON_CreateBool(tr->met), oom);
    add(o, "value", num(tr->met ? tr->value : NAN), oom);
    add(o, "holds", cJSON_CreateString(tr->high_side ? "at and above value" : "at and below value"), oom);
    add(o, "clean", cJSON_CreateBool(tr->clean), oom);
    cJSON *meets = cJSON_CreateArray();
    for (size_t c = 0; c < sim_exp_configs(exp) && meets != NULL; c++)
        push(meets, cJSON_CreateBool(sim_target_meets(t, sim_exp_kpi(exp, c, t->group, t->metric))), oom);
    add(o, "meets", meets, oom);
    return o;
}

/* Each --precision goal with the widest half-width over the scenarios. */
static cJSON *precision_object(const sim_exp *exp, const sim_out_info *info, int *oom)
{
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    cJSON *o = cJSON_CreateObject(), *goals = cJSON_CreateArray();
    int all = 1;
    for (size_t k = 0; k < info->n_precision && goals != NULL; k++) {
        const sim_precision *g = &info->precision[k];
        double widest = -1.0;
        for (size_t c = 0; c < sim_exp_configs(exp); c++) {
            sim_exp_stat s = sim_exp_kpi(exp, c, g->group, g->metric);
            widest = isnan(s.ci95) || isnan(widest) ? NAN : fmax(widest, s.ci95);
        }
        int met = !isnan(widest) && widest <= g->half_width;
        all = all && met;
        cJSON *e = cJSON_CreateObject();
        add(e, "kpi", cJSON_CreateString(d->metrics[g->metric].name), oom);
        add(e, "group", cJSON_CreateString(d->groups[g->group]), oom);
        add(e, "half_width", num(g->half_width), oom);
        add(e, "widest_ci95", num(widest), oom);
        add(e, "met", cJSON_CreateBool(met), oom);
        push(goals, e, oom);
    }
    add(o, "met", cJSON_CreateBool(all), oom);
    add(o, "reps", cJSON_CreateNumber((double)sim_exp_reps(exp)), oom);
    add(o, "max_reps", cJSON_CreateNumber((double)info->max_reps), oom);
    add(o, "goals", goals, oom);
    return o;
}

static cJSON *summary(const sim_exp *exp, const sim_out_info *info, int *oom)
{
    size_t n = sim_exp_configs(exp);
    cJSON *root = cJSON_CreateObject();
    if (root == NULL) {
        *oom = 1;
        return NULL;
    }
    add(root, "govsim", cJSON_CreateString(info->version), oom);
    add(root, "command", cJSON_CreateString(info->command), oom);
    add(root, "model", cJSON_CreateString(info->model), oom);
    cJSON *names = cJSON_CreateArray();
    for (size_t c = 0; c < n && names != NULL; c++)
        if (c == 0 || !is_sweep(info))
            push(names, cJSON_CreateString(sim_exp_config_at(exp, c)->name), oom);
    add(root, "scenario", cJSON_CreateString(sim_exp_config_at(exp, 0)->name), oom);
    add(root, "scenarios", names, oom);
    add(root, "seed", u64(sim_exp_seed(exp)), oom);
    add(root, "reps", cJSON_CreateNumber((double)sim_exp_reps(exp)), oom);
    /* An interrupted run: only then the key, so a complete file stays as it was. */
    int partial = sim_exp_tasks_done(exp) < sim_exp_tasks(exp);
    if (partial)
        add(root, "partial", cJSON_CreateBool(1), oom);
    add(root, "warmup", num(sim_exp_config_at(exp, 0)->warmup), oom);
    add(root, "time_unit", cJSON_CreateString(info->time_unit), oom);
    add(root, "results", results_array(exp, info, partial, oom), oom);
    if (strcmp(info->command, "compare") == 0)
        add(root, "differences", differences_array(exp, oom), oom);
    if (is_sweep(info))
        add(root, "sweep", sweep_object(exp, info, oom), oom);
    if (info->target != NULL)
        add(root, "target", target_object(exp, info, oom), oom);
    if (info->precision != NULL)
        add(root, "precision", precision_object(exp, info, oom), oom);
    return root;
}

static int write_summary(FILE *f, void *vctx, sim_err *err)
{
    out_ctx *ctx = vctx;
    int oom = 0;
    cJSON *root = summary(ctx->exp, ctx->info, &oom);
    char *text = oom ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    if (text == NULL)
        return sim_err_nomem(err, "writing summary.json");
    fputs(text, f);
    fputc('\n', f);
    cJSON_free(text);
    return SIM_OK;
}

/* ---- replications.csv ---- */

static int write_reps(FILE *f, void *vctx, sim_err *err)
{
    (void)err;
    out_ctx *ctx = vctx;
    const sim_exp *exp = ctx->exp;
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    /* A sweep over one numeric field keeps its "value" column; a design of
     * several fields or of choices names them. */
    int value = is_sweep(ctx->info) && ctx->info->n_factors == 1 && !isnan(sim_exp_config_at(exp, 0)->value);
    if (value)
        fputs("scenario,value,replication", f);
    else {
        sim_tidy_header_head(f, ctx->info);
        fputs(",replication", f);
    }
    for (size_t g = 0; g < d->n_groups; g++)
        for (size_t m = 0; m < d->n_metrics; m++)
            fprintf(f, ",%s%s%s", d->metrics[m].name, g ? "." : "", g ? d->groups[g] : "");
    fputc('\n', f);
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        const sim_exp_config *cf = sim_exp_config_at(exp, c);
        for (size_t r = 0; r < sim_exp_reps(exp); r++) {
            if (!sim_exp_task_done(exp, sim_exp_task_of(exp, c, r)))
                continue; /* an interrupted run lists the replications that finished */
            if (value) {
                sim_out_csv_string(f, cf->name);
                fputc(',', f);
                put_number(f, cf->value);
            } else {
                sim_tidy_row_head(f, cf, ctx->info);
            }
            fprintf(f, ",%zu", r + 1);
            for (size_t g = 0; g < d->n_groups; g++)
                for (size_t m = 0; m < d->n_metrics; m++) {
                    fputc(',', f);
                    put_number(f, sim_exp_value(exp, c, r, g, m));
                }
            fputc('\n', f);
        }
    }
    return SIM_OK;
}

int sim_output_write(const char *dir, const sim_exp *exp, const sim_out_info *info, sim_err *err)
{
    out_ctx ctx = {exp, info};
    sim_tidy_ctx tidy = {exp, info};
    int rc = sim_out_atomic(dir, "replications.csv", write_reps, &ctx, err);
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, "results.csv", sim_tidy_results, &tidy, err);
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, "summary.csv", sim_tidy_summary, &tidy, err);
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, "timeseries.csv", sim_tidy_series, &tidy, err);
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, "timeseries_band.csv", sim_tidy_band, &tidy, err);
    /* Last: a summary.json on disk means the other files of this run are there too. */
    if (rc == SIM_OK)
        rc = sim_out_atomic(dir, "summary.json", write_summary, &ctx, err);
    return rc;
}
