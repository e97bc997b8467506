/* util.c — helpers shared by the tests (see util.h). */
#define _GNU_SOURCE
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char *tmpdir_new(void)
{
    const char *base = getenv("TMPDIR");
    char *t = pjoin(base != NULL && *base ? base : "/tmp", "govsim-test-XXXXXX");
    if (mkdtemp(t) == NULL) {
        free(t);
        return NULL;
    }
    return t;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

void rm_rf(const char *path)
{
    if (path != NULL)
        nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *pjoin(const char *a, const char *b)
{
    char *p = NULL;
    if (asprintf(&p, "%s/%s", a, b) < 0)
        return NULL;
    return p;
}

char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}

int spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    fputs(text, f);
    return fclose(f);
}

int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int count_files_containing(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strstr(e->d_name, part) != NULL)
            n++;
        char *sub = pjoin(dir, e->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            n += count_files_containing(sub, part);
        free(sub);
    }
    closedir(d);
    return n;
}

size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; s != NULL && *s; s++)
        n += *s == '\n';
    return n;
}

void run_govsim(run_result *r, const char *cwd, const char *const *env, const char *const *args)
{
    const char *bin = getenv("GOVSIM_BIN");
    r->status = -1;
    r->out = r->err = NULL;
    if (bin == NULL)
        return;
    char outp[] = "/tmp/govsim-out-XXXXXX", errp[] = "/tmp/govsim-err-XXXXXX";
    int fo = mkstemp(outp), fe = mkstemp(errp);
    size_t n_env = 0, n_extra = 0, n_args = 0;
    while (environ[n_env] != NULL)
        n_env++;
    while (env != NULL && env[n_extra] != NULL)
        n_extra++;
    while (args[n_args] != NULL)
        n_args++;
    char **envp = calloc(n_env + n_extra + 2, sizeof *envp);
    size_t k = 0;
    for (size_t i = 0; i < n_extra; i++)
        envp[k++] = (char *)env[i];
    for (size_t i = 0; i < n_env; i++)
        envp[k++] = environ[i]; /* later duplicates lose: getenv takes the first */
    char **argv = calloc(n_args + 2, sizeof *argv);
    argv[0] = (char *)bin;
    for (size_t i = 0; i < n_args; i++)
        argv[i + 1] = (char *)args[i];
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fo, 1);
        dup2(fe, 2);
        if (cwd != NULL && chdir(cwd) != 0)
            _exit(126);
        execve(bin, argv, envp);
        _exit(127);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    close(fo);
    close(fe);
    r->out = slurp(outp, NULL);
    r->err = slurp(errp, NULL);
    unlink(outp);
    unlink(errp);
    free(envp);
    free(argv);
}

void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

char *write_mmc(const char *dir, const char *file, const char *name, double lambda, double mu,
                int servers, double horizon, double warmup, const char *extra)
{
    char *path = pjoin(dir, file), *text = NULL;
    if (asprintf(&text,
                 "{\"model\": \"mmc\", \"name\": \"%s\", \"arrival_rate_per_h\": %.17g,"
                 " \"service_rate_per_h\": %.17g, \"servers\": %d, \"horizon_h\": %.17g,"
                 " \"warmup_h\": %.17g%s%s}\n",
                 name, lambda, mu, servers, horizon, warmup, extra ? ", " : "", extra ? extra : "") < 0)
        return NULL;
    spit(path, text);
    free(text);
    return path;
}

/* ---- CSV (RFC 4180: quoted fields, doubled quotes) ---- */

int csv_read(const char *path, csv *out)
{
    memset(out, 0, sizeof *out);
    char *text = slurp(path, NULL);
    if (text == NULL)
        return -1;
    size_t cap_rows = 16;
    out->cell = calloc(cap_rows, sizeof *out->cell);
    const char *p = text;
    while (*p) {
        size_t cap = 8, n = 0;
        char **row = calloc(cap, sizeof *row);
        for (;;) {
            char *field = malloc(strlen(p) + 1);
            size_t f = 0;
            if (*p == '"') {
                p++;
                while (*p && !(*p == '"' && p[1] != '"')) {
                    if (*p == '"')
                        p++;
                    field[f++] = *p++;
                }
                if (*p == '"')
                    p++;
            } else {
                while (*p && *p != ',' && *p != '\n')
                    field[f++] = *p++;
            }
            field[f] = '\0';
            if (n == cap)
                row = realloc(row, (cap *= 2) * sizeof *row);
            row[n++] = field;
            if (*p == ',') {
                p++;
                continue;
            }
            if (*p == '\n')
                p++;
            break;
        }
        if (out->rows > 0 && n != out->cols) {
            for (size_t k = 0; k < n; k++)
                free(row[k]);
            free(row);
            free(text);
            csv_free(out);
            return -1;
        }
        if (out->rows == cap_rows)
            out->cell = realloc(out->cell, (cap_rows *= 2) * sizeof *out->cell);
        out->cell[out->rows++] = row;
        out->cols = n;
    }
    free(text);
    return 0;
}

void csv_free(csv *c)
{
    for (size_t r = 0; r < c->rows; r++) {
        for (size_t k = 0; k < c->cols; k++)
            free(c->cell[r][k]);
        free(c->cell[r]);
    }
    free(c->cell);
    memset(c, 0, sizeof *c);
}

int csv_col(const csv *c, const char *name)
{
    for (size_t k = 0; c->rows > 0 && k < c->cols; k++)
        if (strcmp(c->cell[0][k], name) == 0)
            return (int)k;
    return -1;
}

/* ---- queueing theory ---- */

double erlang_c(int c, double a)
{
    /* Erlang B by its stable recursion, then C = B / (1 - ρ(1 - B)). */
    double b = 1.0;
    for (int k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    double rho = a / c;
    return b / (1.0 - rho * (1.0 - b));
}

double mmc_wq(int c, double lambda, double mu)
{
    return erlang_c(c, lambda / mu) / (c * mu - lambda);
}
