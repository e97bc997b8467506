/*
 * sim_gnuplot.c — running gnuplot with posix_spawnp: no shell, so nothing in a
 * path or a name is ever interpreted; the script is a file argument.
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np (glibc >= 2.29) */
#include "sim_gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

int sim_gnuplot_run(const char *prog, const char *dir, const char *script, sim_err *err)
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
    char *argv[] = {(char *)prog, (char *)script, NULL};
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
