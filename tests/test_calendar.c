/* Calendar tests: random schedule/cancel/pop against a sorted reference. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>

#include "../sim/sim_calendar.h"

static void noop(sim_t *s, void *t, sim_payload p) { (void)s; (void)t; (void)p; }

Test(calendar, ties_pop_in_insertion_order)
{
    sim_calendar *cal = sim_calendar_create(0);
    cr_assert(cal != NULL);
    for (uint64_t i = 0; i < 1000; i++)
        cr_assert(sim_calendar_push(cal, (double)(i % 3), noop, NULL, sim_payload_u(i)) != SIM_NO_EVENT);
    sim_event ev;
    uint64_t last[3] = {0, 0, 0};
    int seen[3] = {0, 0, 0};
    double t_prev = -1;
    while (sim_calendar_pop(cal, &ev)) {
        cr_assert(ev.time >= t_prev);
        int k = (int)ev.time;
        if (seen[k])
            cr_assert(gt(u64, ev.payload.u, last[k]));
        seen[k] = 1;
        last[k] = ev.payload.u;
        t_prev = ev.time;
    }
    sim_calendar_destroy(cal);
}
