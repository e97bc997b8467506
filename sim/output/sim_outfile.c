/*
 * sim_outfile.c — atomic files, output directories, safe names, exact numbers.
 */
#include "sim_output.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim_mem.h"

static char *join(const char *dir, const char *name, const char *prefix, const char *suffix)
{
    size_t n = strlen(dir) + strlen(name) + strlen(prefix) + strlen(suffix) + 2;
    char *p = sim_malloc(n);
    if (p != NULL) {
        int sep = dir[0] != '\0' && dir[strlen(dir) - 1] != '/';
        snprintf(p, n, "%s%s%s%s%s", dir, sep ? "/" : "", prefix, name, suffix);
    }
    return p;
}

/* A new file beside dir/name, created with O_EXCL: never a file (or link)
 * someone else put there. *tmp is its path; the descriptor is returned. */
static int create_tmp(const char *dir, const char *name, const char *final, char **tmp, sim_err *err)
{
    int fd = -1;
    *tmp = NULL;
    for (int k = 0; k < 100 && fd < 0; k++) {
        char suffix[48];
        snprintf(suffix, sizeof suffix, ".tmp-%ld-%d", (long)getpid(), k);
        sim_free(*tmp);
        *tmp = join(dir, name, ".", suffix);
        if (*tmp == NULL) {
            sim_err_nomem(err, "naming an output file");
            return -1;
        }
        fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        sim_err_add(err, SIM_ERR_INPUT, "cannot write %s: %s", final, strerror(errno));
        sim_free(*tmp);
        *tmp = NULL;
    }
    return fd;
}

/* The written temporary file becomes dir/name (or goes away on failure). */
static int commit(char *tmp, char *final, int rc, int werr, sim_err *err)
{
    if (rc == SIM_OK && werr != 0)
        rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot write %s: %s", final, strerror(werr));
    if (rc == SIM_OK && rename(tmp, final) != 0)
        rc = sim_err_add(err, SIM_ERR_RUNTIME, "cannot rename %s to %s: %s", tmp, final,
                         strerror(errno));
    if (rc != SIM_OK)
        unlink(tmp);
    sim_free(tmp);
    sim_free(final);
    return rc;
}

/* dir/name's final path and its temporary file: the descriptor, or -1 with
 * the status in *rc and nothing left to free. */
static int begin_atomic(const char *dir, const char *name, char **final, char **tmp, int *rc, sim_err *err)
{
    *final = join(dir, name, "", "");
    *tmp = NULL;
    if (*final == NULL) {
        *rc = sim_err_nomem(err, "naming an output file");
        return -1;
    }
    int fd = create_tmp(dir, name, *final, tmp, err);
    if (fd < 0) {
        sim_free(*final);
        *rc = err->status != SIM_OK ? err->status : SIM_ERR_RUNTIME;
    }
    return fd;
}

int sim_out_atomic(const char *dir, const char *name, sim_write_fn *fn, void *ctx, sim_err *err)
{
    char *final, *tmp;
    int rc = SIM_OK, fd = begin_atomic(dir, name, &final, &tmp, &rc, err);
    if (fd < 0)
        return rc;
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        close(fd);
        unlink(tmp);
        sim_free(tmp);
        sim_free(final);
        return sim_err_nomem(err, "opening an output file");
    }
    rc = fn(f, ctx, err);
    int werr = 0;
    if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)
        werr = errno ? errno : EIO;
    if (fclose(f) != 0 && werr == 0)
        werr = errno ? errno : EIO;
    return commit(tmp, final, rc, werr, err);
}

int sim_out_atomic_path(const char *dir, const char *name, sim_path_write_fn *fn, void *ctx, sim_err *err)
{
    char *final, *tmp;
    int rc = SIM_OK, fd = begin_atomic(dir, name, &final, &tmp, &rc, err);
    if (fd < 0)
        return rc;
    close(fd);
    rc = fn(tmp, ctx, err);
    /* The library closed its own stream: flush the file to disk from here. */
    int werr = 0;
    fd = rc == SIM_OK ? open(tmp, O_RDONLY) : -1;
    if (rc == SIM_OK && (fd < 0 || fsync(fd) != 0))
        werr = errno ? errno : EIO;
    if (fd >= 0)
        close(fd);
    return commit(tmp, final, rc, werr, err);
}

/* A file can be created in dir (EACCES, EROFS, ENOSPC show up here, before any run). */
static int probe(const char *dir, sim_err *err)
{
    char *p = join(dir, "probe", ".govsim-", "");
    if (p == NULL)
        return sim_err_nomem(err, "checking the output directory");
    int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
    int e = errno;
    if (fd >= 0) {
        close(fd);
        unlink(p);
    }
    sim_free(p);
    if (fd < 0 && e != EEXIST)
        return sim_err_add(err, SIM_ERR_INPUT, "output directory %s: cannot write in it: %s", dir,
                           strerror(e));
    return SIM_OK;
}

int sim_out_prepare_dir(const char *dir, sim_err *err)
{
    if (dir[0] == '\0')
        return sim_err_add(err, SIM_ERR_INPUT, "output directory: empty path");
    char *path = sim_strdup(dir);
    if (path == NULL)
        return sim_err_nomem(err, "creating the output directory");
    size_t made[64]; /* ends of the prefixes this call created, to undo on failure */
    size_t n_made = 0;
    int rc = SIM_OK;
    size_t len = strlen(path);
    for (size_t i = 1; i <= len && rc == SIM_OK; i++) {
        if (i < len && path[i] != '/')
            continue;
        if (path[i - 1] == '/')
            continue;
        char save = path[i];
        path[i] = '\0';
        struct stat st;
        if (mkdir(path, 0755) == 0) {
            if (n_made < sizeof made / sizeof made[0])
                made[n_made++] = i;
        } else if (errno != EEXIST) {
            rc = sim_err_add(err, SIM_ERR_INPUT, "output directory %s: cannot create %s: %s", dir,
                             path, strerror(errno));
        } else if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            rc = sim_err_add(err, SIM_ERR_INPUT, "output directory %s: %s exists and is not a directory",
                             dir, path);
        }
        path[i] = save;
    }
    if (rc == SIM_OK)
        rc = probe(dir, err);
    if (rc != SIM_OK)
        while (n_made > 0) {
            path[made[--n_made]] = '\0';
            rmdir(path);
        }
    sim_free(path);
    return rc;
}

int sim_out_prepare_subdir(const char *dir, const char *sub, sim_err *err)
{
    char *path = join(dir, sub, "", "");
    if (path == NULL)
        return sim_err_nomem(err, "creating a folder in the output directory");
    int rc = SIM_OK;
    struct stat st;
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        rc = sim_err_add(err, SIM_ERR_INPUT, "output directory %s: cannot create %s: %s", dir, path,
                         strerror(errno));
    else if (lstat(path, &st) != 0)
        rc = sim_err_add(err, SIM_ERR_INPUT, "output directory %s: %s: %s", dir, path, strerror(errno));
    else if (S_ISLNK(st.st_mode))
        rc = sim_err_add(err, SIM_ERR_INPUT,
                         "output directory %s: %s is a symbolic link; govsim writes only into a real "
                         "folder there (remove the link, or choose another --out)", dir, path);
    else if (!S_ISDIR(st.st_mode))
        rc = sim_err_add(err, SIM_ERR_INPUT,
                         "output directory %s: %s exists and is not a directory (remove it, or choose "
                         "another --out)", dir, path);
    else
        rc = probe(path, err);
    sim_free(path);
    return rc;
}

/* Length of the UTF-8 character at s (1-4), or 0 if the bytes are not one. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n;
    unsigned min;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0)
        n = 2, min = 0x80, cp = s[0] & 0x1F;
    else if ((s[0] & 0xF0) == 0xE0)
        n = 3, min = 0x800, cp = s[0] & 0x0F;
    else if ((s[0] & 0xF8) == 0xF0)
        n = 4, min = 0x10000, cp = s[0] & 0x07;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

int sim_out_read_file(const char *path, size_t max_bytes, char **text, size_t *len, sim_err *err)
{
    *text = NULL;
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f == NULL || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max_bytes) {
        int e = errno;
        if (f != NULL)
            fclose(f);
        if (f == NULL)
            return sim_err_add(err, SIM_ERR_RUNTIME, "cannot read %s: %s", path, strerror(e));
        return sim_err_add(err, SIM_ERR_RUNTIME, "cannot read %s: not a regular file of at most %zu MiB", path,
                           max_bytes >> 20);
    }
    size_t size = (size_t)st.st_size;
    char *buf = sim_malloc(size + 1);
    if (buf == NULL) {
        fclose(f);
        return sim_err_nomem(err, "reading a file");
    }
    size_t got = fread(buf, 1, size, f);
    int bad = ferror(f) || got != size;
    fclose(f);
    if (bad) {
        sim_free(buf);
        return sim_err_add(err, SIM_ERR_RUNTIME, "cannot read %s: read error", path);
    }
    buf[size] = '\0';
    *text = buf;
    if (len != NULL)
        *len = size;
    return SIM_OK;
}

void sim_out_safe_name(const char *name, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)name;
    size_t limit = size - 1 < 200 ? size - 1 : 200, o = 0;
    while (*s == '.' || *s == ' ')
        s++;
    while (*s != '\0') {
        size_t n = utf8_len(s);
        if (n == 0) {
            n = 1;
            if (o + 1 > limit)
                break;
            out[o++] = '_';
        } else {
            if (o + n > limit)
                break;
            int hostile = n == 1 && (*s < 0x20 || *s == 0x7F || strchr("/\\:*?\"<>|", *s) != NULL);
            if (hostile)
                out[o++] = '_';
            else
                memcpy(out + o, s, n), o += n;
        }
        s += n;
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
        o--;
    if (o == 0) {
        snprintf(out, size, "scenario");
        return;
    }
    out[o] = '\0';
}

void sim_out_number(double x, char *buf, size_t size)
{
    if (isnan(x)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    if (isinf(x)) {
        snprintf(buf, size, "%s", x > 0 ? "Inf" : "-Inf");
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

void sim_out_csv_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
