/* cli_trace.c — --trace: per-replication record files and their gathering (cli_trace.h). */
#include "cli_trace.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim_mem.h"

struct cli_trace {
    char *out_dir, *name, *parts; /* parts: DIR/.govsim/trace */
    const char *columns;
    sim_exp_trace hooks;
};

/* The files govsim writes itself: a trace may not take their names. */
static const char *const reserved[] = {"summary.json", "summary.csv", "results.csv", "replications.csv",
                                       "timeseries.csv", "timeseries_band.csv", "report.html", "calibrated.json",
                                       "calibration.json", "plots", NULL};

static char *path_of(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = sim_malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

/* DIR/.govsim/trace/<task>.csv, or with ".tmp" while it is being written. */
static char *part_path(const cli_trace *t, size_t task, int tmp)
{
    char file[64];
    snprintf(file, sizeof file, "%zu.csv%s", task, tmp ? ".tmp" : "");
    return path_of(t->parts, file);
}

static int part_open(void *ctx, size_t task, FILE **out, sim_err *err)
{
    cli_trace *t = ctx;
    char *p = part_path(t, task, 1);
    if (p == NULL)
        return sim_err_nomem(err, "opening a trace file");
    /* A leftover of a killed run is replaced: it was never renamed into place. */
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    int rc = SIM_OK;
    if (f == NULL) {
        rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot write the trace file %s: %s", p, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    sim_free(p);
    *out = f;
    return rc;
}

static int part_close(void *ctx, size_t task, FILE *f, int status, sim_err *err)
{
    cli_trace *t = ctx;
    char *tmp = part_path(t, task, 1), *fin = part_path(t, task, 0);
    int werr = 0;
    if (f != NULL) {
        if (fflush(f) != 0 || ferror(f))
            werr = errno ? errno : EIO;
        if (fclose(f) != 0 && werr == 0)
            werr = errno ? errno : EIO;
    }
    int rc = SIM_OK;
    if (tmp == NULL || fin == NULL)
        rc = sim_err_nomem(err, "closing a trace file");
    else if (status != SIM_OK)
        unlink(tmp); /* the replication failed: no rows count */
    else if (werr != 0 || rename(tmp, fin) != 0)
        rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot write the trace file %s: %s", fin,
                         strerror(werr ? werr : errno));
    if (rc != SIM_OK && tmp != NULL)
        unlink(tmp);
    sim_free(tmp);
    sim_free(fin);
    return rc;
}

int cli_trace_check_name(const char *name, sim_err *err)
{
    int bad = *name == '\0' || *name == '.' || strchr(name, '/') != NULL;
    for (size_t i = 0; !bad && reserved[i] != NULL; i++)
        bad = strcmp(name, reserved[i]) == 0;
    if (bad)
        return sim_err_add(err, SIM_ERR_INPUT, "--trace '%s': expected a file name for the output directory, "
                                               "such as cases.csv (not a path, a hidden name or one of govsim's "
                                               "own files)", name);
    return SIM_OK;
}

cli_trace *cli_trace_create(const char *out_dir, const char *name, const char *columns, sim_err *err)
{
    if (columns == NULL) {
        sim_err_add(err, SIM_ERR_INPUT, "--trace: this model writes no records");
        return NULL;
    }
    if (cli_trace_check_name(name, err) != SIM_OK)
        return NULL;
    cli_trace *t = sim_calloc(1, sizeof *t);
    if (t == NULL || (t->out_dir = sim_strdup(out_dir)) == NULL || (t->name = sim_strdup(name)) == NULL ||
        (t->parts = path_of(out_dir, ".govsim/trace")) == NULL) {
        cli_trace_destroy(t);
        sim_err_nomem(err, "setting up --trace");
        return NULL;
    }
    t->columns = columns;
    t->hooks = (sim_exp_trace){t, part_open, part_close};
    return t;
}

void cli_trace_destroy(cli_trace *t)
{
    if (t == NULL)
        return;
    sim_free(t->out_dir);
    sim_free(t->name);
    sim_free(t->parts);
    sim_free(t);
}

const sim_exp_trace *cli_trace_hooks(cli_trace *t) { return &t->hooks; }

/* Remove the parts a fresh run cannot use (all) or a resumed one (unfinished). */
static int clear_parts(const cli_trace *t, int all, sim_err *err)
{
    DIR *d = opendir(t->parts);
    if (d == NULL)
        return sim_err_add(err, SIM_ERR_RUNTIME, "cannot read %s: %s", t->parts, strerror(errno));
    int rc = SIM_OK;
    for (struct dirent *e; rc == SIM_OK && (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        int part = n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0;
        int tmp = n > 8 && strcmp(e->d_name + n - 8, ".csv.tmp") == 0;
        if (!(tmp || (all && part)))
            continue;
        char *p = path_of(t->parts, e->d_name);
        if (p == NULL)
            rc = sim_err_nomem(err, "clearing the trace files");
        else if (unlink(p) != 0 && errno != ENOENT)
            rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot remove %s: %s", p, strerror(errno));
        sim_free(p);
    }
    closedir(d);
    return rc;
}

int cli_trace_begin(cli_trace *t, int fresh, sim_err *err)
{
    char *govsim = path_of(t->out_dir, ".govsim");
    if (govsim == NULL)
        return sim_err_nomem(err, "setting up --trace");
    int rc = sim_out_prepare_subdir(govsim, "trace", err);
    sim_free(govsim);
    if (rc != SIM_OK) {
        err->status = SIM_ERR_RUNTIME;
        return SIM_ERR_RUNTIME;
    }
    return clear_parts(t, fresh, err);
}

typedef struct gather_ctx {
    const cli_trace *t;
    const sim_exp *exp;
    const sim_out_info *info;
} gather_ctx;

/* One replication's rows, each with the scenario, the factors and the replication in front. */
static int copy_part(FILE *out, const gather_ctx *g, size_t c, size_t r, char **line, size_t *cap, sim_err *err)
{
    const sim_exp_config *cf = sim_exp_config_at(g->exp, c);
    char *p = part_path(g->t, sim_exp_task_of(g->exp, c, r), 0);
    if (p == NULL)
        return sim_err_nomem(err, "gathering the trace");
    FILE *in = fopen(p, "r");
    if (in == NULL) {
        int rc = sim_err_add(err, SIM_ERR_RUNTIME, "the records of replication %zu of \"%s\" are missing (%s: %s); "
                                                   "run again with --force", r + 1, cf->name, p, strerror(errno));
        sim_free(p);
        return rc;
    }
    sim_free(p);
    for (ssize_t n; (n = getline(line, cap, in)) > 0;) {
        sim_tidy_row_head(out, cf, g->info);
        fprintf(out, ",%zu,", r + 1);
        fwrite(*line, 1, (size_t)n, out);
    }
    int bad = ferror(in);
    fclose(in);
    return bad ? sim_err_add(err, SIM_ERR_RUNTIME, "cannot read the records of replication %zu", r + 1) : SIM_OK;
}

static int write_gathered(FILE *out, void *vctx, sim_err *err)
{
    const gather_ctx *g = vctx;
    sim_tidy_header_head(out, g->info);
    fprintf(out, ",replication,%s\n", g->t->columns);
    char *line = NULL;
    size_t cap = 0;
    int rc = SIM_OK;
    for (size_t c = 0; rc == SIM_OK && c < sim_exp_configs(g->exp); c++)
        for (size_t r = 0; rc == SIM_OK && r < sim_exp_reps(g->exp); r++)
            if (sim_exp_task_done(g->exp, sim_exp_task_of(g->exp, c, r)))
                rc = copy_part(out, g, c, r, &line, &cap, err);
    free(line); /* getline's buffer comes from malloc */
    return rc;
}

int cli_trace_gather(cli_trace *t, const sim_exp *exp, const sim_out_info *info, sim_err *err)
{
    gather_ctx g = {t, exp, info};
    return sim_out_atomic(t->out_dir, t->name, write_gathered, &g, err);
}
