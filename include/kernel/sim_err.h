/*
 * sim_err.h — user-facing error reports.
 *
 * Two kinds of failure exist in govsim (see docs/architecture.md):
 *  - programmer errors (a broken invariant) stop the program through SIM_CHECK /
 *    SIM_ASSERT in sim_assert.h;
 *  - user errors (bad scenario, bad command line, unwritable file, out of memory)
 *    are returned as a status code with one or more lines collected in a sim_err,
 *    which main() prints before exiting with status 2 (or 1 for runtime failures).
 *
 * A sim_err is a fixed-size value: filling it never allocates, so it can report an
 * allocation failure. Lines past the buffer are counted and summarised.
 */
#ifndef SIM_ERR_H
#define SIM_ERR_H

#include <stddef.h>

enum sim_status {
    SIM_OK = 0,
    SIM_ERR_RUNTIME = 1, /* the run failed: out of memory, I/O error while running */
    SIM_ERR_INPUT = 2,   /* bad command line, bad scenario, unusable output path */
    SIM_ERR_INTERRUPTED = 130
};

#define SIM_ERR_BUFSZ 8192

typedef struct sim_err {
    int status;          /* worst status reported so far: SIM_OK when empty */
    unsigned lines;      /* problems reported, including those that did not fit */
    unsigned dropped;    /* problems that did not fit in text[] */
    size_t len;          /* bytes used in text[] */
    char text[SIM_ERR_BUFSZ]; /* one problem per line, each ending in '\n' */
} sim_err;

void sim_err_init(sim_err *err);

/* The status that outranks the other: an input error (it tells the user what to
 * fix), then an interruption, then any failure, then SIM_OK. */
int sim_err_worse(int a, int b);

/* Add one problem line (printf format, no trailing newline needed). status is
 * SIM_ERR_INPUT or SIM_ERR_RUNTIME; the worst one wins. err may be NULL. Returns status. */
int sim_err_add(sim_err *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Out of memory: a convenience for the most common runtime failure. */
int sim_err_nomem(sim_err *err, const char *what);

static inline int sim_err_failed(const sim_err *err) { return err->status != SIM_OK; }

/* The collected lines, followed by "... and N more problems" if some were dropped. */
const char *sim_err_text(const sim_err *err);

/* Copy every line of src into dst, one problem per line, prefixed with prefix
 * (may be ""); status is the one the lines are added with. Returns status. */
int sim_err_append(sim_err *dst, int status, const char *prefix, const sim_err *src);

#endif
