/*
 * route_whistle.c — 街乡吹哨、部门报到: the street blows the whistle and
 * departments report. A case a department must solve goes from the grid worker
 * to the street command, which dispatches it straight to the department,
 * stationed staff first ("1+5+N"). An urgent case skips the street's queue (the
 * whistle is blown at once) so that someone is on site within the on-site limit
 * whenever a stationed staff member is free. Departments rank the street's cases
 * ahead of their own line work by the street's assessment weight w: a whistled
 * case is due after (1 - w) of the allowance their line tasks get (gov_case_key).
 */
#include "gov_model.h"

static void route(gov_model *m, gov_case *c)
{
    gov_street *st = &m->streets[m->comm[c->community].street];
    switch (c->hop) {
    case HOP_HOTLINE_INTAKE:
        gov_send(m, c, &m->hotline, HOP_HOTLINE_DISPATCH, gov_case_key(m, c, &m->hotline));
        return;
    case HOP_STREET_DISPATCH:
        gov_assign(m, c, 0.0);
        return;
    default:
        break;
    }
    if (c->resolver != GOV_RES_DEPARTMENT) {
        gov_assign(m, c, 0.0);
        return;
    }
    if (m->cfg->categories[c->category].urgent) {
        gov_assign(m, c, 0.0);
        return;
    }
    c->level = LEVEL_STREET;
    gov_send(m, c, &st->command, HOP_STREET_DISPATCH, gov_case_key(m, c, &st->command));
}

const route_ops route_whistle = {"whistle", route, NULL};
