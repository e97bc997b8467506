/* govsim-mpi under mpirun: the serial program's bytes, errors from any rank,
 * journals shared with the serial program. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_util.h"

#define MAX_ARGS 40

/* mpirun in PATH, or the reason it is needed. */
static void need_mpirun(void)
{
    const char *path = getenv("PATH");
    int found = 0;
    for (const char *p = path != NULL ? path : ""; *p && !found;) {
        size_t n = strcspn(p, ":");
        char buf[4096];
        snprintf(buf, sizeof buf, "%.*s/mpirun", (int)n, p);
        found = access(buf, X_OK) == 0;
        p += n + (p[n] == ':');
    }
    cr_assert(found, "mpirun is not in PATH: the MPI tests need Open MPI (Debian openmpi-bin; "
                     "tools/ensure-deps.sh mpi installs it, `make test` runs it)");
    cr_assert(getenv("GOVSIM_MPI_BIN") != NULL, "GOVSIM_MPI_BIN is not set (make test sets it)");
}

/* mpirun -np 3 govsim-mpi ARGS... */
static void mpi(run_result *r, const char *cwd, const char *const *args)
{
    const char *src = getenv("GOVSIM_SRC");
    char supp[4096];
    snprintf(supp, sizeof supp, "LSAN_OPTIONS=suppressions=%s/tests/lsan-mpi.supp", src ? src : ".");
    /* Full stacks under the sanitizers, so the suppressions see Open MPI's frames. */
    const char *env[] = {supp, "ASAN_OPTIONS=fast_unwind_on_malloc=0", NULL};
    const char *argv[MAX_ARGS] = {"mpirun", "--oversubscribe", "--allow-run-as-root", "-np", "3",
                                  "-x", "LSAN_OPTIONS", "-x", "ASAN_OPTIONS", getenv("GOVSIM_MPI_BIN")};
    size_t n = 10;
    for (size_t i = 0; args[i] != NULL && n < MAX_ARGS - 1; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    run_program(r, cwd, env, argv);
    cr_assert(r->out != NULL && r->err != NULL);
}

static void same_files(const char *dir, const char *a, const char *b)
{
    static const char *const files[] = {"summary.json", "summary.csv", "results.csv", "replications.csv",
                                        "timeseries.csv", "timeseries_band.csv"};
    for (size_t i = 0; i < 3; i++) {
        char *pa = pjoin(dir, a), *pb = pjoin(dir, b);
        char *fa = pjoin(pa, files[i]), *fb = pjoin(pb, files[i]);
        size_t la = 0, lb = 0;
        char *ta = slurp(fa, &la), *tb = slurp(fb, &lb);
        cr_assert(ta != NULL && tb != NULL, "missing %s", fa);
        cr_assert(la == lb && memcmp(ta, tb, la) == 0, "%s/%s and %s/%s differ", a, files[i], b, files[i]);
        free(ta);
        free(tb);
        free(fa);
        free(fb);
        free(pa);
        free(pb);
    }
}

static size_t count(const char *s, const char *part)
{
    size_t n = 0;
    for (const char *p = strstr(s, part); p != NULL; p = strstr(p + 1, part))
        n++;
    return n;
}

Test(mpi, sweep_over_three_ranks_writes_the_serial_bytes)
{
    need_mpirun();
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "mpi sweep", 9, 1, 11, 3000, 10, "\"urgent_share\": 0.2");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"sweep", s, "--param", "servers", "--values", "10,11,12", "--reps", "4",
                                      "--seed", "3", "--out", "serial", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    mpi(&r, d, (const char *[]){"sweep", s, "--param", "servers", "--values", "10,11,12", "--reps", "4",
                                "--seed", "3", "--out", "mpi", "--threads", "1", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    same_files(d, "serial", "mpi");
    /* Only rank 0 prints: one table, one line on how the work was shared. */
    cr_assert(eq(sz, count(r.out, "results: mpi"), 1), "%s", r.out);
    const char *per = strstr(r.err, "replications run per rank:");
    cr_assert(per != NULL, "%s", r.err);
    unsigned long k[3];
    cr_assert(eq(int, sscanf(per, "replications run per rank: %lu %lu %lu", &k[0], &k[1], &k[2]), 3));
    cr_assert(eq(u64, k[0] + k[1] + k[2], 12));
    run_free(&r);
    /* The journal is the same as the serial program's: either continues the other. */
    gov(&r, d, NULL, (const char *[]){"sweep", s, "--param", "servers", "--values", "10,11,12", "--reps", "4",
                                      "--seed", "3", "--out", "mpi", "--resume", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    same_files(d, "serial", "mpi");
    mpi(&r, d, (const char *[]){"sweep", s, "--param", "servers", "--values", "10,11,12", "--reps", "4",
                                "--seed", "3", "--out", "serial", "--resume", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    same_files(d, "serial", "mpi");
    free(s);
    rm_rf(d);
    free(d);
}

Test(mpi, errors_on_any_rank_reach_rank_0_with_the_serial_status)
{
    need_mpirun();
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "e", 9, 1, 11, 200, 10, NULL);
    run_result r;
    /* A bad command line: status 2, said once. */
    mpi(&r, d, (const char *[]){"sweep", s, "--param", "servers", "--values", "10,x", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count(r.err, "'x' is not a number"), 1), "%s", r.err);
    run_free(&r);
    /* --precision grows the experiment in one process only: refused, said once. */
    mpi(&r, d, (const char *[]){"run", s, "--precision", "mean_wait_min=1", "--out", "p", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count(r.err, "--precision runs in one process"), 1), "%s", r.err);
    run_free(&r);
    mpi(&r, d, (const char *[]){"run", s, "--trace", "c.csv", "--out", "p", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count(r.err, "--trace runs in one process"), 1), "%s", r.err);
    run_free(&r);
    /* A refused output directory (checked by rank 0 alone) stops every rank. */
    mpi(&r, d, (const char *[]){"run", s, "--reps", "2", "--out", "s.json", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "exists and is not a directory") != NULL, "%s", r.err);
    run_free(&r);
    /* A replication failing at run time (an event cap every replication hits):
     * status 1 and the serial program's message, that of the lowest replication. */
    char *f = pjoin(d, "f.json");
    spit(f, "{\"name\": \"capped\", \"horizon\": \"20d\", \"warmup\": \"1d\", \"max_events\": 12000}\n");
    gov(&r, d, NULL, (const char *[]){"run", f, "--reps", "5", "--out", "fs", "--quiet", END});
    cr_assert(eq(int, r.status, 1), "%s", r.err);
    char *serial = strdup(r.err);
    run_free(&r);
    mpi(&r, d, (const char *[]){"run", f, "--reps", "5", "--out", "fm", "--quiet", END});
    cr_assert(eq(int, r.status, 1), "%s", r.err);
    size_t n = strcspn(serial, "\n");
    cr_assert(strncmp(serial, "govsim: ", 8) == 0 && n > 8);
    cr_assert(strstr(r.err, serial) != NULL, "serial: %s\nmpi: %s", serial, r.err);
    run_free(&r);
    free(serial);
    free(f);
    free(s);
    rm_rf(d);
    free(d);
}

/* Workers (ranks 1 and 2) running out of memory at some allocation while rank 0
 * is fine: the job ends with status 1 and one clear line, or finishes with the
 * serial bytes when the failing allocation comes after their last one. */
Test(mpi, out_of_memory_on_other_ranks)
{
    need_mpirun();
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "oom", 9, 1, 11, 500, 10, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "9", "--out", "serial", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    const char *src = getenv("GOVSIM_SRC"), *bin = getenv("GOVSIM_MPI_BIN");
    char supp[4096];
    snprintf(supp, sizeof supp, "LSAN_OPTIONS=suppressions=%s/tests/lsan-mpi.supp", src ? src : ".");
    const char *env[] = {supp, "ASAN_OPTIONS=fast_unwind_on_malloc=0", NULL};
    int failed = 0, finished = 0;
    for (long n = 0; n <= 4000 && !finished; n = n < 10 ? n + 5 : n * 2) {
        char fail[64];
        snprintf(fail, sizeof fail, "GOVSIM_TEST_FAIL_ALLOC=%ld", n);
        /* Two application contexts: rank 0 as usual, ranks 1-2 with the fault. */
        const char *argv[] = {"mpirun", "--oversubscribe", "--allow-run-as-root", "-x", "LSAN_OPTIONS",
                              "-x", "ASAN_OPTIONS", "-np", "1", bin, "run", s, "--reps", "9", "--out", "o",
                              "--quiet", "--force", ":", "-np", "2", "-x", fail, bin, "run", s, "--reps", "9",
                              "--out", "o", "--quiet", "--force", NULL};
        run_program(&r, d, env, argv);
        cr_assert(r.status == 0 || r.status == 1, "N=%ld: status %d: %s", n, r.status, r.err);
        if (r.status == 1) {
            failed++;
            cr_assert(eq(sz, count(r.err, "govsim: "), 1), "N=%ld: %s", n, r.err);
            cr_assert(strstr(r.err, "out of memory") != NULL, "N=%ld: %s", n, r.err);
        } else {
            finished = 1;
            same_files(d, "serial", "o");
        }
        run_free(&r);
    }
    cr_assert(finished && failed >= 3, "%d failures, finished: %d", failed, finished);
    free(s);
    rm_rf(d);
    free(d);
}
