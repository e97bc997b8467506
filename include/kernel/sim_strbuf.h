/*
 * sim_strbuf.h — a growable string for building scripts and records (internal
 * to sim/). A failed allocation sets `failed` and later appends do nothing, so
 * a caller checks once at the end.
 */
#ifndef SIM_STRBUF_H
#define SIM_STRBUF_H

#include <stddef.h>

typedef struct sim_strbuf {
    char *p; /* NUL-terminated while not failed */
    size_t len, cap;
    int failed;
} sim_strbuf;

void sim_sb_init(sim_strbuf *b);
void sim_sb_free(sim_strbuf *b);
void sim_sb_put(sim_strbuf *b, const char *s, size_t n);
void sim_sb_puts(sim_strbuf *b, const char *s);
void sim_sb_printf(sim_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
