/*
 * govsim serve: the classroom's web server, driven as a browser and a careless
 * client would drive it.
 *  - its numbers are `govsim run --set ...`'s (same seed) and its differences
 *    `govsim compare`'s (common random numbers), field by field;
 *  - bad requests get a 4xx with a message (malformed JSON, unknown fields,
 *    wrong methods and addresses, oversized bodies, garbage bytes), concurrent
 *    requests are answered (200, or 409 for a run a newer one superseded), and
 *    the server keeps serving; it writes only under its --out directory;
 *  - a real headless Chromium moves a slider on the page (tests/browser/
 *    serve_slider.py, DevTools protocol) and the page then shows `govsim run`'s
 *    numbers for that setting.
 */
#define _GNU_SOURCE /* asprintf, realpath */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_util.h"
#include "report_util.h"
#include "util.h"

#define END NULL

typedef struct server {
    char *dir, *log, *scenario;
    pid_t pid;
    unsigned port;
} server;

/* A scenario small enough for many runs: the default district for 90 days. */
static char *small_scenario(const char *dir)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL, "GOVSIM_SRC not set");
    char *p = pjoin(dir, "small.json"), *text = NULL;
    cr_assert(asprintf(&text,
                       "{\"extends\": \"%s/scenarios/default.json\", \"name\": \"small district\", "
                       "\"horizon\": \"90d\", \"warmup\": \"10d\"}\n",
                       src) > 0);
    cr_assert(spit(p, text) == 0);
    free(text);
    return p;
}

static void server_start(server *s, const char *const *extra)
{
    s->dir = tmpdir_new();
    s->log = pjoin(s->dir, "serve.log");
    s->scenario = small_scenario(s->dir);
    const char *args[16] = {"serve", s->scenario, "--port", "0", "--out", "out"};
    size_t n = 6;
    for (size_t i = 0; extra != NULL && extra[i] != NULL && n < 15; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    s->pid = spawn_govsim(s->dir, args, s->log);
    cr_assert(s->pid > 0);
    for (int i = 0; i < 600; i++) { /* the address line */
        char *log = slurp(s->log, NULL);
        const char *at = log != NULL ? strstr(log, "http://127.0.0.1:") : NULL;
        if (at != NULL) {
            s->port = (unsigned)atoi(at + 17);
            free(log);
            return;
        }
        free(log);
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    cr_assert(0, "govsim serve printed no address");
}

static void server_stop(server *s)
{
    kill(s->pid, SIGTERM);
    cr_assert(eq(int, wait_exit(s->pid), 0), "govsim serve did not stop cleanly on SIGTERM");
    /* under make test SANITIZE=1 the server's own reports land in its log */
    char *log = slurp(s->log, NULL);
    cr_assert(log != NULL);
    cr_assert(strstr(log, "Sanitizer") == NULL && strstr(log, "runtime error:") == NULL, "%s", log);
    free(log);
    rm_rf(s->dir);
    free(s->dir), free(s->log), free(s->scenario);
}

typedef struct http_reply {
    int status;
    char *body;
} http_reply;

/* One request over a fresh connection (raw bytes, so malformed ones can be sent too). */
static http_reply http_raw(unsigned port, const char *bytes, size_t len)
{
    http_reply r = {-1, NULL};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        if (fd >= 0)
            close(fd);
        return r;
    }
    for (size_t off = 0; off < len;) {
        ssize_t k = send(fd, bytes + off, len - off, MSG_NOSIGNAL);
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n + 4096 > cap)
            buf = realloc(buf, cap *= 2);
        ssize_t k = recv(fd, buf + n, cap - n - 1, 0);
        if (k <= 0)
            break;
        n += (size_t)k;
    }
    close(fd);
    buf[n] = '\0';
    if (n > 12 && strncmp(buf, "HTTP/1.", 7) == 0)
        r.status = atoi(buf + 9);
    const char *body = strstr(buf, "\r\n\r\n");
    r.body = strdup(body != NULL ? body + 4 : "");
    free(buf);
    return r;
}

static http_reply http(unsigned port, const char *method, const char *path, const char *body)
{
    char *req = NULL;
    size_t blen = body != NULL ? strlen(body) : 0;
    int n = asprintf(&req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
                           "application/json\r\nContent-Length: %zu\r\n\r\n%s",
                     method, path, blen, body != NULL ? body : "");
    cr_assert(n > 0);
    http_reply r = http_raw(port, req, (size_t)n);
    free(req);
    return r;
}

static cJSON *json_of(const http_reply *r)
{
    cJSON *j = cJSON_Parse(r->body);
    cr_assert(j != NULL, "not JSON: %.200s", r->body);
    return j;
}

static void expect_error(unsigned port, const char *method, const char *path, const char *body, int status,
                         const char *words)
{
    http_reply r = http(port, method, path, body);
    cr_assert(eq(int, r.status, status), "%s %s %.60s: status %d, expected %d (%.200s)", method, path,
              body != NULL ? body : "", r.status, status, r.body);
    cJSON *j = json_of(&r);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
    cr_assert(cJSON_IsString(e), "no error message: %s", r.body);
    cr_assert(words == NULL || strstr(e->valuestring, words) != NULL, "message \"%s\" lacks \"%s\"", e->valuestring,
              words);
    cJSON_Delete(j);
    free(r.body);
}

/* Same numbers: every KPI of a.kpis equals b.kpis (mean and ci95, to the last bits). */
static void same_kpis(const cJSON *a, const cJSON *b, const char *what)
{
    const cJSON *k;
    size_t n = 0;
    cJSON_ArrayForEach(k, a) {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(b, k->string);
        cr_assert(o != NULL, "%s: %s missing", what, k->string);
        static const char *const fields[] = {"mean", "ci95"};
        for (size_t f = 0; f < 2; f++) {
            const cJSON *x = cJSON_GetObjectItemCaseSensitive(k, fields[f]),
                        *y = cJSON_GetObjectItemCaseSensitive(o, fields[f]);
            if (cJSON_IsNull(x) || cJSON_IsNull(y)) {
                cr_assert(cJSON_IsNull(x) && cJSON_IsNull(y), "%s: %s.%s null on one side", what, k->string, fields[f]);
                continue;
            }
            double dx = x->valuedouble, dy = y->valuedouble;
            cr_assert(fabs(dx - dy) <= 1e-9 * fmax(1.0, fabs(dy)), "%s: %s.%s %.17g against %.17g", what, k->string,
                      fields[f], dx, dy);
        }
        const cJSON *sx = cJSON_GetObjectItemCaseSensitive(k, "significant");
        if (sx != NULL)
            cr_assert(eq(int, cJSON_IsTrue(sx), cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "significant"))),
                      "%s: %s significance", what, k->string);
        n++;
    }
    cr_assert(n >= 20, "%s: only %zu KPIs", what, n);
}

Test(serve, numbers_are_govsim_run_and_compare, .timeout = 300)
{
    server s;
    server_start(&s, NULL);
    http_reply r = http(s.port, "POST", "/api/run",
                        "{\"set\": {\"staffing.community_workers_per_10k\": 12, \"routing.rule\": \"whistle\"}, "
                        "\"reps\": 3}");
    cr_assert(eq(int, r.status, 200), "%s", r.body);
    cJSON *page = json_of(&r);
    free(r.body);
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(page, "results");
    cr_assert(eq(int, cJSON_GetArraySize(results), 2));

    /* the same run on the command line */
    run_result cli;
    run_govsim(&cli, s.dir, NULL,
               (const char *[]){"run", s.scenario, "--reps", "3", "--seed", "1", "--set",
                                "staffing.community_workers_per_10k=12", "--set", "routing.rule=whistle", "--out",
                                "cli", "--quiet", END});
    cr_assert(eq(int, cli.status, 0), "%s", cli.err);
    char *cdir = pjoin(s.dir, "cli");
    cJSON *sum = load_json(cdir, "summary.json");
    same_kpis(at(cJSON_GetArrayItem(results, 1), "kpis"), at(cJSON_GetArrayItem(at(sum, "results"), 0), "kpis"),
              "the current run");

    /* saved settings, compared on the command line: the page's differences are compare's */
    r = http(s.port, "POST", "/api/save",
             "{\"set\": {\"staffing.community_workers_per_10k\": 12, \"routing.rule\": \"whistle\"}, "
             "\"name\": \"../../whistle 12\"}");
    cr_assert(eq(int, r.status, 200), "%s", r.body);
    cJSON *saved = json_of(&r);
    free(r.body);
    const char *file = cJSON_GetObjectItemCaseSensitive(saved, "file")->valuestring;
    char *expect_dir = pjoin(s.dir, "out/scenarios/");
    char real[4096];
    cr_assert(realpath(s.dir, real) != NULL);
    char *expect_real = pjoin(real, "out/scenarios/");
    cr_assert(strncmp(file, expect_real, strlen(expect_real)) == 0 && strstr(file + strlen(expect_real), "/") == NULL,
              "saved outside out/scenarios: %s", file);
    char *text = slurp(file, NULL);
    cr_assert(text != NULL && strstr(text, "\"extends\"") != NULL && strstr(text, "small.json") != NULL, "%s", text);
    free(text);
    run_result cmp;
    run_govsim(&cmp, s.dir, NULL,
               (const char *[]){"compare", s.scenario, file, "--reps", "3", "--seed", "1", "--out", "cmp", "--quiet",
                                END});
    cr_assert(eq(int, cmp.status, 0), "%s", cmp.err);
    char *mdir = pjoin(s.dir, "cmp");
    cJSON *csum = load_json(mdir, "summary.json");
    same_kpis(at(cJSON_GetArrayItem(at(page, "differences"), 0), "kpis"),
              at(cJSON_GetArrayItem(at(csum, "differences"), 0), "kpis"), "the paired differences");
    same_kpis(at(cJSON_GetArrayItem(results, 0), "kpis"), at(cJSON_GetArrayItem(at(csum, "results"), 0), "kpis"),
              "the baseline");

    /* the report of the comparison */
    r = http(s.port, "POST", "/api/report", "{\"set\": {\"routing.rule\": \"whistle\"}, \"reps\": 2}");
    cr_assert(eq(int, r.status, 200), "%s", r.body);
    cJSON *rep = json_of(&r);
    free(r.body);
    const char *url = cJSON_GetObjectItemCaseSensitive(rep, "url")->valuestring;
    http_reply page_html = http(s.port, "GET", url, NULL);
    cr_assert(eq(int, page_html.status, 200));
    cr_assert(strstr(page_html.body, "<html") != NULL && strstr(page_html.body, "id=\"headline\"") != NULL);
    free(page_html.body);

    cJSON_Delete(rep), cJSON_Delete(csum), cJSON_Delete(sum), cJSON_Delete(saved), cJSON_Delete(page);
    run_free(&cli), run_free(&cmp);
    free(cdir), free(mdir), free(expect_dir), free(expect_real);
    server_stop(&s);
}

/* The page loads nothing from elsewhere: no address but the SVG namespace
 * (a name, not a request), no src, link or import, and fetch() only /api/. */
static void check_self_contained(const char *html)
{
    char *copy = strdup(html);
    static const char ns[] = "http://www.w3.org/2000/svg";
    for (char *p = strstr(copy, ns); p != NULL; p = strstr(p, ns))
        memset(p, 'x', sizeof ns - 1);
    static const char *const banned[] = {"http:", "https:", "ftp:", "file:", "src=", "srcset", "<link", "@import",
                                         "url(", "<iframe", "<img", "<object", "<embed", "<base", NULL};
    for (size_t i = 0; banned[i] != NULL; i++)
        cr_assert(strstr(copy, banned[i]) == NULL, "the page holds %s", banned[i]);
    size_t calls = 0;
    for (const char *p = strstr(copy, "fetch("); p != NULL; p = strstr(p + 1, "fetch(")) {
        const char *arg = p + 6;
        cr_assert(strncmp(arg, "\"/api/", 6) == 0 || strncmp(arg, "url,", 4) == 0, "fetch(%.30s", arg);
        calls++;
    }
    /* postJSON(url, ...) is called with "/api/..." only */
    for (const char *p = strstr(copy, "postJSON(\""); p != NULL; p = strstr(p + 1, "postJSON(\""))
        cr_assert(strncmp(p + 10, "/api/", 5) == 0, "postJSON(%.30s", p + 9);
    cr_assert(calls >= 3);
    free(copy);
}

typedef struct racer {
    unsigned port;
    int value, status;
} racer;

static void *race(void *p)
{
    racer *r = p;
    char body[128];
    snprintf(body, sizeof body, "{\"set\": {\"staffing.community_workers_per_10k\": %d}}", r->value);
    http_reply h = http(r->port, "POST", "/api/run", body);
    r->status = h.status;
    free(h.body);
    return NULL;
}

Test(serve, bad_and_concurrent_requests, .timeout = 300)
{
    server s;
    server_start(&s, NULL);
    expect_error(s.port, "POST", "/api/run", "{\"set\": ", 400, "JSON object");
    expect_error(s.port, "POST", "/api/run", "[1, 2]", 400, "JSON object");
    expect_error(s.port, "POST", "/api/run", "{\"set\": {\"staffing.bogus\": 1}}", 400, "bogus");
    expect_error(s.port, "POST", "/api/run", "{\"set\": {\"staffing.community_workers_per_10k\": -5}}", 400, NULL);
    expect_error(s.port, "POST", "/api/run", "{\"set\": {\"routing.rule\": \"nonsense\"}}", 400, "nonsense");
    expect_error(s.port, "POST", "/api/run", "{\"set\": {\"a;rm -rf /\": 1}}", 400, "not a field path");
    expect_error(s.port, "POST", "/api/run", "{\"set\": [1]}", 400, "object");
    expect_error(s.port, "POST", "/api/run", "{\"set\": {\"demand.multiplier\": {\"x\": 1}}}", 400, "not a number");
    expect_error(s.port, "POST", "/api/run", "{\"reps\": 1}", 400, "reps");
    expect_error(s.port, "POST", "/api/run", "{\"reps\": 2.5}", 400, "reps");
    expect_error(s.port, "POST", "/api/run", "{\"scenario\": 3}", 400, "scenario");
    expect_error(s.port, "POST", "/api/save", "{\"set\": {\"departments[0].staff_per_100k_residents\": 3}}", 400,
                 "list");
    expect_error(s.port, "GET", "/api/run", NULL, 405, NULL);
    expect_error(s.port, "DELETE", "/", NULL, 405, NULL);
    expect_error(s.port, "GET", "/etc/passwd", NULL, 404, NULL);
    expect_error(s.port, "GET", "/reports/../../x", NULL, 404, NULL);
    expect_error(s.port, "GET", "/reports/7", NULL, 404, NULL);
    /* a body over the limit */
    size_t big = 70000;
    char *huge = malloc(big + 1);
    memset(huge, ' ', big);
    huge[0] = '{', huge[big - 1] = '}', huge[big] = '\0';
    expect_error(s.port, "POST", "/api/run", huge, 413, NULL);
    free(huge);
    /* bytes that are not HTTP: refused or dropped, never a crash */
    static const char garbage[] = "\x16\x03\x01\x02\x00 GARBAGE \r\n\r\n";
    http_reply g = http_raw(s.port, garbage, sizeof garbage - 1);
    cr_assert(g.status == -1 || (g.status >= 400 && g.status < 500), "garbage answered %d", g.status);
    free(g.body);
    g = http_raw(s.port, "GET / HTTP/1.1\r\nContent-Length: -4\r\n\r\n", 38);
    cr_assert(g.status == -1 || (g.status >= 400 && g.status < 500) || g.status == 200, "answered %d", g.status);
    free(g.body);

    /* four at once: each answered, the superseded ones with 409 */
    racer rs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        rs[i] = (racer){s.port, 10 + 2 * i, 0};
        cr_assert(eq(int, pthread_create(&th[i], NULL, race, &rs[i]), 0));
        nanosleep(&(struct timespec){0, 30 * 1000 * 1000}, NULL);
    }
    int ok = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        cr_assert(rs[i].status == 200 || rs[i].status == 409, "request %d: status %d", i, rs[i].status);
        ok += rs[i].status == 200;
    }
    cr_assert(ok >= 1, "no request answered with results");
    /* (which one wins depends on when each handler thread runs; the last to
     * reach the server does.) A request after them all is answered with results. */
    racer after = {s.port, 20, 0};
    race(&after);
    cr_assert(eq(int, after.status, 200), "a run after the race: status %d", after.status);

    /* still serving: the page and the levers */
    http_reply p = http(s.port, "GET", "/", NULL);
    cr_assert(eq(int, p.status, 200));
    cr_assert(strstr(p.body, "<!DOCTYPE html>") != NULL);
    check_self_contained(p.body);
    free(p.body);
    p = http(s.port, "GET", "/api/levers", NULL);
    cr_assert(eq(int, p.status, 200));
    cJSON *lv = json_of(&p);
    free(p.body);
    /* the levers are the schema's: the classroom's seven, with labels and ranges */
    static const char *const want[] = {"staffing.community_workers_per_10k", "staffing.households_per_grid_worker",
                                       "routing.rule", "admin_tasks.relieved_share", "department_staff_multiplier",
                                       "classification.mode", "demand.multiplier", NULL};
    const cJSON *levers = at(lv, "levers");
    for (size_t i = 0; want[i] != NULL; i++) {
        const cJSON *l, *found = NULL;
        cJSON_ArrayForEach(l, levers) if (strcmp(at(l, "path")->valuestring, want[i]) == 0) found = l;
        cr_assert(found != NULL, "no lever %s", want[i]);
        cr_assert(cJSON_IsString(at(found, "label")) && strcmp(at(found, "label")->valuestring, want[i]) != 0);
        if (strcmp(at(found, "kind")->valuestring, "number") == 0)
            cr_assert(num_at(found, "lo") < num_at(found, "hi") && num_at(found, "step") > 0);
    }
    cJSON_Delete(lv);

    /* nothing written outside its directory: serve.log, small.json, out/ */
    char *cmd = NULL;
    cr_assert(asprintf(&cmd, "ls -A %s", s.dir) > 0);
    run_result ls;
    run_program(&ls, s.dir, NULL, (const char *[]){"/bin/sh", "-c", cmd, NULL});
    cr_assert(eq(str, ls.out, "out\nserve.log\nsmall.json\n"), "files: %s", ls.out);
    run_free(&ls);
    free(cmd);
    server_stop(&s);
}

Test(serve, refuses_bad_options_and_files, .timeout = 60)
{
    char *d = tmpdir_new();
    run_result r;
    run_govsim(&r, d, NULL, (const char *[]){"serve", END});
    cr_assert(r.status == 2 && strstr(r.err, "give a scenario") != NULL, "%s", r.err);
    run_free(&r);
    run_govsim(&r, d, NULL, (const char *[]){"serve", "missing.json", END});
    cr_assert(r.status == 2 && strstr(r.err, "missing.json") != NULL, "%s", r.err);
    run_free(&r);
    char *bad = pjoin(d, "bad.json");
    spit(bad, "{\"staffng\": {}}\n");
    run_govsim(&r, d, NULL, (const char *[]){"serve", bad, "--port", "0", END});
    cr_assert(r.status == 2 && strstr(r.err, "staffng") != NULL, "%s", r.err);
    run_free(&r);
    run_govsim(&r, d, NULL, (const char *[]){"serve", bad, "--port", "70000", END});
    cr_assert(r.status == 2 && strstr(r.err, "--port") != NULL, "%s", r.err);
    run_free(&r);
    run_govsim(&r, d, NULL, (const char *[]){"serve", bad, "--host", "example.org", END});
    cr_assert(r.status == 2 && strstr(r.err, "--host") != NULL, "%s", r.err);
    run_free(&r);
    run_govsim(&r, d, NULL, (const char *[]){"serve", "--help", END});
    cr_assert(r.status == 0 && strstr(r.out, "govsim serve SCENARIO.json") != NULL, "%s", r.out);
    run_free(&r);
    run_govsim(&r, d, NULL, (const char *[]){"serve", bad, "--frobnicate", END});
    cr_assert(r.status == 2 && strstr(r.err, "unknown option") != NULL, "%s", r.err);
    run_free(&r);
    free(bad);
    rm_rf(d);
    free(d);
}

static char *chromium_path(void)
{
    const char *env = getenv("GOVSIM_CHROMIUM");
    if (env != NULL && *env)
        return strdup(env);
    static const char *const dirs[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser", NULL};
    for (size_t i = 0; dirs[i] != NULL; i++)
        if (access(dirs[i], X_OK) == 0)
            return strdup(dirs[i]);
    return NULL;
}

Test(serve, a_slider_in_chromium_shows_govsim_run, .timeout = 300)
{
    char *chrome = chromium_path();
    cr_assert(chrome != NULL, "chromium not found (make test installs it: tools/ensure-deps.sh report)");
    cr_assert(access("/usr/bin/python3", X_OK) == 0, "/usr/bin/python3 missing (tools/ensure-deps.sh test)");
    server s;
    server_start(&s, NULL);
    const char *src = getenv("GOVSIM_SRC");
    char *script = pjoin(src, "tests/browser/serve_slider.py"), *profile = pjoin(s.dir, "profile"), url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/", s.port);
    mkdir(profile, 0700);
    const char *shot = getenv("GOVSIM_SERVE_SCREENSHOT"); /* tools/serve-screenshot.sh: docs/serve.png */
    run_result b;
    run_program(&b, s.dir, NULL,
                (const char *[]){"/usr/bin/python3", script, chrome, url, profile, "staffing.community_workers_per_10k",
                                 "12", shot, NULL});
    cr_assert(eq(int, b.status, 0), "the browser run failed: %s", b.err);
    cJSON *page = cJSON_Parse(b.out);
    cr_assert(page != NULL, "%s", b.out);
    const cJSON *moved = cJSON_GetObjectItemCaseSensitive(at(page, "set"), "staffing.community_workers_per_10k");
    cr_assert(cJSON_IsNumber(moved) && moved->valuedouble == 12, "the page did not run the moved lever");
    cr_assert(num_at(page, "levers") >= 7);

    run_result cli;
    run_govsim(&cli, s.dir, NULL,
               (const char *[]){"run", s.scenario, "--reps", "2", "--seed", "1", "--set",
                                "staffing.community_workers_per_10k=12", "--out", "cli", "--quiet", END});
    cr_assert(eq(int, cli.status, 0), "%s", cli.err);
    char *cdir = pjoin(s.dir, "cli");
    cJSON *sum = load_json(cdir, "summary.json");
    const cJSON *kpis = at(cJSON_GetArrayItem(at(sum, "results"), 0), "kpis");
    const cJSON *card;
    size_t n = 0;
    cJSON_ArrayForEach(card, at(page, "cards")) {
        const char *kpi = at(card, "kpi")->valuestring;
        double shown = strtod(at(card, "mean")->valuestring, NULL), want = num_at(at(kpis, kpi), "mean");
        cr_assert(fabs(shown - want) <= 1e-12 * fmax(1.0, fabs(want)), "%s: the page shows %.17g, govsim run %.17g",
                  kpi, shown, want);
        n++;
    }
    cr_assert(n >= 10, "only %zu KPI cards", n);
    cJSON_Delete(sum), cJSON_Delete(page);
    run_free(&cli), run_free(&b);
    free(cdir), free(script), free(profile), free(chrome);
    server_stop(&s);
}
