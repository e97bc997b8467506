/* The shipped scenarios (every .json under scenarios/): every file passes `govsim check`,
 * every governance scenario runs — compressed into a few weeks so the suite
 * stays fast, with its timeline, surges and sinking windows moved inside them —
 * and conserves cases; Chinese names come through unchanged. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_util.h"
#include "gov.h"

#define MAX_FILES 128
#define DAY 24.0

typedef struct file_list {
    char *path[MAX_FILES];
    size_t n;
} file_list;

static void collect(const char *dir, file_list *out)
{
    DIR *d = opendir(dir);
    cr_assert(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = pjoin(dir, e->d_name);
        struct stat st;
        cr_assert(stat(p, &st) == 0);
        size_t len = strlen(e->d_name);
        if (S_ISDIR(st.st_mode)) {
            collect(p, out);
            free(p);
        } else if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0) {
            cr_assert(out->n < MAX_FILES);
            out->path[out->n++] = p;
        } else {
            free(p);
        }
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void shipped(file_list *out)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL);
    char *dir = pjoin(src, "scenarios");
    out->n = 0;
    collect(dir, out);
    free(dir);
    qsort(out->path, out->n, sizeof out->path[0], by_name);
}

static void release(file_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->path[i]);
    l->n = 0;
}

static int is_mmc(const char *path)
{
    char *text = slurp(path, NULL);
    cr_assert(text != NULL);
    int mmc = strstr(text, "\"model\": \"mmc\"") != NULL;
    free(text);
    return mmc;
}

Test(shipped, every_scenario_passes_check)
{
    file_list l;
    shipped(&l);
    /* the eight scenarios and comparisons of scenarios/README.md, with their bases */
    cr_assert(l.n >= 20, "only %zu shipped scenario files", l.n);
    const char *args[MAX_FILES + 2];
    args[0] = "check";
    for (size_t i = 0; i < l.n; i++)
        args[i + 1] = l.path[i];
    args[l.n + 1] = NULL;
    run_result r;
    gov(&r, NULL, NULL, args);
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    cr_assert(eq(str, r.err, ""));
    cr_assert(eq(sz, count_lines(r.out), l.n), "%s", r.out);
    for (size_t i = 0; i < l.n; i++) {
        char want[4200];
        snprintf(want, sizeof want, "%s: ok (", l.path[i]);
        cr_expect(strstr(r.out, want) != NULL, "no \"%s\" in:\n%s", want, r.out);
    }
    run_free(&r);
    release(&l);
}

/* The whole run squeezed into `days`: every scheduled change keeps its place
 * relative to the horizon, so timelines, surges and sinking windows all happen. */
static void compress(gov_config *cfg, double days)
{
    double f = days * DAY / cfg->horizon;
    for (size_t i = 0; i < cfg->n_timeline; i++)
        cfg->timeline[i].at *= f;
    for (size_t i = 0; i < cfg->demand.n_surges; i++) {
        cfg->demand.surges[i].start *= f;
        cfg->demand.surges[i].end *= f;
    }
    for (size_t i = 0; i < cfg->n_sinking; i++) {
        cfg->sinking[i].start *= f;
        cfg->sinking[i].end *= f;
    }
    cfg->horizon = days * DAY;
    cfg->warmup = 2 * DAY;
    if (cfg->timeseries_step > cfg->horizon)
        cfg->timeseries_step = cfg->horizon;
}

static double kpi(const sim_rep_result *r, int group, int k)
{
    return r->metrics[group * GOV_N_KPIS + k];
}

Test(shipped, every_governance_scenario_runs_and_conserves_cases, .timeout = 600)
{
    file_list l;
    shipped(&l);
    size_t ran = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (is_mmc(l.path[i]))
            continue;
        sim_err err;
        sim_err_init(&err);
        gov_config cfg;
        cr_assert(eq(int, gov_config_load(l.path[i], NULL, 0, &cfg, &err), SIM_OK), "%s: %s", l.path[i],
                  sim_err_text(&err));
        compress(&cfg, 20);
        sim_rep_result *res = gov_result_create(&cfg, &err);
        cr_assert(res != NULL, "%s: %s", l.path[i], sim_err_text(&err));
        int rc = gov_run_replication(&cfg, 1, 0, NULL, res, &err);
        cr_assert(eq(int, rc, SIM_OK), "%s: %s", l.path[i], sim_err_text(&err));
        cr_expect(kpi(res, GOV_GROUP_ALL, KPI_CASES_TOTAL) > 0, "%s: no cases", l.path[i]);
        for (int g = 0; g < GOV_N_GROUPS; g++) {
            double total = kpi(res, g, KPI_CASES_TOTAL);
            if (total == 0)
                continue; /* a class the region does not have */
            double closed = kpi(res, g, KPI_CASES_RESOLVED) + kpi(res, g, KPI_CASES_ABANDONED) +
                            kpi(res, g, KPI_CASES_OPEN_END);
            cr_expect(eq(dbl, total, closed), "%s, group %d: %g cases, %g resolved + abandoned + open",
                      l.path[i], g, total, closed);
        }
        gov_result_destroy(res);
        gov_config_free(&cfg);
        ran++;
    }
    cr_assert(ran >= 18, "only %zu governance scenarios ran", ran);
    release(&l);
}

/* Place names are UTF-8 and must reach the configuration, summary.json and the
 * output directory byte for byte. */
Test(shipped, chinese_names_come_through_unchanged)
{
    const char *src = getenv("GOVSIM_SRC");
    cr_assert(src != NULL);
    char *base = pjoin(src, "scenarios/tongzhou_classified/classified.json");
    sim_err err;
    sim_err_init(&err);
    gov_config cfg;
    cr_assert(eq(int, gov_config_load(base, NULL, 0, &cfg, &err), SIM_OK), "%s", sim_err_text(&err));
    cr_expect(eq(str, cfg.name, "classified \xe5\x88\x86\xe7\xb1\xbb\xe6\xb2\xbb\xe7\x90\x86")); /* 分类治理 */
    cr_assert(cfg.region.n_communities > 0);
    cr_expect(eq(str, cfg.region.communities[0].name,
                 "\xe4\xba\x91\xe6\x99\xaf\xe9\x87\x8c\xe7\xa4\xbe\xe5\x8c\xba")); /* 云景里社区 */
    cr_expect(eq(str, cfg.region.communities[0].street,
                 "\xe4\xb9\x9d\xe6\xa3\xb5\xe6\xa0\x91\xe8\xa1\x97\xe9\x81\x93")); /* 九棵树街道 */
    gov_config_free(&cfg);

    /* A short run through the command line with the default output directory. */
    char *d = tmpdir_new();
    char *s = pjoin(d, "short.json");
    char text[4400];
    snprintf(text, sizeof text, "{\"extends\": \"%s\", \"horizon\": \"40d\"}", base);
    cr_assert(spit(s, text) == 0);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *out = pjoin(d, "results/classified \xe5\x88\x86\xe7\xb1\xbb\xe6\xb2\xbb\xe7\x90\x86");
    cJSON *j = load_json(out, "summary.json");
    cr_expect(eq(str, at(j, "scenario")->valuestring, "classified \xe5\x88\x86\xe7\xb1\xbb\xe6\xb2\xbb\xe7\x90\x86"));
    cJSON_Delete(j);
    free(out);
    free(s);
    free(base);
    rm_rf(d);
    free(d);
}
