/*
 * --xlsx: results.xlsx opens with openpyxl (Debian's python3-openpyxl, as a
 * planner's Excel or WPS would open it), its numbers equal summary.json's,
 * shares are formatted as percent, headers are frozen, and --lang zh names the
 * sheets and columns in Chinese.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_util.h"

/* Reads DIR/results.xlsx and DIR/summary.json; prints "checked N" or fails. */
static const char checker[] =
    "import json, math, sys\n"
    "import openpyxl\n"
    "d, lang = sys.argv[1], sys.argv[2]\n"
    "wb = openpyxl.load_workbook(d + '/results.xlsx')\n"
    "j = json.load(open(d + '/summary.json'))\n"
    "names = {'en': ['Headline KPIs', 'Differences', 'Inputs', 'All KPIs'],\n"
    "         'zh': ['主要指标', '差异', '投入', '全部指标']}[lang]\n"
    "assert wb.sheetnames == names, wb.sheetnames\n"
    "for ws in wb.worksheets:\n"
    "    assert ws.freeze_panes is not None and ws.freeze_panes.endswith('2'), (ws.title, ws.freeze_panes)\n"
    "def same(a, b):\n"
    "    if b is None: return a is None\n"
    "    return a is not None and abs(a - b) <= 1e-14 * max(1.0, abs(b))\n"
    "checked = 0\n"
    "# every KPI of every scenario and group, as summary.json has it\n"
    "ws = wb[names[3]]\n"
    "head = [c.value for c in ws[1]]\n"
    "sc, kc, gc, mc, cc, nc = 0, 2, 3, 4, 5, 6\n"
    "rows = {(r[sc], r[kc], r[gc]): r for r in ws.iter_rows(min_row=2, values_only=True)}\n"
    "for res in j['results']:\n"
    "    groups = dict(res['groups']); groups['all'] = res['kpis']\n"
    "    for g, kpis in groups.items():\n"
    "        for k, v in kpis.items():\n"
    "            if v['mean'] is None: continue\n"
    "            r = rows[(res['scenario'], k, g)]\n"
    "            assert same(r[mc], v['mean']) and same(r[cc], v['ci95']) and r[nc] == v['n'], (k, g, r, v)\n"
    "            checked += 1\n"
    "assert len(rows) == checked, (len(rows), checked)\n"
    "# headline sheet: the same numbers, shares shown as percent\n"
    "ws = wb[names[0]]\n"
    "for row in ws.iter_rows(min_row=2):\n"
    "    scen, kpi, unit = row[0].value, row[2].value, row[3].value\n"
    "    res = [x for x in j['results'] if x['scenario'] == scen][0]\n"
    "    assert same(row[4].value, res['kpis'][kpi]['mean']), (scen, kpi)\n"
    "    if unit == 'share': assert '%' in row[4].number_format and '%' in row[5].number_format, row[4].number_format\n"
    "    checked += 1\n"
    "# differences: each scenario minus the first, as summary.json's differences\n"
    "ws = wb[names[1]]\n"
    "diffs = {(r[0], r[3]): r for r in ws.iter_rows(min_row=2, values_only=True)}\n"
    "for dd in j.get('differences', []):\n"
    "    for k, v in dd['kpis'].items():\n"
    "        if v['mean'] is None: continue\n"
    "        r = diffs[(dd['scenario'], k)]\n"
    "        assert same(r[5], v['mean']) and same(r[6], v['ci95']), (k, r, v)\n"
    "        yes = {'en': 'yes', 'zh': '是'}[lang]\n"
    "        assert (r[7] == yes) == v['significant'], (k, r[7], v['significant'])\n"
    "        checked += 1\n"
    "# inputs: the community workers of the first scenario\n"
    "ws = wb[names[2]]\n"
    "inp = {(r[0], r[1]): r for r in ws.iter_rows(min_row=2, values_only=True)}\n"
    "res = j['results'][0]\n"
    "assert inp[(res['scenario'], 'staff.community')][2] == res['inputs']['staff']['community']['all']\n"
    "print('checked', checked)\n";

static void check_book(const char *d, const char *out, const char *lang)
{
    char *py = pjoin(d, "check.py"), *o = pjoin(d, out);
    spit(py, checker);
    const char *python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    run_result r;
    run_program(&r, d, NULL, (const char *const[]){python, py, o, lang, END});
    cr_assert(eq(int, r.status, 0), "the workbook does not match summary.json: %s%s", r.out, r.err);
    cr_assert(strstr(r.out, "checked") != NULL && atoi(strstr(r.out, "checked") + 8) > 100, "%s", r.out);
    run_free(&r);
    free(py);
    free(o);
}

static char *scenario(const char *d, const char *file, const char *name, const char *rule)
{
    char *p = pjoin(d, file);
    char text[512];
    snprintf(text, sizeof text,
             "{\"name\": \"%s\", \"horizon\": \"40d\", \"warmup\": \"5d\", \"region\": {\"generate\": "
             "{\"residents\": 20000}}, \"routing\": {\"rule\": \"%s\"}}\n",
             name, rule);
    spit(p, text);
    return p;
}

Test(xlsx, the_workbook_holds_summary_json_numbers, .timeout = 120)
{
    char *d = tmpdir_new();
    char *a = scenario(d, "a.json", "layered", "layered"), *b = scenario(d, "b.json", "whistle 吹哨", "whistle");
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"compare", a, b, "--reps", "3", "--xlsx", "--out", "en", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    check_book(d, "en", "en");
    gov(&r, d, NULL, (const char *const[]){"compare", a, b, "--reps", "3", "--xlsx", "--lang", "zh", "--out", "zh",
                                           "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    check_book(d, "zh", "zh");
    /* Not an option of check; no file left by a refused command. */
    gov(&r, d, NULL, (const char *const[]){"check", a, "--xlsx", END});
    cr_expect(eq(int, r.status, 2), "%s", r.err);
    run_free(&r);
    free(a);
    free(b);
    rm_rf(d);
    free(d);
}
