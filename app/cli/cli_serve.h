/*
 * cli_serve.h — govsim serve (internal to app/cli/): a local web server for a
 * classroom. The page moves the scenario's levers and shows the results beside
 * a pinned baseline.
 *
 *   cli_serve.c       the command: options, the directory, the HTTP server
 *   cli_serve_run.c   runs: govsim itself as a child process per run (the
 *                     numbers are those of `govsim run --set ...`), one at a
 *                     time, the newest request cancelling an older run;
 *                     the paired differences against the baseline
 *   cli_serve_page.c  the levers (from the schema's SCN_LEVER fields), the KPIs'
 *                     labels and senses, and the page itself
 */
#ifndef CLI_SERVE_H
#define CLI_SERVE_H

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/types.h>

#include "model_registry.h"
#include "scn.h"

#define SERVE_MAX_FILES 8
#define SERVE_MAX_REPS 100
#define SERVE_MAX_BODY 65536

typedef struct serve_baseline {
    size_t reps;      /* 0: not run yet */
    cJSON *result;    /* summary.json's results[0] */
    double *values;   /* reps x n_groups x n_metrics, NaN where undefined */
} serve_baseline;

typedef struct serve {
    char exe[4096];                  /* this program, for the child runs */
    char dir[4096];                  /* everything the server writes is under here */
    char files[SERVE_MAX_FILES][4096]; /* the scenarios, absolute */
    size_t n_files;
    const model_kind *model;
    scn_doc *docs[SERVE_MAX_FILES];  /* extends resolved: the levers' values */
    int zh;
    size_t reps;                     /* default replications of a run */
    unsigned long long seed;
    /* runs: one at a time (run_mx); the newest request supersedes (state_mx) */
    pthread_mutex_t run_mx, state_mx;
    unsigned long long generation;
    pid_t child;
    size_t progress_total;
    char progress_journal[4400];
    serve_baseline base[SERVE_MAX_FILES];
    unsigned reports;                /* reports written so far (their folder numbers) */
} serve;

/* An HTTP answer: status and a JSON body (owned by the caller). */
typedef struct serve_reply {
    unsigned status;
    cJSON *body;
} serve_reply;

/* cli_serve_run.c */
/* POST /api/run: {"scenario": i, "set": {PATH: VALUE}, "reps": N}. */
serve_reply serve_run(serve *s, const cJSON *req);
/* GET /api/progress */
serve_reply serve_progress(serve *s);
/* POST /api/save: {"scenario": i, "set": {...}, "name": "..."}: a scenario file
 * that extends the original; POST /api/report: the comparison's report.html. */
serve_reply serve_save(serve *s, const cJSON *req);
serve_reply serve_report(serve *s, const cJSON *req);
/* A whole file of at most SERVE_MAX_FILE_BYTES (NULL when it cannot be read;
 * sim_out_read_file); free with sim_free. */
#define SERVE_MAX_FILE_BYTES ((size_t)256 << 20)
char *serve_read_file(const char *path, size_t *len);
/* Stop a running child (the server is closing). */
void serve_cancel(serve *s);
void serve_runs_free(serve *s);
/* {"error": msg} with status. */
serve_reply serve_error(unsigned status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* cli_serve_page.c */
/* GET /api/levers: the scenarios, the levers with their values per scenario,
 * the KPIs with their labels and good directions. */
serve_reply serve_levers(const serve *s);
/* The page (self-contained HTML). */
extern const char serve_page_html[];

#endif
