/*
 * cli_progress.c — a progress bar with replications done and time left.
 *
 * Drawn at most ten times a second, on one line rewritten with '\r', and only
 * when stderr is a terminal: a log file or a pipe gets no control characters.
 */
#include <unistd.h>

#include "cli_term.h"

#define BAR 30

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

void cli_progress_init(cli_progress *p, FILE *out, int enabled)
{
    p->out = enabled && out != NULL && isatty(fileno(out)) ? out : NULL;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last_draw = -1.0;
    p->drawn = 0;
}

double cli_progress_elapsed(const cli_progress *p) { return since(&p->start); }

static void fmt_time(char *buf, size_t size, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

void cli_progress_update(void *ctx, size_t done, size_t total)
{
    cli_progress *p = ctx;
    if (p->out == NULL || total == 0)
        return;
    double now = since(&p->start);
    if (done < total && now - p->last_draw < 0.1)
        return;
    p->last_draw = now;
    char bar[BAR + 1];
    size_t fill = done * BAR / total;
    for (size_t i = 0; i < BAR; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR] = '\0';
    char left[32] = "--:--";
    if (done > 0)
        fmt_time(left, sizeof left, now / (double)done * (double)(total - done));
    fprintf(p->out, "\r[%s] %zu/%zu replications, %s left ", bar, done, total, left);
    fflush(p->out);
    p->drawn = 1;
}

void cli_progress_end(cli_progress *p)
{
    if (p->out != NULL && p->drawn) {
        fprintf(p->out, "\r%*s\r", BAR + 50, "");
        fflush(p->out);
    }
}
