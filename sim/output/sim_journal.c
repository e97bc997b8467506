/*
 * sim_journal.c — the record of an output directory: lock, manifest, journal.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "sim_journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "sim_mem.h"
#include "sim_output.h"

#define SUBDIR ".govsim"

/* Every record ends in " #" and 16 hex digits: the FNV-1a 64-bit hash of the
 * text before it. A record whose digits were changed (a bit flip, a hand edit)
 * no longer matches and is refused, where the decoder alone would read another
 * valid number and resume into different results. */
#define CHECK_LEN 18 /* " #" + 16 hex digits */

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

/* Strip and verify a record's checksum in place; 0 when missing or wrong. */
static int check_record(char *line)
{
    size_t n = strlen(line);
    if (n < CHECK_LEN || line[n - CHECK_LEN] != ' ' || line[n - CHECK_LEN + 1] != '#')
        return 0;
    char *end;
    errno = 0;
    unsigned long long want = strtoull(line + n - 16, &end, 16);
    if (errno != 0 || *end != '\0' || strspn(line + n - 16, "0123456789abcdef") != 16)
        return 0;
    line[n - CHECK_LEN] = '\0';
    return fnv1a(line, n - CHECK_LEN) == (uint64_t)want;
}

static const char *const result_files[] = {"summary.json", "summary.csv", "results.csv", "replications.csv",
                                           "timeseries.csv", "timeseries_band.csv"};

struct sim_journal {
    char *dir, *sub, *path; /* DIR, DIR/.govsim, DIR/.govsim/journal */
    char *manifest;
    const sim_model_desc *desc;
    int lock_fd, fd;
    off_t valid; /* bytes of complete lines when opened */
    pthread_mutex_t mu;
    struct timespec last_sync;
    int dirty; /* lines written since the last fdatasync */
};

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = sim_malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s%s%s", a, a[0] != '\0' && a[strlen(a) - 1] == '/' ? "" : "/", b);
    return p;
}

/* ".NAME.tmp-PID-K", the temporary names of sim_out_atomic(). */
static int stale_temp(const char *name)
{
    const char *t = NULL;
    for (const char *p = strstr(name, ".tmp-"); p != NULL; p = strstr(p + 1, ".tmp-"))
        t = p;
    if (name[0] != '.' || t == NULL || t == name)
        return 0;
    const char *p = t + 5;
    size_t d1 = strspn(p, "0123456789");
    if (d1 == 0 || p[d1] != '-')
        return 0;
    size_t d2 = strspn(p + d1 + 1, "0123456789");
    return d2 > 0 && p[d1 + 1 + d2] == '\0';
}

static void clean_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return; /* no such folder: nothing to clean */
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!stale_temp(e->d_name))
            continue;
        char *p = join(dir, e->d_name);
        if (p != NULL)
            unlink(p);
        sim_free(p);
    }
    closedir(d);
}

static int exists(const char *dir, const char *name)
{
    char *p = join(dir, name);
    struct stat st;
    int yes = p != NULL && stat(p, &st) == 0;
    sim_free(p);
    return yes;
}

/* Whole file into a NUL-terminated buffer; *text NULL when there is no file. */
static int read_all(const char *path, char **text, sim_err *err)
{
    *text = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return errno == ENOENT ? SIM_OK
                               : sim_err_add(err, SIM_ERR_INPUT, "cannot read %s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = sim_malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *bigger = sim_realloc(buf, cap * 2);
        if (bigger == NULL)
            sim_free(buf);
        buf = bigger;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (buf == NULL)
        return sim_err_nomem(err, "reading the output directory's manifest");
    if (bad) {
        sim_free(buf);
        return sim_err_add(err, SIM_ERR_INPUT, "cannot read %s", path);
    }
    buf[n] = '\0';
    *text = buf;
    return SIM_OK;
}

/* The first line where two manifests differ, as "key: A there, B here". */
static void first_diff(const char *there, const char *here, char *out, size_t size)
{
    while (*there != '\0' || *here != '\0') {
        size_t la = strcspn(there, "\n"), lb = strcspn(here, "\n");
        if (la != lb || memcmp(there, here, la) != 0) {
            const char *line = la > 0 ? there : here;
            size_t lk = strcspn(line, " \n");
            size_t va = la > lk ? la - lk - 1 : 0, vb = lb > lk ? lb - lk - 1 : 0;
            int same_key = la >= lk && lb >= lk && memcmp(there, here, lk) == 0;
            if (same_key && va > 0 && vb > 0 && va <= 48 && vb <= 48)
                snprintf(out, size, "%.*s: %.*s there, %.*s here", (int)lk, line, (int)va,
                         there + lk + 1, (int)vb, here + lk + 1);
            else
                snprintf(out, size, "%.*s differs", (int)lk, line);
            return;
        }
        there += la + (there[la] == '\n');
        here += lb + (here[lb] == '\n');
    }
    snprintf(out, size, "the manifests differ");
}

/* Complete lines of the journal and the bytes they take. */
static int count_lines(const char *path, size_t *lines, off_t *valid, sim_err *err)
{
    *lines = 0;
    *valid = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return errno == ENOENT ? SIM_OK
                               : sim_err_add(err, SIM_ERR_INPUT, "cannot read %s: %s", path, strerror(errno));
    char buf[65536];
    off_t pos = 0;
    for (;;) {
        ssize_t k = read(fd, buf, sizeof buf);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            return sim_err_add(err, SIM_ERR_INPUT, "cannot read %s: %s", path, strerror(e));
        }
        if (k == 0)
            break;
        for (ssize_t i = 0; i < k; i++)
            if (buf[i] == '\n') {
                (*lines)++;
                *valid = pos + i + 1;
            }
        pos += k;
    }
    close(fd);
    return SIM_OK;
}

static int take_lock(sim_journal *j, sim_err *err)
{
    char *p = join(j->sub, "lock");
    if (p == NULL)
        return sim_err_nomem(err, "locking the output directory");
    j->lock_fd = open(p, O_RDWR | O_CREAT, 0644);
    int e = errno;
    sim_free(p);
    if (j->lock_fd < 0)
        return sim_err_add(err, SIM_ERR_INPUT, "output directory %s: cannot create %s/lock: %s", j->dir,
                           SUBDIR, strerror(e));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(j->lock_fd, F_SETLK, &fl) == 0)
        return SIM_OK;
    e = errno;
    if (e != EACCES && e != EAGAIN)
        return sim_err_add(err, SIM_ERR_INPUT, "output directory %s: cannot lock it: %s", j->dir, strerror(e));
    struct flock who = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(j->lock_fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK)
        return sim_err_add(err, SIM_ERR_INPUT,
                           "output directory %s is in use by another govsim run (process %ld)", j->dir,
                           (long)who.l_pid);
    return sim_err_add(err, SIM_ERR_INPUT, "output directory %s is in use by another govsim run", j->dir);
}

int sim_journal_open(const char *dir, const char *manifest, sim_journal **out,
                     sim_journal_state *st, sim_err *err)
{
    *out = NULL;
    memset(st, 0, sizeof *st);
    sim_journal *j = sim_calloc(1, sizeof *j);
    if (j == NULL)
        return sim_err_nomem(err, "opening the output directory's journal");
    j->lock_fd = j->fd = -1;
    if (pthread_mutex_init(&j->mu, NULL) != 0) {
        sim_free(j);
        return sim_err_add(err, SIM_ERR_RUNTIME, "cannot create a mutex");
    }
    j->dir = sim_strdup(dir);
    j->sub = join(dir, SUBDIR);
    j->path = j->sub != NULL ? join(j->sub, "journal") : NULL;
    j->manifest = sim_strdup(manifest);
    int rc = SIM_OK;
    if (j->dir == NULL || j->sub == NULL || j->path == NULL || j->manifest == NULL) {
        rc = sim_err_nomem(err, "opening the output directory's journal");
        goto fail;
    }
    if ((rc = sim_out_prepare_subdir(dir, SUBDIR, err)) != SIM_OK)
        goto fail;
    if ((rc = take_lock(j, err)) != SIM_OK)
        goto fail;
    char *plots = join(dir, "plots");
    if (plots == NULL) {
        rc = sim_err_nomem(err, "opening the output directory's journal");
        goto fail;
    }
    clean_temps(dir);
    clean_temps(plots);
    clean_temps(j->sub);
    sim_free(plots);
    char *mpath = join(j->sub, "manifest"), *old = NULL;
    rc = mpath == NULL ? sim_err_nomem(err, "reading the manifest") : read_all(mpath, &old, err);
    sim_free(mpath);
    if (rc != SIM_OK)
        goto fail;
    if (old != NULL) {
        st->has_manifest = 1;
        st->same = strcmp(old, manifest) == 0;
        if (!st->same)
            first_diff(old, manifest, st->diff, sizeof st->diff);
        sim_free(old);
    }
    for (size_t i = 0; i < sizeof result_files / sizeof result_files[0]; i++)
        st->has_results |= exists(dir, result_files[i]);
    if ((rc = count_lines(j->path, &st->done, &j->valid, err)) != SIM_OK)
        goto fail;
    *out = j;
    return SIM_OK;
fail:
    sim_journal_close(j);
    return rc;
}

/* ---- keeping an earlier run's results (DIR/previous) ---- */

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* DIR/from/name to DIR/to/name; a missing entry is nothing to move. */
static int move_entry(const char *from, const char *to, const char *name, sim_err *err)
{
    char *a = join(from, name), *b = join(to, name);
    int rc = SIM_OK;
    if (a == NULL || b == NULL)
        rc = sim_err_nomem(err, "keeping the earlier results");
    else if (rename(a, b) != 0 && errno != ENOENT)
        rc = sim_err_add(err, SIM_ERR_INPUT, "cannot move %s to %s: %s", a, b, strerror(errno));
    sim_free(a);
    sim_free(b);
    return rc;
}

int sim_journal_keep_previous(sim_journal *j, sim_err *err)
{
    char *prev = join(j->dir, "previous"), *prev_sub = prev != NULL ? join(prev, SUBDIR) : NULL;
    int rc = SIM_OK;
    if (prev == NULL || prev_sub == NULL) {
        rc = sim_err_nomem(err, "keeping the earlier results");
        goto out;
    }
    /* One generation is kept: the run before the earlier one goes. */
    if (nftw(prev, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT) {
        rc = sim_err_add(err, SIM_ERR_INPUT, "cannot remove %s: %s", prev, strerror(errno));
        goto out;
    }
    if (mkdir(prev, 0755) != 0 || mkdir(prev_sub, 0755) != 0) {
        rc = sim_err_add(err, SIM_ERR_INPUT, "cannot create %s: %s", prev_sub, strerror(errno));
        goto out;
    }
    DIR *d = opendir(j->dir);
    if (d == NULL) {
        rc = sim_err_add(err, SIM_ERR_INPUT, "cannot read %s: %s", j->dir, strerror(errno));
        goto out;
    }
    for (struct dirent *e; rc == SIM_OK && (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 && strcmp(e->d_name, "previous") != 0 &&
            strcmp(e->d_name, SUBDIR) != 0)
            rc = move_entry(j->dir, prev, e->d_name, err);
    closedir(d);
    /* The record goes with the results; the lock stays with this run. */
    static const char *const record[] = {"manifest", "journal", "trace"};
    for (size_t i = 0; rc == SIM_OK && i < sizeof record / sizeof record[0]; i++)
        rc = move_entry(j->sub, prev_sub, record[i], err);
    j->valid = 0;
out:
    sim_free(prev);
    sim_free(prev_sub);
    return rc;
}

static int write_manifest(FILE *f, void *ctx, sim_err *err)
{
    (void)err;
    fputs(ctx, f);
    return SIM_OK;
}

/* Make the directory entries of new files durable too. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int sim_journal_begin(sim_journal *j, const sim_model_desc *desc, int fresh, sim_err *err)
{
    j->desc = desc;
    if (fresh) {
        /* Files of another experiment must not outlive its manifest. */
        for (size_t i = 0; i < sizeof result_files / sizeof result_files[0]; i++) {
            char *p = join(j->dir, result_files[i]);
            if (p == NULL)
                return sim_err_nomem(err, "clearing the output directory");
            if (unlink(p) != 0 && errno != ENOENT) {
                int rc = sim_err_add(err, SIM_ERR_INPUT, "cannot remove %s: %s", p, strerror(errno));
                sim_free(p);
                return rc;
            }
            sim_free(p);
        }
        /* Journal first: a kill between the two leaves the new manifest with an
         * empty journal, never the old journal under the new manifest. */
        if (unlink(j->path) != 0 && errno != ENOENT)
            return sim_err_add(err, SIM_ERR_INPUT, "cannot remove %s: %s", j->path, strerror(errno));
        j->valid = 0;
        int rc = sim_out_atomic(j->sub, "manifest", write_manifest, j->manifest, err);
        if (rc != SIM_OK)
            return rc;
    }
    j->fd = open(j->path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (j->fd < 0)
        return sim_err_add(err, SIM_ERR_INPUT, "cannot write %s: %s", j->path, strerror(errno));
    /* A torn last line: cut it off so appends start on a line of their own. */
    if (!fresh && ftruncate(j->fd, j->valid) != 0)
        return sim_err_add(err, SIM_ERR_INPUT, "cannot repair %s: %s", j->path, strerror(errno));
    if (!fresh) {
        char *mpath = join(j->sub, "manifest");
        int have = mpath != NULL && access(mpath, F_OK) == 0;
        sim_free(mpath);
        if (!have) {
            int rc = sim_out_atomic(j->sub, "manifest", write_manifest, j->manifest, err);
            if (rc != SIM_OK)
                return rc;
        }
    }
    sync_dir(j->sub);
    clock_gettime(CLOCK_MONOTONIC, &j->last_sync);
    return SIM_OK;
}

/* One line, newline included, into *buf grown with sim_realloc. Returns its
 * length, 0 at the end of the file, -1 when memory is short. */
static long read_line(FILE *f, char **buf, size_t *cap)
{
    size_t len = 0;
    for (;;) {
        if (*cap - len < 2) {
            size_t ncap = *cap ? *cap * 2 : 65536;
            char *p = sim_realloc(*buf, ncap);
            if (p == NULL)
                return -1;
            *buf = p;
            *cap = ncap;
        }
        if (fgets(*buf + len, (int)(*cap - len > INT_MAX ? INT_MAX : *cap - len), f) == NULL)
            return (long)len;
        len += strlen(*buf + len);
        if (len > 0 && (*buf)[len - 1] == '\n')
            return (long)len;
    }
}

int sim_journal_replay(sim_journal *j, sim_exp *exp, size_t *n, sim_err *err)
{
    *n = 0;
    FILE *f = fopen(j->path, "rb");
    if (f == NULL)
        return errno == ENOENT ? SIM_OK
                               : sim_err_add(err, SIM_ERR_INPUT, "cannot read %s: %s", j->path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    off_t pos = 0;
    int rc = SIM_OK;
    long len = 0;
    while (rc == SIM_OK && pos < j->valid && (len = read_line(f, &line, &cap)) > 0) {
        lineno++;
        pos += len;
        if (line[len - 1] != '\n')
            break;
        line[len - 1] = '\0';
        size_t task;
        sim_err e;
        sim_err_init(&e);
        sim_rep_result *res = NULL;
        if (!check_record(line))
            sim_err_add(&e, SIM_ERR_INPUT, "its checksum does not match its contents (the record was changed "
                                           "after it was written)");
        else if (sim_rep_decode_task(line, &task, &e) == SIM_OK && task >= sim_exp_task_space(exp))
            sim_err_add(&e, SIM_ERR_INPUT, "task %zu: there are %zu", task, sim_exp_task_space(exp));
        if (!sim_err_failed(&e) && (res = sim_exp_result_new(exp, task, &e)) != NULL &&
            sim_rep_decode(sim_exp_ops(exp)->desc, line, res, &e) == SIM_OK) {
            if (sim_exp_deliver(exp, task, res, &e) == SIM_OK)
                (*n)++;
            res = NULL; /* delivered or freed by sim_exp_deliver */
        }
        sim_exp_result_free(exp, res);
        if (sim_err_failed(&e)) {
            const char *t = sim_err_text(&e);
            rc = e.status == SIM_ERR_RUNTIME
                     ? sim_err_add(err, SIM_ERR_RUNTIME, "%s:%zu: %.*s", j->path, lineno, (int)strcspn(t, "\n"), t)
                     : sim_err_add(err, SIM_ERR_INPUT, "%s:%zu: damaged record: %.*s", j->path, lineno,
                                   (int)strcspn(t, "\n"), t);
        }
    }
    if (rc == SIM_OK && len < 0)
        rc = sim_err_nomem(err, "reading the journal");
    if (rc == SIM_OK && ferror(f))
        rc = sim_err_add(err, SIM_ERR_INPUT, "cannot read %s", j->path);
    sim_free(line);
    fclose(f);
    return rc;
}

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

int sim_journal_append(sim_journal *j, const char *line, sim_err *err)
{
    size_t len = strlen(line);
    char check[CHECK_LEN + 2];
    snprintf(check, sizeof check, " #%016llx\n", (unsigned long long)fnv1a(line, len));
    struct iovec iov[2] = {{(void *)line, len}, {check, CHECK_LEN + 1}};
    int rc = SIM_OK;
    pthread_mutex_lock(&j->mu);
    if (j->fd < 0) {
        rc = sim_err_add(err, SIM_ERR_RUNTIME, "%s: not open for writing", j->path);
        goto out;
    }
    /* One writev, so a line is never interleaved with another; a short write
     * (a full disk) is finished or reported, and a reopened journal cuts off
     * what did not end in a newline. */
    size_t left = len + CHECK_LEN + 1;
    while (left > 0) {
        ssize_t k = writev(j->fd, iov, 2);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot write %s: %s", j->path,
                             k < 0 ? strerror(errno) : "nothing written");
            goto out;
        }
        left -= (size_t)k;
        for (int i = 0; i < 2 && k > 0; i++) {
            size_t used = (size_t)k < iov[i].iov_len ? (size_t)k : iov[i].iov_len;
            iov[i].iov_base = (char *)iov[i].iov_base + used;
            iov[i].iov_len -= used;
            k -= (ssize_t)used;
        }
    }
    j->dirty = 1;
    if (since(&j->last_sync) >= SIM_JOURNAL_SYNC_S) {
        if (fdatasync(j->fd) != 0) {
            rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot write %s: %s", j->path, strerror(errno));
            goto out;
        }
        j->dirty = 0;
        clock_gettime(CLOCK_MONOTONIC, &j->last_sync);
    }
out:
    pthread_mutex_unlock(&j->mu);
    return rc;
}

int sim_journal_record(void *journal, size_t task, const sim_rep_result *res, sim_err *err)
{
    sim_journal *j = journal;
    char *line = NULL;
    int rc = sim_rep_encode(j->desc, task, res, &line, err);
    if (rc == SIM_OK)
        rc = sim_journal_append(j, line, err);
    sim_free(line);
    return rc;
}

void sim_journal_close(sim_journal *j)
{
    if (j == NULL)
        return;
    if (j->fd >= 0) {
        if (j->dirty)
            (void)fdatasync(j->fd);
        close(j->fd);
    }
    if (j->lock_fd >= 0)
        close(j->lock_fd); /* releases the lock */
    pthread_mutex_destroy(&j->mu);
    sim_free(j->dir);
    sim_free(j->sub);
    sim_free(j->path);
    sim_free(j->manifest);
    sim_free(j);
}

const char *sim_journal_path(const sim_journal *j) { return j->path; }
