/*
 * cli_serve_run.c — the runs behind govsim serve's page (see cli_serve.h).
 *
 * Each run is govsim itself, started as a child process:
 *   govsim run SCENARIO --set PATH=VALUE ... --reps N --seed S --out DIR/runs/SLOT --force --quiet
 * so the page shows exactly what the command line gives for the same --set
 * (and a crash or an exhausted memory ends the child, not the server). Runs go
 * one at a time; a newer request stops the running one (SIGTERM: govsim's own
 * interrupted-run handling) and the older request answers 409. The baseline of
 * each scenario is run once per replication count, with the same seed: the
 * paired differences current - baseline use common random numbers like
 * `govsim compare`, replication r against replication r.
 */
#define _GNU_SOURCE /* asprintf */
#include "cli_serve.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim_experiment.h"
#include "sim_mem.h"
#include "sim_output.h"
#include "sim_stats.h"

extern char **environ;

serve_reply serve_error(unsigned status, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    serve_reply r = {status, cJSON_CreateObject()};
    if (r.body == NULL || cJSON_AddStringToObject(r.body, "error", msg) == NULL) {
        cJSON_Delete(r.body);
        r.body = NULL;
    }
    return r;
}

/* ---- the request's fields ---- */

typedef struct argv_list {
    char *v[2 * 64 + 32];
    size_t n;
    char *owned[64 + 8];
    size_t n_owned;
} argv_list;

static void args_free(argv_list *a)
{
    for (size_t i = 0; i < a->n_owned; i++)
        free(a->owned[i]);
}

static int push(argv_list *a, const char *s) /* s must outlive the list */
{
    if (a->n + 1 >= sizeof a->v / sizeof a->v[0])
        return -1;
    a->v[a->n++] = (char *)s;
    a->v[a->n] = NULL;
    return 0;
}

static int push_owned(argv_list *a, char *s)
{
    if (s == NULL || a->n_owned >= sizeof a->owned / sizeof a->owned[0] || push(a, s) != 0) {
        free(s);
        return -1;
    }
    a->owned[a->n_owned++] = s;
    return 0;
}

/* "govsim CMD FILE [FILE2] --reps N --seed S": the start of every child's
 * command line (texts: 24 bytes each, kept by the caller while a lives). */
static void command_line(argv_list *a, const serve *s, const char *cmd, const char *file, const char *file2,
                         size_t reps, char *reps_text, char *seed_text)
{
    snprintf(reps_text, 24, "%zu", reps);
    snprintf(seed_text, 24, "%llu", s->seed);
    a->n = 0;
    push(a, "govsim");
    push(a, cmd);
    push(a, file);
    if (file2 != NULL)
        push(a, file2);
    push(a, "--reps");
    push(a, reps_text);
    push(a, "--seed");
    push(a, seed_text);
}

/* The newest request wins: a new generation, and whatever runs is stopped. */
static unsigned long long supersede(serve *s)
{
    pthread_mutex_lock(&s->state_mx);
    unsigned long long gen = ++s->generation;
    if (s->child > 0)
        kill(s->child, SIGTERM);
    pthread_mutex_unlock(&s->state_mx);
    return gen;
}

static int path_ok(const char *p)
{
    size_t n = strlen(p);
    if (n == 0 || n > 200)
        return 0;
    for (const char *c = p; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              strchr("_.[]", *c) != NULL))
            return 0;
    return 1;
}

/* The value as --set writes it; NULL (with *why) when it is not one. */
static char *value_text(const cJSON *v, const char **why)
{
    char *t = NULL;
    if (cJSON_IsNumber(v)) {
        if (!isfinite(v->valuedouble)) {
            *why = "not a finite number";
            return NULL;
        }
        if (asprintf(&t, "%.17g", v->valuedouble) < 0)
            t = NULL;
    } else if (cJSON_IsBool(v)) {
        t = strdup(cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsString(v)) {
        size_t n = strlen(v->valuestring);
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)v->valuestring[i] < 0x20) {
                *why = "a control character";
                return NULL;
            }
        if (n > 200) {
            *why = "longer than 200 bytes";
            return NULL;
        }
        t = strdup(v->valuestring);
    } else {
        *why = "not a number, a string or a boolean";
        return NULL;
    }
    if (t == NULL)
        *why = "out of memory";
    return t;
}

/* "--set PATH=VALUE" for each member of set (an object, or absent). */
static serve_reply add_sets(argv_list *a, const cJSON *set)
{
    if (set == NULL)
        return (serve_reply){0, NULL};
    if (!cJSON_IsObject(set))
        return serve_error(400, "\"set\" must be an object of PATH: VALUE");
    const cJSON *m;
    size_t k = 0;
    cJSON_ArrayForEach(m, set) {
        if (++k > 64)
            return serve_error(400, "\"set\": at most 64 fields");
        if (!path_ok(m->string))
            return serve_error(400, "\"set\": '%.60s' is not a field path (letters, digits, _ . [ ])", m->string);
        const char *why = NULL;
        char *v = value_text(m, &why);
        if (v == NULL)
            return serve_error(400, "\"set\": %s: %s", m->string, why);
        char *arg = NULL;
        if (asprintf(&arg, "%s=%s", m->string, v) < 0)
            arg = NULL;
        free(v);
        if (push(a, "--set") != 0 || push_owned(a, arg) != 0)
            return serve_error(500, "out of memory");
    }
    return (serve_reply){0, NULL};
}

static serve_reply read_scenario(const serve *s, const cJSON *req, size_t *out)
{
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(req, "scenario");
    *out = 0;
    if (sc == NULL)
        return (serve_reply){0, NULL};
    if (!cJSON_IsNumber(sc) || sc->valuedouble < 0 || sc->valuedouble >= (double)s->n_files ||
        sc->valuedouble != floor(sc->valuedouble))
        return serve_error(400, "\"scenario\" must be an index from 0 to %zu", s->n_files - 1);
    *out = (size_t)sc->valuedouble;
    return (serve_reply){0, NULL};
}

static serve_reply read_reps(const serve *s, const cJSON *req, size_t *out)
{
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(req, "reps");
    *out = s->reps;
    if (r == NULL)
        return (serve_reply){0, NULL};
    if (!cJSON_IsNumber(r) || r->valuedouble < 2 || r->valuedouble > SERVE_MAX_REPS ||
        r->valuedouble != floor(r->valuedouble))
        return serve_error(400, "\"reps\" must be a whole number from 2 to %d (the differences need an interval)",
                           SERVE_MAX_REPS);
    *out = (size_t)r->valuedouble;
    return (serve_reply){0, NULL};
}

/* ---- child runs ---- */

/* The first line govsim wrote to stderr, without its "govsim: " prefix. */
static void first_error_line(const char *path, char *out, size_t size)
{
    snprintf(out, size, "the run failed");
    char *text = NULL;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    char line[900];
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "warning:", 8) == 0 || strstr(line, ": warning:") != NULL || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        text = strncmp(line, "govsim: ", 8) == 0 ? line + 8 : line;
        snprintf(out, size, "%s", text);
        break;
    }
    fclose(f);
}

/* Start argv with stdout discarded and stderr to errpath; -1 on failure. */
static pid_t spawn_child(char *const argv[], const char *errpath)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    if (posix_spawnattr_init(&at) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return -1;
    }
    sigset_t none, deflt;
    sigemptyset(&none);
    sigemptyset(&deflt);
    sigaddset(&deflt, SIGINT);
    sigaddset(&deflt, SIGTERM);
    sigaddset(&deflt, SIGPIPE);
    int ok = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0) == 0 &&
             posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0) == 0 &&
             posix_spawn_file_actions_addopen(&fa, 2, errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644) == 0 &&
             posix_spawnattr_setsigmask(&at, &none) == 0 && posix_spawnattr_setsigdefault(&at, &deflt) == 0 &&
             posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) == 0;
    pid_t pid = -1;
    if (ok && posix_spawn(&pid, argv[0], &fa, &at, argv, environ) != 0)
        pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    return pid;
}

typedef enum { RUN_OK, RUN_BAD_INPUT, RUN_SUPERSEDED, RUN_FAILED } run_status;

/* Run govsim with argv[1..] (argv[0] is set here), as generation gen, in
 * DIR/runs/SLOT; msg gets govsim's message when it fails. The caller holds run_mx. */
static run_status run_child(serve *s, argv_list *a, const char *slot, size_t reps, unsigned long long gen,
                            char *msg, size_t msg_size)
{
    char out[4200], errpath[4200];
    snprintf(out, sizeof out, "%s/runs/%s", s->dir, slot);
    snprintf(errpath, sizeof errpath, "%s/runs/%s.err", s->dir, slot);
    if (push(a, "--out") != 0 || push(a, out) != 0 || push(a, "--force") != 0 || push(a, "--quiet") != 0)
        return RUN_FAILED;
    a->v[0] = s->exe;
    pthread_mutex_lock(&s->state_mx);
    if (gen != s->generation) {
        pthread_mutex_unlock(&s->state_mx);
        return RUN_SUPERSEDED;
    }
    pid_t pid = spawn_child(a->v, errpath);
    s->child = pid > 0 ? pid : 0;
    s->progress_total = reps;
    snprintf(s->progress_journal, sizeof s->progress_journal, "%s/.govsim/journal", out);
    pthread_mutex_unlock(&s->state_mx);
    if (pid <= 0) {
        snprintf(msg, msg_size, "cannot start %.200s: %s", s->exe, strerror(errno));
        return RUN_FAILED;
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    pthread_mutex_lock(&s->state_mx);
    s->child = 0;
    int superseded = gen != s->generation;
    pthread_mutex_unlock(&s->state_mx);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return RUN_OK;
    if (superseded)
        return RUN_SUPERSEDED;
    first_error_line(errpath, msg, msg_size);
    return WIFEXITED(st) && WEXITSTATUS(st) == 2 ? RUN_BAD_INPUT : RUN_FAILED;
}

/* ---- results ---- */

char *serve_read_file(const char *path, size_t *len)
{
    sim_err err;
    sim_err_init(&err);
    char *text = NULL;
    (void)sim_out_read_file(path, SERVE_MAX_FILE_BYTES, &text, len, &err);
    return text;
}

static cJSON *load_summary(const char *dir)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    size_t len = 0;
    char *text = serve_read_file(path, &len);
    cJSON *j = text != NULL ? cJSON_ParseWithLength(text, len) : NULL;
    sim_free(text);
    return j;
}

static size_t index_of(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return n;
}

/* results.csv (scenario,replication,kpi,group,value,unit) into values[rep][group][metric]. */
static double *load_values(const serve *s, const char *dir, size_t reps)
{
    const sim_model_desc *d = s->model->ops->desc;
    size_t stride = d->n_groups * d->n_metrics;
    double *v = sim_malloc(reps * stride * sizeof *v);
    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < reps * stride; i++)
        v[i] = NAN;
    const char **metric_names = sim_malloc(d->n_metrics * sizeof *metric_names);
    if (metric_names == NULL) {
        sim_free(v);
        return NULL;
    }
    for (size_t m = 0; m < d->n_metrics; m++)
        metric_names[m] = d->metrics[m].name;
    char path[4300];
    snprintf(path, sizeof path, "%s/results.csv", dir);
    FILE *f = fopen(path, "r");
    char line[2048];
    int ok = f != NULL && fgets(line, sizeof line, f) != NULL; /* the header */
    while (ok && fgets(line, sizeof line, f) != NULL) {
        /* from the right: the scenario's name (first) may hold commas */
        char *field[5];
        char *end = line + strcspn(line, "\r\n");
        *end = '\0';
        int k = 5;
        for (char *p = end; p > line && k > 0; p--)
            if (p[-1] == ',') {
                field[--k] = p;
                p[-1] = '\0';
            }
        if (k != 0)
            continue;
        /* field: replication, kpi, group, value, unit */
        long rep = strtol(field[0], NULL, 10);
        size_t m = index_of(metric_names, d->n_metrics, field[1]);
        size_t g = index_of(d->groups, d->n_groups, field[2]);
        if (rep < 1 || (size_t)rep > reps || m == d->n_metrics || g == d->n_groups || field[3][0] == '\0')
            continue;
        v[((size_t)rep - 1) * stride + g * d->n_metrics + m] = strtod(field[3], NULL);
    }
    if (f != NULL)
        fclose(f);
    sim_free(metric_names);
    if (!ok) {
        sim_free(v);
        return NULL;
    }
    return v;
}

/* The paired difference of metric m, group g: {"mean","ci95","significant","n"}
 * as summary.json writes it: sim_ci95 over the replications both define, as
 * sim_exp_diff computes it. */
static cJSON *paired(const double *cur, const double *base, size_t reps, size_t stride, size_t at)
{
    double d[SERVE_MAX_REPS];
    for (size_t r = 0; r < reps && r < SERVE_MAX_REPS; r++)
        d[r] = cur[r * stride + at] - base[r * stride + at]; /* NaN when either is */
    sim_exp_stat st;
    st.n = sim_ci95(d, reps < SERVE_MAX_REPS ? reps : SERVE_MAX_REPS, 1, &st.mean, &st.ci95);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    if ((isfinite(st.mean) ? cJSON_AddNumberToObject(o, "mean", st.mean) : cJSON_AddNullToObject(o, "mean")) == NULL ||
        (isfinite(st.ci95) ? cJSON_AddNumberToObject(o, "ci95", st.ci95) : cJSON_AddNullToObject(o, "ci95")) == NULL ||
        cJSON_AddBoolToObject(o, "significant", sim_exp_significant(st)) == NULL ||
        cJSON_AddNumberToObject(o, "n", (double)st.n) == NULL) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *differences(const serve *s, const double *cur, const double *base, size_t reps)
{
    const sim_model_desc *d = s->model->ops->desc;
    size_t stride = d->n_groups * d->n_metrics;
    cJSON *kpis = cJSON_CreateObject(), *groups = cJSON_CreateObject();
    int bad = kpis == NULL || groups == NULL;
    for (size_t g = 0; g < d->n_groups && !bad; g++) {
        cJSON *into = kpis;
        if (g > 0) {
            into = cJSON_CreateObject();
            bad = into == NULL || !cJSON_AddItemToObject(groups, d->groups[g], into);
        }
        for (size_t m = 0; m < d->n_metrics && !bad; m++) {
            cJSON *p = paired(cur, base, reps, stride, g * d->n_metrics + m);
            bad = p == NULL || !cJSON_AddItemToObject(into, d->metrics[m].name, p);
        }
    }
    if (bad) {
        cJSON_Delete(kpis);
        cJSON_Delete(groups);
        return NULL;
    }
    cJSON *diff = cJSON_CreateObject();
    if (diff == NULL || !cJSON_AddItemToObject(diff, "kpis", kpis)) {
        cJSON_Delete(diff);
        cJSON_Delete(kpis);
        cJSON_Delete(groups);
        return NULL;
    }
    if (!cJSON_AddItemToObject(diff, "groups", groups)) {
        cJSON_Delete(groups);
        cJSON_Delete(diff);
        return NULL;
    }
    return diff;
}

static serve_reply status_reply(run_status st, const char *msg)
{
    switch (st) {
    case RUN_BAD_INPUT: return serve_error(400, "%s", msg);
    case RUN_SUPERSEDED: return serve_error(409, "superseded by a newer request");
    default: return serve_error(500, "%s", msg);
    }
}

/* The baseline of scenario i at reps replications: run once, then kept. The caller holds run_mx. */
static run_status ensure_baseline(serve *s, size_t i, size_t reps, unsigned long long gen, char *msg, size_t size)
{
    serve_baseline *b = &s->base[i];
    if (b->reps == reps)
        return RUN_OK;
    char slot[32], reps_text[24], seed_text[24];
    snprintf(slot, sizeof slot, "baseline-%zu", i);
    argv_list a = {.n = 0};
    command_line(&a, s, "run", s->files[i], NULL, reps, reps_text, seed_text);
    run_status st = run_child(s, &a, slot, reps, gen, msg, size);
    args_free(&a);
    if (st != RUN_OK)
        return st;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/runs/%s", s->dir, slot);
    cJSON *sum = load_summary(dir);
    double *v = load_values(s, dir, reps);
    cJSON *res = sum != NULL ? cJSON_DetachItemFromArray(cJSON_GetObjectItemCaseSensitive(sum, "results"), 0) : NULL;
    cJSON_Delete(sum);
    if (res == NULL || v == NULL) {
        cJSON_Delete(res);
        sim_free(v);
        snprintf(msg, size, "the baseline's results cannot be read");
        return RUN_FAILED;
    }
    cJSON_Delete(b->result);
    sim_free(b->values);
    *b = (serve_baseline){reps, res, v};
    return RUN_OK;
}

serve_reply serve_run(serve *s, const cJSON *req)
{
    size_t i, reps;
    serve_reply bad = read_scenario(s, req, &i);
    if (bad.status == 0)
        bad = read_reps(s, req, &reps);
    if (bad.status != 0)
        return bad;
    char reps_text[24], seed_text[24];
    argv_list a = {.n = 0};
    command_line(&a, s, "run", s->files[i], NULL, reps, reps_text, seed_text);
    bad = add_sets(&a, cJSON_GetObjectItemCaseSensitive(req, "set"));
    if (bad.status != 0) {
        args_free(&a);
        return bad;
    }
    unsigned long long gen = supersede(s);

    pthread_mutex_lock(&s->run_mx);
    char msg[1024] = "";
    run_status st = ensure_baseline(s, i, reps, gen, msg, sizeof msg);
    if (st == RUN_OK)
        st = run_child(s, &a, "current", reps, gen, msg, sizeof msg);
    args_free(&a);
    serve_reply r = {0, NULL};
    if (st != RUN_OK) {
        pthread_mutex_unlock(&s->run_mx);
        return status_reply(st, msg);
    }
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/runs/current", s->dir);
    cJSON *sum = load_summary(dir);
    double *v = load_values(s, dir, reps);
    cJSON *results = sum != NULL ? cJSON_GetObjectItemCaseSensitive(sum, "results") : NULL;
    cJSON *diff = v != NULL ? differences(s, v, s->base[i].values, reps) : NULL;
    cJSON *base = cJSON_Duplicate(s->base[i].result, 1);
    const cJSON *bname = cJSON_GetObjectItemCaseSensitive(base, "scenario");
    int ok = cJSON_IsArray(results) && diff != NULL && base != NULL && cJSON_IsString(bname) &&
             cJSON_AddStringToObject(diff, "baseline", bname->valuestring) != NULL;
    /* summary.json of the run, with the baseline's results first and the paired
     * differences, as `govsim compare` writes them */
    if (ok) {
        cJSON *arr = cJSON_CreateArray();
        ok = arr != NULL && cJSON_InsertItemInArray(results, 0, base);
        base = ok ? NULL : base;
        ok = ok && cJSON_AddItemToArray(arr, diff);
        diff = ok ? NULL : diff;
        ok = ok && cJSON_AddItemToObject(sum, "differences", arr);
        if (!ok)
            cJSON_Delete(arr);
        ok = ok && cJSON_ReplaceItemInObjectCaseSensitive(sum, "command", cJSON_CreateString("serve"));
    }
    pthread_mutex_unlock(&s->run_mx);
    cJSON_Delete(diff);
    cJSON_Delete(base);
    sim_free(v);
    if (!ok) {
        cJSON_Delete(sum);
        return serve_error(500, "the run's results cannot be read");
    }
    r.status = 200;
    r.body = sum;
    return r;
}

serve_reply serve_progress(serve *s)
{
    pthread_mutex_lock(&s->state_mx);
    int running = s->child > 0;
    size_t total = s->progress_total, done = 0;
    if (running) {
        /* one journal line per finished replication */
        FILE *f = fopen(s->progress_journal, "r");
        int c;
        while (f != NULL && (c = fgetc(f)) != EOF)
            done += c == '\n';
        if (f != NULL)
            fclose(f);
    }
    pthread_mutex_unlock(&s->state_mx);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || cJSON_AddBoolToObject(o, "running", running) == NULL ||
        cJSON_AddNumberToObject(o, "done", (double)(done < total ? done : total)) == NULL ||
        cJSON_AddNumberToObject(o, "total", (double)total) == NULL) {
        cJSON_Delete(o);
        return serve_error(500, "out of memory");
    }
    return (serve_reply){200, o};
}

/* ---- saving the settings, and the report ---- */

/* {"a": {"b": v}} from "a.b": v; 0, or -1 when the path names a list element. */
static int put_nested(cJSON *root, const char *path, const cJSON *value)
{
    if (strchr(path, '[') != NULL)
        return -1;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    cJSON *at = root;
    char *save = NULL;
    char *seg = strtok_r(buf, ".", &save);
    while (seg != NULL) {
        char *next = strtok_r(NULL, ".", &save);
        if (next == NULL) {
            cJSON *copy = cJSON_Duplicate(value, 1);
            if (copy == NULL)
                return -1;
            cJSON_DeleteItemFromObjectCaseSensitive(at, seg);
            if (!cJSON_AddItemToObject(at, seg, copy)) {
                cJSON_Delete(copy);
                return -1;
            }
            return 0;
        }
        cJSON *sub = cJSON_GetObjectItemCaseSensitive(at, seg);
        if (sub == NULL)
            sub = cJSON_AddObjectToObject(at, seg);
        if (!cJSON_IsObject(sub))
            return -1;
        at = sub;
        seg = next;
    }
    return -1;
}

/* A file name from a title: letters, digits, - and _, at most 60 bytes. */
static void slug(const char *name, char *out, size_t size)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && o + 1 < size && o < 60; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
            out[o++] = (char)*p;
        else if (*p >= 'A' && *p <= 'Z')
            out[o++] = (char)(*p - 'A' + 'a');
        else if (o > 0 && out[o - 1] != '-')
            out[o++] = '-';
    while (o > 0 && out[o - 1] == '-')
        o--;
    out[o] = '\0';
    if (o == 0)
        snprintf(out, size, "classroom");
}

/* Write DIR/scenarios/NAME.json extending scenario i with the request's set,
 * checked by govsim check; path gets its name. */
static serve_reply write_variant(serve *s, const cJSON *req, char *path, size_t size)
{
    size_t i;
    serve_reply bad = read_scenario(s, req, &i);
    if (bad.status != 0)
        return bad;
    const cJSON *set = cJSON_GetObjectItemCaseSensitive(req, "set");
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(req, "name");
    if (set != NULL && !cJSON_IsObject(set))
        return serve_error(400, "\"set\" must be an object of PATH: VALUE");
    if (nm != NULL && (!cJSON_IsString(nm) || strlen(nm->valuestring) > 200))
        return serve_error(400, "\"name\" must be a string of at most 200 bytes");
    argv_list probe = {.n = 0};
    bad = add_sets(&probe, set); /* the same checks as a run's */
    args_free(&probe);
    if (bad.status != 0)
        return bad;
    const cJSON *m;
    cJSON *root = cJSON_CreateObject();
    const cJSON *orig = cJSON_GetObjectItemCaseSensitive(scn_doc_root(s->docs[i]), "name");
    char name[300];
    snprintf(name, sizeof name, "%s", nm != NULL ? nm->valuestring
                                     : cJSON_IsString(orig) ? orig->valuestring : "classroom");
    if (nm == NULL && strlen(name) + 12 < sizeof name)
        strcat(name, " (classroom)");
    int ok = root != NULL && cJSON_AddStringToObject(root, "extends", s->files[i]) != NULL &&
             cJSON_AddStringToObject(root, "name", name) != NULL;
    cJSON_ArrayForEach(m, set) {
        if (ok && put_nested(root, m->string, m) != 0) {
            cJSON_Delete(root);
            return serve_error(400, "\"set\": %s: a field inside a list cannot be saved", m->string);
        }
    }
    char *text = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL)
        return serve_error(500, "out of memory");
    char base[80];
    slug(name, base, sizeof base);
    int fd = -1;
    for (unsigned k = 1; k < 1000 && fd < 0; k++) {
        if (k == 1)
            snprintf(path, size, "%s/scenarios/%s.json", s->dir, base);
        else
            snprintf(path, size, "%s/scenarios/%s-%u.json", s->dir, base, k);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644); /* never over another file */
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        free(text);
        return serve_error(500, "cannot write a scenario in %s/scenarios: %s", s->dir, strerror(errno));
    }
    size_t len = strlen(text);
    int written = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
    free(text);
    if (close(fd) != 0 || !written) {
        unlink(path);
        return serve_error(500, "cannot write %s", path);
    }
    /* a scenario the command line accepts, or none */
    argv_list a = {.n = 0};
    push(&a, "govsim");
    push(&a, "check");
    push(&a, path);
    a.v[0] = s->exe;
    char errpath[4200];
    snprintf(errpath, sizeof errpath, "%s/runs/check.err", s->dir);
    pid_t pid = spawn_child(a.v, errpath);
    int st = -1;
    while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (pid <= 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        char msg[1024];
        first_error_line(errpath, msg, sizeof msg);
        unlink(path);
        return serve_error(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 2 ? 400 : 500, "%s", msg);
    }
    return (serve_reply){0, NULL};
}

serve_reply serve_save(serve *s, const cJSON *req)
{
    char path[4400];
    serve_reply bad = write_variant(s, req, path, sizeof path);
    if (bad.status != 0)
        return bad;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || cJSON_AddStringToObject(o, "file", path) == NULL) {
        cJSON_Delete(o);
        return serve_error(500, "out of memory");
    }
    return (serve_reply){200, o};
}

serve_reply serve_report(serve *s, const cJSON *req)
{
    size_t i, reps;
    serve_reply bad = read_scenario(s, req, &i);
    if (bad.status == 0)
        bad = read_reps(s, req, &reps);
    char path[4400];
    if (bad.status == 0)
        bad = write_variant(s, req, path, sizeof path);
    if (bad.status != 0)
        return bad;
    unsigned long long gen = supersede(s); /* a report outranks a slider run in progress */
    pthread_mutex_lock(&s->state_mx);
    unsigned k = ++s->reports;
    pthread_mutex_unlock(&s->state_mx);
    char slot[32], reps_text[24], seed_text[24];
    snprintf(slot, sizeof slot, "report-%u", k);
    argv_list a = {.n = 0};
    command_line(&a, s, "compare", s->files[i], path, reps, reps_text, seed_text);
    push(&a, "--report");
    if (s->zh) {
        push(&a, "--lang");
        push(&a, "zh");
    }
    pthread_mutex_lock(&s->run_mx);
    char msg[1024] = "";
    run_status st = run_child(s, &a, slot, reps, gen, msg, sizeof msg);
    pthread_mutex_unlock(&s->run_mx);
    args_free(&a);
    if (st != RUN_OK)
        return status_reply(st, msg);
    cJSON *o = cJSON_CreateObject();
    char file[4300], url[64];
    snprintf(file, sizeof file, "%s/runs/%s/report.html", s->dir, slot);
    snprintf(url, sizeof url, "/reports/%u", k);
    if (o == NULL || cJSON_AddStringToObject(o, "report", file) == NULL ||
        cJSON_AddStringToObject(o, "url", url) == NULL || cJSON_AddStringToObject(o, "scenario", path) == NULL) {
        cJSON_Delete(o);
        return serve_error(500, "out of memory");
    }
    return (serve_reply){200, o};
}

void serve_cancel(serve *s) { (void)supersede(s); }

void serve_runs_free(serve *s)
{
    for (size_t i = 0; i < SERVE_MAX_FILES; i++) {
        cJSON_Delete(s->base[i].result);
        sim_free(s->base[i].values);
        s->base[i] = (serve_baseline){0};
    }
}
