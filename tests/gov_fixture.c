/*
 * gov_fixture.c — see gov_fixture.h.
 */
#include "gov_fixture.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "gov_schema.h"
#include "route_registry.h"
#include "sim_mem.h"
#include "sim_rng.h"
#include "sim_stats.h"

/* ---- building ---- */

void fx_defaults(gov_config *cfg)
{
    sim_rng_gsl_errors_off();
    cr_assert(gov_config_defaults(cfg) == 0, "gov_config_defaults failed");
}

int fx_rule_index(const char *name)
{
    int i = route_find(name);
    cr_assert(i >= 0, "no routing rule %s in the registry", name);
    return i;
}

void fx_rule(gov_config *cfg, const char *name)
{
    int rule = fx_rule_index(name);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        cfg->policy[k].routing.rule = rule;
}

void fx_set(gov_policy_cfg *policy, const char *path, double value)
{
    sim_err err;
    sim_err_init(&err);
    scn_ref ref;
    cr_assert(scn_resolve(gov_policy_schema(), policy, path, 0, &ref, &err) == SIM_OK, "%s: %s", path,
              sim_err_text(&err));
    cr_assert(scn_ref_set(&ref, value, &err) == SIM_OK, "%s: %s", path, sim_err_text(&err));
}

void fx_set_text(gov_policy_cfg *policy, const char *path, const char *text)
{
    sim_err err;
    sim_err_init(&err);
    scn_ref ref;
    cr_assert(scn_resolve(gov_policy_schema(), policy, path, 0, &ref, &err) == SIM_OK, "%s: %s", path,
              sim_err_text(&err));
    cr_assert(scn_ref_set_text(&ref, text, &err) == SIM_OK, "%s: %s", path, sim_err_text(&err));
}

double fx_get(const gov_policy_cfg *policy, const char *path)
{
    sim_err err;
    sim_err_init(&err);
    scn_ref ref;
    cr_assert(scn_resolve(gov_policy_schema(), (void *)policy, path, 0, &ref, &err) == SIM_OK, "%s: %s", path,
              sim_err_text(&err));
    switch (ref.field->type) {
    case SCN_ENUM:
    case SCN_INTEGER: return *(const int *)ref.where;
    case SCN_BOOL: return *(const bool *)ref.where;
    default: return *(const double *)ref.where;
    }
}

void fx_set_all(gov_config *cfg, const char *path, double value)
{
    for (int k = 0; k < GOV_N_CLASSES; k++)
        fx_set(&cfg->policy[k], path, value);
}

void fx_flat_profiles(gov_config *cfg)
{
    for (int i = 0; i < 24; i++)
        cfg->demand.daily_profile[i] = 1.0;
    for (int i = 0; i < 7; i++)
        cfg->demand.weekly_profile[i] = 1.0;
}

void fx_schedule_24h(gov_schedule_cfg *s)
{
    sim_free(s->shifts);
    s->shifts = sim_calloc(1, sizeof *s->shifts);
    cr_assert(s->shifts != NULL);
    s->n_shifts = 1;
    s->shifts[0].days = FX_ALL_DAYS;
    s->shifts[0].start = 0.0;
    s->shifts[0].end = 24.0;
    s->shifts[0].on_duty_share = 1.0;
    s->on_call_share = 0.0;
}

void fx_all_24h(gov_config *cfg)
{
    fx_schedule_24h(&cfg->shifts.grid);
    fx_schedule_24h(&cfg->shifts.community);
    fx_schedule_24h(&cfg->shifts.department);
    fx_schedule_24h(&cfg->shifts.hotline);
    fx_schedule_24h(&cfg->shifts.street);
}

void fx_quiet(gov_config *cfg)
{
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg->policy[k].admin_tasks.community_per_worker_per_week = 0.0;
        cfg->policy[k].admin_tasks.grid_per_worker_per_week = 0.0;
        cfg->policy[k].patrol.per_day = 0.0;
    }
    for (size_t d = 0; d < cfg->n_departments; d++)
        cfg->departments[d].line_tasks_per_staff_per_week = 0.0;
    cfg->street.other_tasks_per_dispatcher_per_week = 0.0;
    cfg->workforce.enabled = 0;
    cfg->residents.patience = 1e12;
    cfg->hotline.follow_up_time = 0.0;
}

void fx_region(gov_config *cfg, double residents, double persons_per_household, int districts, int streets,
               int communities, double urban, double fringe, double rural)
{
    gov_generate_cfg *rg = &cfg->region.generate;
    cfg->region.persons_per_household = persons_per_household;
    rg->residents = residents;
    rg->districts = districts;
    rg->streets = streets;
    rg->communities = communities;
    rg->class_shares.v[GOV_URBAN] = urban;
    rg->class_shares.v[GOV_FRINGE] = fringe;
    rg->class_shares.v[GOV_RURAL] = rural;
}

size_t fx_category(const gov_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_categories; i++)
        if (strcmp(cfg->categories[i].name, name) == 0)
            return i;
    cr_assert_fail("no category %s in the defaults", name);
    return 0;
}

size_t fx_department(const gov_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_departments; i++)
        if (strcmp(cfg->departments[i].name, name) == 0)
            return i;
    cr_assert_fail("no department %s in the defaults", name);
    return 0;
}

void fx_only_category(gov_config *cfg, size_t cat)
{
    for (size_t i = 0; i < cfg->n_categories; i++)
        for (int k = 0; k < GOV_N_CLASSES; k++)
            cfg->categories[i].mix.v[k] = i == cat ? 1.0 : 0.0;
}

void fx_channels(gov_config *cfg, double hotline, double app)
{
    for (size_t i = 0; i < cfg->n_categories; i++)
        for (int k = 0; k < GOV_N_CLASSES; k++) {
            cfg->categories[i].channel_hotline.v[k] = hotline;
            cfg->categories[i].channel_app.v[k] = app;
        }
}

void fx_no_actors(gov_config *cfg)
{
    for (size_t i = 0; i < cfg->n_categories; i++)
        cfg->categories[i].actor = GOV_ACTOR_NONE;
}

void fx_no_latent(gov_config *cfg)
{
    for (size_t i = 0; i < cfg->n_categories; i++)
        for (int k = 0; k < GOV_N_CLASSES; k++)
            cfg->categories[i].latent_share.v[k] = 0.0;
}

gov_surge_cfg *fx_add_surge(gov_config *cfg, double start, double end, double multiplier, const char *category)
{
    gov_demand_cfg *d = &cfg->demand;
    gov_surge_cfg *s = sim_reallocarray(d->surges, d->n_surges + 1, sizeof *s);
    cr_assert(s != NULL);
    d->surges = s;
    gov_surge_cfg *e = &s[d->n_surges++];
    memset(e, 0, sizeof *e);
    e->start = start;
    e->end = end;
    e->multiplier = multiplier;
    e->category_index = -1;
    if (category != NULL) {
        e->category = sim_strdup(category);
        cr_assert(e->category != NULL);
        e->category_index = (int)fx_category(cfg, category);
    }
    return e;
}

gov_sinking_cfg *fx_add_sinking(gov_config *cfg, double start, double end, double staff, const char *department)
{
    gov_sinking_cfg *s = sim_reallocarray(cfg->sinking, cfg->n_sinking + 1, sizeof *s);
    cr_assert(s != NULL);
    cfg->sinking = s;
    gov_sinking_cfg *e = &s[cfg->n_sinking++];
    memset(e, 0, sizeof *e);
    e->start = start;
    e->end = end;
    e->staff = staff;
    e->department_index = -1;
    if (department != NULL) {
        e->department = sim_strdup(department);
        cr_assert(e->department != NULL);
        e->department_index = (int)fx_department(cfg, department);
    }
    return e;
}

gov_change_cfg *fx_add_change(gov_config *cfg, double at)
{
    gov_change_cfg *s = sim_reallocarray(cfg->timeline, cfg->n_timeline + 1, sizeof *s);
    cr_assert(s != NULL);
    cfg->timeline = s;
    gov_change_cfg *e = &s[cfg->n_timeline++];
    memset(e, 0, sizeof *e);
    e->at = at;
    memcpy(e->policy, cfg->policy, sizeof e->policy);
    e->demand_multiplier = cfg->demand.multiplier;
    const gov_change_cfg *prev = cfg->n_timeline > 1 ? &s[cfg->n_timeline - 2] : NULL;
    e->department_staff_multiplier = prev ? prev->department_staff_multiplier : 1.0;
    e->hotline_staff_multiplier = prev ? prev->hotline_staff_multiplier : 1.0;
    e->street_staff_multiplier = prev ? prev->street_staff_multiplier : 1.0;
    e->demand_multiplier_set = e->department_staff_multiplier_set = -1;
    e->hotline_staff_multiplier_set = e->street_staff_multiplier_set = -1;
    return e;
}

void fx_set_workers_per_10k(gov_policy_cfg policy[GOV_N_CLASSES], double per_10k)
{
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        policy[k].staffing.community_workers_per_10k = per_10k;
        policy[k].staffing.village_workers_per_10k = per_10k;
    }
}

gov_dist_cfg fx_dist(int kind, double mean, double cv)
{
    gov_dist_cfg d = {kind, mean, cv};
    return d;
}

/* ---- running ---- */

sim_rep_result *fx_run(const gov_config *cfg, uint64_t seed, uint64_t rep, const gov_run_opts *opts)
{
    sim_err err;
    sim_err_init(&err);
    sim_rep_result *r = gov_result_create(cfg, &err);
    cr_assert(r != NULL, "%s", sim_err_text(&err));
    int rc = gov_run_replication(cfg, seed, rep, opts, r, &err);
    cr_assert(rc == SIM_OK, "replication %llu failed (%d): %s", (unsigned long long)rep, rc, sim_err_text(&err));
    return r;
}

void fx_reps(const gov_config *cfg, uint64_t seed, size_t reps, double *out)
{
    for (size_t i = 0; i < reps; i++) {
        sim_rep_result *r = fx_run(cfg, seed, i, NULL);
        memcpy(&out[i * FX_STRIDE], r->metrics, FX_STRIDE * sizeof *out);
        gov_result_destroy(r);
    }
}

void fx_ci(const double *a, size_t reps, int g, int k, double *mean, double *hw)
{
    size_t n = sim_ci95(&a[(size_t)g * GOV_N_KPIS + (size_t)k], reps, FX_STRIDE, mean, hw);
    cr_assert(n == reps, "metric %d of group %d is undefined in %zu of %zu replications", k, g, reps - n, reps);
}

void fx_ci_family(const double *a, size_t reps, int g, int k, unsigned checks, double *mean, double *hw)
{
    fx_ci(a, reps, g, k, mean, hw);
    double dof = (double)reps - 1.0;
    double alpha = 0.05 / (double)checks;
    *hw *= gsl_cdf_tdist_Pinv(1.0 - alpha / 2.0, dof) / gsl_cdf_tdist_Pinv(0.975, dof);
}

void fx_ci_diff(const double *a, const double *b, size_t reps, int g, int k, double *mean, double *hw)
{
    double *d = calloc(reps, sizeof *d);
    cr_assert(d != NULL);
    for (size_t i = 0; i < reps; i++)
        d[i] = FX_REP(b, i, g, k) - FX_REP(a, i, g, k);
    size_t n = sim_ci95(d, reps, 1, mean, hw);
    free(d);
    cr_assert(n == reps, "metric %d of group %d is undefined in some replications", k, g);
}

/* ---- the trace ---- */

/* Copy the next comma-separated field of *p into dst (truncating) and advance. */
static void field(char **p, char *dst, size_t cap)
{
    char *s = *p;
    char *end = strchr(s, ',');
    size_t len = end ? (size_t)(end - s) : strcspn(s, "\r\n");
    size_t n = len < cap - 1 ? len : cap - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
    *p = end ? end + 1 : s + len;
}

sim_rep_result *fx_run_traced(const gov_config *cfg, uint64_t seed, uint64_t rep, fx_trace *trace)
{
    FILE *f = tmpfile();
    cr_assert(f != NULL, "tmpfile failed");
    gov_run_opts opts = {0};
    opts.trace = f;
    sim_rep_result *r = fx_run(cfg, seed, rep, &opts);
    rewind(f);
    size_t cap = 4096, n = 0;
    fx_event *ev = malloc(cap * sizeof *ev);
    cr_assert(ev != NULL);
    char line[512];
    cr_assert(fgets(line, sizeof line, f) != NULL, "empty trace");
    cr_assert(strncmp(line, "case,time_h,event,hop,role,unit,community,class,category", 56) == 0,
              "unexpected trace header: %s", line);
    while (fgets(line, sizeof line, f) != NULL) {
        if (n == cap) {
            cap *= 2;
            ev = realloc(ev, cap * sizeof *ev);
            cr_assert(ev != NULL);
        }
        fx_event *e = &ev[n++];
        char num[32], *p = line;
        field(&p, num, sizeof num);
        e->id = strtoull(num, NULL, 10);
        field(&p, num, sizeof num);
        e->t = strtod(num, NULL);
        field(&p, e->event, sizeof e->event);
        field(&p, e->hop, sizeof e->hop);
        field(&p, e->role, sizeof e->role);
        field(&p, e->unit, sizeof e->unit);
        field(&p, e->community, sizeof e->community);
        field(&p, e->cls, sizeof e->cls);
        field(&p, e->category, sizeof e->category);
    }
    fclose(f);
    trace->ev = ev;
    trace->n = n;
    return r;
}

void fx_trace_free(fx_trace *t)
{
    free(t->ev);
    t->ev = NULL;
    t->n = 0;
}
