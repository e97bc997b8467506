/*
 * Conservation of cases: every case known (reported or found) after the
 * warm-up ends the run in exactly one of three states, so
 *     cases_total = cases_resolved + cases_abandoned + cases_open_end
 * holds exactly (integers stored in doubles), in every replication, for every
 * routing rule, overall and per area class, and the class groups add up to the
 * whole. That is bookkeeping, so it is also checked against an independent
 * count: the per-case trace is replayed, each case must be born once, close at
 * most once and do nothing after closing, and the outcomes counted from the
 * trace must equal the KPIs, and so must the problems born (known or not).
 *
 * Two settings: the default district, and the same with every optional
 * mechanism on (demand surges, sinking cadres, volunteers, batched forwarding,
 * stationed department staff, and a timeline that changes the rule and cuts
 * community staffing twice in quick succession).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"
#include "gov_schema.h"
#include "route_registry.h"

#define SEED 7331u
enum { REPS = 2 };

/* Every rule of the registry is checked, a rule added later too, with its
 * default settings; settings that stress a rule are applied where the routing
 * section has them (more platforms make duplicates). */
static const struct {
    const char *path;
    double value;
} stress[] = {{"routing.platforms", 3}};

static void base_config(gov_config *cfg, size_t rule)
{
    fx_defaults(cfg); /* the default district: 10 communities of every class */
    cfg->horizon = 17 * FX_DAY;
    cfg->warmup = 3 * FX_DAY;
    /* Residents give up sooner than by default, so every outcome occurs. */
    cfg->residents.patience = 1.0 * FX_DAY;
    fx_rule(cfg, route_table()[rule]->name);
    for (size_t i = 0; i < sizeof stress / sizeof stress[0]; i++)
        if (scn_schema_find(gov_policy_schema(), stress[i].path) != NULL)
            fx_set_all(cfg, stress[i].path, stress[i].value);
}

static void everything_on(gov_config *cfg)
{
    fx_add_surge(cfg, 8 * FX_DAY, 12 * FX_DAY, 3.0, NULL);
    fx_add_surge(cfg, 10 * FX_DAY, 20 * FX_DAY, 2.0, "property");
    fx_add_sinking(cfg, 6 * FX_DAY + 10, 16 * FX_DAY, 12, NULL);
    fx_add_sinking(cfg, 7 * FX_DAY + 11, 9 * FX_DAY, 3, "city_management");
    for (size_t d = 0; d < cfg->n_departments; d++)
        cfg->departments[d].stationed_per_street = 1.0;
    for (int k = 0; k < GOV_N_CLASSES; k++)
        cfg->policy[k].volunteers.enabled = 1;
    if (scn_schema_find(gov_policy_schema(), "routing.forward_batch") != NULL)
        fx_set_all(cfg, "routing.forward_batch", 12.0);
    /* Time 0 is a Monday at midnight. Monday of week 3 at 10:00 and 10:30, in
     * office hours while workers are busy: cut staffing twice; on the Tuesday
     * change the rules (grab in rural areas) and staff up again. */
    gov_change_cfg *c = fx_add_change(cfg, 14 * FX_DAY + 10.0);
    fx_set_workers_per_10k(c->policy, 12.0);
    c->demand_multiplier = 1.5;
    c = fx_add_change(cfg, 14 * FX_DAY + 10.5);
    fx_set_workers_per_10k(c->policy, 6.0);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        c->policy[k].staffing.min_community_workers = 0.0;
    c->demand_multiplier = 1.5;
    c = fx_add_change(cfg, 15 * FX_DAY + 9.0);
    for (int k = 0; k < GOV_N_CLASSES; k++)
        c->policy[k].routing.rule = fx_rule_index(k == GOV_RURAL ? "grab" : "whistle");
    fx_set_workers_per_10k(c->policy, 24.0);
    c->demand_multiplier = 0.8;
}

static void check_identity(const sim_rep_result *r, const char *what, const char *rule, uint64_t rep)
{
    double sum_total = 0, sum_res = 0;
    for (int g = 0; g < GOV_N_GROUPS; g++) {
        double total = FX_KPI(r, g, KPI_CASES_TOTAL), res = FX_KPI(r, g, KPI_CASES_RESOLVED);
        double ab = FX_KPI(r, g, KPI_CASES_ABANDONED), open = FX_KPI(r, g, KPI_CASES_OPEN_END);
        cr_expect(eq(dbl, total, res + ab + open), "%s, rule %s, rep %llu, group %d: %.0f born != %.0f + %.0f + %.0f",
                  what, rule, (unsigned long long)rep, g, total, res, ab, open);
        cr_expect(ge(dbl, FX_KPI(r, g, KPI_BACKLOG_END), open), "backlog_end counts every open case");
        if (g > 0) {
            sum_total += total;
            sum_res += res;
        }
    }
    cr_expect(eq(dbl, sum_total, FX_KPI(r, 0, KPI_CASES_TOTAL)), "%s, rule %s: classes do not add up", what, rule);
    cr_expect(eq(dbl, sum_res, FX_KPI(r, 0, KPI_CASES_RESOLVED)), "%s, rule %s: classes do not add up", what, rule);
    cr_expect(gt(dbl, FX_KPI(r, 0, KPI_CASES_TOTAL), 1000.0), "%s: the setting should produce cases", what);
}

/* Replay a trace: per problem, born once, known at most once (at birth, or
 * found or reported later), at most one closing event, nothing after it. */
typedef struct case_state {
    double born, known;
    int cls;    /* 0 urban, 1 fringe, 2 rural */
    int closed; /* 0 open, 1 resolved, 2 abandoned */
} case_state;

static int class_index(const char *s)
{
    return strcmp(s, "urban") == 0 ? 0 : strcmp(s, "fringe") == 0 ? 1 : 2;
}

static void check_trace(const gov_config *cfg, const sim_rep_result *r, const fx_trace *t, const char *what)
{
    uint64_t max_id = 0;
    for (size_t i = 0; i < t->n; i++)
        max_id = t->ev[i].id > max_id ? t->ev[i].id : max_id;
    case_state *cs = calloc(max_id + 1, sizeof *cs);
    cr_assert(cs != NULL);
    for (uint64_t i = 0; i <= max_id; i++)
        cs[i].born = cs[i].known = NAN;
    for (size_t i = 0; i < t->n; i++) {
        const fx_event *e = &t->ev[i];
        case_state *c = &cs[e->id];
        if (strcmp(e->event, "born") == 0) {
            cr_assert(isnan(c->born), "%s: case %llu born twice", what, (unsigned long long)e->id);
            c->born = e->t;
            if (strcmp(e->hop, "latent") != 0)
                c->known = e->t;
            c->cls = class_index(e->cls);
            continue;
        }
        cr_assert(c->born >= 0.0, "%s: case %llu has an event before its birth", what, (unsigned long long)e->id);
        cr_assert(c->closed == 0, "%s: case %llu has event '%s' at %.3f after closing", what,
                  (unsigned long long)e->id, e->event, e->t);
        if (strcmp(e->event, "found") == 0 || strcmp(e->event, "reported") == 0) {
            cr_assert(isnan(c->known), "%s: case %llu known twice", what, (unsigned long long)e->id);
            c->known = e->t;
            continue;
        }
        if (strcmp(e->event, "worsened") != 0)
            cr_assert(c->known >= 0.0, "%s: case %llu has event '%s' before it is known", what,
                      (unsigned long long)e->id, e->event);
        if (strcmp(e->event, "resolved") == 0)
            c->closed = 1;
        else if (strcmp(e->event, "abandoned") == 0)
            c->closed = 2;
    }
    double n[GOV_N_GROUPS][3], problems[GOV_N_GROUPS];
    memset(n, 0, sizeof n);
    memset(problems, 0, sizeof problems);
    for (uint64_t i = 1; i <= max_id; i++) {
        if (cs[i].born >= cfg->warmup) {
            problems[0]++;
            problems[1 + cs[i].cls]++;
        }
        if (isnan(cs[i].known) || cs[i].known < cfg->warmup)
            continue;
        n[0][cs[i].closed]++;
        n[1 + cs[i].cls][cs[i].closed]++;
    }
    for (int g = 0; g < GOV_N_GROUPS; g++) {
        cr_expect(eq(dbl, n[g][1], FX_KPI(r, g, KPI_CASES_RESOLVED)), "%s group %d: %.0f resolved in the trace, %.0f reported",
                  what, g, n[g][1], FX_KPI(r, g, KPI_CASES_RESOLVED));
        cr_expect(eq(dbl, n[g][2], FX_KPI(r, g, KPI_CASES_ABANDONED)), "%s group %d: %.0f abandoned in the trace, %.0f reported",
                  what, g, n[g][2], FX_KPI(r, g, KPI_CASES_ABANDONED));
        cr_expect(eq(dbl, n[g][0], FX_KPI(r, g, KPI_CASES_OPEN_END)), "%s group %d: %.0f open in the trace, %.0f reported",
                  what, g, n[g][0], FX_KPI(r, g, KPI_CASES_OPEN_END));
        cr_expect(eq(dbl, problems[g], FX_KPI(r, g, KPI_PROBLEMS_TOTAL)),
                  "%s group %d: %.0f problems born in the trace, %.0f reported", what, g, problems[g],
                  FX_KPI(r, g, KPI_PROBLEMS_TOTAL));
    }
    cr_expect(gt(dbl, n[0][2], 0.0), "%s: some cases should be abandoned", what);
    free(cs);
}

static void run_all(int with_everything)
{
    const char *what = with_everything ? "everything on" : "defaults";
    for (size_t i = 0; i < route_count(); i++) {
        gov_config cfg;
        base_config(&cfg, i);
        if (with_everything)
            everything_on(&cfg);
        for (uint64_t rep = 0; rep < REPS; rep++) {
            sim_rep_result *r;
            if (rep == 0) {
                fx_trace t;
                r = fx_run_traced(&cfg, SEED, rep, &t);
                check_trace(&cfg, r, &t, what);
                fx_trace_free(&t);
            } else {
                r = fx_run(&cfg, SEED, rep, NULL);
            }
            check_identity(r, what, route_table()[i]->name, rep);
            gov_result_destroy(r);
        }
        gov_config_free(&cfg);
    }
}

Test(gov_conservation, every_rule_default_district) { run_all(0); }

Test(gov_conservation, every_rule_every_mechanism) { run_all(1); }
