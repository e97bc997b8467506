/*
 * 分类治理: a classified policy that overrides rural staffing only.
 *
 * What can stay equal for urban communities, under common random numbers (same
 * seed and replication), and what cannot:
 *  - Urban residents' problems are drawn from the arrival stream whatever the
 *    policy, and urban headcounts do not change, so urban cost is always
 *    exactly equal.
 *  - Everything else urban is coupled to rural areas through shared units (the
 *    street command, departments, the 12345 centre) and through random streams
 *    shared by all communities and drawn in event order (intake and forwarding
 *    work, administrative tasks, patrol detection, residents' escalations,
 *    quits). In general urban times and loads therefore move a little: they
 *    cannot be required to stay equal.
 *  - When the classes share no unit and no stream is drawn in an order that
 *    rural events can change (community-resolved categories reported to the
 *    grid worker; constant intake time; no administrative tasks, patrols,
 *    repeat contacts or workforce dynamics), urban is a separate system and
 *    every urban metric must be identical bit for bit.
 * Rural utilization must change: doubling rural village cadres (18 -> 36 per
 * 10k, the village ratio) with work conserved (the same cases and handling draws, all finished)
 * and workers on duty round the clock keeps their busy hours on cases, so
 * utilization x headcount changes in expectation only by the administrative
 * work the new workers bring (tasks come per worker: 21 x 8 x 1 h a week, one
 * busy worker; none in the separate setting). The paired difference of
 * utilization x headcount must have a 95 % CI containing that, and utilization
 * itself must fall significantly.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gov_fixture.h"

#define SEED 2718u
enum { REPS = 6 };

static void class_config(gov_config *cfg, int separate, double rural_per_10k)
{
    fx_defaults(cfg);
    fx_region(cfg, 48000, 2.62, 1, 2, 4, 0.5, 0.0, 0.5); /* 2 urban, 2 rural communities */
    cfg->horizon = 28 * FX_DAY;
    cfg->warmup = 4 * FX_DAY;
    cfg->timeseries_step = 0.0;
    fx_schedule_24h(&cfg->shifts.community);
    if (separate) {
        fx_quiet(cfg);
        fx_no_latent(cfg);
        fx_channels(cfg, 0.0, 0.0);
        static const char *const community_cats[] = {"property", "dispute", "services"};
        for (size_t i = 0; i < cfg->n_categories; i++)
            for (int k = 0; k < GOV_N_CLASSES; k++)
                cfg->categories[i].mix.v[k] = 0.0;
        for (size_t j = 0; j < 3; j++) {
            size_t c = fx_category(cfg, community_cats[j]);
            for (int k = 0; k < GOV_N_CLASSES; k++)
                cfg->categories[c].mix.v[k] = 1.0;
        }
        for (int k = 0; k < GOV_N_CLASSES; k++)
            cfg->policy[k].staffing.grid_intake = fx_dist(GOV_DIST_CONSTANT, 0.25, 0.0);
    } else {
        cfg->workforce.enabled = 0; /* headcounts exactly as the policy says */
    }
    cfg->classification.mode = GOV_CLASSIFIED;
    cfg->policy[GOV_RURAL].staffing.village_workers_per_10k = rural_per_10k;
}

static void compare(int separate)
{
    gov_config uni, cls;
    class_config(&uni, separate, 18.0);
    class_config(&cls, separate, 36.0);
    /* 12,000 residents per community: 21.6 -> 22 and 43.2 -> 43 workers. */
    const double n_old = 22, n_new = 43;
    double *a = calloc(REPS * FX_STRIDE, sizeof *a), *b = calloc(REPS * FX_STRIDE, sizeof *b);
    double busy[REPS];
    cr_assert(a != NULL && b != NULL);
    fx_reps(&uni, SEED, REPS, a);
    fx_reps(&cls, SEED, REPS, b);
    for (size_t i = 0; i < REPS; i++) {
        const double *ua = &a[i * FX_STRIDE + GOV_GROUP_URBAN * GOV_N_KPIS];
        const double *ub = &b[i * FX_STRIDE + GOV_GROUP_URBAN * GOV_N_KPIS];
        cr_expect(eq(dbl, ua[KPI_COST_PER_YEAR], ub[KPI_COST_PER_YEAR]), "urban cost changed with rural staffing");
        if (separate)
            for (int k = 0; k < GOV_N_KPIS; k++)
                cr_expect(memcmp(&ua[k], &ub[k], sizeof(double)) == 0, "separate classes: urban %s %.17g vs %.17g",
                          gov_model_desc.metrics[k].name, ua[k], ub[k]);
        busy[i] = FX_REP(b, i, GOV_GROUP_RURAL, KPI_UTILIZATION_COMMUNITY) * n_new -
                  FX_REP(a, i, GOV_GROUP_RURAL, KPI_UTILIZATION_COMMUNITY) * n_old;
    }
    double m, hw, base, bhw;
    fx_ci(a, REPS, GOV_GROUP_RURAL, KPI_UTILIZATION_COMMUNITY, &base, &bhw);
    fx_ci_diff(a, b, REPS, GOV_GROUP_RURAL, KPI_UTILIZATION_COMMUNITY, &m, &hw);
    cr_log_info("%s: rural community utilization %.4f, change %.4f +- %.4f", separate ? "separate" : "coupled", base, m, hw);
    cr_expect(lt(dbl, m + hw, 0.0), "rural utilization should fall: %.4f +- %.4f", m, hw);
    double um, uhw;
    fx_ci_diff(a, b, REPS, GOV_GROUP_URBAN, KPI_UTILIZATION_COMMUNITY, &um, &uhw);
    cr_log_info("%s: urban community utilization change %.5f +- %.5f (not required to be 0)",
                separate ? "separate" : "coupled", um, uhw);
    /* Administrative tasks come per worker: the added workers bring their own. */
    const gov_admin_cfg *ad = &cls.policy[GOV_RURAL].admin_tasks;
    double admin = (n_new - n_old) * ad->community_per_worker_per_week * ad->task.mean / FX_WEEK;
    sim_ci95(busy, REPS, 1, &m, &hw);
    cr_log_info("%s: rural busy workers (utilization x headcount), change %.4f +- %.4f, added admin work %.4f",
                separate ? "separate" : "coupled", m, hw, admin);
    /* 1e-9: rounding, for when the work is the same to the last bit. */
    cr_expect(le(dbl, fabs(m - admin), hw + 1e-9), "rural busy hours should be conserved: change %.4f +- %.4f, admin %.4f",
              m, hw, admin);
    free(a);
    free(b);
    gov_config_free(&uni);
    gov_config_free(&cls);
}

Test(gov_classes, rural_override_leaves_separate_urban_identical) { compare(1); }

Test(gov_classes, rural_override_in_the_default_district) { compare(0); }
