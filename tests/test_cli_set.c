/*
 * --set PATH=VALUE on every command: it changes the field as the scenario file
 * would (the same results as a file that says so, byte for byte), in order,
 * several times; a bad path or value is an input error (status 2, nothing
 * written); the swept field wins over a --set of it; a resumed run must have
 * the same --set.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

Test(cli_set, same_bytes_as_the_file_that_says_so)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 10, 300, 20, NULL);
    char *b = write_mmc(d, "b.json", "A", 9, 1, 12, 300, 20, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", a, "--reps", "3", "--set", "servers=11", "--set=servers=12",
                                           "--out", "set", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *const[]){"run", b, "--reps", "3", "--out", "file", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *o1 = pjoin(d, "set/replications.csv"), *o2 = pjoin(d, "file/replications.csv");
    char *t1 = slurp(o1, NULL), *t2 = slurp(o2, NULL);
    cr_assert(t1 != NULL && t2 != NULL);
    cr_expect(eq(str, t1, t2), "--set servers=12 (the last of two) should equal a file with 12 servers");
    free(t1);
    free(t2);
    free(o1);
    free(o2);
    /* The swept field wins: sweeping servers over 12 after --set servers=10. */
    gov(&r, d, NULL, (const char *const[]){"sweep", a, "--param", "servers", "--values", "12", "--reps", "3",
                                           "--set", "servers=10", "--out", "sw", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    cJSON *s = load_json(d, "sw/summary.json"), *f = load_json(d, "file/summary.json");
    cr_expect(eq(dbl, num_at(s, "results.0.kpis.mean_wait_min.mean"), num_at(f, "results.0.kpis.mean_wait_min.mean")));
    cJSON_Delete(s);
    cJSON_Delete(f);
    free(a);
    free(b);
    rm_rf(d);
    free(d);
}

Test(cli_set, bad_settings_exit_2_and_write_nothing)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 10, 300, 20, NULL);
    static const struct {
        const char *set, *message;
    } bad[] = {
        {"servers", "--set 'servers': expected PATH=VALUE"},
        {"=3", "--set '=3': expected PATH=VALUE"},
        {"servers=", "--set 'servers=': expected PATH=VALUE"},
        {"servrs=3", "servrs"},
        {"servers=-1", "servers"},
        {"servers=many", "servers"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (int c = 0; c < 2; c++) {
            run_result r;
            const char *cmds[] = {"run", "check"};
            if (c == 0)
                gov(&r, d, NULL, (const char *const[]){"run", a, "--set", bad[i].set, "--out", "o", END});
            else
                gov(&r, d, NULL, (const char *const[]){"check", a, "--set", bad[i].set, END});
            cr_expect(eq(int, r.status, 2), "%s --set %s: status %d", cmds[c], bad[i].set, r.status);
            cr_expect(strstr(r.err, bad[i].message) != NULL, "%s --set %s: %s", cmds[c], bad[i].set, r.err);
            run_free(&r);
        }
        char *o = pjoin(d, "o");
        int left = file_exists(o);
        cr_expect(left == 0, "--set %s left an output directory", bad[i].set);
        free(o);
    }
    free(a);
    rm_rf(d);
    free(d);
}

Test(cli_set, resume_needs_the_same_settings)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 10, 300, 20, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *const[]){"run", a, "--reps", "2", "--set", "servers=11", "--out", "o", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *const[]){"run", a, "--reps", "2", "--set", "servers=12", "--out", "o", "--resume", END});
    cr_expect(eq(int, r.status, 2), "%s", r.err);
    cr_expect(strstr(r.err, "different experiment") != NULL || strstr(r.err, "--resume continues only") != NULL, "%s",
              r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *const[]){"run", a, "--reps", "2", "--set", "servers=11", "--out", "o", "--resume",
                                           "--quiet", END});
    cr_expect(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    free(a);
    rm_rf(d);
    free(d);
}
