/*
 * report.html through the command line: a comparison of governance scenarios
 * rendered by headless Chromium to a screenshot and an A4 PDF, the page checked
 * for anything that would leave the file, and its numbers checked against
 * summary.json; the Chinese page; hostile scenario text; sweeps; no gnuplot.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_util.h"
#include "report_util.h"

/* ---- running Chromium ---- */

/* $GOVSIM_CHROMIUM, else chromium or chromium-browser in PATH (malloc'd), or NULL. */
static char *find_chromium(void)
{
    const char *env = getenv("GOVSIM_CHROMIUM");
    if (env != NULL && *env)
        return access(env, X_OK) == 0 ? strdup(env) : NULL;
    const char *path = getenv("PATH");
    static const char *const names[] = {"chromium", "chromium-browser", NULL};
    for (size_t i = 0; names[i] != NULL && path != NULL; i++) {
        char *copy = strdup(path), *save = NULL;
        for (char *dir = strtok_r(copy, ":", &save); dir != NULL; dir = strtok_r(NULL, ":", &save)) {
            char *p = pjoin(dir, names[i]);
            if (access(p, X_OK) == 0) {
                free(copy);
                return p;
            }
            free(p);
        }
        free(copy);
    }
    return NULL;
}

/* Run argv with output to log, in its own process group; kill the whole group
 * (Chromium starts helper processes) after timeout_s. Exit status, or -1. */
static int run_prog(char *const argv[], const char *log, int timeout_s)
{
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    if (pid < 0)
        return -1;
    setpgid(pid, pid);
    int st = 0;
    for (int waited_ms = 0;; waited_ms += 50) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        if (waited_ms >= timeout_s * 1000) {
            kill(-pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    kill(-pid, SIGKILL); /* helpers left behind, if any */
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static unsigned be32(const unsigned char *b)
{
    return (unsigned)b[0] << 24 | (unsigned)b[1] << 16 | (unsigned)b[2] << 8 | b[3];
}

/* ---- scenarios ---- */

static char *write_text(const char *dir, const char *file, const char *text)
{
    char *p = pjoin(dir, file);
    cr_assert(spit(p, text) == 0, "cannot write %s", p);
    return p;
}

/* Three governance scenarios in the style of the shipped ones, small enough
 * for a test: the same region and demand under three routing rules. */
static void write_governance(const char *d, char **a, char **b, char **c)
{
    *a = write_text(d, "layered.json",
                    "{\n  \"name\": \"分层上报 Layered reporting\",\n"
                    "  \"description\": \"Cases go up the hierarchy level by level (baseline).\",\n"
                    "  \"horizon\": \"120d\", \"warmup\": \"20d\",\n"
                    "  \"region\": {\"generate\": {\"residents\": 30000}}\n}\n");
    *b = write_text(d, "whistle.json",
                    "{\n  \"extends\": \"layered.json\",\n  \"name\": \"吹哨报到 Whistle\",\n"
                    "  \"description\": \"Streets blow the whistle; departments report in.\",\n"
                    "  \"routing\": {\"rule\": \"whistle\"}\n}\n");
    *c = write_text(d, "hotline.json",
                    "{\n  \"extends\": \"layered.json\",\n  \"name\": \"12345 热线 Hotline\",\n"
                    "  \"description\": \"The 12345 centre dispatches every case.\",\n"
                    "  \"routing\": {\"rule\": \"hotline\"}\n}\n");
}

/* ---- checks of the page ---- */

/* Every id in the page once only (figures must not share gnuplot's ids). */
static void ids_unique(const char *html)
{
    size_t n = 0, cap = 4096;
    char **ids = calloc(cap, sizeof *ids);
    for (const char *p = html; (p = strstr(p, " id=")) != NULL; p += 4) {
        char q = p[4];
        const char *v = p + 5, *e = strchr(v, q);
        cr_assert(e != NULL && n < cap);
        ids[n] = strndup(v, (size_t)(e - v));
        for (size_t i = 0; i < n; i++)
            cr_assert(strcmp(ids[i], ids[n]) != 0, "id \"%s\" twice in report.html", ids[n]);
        n++;
    }
    cr_assert(n > 20, "only %zu ids: figures missing?", n);
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}

/* A number as shown (rounded to `dec` decimals) against the exact value. */
static void shown_matches(double shown, int dec, double exact, const char *what)
{
    double tol = 0.5 * pow(10, -dec) + 1e-9 * fabs(exact);
    cr_assert(fabs(shown - exact) <= tol, "%s: page shows %.*f, summary.json has %.17g", what, dec,
              shown, exact);
}

static double mean_of_baseline(const cJSON *sum, const char *kpi)
{
    const cJSON *st = summary_stat(sum, 0, "all", kpi, 0);
    cr_assert(st != NULL);
    return num_at(st, "mean");
}

/* The headline cells: exact numbers in data-* equal summary.json's, the large
 * figure and the difference shown are those numbers rounded, and each
 * difference's colour follows its KPI's good direction. Returns cells seen. */
static size_t check_headline(const char *html, const cJSON *sum, size_t n_configs, size_t *toned)
{
    size_t cells = 0;
    const char *end;
    for (const char *t = html; (t = next_tag(t, "<td class=\"rate\"", &end)) != NULL; t = end) {
        char kpi[64], cfg[16];
        cr_assert(tag_attr(t, end, "data-kpi", kpi, sizeof kpi) && tag_attr(t, end, "data-config", cfg, sizeof cfg));
        size_t c = (size_t)atoi(cfg);
        const cJSON *st = summary_stat(sum, c, "all", kpi, 0);
        cr_assert(st != NULL, "no %s for configuration %zu in summary.json", kpi, c);
        const cJSON *unit = at(st, "unit");
        int share = cJSON_IsString(unit) && strcmp(unit->valuestring, "share") == 0;
        double mean = num_at(st, "mean"), ci = num_at(st, "ci95");
        cr_assert(same_number(attr_num(t, end, "data-mean"), mean), "%s[%zu] mean", kpi, c);
        cr_assert(same_number(attr_num(t, end, "data-ci95"), ci), "%s[%zu] ci95", kpi, c);
        const char *big = strstr(end, "<div class=\"big\">");
        cr_assert(big != NULL);
        int dec;
        double shown = shown_number(big, 200, &dec);
        shown_matches(shown, dec, (share ? 100 : 1) * mean, kpi); /* shares are shown in % */
        const char *next_cell = strstr(end, "</td>");
        const char *dend, *dtag = next_tag(end, "<div class=\"diff\" data-significant", &dend);
        if (c == 0) {
            cr_assert(dtag == NULL || dtag > next_cell, "a difference on the baseline");
        } else {
            cr_assert(dtag != NULL && dtag < next_cell, "%s[%zu]: no paired difference", kpi, c);
            const cJSON *df = summary_stat(sum, c, "all", kpi, 1);
            cr_assert(df != NULL);
            cr_assert(same_number(attr_num(dtag, dend, "data-diff-mean"), num_at(df, "mean")));
            cr_assert(same_number(attr_num(dtag, dend, "data-diff-ci95"), num_at(df, "ci95")));
            char sig[8], tone[16];
            cr_assert(tag_attr(dtag, dend, "data-significant", sig, sizeof sig));
            cr_assert(eq(int, strcmp(sig, "true") == 0, cJSON_IsTrue(at(df, "significant"))));
            shown = shown_number(dend + 1, 200, &dec);
            shown_matches(shown, dec, (share ? 100 : 1) * num_at(df, "mean"), "difference");
            const char *want = expected_tone(kpi, df, mean_of_baseline(sum, kpi), share);
            cr_assert(tag_attr(dtag, dend, "data-verdict", tone, sizeof tone));
            cr_assert(eq(str, tone, (char *)want), "%s[%zu]: verdict %s, expected %s", kpi, c, tone, want);
            char badge[40];
            snprintf(badge, sizeof badge, "badge %s\"", want);
            const char *bp = strstr(dend, badge);
            cr_assert(bp != NULL && bp < next_cell, "%s[%zu]: the badge is not %s", kpi, c, want);
            *toned += strcmp(want, "better") == 0 || strcmp(want, "worse") == 0;
        }
        cells++;
    }
    cr_assert(eq(sz, cells, 5 * n_configs), "headline cells: %zu", cells);
    return cells;
}

/* Every cell of the KPI table: exact numbers equal summary.json's. Returns
 * how many cells there are. */
static size_t check_kpi_cells(const char *html, const cJSON *sum)
{
    size_t cells = 0;
    const char *end;
    for (const char *t = html; (t = next_tag(t, "<td class=\"num", &end)) != NULL; t = end) {
        char kpi[64], group[32], cfg[16], diff[8];
        cr_assert(tag_attr(t, end, "data-kpi", kpi, sizeof kpi) && tag_attr(t, end, "data-group", group, sizeof group) &&
                  tag_attr(t, end, "data-config", cfg, sizeof cfg));
        int is_diff = tag_attr(t, end, "data-diff", diff, sizeof diff);
        const cJSON *st = summary_stat(sum, (size_t)atoi(cfg), group, kpi, is_diff);
        cr_assert(st != NULL, "%s.%s[%s] not in summary.json", kpi, group, cfg);
        cr_assert(same_number(attr_num(t, end, "data-mean"), num_at(st, "mean")), "%s.%s[%s]", kpi, group, cfg);
        cr_assert(same_number(attr_num(t, end, "data-ci95"), num_at(st, "ci95")), "%s.%s[%s]", kpi, group, cfg);
        cells++;
    }
    return cells;
}

/* Every contracted KPI is in the table, and the area classes are. */
static void check_contracted_kpis(const char *html)
{
    static const char *const contracted[] = {
        "cases_total", "response_rate", "resolution_rate", "satisfaction_rate", "mean_response_min",
        "mean_resolution_h", "p50_resolution_h", "p90_resolution_h", "p99_resolution_h",
        "backlog_mean", "backlog_end", "repeat_contact_rate", "duplicate_dispatch_share",
        "utilization_grid", "utilization_community", "utilization_department", "overtime_share",
        "turnover_per_year", "cost_per_year", "cost_per_resolved_case", "equity_gap_resolution", NULL};
    for (size_t i = 0; contracted[i] != NULL; i++) {
        char needle[96];
        snprintf(needle, sizeof needle, "data-kpi=\"%s\" data-group=\"all\"", contracted[i]);
        cr_assert(strstr(html, needle) != NULL, "KPI %s missing from the table", contracted[i]);
    }
    for (size_t i = 0; i < 3; i++) {
        static const char *const classes[] = {"urban", "fringe", "rural"};
        char needle[96];
        snprintf(needle, sizeof needle, "data-kpi=\"resolution_rate\" data-group=\"%s\"", classes[i]);
        cr_assert(strstr(html, needle) != NULL, "no resolution rate for %s", classes[i]);
    }
}

static void check_png(const char *path)
{
    size_t len = 0;
    unsigned char *b = (unsigned char *)slurp(path, &len);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    cr_assert(b != NULL, "no screenshot %s", path);
    cr_assert(len > 33 && memcmp(b, sig, 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0, "not a PNG");
    cr_assert(be32(b + 16) == 1366 && be32(b + 20) == 768, "screenshot %ux%u", be32(b + 16), be32(b + 20));
    /* A blank page compresses to a few kB; the header, table and rates do not. */
    cr_assert(len > 30000, "screenshot of %zu bytes: blank page?", len);
    free(b);
}

static void check_pdf(const char *path)
{
    size_t len = 0;
    char *b = slurp(path, &len);
    cr_assert(b != NULL, "no PDF %s", path);
    cr_assert(len > 50000 && memcmp(b, "%PDF-", 5) == 0, "not a PDF (%zu bytes)", len);
    int eof = 0;
    for (size_t i = len > 1024 ? len - 1024 : 0; i + 5 <= len && !eof; i++)
        eof = memcmp(b + i, "%%EOF", 5) == 0;
    cr_assert(eof, "PDF without %%%%EOF: cut short?");
    /* Counted in the raw bytes: Chromium writes page objects uncompressed. */
    size_t pages = 0, trees = 0, a4 = 0;
    for (size_t i = 0; i + 16 < len; i++) {
        if (memcmp(b + i, "/Type /Page", 11) == 0)
            *(b[i + 11] == 's' ? &trees : &pages) += 1;
        if (memcmp(b + i, "/MediaBox [0 0 59", 17) == 0)
            a4++;
    }
    cr_assert(pages >= 3, "the PDF has %zu pages", pages);
    cr_assert(a4 >= pages, "pages are not A4 (210 mm = 595 pt wide)");
    free(b);
}

/* Requests the page itself made carry its (opaque) origin as initiator; the
 * browser's own background requests say "not an origin". */
static void check_netlog(const char *path)
{
    char *log = slurp(path, NULL);
    cr_assert(log != NULL && strstr(log, "\"constants\"") != NULL, "no network log from Chromium");
    for (const char *p = strstr(log, "\"initiator\":"); p != NULL; p = strstr(p + 1, "\"initiator\":"))
        cr_assert(strncmp(p + 12, "\"not an origin\"", 15) == 0, "the page made a request: %.200s", p);
    free(log);
}

/* Where the headline sits on a 1366x768 projector: a copy of the page with a
 * measuring script (the page itself has none) rendered by headless Chromium
 * 1366 px wide, which writes the boxes (page coordinates) into the DOM it dumps. */
static void check_first_screen(const char *chrome, const char *d, const char *html)
{
    static const char probe[] =
        "<script>addEventListener('load',function(){"
        "var r=function(s){var e=document.querySelector(s);if(!e)return null;var b=e.getBoundingClientRect();"
        "return [Math.round(b.top+scrollY),Math.round(b.bottom+scrollY),Math.round(b.left),Math.round(b.right)]};"
        "document.body.setAttribute('data-probe',JSON.stringify({verdict:r('.verdict'),rates:r('table.rates'),"
        "width:document.documentElement.scrollWidth,vw:innerWidth,vh:innerHeight}))})</script>";
    const char *body_end = strstr(html, "</body>");
    cr_assert(body_end != NULL);
    char *copy = pjoin(d, "probe.html"), *dump = pjoin(d, "dom.html"), *profile = pjoin(d, "profile2");
    size_t head = (size_t)(body_end - html);
    char *text = malloc(strlen(html) + sizeof probe + 1);
    memcpy(text, html, head);
    strcpy(text + head, probe);
    strcat(text, body_end);
    cr_assert(spit(copy, text) == 0);
    free(text);
    char url[512], a_prof[512];
    snprintf(url, sizeof url, "file://%s", copy);
    snprintf(a_prof, sizeof a_prof, "--user-data-dir=%s", profile);
    char *argv[] = {(char *)chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", a_prof, "--window-size=1366,768", "--hide-scrollbars",
                    "--virtual-time-budget=5000", "--dump-dom", url, NULL};
    int st = run_prog(argv, dump, 120);
    char *dom = slurp(dump, NULL);
    cr_assert(st == 0 && dom != NULL, "chromium --dump-dom failed (status %d)", st);
    const char *pr = strstr(dom, "data-probe=\"");
    cr_assert(pr != NULL, "the probe did not run");
    /* the attribute is HTML-escaped JSON: &quot; for quotes */
    int vt, vb, rt, rb, width, vw, vh, dummy;
    const char *v = strstr(pr, "verdict&quot;:["), *t = strstr(pr, "rates&quot;:["), *w = strstr(pr, "width&quot;:"),
               *ww = strstr(pr, "vw&quot;:"), *wh = strstr(pr, "vh&quot;:");
    cr_assert(v != NULL && t != NULL && w != NULL && ww != NULL && wh != NULL, "probe: %.300s", pr);
    cr_assert(eq(int, sscanf(v + 15, "%d,%d,%d", &vt, &vb, &dummy), 3));
    cr_assert(eq(int, sscanf(t + 13, "%d,%d,%d", &rt, &rb, &dummy), 3));
    cr_assert(sscanf(w + 12, "%d", &width) == 1 && sscanf(ww + 9, "%d", &vw) == 1 && sscanf(wh + 9, "%d", &vh) == 1);
    /* Headless --dump-dom gives a shorter viewport than the window (625 of 768
     * px); the boxes are in page coordinates, which do not depend on its height. */
    cr_assert(vw == 1366 && vh > 0, "viewport %dx%d", vw, vh);
    /* the verdict and every headline number on the first screen, nothing wider than it */
    cr_assert(vt >= 0 && vt < 300, "the verdict starts at %d px", vt);
    cr_assert(rb <= 768, "the headline numbers end at %d px, below the first screen", rb);
    cr_assert(width <= 1366, "the page is %d px wide: it scrolls sideways", width);
    free(dom);
    free(copy), free(dump), free(profile);
}

Test(report, chromium_renders_a_comparison, .timeout = 300)
{
    char *chrome = find_chromium();
    cr_assert(chrome != NULL,
              "chromium not found in PATH (nor $GOVSIM_CHROMIUM): the report test renders the page in "
              "headless Chromium; install it with tools/ensure-deps.sh report (make test does)");
    char *d = tmpdir_new(), *a, *b, *c;
    write_governance(d, &a, &b, &c);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"compare", a, b, c, "--reps", "3", "--seed", "7", "--out", "o", "--report", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *o = pjoin(d, "o"), *page = pjoin(o, "report.html"), *plots = pjoin(o, "plots");
    char *html = slurp(page, NULL);
    cr_assert(html != NULL);

    /* Self-contained: nothing that loads or runs. */
    const char *bad = external_reference(html);
    cr_assert(bad == NULL, "report.html holds %s", bad);
    cr_assert(eq(int, count_files_containing(d, ".tmp-"), 0));

    /* Every figure drawn is inline, once, with its own ids. */
    int svgs = count_files_containing(plots, ".svg");
    cr_assert(svgs >= 8, "%d SVG files", svgs);
    cr_assert(eq(sz, count_of(html, "<svg "), (size_t)svgs));
    cr_assert(eq(sz, count_of(html, "</svg>"), (size_t)svgs));
    cr_assert(strstr(html, "Gnuplot</title>") == NULL && strstr(html, "<?xml") == NULL);
    ids_unique(html);

    /* The answer first: headline (verdict, numbers), figures (the differences
     * first), then what was compared (the routing rule, by its schema label),
     * every KPI, and the run's details last. */
    const char *h = strstr(html, "id=\"headline\""), *fg = strstr(html, "id=\"figures\""),
               *q = strstr(html, "id=\"compared\""), *k = strstr(html, "id=\"kpis\""),
               *ab = strstr(html, "id=\"about\"");
    cr_assert(h != NULL && fg != NULL && q != NULL && k != NULL && ab != NULL);
    cr_assert(h < fg && fg < q && q < k && k < ab, "sections out of order");
    const char *verdict = strstr(h, "<div class=\"verdict\"");
    cr_assert(verdict != NULL && verdict < strstr(h, "<table class=\"rates\">"), "no verdict above the numbers");
    const char *forest = strstr(fg, "<figure id=\"fig-");
    cr_assert(forest != NULL && strncmp(forest, "<figure id=\"fig-differences\"", strlen("<figure id=\"fig-differences\"")) == 0,
              "the paired differences are not the first figure");
    const char *seed = strstr(html, "<dt>Seed</dt>");
    cr_assert(seed != NULL && seed > ab, "the run's details are not at the end");
    const char *rule = strstr(q, "<code class=\"path\">routing.rule</code>");
    cr_assert(rule != NULL && rule < k, "routing.rule not among the differences");
    cr_assert(strstr(q, "<th>Routing rule<code") != NULL, "the schema's label is not used");
    cr_assert(strstr(q, "<div class=\"scroll\">") == NULL || strstr(q, "<div class=\"scroll\">") > k,
              "the settings scroll sideways instead of wrapping");
    cr_assert(strstr(q, "layered") != NULL && strstr(q, "whistle") != NULL && strstr(q, "hotline") != NULL);
    cr_assert(strstr(q, "horizon") == NULL || strstr(q, "horizon") > k, "an inherited field shown as a difference");
    cr_assert(strstr(html, "吹哨报到 Whistle") != NULL && strstr(html, "departments report in") != NULL);

    /* The numbers are summary.json's. */
    cJSON *sum = load_json(o, "summary.json");
    size_t toned = 0;
    check_headline(html, sum, 3, &toned);
    cr_assert(toned > 0, "no difference in the headline is called better or worse");
    size_t cells = check_kpi_cells(html, sum);
    cr_assert(cells > 200, "KPI table has %zu cells", cells);
    check_contracted_kpis(html);

    /* One render: screenshot at projector size, A4 PDF, network log. */
    char *shot = pjoin(d, "shot.png"), *pdf = pjoin(d, "page.pdf"), *net = pjoin(d, "net.json"),
         *profile = pjoin(d, "profile"), *clog = pjoin(d, "chromium.log");
    char a_shot[512], a_pdf[512], a_net[512], a_prof[512], url[512];
    snprintf(a_shot, sizeof a_shot, "--screenshot=%s", shot);
    snprintf(a_pdf, sizeof a_pdf, "--print-to-pdf=%s", pdf);
    snprintf(a_net, sizeof a_net, "--log-net-log=%s", net);
    snprintf(a_prof, sizeof a_prof, "--user-data-dir=%s", profile);
    snprintf(url, sizeof url, "file://%s", page);
    char *argv[] = {chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", a_prof, "--window-size=1366,768", "--hide-scrollbars",
                    "--no-pdf-header-footer", a_shot, a_pdf, a_net, url, NULL};
    int st = run_prog(argv, clog, 120);
    char *clog_text = slurp(clog, NULL);
    cr_assert(st == 0, "chromium failed (status %d): %s", st, clog_text != NULL ? clog_text : "");
    free(clog_text);
    check_png(shot);
    check_pdf(pdf);
    check_netlog(net);
    check_first_screen(chrome, d, html);

    cJSON_Delete(sum);
    run_free(&r);
    free(html);
    free(shot), free(pdf), free(net), free(profile), free(clog);
    free(o), free(page), free(plots), free(a), free(b), free(c), free(chrome);
    rm_rf(d);
    free(d);
}

/* The whole page in Chinese, with the model's Chinese labels; names as written. */
Test(report, chinese_page)
{
    char *d = tmpdir_new(), *a, *b, *c;
    write_governance(d, &a, &b, &c);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"compare", a, b, "--reps", "2", "--out", "o", "--report", "--lang", "zh", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *page = pjoin(d, "o/report.html");
    char *html = slurp(page, NULL);
    cr_assert(html != NULL);
    static const char *const want[] = {"<html lang=\"zh-CN\">", "对比内容", "核心结果", "结论", "图表", "与基准情景的差值",
                                       "全部指标", "响应率", "解决率", "满意率", "城市地区", "城乡结合部",
                                       "农村地区", "派单规则", "复现命令", "随机种子", "分层上报 Layered reporting",
                                       "吹哨报到 Whistle", "积压案件数随时间变化", NULL};
    for (size_t i = 0; want[i] != NULL; i++)
        cr_assert(strstr(html, want[i]) != NULL, "no \"%s\" in the Chinese page", want[i]);
    static const char *const english[] = {"What was compared", "All KPIs", "Figures", "not significant",
                                          "response rate", "Open cases over time", NULL};
    for (size_t i = 0; english[i] != NULL; i++)
        cr_assert(strstr(html, english[i]) == NULL, "\"%s\" left in English", english[i]);
    cr_assert(external_reference(html) == NULL);
    free(html);
    free(page);
    run_free(&r);
    free(a), free(b), free(c);
    rm_rf(d);
    free(d);
}

/* Scenario text is text: markup in names and descriptions is escaped. */
Test(report, hostile_scenario_text_is_escaped)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "<script>alert(1)</script> & \\\"q\\\" 'x'", 9, 1, 11, 150, 0,
                        "\"description\": \"\\\"><img src=x onerror=alert(2)> <style>body{}</style> </svg>\"");
    char *b = write_mmc(d, "b.json", "B <b>bold</b>", 9, 1, 12, 150, 0, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"compare", a, b, "--reps", "2", "--out", "o", "--report", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *page = pjoin(d, "o/report.html");
    char *html = slurp(page, NULL);
    cr_assert(html != NULL);
    /* (The escaped text itself says src=, so the URL scan would object; tags are what matter.) */
    cr_assert(strstr(html, "<script") == NULL && strstr(html, "<img") == NULL && strstr(html, "<b>") == NULL && strstr(html, "onerror=") != NULL);
    cr_assert(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;x&#39;") != NULL);
    cr_assert(strstr(html, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") != NULL);
    cr_assert(eq(sz, count_of(html, "<style>"), 1));
    cr_assert(eq(sz, count_of(html, "<svg "), count_of(html, "</svg>")));
    /* The two servers counts are the difference, read from the files. */
    cr_assert(strstr(html, "<code class=\"path\">servers</code>") != NULL ||
              strstr(html, "<th>servers") != NULL);
    free(html);
    free(page);
    run_free(&r);
    free(a), free(b);
    rm_rf(d);
    free(d);
}

/* A sweep's page: the swept field and its values, the target's answer, the
 * sweep curves, one row per value. */
Test(report, sweep_page)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "hall", 9, 1, 11, 150, 0, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"sweep", s, "--param", "servers", "--values", "10,11,12,14",
                                      "--target", "mean_wait_min<=15", "--reps", "3", "--out", "o", "--report", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    char *o = pjoin(d, "o"), *page = pjoin(o, "report.html"), *plots = pjoin(o, "plots");
    char *html = slurp(page, NULL);
    cr_assert(html != NULL);
    cJSON *sum = load_json(o, "summary.json");
    cr_assert(strstr(html, "10, 11, 12, 14") != NULL);
    cr_assert(strstr(html, "<code>mean_wait_min&lt;=15</code>") != NULL);
    int met = cJSON_IsTrue(at(sum, "target.met"));
    cr_assert(strstr(html, met ? "<p class=\"answer\">" : "<p class=\"answer no\">") != NULL);
    if (met) {
        char v[64];
        snprintf(v, sizeof v, "<b>%g</b>", num_at(sum, "target.value"));
        cr_assert(strstr(html, v) != NULL, "answer %s not shown", v);
    }
    int svgs = count_files_containing(plots, ".svg");
    cr_assert(svgs >= 3 && count_of(html, "<svg ") == (size_t)svgs, "%d SVG files", svgs);
    cr_assert(strstr(html, "id=\"fig-sweep_mean_wait_min\"") != NULL);
    cr_assert(eq(sz, count_of(html, "<td class=\"rate\""), 3 * 4));
    cr_assert(strstr(html, "data-diff") == NULL, "a sweep has no paired differences");
    cr_assert(check_kpi_cells(html, sum) >= 8 * 4, "KPI table too small"); /* 8 KPIs x 4 values */
    cJSON_Delete(sum);
    free(html);
    free(o), free(page), free(plots), free(s);
    run_free(&r);
    rm_rf(d);
    free(d);
}

/* Without gnuplot the page is still written, says why the figures are missing,
 * and the run fails (status 1) as with --plot. */
Test(report, without_gnuplot)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "nognuplot", 9, 1, 11, 100, 0, NULL);
    run_result r;
    gov(&r, d, (const char *[]){"GOVSIM_GNUPLOT=/nonexistent/gnuplot", END},
        (const char *[]){"run", s, "--reps", "2", "--out", "o", "--report", "--quiet", END});
    cr_assert(eq(int, r.status, 1), "%s", r.err);
    cr_assert(strstr(r.err, "gnuplot") != NULL);
    char *page = pjoin(d, "o/report.html");
    char *html = slurp(page, NULL);
    cr_assert(html != NULL, "no report.html without gnuplot");
    cr_assert(strstr(html, "<svg") == NULL && strstr(html, "class=\"warn\"") != NULL);
    cr_assert(strstr(html, "<td class=\"rate\"") != NULL);
    free(html);
    free(page);
    free(s);
    run_free(&r);
    rm_rf(d);
    free(d);
}
