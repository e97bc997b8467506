/* Text from a scenario never becomes a command, and output paths are checked
 * before anything runs: a governance scenario whose name and community names are
 * shell and gnuplot injections draws its figures and does nothing else;
 * directories get the umask's permissions; an unusable output location is
 * refused with exit 2 before any replication. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_util.h"

/* Entries under dir (recursively) whose name begins with prefix. */
static int count_named(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
        char *sub = pjoin(dir, e->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            n += count_named(sub, prefix);
        free(sub);
    }
    closedir(d);
    return n;
}

/* s as gnuplot's single-quoted text: quotes doubled, control characters as spaces. */
static char *gp_text(const char *s)
{
    char *out = malloc(2 * strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s == '\'')
            *o++ = '\'';
        *o++ = (unsigned char)*s < 0x20 ? ' ' : *s;
    }
    *o = '\0';
    return out;
}

static const char *const figures[] = {"backlog", "open_department", "resolution_cdf", "rates",
                                      "resolution_by_class", "satisfaction_by_class",
                                      "resolution_time_by_class", "load_by_role"};

Test(safety, hostile_governance_names_only_make_plots, .timeout = 300)
{
    char *d = tmpdir_new(), *canary = pjoin(d, "canary");
    spit(canary, "still here\n");
    /* The name as the scenario file writes it (JSON escapes) and as it is meant. */
    char json_name[512], name[512];
    snprintf(json_name, sizeof json_name,
             "x' \\\"q\\\" `touch PWNED1` system(\\\"touch PWNED2\\\") $(touch PWNED3)\\nline2; rm -rf %s "
             "社区治理 ✓ @@TITLE@@",
             canary);
    snprintf(name, sizeof name,
             "x' \"q\" `touch PWNED1` system(\"touch PWNED2\") $(touch PWNED3)\nline2; rm -rf %s 社区治理 ✓ @@TITLE@@",
             canary);
    char text[4096];
    snprintf(text, sizeof text,
             "{\"name\": \"%s\", \"horizon\": \"10d\", \"warmup\": \"1d\", \"region\": {\"communities\": ["
             "{\"name\": \"a'`touch PWNED4`\\\"; rm -rf %s\", \"residents\": 8000, "
             "\"street\": \"$(touch PWNED5)\", \"district\": \"system(\\\"touch PWNED6\\\")\"}, "
             "{\"name\": \"农光里\\n社区 `touch PWNED7`\", \"residents\": 5000, \"class\": \"rural\"}]}}",
             json_name, canary);
    char *s = pjoin(d, "hostile.json");
    spit(s, text);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--plot", "--out", "o", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    /* The default output directory, named after the scenario, and Chinese figures. */
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--plot", "--lang", "zh", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);

    cr_assert(eq(int, count_named(d, "PWNED"), 0), "a name was run as a command");
    char *still = slurp(canary, NULL);
    cr_assert(still != NULL && strcmp(still, "still here\n") == 0, "the canary was removed");
    free(still);

    char *results = pjoin(d, "results");
    DIR *rd = opendir(results);
    cr_assert(rd != NULL);
    char *outs[2] = {pjoin(d, "o"), NULL};
    for (struct dirent *e; (e = readdir(rd)) != NULL;)
        if (e->d_name[0] != '.') {
            cr_assert(outs[1] == NULL, "one directory under results/");
            cr_assert(strstr(e->d_name, "社区治理 ✓") != NULL && strchr(e->d_name, '\n') == NULL, "%s", e->d_name);
            outs[1] = pjoin(results, e->d_name);
        }
    closedir(rd);
    cr_assert(outs[1] != NULL);
    char *quoted = gp_text(name);
    for (int k = 0; k < 2; k++) {
        cJSON *j = load_json(outs[k], "summary.json");
        cr_assert(eq(str, at(j, "scenario")->valuestring, name), "UTF-8 and newline intact in summary.json");
        cJSON_Delete(j);
        for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
            char rel[80];
            snprintf(rel, sizeof rel, "plots/%s.png", figures[i]);
            char *png = pjoin(outs[k], rel);
            cr_assert(png_ok(png), "%s is not a 1000x600 PNG", png);
            free(png);
        }
        char *gp = pjoin(outs[k], "plots/backlog.gp"), *script = slurp(gp, NULL);
        cr_assert(script != NULL);
        char *want = malloc(strlen(quoted) + 16);
        sprintf(want, "title '%s'", quoted);
        cr_assert(strstr(script, want) != NULL, "name not quoted intact in %s:\n%s", gp, script);
        free(want);
        free(script);
        free(gp);
        free(outs[k]);
    }
    free(quoted);
    free(results);
    free(s);
    free(canary);
    rm_rf(d);
    free(d);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    cr_assert(stat(path, &st) == 0, "%s missing", path);
    return st.st_mode & 07777;
}

/* New directories are 0755 less the umask, files 0644 less the umask. */
Test(safety, output_directories_follow_the_umask)
{
    char *d = tmpdir_new(), *s = write_mmc(d, "s.json", "perm", 9, 1, 11, 50, 0, NULL);
    const mode_t masks[] = {022, 077, 027};
    for (size_t i = 0; i < 3; i++) {
        char out[32];
        snprintf(out, sizeof out, "m%zu/deep/er", i);
        umask(masks[i]);
        run_result r;
        gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--plot", "--out", out, "--quiet", END});
        umask(022);
        cr_assert(eq(int, r.status, 0), "%s", r.err);
        run_free(&r);
        char top[16];
        snprintf(top, sizeof top, "m%zu", i);
        char *paths[] = {pjoin(d, top), pjoin(d, out), NULL, NULL, NULL};
        paths[2] = pjoin(paths[1], "plots");
        paths[3] = pjoin(paths[1], "summary.json");
        paths[4] = pjoin(paths[2], "queue.gp");
        for (size_t k = 0; k < 5; k++) {
            mode_t want = (k < 3 ? 0755 : 0644) & ~masks[i];
            cr_expect(eq(u32, (unsigned)mode_of(paths[k]), (unsigned)want), "%s with umask %03o", paths[k],
                      (unsigned)masks[i]);
            free(paths[k]);
        }
    }
    free(s);
    rm_rf(d);
    free(d);
}

/* Places that cannot hold the results are refused with exit 2 and one line
 * naming them, before any replication: the scenario would otherwise fail its
 * event cap during the run (exit 1). */
Test(safety, unusable_output_refused_before_any_replication)
{
    char *d = tmpdir_new(), *s = pjoin(d, "capped.json");
    spit(s, "{\"name\": \"capped\", \"horizon\": \"30d\", \"warmup\": \"1d\", \"max_events\": 1000, "
            "\"demand\": {\"per_1000_residents_per_day\": 0.01}, \"patrol\": {\"per_day\": 0}}");
    char *file = pjoin(d, "file"), *plots_file = pjoin(d, "p/plots");
    spit(file, "x");
    char *p = pjoin(d, "p");
    mkdir(p, 0755);
    spit(plots_file, "not a directory");
    struct {
        const char *out;
        int plot;
        const char *says;
    } cases[] = {
        {"file", 0, "exists and is not a directory"},
        {"file/sub", 0, "is not a directory"},
        {"p", 1, "p/plots exists and is not a directory"},
        {"/sys/govsim-test-out", 0, "cannot create"}, /* refused even to root */
        {"/sys", 0, "cannot write in it"},
        {"", 0, "empty directory name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r;
        gov(&r, d, NULL,
            (const char *[]){"run", s, "--reps", "2", "--out", cases[i].out, cases[i].plot ? "--plot" : "--quiet",
                             END});
        cr_expect(eq(int, r.status, 2), "--out '%s': %d %s", cases[i].out, r.status, r.err);
        cr_expect(eq(sz, count_lines(r.err), 1), "%s", r.err);
        cr_expect(strstr(r.err, cases[i].says) != NULL, "%s", r.err);
        cr_expect(strstr(r.err, "max_events") == NULL, "no replication ran: %s", r.err);
        run_free(&r);
    }
    cr_assert(eq(int, count_files_containing(d, ""), 4)); /* capped.json, file, p, p/plots */
    free(p);
    free(file);
    free(plots_file);
    free(s);
    rm_rf(d);
    free(d);
}
