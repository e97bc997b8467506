/*
 * docs/analysis.md's Python example, run as written on a fresh run: the
 * numbers it prints (from results.csv, summary.csv and summary.json through
 * pandas) must equal summary.json's, and the long files must have the
 * documented columns. Needs Debian's python3-pandas (make test installs it).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_util.h"

/* The first ```python block of docs/analysis.md. */
static char *python_example(void)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL);
    char *path = pjoin(src, "docs/analysis.md");
    char *doc = slurp(path, NULL);
    free(path);
    cr_assert(doc != NULL);
    char *start = strstr(doc, "```python\n");
    cr_assert(start != NULL, "docs/analysis.md has no python block");
    start += strlen("```python\n");
    char *end = strstr(start, "\n```");
    cr_assert(end != NULL);
    char *code = strndup(start, (size_t)(end - start) + 1);
    free(doc);
    return code;
}

static double printed(const char *out, const char *label, int which)
{
    const char *p = strstr(out, label);
    cr_assert(p != NULL, "the example did not print '%s': %s", label, out);
    p += strlen(label);
    double v = NAN;
    for (int i = 0; i <= which; i++)
        v = strtod(p, (char **)&p);
    return v;
}

Test(analysis, the_python_example_reads_what_summary_json_says, .timeout = 120)
{
    char *d = tmpdir_new();
    char *s = pjoin(d, "s.json");
    spit(s, "{\"name\": \"analysis\", \"horizon\": \"60d\", \"warmup\": \"10d\", \"timeseries_step\": \"5d\"}");
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", s, "--reps", "3", "--out", "o", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *code = python_example(), *py = pjoin(d, "example.py"), *o = pjoin(d, "o");
    spit(py, code);
    const char *python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    run_program(&r, d, NULL, (const char *const[]){python, py, o, END});
    cr_assert(eq(int, r.status, 0), "the example failed: %s", r.err);
    cJSON *j = load_json(d, "o/summary.json");
    double mean = num_at(j, "results.0.kpis.resolution_rate.mean");
    double ci = num_at(j, "results.0.kpis.resolution_rate.ci95");
    cr_expect(le(dbl, fabs(printed(r.out, "resolution_rate mean", 0) - mean), 1e-12), "%s", r.out);
    cr_expect(le(dbl, fabs(printed(r.out, "resolution_rate summary", 0) - mean), 1e-12), "%s", r.out);
    cr_expect(le(dbl, fabs(printed(r.out, "resolution_rate summary", 1) - ci), 1e-12), "%s", r.out);
    cr_expect(le(dbl, fabs(printed(r.out, "resolution_rate json", 0) - mean), 1e-12), "%s", r.out);
    cr_expect(eq(dbl, printed(r.out, "community workers", 0), num_at(j, "results.0.inputs.staff.community.all")));
    cr_expect(eq(dbl, printed(r.out, "backlog points", 0), 12.0), "60 days in steps of 5: %s", r.out);
    cJSON_Delete(j);
    run_free(&r);
    free(code);
    free(py);
    free(o);
    free(s);
    rm_rf(d);
    free(d);
}
