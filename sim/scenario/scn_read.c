/*
 * scn_read.c — reading a scenario file: only a small UTF-8 text file gets
 * through to the parser.
 *
 * Only regular files are read: a FIFO, a device or a socket is refused without
 * blocking (the file is opened O_NONBLOCK and checked before any read, so a FIFO
 * with no writer cannot hang `govsim check`). The size limit is checked on the open descriptor before
 * anything is read, so a 10 MB file is refused at once.
 */
#include "scn_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim_mem.h"

static int open_failure(int e, const char *path, const char *prefix, const char *suffix,
                        sim_err *err)
{
    const char *why;
    int status = SIM_ERR_INPUT;
    char buf[128];
    switch (e) {
    case ENOENT: why = "no such file"; break;
    case EACCES: why = "permission denied"; break;
    case EISDIR: why = "is a directory, not a scenario file"; break;
    case ENOTDIR: why = "a part of the path is not a directory"; break;
    case ELOOP: why = "too many levels of symbolic links"; break;
    case ENAMETOOLONG: why = "path too long"; break;
    case EMFILE:
    case ENFILE:
    case ENOMEM:
        /* Out of descriptors or memory: the machine failed, not the scenario. */
        status = SIM_ERR_RUNTIME;
        if (strerror_r(e, buf, sizeof buf) != 0)
            snprintf(buf, sizeof buf, "error %d", e);
        why = buf;
        break;
    default:
        /* An unreadable file (EIO from /proc/self/mem, a bad disk block) is bad
         * input: the scenario cannot be used as given. */
        if (strerror_r(e, buf, sizeof buf) != 0)
            snprintf(buf, sizeof buf, "error %d", e);
        why = buf;
        break;
    }
    return sim_err_add(err, status, "%s%s: cannot read: %s%s", prefix, path, why, suffix);
}

/* "-": the scenario comes on standard input. It is read once, to its end
 * (within the size limit), and kept for the life of the process: a command
 * reads its scenario more than once (its model, its fields, the resume
 * manifest) and must see the same text each time. */
static char *stdin_text;
static size_t stdin_len;

static int read_stdin(const char *prefix, const char *suffix, char **text, size_t *len, sim_err *err)
{
    if (stdin_text == NULL) {
        const size_t limit = SCN_MAX_FILE_BYTES;
        size_t cap = 4096, n = 0;
        char *buf = sim_malloc(cap + 1);
        if (buf == NULL)
            return sim_err_nomem(err, "reading standard input");
        for (;;) {
            if (n == cap) {
                size_t ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
                char *nb = ncap > cap ? sim_realloc(buf, ncap + 1) : NULL;
                if (nb == NULL) {
                    sim_free(buf);
                    return ncap > cap ? sim_err_nomem(err, "reading standard input")
                                      : sim_err_add(err, SIM_ERR_INPUT, "%s-: standard input too large; a "
                                                    "scenario may hold at most %zu bytes (1 MiB)%s", prefix, limit, suffix);
                }
                buf = nb;
                cap = ncap;
            }
            ssize_t r = read(STDIN_FILENO, buf + n, cap - n);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                int e = errno;
                sim_free(buf);
                return open_failure(e, "-", prefix, suffix, err);
            }
            if (r == 0)
                break;
            n += (size_t)r;
        }
        if (n == 0) {
            sim_free(buf);
            return sim_err_add(err, SIM_ERR_INPUT, "%s-: standard input is empty; a scenario is a JSON object { ... }%s",
                               prefix, suffix);
        }
        buf[n] = '\0';
        stdin_text = buf;
        stdin_len = n;
    }
    *text = sim_malloc(stdin_len + 1);
    if (*text == NULL)
        return sim_err_nomem(err, "reading standard input");
    memcpy(*text, stdin_text, stdin_len + 1);
    *len = stdin_len;
    return SIM_OK;
}

int scn__read_file(const char *path, const char *prefix, const char *suffix, char **text,
                   size_t *len, sim_err *err)
{
    *text = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0)
        return read_stdin(prefix, suffix, text, len, err);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return open_failure(errno, path, prefix, suffix, err);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return open_failure(e, path, prefix, suffix, err);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return open_failure(EISDIR, path, prefix, suffix, err);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        const char *kind = S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                           : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "not a regular file";
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s%s: cannot read: %s, not a scenario file; allowed: a regular file%s", prefix, path, kind, suffix);
    }
    /* Regular files never block; reads proceed as usual. */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    const size_t limit = SCN_MAX_FILE_BYTES;
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > limit) {
        close(fd);
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s%s: file too large (%lld bytes); a scenario file may hold at most "
                           "%zu bytes (1 MiB)%s",
                           prefix, path, (long long)st.st_size, limit, suffix);
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096;
    char *buf = sim_malloc(cap + 1);
    if (buf == NULL) {
        close(fd);
        return sim_err_nomem(err, "reading a scenario file");
    }
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            /* A regular file that grew while read, or a pipe: grow up to the limit. */
            size_t ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            if (ncap <= cap)
                break;
            char *nb = sim_realloc(buf, ncap + 1);
            if (nb == NULL) {
                sim_free(buf);
                close(fd);
                return sim_err_nomem(err, "reading a scenario file");
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            sim_free(buf);
            close(fd);
            return open_failure(e, path, prefix, suffix, err);
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > limit) {
        sim_free(buf);
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s%s: file too large; a scenario file may hold at most %zu bytes "
                           "(1 MiB)%s",
                           prefix, path, limit, suffix);
    }
    if (n == 0) {
        sim_free(buf);
        return sim_err_add(err, SIM_ERR_INPUT,
                           "%s%s: empty file; a scenario is a JSON object { ... }%s", prefix, path,
                           suffix);
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return SIM_OK;
}

/* Length of the well-formed UTF-8 sequence at s (Unicode 15, table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if (s[k] < 0x80 || s[k] > 0xBF)
            return 0;
    return n;
}

int scn__check_text(const char *name, const char *text, size_t len, sim_err *err)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    unsigned line = 1, col = 1;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3; /* a byte-order mark is invisible in editors: columns start after it */
    while (i < len) {
        if (s[i] == '\0')
            return sim_err_add(err, SIM_ERR_INPUT,
                               "%s:%u:%u: NUL byte; a scenario is a text file (is this a binary "
                               "or UTF-16 file?)",
                               name, line, col);
        size_t n = utf8_seq(s + i, len - i);
        if (n == 0)
            return sim_err_add(err, SIM_ERR_INPUT,
                               "%s:%u:%u: invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
                               name, line, col, s[i]);
        if (s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i += n;
    }
    return SIM_OK;
}
