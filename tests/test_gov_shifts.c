/*
 * Shifts: work waits for staff on duty, and part-timers work only the first
 * part of each block, with each area class's own share.
 *
 * Setting: every grid worker part-time; urban part-timers work the first half
 * of each block (part_time_hours_share 0.5), rural ones three quarters (0.75);
 * the default grid schedule (Monday to Friday 08:30-17:30, Saturday 09:00-12:00)
 * and on-call staff, who take urgent work only. Every case is a non-urgent one
 * the grid worker resolves on the spot, reported to the grid worker.
 *
 * Then a grid worker can start a case only while on duty: urban Monday to
 * Friday 08:30-13:00 and Saturday 09:00-10:30, rural 08:30-15:15 and
 * 09:00-11:15. From the trace, every start of an urban or rural case must fall
 * in its class's windows, and starts must occur late in the rural window (after
 * 13:00), where only rural part-timers are on duty.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "gov_fixture.h"

#define SEED 1111u

/* Is hour-of-week h inside [day start + a, day start + b) of a weekday (days
 * bitmask, bit 0 Monday)? */
static int in_block(double h, unsigned days, double a, double b)
{
    int day = (int)(h / 24.0);
    double hod = h - 24.0 * day;
    return (days & (1u << day)) && hod >= a && hod < b;
}

Test(gov_shifts, part_timers_work_their_class_share_of_each_block)
{
    gov_config cfg;
    fx_defaults(&cfg);
    fx_quiet(&cfg);
    fx_region(&cfg, 24000, 2.62, 1, 1, 2, 0.5, 0.0, 0.5); /* one urban, one rural community */
    size_t cat = fx_category(&cfg, "services");
    fx_only_category(&cfg, cat);
    fx_no_latent(&cfg);
    fx_channels(&cfg, 0.0, 0.0);
    gov_category_cfg *c = &cfg.categories[cat];
    c->resolver = GOV_RES_GRID;
    c->on_spot_share = 1.0;
    c->urgent = 0;
    c->handling = fx_dist(GOV_DIST_CONSTANT, 0.1, 0.0);
    for (int k = 0; k < GOV_N_CLASSES; k++) {
        cfg.policy[k].staffing.grid_part_time_share = 1.0;
        cfg.policy[k].staffing.grid_intake = fx_dist(GOV_DIST_CONSTANT, 0.05, 0.0);
    }
    cfg.policy[GOV_URBAN].staffing.part_time_hours_share = 0.5;
    cfg.policy[GOV_RURAL].staffing.part_time_hours_share = 0.75;
    cfg.classification.mode = GOV_CLASSIFIED;
    cfg.horizon = 2 * FX_WEEK;
    cfg.warmup = 0.0;
    cfg.timeseries_step = 0.0;
    /* The blocks this test assumes are the defaults. */
    const gov_schedule_cfg *s = &cfg.shifts.grid;
    cr_assert(eq(sz, s->n_shifts, (size_t)2));
    cr_assert(s->shifts[0].days == 0x1fu && s->shifts[0].start == 8.5 && s->shifts[0].end == 17.5);
    cr_assert(s->shifts[1].days == 0x20u && s->shifts[1].start == 9.0 && s->shifts[1].end == 12.0);

    fx_trace t;
    sim_rep_result *r = fx_run_traced(&cfg, SEED, 0, &t);
    size_t starts[2] = {0, 0}, late_rural = 0;
    for (size_t i = 0; i < t.n; i++) {
        const fx_event *e = &t.ev[i];
        if (strcmp(e->event, "start") != 0 || strcmp(e->role, "grid") != 0)
            continue;
        int rural = strcmp(e->cls, "rural") == 0;
        double share = rural ? 0.75 : 0.5;
        double h = fmod(e->t, FX_WEEK);
        int on = in_block(h, 0x1fu, 8.5, 8.5 + 9.0 * share) || in_block(h, 0x20u, 9.0, 9.0 + 3.0 * share);
        cr_expect(on, "%s case %llu started at %.4f h (day %d, %.2f h): part-timers are off duty", e->cls,
                  (unsigned long long)e->id, e->t, (int)(h / 24), fmod(h, 24.0));
        starts[rural]++;
        late_rural += rural && in_block(h, 0x1fu, 13.0, 15.25);
    }
    cr_log_info("grid starts: %zu urban, %zu rural (%zu rural after 13:00)", starts[0], starts[1], late_rural);
    cr_expect(gt(sz, starts[0], (size_t)100));
    cr_expect(gt(sz, late_rural, (size_t)20), "rural part-timers should work into the afternoon");
    fx_trace_free(&t);
    gov_result_destroy(r);
    gov_config_free(&cfg);
}
