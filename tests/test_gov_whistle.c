/*
 * 街乡吹哨、部门报到: urgent cases must have someone on site within the on-site
 * limit (default 30 min) whenever a stationed staff member is free.
 *
 * Setting: whistle in every class, two staff of every department stationed at
 * each street ("1+5+N"), departments on duty round the clock with no line work,
 * and more urgent "emergency" cases than by default. Then a stationed unit's
 * only work is the cases the trace shows, so its busy count at any moment can
 * be rebuilt from the trace (start at the unit: +1; resolved: -1).
 *
 * From the trace of one replication:
 *  - no urgent case ever queues at the street command (the whistle is blown at
 *    once, no street hop);
 *  - whenever an urgent case is queued at a stationed unit with fewer busy
 *    members than its headcount, the very next event of that case is its start
 *    at that unit at the same instant, and then start + travel_stationed <=
 *    queued + onsite_limit (0 + 15 min <= 30 min);
 *  - onsite_in_limit_rate recomputed from the trace (urgent department cases
 *    born after the warm-up and resolved: on site = start + travel of the unit
 *    kind, within queued + limit) equals the KPI exactly.
 * And across R = 5 replications under common random numbers, the on-site rate
 * under whistle with stationed staff exceeds layered reporting without them
 * (where every department travels from the district, 45 min > 30 min): the
 * paired difference is significantly positive (mean - 95 % half-width > 0).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"

#define SEED 3030u

static void whistle_config(gov_config *cfg, const char *rule, double stationed)
{
    fx_defaults(cfg);
    fx_region(cfg, 48000, 2.62, 1, 2, 4, 0.5, 0.25, 0.25);
    cfg->horizon = 28 * FX_DAY;
    cfg->warmup = 3 * FX_DAY;
    cfg->timeseries_step = 0.0;
    fx_rule(cfg, rule);
    fx_schedule_24h(&cfg->shifts.department);
    /* The trace shows cases only: no other work at the departments (line
     * tasks; 12345 contacts, which the units make as separate tasks). */
    cfg->hotline.contact_step = 0;
    for (size_t d = 0; d < cfg->n_departments; d++) {
        cfg->departments[d].stationed_per_street = stationed;
        cfg->departments[d].line_tasks_per_staff_per_week = 0.0;
        cfg->departments[d].travel_stationed = 0.25;
        cfg->departments[d].travel_district = 0.75;
    }
    for (int k = 0; k < GOV_N_CLASSES; k++)
        cfg->policy[k].routing.onsite_limit = 0.5;
    size_t e = fx_category(cfg, "emergency");
    for (int k = 0; k < GOV_N_CLASSES; k++)
        cfg->categories[e].mix.v[k] = 0.10;
}

typedef struct wcase {
    int urgent;
    double born;
    double queued_at;      /* last queued at a department */
    char queued_unit[80];
    int waiting_start;     /* queued at a free stationed unit: must start next */
    double start_at;
    char start_unit[80];
    int at_street;
} wcase;

#define MAX_UNITS 64
typedef struct units {
    char name[MAX_UNITS][80];
    int busy[MAX_UNITS];
    size_t n;
} units;

static int *busy_of(units *u, const char *name)
{
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->name[i], name) == 0)
            return &u->busy[i];
    cr_assert(lt(sz, u->n, (size_t)MAX_UNITS));
    strcpy(u->name[u->n], name);
    u->busy[u->n] = 0;
    return &u->busy[u->n++];
}

static int is_stationed(const char *unit) { return strncmp(unit, "stationed/", 10) == 0; }

Test(gov_whistle, urgent_cases_on_site_when_stationed_staff_free)
{
    gov_config cfg;
    whistle_config(&cfg, "whistle", 2.0);
    const unsigned headcount = 2;
    const double limit = cfg.policy[0].routing.onsite_limit;
    const double travel_st = cfg.departments[0].travel_stationed, travel_di = cfg.departments[0].travel_district;
    for (size_t d = 0; d < cfg.n_departments; d++)
        cr_assert(cfg.departments[d].travel_stationed == travel_st && cfg.departments[d].travel_district == travel_di);
    cr_assert(travel_st <= limit, "the setting needs stationed staff able to arrive in time");

    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    uint64_t max_id = 0;
    for (size_t i = 0; i < t.n; i++)
        max_id = t.ev[i].id > max_id ? t.ev[i].id : max_id;
    wcase *cs = calloc(max_id + 1, sizeof *cs);
    units *u = calloc(1, sizeof *u);
    cr_assert(cs != NULL && u != NULL);
    size_t n_free = 0, due = 0, ok = 0;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        wcase *c = &cs[e->id];
        if (c->waiting_start) {
            cr_expect(strcmp(e->event, "start") == 0 && strcmp(e->unit, c->queued_unit) == 0 && e->t == c->queued_at,
                      "urgent case %llu queued at %.6f at free %s, next event %s at %s %.6f", (unsigned long long)e->id,
                      c->queued_at, c->queued_unit, e->event, e->unit, e->t);
            c->waiting_start = 0;
        }
        if (strcmp(e->event, "born") == 0) {
            /* Counted from the moment it is known: at once, or when a latent
             * problem is found or reported. */
            c->born = strcmp(e->hop, "latent") == 0 ? NAN : e->t;
            c->urgent = strcmp(e->category, "emergency") == 0;
        } else if (strcmp(e->event, "found") == 0 || strcmp(e->event, "reported") == 0) {
            c->born = e->t;
            c->urgent = strcmp(e->category, "emergency") == 0;
        } else if (strcmp(e->event, "queued") == 0) {
            if (strcmp(e->role, "street") == 0)
                c->at_street = 1;
            if (strcmp(e->role, "department") == 0) {
                c->queued_at = e->t;
                strcpy(c->queued_unit, e->unit);
                if (c->urgent && is_stationed(e->unit) && *busy_of(u, e->unit) < (int)headcount) {
                    c->waiting_start = 1;
                    n_free++;
                }
            }
        } else if (strcmp(e->event, "start") == 0) {
            c->start_at = e->t;
            strcpy(c->start_unit, e->unit);
            if (is_stationed(e->unit))
                ++*busy_of(u, e->unit);
        } else if (strcmp(e->event, "resolved") == 0) {
            if (is_stationed(c->start_unit))
                --*busy_of(u, c->start_unit);
            if (c->urgent && c->born >= cfg.warmup) {
                double travel = is_stationed(c->start_unit) ? travel_st : travel_di;
                due++;
                ok += c->start_at + travel <= c->queued_at + limit;
                if (is_stationed(c->start_unit) && c->start_at == c->queued_at)
                    cr_expect(le(dbl, c->start_at + travel, c->queued_at + limit));
            }
        }
    }
    for (uint64_t i = 1; i <= max_id; i++)
        if (cs[i].urgent)
            cr_expect(eq(int, cs[i].at_street, 0), "urgent case %llu went through the street command", (unsigned long long)i);
    for (size_t i = 0; i < u->n; i++)
        cr_expect(ge(int, u->busy[i], 0), "busy count of %s went negative: the trace misses work", u->name[i]);
    double rate = (double)ok / (double)due;
    cr_log_info("urgent cases: %zu met a free stationed member; on site in time %zu of %zu (%.4f), KPI %.4f", n_free, ok,
                due, rate, FX_KPI(r, 0, KPI_ONSITE_IN_LIMIT_RATE));
    cr_expect(gt(sz, n_free, (size_t)50), "too few urgent cases met free stationed staff to test");
    cr_expect(gt(sz, due - ok, (size_t)0), "some urgent cases should find every stationed member busy");
    cr_expect(le(dbl, fabs(rate - FX_KPI(r, 0, KPI_ONSITE_IN_LIMIT_RATE)), 1e-12), "onsite_in_limit_rate %.6f, trace %.6f",
              FX_KPI(r, 0, KPI_ONSITE_IN_LIMIT_RATE), rate);
    free(cs);
    free(u);
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_whistle, stationed_whistle_beats_layered_on_site)
{
    enum { REPS = 5 };
    gov_config w, l;
    whistle_config(&w, "whistle", 2.0);
    whistle_config(&l, "layered", 0.0);
    double *a = calloc(REPS * FX_STRIDE, sizeof *a), *b = calloc(REPS * FX_STRIDE, sizeof *b);
    cr_assert(a != NULL && b != NULL);
    fx_reps(&l, SEED, REPS, a);
    fx_reps(&w, SEED, REPS, b);
    double m, hw;
    fx_ci_diff(a, b, REPS, 0, KPI_ONSITE_IN_LIMIT_RATE, &m, &hw);
    cr_log_info("on-site rate, whistle with stationed minus layered without: %.4f +- %.4f", m, hw);
    cr_expect(gt(dbl, m - hw, 0.0), "whistle with stationed staff should raise the on-site rate: %.4f +- %.4f", m, hw);
    for (size_t i = 0; i < REPS; i++)
        cr_expect(eq(dbl, FX_REP(a, i, 0, KPI_ONSITE_IN_LIMIT_RATE), 0.0),
                  "layered from the district (45 min > 30 min) is never on site in time");
    free(a);
    free(b);
    gov_config_free(&w);
    gov_config_free(&l);
}
