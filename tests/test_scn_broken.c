/* The broken-scenario corpus (tests/scenarios/broken): every file is refused
 * with exit status 2 and the message expect.tsv gives for it. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scn_fixture.h"

#define MAX_ROWS 256

typedef struct row {
    char file[128];
    char schema[32];
    char expect[512];
} row;

static size_t read_manifest(row *rows, size_t max)
{
    char path[4096], line[1024];
    fx_path(path, sizeof path, "tests/scenarios/broken/expect.tsv");
    FILE *f = fopen(path, "r");
    cr_assert(f != NULL, "cannot open %s", path);
    size_t n = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *a = strtok(line, "\t"), *b = strtok(NULL, "\t"), *c = strtok(NULL, "");
        cr_assert(a && b && c, "malformed row in expect.tsv: %s", line);
        cr_assert(n < max);
        snprintf(rows[n].file, sizeof rows[n].file, "%s", a);
        snprintf(rows[n].schema, sizeof rows[n].schema, "%s", b);
        snprintf(rows[n].expect, sizeof rows[n].expect, "%s", c);
        n++;
    }
    fclose(f);
    return n;
}

Test(scn_broken, every_file_refused_with_its_message)
{
    static row rows[MAX_ROWS];
    size_t n = read_manifest(rows, MAX_ROWS), checked = 0;
    /* Load by bare name, as a planner in that directory would: messages then
     * name files exactly as the manifest does. (Each test runs in its own
     * process, so changing directory is safe.) */
    char dir[4096];
    fx_path(dir, sizeof dir, "tests/scenarios/broken");
    cr_assert(chdir(dir) == 0, "cannot enter %s", dir);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].schema, "any") != 0 && strcmp(rows[i].schema, "scn_test") != 0)
            continue; /* rows for another model's schema are its tests' business */
        sim_err err;
        sim_err_init(&err);
        t_cfg c;
        int st = scn_load_config(&t_schema, rows[i].file, &c, &err);
        cr_expect(eq(int, st, SIM_ERR_INPUT), "%s: status %d\n%s", rows[i].file, st,
                  sim_err_text(&err));
        cr_expect(strstr(sim_err_text(&err), rows[i].expect) != NULL,
                  "%s: expected \"%s\" in:\n%s", rows[i].file, rows[i].expect,
                  sim_err_text(&err));
        checked++;
    }
    cr_assert(checked > 0);
    cr_assert(eq(int, fx_leaks(), 0));
}

Test(scn_broken, every_file_has_a_row_and_there_are_enough)
{
    static row rows[MAX_ROWS];
    size_t n = read_manifest(rows, MAX_ROWS), files = 0;
    char dir[4096];
    fx_path(dir, sizeof dir, "tests/scenarios/broken");
    DIR *d = opendir(dir);
    cr_assert(d != NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        int found = 0;
        for (size_t i = 0; i < n && !found; i++)
            found = strcmp(rows[i].file, e->d_name) == 0;
        cr_expect(found, "%s has no row in expect.tsv", e->d_name);
        files++;
    }
    closedir(d);
    cr_assert(files >= 40, "only %zu broken scenarios", files);
}
