/* "extends": chains, deep merge, null removal, cycles, missing files, and the
 * positions of merged values (each where it was written). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scn_fixture.h"

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static void assert_pos(const scn_doc *doc, const char *path, const char *file, unsigned line,
                       unsigned col)
{
    scn_pos p;
    cr_assert(scn_doc_pos(doc, path, &p, NULL), "no value at %s", path);
    size_t lf = strlen(file), lp = p.file ? strlen(p.file) : 0;
    cr_assert(lp >= lf && strcmp(p.file + lp - lf, file) == 0, "%s: file %s, expected %s", path,
              p.file ? p.file : "(null)", file);
    cr_assert(p.line == line && p.col == col, "%s: at %u:%u, expected %u:%u", path, p.line,
              p.col, line, col);
}

Test(scn_merge, chain_of_three_deep_merges)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/top.json", &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    cr_assert(eq(str, c.name, "top"));                            /* top overrides */
    cr_assert(eq(dbl, c.horizon_h, 30 * 24.0));                   /* from base */
    cr_assert(eq(int, c.rule, T_GRAB));                           /* from mid */
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 14));           /* mid, inside an object */
    cr_assert(eq(int, c.staffing.households_per_grid, 250));      /* base, same object */
    cr_assert(eq(sz, c.ndepartments, 1));                         /* arrays replace */
    cr_assert(eq(str, c.departments[0].name, "只有一个"));
    cr_assert(eq(int, c.departments[0].staff, 7));
    cr_assert(eq(sz, c.nmix, 0));                                 /* null removed it */
    cr_assert(eq(sz, c.ntags, 1));
    cr_assert(eq(str, c.tags[0], "base"));
    cr_assert(eq(dbl, c.response_limit_h, 0.5));                  /* nobody set it: default */
    scn_config_free(&t_schema, &c);
    cr_assert(eq(int, fx_leaks(), 0));
}

Test(scn_merge, merged_values_keep_their_files_positions)
{
    char path[4096];
    fx_path(path, sizeof path, "tests/scenarios/scn_test/top.json");
    sim_err err;
    sim_err_init(&err);
    scn_doc *doc;
    cr_assert(eq(int, scn_doc_load(&t_schema, path, &doc, &err), SIM_OK), "%s",
              sim_err_text(&err));
    assert_pos(doc, "name", "scn_test/top.json", 3, 11);
    assert_pos(doc, "departments[0].name", "scn_test/top.json", 4, 28);
    assert_pos(doc, "horizon", "scn_test/base.json", 3, 14);
    assert_pos(doc, "staffing", "scn_test/mid.json", 5, 15);
    assert_pos(doc, "staffing.community_workers_per_10k", "scn_test/mid.json", 5, 45);
    assert_pos(doc, "staffing.households_per_grid_worker", "scn_test/base.json", 4, 79);
    assert_pos(doc, "rule", "scn_test/mid.json", 6, 11);
    scn_pos r = scn_pos_of(doc, scn_doc_root(doc));
    cr_assert(r.line == 1 && r.col == 1 && strstr(r.file, "top.json") != NULL);
    cr_assert(scn_doc_pos(doc, "extends", NULL, NULL) == false, "extends stays in the tree");
    scn_doc_destroy(doc);
}

Test(scn_merge, problems_in_inherited_values_point_at_the_base)
{
    char dir[64];
    fx_tmpdir(dir, sizeof dir);
    write_file(dir, "base.json", "{\n  \"departments\": [{\"name\": \"a\", \"staff\": -1}]\n}\n");
    write_file(dir, "child.json", "{\"extends\": \"base.json\",\n \"horizon\": \"1x\"}\n");
    char path[128];
    snprintf(path, sizeof path, "%s/child.json", dir);
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_load_config(&t_schema, path, &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "base.json:2:42: departments[0].staff: -1 is out of range");
    assert_has(&err, "child.json:2:13: horizon: malformed duration");
    cr_assert(eq(u32, err.lines, 2), "%s", sim_err_text(&err));
    unlink(path);
    snprintf(path, sizeof path, "%s/base.json", dir);
    unlink(path);
    rmdir(dir);
}

Test(scn_merge, extends_is_relative_to_the_extending_file)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/sub/child.json", &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    cr_assert(c.overtime);
    cr_assert(eq(str, c.name, "base"));
    cr_assert(eq(sz, c.ndepartments, 2));
    scn_config_free(&t_schema, &c);
}

Test(scn_merge, range_error_in_the_extending_file)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/bad_child.json", &c, &err),
                 SIM_ERR_INPUT));
    assert_has(&err, "bad_child.json:3:45: staffing.community_workers_per_10k: -5 is out of range; "
                     "allowed: from 0 to 200 workers per 10,000 residents");
    cr_assert(eq(u32, err.lines, 1), "%s", sim_err_text(&err));
}

Test(scn_merge, null_with_nothing_to_remove_is_reported)
{
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, fx_load("tests/scenarios/scn_test/null_nothing.json", &c, &err),
                 SIM_ERR_INPUT));
    assert_has(&err, "null_nothing.json:1:37: weights: null is not a value");
}

Test(scn_merge, null_inside_a_merged_object_removes_one_key)
{
    char dir[64];
    fx_tmpdir(dir, sizeof dir);
    write_file(dir, "b.json", "{\"departments\": [{\"name\": \"x\"}],"
                              " \"staffing\": {\"community_workers_per_10k\": 40,"
                              " \"households_per_grid_worker\": 100},"
                              " \"category_mix\": {\"a\": 0.5, \"b\": 0.5}}");
    write_file(dir, "a.json", "{\"extends\": \"b.json\","
                              " \"staffing\": {\"community_workers_per_10k\": null},"
                              " \"category_mix\": {\"b\": null, \"a\": 0.25, \"c\": 0.75}}");
    char path[128];
    snprintf(path, sizeof path, "%s/a.json", dir);
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_load_config(&t_schema, path, &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    cr_assert(eq(dbl, c.staffing.workers_per_10k, 12)); /* back to the default */
    cr_assert(eq(int, c.staffing.households_per_grid, 100));
    cr_assert(eq(sz, c.nmix, 2));
    double a = -1, cc = -1;
    for (size_t i = 0; i < c.nmix; i++) {
        if (strcmp(c.mix[i].name, "a") == 0)
            a = c.mix[i].value;
        if (strcmp(c.mix[i].name, "c") == 0)
            cc = c.mix[i].value;
    }
    cr_assert(eq(dbl, a, 0.25));
    cr_assert(eq(dbl, cc, 0.75));
    scn_config_free(&t_schema, &c);
    unlink(path);
    snprintf(path, sizeof path, "%s/b.json", dir);
    unlink(path);
    rmdir(dir);
}

Test(scn_merge, missing_base_in_the_middle_of_a_chain)
{
    char dir[64];
    fx_tmpdir(dir, sizeof dir);
    cr_assert(chdir(dir) == 0);
    write_file(".", "a.json", "{\"extends\": \"b.json\"}");
    write_file(".", "b.json", "{\n  \"extends\": \"gone.json\"\n}");
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_load_config(&t_schema, "a.json", &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "b.json:2:14: extends: gone.json: cannot read: no such file (chain: a.json "
                     "-> b.json -> gone.json)");
    cr_assert(eq(u32, err.lines, 1), "%s", sim_err_text(&err));
    unlink("a.json");
    unlink("b.json");
    rmdir(dir);
}

Test(scn_merge, cycle_through_a_different_spelling_of_the_path)
{
    char dir[64];
    fx_tmpdir(dir, sizeof dir);
    cr_assert(chdir(dir) == 0);
    cr_assert(mkdir("d", 0700) == 0);
    write_file(".", "a.json", "{\"extends\": \"d/b.json\"}");
    write_file("d", "b.json", "{\"extends\": \"../a.json\"}");
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_load_config(&t_schema, "./a.json", &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "./d/b.json:1:13: extends: cycle: ./a.json -> ./d/b.json -> ./d/../a.json");
    cr_assert(eq(u32, err.lines, 1), "%s", sim_err_text(&err));
    unlink("a.json");
    unlink("d/b.json");
    rmdir("d");
    rmdir(dir);
}

Test(scn_merge, chain_longer_than_the_limit)
{
    char dir[64];
    fx_tmpdir(dir, sizeof dir);
    cr_assert(chdir(dir) == 0);
    for (int i = 0; i <= SCN_MAX_EXTENDS; i++) {
        char name[32], text[64];
        snprintf(name, sizeof name, "s%d.json", i);
        if (i < SCN_MAX_EXTENDS)
            snprintf(text, sizeof text, "{\"extends\": \"s%d.json\"}", i + 1);
        else
            snprintf(text, sizeof text, "{\"departments\": [{\"name\": \"x\"}]}");
        write_file(".", name, text);
    }
    /* s1 ... s16: sixteen files, the limit, load */
    t_cfg c;
    sim_err err;
    sim_err_init(&err);
    cr_assert(eq(int, scn_load_config(&t_schema, "s1.json", &c, &err), SIM_OK), "%s",
              sim_err_text(&err));
    scn_config_free(&t_schema, &c);
    /* s0 ... s16: seventeen */
    cr_assert(eq(int, scn_load_config(&t_schema, "s0.json", &c, &err), SIM_ERR_INPUT));
    assert_has(&err, "s15.json:1:13: extends: s16.json: extends chain longer than 16 files");
    for (int i = 0; i <= SCN_MAX_EXTENDS; i++) {
        char name[32];
        snprintf(name, sizeof name, "s%d.json", i);
        unlink(name);
    }
    rmdir(dir);
}
