/*
 * Regressions of a hostile-input campaign: a valid command that failed, figures
 * left half-written by a full disk, a tampered journal resumed silently, a
 * plots symlink followed, a FIFO that hung `check`, an unreadable scenario that
 * exited 1, and messages that named the wrong field. Each test failed before
 * its fix.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_util.h"

/* Figures under dir/plots that are empty or cut short, and temporary files
 * left anywhere under dir; the first one found is named in why. */
static int broken_figures(const char *dir, char *why, size_t size)
{
    static const char *const figs[] = {"queue", "wait_cdf", "rates", "wait_by_class", "backlog",
                                       "open_department", "resolution_cdf", "resolution_by_class",
                                       "satisfaction_by_class", "resolution_time_by_class", "load_by_role"};
    int bad = 0;
    for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++)
        for (int k = 0; k < 2; k++) {
            char rel[96];
            snprintf(rel, sizeof rel, "plots/%s.%s", figs[i], k ? "svg" : "png");
            char *p = pjoin(dir, rel);
            if (file_exists(p)) {
                char *text = slurp(p, NULL);
                int ok = k == 1 ? text != NULL && strstr(text, "</svg>") != NULL : png_ok(p);
                if (!ok && bad++ == 0)
                    snprintf(why, size, "%s is empty or cut short", p);
                free(text);
            }
            free(p);
        }
    if (count_files_containing(dir, ".tmp-") > 0 && bad++ == 0)
        snprintf(why, size, "a temporary file was left in %s", dir);
    return bad;
}

static void no_broken_figures(const char *dir)
{
    char why[600] = "";
    cr_assert(eq(int, broken_figures(dir, why, sizeof why), 0), "%s", why);
}

/* 1. --reps 1 with --plot: there is no interval, so the figures are drawn
 * without one and say so (before: gnuplot's "x range is invalid", exit 1,
 * 3 of 8 figures). */
Test(hostile, one_replication_draws_every_figure, .timeout = 120)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 11, 300, 20, "\"urgent_share\": 0.25");
    char *b = write_mmc(d, "b.json", "B", 9, 1, 12, 300, 20, "\"urgent_share\": 0.25");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "1", "--plot", "--out", "r1", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    static const char *const figs[] = {"queue", "wait_cdf", "rates", "wait_by_class"};
    char *o = pjoin(d, "r1");
    for (size_t i = 0; i < 4; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "plots/%s.png", figs[i]);
        char *p = pjoin(o, rel);
        cr_assert(png_ok(p), "%s missing", p);
        free(p);
    }
    char *gp = pjoin(o, "plots/rates.gp"), *script = slurp(gp, NULL);
    cr_assert(strstr(script, "one replication: no confidence interval") != NULL, "%s", script);
    cr_assert(strstr(script, "histogram clustered") != NULL, "%s", script);
    free(script);
    free(gp);
    /* With two, the interval is drawn and the caption says what it is. */
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "2", "--plot", "--out", "r2", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    gp = pjoin(d, "r2/plots/rates.gp");
    script = slurp(gp, NULL);
    cr_assert(strstr(script, "(95 % CI)") != NULL && strstr(script, "using 2:3") != NULL, "%s", script);
    free(script);
    free(gp);
    /* compare, and the report. */
    gov(&r, d, NULL, (const char *[]){"compare", a, b, "--reps", "1", "--report", "--out", "c", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *c = pjoin(d, "c"), *rep = pjoin(c, "report.html"), *html = slurp(rep, NULL);
    cr_assert(html != NULL && strstr(html, "<svg") != NULL);
    cr_assert(strstr(html, "could not be drawn") == NULL);
    no_broken_figures(c);
    free(html);
    free(rep);
    free(c);
    free(o);
    free(a);
    free(b);
    rm_rf(d);
    free(d);
}

/* 2a. gnuplot exits 0 after writing an empty PNG and a cut SVG (what it does on
 * a full disk): the figures never reach their names, the run fails (exit 1)
 * and the first line says which figure and why. */
Test(hostile, incomplete_figures_are_not_kept)
{
    char *d = tmpdir_new();
    char *fake = pjoin(d, "fake-gnuplot");
    /* gnuplot -e "govsim_png='...'; govsim_svg='...'" NAME.gp: the definitions
     * are shell syntax too. */
    spit(fake, "#!/bin/sh\neval \"$2\"\n: > \"$govsim_png\"\nprintf '<svg><path d=\"M0 0' > \"$govsim_svg\"\n"
               "exit 0\n");
    chmod(fake, 0755);
    char env[512];
    snprintf(env, sizeof env, "GOVSIM_GNUPLOT=%s", fake);
    char *s = write_mmc(d, "s.json", "S", 9, 1, 11, 100, 0, NULL);
    run_result r;
    gov(&r, d, (const char *[]){env, END}, (const char *[]){"run", s, "--reps", "2", "--report", "--out", "o", END});
    cr_assert(eq(int, r.status, 1), "%s", r.err);
    cr_assert(strncmp(r.err, "govsim: gnuplot", 15) == 0 || strstr(r.err, "fake-gnuplot left") != NULL, "%s", r.err);
    const char *first = strstr(r.err, "govsim: ");
    cr_assert(first == r.err && strstr(r.err, "incomplete") != NULL &&
              strstr(r.err, "incomplete") < strchr(r.err, '\n'), "the first line must be the cause: %s", r.err);
    cr_assert(strstr(r.err, "not inlined") == NULL, "%s", r.err);
    char *o = pjoin(d, "o");
    char *png = pjoin(o, "plots/queue.png"), *svg = pjoin(o, "plots/queue.svg");
    cr_assert(file_exists(png) == 0 && file_exists(svg) == 0, "an incomplete figure reached its name");
    no_broken_figures(o);
    /* The numbers still reach the page, which says the figures are missing. */
    char *rep = pjoin(o, "report.html"), *html = slurp(rep, NULL);
    cr_assert(html != NULL && strstr(html, "could not be drawn") != NULL);
    free(html);
    free(rep);
    free(png);
    free(svg);
    free(o);
    run_free(&r);
    free(s);
    free(fake);
    rm_rf(d);
    free(d);
}

/* 2b. The campaign's reproducer on a real full disk: a 400 KiB tmpfs (root only). */
Test(hostile, full_disk_leaves_no_half_figure, .timeout = 120)
{
    if (geteuid() != 0)
        cr_skip_test("needs root to mount a small tmpfs");
    char *d = tmpdir_new(), *tiny = pjoin(d, "tiny");
    mkdir(tiny, 0755);
    if (mount("tmpfs", tiny, "tmpfs", 0, "size=400k") != 0)
        cr_skip_test("cannot mount a tmpfs here");
    char *src = getenv("GOVSIM_SRC"), *s = pjoin(d, "S.json");
    char text[1024];
    snprintf(text, sizeof text, "{\"name\": \"S\", \"extends\": \"%s/scenarios/default.json\", "
                                "\"horizon\": \"60d\", \"warmup\": \"10d\"}", src);
    spit(s, text);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--report", "--out", "tiny/o", "--quiet", END});
    char *o = pjoin(tiny, "o");
    int status = r.status;
    char *err = strdup(r.err), why[600] = "";
    run_free(&r);
    int bad = broken_figures(o, why, sizeof why);
    umount(tiny);
    cr_assert(eq(int, bad, 0), "%s", why);
    cr_assert(eq(int, status, 1), "%s", err);
    cr_assert(strncmp(err, "govsim: ", 8) == 0 && strstr(err, "No space left on device") != NULL &&
              strstr(err, "No space left on device") < strchr(err, '\n'),
              "the first line must be the cause: %s", err);
    cr_assert(strstr(err, "not inlined") == NULL, "%s", err);
    free(err);
    free(o);
    free(s);
    free(tiny);
    rm_rf(d);
    free(d);
}

/* 3. One hex digit of the journal changed: --resume refuses it (exit 2, with
 * the line) instead of resuming into different results. */
Test(hostile, tampered_journal_is_refused)
{
    char *d = tmpdir_new();
    char *a = write_mmc(d, "a.json", "A", 9, 1, 11, 2000, 10, NULL);
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "3", "--out", "o", "--quiet", END});
    cr_assert(eq(int, r.status, 0), "%s", r.err);
    run_free(&r);
    char *jp = pjoin(d, "o/.govsim/journal"), *sp = pjoin(d, "o/summary.json");
    char *journal = slurp(jp, NULL), *before = slurp(sp, NULL);
    /* The tenth token of line 1 is a KPI's bits: change its last hex digit. */
    char *p = journal;
    for (int t = 0; t < 9; t++)
        p = strchr(p, ' ') + 1;
    char *end = strchr(p, ' ');
    end[-1] = end[-1] == '0' ? '1' : '0';
    spit(jp, journal);
    gov(&r, d, NULL, (const char *[]){"run", a, "--reps", "3", "--out", "o", "--quiet", "--resume", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "journal:1: damaged record") != NULL && strstr(r.err, "checksum") != NULL, "%s", r.err);
    char *after = slurp(sp, NULL);
    cr_assert(eq(str, after, before), "the results were rewritten");
    run_free(&r);
    free(after);
    free(before);
    free(journal);
    free(sp);
    free(jp);
    free(a);
    rm_rf(d);
    free(d);
}

/* 4. A plots folder that is a symbolic link (or a file) is refused: nothing is
 * written through it. */
Test(hostile, plots_symlink_is_refused)
{
    char *d = tmpdir_new();
    char *s = write_mmc(d, "s.json", "S", 9, 1, 11, 100, 0, NULL);
    char *o = pjoin(d, "o"), *elsewhere = pjoin(d, "elsewhere"), *link = pjoin(o, "plots");
    mkdir(o, 0755);
    mkdir(elsewhere, 0755);
    char *victim = pjoin(elsewhere, "rates.png");
    spit(victim, "precious");
    cr_assert(eq(int, symlink("../elsewhere", link), 0));
    run_result r;
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--plot", "--force", "--out", "o", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "is a symbolic link") != NULL, "%s", r.err);
    run_free(&r);
    char *text = slurp(victim, NULL);
    cr_assert(eq(str, text, "precious"));
    free(text);
    cr_assert(eq(int, count_files_containing(elsewhere, ".dat"), 0));
    char *sum = pjoin(o, "summary.json");
    cr_assert(file_exists(sum) == 0, "nothing is written after a refusal");
    /* A plots that is a file. */
    unlink(link);
    spit(link, "a file");
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--plot", "--force", "--out", "o", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "is not a directory") != NULL, "%s", r.err);
    run_free(&r);
    /* The same for the journal's folder. */
    unlink(link);
    char *gs = pjoin(o, ".govsim");
    cr_assert(eq(int, symlink("../elsewhere", gs), 0));
    gov(&r, d, NULL, (const char *[]){"run", s, "--reps", "2", "--force", "--out", "o", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, ".govsim is a symbolic link") != NULL, "%s", r.err);
    cr_assert(eq(int, count_files_containing(elsewhere, "journal"), 0));
    run_free(&r);
    free(gs);
    free(sum);
    free(victim);
    free(link);
    free(elsewhere);
    free(o);
    free(s);
    rm_rf(d);
    free(d);
}

/* 5 and 6. A FIFO is refused without blocking, as a scenario or through
 * "extends"; a file that cannot be read is bad input (2), not a failure (1). */
Test(hostile, fifo_and_unreadable_scenarios, .timeout = 30)
{
    char *d = tmpdir_new();
    char *f = pjoin(d, "f.json"), *e = pjoin(d, "e.json");
    cr_assert(eq(int, mkfifo(f, 0600), 0));
    spit(e, "{\"name\": \"e\", \"extends\": \"f.json\"}");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"check", f, END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "a FIFO (named pipe), not a scenario file") != NULL, "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"check", e, END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "extends: ") != NULL && strstr(r.err, "FIFO") != NULL, "%s", r.err);
    run_free(&r);
    gov(&r, d, NULL, (const char *[]){"check", "/proc/self/mem", END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
    run_free(&r);
    free(f);
    free(e);
    rm_rf(d);
    free(d);
}

/* 7. A horizon shorter than the defaults it clashes with points at the
 * horizon, with what would be valid; the memory refusal reads as a sentence. */
Test(hostile, messages_name_the_field_written)
{
    char *d = tmpdir_new(), *h = pjoin(d, "h.json");
    spit(h, "{\"name\": \"x\", \"horizon\": \"1s\"}");
    run_result r;
    gov(&r, d, NULL, (const char *[]){"check", h, END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
    cr_assert(strstr(r.err, "h.json:1:26: horizon: 1 s leaves no room for the warm-up (30 d)") != NULL, "%s",
              r.err);
    cr_assert(strstr(r.err, "allowed: a horizon longer than 30 d") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "1:1:") == NULL, "%s", r.err);
    run_free(&r);
    spit(h, "{\"name\": \"x\", \"horizon\": \"12h\", \"warmup\": \"1h\"}");
    gov(&r, d, NULL, (const char *[]){"check", h, END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(strstr(r.err, "horizon: 12 h is shorter than the time-series step (1 d, the default of "
                            "timeseries_step)") != NULL, "%s", r.err);
    run_free(&r);
    char *s = pjoin(d, "s.json");
    spit(s, "{\"name\": \"s\", \"horizon\": \"40d\"}");
    gov(&r, d, (const char *[]){"GOVSIM_MEMORY_LIMIT=1M", END}, (const char *[]){"check", s, END});
    cr_assert(eq(int, r.status, 2), "%s", r.err);
    cr_assert(eq(sz, count_lines(r.err), 1), "%s", r.err);
    cr_assert(strstr(r.err, "but govsim may use only 1.0 MiB here: the value of GOVSIM_MEMORY_LIMIT; allowed: a "
                            "smaller scenario") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "3/4 of") == NULL, "%s", r.err);
    run_free(&r);
    free(s);
    free(h);
    rm_rf(d);
    free(d);
}
