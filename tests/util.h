/* util.h — helpers shared by the tests: temp dirs, files, running the CLI, CSV. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stddef.h>

/* A fresh directory under $TMPDIR (or /tmp); free with free(), remove with rm_rf. */
char *tmpdir_new(void);
void rm_rf(const char *path);
/* path a/b in a malloc'd string. */
char *pjoin(const char *a, const char *b);
/* Whole file, NUL-terminated (NULL if it cannot be read). */
char *slurp(const char *path, size_t *len);
int spit(const char *path, const char *text);
int file_exists(const char *path);
/* Files in dir whose name contains `part` (e.g. ".tmp-"), recursively. */
int count_files_containing(const char *dir, const char *part);
size_t count_lines(const char *s);

/* Run $GOVSIM_BIN with args (NULL-terminated) in cwd, with extra "K=V"
 * environment entries (NULL-terminated list, may be NULL). Captures stdout and
 * stderr. status: the exit status, or 128 + signal. */
typedef struct run_result {
    int status;
    char *out, *err;
} run_result;
void run_govsim(run_result *r, const char *cwd, const char *const *env, const char *const *args);
void run_free(run_result *r);

/* A scenario file for the M/M/c model. */
char *write_mmc(const char *dir, const char *file, const char *name, double lambda, double mu,
                int servers, double horizon, double warmup, const char *extra);

/* A parsed CSV: rows × cols of strings (header in row 0). */
typedef struct csv {
    size_t rows, cols;
    char ***cell;
} csv;
int csv_read(const char *path, csv *out);
void csv_free(csv *c);
/* Column index of a header name, or -1. */
int csv_col(const csv *c, const char *name);

/* Erlang C: probability of waiting in an M/M/c queue with offered load a = λ/μ. */
double erlang_c(int c, double a);
/* Mean wait in queue (hours) of M/M/c. */
double mmc_wq(int c, double lambda, double mu);

#endif
