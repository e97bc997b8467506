/*
 * The parts of report.html that do not need a browser: HTML escaping, the SVG
 * inliner's rewriting and refusals, the differences between scenario documents,
 * and the shell quoting of the reproducing command.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gov_schema.h"
#include "sim_html.h"
#include "cli_report.h"
#include "scn_diff.h"
#include "sim_mem.h"
#include "util.h"

/* ---- escaping ---- */

static char *escaped(const char *s)
{
    sim_strbuf b;
    sim_sb_init(&b);
    sim_html_text(&b, s);
    cr_assert(b.failed == 0);
    char *out = strdup(b.p != NULL ? b.p : "");
    sim_sb_free(&b);
    return out;
}

Test(report_parts, html_text_escapes_markup_controls_and_bad_utf8)
{
    char *e = escaped("<a href=\"x\">'&'</a>");
    cr_assert(eq(str, e, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"));
    free(e);
    e = escaped("tab\tnl\nbell\x07" "del\x7F");
    cr_assert(eq(str, e, "tab\tnl\nbell del "));
    free(e);
    e = escaped("社区 ✓ \xC3\x28 \xED\xA0\x80 \xF4\x90\x80\x80 end"); /* bad, surrogate, > U+10FFFF */
    cr_assert(eq(str, e, "社区 ✓ \xEF\xBF\xBD( \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                         "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end"));
    free(e);
}

/* ---- the SVG inliner ---- */

static int inline_svg(const char *svg, char **out, sim_err *err)
{
    char *d = tmpdir_new(), *p = pjoin(d, "f.svg");
    cr_assert(spit(p, svg) == 0);
    sim_strbuf b;
    sim_sb_init(&b);
    sim_sb_puts(&b, "");
    int rc = sim_html_svg(&b, p, "f7-", "Title <&>", err);
    *out = strdup(b.p != NULL ? b.p : "");
    sim_sb_free(&b);
    rm_rf(d);
    free(p);
    free(d);
    return rc;
}

static const char gnuplot_like[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
    "<svg \n width=\"1000\" height=\"600\"\n viewBox=\"0 0 1000 600\"\n"
    " xmlns=\"http://www.w3.org/2000/svg\"\n xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n\n"
    "<title>Gnuplot</title>\n<desc>Produced by GNUPLOT 5.4</desc>\n"
    "<!-- a comment -->\n"
    "<g id=\"gnuplot_canvas\">\n<defs>\n"
    "\t<circle id='gpDot' r='0.5'/>\n\t<use xlink:href='#gpDot' id='gpPt6' fill='currentColor'/>\n"
    "\t<filter id='textbox'><feFlood flood-color='#FFFFFF'/></filter>\n</defs>\n"
    "<g filter=\"url(#textbox)\"><text>&lt;b&gt; A &amp; B > C</text></g>\n"
    "</g>\n</svg>\n\n";

Test(report_parts, svg_inliner_rewrites_gnuplot_output)
{
    char *out;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, inline_svg(gnuplot_like, &out, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(strncmp(out, "<svg", 4) == 0, "%s", out);
    cr_assert(strstr(out, "xmlns") == NULL && strstr(out, "http") == NULL && strstr(out, "width=") == NULL);
    cr_assert(strstr(out, "viewBox=\"0 0 1000 600\"") != NULL);
    cr_assert(strstr(out, " role=\"img\" aria-label=\"Title &lt;&amp;&gt;\"><title>Title &lt;&amp;&gt;</title>") != NULL);
    cr_assert(strstr(out, "Gnuplot</title>") == NULL && strstr(out, "comment") == NULL);
    cr_assert(strstr(out, "id=\"f7-gnuplot_canvas\"") != NULL && strstr(out, "id='f7-gpDot'") != NULL);
    cr_assert(strstr(out, "xlink:href='#f7-gpDot'") != NULL && strstr(out, "url(#f7-textbox)") != NULL);
    cr_assert(strstr(out, "<text>&lt;b&gt; A &amp; B > C</text>") != NULL);
    size_t len = strlen(out);
    cr_assert(len > 6 && strcmp(out + len - 6, "</svg>") == 0, "%s", out);
    free(out);
}

Test(report_parts, svg_inliner_refuses_what_could_load_or_run)
{
    static const char *const bad[] = {
        "<svg viewBox='0 0 1 1'><script>alert(1)</script></svg>",
        "<svg viewBox='0 0 1 1'><g onload='alert(1)'/></svg>",
        "<svg viewBox='0 0 1 1' onclick='x()'><g/></svg>",
        "<svg viewBox='0 0 1 1'><use href='http://x/y.svg#a'/></svg>",
        "<svg viewBox='0 0 1 1'><use xlink:href='other.svg#a'/></svg>",
        "<svg viewBox='0 0 1 1'><g style='fill:url(http://x/p)'/></svg>",
        "<svg viewBox='0 0 1 1'><g fill='url( \"x.svg#p\")'/></svg>",
        "<svg viewBox='0 0 1 1'><image href='#a'/></svg>",
        "<svg viewBox='0 0 1 1'><foreignObject/></svg>",
        "<svg viewBox='0 0 1 1'><style>@import 'x.css';</style></svg>",
        "<svg viewBox='0 0 1 1'><a href='#x'><g/></a></svg>",
        "<svg viewBox='0 0 1 1'><![CDATA[ x ]]></svg>",
        "<svg viewBox='0 0 1 1'><g fill=red/></svg>",
        "<svg viewBox='0 0 1 1'><g fill='red/></svg>",
        "<svg viewBox='0 0 1 1'><g>",
        "<svg viewBox='0 0 1 1'><svg/></svg>",
        "<svg viewBox='0 0 1 1'/>",
        "no svg at all",
        "<svgx></svgx>",
        NULL,
    };
    for (size_t i = 0; bad[i] != NULL; i++) {
        char *out;
        sim_err err;
        sim_err_init(&err);
        int rc = inline_svg(bad[i], &out, &err);
        cr_assert(eq(int, rc, SIM_ERR_RUNTIME), "accepted: %s", bad[i]);
        cr_assert(eq(str, out, ""), "partial output for %s", bad[i]);
        cr_assert(strstr(sim_err_text(&err), "not inlined") != NULL, "%s", sim_err_text(&err));
        free(out);
    }
    sim_err err;
    sim_err_init(&err);
    sim_strbuf b;
    sim_sb_init(&b);
    cr_assert(eq(int, sim_html_svg(&b, "/nonexistent/x.svg", "f-", "t", &err), SIM_ERR_RUNTIME));
    cr_assert(strstr(sim_err_text(&err), "/nonexistent/x.svg") != NULL);
    sim_sb_free(&b);
}

Test(report_parts, svg_inliner_survives_allocation_failures)
{
    char *d = tmpdir_new(), *p = pjoin(d, "f.svg");
    cr_assert(spit(p, gnuplot_like) == 0);
    int ok = 0;
    for (long k = 0; k < 200 && !ok; k++) {
        sim_err err;
        sim_err_init(&err);
        sim_strbuf b;
        sim_sb_init(&b);
        sim_mem_fail_after(k, 1);
        int rc = sim_html_svg(&b, p, "f-", "t", &err);
        long failed = sim_mem_failures();
        sim_mem_fail_reset();
        if (failed == 0) {
            cr_assert(eq(int, rc, SIM_OK));
            ok = 1;
        } else {
            cr_assert(rc == SIM_ERR_RUNTIME || (rc == SIM_OK && b.failed), "k=%ld rc=%d", k, rc);
        }
        sim_sb_free(&b);
    }
    cr_assert(ok, "never finished without a failure");
    rm_rf(d);
    free(p);
    free(d);
}

/* ---- differences between scenario documents ---- */

typedef struct docs {
    scn_doc *d[3];
    size_t n;
} docs;

static void parse_docs(docs *ds, const char *const *texts)
{
    ds->n = 0;
    for (; texts[ds->n] != NULL; ds->n++) {
        sim_err err;
        sim_err_init(&err);
        char name[16];
        snprintf(name, sizeof name, "s%zu.json", ds->n);
        cr_assert(eq(int, scn_doc_parse(&gov_schema, name, texts[ds->n], strlen(texts[ds->n]), SCN_PARSE_NO_EXTENDS,
                                        &ds->d[ds->n], &err), SIM_OK), "%s", sim_err_text(&err));
    }
}

static void free_docs(docs *ds)
{
    for (size_t i = 0; i < ds->n; i++)
        scn_doc_destroy(ds->d[i]);
}

static scn_diff *diff_of(const char *const *texts, docs *ds)
{
    static const char *const skip[] = {"name", "description", NULL};
    parse_docs(ds, texts);
    scn_diff *d = NULL;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_diff_docs((const scn_doc *const *)ds->d, ds->n, skip, &d, &err), SIM_OK));
    return d;
}

static const scn_diff_row *row(const scn_diff *d, const char *path)
{
    for (size_t r = 0; r < d->n_rows; r++)
        if (strcmp(d->rows[r].path, path) == 0)
            return &d->rows[r];
    return NULL;
}

static void rows_text(const scn_diff *d, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t r = 0; r < d->n_rows && o < size; r++)
        o += (size_t)snprintf(buf + o, size - o, "%s; ", d->rows[r].path);
}

Test(report_parts, diff_uses_schema_defaults_and_compares_durations_in_hours)
{
    docs ds;
    scn_diff *d = diff_of((const char *[]){
        "{\"name\": \"A\", \"horizon\": \"2d\", \"staffing\": {\"community_workers_per_10k\": 18}}",
        "{\"name\": \"B\", \"horizon\": \"48h\", \"routing\": {\"rule\": \"whistle\"}, \"description\": \"x\"}",
        NULL}, &ds);
    char all[512];
    rows_text(d, all, sizeof all);
    /* name and description are skipped; 2d = 48h; 18 is the default of the
     * field B leaves out (docs/scenario.md), so the only difference is the rule. */
    cr_assert(eq(sz, d->n_rows, 1), "rows: %s", all);
    const scn_diff_row *r = row(d, "routing.rule");
    cr_assert(r != NULL, "rows: %s", all);
    cr_assert(eq(int, r->cells[0].kind, SCN_DIFF_DEFAULT));
    cr_assert(eq(str, r->cells[0].text, "layered"));
    cr_assert(eq(int, r->cells[1].kind, SCN_DIFF_VALUE));
    cr_assert(eq(str, r->cells[1].text, "whistle"));
    scn_diff_destroy(d);
    free_docs(&ds);
}

Test(report_parts, diff_matches_list_elements_by_name)
{
    docs ds;
    scn_diff *d = diff_of((const char *[]){
        "{\"departments\": [{\"name\": \"housing\", \"staff\": 3}, {\"name\": \"water\", \"staff\": 2}],"
        " \"demand\": {\"daily\": [1, 2, 3]}}",
        "{\"departments\": [{\"name\": \"water\", \"staff\": 2}, {\"name\": \"housing\", \"staff\": 4},"
        " {\"name\": \"roads\", \"staff\": 1}], \"demand\": {\"daily\": [1, 2, 4]}}",
        "{\"demand\": {\"daily\": [1, 2, 3]}}",
        NULL}, &ds);
    char all[512];
    rows_text(d, all, sizeof all);
    /* The third document leaves the list to the model: one row, the list's length. */
    cr_assert(eq(sz, d->n_rows, 2), "rows: %s", all);
    const scn_diff_row *r = row(d, "departments");
    cr_assert(r != NULL, "rows: %s", all);
    cr_assert(eq(int, r->cells[0].kind, SCN_DIFF_ITEMS));
    cr_assert(eq(str, r->cells[0].text, "2"));
    cr_assert(eq(int, r->cells[1].kind, SCN_DIFF_ITEMS));
    cr_assert(eq(str, r->cells[1].text, "3"));
    cr_assert(eq(int, r->cells[2].kind, SCN_DIFF_UNSET));
    cr_assert(r->cells[2].text == NULL);
    r = row(d, "demand.daily");
    cr_assert(r != NULL);
    cr_assert(eq(str, r->cells[0].text, "1, 2, 3"));
    cr_assert(eq(str, r->cells[1].text, "1, 2, 4"));
    scn_diff_destroy(d);
    free_docs(&ds);

    d = diff_of((const char *[]){
        "{\"departments\": [{\"name\": \"housing\", \"staff\": 3}, {\"name\": \"water\", \"staff\": 2}]}",
        "{\"departments\": [{\"name\": \"water\", \"staff\": 2}, {\"name\": \"housing\", \"staff\": 4},"
        " {\"name\": \"roads\", \"staff\": 1}]}",
        NULL}, &ds);
    rows_text(d, all, sizeof all);
    cr_assert(eq(str, all, "departments.housing.staff; departments.roads; "));
    r = row(d, "departments.roads");
    cr_assert(eq(int, r->cells[0].kind, SCN_DIFF_ABSENT));
    cr_assert(eq(int, r->cells[1].kind, SCN_DIFF_PRESENT));
    r = row(d, "departments.housing.staff");
    cr_assert(eq(str, r->cells[0].text, "3"));
    cr_assert(eq(str, r->cells[1].text, "4"));
    scn_diff_destroy(d);
    free_docs(&ds);
}

Test(report_parts, diff_of_identical_documents_is_empty)
{
    docs ds;
    scn_diff *d = diff_of((const char *[]){"{\"name\": \"A\", \"routing\": {\"rule\": \"layered\"}}",
                                           "{\"name\": \"B\"}", "{\"name\": \"C\", \"horizon\": 365}", NULL},
                          &ds);
    cr_assert(eq(sz, d->n_rows, 0), "first row: %s", d->n_rows ? d->rows[0].path : "");
    scn_diff_destroy(d);
    free_docs(&ds);
}

Test(report_parts, diff_follows_extends)
{
    char *dir = tmpdir_new();
    char *base = pjoin(dir, "base.json"), *a = pjoin(dir, "a.json"), *b = pjoin(dir, "b.json");
    cr_assert(spit(base, "{\"name\": \"base\", \"routing\": {\"rule\": \"whistle\"}, \"horizon\": \"60d\"}") == 0);
    cr_assert(spit(a, "{\"extends\": \"base.json\", \"name\": \"A\"}") == 0);
    cr_assert(spit(b, "{\"name\": \"B\", \"routing\": {\"rule\": \"whistle\"}}") == 0);
    scn_doc *docs2[2];
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_doc_load(&gov_schema, a, &docs2[0], &err), SIM_OK), "%s", sim_err_text(&err));
    cr_assert(eq(int, scn_doc_load(&gov_schema, b, &docs2[1], &err), SIM_OK), "%s", sim_err_text(&err));
    scn_diff *d = NULL;
    cr_assert(eq(int, scn_diff_docs((const scn_doc *const *)docs2, 2, (const char *[]){"name", NULL}, &d, &err), SIM_OK));
    /* A inherits the rule, so only the horizon differs (60 d against the default 365 d). */
    cr_assert(eq(sz, d->n_rows, 1));
    cr_assert(eq(str, d->rows[0].path, "horizon"));
    cr_assert(eq(str, d->rows[0].cells[0].text, "60d"));
    cr_assert(eq(int, d->rows[0].cells[1].kind, SCN_DIFF_DEFAULT));
    cr_assert(eq(str, d->rows[0].cells[1].text, "365 d"));
    scn_diff_destroy(d);
    scn_doc_destroy(docs2[0]);
    scn_doc_destroy(docs2[1]);
    rm_rf(dir);
    free(base), free(a), free(b), free(dir);
}

Test(report_parts, diff_survives_allocation_failures)
{
    docs ds;
    parse_docs(&ds, (const char *[]){
        "{\"departments\": [{\"name\": \"h\", \"staff\": 3}], \"demand\": {\"daily\": [1, 2]}, \"horizon\": 30}",
        "{\"departments\": [{\"name\": \"h\", \"staff\": 4}, {\"name\": \"r\"}], \"routing\": {\"rule\": \"grab\"}}",
        NULL});
    int ok = 0;
    for (long k = 0; k < 500 && !ok; k++) {
        sim_err err;
        sim_err_init(&err);
        scn_diff *d = NULL;
        sim_mem_fail_after(k, 1);
        int rc = scn_diff_docs((const scn_doc *const *)ds.d, ds.n, NULL, &d, &err);
        long failed = sim_mem_failures();
        sim_mem_fail_reset();
        if (failed == 0) {
            cr_assert(eq(int, rc, SIM_OK));
            cr_assert(d != NULL && d->n_rows >= 5);
            ok = 1;
        } else {
            cr_assert(eq(int, rc, SIM_ERR_RUNTIME), "k=%ld", k);
            cr_assert(d == NULL);
        }
        scn_diff_destroy(d);
    }
    cr_assert(ok);
    free_docs(&ds);
}

/* ---- the reproducing command ---- */

/* The quoted line, read by /bin/sh, gives back the same words. */
Test(report_parts, shell_quote_round_trips_through_sh)
{
    char *argv[] = {"./govsim", "compare", "a b.json", "it's.json", "情景.json", "$HOME", "`x`", "\\n",
                    "", "--target", "resolution_rate>=0.95", "a\"b", "--out=r/x", NULL};
    int argc = 13;
    char *line = cli_shell_quote(argc, argv);
    cr_assert(line != NULL);
    const char *start = "./govsim compare 'a b.json' 'it'\\''s.json' 情景.json '$HOME'";
    cr_assert(strncmp(line, start, strlen(start)) == 0, "%s", line);
    /* sh -c 'printf "%s\n" LINE' prints one word per line. */
    char script[2048];
    snprintf(script, sizeof script, "set -- %s; for w in \"$@\"; do printf '[%%s]\\n' \"$w\"; done",
             line);
    char *d = tmpdir_new(), *outp = pjoin(d, "out");
    pid_t pid = fork();
    if (pid == 0) {
        FILE *f = freopen(outp, "w", stdout);
        (void)f;
        execl("/bin/sh", "sh", "-c", script, (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    int exited_ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
    cr_assert(exited_ok);
    char *got = slurp(outp, NULL), want[1024];
    size_t o = 0;
    for (int i = 0; i < argc; i++)
        o += (size_t)snprintf(want + o, sizeof want - o, "[%s]\n", argv[i]);
    cr_assert(eq(str, got, want));
    free(got);
    free(line);
    rm_rf(d);
    free(outp);
    free(d);
}
