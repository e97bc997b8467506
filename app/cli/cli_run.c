/*
 * cli_run.c — the commands: load and check every scenario, prepare the output
 * directory, run the experiment, write the files, print the table, draw.
 *
 * Order matters for the exit-status contract: everything the user can get wrong
 * (command line, scenarios, target, output directory) is checked before the
 * first replication runs and before anything is written, so a status 2 never
 * leaves files behind.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "model_registry.h"
#include "cli_report.h"
#include "cli_resume.h"
#include "cli_term.h"
#include "cli_trace.h"
#include "sim_experiment.h"
#include "sim_mem.h"
#include "sim_output.h"
#include "sim_plot.h"
#include "sim_sa_out.h"
#include "sim_precision.h"
#include "sim_target.h"
#include "sim_xlsx.h"

typedef struct loaded {
    const model_kind *model;
    void **configs;
    char **names; /* compare: a name that tells each apart (NULL: the scenario's own) */
    size_t n;
} loaded;

static const char *name_of(const loaded *l, size_t i)
{
    return l->names != NULL && l->names[i] != NULL ? l->names[i] : l->model->name(l->configs[i]);
}

static void print_err(const sim_err *err)
{
    const char *t = sim_err_text(err);
    /* Each line already names the file, option or field it is about. */
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
        fprintf(stderr, "govsim: %.*s\n", (int)len, p);
        p += len + (nl != NULL);
    }
}

static void unload(loaded *l)
{
    for (size_t i = 0; l->configs != NULL && i < l->n; i++)
        if (l->model != NULL && l->model->free != NULL)
            l->model->free(l->configs[i]);
    sim_free(l->configs);
    l->configs = NULL;
    for (size_t i = 0; l->names != NULL && i < l->n; i++)
        sim_free(l->names[i]);
    sim_free(l->names);
    l->names = NULL;
}

/* Two compared scenarios with the same name (a file copied and one ratio
 * changed) are told apart by their files: "name [b.json]". */
static int distinct_names(const cli_args *a, loaded *l, sim_err *err)
{
    for (size_t i = 1; i < l->n; i++) {
        int clash = 0;
        for (size_t k = 0; k < i && !clash; k++)
            clash = strcmp(name_of(l, k), name_of(l, i)) == 0;
        if (!clash)
            continue;
        if (l->names == NULL && (l->names = sim_calloc(l->n, sizeof *l->names)) == NULL)
            return sim_err_nomem(err, "naming the scenarios");
        const char *base = strrchr(a->files[i], '/') != NULL ? strrchr(a->files[i], '/') + 1 : a->files[i];
        size_t len = strlen(l->model->name(l->configs[i])) + strlen(base) + 32;
        char *n = sim_malloc(len);
        if (n == NULL)
            return sim_err_nomem(err, "naming the scenarios");
        snprintf(n, len, "%s [%s]", l->model->name(l->configs[i]), base);
        for (size_t k = 0; k < i; k++)
            if (strcmp(name_of(l, k), n) == 0) /* the same file twice */
                snprintf(n, len, "%s [%s #%zu]", l->model->name(l->configs[i]), base, i + 1);
        l->names[i] = n;
        if (!a->quiet)
            fprintf(stderr, "govsim: %s has the name of an earlier scenario; it is called \"%s\" here\n",
                    a->files[i], n);
    }
    return SIM_OK;
}

/* Load every scenario (or every swept value of one), reporting every problem. */
static int load_all(const cli_args *a, loaded *l, sim_err *err)
{
    size_t n = a->cmd == CLI_SWEEP ? a->n_values : a->n_files;
    l->configs = sim_calloc(n, sizeof *l->configs);
    l->n = n;
    if (l->configs == NULL)
        return sim_err_nomem(err, "loading scenarios");
    int rc = SIM_OK;
    for (size_t i = 0; i < a->n_files; i++) {
        const model_kind *m = NULL;
        if (model_detect(a->files[i], &m, err) != SIM_OK) {
            rc = err->status;
            continue;
        }
        if (l->model == NULL)
            l->model = m;
        else if (m != l->model) {
            rc = sim_err_add(err, SIM_ERR_INPUT, "%s: a %s scenario cannot be compared with %s (a %s scenario)",
                             a->files[i], m->kind, a->files[0], l->model->kind);
            continue;
        }
        if (a->cmd != CLI_SWEEP && m->load(a->files[i], a->sets, a->n_sets, &l->configs[i], err) != SIM_OK) {
            rc = err->status;
            continue;
        }
    }
    /* Names tell the scenarios apart in every output file. */
    if (a->cmd == CLI_COMPARE && rc == SIM_OK)
        rc = distinct_names(a, l, err);
    if (a->cmd == CLI_SWEEP && rc == SIM_OK) {
        /* --set first, the design's fields last (they win over a --set of the same field). */
        size_t nf = a->n_factors;
        scn_override *o = sim_calloc(a->n_sets + nf, sizeof *o);
        if (o == NULL)
            return sim_err_nomem(err, "loading scenarios");
        for (size_t k = 0; k < a->n_sets; k++)
            o[k] = a->sets[k];
        for (size_t v = 0; v < a->n_values && rc == SIM_OK; v++) {
            for (size_t k = 0; k < nf; k++)
                o[a->n_sets + k] = (scn_override){a->factors[k].path, a->point_text[v * nf + k]};
            /* A bad value usually fails the same way for all; stop at the first. */
            if (l->model->load(a->files[0], o, a->n_sets + nf, &l->configs[v], err) != SIM_OK)
                rc = err->status;
        }
        sim_free(o);
    }
    return rc;
}

/* Warnings go to standard error, one line each, after the file (or swept
 * value) they are about; --quiet silences them with everything but errors. */
typedef struct warn_ctx {
    const char *about;
} warn_ctx;

static void print_warning(void *ctx, const char *line)
{
    const warn_ctx *w = ctx;
    fprintf(stderr, "warning: %s: %s\n", w->about, line);
}

/* "FILE", or for a design point "FILE with A = x, B = y". */
static void about_config(const cli_args *a, size_t i, char *about, size_t size)
{
    if (a->cmd != CLI_SWEEP) {
        snprintf(about, size, "%s", a->files[i]);
        return;
    }
    size_t used = (size_t)snprintf(about, size, "%s with", a->files[0]);
    for (size_t k = 0; k < a->n_factors && used < size; k++)
        used += (size_t)snprintf(about + used, size - used, "%s %s = %s", k ? "," : "", a->factors[k].path,
                                 a->point_text[i * a->n_factors + k]);
}

static void config_warnings(const cli_args *a, const model_kind *m, const void *config, size_t i)
{
    if (a->quiet || m->warnings == NULL)
        return;
    char about[512];
    about_config(a, i, about, sizeof about);
    warn_ctx w = {about};
    m->warnings(config, print_warning, &w);
}

/* After a run: each configuration's means, all groups together. */
static void result_warnings(const cli_args *a, const model_kind *m, const sim_exp *exp)
{
    if (a->quiet || m->result_warnings == NULL)
        return;
    const sim_model_desc *d = sim_exp_ops(exp)->desc;
    double *means = sim_calloc(d->n_metrics, sizeof *means);
    if (means == NULL)
        return;
    for (size_t c = 0; c < sim_exp_configs(exp); c++) {
        for (size_t k = 0; k < d->n_metrics; k++)
            means[k] = sim_exp_kpi(exp, c, 0, k).mean;
        char about[512];
        about_config(a, c, about, sizeof about);
        warn_ctx w = {about};
        m->result_warnings(sim_exp_config_at(exp, c)->config, means, print_warning, &w);
    }
    sim_free(means);
}

static int cmd_check(const cli_args *a, sim_err *err)
{
    int rc = SIM_OK;
    for (size_t i = 0; i < a->n_files; i++) {
        const model_kind *m = NULL;
        void *cfg = NULL;
        unsigned one = 1;
        if (model_detect(a->files[i], &m, err) != SIM_OK ||
            m->load(a->files[i], a->sets, a->n_sets, &cfg, err) != SIM_OK ||
            cli_check_size(m, &cfg, &a->files[i], 1, &one, 1, err) != SIM_OK) {
            if (m != NULL && cfg != NULL)
                m->free(cfg);
            rc = err->status;
            continue;
        }
        if (!a->quiet) {
            char what[256] = "";
            if (m->summary != NULL)
                m->summary(cfg, what, sizeof what);
            printf("%s: ok (%s scenario \"%s\"%s%s)\n", a->files[i], m->kind, m->name(cfg), *what ? "; " : "", what);
            fflush(stdout);
        }
        config_warnings(a, m, cfg, i);
        m->free(cfg);
    }
    return rc;
}

/* results/<name>, results/<A>-vs-<B>, results/<name>-sweep-<param>. */
static char *default_out(const cli_args *a, const loaded *l)
{
    char name[256], part[256];
    size_t used = 0;
    name[0] = '\0';
    for (size_t i = 0; i < (a->cmd == CLI_COMPARE ? l->n : 1); i++) {
        snprintf(part, sizeof part, "%s%s", i ? "-vs-" : "", name_of(l, i));
        int k = snprintf(name + used, sizeof name - used, "%s", part);
        if (k < 0 || (size_t)k >= sizeof name - used)
            break;
        used += (size_t)k;
    }
    for (size_t k = 0; a->cmd == CLI_SWEEP && k < a->n_factors && used < sizeof name; k++) {
        int w = snprintf(name + used, sizeof name - used, "%s%s", k ? "-" : "-sweep-", a->factors[k].path);
        used += w > 0 ? (size_t)w : 0;
    }
    char safe[256];
    sim_out_safe_name(name, safe, sizeof safe);
    size_t n = strlen(safe) + sizeof "results/";
    char *out = sim_malloc(n);
    if (out != NULL)
        snprintf(out, n, "results/%s", safe);
    return out;
}

static unsigned default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > CLI_MAX_THREADS ? CLI_MAX_THREADS : (unsigned)n;
}

/* The output directory: named, created, locked and checked against this command. */
static int open_out(const cli_args *a, const loaded *l, const char *manifest, size_t n_tasks,
                    char **out_dir, sim_journal **j, int *fresh, sim_err *err)
{
    *out_dir = a->out != NULL ? sim_strdup(a->out) : default_out(a, l);
    if (*out_dir == NULL)
        return sim_err_nomem(err, "naming the output directory");
    int rc = sim_out_prepare_dir(*out_dir, err);
    /* The figures' folder is checked before the journal is made, so a refusal
     * leaves nothing behind. */
    if (rc == SIM_OK && a->plot && (l->model->plots != NULL || a->sa))
        rc = sim_out_prepare_subdir(*out_dir, "plots", err);
    if (rc == SIM_OK)
        rc = cli_journal_open(a, *out_dir, manifest, n_tasks, j, fresh, err);
    return rc;
}

/* One run, compare or sweep from the command line to the files. */
typedef struct experiment {
    const cli_args *a;
    cli_dist *dist;
    int lead; /* the process that writes and prints */
    loaded l;
    sim_exp_config *ec;
    const char **factor_names; /* sweep: the design's fields */
    sim_exp *exp;
    char *out_dir, *manifest;
    sim_journal *journal;
    int fresh;
    sim_target target, *tp;
    sim_target_result tres;
    sim_precision *goals; /* --precision */
    sim_precision_status prec;
    cli_trace *trace;     /* --trace */
    cli_progress prog;
} experiment;

static const char *command_name(const cli_args *a)
{
    static const char *const names[] = {[CLI_RUN] = "run", [CLI_COMPARE] = "compare", [CLI_SWEEP] = "sweep"};
    return a->sa ? "sensitivity" : names[a->cmd];
}

/* Refuse up front what could never finish, and run fewer replications at
 * once when that many would not fit in memory. Over MPI, one rank per core is
 * the usual layout: one thread per rank unless told otherwise. */
static int choose_threads(experiment *x, unsigned *threads, sim_err *err)
{
    const cli_args *a = x->a;
    *threads = a->threads ? a->threads : x->dist != NULL ? 1 : default_threads();
    if (*threads > x->l.n * a->reps)
        *threads = (unsigned)(x->l.n * a->reps);
    const char **files = sim_calloc(x->l.n, sizeof *files);
    if (files == NULL)
        return sim_err_nomem(err, "checking the scenarios' size");
    for (size_t i = 0; i < x->l.n; i++)
        files[i] = a->files[a->cmd == CLI_SWEEP ? 0 : i]; /* the same file for every value of a sweep */
    int rc = cli_check_size(x->l.model, x->l.configs, files, x->l.n, threads, a->quiet || !x->lead, err);
    sim_free(files);
    return rc;
}

/* Options that need the whole experiment in one process. */
static int one_process(const experiment *x, sim_err *err)
{
    if (x->dist == NULL)
        return SIM_OK;
    int rc = SIM_OK;
    if (x->a->n_precisions > 0)
        rc = sim_err_add(err, SIM_ERR_INPUT, "--precision runs in one process: use govsim, not govsim-mpi "
                                             "(or give govsim-mpi a fixed --reps)");
    if (x->a->trace != NULL)
        rc = sim_err_add(err, SIM_ERR_INPUT, "--trace runs in one process: use govsim, not govsim-mpi (the "
                                             "ranks' records would stay on their hosts)");
    return rc;
}

static int parse_goals(experiment *x, sim_err *err)
{
    const cli_args *a = x->a;
    x->goals = sim_calloc(a->n_precisions, sizeof *x->goals);
    if (x->goals == NULL)
        return sim_err_nomem(err, "reading --precision");
    int rc = SIM_OK;
    for (size_t k = 0; k < a->n_precisions; k++)
        if (sim_precision_parse(a->precisions[k], x->l.model->ops->desc, &x->goals[k], err) != SIM_OK)
            rc = SIM_ERR_INPUT;
    return rc;
}

/* Everything the user can get wrong is checked here, before anything is
 * written: the scenarios, the target, the size, the output directory. */
static int prepare(experiment *x, sim_err *err)
{
    const cli_args *a = x->a;
    int rc = one_process(x, err);
    if (rc == SIM_OK)
        rc = load_all(a, &x->l, err);
    if (rc == SIM_OK && a->target != NULL) {
        rc = sim_target_parse(a->target, x->l.model->ops->desc, &x->target, err);
        x->tp = rc == SIM_OK ? &x->target : NULL;
    }
    if (rc == SIM_OK && a->n_precisions > 0)
        rc = parse_goals(x, err);
    if (rc == SIM_OK && a->trace != NULL && x->l.model->ops->desc->trace_columns == NULL)
        rc = sim_err_add(err, SIM_ERR_INPUT, "--trace: a %s scenario writes no records", x->l.model->kind);
    unsigned threads = 1;
    if (rc == SIM_OK)
        rc = choose_threads(x, &threads, err);
    if (rc == SIM_OK)
        rc = cli_manifest(a, x->l.model->kind, &x->manifest, err);
    if (rc == SIM_OK && x->lead)
        rc = open_out(a, &x->l, x->manifest, x->l.n * a->reps, &x->out_dir, &x->journal, &x->fresh, err);
    if (rc == SIM_OK && x->lead && a->trace != NULL &&
        (x->trace = cli_trace_create(x->out_dir, a->trace, x->l.model->ops->desc->trace_columns, err)) == NULL)
        rc = sim_err_failed(err) ? err->status : SIM_ERR_RUNTIME;
    if (rc == SIM_OK && (x->ec = sim_calloc(x->l.n, sizeof *x->ec)) == NULL)
        rc = sim_err_nomem(err, "setting up the experiment");
    if (rc != SIM_OK)
        return rc;
    const loaded *l = &x->l;
    for (size_t i = 0; x->lead && i < l->n; i++)
        config_warnings(a, l->model, l->configs[i], i);
    for (size_t i = 0; i < l->n; i++)
        x->ec[i] = (sim_exp_config){l->configs[i], name_of(l, i),
                                    a->cmd == CLI_SWEEP ? a->values[i] : NAN, l->model->warmup(l->configs[i]),
                                    a->cmd == CLI_SWEEP ? (const char *const *)&a->point_text[i * a->n_factors] : NULL};
    if (a->cmd == CLI_SWEEP) {
        x->factor_names = sim_calloc(a->n_factors, sizeof *x->factor_names);
        if (x->factor_names == NULL)
            return sim_err_nomem(err, "setting up the experiment");
        for (size_t k = 0; k < a->n_factors; k++)
            x->factor_names[k] = a->factors[k].path;
    }
    /* With --precision, task numbers leave room for every replication up to the cap. */
    sim_exp_opts eo = {a->seed, a->reps, threads, cli_progress_update, &x->prog, cli_stop_flag(),
                       x->goals != NULL ? a->max_reps : 0, x->trace != NULL ? cli_trace_hooks(x->trace) : NULL};
    x->exp = sim_exp_create(l->model->ops, x->ec, l->n, &eo, err);
    if (x->exp == NULL)
        return sim_err_failed(err) ? err->status : SIM_ERR_RUNTIME;
    return SIM_OK;
}

/* Before a trace starts: how big it will be, so a large one is no surprise. */
static void trace_estimate(const experiment *x)
{
    const cli_args *a = x->a;
    if (a->quiet || x->l.model->trace_rows == NULL)
        return;
    double rows = 0;
    for (size_t i = 0; i < x->l.n; i++)
        rows += x->l.model->trace_rows(x->l.configs[i]);
    size_t reps = sim_exp_reps(x->exp);
    /* A row is about as long as the header, plus the scenario and the replication. */
    double bytes = rows * (double)reps * ((double)strlen(x->l.model->ops->desc->trace_columns) + 24.0);
    fprintf(stderr, "govsim: trace: about %.3g rows per replication, %.3g GB for %zu replication%s%s, to %s/%s "
                    "(as much again in %s/.govsim/trace until it is deleted)\n",
            rows / (double)x->l.n, bytes / 1e9, reps, reps == 1 ? "" : "s", x->goals != NULL ? " (more with --precision)" : "",
            x->out_dir, a->trace, x->out_dir);
}

/* The journal begins (or is read back for --resume) once every process has
 * checked everything: nothing is written before. */
static int begin(experiment *x, int rc, sim_err *err)
{
    cli_dist *dist = x->dist;
    if (dist != NULL)
        rc = dist->agree(dist, rc, rc == SIM_OK ? x->manifest : NULL, err);
    if (rc == SIM_OK && x->lead)
        rc = sim_journal_begin(x->journal, x->l.model->ops->desc, x->fresh, err);
    if (rc == SIM_OK && x->trace != NULL) {
        rc = cli_trace_begin(x->trace, x->fresh, err);
        trace_estimate(x);
    }
    if (rc == SIM_OK && x->lead && !x->fresh) {
        size_t n = 0;
        rc = sim_journal_replay(x->journal, x->exp, &n, err);
        if (rc == SIM_ERR_INPUT)
            sim_err_add(err, SIM_ERR_INPUT, "the journal is damaged: --force starts over");
        else if (rc == SIM_OK && !x->a->quiet)
            fprintf(stderr, "govsim: resuming: %zu of %zu replications already done\n", n, sim_exp_tasks(x->exp));
    }
    if (dist != NULL)
        rc = dist->agree(dist, rc, rc == SIM_OK ? x->manifest : NULL, err);
    return rc;
}

/* --precision: after each stage, the goals say how many replications the next
 * one needs (sim_precision.h). A resumed run replays the same stages; the
 * replications the journal already holds are not run again. */
static int run_stages(experiment *x, sim_err *err)
{
    const cli_args *a = x->a;
    const sim_model_desc *d = x->l.model->ops->desc;
    for (;;) {
        int rc = sim_exp_run(x->exp, err);
        if (rc != SIM_OK)
            return rc;
        sim_precision_judge(x->goals, a->n_precisions, x->exp, a->max_reps, &x->prec);
        size_t reps = sim_exp_reps(x->exp);
        if (x->prec.met || x->prec.next_reps <= reps)
            return SIM_OK;
        if (!a->quiet) {
            const sim_precision *g = &x->goals[x->prec.worst_goal];
            cli_progress_end(&x->prog);
            fprintf(stderr, "govsim: precision: %s%s%s half-width %.4g > %.4g after %zu replications%s%s; "
                            "running to %zu\n",
                    d->metrics[g->metric].name, g->group ? "." : "", g->group ? d->groups[g->group] : "",
                    x->prec.worst_half_width, g->half_width, reps, x->l.n > 1 ? " in " : "",
                    x->l.n > 1 ? sim_exp_config_at(x->exp, x->prec.worst_config)->name : "", x->prec.next_reps);
        }
        if ((rc = sim_exp_set_reps(x->exp, x->prec.next_reps, err)) != SIM_OK)
            return rc;
    }
}

static int execute(experiment *x, sim_err *err)
{
    if (x->dist != NULL) {
        x->dist->quiet = x->a->quiet;
        return x->dist->run(x->dist, x->exp, x->journal, err);
    }
    sim_exp_hooks hooks = {x->journal, NULL, sim_journal_record, 0};
    sim_exp_set_hooks(x->exp, &hooks);
    int rc = x->goals != NULL ? run_stages(x, err) : sim_exp_run(x->exp, err);
    sim_exp_set_hooks(x->exp, NULL);
    return rc;
}

/* A failure after the output directory was checked is a runtime failure. */
static int runtime(int rc, sim_err *err)
{
    if (rc != SIM_OK) {
        err->status = SIM_ERR_RUNTIME;
        return SIM_ERR_RUNTIME;
    }
    return SIM_OK;
}

/* The files asked for beside the usual ones: the records, the workbook. */
static int write_extras(const cli_args *a, const model_kind *m, const char *out_dir, const sim_exp *exp,
                        const sim_out_info *info, cli_trace *trace, sim_err *err)
{
    int rc = SIM_OK;
    if (trace != NULL)
        rc = cli_trace_gather(trace, exp, info, err);
    if (rc == SIM_OK && a->xlsx) {
        const sim_report_spec *rs = m->report;
        sim_xlsx_info xi = {info, m->headline, m->plots, rs, a->zh};
        rc = sim_xlsx_write(out_dir, exp, &xi, err);
    }
    return rc;
}

/* After SIGINT / SIGTERM: the files describe the replications that finished. */
static int write_partial(const experiment *x, const sim_out_info *info, sim_err *err)
{
    sim_exp *exp = x->exp;
    const char *out_dir = x->out_dir;
    sim_exp_seal(exp);
    int rc = sim_output_write(out_dir, exp, info, err);
    if (rc == SIM_OK)
        rc = write_extras(x->a, x->l.model, out_dir, exp, info, x->trace, err);
    if (rc != SIM_OK) {
        err->status = SIM_ERR_RUNTIME;
        return SIM_ERR_RUNTIME;
    }
    return sim_err_add(err, SIM_ERR_INTERRUPTED,
                       "interrupted: %zu of %zu replications finished and written to %s (partial); "
                       "the same command with --resume continues",
                       sim_exp_tasks_done(exp), sim_exp_tasks(exp), out_dir);
}

/* How many replications --precision took, or that the cap came first. */
static void precision_verdict(const experiment *x)
{
    const cli_args *a = x->a;
    if (x->goals == NULL || a->quiet)
        return;
    const sim_model_desc *d = x->l.model->ops->desc;
    const sim_precision *g = &x->goals[x->prec.worst_goal];
    char kpi[128];
    snprintf(kpi, sizeof kpi, "%s%s%s", d->metrics[g->metric].name, g->group ? "." : "",
             g->group ? d->groups[g->group] : "");
    if (x->prec.met)
        fprintf(stderr, "govsim: precision reached after %zu replications (widest: %s half-width %.4g <= %.4g)\n",
                sim_exp_reps(x->exp), kpi, x->prec.worst_half_width, g->half_width);
    else
        fprintf(stderr, "warning: precision not reached by --max-reps %zu: %s half-width %s%.4g > %.4g%s%s; "
                        "the results are those of %zu replications (exit status 3)\n",
                a->max_reps, kpi, isnan(x->prec.worst_half_width) ? "undefined " : "",
                x->prec.worst_half_width, g->half_width, x->l.n > 1 ? " in " : "",
                x->l.n > 1 ? sim_exp_config_at(x->exp, x->prec.worst_config)->name : "", sim_exp_reps(x->exp));
}

/* The files, the table, the figures and the report. */
static int deliver(experiment *x, int rc, sim_err *err)
{
    const cli_args *a = x->a;
    sim_out_info info = {CLI_VERSION, command_name(a), x->l.model->kind, x->l.model->time_unit, a->param,
                         NULL, NULL, x->factor_names, a->cmd == CLI_SWEEP ? a->n_factors : 0,
                         x->goals, x->goals != NULL ? a->n_precisions : 0, a->max_reps};
    if (rc == SIM_ERR_INTERRUPTED)
        return write_partial(x, &info, err);
    if (rc == SIM_OK && x->tp != NULL)
        rc = sim_target_eval(x->tp, x->exp, &x->tres, err);
    if (rc != SIM_OK)
        return rc;
    info.target = x->tp;
    info.target_res = &x->tres;
    if ((rc = runtime(sim_output_write(x->out_dir, x->exp, &info, err), err)) != SIM_OK)
        return rc;
    if ((rc = runtime(write_extras(a, x->l.model, x->out_dir, x->exp, &info, x->trace, err), err)) != SIM_OK)
        return rc;
    const char *gp = getenv("GOVSIM_GNUPLOT");
    char param_label[192] = "";
    if (a->param != NULL && x->l.model->schema != NULL)
        scn_path_label(x->l.model->schema, a->param, a->zh, param_label, sizeof param_label);
    sim_plot_opts po = {x->out_dir, a->zh, a->cmd == CLI_SWEEP, a->param, x->tp, &x->tres,
                        gp != NULL && *gp ? gp : "gnuplot", param_label[0] ? param_label : NULL,
                        a->cmd == CLI_COMPARE};
    sim_sa_out so = {&a->sa_plan, a->sa_u, (const char *const *)x->factor_names, a->seed, x->l.model->headline,
                     x->l.model->plots, a->plot, a->zh, po.gnuplot};
    if (!a->quiet && a->sa) {
        cli_sa_table_print(stdout, x->exp, &so, x->l.model);
        printf(a->zh ? "结果目录：%s\n" : "results: %s\n", x->out_dir);
        fflush(stdout);
    } else if (!a->quiet) {
        cli_table_info ti = {command_name(a), x->l.model, a->param, a->n_factors, x->tp, &x->tres, x->out_dir,
                             a->zh};
        cli_table_print(stdout, x->exp, &ti);
        fflush(stdout);
    }
    result_warnings(a, x->l.model, x->exp);
    precision_verdict(x);
    int drawn = 0;
    /* A sweep's figures plot a KPI against one numeric field; a design of
     * several fields or of choices is for the long files (results.csv). */
    int plottable = a->cmd != CLI_SWEEP ||
                    (a->n_factors == 1 && !a->factors[0].categorical && a->lhs_points == 0 && !a->sa);
    if (a->sa) {
        rc = runtime(sim_sa_write(x->out_dir, x->exp, &so, err), err);
        drawn = rc == SIM_OK;
    }
    if ((a->plot || a->report) && !plottable && !a->quiet && !a->sa)
        fprintf(stderr, "govsim: no figures for a design of several fields or of choices: see results.csv "
                        "(docs/analysis.md)\n");
    if ((a->plot || a->report) && plottable && x->l.model->plots != NULL) {
        rc = runtime(sim_plot_all(x->exp, x->l.model->plots, &po, err), err);
        drawn = rc == SIM_OK;
    }
    /* Written even without figures (the page says why), so the numbers reach the audience. */
    if (a->report && cli_report_write(a, x->l.model, x->exp, &po, drawn, err) != SIM_OK)
        rc = runtime(SIM_ERR_RUNTIME, err);
    /* Everything is written; a target never met is the answer, and scripts can tell. */
    if (rc == SIM_OK && ((x->tp != NULL && !x->tres.met) || (x->goals != NULL && !x->prec.met)))
        rc = CLI_TARGET_UNMET;
    return rc;
}

static int cmd_experiment(const cli_args *a, cli_dist *dist, sim_err *err)
{
    experiment x = {.a = a, .dist = dist, .lead = dist == NULL || dist->rank == 0, .fresh = 1};
    cli_progress_init(&x.prog, stderr, x.lead && !a->quiet);
    /* From the start, so an interruption at any moment ends the same way. */
    cli_signals_install(a->quiet || !x.lead);
    int rc = begin(&x, prepare(&x, err), err);
    if (rc == SIM_OK) {
        rc = execute(&x, err);
        /* Writing the files is quick and atomic: a signal now ends the process. */
        cli_signals_restore();
        cli_progress_end(&x.prog);
        if (x.lead)
            rc = deliver(&x, rc, err);
    }
    cli_signals_restore();
    sim_journal_close(x.journal);
    sim_exp_destroy(x.exp);
    sim_free(x.ec);
    sim_free(x.factor_names);
    sim_free(x.goals);
    cli_trace_destroy(x.trace);
    sim_free(x.out_dir);
    sim_free(x.manifest);
    unload(&x.l);
    return rc;
}

int cli_main(int argc, char **argv) { return cli_main_dist(argc, argv, NULL); }

int cli_main_dist(int argc, char **argv, cli_dist *dist)
{
    if (argc > 1 && strcmp(argv[1], "serve") == 0) /* its own options (cli_serve.c) */
        return dist == NULL ? cli_serve(argc, argv)
                            : (fprintf(stderr, "govsim: serve runs in one process: use govsim, not govsim-mpi\n"), 2);
    int lead = dist == NULL || dist->rank == 0;
    sim_err err;
    sim_err_init(&err);
    cli_args a;
    int rc = cli_args_parse(argc, argv, &a, &err);
    /* Every process parsed the same words, but one may have run out of memory:
     * agree before any process takes a path with more collective steps. */
    if (dist != NULL)
        rc = dist->agree(dist, rc, NULL, &err);
    if (rc == SIM_OK) {
        switch (a.cmd) {
        case CLI_HELP:
            if (lead)
                cli_usage(stdout);
            break;
        case CLI_VERSION_CMD:
            if (lead)
                printf("govsim %s\n", CLI_VERSION);
            break;
        case CLI_CHECK:
            if (lead)
                rc = cmd_check(&a, &err);
            break;
        case CLI_CALIBRATE:
            if (dist != NULL)
                rc = sim_err_add(&err, SIM_ERR_INPUT, "calibrate runs in one process: use govsim, not govsim-mpi");
            else
                rc = cli_calibrate(&a, &err);
            break;
        default:
            rc = cmd_experiment(&a, dist, &err);
            break;
        }
    }
    cli_args_free(&a);
    if (rc != SIM_OK && rc != CLI_TARGET_UNMET && lead) {
        print_err(&err);
        if (!sim_err_failed(&err))
            fprintf(stderr, "govsim: failed\n");
    }
    if (fflush(stdout) != 0 && rc == SIM_OK)
        rc = SIM_ERR_RUNTIME;
    if (rc == CLI_TARGET_UNMET) /* not a failure: the files are written, the table says so */
        return 3;
    return rc == SIM_OK ? 0 : rc == SIM_ERR_INPUT ? 2 : rc == SIM_ERR_INTERRUPTED ? 130 : 1;
}
