/*
 * The path a case takes under each routing rule, read from the per-case trace
 * and compared with the rule's definition (DOMAIN.md; header of each
 * route_*.c). Cases are reported to the grid worker, none fixed on the spot:
 *
 *   department case     community case
 *   layered  (层层上报):   grid → community → street → department
 *                                                  grid → community
 *   whistle  (吹哨报到):   grid → street → department (urgent: grid → department)
 *                                                  grid → community
 *   hotline  (接诉即办):   grid → 12345 dispatch → department
 *                                                  grid → community
 *   grab     (下单抢单):   grid → community (places the order) → department
 *                                                  grid → community → community
 *
 * Also: with batched forwarding (layered, forward_batch 24 h) every forward
 * after a batch wait leaves at a multiple of 24 h and waits less than 24 h; and
 * 12345 answers at intake the category's hotline_intake_share of calls, a
 * binomial count: |answered/n - s| <= 3.29 sqrt(s (1 - s) / n), the two-sided
 * 99.9 % bound the suite's binomial and Poisson checks use (gov_demand), so
 * that a correct model seldom fails one of them when the random streams
 * change; a share ignored or misapplied is off by far more.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"

#define SEED 2468u
#define MAX_HOPS 8

typedef struct path {
    int dept, urgent, resolved, n;
    char role[MAX_HOPS][12];
} path;

static void routing_config(gov_config *cfg, const char *rule)
{
    fx_defaults(cfg);
    fx_quiet(cfg);
    fx_no_latent(cfg);
    fx_no_actors(cfg); /* the staff's paths; actors have their own test */
    fx_channels(cfg, 0.0, 0.0);
    fx_region(cfg, 48000, 2.62, 1, 2, 4, 0.5, 0.25, 0.25);
    for (size_t i = 0; i < cfg->n_categories; i++)
        cfg->categories[i].on_spot_share = 0.0;
    fx_rule(cfg, rule);
    cfg->horizon = 10 * FX_DAY;
    cfg->warmup = 0.0;
    cfg->timeseries_step = 0.0;
}

static path *read_paths(const gov_config *cfg, const fx_trace *t, uint64_t *n_cases)
{
    uint64_t max_id = 0;
    for (size_t i = 0; i < t->n; i++)
        max_id = t->ev[i].id > max_id ? t->ev[i].id : max_id;
    path *p = calloc(max_id + 1, sizeof *p);
    cr_assert(p != NULL);
    for (size_t i = 0; i < t->n; i++) {
        const fx_event *e = &t->ev[i];
        path *c = &p[e->id];
        if (strcmp(e->event, "born") == 0) {
            const gov_category_cfg *cat = &cfg->categories[fx_category(cfg, e->category)];
            c->dept = cat->resolver == GOV_RES_DEPARTMENT;
            c->urgent = cat->urgent;
            c->n = cat->resolver == GOV_RES_CONSULTATION ? -1 : 0; /* consultation: not checked here */
        } else if ((strcmp(e->event, "queued") == 0 || strcmp(e->event, "posted") == 0) && c->n >= 0) {
            cr_assert(lt(int, c->n, MAX_HOPS));
            strcpy(c->role[c->n++], e->role);
        } else if (strcmp(e->event, "resolved") == 0) {
            c->resolved = 1;
        }
    }
    *n_cases = max_id;
    return p;
}

static void check_paths(const char *rule, const char *const *dept_path, const char *const *urgent_path,
                        const char *const *comm_path)
{
    gov_config cfg;
    routing_config(&cfg, rule);
    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    uint64_t n;
    path *p = read_paths(&cfg, &t, &n);
    size_t checked[3] = {0, 0, 0};
    for (uint64_t i = 1; i <= n; i++) {
        if (!p[i].resolved || p[i].n < 0)
            continue;
        int kind = p[i].dept ? (p[i].urgent ? 1 : 0) : 2;
        const char *const *want = kind == 0 ? dept_path : kind == 1 ? urgent_path : comm_path;
        int len = 0;
        while (want[len] != NULL)
            len++;
        int same = p[i].n == len;
        for (int h = 0; same && h < len; h++)
            same = strcmp(p[i].role[h], want[h]) == 0;
        if (!same) {
            char got[128] = "";
            for (int h = 0; h < p[i].n; h++) {
                strcat(got, p[i].role[h]);
                strcat(got, " ");
            }
            cr_expect(same, "rule %s: case %llu went %s", rule, (unsigned long long)i, got);
        }
        checked[kind]++;
    }
    cr_log_info("rule %s: paths checked for %zu department, %zu urgent, %zu community cases", rule, checked[0],
                checked[1], checked[2]);
    cr_expect(gt(sz, checked[0], (size_t)100));
    cr_expect(gt(sz, checked[1], (size_t)5));
    cr_expect(gt(sz, checked[2], (size_t)100));
    free(p);
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_routing, layered_climbs_every_level)
{
    static const char *const dept[] = {"grid", "community", "street", "department", NULL};
    static const char *const comm[] = {"grid", "community", NULL};
    check_paths("layered", dept, dept, comm);
}

Test(gov_routing, whistle_goes_from_street_to_department)
{
    static const char *const dept[] = {"grid", "street", "department", NULL};
    static const char *const urgent[] = {"grid", "department", NULL};
    static const char *const comm[] = {"grid", "community", NULL};
    check_paths("whistle", dept, urgent, comm);
}

Test(gov_routing, hotline_dispatches_to_department)
{
    static const char *const dept[] = {"grid", "hotline", "department", NULL};
    static const char *const comm[] = {"grid", "community", NULL};
    check_paths("hotline", dept, dept, comm);
}

Test(gov_routing, grab_posts_the_order)
{
    static const char *const dept[] = {"grid", "community", "department", NULL};
    static const char *const comm[] = {"grid", "community", "community", NULL};
    check_paths("grab", dept, dept, comm);
}

Test(gov_routing, layered_batches_forwards_daily)
{
    gov_config cfg;
    routing_config(&cfg, "layered");
    const double batch = 24.0;
    fx_set_all(&cfg, "routing.forward_batch", batch);
    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    uint64_t max_id = 0;
    for (size_t i = 0; i < t.n; i++)
        max_id = t.ev[i].id > max_id ? t.ev[i].id : max_id;
    double *waiting = malloc((max_id + 1) * sizeof *waiting);
    cr_assert(waiting != NULL);
    for (uint64_t i = 0; i <= max_id; i++)
        waiting[i] = NAN;
    size_t batched = 0;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        if (strcmp(e->event, "wait") == 0) {
            waiting[e->id] = e->t;
        } else if (strcmp(e->event, "queued") == 0 && waiting[e->id] >= 0) {
            double k = e->t / batch;
            cr_expect(le(dbl, fabs(k - round(k)), 1e-9), "case %llu forwarded at %.6f, not at a batch time",
                      (unsigned long long)e->id, e->t);
            cr_expect(e->t > waiting[e->id] && e->t <= waiting[e->id] + batch + 1e-9,
                      "case %llu waited from %.4f to %.4f", (unsigned long long)e->id, waiting[e->id], e->t);
            waiting[e->id] = NAN;
            batched++;
        }
    }
    cr_log_info("%zu batched forwards", batched);
    cr_expect(gt(sz, batched, (size_t)100));
    free(waiting);
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}

Test(gov_routing, hotline_answers_its_share_at_intake)
{
    gov_config cfg;
    routing_config(&cfg, "hotline");
    fx_channels(&cfg, 1.0, 0.0);
    size_t cat = fx_category(&cfg, "market");
    fx_only_category(&cfg, cat);
    double s = cfg.categories[cat].hotline_intake_share;
    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    /* Calls made up to a day before the horizon have all been through intake
     * (minutes of work; the check below makes sure). */
    const double cutoff = cfg.horizon - FX_DAY;
    uint64_t max_id = 0;
    for (size_t i = 0; i < t.n; i++)
        max_id = t.ev[i].id > max_id ? t.ev[i].id : max_id;
    char *early = calloc(max_id + 1, 1);
    cr_assert(early != NULL);
    size_t born = 0, at_intake = 0, past_intake = 0;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        if (strcmp(e->event, "born") == 0 && e->t < cutoff) {
            early[e->id] = 1;
            born++;
        }
        if (!early[e->id])
            continue;
        at_intake += strcmp(e->event, "resolved") == 0 && strcmp(e->hop, "hotline_intake") == 0;
        past_intake += strcmp(e->event, "queued") == 0 && strcmp(e->hop, "hotline_dispatch") == 0;
    }
    free(early);
    cr_expect(eq(sz, born, at_intake + past_intake), "every call before the cutoff should be through intake");
    double n = (double)born, tol = 3.29 * sqrt(s * (1 - s) / n);
    cr_log_info("12345 answered %zu of %zu calls at intake (%.4f), share %.4f +- %.4f", at_intake, born, at_intake / n, s,
                tol);
    cr_expect(le(dbl, fabs(at_intake / n - s), tol), "answered at intake %.4f, share %.4f +- %.4f", at_intake / n, s, tol);
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}
