/*
 * sim_gnuplot.c — running gnuplot with posix_spawnp: no shell, so nothing in a
 * path or a name is ever interpreted; the script is a file argument. Figures
 * reach their names only whole (sim_gnuplot.h).
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np (glibc >= 2.29) */
#include "sim_gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim_mem.h"

extern char **environ;

/* Run `prog -e defs script` in dir and wait. */
static int run(const char *prog, const char *dir, const char *defs, const char *script, sim_err *err)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return sim_err_nomem(err, "starting gnuplot");
    int rc = posix_spawn_file_actions_addchdir_np(&fa, dir);
    /* gnuplot prints nothing on stdout for these scripts; keep ours clean anyway. */
    if (rc == 0)
        rc = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (rc != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return sim_err_add(err, SIM_ERR_RUNTIME, "cannot start %s: %s", prog, strerror(rc));
    }
    char *argv[] = {(char *)prog, "-e", (char *)defs, (char *)script, NULL};
    pid_t pid;
    rc = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return sim_err_add(err, SIM_ERR_INPUT,
                           "cannot run %s: %s; figures not drawn (install gnuplot, e.g. the "
                           "gnuplot-nox package; the scripts are in %s)", prog, strerror(rc), dir);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return sim_err_add(err, SIM_ERR_RUNTIME, "waiting for %s: %s", prog, strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return SIM_OK;
    if (WIFEXITED(status))
        return sim_err_add(err, SIM_ERR_RUNTIME, "%s failed on %s/%s (exit status %d)", prog, dir,
                           script, WEXITSTATUS(status));
    return sim_err_add(err, SIM_ERR_RUNTIME, "%s was killed by signal %d on %s/%s", prog,
                       WTERMSIG(status), dir, script);
}

/* Is the file at fd a whole PNG (signature ... IEND chunk) or SVG (... </svg>)? */
static int complete(int fd, int png)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    if (png) {
        unsigned char head[8], tail[12];
        return st.st_size >= 20 && pread(fd, head, 8, 0) == 8 && memcmp(head, sig, 8) == 0 &&
               pread(fd, tail, 12, st.st_size - 12) == 12 && memcmp(tail, iend, 12) == 0;
    }
    char tail[257];
    off_t from = st.st_size > 256 ? st.st_size - 256 : 0;
    ssize_t n = pread(fd, tail, (size_t)(st.st_size - from), from);
    if (n <= 0)
        return 0;
    tail[n] = '\0';
    return strstr(tail, "</svg>") != NULL;
}

/* Why a figure came out incomplete: the disk is full, or gnuplot did not finish it. */
static int incomplete(const char *prog, const char *dir, const char *final, sim_err *err)
{
    struct statvfs vs;
    if (statvfs(dir, &vs) == 0 && (double)vs.f_bavail * (double)vs.f_frsize < 1024.0 * 1024.0)
        return sim_err_add(err, SIM_ERR_RUNTIME,
                           "cannot write %s/%s: %s (%s's output was cut short; free some space and run "
                           "the command again, or run %s on the script in %s)",
                           dir, final, strerror(ENOSPC), prog, prog, dir);
    return sim_err_add(err, SIM_ERR_RUNTIME, "%s left %s/%s incomplete; the figure was not kept", prog, dir,
                       final);
}

/* Check the temporary file, flush it to disk and rename it to its name; remove it on failure. */
static int keep(const char *prog, const char *dir, const char *tmp, const char *final, int png, int rc,
                sim_err *err)
{
    size_t n = strlen(dir) + strlen(tmp) + strlen(final) + 4;
    char *t = sim_malloc(n), *f = sim_malloc(n);
    if (t == NULL || f == NULL) {
        sim_free(t);
        sim_free(f);
        return rc != SIM_OK ? rc : sim_err_nomem(err, "drawing a figure");
    }
    snprintf(t, n, "%s/%s", dir, tmp);
    snprintf(f, n, "%s/%s", dir, final);
    if (rc == SIM_OK) {
        int fd = open(t, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            rc = sim_err_add(err, SIM_ERR_RUNTIME, "%s wrote no %s", prog, f);
        else if (!complete(fd, png))
            rc = incomplete(prog, dir, final, err);
        else if (fsync(fd) != 0)
            rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot write %s: %s", f, strerror(errno));
        if (fd >= 0)
            close(fd);
        if (rc == SIM_OK && rename(t, f) != 0)
            rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot rename %s to %s: %s", t, f, strerror(errno));
    }
    if (rc != SIM_OK)
        unlink(t);
    sim_free(t);
    sim_free(f);
    return rc;
}

int sim_gnuplot_draw(const char *prog, const char *dir, const char *name, sim_err *err)
{
    /* The temporary names follow sim_out_atomic's pattern (.NAME.tmp-PID-K), so
     * the journal's clean-up removes those a killed run left. */
    char script[512], png[512], svg[512], tpng[560], tsvg[560], defs[1200];
    long pid = (long)getpid();
    snprintf(script, sizeof script, "%s.gp", name);
    snprintf(png, sizeof png, "%s.png", name);
    snprintf(svg, sizeof svg, "%s.svg", name);
    snprintf(tpng, sizeof tpng, ".%s.tmp-%ld-0", png, pid);
    snprintf(tsvg, sizeof tsvg, ".%s.tmp-%ld-0", svg, pid);
    /* Figure names are [a-z0-9_]+ (sim_plot.h): nothing to quote. */
    snprintf(defs, sizeof defs, "govsim_png='%s'; govsim_svg='%s'", tpng, tsvg);
    int rc = run(prog, dir, defs, script, err);
    if (rc == SIM_ERR_INPUT)
        return rc; /* not started: nothing was written */
    rc = keep(prog, dir, tpng, png, 1, rc, err);
    rc = keep(prog, dir, tsvg, svg, 0, rc, err);
    return rc;
}
