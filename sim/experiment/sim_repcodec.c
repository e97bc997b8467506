/*
 * sim_repcodec.c — exact text encoding of one replication's result.
 *
 * Line layout (tokens separated by one space):
 *   T <task> E <events> M <k> <bits>... S <points> <k> <bits>... D <k> {<nnz> {<bucket> <count>}...}...
 * where <bits> is a double's 64-bit pattern in 16 hex digits (NaN payloads and
 * signed zeros survive, unlike with %a or %.17g), and each of the k sketches
 * lists only its non-empty buckets. Text rather than binary so a journal can be
 * appended line by line and inspected with a pager.
 */
#include "sim_experiment.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_mem.h"
#include "sim_strbuf.h"

static uint64_t bits_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static void put_doubles(sim_strbuf *b, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sim_sb_printf(b, " %016" PRIx64, bits_of(x[i]));
}

int sim_rep_encode(const sim_model_desc *desc, size_t task, const sim_rep_result *res,
                   char **out, sim_err *err)
{
    sim_strbuf b;
    sim_sb_init(&b);
    size_t n_m = desc->n_groups * desc->n_metrics, n_s = res->n_points * desc->n_series;
    size_t n_d = desc->n_groups * desc->n_dists;
    sim_sb_printf(&b, "T %zu E %" PRIu64 " M %zu", task, res->events, n_m);
    put_doubles(&b, res->metrics, n_m);
    sim_sb_printf(&b, " S %zu %zu", res->n_points, n_s);
    put_doubles(&b, res->series, n_s);
    sim_sb_printf(&b, " D %zu", n_d);
    for (size_t i = 0; i < n_d; i++) {
        const sim_sketch *s = res->dists[i];
        size_t nb = sim_sketch_buckets(s), nnz = 0;
        for (size_t k = 0; k < nb; k++)
            nnz += sim_sketch_bucket_count(s, k) != 0;
        sim_sb_printf(&b, " %zu", nnz);
        for (size_t k = 0; k < nb; k++)
            if (sim_sketch_bucket_count(s, k) != 0)
                sim_sb_printf(&b, " %zu %" PRIu64, k, sim_sketch_bucket_count(s, k));
    }
    if (b.failed || b.p == NULL) {
        sim_sb_free(&b);
        return sim_err_nomem(err, "encoding a replication's results");
    }
    *out = b.p;
    return SIM_OK;
}

/* ---- decoding ---- */

typedef struct rd {
    const char *p;
    int bad;
} rd;

static uint64_t num(rd *r, int base)
{
    if (r->bad)
        return 0;
    while (*r->p == ' ')
        r->p++;
    if (!((*r->p >= '0' && *r->p <= '9') || (base == 16 && ((*r->p >= 'a' && *r->p <= 'f')))))
        goto bad;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(r->p, &end, base);
    if (errno != 0 || (*end != ' ' && *end != '\0' && *end != '\n'))
        goto bad;
    r->p = end;
    return (uint64_t)v;
bad:
    r->bad = 1;
    return 0;
}

static void tag(rd *r, char t)
{
    while (*r->p == ' ')
        r->p++;
    if (r->bad || *r->p != t || r->p[1] != ' ')
        r->bad = 1;
    else
        r->p++;
}

static void get_doubles(rd *r, double *x, size_t n)
{
    for (size_t i = 0; i < n && !r->bad; i++) {
        uint64_t u = num(r, 16);
        memcpy(&x[i], &u, sizeof u);
    }
}

int sim_rep_decode_task(const char *line, size_t *task, sim_err *err)
{
    rd r = {line, 0};
    tag(&r, 'T');
    uint64_t t = num(&r, 10);
    if (r.bad || t > SIZE_MAX)
        return sim_err_add(err, SIM_ERR_INPUT, "replication record: cannot read the task index");
    *task = (size_t)t;
    return SIM_OK;
}

int sim_rep_decode(const sim_model_desc *desc, const char *line, sim_rep_result *res,
                   sim_err *err)
{
    rd r = {line, 0};
    size_t n_m = desc->n_groups * desc->n_metrics, n_d = desc->n_groups * desc->n_dists;
    tag(&r, 'T');
    (void)num(&r, 10);
    tag(&r, 'E');
    uint64_t events = num(&r, 10);
    tag(&r, 'M');
    if (num(&r, 10) != n_m)
        r.bad = 1;
    get_doubles(&r, res->metrics, n_m);
    tag(&r, 'S');
    if (num(&r, 10) != res->n_points || num(&r, 10) != res->n_points * desc->n_series)
        r.bad = 1;
    get_doubles(&r, res->series, res->n_points * desc->n_series);
    tag(&r, 'D');
    if (num(&r, 10) != n_d)
        r.bad = 1;
    for (size_t i = 0; i < n_d && !r.bad; i++) {
        sim_sketch_reset(res->dists[i]);
        uint64_t nnz = num(&r, 10);
        for (uint64_t k = 0; k < nnz && !r.bad; k++) {
            uint64_t bucket = num(&r, 10), count = num(&r, 10);
            if (!r.bad && sim_sketch_set_bucket_count(res->dists[i], (size_t)bucket, count) != SIM_OK)
                r.bad = 1;
        }
    }
    while (!r.bad && (*r.p == ' ' || *r.p == '\n'))
        r.p++;
    if (r.bad || *r.p != '\0')
        return sim_err_add(err, SIM_ERR_INPUT,
                           "replication record does not match the model's shape (column %zu)",
                           (size_t)(r.p - line) + 1);
    res->events = events;
    return SIM_OK;
}
