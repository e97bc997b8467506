/*
 * cli_serve.c — govsim serve S.json [more.json ...] [--port N] [--host ADDR]
 *               [--lang zh] [--reps N] [--seed N] [--out DIR]
 *
 * A local web server for a classroom (libmicrohttpd): the page at / moves the
 * scenario's levers and shows the results beside the pinned baseline. It
 * listens on 127.0.0.1 unless --host says otherwise, and writes only under
 * DIR (default results/serve): runs/ (each run's files), scenarios/ (saved
 * settings), runs/report-N/ (reports). The API (docs/serve.md):
 *
 *   GET  /                 the page (self-contained: no other file, no network)
 *   GET  /api/levers       the scenarios, their levers and the KPIs
 *   POST /api/run          {"scenario": 0, "set": {PATH: VALUE}, "reps": N}
 *   GET  /api/progress     {"running": bool, "done": k, "total": n}
 *   POST /api/save         {"scenario": 0, "set": {...}, "name": "..."}
 *   POST /api/report       {"scenario": 0, "set": {...}, "reps": N}
 *   GET  /reports/N        the report.html the N-th /api/report wrote
 *
 * Bad requests get a 4xx and {"error": "..."}; connections are served by a
 * thread each (a run blocks only its own request).
 */
#define _GNU_SOURCE /* realpath */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_serve.h"
#include "sim_mem.h"
#include "sim_output.h"

/* ---- options ---- */

typedef struct serve_opts {
    const char *files[SERVE_MAX_FILES];
    size_t n_files;
    long port;
    const char *host, *out;
    int zh;
    long reps;
    unsigned long long seed;
} serve_opts;

static int number_arg(const char *opt, const char *v, long lo, long hi, long *out)
{
    uint64_t x = 0;
    if (v == NULL || !cli_parse_u64(v, (uint64_t)hi, &x) || x < (uint64_t)lo) {
        fprintf(stderr, "govsim: serve: %s needs a whole number from %ld to %ld%s%s%s\n", opt, lo, hi,
                v != NULL ? " (got '" : "", v != NULL ? v : "", v != NULL ? "')" : "");
        return -1;
    }
    *out = (long)x;
    return 0;
}

/* 0: serve; 1: done (--help); -1: bad options (the message printed). */
static int parse(int argc, char **argv, serve_opts *o)
{
    *o = (serve_opts){.port = 8765, .host = "127.0.0.1", .out = "results/serve", .reps = 2, .seed = 1};
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        long x;
        if (strcmp(a, "--port") == 0) {
            if (number_arg(a, v, 0, 65535, &o->port) != 0)
                return -1;
            i++;
        } else if (strcmp(a, "--reps") == 0) {
            if (number_arg(a, v, 2, SERVE_MAX_REPS, &o->reps) != 0)
                return -1;
            i++;
        } else if (strcmp(a, "--seed") == 0) {
            if (number_arg(a, v, 0, LONG_MAX, &x) != 0)
                return -1;
            o->seed = (unsigned long long)x;
            i++;
        } else if (strcmp(a, "--host") == 0 || strcmp(a, "--out") == 0) {
            if (v == NULL || *v == '\0') {
                fprintf(stderr, "govsim: serve: %s needs a value\n", a);
                return -1;
            }
            *(strcmp(a, "--host") == 0 ? &o->host : &o->out) = v;
            i++;
        } else if (strcmp(a, "--lang") == 0) {
            if (v == NULL || (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)) {
                fprintf(stderr, "govsim: serve: --lang is zh or en\n");
                return -1;
            }
            o->zh = strcmp(v, "zh") == 0;
            i++;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_usage(stdout);
            return 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "govsim: serve: unknown option '%s'; allowed: --port N, --host ADDR, --lang zh|en, "
                            "--reps N, --seed N, --out DIR\n", a);
            return -1;
        } else if (o->n_files == SERVE_MAX_FILES) {
            fprintf(stderr, "govsim: serve: at most %d scenario files\n", SERVE_MAX_FILES);
            return -1;
        } else {
            o->files[o->n_files++] = a;
        }
    }
    if (o->n_files == 0) {
        fprintf(stderr, "govsim: serve: give a scenario file: govsim serve SCENARIO.json [more.json ...] "
                        "[--port N] [--lang zh]\n");
        return -1;
    }
    return 0;
}

/* ---- the directory it writes to ---- */

static int prepare(serve *s, const serve_opts *o, sim_err *err)
{
    ssize_t n = readlink("/proc/self/exe", s->exe, sizeof s->exe - 1);
    if (n <= 0)
        return sim_err_add(err, SIM_ERR_RUNTIME, "serve: cannot find this program (/proc/self/exe): %s",
                           strerror(errno));
    s->exe[n] = '\0';
    for (size_t i = 0; i < o->n_files; i++) {
        if (realpath(o->files[i], s->files[i]) == NULL)
            return sim_err_add(err, SIM_ERR_INPUT, "%s: %s", o->files[i], strerror(errno));
        const model_kind *k;
        int rc = model_detect(s->files[i], &k, err);
        if (rc != SIM_OK)
            return rc;
        if (i > 0 && k != s->model)
            return sim_err_add(err, SIM_ERR_INPUT, "%s: a %s scenario; %s is %s (one model at a time)", o->files[i],
                               k->kind, o->files[0], s->model->kind);
        s->model = k;
        /* the whole check (bind, validate) as `govsim check` makes it */
        void *cfg = NULL;
        rc = k->load(s->files[i], NULL, 0, &cfg, err);
        k->free(cfg);
        if (rc != SIM_OK)
            return rc;
        if ((rc = scn_doc_load(k->schema, s->files[i], &s->docs[i], err)) != SIM_OK)
            return rc;
        s->n_files = i + 1;
    }
    char cwd[4096];
    if (o->out[0] != '/' && getcwd(cwd, sizeof cwd) == NULL)
        return sim_err_add(err, SIM_ERR_RUNTIME, "serve: getcwd: %s", strerror(errno));
    if (snprintf(s->dir, sizeof s->dir, "%s%s%s", o->out[0] == '/' ? "" : cwd, o->out[0] == '/' ? "" : "/",
                 o->out) >= (int)sizeof s->dir - 64)
        return sim_err_add(err, SIM_ERR_INPUT, "serve: --out: the path is too long");
    /* the output directory's own checks: created, writable, subfolders real folders */
    int rc = sim_out_prepare_dir(s->dir, err);
    if (rc == SIM_OK)
        rc = sim_out_prepare_subdir(s->dir, "runs", err);
    if (rc == SIM_OK)
        rc = sim_out_prepare_subdir(s->dir, "scenarios", err);
    if (rc != SIM_OK)
        return rc;
    s->zh = o->zh;
    s->reps = (size_t)o->reps;
    s->seed = o->seed;
    return SIM_OK;
}

/* ---- HTTP ---- */

typedef struct request {
    char *body;
    size_t len;
    int too_large;
} request;

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *type, const char *text,
                                 size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
    if (r == NULL)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, serve_reply rep)
{
    char *text = rep.body != NULL ? cJSON_PrintUnformatted(rep.body) : NULL;
    cJSON_Delete(rep.body);
    if (text == NULL)
        return send_text(c, 500, "application/json", "{\"error\": \"out of memory\"}", 26);
    enum MHD_Result ok = send_text(c, rep.status, "application/json; charset=utf-8", text, strlen(text));
    free(text);
    return ok;
}

static enum MHD_Result send_file(struct MHD_Connection *c, const char *path)
{
    size_t len = 0;
    char *text = serve_read_file(path, &len);
    if (text == NULL)
        return send_reply(c, serve_error(404, "no such report"));
    enum MHD_Result ok = send_text(c, 200, "text/html; charset=utf-8", text, len);
    sim_free(text);
    return ok;
}

static serve_reply post(serve *s, const char *url, const request *rq)
{
    if (rq->too_large)
        return serve_error(413, "the request body is larger than %d bytes", SERVE_MAX_BODY);
    cJSON *req = rq->body != NULL ? cJSON_ParseWithLength(rq->body, rq->len) : NULL;
    if (!cJSON_IsObject(req)) {
        cJSON_Delete(req);
        return serve_error(400, "the body must be a JSON object");
    }
    serve_reply r = strcmp(url, "/api/run") == 0      ? serve_run(s, req)
                    : strcmp(url, "/api/save") == 0   ? serve_save(s, req)
                    : strcmp(url, "/api/report") == 0 ? serve_report(s, req)
                                                      : serve_error(404, "no such address: %.80s", url);
    cJSON_Delete(req);
    return r;
}

static int is_post_api(const char *url)
{
    return strcmp(url, "/api/run") == 0 || strcmp(url, "/api/save") == 0 || strcmp(url, "/api/report") == 0;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    serve *s = cls;
    request *rq = *con_cls;
    if (rq == NULL) {
        rq = sim_calloc(1, sizeof *rq);
        if (rq == NULL)
            return MHD_NO;
        *con_cls = rq;
        return MHD_YES;
    }
    if (*upload_size > 0) { /* the body, in pieces */
        if (rq->too_large || rq->len + *upload_size > SERVE_MAX_BODY) {
            rq->too_large = 1;
        } else {
            char *b = sim_realloc(rq->body, rq->len + *upload_size + 1);
            if (b == NULL) {
                rq->too_large = 1;
            } else {
                memcpy(b + rq->len, upload, *upload_size);
                rq->len += *upload_size;
                b[rq->len] = '\0';
                rq->body = b;
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (strcmp(method, "POST") == 0 && is_post_api(url))
        return send_reply(c, post(s, url, rq));
    if (get && strcmp(url, "/") == 0)
        return send_text(c, 200, "text/html; charset=utf-8", serve_page_html, strlen(serve_page_html));
    if (get && strcmp(url, "/api/levers") == 0)
        return send_reply(c, serve_levers(s));
    if (get && strcmp(url, "/api/progress") == 0)
        return send_reply(c, serve_progress(s));
    if (get && strncmp(url, "/reports/", 9) == 0) {
        char *end;
        unsigned long k = strtoul(url + 9, &end, 10);
        if (url[9] < '1' || url[9] > '9' || *end != '\0' || k > 1000000)
            return send_reply(c, serve_error(404, "no such report"));
        char path[4300];
        snprintf(path, sizeof path, "%s/runs/report-%lu/report.html", s->dir, k);
        return send_file(c, path);
    }
    if (is_post_api(url) || strcmp(url, "/") == 0 || strcmp(url, "/api/levers") == 0 ||
        strcmp(url, "/api/progress") == 0)
        return send_reply(c, serve_error(405, "%s is not allowed on %.80s", method, url));
    return send_reply(c, serve_error(404, "no such address: %.80s", url));
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    request *rq = *con_cls;
    if (rq != NULL) {
        sim_free(rq->body);
        sim_free(rq);
    }
    *con_cls = NULL;
}

int cli_serve(int argc, char **argv)
{
    serve_opts o;
    int parsed = parse(argc, argv, &o);
    if (parsed != 0)
        return parsed > 0 ? 0 : 2;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o.port)};
    if (inet_pton(AF_INET, o.host, &addr.sin_addr) != 1) {
        fprintf(stderr, "govsim: serve: --host '%s' is not an IPv4 address (127.0.0.1 keeps the server on this "
                        "machine)\n", o.host);
        return 2;
    }
    serve *s = sim_calloc(1, sizeof *s);
    if (s == NULL) {
        fprintf(stderr, "govsim: out of memory\n");
        return 1;
    }
    pthread_mutex_init(&s->run_mx, NULL);
    pthread_mutex_init(&s->state_mx, NULL);
    sim_err err;
    sim_err_init(&err);
    int rc = prepare(s, &o, &err);
    /* Signals: the main thread waits for SIGINT or SIGTERM; the server's threads
     * (started after this) never take them; children get them back (cli_serve_run.c). */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct MHD_Daemon *d = NULL;
    if (rc == SIM_OK) {
        d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL, handle,
                             s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT,
                             (unsigned)64, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
                             MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_END);
        if (d == NULL)
            rc = sim_err_add(&err, SIM_ERR_INPUT, "serve: cannot listen on %s:%ld (in use, or not this machine's?)",
                             o.host, o.port);
    }
    if (rc == SIM_OK) {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned port = info != NULL ? info->port : (unsigned)o.port;
        if (s->zh)
            printf("govsim serve：http://%s:%u/ （%zu 个情景；结果写入 %s；Ctrl-C 结束）\n", o.host, port, s->n_files,
                   s->dir);
        else
            printf("govsim serve: http://%s:%u/ (%zu scenario%s; files in %s; Ctrl-C stops)\n", o.host, port,
                   s->n_files, s->n_files == 1 ? "" : "s", s->dir);
        fflush(stdout);
        int sig = 0;
        while (sigwait(&stop, &sig) != 0)
            ;
        serve_cancel(s);
        MHD_stop_daemon(d);
    } else {
        const char *t = sim_err_text(&err);
        for (const char *p = t; *p;) { /* one problem per line */
            size_t len = strcspn(p, "\n");
            fprintf(stderr, "govsim: %.*s\n", (int)len, p);
            p += len + (p[len] != '\0');
        }
    }
    for (size_t i = 0; i < SERVE_MAX_FILES; i++)
        scn_doc_destroy(s->docs[i]);
    serve_runs_free(s);
    pthread_mutex_destroy(&s->run_mx);
    pthread_mutex_destroy(&s->state_mx);
    sim_free(s);
    return rc == SIM_OK ? 0 : rc == SIM_ERR_INPUT ? 2 : 1;
}
