/*
 * cli_signal.c — SIGINT and SIGTERM during an experiment (cli_resume.h).
 *
 * The state below is process-wide because signal dispositions are: a handler
 * can reach nothing else. The flag is a lock-free atomic (C11 lets a handler
 * touch those), raised by the handler and read by the runner's threads; the
 * rest is set before the handlers are installed and only read after.
 *
 * Why the replications in progress are finished rather than dropped: a
 * replication cannot be stopped half way without a check in the kernel's event
 * loop, and the work in hand is often most of a replication; finishing keeps it
 * (it goes to the journal like any other). A replication takes seconds (a
 * Beijing-scale year about a minute), and whoever cannot wait presses Ctrl-C
 * again: the process then ends at once, and everything that finished before is
 * already in the journal for --resume.
 */
#include "cli_resume.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static atomic_int stop_flag;
static int quiet_flag; /* set before the handlers are installed, read only by them */
static struct sigaction old_int, old_term;

static void say(const char *s)
{
    if (!quiet_flag) {
        ssize_t k = write(STDERR_FILENO, s, strlen(s));
        (void)k; /* nothing to do if stderr is gone */
    }
}

static void on_signal(int sig)
{
    (void)sig;
    if (atomic_fetch_add(&stop_flag, 1) > 0) {
        say("\ngovsim: stopped at once; finished replications are in the journal (--resume)\n");
        _exit(130);
    }
    say("\ngovsim: stopping: finishing the replications in progress (interrupt again to quit at once)\n");
}

void cli_signals_install(int quiet)
{
    quiet_flag = quiet;
    atomic_store(&stop_flag, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART; /* writes and waits in progress carry on */
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
}

void cli_signals_restore(void)
{
    /* A second call finds the handlers already restored and changes nothing. */
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
}

const atomic_int *cli_stop_flag(void) { return &stop_flag; }
