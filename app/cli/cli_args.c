/*
 * cli_args.c — the command line: commands, options, value lists.
 *
 * Options may come before or after the scenario files, as `--opt VALUE` or
 * `--opt=VALUE`; `--` ends the options. Every problem is reported (one line
 * each) rather than only the first, so one attempt shows all that is wrong.
 */
#include "cli.h"
#include "cli_trace.h"
#include "model_registry.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "sim_mem.h"

enum opt_id {
    O_REPS, O_SEED, O_OUT, O_THREADS, O_PLOT, O_LANG, O_QUIET, O_PARAM, O_VALUES, O_TARGET,
    O_REPORT, O_RESUME, O_FORCE, O_SET, O_MAX_EVALS, O_RANGE, O_DESIGN, O_PRECISION, O_MAX_REPS, O_TRACE, O_XLSX, O_METHOD, O_SAMPLES, O_LEVELS, N_OPTS
};

typedef struct opt {
    const char *name;
    int takes_value;
    int sweep_only;
} opt;

static const opt opts[N_OPTS] = {
    {"reps", 1, 0},  {"seed", 1, 0},  {"out", 1, 0},   {"threads", 1, 0}, {"plot", 0, 0},
    {"lang", 1, 0},  {"quiet", 0, 0}, {"param", 1, 1}, {"values", 1, 1},  {"target", 1, 1},
    {"report", 0, 0}, {"resume", 0, 0}, {"force", 0, 0}, {"set", 1, 0}, {"max-evals", 1, 0},
    {"range", 1, 1},  {"design", 1, 1}, {"precision", 1, 0}, {"max-reps", 1, 0}, {"trace", 1, 0}, {"xlsx", 0, 0},
    {"method", 1, 0}, {"samples", 1, 0}, {"levels", 1, 0},
};

int cli_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return 0;
    *out = (uint64_t)v;
    return 1;
}

static int parse_double(const char *s, double *out)
{
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* A value from from + i * step, cut to 12 significant digits so 0.1:0.5:0.1
 * gives 0.3 rather than 0.30000000000000004. */
static double tidy(double v)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.12g", v);
    return strtod(buf, NULL);
}

int cli_parse_values(const char *text, double **values, size_t *n, sim_err *err)
{
    *values = NULL;
    *n = 0;
    char *copy = sim_strdup(text);
    if (copy == NULL)
        return sim_err_nomem(err, "reading --values");
    int rc = SIM_OK;
    double *v = NULL;
    size_t count = 0;
    if (strchr(copy, ':') != NULL) {
        char *p1 = strchr(copy, ':'), *p2 = p1 ? strchr(p1 + 1, ':') : NULL;
        double from, to, step;
        if (p2 == NULL || strchr(p2 + 1, ':') != NULL) {
            rc = sim_err_add(err, SIM_ERR_INPUT, "--values '%s': expected FROM:TO:STEP, e.g. 8:30:2", text);
            goto out;
        }
        *p1 = *p2 = '\0';
        if (!parse_double(copy, &from) || !parse_double(p1 + 1, &to) || !parse_double(p2 + 1, &step) ||
            !(step > 0) || !(to >= from)) {
            rc = sim_err_add(err, SIM_ERR_INPUT,
                             "--values '%s': FROM:TO:STEP needs numbers with FROM <= TO and STEP > 0", text);
            goto out;
        }
        double span = (to - from) / step;
        if (span + 1 > CLI_MAX_VALUES) {
            rc = sim_err_add(err, SIM_ERR_INPUT, "--values '%s': more than %d values", text, CLI_MAX_VALUES);
            goto out;
        }
        count = (size_t)floor(span + 1e-9) + 1;
        v = sim_calloc(count, sizeof *v);
        if (v == NULL) {
            rc = sim_err_nomem(err, "reading --values");
            goto out;
        }
        for (size_t i = 0; i < count; i++)
            v[i] = tidy(from + (double)i * step);
    } else {
        count = 1;
        for (const char *p = copy; *p; p++)
            count += *p == ',';
        if (count > CLI_MAX_VALUES) {
            rc = sim_err_add(err, SIM_ERR_INPUT, "--values '%s': more than %d values", text, CLI_MAX_VALUES);
            goto out;
        }
        v = sim_calloc(count, sizeof *v);
        if (v == NULL) {
            rc = sim_err_nomem(err, "reading --values");
            goto out;
        }
        char *tok = copy;
        for (size_t i = 0; i < count; i++) {
            char *comma = strchr(tok, ',');
            if (comma != NULL)
                *comma = '\0';
            if (!parse_double(tok, &v[i])) {
                rc = sim_err_add(err, SIM_ERR_INPUT,
                                 "--values '%s': '%s' is not a number; expected a list like 8,12,18 "
                                 "or FROM:TO:STEP", text, tok);
                goto out;
            }
            for (size_t j = 0; j < i; j++)
                if (v[j] == v[i]) {
                    rc = sim_err_add(err, SIM_ERR_INPUT, "--values '%s': %s appears twice", text, tok);
                    goto out;
                }
            tok = comma != NULL ? comma + 1 : tok;
        }
    }
out:
    sim_free(copy);
    if (rc != SIM_OK) {
        sim_free(v);
        return rc;
    }
    *values = v;
    *n = count;
    return SIM_OK;
}

/* --values of a factor: numbers (8,12,18 or FROM:TO:STEP), or, when a value
 * is not a number, a list of choices kept as text (layered,whistle). */
static int factor_values(cli_factor *f, const char *val, sim_err *err)
{
    sim_err quiet;
    sim_err_init(&quiet);
    double *num = NULL;
    size_t n = 0;
    int numeric = cli_parse_values(val, &num, &n, &quiet) == SIM_OK;
    if (!numeric && strchr(val, ':') != NULL)
        return cli_parse_values(val, &num, &n, err); /* a range is numeric: say what is wrong with it */
    if (!numeric) {
        n = 1;
        for (const char *p = val; *p; p++)
            n += *p == ',';
        if (n > CLI_MAX_VALUES)
            return sim_err_add(err, SIM_ERR_INPUT, "--values '%s': more than %d values", val, CLI_MAX_VALUES);
    }
    f->text = sim_calloc(n, sizeof *f->text);
    f->num = numeric ? num : sim_calloc(n, sizeof *f->num);
    if (f->text == NULL || f->num == NULL)
        return sim_err_nomem(err, "reading --values");
    f->n = n;
    f->categorical = !numeric;
    const char *tok = val;
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        if (numeric) {
            snprintf(buf, sizeof buf, "%.17g", num[i]); /* reads back as the same double */
            f->text[i] = sim_strdup(buf);
        } else {
            const char *comma = strchr(tok, ',');
            size_t len = comma != NULL ? (size_t)(comma - tok) : strlen(tok);
            f->text[i] = sim_malloc(len + 1);
            if (f->text[i] != NULL) {
                memcpy(f->text[i], tok, len);
                f->text[i][len] = '\0';
            }
            f->num[i] = NAN;
            tok = comma != NULL ? comma + 1 : tok + len;
        }
        if (f->text[i] == NULL)
            return sim_err_nomem(err, "reading --values");
        if (!numeric && f->text[i][0] == '\0')
            return sim_err_add(err, SIM_ERR_INPUT, "--values '%s': an empty value", val);
        for (size_t j = 0; !numeric && j < i; j++)
            if (strcmp(f->text[j], f->text[i]) == 0)
                return sim_err_add(err, SIM_ERR_INPUT, "--values '%s': %s appears twice", val, f->text[i]);
    }
    return SIM_OK;
}

static int factor_range(cli_factor *f, const char *val, sim_err *err)
{
    const char *colon = strchr(val, ':');
    char lo[64];
    if (colon == NULL || (size_t)(colon - val) >= sizeof lo)
        return sim_err_add(err, SIM_ERR_INPUT, "--range '%s': expected LOW:HIGH", val);
    snprintf(lo, sizeof lo, "%.*s", (int)(colon - val), val);
    if (!parse_double(lo, &f->lo) || !parse_double(colon + 1, &f->hi))
        return sim_err_add(err, SIM_ERR_INPUT, "--range '%s': LOW and HIGH must be numbers", val);
    if (!(f->lo < f->hi))
        return sim_err_add(err, SIM_ERR_INPUT, "--range '%s': LOW must be below HIGH", val);
    f->has_range = 1;
    return SIM_OK;
}

static cli_factor *last_factor(cli_args *a, const char *option, sim_err *err)
{
    if (a->n_factors == 0) {
        sim_err_add(err, SIM_ERR_INPUT, "%s: give --param PATH first (the field it is for)", option);
        return NULL;
    }
    return &a->factors[a->n_factors - 1];
}

static int new_factor(cli_args *a, const char *path, sim_err *err)
{
    cli_factor *f = sim_reallocarray(a->factors, a->n_factors + 1, sizeof *f);
    if (f == NULL)
        return sim_err_nomem(err, "reading the command line");
    a->factors = f;
    memset(&f[a->n_factors], 0, sizeof *f);
    f[a->n_factors++].path = path;
    return SIM_OK;
}

/* sensitivity: --param PATH:LOW:HIGH (the path itself has no ':'). */
static int sa_param(cli_args *a, const char *val, sim_err *err)
{
    const char *colon = strchr(val, ':');
    if (colon == NULL || colon == val)
        return sim_err_add(err, SIM_ERR_INPUT, "--param '%s': expected PATH:LOW:HIGH, e.g. "
                                               "staffing.community_workers_per_10k:12:24", val);
    if (a->n_factors >= SIM_SA_MAX_PARAMS)
        return sim_err_add(err, SIM_ERR_INPUT, "--param '%s': at most %d parameters", val, SIM_SA_MAX_PARAMS);
    char *path = sim_malloc((size_t)(colon - val) + 1);
    if (path == NULL)
        return sim_err_nomem(err, "reading the command line");
    memcpy(path, val, (size_t)(colon - val));
    path[colon - val] = '\0';
    int rc = new_factor(a, path, err);
    if (rc != SIM_OK) {
        sim_free(path);
        return rc;
    }
    cli_factor *f = &a->factors[a->n_factors - 1];
    f->owned_path = path;
    sim_err local;
    sim_err_init(&local);
    if (factor_range(f, colon + 1, &local) != SIM_OK)
        return sim_err_add(err, SIM_ERR_INPUT, "--param '%s': expected PATH:LOW:HIGH with numbers LOW < HIGH", val);
    return SIM_OK;
}

static int append(const char ***list, size_t *n, const char *val, sim_err *err)
{
    const char **l = sim_reallocarray(*list, *n + 1, sizeof *l);
    if (l == NULL)
        return sim_err_nomem(err, "reading the command line");
    *list = l;
    l[(*n)++] = val;
    return SIM_OK;
}

/* --set PATH=VALUE: the field path and its value as a scenario would write it
 * (the field's type reads it: 18, "2h", true, whistle, [1, 2]). */
static int add_set(cli_args *a, const char *val, sim_err *err)
{
    const char *eq = strchr(val, '=');
    if (eq == NULL || eq == val || eq[1] == '\0')
        return sim_err_add(err, SIM_ERR_INPUT, "--set '%s': expected PATH=VALUE, e.g. "
                                               "--set staffing.community_workers_per_10k=12", val);
    scn_override *s = sim_reallocarray(a->sets, a->n_sets + 1, sizeof *s);
    if (s == NULL)
        return sim_err_nomem(err, "reading the command line");
    a->sets = s;
    /* The path is copied so it can end at the '='; the value points into argv. */
    char *path = sim_malloc((size_t)(eq - val) + 1);
    if (path == NULL)
        return sim_err_nomem(err, "reading the command line");
    memcpy(path, val, (size_t)(eq - val));
    path[eq - val] = '\0';
    a->sets[a->n_sets++] = (scn_override){path, eq + 1};
    return SIM_OK;
}

static int set_option(cli_args *a, enum opt_id id, const char *val, sim_err *err)
{
    uint64_t u;
    switch (id) {
    case O_REPS:
        if (!cli_parse_u64(val, CLI_MAX_REPS, &u) || u < 1)
            return sim_err_add(err, SIM_ERR_INPUT, "--reps '%s': expected a whole number from 1 to %d",
                               val, CLI_MAX_REPS);
        a->reps = (size_t)u;
        return SIM_OK;
    case O_SEED:
        if (!cli_parse_u64(val, UINT64_MAX, &u))
            return sim_err_add(err, SIM_ERR_INPUT,
                               "--seed '%s': expected a whole number from 0 to 18446744073709551615", val);
        a->seed = u;
        return SIM_OK;
    case O_THREADS:
        if (!cli_parse_u64(val, CLI_MAX_THREADS, &u) || u < 1)
            return sim_err_add(err, SIM_ERR_INPUT, "--threads '%s': expected a whole number from 1 to %d",
                               val, CLI_MAX_THREADS);
        a->threads = (unsigned)u;
        return SIM_OK;
    case O_LANG:
        if (strcmp(val, "en") != 0 && strcmp(val, "zh") != 0)
            return sim_err_add(err, SIM_ERR_INPUT, "--lang '%s': allowed: en, zh", val);
        a->zh = strcmp(val, "zh") == 0;
        return SIM_OK;
    case O_OUT:
        if (*val == '\0')
            return sim_err_add(err, SIM_ERR_INPUT, "--out: empty directory name");
        a->out = val;
        return SIM_OK;
    case O_PARAM:
        if (*val == '\0')
            return sim_err_add(err, SIM_ERR_INPUT, "--param: empty field path");
        if (a->cmd == CLI_CALIBRATE)
            return append(&a->cal_params, &a->n_cal_params, val, err);
        if (a->sa)
            return sa_param(a, val, err);
        return new_factor(a, val, err);
    case O_TARGET:
        if (a->cmd == CLI_CALIBRATE)
            return append(&a->cal_targets, &a->n_cal_targets, val, err);
        a->target = val;
        return SIM_OK;
    case O_MAX_EVALS:
        if (!cli_parse_u64(val, 100000, &u) || u < 1)
            return sim_err_add(err, SIM_ERR_INPUT, "--max-evals '%s': expected a whole number from 1 to 100000", val);
        a->max_evals = (size_t)u;
        return SIM_OK;
    case O_VALUES: {
        cli_factor *f = last_factor(a, "--values", err);
        if (f == NULL)
            return SIM_ERR_INPUT;
        if (f->values_given)
            return sim_err_add(err, SIM_ERR_INPUT, "--values given twice for --param %s", f->path);
        f->values_given = 1;
        return factor_values(f, val, err);
    }
    case O_RANGE: {
        cli_factor *f = last_factor(a, "--range", err);
        return f == NULL ? SIM_ERR_INPUT : factor_range(f, val, err);
    }
    case O_DESIGN:
        if (strncmp(val, "lhs:", 4) != 0 || !cli_parse_u64(val + 4, CLI_MAX_VALUES, &u) || u < 2)
            return sim_err_add(err, SIM_ERR_INPUT, "--design '%s': expected lhs:N, N from 2 to %d (a Latin "
                                                   "hypercube of N points over the --range of every --param)",
                               val, CLI_MAX_VALUES);
        a->lhs_points = (size_t)u;
        return SIM_OK;
    case O_PLOT:
        a->plot = 1;
        return SIM_OK;
    case O_QUIET:
        a->quiet = 1;
        return SIM_OK;
    case O_REPORT:
        a->report = 1;
        return SIM_OK;
    case O_RESUME:
        a->resume = 1;
        return SIM_OK;
    case O_FORCE:
        a->force = 1;
        return SIM_OK;
    case O_SET:
        return add_set(a, val, err);
    case O_PRECISION:
        /* KPI names are the model's: checked once the scenario is loaded */
        if (strchr(val, '=') == NULL)
            return sim_err_add(err, SIM_ERR_INPUT, "--precision '%s': expected KPI[.GROUP]=HALFWIDTH, e.g. "
                                                   "mean_wait_min=0.5", val);
        return append(&a->precisions, &a->n_precisions, val, err);
    case O_MAX_REPS:
        if (!cli_parse_u64(val, CLI_MAX_REPS, &u) || u < 2)
            return sim_err_add(err, SIM_ERR_INPUT, "--max-reps '%s': expected a whole number from 2 to %d",
                               val, CLI_MAX_REPS);
        a->max_reps = (size_t)u;
        return SIM_OK;
    case O_XLSX:
        a->xlsx = 1;
        return SIM_OK;
    case O_METHOD:
        if (strcmp(val, "morris") != 0 && strcmp(val, "sobol") != 0)
            return sim_err_add(err, SIM_ERR_INPUT, "--method '%s': allowed: morris, sobol", val);
        a->sa_plan.method = strcmp(val, "sobol") == 0 ? SIM_SA_SOBOL : SIM_SA_MORRIS;
        return SIM_OK;
    case O_SAMPLES:
        if (!cli_parse_u64(val, CLI_MAX_VALUES, &u) || u < 2)
            return sim_err_add(err, SIM_ERR_INPUT, "--samples '%s': expected a whole number from 2 to %d", val,
                               CLI_MAX_VALUES);
        a->sa_plan.samples = (size_t)u;
        return SIM_OK;
    case O_LEVELS:
        if (!cli_parse_u64(val, 100, &u) || u < 2 || u % 2 != 0)
            return sim_err_add(err, SIM_ERR_INPUT, "--levels '%s': expected an even number from 2 to 100 (the "
                                                   "Morris grid)", val);
        a->sa_plan.levels = (size_t)u;
        return SIM_OK;
    case O_TRACE:
        a->trace = val;
        return cli_trace_check_name(val, err);
    case N_OPTS:
        break;
    }
    return SIM_ERR_INPUT;
}

static const struct {
    const char *name;
    cli_cmd cmd;
} commands[] = {{"run", CLI_RUN}, {"compare", CLI_COMPARE}, {"sweep", CLI_SWEEP}, {"sensitivity", CLI_SWEEP},
               {"check", CLI_CHECK},
                {"calibrate", CLI_CALIBRATE}};

static int check_counts(const cli_args *a, const int *seen, sim_err *err)
{
    int rc = SIM_OK;
    const char *cmd = a->cmd == CLI_RUN ? "run" : a->cmd == CLI_COMPARE ? "compare"
                    : a->cmd == CLI_SWEEP ? (a->sa ? "sensitivity" : "sweep") : a->cmd == CLI_CALIBRATE ? "calibrate" : "check";
    if (a->cmd == CLI_COMPARE && a->n_files < 2)
        rc = sim_err_add(err, SIM_ERR_INPUT, "compare: needs at least two scenario files, got %zu", a->n_files);
    else if ((a->cmd == CLI_RUN || a->cmd == CLI_SWEEP || a->cmd == CLI_CALIBRATE) && a->n_files != 1)
        rc = sim_err_add(err, SIM_ERR_INPUT, "%s: needs exactly one scenario file, got %zu", cmd, a->n_files);
    else if (a->cmd == CLI_CHECK && a->n_files < 1)
        rc = sim_err_add(err, SIM_ERR_INPUT, "check: needs at least one scenario file");
    /* (--values or --range without a --param has said so already) */
    if (a->sa && !seen[O_PARAM])
        rc = sim_err_add(err, SIM_ERR_INPUT, "sensitivity: --param PATH:LOW:HIGH is required (a parameter and "
                                             "its range; repeatable)");
    if (a->cmd == CLI_SWEEP && !a->sa && !seen[O_PARAM] && !seen[O_VALUES] && !seen[O_RANGE])
        rc = sim_err_add(err, SIM_ERR_INPUT, "sweep: --param PATH is required (the field to vary)");
    for (size_t k = 0; a->cmd == CLI_SWEEP && !a->sa && k < a->n_factors; k++) {
        const cli_factor *f = &a->factors[k];
        if (a->lhs_points == 0 && !f->values_given)
            rc = sim_err_add(err, SIM_ERR_INPUT, "sweep: --param %s needs --values LIST (e.g. 8,12,18, 8:30:2 or "
                                                 "layered,whistle)", f->path);
        if (a->lhs_points > 0 && !f->has_range)
            rc = sim_err_add(err, SIM_ERR_INPUT, "sweep --design lhs: --param %s needs --range LOW:HIGH", f->path);
        if (a->lhs_points > 0 && f->values_given)
            rc = sim_err_add(err, SIM_ERR_INPUT, "sweep --design lhs: --param %s has --values; a Latin hypercube "
                                                 "takes --range only", f->path);
        if (a->lhs_points == 0 && f->has_range)
            rc = sim_err_add(err, SIM_ERR_INPUT, "sweep: --range of --param %s needs --design lhs:N", f->path);
    }
    if (a->cmd == CLI_CALIBRATE && !seen[O_TARGET])
        rc = sim_err_add(err, SIM_ERR_INPUT, "calibrate: --target KPI=VALUE is required (what to fit to)");
    if (a->cmd == CLI_CALIBRATE && !seen[O_PARAM])
        rc = sim_err_add(err, SIM_ERR_INPUT, "calibrate: --param PATH:LOW:HIGH is required (what to fit)");
    if (a->cmd == CLI_CALIBRATE && a->reps < 2)
        rc = sim_err_add(err, SIM_ERR_INPUT, "calibrate: --reps 2 or more (the fit reports confidence intervals)");
    if (seen[O_RESUME] && seen[O_FORCE])
        rc = sim_err_add(err, SIM_ERR_INPUT, "--resume and --force exclude each other: --resume continues "
                                             "the results in the output directory, --force replaces them");
    if (a->cmd == CLI_SWEEP && seen[O_TARGET] &&
        (a->n_factors != 1 || a->lhs_points > 0 || (a->n_factors == 1 && a->factors[0].categorical)))
        rc = sim_err_add(err, SIM_ERR_INPUT, "--target needs one numeric --param with --values (it finds the value "
                                             "where the target starts to hold)");
    if (a->cmd == CLI_SWEEP && seen[O_TARGET] && a->reps < 2)
        rc = sim_err_add(err, SIM_ERR_INPUT, "--target needs --reps 2 or more (it tests confidence intervals)");
    if (seen[O_MAX_REPS] && !seen[O_PRECISION])
        rc = sim_err_add(err, SIM_ERR_INPUT, "--max-reps caps --precision: give --precision KPI=HALFWIDTH too, "
                                             "or --reps N for a fixed count");
    if (seen[O_PRECISION] && a->reps < 2)
        rc = sim_err_add(err, SIM_ERR_INPUT, "--precision needs --reps 2 or more to start from (a confidence "
                                             "interval needs two replications)");
    if (seen[O_PRECISION] && seen[O_MAX_REPS] && a->max_reps < a->reps)
        rc = sim_err_add(err, SIM_ERR_INPUT, "--max-reps %zu is below --reps %zu (the replications to start "
                                             "with)", a->max_reps, a->reps);
    return rc;
}

/* The option at argv[*i] (and its value, --opt=VALUE or the next word). */
static int parse_option(cli_args *a, int argc, char **argv, int *i, int *seen, sim_err *err)
{
    const char *arg = argv[*i], *c = argv[1];
    const char *eq = strchr(arg, '=');
    size_t len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
    enum opt_id id = N_OPTS;
    for (int o = 0; o < N_OPTS && arg[1] == '-'; o++)
        if (strlen(opts[o].name) == len - 2 && strncmp(arg + 2, opts[o].name, len - 2) == 0)
            id = (enum opt_id)o;
    if (id == N_OPTS)
        return sim_err_add(err, SIM_ERR_INPUT, "%s: unknown option '%.*s'; see govsim --help", c, (int)len, arg);
    const char *val = NULL;
    if (opts[id].takes_value) {
        if (eq != NULL)
            val = eq + 1;
        else if (*i + 1 < argc)
            val = argv[++*i];
        else
            return sim_err_add(err, SIM_ERR_INPUT, "--%s: missing value", opts[id].name);
    } else if (eq != NULL) {
        return sim_err_add(err, SIM_ERR_INPUT, "--%s takes no value", opts[id].name);
    }
    /* --set may be given for several fields; calibrate fits several targets and parameters */
    int repeatable = id == O_SET || id == O_PRECISION || (a->cmd == CLI_CALIBRATE && (id == O_TARGET || id == O_PARAM)) ||
                     (a->cmd == CLI_SWEEP && (id == O_PARAM || id == O_VALUES || id == O_RANGE));
    /* govsim sensitivity: a sweep over a design of its own */
    int sa_opt = id == O_METHOD || id == O_SAMPLES || id == O_LEVELS;
    int not_sa = id == O_VALUES || id == O_RANGE || id == O_DESIGN || id == O_TARGET || id == O_PRECISION ||
                 id == O_MAX_REPS || id == O_REPORT || id == O_MAX_EVALS;
    if ((a->sa && not_sa) || (!a->sa && sa_opt))
        return sim_err_add(err, SIM_ERR_INPUT, "--%s does not apply to '%s'", opts[id].name, c);
    if (seen[id]++ && !repeatable)
        return sim_err_add(err, SIM_ERR_INPUT, "--%s given twice", opts[id].name);
    int calibrate_opt = id == O_TARGET || id == O_PARAM || id == O_MAX_EVALS;
    int sequential = id == O_PRECISION || id == O_MAX_REPS || id == O_TRACE || id == O_XLSX;
    int applies = a->cmd == CLI_CALIBRATE ? (calibrate_opt || !opts[id].sweep_only) && id != O_PLOT &&
                                                id != O_REPORT && !sequential
                                          : !(opts[id].sweep_only && a->cmd != CLI_SWEEP) && id != O_MAX_EVALS;
    if (!applies || (a->cmd == CLI_CHECK && id != O_QUIET && id != O_SET))
        return sim_err_add(err, SIM_ERR_INPUT, "--%s does not apply to '%s'", opts[id].name, c);
    return set_option(a, id, val, err);
}

/* The design's points: the full factorial of the factors' values (the first
 * factor slowest), or a Latin hypercube of lhs_points over their ranges: each
 * range cut into N equal strata, one point in each stratum of every factor,
 * the strata paired by independent random permutations (seeded by --seed, so
 * the design is reproducible), the point uniform within its stratum. */
static int build_design(cli_args *a, sim_err *err)
{
    size_t nf = a->n_factors, n = 1;
    if (a->sa) {
        a->sa_plan.k = nf;
        if (a->sa_plan.samples == 0)
            a->sa_plan.samples = a->sa_plan.method == SIM_SA_MORRIS ? 10 : 64;
        n = sim_sa_points(&a->sa_plan);
        if (n > CLI_MAX_VALUES)
            return sim_err_add(err, SIM_ERR_INPUT, "sensitivity: %zu design points (at most %d): fewer --samples or "
                                                   "parameters", n, CLI_MAX_VALUES);
    } else if (a->lhs_points > 0) {
        n = a->lhs_points;
    } else {
        for (size_t k = 0; k < nf; k++) {
            if (a->factors[k].n > CLI_MAX_VALUES / n)
                return sim_err_add(err, SIM_ERR_INPUT, "sweep: more than %d design points", CLI_MAX_VALUES);
            n *= a->factors[k].n;
        }
    }
    a->point_text = sim_calloc(n * nf, sizeof *a->point_text);
    a->values = sim_calloc(n, sizeof *a->values);
    if (a->point_text == NULL || a->values == NULL)
        return sim_err_nomem(err, "building the design");
    a->n_values = n;
    int one_numeric = nf == 1 && !a->factors[0].categorical && !a->sa;
    if (a->sa) {
        size_t got = 0;
        int rc = sim_sa_design(&a->sa_plan, a->seed, &a->sa_u, &got, err);
        for (size_t p = 0; rc == SIM_OK && p < n; p++) {
            for (size_t k = 0; k < nf && rc == SIM_OK; k++) {
                const cli_factor *f = &a->factors[k];
                char buf[40];
                snprintf(buf, sizeof buf, "%.17g", f->lo + (f->hi - f->lo) * a->sa_u[p * nf + k]);
                if ((a->point_text[p * nf + k] = sim_strdup(buf)) == NULL)
                    rc = sim_err_nomem(err, "building the design");
            }
            a->values[p] = NAN;
        }
        if (rc != SIM_OK)
            return rc;
    } else if (a->lhs_points > 0) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        size_t *perm = sim_calloc(n, sizeof *perm);
        if (r == NULL || perm == NULL) {
            gsl_rng_free(r);
            sim_free(perm);
            return sim_err_nomem(err, "building the design");
        }
        gsl_rng_set(r, (unsigned long)(a->seed ^ 0x9e3779b97f4a7c15ULL));
        int rc = SIM_OK;
        for (size_t k = 0; k < nf && rc == SIM_OK; k++) {
            const cli_factor *f = &a->factors[k];
            for (size_t i = 0; i < n; i++)
                perm[i] = i;
            gsl_ran_shuffle(r, perm, n, sizeof *perm);
            for (size_t i = 0; i < n && rc == SIM_OK; i++) {
                double v = f->lo + (f->hi - f->lo) * ((double)perm[i] + gsl_rng_uniform(r)) / (double)n;
                char buf[40];
                snprintf(buf, sizeof buf, "%.17g", v);
                if ((a->point_text[i * nf + k] = sim_strdup(buf)) == NULL)
                    rc = sim_err_nomem(err, "building the design");
                if (one_numeric)
                    a->values[i] = v;
            }
        }
        gsl_rng_free(r);
        sim_free(perm);
        if (rc != SIM_OK)
            return rc;
    } else {
        for (size_t p = 0; p < n; p++) {
            size_t rest = p;
            for (size_t k = nf; k-- > 0;) {
                const cli_factor *f = &a->factors[k];
                size_t i = rest % f->n;
                rest /= f->n;
                if ((a->point_text[p * nf + k] = sim_strdup(f->text[i])) == NULL)
                    return sim_err_nomem(err, "building the design");
                if (one_numeric)
                    a->values[p] = f->num[i];
            }
            if (!one_numeric)
                a->values[p] = NAN;
        }
    }
    if (!one_numeric || a->lhs_points > 0)
        for (size_t p = 0; p < n && !one_numeric; p++)
            a->values[p] = NAN;
    /* The label of the design's columns: the field, or the fields joined. */
    size_t len = 1;
    for (size_t k = 0; k < nf; k++)
        len += strlen(a->factors[k].path) + 5;
    a->param_label = sim_calloc(len, 1);
    if (a->param_label == NULL)
        return sim_err_nomem(err, "building the design");
    for (size_t k = 0; k < nf; k++) {
        if (k > 0)
            strcat(a->param_label, " × ");
        strcat(a->param_label, a->factors[k].path);
    }
    a->param = a->param_label;
    return SIM_OK;
}

int cli_args_parse(int argc, char **argv, cli_args *a, sim_err *err)
{
    memset(a, 0, sizeof *a);
    a->reps = CLI_DEFAULT_REPS;
    a->max_reps = CLI_DEFAULT_MAX_REPS;
    a->seed = CLI_DEFAULT_SEED;
    a->argc = argc;
    a->argv = argv;
    if (argc < 2)
        return sim_err_add(err, SIM_ERR_INPUT, "missing command; see govsim --help");
    const char *c = argv[1];
    if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0 || strcmp(c, "help") == 0) {
        a->cmd = CLI_HELP;
        return argc == 2 ? SIM_OK : sim_err_add(err, SIM_ERR_INPUT, "--help takes no arguments");
    }
    if (strcmp(c, "--version") == 0) {
        a->cmd = CLI_VERSION_CMD;
        return argc == 2 ? SIM_OK : sim_err_add(err, SIM_ERR_INPUT, "--version takes no arguments");
    }
    size_t k = 0;
    while (k < sizeof commands / sizeof commands[0] && strcmp(commands[k].name, c) != 0)
        k++;
    if (k == sizeof commands / sizeof commands[0])
        return sim_err_add(err, SIM_ERR_INPUT,
                           "unknown command '%s'; allowed: run, compare, sweep, sensitivity, check, calibrate, serve, --help, "
                           "--version", c);
    a->cmd = commands[k].cmd;
    a->sa = strcmp(c, "sensitivity") == 0;
    a->sa_plan = (sim_sa_plan){SIM_SA_MORRIS, 0, 0, 4};
    a->files = sim_calloc((size_t)argc, sizeof *a->files);
    if (a->files == NULL)
        return sim_err_nomem(err, "reading the command line");
    int seen[N_OPTS] = {0}, rc = SIM_OK, only_files = 0;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (only_files || arg[0] != '-' || arg[1] == '\0') {
            a->files[a->n_files++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            a->cmd = CLI_HELP;
            return SIM_OK;
        }
        if (parse_option(a, argc, argv, &i, seen, err) != SIM_OK)
            rc = err->status;
    }
    if (check_counts(a, seen, err) != SIM_OK)
        rc = SIM_ERR_INPUT;
    if (!seen[O_MAX_REPS] && a->max_reps < a->reps)
        a->max_reps = a->reps;
    if (rc == SIM_OK && a->cmd == CLI_SWEEP)
        rc = build_design(a, err);
    return rc;
}

void cli_args_free(cli_args *a)
{
    sim_free(a->files);
    sim_free(a->values);
    for (size_t k = 0; k < a->n_factors; k++) {
        for (size_t i = 0; i < a->factors[k].n; i++)
            sim_free(a->factors[k].text[i]);
        sim_free(a->factors[k].text);
        sim_free(a->factors[k].num);
    }
    for (size_t k = 0; k < a->n_factors; k++)
        sim_free(a->factors[k].owned_path);
    sim_free(a->factors);
    sim_free(a->sa_u);
    a->sa_u = NULL;
    for (size_t i = 0; a->point_text != NULL && i < a->n_values * a->n_factors; i++)
        sim_free(a->point_text[i]);
    sim_free(a->point_text);
    sim_free(a->param_label);
    a->factors = NULL;
    a->point_text = NULL;
    a->param_label = NULL;
    for (size_t i = 0; i < a->n_sets; i++)
        sim_free((char *)a->sets[i].path);
    sim_free(a->sets);
    sim_free(a->cal_targets);
    sim_free(a->cal_params);
    sim_free(a->precisions);
    a->cal_targets = a->cal_params = a->precisions = NULL;
    a->files = NULL;
    a->values = NULL;
    a->sets = NULL;
    a->n_sets = 0;
}

void cli_usage(FILE *f)
{
    fputs(
        "usage: govsim run SCENARIO.json [options]\n"
        "       govsim compare A.json B.json [C.json ...] [options]\n"
        "       govsim sweep SCENARIO.json --param PATH --values LIST [--target EXPR] [options]\n"
        "       govsim check SCENARIO.json [...]\n"
        "       govsim sensitivity SCENARIO.json --param PATH:LOW:HIGH ... [--method morris|sobol]\n"
        "       govsim calibrate SCENARIO.json --target KPI[.GROUP]=VALUE[:TOL] ... --param PATH:LOW:HIGH ...\n"
        "       govsim serve SCENARIO.json [more.json ...] [--port N] [--host ADDR] [--lang zh] [--reps N]\n"
        "                    [--seed S] [--out DIR]\n"
        "       govsim --help | --version\n"
        "\n"
        "commands:\n"
        "  run       replications of one scenario: each KPI's mean and 95 % confidence interval\n"
        "  compare   the same replications of several scenarios with common random numbers,\n"
        "            and paired differences against the first scenario\n"
        "  sweep     one scenario at each point of a design: a field set to each value of LIST,\n"
        "            the full factorial of several, or a Latin hypercube (--design lhs:N)\n"
        "  sensitivity  global sensitivity of every KPI to the parameters (--param PATH:LOW:HIGH,\n"
        "            repeatable): Morris elementary effects (mu*, sigma) or Sobol indices (first-order,\n"
        "            total, bootstrap CIs); writes DIR/sensitivity.csv, with --plot a figure per headline KPI\n"
        "  check     validate scenario files only\n"
        "  calibrate fit numeric fields (--param PATH:LOW:HIGH, repeatable) to KPI targets\n"
        "            (--target KPI[.GROUP]=VALUE[:TOL], repeatable) with common random numbers and\n"
        "            a simplex search; writes DIR/calibrated.json and DIR/calibration.json\n"
        "  serve     a local web page for a classroom (http://127.0.0.1:8765/ by default): sliders for\n"
        "            the scenario's main levers rerun it (--reps, default 2) beside the pinned baseline,\n"
        "            with paired differences; files only under --out (default results/serve); docs/serve.md\n"
        "\n"
        "options:\n"
        "  --reps N       replications per scenario (default 10)\n"
        "  --seed S       base random seed, 0 to 2^64-1 (default 1); same seed, same results\n"
        "  --out DIR      output directory (default results/<scenario name>)\n"
        "  --threads T    replications run at once (default: one per core); results do not\n"
        "                 depend on it\n"
        "  --plot         draw figures with gnuplot into DIR/plots (PNG, SVG, script, data)\n"
        "  --report       also write report.html: one self-contained page with the question,\n"
        "                 the headline results, every figure and every KPI (implies --plot)\n"
        "  --lang en|zh   language of the figures, the table and the report (default en)\n"
        "  --quiet        print nothing but errors\n"
        "  --resume       continue the interrupted run whose results are in the output directory\n"
        "                 (same scenarios, seed and options); finished replications are kept\n"
        "  --force        replace the results of another run in the output directory\n"
        "  --set PATH=VALUE  set a field of every scenario, as the file would write it (repeatable;\n"
        "                 e.g. --set staffing.community_workers_per_10k=12 --set routing.rule=whistle)\n"
        "  --param PATH   sweep: the field to vary, dotted (e.g. staffing.community_workers_per_10k)\n"
        "  --values LIST  sweep: 8,12,18,24 or FROM:TO:STEP such as 8:30:2, or choices such as\n"
        "                 layered,whistle; several --param PATH --values LIST pairs give the full\n"
        "                 factorial\n"
        "  --design lhs:N sweep: a Latin hypercube of N points over the --range LOW:HIGH of each --param\n"
        "  --max-evals N  calibrate: at most N evaluations of the search (default 60)\n"
        "  --method M     sensitivity: morris (default; r (k+1) runs) or sobol (N (k+2) runs)\n"
        "  --samples N    sensitivity: Morris trajectories (default 10) or Sobol base points (default 64)\n"
        "  --levels P     sensitivity --method morris: grid levels, even (default 4)\n"
        "  --target EXPR  sweep: e.g. 'resolution_rate>=0.95'; reports the swept value where the\n"
        "                 target starts to hold with its whole confidence interval\n"
        "  --precision KPI[.GROUP]=HALFWIDTH  add replications (from --reps) until the KPI's 95 %\n"
        "                 CI half-width is at most HALFWIDTH in every scenario (repeatable)\n"
        "  --max-reps N   with --precision: stop at N replications (default 1000)\n"
        "  --trace NAME   also write DIR/NAME (e.g. cases.csv): one row per case (or customer) of\n"
        "                 every replication, with its times, class, channel and outcome\n"
        "  --xlsx         also write DIR/results.xlsx: headline KPIs with CIs per scenario and class,\n"
        "                 differences, inputs and every KPI, for Excel or WPS (sheets in --lang)\n"
        "\n"
        "models (a scenario's \"model\" field; the first is the default):\n",
        f);
    for (size_t i = 0; i < model_count(); i++) {
        const model_kind *m = model_at(i);
        fprintf(f, "  %-12s %s\n", m->kind, m->doc);
        if (m->help != NULL)
            m->help(f);
    }
    fputs(
        "\n"
        "files written: summary.json, summary.csv, results.csv, replications.csv, timeseries.csv,\n"
        "timeseries_band.csv; report.html with --report, results.xlsx with --xlsx, NAME with --trace\n"
        "               (docs/output.md)\n"
        "exit status: 0 done; 1 runtime failure; 2 bad command line, scenario or output directory;\n"
        "             3 sweep --target never met, or --precision not reached by --max-reps (results\n"
        "             written);\n"
        "             130 interrupted (SIGINT, SIGTERM): the finished replications are written, --resume\n"
        "             continues\n",
        f);
}
