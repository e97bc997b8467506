/*
 * cli_calibrate.c — govsim calibrate: fit numeric fields of a scenario to KPI
 * targets.
 *
 *   govsim calibrate S.json --target KPI[.GROUP]=VALUE[:TOL] ... --param PATH:LOW:HIGH ...
 *
 * Every candidate runs the same replications (same seed: common random
 * numbers), so the objective changes smoothly with the parameters rather than
 * with the noise of new draws. The objective is the sum of squared
 * ((mean - target) / tolerance); the search is GSL's Nelder-Mead simplex
 * (gsl_multimin_fminimizer_nmsimplex2) over unbounded coordinates mapped into
 * [LOW, HIGH] by a logistic, starting from the middle of the box. Each
 * evaluation is appended to DIR/.govsim/calibration.journal, so an interrupted
 * calibration (Ctrl-C) continues with --resume: the search is deterministic and
 * takes the evaluations it made before from the journal.
 *
 * At the end, the parameters' 95 % intervals come from the replications: the
 * targets' means have a Monte Carlo error (their CI), and through the
 * Jacobian J of the means on the parameters (central differences, same
 * replications) the fitted values inherit
 *     Cov(theta) = (J'WJ)^-1 J'W S W J (J'WJ)^-1,  W = diag(1/tol^2), S = diag(se^2),
 * what another set of replications would move them by. A parameter no target
 * responds to has no interval (null) and a warning.
 *
 * Output: DIR/calibrated.json (a scenario that extends S and sets the fitted
 * values) and DIR/calibration.json (values, intervals, each target's achieved
 * value ± CI, the search's path).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>

#include "cli.h"
#include "cli_resume.h"
#include "model_registry.h"
#include "sim_experiment.h"
#include "sim_mem.h"
#include "sim_output.h"
#include "sim_target.h"

#define DEFAULT_MAX_EVALS 60
#define SIMPLEX_SIZE_DONE 1e-3 /* in the unbounded coordinates: about 0.03 % of a range */
#define BAD_OBJECTIVE 1e12     /* a target undefined for a candidate */

typedef struct cal_target {
    const char *text;
    size_t kpi, group;
    double value, tol;
} cal_target;

typedef struct cal_param {
    char *path;
    double lo, hi;
} cal_param;

typedef struct cal_eval {
    double *theta, *mean, *hw;
    double objective;
} cal_eval;

typedef struct calib {
    const cli_args *a;
    const model_kind *model;
    cal_target *t;
    size_t nt;
    cal_param *p;
    size_t np;
    unsigned threads;
    char *out_dir;
    FILE *journal;
    cal_eval *evals; /* every evaluation made, in order (journal) */
    size_t n_evals, cap_evals;
    cal_eval *known; /* from the journal of an interrupted calibration */
    size_t n_known;
    size_t max_evals;
    int stopped;     /* interrupted, or a run failed: stop_rc says how */
    int stop_rc;
    sim_err *err;
    char *name;      /* the scenario's name */
} calib;

/* ---- parsing ---- */

static int parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* KPI[.GROUP]=VALUE[:TOL]; the tolerance defaults to 0.01 for shares, else
 * 2 % of the value. */
static int parse_target(const sim_model_desc *d, const char *text, cal_target *t, sim_err *err)
{
    t->text = text;
    const char *eq = strchr(text, '=');
    if (eq == NULL)
        return sim_err_add(err, SIM_ERR_INPUT, "--target '%s': expected KPI[.GROUP]=VALUE[:TOLERANCE]", text);
    size_t klen = (size_t)(eq - text);
    int found = sim_kpi_find(d, text, klen, &t->kpi, &t->group);
    if (found == 1)
        return sim_err_add(err, SIM_ERR_INPUT, "--target '%s': no KPI '%.*s'; see docs/output.md for the names",
                           text, (int)strcspn(text, ".="), text);
    if (found == 2)
        return sim_err_add(err, SIM_ERR_INPUT, "--target '%s': no group '%.*s'", text,
                           (int)(klen - strcspn(text, ".") - 1), text + strcspn(text, ".") + 1);
    char num[64];
    snprintf(num, sizeof num, "%s", eq + 1);
    char *colon = strchr(num, ':');
    if (colon != NULL)
        *colon = '\0';
    if (!parse_number(num, &t->value))
        return sim_err_add(err, SIM_ERR_INPUT, "--target '%s': the value is not a number", text);
    int share = strcmp(d->metrics[t->kpi].unit, "share") == 0;
    t->tol = share ? 0.01 : fmax(1e-9, 0.02 * fabs(t->value));
    if (colon != NULL && (!parse_number(colon + 1, &t->tol) || !(t->tol > 0)))
        return sim_err_add(err, SIM_ERR_INPUT, "--target '%s': the tolerance must be a number above 0", text);
    if (share && (t->value < 0 || t->value > 1))
        return sim_err_add(err, SIM_ERR_INPUT, "--target '%s': %s is a share; allowed: a value from 0 to 1", text,
                           d->metrics[t->kpi].name);
    return SIM_OK;
}

/* PATH:LOW:HIGH (the path itself has no ':'). */
static int parse_param(const char *text, cal_param *p, sim_err *err)
{
    const char *c2 = strrchr(text, ':'), *c1 = NULL;
    for (const char *q = text; c2 != NULL && q < c2; q++)
        if (*q == ':')
            c1 = q;
    if (c1 == NULL || c1 == text)
        return sim_err_add(err, SIM_ERR_INPUT, "--param '%s': expected PATH:LOW:HIGH", text);
    char lo[64], hi[64];
    snprintf(lo, sizeof lo, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
    snprintf(hi, sizeof hi, "%s", c2 + 1);
    if (!parse_number(lo, &p->lo) || !parse_number(hi, &p->hi))
        return sim_err_add(err, SIM_ERR_INPUT, "--param '%s': LOW and HIGH must be numbers", text);
    if (!(p->lo < p->hi))
        return sim_err_add(err, SIM_ERR_INPUT, "--param '%s': LOW must be below HIGH", text);
    p->path = sim_malloc((size_t)(c1 - text) + 1);
    if (p->path == NULL)
        return sim_err_nomem(err, "reading the command line");
    memcpy(p->path, text, (size_t)(c1 - text));
    p->path[c1 - text] = '\0';
    if (strchr(p->path, '[') != NULL)
        return sim_err_add(err, SIM_ERR_INPUT,
                           "--param '%s': a field inside a list cannot be written to calibrated.json (lists "
                           "replace, they do not merge); allowed: a field of an object", text);
    return SIM_OK;
}

/* Whether a proper prefix of path names a list (departments.housing.x). */
static int through_list(const scn_schema *schema, const char *path)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *dot = strchr(buf, '.'); dot != NULL; dot = strchr(dot + 1, '.')) {
        *dot = '\0';
        const scn_field *f = scn_schema_find(schema, buf);
        *dot = '.';
        if (f != NULL && (f->type == SCN_ARRAY || f->type == SCN_MAP))
            return 1;
    }
    return 0;
}

/* ---- one evaluation ---- */

static double to_theta(const cal_param *p, double x) { return p->lo + (p->hi - p->lo) / (1.0 + exp(-x)); }

/* The scenario with the --set fields and the parameters at theta. */
static int load_at(calib *c, const double *theta, void **config)
{
    const cli_args *a = c->a;
    size_t n = a->n_sets + c->np;
    scn_override *o = sim_calloc(n, sizeof *o);
    char (*text)[32] = sim_calloc(c->np + 1, sizeof *text);
    int rc = o == NULL || text == NULL ? sim_err_nomem(c->err, "calibrating") : SIM_OK;
    for (size_t i = 0; rc == SIM_OK && i < a->n_sets; i++)
        o[i] = a->sets[i];
    for (size_t j = 0; rc == SIM_OK && j < c->np; j++) {
        snprintf(text[j], sizeof text[j], "%.17g", theta[j]);
        o[a->n_sets + j] = (scn_override){c->p[j].path, text[j]};
    }
    if (rc == SIM_OK)
        rc = c->model->load(a->files[0], o, n, config, c->err);
    sim_free(o);
    sim_free(text);
    return rc;
}

static const cal_eval *find_known(const calib *c, const double *theta)
{
    for (size_t i = 0; i < c->n_known; i++)
        if (memcmp(c->known[i].theta, theta, c->np * sizeof *theta) == 0)
            return &c->known[i];
    return NULL;
}

static double objective_of(const calib *c, const double *mean)
{
    double s = 0;
    for (size_t i = 0; i < c->nt; i++) {
        if (isnan(mean[i]))
            return BAD_OBJECTIVE;
        double r = (mean[i] - c->t[i].value) / c->t[i].tol;
        s += r * r;
    }
    return s;
}

static cal_eval *new_eval(calib *c)
{
    if (c->n_evals == c->cap_evals) {
        size_t cap = c->cap_evals ? 2 * c->cap_evals : 32;
        cal_eval *e = sim_reallocarray(c->evals, cap, sizeof *e);
        if (e == NULL)
            return NULL;
        c->evals = e;
        c->cap_evals = cap;
    }
    cal_eval *e = &c->evals[c->n_evals];
    e->theta = sim_calloc(c->np, sizeof *e->theta);
    e->mean = sim_calloc(c->nt, sizeof *e->mean);
    e->hw = sim_calloc(c->nt, sizeof *e->hw);
    if (e->theta == NULL || e->mean == NULL || e->hw == NULL) {
        sim_free(e->theta);
        sim_free(e->mean);
        sim_free(e->hw);
        return NULL;
    }
    c->n_evals++;
    return e;
}

static void journal_line(calib *c, const cal_eval *e)
{
    fputs("eval", c->journal);
    for (size_t j = 0; j < c->np; j++)
        fprintf(c->journal, " %.17g", e->theta[j]);
    for (size_t i = 0; i < c->nt; i++)
        fprintf(c->journal, " %.17g %.17g", e->mean[i], e->hw[i]);
    fputc('\n', c->journal);
    fflush(c->journal);
}

/* Run the replications at theta, or take them from an evaluation made before
 * (the simplex returns to its points) or from the journal. */
static int evaluate(calib *c, const double *theta, cal_eval **out)
{
    for (size_t i = 0; i < c->n_evals; i++)
        if (memcmp(c->evals[i].theta, theta, c->np * sizeof *theta) == 0) {
            *out = &c->evals[i];
            return SIM_OK;
        }
    cal_eval *e = new_eval(c);
    if (e == NULL)
        return sim_err_nomem(c->err, "calibrating");
    memcpy(e->theta, theta, c->np * sizeof *theta);
    const cal_eval *k = find_known(c, theta);
    if (k != NULL) {
        memcpy(e->mean, k->mean, c->nt * sizeof *e->mean);
        memcpy(e->hw, k->hw, c->nt * sizeof *e->hw);
    } else {
        void *config = NULL;
        int rc = load_at(c, theta, &config);
        if (rc != SIM_OK)
            return rc;
        sim_exp_config ec = {config, c->model->name(config), NAN, c->model->warmup(config), NULL};
        sim_exp_opts eo = {c->a->seed, c->a->reps, c->threads, NULL, NULL, cli_stop_flag(), 0, NULL};
        sim_exp *x = sim_exp_create(c->model->ops, &ec, 1, &eo, c->err);
        rc = x == NULL ? (sim_err_failed(c->err) ? c->err->status : SIM_ERR_RUNTIME) : sim_exp_run(x, c->err);
        for (size_t i = 0; rc == SIM_OK && i < c->nt; i++) {
            sim_exp_stat s = sim_exp_kpi(x, 0, c->t[i].group, c->t[i].kpi);
            e->mean[i] = s.mean;
            e->hw[i] = s.ci95;
        }
        sim_exp_destroy(x);
        c->model->free(config);
        if (rc != SIM_OK)
            return rc;
        journal_line(c, e);
    }
    e->objective = objective_of(c, e->mean);
    *out = e;
    return SIM_OK;
}

static void progress(const calib *c, const cal_eval *e)
{
    if (c->a->quiet)
        return;
    fprintf(stderr, "calibrate: %zu/%zu objective %.4g at", c->n_evals, c->max_evals, e->objective);
    for (size_t j = 0; j < c->np; j++)
        fprintf(stderr, " %s=%.6g", c->p[j].path, e->theta[j]);
    fputc('\n', stderr);
}

/* GSL's objective: the parameters at the logistic of x. */
static double gsl_objective(const gsl_vector *x, void *ctx)
{
    calib *c = ctx;
    if (c->stopped || c->n_evals >= c->max_evals)
        return BAD_OBJECTIVE; /* the search is over; the loop stops it */
    double theta[64];
    for (size_t j = 0; j < c->np; j++)
        theta[j] = to_theta(&c->p[j], gsl_vector_get(x, j));
    cal_eval *e;
    size_t before = c->n_evals;
    int rc = evaluate(c, theta, &e);
    if (rc != SIM_OK) {
        c->stopped = 1;
        c->stop_rc = rc;
        return BAD_OBJECTIVE;
    }
    if (c->n_evals > before)
        progress(c, e);
    return e->objective;
}

/* ---- the search ---- */

static const cal_eval *best_eval(const calib *c)
{
    const cal_eval *b = NULL;
    for (size_t i = 0; i < c->n_evals; i++)
        if (b == NULL || c->evals[i].objective < b->objective)
            b = &c->evals[i];
    return b;
}

static int search(calib *c)
{
    const gsl_multimin_fminimizer_type *type = gsl_multimin_fminimizer_nmsimplex2;
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(type, c->np);
    gsl_vector *x = gsl_vector_calloc(c->np), *step = gsl_vector_alloc(c->np);
    if (s == NULL || x == NULL || step == NULL) {
        gsl_multimin_fminimizer_free(s);
        gsl_vector_free(x);
        gsl_vector_free(step);
        return sim_err_nomem(c->err, "calibrating");
    }
    gsl_vector_set_all(step, 1.0);
    gsl_multimin_function f = {gsl_objective, c->np, c};
    gsl_multimin_fminimizer_set(s, &f, x, step);
    /* Iterations that only revisit points cost nothing, but are bounded too. */
    for (size_t it = 0; !c->stopped && c->n_evals < c->max_evals && it < 20 * c->max_evals; it++) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), SIMPLEX_SIZE_DONE) == GSL_SUCCESS)
            break;
    }
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return c->stopped ? c->stop_rc : SIM_OK;
}

/* ---- uncertainty ---- */

typedef struct fit {
    double *theta, *ci; /* ci NaN: no target responds to the parameter */
    size_t best;        /* index of the best evaluation (evaluations move as more are made) */
} fit;

/* Central differences of the targets' means at the best parameters, h = 2 %
 * of the range (one-sided at a bound). */
static int jacobian(calib *c, const double *theta, gsl_matrix *J)
{
    double th[64];
    for (size_t j = 0; j < c->np; j++) {
        double h = 0.02 * (c->p[j].hi - c->p[j].lo);
        double up = fmin(c->p[j].hi, theta[j] + h), down = fmax(c->p[j].lo, theta[j] - h);
        cal_eval *e;
        double upper[64];
        memcpy(th, theta, c->np * sizeof *th);
        th[j] = up;
        int rc = evaluate(c, th, &e);
        if (rc != SIM_OK)
            return rc;
        memcpy(upper, e->mean, c->nt * sizeof *upper); /* e moves with the next evaluation */
        th[j] = down;
        if ((rc = evaluate(c, th, &e)) != SIM_OK)
            return rc;
        for (size_t i = 0; i < c->nt; i++)
            gsl_matrix_set(J, i, j, (upper[i] - e->mean[i]) / (up - down));
    }
    return SIM_OK;
}

/* Cov(theta) = A^-1 B A^-1, A = J'WJ, B = J'W S W J. */
static int intervals(calib *c, fit *f)
{
    size_t nt = c->nt, np = c->np;
    gsl_matrix *J = gsl_matrix_calloc(nt, np), *A = gsl_matrix_calloc(np, np), *B = gsl_matrix_calloc(np, np);
    gsl_matrix *WJ = gsl_matrix_calloc(nt, np), *SWJ = gsl_matrix_calloc(nt, np), *Ainv = gsl_matrix_calloc(np, np);
    gsl_matrix *T = gsl_matrix_calloc(np, np), *cov = gsl_matrix_calloc(np, np);
    gsl_permutation *perm = gsl_permutation_alloc(np);
    int rc = J && A && B && WJ && SWJ && Ainv && T && cov && perm ? SIM_OK : sim_err_nomem(c->err, "calibrating");
    if (rc == SIM_OK)
        rc = jacobian(c, f->theta, J);
    for (size_t j = 0; j < np; j++)
        f->ci[j] = NAN;
    if (rc == SIM_OK) {
        const cal_eval *best = &c->evals[f->best];
        for (size_t i = 0; i < nt; i++) {
            double w = 1.0 / (c->t[i].tol * c->t[i].tol);
            /* hw is the replications' 95 % half-width: t(0.975, reps - 1) standard errors */
            double se = best->hw[i] / gsl_cdf_tdist_Pinv(0.975, (double)c->a->reps - 1.0);
            for (size_t j = 0; j < np; j++) {
                gsl_matrix_set(WJ, i, j, w * gsl_matrix_get(J, i, j));
                gsl_matrix_set(SWJ, i, j, se * se * w * gsl_matrix_get(J, i, j));
            }
        }
        gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, J, WJ, 0.0, A);
        gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, WJ, SWJ, 0.0, B);
        int sign;
        gsl_matrix *LU = gsl_matrix_alloc(np, np);
        if (LU != NULL) {
            gsl_matrix_memcpy(LU, A);
            gsl_linalg_LU_decomp(LU, perm, &sign);
            if (fabs(gsl_linalg_LU_det(LU, sign)) > 1e-300) {
                gsl_linalg_LU_invert(LU, perm, Ainv);
                gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Ainv, B, 0.0, T);
                gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, T, Ainv, 0.0, cov);
                for (size_t j = 0; j < np; j++) {
                    double v = gsl_matrix_get(cov, j, j);
                    f->ci[j] = v >= 0 && gsl_matrix_get(A, j, j) > 0 ? 1.96 * sqrt(v) : NAN;
                }
            }
            gsl_matrix_free(LU);
        }
    }
    gsl_matrix_free(J);
    gsl_matrix_free(A);
    gsl_matrix_free(B);
    gsl_matrix_free(WJ);
    gsl_matrix_free(SWJ);
    gsl_matrix_free(Ainv);
    gsl_matrix_free(T);
    gsl_matrix_free(cov);
    gsl_permutation_free(perm);
    return rc;
}

/* ---- output ---- */

/* {"a": {"b": v}} for path "a.b". */
static int set_path(cJSON *root, const char *path, double v)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    cJSON *o = root;
    char *save = NULL, *tok = strtok_r(buf, ".", &save);
    while (tok != NULL) {
        char *next = strtok_r(NULL, ".", &save);
        if (next == NULL)
            return cJSON_AddNumberToObject(o, tok, v) != NULL ? 0 : -1;
        cJSON *child = cJSON_GetObjectItemCaseSensitive(o, tok);
        if (child == NULL && (child = cJSON_AddObjectToObject(o, tok)) == NULL)
            return -1;
        o = child;
        tok = next;
    }
    return -1;
}

typedef struct out_ctx {
    calib *c;
    fit *f;
    const cal_eval *best;
} out_ctx;

static int write_text(FILE *out, cJSON *j, sim_err *err)
{
    char *text = j != NULL ? cJSON_Print(j) : NULL;
    if (text == NULL)
        return sim_err_nomem(err, "writing the calibration");
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
    return SIM_OK;
}

static int write_calibrated(FILE *out, void *ctx, sim_err *err)
{
    out_ctx *o = ctx;
    char abs[4096];
    const char *file = o->c->a->files[0];
    if (file[0] != '/' && getcwd(abs, sizeof abs) != NULL) {
        size_t n = strlen(abs);
        snprintf(abs + n, sizeof abs - n, "/%s", file);
        file = abs;
    }
    cJSON *j = cJSON_CreateObject();
    char name[300];
    snprintf(name, sizeof name, "%s calibrated", o->c->name);
    int bad = j == NULL || cJSON_AddStringToObject(j, "extends", file) == NULL ||
              cJSON_AddStringToObject(j, "name", name) == NULL;
    for (size_t i = 0; !bad && i < o->c->a->n_sets; i++)
        bad = set_path(j, o->c->a->sets[i].path, strtod(o->c->a->sets[i].value, NULL)) != 0;
    for (size_t k = 0; !bad && k < o->c->np; k++)
        bad = set_path(j, o->c->p[k].path, o->f->theta[k]) != 0;
    int rc = bad ? sim_err_nomem(err, "writing calibrated.json") : write_text(out, j, err);
    cJSON_Delete(j);
    return rc;
}

static cJSON *num(double x) { return isnan(x) ? cJSON_CreateNull() : cJSON_CreateNumber(x); }

static int write_report(FILE *out, void *ctx, sim_err *err)
{
    out_ctx *o = ctx;
    calib *c = o->c;
    const sim_model_desc *d = c->model->ops->desc;
    cJSON *j = cJSON_CreateObject(), *ps = cJSON_AddArrayToObject(j, "params");
    cJSON *ts = cJSON_AddArrayToObject(j, "targets"), *path = cJSON_AddArrayToObject(j, "path");
    int bad = j == NULL || ps == NULL || ts == NULL || path == NULL;
    bad = bad || !cJSON_AddStringToObject(j, "scenario", c->a->files[0]) ||
          !cJSON_AddNumberToObject(j, "reps", (double)c->a->reps) ||
          !cJSON_AddNumberToObject(j, "seed", (double)c->a->seed) ||
          !cJSON_AddNumberToObject(j, "evaluations", (double)c->n_evals) ||
          !cJSON_AddItemToObject(j, "objective", num(o->best->objective));
    for (size_t k = 0; !bad && k < c->np; k++) {
        cJSON *p = cJSON_CreateObject();
        bad = p == NULL || !cJSON_AddItemToArray(ps, p) || !cJSON_AddStringToObject(p, "path", c->p[k].path) ||
              !cJSON_AddNumberToObject(p, "value", o->f->theta[k]) ||
              !cJSON_AddItemToObject(p, "ci95", num(o->f->ci[k])) || !cJSON_AddNumberToObject(p, "low", c->p[k].lo) ||
              !cJSON_AddNumberToObject(p, "high", c->p[k].hi);
    }
    for (size_t i = 0; !bad && i < c->nt; i++) {
        cJSON *t = cJSON_CreateObject();
        bad = t == NULL || !cJSON_AddItemToArray(ts, t) || !cJSON_AddStringToObject(t, "kpi", d->metrics[c->t[i].kpi].name) ||
              !cJSON_AddStringToObject(t, "group", d->groups[c->t[i].group]) ||
              !cJSON_AddNumberToObject(t, "target", c->t[i].value) ||
              !cJSON_AddNumberToObject(t, "tolerance", c->t[i].tol) ||
              !cJSON_AddItemToObject(t, "achieved", num(o->best->mean[i])) ||
              !cJSON_AddItemToObject(t, "ci95", num(o->best->hw[i]));
    }
    for (size_t e = 0; !bad && e < c->n_evals; e++) {
        cJSON *v = cJSON_CreateObject(), *th = cJSON_CreateDoubleArray(c->evals[e].theta, (int)c->np);
        bad = v == NULL || th == NULL || !cJSON_AddItemToArray(path, v) || !cJSON_AddItemToObject(v, "values", th) ||
              !cJSON_AddItemToObject(v, "objective", num(c->evals[e].objective));
    }
    int rc = bad ? sim_err_nomem(err, "writing calibration.json") : write_text(out, j, err);
    cJSON_Delete(j);
    return rc;
}

/* ---- the journal (resume) ---- */

/* The header says what is calibrated; a resumed calibration must say the same. */
static void header(const calib *c, FILE *f)
{
    fprintf(f, "govsim-calibration 1\nscenario %s\nseed %llu\nreps %zu\n", c->a->files[0],
            (unsigned long long)c->a->seed, c->a->reps);
    for (size_t i = 0; i < c->a->n_sets; i++)
        fprintf(f, "set %s=%s\n", c->a->sets[i].path, c->a->sets[i].value);
    for (size_t i = 0; i < c->nt; i++)
        fprintf(f, "target %s %.17g %.17g\n", c->t[i].text, c->t[i].value, c->t[i].tol);
    for (size_t j = 0; j < c->np; j++)
        fprintf(f, "param %s %.17g %.17g\n", c->p[j].path, c->p[j].lo, c->p[j].hi);
}

static int read_known(calib *c, const char *path, const char *expect)
{
    size_t len = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return sim_err_add(c->err, SIM_ERR_INPUT, "%s: --resume: no calibration to continue here", c->out_dir);
    char *line = NULL;
    size_t cap = 0, hlen = strlen(expect), got = 0;
    char *head = sim_calloc(hlen + 1, 1);
    int rc = head == NULL ? sim_err_nomem(c->err, "resuming") : SIM_OK;
    while (rc == SIM_OK && getline(&line, &cap, f) > 0) {
        if (strncmp(line, "eval ", 5) != 0) {
            len = strlen(line);
            if (got + len <= hlen)
                memcpy(head + got, line, len);
            got += len;
            continue;
        }
        cal_eval *k = sim_reallocarray(c->known, c->n_known + 1, sizeof *k);
        if (k == NULL) {
            rc = sim_err_nomem(c->err, "resuming");
            break;
        }
        c->known = k;
        cal_eval *e = &c->known[c->n_known];
        e->theta = sim_calloc(c->np, sizeof *e->theta);
        e->mean = sim_calloc(c->nt, sizeof *e->mean);
        e->hw = sim_calloc(c->nt, sizeof *e->hw);
        if (e->theta == NULL || e->mean == NULL || e->hw == NULL) {
            sim_free(e->theta), sim_free(e->mean), sim_free(e->hw);
            rc = sim_err_nomem(c->err, "resuming");
            break;
        }
        c->n_known++;
        char *p = line + 5, *end;
        for (size_t j = 0; j < c->np; j++, p = end)
            e->theta[j] = strtod(p, &end);
        for (size_t i = 0; i < c->nt; i++) {
            e->mean[i] = strtod(p, &end);
            e->hw[i] = strtod(end, &p);
        }
    }
    free(line);
    fclose(f);
    if (rc == SIM_OK && (got != hlen || memcmp(head, expect, hlen) != 0))
        rc = sim_err_add(c->err, SIM_ERR_INPUT, "%s: --resume: the calibration there differs from this command "
                                                "(scenario, seed, reps, --set, targets or params); add --force "
                                                "to start over", c->out_dir);
    sim_free(head);
    return rc;
}

static int open_journal(calib *c)
{
    int rc = sim_out_prepare_dir(c->out_dir, c->err);
    if (rc == SIM_OK)
        rc = sim_out_prepare_subdir(c->out_dir, ".govsim", c->err);
    if (rc != SIM_OK)
        return rc;
    char path[4200], *expect = NULL;
    size_t elen = 0;
    snprintf(path, sizeof path, "%s/.govsim/calibration.journal", c->out_dir);
    FILE *mem = open_memstream(&expect, &elen);
    if (mem == NULL)
        return sim_err_nomem(c->err, "calibrating");
    header(c, mem);
    fclose(mem);
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (c->a->resume)
        rc = read_known(c, path, expect);
    else if (exists && !c->a->force)
        rc = sim_err_add(c->err, SIM_ERR_INPUT, "%s already holds a calibration; add --resume to continue it or "
                                                "--force to start over", c->out_dir);
    if (rc == SIM_OK) {
        c->journal = fopen(path, "w");
        if (c->journal == NULL)
            rc = sim_err_add(c->err, SIM_ERR_INPUT, "%s: cannot write (%s)", path, strerror(errno));
        else {
            fputs(expect, c->journal);
            for (size_t i = 0; i < c->n_known; i++)
                journal_line(c, &c->known[i]);
        }
    }
    free(expect);
    return rc;
}

/* ---- the command ---- */

static void free_evals(cal_eval *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sim_free(e[i].theta);
        sim_free(e[i].mean);
        sim_free(e[i].hw);
    }
    sim_free(e);
}

static int prepare(calib *c)
{
    const cli_args *a = c->a;
    int rc = model_detect(a->files[0], &c->model, c->err);
    if (rc != SIM_OK)
        return rc;
    c->nt = a->n_cal_targets;
    c->np = a->n_cal_params;
    c->t = sim_calloc(c->nt, sizeof *c->t);
    c->p = sim_calloc(c->np, sizeof *c->p);
    if (c->t == NULL || c->p == NULL)
        return sim_err_nomem(c->err, "calibrating");
    if (c->np > 64)
        return sim_err_add(c->err, SIM_ERR_INPUT, "calibrate: at most 64 --param");
    for (size_t i = 0; i < c->nt; i++)
        if (parse_target(c->model->ops->desc, a->cal_targets[i], &c->t[i], c->err) != SIM_OK)
            rc = SIM_ERR_INPUT;
    for (size_t j = 0; j < c->np; j++) {
        if (parse_param(a->cal_params[j], &c->p[j], c->err) != SIM_OK) {
            rc = SIM_ERR_INPUT;
            continue;
        }
        /* Only a field that holds any number can be searched over, and only
         * one calibrated.json can set by extending: not inside a list. */
        if (c->model->schema != NULL && through_list(c->model->schema, c->p[j].path)) {
            rc = sim_err_add(c->err, SIM_ERR_INPUT,
                             "--param '%s': a field inside a list cannot be written to calibrated.json (lists "
                             "replace, they do not merge); allowed: a field of an object", a->cal_params[j]);
            continue;
        }
        const scn_field *fd = c->model->schema != NULL ? scn_schema_find(c->model->schema, c->p[j].path) : NULL;
        if (fd != NULL && fd->type != SCN_NUMBER && fd->type != SCN_SHARE && fd->type != SCN_DURATION)
            rc = sim_err_add(c->err, SIM_ERR_INPUT,
                             "--param '%s': %s is not a number field (a whole number, a text, a choice or a list); "
                             "allowed: a field that holds any number", a->cal_params[j], c->p[j].path);
    }
    if (rc != SIM_OK)
        return rc;
    /* The parameters at both ends must load: a path that is not a number, or
     * a range the field refuses, is an input error now, not in the middle. */
    double lo[64], hi[64];
    for (size_t j = 0; j < c->np; j++) {
        lo[j] = c->p[j].lo;
        hi[j] = c->p[j].hi;
    }
    void *config = NULL;
    if ((rc = load_at(c, lo, &config)) != SIM_OK)
        return rc;
    c->model->free(config);
    if ((rc = load_at(c, hi, &config)) != SIM_OK)
        return rc;
    const char *name = c->model->name(config);
    c->name = sim_strdup(name != NULL ? name : "scenario");
    unsigned one = c->threads;
    rc = c->name == NULL ? sim_err_nomem(c->err, "calibrating")
                         : cli_check_size(c->model, &config, a->files, 1, &one, a->quiet, c->err);
    c->threads = one;
    c->model->free(config);
    if (rc != SIM_OK)
        return rc;
    if (a->out != NULL)
        c->out_dir = sim_strdup(a->out);
    else {
        char safe[256], buf[300];
        sim_out_safe_name(c->name, safe, sizeof safe);
        snprintf(buf, sizeof buf, "results/%s-calibration", safe);
        c->out_dir = sim_strdup(buf);
    }
    return c->out_dir == NULL ? sim_err_nomem(c->err, "calibrating") : SIM_OK;
}

static int finish(calib *c)
{
    const cal_eval *b = best_eval(c);
    fit f = {NULL, NULL, b != NULL ? (size_t)(b - c->evals) : 0};
    f.theta = sim_calloc(c->np, sizeof *f.theta);
    f.ci = sim_calloc(c->np, sizeof *f.ci);
    if (f.theta == NULL || f.ci == NULL || b == NULL) {
        sim_free(f.theta);
        sim_free(f.ci);
        return b == NULL ? sim_err_add(c->err, SIM_ERR_RUNTIME, "calibrate: nothing was evaluated")
                         : sim_err_nomem(c->err, "calibrating");
    }
    memcpy(f.theta, b->theta, c->np * sizeof *f.theta);
    int rc = intervals(c, &f);
    out_ctx o = {c, &f, &c->evals[f.best]}; /* evaluations may have moved */
    if (rc == SIM_OK)
        rc = sim_out_atomic(c->out_dir, "calibrated.json", write_calibrated, &o, c->err);
    if (rc == SIM_OK)
        rc = sim_out_atomic(c->out_dir, "calibration.json", write_report, &o, c->err);
    if (rc == SIM_OK && !c->a->quiet) {
        const sim_model_desc *d = c->model->ops->desc;
        printf("calibrated %s in %zu evaluations (objective %.4g):\n", c->a->files[0], c->n_evals, o.best->objective);
        for (size_t j = 0; j < c->np; j++) {
            if (isnan(f.ci[j]))
                printf("  %s = %.6g (no target responds to it: no interval)\n", c->p[j].path, f.theta[j]);
            else
                printf("  %s = %.6g ± %.3g\n", c->p[j].path, f.theta[j], f.ci[j]);
        }
        for (size_t i = 0; i < c->nt; i++)
            printf("  %s%s%s: %.6g ± %.3g (target %.6g ± %.3g)\n", d->metrics[c->t[i].kpi].name,
                   c->t[i].group ? "." : "", c->t[i].group ? d->groups[c->t[i].group] : "", o.best->mean[i],
                   o.best->hw[i], c->t[i].value, c->t[i].tol);
        printf("results: %s\n", c->out_dir);
    }
    for (size_t j = 0; rc == SIM_OK && j < c->np; j++)
        if (isnan(f.ci[j]) && !c->a->quiet)
            fprintf(stderr, "warning: %s: no target responds to %s; its value is arbitrary\n", c->a->files[0],
                    c->p[j].path);
    sim_free(f.theta);
    sim_free(f.ci);
    return rc;
}

int cli_calibrate(const cli_args *a, sim_err *err)
{
    calib c = {.a = a, .err = err};
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    c.threads = a->threads ? a->threads : ncpu < 1 ? 1 : ncpu > CLI_MAX_THREADS ? CLI_MAX_THREADS : (unsigned)ncpu;
    c.max_evals = a->max_evals ? a->max_evals : DEFAULT_MAX_EVALS;
    cli_signals_install(a->quiet);
    int rc = prepare(&c);
    if (rc == SIM_OK)
        rc = open_journal(&c);
    if (rc == SIM_OK)
        rc = search(&c);
    if (rc == SIM_OK)
        rc = finish(&c);
    if (rc == SIM_ERR_INTERRUPTED)
        sim_err_add(err, SIM_ERR_INTERRUPTED,
                    "interrupted after %zu evaluations; the same command with --resume continues", c.n_evals);
    cli_signals_restore();
    if (c.journal != NULL)
        fclose(c.journal);
    free_evals(c.evals, c.n_evals);
    free_evals(c.known, c.n_known);
    for (size_t j = 0; j < c.np; j++)
        sim_free(c.p[j].path);
    sim_free(c.p);
    sim_free(c.t);
    sim_free(c.out_dir);
    sim_free(c.name);
    return rc;
}
