/*
 * cli_size.c — refusing, before anything runs, an experiment the machine cannot
 * hold: each model estimates what one replication needs (model_kind.size), and
 * the replications that run at once must fit in the memory limit together.
 *
 * The limit is 3/4 of the smallest of physical memory, the cgroup's memory limit
 * and RLIMIT_AS: the rest is left to the system, the page cache and the
 * estimate's own error. GOVSIM_MEMORY_LIMIT overrides it ("12G", "off").
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"
#include "model_registry.h"

#define SHARE_USED 0.75

static void human(double bytes, char *out, size_t size)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024 && u < 6)
        bytes /= 1024, u++;
    snprintf(out, size, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
}

/* A cgroup's limit (v2 memory.max, v1 memory.limit_in_bytes); 0 when none. */
static double cgroup_limit(void)
{
    static const char *const files[] = {"/sys/fs/cgroup/memory.max",
                                        "/sys/fs/cgroup/memory/memory.limit_in_bytes"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        FILE *f = fopen(files[i], "r");
        if (f == NULL)
            continue;
        char buf[64];
        double v = 0;
        if (fgets(buf, sizeof buf, f) != NULL && strncmp(buf, "max", 3) != 0)
            v = strtod(buf, NULL);
        fclose(f);
        /* v1 says "no limit" with a number near 2^63. */
        if (v > 0 && v < 0x1p60)
            return v;
    }
    return 0;
}

/* "12G", "512M", "1.5T", "300000000" (bytes); K M G T are powers of 1024. -1 if malformed. */
static double parse_size(const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno != 0 || !(v >= 0) || !isfinite(v))
        return -1;
    static const char units[] = "KMGT";
    const char *u = *end ? strchr(units, *end & ~0x20) : NULL;
    if (u != NULL && *end != '\0') {
        v *= pow(1024, (double)(u - units + 1));
        end++;
        if (*end == 'i')
            end++;
        if (*end == 'B' || *end == 'b')
            end++;
    }
    return *end == '\0' ? v : -1;
}

/* The limit and, for messages, where it comes from as the end of a sentence
 * ("govsim may use 2.9 GiB here: three quarters of ..."), with what a planner
 * can change. */
static int memory_limit(double *limit, char *how, size_t how_size, char *fix, size_t fix_size, sim_err *err)
{
    const char *env = getenv("GOVSIM_MEMORY_LIMIT");
    if (env != NULL && *env != '\0') {
        if (strcmp(env, "off") == 0) {
            *limit = 0;
            snprintf(how, how_size, "no limit (GOVSIM_MEMORY_LIMIT=off)");
            return SIM_OK;
        }
        double v = parse_size(env);
        if (!(v > 0))
            return sim_err_add(err, SIM_ERR_INPUT,
                               "GOVSIM_MEMORY_LIMIT '%s': expected a size such as 512M, 12G or 1.5T, or off", env);
        *limit = v;
        snprintf(how, how_size, "the value of GOVSIM_MEMORY_LIMIT");
        snprintf(fix, fix_size, "%s", "");
        return SIM_OK;
    }
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    double phys = pages > 0 && page > 0 ? (double)pages * (double)page : 0, lim = phys;
    int from = 0; /* 0 physical memory, 1 cgroup, 2 ulimit -v */
    double cg = cgroup_limit();
    if (cg > 0 && (lim == 0 || cg < lim))
        lim = cg, from = 1;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && (lim == 0 || (double)rl.rlim_cur < lim))
        lim = (double)rl.rlim_cur, from = 2;
    *limit = lim * SHARE_USED;
    char h[32];
    human(lim, h, sizeof h);
    static const char *const what[] = {"this machine's %s of physical memory",
                                       "the %s memory limit of this container (its cgroup)",
                                       "the %s address-space limit that `ulimit -v` sets"};
    static const char *const fixes[] = {"a machine with more memory",
                                        "a higher memory limit for the container",
                                        "a higher limit (ulimit -v)"};
    char src[128];
    snprintf(src, sizeof src, what[from], h);
    snprintf(how, how_size, "three quarters of %s, the rest left to the system", src);
    snprintf(fix, fix_size, "%s", fixes[from]);
    if (lim == 0)
        snprintf(how, how_size, "no limit (physical memory unknown)");
    return SIM_OK;
}

int cli_check_size(const model_kind *model, void *const *configs, const char *const *files, size_t n,
                   unsigned *threads, int quiet, sim_err *err)
{
    if (model->size == NULL)
        return SIM_OK;
    int rc = SIM_OK;
    double worst = 0;
    size_t worst_i = 0;
    model_size worst_size = {0, ""};
    for (size_t i = 0; i < n; i++) {
        model_size s = {0, ""};
        if (model->size(configs[i], &s, err) != SIM_OK) {
            rc = SIM_ERR_INPUT;
            continue;
        }
        if (!(s.bytes <= worst)) { /* NaN counts as the worst */
            worst = s.bytes, worst_i = i, worst_size = s;
            if (isnan(s.bytes))
                break;
        }
    }
    if (rc != SIM_OK || n == 0)
        return rc;
    double limit = 0;
    char how[200], fix[96] = "", need[32], have[32];
    if ((rc = memory_limit(&limit, how, sizeof how, fix, sizeof fix, err)) != SIM_OK || limit == 0)
        return rc;
    human(worst, need, sizeof need);
    human(limit, have, sizeof have);
    if (!(worst <= limit))
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s: one replication needs about %s of memory (%s), but govsim may use only %s "
                           "here: %s; allowed: a smaller scenario (fewer residents or communities, a "
                           "shorter horizon), %s%sor GOVSIM_MEMORY_LIMIT=%.0fG if the estimate is too "
                           "cautious (it errs high)",
                           files[worst_i], need, worst_size.what, have, how, fix, *fix ? ", " : "",
                           ceil(worst / 0x1p30));
    double fit = floor(limit / worst);
    if (fit < *threads) {
        unsigned t = (unsigned)fit;
        if (!quiet)
            fprintf(stderr, "govsim: note: %u replication%s at a time, not %u: each may need %s of "
                            "memory, and govsim may use %s here (%s)\n",
                    t, t == 1 ? "" : "s", *threads, need, have, how);
        *threads = t;
    }
    return SIM_OK;
}
