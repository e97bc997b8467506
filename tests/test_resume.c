/* Interruption and resume: kills at random moments, partial files, --resume,
 * --force and the refusals that protect an output directory. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_util.h"

static const char *const files[] = {"summary.json", "summary.csv", "results.csv", "replications.csv",
                                   "timeseries.csv", "timeseries_band.csv"};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void sleep_s(double s)
{
    struct timespec t = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&t, &t) != 0)
        ;
}

/* Kill times come from this generator with a fixed seed (SplitMix64). */
static double uniform(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}

static size_t journal_lines(const char *out)
{
    char *p = pjoin(out, ".govsim/journal");
    char *t = slurp(p, NULL);
    size_t n = count_lines(t);
    free(t);
    free(p);
    return n;
}

static void assert_same_files(const char *a, const char *b)
{
    for (size_t i = 0; i < 3; i++) {
        char *pa = pjoin(a, files[i]), *pb = pjoin(b, files[i]);
        size_t la = 0, lb = 0;
        char *ta = slurp(pa, &la), *tb = slurp(pb, &lb);
        cr_assert(ta != NULL && tb != NULL, "missing %s", files[i]);
        cr_assert(la == lb && memcmp(ta, tb, la) == 0, "%s differs from the uninterrupted run", files[i]);
        free(ta);
        free(tb);
        free(pa);
        free(pb);
    }
}

/* What a killed run may leave: complete files only (a temporary name may stay
 * until the next run cleans it). */
static void assert_whole_files(const char *out)
{
    char *p = pjoin(out, "summary.json");
    char *t = slurp(p, NULL);
    if (t != NULL) {
        cJSON *j = cJSON_Parse(t);
        cr_assert(j != NULL, "summary.json is not whole");
        cJSON_Delete(j);
    }
    free(t);
    free(p);
    p = pjoin(out, "replications.csv");
    size_t len = 0;
    t = slurp(p, &len);
    cr_assert(t == NULL || (len > 0 && t[len - 1] == '\n'), "replications.csv is not whole");
    free(t);
    free(p);
}

/* After SIGINT / SIGTERM: a partial summary whose counts match the rows written
 * and the journal. */
static void assert_partial(const char *out, size_t reps)
{
    cJSON *s = load_json(out, "summary.json");
    cr_assert(cJSON_IsTrue(at(s, "partial")));
    double done = 0;
    for (int c = 0; c < 3; c++) {
        char key[64];
        snprintf(key, sizeof key, "results.%d.completed", c);
        double k = num_at(s, key);
        cr_assert(k >= 0 && k <= (double)reps);
        done += k;
    }
    cJSON_Delete(s);
    char *p = pjoin(out, "replications.csv");
    char *t = slurp(p, NULL);
    cr_assert(eq(sz, count_lines(t) - 1, (size_t)done));
    cr_assert(eq(sz, journal_lines(out), (size_t)done));
    free(t);
    free(p);
}

/* Until govsim holds the directory's lock (it installs its signal handlers
 * before it takes it) or has ended: a signal sent during its start-up would
 * meet the default action, which is not what this test is about. Linux's /proc. */
static void wait_started(pid_t pid)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/proc/%ld/fd", (long)pid);
    for (int i = 0; i < 10000; i++) {
        siginfo_t info;
        info.si_pid = 0;
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != 0)
            return; /* it has ended (and is left for wait_exit to reap) */
        DIR *d = opendir(dir);
        for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
            char link[512], target[512];
            snprintf(link, sizeof link, "%s/%s", dir, e->d_name);
            ssize_t n = readlink(link, target, sizeof target - 1);
            if (n > 0) {
                target[n] = '\0';
                if (strstr(target, "/.govsim/lock") != NULL) {
                    closedir(d);
                    return;
                }
            }
        }
        if (d != NULL)
            closedir(d);
        sleep_s(0.001);
    }
}

Test(resume, killed_at_random_moments_then_resumed_gives_the_same_bytes)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "kill test", 9, 1, 11, 10000, 10, NULL);
    const size_t reps = 12, tasks = 3 * reps;
    const char *ref_args[] = {"sweep", s, "--param", "servers", "--values", "10,11,12", "--reps", "12",
                              "--seed", "5", "--out", "ref", "--threads", "2", "--quiet", END};
    double t0 = now_s();
    run_result r;
    gov(&r, d, NULL, ref_args);
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    double full = now_s() - t0;

    /* A moment is drawn as "after k more replications finished, plus a fraction
     * of one": kills land mid-run however loaded the machine is. Some land
     * before the first replication (k = 0), some while files are written. */
    uint64_t rng = 20240611; /* fixed: the same moments every run */
    const int sigs[] = {SIGINT, SIGKILL, SIGTERM, SIGKILL};
    const double per_task = full / (double)tasks * 2; /* two threads */
    int kills = 0, graceful = 0, attempts = 0, status = -1;
    char *log = pjoin(d, "log"), *out = pjoin(d, "k");
    while (status != 0) {
        cr_assert(lt(int, attempts, 40), "no end after %d attempts", attempts);
        size_t before = journal_lines(out);
        /* Resumed runs alternate 1 and 2 threads: the thread count is not part of the experiment. */
        const char *args[] = {"sweep", s, "--param", "servers", "--values", "10,11,12", "--reps", "12",
                              "--seed", "5", "--out", "k", "--threads", attempts % 2 ? "1" : "2",
                              "--quiet", "--resume", END};
        pid_t pid = spawn_govsim(d, args, log);
        cr_assert(gt(int, pid, 0));
        int sig = sigs[attempts % 4];
        wait_started(pid);
        if (attempts < 8) {
            /* Within the first third of the work left, so eight kills fit. */
            size_t target = before + (size_t)(uniform(&rng) * (double)(tasks - before) / 3);
            double extra = uniform(&rng) * per_task;
            int st;
            while (journal_lines(out) < target && waitpid(pid, &st, WNOHANG) == 0)
                sleep_s(0.002);
            if (waitpid(pid, &st, WNOHANG) == 0) {
                sleep_s(extra);
                kill(pid, sig);
            }
        }
        attempts++;
        status = wait_exit(pid);
        size_t after = journal_lines(out);
        assert_whole_files(out);
        /* Nothing finished is lost: the journal only grows. */
        cr_assert(ge(sz, after, before));
        if (status == 0)
            break;
        kills++;
        if (sig == SIGKILL) {
            cr_assert(eq(int, status, 128 + SIGKILL));
        } else {
            cr_assert(eq(int, status, 130), "signal %d: status %d", sig, status);
            assert_partial(out, reps);
            graceful++;
        }
    }
    cr_assert(ge(int, kills, 6), "only %d runs of %d were interrupted", kills, attempts);
    cr_assert(ge(int, graceful, 2));
    char *ref = pjoin(d, "ref");
    assert_same_files(out, ref);
    cr_assert(eq(int, count_files_containing(out, ".tmp-"), 0));
    cr_assert(eq(sz, journal_lines(out), tasks));
    cJSON *sum = load_json(out, "summary.json");
    cr_assert(eq(ptr, cJSON_GetObjectItemCaseSensitive(sum, "partial"), NULL));
    cJSON_Delete(sum);
    free(out);
    free(ref);
    free(log);
    free(s);
    rm_rf(d);
    free(d);
}

static void expect(run_result *r, int status, const char *part)
{
    cr_assert(eq(int, r->status, status), "status %d: %s", r->status, r->err);
    if (part != NULL)
        cr_assert(strstr(r->err, part) != NULL, "expected '%s' in: %s", part, r->err);
    run_free(r);
}

/* A directory holding results is never overwritten by surprise. */
Test(resume, output_directory_rules_and_force)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 11, 500, 10, NULL);
    char *b = write_mmc(d, "b.json", "B", 9, 1, 12, 500, 10, NULL);
    run_result r;
#define RUN(...) gov(&r, d, NULL, (const char *[]){__VA_ARGS__, "--quiet", END})
    RUN("run", a, "--reps", "3", "--out", "o");
    expect(&r, 0, NULL);
    /* The same command again: which flag to use. */
    RUN("run", a, "--reps", "3", "--out", "o");
    expect(&r, 2, "already holds results of this command (3 of 3 replications done); add --resume");
    RUN("run", a, "--reps", "3", "--out", "o", "--resume", "--force");
    expect(&r, 2, "--resume and --force exclude each other");
    /* --resume with everything done rewrites the same files. */
    char *o = pjoin(d, "o"), *sum = pjoin(o, "summary.json");
    char *before = slurp(sum, NULL);
    RUN("run", a, "--reps", "3", "--out", "o", "--resume", "--threads", "1");
    expect(&r, 0, NULL);
    char *again = slurp(sum, NULL);
    cr_assert(eq(str, again, before));
    free(again);
    /* Another scenario, seed or number of replications is another experiment. */
    RUN("run", b, "--reps", "3", "--out", "o");
    expect(&r, 2, "holds the results of a different experiment (scenario[1] differs); add --force");
    RUN("run", a, "--reps", "3", "--seed", "9", "--out", "o", "--resume");
    expect(&r, 2, "(seed: 1 there, 9 here); --resume continues only the same command");
    RUN("run", a, "--reps", "4", "--out", "o");
    expect(&r, 2, "(reps: 3 there, 4 here)");
    again = slurp(sum, NULL);
    cr_assert(eq(str, again, before), "a refused run changed summary.json");
    free(again);
    RUN("run", b, "--reps", "3", "--out", "o", "--force");
    expect(&r, 0, NULL);
    cJSON *j = load_json(o, "summary.json");
    cr_assert(eq(str, cJSON_GetStringValue(at(j, "scenario")), "B"));
    cJSON_Delete(j);
    /* Editing the file a scenario extends changes the experiment too; a
     * comment does not. */
    char *base = pjoin(d, "base.json"), *e = pjoin(d, "e.json");
    spit(base, "{\"name\": \"E\", \"horizon\": \"40d\", \"warmup\": \"5d\"}\n");
    spit(e, "{\"extends\": \"base.json\"}\n");
    RUN("run", e, "--reps", "2", "--out", "oe");
    expect(&r, 0, NULL);
    spit(base, "// a comment\n{\"name\": \"E\", \"horizon\": \"40d\", \"warmup\": \"5d\"}\n");
    RUN("run", e, "--reps", "2", "--out", "oe", "--resume");
    expect(&r, 0, NULL);
    spit(base, "{\"name\": \"E\", \"horizon\": \"41d\", \"warmup\": \"5d\"}\n");
    RUN("run", e, "--reps", "2", "--out", "oe", "--resume");
    expect(&r, 2, "different experiment (scenario[1]: ");
    /* Results without a manifest (another program's, an older govsim's). */
    char *f = pjoin(d, "foreign");
    cr_assert(eq(int, mkdir(f, 0755), 0));
    char *fs = pjoin(f, "summary.json");
    spit(fs, "{}\n");
    RUN("run", a, "--reps", "2", "--out", "foreign");
    expect(&r, 2, "cannot be matched to this command (no .govsim/manifest); add --force");
    RUN("run", a, "--reps", "2", "--out", "foreign", "--force");
    expect(&r, 0, NULL);
    /* --resume on a new directory simply starts (a batch script can always pass it). */
    RUN("run", a, "--reps", "2", "--out", "new", "--resume");
    expect(&r, 0, NULL);
    /* A directory where nothing finished is reused without a flag. */
    RUN("run", a, "--reps", "2", "--out", "new2", "--threads", "1");
    expect(&r, 0, NULL);
    char *n2 = pjoin(d, "new2"), *n2j = pjoin(n2, ".govsim/journal");
    cr_assert(eq(int, truncate(n2j, 0), 0));
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = pjoin(n2, files[i]);
        unlink(p);
        free(p);
    }
    RUN("run", b, "--reps", "2", "--out", "new2");
    expect(&r, 0, NULL);
#undef RUN
    free(n2);
    free(n2j);
    free(fs);
    free(f);
    free(e);
    free(base);
    free(before);
    free(sum);
    free(o);
    free(a);
    free(b);
    rm_rf(d);
    free(d);
}

/* A torn last line (a crash in the middle of a write) is cut off; a damaged
 * line in the middle is reported; a second run cannot use a busy directory. */
Test(resume, journal_damage_and_busy_directory)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 11, 2000, 10, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "4", "--out", "ref", "--quiet", END});
    expect(&r, 0, NULL);
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "4", "--out", "o", "--quiet", END});
    expect(&r, 0, NULL);
    char *o = pjoin(d, "o"), *jp = pjoin(o, ".govsim/journal"), *ref = pjoin(d, "ref");
    size_t len = 0;
    char *journal = slurp(jp, &len);
    /* Keep two records and half of the third, as a crash might. */
    char *third = strchr(strchr(journal, '\n') + 1, '\n') + 1;
    size_t keep = (size_t)(third - journal) + strcspn(third, "\n") / 2;
    FILE *f = fopen(jp, "wb");
    fwrite(journal, 1, keep, f);
    fclose(f);
    char *stale = pjoin(o, ".summary.json.tmp-999999-0");
    spit(stale, "{\"half\": ");
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "4", "--out", "o", "--quiet", "--resume", END});
    expect(&r, 0, NULL);
    assert_same_files(o, ref);
    cr_assert(eq(int, file_exists(stale), 0), "a stale temporary file was left");
    cr_assert(eq(sz, journal_lines(o), 4));
    /* A record altered in the middle. */
    f = fopen(jp, "wb");
    fwrite(journal, 1, (size_t)(third - journal), f);
    fputs("T 1 E 5 M 2 junk\n", f);
    fclose(f);
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "4", "--out", "o", "--quiet", "--resume", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "journal:3: damaged record") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "--force starts over") != NULL, "%s", r.err);
    run_free(&r);
    /* A run in progress holds the directory. */
    char *big = write_mmc(d, "big.json", "big", 9, 1, 11, 1e6, 10, NULL);
    const char *args[] = {"run", big, "--reps", "50", "--threads", "1", "--out", "busy", "--quiet", END};
    pid_t pid = spawn_govsim(d, args, NULL);
    char *busy = pjoin(d, "busy/.govsim/manifest");
    for (int i = 0; i < 5000 && !file_exists(busy); i++)
        sleep_s(0.002);
    gov(&r, d, NULL, (const char *[]){"run", big, "--reps", "50", "--out", "busy", "--quiet", "--resume", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "is in use by another govsim run (process") != NULL, "%s", r.err);
    run_free(&r);
    kill(pid, SIGKILL);
    cr_assert(eq(int, wait_exit(pid), 128 + SIGKILL));
    /* The lock died with its process. */
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "2", "--out", "busy", "--quiet", "--force", END});
    expect(&r, 0, NULL);
    free(busy);
    free(big);
    free(stale);
    free(journal);
    free(ref);
    free(jp);
    free(o);
    free(a);
    rm_rf(d);
    free(d);
}

/* Out of memory at any allocation while a journal is read back and continued:
 * status 1 with one line, and the journal still gives the uninterrupted bytes. */
Test(resume, out_of_memory_while_resuming)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 11, 300, 10, "\"urgent_share\": 0.2");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "6", "--out", "ref", "--quiet", END});
    expect(&r, 0, NULL);
    /* Half the journal, as an interruption leaves it. */
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "6", "--out", "o", "--quiet", END});
    expect(&r, 0, NULL);
    char *o = pjoin(d, "o"), *jp = pjoin(o, ".govsim/journal"), *ref = pjoin(d, "ref");
    size_t len = 0;
    char *journal = slurp(jp, &len);
    const char *p = journal;
    for (int i = 0; i < 3; i++)
        p = strchr(p, '\n') + 1;
    size_t half = (size_t)(p - journal);
    int n_fail = 0, n_ok = 0;
    for (long n = 0; n < 100000 && n_ok == 0; n += n < 40 ? 1 : n / 4) {
        FILE *f = fopen(jp, "wb");
        fwrite(journal, 1, half, f);
        fclose(f);
        char env[64];
        snprintf(env, sizeof env, "GOVSIM_TEST_FAIL_ALLOC=%ld", n);
        gov(&r, d, (const char *[]){env, NULL},
            (const char *[]){"run", a, "--reps", "6", "--out", "o", "--quiet", "--resume", "--threads", "2", END});
        cr_assert(r.status == 0 || r.status == 1, "N=%ld: status %d: %s", n, r.status, r.err);
        if (r.status == 1) {
            n_fail++;
            cr_assert(eq(sz, count_lines(r.err), 1), "N=%ld: %s", n, r.err);
            cr_assert(strstr(r.err, "out of memory") != NULL, "N=%ld: %s", n, r.err);
        } else {
            n_ok++;
        }
        run_free(&r);
        cr_assert(ge(sz, journal_lines(o), 3), "N=%ld: the journal lost records", n);
        cr_assert(eq(int, count_files_containing(o, ".tmp-"), 0), "N=%ld", n);
    }
    cr_assert(n_ok == 1 && n_fail > 30, "%d failures before the first success", n_fail);
    assert_same_files(o, ref);
    cr_assert(eq(sz, journal_lines(o), 6));
    free(journal);
    free(ref);
    free(jp);
    free(o);
    free(a);
    rm_rf(d);
    free(d);
}

/* A trainer's reruns: the default directory belongs to the scenario, so an
 * edited scenario, or the same command again, replaces the results and keeps
 * the earlier ones in previous/; --out DIR still refuses to overwrite; two
 * compared files with the same name get names (and a directory) of their own. */
Test(resume, reruns_into_the_default_directory)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "hall", 9, 1, 11, 300, 10, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "2", "--quiet", END});
    expect(&r, 0, NULL);
    char *dir = pjoin(d, "results/hall"), *prev = pjoin(dir, "previous");
    cJSON *first = load_json(dir, "summary.json");
    /* The same command again: no stall. */
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "2", END});
    expect(&r, 0, "moved to");
    cr_assert(file_exists(prev));
    /* Edited (another server count): the new results, the earlier ones one step back. */
    char *edited = write_mmc(d, "a.json", "hall", 9, 1, 12, 300, 10, NULL);
    gov(&r, d, NULL, (const char *[]){"run", edited, "--reps", "2", "--quiet", END});
    expect(&r, 0, NULL);
    cJSON *now = load_json(dir, "summary.json"), *before = load_json(prev, "summary.json");
    double w0 = num_at(first, "results.0.kpis.mean_wait_min.mean");
    cr_expect(eq(dbl, num_at(before, "results.0.kpis.mean_wait_min.mean"), w0));
    cr_expect(lt(dbl, num_at(now, "results.0.kpis.mean_wait_min.mean"), w0), "12 servers wait less than 11");
    char *pp = pjoin(prev, "previous");
    cr_expect(eq(int, file_exists(pp), 0), "one generation is kept, not a chain");
    /* An explicit --out is not replaced without --force. */
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "2", "--out", "mine", "--quiet", END});
    expect(&r, 0, NULL);
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "3", "--out", "mine", "--quiet", END});
    expect(&r, 2, "different experiment");
    /* Two files with one name. */
    char *b = write_mmc(d, "b.json", "hall", 9, 1, 13, 300, 10, NULL);
    gov(&r, d, NULL, (const char *[]){"compare", a, b, "--reps", "2", "--quiet", END});
    expect(&r, 0, NULL);
    char *cdir = pjoin(d, "results/hall-vs-hall [b.json]");
    cJSON *c = load_json(cdir, "summary.json");
    cr_expect(eq(str, cJSON_GetStringValue(at(c, "scenarios.1")), "hall [b.json]"));
    cJSON_Delete(c);
    cJSON_Delete(first);
    cJSON_Delete(now);
    cJSON_Delete(before);
    free(cdir);
    free(b);
    free(pp);
    free(edited);
    free(prev);
    free(dir);
    free(a);
    rm_rf(d);
    free(d);
}
