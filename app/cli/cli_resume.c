/*
 * cli_resume.c — the manifest of a command and the rules for reusing an output
 * directory (cli_resume.h).
 */
#include "cli_resume.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "scn.h"
#include "sim_mem.h"

/* The scenario as loaded: extends merged in, comments gone, one line. Read
 * without a schema, as the registry does to detect the model: the merged tree
 * does not depend on the model. */
static int scenario_text(const char *file, char **out, sim_err *err)
{
    scn_doc *doc = NULL;
    int rc = scn_doc_load(NULL, file, &doc, err);
    if (rc != SIM_OK)
        return rc;
    *out = cJSON_PrintUnformatted(scn_doc_root(doc));
    scn_doc_destroy(doc);
    return *out != NULL ? SIM_OK : sim_err_nomem(err, "describing the experiment");
}

typedef struct growbuf {
    char *p;
    size_t len, cap;
    int failed;
} growbuf;

static void put(growbuf *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(growbuf *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = t->failed ? -1 : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        t->failed = 1;
        return;
    }
    if (t->len + (size_t)n + 1 > t->cap) {
        size_t cap = (t->len + (size_t)n + 1) * 2;
        char *p = sim_realloc(t->p, cap);
        if (p == NULL) {
            t->failed = 1;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

int cli_manifest(const cli_args *a, const char *kind, char **out, sim_err *err)
{
    static const char *const names[] = {[CLI_RUN] = "run", [CLI_COMPARE] = "compare", [CLI_SWEEP] = "sweep"};
    *out = NULL;
    growbuf b = {NULL, 0, 0, 0};
    put(&b, "govsim-manifest 2\nversion %s\ncommand %s\nmodel %s\nseed %llu\nreps %zu\n",
                  CLI_VERSION, a->sa ? "sensitivity" : names[a->cmd], kind, (unsigned long long)a->seed, a->reps);
    if (a->sa)
        put(&b, "design %s samples %zu levels %zu\n", a->sa_plan.method == SIM_SA_SOBOL ? "sobol" : "morris",
            a->sa_plan.samples, a->sa_plan.levels);
    if (a->cmd == CLI_SWEEP) {
        /* The design's points, as loaded: any change of factor, value or design is another experiment. */
        for (size_t k = 0; k < a->n_factors; k++)
            put(&b, "param %s\n", a->factors[k].path);
        put(&b, "values");
        for (size_t i = 0; i < a->n_values * a->n_factors; i++)
            put(&b, " %s", a->point_text[i]);
        put(&b, "\n");
    }
    /* --precision decides how many replications count: a resumed run must have the same. */
    for (size_t i = 0; i < a->n_precisions; i++)
        put(&b, "precision %s\n", a->precisions[i]);
    if (a->n_precisions > 0)
        put(&b, "max-reps %zu\n", a->max_reps);
    /* --set changes what runs: a resumed run must have the same. */
    for (size_t i = 0; i < a->n_sets; i++)
        put(&b, "set %s=%s\n", a->sets[i].path, a->sets[i].value);
    for (size_t i = 0; i < a->n_files; i++) {
        char *text = NULL;
        int rc = scenario_text(a->files[i], &text, err);
        if (rc != SIM_OK) {
            sim_free(b.p);
            return rc;
        }
        put(&b, "scenario[%zu] %s\n", i + 1, text);
        cJSON_free(text);
    }
    if (b.failed || b.p == NULL) {
        sim_free(b.p);
        return sim_err_nomem(err, "describing the experiment");
    }
    *out = b.p;
    return SIM_OK;
}

int cli_journal_open(const cli_args *a, const char *out_dir, const char *manifest,
                     size_t n_tasks, sim_journal **j, int *fresh, sim_err *err)
{
    sim_journal_state st;
    int rc = sim_journal_open(out_dir, manifest, j, &st, err);
    if (rc != SIM_OK)
        return rc;
    /* Only results can be lost: a directory without any is used as it is. */
    int holds = st.has_results || st.done > 0;
    *fresh = 1;
    /* The default directory belongs to the scenario: a rerun (edited or not)
     * replaces its results and keeps the earlier ones in previous/. */
    if (a->out == NULL && holds && !a->force && !(a->resume && st.has_manifest && st.same)) {
        rc = sim_journal_keep_previous(*j, err);
        if (rc == SIM_OK && !a->quiet)
            fprintf(stderr, "govsim: %s held the results of an earlier run: moved to %s/previous/\n", out_dir,
                    out_dir);
    } else if (!st.has_manifest && st.has_results && !a->force)
        rc = sim_err_add(err, SIM_ERR_INPUT,
                         "output directory %s holds results that cannot be matched to this command "
                         "(no .govsim/manifest); add --force to replace them, or choose another --out",
                         out_dir);
    else if (st.has_manifest && st.same && a->resume)
        *fresh = 0;
    else if (st.has_manifest && st.same && holds && !a->force)
        rc = sim_err_add(err, SIM_ERR_INPUT,
                         "output directory %s already holds results of this command (%zu of %zu "
                         "replications done); add --resume to continue (finished replications are "
                         "kept) or --force to start over", out_dir, st.done, n_tasks);
    else if (st.has_manifest && !st.same && holds && !a->force)
        rc = sim_err_add(err, SIM_ERR_INPUT,
                         "output directory %s holds the results of a different experiment (%s); %s",
                         out_dir, st.diff,
                         a->resume ? "--resume continues only the same command (scenarios, seed, "
                                     "replications, sweep values); use --force to replace them, or "
                                     "choose another --out"
                                   : "add --force to replace them, or choose another --out");
    if (rc != SIM_OK) {
        sim_journal_close(*j);
        *j = NULL;
    }
    return rc;
}
