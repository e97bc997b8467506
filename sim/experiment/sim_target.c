/* sim_target.c — parsing sweep targets and finding the swept value that meets one. */
#include "sim_target.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_mem.h"

static const char *const op_text[] = {">=", ">", "<=", "<"};

const char *sim_target_op_str(sim_target_op op) { return op_text[op]; }

static int same(const char *name, const char *s, size_t len)
{
    return strlen(name) == len && strncmp(name, s, len) == 0;
}

static int bad(sim_err *err, const char *text, const char *why, const sim_model_desc *d)
{
    char list[1024];
    size_t used = 0;
    list[0] = '\0';
    for (size_t i = 0; i < d->n_metrics && used < sizeof list - 1; i++) {
        int n = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", d->metrics[i].name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return sim_err_add(err, SIM_ERR_INPUT,
                       "--target '%s': %s; expected KPI[.GROUP]>=|<=|>|<NUMBER, KPIs: %s", text,
                       why, list);
}

int sim_kpi_find(const sim_model_desc *desc, const char *name, size_t len, size_t *metric, size_t *group)
{
    const char *dot = memchr(name, '.', len);
    size_t name_len = dot != NULL ? (size_t)(dot - name) : len;
    size_t m = 0, g = 0;
    while (m < desc->n_metrics && !same(desc->metrics[m].name, name, name_len))
        m++;
    if (m == desc->n_metrics)
        return 1;
    if (dot != NULL) {
        size_t glen = len - name_len - 1;
        while (g < desc->n_groups && !same(desc->groups[g], dot + 1, glen))
            g++;
        if (g == desc->n_groups)
            return 2;
    }
    *metric = m;
    *group = g;
    return 0;
}

int sim_target_parse(const char *text, const sim_model_desc *desc, sim_target *out, sim_err *err)
{
    const char *p = text;
    while (*p == ' ')
        p++;
    const char *name = p;
    while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
        p++;
    size_t name_len = (size_t)(p - name);
    const char *group = NULL;
    size_t group_len = 0;
    if (*p == '.') {
        group = ++p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
            p++;
        group_len = (size_t)(p - group);
    }
    while (*p == ' ')
        p++;
    int op = -1;
    if (p[0] == '>' && p[1] == '=')
        op = SIM_TGT_GE;
    else if (p[0] == '<' && p[1] == '=')
        op = SIM_TGT_LE;
    else if (p[0] == '>')
        op = SIM_TGT_GT;
    else if (p[0] == '<')
        op = SIM_TGT_LT;
    if (name_len == 0 || op < 0)
        return bad(err, text, "cannot read it", desc);
    p += strlen(op_text[op]);
    errno = 0;
    char *end;
    double thr = strtod(p, &end);
    while (end != p && *end == ' ')
        end++;
    if (end == p || *end != '\0' || errno != 0 || !isfinite(thr))
        return bad(err, text, "the threshold is not a finite number", desc);
    size_t m = 0, g = 0;
    int found = sim_kpi_find(desc, name, (size_t)((group != NULL ? group + group_len : name + name_len) - name), &m, &g);
    if (found == 1)
        return bad(err, text, "unknown KPI", desc);
    if (found == 2)
        return sim_err_add(err, SIM_ERR_INPUT, "--target '%s': unknown group '%.*s'", text,
                           (int)group_len, group);
    out->metric = m;
    out->group = g;
    out->op = (sim_target_op)op;
    out->threshold = thr;
    return SIM_OK;
}

void sim_target_format(const sim_target *t, const sim_model_desc *desc, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s%.15g", desc->metrics[t->metric].name, t->group ? "." : "",
             t->group ? desc->groups[t->group] : "", op_text[t->op], t->threshold);
}

int sim_target_meets(const sim_target *t, sim_exp_stat s)
{
    double lo = s.mean - s.ci95, hi = s.mean + s.ci95;
    switch (t->op) {
    case SIM_TGT_GE: return lo >= t->threshold;
    case SIM_TGT_GT: return lo > t->threshold;
    case SIM_TGT_LE: return hi <= t->threshold;
    case SIM_TGT_LT: return hi < t->threshold;
    }
    return 0;
}

/* Whether mean a is better than mean b for this target (NaN never is). */
static int better(const sim_target *t, double a, double b)
{
    return (t->op == SIM_TGT_GE || t->op == SIM_TGT_GT) ? a > b : a < b;
}

int sim_target_eval(const sim_target *t, const sim_exp *exp, sim_target_result *out,
                    sim_err *err)
{
    size_t n = sim_exp_configs(exp);
    out->met = 0;
    out->value = NAN;
    out->config = 0;
    out->high_side = 1;
    out->clean = 1;
    size_t *ord = sim_calloc(n, sizeof *ord);
    unsigned char *ok = sim_calloc(n, 1);
    if (ord == NULL || ok == NULL) {
        sim_free(ord);
        sim_free(ok);
        return sim_err_nomem(err, "evaluating the target");
    }
    /* Insertion sort by value, stable: equal values keep their command-line order. */
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        double v = sim_exp_config_at(exp, i)->value;
        while (j > 0 && sim_exp_config_at(exp, ord[j - 1])->value > v) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = i;
    }
    for (size_t i = 0; i < n; i++)
        ok[i] = (unsigned char)sim_target_meets(t, sim_exp_kpi(exp, ord[i], t->group, t->metric));
    /* The side where the target holds: from the ends' verdicts, else from the trend. */
    if (ok[0] != ok[n - 1]) {
        out->high_side = ok[n - 1];
    } else {
        double m_lo = sim_exp_kpi(exp, ord[0], t->group, t->metric).mean;
        double m_hi = sim_exp_kpi(exp, ord[n - 1], t->group, t->metric).mean;
        out->high_side = !better(t, m_lo, m_hi);
    }
    size_t k;
    if (out->high_side) {
        for (k = n; k > 0 && ok[k - 1]; k--)
            ;
        out->met = k < n;
        if (out->met)
            out->config = ord[k];
        for (size_t i = 0; i < k; i++)
            if (ok[i])
                out->clean = 0;
    } else {
        for (k = 0; k < n && ok[k]; k++)
            ;
        out->met = k > 0;
        if (out->met)
            out->config = ord[k - 1];
        for (size_t i = k; i < n; i++)
            if (ok[i])
                out->clean = 0;
    }
    if (out->met)
        out->value = sim_exp_config_at(exp, out->config)->value;
    sim_free(ord);
    sim_free(ok);
    return SIM_OK;
}
