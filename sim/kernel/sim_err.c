/* sim_err.c — collecting user-facing error lines without allocating. */
#include "sim_err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sim_err_init(sim_err *err)
{
    err->status = SIM_OK;
    err->lines = 0;
    err->dropped = 0;
    err->len = 0;
    err->text[0] = '\0';
}

int sim_err_worse(int a, int b)
{
    /* Input errors outrank runtime ones: they tell the user what to fix. */
    if (a == SIM_ERR_INPUT || b == SIM_ERR_INPUT)
        return SIM_ERR_INPUT;
    if (a == SIM_ERR_INTERRUPTED || b == SIM_ERR_INTERRUPTED)
        return SIM_ERR_INTERRUPTED;
    return a != SIM_OK ? a : b;
}

int sim_err_add(sim_err *err, int status, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = sim_err_worse(err->status, status);
    err->lines++;
    /* Keep room for the "... and N more" line written by sim_err_text(). */
    size_t room = sizeof err->text - err->len;
    if (room < 80) {
        err->dropped++;
        return status;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->text + err->len, room - 64, fmt, ap);
    va_end(ap);
    if (n < 0) {
        err->text[err->len] = '\0';
        err->dropped++;
        return status;
    }
    size_t used = (size_t)n < room - 64 ? (size_t)n : room - 65;
    err->len += used;
    err->text[err->len++] = '\n';
    err->text[err->len] = '\0';
    return status;
}

int sim_err_nomem(sim_err *err, const char *what)
{
    return sim_err_add(err, SIM_ERR_RUNTIME, "out of memory while %s", what);
}

const char *sim_err_text(const sim_err *err)
{
    if (err->dropped > 0) {
        /* The reserved tail always has room for this line. */
        sim_err *e = (sim_err *)err;
        char tail[64];
        int n = snprintf(tail, sizeof tail, "... and %u more problem%s\n", err->dropped,
                         err->dropped == 1 ? "" : "s");
        if (n > 0 && e->len + (size_t)n < sizeof e->text && strstr(e->text, "... and ") == NULL)
            memcpy(e->text + e->len, tail, (size_t)n + 1);
    }
    return err->text;
}

int sim_err_append(sim_err *dst, int status, const char *prefix, const sim_err *src)
{
    /* Line by line: pasting the text whole would turn its last newline into an empty problem. */
    const char *t = sim_err_text(src);
    while (*t != '\0') {
        size_t len = strcspn(t, "\n");
        sim_err_add(dst, status, "%s%.*s", prefix, (int)len, t);
        t += len + (t[len] == '\n');
    }
    return status;
}
