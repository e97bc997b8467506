/*
 * 微协商: a case that needs residents' consent (resolver "consultation", the
 * default "renovation" category) is settled only at a community meeting, held
 * at consultation.first + k x consultation.interval.
 *
 * From the per-case trace of one replication per routing rule (multi_dispatch
 * with k = 3 included), every such case that is resolved must:
 *  - have had its preparation started by a community worker (hop consult_prep),
 *  - then have entered the wait for the meeting (event meeting_wait) at P,
 *  - and be resolved exactly at a meeting time T (to the trace's 1e-6 h), the
 *    first one at or after P: P <= T < P + interval.
 * So it never closes before the next meeting, and never waits a meeting more
 * than it has to. The horizon (45 days) spans two meetings (day 10.8 and 40.8).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"
#include "gov_schema.h"
#include "route_registry.h"

#define SEED 1717u

typedef struct consult_case {
    double born, prep_start, wait_at, resolved;
} consult_case;

static void check_rule(size_t index)
{
    const char *rule = route_table()[index]->name;
    gov_config cfg;
    fx_defaults(&cfg);
    fx_region(&cfg, 48000, 2.62, 1, 2, 4, 0.5, 0.25, 0.25);
    cfg.horizon = 45 * FX_DAY;
    cfg.warmup = 0.0;
    fx_rule(&cfg, rule);
    if (scn_schema_find(gov_policy_schema(), "routing.platforms") != NULL)
        fx_set_all(&cfg, "routing.platforms", 3);
    const gov_consult_cfg *cc = &cfg.policy[0].consultation;
    const char *cat = cfg.categories[fx_category(&cfg, "renovation")].name;
    cr_assert(eq(int, cfg.categories[fx_category(&cfg, "renovation")].resolver, GOV_RES_CONSULTATION));

    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    uint64_t max_id = 0;
    for (size_t i = 0; i < t.n; i++)
        max_id = t.ev[i].id > max_id ? t.ev[i].id : max_id;
    consult_case *cs = calloc(max_id + 1, sizeof *cs);
    cr_assert(cs != NULL);
    for (uint64_t i = 0; i <= max_id; i++)
        cs[i].born = cs[i].prep_start = cs[i].wait_at = cs[i].resolved = NAN;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        if (strcmp(e->category, cat) != 0)
            continue;
        consult_case *c = &cs[e->id];
        if (strcmp(e->event, "born") == 0)
            c->born = e->t;
        else if (strcmp(e->event, "start") == 0 && strcmp(e->hop, "consult_prep") == 0) {
            cr_expect(strcmp(e->role, "community") == 0, "rule %s: case %llu prepared by %s", rule,
                      (unsigned long long)e->id, e->role);
            c->prep_start = e->t;
        } else if (strcmp(e->event, "meeting_wait") == 0)
            c->wait_at = e->t;
        else if (strcmp(e->event, "resolved") == 0)
            c->resolved = e->t;
    }
    size_t resolved = 0, waiting = 0;
    for (uint64_t i = 1; i <= max_id; i++) {
        consult_case *c = &cs[i];
        if (isnan(c->born))
            continue;
        if (c->wait_at >= 0.0 && isnan(c->resolved))
            waiting++;
        if (isnan(c->resolved))
            continue;
        resolved++;
        cr_expect(c->prep_start >= c->born && c->wait_at >= c->prep_start,
                  "rule %s: case %llu resolved at %.4f without preparation (born %.4f, prep %.4f, wait %.4f)", rule,
                  (unsigned long long)i, c->resolved, c->born, c->prep_start, c->wait_at);
        double k = round((c->resolved - cc->first) / cc->interval);
        double meeting = cc->first + k * cc->interval;
        cr_expect(k >= 0 && fabs(c->resolved - meeting) <= 1e-6, "rule %s: case %llu resolved at %.6f, not at a meeting",
                  rule, (unsigned long long)i, c->resolved);
        cr_expect(c->resolved >= c->wait_at && c->resolved < c->wait_at + cc->interval,
                  "rule %s: case %llu ready at %.4f, resolved at %.4f: not the next meeting", rule,
                  (unsigned long long)i, c->wait_at, c->resolved);
    }
    cr_log_info("rule %s: %zu consultation cases resolved at meetings, %zu waiting at the end", rule, resolved, waiting);
    cr_expect(gt(sz, resolved, (size_t)20), "rule %s: too few consultation cases to test", rule);
    cr_expect(gt(sz, waiting, (size_t)0), "rule %s: some cases should be waiting for the next meeting", rule);
    free(cs);
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

/* Every rule of the registry. */
Test(gov_consultation, every_rule)
{
    for (size_t i = 0; i < route_count(); i++)
        check_rule(i);
}
